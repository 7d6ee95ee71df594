"""Every benchmark: each candidate recipe beside the plain pipeline, then a held-back check.

For each benchmark in the shared data folder (CLEF-2019 CheckThat! Task 1
grouped by debate, FNC-1 grouped by body, Emergent grouped by claim, IBM
claim stance grouped by topic):

1. One fifth of the groups (chosen by a hash of the group name, the same
   every run) is held back and never looked at while developing.
2. On the other groups, ``stancekit.pipeline.training.fit_selected`` does
   what ``stancekit train`` does: every candidate recipe is scored by
   grouped cross-validation (hyperparameters tuned inside the training
   folds), the best is tuned again and fitted on all development rows. The
   plain scikit-learn pipeline of the issue (TF-IDF word 1-2 grams +
   balanced logistic regression, target and text joined for stance) is
   scored on the very same folds.
3. At the end, the chosen model and the plain pipeline, both trained on all
   development groups, are scored once on the held-back groups.

Prints one markdown table per benchmark (the tables of docs/benchmarks.md).

Usage::

    python experiments/benchmarks.py /work/shared/datasets [--only clef,ibm]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from stancekit.evaluation.cv import cross_validate, folds, take
from stancekit.evaluation.decisions import decide_for
from stancekit.evaluation.metrics import evaluate
from stancekit.formats import load_labeled
from stancekit.pipeline.recipes import candidates, selection_sample
from stancekit.pipeline.training import fit_selected, selection_rows
from stancekit.tasks import positive_label

# name -> (task, data spec relative to the data folder, group column, notes)
BENCHMARKS = {
    "clef": (
        "checkworthy",
        "clef-checkthat:clef2019-checkthat-task1/training",
        None,
        "CLEF-2019 CheckThat! T1, grouped by debate",
    ),
    "emergent": (
        "stance",
        "emergent:emergent/url-versions-2015-06-14-clean-train.csv",
        None,
        "Emergent, grouped by claim",
    ),
    "ibm": (
        "stance",
        "csv:ibm-claim-stance/train.csv",
        "topic_id",
        "IBM claim stance, grouped by topic",
    ),
    "fnc1": (
        "stance",
        "fnc1:fnc-1/train_stances.csv",
        None,
        "FNC-1, grouped by body",
    ),
}


def held_back(group: object) -> bool:
    """One group in five, the same in every run."""
    return hashlib.md5(str(group).encode()).digest()[0] % 5 == 0


class Plain:
    """The plain pipeline of the issue: TF-IDF 1-2 grams + balanced LR."""

    def __init__(self, task: str) -> None:
        self.task = task

    def _text(self, X):
        if self.task == "stance":
            return [
                f"{t} [SEP] {x}" for t, x in zip(X["target"], X["text"], strict=True)
            ]
        return list(X["text"])

    def fit(self, X, y):
        self.model_ = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
            LogisticRegression(class_weight="balanced", max_iter=1000),
        ).fit(self._text(X), y)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X):
        return self.model_.predict_proba(self._text(X))


def score(model, frame, metric: str) -> float:
    """The benchmark metric of a fitted model on ``frame``."""
    y = frame["label"].tolist()
    proba = model.predict_proba(frame)
    classes = list(model.classes_)
    pred = [classes[i] for i in decide_for(model, proba, classes)]
    positive = positive_label(sorted(set(y), key=str))
    scores = proba[:, classes.index(positive)] if positive in classes else None
    result = evaluate(
        [_plain(v) for v in y],
        [_plain(v) for v in pred],
        scores=scores,
        groups=frame["group"].tolist() if "group" in frame else None,
        positive=positive,
        labels=sorted(set(y), key=str),
    )
    return float(result.get(metric, result["accuracy"]))


def _inner(folds: int) -> str:
    return "one inner split" if folds == 1 else f"{folds} inner folds"


def _plain(v):
    return v.item() if isinstance(v, np.generic) else v


def run(name: str, root: Path, select_rows: int | str | None, log) -> list[str]:
    task, spec, group_col, title = BENCHMARKS[name]
    select_rows = selection_rows(task, select_rows)
    fmt, _, rel = spec.partition(":")
    frame = load_labeled(f"{fmt}:{root / rel}", group_col=group_col).to_pandas()
    keep = ~frame["group"].map(held_back).to_numpy()
    dev = take(frame, np.flatnonzero(keep))
    test = take(frame, np.flatnonzero(~keep))
    log(
        f"{name}: {len(dev)} development rows ({dev['group'].nunique()} groups), "
        f"{len(test)} held back ({test['group'].nunique()} groups)"
    )
    started = time.perf_counter()
    model, found = fit_selected(
        task, dev, seed=0, select_rows=select_rows, progress=True
    )
    seconds = time.perf_counter() - started
    selection = found["selection"]
    metric = selection["metric"]
    # the plain pipeline on the very folds of the selection
    sample = selection_sample(dev, select_rows, 0)
    y = sample["label"].to_numpy()
    splits, _ = folds(y, sample["group"].tolist(), selection["folds"], seed=0)
    plain_cv = cross_validate(
        lambda: Plain(task), sample, y, groups=sample["group"].tolist(), splits=splits
    )
    plain_figure = float(plain_cv.get(metric, plain_cv["accuracy"]))
    plain_model = Plain(task).fit(dev, dev["label"].to_numpy())
    chosen_test = score(model, test, metric)
    plain_test = score(plain_model, test, metric)
    lines = [
        f"### {title} ({metric})",
        "",
        f"Development: {len(dev)} rows, {dev['group'].nunique()} groups; selection "
        f"on {selection['rows']} rows, {selection['folds']}-fold grouped CV, "
        f"hyperparameters tuned in {_inner(selection['inner_folds'])}. "
        f"Held back: {len(test)} rows, {test['group'].nunique()} groups. "
        f"Selection + final fit: {seconds:.0f} s.",
        "",
        "| model | grouped CV (development) | held-back groups |",
        "|---|---|---|",
        f"| plain pipeline: TF-IDF 1-2 grams + balanced LR | {plain_figure:.3f} "
        f"| {plain_test:.3f} |",
    ]
    for candidate in candidates(task):
        if candidate not in selection["candidates"]:
            continue
        chosen = candidate == selection["winner"]
        held = f"{chosen_test:.3f}" if chosen else ""
        mark = " (chosen)" if chosen else ""
        lines.append(
            f"| recipe {candidate}{mark} | {selection['candidates'][candidate]:.3f} "
            f"| {held} |"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared datasets folder")
    parser.add_argument("--only", default=",".join(BENCHMARKS))
    parser.add_argument(
        "--select-rows",
        type=int,
        default=None,
        help="rows the selection runs on (default: as stancekit train); 0 = all",
    )
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(f"# {message}", file=sys.stderr, flush=True)

    for name in args.only.split(","):
        rows = "auto" if args.select_rows is None else args.select_rows or None
        lines = run(name, args.data, rows, log)
        print("\n".join(lines) + "\n", flush=True)


if __name__ == "__main__":
    main()
