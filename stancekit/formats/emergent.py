"""Emergent (Ferreira & Vlachos, 2016): stance of a news headline to a claim.

UTF-8 CSV with the header
``,claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId``;
the first, unnamed column is a row index and is dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from stancekit.formats._common import (
    as_string,
    constant,
    empty_strings_to_null,
    finish,
    read_csv,
    require_columns,
)

if TYPE_CHECKING:  # pragma: no cover
    import datasets

_TEXT_COLUMNS = (
    "claimHeadline",
    "articleHeadline",
    "articleHeadlineStance",
    "articleId",
    "claimId",
)


def load_emergent(path: Path, *, require_label: bool = True) -> datasets.Dataset:
    """Load an Emergent CSV file.

    Parameters
    ----------
    path : Path
        The CSV file (``claimHeadline``, ``articleHeadline``, ``claimId`` and,
        when labeled, ``articleHeadlineStance``).
    require_label : bool, default=True
        Refuse a file without ``articleHeadlineStance``; ``False`` loads it
        with ``label`` None, for prediction.

    Returns
    -------
    datasets.Dataset
        ``target`` (claimHeadline), ``text`` (articleHeadline), ``label``
        (articleHeadlineStance: ``for``, ``against``, ``observing``),
        ``group`` (claimId) and the source's ``articleId``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "e.csv"
    >>> _ = f.write_text(",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\\n"
    ...                  "0,Owls can read,Owl seen reading,for,a1,c1\\n")
    >>> load_emergent(f)[0]
    {'target': 'Owls can read', 'text': 'Owl seen reading', 'label': 'for', 'group': 'c1', 'articleId': 'a1'}
    """
    table = read_csv(path, strings=_TEXT_COLUMNS)
    require_columns(
        table,
        {"claimHeadline": "target", "articleHeadline": "text", "claimId": "group"},
        path,
        "Emergent",
    )
    if "articleHeadlineStance" in table.column_names:
        label = empty_strings_to_null(table.column("articleHeadlineStance"))
    else:
        label = constant(None, table.num_rows)
    canonical = {
        "target": table.column("claimHeadline"),
        "text": table.column("articleHeadline"),
        "label": label,
        "group": as_string(table.column("claimId")),
    }
    mapped = (
        "",
        "claimHeadline",
        "articleHeadline",
        "articleHeadlineStance",
        "claimId",
    )
    rest = table.drop_columns([c for c in mapped if c in table.column_names])
    return finish(canonical, rest, source=repr(str(path)), require_label=require_label)
