"""What one article costs: `stancekit label ARTICLE` beside a plain scikit-learn process.

Each command runs in a fresh process, ``--repeat`` times, interleaved (so a
busy machine slows all of them alike); the table shows the best and the
median wall time, the best CPU time (user + system, which a shared machine
disturbs less) and the ratios of the best to the plain process's best.

The plain process is the floor any scikit-learn tool pays: it imports
scikit-learn, unpickles a TF-IDF + logistic-regression pipeline (fitted here
on the project's own labeled sentences) and scores the article's lines.
``stancekit label`` does more (cleaning, sentence splitting, quotations,
two models); the goal is to stay within 1.2x of the plain process, and
``stancekit --help`` under 0.35 s.

Rows:
- ``python -c "import sklearn"``: the import alone;
- ``plain scikit-learn``: load the pickled pipeline and score the article;
- ``stancekit label``: warm cache, verdicts remembered (what users get);
- ``stancekit label, verdicts cold``: the verdict cache emptied before each
  run, so both model files are scanned opcode by opcode as before;
- ``stancekit --help``.

Usage: ``python experiments/bench_startup.py [--repeat 5] [ARTICLE]``
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "data" / "examples" / "scraped-article.txt"

PLAIN = """
import pickle, sys
with open(sys.argv[1], "rb") as fh:
    model = pickle.load(fh)
with open(sys.argv[2], encoding="utf-8") as fh:
    lines = [line.strip() for line in fh if line.strip()]
scores = model.predict_proba(lines)[:, 1]
for score, line in zip(scores, lines):
    print(f"{score:.2f} {line}")
"""


def _plain_model(folder: Path) -> Path:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = [
        json.loads(line)
        for line in (ROOT / "data" / "labels" / "sentences.jsonl").open(
            encoding="utf-8"
        )
        if line.strip()
    ]
    texts = [r["text"] for r in rows]
    labels = [int(r["checkworthy"] == "cfs") for r in rows]
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(max_iter=1000),
    ).fit(texts, labels)
    path = folder / "plain.pkl"
    with open(path, "wb") as fh:
        pickle.dump(model, fh)
    return path


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(ARTICLE))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    stancekit = str(Path(sys.executable).with_name("stancekit"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cache = folder / "cache"
        env = {**os.environ, "STANCEKIT_CACHE": str(cache)}
        # Warm means what an installed package has: its bytecode cached too.
        # (Without this, a shell with PYTHONDONTWRITEBYTECODE=1 recompiles
        # stancekit's 90 modules in every run, about 0.15 s the plain
        # script, a single small file, never pays.)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        plain_script = folder / "plain.py"
        plain_script.write_text(PLAIN, encoding="utf-8")
        model = _plain_model(folder)
        print(
            "building the default models in a private cache (once)...", file=sys.stderr
        )
        _run([stancekit, "label", args.article], env)

        def cold() -> None:
            shutil.rmtree(cache / "verified", ignore_errors=True)

        commands = {
            'python -c "import sklearn"': (
                [sys.executable, "-c", "import sklearn"],
                None,
            ),
            "plain scikit-learn": (
                [sys.executable, str(plain_script), str(model), args.article],
                None,
            ),
            "stancekit label": ([stancekit, "label", args.article], None),
            "stancekit label, verdicts cold": (
                [stancekit, "label", args.article],
                cold,
            ),
            "stancekit --help": ([stancekit, "--help"], None),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, (cmd, before) in commands.items():
                if before is not None:
                    before()
                wall, cpu = _run(cmd, env)
                times[name].append(wall)
                cpus[name].append(cpu)

    plain = min(times["plain scikit-learn"])
    plain_cpu = min(cpus["plain scikit-learn"])
    name = Path(args.article).name
    print(f"\none article ({name}), best of {args.repeat} fresh processes")
    print(
        f"{'command':34} {'best s':>7} {'median s':>9} {'x plain':>8}"
        f" {'cpu s':>7} {'x plain':>8}"
    )
    for name, values in times.items():
        best, cpu = min(values), min(cpus[name])
        print(
            f"{name:34} {best:7.2f} {statistics.median(values):9.2f}"
            f" {best / plain:8.2f} {cpu:7.2f} {cpu / plain_cpu:8.2f}"
        )
    label, label_cpu = min(times["stancekit label"]), min(cpus["stancekit label"])
    helps, helps_cpu = min(times["stancekit --help"]), min(cpus["stancekit --help"])
    print(
        f"\ngoals: label within 1.2x of plain: {label / plain:.2f}x wall, "
        f"{label_cpu / plain_cpu:.2f}x cpu; --help under 0.35 s: {helps:.2f} s "
        f"wall, {helps_cpu:.2f} s cpu"
    )


if __name__ == "__main__":
    main()
