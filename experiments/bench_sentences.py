"""Benchmark sentence splitting: speed on a news-like corpus, and accuracy.

Usage::

    python experiments/bench_sentences.py [--mb 5] [--pysbd-kb 300] [--seed 0]
        [--fnc1-dir DATA/fnc-1] [--realnews-dir DATA/realnews-dev]

The corpus is generated here from templates written for stancekit (no text
is copied from anywhere): articles with kickers, headlines, bylines,
datelines, titles and abbreviations, numbers and money, URLs and e-mail
addresses, multi-sentence quotations, lists, and some hard-wrapped articles
with CRLF or CR line endings. Because it is generated, the true sentences are
known, so the script also scores each splitter on it (exact sentence spans).
That score follows stancekit's conventions and the same person wrote the
templates and the rules, so read it as a check, not as independent evidence;
the English golden rules (experiments/golden_rules_en.py) are the outside
yardstick.

Every splitter gets the same articles one at a time, as the pipeline does.
pySBD is slow, so it runs on the first ``--pysbd-kb`` kilobytes of articles
(reported as such). Speed is best of three runs (one for pySBD and the
pipeline); MB are megabytes of UTF-8.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from golden_rules_en import GOLDEN_RULES_EN  # noqa: E402

from stancekit.text.segment import split_sentences  # noqa: E402


def _words(spaced: str) -> list[str]:
    return spaced.split()


FIRST = _words(
    """Maria Elena Tom Anna Pavel Olga Daniel Grace Victor Irina Samuel Leila
Omar Nadia Peter Lucia Andrei Fatima George Helen"""
)
LAST = _words(
    """Lopez Novak Carter Petrov Haddad Moreau Kim Okafor Brandt Silva Ivanova
Walsh Tanaka Mensah Rossi Kowalski Duarte Larsen Quinn Abbott"""
)
TITLES = ["Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Sen.", "Rep.", "Gov."]
ROLES = """Foreign Minister|Defense Secretary|Prime Minister|President|Central bank
governor|party spokesman|deputy head of the election commission|chief
economist|terrorism expert|union leader""".replace("\n", " ").split("|")
PLACES = """Moscow|Kyiv|Washington|Brussels|St. Petersburg|Lagos|Jakarta|Lima|
Ankara|Nairobi|Warsaw|Seoul|Ft. Worth|Mt. Pleasant""".replace("\n", "").split("|")
ORGS = """Acme Inc.|Norland Energy Corp.|Bright & Co.|Kestrel Ltd.|the U.N.|
the E.U.|NATO|the World Bank|the U.S. Treasury|Halvorsen Bros.""".replace(
    "\n", ""
).split("|")
ABBR_ENDS = ["the U.S.", "the U.K.", "the E.U.", "Acme Inc.", "Bright & Co."]
MONTHS = ["Jan.", "Feb.", "March", "April", "Aug.", "Sept.", "Oct.", "Nov."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
TOPICS = """sanctions|the budget|grain exports|the ceasefire|fuel prices|the
election|the new pipeline|pension reform|the border crossing|interest rates""".replace(
    "\n", " "
).split("|")

SENTENCES = [
    "{person} said on {day} that {topic} would be discussed again next week.",
    "{title} {last} met {title2} {last2} in {place} on {date}.",
    "Officials from {org} declined to comment on {topic}.",
    "Prices rose {pct} in {month} after falling {pct2} a month earlier.",
    "The deficit reached {money}, according to figures from {org}.",
    "{role} {person}, who took office in {year}, did not respond.",
    "Talks are due to resume on {date} at No. {small} Downing Street.",
    "The report, published at https://www.example.org/{slug}.html, runs to "
    "{small} pages.",
    "Questions can be sent to press.{slug}@example.com before {day}.",
    "{org} said it expected {topic} to cost about {money} by {year}.",
    "U.S. officials said {topic} was not on the agenda.",
    "Analysts at {org} put growth at {dec}% for the year.",
    "The vote ended at {small} p.m. and turnout was {pct}.",
    "It moved its headquarters to {abbr_end} The decision surprised investors.",
    "According to {person}, {topic} had been settled weeks ago.",
    "{person} told journalists that {topic} was a matter for parliament.",
    "Why now? Critics say {topic} has been delayed for years.",
    "He paused... and then said the plan was dead.",
    "The plan (approved in {year}) was shelved after {small} months.",
    "J. R. Walsh, a historian at {place} University, called it unusual.",
    "Shares of {org} fell {dec}% in early trading.",
    "Police said {small} people were detained near the embassy.",
    "The measure passed by {small} votes to {small2}, vs. {small3} a year ago.",
    "In {year} the same proposal failed by a narrow margin.",
    "It was the third such meeting since {month_full}.",
    "Residents described long queues at petrol stations.",
]
CLAUSES = [
    "according to a statement released late on {day}.",
    "a move that analysts said could delay {topic} until {year}.",
    "{org} said in a statement.",
    "despite concerns about {topic} raised by {person} earlier this year.",
    "people familiar with the matter said, speaking on condition of anonymity.",
    "the latest sign of strain between {place} and its neighbours.",
    "up from {pct} a year earlier.",
    "two days after {role} {person} visited {place}.",
]
QUOTES = [
    (
        "\u201c{q1} {q2},\u201d {pron} said.",
        2,
    ),
    ("\u201c{q1}\u201d {pron} added.", 1),
    ('"{q1} {q2}" {person} told reporters.', 2),
    ("\u201cWhy now?\u201d {pron} asked.", 1),
    ("{person} said: \u201c{q1}\u201d", 1),
]
QUOTE_PARTS = [
    "We will not back down.",
    "This is our land.",
    "Nobody asked us.",
    "The numbers speak for themselves.",
    "We expect an answer by Friday.",
    "It is too early to say.",
    "There is no plan B.",
    "Our position has not changed.",
]
HEADLINES = [
    "{last} warns {org} over {topic}",
    "{place} braces for {topic} vote",
    "What {topic} means for {place}",
    "{org} shares slide as {topic} talks stall",
]
KICKERS = ["World", "Business", "Politics", "Opinion", "Europe"]


class Corpus:
    """Generated articles and, for each, the spans of its true sentences."""

    def __init__(self, mb: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.articles: list[str] = []
        self.gold: list[list[tuple[int, int]]] = []
        size = 0
        while size < mb * 1e6:
            text, spans = self._article()
            self.articles.append(text)
            self.gold.append(spans)
            size += len(text.encode("utf-8"))
        self.mb = size / 1e6
        self.sentences = sum(len(spans) for spans in self.gold)

    def _fill(self, template: str, capitalize: bool = True) -> str:
        r = self.rng
        filled = template.format(
            person=f"{r.choice(FIRST)} {r.choice(LAST)}",
            last=r.choice(LAST),
            last2=r.choice(LAST),
            title=r.choice(TITLES),
            title2=r.choice(TITLES),
            role=r.choice(ROLES).capitalize(),
            place=r.choice(PLACES),
            org=r.choice(ORGS),
            topic=r.choice(TOPICS),
            day=r.choice(DAYS),
            month=r.choice(MONTHS),
            month_full=r.choice(["January", "May", "July", "December"]),
            date=f"{r.choice(MONTHS)} {r.randint(1, 28)}",
            year=r.randint(1990, 2025),
            pct=f"{r.randint(1, 40)}%",
            pct2=f"{r.randint(1, 9)}.{r.randint(0, 9)}%",
            dec=f"{r.randint(0, 9)}.{r.randint(0, 9)}",
            money=f"${r.randint(1, 99)}.{r.randint(1, 9)}bn",
            small=r.randint(2, 99),
            small2=r.randint(2, 99),
            small3=r.randint(2, 99),
            slug=r.choice(["budget", "report2024", "energy-outlook", "press"]),
            abbr_end=r.choice(ABBR_ENDS),
            pron=r.choice(["he", "she"]),
            q1=r.choice(QUOTE_PARTS),
            q2=r.choice(QUOTE_PARTS)[:-1],
        )
        # "... from Acme Inc." must not end in "Inc.."
        filled = re.sub(r"(?<=\w\.)\.(?=\s|$)", "", filled)
        return filled[0].upper() + filled[1:] if capitalize else filled

    def _paragraph(self) -> list[str]:
        r = self.rng
        sentences: list[str] = []
        for _ in range(r.randint(1, 4)):
            if r.random() < 0.25:
                template, count = r.choice(QUOTES)
                filled = self._fill(template)
                if count == 2:
                    # Each sentence of a quotation is its own sentence.
                    first, rest = filled.split(". ", 1)
                    sentences += [first + ".", rest]
                else:
                    sentences.append(filled)
            else:
                filled = self._fill(r.choice(SENTENCES))
                if filled.endswith(".") and r.random() < 0.6:
                    # News sentences run long: add a clause or two.
                    for _ in range(r.randint(1, 2)):
                        clause = self._fill(r.choice(CLAUSES), capitalize=False)
                        filled = f"{filled[:-1]}, {clause}"
                # Templates holding two sentences mark them with ". " before
                # a capital that the template itself wrote.
                for marker in (". The decision", "? Critics"):
                    if marker in filled:
                        head, tail = filled.split(marker, 1)
                        sentences += [head + marker[0], marker[2:] + tail]
                        break
                else:
                    sentences.append(filled)
        return sentences

    def _article(self) -> tuple[str, list[tuple[int, int]]]:
        r = self.rng
        blocks: list[list[str]] = []
        if r.random() < 0.3:
            blocks.append([r.choice(KICKERS)])
        headline = self._fill(r.choice(HEADLINES))
        byline = f"By {r.choice(FIRST)} {r.choice(LAST)}"
        body = [self._paragraph() for _ in range(r.randint(4, 12))]
        if r.random() < 0.2:
            body.insert(2, ["Key points:"])
            body.insert(3, [f"- {self._fill('{topic}').capitalize()}" for _ in "ab"])
        wrapped = r.random() < 0.2
        # Hard-wrapped articles come with any of the three line endings.
        newline = r.choice(["\n", "\r\n", "\r"]) if wrapped else "\n"
        text = ""
        spans: list[tuple[int, int]] = []
        for block in blocks:
            spans.append((len(text), len(text) + len(block[0])))
            text += block[0] + newline * 2
        # Headline and byline on lines of their own, without a blank line.
        for line in (headline, byline):
            spans.append((len(text), len(text) + len(line)))
            text += line + newline
        text += newline
        for paragraph in body:
            if paragraph[0].startswith("- "):
                for item in paragraph:
                    spans.append((len(text), len(text) + len(item)))
                    text += item + newline
                text += newline
                continue
            joined = " ".join(paragraph)
            if wrapped:
                # textwrap turns one space into one "\n", so offsets hold.
                joined = textwrap.fill(
                    joined, 72, break_long_words=False, break_on_hyphens=False
                )
            offset = 0
            for sentence in paragraph:
                start = len(text) + offset
                offset += len(sentence) + 1
                # Each "\n" inside the paragraph becomes len(newline) chars.
                before = joined.count("\n", 0, start - len(text))
                inside = joined.count("\n", start - len(text), offset - 1)
                extra = (len(newline) - 1) * before
                spans.append(
                    (
                        start + extra,
                        start + extra + len(sentence) + (len(newline) - 1) * inside,
                    )
                )
            text += joined.replace("\n", newline) + newline * 2
        return text, spans


def _spans(article: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Offsets of the stripped pieces a string-returning splitter gave."""
    out = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = article.find(piece, cursor)
        if at < 0:  # the splitter changed the text; count it as a miss
            continue
        out.append((at, at + len(piece)))
        cursor = at + len(piece)
    return out


def _ours(article: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in split_sentences(article)]


def _splitters() -> dict[str, Callable[[str], list[tuple[int, int]]] | None]:
    found: dict[str, Callable[[str], list[tuple[int, int]]] | None] = {
        "stancekit.split_sentences": _ours
    }
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pySBD 0.3"] = lambda a: _spans(a, seg.segment(a))
    except ImportError:
        found["pySBD 0.3"] = None
    try:
        import sentencex

        found["sentencex"] = lambda a: _spans(a, list(sentencex.segment("en", a)))
    except ImportError:
        found["sentencex"] = None
    return found


def golden_accuracy(split: Callable[[str], list[tuple[int, int]]]) -> float:
    right = 0
    for text, expected in GOLDEN_RULES_EN:
        got = [text[a:b] for a, b in split(text)]
        right += got == expected
    return right / len(GOLDEN_RULES_EN)


def corpus_f1(
    corpus: Corpus, split: Callable[[str], list[tuple[int, int]]], n: int
) -> float:
    """F1 of exact sentence spans over the first ``n`` articles."""
    hits = predicted = gold = 0
    for article, spans in zip(corpus.articles[:n], corpus.gold[:n], strict=True):
        got = set(split(article))
        hits += len(got & set(spans))
        predicted += len(got)
        gold += len(spans)
    if not hits:
        return 0.0
    precision, recall = hits / predicted, hits / gold
    return 2 * precision * recall / (precision + recall)


def timed(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    best = float("inf")
    count = 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = run()
        best = min(best, time.perf_counter() - start)
    return best, count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size")
    parser.add_argument("--pysbd-kb", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--fnc1-dir",
        type=Path,
        help="also time the splitters on real news: the FNC-1 folder holding "
        "train_bodies.csv (read at run time, never copied)",
    )
    parser.add_argument(
        "--realnews-dir",
        type=Path,
        help="also time split_sentences beside sentencex on the scraped-text "
        "form of the realnews-dev pages (needs inscriptis; read at run time, "
        "never copied); experiments/bench_pipeline.py times the whole pipeline "
        "on them",
    )
    args = parser.parse_args(argv)

    corpus = Corpus(args.mb, args.seed)
    print(
        f"corpus: {len(corpus.articles)} articles, {corpus.mb:.2f} MB, "
        f"{corpus.sentences} true sentences (seed {args.seed}); "
        f"python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores\n"
    )
    header = (
        f"{'splitter':<34} {'text':>9} {'MB/s':>8} {'sent/s':>10} "
        f"{'golden':>7} {'corpus F1':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, split in _splitters().items():
        if split is None:
            print(f"{name:<34} {'not installed':>9}")
            continue
        articles = corpus.articles
        repeat = 3
        if name.startswith("pySBD"):
            # pySBD runs at about 0.15 MB/s: time a prefix of the corpus.
            budget, articles = args.pysbd_kb * 1e3, []
            for article in corpus.articles:
                if budget <= 0:
                    break
                articles.append(article)
                budget -= len(article.encode("utf-8"))
            repeat = 1
        mb = sum(len(a.encode("utf-8")) for a in articles) / 1e6
        seconds, count = timed(
            lambda arts=articles, f=split: sum(len(f(a)) for a in arts), repeat
        )
        f1 = corpus_f1(corpus, split, len(articles))
        print(
            f"{name:<34} {mb:>6.2f} MB {mb / seconds:>8.2f} "
            f"{count / seconds:>10.0f} {golden_accuracy(split):>7.1%} {f1:>9.3f}"
        )
    _pipeline_row(corpus)
    if args.fnc1_dir is not None:
        _real_news(args.fnc1_dir / "train_bodies.csv", args.pysbd_kb)
    if args.realnews_dir is not None:
        split_speed_on_scraped_pages(args.realnews_dir)


def _real_news(path: Path, pysbd_kb: float) -> None:
    """Speed only: real articles have no true sentences to score against."""
    import csv

    csv.field_size_limit(2**31 - 1)
    with open(path, encoding="utf-8", newline="") as handle:
        bodies = [row["articleBody"] for row in csv.DictReader(handle)]
    total = sum(len(b.encode("utf-8")) for b in bodies) / 1e6
    print(f"\nFNC-1 training bodies: {len(bodies)} articles, {total:.2f} MB")
    for name, split in _splitters().items():
        if split is None:
            continue
        articles, repeat = bodies, 3
        if name.startswith("pySBD"):
            budget, articles = pysbd_kb * 1e3, []
            for body in bodies:
                if budget <= 0:
                    break
                articles.append(body)
                budget -= len(body.encode("utf-8"))
            repeat = 1
        mb = sum(len(a.encode("utf-8")) for a in articles) / 1e6
        seconds, count = timed(
            lambda arts=articles, f=split: sum(len(f(a)) for a in arts), repeat
        )
        print(f"{name:<34} {mb:>6.2f} MB {mb / seconds:>8.2f} {count / seconds:>10.0f}")


def scraped_pages(folder: Path) -> list[str]:
    """The realnews-dev pages as a crawler saves them: inscriptis text, each
    line stripped, runs of blank lines cut to one (the recipe in the data
    folder's README)."""
    import gzip

    import inscriptis

    texts = []
    for path in sorted((folder / "pages").glob("*.html.gz")):
        with gzip.open(path) as handle:
            html = handle.read().decode("utf-8")
        lines = [line.strip() for line in inscriptis.get_text(html).splitlines()]
        texts.append(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n")
    return texts


def split_speed_on_scraped_pages(folder: Path, repeat: int = 5) -> None:
    """split_sentences beside sentencex on real scraped pages: speed only
    (the pages have no true sentences), best of ``repeat`` runs each.

    Timed in CPU seconds of this process (``time.process_time``), since the
    machine is shared and wall time there measures the other jobs too. The
    runs take turns (every splitter once per round), so a change of load
    during the benchmark weighs on all of them alike rather than on
    whichever ran then. Each splitter is timed twice: returning what it
    returns natively (split_sentences its Sentence tuples, sentencex its
    strings), and with (start, end) offsets as every other row here does;
    the ratios of both pairs are printed.
    """
    pages = scraped_pages(folder)
    mb = sum(len(p.encode("utf-8")) for p in pages) / 1e6
    print(
        f"\nrealnews-dev, scraped-text form: {len(pages)} pages, {mb:.2f} MB "
        f"(CPU time, best of {repeat})"
    )
    runs = {
        name: split
        for name, split in _splitters().items()
        if split is not None and not name.startswith("pySBD")
    }
    runs["split_sentences (Sentence tuples)"] = split_sentences
    try:
        import sentencex

        runs["sentencex (strings, no offsets)"] = lambda a: list(
            sentencex.segment("en", a)
        )
    except ImportError:
        pass
    best = dict.fromkeys(runs, float("inf"))
    counts = dict.fromkeys(runs, 0)
    for _ in range(repeat):
        for name, split in runs.items():
            gc.collect()
            start = time.process_time()
            counts[name] = sum(len(split(p)) for p in pages)
            best[name] = min(best[name], time.process_time() - start)
    speeds = {}
    for name, seconds in best.items():
        speeds[name] = mb / seconds
        print(
            f"{name:<34} {mb:>6.2f} MB {mb / seconds:>8.2f} "
            f"{counts[name] / seconds:>10.0f}"
        )
    pairs = [
        ("stancekit.split_sentences", "sentencex"),
        ("split_sentences (Sentence tuples)", "sentencex (strings, no offsets)"),
        ("stancekit.split_sentences", "sentencex (strings, no offsets)"),
    ]
    for ours, theirs in pairs:
        if theirs in speeds:
            ratio = speeds[ours] / speeds[theirs]
            print(f"{ours} / {theirs}: {ratio:.2f}x")


def _pipeline_row(corpus: Corpus) -> None:
    name = "stancekit.articles_to_dataset"
    try:
        from stancekit import articles_to_dataset

        rows = [{"id": str(i), "text": a} for i, a in enumerate(corpus.articles)]
        articles_to_dataset(rows[:1])  # imports datasets outside the timing
        seconds, count = timed(lambda: articles_to_dataset(rows).num_rows, 1)
    except Exception as exc:  # the pipeline is optional for this benchmark
        print(f"{name:<34} {'n/a':>9}  ({type(exc).__name__}: {exc})")
        return
    print(
        f"{name:<34} {corpus.mb:>6.2f} MB {corpus.mb / seconds:>8.2f} "
        f"{count / seconds:>10.0f} {'-':>7} {'-':>9}"
    )


if __name__ == "__main__":
    main()
