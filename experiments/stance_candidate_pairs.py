"""Would a file of new stance pairs help the default model? Same folds, with and without.

Usage::

    python experiments/stance_candidate_pairs.py data/candidates/feasibility.jsonl [DATA]

The candidate file has the fields of ``data/stance/`` (data/GUIDELINES.md,
section 8); its pairs are added to the default stance model's training
rows (``load_corpus("stance")``, weighted as the genre rules say). Printed:

1. Five target-grouped folds over the union (the folds fixed by target
   before either model is fitted, so both see the same test rows): each
   fold is scored by the default recipe trained without the candidate
   pairs (A) and with them (B). Macro-F1 and favor/against precision and
   coverage by threshold, separately on the stance corpus's own pairs, the
   article sentences and the candidate pairs (B never sees a test fold's
   targets, so its figure on the candidate pairs is on targets it never
   saw).
2. With the shared datasets folder: A and B fitted on everything and scored
   on IBM Claim Stance, Emergent and the project's unseen sets
   (``data/unseen/``), never trained on, at a few thresholds, beside
   Emergent's majority class. Read these after deciding on the
   corpus figures, not to decide.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from stancekit.evaluation.metrics import evaluate
from stancekit.formats import load_labeled
from stancekit.models.stance import abstain
from stancekit.pipeline.defaults import (
    load_corpus,
    pair_row,
    precision_coverage,
    train_default,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from default_models import EMERGENT_LABELS, stance_scores  # noqa: E402
from unseen_motions import unseen_sets  # noqa: E402

THRESHOLDS = (0.65, 0.70, 0.75, 0.80)


def candidate_rows(path: Path) -> pd.DataFrame:
    """The candidate pairs as rows of ``load_corpus("stance")``."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = pair_row(json.loads(line))
                rows.append({**row, "case": f"candidate:{row['case']}"})
    return pd.DataFrame(rows)


def corpus_folds(frame: pd.DataFrame, new: pd.DataFrame) -> None:
    union = pd.concat([frame, new], ignore_index=True)
    groups = union["group"].astype(str).to_numpy()
    fold = np.zeros(len(union), dtype=int)
    for i, (_, test) in enumerate(GroupKFold(5).split(union, union["label"], groups)):
        fold[test] = i
    is_old = np.arange(len(union)) < len(frame)
    proba = {"A": np.zeros((len(union), 3)), "B": np.zeros((len(union), 3))}
    classes = None
    for k in range(5):
        test = fold == k
        for name, train in (("A", ~test & is_old), ("B", ~test)):
            model = train_default("stance", union[train].reset_index(drop=True))
            classes = model.classes_
            proba[name][test] = model.predict_proba(union[test].reset_index(drop=True))
        print(f"fold {k} scored", file=sys.stderr, flush=True)
    y = union["label"].to_numpy().astype(object)
    case = union["case"].astype(str).to_numpy()
    subsets = {
        "stance corpus pairs": is_old & (case != "article"),
        "article sentences": case == "article",
        "candidate pairs": ~is_old,
    }
    head = " | ".join(f"P / C at {t:.2f}" for t in THRESHOLDS)
    print("\n| model | rows | pairs | macro-F1 | " + head + " |")
    print("|---" * (4 + len(THRESHOLDS)) + "|")
    for name in ("A", "B"):
        for label, mask in subsets.items():
            P = proba[name][mask]
            m = evaluate(list(y[mask]), list(classes[P.argmax(axis=1)]))
            curve = precision_coverage(y[mask], P, classes, THRESHOLDS)
            cells = " | ".join(
                f"{c['precision']:.3f} / {c['coverage']:.3f}" for c in curve
            )
            which = "A (without)" if name == "A" else "B (with)"
            print(
                f"| {which} | {label} | {mask.sum()} | {m['macro_f1']:.4f} | {cells} |"
            )


def out_of_domain(frame: pd.DataFrame, new: pd.DataFrame, root: Path) -> None:
    path = next((root / "emergent").glob("*.csv"))
    emergent = load_labeled(f"emergent:{path}").to_pandas()
    emergent["label"] = emergent["label"].map(EMERGENT_LABELS)
    ibm = pd.read_csv(root / "ibm-claim-stance" / "train.csv")
    counts = emergent["label"].value_counts()
    print(
        f"\nEmergent's majority class: {counts.index[0]}, {counts.iloc[0]} of "
        f"{len(emergent)} ({counts.iloc[0] / len(emergent):.4f})"
    )
    print("\n| model | set | threshold | precision | coverage | accuracy (right) |")
    print("|---|---|---|---|---|---|")
    # the project's unseen evaluation sets too (data/unseen/, never trained on)
    unseen = {f"unseen {k}": v for k, v in unseen_sets().items()}
    union = pd.concat([frame, new], ignore_index=True)
    for name, data in (("A (without)", frame), ("B (with)", union)):
        model = train_default("stance", data)
        for set_name, d in (("IBM", ibm), ("Emergent", emergent), *unseen.items()):
            y = d["label"].to_numpy().astype(object)
            P = model.predict_proba(d[["target", "text"]])
            for t in (0.60, 0.70, 0.75):
                s = stance_scores(y, abstain(P, model.classes_, t)[0])
                right = int(round(s["accuracy"] * len(y)))
                print(
                    f"| {name} | {set_name} | {t:.2f} | {s['precision']:.3f} | "
                    f"{s['coverage']:.3f} | {s['accuracy']:.4f} ({right}) |"
                )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path, help="a file of candidate pairs")
    parser.add_argument("datasets_dir", type=Path, nargs="?")
    args = parser.parse_args(argv)
    frame = load_corpus("stance").to_pandas()
    new = candidate_rows(args.pairs)
    print(f"{len(frame)} training rows, {len(new)} candidate pairs ({args.pairs})")
    corpus_folds(frame, new)
    if args.datasets_dir is not None:
        out_of_domain(frame, new, args.datasets_dir)


if __name__ == "__main__":
    main()
