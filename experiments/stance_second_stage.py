"""A favor-vs-against second stage and calibration, on saved probabilities.

Usage::

    python experiments/stance_candidates.py shipped   # saves its probabilities
    python experiments/stance_second_stage.py [NAME]

Reads the held-out (topic-grouped folds) and unseen-dev probabilities that
``stance_candidates.py NAME`` saved, and scores two kinds of candidate on
the same folds and the ``dev`` half of the unseen motions (the ``held``
half is not read):

1. a side model: a logistic regression for favor against against on the
   cross-target features (signed polarity, claim polarity, effects,
   verbs, modal), fitted on the training folds' stance-bearing pairs
   (genre weights as the default's), multiplied into the favor and against
   probabilities to a power ``w`` (none unchanged), renormalised;
2. calibration of the combined probabilities: isotonic per class, or a
   multinomial sigmoid on their logs, overall or per kind of target, each
   fitted on the other folds' held-out rows (and on all of them for dev).

For each: macro-F1 of the corpus's ``data/stance/`` pairs, the threshold
the shipped rule picks (precision >= 0.80) and precision/coverage at it,
and on dev precision/coverage at it, at 0.75 and at 0.60, and accuracy.
"""

from __future__ import annotations

import sys

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from stance_candidates import at
from stance_unseen_dev import dev_half, work_dir

from stancekit.evaluation.metrics import evaluate
from stancekit.features.claim_target import target_kind
from stancekit.features.target_polarity import (
    FEATURE_NAMES,
    target_polarity_features,
)
from stancekit.pipeline.defaults import (
    STANCE_PRECISION,
    choose_threshold,
    genre_weights,
    load_corpus,
    precision_coverage,
)

_SIGNED = [
    n for n in FEATURE_NAMES if n.startswith("tp_signed") and not n.endswith("_abs")
]
SIDE_SETS = {
    "signed": _SIGNED,
    "claim": ["tp_signed_claim"],
    "signed+raw": _SIGNED
    + [
        "tp_sentiment",
        "tp_claim_sentiment",
        "tp_good_effect",
        "tp_bad_effect",
        "tp_endorsing",
        "tp_refuting",
        "tp_target_negative",
        "tp_motion_polarity",
    ],
}


class Scores:
    """The corpus rows, the dev half and a candidate's scoring."""

    def __init__(self, name: str) -> None:
        saved = np.load(work_dir() / f"{name}.npz")
        self.proba, self.dev_proba = saved["proba"], saved["dev_proba"]
        self.classes = saved["classes"]
        self.frame = load_corpus("stance").to_pandas()
        self.dev = dev_half()
        self.y = self.frame["label"].to_numpy()
        self.gold = self.dev["label"].to_numpy()
        self.pairs = (self.frame["case"] != "article").to_numpy()
        self.splits = list(
            GroupKFold(n_splits=5).split(self.frame, self.y, self.frame["group"])
        )

    def line(self, label: str, q: np.ndarray, qd: np.ndarray) -> str:
        y, pairs, classes = self.y, self.pairs, self.classes
        curve = precision_coverage(y[pairs], q[pairs], classes)
        chosen = choose_threshold(curve, STANCE_PRECISION)
        f1 = evaluate(y[pairs], classes[q[pairs].argmax(1)])["macro_f1"]
        dev = precision_coverage(self.gold, qd, classes)
        acc = np.mean(classes[qd.argmax(1)] == self.gold)
        return (
            f"{label:32s} corpus F1 {f1:.3f} thr {chosen:.2f} {at(curve, chosen)} | "
            f"dev at-thr {at(dev, chosen)} at-0.75 {at(dev, 0.75)} "
            f"at-0.60 {at(dev, 0.6)} acc {acc:.3f}"
        )


def side_stage(s: Scores) -> None:
    frame, dev, y = s.frame, s.dev, s.y
    F = target_polarity_features(frame["target"].tolist(), frame["text"].tolist())
    D = target_polarity_features(dev["target"].tolist(), dev["text"].tolist())
    weights = genre_weights(frame)
    favor = list(s.classes).index("favor")
    against = list(s.classes).index("against")

    def side_model(rows: np.ndarray, X: np.ndarray) -> LogisticRegression:
        rows = rows[y[rows] != "none"]
        return LogisticRegression(max_iter=1000).fit(
            X[rows], y[rows] == "favor", sample_weight=weights[rows]
        )

    def combine(p: np.ndarray, side: np.ndarray, w: float) -> np.ndarray:
        q = p.copy()
        q[:, favor] *= side**w
        q[:, against] *= (1 - side) ** w
        return q / q.sum(1, keepdims=True)

    for name, columns in SIDE_SETS.items():
        idx = [FEATURE_NAMES.index(c) for c in columns]
        X, XD = F[:, idx], D[:, idx]
        side = np.zeros(len(y))
        for train, test in s.splits:
            side[test] = side_model(train, X).predict_proba(X[test])[:, 1]
        dev_side = side_model(np.arange(len(y)), X).predict_proba(XD)[:, 1]
        for w in (0.5, 1.0, 2.0):
            q, qd = combine(s.proba, side, w), combine(s.dev_proba, dev_side, w)
            print(s.line(f"side {name}, w={w}", q, qd), flush=True)


def _isotonic(classes, P, Y, Q):
    out = np.zeros_like(Q)
    for j, c in enumerate(classes):
        iso = IsotonicRegression(out_of_bounds="clip", y_min=1e-4, y_max=1)
        out[:, j] = iso.fit(P[:, j], np.equal(Y, c)).predict(Q[:, j])
    return out / out.sum(1, keepdims=True)


def _sigmoid(classes, P, Y, Q):
    model = LogisticRegression(max_iter=1000).fit(np.log(P + 1e-9), Y)
    return model.predict_proba(np.log(Q + 1e-9))


def calibration(s: Scores) -> None:
    kinds = np.array([target_kind(t) for t in s.frame["target"]])
    dev_kinds = np.array([target_kind(t) for t in s.dev["target"]])
    for name, fn in (("isotonic", _isotonic), ("sigmoid", _sigmoid)):
        for by_kind in (False, True):

            def fitted(rows, P_out, k_out, fn=fn, by_kind=by_kind):
                P, Y = s.proba[rows], s.y[rows]
                if not by_kind:
                    return fn(s.classes, P, Y, P_out)
                out = np.zeros_like(P_out)
                for k in np.unique(k_out):
                    mask = kinds[rows] == k
                    out[k_out == k] = fn(s.classes, P[mask], Y[mask], P_out[k_out == k])
                return out

            q = np.zeros_like(s.proba)
            for train, test in s.splits:
                train = train[s.pairs[train]]
                q[test] = fitted(train, s.proba[test], kinds[test])
            qd = fitted(np.flatnonzero(s.pairs), s.dev_proba, dev_kinds)
            label = f"calibrated {name}{' per kind' if by_kind else ''}"
            print(s.line(label, q, qd), flush=True)


def main(name: str) -> None:
    s = Scores(name)
    print(s.line("as saved", s.proba, s.dev_proba))
    side_stage(s)
    calibration(s)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "shipped")
