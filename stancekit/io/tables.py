"""The one reader of JSON Lines and CSV tables, shared by every part that reads them.

:func:`table_lines` decodes a table one line at a time (UTF-8, legacy
encodings with a warning, binary files refused); :func:`jsonl_records` and
:func:`csv_records` turn lines into numbered records, with the same error
for the same bad line wherever the table is read: article tables
(:mod:`stancekit.io.articles`), sentence tables for ``predict`` and labeled
sets (:mod:`stancekit.formats.tables`).
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from stancekit.errors import DecodeError, InputError, SchemaError, StancekitWarning
from stancekit.io.decode import decode_bytes, normalize_newlines

__all__ = ["csv_records", "jsonl_records", "refuse_repeated_columns", "table_lines"]


def table_lines(path: Path) -> Iterator[str]:
    """The decoded lines of a ``.jsonl``/``.csv`` table, each ending in
    ``"\n"`` (but perhaps the last), read one line at a time.

    Decoding follows :func:`decode_bytes` line by line: UTF-8 (BOM
    stripped) until a line is not valid UTF-8; from that line on, cp1252
    (latin-1 from a line cp1252 cannot decode), with one warning naming
    the line. Lines already read as UTF-8 are never read again, so no row
    is yielded twice; in a wholly legacy file the first non-ASCII line is
    the first one decoded as legacy, as before. UTF-16/32 files (known by
    their byte-order mark) are decoded whole. ``\r\n`` and ``\r`` end lines
    as in Python text mode.
    """
    name = str(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        raise InputError(f"cannot read input file {name!r}: {exc.strerror}.") from None
    try:
        head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = normalize_newlines(decode_bytes(fh.read(), name))
            yield from io.StringIO(text)
            return
        codec = "utf-8-sig"
        number = 0
        raw_lines = iter(fh)
        while True:
            try:
                raw = next(raw_lines)
            except StopIteration:
                return
            except OSError as exc:
                raise InputError(
                    f"cannot read input file {name!r}: {exc.strerror}."
                ) from None
            number += 1
            if b"\x00" in raw:
                raise InputError(
                    f"input {name!r} contains NUL bytes (line {number}); it looks "
                    "like a binary file."
                )
            try:
                line = raw.decode(codec)
            except UnicodeDecodeError:
                codec = "cp1252" if codec != "cp1252" else "latin-1"
                try:
                    line = raw.decode(codec)
                except UnicodeDecodeError:
                    codec = "latin-1"  # cp1252 leaves five bytes undefined
                    line = raw.decode(codec)
                warnings.warn(
                    f"input {name!r} is not valid UTF-8 from line {number} on; "
                    f"decoded it as {codec} from there.",
                    StancekitWarning,
                    stacklevel=4,
                )
            if codec == "utf-8-sig":
                codec = "utf-8"  # a BOM only counts at the start of the file
            line = normalize_newlines(line)
            if "\n" in line[:-1]:  # lone \r ended lines inside this one
                yield from io.StringIO(line)
            else:
                yield line
    finally:
        fh.close()


def jsonl_records(
    lines: Iterable[str],
    path: Path | str,
    *,
    what: str = "a table",
    needs: str = "named fields",
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line of a JSON Lines table.

    Lines end at ``"\\n"`` only, not ``str.splitlines``'s boundaries: JSON
    strings may hold U+2028.

    Raises
    ------
    DecodeError
        A line is not valid JSON.
    SchemaError
        A line holds something other than a JSON object.

    Examples
    --------
    >>> list(jsonl_records(['{"text": "A."}\\n', "\\n", '{"text": "B."}'], "t.jsonl"))
    [(1, {'text': 'A.'}), (3, {'text': 'B.'})]
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DecodeError(f"{path}:{number}: not valid JSON ({exc.msg}).") from None
        if not isinstance(row, dict):
            raise SchemaError(
                f"{path}:{number}: each line of {what} must be a JSON object with "
                f"{needs}; got {type(row).__name__}."
            )
        yield number, row


def csv_records(
    lines: Iterable[str],
    path: Path | str,
    *,
    required: str | None = None,
    what: str = "a table",
    optional: str = "",
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for each row of a CSV table with a header line.

    A short row is padded with empty strings; a row longer than the header
    is an error, as is a header without the ``required`` column, and a
    quoted value still open at the end of the file (a stray quote mark
    would otherwise swallow every row after it into one value).

    Examples
    --------
    >>> list(csv_records(["text,id\\n", "A.,1\\n"], "t.csv", required="text"))
    [(2, {'text': 'A.', 'id': '1'})]
    """
    source = _Lines(lines)
    reader = csv.reader(source)
    try:
        header = next(reader)
    except StopIteration:
        header = []
    header = [h.strip() for h in header]
    refuse_repeated_columns(header, path)
    if required is not None and required not in header:
        also = f" (optional: {optional})" if optional else ""
        raise SchemaError(
            f"{path}: {what} needs a {required!r} column{also}; "
            f"found columns: {header}."
        )
    start = reader.line_num + 1
    for values in reader:
        line, start = start, reader.line_num + 1
        if source.open_at_end():
            raise SchemaError(
                f"{path}:{line}: a quoted value is not closed before the end of "
                "the file (a stray quote mark?)."
            )
        source.taken.clear()
        if not values:
            continue
        if len(values) > len(header):
            raise SchemaError(
                f"{path}:{line}: row has {len(values)} fields but the header has "
                f"{len(header)}."
            )
        yield (
            line,
            dict(zip(header, values + [""] * (len(header) - len(values)), strict=True)),
        )


class _Lines:
    """The lines a CSV reader takes, the current row's kept, and whether
    they ran out: a row that ends only because they did, over several lines
    with an odd number of quote marks, ends inside a quoted value."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.taken: list[str] = []
        self.ended = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        try:
            line = next(self._lines)
        except StopIteration:
            self.ended = True
            raise
        self.taken.append(line)
        return line

    def open_at_end(self) -> bool:
        return (
            self.ended
            and len(self.taken) > 1
            and sum(line.count('"') for line in self.taken) % 2 == 1
        )


def refuse_repeated_columns(names: list[str], path: Path | str) -> None:
    """A column named twice would give one of its values, unsaid: refused."""
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise SchemaError(
            f"{path}: the header names column(s) {repeated} more than once; "
            "give each column its own name."
        )
