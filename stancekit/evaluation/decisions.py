"""Which label to give, from a row of class probabilities.

The most probable label is right for accuracy, but a benchmark that weighs
its decisions unequally is better served by the label with the highest
*expected* score. FNC-1's score is one: a pair earns 0.25 for the
related/unrelated decision and 0.75 more for the exact related label, so
calling a pair related is worth it well before ``unrelated`` stops being
the most probable label.

The rule needs probabilities calibrated to the data's label shares: a
model fitted with reweighted classes (``class_weight="balanced"``) says
"related" too readily, and the rule then calls far too many pairs related
(the balanced n-gram recipes lost .05 of FNC-1 score with it, see
docs/stance.md). So a model asks for it: :func:`model_rule` reads its
``decision`` parameter (``StanceClassifier``'s), and every place that turns
a model's probabilities into labels (``predict``, ``stancekit
predict``/``evaluate``, the cross-validation that selects recipes) calls
:func:`decide_for`, so they all give the same label.

F1 of the positive label is another: with rare check-worthy rows a 0.5
cut on calibrated probabilities labels almost nothing positive. A
two-label model may carry ``decision_threshold_`` (set by ``stancekit
train`` for tables scored by F1, chosen by :func:`f1_threshold` on
held-out probabilities); :func:`decide_for` then gives the positive label
from that probability on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from stancekit.evaluation.metrics import FNC_LABELS
from stancekit.tasks import positive_label

__all__ = [
    "DECISION_RULES",
    "THRESHOLDS",
    "decide",
    "decide_for",
    "decision_rule",
    "f1_threshold",
    "model_rule",
]

#: ``"auto"``: the FNC-1 score's rule when the labels are FNC-1's four,
#: else the most probable label; ``"argmax"``: always the most probable;
#: ``"fnc_score"``: the highest expected FNC-1 score.
DECISION_RULES = ("auto", "argmax", "fnc_score")

#: The cuts :func:`f1_threshold` chooses among: a coarse grid, so the
#: choice follows the shape of the F1 curve, not single rows near a cut.
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))


def decision_rule(classes: Sequence[Any], rule: str = "auto") -> str:
    """The rule :func:`decide` applies to ``classes``: ``"argmax"`` or
    ``"fnc_score"``.

    Examples
    --------
    >>> decision_rule(["agree", "disagree", "discuss", "unrelated"])
    'fnc_score'
    >>> decision_rule(["against", "favor", "none"])
    'argmax'
    >>> decision_rule(["agree", "disagree", "discuss", "unrelated"], "argmax")
    'argmax'
    """
    if rule not in DECISION_RULES:
        raise ValueError(f"decision must be one of {DECISION_RULES}; got {rule!r}.")
    fnc = sorted(str(c) for c in classes) == sorted(FNC_LABELS)
    if rule == "fnc_score" and not fnc:
        raise ValueError(
            f"decision='fnc_score' needs FNC-1's labels {list(FNC_LABELS)}; "
            f"got {[str(c) for c in classes]!r}."
        )
    if rule == "auto":
        return "fnc_score" if fnc else "argmax"
    return rule


def decide(proba: Any, classes: Sequence[Any], rule: str = "auto") -> np.ndarray:
    """The column of ``classes`` to give each row of ``proba``.

    ``"fnc_score"`` picks the label of the highest expected FNC-1 score
    under the row's own probabilities: ``0.25 * P(related) + 0.75 * P(l)``
    for a related label ``l``, ``0.25 * P(unrelated)`` for ``unrelated``.
    A pair goes to the most probable related label as soon as
    ``P(related) * (0.5 + 0.75 * P(l | related)) > 0.25``: from a
    probability of being related between 0.2 and 1/3, not 0.5.

    Examples
    --------
    >>> classes = ["agree", "disagree", "discuss", "unrelated"]
    >>> p = np.array([[0.05, 0.05, 0.30, 0.60], [0.0, 0.0, 0.1, 0.9]])
    >>> [classes[i] for i in decide(p, classes)]
    ['discuss', 'unrelated']
    >>> [classes[i] for i in decide(p, classes, "argmax")]
    ['unrelated', 'unrelated']
    """
    proba = np.asarray(proba, dtype=np.float64)
    if decision_rule(classes, rule) == "argmax":
        return proba.argmax(axis=1)
    names = [str(c) for c in classes]
    unrelated = names.index("unrelated")
    expected = 0.25 * (1.0 - proba[:, [unrelated]]) + 0.75 * proba
    expected[:, unrelated] = 0.25 * proba[:, unrelated]
    return expected.argmax(axis=1)


def model_rule(model: Any) -> str:
    """The rule a model's labels follow: its ``decision`` parameter;
    ``"argmax"`` for a model without one, and for ``"auto"`` when its
    classes were reweighted (a ``class_weight``), as its probabilities then
    do not follow the data's label shares.

    Examples
    --------
    >>> from stancekit.models.stance import StanceClassifier
    >>> model_rule(StanceClassifier())
    'auto'
    >>> model_rule(StanceClassifier(class_weight="balanced"))
    'argmax'
    >>> from sklearn.linear_model import LogisticRegression
    >>> model_rule(LogisticRegression())
    'argmax'
    """
    rule = getattr(model, "decision", "argmax")
    if rule == "auto" and getattr(model, "class_weight", None) is not None:
        return "argmax"
    return str(rule)


def decide_for(
    model: Any, proba: Any, classes: Sequence[Any] | None = None
) -> np.ndarray:
    """:func:`decide` by the rule ``model`` asks for (:func:`model_rule`):
    the column of ``classes`` (default: the model's) for each row of
    ``proba``, as the model labels its rows. A two-label model with a
    ``decision_threshold_`` gives its positive label (:func:`positive_label
    <stancekit.tasks.positive_label>`) from that probability on.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> model = SimpleNamespace(classes_=[0, 1], decision_threshold_=0.2)
    >>> decide_for(model, np.array([[0.7, 0.3], [0.9, 0.1]])).tolist()
    [1, 0]
    """
    classes = list(model.classes_) if classes is None else list(classes)
    threshold = getattr(model, "decision_threshold_", None)
    positive = None
    if threshold is not None and len(classes) == 2:
        positive = positive_label(classes)
    if positive is not None:
        column = classes.index(positive)
        chosen = np.asarray(proba, dtype=np.float64)[:, column] >= threshold
        return np.where(chosen, column, 1 - column)
    return decide(proba, classes, model_rule(model))


def f1_threshold(is_positive: Any, scores: Any) -> float:
    """The cut of :data:`THRESHOLDS` where F1 of the positive label is best
    when rows scoring at least the cut are called positive; of equal F1s the
    one nearest 0.5.

    Examples
    --------
    >>> f1_threshold([1, 0, 1, 0, 0], [0.3, 0.1, 0.25, 0.05, 0.2])
    0.25
    >>> f1_threshold([0, 0], [0.1, 0.9])
    0.5
    """
    truth = np.asarray(is_positive, dtype=bool)
    scores = np.asarray(scores, dtype=np.float64)
    best, best_f1 = 0.5, -1.0
    for cut in sorted(THRESHOLDS, key=lambda t: abs(t - 0.5)):
        called = scores >= cut
        hits = int(np.sum(called & truth))
        f1 = 2 * hits / (int(called.sum()) + int(truth.sum()) or 1)
        if f1 > best_f1 + 1e-12:
            best, best_f1 = cut, f1
    return best
