"""Shared plumbing of the labeled-set loaders: reading, decoding, CSV, checks.

Every loader turns its source into a :class:`pyarrow.Table` and hands it to
:func:`finish`, which puts the canonical columns first, refuses empty sets and
unlabeled rows (unless asked not to), and wraps the table as an in-memory
:class:`datasets.Dataset` (nothing is written to a cache).
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from stancekit.errors import DecodeError, InputError, LabelError, SchemaError

if TYPE_CHECKING:  # pragma: no cover
    import datasets

# Canonical columns, in the order they lead every loaded table.
CANONICAL = ("target", "text", "label", "group", "speaker")

_SNIFF = 8192
_BOM = b"\xef\xbb\xbf"


def read_bytes(path: Path) -> bytes:
    """Return the bytes of a text data file, refusing folders and binary files."""
    if not path.exists():
        raise InputError(f"data file not found: {str(path)!r}.")
    if path.is_dir():
        raise InputError(f"expected a file, got the folder {str(path)!r}.")
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # UTF-16 with a BOM ("Unicode text" exports) is text despite its NULs.
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise DecodeError(
                f"{str(path)!r} starts like UTF-16 but is not valid UTF-16; "
                "save it as UTF-8 and try again."
            ) from None
    # Text never holds NUL bytes; spreadsheets, archives and Parquet do.
    if b"\x00" in data[:_SNIFF]:
        raise InputError(
            f"{str(path)!r} looks like a binary file (it contains NUL bytes), "
            "not a text data file."
        )
    return data


def decode(data: bytes, path: Path, *, fallback: str | None = None) -> str:
    """Decode UTF-8 (BOM dropped); else ``fallback``; else raise DecodeError."""
    data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if fallback is not None:
            return data.decode(fallback)
        raise DecodeError(
            f"{str(path)!r} is not valid UTF-8 (byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start}); save it as UTF-8 and try again."
        ) from None


def utf8_bytes(path: Path, *, fallback: str | None = None) -> bytes:
    """The file's content as UTF-8 bytes without BOM, checked and decoded once."""
    data = read_bytes(path).removeprefix(_BOM)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        data = decode(data, path, fallback=fallback).encode("utf-8")
    return data


def read_csv(
    path: Path,
    *,
    strings: Iterable[str] = (),
    fallback: str | None = None,
    delimiter: str = ",",
) -> pa.Table:
    """Read a CSV file with a header into an Arrow table.

    Quoted values may span lines; ``\\r``, ``\\n`` and ``\\r\\n`` all end a row.
    Columns named in ``strings`` stay text even when every value looks like a
    number. Arrow's own parser keeps this fast on the 50k-pair FNC-1 split.
    """
    import pyarrow.csv as pacsv

    data = utf8_bytes(path, fallback=fallback)
    if not data.strip():
        raise InputError(f"{str(path)!r} is empty; a header and rows are needed.")
    convert = pacsv.ConvertOptions(
        column_types={name: pa.string() for name in strings},
        strings_can_be_null=False,
    )
    parse = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True)
    from stancekit.io.tables import refuse_repeated_columns

    first = data.split(b"\n", 1)[0].split(b"\r", 1)[0]  # \r\n, \n or \r
    first_line = first.decode("utf-8", "replace").lstrip("\ufeff")
    header = next(csv.reader([first_line], delimiter=delimiter), [])
    refuse_repeated_columns([name.strip() for name in header], path)
    try:
        return pacsv.read_csv(
            io.BytesIO(data), parse_options=parse, convert_options=convert
        )
    except pa.ArrowInvalid as exc:
        message = str(exc).splitlines()[0][:200]
        raise SchemaError(f"cannot read {str(path)!r} as CSV: {message}") from None


def require_columns(
    table: pa.Table, needed: Mapping[str, str], path: Path, fmt: str
) -> None:
    """Raise SchemaError when any of ``needed`` (column -> role) is missing."""
    missing = [name for name in needed if name not in table.column_names]
    if missing:
        raise SchemaError(
            f"{str(path)!r} is not a {fmt} file: expected columns "
            f"{list(needed)}, found {table.column_names}; missing {missing}."
        )


def as_string(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Cast to string: groups (and texts) are strings whatever the source type."""
    return column.cast(pa.string())


def constant(value: str | None, n: int, type_: pa.DataType | None = None) -> pa.Array:
    type_ = pa.string() if type_ is None else type_
    if value is None:
        return pa.nulls(n, type_)
    return pa.array([value] * n, type_)


def empty_strings_to_null(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A blank label cell means "no label", not the label ``""``."""
    import pyarrow.compute as pc

    if not pa.types.is_string(column.type):
        return column
    stripped = pc.utf8_trim_whitespace(column)
    return pc.if_else(pc.equal(stripped, ""), pa.scalar(None, pa.string()), column)


def finish(
    canonical: Mapping[str, pa.Array | pa.ChunkedArray],
    rest: pa.Table | None,
    *,
    source: str,
    require_label: bool,
) -> datasets.Dataset:
    """Assemble canonical + source columns, check them, wrap as a Dataset."""
    import datasets
    import pyarrow.compute as pc

    names = [name for name in CANONICAL if name in canonical]
    columns = [canonical[name] for name in names]
    if rest is not None:
        for name in rest.column_names:
            if name not in names:
                names.append(name)
                columns.append(rest.column(name))
    table = pa.table(columns, names=names)
    if table.num_rows == 0:
        raise InputError(f"{source} holds no examples (0 rows).")
    for name in ("target", "text"):
        if name in names and table.column(name).null_count:
            column = table.column(name)
            rows = pc.indices_nonzero(pc.is_null(column)).to_pylist()[:5]
            raise SchemaError(
                f"{source} has {column.null_count} rows without a {name} (null; "
                f"first at rows {rows}); every example needs one."
            )
    if require_label:
        check_labels(table.column("label"), source)
    # A random fingerprint: hashing the whole table (0.4 s for FNC-1) buys
    # nothing for an in-memory set whose map() results are never cached.
    return datasets.Dataset(table, fingerprint=uuid.uuid4().hex)


def check_labels(label: pa.ChunkedArray, source: str) -> None:
    """Refuse unlabeled rows where labels are needed (training, evaluation)."""
    import pyarrow.compute as pc

    missing = label.null_count
    if missing == 0:
        return
    rows = pc.indices_nonzero(pc.is_null(label)).to_pylist()[:5]
    raise LabelError(
        f"{source} has {missing} of {len(label)} rows without a label "
        f"(first at rows {rows}); labels are needed here. To predict on "
        "unlabeled rows pass require_label=False."
    )
