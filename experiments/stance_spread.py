"""How much the default stance model's out-of-domain figures move by chance.

Usage::

    python experiments/stance_spread.py DATA_DIR [--refits 4] [--share 0.01]

``DATA_DIR`` holds ``ibm-claim-stance/train.csv`` and ``emergent/``;
nothing is copied from it. The default stance recipe (``train_default``,
the recorded abstain threshold) is fitted on the whole corpus, then again
``--refits`` times, each time without a random ``--share`` of the stance
corpus's targets (whole targets, drawn by seed; the article labels are
always kept). Every model is scored at the shipped threshold on IBM Claim
Stance's training topics, Emergent's training pairs and the three sets of
``data/unseen/``, all never trained on. Printed: per set, the full
model's favor/against precision and coverage beside the lowest and
highest over the refits. A change whose effect on a set is smaller than
that spread is not measured by the set. Tables go to stdout, progress to
stderr.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd
from default_models import emergent_pairs, ibm_claims, log, print_table
from unseen_motions import unseen_sets

from stancekit.pipeline.defaults import (
    load_corpus,
    precision_coverage,
    stance_threshold,
    train_default,
)


def without_targets(frame: pd.DataFrame, share: float, seed: int) -> pd.DataFrame:
    """``frame`` without a random ``share`` of the stance corpus's targets:
    the groups of its rows that are not article labels (``case`` other
    than ``"article"``), whole, drawn with ``seed``; at least one."""
    pairs = frame["case"] != "article"
    groups = np.sort(frame.loc[pairs, "group"].unique())
    count = max(1, round(share * len(groups)))
    dropped = np.random.RandomState(seed).choice(groups, count, replace=False)
    return frame[~(pairs & frame["group"].isin(dropped))].reset_index(drop=True)


def spread_rows(scores: dict[str, list[tuple[float, float]]]) -> list[dict]:
    """One row per set: the full model's precision and coverage (the first
    of its scores) beside the lowest and highest of the others."""
    rows = []
    for name, runs in scores.items():
        (precision, coverage), rest = runs[0], np.array(runs[1:])
        row = {"set": name, "full model": f"{precision:.3f} / {coverage:.3f}"}
        if len(rest):
            low, high = rest.min(axis=0), rest.max(axis=0)
            row["refits: precision"] = f"{low[0]:.3f}-{high[0]:.3f}"
            row["refits: coverage"] = f"{low[1]:.3f}-{high[1]:.3f}"
        rows.append(row)
    return rows


def scored_sets(datasets_dir: Path) -> dict[str, pd.DataFrame]:
    """The sets never trained on, each with ``target``, ``text`` and ``label``."""
    sets = {
        "IBM claim stance (train)": ibm_claims(datasets_dir),
        "Emergent (train)": emergent_pairs(datasets_dir),
    }
    sets.update({f"{name}.jsonl": frame for name, frame in unseen_sets().items()})
    return sets


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("datasets_dir", type=Path)
    parser.add_argument("--refits", type=int, default=4)
    parser.add_argument("--share", type=float, default=0.01)
    args = parser.parse_args(argv)
    sets = scored_sets(args.datasets_dir)
    frame = load_corpus("stance").to_pandas()
    threshold = stance_threshold()
    scores: dict[str, list[tuple[float, float]]] = {name: [] for name in sets}
    for seed in [None, *range(args.refits)]:
        start = time.perf_counter()
        rows = frame if seed is None else without_targets(frame, args.share, seed)
        model = train_default("stance", rows, threshold)
        for name, data in sets.items():
            proba = model.predict_proba(data[["target", "text"]])
            point = precision_coverage(
                data["label"], proba, model.classes_, [threshold]
            )
            scores[name].append((point[0]["precision"], point[0]["coverage"]))
        which = "full corpus" if seed is None else f"refit {seed}"
        log(f"{which}: {len(rows)} rows, {time.perf_counter() - start:.0f} s")
    print_table(
        f"default stance model at its threshold {threshold:.2f}: favor/against "
        f"precision / coverage, the full model and {args.refits} refits without "
        f"{args.share:.0%} of the stance corpus's targets",
        spread_rows(scores),
        ["set", "full model", "refits: precision", "refits: coverage"],
    )


if __name__ == "__main__":
    main()
