"""Training a task's model from data specs, with optional grouped CV.

The same code trains every task in :data:`stancekit.tasks.TASKS`: the data
come from :func:`stancekit.formats.load_labeled` (one or more specs), the
whole table goes to the estimator (which picks the columns it reads:
``text``/``speaker``/``group`` for check-worthiness, ``target``/``text`` for
stance), and cross-validation keeps each ``group`` (debate, article, claim)
on one side of every split, so a score never comes from a document the
model has seen.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from stancekit.errors import InputError, LabelError, ModelFileError, SchemaError
from stancekit.tasks import new_estimator, positive_label

__all__ = [
    "new_model",
    "load_training_data",
    "cross_validate_model",
    "positive_label",
    "train",
]


# Labels read as "the positive class" of a binary or one-vs-rest task.
def new_model(task: str, **params: Any) -> Any:
    """A fresh, unfitted estimator for ``task`` (see :func:`stancekit.tasks.new_estimator`)."""
    return new_estimator(task, **params)


def load_training_data(
    specs: Sequence[str | os.PathLike],
    *,
    text_col: str | None = None,
    label_col: str | None = None,
    group_col: str | None = None,
    target_col: str | None = None,
) -> Any:
    """All labeled rows of one or more data specs, as one pandas DataFrame.

    Rows keep their spec's order; when several specs are given, ``group``
    values are prefixed by the spec number so that documents of different
    files never merge.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.csv"
    >>> _ = f.write_text("text,label\\nTaxes rose 5%.,1\\nHello.,0\\n")
    >>> load_training_data([f"csv:{f}"])[["text", "label"]].shape
    (2, 2)
    """
    import pandas as pd

    from stancekit.formats import load_labeled

    if not specs:
        raise InputError("data must name at least one data spec; got none.")
    frames = []
    for i, spec in enumerate(specs):
        data = load_labeled(
            spec,
            text_col=text_col,
            label_col=label_col,
            group_col=group_col,
            target_col=target_col,
        )
        frame = data.to_pandas()
        if len(specs) > 1 and "group" in frame:
            frame["group"] = [f"{i}:{g}" for g in frame["group"]]
        frames.append(frame)
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if len(frame) == 0:
        raise InputError(f"data {', '.join(map(str, specs))} has no rows.")
    return frame


def cross_validate_model(
    task: str,
    frame: Any,
    k: int,
    *,
    seed: int = 0,
    params: dict[str, Any] | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Metrics of ``k``-fold cross-validation, grouped by ``group`` when known.

    Parameters
    ----------
    task : str
    frame : DataFrame
        Rows with ``label`` and the task's input columns.
    k : int
        Folds (at least 2). With a ``group`` column of at least ``k`` groups
        the folds keep each group whole; otherwise they are stratified.
    seed : int
    params : dict, optional
        Estimator parameters.
    progress : bool
        Print a line per fold on stderr.

    Returns
    -------
    dict
        :func:`stancekit.metrics.evaluate` over all held-out predictions,
        plus ``folds`` and ``grouped``.
    """
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    from stancekit.evaluation.metrics import evaluate

    if not isinstance(k, int) or k < 2:
        raise InputError(f"cv must be an int of at least 2; got {k!r}.")
    y = frame["label"].to_numpy()
    _check_labels(y)
    groups = frame["group"].to_numpy() if "group" in frame else None
    grouped = groups is not None and len(set(groups)) >= k
    if grouped:
        splits = GroupKFold(n_splits=k).split(frame, y, groups)
    else:
        smallest = int(np.unique(y, return_counts=True)[1].min())
        if smallest < k:
            raise LabelError(
                f"cv={k} needs at least {k} rows of every label; the rarest label "
                f"has {smallest}. Use a smaller --cv."
            )
        splits = StratifiedKFold(k, shuffle=True, random_state=seed).split(frame, y)
    labels = sorted(set(y.tolist()), key=str)
    positive = positive_label(labels)
    predicted = np.empty(len(y), dtype=object)
    scores = np.zeros(len(y))
    for fold, (train, test) in enumerate(splits, start=1):
        if progress:
            print(f"stancekit: cross-validation fold {fold}/{k}", file=sys.stderr)
        model = new_model(task, **{"random_state": seed, **(params or {})})
        model.fit(frame.iloc[train].reset_index(drop=True), y[train])
        test_rows = frame.iloc[test].reset_index(drop=True)
        proba = model.predict_proba(test_rows)
        classes = list(model.classes_)
        predicted[test] = np.asarray(classes, dtype=object)[proba.argmax(axis=1)]
        if positive is not None and positive in classes:
            scores[test] = proba[:, classes.index(positive)]
    result = evaluate(
        y.tolist(),
        predicted.tolist(),
        scores=scores if positive is not None else None,
        groups=groups.tolist() if groups is not None else None,
        positive=positive,
    )
    result["folds"] = k
    result["grouped"] = bool(grouped)
    return result


def _check_labels(y: np.ndarray) -> None:
    values = set(y.tolist())
    if len(values) < 2:
        raise LabelError(
            f"training data must have at least two labels; found only "
            f"{sorted(values, key=str)}."
        )


def train(
    task: str,
    specs: Sequence[str | os.PathLike],
    out: str | os.PathLike,
    *,
    cv: int | None = None,
    seed: int = 0,
    params: dict[str, Any] | None = None,
    text_col: str | None = None,
    label_col: str | None = None,
    group_col: str | None = None,
    target_col: str | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Train ``task`` on the data specs and save the model to ``out``.

    The model file is written only after training succeeds, atomically, so a
    failure never leaves a partial file.

    Parameters
    ----------
    task : str
        One of :data:`stancekit.tasks.TASKS`.
    specs : list of data specs
        ``FORMAT:PATH`` or paths (see :func:`stancekit.load_labeled`).
    out : path
        The model file to write.
    cv : int, optional
        Also report ``cv``-fold cross-validated metrics (grouped by
        ``group``); they go into the model's metadata.
    seed : int, default=0
        ``random_state`` of the model and of the folds.
    params : dict, optional
        Estimator parameters.
    text_col, label_col, group_col, target_col : str, optional
        Column names for generic tables.
    progress : bool, default=False
        Progress lines on stderr.

    Returns
    -------
    dict
        The metadata written into the model file: ``task``, ``data``,
        ``n_samples``, ``label_counts``, ``labels``, ``training_seconds``,
        ``params`` and, with ``cv``, ``metrics``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "d.csv").write_text(
    ...     "text,label\\n" + "Taxes rose 5%.,1\\nHello.,0\\n" * 4)
    >>> train("checkworthy", [f"csv:{d / 'd.csv'}"], d / "m.skm")["n_samples"]
    8
    """
    from stancekit.persist.files import save_model

    out = Path(out)
    if out.is_dir():
        raise ModelFileError(
            f"out must be a model file path; {str(out)!r} is a folder."
        )
    if not out.parent.is_dir():
        raise ModelFileError(
            f"out must be in an existing folder; {str(out.parent)!r} does not exist."
        )
    new_model(task)  # an unknown task fails before any data is read
    started = time.perf_counter()
    _say(progress, f"loading {len(specs)} data spec(s)")
    frame = load_training_data(
        specs,
        text_col=text_col,
        label_col=label_col,
        group_col=group_col,
        target_col=target_col,
    )
    _check_inputs(task, frame)
    y = frame["label"].to_numpy()
    _check_labels(y)
    counts = frame["label"].value_counts()
    metadata: dict[str, Any] = {
        "task": task,
        "data": [str(s) for s in specs],
        "n_samples": len(frame),
        "label_counts": {str(k): int(v) for k, v in counts.items()},
    }
    if "group" in frame:
        metadata["n_groups"] = int(frame["group"].nunique())
    if cv is not None:
        _say(progress, f"cross-validating ({cv} folds)")
        metadata["metrics"] = {
            "cv": cross_validate_model(
                task, frame, cv, seed=seed, params=params, progress=progress
            )
        }
    _say(progress, f"fitting on {len(frame)} rows")
    model = new_model(task, **{"random_state": seed, **(params or {})})
    model.fit(frame, y)
    metadata["training_seconds"] = round(time.perf_counter() - started, 2)
    metadata["params"] = {k: v for k, v in model.get_params().items() if _is_plain(v)}
    save_model(model, out, metadata=metadata)
    _say(progress, f"saved {out}")
    return metadata


def _check_inputs(task: str, frame: Any) -> None:
    """Refuse, before any fitting, data without the columns the task reads."""
    from stancekit.tasks import get_task

    missing = [c for c in get_task(task).inputs if c not in frame.columns]
    if missing:
        options = ", ".join(f"--{c}-col NAME ({c}_col= in Python)" for c in missing)
        raise SchemaError(
            f"training a {task} model needs the column(s) {missing}; the data "
            f"has {list(frame.columns)}. Say which column holds it with {options}."
        )


def _is_plain(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, float, str, tuple, list))


def _say(progress: bool, message: str) -> None:
    if progress:
        print(f"stancekit: {message}", file=sys.stderr)
