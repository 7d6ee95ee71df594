"""Default stance model candidates on the corpus's folds and the unseen dev half.

Usage::

    python experiments/stance_candidates.py NAME [NAME ...]

Each candidate is the shipped recipe (``_new_model``, the genre weights)
with some options changed (:data:`CANDIDATES`). It is fitted on the same
5 topic-grouped folds as ``cv_metrics`` and once on the whole corpus, and
scored on the held-out folds' ``data/stance/`` pairs (macro-F1 never
abstaining; the threshold the shipped rule picks, precision >= 0.80, and
precision/coverage at it and at 0.75) and on the ``dev`` half of the unseen
motions (precision/coverage at the same thresholds, accuracy never
abstaining). The ``held`` half is not read. The held-out probabilities are
saved in the temporary folder's ``stancekit-stance/`` for second-stage
candidates.

The ``argN`` candidates are an experiment the default does not ship: the
evaluation set ``data/unseen/argument.jsonl`` added to the training rows
at weight N (:func:`with_argument`), the folds then holding its motions
out like any target. For them the held-out figures are also printed
without its pairs (the files the default trains on), the table of
docs/default-models-history.md, "Tried and not taken".
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd
from default_models import log
from sklearn.model_selection import GroupKFold
from stance_unseen_dev import dev_half, work_dir
from unseen_motions import unseen_sets

from stancekit.evaluation.metrics import evaluate
from stancekit.pipeline.defaults import (
    STANCE_PRECISION,
    _new_model,
    choose_threshold,
    genre_weights,
    load_corpus,
    precision_coverage,
)

#: The pairs issue 12 reported (written for tests/test_default_stance.py),
#: printed with the whole-corpus model's probabilities.
PROBES = [
    (
        "The country should adopt a four-day working week.",
        "The four-day week is a fantasy we cannot afford",
    ),
    (
        "The town should ban cars from the high street.",
        "\"The ones who can't drive in will go somewhere else, and so will my "
        'business."',
    ),
    (
        "Ardenia should recognise the Solvan council's government.",
        "A delegation from the Solvan council visited the capital on Tuesday.",
    ),
]

CANDIDATES = {
    "shipped": {},
    # experiments, not the default: trained with the evaluation set
    # data/unseen/argument.jsonl added at weight w (docs/default-models-history.md,
    # "Tried and not taken"); the shipped model is weight 0
    "arg1": {"argument": 1},
    "arg2": {"argument": 2},
    "arg4": {"argument": 4},
    "arg8": {"argument": 8},
    "dense1": {"dense_scale": 1.0},
    "dense05": {"dense_scale": 0.5},
    "pw1": {"polarity_weight": 1.0},
}


def is_argument(frame: pd.DataFrame) -> np.ndarray:
    """The rows of ``data/unseen/argument.jsonl`` (targets ``argument-...``)."""
    return frame["group"].astype(str).str.startswith("argument-").to_numpy()


def with_argument(frame: pd.DataFrame, argument: pd.DataFrame) -> pd.DataFrame:
    """The corpus ``frame`` with the pairs of ``argument`` added as training
    rows, before the first ``data/stance/`` pair: where they sat while the
    file was ``data/stance/argument.jsonl`` (first in name order), so the
    rows and the topic-grouped folds are the ones measured then."""
    rows = pd.DataFrame(
        {
            "text": argument["text"],
            "group": argument["target_id"],
            "speaker": None,
            "sentence_index": -1,
            "target": argument["target"],
            "label": argument["label"],
            "case": argument["case"],
        }
    )
    first = int(np.argmax((frame["case"] != "article").to_numpy()))
    parts = [frame.iloc[:first], rows[frame.columns], frame.iloc[first:]]
    return pd.concat(parts, ignore_index=True)


def fit(frame: pd.DataFrame, options: dict):
    """The candidate fitted on ``frame``; the added ``argument`` rows weigh
    ``options["argument"]`` (the genre files keep their weights)."""
    options = dict(options)
    weights = genre_weights(frame)
    weights[is_argument(frame)] = options.pop("argument", 0)
    model = _new_model("stance").set_params(**options)
    return model.fit(frame, frame["label"].to_numpy(), sample_weight=weights)


def at(curve: list[dict], threshold: float) -> str:
    point = next(c for c in curve if abs(c["threshold"] - threshold) < 1e-9)
    return f"{point['precision']:.3f}/{point['coverage']:.3f}"


def run(name: str, frame: pd.DataFrame, dev: pd.DataFrame) -> None:
    options = CANDIDATES[name]
    y = frame["label"].to_numpy()
    splits = GroupKFold(n_splits=5).split(frame, y, frame["group"].to_numpy())
    start = time.perf_counter()
    proba = None
    for train, test in splits:
        model = fit(frame.iloc[train], options)
        p = model.predict_proba(frame.iloc[test][["target", "text"]])
        if proba is None:
            proba = np.zeros((len(frame), p.shape[1]))
        proba[test] = p
    full = fit(frame, options)
    seconds = time.perf_counter() - start
    classes = np.asarray(full.classes_, dtype=object)
    dev_proba = full.predict_proba(dev[["target", "text"]])
    for (target, text), p in zip(PROBES, full.predict_proba(PROBES), strict=True):
        shown = ", ".join(f"{c} {v:.3f}" for c, v in zip(full.classes_, p, strict=True))
        print(f"  {text[:50]!r} toward {target[:40]!r}: {shown}")
    np.savez(
        work_dir() / f"{name}.npz",
        proba=proba,
        dev_proba=dev_proba,
        classes=classes.astype(str),
    )
    pairs = (frame["case"] != "article").to_numpy()
    curve = precision_coverage(y[pairs], proba[pairs], classes)
    chosen = choose_threshold(curve, STANCE_PRECISION)
    f1 = evaluate(y[pairs], classes[proba[pairs].argmax(axis=1)])["macro_f1"]
    old = pairs & ~is_argument(frame)
    if old.sum() < pairs.sum():  # the same held-out rows without argument.jsonl
        old_curve = precision_coverage(y[old], proba[old], classes)
        old_f1 = evaluate(y[old], classes[proba[old].argmax(axis=1)])["macro_f1"]
        print(
            f"{name:10s} without argument.jsonl: F1 {old_f1:.4f} thr "
            f"{choose_threshold(old_curve, STANCE_PRECISION):.2f} "
            f"at-0.75 {at(old_curve, 0.75)}"
        )
    gold = dev["label"].to_numpy()
    dev_curve = precision_coverage(gold, dev_proba, classes)
    dev_acc = np.mean(classes[dev_proba.argmax(axis=1)] == gold)
    print(
        f"{name:10s} corpus F1 {f1:.3f} thr {chosen:.2f} at-thr {at(curve, chosen)} "
        f"at-0.75 {at(curve, 0.75)} | dev at-thr {at(dev_curve, chosen)} "
        f"at-0.75 {at(dev_curve, 0.75)} at-0.60 {at(dev_curve, 0.6)} "
        f"argmax acc {dev_acc:.3f} | {seconds:.0f} s",
        flush=True,
    )


def main(names: list[str]) -> None:
    corpus = load_corpus("stance").to_pandas()
    dev = dev_half()
    log(f"corpus {len(corpus)} pairs; unseen dev {len(dev)} pairs")
    for name in names:
        frame = corpus
        if "argument" in CANDIDATES[name]:
            frame = with_argument(corpus, unseen_sets()["argument"])
        run(name, frame, dev)


if __name__ == "__main__":
    main(sys.argv[1:] or list(CANDIDATES))
