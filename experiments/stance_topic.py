"""Topic stance with targets that recur (SemEval-2016 Task A's setting), on a proxy.

Usage::

    python experiments/stance_topic.py [DATASETS_DIR] [--folds 5] [--no-train]
        [--none-share 0.25] [--train-folds 3,5]

SemEval-2016 Task 6A tests tweets toward the five targets it trains on; no
SemEval data are at hand here. The nearest public set with many short texts
per target is IBM Claim Stance (``ibm-claim-stance/train.csv``: 1,039
Wikipedia claims toward 25 debate motions, favor/against). Its own
benchmark holds whole topics out; this script asks the SemEval question of
it instead: the claims are cut into ``--folds`` folds stratified by
(target, label), so every fold's targets were seen in training.

Per fold, on the same rows:

- the plain pipeline of issue 11 (TF-IDF word 1-2 grams + balanced logistic
  regression on ``target [SEP] text``);
- the SemEval organisers' baseline: for each target its own LinearSVC on
  the texts' word 1-3-grams and character 2-5-grams (TF-IDF), the majority
  label for a target of one label;
- each candidate recipe of ``stancekit train stance`` at its defaults;
- ``train`` itself (``fit_selected``: the selection by nested CV on the
  training fold, each claim its own document, as the ``semeval2016``
  loader gives each tweet), with the recipe it chose; and ``train`` with
  the ``per-target`` recipe left out of its candidates (what it was before
  that recipe).

``--none-share P`` adds a third label as SemEval has it: a share P of the
claims (drawn with seed 0) appear a second time, toward another target
drawn at random, labelled ``none``; a claim and its copy stay in one fold
(folds stratified by (target, label), grouped by claim text). ``--train-folds
3,5`` runs ``train`` once per number of selection folds (``cv=``).

Prints accuracy (IBM's metric), macro-F1 and F_avg (SemEval's: the mean F1
of favor and against; for two labels the macro-F1) per fold and their
means. Nothing is copied from the data.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _stance_common import Timer, print_table  # noqa: E402

from stancekit.evaluation.metrics import f_avg  # noqa: E402
from stancekit.pipeline.recipes import RECIPES, candidates, get_recipe  # noqa: E402
from stancekit.pipeline.training import fit_selected  # noqa: E402


def plain_pipeline(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2)),
        LogisticRegression(class_weight="balanced", max_iter=1000),
    )
    model.fit(train["target"] + " [SEP] " + train["text"], train["label"])
    return model.predict(test["target"] + " [SEP] " + test["text"])


def organisers(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    """SemEval-2016's per-target word + character n-gram SVM."""
    pred = np.empty(len(test), dtype=object)
    for target in test["target"].unique():
        rows = np.flatnonzero(test["target"].to_numpy() == target)
        own = train[train["target"] == target]
        if own["label"].nunique() < 2:
            pool = own if len(own) else train
            pred[rows] = Counter(pool["label"]).most_common(1)[0][0]
            continue
        model = make_pipeline(
            make_union(
                TfidfVectorizer(ngram_range=(1, 3)),
                TfidfVectorizer(analyzer="char", ngram_range=(2, 5)),
            ),
            LinearSVC(),
        )
        model.fit(own["text"], own["label"])
        pred[rows] = model.predict(test["text"].iloc[rows])
    return pred


def fit_train(train, test, chosen, without=None, k=None):
    """``train``'s selection on the training fold (optionally without one
    candidate, with ``k`` selection folds); the chosen recipe is appended
    to ``chosen``."""
    removed = RECIPES["stance"].pop(without) if without else None
    try:
        model, found = fit_selected("stance", train, cv=k)
    finally:
        if removed is not None:
            RECIPES["stance"] = _restore(without, removed)
    chosen.append(found["recipe"])
    return model.predict(test[["target", "text"]])


def _restore(name, recipe):
    """The stance recipes with ``recipe`` back at its place (before ``headline``)."""
    order = list(RECIPES["stance"].items())
    at = [n for n, _ in order].index("headline")
    return dict(order[:at] + [(name, recipe)] + order[at:])


def with_none(frame: pd.DataFrame, share: float) -> pd.DataFrame:
    """``frame`` plus, for a ``share`` of its claims, the claim toward another
    target labelled ``none`` (SemEval's third label, as a stand-in)."""
    if not share:
        return frame
    rng = np.random.default_rng(0)
    targets = frame["target"].unique()
    rows = []
    for target, text, label in zip(
        frame["target"], frame["text"], frame["label"], strict=True
    ):
        rows.append((target, text, label))
        if rng.random() < share:
            other = rng.choice([t for t in targets if t != target])
            rows.append((other, text, "none"))
    return pd.DataFrame(rows, columns=["target", "text", "label"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default="/work/shared/datasets")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--no-train", action="store_true", help="leave out train's selection"
    )
    parser.add_argument("--none-share", type=float, default=0.0)
    parser.add_argument("--train-folds", default="3")
    args = parser.parse_args(argv)

    frame = pd.read_csv(Path(args.data_dir) / "ibm-claim-stance" / "train.csv")
    frame = with_none(frame, args.none_share)
    frame["group"] = frame["text"]  # each claim its own document
    print(
        f"IBM Claim Stance train.csv: {len(frame)} rows "
        f"({dict(Counter(frame['label']))}), {frame['target'].nunique()} targets; "
        f"{args.folds} folds stratified by (target, label): every test target "
        "was seen in training"
    )
    strata = frame["target"] + "|" + frame["label"]
    if args.none_share:
        splits = StratifiedGroupKFold(args.folds, shuffle=True, random_state=0).split(
            frame, strata, frame["group"]
        )
    else:
        splits = StratifiedKFold(args.folds, shuffle=True, random_state=0).split(
            frame, strata
        )
    labels = sorted(frame["label"].unique())
    models = {
        "plain pipeline (TF-IDF 1-2 + balanced LR)": plain_pipeline,
        "organisers' per-target SVM": organisers,
    }
    for name in candidates("stance", labels):
        recipe = get_recipe("stance", name)

        def fit_recipe(train, test, recipe=recipe):
            model = recipe.model(random_state=0)
            model.fit(train[["target", "text"]], train["label"])
            return model.predict(test[["target", "text"]])

        models[f"recipe {name} (defaults)"] = fit_recipe
    rows, chosen, before = [], {}, []
    train_folds = [int(k) for k in args.train_folds.split(",")]
    for fold, (a, b) in enumerate(splits):
        train = frame.iloc[a].reset_index(drop=True)
        test = frame.iloc[b].reset_index(drop=True)
        fitted = dict(models)
        if not args.no_train:
            for k in train_folds:
                name = "train (selection)" + ("" if k == 3 else f", {k} folds")
                fitted[name] = lambda train, test, k=k: fit_train(
                    train, test, chosen.setdefault(k, []), k=None if k == 3 else k
                )
            fitted["train without per-target"] = lambda train, test: fit_train(
                train, test, before, without="per-target"
            )
        for name, fit in fitted.items():
            with Timer() as t:
                pred = fit(train, test)
            rows.append(
                {
                    "fold": fold,
                    "model": name,
                    "accuracy": accuracy_score(test["label"], pred),
                    "macro_f1": f1_score(test["label"], pred, average="macro"),
                    "f_avg": f_avg(test["label"], pred),
                    "seconds": t.seconds,
                }
            )
        print(f"fold {fold} done", file=sys.stderr, flush=True)
    table = pd.DataFrame(rows)
    means = [
        {
            "model": model,
            "accuracy": own["accuracy"].mean(),
            "macro_f1": own["macro_f1"].mean(),
            "f_avg": own["f_avg"].mean(),
            "folds (accuracy)": " / ".join(f"{v:.3f}" for v in own["accuracy"]),
            "folds (F_avg)": " / ".join(f"{v:.3f}" for v in own["f_avg"]),
            "seconds": own["seconds"].mean(),
        }
        for model, own in table.groupby("model", sort=False)
    ]
    print_table(
        f"mean over {args.folds} folds",
        means,
        ["model", "accuracy", "macro_f1", "f_avg", "folds (accuracy)", "folds (F_avg)"]
        + ["seconds"],
    )
    for k, names in chosen.items():
        print(f"\ntrain ({k} selection folds) chose, per fold: {', '.join(names)}")
    if before:
        print(f"without per-target (3 folds) it chose: {', '.join(before)}")


if __name__ == "__main__":
    main()
