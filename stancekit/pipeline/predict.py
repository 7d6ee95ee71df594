"""Prediction over article files and tables, streamed in batches; evaluation.

``stancekit predict`` reads each input as one of two kinds:

- **tables** (``.csv``, ``.jsonl``, ``.parquet``, a ``save_to_disk`` folder,
  a CLEF ``.tsv`` or any ``FORMAT:PATH`` data spec): classified row by row;
  every row keeps its columns;
- **articles** (``.txt``, ``.html``, folders of them, ``-`` for stdin): split
  into sentences by :func:`stancekit.dataset.iter_sentence_rows` first; each
  sentence row keeps its provenance (``article_id``, offsets, ...).

Each output row adds ``<task>`` (the predicted label) and ``<task>_score``:
the probability of the positive label (``checkworthy_score``), or, for
stance (two labels such as favor/against too), the probability of the
predicted label. ``explain``
adds ``<task>_reasons``. Rows are read, classified and written in batches
that keep a document's rows together (context features need neighbours),
so memory does not grow with the input.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from stancekit.errors import InputError, SchemaError
from stancekit.evaluation.decisions import decide_for
from stancekit.tasks import TASKS, output_columns, positive_label, task_of

__all__ = [
    "check_stance_target",
    "task_of",
    "output_columns",
    "iter_input_rows",
    "input_runs",
    "predict_rows",
    "evaluate_model",
]

BATCH_SIZE = TASKS["checkworthy"].batch_size
STANCE_BATCH_SIZE = TASKS["stance"].batch_size
_TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet", ".tsv")
_HF_MARKERS = ("dataset_info.json", "state.json", "dataset_dict.json")


def iter_input_rows(
    inputs: Sequence[str], *, progress: bool = False
) -> Iterator[dict[str, Any]]:
    """Rows of every input, in order: table rows as they are, articles as sentences.

    Parameters
    ----------
    inputs : list of str
        Paths, folders, ``FORMAT:PATH`` specs, or ``-`` (articles on stdin).
    progress : bool, default=False
        Progress on stderr while splitting articles.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "t.jsonl"
    >>> _ = f.write_text('{"text": "Hi.", "id": 7}\\n')
    >>> list(iter_input_rows([str(f)]))
    [{'text': 'Hi.', 'id': 7}]
    """
    for articles, reader in input_runs(inputs):
        yield from reader if reader is not None else _article_rows(articles, progress)


def input_runs(
    inputs: Sequence[str],
) -> Iterator[tuple[list[str], Iterator[dict[str, Any]] | None]]:
    """The inputs in order, as runs: ``(articles, None)`` for consecutive
    article inputs, read together (a site's articles share template lines),
    and ``([], reader)`` for each table.

    Examples
    --------
    >>> [(a, r is None) for a, r in input_runs(["a.txt", "b.txt"])]
    [(['a.txt', 'b.txt'], True)]
    """
    articles: list[str] = []
    for item in inputs:
        reader = _table_reader(item)
        if reader is None:
            articles.append(item)
            continue
        # Keep the order of inputs: articles seen so far go first.
        if articles:
            yield articles, None
            articles = []
        yield [], reader
    if articles:
        yield articles, None


def check_stance_target(model: Any, inputs: Sequence[str], target: str | None) -> None:
    """Refuse, before any reading, a stance model without a target for articles.

    Articles have no ``target`` column, so a stance model can score their
    sentences only toward a ``target`` given for every row.

    Examples
    --------
    >>> from stancekit.models.stance import StanceClassifier
    >>> check_stance_target(StanceClassifier(), ["article.txt"], None)
    Traceback (most recent call last):
    ...
    stancekit.errors.SchemaError: a stance model needs a target: give --target "a claim or topic" (target= in Python); article inputs have no 'target' column.
    """
    if target is not None or task_of(model, strict=False) != "stance":
        return
    if reads_articles(inputs):
        raise SchemaError(
            'a stance model needs a target: give --target "a claim or topic" '
            "(target= in Python); article inputs have no 'target' column."
        )


def reads_articles(inputs: Sequence[str]) -> bool:
    """Whether any of ``inputs`` is read as articles (cleaned, their page
    furniture flagged and left out), not as a table of rows.

    Examples
    --------
    >>> reads_articles(["news/a.txt"]), reads_articles(["csv:rows.csv"])
    (True, False)
    """
    return any(_table_reader(item) is None for item in inputs)


def _article_rows(inputs: list[str], progress: bool) -> Iterator[dict[str, Any]]:
    from stancekit.dataset import iter_sentence_rows

    yield from iter_sentence_rows(inputs, keep="body", progress=progress)


def _table_reader(item: str) -> Iterator[dict[str, Any]] | None:
    from stancekit.formats import FORMATS

    name, sep, rest = item.partition(":")
    if sep and name.lower() in FORMATS and rest:
        return _spec_rows(item)
    if item == "-":
        return None
    path = Path(os.path.expanduser(item))  # "~nosuchuser" stays as written
    suffix = path.suffix.lower()
    if path.is_dir():
        if any((path / m).exists() for m in _HF_MARKERS):
            return _hf_rows(path)
        return None
    if suffix not in _TABLE_SUFFIXES:
        return None
    if not path.is_file():
        raise InputError(f"input file not found: {item!r}.")
    if suffix == ".jsonl":
        return _jsonl_rows(path)
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix == ".parquet":
        return _parquet_rows(path)
    return _spec_rows(f"clef-checkthat:{path}")


def _spec_rows(spec: str) -> Iterator[dict[str, Any]]:
    from stancekit.formats import load_labeled

    data = load_labeled(spec, require_label=False)
    for batch in data.iter(batch_size=BATCH_SIZE):
        yield from _unbatch(batch)


def _hf_rows(path: Path) -> Iterator[dict[str, Any]]:
    import datasets

    try:
        data = datasets.load_from_disk(str(path))
    except (FileNotFoundError, ValueError) as exc:
        raise InputError(
            f"cannot read the dataset folder {str(path)!r}: {exc}"
        ) from None
    if isinstance(data, datasets.DatasetDict):
        raise SchemaError(
            f"{str(path)!r} holds a DatasetDict with splits {sorted(data)}; "
            "save one split (dataset['train'].save_to_disk(...)) to predict on it."
        )
    for batch in data.iter(batch_size=BATCH_SIZE):
        yield from _unbatch(batch)


def _unbatch(batch: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    keys = list(batch)
    for values in zip(*(batch[k] for k in keys), strict=True):
        yield dict(zip(keys, values, strict=True))


def _jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    # The article reader's line stream: legacy encodings with a warning,
    # binary files refused, one line in memory at a time.
    from stancekit.io.tables import jsonl_records, table_lines

    for _, row in jsonl_records(table_lines(path), path, what="a sentence table"):
        yield row


def _csv_rows(path: Path) -> Iterator[dict[str, Any]]:
    from stancekit.io.tables import csv_records, table_lines

    for _, row in csv_records(table_lines(path), path, what="a sentence table"):
        yield row


def _parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_SIZE):
        yield from batch.to_pylist()


def _document(row: dict[str, Any]) -> Any:
    return row.get("group", row.get("article_id"))


def _batches(
    rows: Iterable[dict[str, Any]], size: int
) -> Iterator[list[dict[str, Any]]]:
    """Batches of about ``size`` rows that do not split a document, unless a
    single document is far larger than a batch."""
    buffer: list[dict[str, Any]] = []
    for row in rows:
        buffer.append(row)
        if len(buffer) % size:
            continue
        last = _document(buffer[-1])
        cut = len(buffer) - 1
        while cut > 0 and _document(buffer[cut - 1]) == last:
            cut -= 1
        if cut == 0 and len(buffer) < 4 * size:
            continue
        cut = cut or len(buffer)
        yield buffer[:cut]
        buffer = buffer[cut:]
    if buffer:
        yield buffer


def _model_input(
    row: dict[str, Any], target: str | None, task: str | None = None
) -> dict[str, Any]:
    if "text" not in row:
        raise SchemaError(
            f"input rows need a 'text' column; found columns {sorted(row)}. "
            "Rename the sentence column to 'text'."
        )
    extra: dict[str, Any] = {"group": _document(row), "text": _cell(row, "text")}
    if target is not None:
        extra["target"] = target
    elif task == "stance" and "target" in row:
        extra["target"] = _cell(row, "target")
    return {**row, **extra}


def _cell(row: dict[str, Any], column: str) -> str:
    """A row's text or target as text: a number or a flag is written as
    text (as the labelled-table readers do); a missing one is an error."""
    value = row[column]
    if value is None or (isinstance(value, float) and value != value):
        raise SchemaError(
            f"an input row has no {column} (null); every row needs one: "
            f"{ {k: v for k, v in row.items() if k != column} }."
        )
    return value if isinstance(value, str) else str(value)


def predict_rows(
    model: Any,
    rows: Iterable[dict[str, Any]],
    *,
    target: str | None = None,
    explain: bool = False,
    batch_size: int | None = None,
    min_stance_confidence: float | None = None,
) -> Iterator[dict[str, Any]]:
    """Classify rows in batches; each row comes back with the task's columns.

    Parameters
    ----------
    model : fitted task model
        A model of a task in :data:`stancekit.tasks.TASKS`.
    rows : iterable of dict
        Rows with ``text`` (and whatever else the model reads: ``speaker``,
        ``group``/``article_id`` for context, ``target`` for stance).
    target : str, optional
        A target given to every row (stance toward one claim or topic).
    explain : bool, default=False
        Add ``<task>_reasons``, a list of readable reasons.
    batch_size : int, optional
        Rows per model call. By default 2,048, and 20,000 for stance models,
        whose cost is per distinct text within a call.
    min_stance_confidence : float, optional
        Stance models: give a stance only when its probability is at least
        this, else ``none`` (see :func:`stancekit.models.stance.abstain`).
        By default the threshold the model records (``abstain_threshold``),
        if any.

    Yields
    ------
    dict
        The input row plus ``<task>`` and ``<task>_score``.

    Examples
    --------
    >>> from stancekit.models.checkworthy import CheckWorthinessClassifier
    >>> clf = CheckWorthinessClassifier(random_state=0).fit(
    ...     ["Taxes rose 5%.", "Hello.", "Jobs fell 2%.", "Thanks."] * 2, [1, 0, 1, 0] * 2)
    >>> row = next(predict_rows(clf, [{"text": "Prices rose 9%.", "id": 1}]))
    >>> row["id"], row["checkworthy"], row["checkworthy_score"] > 0.5
    (1, 1, True)
    """
    task = task_of(model)
    label_col, score_col, reasons_col = output_columns(task)
    classes = list(model.classes_)
    # stance scores the label given; check-worthiness its positive label
    positive = None if task == "stance" else positive_label(classes)
    plain_classes = [c.item() if isinstance(c, np.generic) else c for c in classes]
    if batch_size is None:
        batch_size = STANCE_BATCH_SIZE if task == "stance" else BATCH_SIZE
    floor = min_stance_confidence
    if floor is None and task == "stance":
        floor = getattr(model, "abstain_threshold", None)
    replaced = False
    for batch in _batches(rows, batch_size):
        if task == "stance" and target is None and "target" not in batch[0]:
            raise SchemaError(
                "a stance model needs a target for each row: give --target "
                "\"a claim or topic\" (target= in Python) or rows with a 'target' "
                f"column; found columns {sorted(batch[0])}."
            )
        inputs = [_model_input(row, target, task) for row in batch]
        proba = model.predict_proba(inputs)
        best = decide_for(model, proba, classes)
        if positive is not None:
            scores = proba[:, classes.index(positive)]
        else:
            scores = proba[np.arange(len(batch)), best]
        if task == "stance" and floor is not None:
            from stancekit.models.stance import abstain, abstain_label

            kinds = np.asarray(classes, dtype=object)
            shown, scores = abstain(proba, kinds, floor)
            # The shown label is the most probable one or the abstain class:
            # one vector comparison, not a list lookup per row.
            kept = shown == kinds[best]
            if not kept.all():
                best = np.where(kept, best, classes.index(abstain_label(classes)))
        reasons = None
        if explain:
            predicted = [plain_classes[b] for b in best]
            reasons = _reasons(model, inputs, predicted, positive, task)
        for i, row in enumerate(batch):
            out = dict(row)
            if target is not None and task == "stance" and "target" in row:
                replaced = replaced or row["target"] != target
                out["target"] = target  # what the stance was scored toward
            out[label_col] = plain_classes[best[i]]
            out[score_col] = round(float(scores[i]), 6)
            if reasons is not None:
                out[reasons_col] = reasons[i]
            yield out
    if replaced:
        import warnings

        from stancekit.errors import StancekitWarning

        warnings.warn(
            "the rows' own 'target' column was replaced by the target given "
            "(--target, target=), which every stance was scored toward.",
            StancekitWarning,
            stacklevel=2,
        )


def _reasons(
    model: Any,
    inputs: list[dict[str, Any]],
    predicted: list[Any],
    positive: Any,
    task: str,
) -> list[list[str]]:
    """Readable reasons, each saying which way it pushed the prediction.

    Models weigh each reason toward the label they predicted. With a positive
    label (check-worthiness) the weight is turned into a push toward
    (``+``) or away from (``-``) that label, so a reason behind a low score
    reads as pulling the score down.
    """
    explained = model.explain(inputs)
    name = "check-worthy" if task == "checkworthy" else f"{task} {positive}"
    out = []
    for item, label in zip(explained, predicted, strict=True):
        if isinstance(item, dict):  # stance models: reasons are strings already
            # toward the label the model weighed them for: its most probable,
            # which a recorded threshold may have turned into another
            toward = item.get("label", label)
            out.append(
                [
                    _TRAILING_WEIGHT.sub(rf"(\1 toward {toward})", reason)
                    for reason in item.get("reasons", [])
                ]
            )
            continue
        if positive is None:
            out.append([f"{r} ({w:+.2f} toward {label})" for r, w in item])
            continue
        sign = 1.0 if _same(label, positive) else -1.0
        out.append(
            [
                f"{r} ({sign * w:+.2f}: "
                f"{'toward' if sign * w > 0 else 'away from'} {name})"
                for r, w in item
            ]
        )
    return out


_TRAILING_WEIGHT = re.compile(r"\(([+-]\d+(?:\.\d+)?)\)$")


def _same(a: Any, b: Any) -> bool:
    return str(a) == str(b)


def evaluate_model(
    model: Any,
    spec: str | os.PathLike,
    *,
    text_col: str | None = None,
    label_col: str | None = None,
    group_col: str | None = None,
    target_col: str | None = None,
) -> dict[str, Any]:
    """Metrics of a fitted model on a labeled data spec.

    Returns :func:`stancekit.metrics.evaluate`'s object: ``n``,
    ``accuracy``, ``macro_f1``, ``per_class``, ``confusion_matrix``, and for
    tasks with a positive label ``f1_positive``, ``average_precision``,
    ``map``, ``r_precision``, ``p_at_k``, ``brier``, ``ece``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from stancekit.models.checkworthy import CheckWorthinessClassifier
    >>> clf = CheckWorthinessClassifier(random_state=0).fit(
    ...     ["Taxes rose 5%.", "Hello.", "Jobs fell 2%.", "Thanks."] * 2, [1, 0, 1, 0] * 2)
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.csv"
    >>> _ = f.write_text("text,label\\nPrices rose 9%.,1\\nHello there.,0\\n")
    >>> evaluate_model(clf, f"csv:{f}")["accuracy"]
    1.0
    """
    from stancekit.errors import LabelError
    from stancekit.evaluation.metrics import document_groups, evaluate
    from stancekit.pipeline.training import load_training_data

    task_of(
        model
    )  # a model of no task (a dict, a bare scikit-learn estimator) is refused
    frame = load_training_data(
        [spec],
        text_col=text_col,
        label_col=label_col,
        group_col=group_col,
        target_col=target_col,
    )
    classes = [c.item() if isinstance(c, np.generic) else c for c in model.classes_]
    y_true = [v.item() if isinstance(v, np.generic) else v for v in frame["label"]]
    by_text = {str(c): c for c in classes}
    # A CSV gives "1" where the model learned 1: match labels by their text.
    y_true = [v if v in classes else by_text.get(str(v), v) for v in y_true]
    unknown = sorted({str(v) for v in y_true if v not in classes})
    if unknown:
        raise LabelError(
            f"data labels must be among the model's labels {classes}; got {unknown}."
        )
    proba = np.vstack(
        [model.predict_proba(batch) for batch in _frame_batches(frame, BATCH_SIZE)]
    )
    y_pred = [classes[i] for i in decide_for(model, proba, classes)]
    positive = positive_label(classes)
    scores = proba[:, classes.index(positive)] if positive is not None else None
    groups = document_groups(frame["group"].tolist()) if "group" in frame else None
    return evaluate(
        y_true, y_pred, scores=scores, groups=groups, positive=positive, labels=classes
    )


def _frame_batches(frame: Any, size: int) -> Iterator[Any]:
    """Slices of a DataFrame that do not split a group."""
    if "group" not in frame or len(frame) <= size:
        yield frame
        return
    groups = frame["group"].to_numpy()
    start = 0
    while start < len(frame):
        stop = min(start + size, len(frame))
        while (
            stop < len(frame) and stop > start + 1 and groups[stop] == groups[stop - 1]
        ):
            stop += 1
        yield frame.iloc[start:stop].reset_index(drop=True)
        start = stop
