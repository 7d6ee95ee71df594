"""Development CV of check-worthiness rankers on CLEF-2019 (held-back debates untouched).

Usage::

    python experiments/checkworthy_rank_cv.py DATA_DIR [--k 4] [--configs JSON]
        [--held-back]

DATA_DIR is the CLEF-2019 CheckThat! Task 1 ``training`` folder. The
debates that ``experiments/benchmarks.py`` holds back (one in five, by a
hash of the name) are dropped; the other 16 are split into ``k`` folds of
whole debates, and every model is scored on the same folds in the same run
(MAP over debates of the pooled held-out scores). ``--held-back`` instead
trains each model on all 16 development debates and scores the 3 held-back
ones: run it once, at the end.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmarks import Plain, held_back  # noqa: E402

from stancekit.evaluation.cv import folds, take  # noqa: E402
from stancekit.evaluation.metrics import ranking_metrics  # noqa: E402
from stancekit.formats import load_labeled  # noqa: E402
from stancekit.models.checkworthy_rank import CheckWorthinessRanker  # noqa: E402
from stancekit.models.ngram import NgramClassifier  # noqa: E402
from stancekit.pipeline.recipes import outer_folds, selection_sample  # noqa: E402
from stancekit.pipeline.training import SELECT_ROWS  # noqa: E402

BASE = {"random_state": 0}


def models(configs: list[dict]) -> dict:
    out = {
        "plain pipeline (tfidf 1-2 + balanced lr)": lambda: Plain("checkworthy"),
        "recipe plain (word + char n-grams, C=0.3)": lambda: NgramClassifier(
            C=0.3, random_state=0
        ),
    }
    for config in configs:
        out[f"ranker {json.dumps(config)}"] = lambda c=config: CheckWorthinessRanker(
            **{**BASE, **c}
        )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--k", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0, help="deals debates into folds")
    parser.add_argument("--configs", default="[{}]")
    parser.add_argument("--held-back", action="store_true")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument(
        "--selection",
        action="store_true",
        help="score on train's selection sample and folds instead, as "
        "benchmarks.py does (all 16 development debates, 4 folds: few documents)",
    )
    args = parser.parse_args(argv)
    frame = load_labeled(f"clef-checkthat:{args.data_dir}").to_pandas()
    keep = ~frame["group"].map(held_back).to_numpy()
    dev = take(frame, np.flatnonzero(keep))
    test = take(frame, np.flatnonzero(~keep))
    k = args.k
    if args.selection:
        dev = selection_sample(dev, SELECT_ROWS["checkworthy"], 0)
        k = outer_folds(dev)
        print(f"# selection sample: {sorted(set(dev['group']))}", file=sys.stderr)
    y = dev["label"].to_numpy()
    groups = dev["group"].tolist()
    made = models(json.loads(args.configs))
    if args.no_baselines:
        made = {k: v for k, v in made.items() if k.startswith("ranker")}
    for name, make in made.items():
        start = time.perf_counter()
        if args.held_back:
            model = make().fit(dev, y)
            scores = model.predict_proba(test)[:, 1]
            rank = ranking_metrics(
                test["label"].to_numpy(), scores, groups=test["group"].tolist()
            )
            where = f"held-back ({test['group'].nunique()} debates)"
        else:
            scores = np.zeros(len(y))
            for train, held in folds(y, groups, k, seed=args.seed)[0]:
                model = make().fit(take(dev, train), y[train])
                scores[held] = model.predict_proba(take(dev, held))[:, 1]
            rank = ranking_metrics(y, scores, groups=groups)
            where = f"dev {k}-fold ({dev['group'].nunique()} debates)"
        secs = time.perf_counter() - start
        print(
            f"{name:70} {where} MAP {rank['map']:.4f} "
            f"R-prec {rank['r_precision']:.4f} {secs:6.1f}s",
            flush=True,
        )


if __name__ == "__main__":
    main()
