"""Quotations and speakers on real political news (PolNeAR), beside a baseline.

Usage::

    python experiments/polnear_eval.py DATA/polnear-train [--part dev|held|all]
        [--limit N] [--errors N [--only-reference-right]] [--false-quotes N]

Scores stancekit's sentence rows (``articles_to_dataset(..., keep="all")``)
against PolNeAR's hand-annotated attributions with the counting rules of the
data folder's README: quote recall and precision of ``in_quote`` rows,
direct quotations found (and found whole), and speaker accuracy on
quotations with a named speaker, over those found and over all of them.

Beside it, in the same run and on the same detected quotations, the
"nearest capitalised name" reference: the speaker of a quotation is the run
of capitalised words nearest to its quoted part in the same paragraph
(outside the quotation marks, a sentence-initial capital excluded), else in
the paragraph before.

Articles are split by a hash of their name (``sha1("polnear/" + name)``,
first byte modulo 5): ``dev`` (677 articles) is where rules were chosen,
``held`` (163) was only scored. ``--errors`` prints speaker errors with the
text before them, ``--false-quotes`` ``in_quote`` rows that overlap no
annotated quotation; both only for ``dev``-style reading, never to tune on
``held``. Nothing from the
data is written anywhere; the folder is read at run time.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------
# Reading the annotations

_LINE_RE = re.compile(r"^(T\d+|E\d+|#)")


def read_ann(path: Path) -> tuple[dict, list[dict]]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line or not _LINE_RE.match(line):
            continue
        if line[0] == "T" and "\t" in line:
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            kind, _, offsets = parts[1].partition(" ")
            pieces = []
            for piece in offsets.split(";"):
                a, b = piece.split()
                pieces.append((int(a), int(b)))
            # Pieces in text order: a few content spans list the part after
            # the attribution first ("“B.” ... he said. “A,”" as `B;A`).
            spans[parts[0]] = (kind, sorted(pieces))
        elif line[0] == "E":
            parts = line.split("\t")
            roles = {}
            for item in parts[1].split():
                role, _, ref = item.partition(":")
                roles[role] = ref
            events.append(roles)
    return spans, events


# ---------------------------------------------------------------------------
# Step 1: quotation marks, paragraph by paragraph

_DOUBLE = re.compile(r"''|[“”\"„«»]|[‘’']")


def quoted_segments(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    """Quoted segments (inside the marks) and the offsets of paired single
    marks."""
    segments = []
    paired_single: set[int] = set()
    for para in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        a, b = para.span()
        open_double = -1
        open_single = -1
        for m in _DOUBLE.finditer(text, a, b):
            mark = m.group()
            i = m.start()
            if mark in ("‘", "’", "'"):
                if open_double >= 0:
                    continue
                prev = text[i - 1] if i > a else " "
                nxt = text[i + 1] if i + 1 < b else " "
                if open_single < 0:
                    if not prev.isalpha() and nxt.isalpha():
                        open_single = i
                elif not nxt.isalpha():
                    segments.append((open_single + 1, i))
                    paired_single.update((open_single, i))
                    open_single = -1
                continue
            if open_double < 0:
                open_double = m.end()
                open_single = -1
            else:
                segments.append((open_double, i))
                open_double = -1
        if open_double >= 0:
            segments.append((open_double, b))
    return segments, paired_single


def content_of(ev: dict, spans: dict) -> list[tuple[int, int]]:
    """An attribution's content, in text order: its ``Content`` span and the
    rare ``Content2`` (a second content, such as the next sentences of the
    same quotation after "... ,” he said."), which the README counts as part
    of the attribution's content."""
    pieces = [
        piece
        for role in ("Content", "Content2")
        if ev.get(role) in spans
        for piece in spans[ev[role]][1]
    ]
    return sorted(pieces)


def _alnum_positions(text: str, pieces) -> list[int]:
    return [i for a, b in pieces for i in range(a, b) if text[i].isalnum()]


@dataclass
class Quotation:
    article: str
    quoted: list[tuple[int, int]]
    direct: bool
    source: list[tuple[int, int]] | None
    speaker: str | None = None  # gold named speaker
    rows: list[int] = field(default_factory=list)


def quotations(text: str, spans: dict, events: list[dict], name: str):
    segments, paired_single = quoted_segments(text)
    inside = bytearray(len(text) + 1)
    for a, b in segments:
        inside[a:b] = b"\x01" * (b - a)
    contents = [pieces for ev in events if (pieces := content_of(ev, spans))]
    found = []
    for ev in events:
        pieces = content_of(ev, spans)
        if not pieces:
            continue
        letters = _alnum_positions(text, pieces)
        chars = [i for a, b in pieces for i in range(a, b)]
        has_mark = any(
            text[i] in '“”"„«»‘' or text[i : i + 2] == "''" or i in paired_single
            for i in chars
        )
        quoted_letters = [i for i in letters if inside[i]]
        share = len(quoted_letters) / len(letters) if letters else 0.0
        if not has_mark:
            if share < 0.9:
                continue
            lo, hi = pieces[0][0], pieces[-1][1]
            nested = any(
                other != pieces and other[0][0] <= lo and hi <= other[-1][1]
                for other in contents
                if (other[0][0], other[-1][1]) != (lo, hi)
            )
            if nested:
                continue
        quoted = []
        for a, b in pieces:
            for s0, s1 in segments:
                lo, hi = max(a, s0), min(b, s1)
                if lo < hi:
                    quoted.append((lo, hi))
        if not quoted or not any(
            text[i].isalnum() for a, b in quoted for i in range(a, b)
        ):
            quoted = list(pieces)
        source = spans[ev["Source"]][1] if ev.get("Source") in spans else None
        found.append(Quotation(name, quoted, share >= 0.9, source))
    return found


# ---------------------------------------------------------------------------
# Step 3: the named speaker, from the source span and CoreNLP tokens


@dataclass
class Token:
    word: str
    start: int
    end: int
    pos: str
    ner: str


def read_corenlp(path: Path) -> list[Token]:
    with gzip.open(path) as handle:
        root = ET.parse(handle).getroot()
    tokens = []
    for tok in root.iter("token"):
        tokens.append(
            Token(
                tok.findtext("word"),
                int(tok.findtext("CharacterOffsetBegin")),
                int(tok.findtext("CharacterOffsetEnd")),
                tok.findtext("POS"),
                tok.findtext("NER"),
            )
        )
    return tokens


_BREAKS = {",", "(", ")", "-LRB-", "-RRB-", "--", ":", ";", "[", "]", "{", "}"}
_BREAK_WORDS = frozenset(
    {"of", "in", "at", "for", "with", "from", "who", "which", "that", "and", "on"}
    | {"whose"}
)
_SUFFIX = {"jr.", "sr.", "jr", "sr", "ii", "iii", "iv"}
_NAMED = {"PERSON", "ORGANIZATION"}


def named_speaker(tokens: list[Token], source, tagged: set[str]) -> str | None:
    lo, hi = source[0][0], source[-1][1]
    toks = [t for t in tokens if t.start >= lo and t.end <= hi]
    if not toks:
        return None

    def phrase(items):
        out = []
        for t in items:
            if t.word in _BREAKS or t.word.lower() in _BREAK_WORDS or t.word in "—–":
                break
            out.append(t)
        while out and (out[-1].pos == "POS" or out[-1].word.lower() in _SUFFIX):
            out.pop()
        return out

    first = phrase(toks)
    if first and first[-1].ner in _NAMED:
        k = len(first) - 1
        while k > 0 and first[k - 1].ner == first[-1].ner:
            k -= 1
        return " ".join(t.word for t in first[k:])
    if first and all(t.pos == "NNP" for t in first) and first[-1].word in tagged:
        return " ".join(t.word for t in first)
    has_name = any(t.ner in _NAMED for t in first)
    if not has_name:
        commas = [k for k, t in enumerate(toks) if t.word == ","]
        if commas:
            rest = phrase(toks[commas[0] + 1 :])
            if rest and all(t.ner in _NAMED for t in rest):
                return " ".join(t.word for t in rest)
    return None


# ---------------------------------------------------------------------------
# Step 4: matching names

_TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "the"}


def _name_tokens(name: str) -> list[str]:
    name = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", name.lower())
    name = re.sub(r"['’]s\b", "", name)
    return [t for t in re.findall(r"[\w-]+", name) if t not in _TITLES]


def same_speaker(gold: str, got: str | None) -> bool:
    if not got:
        return False
    a, b = _name_tokens(gold), _name_tokens(got)
    if not a or not b:
        return False
    if a[-1] == b[-1]:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return any(long[k : k + len(short)] == short for k in range(len(long)))


# ---------------------------------------------------------------------------
# The reference: nearest capitalised name

_CAP_RUN = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|bin))*")
_SENT_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n)$")


_STOP_CAPS = frozenset(
    re.findall(
        r"\S+",
        "The A An But And In On At As It He She They We I This That If When While "
        "After Before For With From By To Of Or So Yet Still Then There Here "
        "Mr. Mrs. Ms. Dr.",
    )
)


def nearest_capitalised(
    text: str, quoted: list[tuple[int, int]], segments, rows: tuple[int, int]
) -> str | None:
    """The capitalised run nearest the quotation: first within the sentence
    rows that hold it, else in its paragraph, else the paragraph before."""
    a, b = quoted[0][0], quoted[-1][1]
    pa = text.rfind("\n\n", 0, a)
    pa = 0 if pa < 0 else pa + 2
    pb = text.find("\n\n", b)
    pb = len(text) if pb < 0 else pb
    prev_pa = text.rfind("\n\n", 0, max(0, pa - 2))
    prev_pa = 0 if prev_pa < 0 else prev_pa + 2
    inside = [(s0 - 1, s1 + 1) for s0, s1 in segments if s1 > prev_pa and s0 < pb]

    def candidates(lo, hi):
        for m in _CAP_RUN.finditer(text, lo, hi):
            s, e = m.span()
            if any(s0 <= s < s1 for s0, s1 in inside):
                continue
            words = m.group().split()
            while words and words[0] in _STOP_CAPS:
                words = words[1:]
            if not words:
                continue
            yield s, e, " ".join(words).rstrip(".’'")

    for lo, hi in (rows, (pa, pb)):
        best = None
        for s, e, name in candidates(lo, hi):
            d = a - e if e <= a else s - b if s >= b else 0
            if d >= 0 and (best is None or d < best[0]):
                best = (d, name)
        if best is not None:
            return best[1]
    if pa > 0:
        before = list(candidates(prev_pa, pa))
        if before:
            return before[-1][2]
    return None


# ---------------------------------------------------------------------------
# Scoring


def part_of(name: str) -> str:
    digest = hashlib.sha1(("polnear/" + name).encode()).digest()
    return "held" if digest[0] % 5 == 0 else "dev"


def load(folder: Path, part: str, limit: int | None):
    texts = sorted((folder / "train" / "text").glob("*.txt"))
    anns = sorted((folder / "train" / "attributions").glob("*.ann"))
    first_ann: dict[str, Path] = {}
    for path in anns:
        first_ann.setdefault(path.stem.rsplit("_", 1)[0], path)
    articles = []
    for path in texts:
        name = path.stem
        if part != "all" and part_of(name) != part:
            continue
        articles.append((name, path.read_text(encoding="utf-8"), first_ann[name]))
    return articles[:limit] if limit else articles


def overlaps_alnum(text: str, a: int, b: int, pieces) -> bool:
    for s0, s1 in pieces:
        lo, hi = max(a, s0), min(b, s1)
        if lo < hi and any(c.isalnum() for c in text[lo:hi]):
            return True
    return False


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--part", choices=["dev", "held", "all"], default="dev")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--errors", type=int, default=0, help="print N speaker errors")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--only-reference-right",
        action="store_true",
        help="list only errors the nearest-name reference gets right",
    )
    parser.add_argument(
        "--false-quotes", type=int, default=0, help="print N in_quote rows off quotes"
    )
    args = parser.parse_args(argv)

    from stancekit import articles_to_dataset

    articles = load(args.folder, args.part, args.limit)
    gold: list[Quotation] = []
    texts = {}
    segments_of = {}
    for name, text, ann in articles:
        texts[name] = text
        spans, events = read_ann(ann)
        quotes = quotations(text, spans, events, name)
        segments_of[name] = quoted_segments(text)[0]
        corenlp = args.folder / "train" / "corenlp" / f"{name}.txt.xml.gz"
        if corenlp.exists():
            tokens = read_corenlp(corenlp)
            tagged = {t.word for t in tokens if t.ner in _NAMED}
            for q in quotes:
                if q.direct and q.source:
                    q.speaker = named_speaker(tokens, q.source, tagged)
        gold.extend(quotes)

    start = time.perf_counter()
    rows = articles_to_dataset(
        [{"id": name, "text": text} for name, text, _ in articles], keep="all"
    )
    seconds = time.perf_counter() - start
    by_article: dict[str, list[tuple[int, int, bool, str | None]]] = {}
    for r in rows:
        by_article.setdefault(r["article_id"], []).append(
            (r["char_start"], r["char_end"], r["in_quote"], r["speaker"])
        )

    direct_rows: set[tuple[str, int]] = set()
    quoted_rows: set[tuple[str, int]] = set()
    for q in gold:
        text = texts[q.article]
        for k, (a, b, _, _) in enumerate(by_article.get(q.article, [])):
            if (
                b > q.quoted[0][0]
                and a < q.quoted[-1][1]
                and overlaps_alnum(text, a, b, q.quoted)
            ):
                q.rows.append(k)
                quoted_rows.add((q.article, k))
                if q.direct:
                    direct_rows.add((q.article, k))
    in_quote = {
        (name, k) for name, rs in by_article.items() for k, r in enumerate(rs) if r[2]
    }
    recall = len(direct_rows & in_quote) / max(1, len(direct_rows))
    precision = len(in_quote & quoted_rows) / max(1, len(in_quote))
    f1 = 2 * recall * precision / max(1e-9, recall + precision)
    direct = [q for q in gold if q.direct]
    found = [q for q in direct if any((q.article, k) in in_quote for k in q.rows)]
    whole = [q for q in found if all((q.article, k) in in_quote for k in q.rows)]
    named = [q for q in direct if q.speaker]
    named_found = [q for q in named if q in found]

    ours = Counter()
    ref = Counter()
    errors = []
    for q in named_found:
        first = next(k for k in q.rows if (q.article, k) in in_quote)
        got = by_article[q.article][first][3]
        right = same_speaker(q.speaker, got)
        ours["right"] += right
        ours["empty"] += not got
        rows_span = (
            by_article[q.article][q.rows[0]][0],
            by_article[q.article][q.rows[-1]][1],
        )
        near = nearest_capitalised(
            texts[q.article], q.quoted, segments_of[q.article], rows_span
        )
        ref["right"] += same_speaker(q.speaker, near)
        ref["empty"] += not near
        if not right and (
            not args.only_reference_right or same_speaker(q.speaker, near)
        ):
            a, b = by_article[q.article][first][:2]
            text = texts[q.article]
            before = text[max(0, a - 300) : a].replace("\n", " / ")
            errors.append((q.article, q.speaker, got, before + " >>> " + text[a:b]))

    mb = sum(len(t.encode()) for t in texts.values()) / 1e6
    print(
        f"PolNeAR train, part {args.part}: {len(articles)} articles, {mb:.2f} MB, "
        f"pipeline {mb / seconds:.2f} MB/s; {len(gold)} quotations, "
        f"{len(direct)} direct, {len(named)} with a named speaker "
        f"({len(named_found)} of them found)\n"
    )
    print(f"{'measure':<44} {'stancekit':>10} {'nearest cap.':>13}")
    print("-" * 69)
    print(f"{'quote recall (direct-quotation rows)':<44} {recall:>10.3f}")
    print(f"{'quote precision (in_quote rows)':<44} {precision:>10.3f}")
    print(f"{'quote F1':<44} {f1:>10.3f}")
    print(f"{'direct quotations found':<44} {len(found) / max(1, len(direct)):>10.3f}")
    print(f"{'  ... found whole':<44} {len(whole) / max(1, len(direct)):>10.3f}")
    nf = max(1, len(named_found))
    print(
        f"{'speaker right, on named quotations found':<44} "
        f"{ours['right'] / nf:>10.3f} {ref['right'] / nf:>13.3f}"
    )
    print(
        f"{'speaker right, on all named quotations':<44} "
        f"{ours['right'] / max(1, len(named)):>10.3f} "
        f"{ref['right'] / max(1, len(named)):>13.3f}"
    )
    print(
        f"{'speaker empty, on named quotations found':<44} "
        f"{ours['empty'] / nf:>10.3f} {ref['empty'] / nf:>13.3f}"
    )
    if args.false_quotes:
        import random

        off = sorted(in_quote - quoted_rows)
        random.Random(args.seed).shuffle(off)
        print()
        for name, k in off[: args.false_quotes]:
            a, b = by_article[name][k][:2]
            print(f"[in_quote, no quotation] {name[:30]}: {texts[name][a:b][:300]!r}")
    if args.errors:
        import random

        random.Random(args.seed).shuffle(errors)
        print()
        for article, want, got, row in errors[: args.errors]:
            print(f"[{want!r} got {got!r}] {article[:30]}: {row.strip()[-600:]!r}")


if __name__ == "__main__":
    sys.exit(main())
