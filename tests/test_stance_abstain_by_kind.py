"""Abstaining per kind of target: thresholds chosen per kind on held-out folds."""

from __future__ import annotations

import numpy as np

from stancekit.pipeline.defaults import _by_kind

CLASSES = np.array(["against", "favor", "none"], dtype=object)
MOTION = "The council should open a night bus line."
CLAIM = "The night bus line opened in May."


def rows(n: int, p: float, right: bool) -> tuple[list[np.ndarray], list[str]]:
    """``n`` pairs given favor with probability ``p``, right or wrong."""
    proba = [np.array([0.0, p, 1.0 - p])] * n
    return proba, ["favor" if right else "against"] * n


def test_each_kind_gets_the_lowest_threshold_reaching_the_precision_goal():
    proba, y, targets, folds = [], [], [], []
    for fold in range(2):
        for target, p_wrong in ((MOTION, 0.5), (CLAIM, 0.85)):
            # right at 0.9; wrong ones sit at 0.5 for motions, 0.85 for claims
            for p, right, n in ((0.9, True, 7), (p_wrong, False, 3)):
                block, labels = rows(n, p, right)
                proba += block
                y += labels
                targets += [target] * n
                folds += [fold] * n
    out = _by_kind(
        np.array(targets),
        np.array(y, dtype=object),
        np.vstack(proba),
        CLASSES,
        np.array(folds),
    )
    assert out["pairs_by_kind"] == {"motion": 20, "claim": 20, "topic": 0}
    assert out["threshold_by_kind"]["motion"] < out["threshold_by_kind"]["claim"]
    assert out["threshold_by_kind"]["claim"] == 0.9
    assert out["by_kind_held_out"] == {"precision": 1.0, "coverage": 0.7}
    assert set(out["curve_by_kind"]) == {"motion", "claim"}
