"""What a model argument means: a fitted estimator, a model file, or ``"default"``.

The one place that decides it, for the command line, :func:`stancekit.label`,
worker processes and Dask tasks alike.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from stancekit.errors import InputError
from stancekit.pipeline.defaults import (
    DEFAULT,
    TASKS,
    default_model,
    ensure_default_model,
)

__all__ = ["DEFAULT", "load_task_model", "resolve_model"]


def resolve_model(spec: str | os.PathLike, task: str | None = None) -> Path:
    """The model file a ``--model`` value names (``~`` expanded, as the
    worker processes of ``--jobs`` expand it): ``default`` needs a task."""
    if str(spec) != DEFAULT:
        # os.path's expanduser leaves "~nosuchuser" as it is (Path's raises)
        return Path(os.path.expanduser(os.fspath(spec)))
    if task is None:
        raise InputError(
            "--model default needs a task: the default models are "
            f"{TASKS}; pass the task or a model file."
        )
    return ensure_default_model(task)


def load_task_model(model: Any, task: str) -> Any:
    """A fitted model from an estimator, a model file path, or ``"default"``."""
    if model is None or hasattr(model, "predict"):
        return model
    from stancekit.persist.files import load_model

    if str(model) == DEFAULT:
        return default_model(task)
    return load_model(resolve_model(model, task))
