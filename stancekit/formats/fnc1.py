"""FNC-1 (Fake News Challenge stage 1): headline-body stance.

Two UTF-8 CSV files: stances (``Headline``, ``Body ID``, ``Stance``) and
bodies (``Body ID``, ``articleBody``). The bodies file is found by replacing
``stances`` with ``bodies`` in the stances file's name
(``train_stances.csv`` -> ``train_bodies.csv``); the unlabeled test release
(``competition_test_stances_unlabeled.csv``) pairs with
``competition_test_bodies.csv``, so ``_unlabeled`` is dropped as a second try.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from stancekit.errors import InputError, SchemaError
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


def bodies_candidates(stances: Path) -> list[Path]:
    """Where the bodies file of ``stances`` may be, most likely first.

    Examples
    --------
    >>> [p.name for p in bodies_candidates(Path("data/test_stances_unlabeled.csv"))]
    ['test_bodies_unlabeled.csv', 'test_bodies.csv']
    """
    name = stances.name
    at = name.rfind("stances")
    if at < 0:
        return []
    renamed = name[:at] + "bodies" + name[at + len("stances") :]
    candidates = [stances.with_name(renamed)]
    if "_unlabeled" in renamed:
        candidates.append(stances.with_name(renamed.replace("_unlabeled", "")))
    return candidates


def load_fnc1(
    path: Path, *, bodies: Path | None = None, require_label: bool = True
) -> datasets.Dataset:
    """Load FNC-1 stances joined with their article bodies.

    Parameters
    ----------
    path : Path
        The stances CSV (``Headline``, ``Body ID`` and, when labeled,
        ``Stance``).
    bodies : Path, optional
        The bodies CSV; by default found from the stances file's name.
    require_label : bool, default=True
        Refuse a stances file without ``Stance``; ``False`` loads it with
        ``label`` None, for prediction.

    Returns
    -------
    datasets.Dataset
        ``target`` (Headline), ``text`` (articleBody, repeated per pair),
        ``label`` (Stance), ``group`` (Body ID as a string) and the source's
        ``Body ID`` (int), in the stances file's order.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "mini_stances.csv").write_text("Headline,Body ID,Stance\\nCats fly,7,agree\\n")
    >>> _ = (d / "mini_bodies.csv").write_text('Body ID,articleBody\\n7,"Cats flew."\\n')
    >>> load_fnc1(d / "mini_stances.csv")[0]
    {'target': 'Cats fly', 'text': 'Cats flew.', 'label': 'agree', 'group': '7', 'Body ID': 7}
    """
    import pyarrow.compute as pc

    bodies_path = _bodies_path(path) if bodies is None else Path(bodies)
    stances = read_csv(path, strings=("Headline", "Stance"))
    require_columns(
        stances, {"Headline": "target", "Body ID": "group"}, path, "FNC-1 stances"
    )
    table = read_csv(bodies_path, strings=("articleBody",))
    require_columns(
        table, {"Body ID": "group", "articleBody": "text"}, bodies_path, "FNC-1 bodies"
    )

    body_ids = table.column("Body ID").cast(pa.string())
    if pc.count_distinct(body_ids).as_py() != len(body_ids):
        counts = pc.value_counts(body_ids)
        twice = [c["values"] for c in counts.to_pylist() if c["counts"] > 1][:5]
        raise SchemaError(
            f"{str(bodies_path)!r} lists a Body ID more than once: {twice}."
        )
    wanted = stances.column("Body ID").cast(pa.string())
    where = pc.index_in(wanted, value_set=body_ids.combine_chunks())
    if where.null_count:
        missing = pc.unique(pc.filter(wanted, pc.is_null(where))).to_pylist()
        raise SchemaError(
            f"{str(path)!r} refers to {len(missing)} Body ID(s) that "
            f"{str(bodies_path)!r} does not have: {missing[:5]}."
        )
    text = table.column("articleBody").take(where)

    n = stances.num_rows
    if "Stance" in stances.column_names:
        label = empty_strings_to_null(stances.column("Stance"))
    else:
        label = constant(None, n)
    canonical = {
        "target": stances.column("Headline"),
        "text": text,
        "label": label,
        "group": as_string(stances.column("Body ID")),
    }
    rest = stances.drop_columns(
        [c for c in ("Headline", "Stance") if c in stances.column_names]
    )
    return finish(canonical, rest, source=repr(str(path)), require_label=require_label)


def _bodies_path(stances: Path) -> Path:
    candidates = bodies_candidates(stances)
    if not candidates:
        raise InputError(
            f"cannot find the bodies file of {str(stances)!r}: its name has no "
            "'stances' to replace with 'bodies'; name the files as FNC-1 does "
            "(train_stances.csv beside train_bodies.csv), or pass bodies= to "
            "stancekit.load_labeled in Python."
        )
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    tried = " or ".join(repr(str(c)) for c in candidates)
    raise InputError(
        f"FNC-1 bodies file not found: looked for {tried} next to "
        f"{str(stances)!r}; put it there under that name, or pass bodies= to "
        "stancekit.load_labeled in Python."
    )
