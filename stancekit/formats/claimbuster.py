"""ClaimBuster (Arslan et al., 2020): check-worthy factual claims in debates.

The CSV files (``groundtruth.csv``, ``crowdsourced.csv``) have ``Sentence_id``,
``Text``, ``Speaker``, ``Speaker_title``, ``Speaker_party``, ``File_id``,
``Length``, ``Line_number``, ``Sentiment`` and ``Verdict``: -1 non-factual
(NFS), 0 unimportant factual (UFS), 1 check-worthy factual (CFS).
``all_sentences.csv`` has no ``Verdict`` (unlabeled). The JSON files
(``2xNCS.json`` ...) are lists of ``{"sentence_id", "label", "text"}`` with
binary labels (1 = CFS, 0 = not).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from stancekit.errors import LabelError, SchemaError
from stancekit.formats._common import (
    as_string,
    constant,
    decode,
    finish,
    read_bytes,
    read_csv,
    require_columns,
)

if TYPE_CHECKING:  # pragma: no cover
    import datasets

VERDICTS = (-1, 0, 1)
_STRINGS = ("Text", "Speaker", "Speaker_title", "Speaker_party", "File_id")


def load_claimbuster(
    path: Path, *, three_class: bool = False, require_label: bool = True
) -> datasets.Dataset:
    """Load a ClaimBuster CSV or JSON file.

    Parameters
    ----------
    path : Path
        A ClaimBuster ``.csv`` (``Text`` and, when labeled, ``Verdict``) or
        ``.json`` list of ``{"sentence_id", "label", "text"}``.
    three_class : bool, default=False
        Keep the CSV's three verdicts (-1, 0, 1) as labels. By default the
        label is binary: 1 for a check-worthy factual sentence (Verdict 1),
        0 otherwise. The JSON files are binary only.
    require_label : bool, default=True
        Refuse rows without a verdict; ``False`` loads them with ``label``
        None, for prediction.

    Returns
    -------
    datasets.Dataset
        ``text``, ``label`` (int), ``group`` (``File_id``, the debate, when
        present, else the file name without suffix), ``speaker`` (when
        present) and the source's other columns, ``Verdict`` included.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "cb.csv"
    >>> _ = f.write_text("Sentence_id,Text,Speaker,File_id,Verdict\\n"
    ...                  "1,Wages fell 3%.,SMITH,1980-10-28.txt,1\\n"
    ...                  "2,Thank you.,JONES,1980-10-28.txt,-1\\n")
    >>> list(load_claimbuster(f)["label"])
    [1, 0]
    >>> list(load_claimbuster(f, three_class=True)["label"])
    [1, -1]
    """
    if path.suffix.lower() == ".json":
        if three_class:
            raise LabelError(
                f"three_class needs the Verdict column of the ClaimBuster CSV "
                f"files; {str(path)!r} is a JSON file with binary labels only."
            )
        return _load_json(path, require_label=require_label)
    return _load_csv(path, three_class=three_class, require_label=require_label)


def _load_csv(
    path: Path, *, three_class: bool, require_label: bool
) -> datasets.Dataset:
    import pyarrow.compute as pc

    table = read_csv(path, strings=_STRINGS)
    require_columns(table, {"Text": "text"}, path, "ClaimBuster")
    n = table.num_rows
    if "Verdict" in table.column_names:
        verdict = _verdicts(table.column("Verdict"), path)
        table = table.set_column(
            table.column_names.index("Verdict"), "Verdict", verdict
        )
        label = verdict if three_class else pc.equal(verdict, 1).cast(pa.int64())
    else:
        label = constant(None, n, pa.int64())
    if "File_id" in table.column_names:
        group = as_string(table.column("File_id"))
    else:
        group = constant(path.stem, n)
    canonical = {"text": table.column("Text"), "label": label, "group": group}
    if "Speaker" in table.column_names:
        canonical["speaker"] = table.column("Speaker")
    mapped = ("Text", "Speaker", "File_id")
    rest = table.drop_columns([c for c in mapped if c in table.column_names])
    return finish(canonical, rest, source=repr(str(path)), require_label=require_label)


def _verdicts(column: pa.ChunkedArray, path: Path) -> pa.ChunkedArray:
    import pyarrow.compute as pc

    try:
        column = column.cast(pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        column = None
    if column is not None:
        bad = pc.filter(column, pc.invert(pc.is_in(column, pa.array(VERDICTS))))
    if column is None or len(bad):
        shown = "non-integer values" if column is None else pc.unique(bad).to_pylist()
        raise LabelError(
            f"{str(path)!r}: Verdict must be one of {list(VERDICTS)}; got {shown}."
        )
    return column


def _load_json(path: Path, *, require_label: bool) -> datasets.Dataset:
    text = decode(read_bytes(path), path)
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"{str(path)!r} is not valid JSON: {exc}.") from None
    keys = {"sentence_id", "text"}
    if not isinstance(records, list) or not all(
        isinstance(r, dict) and keys <= r.keys() for r in records
    ):
        raise SchemaError(
            f"{str(path)!r} is not a ClaimBuster JSON file: expected a list of "
            '{"sentence_id", "label", "text"} objects.'
        )
    labels = [r.get("label") for r in records]
    bad = sorted({repr(v) for v in labels if v is not None and v not in (0, 1)})
    if bad:
        raise LabelError(f"{str(path)!r}: label must be 0 or 1; got {bad}.")
    n = len(records)
    canonical = {
        "text": pa.array([r["text"] for r in records], pa.string()),
        "label": pa.array(labels, pa.int64()),
        "group": constant(path.stem, n),
    }
    rest = pa.table({"sentence_id": pa.array([r["sentence_id"] for r in records])})
    return finish(canonical, rest, source=repr(str(path)), require_label=require_label)
