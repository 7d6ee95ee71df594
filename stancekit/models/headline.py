"""HeadlineStanceClassifier: stance of a short text toward a claim, from cue words.

A logistic regression on :class:`~stancekit.features.headline_cues.HeadlineFeaturizer`
(cue words one by one, cue families, question marks, claim-text alignment,
the text's word n-grams). It is the ``headline`` candidate recipe of
``stancekit train stance``: on Emergent-style data (a headline toward a
claim, labels for/against/observing) the words that hedge or refute carry
across claims where the claim's own words do not.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from stancekit.errors import LabelError
from stancekit.features.headline_cues import HeadlineFeaturizer
from stancekit.models._checks import TextInputMixin, check_fit_input, check_text_input
from stancekit.models.ngram import linear_reasons

__all__ = ["HeadlineStanceClassifier"]


class HeadlineStanceClassifier(TextInputMixin, ClassifierMixin, BaseEstimator):
    """Stance of a headline toward a claim, learned from labeled pairs.

    Parameters
    ----------
    C : float, default=0.3
        Inverse regularisation of the logistic regression.
    ngram_range : tuple, default=(1, 2)
        Word n-grams of the text.
    class_weight : None or "balanced", default=None
    max_iter : int, default=2000
    random_state : int or None, default=None

    Attributes
    ----------
    classes_ : ndarray
    featurizer_ : HeadlineFeaturizer
    linear_ : LogisticRegression

    Examples
    --------
    >>> X = [("Cats purr", "Cats reportedly purr"), ("Cats purr", "Purring cats a hoax"),
    ...      ("Dogs bark", "Dogs said to bark"), ("Dogs bark", "Barking dogs: fake")]
    >>> clf = HeadlineStanceClassifier().fit(X, ["observing", "against"] * 2)
    >>> clf.predict([("Birds sing", "Birds reportedly sing")]).tolist()
    ['observing']
    """

    #: The task it serves (read by :func:`stancekit.tasks.task_of`).
    task = "stance"

    def __init__(
        self,
        *,
        C: float = 0.3,
        ngram_range: tuple[int, int] = (1, 2),
        class_weight: str | None = None,
        max_iter: int = 2000,
        random_state: int | None = None,
    ) -> None:
        self.C = C
        self.ngram_range = ngram_range
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, X: Any, y: Any) -> HeadlineStanceClassifier:
        """Learn the n-gram vocabulary and the linear model.

        Raises
        ------
        LabelError
            When ``y`` holds fewer than two distinct labels.
        """
        check_text_input(X, type(self).__name__)
        y = check_fit_input(X, y)
        self.classes_ = np.unique(y)
        if len(self.classes_) < 2:
            raise LabelError(
                "y must hold at least two distinct labels to learn stance; "
                f"got only {list(self.classes_)!r}."
            )
        self.featurizer_ = HeadlineFeaturizer(ngram_range=self.ngram_range)
        Z = self.featurizer_.fit_transform(X)
        self.linear_ = LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            max_iter=self.max_iter,
            random_state=self.random_state,
        ).fit(Z, y)
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities, one column per class in ``classes_``."""
        check_is_fitted(self, "linear_")
        return self.linear_.predict_proba(self.featurizer_.transform(X))

    def predict(self, X: Any) -> np.ndarray:
        """The most probable label of each pair."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    def explain(self, X: Any, top: int = 5) -> list[dict[str, Any]]:
        """Per pair: ``label``, ``score`` and the features that pushed it most.

        Examples
        --------
        >>> X = [("Cats purr", "Cats reportedly purr"), ("Cats purr", "A hoax")] * 2
        >>> clf = HeadlineStanceClassifier().fit(X, ["observing", "against"] * 2)
        >>> clf.explain([("Cats purr", "It is a hoax")])[0]["label"]
        'against'
        """
        check_is_fitted(self, "linear_")
        if not isinstance(top, (int, np.integer)) or top < 1:
            raise ValueError(f"top must be a positive int; got {top!r}.")
        Z = self.featurizer_.transform(X)
        names = self.featurizer_.get_feature_names_out()
        return [
            {
                "label": str(self.classes_[best]),
                "score": score,
                "reasons": [f"{r} ({w:+.2f})" for r, w in reasons],
            }
            for best, score, reasons in linear_reasons(self.linear_, Z, names, top)
        ]
