"""Writing result rows: JSONL on stdout, or a file chosen by its extension.

Files are written to a temporary name beside the target and renamed into
place only when complete, so a failure part-way leaves no half-written
output behind (and an existing file is left as it was).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from stancekit.errors import InputError

__all__ = ["OUTPUT_FORMATS", "atomic_path", "output_format", "write_rows"]

OUTPUT_FORMATS = (".jsonl", ".csv", ".parquet", "folder (save_to_disk)")
_BATCH = 4096


def output_format(out: str | os.PathLike) -> str:
    """The format ``write_rows`` uses for ``out``: jsonl, csv, parquet or hf.

    A path without a suffix (or an existing folder) is a ``save_to_disk``
    folder.

    Examples
    --------
    >>> output_format("labels.parquet"), output_format("labels_ds")
    ('parquet', 'hf')
    """
    path = Path(out)
    suffix = path.suffix.lower()
    if path.is_dir() or not suffix:
        return "hf"
    formats = {
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".csv": "csv",
        ".parquet": "parquet",
    }
    if suffix not in formats:
        raise InputError(
            f"--out must end in one of {OUTPUT_FORMATS[:3]} or name a folder; got {str(out)!r}."
        )
    return formats[suffix]


def write_rows(
    rows: Iterable[dict[str, Any]],
    out: str | os.PathLike | None = None,
    *,
    features: Any = None,
) -> int:
    """Write rows as JSONL to stdout, or atomically to ``out``.

    Parameters
    ----------
    rows : iterable of dict
        Rows with the same keys; consumed lazily, in batches.
    out : path or None
        ``None`` writes JSONL to stdout. Otherwise the extension picks the
        format: ``.jsonl``, ``.csv``, ``.parquet``, or a folder for
        ``datasets.Dataset.save_to_disk``.
    features : datasets.Features, optional
        Column types for Parquet and ``save_to_disk`` output.

    Returns
    -------
    int
        The number of rows written.

    Examples
    --------
    >>> write_rows([{"text": "Hi.", "n": 1}])
    {"text": "Hi.", "n": 1}
    1
    """
    rows = iter(rows)
    if out is None:
        return _write_jsonl(rows, sys.stdout)
    fmt = output_format(out)
    path = Path(out)
    with atomic_path(path, folder=fmt == "hf") as tmp:
        if fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                return _write_jsonl(rows, fh)
        if fmt == "csv":
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                return _write_csv(rows, fh)
        if fmt == "parquet":
            return _write_parquet(rows, tmp, features)
        return _write_hf(rows, tmp, features)


def _write_jsonl(rows: Iterator[dict[str, Any]], fh: Any) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False, default=str))
        fh.write("\n")
        n += 1
    return n


def _write_csv(rows: Iterator[dict[str, Any]], fh: Any) -> int:
    first = next(rows, None)
    if first is None:
        return 0
    writer = csv.DictWriter(fh, fieldnames=list(first), extrasaction="raise")
    writer.writeheader()
    writer.writerow(_csv_cells(first))
    n = 1
    for row in rows:
        writer.writerow(_csv_cells(row))
        n += 1
    return n


def _csv_cells(row: dict[str, Any]) -> dict[str, Any]:
    # Nested values (reasons, per-target dicts) go in as JSON, not as repr().
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
        for k, v in row.items()
    }


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    while batch := list(islice(rows, _BATCH)):
        yield batch


def _write_parquet(rows: Iterator[dict[str, Any]], path: Path, features: Any) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = features.arrow_schema if features is not None else None
    writer = None
    n = 0
    try:
        for batch in _batches(rows):
            table = pa.Table.from_pylist(batch, schema=_schema_for(batch, schema))
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table.cast(writer.schema))
            n += len(batch)
        if writer is None:
            pq.write_table(pa.Table.from_pylist([], schema=schema), path)
    finally:
        if writer is not None:
            writer.close()
    return n


def _schema_for(batch: list[dict[str, Any]], schema: Any) -> Any:
    """The known schema, widened with any extra columns the rows carry."""
    if schema is None:
        return None
    extra = [k for k in batch[0] if k not in schema.names]
    if not extra:
        return schema
    import pyarrow as pa

    inferred = pa.Table.from_pylist(batch).schema
    for name in extra:
        schema = schema.append(inferred.field(name))
    return schema


def _write_hf(rows: Iterator[dict[str, Any]], path: Path, features: Any) -> int:
    import datasets

    data = list(rows)
    if features is not None and data and set(data[0]) <= set(features):
        ds = datasets.Dataset.from_list(data, features=features)
    else:
        ds = datasets.Dataset.from_list(data)
    # The command reports what it wrote; datasets' own bar would be noise.
    from datasets.utils import logging as ds_logging

    shown = ds_logging.is_progress_bar_enabled()
    ds_logging.disable_progress_bar()
    try:
        ds.save_to_disk(str(path))
    finally:
        if shown:
            ds_logging.enable_progress_bar()
    return len(data)


@contextmanager
def atomic_path(path: Path, *, folder: bool) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place on success.

    On any failure the temporary file (or folder) is removed and an existing
    ``path`` is left as it was, so no half-written output is ever visible.
    """
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        problem = "is not a folder" if parent.exists() else "does not exist"
        raise InputError(f"cannot write {str(path)!r}: {str(parent)!r} {problem}.")
    try:
        if folder:
            tmp = Path(
                tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
            )
        else:
            fd, name = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=parent
            )
            os.close(fd)
            tmp = Path(name)
    except OSError as exc:
        raise InputError(f"cannot write {str(path)!r}: {exc.strerror}.") from None
    try:
        yield tmp
        if folder and path.is_dir():
            shutil.rmtree(path)
        os.replace(tmp, path)
        if not folder:
            os.chmod(path, 0o666 & ~_umask())
    except BaseException:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
