"""Task metrics: classification, ranking, calibration, FNC-1 and SemEval scores.

Every figure is a fraction between 0 and 1, and every result is built from
plain Python values (``float``, ``int``, ``str`` keys) so that it can go
straight into ``json.dumps``: :func:`evaluate` returns the one JSON object
that ``stancekit evaluate --json`` prints.

Conventions shared by the functions below (see ``docs/metrics.md``):

- Labels may be strings or integers; they keep their names. Dictionary keys
  built from labels (``per_class``) are ``str(label)``; label lists
  (``confusion_matrix["labels"]``) keep the labels' own type.
- Ranking metrics follow the CLEF CheckThat! Task 1 scorer: lines are ranked
  by descending score within their group, ties keep input order, a group
  with no positive line counts with average precision 0, and P@k divides by
  k even when a group has fewer than k lines.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import numpy as np
from sklearn.metrics import average_precision_score, precision_recall_fscore_support

from stancekit.errors import InputError, LabelError
from stancekit.tasks import positive_label

__all__ = [
    "classification_report",
    "ranking_metrics",
    "document_groups",
    "calibration",
    "fnc_score",
    "f_avg",
    "evaluate",
    "FNC_LABELS",
    "DEFAULT_KS",
]

FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
_FNC_RELATED = frozenset({"agree", "disagree", "discuss"})
# SemEval-2016 writes FAVOR/AGAINST; our own corpus may use lower case.
# Either spelling is accepted as a whole, never mixed (see docs/metrics.md).
_STANCE_PAIRS = (("FAVOR", "AGAINST"), ("favor", "against"))
DEFAULT_KS = (1, 3, 5, 10, 20, 50)


# --------------------------------------------------------------------------
# Input checks shared by the metrics


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds; anything else unchanged."""
    return value.item() if isinstance(value, np.generic) else value


def _is_missing(value: Any) -> bool:
    # pandas.NA is checked by type name so that metrics need no pandas.
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or type(value).__name__ == "NAType"
    )


def _labels_list(name: str, values: Iterable[Any]) -> list[Any]:
    if isinstance(values, (str, bytes)):
        raise InputError(
            f"{name} must be a sequence of labels; got a string {values!r}."
        )
    out = [_plain(v) for v in values]
    missing = sum(1 for v in out if _is_missing(v))
    if missing:
        raise LabelError(
            f"{name} must not contain missing labels; got {missing} of {len(out)} "
            "missing (None/NaN/NA)."
        )
    return out


def _pair(y_true: Iterable[Any], y_pred: Iterable[Any]) -> tuple[list[Any], list[Any]]:
    t = _labels_list("y_true", y_true)
    p = _labels_list("y_pred", y_pred)
    if len(t) != len(p):
        raise InputError(
            f"y_true and y_pred must have the same length; got {len(t)} and {len(p)}."
        )
    if not t:
        raise InputError("y_true must not be empty; got 0 rows.")
    return t, p


def _sorted_labels(values: Iterable[Any]) -> list[Any]:
    unique = list(dict.fromkeys(values))
    try:
        return sorted(unique)
    except TypeError:
        kinds = sorted({type(v).__name__ for v in unique})
        raise LabelError(
            f"labels must all be strings or all be numbers; got a mix of {kinds}."
        ) from None


def _scores(name: str, values: Iterable[float], n: int) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1:
        raise InputError(
            f"{name} must be one score per row (a 1-D array); got shape {arr.shape}."
        )
    if len(arr) != n:
        raise InputError(f"{name} must have one value per row ({n}); got {len(arr)}.")
    if not np.all(np.isfinite(arr)):
        raise InputError(f"{name} must be finite numbers; got NaN or infinity.")
    return arr


# --------------------------------------------------------------------------
# Classification


def classification_report(
    y_true: Iterable[Any], y_pred: Iterable[Any], labels: Sequence[Any] | None = None
) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix.

    Parameters
    ----------
    y_true, y_pred : sequence of str or int
        Gold and predicted labels, one per row.
    labels : sequence, optional
        The label set and its order. Default: the sorted union of both
        inputs. Give the model's ``classes_`` so that a class that never
        occurs still gets a row (with F1 0).

    Returns
    -------
    dict
        ``accuracy``, ``macro_f1`` (unweighted mean of the per-class F1 over
        ``labels``), ``per_class`` ``{str(label): {precision, recall, f1,
        support}}`` and ``confusion_matrix`` ``{"labels": [...], "matrix":
        [[...]]}`` with gold labels as rows and predictions as columns.
        Precision of a class never predicted is 0.

    Examples
    --------
    >>> r = classification_report(["a", "a", "b"], ["a", "b", "b"])
    >>> round(r["accuracy"], 3), r["confusion_matrix"]["matrix"]
    (0.667, [[1, 1], [0, 1]])
    """
    t, p = _pair(y_true, y_pred)
    if labels is None:
        label_list = _sorted_labels([*t, *p])
    else:
        label_list = _labels_list("labels", labels)
        if not label_list:
            raise LabelError("labels must not be empty; got [].")
        unknown = set(t).union(p).difference(label_list)
        if unknown:
            raise LabelError(
                f"y_true and y_pred must only use the given labels {label_list}; "
                f"got also {_sorted_labels(unknown)}."
            )
    index = {label: i for i, label in enumerate(label_list)}
    matrix = np.zeros((len(label_list), len(label_list)), dtype=np.int64)
    np.add.at(matrix, ([index[v] for v in t], [index[v] for v in p]), 1)

    precision, recall, f1, support = precision_recall_fscore_support(
        t, p, labels=label_list, average=None, zero_division=0
    )
    per_class = {
        str(label): {
            "precision": float(precision[i]),
            "recall": float(recall[i]),
            "f1": float(f1[i]),
            "support": int(support[i]),
        }
        for i, label in enumerate(label_list)
    }
    return {
        "accuracy": float(np.trace(matrix) / len(t)),
        "macro_f1": float(np.mean(f1)),
        "per_class": per_class,
        "confusion_matrix": {"labels": label_list, "matrix": matrix.tolist()},
    }


# --------------------------------------------------------------------------
# Ranking (CLEF CheckThat! Task 1)


def _group_ranking(relevant: np.ndarray, scores: np.ndarray, ks: Sequence[int]):
    """AP, R-precision and P@k of one ranked list, as the CheckThat! scorer."""
    # A stable sort on the negated score keeps tied lines in input order,
    # which is what the official scorer's sorted(..., reverse=True) does.
    order = np.argsort(-scores, kind="stable")
    hits = relevant[order]
    found = np.cumsum(hits)
    n_relevant = int(found[-1])
    if n_relevant == 0:
        # The official scorer gives 0 here, and MAP averages it in.
        return 0.0, 0.0, [0.0 for _ in ks]
    ranks = np.arange(1, len(hits) + 1)
    ap = float(np.sum(found[hits] / ranks[hits]) / n_relevant)
    r_precision = float(found[n_relevant - 1] / n_relevant)
    p_at_k = [float(found[min(k, len(hits)) - 1] / k) for k in ks]
    return ap, r_precision, p_at_k


def _relevance(t: list[Any], positive: Any) -> np.ndarray:
    if positive not in set(t):
        raise LabelError(
            f"positive must be one of the labels in y_true {_sorted_labels(t)}; "
            f"got {positive!r}."
        )
    return np.array([v == positive for v in t], dtype=bool)


def document_groups(groups: Iterable[Hashable] | None) -> list[Hashable] | None:
    """``groups`` as the documents to rank lines within, or None (rank all
    rows as one list) when the rows are not documents' lines: groups of
    fewer than two rows on average, such as SemEval's tweets, each its own
    group. The average precision of a one-row "document" only repeats its
    label, so a MAP over such groups is the share of positive rows.

    Examples
    --------
    >>> document_groups(["d1", "d1", "d2", "d2"])
    ['d1', 'd1', 'd2', 'd2']
    >>> document_groups(["t1", "t2", "t3", "t3"]) is None
    True
    """
    if groups is None:
        return None
    groups = list(groups)
    return groups if 2 * len({str(g) for g in groups}) <= len(groups) else None


def ranking_metrics(
    y_true: Iterable[Any],
    scores: Iterable[float],
    groups: Iterable[Hashable] | None = None,
    positive: Any = 1,
    ks: Sequence[int] = DEFAULT_KS,
) -> dict[str, Any]:
    """Ranking metrics of CLEF CheckThat! Task 1, per group and pooled.

    Parameters
    ----------
    y_true : sequence of labels
        Gold labels; rows equal to ``positive`` are the relevant ones.
    scores : sequence of float
        Higher means rank earlier (a probability or a decision value).
    groups : sequence, optional
        The document (debate) of each row. Lines are ranked within their
        group; ``None`` makes all rows one group.
    positive : label, default 1
        The relevant label. It must occur in ``y_true``.
    ks : sequence of int
        Cut-offs for precision at k.

    Returns
    -------
    dict
        ``average_precision``: over all rows pooled, scikit-learn's
        ``average_precision_score`` (tied scores form one step);
        ``map``: mean over groups of the CheckThat! average precision;
        ``r_precision``: mean over groups of precision at R (R = relevant
        lines in the group); ``p_at_k``: ``{str(k): mean over groups}``;
        ``n_groups``. Groups with no relevant line score 0 and count.

    Examples
    --------
    >>> r = ranking_metrics([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1], ks=(1, 2))
    >>> round(r["map"], 4), r["p_at_k"]
    (0.8333, {'1': 1.0, '2': 0.5})
    """
    t = _labels_list("y_true", y_true)
    if not t:
        raise InputError("y_true must not be empty; got 0 rows.")
    s = _scores("scores", scores, len(t))
    ks = list(ks)
    bad = [k for k in ks if isinstance(k, bool) or not isinstance(k, int) or k < 1]
    if bad:
        raise InputError(f"ks must be positive integers; got {bad!r}.")
    relevant = _relevance(t, positive)

    if groups is None:
        members = {None: np.arange(len(t))}
    else:
        g = [_plain(v) for v in groups]
        if len(g) != len(t):
            raise InputError(
                f"groups must have one value per row ({len(t)}); got {len(g)}."
            )
        by_group: dict[Hashable, list[int]] = {}
        for i, key in enumerate(g):
            by_group.setdefault(key, []).append(i)
        members = {key: np.asarray(rows) for key, rows in by_group.items()}

    per_group = [
        _group_ranking(relevant[rows], s[rows], ks) for rows in members.values()
    ]
    return {
        "average_precision": float(average_precision_score(relevant, s)),
        "map": float(np.mean([ap for ap, _, _ in per_group])),
        "r_precision": float(np.mean([rp for _, rp, _ in per_group])),
        "p_at_k": {
            str(k): float(np.mean([pk[j] for _, _, pk in per_group]))
            for j, k in enumerate(ks)
        },
        "n_groups": len(members),
    }


# --------------------------------------------------------------------------
# Calibration


def calibration(
    y_true: Iterable[Any],
    prob_positive: Iterable[float],
    positive: Any = 1,
    n_bins: int = 10,
) -> dict[str, Any]:
    """Brier score, expected calibration error and a reliability table.

    Parameters
    ----------
    y_true : sequence of labels
        Gold labels; the outcome is 1 where the label equals ``positive``.
    prob_positive : sequence of float in [0, 1]
        Predicted probability of ``positive``.
    positive : label, default 1
        The label the probabilities are for; it must occur in ``y_true``.
    n_bins : int, default 10
        Equal-width bins over [0, 1]; bin i holds probabilities in
        [i/n_bins, (i+1)/n_bins), and the last bin also holds 1.0.

    Returns
    -------
    dict
        ``brier`` (mean squared difference between probability and
        outcome), ``ece`` (sum over bins of the bin's share of rows times
        the gap between its mean probability and its observed rate), and
        ``reliability``: one entry per bin with ``lower``, ``upper``,
        ``count``, ``mean_predicted`` and ``observed_rate`` (``None`` for
        an empty bin).

    Examples
    --------
    >>> c = calibration([1, 0, 1, 1], [0.9, 0.1, 0.8, 0.6], n_bins=2)
    >>> round(c["brier"], 4), round(c["ece"], 4)
    (0.055, 0.2)
    """
    t = _labels_list("y_true", y_true)
    if not t:
        raise InputError("y_true must not be empty; got 0 rows.")
    prob = _scores("prob_positive", prob_positive, len(t))
    if prob.min() < 0 or prob.max() > 1:
        raise InputError(
            "prob_positive must be probabilities between 0 and 1; got values from "
            f"{prob.min():.4g} to {prob.max():.4g} (pass predict_proba, not "
            "decision_function)."
        )
    if isinstance(n_bins, bool) or not isinstance(n_bins, int) or n_bins < 1:
        raise InputError(f"n_bins must be a positive integer; got {n_bins!r}.")
    outcome = _relevance(t, positive).astype(float)

    # floor(p * n) puts 0.3 into [0.3, 0.4) where linspace edges would not
    # (0.30000000000000004 > 0.3).
    bins = np.minimum(np.floor(prob * n_bins).astype(int), n_bins - 1)
    table = []
    ece = 0.0
    for b in range(n_bins):
        in_bin = bins == b
        count = int(in_bin.sum())
        row: dict[str, Any] = {
            "lower": b / n_bins,
            "upper": (b + 1) / n_bins,
            "count": count,
            "mean_predicted": None,
            "observed_rate": None,
        }
        if count:
            mean_p = float(prob[in_bin].mean())
            rate = float(outcome[in_bin].mean())
            row["mean_predicted"] = mean_p
            row["observed_rate"] = rate
            ece += count / len(t) * abs(mean_p - rate)
        table.append(row)
    return {
        "brier": float(np.mean((prob - outcome) ** 2)),
        "ece": float(ece),
        "reliability": table,
    }


# --------------------------------------------------------------------------
# Benchmark scores


def fnc_score(y_true: Iterable[Any], y_pred: Iterable[Any]) -> float:
    """FNC-1 relative score: the competition's weighted score over its maximum.

    A pair earns 0.25 when the related/unrelated decision is right (gold and
    prediction both ``unrelated``, or both among ``agree``/``disagree``/
    ``discuss``), and 0.75 more when a related gold pair gets its exact
    label. The best possible score gives 1.0.

    Examples
    --------
    >>> fnc_score(["agree", "unrelated"], ["discuss", "unrelated"])
    0.4
    """
    t, p = _pair(y_true, y_pred)
    unknown = set(t).union(p).difference(FNC_LABELS)
    if unknown:
        raise LabelError(
            f"fnc_score labels must be among {list(FNC_LABELS)}; "
            f"got also {_sorted_labels(unknown)}."
        )
    score = best = 0.0
    for gold, pred in zip(t, p, strict=True):
        gold_related = gold in _FNC_RELATED
        best += 1.0 if gold_related else 0.25
        if gold_related == (pred in _FNC_RELATED):
            score += 0.25
            if gold_related and gold == pred:
                score += 0.75
    return score / best


def _stance_pair(labels: Iterable[Any]) -> tuple[str, str] | None:
    present = set(labels)
    for pair in _STANCE_PAIRS:
        if set(pair) <= present:
            return pair
    return None


def f_avg(y_true: Iterable[Any], y_pred: Iterable[Any]) -> float:
    """SemEval-2016 Task 6 F_avg: mean of the F1 of FAVOR and of AGAINST.

    F1 of each class is computed over all rows (not per target), as the
    official scorer does; other labels (``NONE``) count only as errors.
    ``favor``/``against`` in lower case are accepted instead of the
    SemEval spelling, but the two spellings are never mixed.

    Examples
    --------
    >>> f_avg(["FAVOR", "AGAINST", "NONE"], ["FAVOR", "NONE", "NONE"])
    0.5
    """
    t, p = _pair(y_true, y_pred)
    pair = _stance_pair([*t, *p])
    if pair is None:
        raise LabelError(
            "f_avg needs labels FAVOR and AGAINST (or favor and against) in "
            f"y_true or y_pred; got {_sorted_labels([*t, *p])}."
        )
    return _f_avg(t, p, pair)


def _f_avg(t: list[Any], p: list[Any], pair: tuple[str, str]) -> float:
    # str() keeps scikit-learn from refusing a mix such as [0, "FAVOR"].
    _, _, f1, _ = precision_recall_fscore_support(
        [str(v) for v in t],
        [str(v) for v in p],
        labels=list(pair),
        average=None,
        zero_division=0,
    )
    return float(np.mean(f1))


# --------------------------------------------------------------------------
# Everything at once


def evaluate(
    y_true: Iterable[Any],
    y_pred: Iterable[Any],
    *,
    scores: Iterable[float] | None = None,
    groups: Iterable[Hashable] | None = None,
    positive: Any = None,
    labels: Sequence[Any] | None = None,
) -> dict[str, Any]:
    """All metrics that fit the task, as the object ``evaluate --json`` prints.

    Parameters
    ----------
    y_true, y_pred : sequence of labels
        Gold and predicted labels.
    scores : sequence of float, optional
        Probability of ``positive`` per row (e.g. a ``predict_proba``
        column). Used for a binary task, or for any task when ``positive``
        is given (one-vs-rest).
    groups : sequence, optional
        Document of each row, for the per-group ranking metrics.
    positive : label, optional
        The positive class. Default for a binary task: ``1``, ``"1"`` or
        ``True`` when present, else the second of the two sorted labels.
    labels : sequence, optional
        The model's label set (``classes_``); default: labels seen in the
        data.

    Returns
    -------
    dict
        Always ``n``, ``accuracy``, ``macro_f1``, ``per_class``,
        ``confusion_matrix``. For a binary task (or when ``positive`` is
        given) also ``positive`` and ``f1_positive``; with ``scores`` also
        ``average_precision``, ``map``, ``r_precision``, ``p_at_k``,
        ``n_groups``, ``brier``, ``ece`` and ``reliability``.
        ``fnc_score`` when the labels are FNC-1's (all among agree/disagree/
        discuss/unrelated, including unrelated); ``f_avg`` when they include
        FAVOR and AGAINST (or favor and against).

    Examples
    --------
    >>> r = evaluate([1, 0, 1, 0], [1, 0, 0, 0], scores=[0.9, 0.2, 0.4, 0.1])
    >>> r["n"], r["accuracy"], r["f1_positive"], r["map"]
    (4, 0.75, 0.6666666666666666, 1.0)
    """
    t, p = _pair(y_true, y_pred)
    report = classification_report(t, p, labels=labels)
    label_set = report["confusion_matrix"]["labels"]
    result: dict[str, Any] = {"n": len(t), **report}

    if positive is None and len(label_set) == 2:
        positive = positive_label(label_set)
    if positive is not None:
        positive = _plain(positive)
        if positive not in label_set:
            raise LabelError(f"positive must be one of {label_set}; got {positive!r}.")
        result["positive"] = positive
        result["f1_positive"] = report["per_class"][str(positive)]["f1"]
        if scores is not None:
            s = _scores("scores", scores, len(t))
            result.update(ranking_metrics(t, s, groups=groups, positive=positive))
            cal = calibration(t, s, positive=positive)
            result.update(brier=cal["brier"], ece=cal["ece"])
            result["reliability"] = cal["reliability"]
    elif scores is not None:
        raise InputError(
            f"scores need positive= to say which class they score when there are "
            f"{len(label_set)} labels {label_set}; got positive=None."
        )

    if "unrelated" in label_set and set(label_set) <= set(FNC_LABELS):
        result["fnc_score"] = fnc_score(t, p)
    pair = _stance_pair(label_set)
    if pair is not None:
        result["f_avg"] = _f_avg(t, p, pair)
    return result
