"""Throughput and memory of ``sentences``, ``predict`` and ``label``, 1 and 2 jobs.

Usage::

    python experiments/bench_throughput.py [DATA_DIR] [--mb 20] [--jobs 1 2]
        [--memory sentences:10,200] [--memory label:10,40]
        [--memory-layout {files,tables}] [--model-checkworthy FILE]
        [--model-stance FILE] [--workdir DIR]

Builds a corpus of about ``--mb`` megabytes of article files from the
articles under ``DATA_DIR`` (default ``data/corpus``, the project's own
corpus): each copy of an article gets new numbers and new names, so no two
copies share a sentence and nothing downstream can dedupe its way through
the work. The corpus lives in a temporary folder and is deleted afterwards.

Then it runs the installed command line on it, each command in its own
process, and prints one table: rows per second and MB per second (wall
time, input MB of article text), the CPU seconds of the process and its
workers and rows per CPU second (what one core does, whatever else runs on
the machine), and the peak memory of the whole process tree (resident
memory sampled every 50 ms; ``ru_maxrss`` where psutil is missing):

- ``sentences CORPUS``;
- ``predict --model CW`` on the sentence rows (a JSONL table);
- ``predict --model ST --target CLAIM`` on the same rows;
- ``label CORPUS`` (sentences, check-worthiness and stance toward each
  article's headline).

Beside it, in the same run and process, the models' own time on the same
rows against a plain scikit-learn pipeline (TF-IDF word 1-2 grams + logistic
regression, fitted on the same labeled corpus) doing the same prediction:
the ratio is what the richer features cost. ``--memory CMD:A,B`` runs
``CMD`` on corpora of A and B MB and prints both peaks (streaming means they
should be within 20% of each other), on corpora of one ``.txt`` file per
article or of JSONL tables of 1,000 articles (``--memory-layout``); ``--jobs``
with no value skips the main table. The load average is printed with the
figures because the machine may be shared.

Models: the bundled default models, built into a private cache in the work
folder, unless files are given.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAIM = "The government should raise spending on public services"
_DIGITS = re.compile(r"\d+")
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{3,}\b")
_NAMES = [
    "Arlen", "Brisk", "Calder", "Dorran", "Elmsby", "Fenwick", "Garron", "Hollis",
    "Istvan", "Jarrow", "Kestrel", "Lindqvist", "Marrow", "Nolwen", "Orsini",
    "Pellow", "Quayle", "Rasmund", "Sorrel", "Tamsin", "Ulverton", "Vance",
    "Wexley", "Yarrow", "Zeller",
]  # fmt: skip


# --------------------------------------------------------------------------
# The corpus


def _variant(text: str, rng: random.Random) -> str:
    """The text with every number redrawn (same number of digits) and some
    capitalised words inside sentences replaced by other names."""

    def number(m: re.Match) -> str:
        n = len(m.group())
        return str(rng.randint(10 ** (n - 1) if n > 1 else 0, 10**n - 1))

    names: dict[str, str] = {}

    def name(m: re.Match) -> str:
        word = m.group()
        if word not in names:
            names[word] = rng.choice(_NAMES) if rng.random() < 0.5 else word
        return names[word]

    return _NAME.sub(name, _DIGITS.sub(number, text))


def build_corpus(
    data_dir: str, folder: Path, mb: float, seed: int = 0, layout: str = "files"
) -> dict:
    """Write articles totalling about ``mb`` MB of UTF-8 text: one ``.txt``
    file each (``layout="files"``), or JSONL tables of 1,000 articles."""
    from stancekit.io.articles import read_articles

    sources = [a for a in read_articles([data_dir]) if a.text.strip()]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = n = 0
    while total < mb * 1e6:
        article = sources[n % len(sources)]
        body = _variant(article.text, rng)
        title = _variant(article.title, rng) if article.title else None
        text = f"{title}\n\n{body}\n" if title else body
        data = text.encode("utf-8")
        if layout == "files":
            sub = folder / f"{n // 1000:04d}"
            sub.mkdir(exist_ok=True)
            (sub / f"a{n:06d}.txt").write_bytes(data)
        else:
            row = {"id": f"a{n:06d}", "title": title, "text": body}
            with open(folder / f"t{n // 1000:04d}.jsonl", "a", encoding="utf-8") as fh:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        total += len(data)
        n += 1
    return {"articles": n, "bytes": total}


# --------------------------------------------------------------------------
# Running a command and watching its memory


def _sample(proc: object, cpu: dict[int, float]) -> int:
    """RSS of the process tree now; records each process's CPU seconds."""
    import psutil

    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
            times = p.cpu_times()
            cpu[p.pid] = times.user + times.system
    return total


def run(args: list[str], env: dict, stdout: object = subprocess.DEVNULL) -> dict:
    """Run ``python -m stancekit ARGS``: wall time, CPU time and peak memory
    of the whole process tree (workers of a forkserver are grandchildren,
    which the command's own rusage does not count)."""
    cmd = [sys.executable, "-m", "stancekit", *args]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE)
    peak = [0]
    cpu: dict[int, float] = {}
    stop = threading.Event()
    try:
        import psutil

        watched = psutil.Process(proc.pid)

        def watch() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], _sample(watched, cpu))
                stop.wait(0.05)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
    except ImportError:
        watcher = None
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    stop.set()
    if watcher is not None:
        watcher.join()
    if proc.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{stderr.decode()[-2000:]}")
    # Linux reports ru_maxrss in KiB: the largest single process of the tree.
    maxrss = usage.ru_maxrss * 1024
    others = sum(v for pid, v in cpu.items() if pid != proc.pid)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime + others,
        "peak": peak[0] or maxrss,
    }


def _count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


# --------------------------------------------------------------------------
# The models against a plain pipeline, in this process


def _cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def compare_with_plain(rows: list[dict], cw_path: Path, st_path: Path) -> list[tuple]:
    """CPU seconds of our models and of TF-IDF + LR on the same rows."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from threadpoolctl import threadpool_limits

    from stancekit.persist.files import load_model
    from stancekit.pipeline.defaults import load_corpus
    from stancekit.pipeline.predict import BATCH_SIZE, _batches, _model_input

    cw, st = load_model(cw_path), load_model(st_path)
    out = []
    with threadpool_limits(1):
        train = load_corpus("checkworthy").to_pandas()
        plain = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            LogisticRegression(max_iter=1000),
        ).fit(train["text"], train["label"])
        batches = [
            [_model_input(r, None) for r in batch]
            for batch in _batches(iter(rows), BATCH_SIZE)
        ]
        ours = _cpu(lambda: [cw.predict_proba(b) for b in batches])
        base = _cpu(
            lambda: [plain.predict_proba([r["text"] for r in b]) for b in batches]
        )
        out.append(("check-worthiness", len(rows), ours, base))

        train = load_corpus("stance").to_pandas()
        plain = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            LogisticRegression(max_iter=1000),
        ).fit(train["target"] + " || " + train["text"], train["label"])
        pairs = [[{**r, "target": CLAIM} for r in b] for b in batches]
        ours = _cpu(lambda: [st.predict_proba(b) for b in pairs])
        base = _cpu(
            lambda: [
                plain.predict_proba([f"{r['target']} || {r['text']}" for r in b])
                for b in pairs
            ]
        )
        out.append(("stance (one target)", len(rows), ours, base))
    return out


# --------------------------------------------------------------------------


def _models(args: argparse.Namespace, work: Path, env: dict) -> tuple[Path, Path]:
    if args.model_checkworthy and args.model_stance:
        return Path(args.model_checkworthy), Path(args.model_stance)
    os.environ["STANCEKIT_CACHE"] = env["STANCEKIT_CACHE"]
    from stancekit.pipeline.resolve import resolve_model

    return resolve_model("default", "checkworthy"), resolve_model("default", "stance")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _table(args: argparse.Namespace, work: Path, env: dict, cw: Path, st: Path) -> None:
    """The main table, then the models against the plain pipeline."""
    corpus = work / "corpus"
    info = build_corpus(args.data_dir, corpus, args.mb)
    mb = info["bytes"] / 1e6
    print(
        f"corpus: {info['articles']} articles, {mb:.1f} MB of text; "
        f"load average before: {_load()}",
        flush=True,
    )
    sent = work / "sentences.jsonl"
    results = []
    n_sent = None
    for jobs in args.jobs:
        j = ["--jobs", str(jobs)]
        r = run(["sentences", str(corpus), "--out", str(sent), *j], env)
        n_sent = n_sent or _count_lines(sent)
        results.append(("sentences", jobs, n_sent, r))
        r = run(["predict", str(sent), "--model", str(cw), *j], env)
        results.append(("predict check-worthiness", jobs, n_sent, r))
        r = run(["predict", str(sent), "--model", str(st), "-t", CLAIM, *j], env)
        results.append(("predict stance", jobs, n_sent, r))
        out = work / "labels.jsonl"
        r = run(
            [
                "label",
                str(corpus),
                "--model-checkworthy",
                str(cw),
                "--model-stance",
                str(st),
                "--out",
                str(out),
                *j,
            ],
            env,
        )
        results.append(("label", jobs, _count_lines(out), r))
        out.unlink()
        print(f"  jobs {jobs} done; load average {_load()}", flush=True)

    print()
    print(
        f"{'command':26} {'jobs':>4} {'rows':>8} {'wall s':>7} {'CPU s':>7} "
        f"{'rows/s':>8} {'rows/CPU-s':>10} {'MB/s':>6} {'peak MB':>8}"
    )
    for name, jobs, n, r in results:
        per_cpu = n / r["cpu"]
        print(
            f"{name:26} {jobs:>4} {n:>8} {r['wall']:>7.1f} {r['cpu']:>7.1f} "
            f"{n / r['wall']:>8.0f} {per_cpu:>10.0f} {mb / r['wall']:>6.2f} "
            f"{r['peak'] / 1e6:>8.0f}"
        )
    print(f"load average after: {_load()}")

    rows = []
    with open(sent, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    print()
    print("models alone, CPU seconds on one core, the same rows:")
    print(f"{'task':22} {'rows':>8} {'stancekit':>10} {'tfidf+lr':>9} {'ratio':>6}")
    for task, n, ours, base in compare_with_plain(rows, cw, st):
        print(f"{task:22} {n:>8} {ours:>10.2f} {base:>9.2f} {ours / base:>6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", default=str(ROOT / "data" / "corpus"))
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size")
    parser.add_argument(
        "--jobs", type=int, nargs="*", default=[1, 2], help="none: memory only"
    )
    parser.add_argument(
        "--memory",
        action="append",
        default=[],
        metavar="CMD:A,B",
        help="peak memory of CMD (sentences, label) on corpora of A and B MB",
    )
    parser.add_argument(
        "--memory-layout",
        choices=["files", "tables"],
        default="files",
        help="memory corpora as one .txt per article, or JSONL tables of 1,000",
    )
    parser.add_argument("--model-checkworthy")
    parser.add_argument("--model-stance")
    parser.add_argument(
        "--workdir", help="where to build corpora (default: a temp dir)"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-throughput-", dir=args.workdir))
    env = {**os.environ, "STANCEKIT_CACHE": str(work / "cache")}
    env["PYTHONWARNINGS"] = "ignore"
    try:
        cw, st = _models(args, work, env)
        if args.jobs:
            _table(args, work, env, cw, st)
        for spec in args.memory:
            command, _, sizes = spec.partition(":")
            print()
            print(f"peak memory of `{command}` as the input grows:")
            for size in [float(s) for s in sizes.split(",")]:
                folder = work / f"corpus-{size:g}"
                built = build_corpus(
                    args.data_dir, folder, size, seed=1, layout=args.memory_layout
                )
                extra = (
                    ["--model-checkworthy", str(cw), "--model-stance", str(st)]
                    if command == "label"
                    else []
                )
                out = work / "memory.jsonl"
                r = run([command, str(folder), "--out", str(out), *extra], env)
                print(
                    f"  {built['bytes'] / 1e6:7.1f} MB in, {_count_lines(out):>9} rows: "
                    f"peak {r['peak'] / 1e6:6.0f} MB, wall {r['wall']:.0f} s "
                    f"(load {_load()})",
                    flush=True,
                )
                out.unlink()
                shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
