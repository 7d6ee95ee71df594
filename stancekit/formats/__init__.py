"""Labeled sets: public benchmarks and generic tables as ``datasets.Dataset``.

A data spec is ``FORMAT:PATH`` or a bare path whose format is detected.
Every loader returns canonical columns first, then the source's own columns
under their own names:

- check-worthiness (``clef-checkthat``, ``claimbuster``): ``text``,
  ``label``, ``group`` (the debate or file), ``speaker`` when known;
- stance (``fnc1``, ``semeval2016``, ``emergent``): ``target``, ``text``,
  ``label``, ``group``;
- generic tables (``csv``, ``jsonl``, ``parquet``, ``hf``): ``text``,
  ``label``, ``group`` and ``target`` when present, mapped by name.

Labels keep the source's names (``agree``, ``FAVOR``, ``observing``, 0/1).
Heavy imports (pyarrow, datasets) happen inside the loaders, so importing
this module to read :data:`FORMATS` or parse a spec stays cheap.
"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from stancekit.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import datasets

__all__ = ["FORMATS", "load_labeled", "parse_spec", "detect_format"]

FORMATS = (
    "fnc1",
    "semeval2016",
    "clef-checkthat",
    "claimbuster",
    "emergent",
    "csv",
    "jsonl",
    "parquet",
    "hf",
)
GENERIC = ("csv", "jsonl", "parquet", "hf")

# format -> (module, function); modules are imported on first use.
_LOADERS = {
    "fnc1": ("stancekit.formats.fnc1", "load_fnc1"),
    "semeval2016": ("stancekit.formats.semeval2016", "load_semeval2016"),
    "clef-checkthat": ("stancekit.formats.clef", "load_clef"),
    "claimbuster": ("stancekit.formats.claimbuster", "load_claimbuster"),
    "emergent": ("stancekit.formats.emergent", "load_emergent"),
    **{name: ("stancekit.formats.tables", "load_table") for name in GENERIC},
}
_HF_MARKERS = ("dataset_info.json", "state.json", "dataset_dict.json")
_CLEF_SUFFIXES = (".tsv", ".txt")
# A spec prefix that reads as a format name (not a drive letter like "C").
_FORMAT_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9_-]+")


def load_labeled(
    spec: str | os.PathLike,
    *,
    text_col: str | None = None,
    label_col: str | None = None,
    group_col: str | None = None,
    target_col: str | None = None,
    bodies: str | os.PathLike | None = None,
    three_class: bool = False,
    require_label: bool = True,
) -> datasets.Dataset:
    """Load a labeled data set from a data spec.

    Parameters
    ----------
    spec : str or os.PathLike
        ``FORMAT:PATH`` (FORMAT one of :data:`FORMATS`) or a bare path, whose
        format is detected (see :func:`detect_format`).
    text_col, label_col, group_col, target_col : str, optional
        Column names for the generic formats (``csv``, ``jsonl``,
        ``parquet``, ``hf``); default ``text``, ``label``, ``group``,
        ``target``. Given with a bare path detected as a named benchmark
        ``.csv``/``.json``, they make it load as a generic table instead.
    bodies : str or os.PathLike, optional
        ``fnc1`` only: the bodies CSV, when it is not found by replacing
        ``stances`` with ``bodies`` in the stances file's name.
    three_class : bool, default=False
        ``claimbuster`` only: keep the verdicts -1/0/1 instead of the binary
        check-worthy-or-not label.
    require_label : bool, default=True
        Refuse unlabeled rows (training, evaluation). ``False`` loads them
        with ``label`` None, for prediction.

    Returns
    -------
    datasets.Dataset
        Canonical columns (``target``, ``text``, ``label``, ``group``,
        ``speaker`` as the source has them) followed by the source's own.

    Raises
    ------
    InputError
        Missing or binary file, unknown format name, options that do not
        apply to the format, empty data set.
    DecodeError
        A file that is not valid UTF-8 (SemEval-2016 falls back to latin-1).
    SchemaError
        Missing columns, malformed lines, a DatasetDict where a split is due.
    LabelError
        Unlabeled rows while ``require_label`` is true; invalid label values.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "debate.tsv"
    >>> _ = f.write_text('1\\tANN\\tWe cut taxes by 5%.\\t1\\n2\\tBOB\\tThanks, "friend".\\t0\\n')
    >>> ds = load_labeled(f"clef-checkthat:{f}")
    >>> ds.column_names
    ['text', 'label', 'group', 'speaker', 'line_number']
    >>> list(ds["label"])
    [1, 0]
    """
    fmt, path, named = _parse(spec)
    columns = {
        "text_col": text_col,
        "label_col": label_col,
        "group_col": group_col,
        "target_col": target_col,
    }
    given = [option for option, value in columns.items() if value is not None]
    if given and fmt not in GENERIC:
        fallback = {".csv": "csv", ".json": "jsonl"}.get(path.suffix.lower())
        if named or fallback is None:
            raise InputError(
                f"{given[0]} applies to the generic formats ({', '.join(GENERIC)}); "
                f"{fmt} has fixed columns. Drop {given[0]} or name a generic "
                f"format, e.g. csv:{path}."
            )
        fmt = fallback
    if bodies is not None and fmt != "fnc1":
        raise InputError(f"bodies applies to fnc1 data only; got format {fmt!r}.")
    if three_class and fmt != "claimbuster":
        raise InputError(
            f"three_class applies to claimbuster data only; got format {fmt!r}."
        )

    module, function = _LOADERS[fmt]
    loader = getattr(importlib.import_module(module), function)
    if fmt in GENERIC:
        return loader(path, fmt, **columns, require_label=require_label)
    if fmt == "fnc1":
        bodies_path = None if bodies is None else Path(os.path.expanduser(bodies))
        return loader(path, bodies=bodies_path, require_label=require_label)
    if fmt == "claimbuster":
        return loader(path, three_class=three_class, require_label=require_label)
    return loader(path, require_label=require_label)


def parse_spec(spec: str | os.PathLike) -> tuple[str, Path]:
    """Split a data spec into its format and path.

    Parameters
    ----------
    spec : str or os.PathLike
        ``FORMAT:PATH``, or a bare path whose format is detected.

    Returns
    -------
    tuple of (str, Path)
        The format (one of :data:`FORMATS`) and the path.

    Examples
    --------
    >>> parse_spec("fnc1:data/train_stances.csv")
    ('fnc1', PosixPath('data/train_stances.csv'))
    >>> parse_spec("tweets:data/x.csv")
    Traceback (most recent call last):
    ...
    stancekit.errors.InputError: unknown data format 'tweets' in 'tweets:data/x.csv'; formats: fnc1, semeval2016, clef-checkthat, claimbuster, emergent, csv, jsonl, parquet, hf.
    """
    fmt, path, _ = _parse(spec)
    return fmt, path


def _parse(spec: str | os.PathLike) -> tuple[str, Path, bool]:
    if isinstance(spec, os.PathLike):
        path = Path(spec)
        return detect_format(path), path, False
    if not isinstance(spec, str):
        raise TypeError(
            f"spec must be a str or os.PathLike; got {type(spec).__name__}."
        )
    if not spec.strip():
        raise InputError("spec must be FORMAT:PATH or a path; got ''.")
    name, sep, rest = spec.partition(":")
    if sep and name.lower() in FORMATS:
        if not rest:
            raise InputError(f"spec {spec!r} names the format {name!r} but no path.")
        return name.lower(), Path(os.path.expanduser(rest)), True
    path = Path(os.path.expanduser(spec))
    if sep and _FORMAT_LIKE.fullmatch(name) and not path.exists():
        raise InputError(
            f"unknown data format {name!r} in {spec!r}; formats: {', '.join(FORMATS)}."
        )
    return detect_format(path), path, False


def detect_format(path: str | os.PathLike) -> str:
    """Tell the format of a data file or folder from its name and first line.

    - a folder with ``dataset_info.json``/``state.json``/``dataset_dict.json``
      -> ``hf``; a folder of ``.tsv``/``.txt`` files -> ``clef-checkthat``;
    - ``*stances*.csv`` -> ``fnc1``; other ``.csv`` by header: Emergent
      (``claimHeadline``, ``articleHeadline``), FNC-1 (``Headline``,
      ``Body ID``), SemEval-2016 (``Tweet``, ``Target``), ClaimBuster
      (``Text`` with ``Verdict`` or ``Sentence_id``), else ``csv``;
    - ``.tsv``/``.txt``: a header with ``Target`` and ``Tweet`` ->
      ``semeval2016``; 3-4 tab-separated fields starting with a line number
      -> ``clef-checkthat``;
    - ``.json`` with ``sentence_id`` records -> ``claimbuster``, else
      ``jsonl``; ``.jsonl`` -> ``jsonl``; ``.parquet`` -> ``parquet``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "claims.csv"
    >>> _ = f.write_text(",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\\n")
    >>> detect_format(f)
    'emergent'
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"data file not found: {str(path)!r}.")
    if path.is_dir():
        return _detect_folder(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return "parquet"
    if suffix == ".jsonl":
        return "jsonl"
    if suffix == ".json":
        return "claimbuster" if '"sentence_id"' in _head(path) else "jsonl"
    if suffix == ".csv":
        if "stances" in path.name.lower():
            return "fnc1"
        return _detect_csv_header(_first_line(path))
    if suffix in _CLEF_SUFFIXES:
        from stancekit.formats.clef import looks_like_clef

        first = _first_line(path)
        fields = {field.strip() for field in re.split(r"[\t,]", first)}
        if {"Target", "Tweet"} <= fields:
            return "semeval2016"
        if looks_like_clef(first):
            return "clef-checkthat"
        raise InputError(
            f"cannot tell the format of {str(path)!r}: its first line is neither "
            "a SemEval-2016 header (ID, Target, Tweet, Stance) nor a CLEF line "
            "(line_number<TAB>speaker<TAB>text[<TAB>label]); name it as FORMAT:PATH."
        )
    raise InputError(
        f"cannot tell the format of {str(path)!r} from its suffix {suffix!r}; "
        f"name it as FORMAT:PATH with FORMAT one of: {', '.join(FORMATS)}."
    )


def _detect_folder(path: Path) -> str:
    if any((path / marker).is_file() for marker in _HF_MARKERS):
        return "hf"
    if any(p.is_file() and p.suffix.lower() in _CLEF_SUFFIXES for p in path.iterdir()):
        return "clef-checkthat"
    raise InputError(
        f"cannot tell the format of folder {str(path)!r}: it is neither a "
        "save_to_disk folder (dataset_info.json) nor a folder of CLEF .tsv/.txt "
        "files; name it as FORMAT:PATH."
    )


def _detect_csv_header(first: str) -> str:
    import csv

    header = {name.strip() for name in next(csv.reader([first]), [])}
    if {"claimHeadline", "articleHeadline"} <= header:
        return "emergent"
    if {"Headline", "Body ID"} <= header:
        return "fnc1"
    if {"Tweet", "Target"} <= header:
        return "semeval2016"
    if "Text" in header and ({"Verdict", "Sentence_id"} & header):
        return "claimbuster"
    return "csv"


def _head(path: Path, size: int = 65536) -> str:
    with path.open("rb") as file:
        data = file.read(size)
    # latin-1 never fails: sniffing must not reject a file the loader may
    # still decode (or refuse with a clearer message).
    return data.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def _first_line(path: Path) -> str:
    return re.split(r"\r\n|\r|\n", _head(path), maxsplit=1)[0]
