"""Labeling one batch of articles with fitted models: the unit of work.

:func:`label_articles` is what :func:`stancekit.pipeline.labeling.iter_labeled_rows`
runs in this process, and what worker processes
(:mod:`stancekit.pipeline.parallel`) and Dask partitions run elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from stancekit.dataset import (
    SENTENCE_COLUMNS,
    article_rows,
    site_windows,
    window_template,
)

__all__ = ["LABEL_COLUMNS", "checkworthy_threshold", "label_articles"]

# Added to the sentence columns, in this order.
LABEL_COLUMNS = {
    "checkworthy_score": "float32",
    "checkworthy": "bool",
    "target": "string",
    "stance": "string",
    "stance_score": "float32",
}
_SCORED_KINDS = frozenset({"body", "headline"})


def label_articles(
    articles: Sequence[Any],
    targets: Sequence[str],
    cw: Any,
    st: Any,
    *,
    keep: str = "body",
    threshold: float | None = None,
    min_stance_confidence: float | None = None,
) -> Iterator[dict[str, Any]]:
    """Labeled rows of a batch of articles with fitted models (or ``None``).

    The unit of work of :func:`iter_labeled_rows`, also run by worker
    processes (:mod:`stancekit.pipeline.parallel`) and Dask partitions; ``targets``
    are cleaned already (empty: each article's headline).
    """
    rows: list[dict[str, Any]] = []
    article_targets: list[list[str]] = []
    # A site's articles are read together, as `sentences` reads them, so its
    # template lines are furniture here too (callers pass whole windows).
    for window in site_windows(articles):
        template = window_template(window)
        for article in window:
            article_rows_ = article_rows(article, keep, template)
            headline = article.title or _title(article_rows_)
            wanted = list(targets) or ([headline] if headline else [])
            rows.extend(article_rows_)
            article_targets.extend([wanted] * len(article_rows_))
    yield from _label_batch(
        rows, article_targets, cw, st, threshold, min_stance_confidence
    )


def checkworthy_threshold(model: Any, threshold: float | None = None) -> float:
    """The score from which a sentence is check-worthy: ``threshold`` when
    given, else the one the model records (``decision_threshold_``: a model
    trained on a table scored by F1, see ``stancekit train``), else 0.5.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> tuned = SimpleNamespace(decision_threshold_=0.3)
    >>> checkworthy_threshold(tuned), checkworthy_threshold(tuned, 0.6)
    (0.3, 0.6)
    >>> checkworthy_threshold(None)
    0.5
    """
    if threshold is not None:
        return float(threshold)
    recorded = getattr(model, "decision_threshold_", None)
    return 0.5 if recorded is None else float(recorded)


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
    threshold: float | None,
    min_stance_confidence: float | None = None,
) -> Iterator[dict[str, Any]]:
    from stancekit.pipeline.predict import predict_rows

    threshold = checkworthy_threshold(cw, threshold)
    scored = [i for i, r in enumerate(rows) if r["kind"] in _SCORED_KINDS]
    # Repeats are scored as their first occurrence and are not neighbours of
    # anything, so a sentence gets the same score with and without --all.
    first = [i for i in scored if rows[i].get("duplicate_of") is None]
    cw_score: dict[int, float] = {}
    if cw is not None and first:
        out = predict_rows(cw, [rows[i] for i in first], batch_size=len(first))
        cw_score = {i: r["checkworthy_score"] for i, r in zip(first, out, strict=True)}
        where = {(rows[i]["article_id"], rows[i]["sentence_index"]): i for i in first}
        for i in scored:
            original = rows[i].get("duplicate_of")
            if original is not None:
                j = where.get((rows[i]["article_id"], original))
                if j is not None:
                    cw_score[i] = cw_score[j]
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
            min_stance_confidence=min_stance_confidence,
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
