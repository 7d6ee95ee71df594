"""Training time and prediction speed of the check-worthiness model.

Usage::

    python experiments/bench_checkworthy.py DATA_DIR [--rows N] [--config JSON]

DATA_DIR is the CLEF-2019 CheckThat! Task 1 ``training`` folder. Trains
CheckWorthinessClassifier and, in the same run, the plain scikit-learn
pipeline (TF-IDF 1-2 grams + logistic regression) on all lines, then times
``predict_proba`` on N sentences (the lines repeated, in debate order) on one
core. Prints a table: training seconds and sentences per second.
"""

from __future__ import annotations

import os

# One core for the prediction figures: no hidden BLAS threads.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from stancekit.formats import load_labeled  # noqa: E402
from stancekit.models.checkworthy import CheckWorthinessClassifier  # noqa: E402


def _best_of(repeats: int, fn) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--config", default="{}", help="JSON params of ours")
    args = parser.parse_args(argv)

    data = load_labeled(f"clef-checkthat:{args.data_dir}")
    frame = data.to_pandas()
    y = frame["label"].to_numpy()
    texts = frame["text"].tolist()

    copies = -(-args.rows // len(frame))
    big = frame.iloc[np.tile(np.arange(len(frame)), copies)[: args.rows]]
    big = big.assign(
        group=[f"{g}#{i // len(frame)}" for i, g in enumerate(big["group"])]
    )
    big_texts = big["text"].tolist()

    ours = CheckWorthinessClassifier(random_state=0, **json.loads(args.config))
    plain = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(max_iter=1000)
    )
    fit_ours = _best_of(1, lambda: ours.fit(frame, y))
    fit_plain = _best_of(1, lambda: plain.fit(texts, y))
    pred_ours = _best_of(args.repeats, lambda: ours.predict_proba(big))
    pred_plain = _best_of(args.repeats, lambda: plain.predict_proba(big_texts))

    print(f"{len(frame)} training lines; prediction on {len(big)} sentences, one core")
    print(f"{'model':28} {'train s':>8} {'predict s':>10} {'sentences/s':>12}")
    for name, fit_s, pred_s in (
        ("stancekit", fit_ours, pred_ours),
        ("tfidf 1-2 + lr (sklearn)", fit_plain, pred_plain),
    ):
        print(f"{name:28} {fit_s:8.2f} {pred_s:10.2f} {len(big) / pred_s:12,.0f}")


if __name__ == "__main__":
    main()
