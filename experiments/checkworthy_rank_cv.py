"""Development CV of check-worthiness rankers on CLEF-2019 (held-back debates untouched).

Usage::

    python experiments/checkworthy_rank_cv.py DATA_DIR [--k 4] [--configs JSON]
        [--held-back] [--per-debate] [--mix] [--save NPZ] [--fit-cost]

DATA_DIR is the CLEF-2019 CheckThat! Task 1 ``training`` folder. The
debates that ``experiments/benchmarks.py`` holds back (one in five, by a
hash of the name) are dropped; the other 16 are split into ``k`` folds of
whole debates, and every model is scored on the same folds in the same run
(MAP over debates of the pooled held-out scores). ``--held-back`` instead
trains each model on all 16 development debates and scores the 3 held-back
ones: run it once, at the end.

A config ``{"prior": true}`` gives the ranker the bundled default
check-worthiness model (trained on the project's own news sentences, built
offline into ``STANCEKIT_CACHE`` on first use) as a :class:`Prior`; the
row ``default model alone`` scores the same debates with that model
untrained on CLEF. ``--per-debate`` prints each model's average precision
per debate; ``--mix`` also scores the first ranker mixed with every other model
within each debate (z-scores or rank shares, the other weighted 0.1 to
0.5). ``--save`` writes every model's scores, with the labels and debates
they were scored on, to an ``.npz``. ``--fit-cost`` only fits each ranker
config on all 19 training debates (nothing is scored) and prints its CPU
seconds and the process's peak memory; give one config per run for a clean
peak.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmarks import Plain, held_back  # noqa: E402

from stancekit.evaluation.cv import folds, take  # noqa: E402
from stancekit.evaluation.metrics import ranking_metrics  # noqa: E402
from stancekit.features.context import relative_scores  # noqa: E402
from stancekit.formats import load_labeled  # noqa: E402
from stancekit.models.checkworthy_rank import (  # noqa: E402
    CheckWorthinessRanker,
    Prior,
)
from stancekit.models.ngram import NgramClassifier  # noqa: E402
from stancekit.pipeline.recipes import outer_folds, selection_sample  # noqa: E402
from stancekit.pipeline.training import SELECT_ROWS  # noqa: E402

BASE = {"random_state": 0}
PLAIN = "plain pipeline (tfidf 1-2 + balanced lr)"
DEFAULT = "default model alone (project news, no CLEF training)"


class Fixed:
    """A model fitted elsewhere: ``fit`` keeps it as it is."""

    def __init__(self, model) -> None:
        self.model = model

    def fit(self, X, y):
        self.classes_ = self.model.classes_
        return self

    def predict_proba(self, X):
        return self.model.predict_proba(X)


def default_prior():
    from stancekit.pipeline.defaults import default_model

    return default_model("checkworthy")


def models(configs: list[dict], default=None) -> dict:
    out = {
        PLAIN: lambda: Plain("checkworthy"),
        "recipe plain (word + char n-grams, C=0.3)": lambda: NgramClassifier(
            C=0.3, random_state=0
        ),
    }
    if default is not None:
        out[DEFAULT] = lambda: Fixed(default)
    for config in configs:
        params = dict(config)
        if params.get("prior"):
            params["prior"] = Prior(default)
        out[f"ranker {json.dumps(config)}"] = lambda p=params: CheckWorthinessRanker(
            **{**BASE, **p}
        )
    return out


def per_debate(y, scores, groups) -> dict[str, float]:
    """Average precision of each debate."""
    keys = np.asarray(groups)
    return {
        g: ranking_metrics(y[keys == g], scores[keys == g])["map"]
        for g in sorted(set(groups))
    }


MIX_WEIGHTS = (0.1, 0.2, 0.3, 0.5)


def mix(groups, base, other, weight: float, column: int) -> np.ndarray:
    """``base`` and ``other`` mixed within each debate: their z-scores
    (column 0) or rank shares (column 1), ``other`` weighted ``weight``."""
    own = relative_scores(base, groups)[:, column]
    return (1 - weight) * own + weight * relative_scores(other, groups)[:, column]


def fit_cost(frame, configs: list[dict]) -> None:
    """CPU seconds and peak MB of fitting each ranker config on every line."""
    cpu = time.process_time()
    default = default_prior() if any(c.get("prior") for c in configs) else None
    if default is not None:
        print(f"default model loaded: {time.process_time() - cpu:.1f} CPU s")
    y = frame["label"].to_numpy()
    for name, make in models(configs, default).items():
        if not name.startswith("ranker"):
            continue
        cpu = time.process_time()
        make().fit(frame, y)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{name:50} {len(y)} lines: {time.process_time() - cpu:.1f} CPU s, "
            f"peak {peak:.0f} MB",
            flush=True,
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--k", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0, help="deals debates into folds")
    parser.add_argument("--configs", default="[{}]")
    parser.add_argument("--held-back", action="store_true")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--per-debate", action="store_true")
    parser.add_argument("--mix", action="store_true")
    parser.add_argument("--save", help="write every model's scores to this .npz")
    parser.add_argument("--fit-cost", action="store_true")
    parser.add_argument(
        "--selection",
        action="store_true",
        help="score on train's selection sample and folds instead, as "
        "benchmarks.py does (all 16 development debates, 4 folds: few documents)",
    )
    args = parser.parse_args(argv)
    frame = load_labeled(f"clef-checkthat:{args.data_dir}").to_pandas()
    if args.fit_cost:
        fit_cost(frame, json.loads(args.configs))
        return
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
    configs = json.loads(args.configs)
    wants_default = args.mix or any(c.get("prior") for c in configs)
    made = models(configs, default_prior() if wants_default else None)
    if args.no_baselines:
        keep = ("ranker", PLAIN, DEFAULT) if args.mix else ("ranker",)
        made = {k: v for k, v in made.items() if k.startswith(keep)}
    eval_frame = test if args.held_back else dev
    eval_y, eval_groups = eval_frame["label"].to_numpy(), eval_frame["group"].tolist()
    found: dict[str, np.ndarray] = {}
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
        found[name] = scores
        print(
            f"{name:70} {where} MAP {rank['map']:.4f} "
            f"R-prec {rank['r_precision']:.4f} {secs:6.1f}s",
            flush=True,
        )
    if args.save:
        np.savez(args.save, y=eval_y, groups=np.asarray(eval_groups), **found)
    rankers = [n for n in found if n.startswith("ranker")]
    if args.mix and rankers:
        base = rankers[0]
        for other in [n for n in found if n != base]:
            for weight in MIX_WEIGHTS:
                for column, kind in enumerate(("z-scores", "ranks")):
                    mixed = mix(eval_groups, found[base], found[other], weight, column)
                    rank = ranking_metrics(eval_y, mixed, groups=eval_groups)
                    print(
                        f"mix of {kind}: {base} + {weight} x {other}: "
                        f"MAP {rank['map']:.4f}"
                    )
    if args.per_debate:
        table = {n: per_debate(eval_y, s, eval_groups) for n, s in found.items()}
        sizes = eval_frame.groupby("group")["label"].agg(["size", "sum"])
        print("debate lines positives " + " | ".join(table))
        for g in sorted(set(eval_groups)):
            cells = " ".join(f"{table[n][g]:.3f}" for n in table)
            print(f"{g} {sizes.loc[g, 'size']} {sizes.loc[g, 'sum']} {cells}")


if __name__ == "__main__":
    main()
