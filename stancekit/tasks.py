"""The task registry: one entry per task the package learns.

Everything that differs between tasks is here: the estimator class (as
``"module:Class"``, so nothing heavy is imported until a task is used), the
batch size of a prediction call, the columns ``predict`` adds, and which
label is the positive class whose probability is the score. Adding a task
is adding an entry.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from stancekit.errors import InputError

__all__ = [
    "TASKS",
    "Task",
    "check_task",
    "get_task",
    "new_estimator",
    "output_columns",
    "positive_label",
    "task_of",
]


@dataclass(frozen=True)
class Task:
    """What the package needs to know about one task.

    Parameters
    ----------
    name : str
        The task's name on the command line (``stancekit train NAME``).
    estimator : str
        ``"module:Class"`` of the estimator that learns it.
    batch_size : int
        Rows per prediction call; stance models analyse each distinct body
        once per call, so they gain from large calls.
    corpus_positive : str or None
        The label of the project's corpus that is the positive class
        (check-worthiness: ``"cfs"``, a check-worthy factual sentence).
    inputs : tuple of str
        The columns a row must have for the estimator to read it.
    """

    name: str
    estimator: str
    batch_size: int
    corpus_positive: str | None = None
    inputs: tuple[str, ...] = ("text",)

    @property
    def columns(self) -> tuple[str, str, str]:
        """The label, score and reasons columns that ``predict`` adds."""
        return self.name, f"{self.name}_score", f"{self.name}_reasons"


TASKS: dict[str, Task] = {
    "checkworthy": Task(
        "checkworthy",
        "stancekit.models.checkworthy:CheckWorthinessClassifier",
        batch_size=2048,
        corpus_positive="cfs",
    ),
    # Stance files (FNC-1) list pairs sharing a body far apart: bigger calls
    # share more of the per-body work.
    "stance": Task(
        "stance",
        "stancekit.models.stance:StanceClassifier",
        batch_size=20_000,
        inputs=("target", "text"),
    ),
}

# Label names that mean "the positive class" in the sources we read.
_POSITIVE_NAMES = ("1", "true", "yes", "cfs", "check-worthy", "checkworthy")


def check_task(task: str) -> str:
    """``task`` if it is a registered task name, else a clear error.

    Examples
    --------
    >>> check_task("stance")
    'stance'
    """
    if task not in TASKS:
        raise InputError(f"task must be one of {sorted(TASKS)}; got {task!r}.")
    return task


def get_task(task: str) -> Task:
    """The :class:`Task` entry of ``task``."""
    return TASKS[check_task(task)]


def output_columns(task: str) -> tuple[str, str, str]:
    """The label, score and reasons columns that ``predict`` adds for ``task``.

    Examples
    --------
    >>> output_columns("checkworthy")
    ('checkworthy', 'checkworthy_score', 'checkworthy_reasons')
    """
    return get_task(task).columns


def new_estimator(task: str, **params: Any) -> Any:
    """A fresh, unfitted estimator for ``task``.

    Examples
    --------
    >>> type(new_estimator("checkworthy", random_state=0)).__name__
    'CheckWorthinessClassifier'
    """
    module, _, name = get_task(task).estimator.partition(":")
    return getattr(importlib.import_module(module), name)(**params)


def task_of(model: Any, *, strict: bool = True) -> str | None:
    """The task of a model (the last step of a Pipeline), from the registry.

    With ``strict=False`` a model of no registered task gives ``None``
    instead of an error.

    Examples
    --------
    >>> from stancekit.models.checkworthy import CheckWorthinessClassifier
    >>> task_of(CheckWorthinessClassifier())
    'checkworthy'
    """
    steps = getattr(model, "steps", None)
    final = steps[-1][1] if isinstance(steps, list) and steps else model
    cls = type(final)
    # Models that serve several tasks (the plain n-gram model) say which.
    declared = getattr(final, "task", None)
    if isinstance(declared, str) and declared in TASKS:
        return declared
    for task in TASKS.values():
        module, _, name = task.estimator.partition(":")
        if cls.__name__ == name and cls.__module__ == module:
            return task.name
    if not strict:
        return None
    raise InputError(
        f"model must be one of the task models {sorted(TASKS)}; got a "
        f"{cls.__module__}.{cls.__name__}."
    )


def positive_label(labels: Sequence[Any]) -> Any:
    """The label whose probability is the task's score, or None.

    ``1``, ``True``, ``"yes"``, ``"cfs"`` (ClaimBuster's check-worthy verdict)
    and similar, when present; for other two-label sets the second of the
    sorted labels; None for several labels with none of those names.

    Examples
    --------
    >>> positive_label([0, 1]), positive_label(["-1", "0", "1"])
    (1, '1')
    >>> positive_label(["agree", "disagree", "discuss"]) is None
    True
    """
    plain = [v.item() if hasattr(v, "item") and callable(v.item) else v for v in labels]
    for value in plain:
        if str(value).strip().lower() in _POSITIVE_NAMES:
            return value
    if len(plain) == 2:
        return sorted(plain, key=str)[1]
    return None
