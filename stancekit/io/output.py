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

__all__ = ["OUTPUT_FORMATS", "atomic_path", "check_out", "output_format", "write_rows"]

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
    if _is_dir(path) or not suffix:
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
        # The other formats need every column before the first row: a
        # table's later articles may carry fields the first lacks.
        with _Spill(rows, typed=fmt != "csv") as spill:
            if fmt == "csv":
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    return _write_csv(spill, fh)
            if fmt == "parquet":
                return _write_parquet(spill, tmp, features)
            return _write_hf(spill, tmp, features)


def _write_jsonl(rows: Iterator[dict[str, Any]], fh: Any) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False, default=str))
        fh.write("\n")
        n += 1
    return n


def _write_csv(spill: _Spill, fh: Any) -> int:
    if not spill.n:
        return 0
    writer = csv.DictWriter(fh, fieldnames=list(spill.columns))
    writer.writeheader()
    for row in spill.rows():
        writer.writerow(_csv_cells(row))
    return spill.n


def _csv_cells(row: dict[str, Any]) -> dict[str, Any]:
    # Nested values (reasons, per-target dicts) go in as JSON, not as repr().
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
        for k, v in row.items()
    }


class _Spill:
    """Rows written once to an unnamed temporary file, noting every column
    (in order of first appearance) and the kinds of value each holds, then
    read back with every column in every row. A column whose values are of
    different kinds (a page number 3 in one row, "A3" in the next) is read
    back as text (with one warning when ``typed``: Parquet and datasets
    take one kind of value a column; CSV is text anyway)."""

    def __init__(self, rows: Iterator[dict[str, Any]], *, typed: bool) -> None:
        # closed by __exit__
        self._fh = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.columns: dict[str, set[str]] = {}
        self.n = 0
        for row in rows:
            for key, value in row.items():
                self.columns.setdefault(key, set()).add(_kind(value))
            self._fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            self.n += 1
        self.mixed = [k for k, kinds in self.columns.items() if _mixes(kinds)]
        if self.mixed and typed:
            import warnings

            from stancekit.errors import StancekitWarning

            which = ", ".join(
                f"{k!r} ({' and '.join(sorted(self.columns[k] - {'null'}))})"
                for k in self.mixed
            )
            warnings.warn(
                f"column(s) {which} hold values of different kinds; written as text.",
                StancekitWarning,
                stacklevel=4,
            )

    def __enter__(self) -> _Spill:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()

    def rows(self) -> Iterator[dict[str, Any]]:
        self._fh.seek(0)
        for line in self._fh:
            row = json.loads(line)
            out = {key: row.get(key) for key in self.columns}
            for key in self.mixed:
                out[key] = _as_text(out[key])
            yield out

    def batches(self) -> Iterator[list[dict[str, Any]]]:
        rows = self.rows()
        while batch := list(islice(rows, _BATCH)):
            yield batch


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    return "list" if isinstance(value, (list, tuple)) else "record"


def _mixes(kinds: set[str]) -> bool:
    return len(kinds - {"null"}) > 1


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value)


def _write_parquet(spill: _Spill, path: Path, features: Any) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema_for(spill, features)
    writer = pq.ParquetWriter(path, schema)
    try:
        for batch in spill.batches():
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    finally:
        writer.close()
    return spill.n


def _schema_for(spill: _Spill, features: Any) -> Any:
    """The known schema, widened with every column the rows carry beyond
    it, typed as pyarrow reads all of that column's values."""
    import pyarrow as pa

    known = features.arrow_schema if features is not None else pa.schema([])
    if not spill.columns:
        return known  # no rows: the known columns, empty
    extra: dict[str, list[Any]] = {k: [] for k in spill.columns if k not in known.names}
    if extra:
        for row in spill.rows():
            for name, values in extra.items():
                values.append(row[name])
    return pa.schema(
        known.field(name)
        if name in known.names
        else pa.field(name, pa.array(extra[name]).type)
        for name in spill.columns
    )


def _write_hf(spill: _Spill, path: Path, features: Any) -> int:
    import datasets

    typed = datasets.Features.from_arrow_schema(_schema_for(spill, features))
    for name in set(typed) & set(features or ()):
        typed[name] = features[name]
    import pyarrow as pa

    table = pa.Table.from_pylist(list(spill.rows()), schema=typed.arrow_schema)
    ds = datasets.Dataset(table, info=datasets.DatasetInfo(features=typed))
    # The command reports what it wrote; datasets' own bar would be noise.
    from datasets.utils import logging as ds_logging

    shown = ds_logging.is_progress_bar_enabled()
    ds_logging.disable_progress_bar()
    try:
        ds.save_to_disk(str(path))
    finally:
        if shown:
            ds_logging.enable_progress_bar()
    return spill.n


def check_out(path: str | os.PathLike, *, folder: bool) -> None:
    """Raise :class:`InputError` when ``path`` cannot take the output:
    its folder is missing, or it names a folder that is no dataset folder
    written before (a file's output never replaces a folder, and a
    ``save_to_disk`` folder only replaces one). Commands call it before any
    work; :func:`atomic_path` calls it again.
    """
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not _is_dir(parent):
        problem = "is not a folder" if parent.exists() else "does not exist"
        raise InputError(f"cannot write {str(path)!r}: {str(parent)!r} {problem}.")
    if not _is_dir(path):
        return
    if not folder:
        raise InputError(f"cannot write {str(path)!r}: it is a folder.")
    if not _saved_dataset(path):
        raise InputError(
            f"cannot write {str(path)!r}: it is a folder that holds more than "
            "a saved dataset; give a new name, or remove it first."
        )


def _is_dir(path: Path) -> bool:
    """``path.is_dir()``, False where it cannot be looked at (a folder
    without search permission on the way): writing there fails later, with
    its own message."""
    try:
        return path.is_dir()
    except OSError:
        return False


# What datasets' save_to_disk writes in its folder.
_SAVED_FILES = ("dataset_info.json", "state.json")


def _saved_dataset(path: Path) -> bool:
    """Whether the folder holds only what ``save_to_disk`` writes (so that
    replacing it loses nothing else); an empty folder too."""
    try:
        entries = list(path.iterdir())
    except OSError:
        return False
    return all(
        e.is_file() and (e.name in _SAVED_FILES or e.name.endswith(".arrow"))
        for e in entries
    )


@contextmanager
def atomic_path(path: Path, *, folder: bool) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place on success.

    On any failure the temporary file (or folder) is removed and an existing
    ``path`` is left as it was, so no half-written output is ever visible.
    An existing folder is replaced only by a folder, and only when it holds
    nothing but a dataset saved before (:func:`check_out`).
    """
    check_out(path, folder=folder)
    shown = str(path)
    # "." and "out/" name a folder by a path without a name of its own
    path = Path(os.path.abspath(path))
    parent = path.parent
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
        raise InputError(f"cannot write {shown!r}: {exc.strerror}.") from None
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
