"""Benchmark the sentence pipeline stage by stage, on one core.

Usage::

    python experiments/bench_pipeline.py [DATA_DIR] [--realnews-dir DIR]
        [--repeat 10] [--runs 3] [--baseline SRC_DIR | --pure-baseline]
        [--profile]

Reads every article under ``DATA_DIR`` (default ``data/corpus``, the
project's own corpus), or with ``--realnews-dir`` the realnews-dev pages in
their scraped-text form (all visible text of each page as inscriptis renders
it, the recipe of the data folder's README, made at run time and never
stored), and times, over the articles repeated ``--repeat`` times, each
stage of :func:`stancekit.dataset.article_rows` on its own input, then the
whole of ``article_rows(keep="all")`` and the whole pipeline as users call
it, ``articles_to_dataset`` on the articles given as mappings (the issue's
speed goal is this row, on the realnews-dev pages):

- ``clean_blocks``: block kinds of each article;
- ``split_sentences``: the sentences of every block;
- ``sentence words``: each sentence's words, read once and shared by the
  next two stages (a checkout from before they were shared has no such row:
  ``find_duplicates`` read them itself), from the sentence texts that
  ``split_sentences`` returned (a checkout from before those were kept
  slices the article text here and in ``find_duplicates``);
- ``find_duplicates``: repeats among an article's sentences;
- ``attribute_quotes``: quotations and speakers;
- ``article_rows``: all of the above plus building the row dicts;
- ``articles_to_dataset``: all of it plus the ``datasets.Dataset``, for
  ``keep="body"`` and ``keep="all"``;
- ``dataset's own work``: the last row less the stages above it (rows,
  columns and the Arrow table), computed, not timed. The pipeline pauses
  the cycle collector while it reads an article; the stage rows are timed
  with it running, so what the pause saves shows here (and in the whole).

Each figure is the best of ``--runs`` rounds, in CPU time of this process (the
machine is shared, and CPU time is what one core spends); in each round every
stage runs once in turn, so a change of load weighs on all stages alike. MB
are megabytes of UTF-8 of the articles' text; sentences/s counts the
sentences ``article_rows`` gives.
Every repetition redoes all the work: nothing is cached across articles.
``--baseline SRC_DIR`` compares with another checkout's package (e.g. ``git
archive COMMIT stancekit | tar -x -C DIR``): each of the ``--runs`` rounds
measures both once, each in a fresh process, the baseline first in odd
rounds and second in even ones, and each table gives every stage's best
over the rounds. (Measuring one side's rounds and then the other's let a
change of the machine's pace between the halves pass for a change of
code: in one run of 6 December the unchanged stages came out 10% slower
in the second half.) ``--pure-baseline`` compares the same way with this
checkout run with ``STANCEKIT_PURE_PYTHON=1``: the text rules as Python
against their compiled build (setup.py), which each table's first line
names. ``--profile`` prints the top of a cProfile of ``article_rows``
instead of the timings (cProfile cannot see inside compiled modules: run it
with ``STANCEKIT_PURE_PYTHON=1``).
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import json
import os
import pstats
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(data_dir: str | None, realnews_dir: str | None = None) -> list:
    from stancekit.io.articles import Article, read_articles

    if realnews_dir is None:
        return [a for a in read_articles([data_dir]) if a.text.strip()]
    sys.path.insert(0, str(ROOT / "experiments"))
    from bench_sentences import scraped_pages

    pages = scraped_pages(Path(realnews_dir))
    return [Article(id=str(i), text=text) for i, text in enumerate(pages)]


def _best(stages: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """The best time of each stage over ``runs`` rounds in which every stage
    runs once in turn, so that a change of load weighs on all of them alike
    (the dataset's own work is a difference of these figures)."""
    best = dict.fromkeys(stages, float("inf"))
    for _ in range(runs):
        for name, fn in stages.items():
            start = time.process_time()
            fn()
            best[name] = min(best[name], time.process_time() - start)
    return best


def _words_of_spans(text: str, spans: list[tuple[int, int]]) -> list[list[str]]:
    """Each sentence's words, as ``dataset`` reads them once per article."""
    from stancekit.text.page_rules import words_of

    return [words_of(text[start:end]) for start, end in spans]


def measure(
    data_dir: str, repeat: int, runs: int, realnews_dir: str | None = None
) -> dict:
    """Seconds per stage, and the sizes they are divided by."""
    from stancekit import dataset
    from stancekit.dataset import _duplicates, article_rows, articles_to_dataset
    from stancekit.text.clean import clean_blocks
    from stancekit.text.page_rules import words_of
    from stancekit.text.quotes import attribute_quotes
    from stancekit.text.segment import split_sentences

    # Checkouts from before the words were shared take none.
    shared = "words" in inspect.signature(attribute_quotes).parameters
    # Checkouts from before the sentences' texts were kept slice them again.
    by_texts = "texts" in inspect.signature(_duplicates).parameters
    # Checkouts from before words_of took the byte table had their own copy.
    _sentence_words = getattr(dataset, "_sentence_words", _words_of_spans)

    articles = _load(data_dir, realnews_dir) * repeat
    n_bytes = sum(len(a.text.encode("utf-8")) for a in articles)

    # The input of each stage, built once so that a stage's time is its own.
    blocks = [clean_blocks(a.text, title=a.title) for a in articles]
    staged = []
    for article, found in zip(articles, blocks, strict=True):
        text = article.text
        spans, kinds, paragraphs = [], [], []
        for block in found:
            for s in split_sentences(text[block.start : block.end]):
                spans.append((block.start + s.start, block.start + s.end))
                kinds.append(block.kind)
                paragraphs.append(block.paragraph_index)
        words = _sentence_words(text, spans) if shared else None
        texts = [text[start:end] for start, end in spans]
        staged.append((text, spans, kinds, paragraphs, words, texts))
    n_sentences = sum(len(s[1]) for s in staged)

    def run_clean() -> None:
        for a in articles:
            clean_blocks(a.text, title=a.title)

    def run_split() -> None:
        for a, found in zip(articles, blocks, strict=True):
            text = a.text
            for b in found:
                split_sentences(text[b.start : b.end])

    def run_words() -> None:
        for text, spans, *_, texts in staged:
            if by_texts:
                list(map(words_of, texts))
            else:
                _sentence_words(text, spans)

    def run_duplicates() -> None:
        for text, spans, kinds, _, words, texts in staged:
            if spans:
                head = (texts,) if by_texts else (text, spans)
                _duplicates(*head, kinds, *([words] if shared else []))

    def run_quotes() -> None:
        for text, spans, kinds, paragraphs, words, _ in staged:
            attribute_quotes(
                text, spans, paragraphs, kinds, *([words] if shared else [])
            )

    def run_rows() -> None:
        for a in articles:
            article_rows(a, keep="all")

    # Distinct ids: one article is one site window, as in article_rows.
    mappings = [
        {"id": str(i), "text": a.text, "title": a.title} for i, a in enumerate(articles)
    ]
    articles_to_dataset(mappings[:1])  # import datasets outside the timing

    stages = {
        "clean_blocks": run_clean,
        "split_sentences": run_split,
        **({"sentence words": run_words} if shared else {}),
        "find_duplicates": run_duplicates,
        "attribute_quotes": run_quotes,
        "article_rows (all)": run_rows,
        "articles_to_dataset (body)": lambda: articles_to_dataset(mappings, "body"),
        "articles_to_dataset (all)": lambda: articles_to_dataset(mappings, "all"),
    }
    import stancekit.text

    return {
        "compiled": getattr(stancekit.text, "COMPILED", False),
        "articles": len(articles),
        "mb": n_bytes / 1e6,
        "sentences": n_sentences,
        "seconds": _best(stages, runs),
    }


def _table(label: str, result: dict) -> str:
    lines = [
        f"{label}: {result['articles']} articles, {result['mb']:.2f} MB, "
        f"{result['sentences']:,} sentences, text rules "
        + ("compiled" if result.get("compiled") else "in Python"),
        f"{'stage':<28}{'seconds':>9}{'MB/s':>9}{'sentences/s':>14}",
    ]
    seconds = dict(result["seconds"])
    stages = [n for n in seconds if not n.startswith(("article_rows", "articles_"))]
    seconds["dataset's own work"] = max(
        1e-9, seconds["articles_to_dataset (all)"] - sum(seconds[n] for n in stages)
    )
    for name, value in seconds.items():
        if value < 0.0005:  # the stages timed alone took all of it (noise)
            lines.append(f"{name:<28}{'0.000':>9}{'-':>9}{'-':>14}")
            continue
        lines.append(
            f"{name:<28}{value:>9.3f}{result['mb'] / value:>9.2f}"
            f"{result['sentences'] / value:>14,.0f}"
        )
    return "\n".join(lines)


def _profile(data_dir: str, repeat: int, realnews_dir: str | None) -> None:
    from stancekit.dataset import article_rows

    articles = _load(data_dir, realnews_dir) * repeat
    profiler = cProfile.Profile()
    profiler.enable()
    for a in articles:
        article_rows(a, keep="all")
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(30)
    stats.sort_stats("tottime").print_stats(25)


def _one_round(source: Path, pure: bool, args: argparse.Namespace) -> dict:
    """One round of :func:`measure` in a fresh process with ``source``'s
    package first on the path, its text rules compiled if built so unless
    ``pure``."""
    env = dict(os.environ, PYTHONPATH=str(source))
    env.pop("STANCEKIT_PURE_PYTHON", None)
    if pure:
        env["STANCEKIT_PURE_PYTHON"] = "1"
    out = subprocess.run(
        [sys.executable, __file__, args.data_dir, "--json"]
        + ["--repeat", str(args.repeat), "--runs", "1"]
        + (["--realnews-dir", args.realnews_dir] if args.realnews_dir else []),
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def _compare(args: argparse.Namespace) -> None:
    """The baseline's table and this checkout's, from rounds taken in turn."""
    if args.pure_baseline:
        baseline = (f"baseline ({ROOT}, STANCEKIT_PURE_PYTHON=1)", ROOT, True)
    else:
        baseline = (f"baseline ({args.baseline})", Path(args.baseline).resolve(), False)
    sides = {baseline[0]: baseline[1:], f"stancekit ({ROOT})": (ROOT, False)}
    best: dict[str, dict] = {}
    for round_ in range(args.runs):
        order = list(sides) if round_ % 2 == 0 else list(sides)[::-1]
        for label in order:
            result = _one_round(*sides[label], args)
            if label not in best:
                best[label] = result
            else:
                kept = best[label]["seconds"]
                for stage, value in result["seconds"].items():
                    kept[stage] = min(kept[stage], value)
    print("\n\n".join(_table(label, best[label]) for label in sides))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", default=str(ROOT / "data" / "corpus"))
    parser.add_argument("--realnews-dir", help="the realnews-dev folder")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", help="another checkout's source folder")
    parser.add_argument(
        "--pure-baseline",
        action="store_true",
        help="compare with this checkout's text rules run as Python",
    )
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.profile:
        _profile(args.data_dir, args.repeat, args.realnews_dir)
        return
    if args.baseline or args.pure_baseline:
        _compare(args)
        return
    result = measure(args.data_dir, args.repeat, args.runs, args.realnews_dir)
    if args.json:
        print(json.dumps(result))
        return
    import stancekit

    print(_table(f"stancekit ({Path(stancekit.__file__).parent.parent})", result))


if __name__ == "__main__":
    main()
