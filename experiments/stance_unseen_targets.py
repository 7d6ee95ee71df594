"""Stance toward targets never seen in training: IBM Claim Stance, topic-grouped.

Usage::

    python experiments/stance_unseen_targets.py [IBM_DIR] [--final]

Development is leave-topics-out cross-validation (5 folds grouped by
``topic_id``) on 20 of the 25 training topics. Five topics (every fifth
topic id in sorted order, starting with the third) are held out and never
looked at while developing; ``--final`` trains each candidate on the 20
development topics and scores it on those 5, once, at the end.

Candidates, all in the same run:

- ``tfidf+lr``: the plain reference, TF-IDF word 1-2 grams + logistic
  regression over ``"topic [SEP] claim"``;
- ``majority``: the most frequent label of the training folds;
- ``StanceClassifier``: the library's default recipe (n-grams + pair cues);
- ``+ target_polarity``: the same with the features of
  :mod:`stancekit.features.target_polarity`;
- ``target_polarity, no n-grams``: dense pair features and target polarity
  only (nothing topic-specific to overfit);
- ``claim_polarity``: only stance as the motion's polarity times the
  claim's sentiment (``StanceClassifier(features="claim_polarity")``), with
  and without balanced class weights.

Each is scored by accuracy, by accuracy on the 40% of claims it is surest
of (when it may abstain, as Bar-Haim et al. report), and by balanced accuracy (the mean recall of
favor and against). The share of favor claims differs widely between topics
(from about a quarter to more than nine in ten here), so a new topic's prior
is unknown: the choice among candidates is made on the dev topics'
balanced accuracy, which does not reward betting on the training topics'
prior.

IBM_DIR (default /work/shared/datasets/ibm-claim-stance) holds ``train.csv``;
nothing is copied from it. The table goes to stdout, progress to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline

from stancekit.models.stance import StanceClassifier

FOLDS = 5
COVERAGE = 0.4  # share of claims answered when the model may abstain


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def split_topics(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(development topics, held-out topics): every fifth topic id is held out."""
    topics = sorted(frame["topic_id"].unique())
    held = set(topics[2::5])
    mask = frame["topic_id"].isin(held)
    return frame[~mask].reset_index(drop=True), frame[mask].reset_index(drop=True)


class Plain:
    """TF-IDF 1-2 grams + LR over "target [SEP] text"."""

    classes_ = property(lambda self: self.model.classes_)

    def fit(self, frame: pd.DataFrame, y: np.ndarray) -> Plain:
        self.model = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            LogisticRegression(max_iter=2000, random_state=0),
        ).fit(_joined(frame), y)
        return self

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        return self.model.predict(_joined(frame))

    def predict_proba(self, frame: pd.DataFrame) -> np.ndarray:
        return self.model.predict_proba(_joined(frame))


class Majority:
    def fit(self, frame: pd.DataFrame, y: np.ndarray) -> Majority:
        values, counts = np.unique(y, return_counts=True)
        self.label = values[np.argmax(counts)]
        return self

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        return np.full(len(frame), self.label, dtype=object)


def _joined(frame: pd.DataFrame) -> list[str]:
    return [
        f"{t} [SEP] {x}" for t, x in zip(frame["target"], frame["text"], strict=True)
    ]


CANDIDATES = {
    "majority": Majority,
    "tfidf+lr": Plain,
    "StanceClassifier": lambda: StanceClassifier(random_state=0),
    "StanceClassifier + target_polarity": lambda: StanceClassifier(
        target_polarity=True, random_state=0
    ),
    "target_polarity, no n-grams": lambda: StanceClassifier(
        target_polarity=True, ngrams=False, C=0.1, random_state=0
    ),
    "claim_polarity": lambda: StanceClassifier(
        features="claim_polarity", random_state=0
    ),
    "claim_polarity, balanced": lambda: StanceClassifier(
        features="claim_polarity", class_weight="balanced", random_state=0
    ),
}


def scores(y: np.ndarray, pred: np.ndarray) -> str:
    """Accuracy / balanced accuracy (mean recall of the labels)."""
    recall = [np.mean(pred[y == label] == label) for label in np.unique(y)]
    return f"{np.mean(pred == y):.3f} / {np.mean(recall):.3f}"


def confident(y: np.ndarray, pred: np.ndarray, confidence: np.ndarray | None) -> str:
    """Accuracy on the COVERAGE share of claims the model is surest of."""
    if confidence is None:
        return ""
    top = np.argsort(-confidence, kind="stable")[: int(COVERAGE * len(y))]
    return f"{np.mean(pred[top] == y[top]):.3f}"


def fit_predict(make, train: pd.DataFrame, test: pd.DataFrame):
    """Labels and confidences (highest probability, if any) on ``test``."""
    model = make().fit(train[["target", "text"]], train["label"].to_numpy())
    pairs = test[["target", "text"]]
    if not hasattr(model, "predict_proba"):
        return model.predict(pairs), None
    proba = model.predict_proba(pairs)
    return model.classes_[proba.argmax(axis=1)], proba.max(axis=1)


def grouped_cv(make, frame: pd.DataFrame) -> list[str]:
    y = frame["label"].to_numpy()
    pred = np.empty(len(y), dtype=object)
    confidence = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(frame, y, frame["topic_id"]):
        pred[test], conf = fit_predict(make, frame.iloc[train], frame.iloc[test])
        confidence = None if conf is None else confidence
        if confidence is not None:
            confidence[test] = conf
    return [scores(y, pred), confident(y, pred, confidence)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "ibm_dir", nargs="?", default="/work/shared/datasets/ibm-claim-stance"
    )
    parser.add_argument(
        "--final", action="store_true", help="also score on the 5 held-out topics"
    )
    args = parser.parse_args(argv)
    frame = pd.read_csv(Path(args.ibm_dir) / "train.csv")
    dev, held = split_topics(frame)
    log(
        f"development: {len(dev)} claims, {dev['topic_id'].nunique()} topics; "
        f"held out: {held['topic_id'].nunique()} topics"
    )
    share = f"accuracy, surest {COVERAGE:.0%}"
    columns = ["model", f"accuracy / balanced, {FOLDS}-fold CV by topic (dev)"]
    columns.append(f"{share} (dev)")
    if args.final:
        columns += ["accuracy / balanced, 5 held-out topics", f"{share} (held out)"]
    columns.append("seconds")
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---" for _ in columns) + "|")
    for name, make in CANDIDATES.items():
        start = time.perf_counter()
        cells = [name, *grouped_cv(make, dev)]
        if args.final:
            pred, conf = fit_predict(make, dev, held)
            y = held["label"].to_numpy()
            cells += [scores(y, pred), confident(y, pred, conf)]
        cells.append(f"{time.perf_counter() - start:.0f}")
        print("| " + " | ".join(cells) + " |", flush=True)
        log(f"{name} done")


if __name__ == "__main__":
    main()
