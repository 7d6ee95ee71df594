"""Classifiers, and the registry of tasks the command line can train.

``TASKS`` maps a task name (``stancekit train TASK``) to the estimator class
that learns it, as ``"module:Class"`` so that nothing heavy is imported
until a task is used.
"""

from __future__ import annotations

__all__ = ["TASKS"]

TASKS = {
    "checkworthy": "stancekit.models.checkworthy:CheckWorthinessClassifier",
    "stance": "stancekit.models.stance:StanceClassifier",
}
