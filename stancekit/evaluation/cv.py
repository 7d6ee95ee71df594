"""The one cross-validation loop: grouped K-fold, per-fold and pooled metrics.

Training (``stancekit train --cv``), model selection among recipes, the
default models' cards and the benchmarks in ``experiments/`` all call
:func:`cross_validate`. When rows carry groups (a debate, an article, a
claim, a topic) every group stays on one side of every split, so a score
never comes from a document the model has seen; without groups the folds
are stratified by label.

The loop is given a function that makes a fresh model, so it knows nothing
about which estimators exist.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from stancekit.errors import InputError, LabelError
from stancekit.evaluation.decisions import decide_for
from stancekit.evaluation.metrics import document_groups, evaluate
from stancekit.tasks import positive_label

__all__ = ["cross_validate", "folds", "take"]


def folds(
    y: Sequence[Any],
    groups: Sequence[Any] | None,
    k: int,
    *,
    seed: int = 0,
) -> tuple[list[tuple[np.ndarray, np.ndarray]], bool]:
    """The ``k`` (train, test) index pairs, and whether they keep groups whole.

    With at least ``k`` distinct groups the folds are grouped (groups are
    shuffled with ``seed`` before they are dealt out, so a file's order does
    not decide the folds); otherwise they are stratified by label.

    Raises
    ------
    InputError
        ``k`` is not an int of at least 2.
    LabelError
        Stratified folds need ``k`` rows of the rarest label.

    Examples
    --------
    >>> splits, grouped = folds([0, 1, 0, 1], ["a", "a", "b", "b"], 2)
    >>> grouped, [test.tolist() for _, test in splits]
    (True, [[0, 1], [2, 3]])
    """
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 2:
        raise InputError(f"cv must be an int of at least 2; got {k!r}.")
    y = np.asarray(y)
    if groups is not None:
        keys = np.asarray([str(g) for g in groups])
        names = np.unique(keys)
        if len(names) >= k:
            order = np.random.RandomState(seed).permutation(len(names))
            rank = dict(zip(names[order], range(len(names)), strict=True))
            codes = np.asarray([rank[g] for g in keys])
            splits = list(GroupKFold(n_splits=k).split(y, y, codes))
            splits.sort(key=lambda s: s[1][0])
            return splits, True
    smallest = int(np.unique(y, return_counts=True)[1].min())
    if smallest < k:
        raise LabelError(
            f"cv={k} needs at least {k} rows of every label; the rarest label "
            f"has {smallest}. Use a smaller --cv."
        )
    splitter = StratifiedKFold(k, shuffle=True, random_state=seed)
    return list(splitter.split(y, y)), False


def take(X: Any, index: np.ndarray) -> Any:
    """Rows ``index`` of a DataFrame, a list, or an array, keeping its kind."""
    if hasattr(X, "iloc"):
        return X.iloc[index].reset_index(drop=True)
    if isinstance(X, np.ndarray):
        return X[index]
    return [X[i] for i in index]


def cross_validate(
    make_model: Callable[[], Any],
    X: Any,
    y: Sequence[Any],
    *,
    groups: Sequence[Any] | None = None,
    k: int = 5,
    seed: int = 0,
    splits: list[tuple[np.ndarray, np.ndarray]] | None = None,
    progress: Callable[[str], None] | None = None,
    return_proba: bool = False,
) -> dict[str, Any]:
    """Metrics of ``k``-fold cross-validation, pooled and per fold.

    With ``return_proba``, the result also holds ``proba``, the held-out
    probabilities of every row (columns in the order of ``classes``), for
    curves such as precision against coverage.

    Parameters
    ----------
    make_model : callable
        Returns a fresh, unfitted model (with ``fit``, ``predict_proba``
        and ``classes_``); called once per fold.
    X : DataFrame or list
        The rows, as the model reads them.
    y : sequence of labels
    groups : sequence, optional
        The document of each row. Kept whole within a fold, and used by the
        per-document ranking metrics (MAP).
    k : int, default=5
    seed : int, default=0
        Shuffles groups (or rows) before they are dealt into folds.
    splits : list of (train, test), optional
        Use these folds instead (e.g. to score several models on the same
        folds). Rows in no test part are left out of the pooled figures.
    progress : callable, optional
        Called with a line per fold.

    Returns
    -------
    dict
        :func:`stancekit.evaluation.metrics.evaluate` over all held-out
        predictions (pooled), plus ``folds`` (k), ``grouped`` (bool) and
        ``per_fold`` (the same metrics for each fold alone, without the
        per-class tables).

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> r = cross_validate(lambda: DummyClassifier(), [[0]] * 6, [0, 1] * 3, k=3)
    >>> r["folds"], r["grouped"], len(r["per_fold"])
    (3, False, 3)
    """
    y = np.asarray(list(y), dtype=object if _has_str(y) else None)
    if len(set(y.tolist())) < 2:
        raise LabelError(
            f"training data must have at least two labels; found only "
            f"{sorted(set(y.tolist()), key=str)}."
        )
    grouped = groups is not None
    if splits is None:
        splits, grouped = folds(y, groups, k, seed=seed)
    labels = sorted(set(y.tolist()), key=str)
    positive = positive_label(labels)
    predicted = np.empty(len(y), dtype=object)
    scores = np.zeros(len(y))
    per_fold = []
    held_out = np.zeros((len(y), len(labels))) if return_proba else None
    group_list = document_groups(groups)  # for the ranking metrics
    for number, (train, test) in enumerate(splits, start=1):
        if progress is not None:
            progress(f"cross-validation fold {number}/{len(splits)}")
        model = make_model()
        model.fit(take(X, train), y[train])
        proba = model.predict_proba(take(X, test))
        classes = list(model.classes_)
        predicted[test] = np.asarray(classes, dtype=object)[decide_for(model, proba)]
        if positive is not None and positive in classes:
            scores[test] = proba[:, classes.index(positive)]
        if held_out is not None:
            for column, label in enumerate(classes):
                held_out[test, labels.index(label)] = proba[:, column]
        fold = _metrics(
            y[test], predicted[test], scores[test], positive, group_list, test, labels
        )
        per_fold.append({key: v for key, v in fold.items() if _is_figure(v)})
    covered = np.zeros(len(y), dtype=bool)
    for _, test in splits:
        covered[test] = True
    if covered.all():
        result = _metrics(y, predicted, scores, positive, group_list, None, labels)
    else:  # splits that leave rows out (one split of tuning): score the rest
        index = np.flatnonzero(covered)
        result = _metrics(
            y[index],
            predicted[index],
            scores[index],
            positive,
            group_list,
            index,
            labels,
        )
    result["folds"] = len(splits)
    result["grouped"] = bool(grouped)
    result["per_fold"] = per_fold
    if held_out is not None:
        result["proba"], result["classes"] = held_out, labels
    return result


def _metrics(y, predicted, scores, positive, groups, index, labels) -> dict[str, Any]:
    kept = groups if index is None or groups is None else [groups[i] for i in index]
    return evaluate(
        _plain(y),
        _plain(predicted),
        scores=scores if positive is not None else None,
        groups=kept,
        positive=positive,
        labels=labels,
    )


def _plain(values: np.ndarray) -> list[Any]:
    return [v.item() if isinstance(v, np.generic) else v for v in values]


def _has_str(y: Sequence[Any]) -> bool:
    return any(isinstance(v, str) for v in y)


def _is_figure(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def say(message: str) -> None:
    """Print a progress line on stderr (the ``progress`` of the CLI)."""
    print(f"stancekit: {message}", file=sys.stderr)
