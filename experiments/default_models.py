"""The default models' figures: in-domain CV, baselines, out-of-domain scores.

Usage::

    python experiments/default_models.py [DATASETS_DIR] [--skip-corpus-cv]
        [--skip-out-of-domain] [--clef-folds N] [--no-write]

1. Grouped 5-fold CV (by article) of the default recipe on the project's
   corpus (``stancekit.pipeline.defaults.cv_metrics``), written to
   ``data/model_cards.json`` under the corpus fingerprint, beside a plain
   scikit-learn baseline on the same folds in the same run: TF-IDF 1-2 grams
   + logistic regression (for stance over ``"target [SEP] text"``).
2. Out of domain: the default models (trained on the whole corpus) scored on
   data they never saw, beside in-domain models and the same baseline
   trained on the corpus:
   - check-worthiness on the CLEF-2019 CheckThat! Task 1 training debates
     (MAP, R-precision, P@k); in-domain: CheckWorthinessClassifier with
     leave-one-debate-out CV on CLEF (``--clef-folds N`` for N grouped folds
     instead, which is cheaper);
   - stance on the Emergent training split, labels mapped for -> favor,
     against -> against, observing -> none (accuracy, macro-F1); in-domain:
     StanceClassifier with 5-fold CV grouped by claim on Emergent;
   - stance on IBM Claim Stance's training topics (favor/against only).
   For stance, each model's precision (of the favor/against it gives, the
   share right) and coverage (of the favor/against pairs, the share it
   gives a stance to), beside the default before the genre files of
   ``data/stance/`` (news.jsonl, debate.jsonl), the previous default recipe
   (trained on the article corpus alone, never abstaining) and the
   majority class. The default stance model is trained as it ships
   (``train_default``: the genre files' pairs weighted).

The stance card also records the precision/coverage curve on held-out
folds (overall and on the stance corpus ``data/stance/``) and the abstain
threshold chosen from it: the lowest with favor/against precision >=
``STANCE_PRECISION`` on the stance corpus's held-out folds.

DATASETS_DIR (default /work/shared/datasets) holds
``clef2019-checkthat-task1/training``, ``emergent/*.csv`` and
``ibm-claim-stance/train.csv``; nothing is copied from it. Tables go to stdout, progress to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

import stancekit
from stancekit.evaluation.cv import cross_validate
from stancekit.evaluation.cv import folds as cv_folds
from stancekit.evaluation.metrics import evaluate
from stancekit.features.claim_target import target_kind
from stancekit.formats import load_labeled
from stancekit.models.stance import StanceClassifier, abstain
from stancekit.pipeline.defaults import (
    GENRE_FILES,
    STANCE_PRECISION,
    TASKS,
    _fingerprint,
    _new_model,
    corpus_dir,
    cv_metrics,
    load_corpus,
    precision_coverage,
    recorded_cards,
    stance_threshold,
    train_default,
)

CARDS = Path(__file__).resolve().parents[1] / "data" / "model_cards.json"
FOLDS = 5
#: The threshold the default stance model shipped with before the genre files.
LAST_THRESHOLD = 0.70
EMERGENT_LABELS = {"for": "favor", "against": "against", "observing": "none"}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def baseline() -> object:
    """The plain scikit-learn reference: TF-IDF 1-2 grams + logistic regression."""
    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
        LogisticRegression(max_iter=2000, random_state=0),
    )


def baseline_text(frame: pd.DataFrame, task: str) -> list[str]:
    if task == "stance":
        return [
            f"{t} [SEP] {x}"
            for t, x in zip(frame["target"], frame["text"], strict=True)
        ]
    return list(frame["text"])


def baseline_cv(task: str, frame: pd.DataFrame, folds: int) -> dict:
    """The baseline through the same loop and folds as ``cv_metrics``."""
    texts = baseline_text(frame, task)
    result = cross_validate(
        baseline,
        texts,
        frame["label"].tolist(),
        groups=frame["group"].tolist(),
        k=folds,
    )
    return result


def headline(m: dict) -> dict:
    """The scalar figures of an ``evaluate`` result, rounded for the card."""
    keep = ("n", "accuracy", "macro_f1", "f1_positive", "average_precision", "map")
    keep += ("r_precision", "brier", "ece", "f_avg")
    out = {k: (round(m[k], 4) if k != "n" else m[k]) for k in keep if k in m}
    if "p_at_k" in m:
        out["p_at_k"] = {k: round(v, 4) for k, v in m["p_at_k"].items()}
    if "per_class" in m:
        out["per_class_f1"] = {
            str(k): round(v["f1"], 4) for k, v in m["per_class"].items()
        }
    return out


def row(name: str, m: dict, seconds: float | None = None) -> dict:
    return {"model": name, **headline(m), "seconds": seconds}


def stance_row(name: str, m: dict, seconds: float | None = None) -> dict:
    """:func:`row` with favor/against precision and coverage (abstaining)."""
    return {
        **row(name, m, seconds),
        "precision": m["precision"],
        "coverage": m["coverage"],
    }


def print_table(title: str, rows: list[dict], columns: list[str]) -> None:
    """A markdown table, ready for docs/default-models.md."""
    print(f"\n### {title}\n")
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---" for _ in columns) + "|")
    for r in rows:
        cells = []
        for c in columns:
            v = r.get(c)
            if c.startswith("P@"):
                v = r.get("p_at_k", {}).get(c[2:])
            if v is None:
                cells.append("-")
            elif c == "seconds":
                cells.append(f"{v:.0f}")
            elif isinstance(v, float):
                cells.append(f"{v:.3f}")
            elif isinstance(v, dict):
                cells.append(", ".join(f"{k} {x:.3f}" for k, x in v.items()))
            else:
                cells.append(str(v))
        print("| " + " | ".join(cells) + " |")
    sys.stdout.flush()


CW_COLUMNS = ["model", "n", "map", "r_precision", "P@5", "P@10", "P@20"]
CW_COLUMNS += ["f1_positive", "accuracy", "brier", "seconds"]
ST_COLUMNS = ["model", "n", "accuracy", "macro_f1", "f_avg", "seconds"]
OOD_COLUMNS = ["model", "n", "precision", "coverage", "accuracy", "macro_f1"]
OOD_COLUMNS += ["seconds"]


def corpus_cv(folds: int, write: bool) -> None:
    """Part 1: default recipe vs baseline, same grouped folds; the model cards."""
    cards = {
        "corpus_fingerprint": _fingerprint(corpus_dir()),
        "stancekit_version": stancekit.__version__,
        "tasks": {},
    }
    for task in TASKS:
        data = load_corpus(task)
        frame = data.to_pandas()
        log(f"{task}: {len(frame)} rows, {frame['group'].nunique()} articles")
        start = time.perf_counter()
        ours = cv_metrics(task, data, folds=folds)
        ours_s = time.perf_counter() - start
        start = time.perf_counter()
        base = baseline_cv(task, frame, folds)
        base_s = time.perf_counter() - start
        log(f"{task}: default {ours_s:.0f} s, baseline {base_s:.0f} s")
        grouped = "article" if task == "checkworthy" else "article_or_target"
        cards["tasks"][task] = {
            "method": f"cv{folds}_grouped_by_{grouped}",
            "n_samples": len(frame),
            "n_articles": int(frame["group"].nunique()),
            "label_counts": {
                str(k): int(v) for k, v in frame["label"].value_counts().items()
            },
            "metrics": headline(ours),
            "baseline": {
                "name": "tfidf 1-2 grams + logistic regression",
                "metrics": headline(base),
            },
        }
        if task == "stance":
            card = cards["tasks"][task]
            card["stance_corpus_metrics"] = headline(ours["stance_corpus"])
            card["abstain_threshold"] = ours["abstain_threshold"]
            card["abstain_precision_goal"] = STANCE_PRECISION
            card["precision_coverage"] = ours["curve"]
            card["precision_coverage_stance_corpus"] = ours["curve_stance_corpus"]
            for key in (
                "threshold_by_kind",
                "pairs_by_kind",
                "by_kind_held_out",
                "curve_by_kind",
            ):
                card[key] = ours[key]
            print_curves(
                "stance corpus: precision and coverage by threshold per kind of "
                f"target, held-out folds (pairs: {ours['pairs_by_kind']}; "
                f"chosen per kind: {ours['threshold_by_kind']}; each fold at the "
                "per-kind thresholds chosen on the other folds: "
                f"{ours['by_kind_held_out']})",
                ours["curve_by_kind"],
                ours["abstain_threshold"],
            )
            print_curves(
                "stance: favor/against precision and coverage by threshold, "
                "held-out folds",
                {
                    "all rows": ours["curve"],
                    "stance corpus": ours["curve_stance_corpus"],
                },
                ours["abstain_threshold"],
            )
        title = (
            f"{task}: {folds}-fold CV grouped by {grouped} on the corpus "
            f"({len(frame)} rows, {frame['group'].nunique()} articles)"
        )
        rows = [row("default (stancekit)", ours, ours_s), row("tfidf+lr", base, base_s)]
        if task == "stance":  # the figure issue 12's goal is set on
            rows.append(
                row("default (stancekit), `data/stance/` pairs", ours["stance_corpus"])
            )
        print_table(title, rows, CW_COLUMNS if task == "checkworthy" else ST_COLUMNS)
    if write:
        CARDS.write_text(json.dumps(cards, indent=2) + "\n", encoding="utf-8")
        log(f"wrote {CARDS}")


def fit_on_corpus(task: str) -> tuple[object, object]:
    """The default model and the baseline, each trained on the whole corpus."""
    frame = load_corpus(task).to_pandas()
    y = frame["label"].to_numpy()
    threshold = stance_threshold() if task == "stance" else None
    ours = train_default(task, frame, threshold)
    base = baseline().fit(baseline_text(frame, task), y)
    return ours, base


def clef_in_domain(frame: pd.DataFrame, folds: int) -> tuple[dict, str]:
    """CheckWorthinessClassifier cross-validated on CLEF itself, by debate."""
    from stancekit.models.checkworthy import CheckWorthinessClassifier

    y = frame["label"].to_numpy().astype(int)
    groups = frame["group"].to_numpy()
    n_debates = len(np.unique(groups))
    folds = folds or n_debates
    how = (
        "leave-one-debate-out"
        if folds == n_debates
        else f"{folds}-fold grouped by debate"
    )
    score = np.zeros(len(y))
    for i, (train, test) in enumerate(cv_folds(y, groups.tolist(), folds)[0]):
        model = CheckWorthinessClassifier(random_state=0)
        model.fit(frame.iloc[train], y[train])
        score[test] = model.predict_proba(frame.iloc[test])[:, 1]
        log(f"clef in-domain fold {i + 1}/{folds}")
    return evaluate(y, (score >= 0.5).astype(int), scores=score, groups=groups), how


def out_of_domain(datasets_dir: Path, clef_folds: int, clef: bool = True) -> None:
    """Part 2: the defaults on CLEF, Emergent and IBM, beside references."""
    if clef:
        out_of_domain_clef(datasets_dir, clef_folds)
    out_of_domain_stance(datasets_dir)


def out_of_domain_clef(datasets_dir: Path, clef_folds: int) -> None:
    """Check-worthiness on CLEF, beside the in-domain model."""
    clef = load_labeled(
        f"clef-checkthat:{datasets_dir / 'clef2019-checkthat-task1' / 'training'}"
    ).to_pandas()
    y = clef["label"].to_numpy().astype(int)
    groups = clef["group"].to_numpy()
    log(f"CLEF: {len(clef)} lines, {y.sum()} check-worthy, {len(set(groups))} debates")
    start = time.perf_counter()
    ours, base = fit_on_corpus("checkworthy")
    fit_s = time.perf_counter() - start
    p_ours = ours.predict_proba(clef)[:, list(ours.classes_).index(1)]
    p_base = base.predict_proba(list(clef["text"]))[:, 1]
    rows = [
        row(
            "default (corpus-trained), out of domain",
            evaluate(y, (p_ours >= 0.5).astype(int), scores=p_ours, groups=groups),
            fit_s,
        ),
        row(
            "tfidf+lr (corpus-trained), out of domain",
            evaluate(y, (p_base >= 0.5).astype(int), scores=p_base, groups=groups),
        ),
    ]
    start = time.perf_counter()
    inside, how = clef_in_domain(clef, clef_folds)
    rows.append(row(f"CheckWorthinessClassifier, in domain ({how})", inside))
    rows[-1]["seconds"] = time.perf_counter() - start
    print_table(
        f"check-worthiness on CLEF-2019 training ({len(clef)} lines, "
        f"{len(set(groups))} debates)",
        rows,
        CW_COLUMNS,
    )


def emergent_pairs(datasets_dir: Path) -> pd.DataFrame:
    """Emergent's training pairs, labels mapped to favor/against/none."""
    path = next((datasets_dir / "emergent").glob("*.csv"))
    emergent = load_labeled(f"emergent:{path}").to_pandas()
    emergent["label"] = emergent["label"].map(EMERGENT_LABELS)
    return emergent


def ibm_claims(datasets_dir: Path) -> pd.DataFrame:
    """IBM Claim Stance's training claims (favor/against)."""
    return pd.read_csv(datasets_dir / "ibm-claim-stance" / "train.csv")


def out_of_domain_stance(datasets_dir: Path) -> None:
    """Stance on Emergent and IBM, beside the previous default and majority."""
    emergent = emergent_pairs(datasets_dir)
    y = emergent["label"].to_numpy()
    log(f"Emergent: {len(emergent)} pairs, {emergent['group'].nunique()} claims")
    start = time.perf_counter()
    ours, base = fit_on_corpus("stance")
    fit_s = time.perf_counter() - start
    start = time.perf_counter()
    old = previous_default()
    old_s = time.perf_counter() - start
    start = time.perf_counter()
    last = last_default()
    last_s = time.perf_counter() - start
    pairs = emergent[["target", "text"]]
    rows = stance_rows(ours, (old, old_s), (last, last_s), base, emergent, fit_s)
    ibm = ibm_claims(datasets_dir)
    log(f"IBM claim stance: {len(ibm)} claims, {ibm['topic_id'].nunique()} topics")
    ibm_rows = stance_rows(ours, (old, old_s), (last, last_s), base, ibm, fit_s)
    print_table(
        f"stance on IBM Claim Stance training topics ({len(ibm)} claims, "
        f"{ibm['topic_id'].nunique()} topics; favor/against only), never trained on",
        ibm_rows,
        OOD_COLUMNS,
    )
    print_curves(
        "default stance model, out of domain: precision and coverage by threshold",
        {
            "IBM": precision_coverage(
                ibm["label"], ours.predict_proba(ibm[["target", "text"]]), ours.classes_
            ),
            "Emergent": precision_coverage(y, ours.predict_proba(pairs), ours.classes_),
        },
        ours.abstain_threshold,
    )
    start = time.perf_counter()
    pred = np.empty(len(y), dtype=object)
    for train, test in cv_folds(y, emergent["group"].tolist(), FOLDS)[0]:
        model = StanceClassifier(random_state=0).fit(pairs.iloc[train], y[train])
        pred[test] = model.predict(pairs.iloc[test])
    rows.append(
        row(
            f"StanceClassifier, in domain ({FOLDS}-fold grouped by claim)",
            evaluate(y, pred),
            time.perf_counter() - start,
        )
    )
    print_table(
        f"stance on Emergent training ({len(emergent)} pairs, "
        f"{emergent['group'].nunique()} claims; for/against/observing -> "
        "favor/against/none)",
        rows,
        OOD_COLUMNS + ["per_class_f1"],
    )


def previous_default() -> StanceClassifier:
    """The default stance recipe before issue 12, trained as it was: on the
    article corpus's labels only, never abstaining."""
    frame = load_corpus("stance").to_pandas()
    frame = frame[frame["case"] == "article"]
    model = StanceClassifier(class_weight="balanced", random_state=0)
    return model.fit(frame, frame["label"].to_numpy())


def last_default() -> StanceClassifier:
    """The default stance recipe before the genre files (issue 12's first
    corpus): trained on the article labels and the subject files of
    ``data/stance/``, unweighted, abstaining at the threshold it shipped with."""
    frame = load_corpus("stance").to_pandas()
    genre = frame["group"].astype(str).str.split("-").str[0].isin(GENRE_FILES)
    frame = frame[~genre.to_numpy() | (frame["case"] == "article").to_numpy()]
    return _new_model("stance", LAST_THRESHOLD).fit(frame, frame["label"].to_numpy())


def stance_scores(y: np.ndarray, pred: np.ndarray) -> dict:
    """``evaluate`` plus favor/against precision and coverage of ``pred``."""
    out = evaluate(y, pred)
    said = pred != "none"
    out["precision"] = float(np.mean(pred[said] == y[said])) if said.any() else 0.0
    out["coverage"] = float(np.mean(said[y != "none"]))
    return out


def stance_rows(
    ours, old: tuple, last: tuple, base, frame: pd.DataFrame, fit_s
) -> list[dict]:
    """The default (abstaining at its threshold), the default before the
    genre files, the previous default, the baseline and the majority class
    on one out-of-domain set; ``old`` and ``last`` are (model, seconds)."""
    (old, old_s), (last, last_s) = old, last
    y = frame["label"].to_numpy().astype(object)
    pairs = frame[["target", "text"]]
    proba = ours.predict_proba(pairs)
    shown, _ = abstain(proba, ours.classes_, ours.abstain_threshold)
    by_kind = recorded_cards().get("stance", {}).get("threshold_by_kind", {})
    kinds = np.array([target_kind(t) for t in frame["target"]])
    per_kind = shown.copy()
    for kind, threshold in by_kind.items():
        rows = kinds == kind
        per_kind[rows] = abstain(proba[rows], ours.classes_, threshold)[0]
    values, counts = np.unique(y, return_counts=True)
    majority = np.full(len(y), values[np.argmax(counts)], dtype=object)
    base_pred = base.predict(baseline_text(frame, "stance")).astype(object)
    out = [
        (
            f"default, abstaining below {ours.abstain_threshold:.2f}",
            stance_scores(y, shown),
            fit_s,
        ),
        (
            f"default, abstaining per kind of target at {by_kind} (not shipped)",
            stance_scores(y, per_kind),
            None,
        ),
        (
            "default, never abstaining",
            stance_scores(y, ours.classes_[proba.argmax(axis=1)]),
            None,
        ),
        (
            f"default before the genre files, abstaining below {LAST_THRESHOLD:.2f}",
            stance_scores(y, last.predict(pairs).astype(object)),
            last_s,
        ),
        (
            "previous default (article labels only)",
            stance_scores(y, old.predict(pairs).astype(object)),
            old_s,
        ),
        ("tfidf+lr (corpus-trained)", stance_scores(y, base_pred), None),
        (
            f"majority class ({values[np.argmax(counts)]})",
            stance_scores(y, majority),
            None,
        ),
    ]
    return [stance_row(name, m, seconds) for name, m, seconds in out]


def print_curves(title: str, curves: dict[str, list[dict]], chosen: float) -> None:
    """Precision/coverage by threshold, one column pair per curve."""
    print(f"\n### {title}\n")
    names = list(curves)
    head = ["threshold"] + [
        f"{n} {w}" for n in names for w in ("precision", "coverage")
    ]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for i, point in enumerate(curves[names[0]]):
        mark = " (shipped)" if abs(point["threshold"] - chosen) < 1e-9 else ""
        cells = [f"{point['threshold']:.2f}{mark}"]
        for n in names:
            p = curves[n][i]
            cells += [f"{p['precision']:.3f}", f"{p['coverage']:.3f}"]
        print("| " + " | ".join(cells) + " |")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets_dir", nargs="?", default="/work/shared/datasets")
    parser.add_argument("--skip-corpus-cv", action="store_true")
    parser.add_argument("--skip-out-of-domain", action="store_true")
    parser.add_argument(
        "--clef-folds",
        type=int,
        default=0,
        help="grouped folds for the in-domain CLEF model; 0: one per debate",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="do not write data/model_cards.json"
    )
    parser.add_argument(
        "--skip-clef", action="store_true", help="out of domain: stance sets only"
    )
    args = parser.parse_args(argv)
    if not args.skip_corpus_cv:
        corpus_cv(FOLDS, write=not args.no_write)
    if not args.skip_out_of_domain:
        out_of_domain(Path(args.datasets_dir), args.clef_folds, not args.skip_clef)


if __name__ == "__main__":
    main()
