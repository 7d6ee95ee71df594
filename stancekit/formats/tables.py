"""Generic labeled tables: CSV, JSON Lines, Parquet and ``save_to_disk`` folders.

Columns are found by name: ``text`` (required), ``label`` (required unless
loading for prediction), ``group`` and ``target`` (optional), each
renameable with ``text_col=`` / ``label_col=`` / ``group_col=`` /
``target_col=`` (CLI ``--text-col`` ...). Every other column is kept under
its own name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from stancekit.errors import InputError, SchemaError
from stancekit.formats._common import (
    as_string,
    constant,
    decode,
    empty_strings_to_null,
    finish,
    read_bytes,
    read_csv,
)
from stancekit.io.tables import jsonl_records

if TYPE_CHECKING:  # pragma: no cover
    import datasets

GENERIC = ("csv", "jsonl", "parquet", "hf")
_ROLES = ("target", "text", "label", "group")


def load_table(
    path: Path,
    fmt: str,
    *,
    text_col: str | None = None,
    label_col: str | None = None,
    group_col: str | None = None,
    target_col: str | None = None,
    require_label: bool = True,
) -> datasets.Dataset:
    """Load a generic table and map its columns to the canonical ones.

    Parameters
    ----------
    path : Path
        A ``.csv`` (UTF-8, header row), ``.jsonl`` (one JSON object per
        line, or a JSON array of objects), ``.parquet`` file, or a folder
        written by :meth:`datasets.Dataset.save_to_disk`.
    fmt : {"csv", "jsonl", "parquet", "hf"}
        How to read ``path``.
    text_col, label_col, group_col, target_col : str, optional
        The table's names for ``text``, ``label``, ``group`` and ``target``
        (default: those names themselves).
    require_label : bool, default=True
        Refuse a table without a label column or with empty labels;
        ``False`` loads it with ``label`` None where missing.

    Returns
    -------
    datasets.Dataset
        ``target`` (when present), ``text``, ``label`` (the source's type:
        CSV labels that are all integers load as int), ``group`` (string;
        None when the table has no group column) and the other columns.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = f.write_text("sentence,checkworthy\\nPrices doubled.,1\\n")
    >>> load_table(f, "csv", text_col="sentence", label_col="checkworthy")[0]
    {'text': 'Prices doubled.', 'label': 1, 'group': None}
    """
    options = {
        "target": target_col,
        "text": text_col,
        "label": label_col,
        "group": group_col,
    }
    sources = {role: options[role] or role for role in _ROLES}
    if fmt == "hf":
        table = _read_hf(path)
    elif fmt == "parquet":
        table = _read_parquet(path)
    elif fmt == "jsonl":
        table = _read_jsonl(path)
    else:
        table = read_csv(path, strings=(sources["text"], sources["target"]))
    required = {"text"}
    if require_label:
        required.add("label")
    required |= {role for role in ("group", "target") if options[role] is not None}
    _check_mapping(table, path, fmt, sources, options, required)

    n = table.num_rows
    canonical: dict[str, pa.ChunkedArray | pa.Array] = {}
    for role in _ROLES:
        name = sources[role]
        if name not in table.column_names:
            if role in ("label", "group"):  # absent target stays absent
                canonical[role] = constant(None, n)
            continue
        column = table.column(name)
        if role == "label":
            column = empty_strings_to_null(column)
        elif not pa.types.is_string(column.type) and not pa.types.is_large_string(
            column.type
        ):
            column = as_string(column)
        canonical[role] = column
    if "speaker" in table.column_names and "speaker" not in sources.values():
        canonical["speaker"] = table.column("speaker")
    used = [sources[role] for role in _ROLES if sources[role] in table.column_names]
    rest = table.drop_columns(used)
    return finish(canonical, rest, source=repr(str(path)), require_label=require_label)


def _check_mapping(table, path, fmt, sources, options, required) -> None:
    found = table.column_names
    missing = [
        role for role in _ROLES if role in required and sources[role] not in found
    ]
    if missing:
        fixes = ", ".join(f"{role}_col= (CLI --{role}-col)" for role in missing)
        hint = f"pass {fixes} to name the column(s) that hold them"
        if "label" in missing:
            hint += ", or require_label=False to load unlabeled rows for prediction"
        expected = [sources[role] for role in _ROLES if role in required]
        raise SchemaError(
            f"{str(path)!r} ({fmt}) lacks the column(s) "
            f"{[sources[role] for role in missing]}: expected {expected}, "
            f"found {found}; {hint}."
        )
    consumed = set(sources.values())
    for role in _ROLES:
        if options[role] is not None and role in found and role not in consumed:
            raise SchemaError(
                f"{str(path)!r} has a column {role!r} besides {role}_col="
                f"{options[role]!r}; rename or drop one of them."
            )


def _read_jsonl(path: Path) -> pa.Table:
    text = decode(read_bytes(path), path)
    if text.lstrip().startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SchemaError(f"{str(path)!r} is not valid JSON: {exc}.") from None
        numbered = list(
            enumerate(records if isinstance(records, list) else [records], 1)
        )
        where = "item"
    else:
        numbered = list(jsonl_records(text.split("\n"), path, what="a labeled table"))
        where = "line"
    for number, record in numbered:
        if not isinstance(record, dict):
            raise SchemaError(
                f"{str(path)!r} {where} {number}: expected a JSON object with "
                f"named fields; got {type(record).__name__}."
            )
    if not numbered:
        raise InputError(f"{str(path)!r} holds no examples (0 rows).")
    # Table.from_pylist would take the field names of the first row only and
    # silently drop fields that appear later; gather every name instead.
    names = list(dict.fromkeys(key for _, record in numbered for key in record))
    columns = {}
    for name in names:
        try:
            columns[name] = pa.array([record.get(name) for _, record in numbered])
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise SchemaError(
                f"{str(path)!r}: field {name!r} holds values of different types "
                f"across rows ({str(exc).splitlines()[0][:120]})."
            ) from None
    return pa.table(columns)


def _read_parquet(path: Path) -> pa.Table:
    import pyarrow.parquet as pq

    if not path.exists():
        raise InputError(f"data file not found: {str(path)!r}.")
    try:
        return pq.read_table(path)  # a file, or a folder of Parquet parts
    except pa.ArrowException as exc:
        raise InputError(
            f"{str(path)!r} is not a readable Parquet file ({str(exc)[:160]})."
        ) from None


def _read_hf(path: Path) -> pa.Table:
    import datasets

    if not path.is_dir():
        raise InputError(
            f"hf data must be a folder written by Dataset.save_to_disk; "
            f"got {str(path)!r}, which is not a folder."
        )
    try:
        loaded = datasets.load_from_disk(str(path))
    except FileNotFoundError:
        raise InputError(
            f"{str(path)!r} is not a save_to_disk folder (no dataset_info.json, "
            "state.json or dataset_dict.json)."
        ) from None
    if isinstance(loaded, datasets.DatasetDict):
        splits = list(loaded)
        raise SchemaError(
            f"{str(path)!r} is a DatasetDict with splits {splits}; a single split "
            f"is needed here: pass its folder, e.g. hf:{path / splits[0]}."
        )
    if len(loaded) != loaded.data.num_rows:  # an indices mapping is pending
        loaded = loaded.flatten_indices()
    return loaded.data.table
