"""Local multi-process execution of ``sentences``, ``predict`` and ``label``.

The parent process reads the input (one article at a time) and ships it to
worker processes in chunks of articles, or of table rows that keep each
document together; the workers segment, featurise and classify, and the
parent yields their rows in input order, so ``--jobs N`` writes exactly what
``--jobs 1`` writes. At most ``2 * N`` chunks are in flight, so memory stays
flat however long the input is.

Models reach the workers as file paths and are loaded once per worker, kept
in a module-level cache keyed by the file's path, modification time and
size (:func:`worker_model`); an estimator passed from Python is sent once
per worker through the pool's initializer instead. The same task functions
run on a Dask cluster (:mod:`stancekit.integrations.dask`), where the cache
keeps each worker to one load per model file.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

from stancekit.errors import InputError

__all__ = [
    "CHUNK_ARTICLES",
    "check_jobs",
    "ordered_map",
    "parallel_labeled_rows",
    "parallel_predict_rows",
    "parallel_sentence_rows",
    "worker_model",
]

# About 2,000 sentences of news: big enough that shipping the chunk costs
# little next to the work, small enough that 2 * jobs of them fit anywhere.
CHUNK_ARTICLES = 64

# Loaded models of this process: (path, mtime_ns, size) or ("object", name).
_MODELS: dict[tuple[Any, ...], Any] = {}
_MODELS_LOCK = threading.Lock()
_PRELOAD = [
    "stancekit.parallel",
    "stancekit.labeling",
    "stancekit.predict",
    "stancekit.dataset",
    "stancekit.persist",
    "stancekit.models.checkworthy",
    "stancekit.models.stance",
]


def check_jobs(jobs: int) -> int:
    """The number of processes ``jobs`` asks for; ``-1`` means one per CPU.

    Examples
    --------
    >>> check_jobs(2)
    2
    >>> check_jobs(-1) == (os.cpu_count() or 1)
    True
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs == 0 or jobs < -1:
        raise InputError(
            f"jobs must be a positive int, or -1 for one process per CPU; got {jobs!r}."
        )
    return (os.cpu_count() or 1) if jobs == -1 else jobs


# --------------------------------------------------------------------------
# Models in workers


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
    >>> from stancekit.persist import save_model
    >>> path = save_model({"w": 1}, pathlib.Path(tempfile.mkdtemp()) / "m.skmodel")
    >>> worker_model(str(path)) is worker_model(str(path))
    True
    """
    if spec is None or hasattr(spec, "predict_proba"):
        return spec  # no model, or a fitted one already
    if isinstance(spec, tuple):
        return _MODELS[spec]
    from stancekit.defaults import resolve_model
    from stancekit.persist import load_model

    path = resolve_model(spec, task).expanduser().resolve()
    try:
        stat = path.stat()
    except OSError:
        return load_model(path)  # raises the package's clear ModelFileError
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _MODELS_LOCK:
        model = _MODELS.get(key)
        if model is None:
            for old in [k for k in _MODELS if k[0] == key[0]]:
                del _MODELS[old]
            model = _MODELS[key] = load_model(path)
    return model


def _model_ref(model: Any, name: str, objects: dict[tuple[str, str], Any]) -> Any:
    """What a task carries to name ``model``: a path string, or a reference to
    an estimator that the initializer puts in each worker's cache."""
    if model is None:
        return None
    if isinstance(model, (str, os.PathLike)):
        from stancekit.defaults import DEFAULT

        if os.fspath(model) == DEFAULT:
            return DEFAULT
        # Workers may not share the parent's working folder.
        return os.path.abspath(os.path.expanduser(os.fspath(model)))
    ref = ("object", name)
    objects[ref] = model
    return ref


def _init_worker(objects: dict[tuple[str, str], Any]) -> None:
    # One BLAS/OpenMP thread per worker: N workers on N cores, not N * N threads.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    _MODELS.update(objects)


# --------------------------------------------------------------------------
# Ordered, bounded execution


def ordered_map(
    executor: Executor,
    fn: Callable[..., Any],
    chunks: Iterable[Any],
    *args: Any,
    window: int,
) -> Iterator[Any]:
    """``fn(chunk, *args)`` for each chunk on ``executor``, results in order.

    At most ``window`` chunks are submitted and not yet consumed, so the
    input is read only as fast as results are taken. Works with any
    ``concurrent.futures.Executor``, including ``distributed.Client``'s.

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as ex:
    ...     list(ordered_map(ex, sum, [[1, 2], [3], [4, 5]], window=2))
    [3, 3, 9]
    """
    pending: deque[Future] = deque()
    try:
        for chunk in chunks:
            pending.append(executor.submit(fn, chunk, *args))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def _pool_context() -> Any:
    # forkserver: workers are forked from a clean server process, so they
    # start fast without inheriting the parent's threads (fork after threads
    # can deadlock); spawn where forkserver does not exist (Windows).
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context(
        "forkserver" if "forkserver" in methods else "spawn"
    )
    if "forkserver" in methods:
        # Imported once in the server, so each worker starts with them loaded.
        ctx.set_forkserver_preload(_PRELOAD)
    return ctx


def _run(
    fn: Callable[..., Any],
    chunks: Iterable[Any],
    args: Sequence[Any],
    *,
    jobs: int,
    objects: dict[tuple[str, str], Any],
    executor: Executor | None,
) -> Iterator[Any]:
    if executor is not None:
        yield from ordered_map(executor, fn, chunks, *args, window=2 * jobs)
        return
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_pool_context(),
        initializer=_init_worker,
        initargs=(objects,),
    )
    try:
        yield from ordered_map(pool, fn, chunks, *args, window=2 * jobs)
    finally:
        # Stopped early (an error, `| head`): do not wait for queued chunks.
        pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------
# Task functions: module-level so that workers can import them


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
    from stancekit.predict import predict_rows

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
    threshold: float,
) -> list[dict[str, Any]]:
    from stancekit.labeling import label_articles

    return list(
        label_articles(
            articles,
            targets,
            worker_model(cw_ref, "checkworthy"),
            worker_model(st_ref, "stance"),
            keep=keep,
            threshold=threshold,
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
    from stancekit.articles import iter_articles
    from stancekit.dataset import _as_inputs, _check_keep, site_chunks

    _check_keep(keep)
    jobs = check_jobs(jobs)
    articles = iter_articles(_as_inputs(inputs), progress=progress)
    chunks = site_chunks(articles, CHUNK_ARTICLES)  # a site's window in one chunk
    for rows in _run(
        _sentence_chunk, chunks, (keep,), jobs=jobs, objects={}, executor=None
    ):
        yield from rows


def _predict_chunks(
    inputs: Sequence[str], progress: bool, batch_size: int
) -> Iterator[tuple[str, list[Any]]]:
    """Work of ``predict`` in input order: article chunks, and table rows in
    batches that keep a document together (context features need it)."""
    from stancekit.articles import iter_articles
    from stancekit.dataset import site_chunks
    from stancekit.predict import _batches, _table_reader

    articles: list[str] = []

    def article_chunks() -> Iterator[tuple[str, list[Any]]]:
        found = iter_articles(articles, progress=progress)
        for chunk in site_chunks(found, CHUNK_ARTICLES):
            yield "articles", chunk

    for item in inputs:
        reader = _table_reader(item)
        if reader is None:
            articles.append(item)
            continue
        if articles:
            yield from article_chunks()
            articles = []
        for batch in _batches(reader, batch_size):
            yield "rows", batch
    if articles:
        yield from article_chunks()


def _batch_size(model: Any, task: str | None) -> int:
    """Rows per chunk: stance gains from many pairs sharing a body per call."""
    from stancekit.predict import BATCH_SIZE, STANCE_BATCH_SIZE, task_of

    if task is None:
        if isinstance(model, (str, os.PathLike)):
            from stancekit.persist import read_metadata

            task = read_metadata(model).get("task")
        else:
            task = task_of(model)
    return STANCE_BATCH_SIZE if task == "stance" else BATCH_SIZE


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

    The rows are those of :func:`~stancekit.predict.predict_rows` over
    :func:`~stancekit.predict.iter_input_rows`, in the same order.

    Parameters
    ----------
    inputs : list of str
        As for :func:`~stancekit.predict.iter_input_rows`.
    model : path, "default" or fitted estimator
        A model file is loaded once per worker.
    task : {"checkworthy", "stance"}, optional
        Which default model ``"default"`` means.
    target, explain
        As for :func:`~stancekit.predict.predict_rows`.
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
        from stancekit.defaults import resolve_model

        model = resolve_model(model, task)  # build a default once, before forking
    ref = _model_ref(model, "model", objects)
    chunks = _predict_chunks(inputs, progress, _batch_size(model, task))
    args = (ref, task, target, explain)
    for rows in _run(
        _predict_chunk, chunks, args, jobs=jobs, objects=objects, executor=None
    ):
        yield from rows


def parallel_labeled_rows(
    inputs: Any,
    targets: Sequence[str] | None = None,
    *,
    checkworthy_model: Any = "default",
    stance_model: Any = "default",
    keep: str = "body",
    threshold: float = 0.5,
    jobs: int = 2,
    progress: bool = False,
    executor: Executor | None = None,
) -> Iterator[dict[str, Any]]:
    """:func:`~stancekit.labeling.iter_labeled_rows` on ``jobs`` processes.

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
    from stancekit.articles import iter_articles
    from stancekit.dataset import _as_inputs, _check_keep

    _check_keep(keep)
    jobs = check_jobs(jobs)
    objects: dict[tuple[str, str], Any] = {}
    models = []
    for model, task in ((checkworthy_model, "checkworthy"), (stance_model, "stance")):
        if executor is None and isinstance(model, (str, os.PathLike)):
            from stancekit.defaults import resolve_model

            model = resolve_model(model, task)
        if executor is not None and not (
            model is None or isinstance(model, (str, os.PathLike))
        ):
            raise InputError(
                f"{task} model must be a model file path, 'default' or None "
                f"when running on an executor; got a {type(model).__name__} "
                "(save it with stancekit.save_model and pass the path)."
            )
        models.append(_model_ref(model, task, objects))
    targets = [t for t in (targets or []) if t and t.strip()]
    articles = iter_articles(_as_inputs(inputs), progress=progress)
    chunks = _chunks(articles, CHUNK_ARTICLES)
    args = (targets, *models, keep, threshold)
    for rows in _run(
        _label_chunk, chunks, args, jobs=jobs, objects=objects, executor=executor
    ):
        yield from rows
