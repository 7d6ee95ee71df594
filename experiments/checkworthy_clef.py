"""Leave-one-debate-out cross-validation of check-worthiness on CLEF-2019.

Usage::

    python experiments/checkworthy_clef.py DATA_DIR [--quick] [--config JSON]

DATA_DIR is the CLEF-2019 CheckThat! Task 1 ``training`` folder (one TSV per
debate). Every model is scored on the same folds in the same run: each debate
is held out once, the model is trained on the others, and the held-out
debate's lines are ranked by score. Printed: MAP over debates, R-precision,
P@k, and for models with probabilities the Brier score, expected calibration
error and a reliability table.

Models:
- ``organisers``: the organisers' baseline, TF-IDF unigrams + RBF SVM;
- ``tfidf-lr``: TF-IDF 1-2 grams + logistic regression;
- ``stancekit``: CheckWorthinessClassifier (``--config`` sets its params);
- ``ranker``: CheckWorthinessRanker with its defaults (the ``ranker`` recipe).

``--quick`` skips the slow RBF SVM.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC

from stancekit.evaluation.cv import folds as cv_folds
from stancekit.evaluation.metrics import calibration, ranking_metrics
from stancekit.formats import load_labeled
from stancekit.models.checkworthy import CheckWorthinessClassifier
from stancekit.models.checkworthy_rank import CheckWorthinessRanker


def _subset(rows: dict[str, list], index: np.ndarray) -> dict[str, list]:
    return {k: [v[i] for i in index] for k, v in rows.items()}


def cross_validate_debates(make, rows, y, groups, *, uses_rows: bool):
    """Scores (and probabilities, if any) of every line, each from the model
    that did not see its debate."""
    scores = np.zeros(len(y))
    probs = np.full(len(y), np.nan)
    # leave one debate out: as many folds as debates, from the one fold maker
    n_debates = len(np.unique(groups))
    for train, test in cv_folds(y, list(groups), n_debates)[0]:
        model = make()
        X_train = (
            _subset(rows, train) if uses_rows else [rows["text"][i] for i in train]
        )
        X_test = _subset(rows, test) if uses_rows else [rows["text"][i] for i in test]
        model.fit(X_train, y[train])
        scores[test] = model.decision_function(X_test)
        if hasattr(model, "predict_proba"):
            probs[test] = model.predict_proba(X_test)[:, 1]
    return scores, probs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--quick", action="store_true", help="skip the RBF SVM")
    parser.add_argument("--config", default="{}", help="JSON params of ours")
    args = parser.parse_args(argv)

    data = load_labeled(f"clef-checkthat:{args.data_dir}")
    rows = {
        "text": list(data["text"]),
        "speaker": list(data["speaker"]),
        "group": list(data["group"]),
    }
    y = np.asarray(data["label"])
    groups = np.asarray(rows["group"])
    print(
        f"{len(y)} lines, {int(y.sum())} check-worthy, {len(np.unique(groups))} debates",
        file=sys.stderr,
    )

    params = {"random_state": 0, **json.loads(args.config)}
    models = {
        "organisers (tfidf + rbf svm)": (
            lambda: make_pipeline(TfidfVectorizer(), SVC(kernel="rbf", gamma="scale")),
            False,
        ),
        "tfidf 1-2 + lr": (
            lambda: make_pipeline(
                TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(max_iter=1000)
            ),
            False,
        ),
        "stancekit": (lambda: CheckWorthinessClassifier(**params), True),
        "ranker": (lambda: CheckWorthinessRanker(random_state=0), True),
    }
    if args.quick:
        del models["organisers (tfidf + rbf svm)"]

    ks = ("1", "3", "5", "10", "20", "50")
    header = f"{'model':30} {'MAP':>6} {'R-prec':>6} " + " ".join(
        f"{'P@' + k:>5}" for k in ks
    )
    lines = [header + f" {'Brier':>6} {'ECE':>6} {'secs':>6}"]
    reliability = None
    for name, (make, uses_rows) in models.items():
        start = time.perf_counter()
        scores, probs = cross_validate_debates(
            make, rows, y, groups, uses_rows=uses_rows
        )
        secs = time.perf_counter() - start
        rank = ranking_metrics(y, scores, groups=groups)
        line = f"{name:30} {rank['map']:6.4f} {rank['r_precision']:6.4f} " + " ".join(
            f"{rank['p_at_k'][k]:5.3f}" for k in ks
        )
        if not np.isnan(probs).any():
            cal = calibration(y, probs, n_bins=10)
            line += f" {cal['brier']:6.4f} {cal['ece']:6.4f}"
            if name == "stancekit":
                reliability = cal["reliability"]
        else:
            line += f" {'-':>6} {'-':>6}"
        lines.append(line + f" {secs:6.1f}")
        print(lines[-1], file=sys.stderr)

    print(f"\nLeave-one-debate-out CV, stancekit params: {params}")
    print("\n".join(lines))
    if reliability is not None:
        print("\nReliability of stancekit's probabilities (pooled over folds):")
        print(f"{'bin':>11} {'count':>6} {'mean p':>7} {'observed':>8}")
        for b in reliability:
            if b["count"]:
                print(
                    f"{b['lower']:.1f} - {b['upper']:.1f} {b['count']:6d} "
                    f"{b['mean_predicted']:7.3f} {b['observed_rate']:8.3f}"
                )


if __name__ == "__main__":
    main()
