"""Label articles on a Dask cluster: a Python entry point and the CLI engine.

:func:`label_dask` takes a Dask DataFrame (columns ``text`` and optional
``id``, ``title``, ``url``, ``published``) or a Dask Bag of article dicts and
returns a lazy Dask DataFrame of labeled sentence rows, one partition per
input partition, built with an explicit ``meta`` so nothing is computed to
learn the schema. :func:`label_on_cluster` is ``stancekit label --engine
dask``: it reads local article files and streams chunks of them through a
``distributed.Client``, in order and with a bounded number in flight.

Models travel as file paths (or ``"default"``) and every worker loads each
file once (:func:`stancekit.pipeline.parallel.worker_model`), so the file must be
readable at the same path on every worker; ``"default"`` means the bundled
model in each worker's own cache, built there on first use. A fitted
estimator given from Python is sent to the cluster once, as one shared
object of the task graph.

Dask and distributed are optional (the ``dask`` extra), imported through
:func:`stancekit.engines.dask.require`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from typing import Any

from stancekit.engines.dask import cluster_executor, require
from stancekit.errors import InputError

__all__ = ["label_dask", "label_on_cluster", "labeled_meta"]

_ARTICLE_FIELDS = ("text", "id", "title", "url", "published")


def _pandas_dtypes(extra: Sequence[str] = ()) -> dict[str, str]:
    from stancekit.dataset import SENTENCE_COLUMNS
    from stancekit.pipeline.label_batch import LABEL_COLUMNS

    # Nullable kinds where a value may be missing: duplicate_of of a first
    # occurrence, checkworthy of rows that are not scored (keep="all").
    by_type = {"string": "object", "int32": "int32", "bool": "bool"}
    dtypes = {
        name: by_type.get(kind, kind)
        for name, kind in {**SENTENCE_COLUMNS, **LABEL_COLUMNS}.items()
    }
    dtypes.update(duplicate_of="Int32", checkworthy="boolean")
    dtypes.update({name: "object" for name in extra if name not in dtypes})
    return dtypes


def labeled_meta(extra: Sequence[str] = ()) -> Any:
    """The empty pandas DataFrame that describes :func:`label_dask`'s output.

    Parameters
    ----------
    extra : sequence of str
        Extra columns of the article table, carried on every row.

    Examples
    --------
    >>> meta = labeled_meta()
    >>> list(meta.columns[-5:])
    ['checkworthy_score', 'checkworthy', 'target', 'stance', 'stance_score']
    >>> str(meta["sentence_index"].dtype), str(meta["stance_score"].dtype)
    ('int32', 'float32')
    """
    return _frame([], _pandas_dtypes(extra))


def _frame(rows: list[dict[str, Any]], dtypes: dict[str, str]) -> Any:
    import pandas as pd

    return pd.DataFrame.from_records(rows, columns=list(dtypes)).astype(dtypes)


def _missing(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (type(value).__name__ in ("NAType", "NaTType"))
    )


def _label_records(
    records: Sequence[dict[str, Any]],
    targets: list[str],
    cw: Any,
    st: Any,
    keep: str,
    threshold: float | None,
    dtypes: dict[str, str],
    min_stance_confidence: float | None = None,
) -> Any:
    """One partition of article records -> a pandas frame of labeled rows."""
    from stancekit.io.articles import iter_articles
    from stancekit.pipeline.parallel import _label_chunk

    cleaned = [
        {k: (None if _missing(v) else v) for k, v in record.items()}
        for record in records
    ]
    articles = list(iter_articles(cleaned))
    rows = _label_chunk(
        articles, targets, cw, st, keep, threshold, min_stance_confidence
    )
    return _frame(rows, dtypes)


def _label_partition(frame: Any, *args: Any) -> Any:
    return _label_records(frame.to_dict("records"), *args)


def _model_arg(model: Any, task: str) -> Any:
    """A model as the tasks carry it: a path string, "default", None, or a
    Delayed estimator shared by every partition."""
    if model is None:
        return None
    if isinstance(model, (str, os.PathLike)):
        from stancekit.pipeline.parallel import model_ref

        return model_ref(model, task, {})
    if not hasattr(model, "predict_proba"):
        raise TypeError(
            f"{task}_model must be a model file path, 'default', None or a fitted "
            f"stancekit model; got {type(model).__name__}."
        )
    import dask

    return dask.delayed(model, pure=True)


def _warn_versions(*models: Any) -> None:
    """The version warnings of model files this machine can read, given
    here: the workers load them without (one warning, not one per worker)."""
    import warnings

    from stancekit.errors import VersionWarning
    from stancekit.pipeline.parallel import version_notes

    for model in models:
        for message in version_notes(model):
            warnings.warn(message, VersionWarning, stacklevel=3)


def label_dask(
    articles: Any,
    targets: Sequence[str] | str | None = None,
    *,
    checkworthy_model: Any = "default",
    stance_model: Any = "default",
    keep: str = "body",
    threshold: float | None = None,
    min_stance_confidence: float | None = None,
) -> Any:
    """Label the sentences of a Dask collection of articles, lazily.

    The rows are those of :func:`stancekit.label` on the same articles, in
    the same order within each partition.

    Parameters
    ----------
    articles : dask.dataframe.DataFrame or dask.bag.Bag
        A DataFrame with ``text`` and optional ``id``, ``title``, ``url``,
        ``published`` (other columns are carried on every row), or a Bag of
        such dicts (only the standard columns come out).
    targets : str or list of str, optional
        Targets of stance; without one, each article's headline.
    checkworthy_model, stance_model : path, "default", fitted model or None
        A path must be readable at that path on every worker; ``"default"``
        is each worker's bundled model; ``None`` skips the task.
    keep : {"body", "all"}
    threshold : float, optional
        As for :func:`stancekit.label`: check-worthy from this score on; by
        default the model's recorded threshold, else 0.5.
    min_stance_confidence : float, optional
        As for :func:`stancekit.label`: favor/against only at this
        probability or more, else ``none``; by default the stance model's
        own threshold.

    Returns
    -------
    dask.dataframe.DataFrame
        The sentence columns plus ``checkworthy_score``, ``checkworthy``,
        ``target``, ``stance``, ``stance_score``; nothing is computed yet.

    Examples
    --------
    >>> import dask.dataframe as dd, pandas as pd  # doctest: +SKIP
    >>> frame = dd.from_pandas(pd.DataFrame({"text": ["Taxes rose 5%."]}),
    ...                        npartitions=1)  # doctest: +SKIP
    >>> label_dask(frame, "Taxes should rise").compute()  # doctest: +SKIP
    """
    require("dask.dataframe")
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    from stancekit.dataset import _check_keep

    _check_keep(keep)
    if isinstance(targets, str):
        targets = [targets]
    targets = [t for t in (targets or []) if t and t.strip()]
    cw = _model_arg(checkworthy_model, "checkworthy")
    st = _model_arg(stance_model, "stance")
    if isinstance(articles, dd.DataFrame):
        if "text" not in articles.columns:
            raise InputError(
                "articles must have a 'text' column (optional: id, title, url, "
                f"published); found columns {list(articles.columns)}."
            )
        extra = [c for c in articles.columns if c not in _ARTICLE_FIELDS]
        dtypes = _pandas_dtypes(extra)
        _warn_versions(checkworthy_model, stance_model)
        return articles.map_partitions(
            _label_partition,
            targets,
            cw,
            st,
            keep,
            threshold,
            dtypes,
            min_stance_confidence,
            meta=_frame([], dtypes),
            enforce_metadata=False,
            align_dataframes=False,
        )
    if isinstance(articles, db.Bag):
        dtypes = _pandas_dtypes()
        _warn_versions(checkworthy_model, stance_model)
        task = dask.delayed(_label_records, pure=True)
        parts = [
            task(part, targets, cw, st, keep, threshold, dtypes, min_stance_confidence)
            for part in articles.to_delayed()
        ]
        return dd.from_delayed(parts, meta=_frame([], dtypes), verify_meta=False)
    raise TypeError(
        "articles must be a dask.dataframe.DataFrame or a dask.bag.Bag of "
        f"article dicts; got {type(articles).__name__}."
    )


def _check_local_models(*models: tuple[str, Any]) -> None:
    """The models a local cluster's workers will load, made ready before it
    starts (they share this machine's files and cache): a model file is
    checked whole, so a missing or damaged one is one clear error here, not
    a failed task on every worker; ``"default"`` is built, or a damaged
    cache entry rebuilt, once here rather than in each worker."""
    from stancekit.persist.files import check_whole
    from stancekit.pipeline.parallel import file_for_workers
    from stancekit.pipeline.resolve import DEFAULT

    for task, model in models:
        if not isinstance(model, (str, os.PathLike)):
            continue
        path = file_for_workers(model, task)  # "default": built or healed whole
        if os.fspath(model) != DEFAULT:
            check_whole(path)


def label_on_cluster(
    inputs: Any,
    targets: Sequence[str] | None = None,
    *,
    scheduler: str | None = None,
    jobs: int = 1,
    checkworthy_model: Any = "default",
    stance_model: Any = "default",
    keep: str = "body",
    threshold: float | None = None,
    progress: bool = False,
    min_stance_confidence: float | None = None,
) -> Iterator[dict[str, Any]]:
    """``stancekit label --engine dask``: stream labeled rows from a cluster.

    Articles are read here, shipped in chunks to the cluster's workers and
    their rows yielded in input order, as
    :func:`~stancekit.pipeline.labeling.iter_labeled_rows` gives them.

    Parameters
    ----------
    inputs, targets, checkworthy_model, stance_model, keep, threshold, progress
    min_stance_confidence
        As for :func:`~stancekit.pipeline.labeling.iter_labeled_rows`; models are
        paths every worker can read, or ``"default"``.
    scheduler : str, optional
        The scheduler's address (``tcp://10.0.0.5:8786``). Without it, a
        local cluster of ``jobs`` worker processes is started and stopped.
    jobs : int, default=1
        Workers of the local cluster (``-1``: one per CPU).

    Examples
    --------
    >>> rows = label_on_cluster(["news/"], scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP
    """
    from stancekit.pipeline.parallel import parallel_labeled_rows

    if scheduler is None:
        _check_local_models(
            ("checkworthy", checkworthy_model), ("stance", stance_model)
        )
    with cluster_executor(scheduler, jobs) as (executor, busy):
        yield from parallel_labeled_rows(
            inputs,
            targets,
            checkworthy_model=checkworthy_model,
            stance_model=stance_model,
            keep=keep,
            threshold=threshold,
            jobs=busy,
            progress=progress,
            executor=executor,
            min_stance_confidence=min_stance_confidence,
        )
