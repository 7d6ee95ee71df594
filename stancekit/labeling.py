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
from itertools import islice
from typing import TYPE_CHECKING, Any

from stancekit.articles import iter_articles
from stancekit.dataset import SENTENCE_COLUMNS, _as_inputs, article_rows

if TYPE_CHECKING:  # pragma: no cover
    import datasets

__all__ = [
    "LABEL_COLUMNS",
    "iter_labeled_rows",
    "label",
    "label_articles",
    "load_task_model",
]

# The module is not named label.py so that `stancekit.label` stays the function.
# Added to the sentence columns, in this order.
LABEL_COLUMNS = {
    "checkworthy_score": "float32",
    "checkworthy": "bool",
    "target": "string",
    "stance": "string",
    "stance_score": "float32",
}
_SCORED_KINDS = frozenset({"body", "headline"})
_BATCH_ARTICLES = 64


def load_task_model(model: Any, task: str) -> Any:
    """A fitted model from an estimator, a model file path, or ``"default"``."""
    if model is None or hasattr(model, "predict"):
        return model
    from stancekit.defaults import resolve_model
    from stancekit.persist import load_model

    return load_model(resolve_model(model, task))


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
    threshold: float = 0.5,
    progress: bool = False,
    jobs: int = 1,
) -> Iterator[dict[str, Any]]:
    """Stream labeled sentence rows; see :func:`label` for the arguments."""
    if jobs != 1:
        from stancekit.parallel import parallel_labeled_rows

        yield from parallel_labeled_rows(
            inputs,
            targets,
            checkworthy_model=checkworthy_model,
            stance_model=stance_model,
            keep=keep,
            threshold=threshold,
            jobs=jobs,
            progress=progress,
        )
        return
    cw = load_task_model(checkworthy_model, "checkworthy")
    st = load_task_model(stance_model, "stance")
    targets = [t for t in (targets or []) if t and t.strip()]
    articles = iter_articles(_as_inputs(inputs), progress=progress)
    while batch := list(islice(articles, _BATCH_ARTICLES)):
        yield from label_articles(
            batch, targets, cw, st, keep=keep, threshold=threshold
        )


def label_articles(
    articles: Sequence[Any],
    targets: Sequence[str],
    cw: Any,
    st: Any,
    *,
    keep: str = "body",
    threshold: float = 0.5,
) -> Iterator[dict[str, Any]]:
    """Labeled rows of a batch of articles with fitted models (or ``None``).

    The unit of work of :func:`iter_labeled_rows`, also run by worker
    processes (:mod:`stancekit.parallel`) and Dask partitions; ``targets``
    are cleaned already (empty: each article's headline).
    """
    rows: list[dict[str, Any]] = []
    article_targets: list[list[str]] = []
    for article in articles:
        article_rows_ = article_rows(article, keep)
        headline = article.title or _title(article_rows_)
        wanted = list(targets) or ([headline] if headline else [])
        rows.extend(article_rows_)
        article_targets.extend([wanted] * len(article_rows_))
    yield from _label_batch(rows, article_targets, cw, st, threshold)


def _title(rows: list[dict[str, Any]]) -> str | None:
    """The article's title: its first run of adjacent headline rows.

    A two-sentence title is two headline rows; later headline rows are
    subheads and not part of it.
    """
    title: list[dict[str, Any]] = []
    for row in rows:
        if row["kind"] == "body":
            break  # a headline after the story has started is a subhead
        if row["kind"] != "headline":
            if title:
                break
            continue
        if title and row["sentence_index"] != title[-1]["sentence_index"] + 1:
            break
        title.append(row)
    return " ".join(r["text"] for r in title) or None


def _label_batch(
    rows: list[dict[str, Any]],
    targets: list[list[str]],
    cw: Any,
    st: Any,
    threshold: float,
) -> Iterator[dict[str, Any]]:
    from stancekit.predict import predict_rows

    scored = [i for i, r in enumerate(rows) if r["kind"] in _SCORED_KINDS]
    cw_score: dict[int, float] = {}
    if cw is not None and scored:
        out = predict_rows(cw, [rows[i] for i in scored], batch_size=len(scored))
        cw_score = {i: r["checkworthy_score"] for i, r in zip(scored, out, strict=True)}
    pairs = [(i, t) for i in scored for t in targets[i]]
    stance: dict[tuple[int, str], tuple[Any, float]] = {}
    if st is not None and pairs:
        out = predict_rows(
            st,
            [
                {
                    "target": t,
                    "text": rows[i]["text"],
                    "article_id": rows[i]["article_id"],
                }
                for i, t in pairs
            ],
            batch_size=len(pairs),
        )
        stance = {
            p: (r["stance"], r["stance_score"]) for p, r in zip(pairs, out, strict=True)
        }
    for i, row in enumerate(rows):
        score = cw_score.get(i)
        base = {
            **{k: row.get(k) for k in SENTENCE_COLUMNS},
            "checkworthy_score": score,
            "checkworthy": None if score is None else bool(score >= threshold),
        }
        extra = {k: v for k, v in row.items() if k not in SENTENCE_COLUMNS}
        for target in targets[i] or [None]:
            label_, st_score = stance.get((i, target), (None, None))
            yield {
                **base,
                "target": target,
                "stance": None if label_ is None else str(label_),
                "stance_score": st_score,
                **extra,
            }


def label(
    inputs: str | os.PathLike | Iterable[Any],
    targets: Sequence[str] | str | None = None,
    *,
    checkworthy_model: Any = "default",
    stance_model: Any = "default",
    keep: str = "body",
    threshold: float = 0.5,
    progress: bool = False,
    jobs: int = 1,
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
    threshold : float
        ``checkworthy`` is ``checkworthy_score >= threshold``.
    progress : bool
        Report progress on stderr.
    jobs : int, default=1
        Worker processes (``-1``: one per CPU); the rows and their order do
        not depend on it. See :mod:`stancekit.parallel`.

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
        )
    )
    features = label_features()
    if rows and set(rows[0]) - set(features):
        return datasets.Dataset.from_list(rows)
    return datasets.Dataset.from_list(rows, features=features)
