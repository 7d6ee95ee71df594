"""Candidate recipes per task, and honest model selection among them.

A recipe is a named way to build a task's model, with a small grid of
hyperparameters. ``stancekit train`` scores every candidate of the task by
grouped cross-validation on the training data only and keeps the best
(:func:`select`). Hyperparameters are tuned inside each training fold
(nested cross-validation), never on the fold that scores them, so the
figure a candidate gets is a fair estimate of what the tuned recipe does on
documents it has not seen.

Every task's candidates include ``plain``, a word + character n-gram linear
model, so a user never gets less than that plain pipeline would have given
them (up to the noise of cross-validation).

To add a candidate (e.g. a recipe built on new features), call
:func:`register` with a :class:`Recipe`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from stancekit.errors import InputError
from stancekit.evaluation.cv import cross_validate, folds, take
from stancekit.evaluation.decisions import f1_threshold, model_rule
from stancekit.evaluation.metrics import document_groups
from stancekit.tasks import check_task, new_estimator, positive_label

__all__ = [
    "FEW_GROUPS",
    "METRICS",
    "RECIPES",
    "Recipe",
    "candidates",
    "check_metric",
    "few_groups",
    "get_recipe",
    "inner_folds",
    "outer_folds",
    "register",
    "select",
    "selection_metric",
    "selection_sample",
    "targets_recur",
    "threshold",
    "tune",
    "tune_scored",
]

# Outer folds of the selection. Data of few documents (CLEF's 16 debates,
# IBM's 20 topics: fewer than FEW_GROUPS groups, at most FEW_GROUPS_ROWS
# rows) are selected on in full, with FEW_GROUPS_FOLDS folds: a sample of
# some of the documents in folds of two or three leaves the candidates'
# order to chance (CLEF: ranker .230 vs plain .236 on 9 debates, .259 vs
# .229 on all 16). Data of many groups (FNC-1's bodies, Emergent's claims)
# are selected as before.
FOLDS = 3
FEW_GROUPS = 40
FEW_GROUPS_ROWS = 20000
FEW_GROUPS_FOLDS = 4


@dataclass(frozen=True)
class Recipe:
    """One way to build a task's model.

    Parameters
    ----------
    name : str
        Its name on the command line (``--recipe NAME``).
    task : str
    build : callable
        ``build(**params)`` returns a fresh estimator; ``random_state`` is
        always among the params.
    grid : dict of str to list, optional
        Hyperparameters tuned inside the training folds.
    description : str
    applies : callable, optional
        ``applies(labels)`` says whether the recipe is a candidate for
        training data with these labels (a set of lowercased strings);
        default: always.
    fits : callable, optional
        ``fits(frame)`` says whether the recipe is a candidate for training
        rows of this shape (e.g. targets that recur across documents);
        decided before any figure is computed. Default: always.
    """

    name: str
    task: str
    build: Callable[..., Any]
    grid: dict[str, list[Any]] = field(default_factory=dict)
    description: str = ""
    applies: Callable[[frozenset[str]], bool] | None = None
    fits: Callable[[Any], bool] | None = None

    def model(self, **params: Any) -> Any:
        """A fresh estimator with ``params``."""
        return self.build(**params)

    def suits(self, labels: Sequence[Any] | None, frame: Any = None) -> bool:
        """Whether the recipe is a candidate for data with ``labels`` and,
        given the training rows ``frame``, of their shape (either unknown:
        not checked)."""
        labelled = labels is None or self.applies is None
        if not labelled and not self.applies(frozenset(str(v).lower() for v in labels)):
            return False
        return frame is None or self.fits is None or self.fits(frame)


def _task_default(task: str) -> Callable[..., Any]:
    def build(**params: Any) -> Any:
        return new_estimator(task, **params)

    return build


def _ngram(task: str, **fixed: Any) -> Callable[..., Any]:
    def build(**params: Any) -> Any:
        from stancekit.models.ngram import NgramClassifier

        return NgramClassifier(task=task, **{**fixed, **params})

    return build


def _polarity(**params: Any) -> Any:
    from stancekit.models.stance import StanceClassifier

    return StanceClassifier(
        features="claim_polarity", class_weight="balanced", **params
    )


def _per_target(**params: Any) -> Any:
    from stancekit.models.per_target import PerTargetClassifier

    return PerTargetClassifier(**params)


def _related_only(labels: frozenset[str]) -> bool:
    # Claim polarity says which side a text takes, not whether it is on
    # the topic at all; with FNC-1's long bodies it would also cost minutes.
    return "unrelated" not in labels


def targets_recur(frame: Any) -> bool:
    """Whether most rows' targets occur in more than one document.

    Then the data are topic stance (SemEval's tweets toward five targets):
    a held-out document's target was seen in training. Otherwise each
    target lives in one document or group (IBM's claims grouped by their
    topic, Emergent's headlines by their claim): the folds, and the user,
    meet targets never seen. Rows without a ``group`` are documents of
    their own.

    Examples
    --------
    >>> import pandas as pd
    >>> tweets = pd.DataFrame({"target": ["a", "a", "b", "b"], "group": [1, 2, 3, 4]})
    >>> topics = tweets.assign(group=["a", "a", "b", "b"])
    >>> targets_recur(tweets), targets_recur(topics), targets_recur(tweets[["target"]])
    (True, False, True)
    """
    import pandas as pd

    from stancekit.models.ngram import target_key

    if not hasattr(frame, "columns") and hasattr(frame, "to_pandas"):
        frame = frame.to_pandas()  # a datasets.Dataset
    if "target" not in frame or len(frame) == 0:
        return False
    # targets as the models key them, groups as the folds do; a row without
    # a group is a document of its own
    targets = [target_key("" if pd.isna(t) else str(t)) for t in frame["target"]]
    if "group" in frame:
        groups = [
            f"<row {i}>" if pd.isna(g) else str(g) for i, g in enumerate(frame["group"])
        ]
    else:
        groups = [f"<row {i}>" for i in range(len(targets))]
    documents: dict[str, set[str]] = {}
    for target, group in zip(targets, groups, strict=True):
        documents.setdefault(target, set()).add(group)
    return sum(len(documents[t]) > 1 for t in targets) >= 0.5 * len(targets)


def _unseen_targets(frame: Any) -> bool:
    # claim polarity is for targets never seen in training; where they recur
    # the n-gram recipes read them, and a noisy fold must not pick this one
    return not targets_recur(frame)


def _ranker(**params: Any) -> Any:
    from stancekit.models.checkworthy_rank import CheckWorthinessRanker

    return CheckWorthinessRanker(**params)


def _two_labels(labels: frozenset[str]) -> bool:
    # The ranker stacks one score per line: check-worthy or not.
    return len(labels) == 2


def _headline(**params: Any) -> Any:
    from stancekit.models.headline import HeadlineStanceClassifier

    return HeadlineStanceClassifier(**params)


RECIPES: dict[str, dict[str, Recipe]] = {
    "checkworthy": {
        "plain": Recipe(
            "plain",
            "checkworthy",
            _ngram("checkworthy"),
            {"C": [0.3, 3.0]},
            "word 1-2 grams + char 2-5 grams, balanced logistic regression",
        ),
        "stancekit": Recipe(
            "stancekit",
            "checkworthy",
            _task_default("checkworthy"),
            {},
            "CheckWorthinessClassifier: words, claim cues, document context, "
            "calibrated",
        ),
        "ranker": Recipe(
            "ranker",
            "checkworthy",
            _ranker,
            {},
            "stacked: an out-of-fold word n-gram score with claim cues and, for "
            "rows of a document, the line's turn, neighbours and score relative "
            "to its document; balanced logistic regression, gradient-boosted "
            "trees and a model of pairs of lines within a document, "
            "probabilities averaged",
            _two_labels,
        ),
    },
    "stance": {
        "plain": Recipe(
            "plain",
            "stance",
            _ngram("stance", target_mode="shared"),
            {"C": [0.3, 3.0]},
            "word + char n-grams of the text, the target's words and the "
            "target-text similarity, balanced logistic regression",
        ),
        "topic": Recipe(
            "topic",
            "stance",
            _ngram("stance", target_mode="per_target"),
            {"C": [0.3, 3.0]},
            "plain plus word n-grams per recurring target (SemEval-2016's "
            "classical recipe)",
        ),
        "per-target": Recipe(
            "per-target",
            "stance",
            _per_target,
            {"C": [1.0, 10.0]},
            "a word 1-3 + char 2-5 gram logistic regression per target seen at "
            "least 10 times, one shared model of the same n-grams that also "
            "reads the target for the others "
            "(SemEval-2016 organisers' per-target baseline); a candidate when "
            "most targets recur across documents and 'unrelated' is not a label",
            _related_only,
            targets_recur,
        ),
        "headline": Recipe(
            "headline",
            "stance",
            _headline,
            {"C": [0.3, 1.0]},
            "cue words one by one (hedging, reporting, refuting), cue families, "
            "question marks, claim-text word overlap and negation mismatch, "
            "the text's word n-grams; logistic regression (Emergent-style "
            "headlines toward a claim)",
        ),
        "polarity": Recipe(
            "polarity",
            "stance",
            _polarity,
            {},
            "motion polarity x the text's own sentiment (effects composed: "
            "'reduces crime' is good) x whether the text's subject is the "
            "motion's target or its rival, four features, balanced logistic "
            "regression: for targets never seen in training (IBM-style claims "
            "toward debate motions); a candidate when most targets stay within "
            "one document and 'unrelated' is not a label",
            _related_only,
            _unseen_targets,
        ),
        "stancekit": Recipe(
            "stancekit",
            "stance",
            _task_default("stance"),
            {},
            "StanceClassifier: pair features (similarity, cues, related "
            "sentences), relatedness first when 'unrelated' is a label",
        ),
    },
}


def register(recipe: Recipe) -> Recipe:
    """Add (or replace) a candidate recipe of its task.

    Examples
    --------
    >>> from stancekit.models.ngram import NgramClassifier
    >>> r = register(Recipe("words", "checkworthy",
    ...     lambda **p: NgramClassifier(char_ngrams=None, **p)))
    >>> "words" in candidates("checkworthy")
    True
    >>> del RECIPES["checkworthy"]["words"]
    """
    check_task(recipe.task)
    RECIPES.setdefault(recipe.task, {})[recipe.name] = recipe
    return recipe


def candidates(
    task: str, labels: Sequence[Any] | None = None, frame: Any = None
) -> list[str]:
    """The names of the task's candidate recipes, ``plain`` first; with
    ``labels``, only those that suit training data with these labels, and
    with the training rows ``frame``, only those that fit their shape
    (:func:`targets_recur`).

    Examples
    --------
    >>> candidates("stance")
    ['plain', 'topic', 'per-target', 'headline', 'polarity', 'stancekit']
    >>> candidates("stance", ["agree", "unrelated"])
    ['plain', 'topic', 'headline', 'stancekit']
    """
    check_task(task)
    recipes = RECIPES.get(task, {}).values()
    return [r.name for r in recipes if r.suits(labels, frame)]


def get_recipe(task: str, name: str) -> Recipe:
    """The recipe ``name`` of ``task``, or a clear error listing the choices."""
    choices = candidates(task)
    if name not in choices:
        raise InputError(f"recipe must be one of {choices} for {task}; got {name!r}.")
    return RECIPES[task][name]


# Figures a user may pick the winner by (``--metric``): each is higher for
# a better model and computed by cross_validate for suitable labels.
METRICS = (
    "accuracy",
    "macro_f1",
    "f1_positive",
    "average_precision",
    "map",
    "r_precision",
    "f_avg",
    "fnc_score",
)


def selection_metric(
    task: str, labels: Sequence[Any], grouped: bool, metric: str | None = None
) -> str:
    """The figure that picks the winner: ``metric`` when given, else the
    benchmark's own.

    - FNC-1 labels (``unrelated`` among them): ``fnc_score``;
    - SemEval-style FAVOR/AGAINST(/NONE): ``f_avg``;
    - check-worthiness with documents (CLEF debates): ``map``, the ranking
      within each document; without documents: ``f1_positive``;
    - other stance label sets (Emergent, IBM): ``accuracy``.

    Raises
    ------
    InputError
        ``metric`` is not one of :data:`METRICS`, or these labels do not
        have it (``f_avg`` without favor/against, ``fnc_score`` without
        FNC-1's labels, the positive-label figures without a positive
        label).

    Examples
    --------
    >>> selection_metric("stance", ["agree", "unrelated"], True)
    'fnc_score'
    >>> selection_metric("checkworthy", [0, 1], True)
    'map'
    >>> selection_metric("checkworthy", [0, 1], True, metric="f1_positive")
    'f1_positive'
    """
    if metric is not None:
        return _available(metric, labels)
    names = {str(v).lower() for v in labels}
    if task == "checkworthy":
        return "map" if grouped else "f1_positive"
    if "unrelated" in names:
        return "fnc_score"
    if {"favor", "against", "none"} <= names:
        return "f_avg"
    return "accuracy"


def check_metric(metric: str) -> str:
    """``metric`` if it is one of :data:`METRICS`, else a clear error.

    Examples
    --------
    >>> check_metric("map")
    'map'
    """
    if metric not in METRICS:
        raise InputError(f"metric must be one of {list(METRICS)}; got {metric!r}.")
    return metric


def _available(metric: str, labels: Sequence[Any]) -> str:
    from stancekit.evaluation.metrics import evaluate

    check_metric(metric)
    labels = sorted(set(labels), key=str)
    positive = positive_label(labels)
    # the figures evaluate gives for these labels: one row per label suffices
    given = evaluate(
        labels,
        labels,
        scores=None if positive is None else [0.5] * len(labels),
        positive=positive,
        labels=labels,
    )
    if metric not in given:
        have = [m for m in METRICS if m in given]
        raise InputError(
            f"metric {metric!r} needs other labels than {labels}; for these "
            f"labels choose one of {have}."
        )
    return metric


def tune(
    recipe: Recipe,
    X: Any,
    y: np.ndarray,
    groups: Sequence[Any] | None,
    *,
    metric: str,
    inner_k: int = 2,
    seed: int = 0,
) -> dict[str, Any]:
    """The recipe's best grid point by CV on (X, y) alone.

    With an empty grid, or too little data for ``inner_k`` folds, the
    recipe's defaults. ``inner_k=1`` scores the grid on one split (half of
    the groups fit, the other half score): half the work, for large data.
    """
    return tune_scored(recipe, X, y, groups, metric=metric, inner_k=inner_k, seed=seed)[
        0
    ]


def tune_scored(
    recipe: Recipe,
    X: Any,
    y: np.ndarray,
    groups: Sequence[Any] | None,
    *,
    metric: str,
    inner_k: int,
    seed: int,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """:func:`tune`, and the best point's cross-validation result (with
    held-out probabilities), or None when no grid was scored."""
    points = _grid(recipe.grid)
    if len(points) == 1:
        return points[0], None
    try:
        splits = _inner_splits(y, groups, inner_k, seed)
    except ValueError:
        return points[0], None
    best, best_score, best_result = points[0], -np.inf, None
    for point in points:
        result = cross_validate(
            lambda p=point: recipe.model(random_state=seed, **p),
            X,
            y,
            groups=groups,
            splits=splits,
            return_proba=True,
        )
        score = result.get(metric, result["accuracy"])
        if score > best_score:
            best, best_score, best_result = point, score, result
    return best, best_result


def _inner_splits(
    y: np.ndarray, groups: Sequence[Any] | None, inner_k: int, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    splits, _ = folds(y, groups, max(inner_k, 2), seed=seed)
    return splits[:inner_k]  # inner_k=1: one split, half fits, half scores


def threshold(
    recipe: Recipe,
    X: Any,
    y: np.ndarray,
    groups: Sequence[Any] | None,
    params: dict[str, Any],
    *,
    inner_k: int = 2,
    seed: int = 0,
    result: dict[str, Any] | None = None,
) -> float | None:
    """The cut of best F1 (:func:`~stancekit.evaluation.decisions.f1_threshold`)
    for the recipe with ``params``, on held-out probabilities of inner folds
    of (X, y) alone; ``result``: that cross-validation when already run
    (:func:`tune`'s best point). None when the data are too small for the
    folds or have no positive label.
    """
    try:
        splits = _inner_splits(y, groups, inner_k, seed)
    except ValueError:
        return None
    if result is None:
        result = cross_validate(
            lambda: recipe.model(**{"random_state": seed, **params}),
            X,
            y,
            groups=groups,
            splits=splits,
            return_proba=True,
        )
    classes = list(result["classes"])
    positive = positive_label(classes) if len(classes) == 2 else None
    if positive is None:
        return None
    scored = np.concatenate([test for _, test in splits])
    truth = np.asarray([str(v) == str(positive) for v in np.asarray(y)[scored]])
    return f1_threshold(truth, result["proba"][scored, classes.index(positive)])


def _grid(grid: dict[str, list[Any]]) -> list[dict[str, Any]]:
    if not grid:
        return [{}]
    keys = sorted(grid)
    return [
        dict(zip(keys, v, strict=True))
        for v in itertools.product(*(grid[k] for k in keys))
    ]


class _Tuned:
    """A model that tunes its recipe on the rows it is fitted on; scored by
    F1, it also chooses its threshold there (:func:`threshold`), so each
    candidate is compared at its own cut."""

    def __init__(self, recipe, groups_of, metric, inner_k, seed, cut=True, fixed=None):  # type: ignore[no-untyped-def]
        self.recipe, self.groups_of = recipe, groups_of
        self.metric, self.inner_k, self.seed = metric, inner_k, seed
        self.cut, self.fixed = cut, fixed or {}

    def fit(self, X: Any, y: Any) -> _Tuned:
        y, groups = np.asarray(y), self.groups_of(X)
        params: dict[str, Any] = dict(self.fixed)
        result = None
        if not params:  # parameters given by the user are not tuned
            params, result = tune_scored(
                self.recipe,
                X,
                y,
                groups,
                metric=self.metric,
                inner_k=self.inner_k,
                seed=self.seed,
            )
        self.params_ = params
        self.model_ = self.recipe.model(**{"random_state": self.seed, **params})
        self.model_.fit(X, y)
        self.classes_ = self.model_.classes_
        self.decision = model_rule(self.model_)  # labels as its predict gives them
        if self.cut and self.metric == "f1_positive":
            self.decision_threshold_ = threshold(
                self.recipe,
                X,
                y,
                groups,
                params,
                inner_k=self.inner_k,
                seed=self.seed,
                result=result,
            )
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        return self.model_.predict_proba(X)


def select(
    task: str,
    frame: Any,
    *,
    names: Sequence[str] | None = None,
    k: int | None = None,
    inner_k: int | None = None,
    max_rows: int | None = 6000,
    seed: int = 0,
    params: dict[str, Any] | None = None,
    tune_threshold: bool = True,
    metric: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Score the candidates by nested grouped CV and name the winner.

    Parameters
    ----------
    task : str
    frame : DataFrame
        Training rows with ``label`` and, when known, ``group``.
    names : list of str, optional
        Candidates to score (default: all of the task's).
    k : int, optional
        Outer folds: the figures reported. Default: 3, or 4 for data of few
        documents (:func:`outer_folds`).
    inner_k : int, optional
        Folds inside each training fold that tune the grid. Default: 2, or
        1 (one split) when the data have more than ``max_rows`` rows, so
        large sets cost less (:func:`inner_folds`).
    max_rows : int or None, default=6000
        Selection runs on whole groups drawn at random until about this
        many rows (None: all rows); the winner is then trained on all.
        Data of few documents are always used in full
        (:func:`selection_sample`).
    seed : int, default=0
    params : dict, optional
        Estimator parameters fixed for every candidate (``--param``); a
        candidate given parameters is not tuned.
    tune_threshold : bool, default=True
        When F1 of the positive label picks the winner (check-worthiness
        tables without documents), each candidate chooses its threshold
        inside each training fold (:func:`threshold`) and is scored at it.
    metric : str, optional
        The figure that picks the winner and tunes the grid (one of
        :data:`METRICS`); default: the benchmark's own
        (:func:`selection_metric`). ``f1_positive`` of two labels also
        chooses the thresholds, with documents too.
    progress : callable, optional

    Returns
    -------
    dict
        ``metric``, ``folds``, ``inner_folds``, ``grouped``, ``rows`` (used
        for selection), ``candidates`` (name -> figure, and the full
        metrics under ``metrics``), ``winner``.
    """
    sample = selection_sample(frame, max_rows, seed)
    k = outer_folds(frame, k)
    if names is None:
        names = candidates(task, sorted(set(frame["label"].tolist()), key=str), frame)
    names = list(names)
    recipes = [get_recipe(task, n) for n in names]
    if inner_k is None:
        inner_k = inner_folds(len(frame), max_rows)
    y = sample["label"].to_numpy()
    groups = sample["group"].tolist() if "group" in sample else None
    splits, grouped = folds(y, groups, k, seed=seed)
    # rows are ranked within documents only when groups hold several rows
    ranked = document_groups(groups if grouped else None) is not None
    metric = selection_metric(task, sorted(set(y.tolist()), key=str), ranked, metric)

    def groups_of(X: Any) -> list[Any] | None:
        return X["group"].tolist() if grouped and "group" in X else None

    figures: dict[str, float] = {}
    metrics: dict[str, dict[str, Any]] = {}
    for recipe in recipes:
        if progress is not None:
            progress(f"scoring recipe {recipe.name} ({k} folds, {len(y)} rows)")
        result = cross_validate(
            lambda r=recipe: _Tuned(
                r, groups_of, metric, inner_k, seed, tune_threshold, params
            ),
            sample,
            y,
            groups=groups,
            splits=splits,
            progress=progress,
        )
        figures[recipe.name] = round(float(result.get(metric, result["accuracy"])), 4)
        metrics[recipe.name] = result
    winner = max(figures, key=lambda n: (figures[n], -names.index(n)))
    return {
        "metric": metric,
        "folds": len(splits),
        "inner_folds": inner_k,
        "grouped": bool(grouped),
        "rows": len(y),
        "candidates": figures,
        "winner": winner,
        "metrics": metrics,
    }


def few_groups(frame: Any) -> bool:
    """Whether ``frame``'s rows form few documents, each of which counts.

    At least :data:`FEW_GROUPS_FOLDS` and fewer than :data:`FEW_GROUPS`
    groups, in at most :data:`FEW_GROUPS_ROWS` rows: selection then uses
    every row and :data:`FEW_GROUPS_FOLDS` folds.

    Examples
    --------
    >>> import pandas as pd
    >>> debates = pd.DataFrame({"group": list("abcdefgh") * 10})
    >>> few_groups(debates), few_groups(debates.drop(columns="group"))
    (True, False)
    """
    if "group" not in frame:
        return False
    count = len({str(g) for g in frame["group"]})
    return FEW_GROUPS_FOLDS <= count < FEW_GROUPS and len(frame) <= FEW_GROUPS_ROWS


def selection_sample(frame: Any, max_rows: int | None, seed: int) -> Any:
    """The rows selection and tuning run on: whole groups drawn at random
    until about ``max_rows`` rows, or all rows of data of few documents."""
    return _subsample(frame, None if few_groups(frame) else max_rows, seed)


def outer_folds(frame: Any, k: int | None = None) -> int:
    """The selection's outer folds: ``k`` when given, else :data:`FOLDS`, or
    :data:`FEW_GROUPS_FOLDS` for data of few documents.

    Examples
    --------
    >>> import pandas as pd
    >>> debates = pd.DataFrame({"group": list("abcdefgh") * 10})
    >>> outer_folds(debates), outer_folds(debates, 5), outer_folds(debates[:3])
    (4, 5, 3)
    """
    if k is not None:
        return k
    return FEW_GROUPS_FOLDS if few_groups(frame) else FOLDS


def inner_folds(rows: int, max_rows: int | None) -> int:
    """Inner folds that tune a grid: 2, or 1 split when the data exceed ``max_rows``.

    Examples
    --------
    >>> inner_folds(1500, 3000), inner_folds(50000, 3000), inner_folds(50000, None)
    (2, 1, 2)
    """
    return 1 if max_rows is not None and rows > max_rows else 2


def _subsample(frame: Any, max_rows: int | None, seed: int) -> Any:
    if max_rows is None or len(frame) <= max_rows:
        return frame.reset_index(drop=True)
    rng = np.random.RandomState(seed)
    if "group" not in frame:
        index = np.sort(rng.choice(len(frame), max_rows, replace=False))
        return take(frame, index)
    keys = np.asarray([str(g) for g in frame["group"]])  # as folds() keys groups
    names = np.unique(keys)
    rng.shuffle(names)
    sizes = frame.groupby(keys).size()
    chosen, total = set(), 0
    for name in names:
        if total >= max_rows:
            break
        chosen.add(name)
        total += int(sizes[name])
    mask = np.isin(keys, list(chosen))
    return take(frame, np.flatnonzero(mask))
