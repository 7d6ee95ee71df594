"""Input checks the text estimators share, run before any work is done."""

from __future__ import annotations

from typing import Any

import numpy as np

from stancekit.errors import LabelError

__all__ = ["TextInputMixin", "check_fit_input", "check_text_input"]


class TextInputMixin:
    """Declares string input in the estimator tags, as ``TfidfVectorizer`` does,
    so ``sklearn.utils.estimator_checks`` runs only the checks that apply."""

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()  # type: ignore[misc]
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags


def check_text_input(X: Any, name: str) -> None:
    """Refuse numeric arrays: the estimators read text, not numbers.

    Examples
    --------
    >>> check_text_input(np.zeros((2, 2)), "StanceClassifier")
    Traceback (most recent call last):
    ...
    TypeError: StanceClassifier reads text: X must hold strings (sentences, or target/text pairs); got a numeric array of shape (2, 2).
    """
    if isinstance(X, np.ndarray) and X.dtype.kind in "biufc":
        raise TypeError(
            f"{name} reads text: X must hold strings (sentences, or target/text "
            f"pairs); got a numeric array of shape {X.shape}."
        )
    if isinstance(X, (list, tuple)) and X:
        first = X[0]
        if isinstance(first, (list, tuple, np.ndarray)) and len(first):
            first = first[0]
        if isinstance(first, (int, float, np.number)) and not isinstance(first, bool):
            raise TypeError(
                f"{name} reads text: X must hold strings (sentences, or "
                f"target/text pairs); got numbers such as {first!r}."
            )


def check_fit_input(X: Any, y: Any) -> np.ndarray:
    """``y`` as an array of class labels, or a clear error naming ``y``.

    Raises
    ------
    ValueError
        ``y`` is None or continuous (regression targets).
    LabelError
        ``y`` has missing labels.

    Examples
    --------
    >>> check_fit_input(["a", "b"], [0.5, 1.7])
    Traceback (most recent call last):
    ...
    ValueError: y must hold class labels (str or int); got continuous values such as 0.5.
    """
    if y is None:
        raise ValueError(
            "y must be a sequence of labels, one per row of X; got None. "
            "These are classifiers: fit(X, y) needs labels."
        )
    if isinstance(y, str):
        raise ValueError(f"y must be a sequence of labels; got one str {y!r}.")
    values = list(y)
    missing = [i for i, v in enumerate(values) if v is None or _is_nan(v)]
    if missing:
        raise LabelError(
            f"y must not contain missing labels; row {missing[0]} has none "
            f"({len(missing)} missing in all)."
        )
    labels = np.asarray(values)
    if labels.ndim != 1:
        raise ValueError(f"y must be 1-d, one label per row; got shape {labels.shape}.")
    if labels.dtype.kind == "f":
        whole = np.isfinite(labels).all() and np.equal(np.mod(labels, 1), 0).all()
        if not whole:
            bad = next(float(v) for v in labels if not float(v).is_integer())
            raise ValueError(
                f"y must hold class labels (str or int); got continuous values "
                f"such as {bad!r}."
            )
    # strings stay as given ("agree", "FAVOR"); object dtype avoids fixed width
    return labels.astype(object) if labels.dtype.kind in "US" else labels


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and value != value
