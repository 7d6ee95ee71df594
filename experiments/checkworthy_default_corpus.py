"""Should the default check-worthiness model be the ranker? Article-grouped CV on the project corpus.

Usage::

    python experiments/checkworthy_default_corpus.py [--k 5]

The default model of ``stancekit label`` is trained on the project's own
labeled articles (``data/``, :func:`stancekit.pipeline.defaults.load_corpus`).
This scores, on the same article-grouped folds in one run, the default
estimator (``CheckWorthinessClassifier(random_state=0)``), the ``ranker``
recipe and the ``plain`` recipe: MAP within articles, F1 of the
check-worthy label, and the Brier score of the probabilities.
"""

from __future__ import annotations

import argparse
import time

from stancekit.evaluation.cv import cross_validate
from stancekit.pipeline.defaults import load_corpus
from stancekit.pipeline.recipes import get_recipe


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args(argv)
    frame = load_corpus("checkworthy").to_pandas()
    y = frame["label"].to_numpy()
    groups = frame["group"].tolist()
    print(
        f"{len(frame)} sentences, {int(y.sum())} check-worthy, "
        f"{frame['group'].nunique()} articles; {args.k}-fold grouped CV"
    )
    for name in ("stancekit", "ranker", "plain"):
        recipe = get_recipe("checkworthy", name)
        start = time.perf_counter()
        result = cross_validate(
            lambda r=recipe: r.model(random_state=0),
            frame,
            y,
            groups=groups,
            k=args.k,
            seed=0,
        )
        secs = time.perf_counter() - start
        print(
            f"{name:10} MAP {result.get('map', float('nan')):.4f} "
            f"F1 {result.get('f1_positive', float('nan')):.4f} "
            f"Brier {result.get('brier', float('nan')):.4f} {secs:6.1f}s",
            flush=True,
        )


if __name__ == "__main__":
    main()
