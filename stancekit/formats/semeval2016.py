"""SemEval-2016 Task 6 (stance in tweets toward a topic), both public forms.

- The CSV release: ``Tweet,Target,Stance,Opinion Towards,Sentiment``, in a
  single-byte legacy encoding, CR-only line endings, no final newline. It is
  read as UTF-8 when it happens to be valid UTF-8 and as latin-1 otherwise:
  latin-1 maps every byte, whereas cp1252 leaves bytes such as 0x90
  undefined (emoji in the tweets appear as such mojibake bytes; they are
  kept, not repaired).
- The original task files: tab-separated ``ID<TAB>Target<TAB>Tweet<TAB>Stance``
  with a header line; the unlabeled test release writes ``UNKNOWN`` as the
  stance, which loads as no label.

Each tweet is its own ``group`` (identical tweets one group): Task A tests
the very targets it trains on, so cross-validation must mix the targets'
tweets across folds, not hold a whole target out (which would judge every
recipe on topics it never saw and hide the per-target models that win
there).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from stancekit.errors import SchemaError
from stancekit.formats._common import (
    constant,
    decode,
    empty_strings_to_null,
    finish,
    read_bytes,
    read_csv,
    require_columns,
)

if TYPE_CHECKING:  # pragma: no cover
    import datasets

UNKNOWN = "UNKNOWN"
_STRINGS = ("Tweet", "Target", "Stance", "Opinion Towards", "Sentiment", "ID")
# Only real line breaks: latin-1 turns byte 0x85 into U+0085, which
# str.splitlines would take for a line break in the middle of a tweet.
_LINES = re.compile(r"\r\n|\r|\n")


def load_semeval2016(path: Path, *, require_label: bool = True) -> datasets.Dataset:
    """Load SemEval-2016 Task 6 stance data (CSV release or tab-separated text).

    Parameters
    ----------
    path : Path
        A CSV file with ``Tweet`` and ``Target`` columns, or a tab-separated
        file with the header ``ID<TAB>Target<TAB>Tweet<TAB>Stance``.
    require_label : bool, default=True
        Refuse rows without a stance (absent, empty or ``UNKNOWN``);
        ``False`` loads them with ``label`` None, for prediction.

    Returns
    -------
    datasets.Dataset
        ``target`` (Target), ``text`` (Tweet), ``label`` (Stance: ``FAVOR``,
        ``AGAINST``, ``NONE``), ``group`` (Tweet) and the source's other
        columns (``Opinion Towards``, ``Sentiment`` or ``ID``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> _ = f.write_bytes(b"ID\\tTarget\\tTweet\\tStance\\r\\n7\\tTea\\tTea is great #SemST\\tFAVOR")
    >>> load_semeval2016(f)[0]
    {'target': 'Tea', 'text': 'Tea is great #SemST', 'label': 'FAVOR', 'group': 'Tea is great #SemST', 'ID': 7}
    """
    data = read_bytes(path)
    first = _LINES.split(data[:4096].decode("latin-1"), maxsplit=1)[0]
    table = (
        _read_tsv(path, data)
        if "\t" in first
        else read_csv(path, strings=_STRINGS, fallback="latin-1")
    )
    require_columns(table, {"Tweet": "text", "Target": "target"}, path, "SemEval-2016")
    if "Stance" in table.column_names:
        label = _no_unknown(empty_strings_to_null(table.column("Stance")))
    else:
        label = constant(None, table.num_rows)
    canonical = {
        "target": table.column("Target"),
        "text": table.column("Tweet"),
        "label": label,
        "group": table.column("Tweet"),
    }
    rest = table.drop_columns(
        [c for c in ("Tweet", "Target", "Stance") if c in table.column_names]
    )
    return finish(canonical, rest, source=repr(str(path)), require_label=require_label)


def _no_unknown(label: pa.ChunkedArray) -> pa.ChunkedArray:
    import pyarrow.compute as pc

    unknown = pc.equal(pc.utf8_trim_whitespace(label), UNKNOWN)
    return pc.if_else(unknown, pa.scalar(None, pa.string()), label)


def _read_tsv(path: Path, data: bytes) -> pa.Table:
    # Split on tabs by hand: a tweet's quotes are text, not CSV quoting.
    lines = _LINES.split(decode(data, path, fallback="latin-1"))
    header = [name.strip() for name in lines[0].split("\t")]
    columns: list[list[str]] = [[] for _ in header]
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(header):
            raise SchemaError(
                f"{str(path)!r} row {number}: expected {len(header)} tab-separated "
                f"fields ({', '.join(header)}); got {len(fields)}."
            )
        for column, value in zip(columns, fields, strict=True):
            column.append(value)
    table = pa.table(
        {
            name: pa.array(values, pa.string())
            for name, values in zip(header, columns, strict=True)
        }
    )
    if "Stance" in header:
        stance = pa.array(
            [v.strip() for v in columns[header.index("Stance")]], pa.string()
        )
        table = table.set_column(header.index("Stance"), "Stance", stance)
    if "ID" in header and all(v.strip().isdigit() for v in columns[header.index("ID")]):
        ids = pa.array([int(v) for v in columns[header.index("ID")]], pa.int64())
        table = table.set_column(header.index("ID"), "ID", ids)
    return table
