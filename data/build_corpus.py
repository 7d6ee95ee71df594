"""Build the labeled corpus in data/ from the annotated sources in data/source/.

Each source file ``data/source/<name>.src`` holds one article written by the
project: a small header, then the article's blocks. The script writes the
article as it would be scraped (``data/corpus/<id>.txt`` / ``.md``, or a row
of ``data/corpus/articles.jsonl``), the sentence labels with exact character
offsets (``data/labels/sentences.jsonl``) and the stance targets
(``data/targets.jsonl``). Offsets are computed while the text is assembled,
so they cannot drift from the text.

Usage::

    python data/build_corpus.py            # rewrite the corpus files
    python data/build_corpus.py --check    # exit 1 if the files are stale
    python data/build_corpus.py --stats    # print label counts

Source format (see data/GUIDELINES.md, "Adding an article")::

    id: politics/horvath-budget         article id (file path without suffix)
    form: txt                           txt | md | jsonl
    title: ...                          jsonl rows only (also url, published)
    wrap: 72                            optional: hard-wrap body paragraphs
    T: The government should adopt the 2025 budget.
    T: ...                              one or two stance targets
    ---
    ! News                              a noise block, verbatim (consecutive
    ! By Jane Doe                        "!" lines form one block)
    !lede                               repeat the first body paragraph
    !dl BERLIN (Wirepoint) -            dateline prefix of the next paragraph
    c+. A labeled body sentence.        code: c/u/n (cfs/ufs/nfs), then one
    n-. Another sentence.                stance mark per target: + favor,
                                          - against, . none
    (blank line)                        ends a paragraph / block
    %% a comment, ignored
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "source"
CORPUS_DIR = HERE / "corpus"
LABELS_FILE = HERE / "labels" / "sentences.jsonl"
TARGETS_FILE = HERE / "targets.jsonl"
TABLE_NAME = "articles.jsonl"

CHECKWORTHY = {"c": "cfs", "u": "ufs", "n": "nfs"}
STANCE = {"+": "favor", "-": "against", ".": "none"}
FORMS = ("txt", "md", "jsonl")


class SourceError(ValueError):
    """A source file breaks the format; the message names file and line."""


@dataclass
class Sentence:
    text: str
    code: str
    line: int


@dataclass
class Block:
    kind: str  # "noise" or "body"
    text: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    prefix: str = ""


@dataclass
class Source:
    path: Path
    header: dict[str, str]
    targets: list[str]
    blocks: list[Block]


def _fail(path: Path, line: int, message: str) -> None:
    raise SourceError(f"{path.name}:{line}: {message}")


def parse_source(path: Path) -> Source:
    """Read one annotated source file into header, targets and blocks."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header: dict[str, str] = {}
    targets: list[str] = []
    i = 0
    while i < len(lines) and lines[i].strip() != "---":
        line = lines[i].strip()
        i += 1
        if not line or line.startswith("%%"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            _fail(path, i, f"header lines are 'key: value'; got {line!r}")
        if key == "T":
            targets.append(value.strip())
        else:
            header[key.strip()] = value.strip()
    if i == len(lines):
        _fail(path, i, "missing '---' after the header")
    for key in ("id", "form"):
        if key not in header:
            _fail(path, 1, f"header needs {key!r}")
    if header["form"] not in FORMS:
        _fail(path, 1, f"form must be one of {FORMS}; got {header['form']!r}")
    if not 1 <= len(targets) <= 2:
        _fail(path, 1, f"an article has 1 or 2 targets (T: lines); got {len(targets)}")

    blocks: list[Block] = []
    current: Block | None = None
    prefix = ""
    for number, raw in enumerate(lines[i + 1 :], start=i + 2):
        line = raw.rstrip()
        if line.startswith("%%"):
            continue
        if not line:
            current = None
            continue
        if line == "!lede":
            blocks.append(Block("lede"))
            current = None
            continue
        if line.startswith("!dl "):
            prefix = line[4:].strip() + " "
            current = None
            continue
        if line.startswith("!"):
            text = line[1:].removeprefix(" ")
            if current is not None and current.kind == "noise":
                current.text += "\n" + text
            else:
                current = Block("noise", text=text)
                blocks.append(current)
            continue
        code, _, text = line.partition(" ")
        text = text.strip()
        valid = (
            len(code) == 1 + len(targets)
            and code[0] in CHECKWORTHY
            and all(c in STANCE for c in code[1:])
        )
        if not valid:
            _fail(path, number, f"bad label code {code!r} (targets: {len(targets)})")
        if not text or text[-1] not in ".?!\"'”’)":
            _fail(path, number, f"a sentence ends with final punctuation: {text!r}")
        if current is None or current.kind != "body":
            current = Block("body", prefix=prefix)
            prefix = ""
            blocks.append(current)
        current.sentences.append(Sentence(text, code, number))
    if not any(b.kind == "body" for b in blocks):
        _fail(path, 1, "no body sentences")
    return Source(path, header, targets, blocks)


def _wrap(text: str, width: int) -> str:
    """Hard-wrap by turning spaces into newlines, so offsets do not move."""
    chars = list(text)
    line_start = 0
    last_space = -1
    for pos, char in enumerate(chars):
        if char == " ":
            last_space = pos
        if pos - line_start >= width and last_space > line_start:
            chars[last_space] = "\n"
            line_start = last_space + 1
    return "".join(chars)


def render(source: Source) -> tuple[str, list[dict]]:
    """Assemble the article text and its labels with exact offsets."""
    article_id = source.header["id"]
    width = int(source.header.get("wrap", "0"))
    parts: list[str] = []
    labels: list[dict] = []
    pos = 0
    first_body = None
    for block in source.blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        if block.kind == "noise":
            text = block.text
        elif block.kind == "lede":
            if first_body is None:
                _fail(source.path, 1, "!lede before the first body paragraph")
            text = first_body
        else:
            text = block.prefix
            spans = []
            for sentence in block.sentences:
                if len(text) > len(block.prefix):
                    text += " "
                spans.append((len(text), len(text) + len(sentence.text), sentence))
                text += sentence.text
            if width:
                text = _wrap(text, width)
            for start, end, sentence in spans:
                labels.append(
                    {
                        "article_id": article_id,
                        "char_start": pos + start,
                        "char_end": pos + end,
                        "text": text[start:end],
                        "checkworthy": CHECKWORTHY[sentence.code[0]],
                        "stance": {
                            target: STANCE[mark]
                            for target, mark in zip(
                                source.targets, sentence.code[1:], strict=True
                            )
                        },
                    }
                )
            if first_body is None:
                first_body = text
        parts.append(text)
        pos += len(text)
    return "".join(parts) + "\n", labels


def build() -> dict[Path, str]:
    """Return every output file's path and content, without writing."""
    sources = [parse_source(p) for p in sorted(SOURCE_DIR.glob("*.src"))]
    ids = [s.header["id"] for s in sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SourceError(f"article ids must be unique; repeated: {duplicates}")
    outputs: dict[Path, str] = {}
    labels: list[dict] = []
    targets: list[dict] = []
    rows: list[dict] = []
    for source in sources:
        text, article_labels = render(source)
        labels.extend(article_labels)
        article_id = source.header["id"]
        targets.append({"article_id": article_id, "targets": source.targets})
        form = source.header["form"]
        if form == "jsonl":
            rows.append(
                {
                    "id": article_id,
                    "title": source.header.get("title"),
                    "url": source.header.get("url"),
                    "published": source.header.get("published"),
                    "text": text,
                }
            )
        else:
            outputs[CORPUS_DIR / f"{article_id}.{form}"] = text
    if rows:
        outputs[CORPUS_DIR / TABLE_NAME] = "".join(
            json.dumps(row, ensure_ascii=False) + "\n" for row in rows
        )
    outputs[LABELS_FILE] = "".join(
        json.dumps(label, ensure_ascii=False) + "\n" for label in labels
    )
    outputs[TARGETS_FILE] = "".join(
        json.dumps(t, ensure_ascii=False) + "\n" for t in targets
    )
    return outputs


def _existing_outputs() -> set[Path]:
    found = {p for p in CORPUS_DIR.rglob("*") if p.is_file()}
    return found | {p for p in (LABELS_FILE, TARGETS_FILE) if p.exists()}


def stats(outputs: dict[Path, str]) -> str:
    labels = [json.loads(x) for x in outputs[LABELS_FILE].splitlines()]
    articles = {x["article_id"] for x in labels}
    lines = [f"articles: {len(articles)}", f"labeled sentences: {len(labels)}"]
    for name in CHECKWORTHY.values():
        n = sum(x["checkworthy"] == name for x in labels)
        lines.append(f"  {name}: {n} ({n / len(labels):.1%})")
    pairs = [v for x in labels for v in x["stance"].values()]
    for name in STANCE.values():
        n = pairs.count(name)
        lines.append(f"  stance {name}: {n} ({n / len(pairs):.1%})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if stale")
    parser.add_argument("--stats", action="store_true", help="print counts")
    args = parser.parse_args(argv)
    try:
        outputs = build()
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    stale = _existing_outputs() - set(outputs)
    changed = [
        p for p, t in outputs.items() if not p.exists() or p.read_text("utf-8") != t
    ]
    if args.check:
        for path in sorted(changed) + sorted(stale):
            print(f"stale: {path.relative_to(HERE)}", file=sys.stderr)
        return 1 if changed or stale else 0
    for path in stale:
        path.unlink()
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(outputs[path])
    if args.stats:
        print(stats(outputs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
