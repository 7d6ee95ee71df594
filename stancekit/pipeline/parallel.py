"""``sentences``, ``predict`` and ``label`` on several processes.

The parent process reads the input (one article at a time) and ships it to
worker processes in chunks of articles, or of table rows that keep each
document together; the workers segment, featurise and classify, and the
parent yields their rows in input order (:func:`stancekit.engines.local.run_chunks`),
so ``--jobs N`` writes exactly what ``--jobs 1`` writes.

Models reach the workers as file paths and are loaded once per worker,
keyed by the file's path, modification time and size (:func:`worker_model`);
an estimator passed from Python is sent once per worker through the pool's
initializer instead. The same task functions run on a Dask cluster
(:mod:`stancekit.pipeline.distributed`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from stancekit.engines.local import (
    check_jobs,
    run_chunks,
    worker_cached,
    worker_object,
)
from stancekit.errors import InputError

__all__ = [
    "CHUNK_ARTICLES",
    "parallel_labeled_rows",
    "parallel_predict_rows",
    "parallel_sentence_rows",
    "worker_model",
]

# About 2,000 sentences of news: big enough that shipping the chunk costs
# little next to the work, small enough that 2 * jobs of them fit anywhere.
CHUNK_ARTICLES = 64
# Imported once in the worker server, so each worker starts with them loaded.
_PRELOAD = (
    "stancekit.pipeline.parallel",
    "stancekit.pipeline.label_batch",
    "stancekit.pipeline.predict",
    "stancekit.dataset",
    "stancekit.persist.files",
    "stancekit.models.checkworthy",
    "stancekit.models.stance",
)


def worker_model(spec: Any, task: str | None = None) -> Any:
    """The fitted model ``spec`` names, loaded at most once in this process.

    Parameters
    ----------
    spec : str, path, tuple, estimator or None
        A model file, ``"default"`` (the bundled model for ``task``, built
        into this machine's cache on first use), a reference registered by
        the pool initializer, a fitted model (returned as it is), or
        ``None`` (no model).
    task : {"checkworthy", "stance"}, optional
        Which default model ``"default"`` means.

    Returns
    -------
    estimator or None
        The same object on every call while the file is unchanged; a file
        rewritten in place (new modification time or size) is loaded anew.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from stancekit.persist.files import save_model
    >>> path = save_model({"w": 1}, pathlib.Path(tempfile.mkdtemp()) / "m.skmodel")
    >>> worker_model(str(path)) is worker_model(str(path))
    True
    """
    if spec is None or hasattr(spec, "predict_proba"):
        return spec  # no model, or a fitted one already
    if isinstance(spec, tuple):
        return worker_object(spec)
    from stancekit.pipeline.resolve import load_task_model, resolve_model

    path = resolve_model(spec, task).resolve()  # ~ expanded there
    try:
        stat = path.stat()
    except OSError:
        return load_task_model(path, task)  # the package's clear ModelFileError
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    # The same loading as one process: "default" heals a damaged cache entry.
    # Without its version warnings: the process that started the workers
    # gives them once (version_notes).
    return worker_cached(key, lambda: _quiet(load_task_model, spec, task))


def _quiet(load: Any, *args: Any) -> Any:
    import warnings

    from stancekit.errors import VersionWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", VersionWarning)
        return load(*args)


def version_notes(model: Any) -> list[str]:
    """The version warnings of the model file ``model`` names
    (:func:`stancekit.persist.files.version_warnings`), for the process that
    starts workers to give once (:func:`_warned_after_first`), since the
    workers load the file without them."""
    from stancekit.persist.files import version_warnings

    if not isinstance(model, (str, os.PathLike)):
        return []
    path = Path(os.path.expanduser(os.fspath(model)))
    if not path.is_file():
        return []  # "default" on an executor, or a missing file the workers report
    try:
        return version_warnings(path)
    except Exception:  # an unreadable file: the workers raise its clear error
        return []


def _warned_after_first(
    batches: Iterator[list[dict[str, Any]]], notes: list[str]
) -> Iterator[dict[str, Any]]:
    """The rows of ``batches``, with the version warnings ``notes`` given
    once the first batch came back: its workers loaded the model, so a file
    that fails its safety scan gets only its error."""
    import warnings

    from stancekit.errors import VersionWarning

    for rows in batches:
        for message in notes:
            warnings.warn(message, VersionWarning, stacklevel=3)
        notes = []
        yield from rows


def file_for_workers(model: str | os.PathLike, task: str | None) -> Path:
    """The model file the local workers load for ``model``: ``"default"`` is
    built once here, before forking, and a damaged cache entry rebuilt
    (the workers load the path as any model file, which does not heal)."""
    from stancekit.pipeline.resolve import DEFAULT, resolve_model

    if os.fspath(model) == DEFAULT and task is not None:
        from stancekit.pipeline.defaults import ensure_default_model

        return ensure_default_model(task, whole=True)
    return resolve_model(model, task)


def model_ref(model: Any, name: str, objects: dict[tuple[str, str], Any]) -> Any:
    """What a task carries to name ``model``: a path string, or a reference to
    an estimator that the initializer puts in each worker's cache."""
    if model is None:
        return None
    if isinstance(model, (str, os.PathLike)):
        from stancekit.pipeline.resolve import DEFAULT

        if os.fspath(model) == DEFAULT:
            return DEFAULT
        # Workers may not share the parent's working folder.
        return os.path.abspath(os.path.expanduser(os.fspath(model)))
    ref = ("object", name)
    objects[ref] = model
    return ref


def _sentence_chunk(articles: list[Any], keep: str) -> list[dict[str, Any]]:
    from stancekit.dataset import _chunk_rows

    return _chunk_rows(articles, keep)


def _predict_chunk(
    chunk: tuple[str, list[Any]],
    model_ref: Any,
    task: str | None,
    target: str | None,
    explain: bool,
) -> list[dict[str, Any]]:
    from stancekit.pipeline.predict import predict_rows

    kind, items = chunk
    rows = _sentence_chunk(items, "body") if kind == "articles" else items
    if not rows:
        return []
    model = worker_model(model_ref, task)
    return list(
        predict_rows(model, rows, target=target, explain=explain, batch_size=len(rows))
    )


def _label_chunk(
    articles: list[Any],
    targets: list[str],
    cw_ref: Any,
    st_ref: Any,
    keep: str,
    threshold: float | None,
    min_stance_confidence: float | None = None,
) -> list[dict[str, Any]]:
    from stancekit.pipeline.label_batch import label_articles

    return list(
        label_articles(
            articles,
            targets,
            worker_model(cw_ref, "checkworthy"),
            worker_model(st_ref, "stance"),
            keep=keep,
            threshold=threshold,
            min_stance_confidence=min_stance_confidence,
        )
    )


# --------------------------------------------------------------------------
# The three jobs


def parallel_sentence_rows(
    inputs: Any,
    keep: str = "body",
    *,
    jobs: int = 2,
    progress: bool = False,
) -> Iterator[dict[str, Any]]:
    """:func:`~stancekit.dataset.iter_sentence_rows` on ``jobs`` processes.

    Yields the same rows in the same order; see there for the arguments.

    Examples
    --------
    >>> rows = parallel_sentence_rows([{"id": "x", "text": "One. Two."}], jobs=2)
    >>> [r["text"] for r in rows]  # doctest: +SKIP
    ['One.', 'Two.']
    """
    from stancekit.dataset import _as_inputs, _check_keep, site_chunks
    from stancekit.io.articles import iter_articles

    _check_keep(keep)
    jobs = check_jobs(jobs)
    articles = iter_articles(_as_inputs(inputs), progress=progress)
    chunks = site_chunks(articles, CHUNK_ARTICLES)  # a site's window in one chunk
    for rows in run_chunks(
        _sentence_chunk, chunks, (keep,), jobs=jobs, preload=_PRELOAD
    ):
        yield from rows


def _predict_chunks(
    inputs: Sequence[str], progress: bool, batch_size: int
) -> Iterator[tuple[str, list[Any]]]:
    """Work of ``predict`` in input order: article chunks, and table rows in
    batches that keep a document together (context features need it)."""
    from stancekit.dataset import site_chunks
    from stancekit.io.articles import iter_articles
    from stancekit.pipeline.predict import _batches, input_runs

    for articles, reader in input_runs(inputs):
        if reader is not None:
            for batch in _batches(reader, batch_size):
                yield "rows", batch
            continue
        found = iter_articles(articles, progress=progress)
        for chunk in site_chunks(found, CHUNK_ARTICLES):
            yield "articles", chunk


def _batch_size(model: Any, task: str | None) -> int:
    """Rows per chunk: stance gains from many pairs sharing a body per call."""
    from stancekit.tasks import TASKS, task_of

    if task is None:
        if isinstance(model, (str, os.PathLike)):
            from stancekit.persist.files import read_metadata

            task = read_metadata(model).get("task")
        else:
            task = task_of(model)
    return TASKS[task].batch_size if task in TASKS else TASKS["checkworthy"].batch_size


def parallel_predict_rows(
    inputs: Sequence[str],
    model: Any,
    *,
    task: str | None = None,
    target: str | None = None,
    explain: bool = False,
    jobs: int = 2,
    progress: bool = False,
) -> Iterator[dict[str, Any]]:
    """``stancekit predict`` on ``jobs`` processes: read, classify, in order.

    The rows are those of :func:`~stancekit.pipeline.predict.predict_rows` over
    :func:`~stancekit.pipeline.predict.iter_input_rows`, in the same order.

    Parameters
    ----------
    inputs : list of str
        As for :func:`~stancekit.pipeline.predict.iter_input_rows`.
    model : path, "default" or fitted estimator
        A model file is loaded once per worker.
    task : {"checkworthy", "stance"}, optional
        Which default model ``"default"`` means.
    target, explain
        As for :func:`~stancekit.pipeline.predict.predict_rows`.
    jobs : int, default=2
        Worker processes; ``-1`` for one per CPU.
    progress : bool, default=False

    Examples
    --------
    >>> rows = parallel_predict_rows(["news/"], "cw.skmodel", jobs=2)  # doctest: +SKIP
    """
    jobs = check_jobs(jobs)
    objects: dict[tuple[str, str], Any] = {}
    if isinstance(model, (str, os.PathLike)):
        model = file_for_workers(model, task)
    notes = version_notes(model)
    ref = model_ref(model, "model", objects)
    chunks = _predict_chunks(inputs, progress, _batch_size(model, task))
    args = (ref, task, target, explain)
    batches = run_chunks(
        _predict_chunk, chunks, args, jobs=jobs, objects=objects, preload=_PRELOAD
    )
    yield from _warned_after_first(batches, notes)


def parallel_labeled_rows(
    inputs: Any,
    targets: Sequence[str] | None = None,
    *,
    checkworthy_model: Any = "default",
    stance_model: Any = "default",
    keep: str = "body",
    threshold: float | None = None,
    jobs: int = 2,
    progress: bool = False,
    executor: Executor | None = None,
    min_stance_confidence: float | None = None,
) -> Iterator[dict[str, Any]]:
    """:func:`~stancekit.pipeline.labeling.iter_labeled_rows` on ``jobs`` processes.

    Yields the same rows in the same order; see there for the arguments.

    Parameters
    ----------
    jobs : int, default=2
        Worker processes (``-1``: one per CPU); with ``executor``, the number
        of chunks to keep busy at once is ``2 * jobs``.
    executor : concurrent.futures.Executor, optional
        Run the chunks there instead of on a local process pool, e.g. a
        Dask ``Client.get_executor()``. Models must then be file paths the
        workers can read, or ``"default"`` (each worker's own cache).

    Examples
    --------
    >>> rows = parallel_labeled_rows(["news/"], jobs=2)  # doctest: +SKIP
    """
    from stancekit.dataset import _as_inputs, _check_keep, site_chunks
    from stancekit.io.articles import iter_articles

    _check_keep(keep)
    jobs = check_jobs(jobs)
    objects: dict[tuple[str, str], Any] = {}
    models, notes = [], []
    for model, task in ((checkworthy_model, "checkworthy"), (stance_model, "stance")):
        if executor is None and isinstance(model, (str, os.PathLike)):
            model = file_for_workers(model, task)
        notes += version_notes(model)
        if executor is not None and not (
            model is None or isinstance(model, (str, os.PathLike))
        ):
            raise InputError(
                f"{task} model must be a model file path, 'default' or None "
                f"when running on an executor; got a {type(model).__name__} "
                "(save it with stancekit.save_model and pass the path)."
            )
        models.append(model_ref(model, task, objects))
    targets = [t for t in (targets or []) if t and t.strip()]
    articles = iter_articles(_as_inputs(inputs), progress=progress)
    chunks = site_chunks(articles, CHUNK_ARTICLES)
    args = (targets, *models, keep, threshold, min_stance_confidence)
    batches = run_chunks(
        _label_chunk,
        chunks,
        args,
        jobs=jobs,
        objects=objects,
        executor=executor,
        preload=_PRELOAD,
    )
    yield from _warned_after_first(batches, notes)
