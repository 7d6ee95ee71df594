"""Where the default stance model loses confidence on the unseen motions' dev half.

Usage::

    python experiments/stance_unseen_dev.py

Fits the default stance model as it ships on the whole corpus and scores
the ``dev`` half of ``data/unseen/motion.jsonl`` (the split of
``unseen_motions.motion_half``; the ``held`` half is not read here). Prints
the confusion of gold label against the label given at the shipped
threshold and never abstaining, the same by the pair's case, and for the
implied arguments, how often the cross-target features fire (a claim-target
relation, a sentiment, an effect, the claim polarity) beside the share of
them the model gets right. Tables go to stdout.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from default_models import fit_on_corpus, log
from unseen_motions import motion_half, unseen_sets

from stancekit.features.target_polarity import (
    FEATURE_NAMES,
    target_polarity_features,
)
from stancekit.models.stance import abstain


def work_dir() -> Path:
    """Where the stance experiments leave their probabilities and tables."""
    folder = Path(tempfile.gettempdir()) / "stancekit-stance"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def dev_half() -> pd.DataFrame:
    """The dev half of the unseen motions, ``data/unseen/motion.jsonl``."""
    frame = unseen_sets()["motion"]
    return frame[motion_half(frame) == "dev"].reset_index(drop=True)


def confusion(gold: np.ndarray, given: np.ndarray) -> pd.DataFrame:
    return pd.crosstab(
        pd.Series(gold, name="gold"), pd.Series(given, name="given"), margins=True
    )


def fired(frame: pd.DataFrame) -> pd.DataFrame:
    """The target-polarity features of ``frame``'s pairs, by name."""
    raw = target_polarity_features(frame["target"].tolist(), frame["text"].tolist())
    return pd.DataFrame(raw, columns=FEATURE_NAMES)


def main() -> None:
    frame = dev_half()
    log(f"dev half: {len(frame)} pairs, {frame['target_id'].nunique()} motions")
    ours, _ = fit_on_corpus("stance")
    proba = ours.predict_proba(frame[["target", "text"]])
    classes = np.asarray(ours.classes_, dtype=object)
    gold = frame["label"].to_numpy().astype(object)
    given = abstain(proba, classes, ours.abstain_threshold)[0]
    argmax = classes[proba.argmax(axis=1)]
    print(f"\nat the shipped threshold {ours.abstain_threshold:.2f}")
    print(confusion(gold, given).to_string())
    print("\nnever abstaining")
    print(confusion(gold, argmax).to_string())
    for case, rows in frame.groupby("case"):
        idx = rows.index.to_numpy()
        right = given[idx] == gold[idx]
        said = given[idx] != "none"
        print(
            f"{case:18s} n={len(idx):4d} said={said.mean():.3f} "
            f"right-when-said={right[said].mean() if said.any() else 0:.3f} "
            f"argmax-right={np.mean(argmax[idx] == gold[idx]):.3f}"
        )
    arg = (frame["case"] != "off_topic").to_numpy() & (gold != "none")
    feats = fired(frame)
    top = proba.max(axis=1)
    print(
        "\nstance-bearing pairs: feature fires -> n, said at threshold, right when said, argmax right"
    )
    for name in FEATURE_NAMES:
        on = arg & (feats[name].to_numpy() != 0)
        if not on.any():
            continue
        said = on & (given != "none")
        print(
            f"{name:28s} {on.sum():4d} {said.sum() / on.sum():.3f} "
            f"{np.mean(given[said] == gold[said]) if said.any() else 0:.3f} "
            f"{np.mean(argmax[on] == gold[on]):.3f} mean top p {top[on].mean():.3f}"
        )
    frame["given"], frame["argmax"] = given, argmax
    frame["p_max"] = top.round(3)
    frame.to_csv(work_dir() / "dev_predictions.csv", index=False)


if __name__ == "__main__":
    main()
