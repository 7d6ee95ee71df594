"""CLEF CheckThat! Task 1 (check-worthiness in debates), 2018 and 2019.

One file per debate or speech, tab-separated, no header::

    line_number<TAB>speaker<TAB>text<TAB>label

2019 files end in ``.tsv``, 2018 files in ``.txt``; test files have CRLF
endings and only three columns (no label). A ``"`` is literal text: lines
are split on tabs by hand, never by a CSV reader, so a stray quote cannot
swallow the lines after it.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from stancekit.errors import InputError, LabelError, SchemaError, StancekitWarning
from stancekit.formats._common import decode, finish, read_bytes

if TYPE_CHECKING:  # pragma: no cover
    import datasets

SUFFIXES = (".tsv", ".txt")


def load_clef(path: Path, *, require_label: bool = True) -> datasets.Dataset:
    """Load a CLEF CheckThat! Task 1 file, or a folder of them.

    Parameters
    ----------
    path : Path
        A ``.tsv``/``.txt`` debate file, or a folder whose ``.tsv``/``.txt``
        files are debates (read in name order; other files are ignored, and
        text files that are not in this layout are skipped with a warning).
    require_label : bool, default=True
        Refuse three-column (unlabeled) lines; ``False`` loads them with
        ``label`` None, for prediction.

    Returns
    -------
    datasets.Dataset
        ``text``, ``label`` (int), ``group`` (the file name without suffix),
        ``speaker`` and ``line_number`` (int), in file order.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "debate.tsv").write_text("1\\tANNA\\tTaxes rose 4%.\\t1\\n")
    >>> load_clef(folder / "debate.tsv")[0]
    {'text': 'Taxes rose 4%.', 'label': 1, 'group': 'debate', 'speaker': 'ANNA', 'line_number': 1}
    """
    if path.is_dir():
        files = _debate_files(path)
        source = f"folder {str(path)!r}"
    else:
        files = [path]
        source = repr(str(path))
    rows: dict[str, list] = {
        "text": [],
        "label": [],
        "group": [],
        "speaker": [],
        "line_number": [],
    }
    for file in files:
        _read_debate(file, rows)
    line_number = pa.array(rows.pop("line_number"), pa.int64())
    canonical = {
        "text": pa.array(rows["text"], pa.string()),
        "label": pa.array(rows["label"], pa.int64()),
        "group": pa.array(rows["group"], pa.string()),
        "speaker": pa.array(rows["speaker"], pa.string()),
    }
    rest = pa.table({"line_number": line_number})
    return finish(canonical, rest, source=source, require_label=require_label)


def looks_like_clef(first_line: str) -> bool:
    """A first line of 3-4 tab-separated fields starting with a line number."""
    fields = first_line.rstrip("\r\n").split("\t")
    return len(fields) in (3, 4) and fields[0].strip().isdigit()


def _debate_files(folder: Path) -> list[Path]:
    candidates = sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
    )
    files = []
    for file in candidates:
        with file.open("rb") as handle:
            head = handle.read(4096).removeprefix(b"\xef\xbb\xbf")
        head = head.decode("utf-8", "replace")
        first = next((line for line in head.splitlines() if line.strip()), "")
        if looks_like_clef(first):
            files.append(file)
        else:
            warnings.warn(
                f"skipped {file.name!r} in {str(folder)!r}: not a CLEF "
                "line_number<TAB>speaker<TAB>text[<TAB>label] file.",
                StancekitWarning,
                stacklevel=4,
            )
    if not files:
        raise InputError(
            f"folder {str(folder)!r} holds no CLEF CheckThat! files "
            f"(tab-separated {' or '.join(SUFFIXES)} debate transcripts)."
        )
    return files


def _read_debate(file: Path, rows: dict[str, list]) -> None:
    text = decode(read_bytes(file), file)
    group = file.stem
    # Split on newlines only: str.splitlines would also break on characters
    # such as U+2028 or U+0085 that can sit inside a transcript line.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) not in (3, 4):
            raise SchemaError(
                f"{str(file)!r} line {number}: expected 3 or 4 tab-separated "
                "fields (line_number, speaker, text[, label]); "
                f"got {len(fields)}."
            )
        try:
            line_number = int(fields[0])
        except ValueError:
            raise SchemaError(
                f"{str(file)!r} line {number}: the first field must be a line "
                f"number; got {fields[0][:40]!r}."
            ) from None
        label = None
        if len(fields) == 4 and fields[3].strip():
            try:
                label = int(fields[3])
            except ValueError:
                raise LabelError(
                    f"{str(file)!r} line {number}: label must be an integer "
                    f"(0 or 1); got {fields[3][:40]!r}."
                ) from None
        rows["text"].append(fields[2])
        rows["label"].append(label)
        rows["group"].append(group)
        rows["speaker"].append(fields[1])
        rows["line_number"].append(line_number)
