"""PerTargetClassifier: one n-gram model per recurring target (topic stance).

The organisers' baseline of SemEval-2016 Task 6, which no team beat: for
each target its own linear model on the texts' word 1-3-grams and character
2-5-grams. Within one topic the words that carry stance are the topic's own
("#prolife", "emissions"), and a model per topic does not have to share its
weights with the others. Here each target with at least
``min_target_rows`` training rows and two labels gets its own
:class:`~stancekit.models.ngram.NgramClassifier` on the text alone; every
other row (a target seen too rarely, or never) is labelled by one shared
model that reads target and text (``target_mode="shared"``).

It helps only when the targets of the rows to label recur in training
(SemEval's five topics); for targets never seen it is the shared model.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from stancekit.errors import LabelError
from stancekit.evaluation.decisions import decide_for
from stancekit.features.pairs import as_pairs
from stancekit.models._checks import TextInputMixin, check_fit_input, check_text_input
from stancekit.models.ngram import NgramClassifier, target_key

__all__ = ["PerTargetClassifier"]


class PerTargetClassifier(TextInputMixin, ClassifierMixin, BaseEstimator):
    """A word + character n-gram model per recurring target, and a shared one.

    Parameters
    ----------
    min_target_rows : int, default=10
        Training rows (of at least two labels) a target needs to get its
        own model.
    word_ngrams : tuple of int, default=(1, 3)
    char_ngrams : tuple of int or None, default=(2, 5)
    C : float, default=1.0
        Inverse regularisation of every logistic regression.
    class_weight : None or "balanced", default="balanced"
    random_state : int or None, default=None

    Attributes
    ----------
    classes_ : ndarray
    shared_ : NgramClassifier
        Target and text, fitted on every row: for targets without a model.
    per_target_ : dict
        Normalised target -> its NgramClassifier (text only).

    Examples
    --------
    >>> X = [("tea", "I love it"), ("tea", "I hate it"),
    ...      ("tax", "I love it"), ("tax", "I hate it")] * 3
    >>> y = ["FAVOR", "AGAINST", "AGAINST", "FAVOR"] * 3
    >>> clf = PerTargetClassifier(min_target_rows=4, random_state=0).fit(X, y)
    >>> clf.predict([("tea", "love it"), ("tax", "love it")]).tolist()
    ['FAVOR', 'AGAINST']
    """

    #: The task it serves (read by :func:`stancekit.tasks.task_of`).
    task = "stance"

    def __init__(
        self,
        *,
        min_target_rows: int = 10,
        word_ngrams: tuple[int, int] = (1, 3),
        char_ngrams: tuple[int, int] | None = (2, 5),
        C: float = 1.0,
        class_weight: str | None = "balanced",
        random_state: int | None = None,
    ) -> None:
        self.min_target_rows = min_target_rows
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.C = C
        self.class_weight = class_weight
        self.random_state = random_state

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> PerTargetClassifier:
        """Fit the shared model on every row and a model per recurring target.

        Parameters
        ----------
        X : (target, text) pairs: a DataFrame or Dataset with ``target`` and
            ``text``, a list of dicts, or a list of (target, text)
        y : sequence of labels
        sample_weight : array-like, optional
            Passed to every model, each its own rows' weights.
        """
        labels = check_fit_input(X, y)
        targets, texts = self._pairs(X)
        if len(labels) != len(texts):
            raise ValueError(
                f"y must have one label per row ({len(texts)} rows); got {len(labels)}."
            )
        self.classes_ = np.unique(labels)
        if len(self.classes_) < 2:
            raise LabelError(
                f"y must hold at least two distinct labels; got only "
                f"{self.classes_.tolist()!r}."
            )
        weights = None if sample_weight is None else np.asarray(sample_weight)
        pairs = list(zip(targets, texts, strict=True))
        self.shared_ = self._model("shared").fit(pairs, labels, sample_weight=weights)
        self.per_target_: dict[str, NgramClassifier] = {}
        for key, rows in sorted(_rows_by_target(targets).items()):
            if len(rows) < self.min_target_rows or len(set(labels[rows])) < 2:
                continue
            self.per_target_[key] = self._model("none").fit(
                [pairs[i] for i in rows],
                labels[rows],
                sample_weight=None if weights is None else weights[rows],
            )
        return self

    def _model(self, target_mode: str) -> NgramClassifier:
        return NgramClassifier(
            task="stance",
            target_mode=target_mode,
            word_ngrams=self.word_ngrams,
            char_ngrams=self.char_ngrams,
            C=self.C,
            class_weight=self.class_weight,
            random_state=self.random_state,
        )

    def _pairs(self, X: Any) -> tuple[list[str], list[str]]:
        check_text_input(X, type(self).__name__)
        return as_pairs(X)

    def _routes(self, X: Any) -> tuple[list[tuple[str, str]], dict[str, np.ndarray]]:
        """The pairs, and the rows each per-target model labels."""
        check_is_fitted(self, "shared_")
        targets, texts = self._pairs(X)
        routes = {
            key: rows
            for key, rows in _rows_by_target(targets).items()
            if key in self.per_target_
        }
        return list(zip(targets, texts, strict=True)), routes

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities, one column per class in ``classes_``; a target's
        model gives 0 to a label it never saw."""
        pairs, routes = self._routes(X)
        if not pairs:
            return np.zeros((0, len(self.classes_)))
        proba = self.shared_.predict_proba(pairs)
        for key, rows in routes.items():
            model = self.per_target_[key]
            columns = np.searchsorted(self.classes_, model.classes_)
            proba[rows] = 0.0
            proba[np.ix_(rows, columns)] = model.predict_proba([pairs[i] for i in rows])
        return proba

    def predict(self, X: Any) -> np.ndarray:
        """The label of each row (see
        :func:`~stancekit.evaluation.decisions.decide_for`)."""
        proba = self.predict_proba(X)
        return self.classes_[decide_for(self, proba)]

    def explain(self, X: Any, top: int = 5) -> list[dict[str, Any]]:
        """Per row: ``label``, ``score`` and the n-grams that pushed it most,
        from the model that labelled it (its target's, else the shared one).

        Examples
        --------
        >>> X = [("tea", "I love it"), ("tea", "I hate it")] * 3
        >>> clf = PerTargetClassifier(min_target_rows=4, char_ngrams=None).fit(
        ...     X, ["FAVOR", "AGAINST"] * 3)
        >>> clf.explain([("tea", "love")], top=1)[0]["label"]
        'FAVOR'
        """
        pairs, routes = self._routes(X)
        if not pairs:
            return []
        out = self.shared_.explain(pairs, top=top)
        for key, rows in routes.items():
            mine = self.per_target_[key].explain([pairs[i] for i in rows], top=top)
            for i, row in zip(rows, mine, strict=True):
                out[i] = row
        return out


def _rows_by_target(targets: list[str]) -> dict[str, np.ndarray]:
    """The row indices of each target (by :func:`target_key`), in one pass."""
    rows: dict[str, list[int]] = {}
    for i, target in enumerate(targets):
        rows.setdefault(target_key(target), []).append(i)
    return {key: np.asarray(index) for key, index in rows.items()}
