"""The main job: articles -> sentences -> check-worthiness and stance.

Rows come from the dataset module; each sentence gets ``checkworthy_score``
and ``checkworthy`` and, for each target, one row with ``target``,
``stance`` and ``stance_score`` (long format: a sentence with two targets
gives two rows, so tables stay flat). Without a target, an article's
headline is its target.

Work is done in batches of sentences across articles, so models see large
matrices and memory stays flat however many articles stream through.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from stancekit.dataset import SENTENCE_COLUMNS, _as_inputs, site_chunks
from stancekit.io.articles import iter_articles
from stancekit.pipeline.label_batch import LABEL_COLUMNS, label_articles
from stancekit.pipeline.resolve import load_task_model

if TYPE_CHECKING:  # pragma: no cover
    import datasets

__all__ = [
    "LABEL_COLUMNS",
    "iter_labeled_rows",
    "label",
    "label_articles",
    "load_task_model",
]

_BATCH_ARTICLES = 64


def label_features() -> datasets.Features:
    import datasets

    columns = {**SENTENCE_COLUMNS, **LABEL_COLUMNS}
    return datasets.Features({k: datasets.Value(v) for k, v in columns.items()})


def iter_labeled_rows(
    inputs: Any,
    targets: Sequence[str] | None = None,
    *,
    checkworthy_model: Any = "default",
    stance_model: Any = "default",
    keep: str = "body",
    threshold: float | None = None,
    progress: bool = False,
    jobs: int = 1,
    min_stance_confidence: float | None = None,
) -> Iterator[dict[str, Any]]:
    """Stream labeled sentence rows; see :func:`label` for the arguments."""
    st = None
    if min_stance_confidence is not None:
        # refused before any article is read or a default model is built
        st = load_task_model(stance_model, "stance")
        _check_can_abstain(st)
    if jobs != 1:
        from stancekit.pipeline.parallel import parallel_labeled_rows

        yield from parallel_labeled_rows(
            inputs,
            targets,
            checkworthy_model=checkworthy_model,
            stance_model=stance_model,
            keep=keep,
            threshold=threshold,
            jobs=jobs,
            progress=progress,
            min_stance_confidence=min_stance_confidence,
        )
        return
    cw = load_task_model(checkworthy_model, "checkworthy")
    st = st if st is not None else load_task_model(stance_model, "stance")
    targets = [t for t in (targets or []) if t and t.strip()]
    articles = iter_articles(_as_inputs(inputs), progress=progress)
    for batch in site_chunks(articles, _BATCH_ARTICLES):
        yield from label_articles(
            batch,
            targets,
            cw,
            st,
            keep=keep,
            threshold=threshold,
            min_stance_confidence=min_stance_confidence,
        )


def _check_can_abstain(model: Any) -> None:
    """Refuse a confidence floor for a stance model with no ``none`` label."""
    from stancekit.errors import InputError
    from stancekit.models.stance import abstain_label

    if abstain_label(model.classes_) is None:
        raise InputError(
            "min_stance_confidence needs a stance model that can abstain, with a "
            "'none' (or 'neutral'/'observing') label; this one has "
            f"{[str(c) for c in model.classes_]}."
        )


def label(
    inputs: str | os.PathLike | Iterable[Any],
    targets: Sequence[str] | str | None = None,
    *,
    checkworthy_model: Any = "default",
    stance_model: Any = "default",
    keep: str = "body",
    threshold: float | None = None,
    progress: bool = False,
    jobs: int = 1,
    min_stance_confidence: float | None = None,
) -> datasets.Dataset:
    """Label every sentence of some articles for check-worthiness and stance.

    Parameters
    ----------
    inputs : path, iterable, or datasets.Dataset
        Anything :func:`stancekit.articles_to_dataset` takes.
    targets : str or list of str, optional
        Targets to measure stance toward. Without one, each article's
        headline is its target.
    checkworthy_model, stance_model : estimator, path, "default" or None
        Fitted models, model files, the bundled defaults, or ``None`` to skip
        that task.
    keep : {"body", "all"}
        As in :func:`stancekit.articles_to_dataset`; rows that are not body
        or headline text are not scored.
    threshold : float, optional
        ``checkworthy`` is ``checkworthy_score >= threshold``. By default the
        threshold the check-worthiness model records (a model trained on a
        table scored by F1, see ``stancekit train``), else 0.5.
    progress : bool
        Report progress on stderr.
    jobs : int, default=1
        Worker processes (``-1``: one per CPU); the rows and their order do
        not depend on it. See :mod:`stancekit.pipeline.parallel`.
    min_stance_confidence : float, optional
        Show a favor/against stance only when its probability is at least
        this; otherwise ``none``. By default the threshold the stance model
        records (the bundled default's was chosen on held-out folds for
        precision); ``0`` shows every stance the model leans to.

    Returns
    -------
    datasets.Dataset
        The sentence columns plus ``checkworthy_score``, ``checkworthy``,
        ``target``, ``stance`` and ``stance_score``; one row per sentence
        and target.

    Examples
    --------
    >>> ds = label(["data/examples/scraped-article.txt"])  # doctest: +SKIP
    >>> ds.sort("checkworthy_score", reverse=True)[0]["text"]  # doctest: +SKIP
    """
    import datasets

    if isinstance(targets, str):
        targets = [targets]
    rows = list(
        iter_labeled_rows(
            inputs,
            targets,
            checkworthy_model=checkworthy_model,
            stance_model=stance_model,
            keep=keep,
            threshold=threshold,
            progress=progress,
            jobs=jobs,
            min_stance_confidence=min_stance_confidence,
        )
    )
    features = label_features()
    if rows and set(rows[0]) - set(features):
        return datasets.Dataset.from_list(rows)
    return datasets.Dataset.from_list(rows, features=features)
