"""Speed and size of StanceClassifier on FNC-1 (long article bodies).

Usage::

    python experiments/bench_stance.py DATA_DIR [--classifier linear] [--pairs N]

Trains on the whole FNC-1 training split (49,972 pairs, 1,683 bodies),
saves the model with :func:`stancekit.save_model`, and times prediction in
three shapes: one call over all pairs (each body analysed once per call),
CLI-sized batches of 2,048 pairs in file order (the batch size of
``stancekit predict``), and one pair per distinct body (the worst case:
nothing to share). Prints a markdown table: seconds, pairs per second,
peak memory, model file size; CPU seconds too, since wall time
on a shared machine mostly measures the neighbours. Goals: training < 300 s and < 4 GB, model
< 200 MB, prediction >= 2,000 pairs/s.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _stance_common import Timer, load_fnc1, print_table  # noqa: E402

from stancekit.models.stance import StanceClassifier  # noqa: E402
from stancekit.persist.files import load_model, save_model  # noqa: E402


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


class CpuTimer(Timer):
    """Wall and CPU seconds: on a shared machine only CPU time is comparable."""

    def __enter__(self):
        self.cpu_start = time.process_time()
        return super().__enter__()

    def __exit__(self, *exc):
        super().__exit__(*exc)
        self.cpu = time.process_time() - self.cpu_start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--classifier", default="linear")
    parser.add_argument("--pairs", type=int, default=0, help="use only the first N")
    args = parser.parse_args(argv)

    df = load_fnc1(args.data_dir)
    if args.pairs:
        df = df.iloc[: args.pairs]
    X, y = df[["target", "text"]], df["label"]
    n_bodies = df["text"].nunique()
    rows = []

    clf = StanceClassifier(classifier=args.classifier, random_state=0)
    with CpuTimer() as t:
        clf.fit(X, y)
    rows.append(
        {
            "step": f"fit ({len(df)} pairs, {n_bodies} bodies)",
            "seconds": t.seconds,
            "cpu_s": t.cpu,
            "pairs_per_s": len(df) / t.seconds,
            "pairs_per_cpu_s": len(df) / t.cpu,
            "peak_gb": peak_gb(),
        }
    )

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stance.skm"
        with CpuTimer() as t:
            save_model(clf, path)
        size_mb = path.stat().st_size / 1024**2
        rows.append({"step": f"save ({size_mb:.1f} MB)", "seconds": t.seconds})
        with CpuTimer() as t:
            clf = load_model(path)
        rows.append({"step": "load", "seconds": t.seconds})

    with CpuTimer() as t:
        clf.predict(X)
    rows.append(
        {
            "step": "predict, one call",
            "seconds": t.seconds,
            "cpu_s": t.cpu,
            "pairs_per_s": len(df) / t.seconds,
            "pairs_per_cpu_s": len(df) / t.cpu,
            "peak_gb": peak_gb(),
        }
    )

    batch = 2048
    with CpuTimer() as t:
        for start in range(0, len(df), batch):
            clf.predict(X.iloc[start : start + batch])
    rows.append(
        {
            "step": f"predict, batches of {batch}",
            "seconds": t.seconds,
            "cpu_s": t.cpu,
            "pairs_per_s": len(df) / t.seconds,
            "pairs_per_cpu_s": len(df) / t.cpu,
        }
    )

    one_each = df.drop_duplicates("text")[["target", "text"]]
    with CpuTimer() as t:
        clf.predict(one_each)
    rows.append(
        {
            "step": f"predict, 1 pair per body ({len(one_each)})",
            "seconds": t.seconds,
            "cpu_s": t.cpu,
            "pairs_per_s": len(one_each) / t.seconds,
            "pairs_per_cpu_s": len(one_each) / t.cpu,
        }
    )

    print_table(
        f"StanceClassifier({args.classifier!r}) on FNC-1 train",
        rows,
        ["step", "seconds", "cpu_s", "pairs_per_s", "pairs_per_cpu_s", "peak_gb"],
    )


if __name__ == "__main__":
    main()
