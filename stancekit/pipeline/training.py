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
    "fit_selected",
    "positive_label",
    "selection_rows",
    "train",
]


# Model selection: rows it runs on per task, and the recipe used when the
# data are too small to cross-validate (its outer folds are FOLDS of
# recipes.py). A stance row is a pair of texts (an FNC-1 body is a whole
# article), so stance selects on fewer rows: training on all of FNC-1 then
# stays under 5 minutes.
SELECT_ROWS = {"checkworthy": 6000, "stance": 3000}
_FALLBACK = "stancekit"


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
    files never merge. A table without a group column has no ``group``
    (its rows are independent), and a row without a group is a document of
    its own.

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
        frame = _documents(data.to_pandas())
        if len(specs) > 1 and "group" in frame:
            frame["group"] = [f"{i}:{g}" for g in frame["group"]]
        frames.append(frame)
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if len(frame) == 0:
        raise InputError(f"data {', '.join(map(str, specs))} has no rows.")
    return _documents(frame)  # rows of a file without groups beside one with them


def _documents(frame: Any) -> Any:
    """``frame`` whose ``group`` says which rows form a document: dropped
    when no row has one (a table of independent rows), and a row without one
    (missing or an empty cell) is a document of its own."""
    import pandas as pd

    if "group" not in frame:
        return frame
    missing = np.asarray(
        [bool(pd.isna(g)) or not str(g).strip() for g in frame["group"]]
    )
    if missing.all():
        return frame.drop(columns="group")
    if missing.any():
        frame = frame.copy()
        frame.loc[missing, "group"] = [f"<row {i}>" for i in np.flatnonzero(missing)]
    return frame


def cross_validate_model(
    task: str,
    frame: Any,
    k: int,
    *,
    seed: int = 0,
    params: dict[str, Any] | None = None,
    recipe: str = "stancekit",
    progress: bool = False,
) -> dict[str, Any]:
    """Metrics of ``k``-fold cross-validation, grouped by ``group`` when known.

    One recipe with fixed parameters, through the one loop,
    :func:`stancekit.evaluation.cv.cross_validate`.

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
    recipe : str, default="stancekit"
        The candidate recipe (see :mod:`stancekit.pipeline.recipes`).
    progress : bool
        Print a line per fold on stderr.

    Returns
    -------
    dict
        :func:`stancekit.metrics.evaluate` over all held-out predictions,
        plus ``folds``, ``grouped`` and ``per_fold``.
    """
    from stancekit.evaluation.cv import cross_validate
    from stancekit.pipeline.recipes import get_recipe

    chosen = get_recipe(task, recipe)
    y = frame["label"].to_numpy()
    _check_labels(y)
    return cross_validate(
        lambda: chosen.model(**{"random_state": seed, **(params or {})}),
        frame,
        y,
        groups=frame["group"].tolist() if "group" in frame else None,
        k=k,
        seed=seed,
        progress=(lambda m: _say(True, m)) if progress else None,
    )


def _check_labels(y: np.ndarray) -> None:
    values = set(y.tolist())
    if len(values) < 2:
        raise LabelError(
            f"training data must have at least two labels; found only "
            f"{sorted(values, key=str)}."
        )


def fit_selected(
    task: str,
    frame: Any,
    *,
    cv: int | None = None,
    recipe: str | None = None,
    seed: int = 0,
    params: dict[str, Any] | None = None,
    select_rows: int | str | None = "auto",
    tune_threshold: bool = True,
    metric: str | None = None,
    progress: bool = False,
) -> tuple[Any, dict[str, Any]]:
    """Choose a recipe by nested grouped CV on ``frame``, tune it, fit it on all.

    The work of :func:`train` once the data are loaded (see there for the
    parameters); ``experiments/benchmarks.py`` calls it on the groups it
    develops with, then scores the model on groups it held back.

    Returns
    -------
    model, dict
        The fitted model and ``recipe``, ``selection``, (with ``cv``)
        ``metrics`` and (when chosen) ``threshold`` for the model file's
        metadata.
    """
    from stancekit.evaluation.cv import take
    from stancekit.evaluation.metrics import document_groups
    from stancekit.pipeline.recipes import (
        candidates,
        get_recipe,
        inner_folds,
        select,
        selection_metric,
        selection_sample,
        threshold,
        tune_scored,
    )

    if recipe is None and params:
        recipe = "stancekit"
    select_rows = selection_rows(task, select_rows)
    y = frame["label"].to_numpy()
    found: dict[str, Any] = {}
    say = (lambda m: _say(True, m)) if progress else None
    labels = sorted(set(y.tolist()), key=str)
    if metric is not None:  # refused here, not taken for too little data below
        selection_metric(task, labels, False, metric)
    names = [recipe] if recipe is not None else candidates(task, labels, frame)
    selection: dict[str, Any] | None = None
    if len(names) > 1 or cv is not None:
        try:
            selection = select(
                task,
                frame,
                names=names,
                k=cv,
                max_rows=select_rows,
                seed=seed,
                params=params,
                tune_threshold=tune_threshold,
                metric=metric,
                progress=say,
            )
        except ValueError as exc:  # too few rows or groups for the folds
            if cv is not None:
                raise
            _say(progress, f"no selection: {exc}")
            found["selection"] = {"skipped": str(exc)}
    if selection is not None:
        chosen = selection["winner"]
        found["selection"] = {
            key: value for key, value in selection.items() if key != "metrics"
        }
        if cv is not None:
            found["metrics"] = {"cv": selection["metrics"][chosen]}
    else:
        chosen = recipe or _FALLBACK
    found["recipe"] = chosen
    chosen_recipe = get_recipe(task, chosen)
    tuned: dict[str, Any] = {}
    scored = None  # the tuning's cross-validation of the chosen grid point
    sample = selection_sample(frame, select_rows, seed)
    if selection is not None:
        # as the candidates were compared: the winner is tuned and cut on the
        # same kind of folds, by the same figure
        grouped = selection["grouped"]
    else:
        grouped = "group" in sample and sample["group"].nunique() >= 2
    sample_y = sample["label"].to_numpy()
    sample_groups = sample["group"].tolist() if grouped else None
    if selection is not None:
        metric = selection["metric"]
    else:  # ranked within documents only when groups hold several rows
        ranked = document_groups(sample_groups) is not None
        metric = selection_metric(task, labels, ranked, metric)
    inner_k = inner_folds(len(frame), select_rows)
    if not params and chosen_recipe.grid:
        _say(progress, f"tuning {chosen} on {len(sample)} rows")
        tuned, scored = tune_scored(
            chosen_recipe,
            sample,
            sample_y,
            sample_groups,
            metric=metric,
            inner_k=inner_k,
            seed=seed,
        )
    cut = None
    if tune_threshold and metric == "f1_positive" and len(labels) == 2:
        _say(progress, f"choosing the threshold of {chosen} on {len(sample)} rows")
        cut = threshold(
            chosen_recipe,
            sample,
            sample_y,
            sample_groups,
            {**tuned, **(params or {})},
            inner_k=inner_k,
            seed=seed,
            result=scored,
        )
    _say(progress, f"fitting {chosen} on {len(frame)} rows")
    model = chosen_recipe.model(**{"random_state": seed, **tuned, **(params or {})})
    model.fit(take(frame, np.arange(len(frame))), y)
    if cut is not None:
        model.decision_threshold_ = cut
        found["threshold"] = cut
    return model, found


def train(
    task: str,
    specs: Sequence[str | os.PathLike],
    out: str | os.PathLike,
    *,
    cv: int | None = None,
    recipe: str | None = None,
    seed: int = 0,
    params: dict[str, Any] | None = None,
    text_col: str | None = None,
    label_col: str | None = None,
    group_col: str | None = None,
    target_col: str | None = None,
    select_rows: int | str | None = "auto",
    tune_threshold: bool = True,
    metric: str | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Train ``task`` on the data specs, choosing the recipe, and save the model.

    Without ``recipe``, every candidate recipe of the task (see
    :mod:`stancekit.pipeline.recipes`) is scored by grouped cross-validation
    on the training data, its hyperparameters tuned inside the training
    folds; the best is tuned once more on the training data and fitted on all
    of it. The model file records every candidate's figure and the winner.
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
        Folds of the selection (default 3, or 4 for data of few
        documents: 4 to 39 groups), whose figure of the chosen
        recipe goes into the model's metadata as ``metrics.cv``. With
        ``recipe``, the folds of that recipe's cross-validation.
    recipe : str, optional
        Use this candidate and skip the selection.
    seed : int, default=0
        ``random_state`` of the model and of the folds.
    params : dict, optional
        Estimator parameters; they imply ``recipe="stancekit"`` (the task's
        own estimator) unless a recipe is named.
    text_col, label_col, group_col, target_col : str, optional
        Column names for generic tables.
    select_rows : int, None or "auto", default="auto"
        Selection and tuning run on whole groups drawn at random up to
        about this many rows (None: all rows), so large sets (FNC-1: 50,000
        pairs) train in minutes; the chosen model is fitted on all rows.
        "auto": :data:`SELECT_ROWS` of the task (6,000 sentences, 3,000
        pairs). Data of few documents (4 to 39 groups, at most 20,000
        rows: CLEF's debates) are used in full, as every document counts.
    tune_threshold : bool, default=True
        Check-worthiness tables without documents, whose recipe F1 picks:
        each candidate is scored at a threshold chosen inside its training
        folds, and the model calls a row check-worthy from the probability
        where F1 was best on held-out folds of the training data (recorded
        as ``threshold``, followed by ``predict`` and every CLI command);
        False keeps 0.5. The same whenever ``metric`` is ``f1_positive``.
    metric : str, optional
        The figure that picks the recipe and tunes its grid, one of
        :data:`~stancekit.pipeline.recipes.METRICS`; default: the
        benchmark's own (:func:`~stancekit.pipeline.recipes.selection_metric`),
        and ``f1_positive`` for ClaimBuster files, whose debates would
        otherwise make it ``map``.
    progress : bool, default=False
        Progress lines on stderr.

    Returns
    -------
    dict
        The metadata written into the model file: ``task``, ``data``,
        ``n_samples``, ``label_counts``, ``recipe``, ``selection``,
        ``training_seconds``, ``params`` and, with ``cv``, ``metrics``.

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
    from stancekit.pipeline.recipes import check_metric, get_recipe

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
    if recipe is None and params:
        recipe = "stancekit"
    if recipe is not None:
        get_recipe(task, recipe)  # an unknown recipe fails before any work
    if params:
        _check_param_names(task, recipe or "stancekit", params)
    if cv is not None and (not isinstance(cv, int) or isinstance(cv, bool) or cv < 2):
        raise InputError(f"cv must be an int of at least 2; got {cv!r}.")
    if metric is not None:
        check_metric(metric)
    selection_rows(task, select_rows)
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
    if metric is None and _all_claimbuster(specs, text_col, label_col, group_col):
        metric = "f1_positive"  # ClaimBuster's figure, though it has debates
    counts = frame["label"].value_counts()
    metadata: dict[str, Any] = {
        "task": task,
        "data": [str(s) for s in specs],
        "n_samples": len(frame),
        "label_counts": {str(k): int(v) for k, v in counts.items()},
    }
    if "group" in frame:
        metadata["n_groups"] = int(frame["group"].nunique())
    model, chosen = fit_selected(
        task,
        frame,
        cv=cv,
        recipe=recipe,
        seed=seed,
        params=params,
        select_rows=select_rows,
        tune_threshold=tune_threshold,
        metric=metric,
        progress=progress,
    )
    metadata.update(chosen)
    metadata["training_seconds"] = round(time.perf_counter() - started, 2)
    metadata["params"] = {k: v for k, v in model.get_params().items() if _is_plain(v)}
    save_model(model, out, metadata=metadata)
    _say(progress, f"saved {out}")
    return metadata


def _all_claimbuster(specs: Sequence[Any], *columns: str | None) -> bool:
    """Whether every spec is ClaimBuster data read as such (no column options)."""
    from stancekit.formats import parse_spec

    return not any(columns) and all(parse_spec(s)[0] == "claimbuster" for s in specs)


def _check_param_names(task: str, recipe: str, params: dict[str, Any]) -> None:
    """Refuse, before any data is read, a parameter the recipe's estimator lacks."""
    from stancekit.pipeline.recipes import get_recipe

    known = get_recipe(task, recipe).model(random_state=0).get_params()
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise InputError(
            f"params {unknown} are not parameters of the {recipe!r} recipe's "
            f"estimator; its parameters are {sorted(known)}."
        )


def selection_rows(task: str, select_rows: int | str | None) -> int | None:
    """The rows model selection runs on: ``select_rows``, or the task's default.

    Examples
    --------
    >>> selection_rows("stance", "auto"), selection_rows("stance", 500)
    (3000, 500)
    """
    if select_rows == "auto":
        return SELECT_ROWS.get(task, max(SELECT_ROWS.values()))
    if select_rows is not None and (
        not isinstance(select_rows, int)
        or isinstance(select_rows, bool)
        or select_rows < 1
    ):
        raise InputError(
            f"select_rows must be a positive int, None or 'auto'; got {select_rows!r}."
        )
    return select_rows


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
