"""Check-worthiness tables without documents: the F1 threshold, trained as `train` does.

Usage::

    python experiments/checkworthy_tables.py [DATA] [--only corpus,clef] [--folds 5]

A ClaimBuster-style table (``text,label``, no document column) is scored by
F1 of the check-worthy label, and ``stancekit train`` picks its recipe by
that figure. This compares, on the same outer splits:

- ``train`` keeping 0.5 (``tune_threshold=False``): the candidates scored
  at 0.5, the winner labels from 0.5;
- ``train`` as shipped (``tune_threshold=True``): each candidate chooses
  its threshold inside each selection fold and is scored at it, the winner
  labels from the cut of best F1 on held-out folds of its training rows;
- plain scikit-learn: TF-IDF word 1-2 grams + LinearSVC, and + balanced
  logistic regression, trained on the same rows;
- with ``--documents``, also ``train`` on the same rows *with* their
  documents (``group``), picking its recipe as it does by default there
  (MAP, the ranking within each document) and with ``--metric
  f1_positive`` (F1, with its threshold): what a user who wants yes/no
  labels on documents' lines (ClaimBuster's debates) gets either way.

Tables: the project's own labeled sentences (``data/``) and, given the
shared datasets folder, CLEF-2019 CheckThat! Task 1's training lines (2.7%
check-worthy). Each is cut into outer folds by its documents (articles,
debates: so no document is on both sides), and the model sees only
``text`` and ``label``, as from a bare table. ``--folds 0`` uses instead the
held-back fifth of ``experiments/benchmarks.py`` (one cut). Every figure is
on rows no step of training saw.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from stancekit.evaluation.cv import folds, take
from stancekit.pipeline.training import fit_selected

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmarks import held_back  # noqa: E402


def corpus_table(_root: Path | None) -> object:
    from stancekit.pipeline.defaults import load_corpus

    return load_corpus("checkworthy").to_pandas()


def clef_table(root: Path | None) -> object:
    from stancekit.formats import load_labeled

    if root is None:
        raise SystemExit("clef needs the shared datasets folder (DATA)")
    spec = f"clef-checkthat:{root / 'clef2019-checkthat-task1/training'}"
    return load_labeled(spec).to_pandas()


TABLES = {"corpus": corpus_table, "clef": clef_table}


def f1(truth: np.ndarray, called: np.ndarray) -> float:
    return float(f1_score(truth, called, zero_division=0.0))


def baseline(svm: bool):  # type: ignore[no-untyped-def]
    last = (
        LinearSVC()
        if svm
        else LogisticRegression(class_weight="balanced", max_iter=1000)
    )
    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), last)


def cuts(frame, k: int) -> list[tuple[np.ndarray, np.ndarray]]:  # type: ignore[no-untyped-def]
    if k == 0:
        back = np.asarray([held_back(g) for g in frame["group"]])
        return [(np.flatnonzero(~back), np.flatnonzero(back))]
    return folds(frame["label"].to_numpy(), frame["group"].tolist(), k, seed=1)[0]


def run(name: str, root: Path | None, k: int, documents: bool = False) -> None:
    frame = TABLES[name](root)
    frame = frame[["text", "label", "group"]].reset_index(drop=True)
    y = frame["label"].to_numpy()
    positive = max(set(y.tolist()), key=str)
    truth_all = np.asarray([str(v) == str(positive) for v in y])
    splits = cuts(frame, k)
    print(
        f"\n### {name}: {len(frame)} rows, {truth_all.mean():.1%} check-worthy, "
        f"{frame['group'].nunique()} documents; "
        + ("the held-back fifth" if k == 0 else f"{k} outer folds by document")
    )
    rows: dict[str, list[float]] = {}
    runs = [("0.5", False, False, None), ("tuned", True, False, None)]
    if documents:
        runs += [
            ("with documents, by map", True, True, None),
            ("with documents, by f1_positive", True, True, "f1_positive"),
        ]
    chosen: dict[str, list[str]] = {label: [] for label, *_ in runs}
    for i, (train, test) in enumerate(splits):
        dev = take(frame, train).drop(columns="group")
        held = take(frame, test)
        truth = truth_all[test]
        for label, tuned, grouped, metric in runs:
            start = time.perf_counter()
            rows_in = take(frame, train) if grouped else dev
            model, found = fit_selected(
                "checkworthy", rows_in, tune_threshold=tuned, metric=metric
            )
            seconds = time.perf_counter() - start
            called = np.asarray([str(v) == str(positive) for v in model.predict(held)])
            rows.setdefault(f"train, {label}", []).append(f1(truth, called))
            figures = found.get("selection", {}).get("candidates", {})
            chosen[label].append(
                f"{found['recipe']} at {found.get('threshold', 0.5)} "
                f"({', '.join(f'{n} {v:.3f}' for n, v in figures.items())}; {seconds:.0f} s)"
            )
        for label, svm in (
            ("TF-IDF + LinearSVC", True),
            ("TF-IDF + balanced LR", False),
        ):
            pipe = baseline(svm).fit(list(dev["text"]), dev["label"].to_numpy())
            called = np.asarray(
                [str(v) == str(positive) for v in pipe.predict(list(held["text"]))]
            )
            rows.setdefault(label, []).append(f1(truth, called))
        print(
            f"fold {i}: " + "; ".join(f"{n} {v[-1]:.3f}" for n, v in rows.items()),
            flush=True,
        )
        for label, text in chosen.items():
            print(f"  selection ({label}): {text[-1]}", flush=True)
    print("\n| model | F1 (check-worthy), mean over folds | per fold |")
    print("|---|---|---|")
    for label, values in rows.items():
        per = " / ".join(f"{v:.3f}" for v in values)
        print(f"| {label} | {np.mean(values):.3f} | {per} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", help="the shared datasets folder")
    parser.add_argument("--only", default="corpus")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--documents",
        action="store_true",
        help="also train with the rows' documents, by MAP and by F1",
    )
    args = parser.parse_args(argv)
    for name in args.only.split(","):
        run(name, args.data, args.folds, args.documents)


if __name__ == "__main__":
    main()
