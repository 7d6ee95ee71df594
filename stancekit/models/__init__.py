"""Classifiers: check-worthiness and stance, as scikit-learn estimators.

The registry of tasks they learn is :mod:`stancekit.tasks`.
"""

__all__: list[str] = []
