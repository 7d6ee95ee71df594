"""Reading article files, folders and tables into :class:`Article` records.

Everything later in the pipeline points into ``Article.text`` with character
offsets, so this module decides once what that text is: the file decoded
(UTF-8 with or without BOM, else cp1252, else latin-1, with a warning) and
read like Python text mode, so ``\\r\\n`` and ``\\r`` become ``\\n``. Offsets
are into the decoded text with newlines normalized. Text given directly in
Python (mappings, :class:`Article` objects) is kept exactly as given.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
import time
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stancekit.errors import (
    DecodeError,
    InputError,
    MissingDependencyError,
    SchemaError,
    StancekitWarning,
)
from stancekit.io.decode import decode_bytes
from stancekit.io.decode import normalize_newlines as _normalize_newlines
from stancekit.io.tables import csv_records, jsonl_records, table_lines

__all__ = [
    "Article",
    "SUPPORTED_EXTENSIONS",
    "iter_articles",
    "read_articles",
]

_TEXT_EXTENSIONS = (".txt", ".md")
_HTML_EXTENSIONS = (".html", ".htm")
_TABLE_EXTENSIONS = (".jsonl", ".json", ".csv")
SUPPORTED_EXTENSIONS = _TEXT_EXTENSIONS + _HTML_EXTENSIONS + _TABLE_EXTENSIONS
"""File extensions :func:`iter_articles` reads (case-insensitive)."""

_FIELDS = ("id", "text", "title", "url", "published")
_PROGRESS_MIN_FILES = 20
# Fewer words than this from the HTML extractor is taken for a failure.
_MIN_EXTRACTED_WORDS = 50
_PROGRESS_EVERY_S = 0.5
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


@dataclass
class Article:
    """One article: its raw text and what is known about it.

    Parameters
    ----------
    id : str
        Stable identifier: given, else derived from the file name, the table
        row, or a hash of the text.
    text : str
        The raw text all offsets point into.
    title, url, published : str or None
        Article metadata when known.
    source : str or None
        Where the text came from: a file path, ``"<stdin>"``, or
        ``"table.jsonl:LINE"`` for a table row.
    meta : dict
        Other columns of a table row (or other keys of a mapping).

    Examples
    --------
    >>> a = Article(id="a1", text="Prices rose 3%.", title="Prices")
    >>> a.id, a.text
    ('a1', 'Prices rose 3%.')
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    meta: dict = field(default_factory=dict)


def read_articles(inputs: Any, *, progress: bool = False) -> list[Article]:
    """Read articles from files, folders, tables, stdin, mappings or Articles.

    The list form of :func:`iter_articles`; see there for the inputs.

    Examples
    --------
    >>> [a.id for a in read_articles([{"id": "x", "text": "It rained."}])]
    ['x']
    """
    return list(iter_articles(inputs, progress=progress))


def iter_articles(inputs: Any, *, progress: bool = False) -> Iterator[Article]:
    """Stream articles one file at a time.

    Parameters
    ----------
    inputs : str, PathLike, Article, mapping, or an iterable of these
        ``.txt``/``.md`` files (plain text), ``.html``/``.htm`` pages (main
        content extracted with trafilatura, the ``html`` extra), ``.jsonl``,
        ``.json`` and ``.csv`` tables with a ``text`` column (optional ``id``,
        ``title``, ``url``, ``published``; other columns go to ``meta``),
        folders (read recursively in sorted order; files of other kinds are
        skipped with a :class:`~stancekit.errors.StancekitWarning`), ``"-"``
        for one plain-text article on stdin, :class:`Article` objects
        (passed through) and mappings with ``text``.
    progress : bool
        Show a running count on stderr once many files have been read.

    Yields
    ------
    Article
        In input order. Ids are the given id, else the file stem (the path
        relative to the folder, without suffix, for files found in folders),
        ``"{stem}-{row}"`` for table rows (row counted from 1), ``"stdin"``
        for stdin (``"stdin-2"`` if it is given twice), or a short hash of the
        text for mappings.

    Raises
    ------
    InputError
        A file is missing, unreadable, binary, or of an unsupported kind.
    DecodeError
        A JSON table cannot be parsed.
    SchemaError
        A table has no ``text`` column.
    MissingDependencyError
        An HTML page is given and trafilatura is not installed.
    TypeError
        An input is neither a path, ``"-"``, an Article nor a mapping.

    Examples
    --------
    >>> arts = iter_articles([{"text": "One.", "title": "T"}, {"id": "b", "text": "Two."}])
    >>> [(a.id, a.title) for a in arts]
    [('194d30aed0d3', 'T'), ('b', None)]
    """
    meter = _Progress(enabled=progress)
    seen = _SeenIds()
    try:
        for article in _iter_inputs(inputs, meter):
            where = article.source or "given in Python"
            if seen.repeated(article.id):
                warnings.warn(
                    f"article id {article.id!r} ({where}) repeats an "
                    "earlier id; rows of both will share it.",
                    StancekitWarning,
                    stacklevel=2,
                )
            if not article.text.strip():
                warnings.warn(
                    f"article {article.id!r} ({where}) is empty; it yields no rows.",
                    StancekitWarning,
                    stacklevel=2,
                )
            meter.article()
            yield article
    finally:
        meter.done()


def _iter_inputs(inputs: Any, meter: _Progress) -> Iterator[Article]:
    if isinstance(inputs, (str, os.PathLike, Article, Mapping)):
        inputs = [inputs]
    elif isinstance(inputs, (bytes, bytearray)) or not isinstance(inputs, Iterable):
        raise TypeError(
            "inputs must be a path, an Article, a mapping with 'text', or an "
            f"iterable of these; got {type(inputs).__name__}."
        )
    stdin_reads = 0
    for item in inputs:
        if isinstance(item, Article):
            yield item
        elif isinstance(item, Mapping):
            yield _from_mapping(item, source=None, default_id=None)
        elif isinstance(item, str) and item == "-":
            stdin_reads += 1
            yield _from_stdin("stdin" if stdin_reads == 1 else f"stdin-{stdin_reads}")
        elif isinstance(item, (str, os.PathLike)):
            yield from _from_path(Path(item), meter)
        else:
            raise TypeError(
                "each input must be a path, '-', an Article or a mapping with "
                f"'text'; got {type(item).__name__}: {item!r:.60}."
            )


def _from_path(path: Path, meter: _Progress) -> Iterator[Article]:
    if path.is_dir():
        skipped = _Skipped()
        found = False
        for file, stem in _walk_folder(str(path), "", skipped):
            found = True
            yield from _from_file(Path(file), stem)
            meter.file()
        # Warned once the walk is over, so the walk never holds more than
        # one directory's names; the warning is bounded (count + first five).
        skipped.warn(path)
        if not found:
            warnings.warn(
                f"folder {str(path)!r} holds no article files "
                f"({', '.join(SUPPORTED_EXTENSIONS)}).",
                StancekitWarning,
                stacklevel=2,
            )
        return
    if not path.exists():
        raise InputError(f"input file not found: {str(path)!r}.")
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        raise InputError(
            f"input file {str(path)!r} has an unsupported extension "
            f"{path.suffix or '(none)'!r}; supported: "
            f"{', '.join(SUPPORTED_EXTENSIONS)}, a folder, or '-' for stdin."
        )
    yield from _from_file(path, path.stem)
    meter.file()


def _walk_folder(
    root: str, prefix: str, skipped: _Skipped
) -> Iterator[tuple[str, str]]:
    """``(path, stem)`` of the supported files under ``root``, depth first with
    each directory's entries sorted by name: the order of sorting all relative
    paths by their parts, without listing the whole tree first. Only the
    names of the directories on the current path are held."""
    try:
        with os.scandir(root) as it:
            entries = sorted((entry.name, _entry_is_dir(entry)) for entry in it)
    except OSError as exc:
        skipped.add(f"{root}{os.sep} ({exc.strerror})")
        return
    for name, is_dir in entries:
        full = os.path.join(root, name)
        if name.startswith("."):
            skipped.add(full if is_dir is False else full + os.sep)
        elif is_dir is None:
            continue  # a symlink to a folder: not followed, as os.walk does
        elif is_dir:
            yield from _walk_folder(full, f"{prefix}{name}/", skipped)
        elif os.path.splitext(name)[1].lower() in SUPPORTED_EXTENSIONS:
            yield full, prefix + os.path.splitext(name)[0]
        else:
            skipped.add(full)


def _entry_is_dir(entry: os.DirEntry) -> bool | None:
    """True for a folder, False for a file, None for a symlinked folder."""
    try:
        if entry.is_dir():
            return None if entry.is_symlink() else True
    except OSError:
        pass
    return False


class _Skipped:
    """Files a folder walk passed over: a count and the first few names."""

    shown = 5

    def __init__(self) -> None:
        self.count = 0
        self.first: list[str] = []

    def add(self, name: str) -> None:
        self.count += 1
        if len(self.first) < self.shown:
            self.first.append(name)

    def warn(self, folder: Path) -> None:
        if not self.count:
            return
        shown = ", ".join(repr(s) for s in self.first)
        more = f" and {self.count - self.shown} more" if self.count > self.shown else ""
        warnings.warn(
            f"skipped {self.count} file(s) in folder {str(folder)!r} that are not "
            f"article files ({', '.join(SUPPORTED_EXTENSIONS)}) or are hidden: "
            f"{shown}{more}.",
            StancekitWarning,
            stacklevel=3,
        )


class _SeenIds:
    """Article ids met so far, to warn about repeats in bounded memory.

    Each id is remembered as an 8-byte hash (about 70 bytes an entry in a
    Python set, against 150 or more for the id string), and only the first
    ``limit`` ids are remembered: past that, repeats of later ids go
    unnoticed rather than memory growing with the input. Two different ids
    share a hash with odds of about n²/2⁶⁵, so a false warning is not a
    practical concern.
    """

    limit = 250_000

    def __init__(self) -> None:
        self.hashes: set[int] = set()

    def repeated(self, article_id: str) -> bool:
        digest = hashlib.blake2b(
            article_id.encode("utf-8", "surrogatepass"), digest_size=8
        ).digest()
        key = int.from_bytes(digest, "little")
        if key in self.hashes:
            return True
        if len(self.hashes) < self.limit:
            self.hashes.add(key)
        return False


def _from_file(path: Path, stem: str) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".csv"):
        lines = table_lines(path)
        if suffix == ".jsonl":
            yield from _from_jsonl(lines, path, stem)
        else:
            yield from _from_csv(lines, path, stem)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read input file {str(path)!r}: {exc.strerror}."
        ) from None
    if suffix in _HTML_EXTENSIONS:
        yield _from_html(data, path, stem)
        return
    text = _normalize_newlines(decode_bytes(data, str(path)))
    if suffix in _TEXT_EXTENSIONS:
        yield Article(id=stem, text=text, source=str(path))
    else:
        yield from _from_json(text, path, stem)


def _from_stdin(article_id: str) -> Article:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        text = decode_bytes(buffer.read(), "<stdin>")
    else:  # a text stream put in place of stdin (tests, notebooks)
        text = sys.stdin.read()
        if "\x00" in text:
            raise InputError(
                "input '<stdin>' contains NUL bytes; it looks like a binary file."
            )
    text = _normalize_newlines(text)
    return Article(id=article_id, text=text, source="<stdin>")


def _content_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value)
    return value if value.strip() else None


def _from_mapping(row: Mapping, source: str | None, default_id: str | None) -> Article:
    where = source or "mapping"
    if "text" not in row:
        raise SchemaError(
            f"{where}: an article needs a 'text' field (optional: id, title, url, "
            f"published); found fields: {sorted(map(str, row))}."
        )
    text = row["text"]
    if text is None and source is not None:
        text = ""  # an empty cell in a table: warned about as an empty article
    if not isinstance(text, str):
        message = f"{where}: 'text' must be a string; got {type(text).__name__}."
        if source is not None:
            raise SchemaError(message)
        raise TypeError(message)
    article_id = _str_or_none(row.get("id")) or default_id or _content_id(text)
    return Article(
        id=article_id,
        text=text,
        title=_str_or_none(row.get("title")),
        url=_str_or_none(row.get("url")),
        published=_str_or_none(row.get("published")),
        source=source,
        meta={str(k): v for k, v in row.items() if k not in _FIELDS},
    )


def _from_jsonl(lines: Iterable[str], path: Path, stem: str) -> Iterator[Article]:
    for row_number, (line_number, row) in enumerate(
        jsonl_records(lines, path, what="an article table", needs="'text'"), start=1
    ):
        yield _from_mapping(row, f"{path}:{line_number}", f"{stem}-{row_number}")


def _from_json(text: str, path: Path, stem: str) -> Iterator[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DecodeError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}).") from None
    if isinstance(data, dict):
        yield _from_mapping(data, str(path), stem)
        return
    if not isinstance(data, list):
        raise SchemaError(
            f"{path}: a .json article file must hold an object with 'text' or a "
            f"list of such objects; got {type(data).__name__}."
        )
    for number, row in enumerate(data, start=1):
        where = f"{path}:{number}"
        if not isinstance(row, dict):
            raise SchemaError(
                f"{where}: item {number} of the list must be an object with "
                f"'text'; got {type(row).__name__}."
            )
        yield _from_mapping(row, where, f"{stem}-{number}")


def _from_csv(lines: Iterable[str], path: Path, stem: str) -> Iterator[Article]:
    rows = csv_records(
        lines,
        path,
        required="text",
        what="an article table",
        optional="id, title, url, published",
    )
    number = 0
    while True:
        # The limit is raised only while the reader runs, never across a
        # yield, so other csv users in the process keep their own limit.
        limit = csv.field_size_limit(2**31 - 1)  # articles outgrow 128 KiB
        try:
            item = next(rows, None)
        finally:
            csv.field_size_limit(limit)
        if item is None:
            return
        number += 1
        line, row = item
        yield _from_mapping(row, f"{path}:{line}", f"{stem}-{number}")


def _from_html(data: bytes, path: Path, stem: str) -> Article:
    try:
        import trafilatura
    except ImportError as exc:
        raise MissingDependencyError(
            f"reading HTML ({str(path)!r}) needs trafilatura, which cannot be "
            f'imported: {exc}. Install it with pip install "stancekit[html]".'
        ) from exc
    html = _decode_html(data, str(path))
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
    )
    title = url = published = None
    paragraphs: list[str] = []
    if doc is not None:
        title = _str_or_none(getattr(doc, "title", None))
        url = _str_or_none(getattr(doc, "url", None))
        published = _str_or_none(getattr(doc, "date", None))
        body = getattr(doc, "body", None)
        if body is not None:
            paragraphs = _html_paragraphs(body, title)
    if sum(len(p.split()) for p in paragraphs) < _MIN_EXTRACTED_WORDS:
        # The extractor found (next to) nothing: its plain baseline, the text
        # of the page's article or paragraph elements, loses less.
        _, fallback, _ = trafilatura.baseline(html)
        lines = [" ".join(line.split()) for line in (fallback or "").splitlines()]
        if sum(len(line.split()) for line in lines) > sum(
            len(p.split()) for p in paragraphs
        ):
            paragraphs = [line for line in lines if line]
    if title:
        paragraphs.insert(0, title)
    text = "\n\n".join(paragraphs)
    return Article(
        id=stem, text=text, title=title, url=url, published=published, source=str(path)
    )


def _decode_html(data: bytes, name: str) -> str:
    """A declared ``<meta charset>`` wins when it decodes; else our fallbacks."""
    match = _META_CHARSET.search(data[:4096])
    if match and b"\x00" not in data:
        try:
            return data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, name)


def _html_paragraphs(body: Any, title: str | None) -> list[str]:
    """Paragraph texts of trafilatura's XML body: one per element, list items
    as ``- item`` lines, table rows as lines with cells joined by `` | ``."""
    paragraphs = []
    dropped_title = False
    loose = " ".join((body.text or "").split())
    if loose:
        paragraphs.append(loose)
    for element in body:
        tag = element.tag
        if tag == "list":
            lines = [_inline(item) for item in element.iter("item")]
            text = "\n".join(f"- {line}" for line in lines if line)
        elif tag == "table":
            rows = (
                " | ".join(c for c in (_inline(cell) for cell in row.iter("cell")) if c)
                for row in element.iter("row")
            )
            text = "\n".join(r for r in rows if r)
        else:
            text = _inline(element)
        if tag == "head" and title and text == title and not dropped_title:
            dropped_title = True  # the metadata headline already leads the text
        elif text:
            paragraphs.append(text)
        # Text the extractor left loose after an element (after a heading,
        # outside any paragraph) is article text too.
        loose = " ".join((element.tail or "").split())
        if loose:
            paragraphs.append(loose)
    return paragraphs


def _inline(element: Any) -> str:
    """An element's text with spacing collapsed; ``<lb/>`` line breaks kept,
    so a credit line and its caption stay apart."""
    for br in element.iter("lb"):
        br.tail = "\n" + (br.tail or "")
    lines = ("".join(element.itertext())).split("\n")
    return "\n".join(line for line in (" ".join(x.split()) for x in lines) if line)


class _Progress:
    """A file count on stderr, shown once there are many files."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.files = 0
        self.articles = 0
        self.shown = False
        self.last = 0.0

    def article(self) -> None:
        self.articles += 1

    def file(self) -> None:
        self.files += 1
        if not self.enabled or self.files < _PROGRESS_MIN_FILES:
            return
        now = time.monotonic()
        if now - self.last >= _PROGRESS_EVERY_S:
            self.last = now
            self._write("\r")

    def done(self) -> None:
        if self.shown:
            self._write("\r")
            sys.stderr.write("\n")
            sys.stderr.flush()

    def _write(self, prefix: str) -> None:
        self.shown = True
        sys.stderr.write(f"{prefix}read {self.files} files, {self.articles} articles")
        sys.stderr.flush()
