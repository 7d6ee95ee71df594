"""CheckWorthinessClassifier: sentences -> check-worthy or not, with a score.

Text handling lives in :class:`~stancekit.features.claims.ClaimFeatures`
(word n-grams, claim cues, document context, neighbouring sentences); this
module fits a regularised logistic regression on its matrix and calibrates
the probabilities with a sigmoid fitted on held-out folds, so that a score of
0.8 is right about 80% of the time on data like the training data.

The ranking score (``decision_function``) comes from one linear model fitted
on all the training rows; calibration only maps it monotonically to a
probability, so it never changes the order of sentences, and ``explain``
can read the reasons straight off that model's weights.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.validation import check_is_fitted

from stancekit.errors import LabelError, StancekitWarning
from stancekit.evaluation.decisions import decide_for
from stancekit.features.claims import ClaimFeatures, claim_inputs, describe_name
from stancekit.models._checks import TextInputMixin, check_fit_input, check_text_input

__all__ = ["CheckWorthinessClassifier"]

_CALIBRATION = ("sigmoid", "isotonic", None)


class CheckWorthinessClassifier(TextInputMixin, ClassifierMixin, BaseEstimator):
    """Tell check-worthy sentences from the rest, and rank them.

    Parameters
    ----------
    C : float, default=1.0
        Inverse regularisation strength of the logistic regression.
    class_weight : None, "balanced" or dict, default=None
        Class weights of the logistic regression. The default keeps the
        probabilities close to the training base rate before calibration.
    ngram_range : tuple of int, default=(1, 2)
        Word n-gram sizes.
    min_df : int, default=1
        Minimum training sentences per word n-gram.
    use_cues : bool, default=True
        Claim cues: numbers, percentages, money, dates, comparisons, names,
        past tense, reporting verbs, hedges, opinions, questions, length.
    use_context : bool, default=True
        Position in the document, speaker turns and habits, and the
        neighbouring sentences' cues (rows of one ``group``, in row order).
    neighbour_words : bool, default=False
        Also add the neighbouring sentences' word n-grams.
    context_weight : float, default=0.5
        Scale of the neighbours' columns.
    cue_weight : float, default=1.0
        Scale of the cue and context columns relative to the word columns.
    min_speaker_lines : int, default=0
        Speakers with this many training lines get a column of their own; 0
        keeps the model independent of who the speakers are.
    use_memory : bool, default=False
        Similarity to the training sentences of each label from other
        documents (claims recur across debates); see ClaimMemory.
    calibration : {"sigmoid", "isotonic", None}, default="sigmoid"
        How probabilities are calibrated (on held-out folds).
    calibration_cv : int, default=3
        Folds for calibration.
    max_iter : int, default=1000
        Iterations of the logistic regression solver.
    random_state : int or None, default=None
        Seed of the calibration folds.

    Notes
    -----
    ``fit`` takes no ``sample_weight``: the context and memory features are
    fitted on the rows as documents, where a weight has no meaning. Repeat
    rows, or use ``class_weight``.

    Context (position, neighbours, speaker turns) is read only from rows
    that carry a ``group`` (a document id); rows without one are scored
    each on its own, so a table's order never changes a score.

    Attributes
    ----------
    classes_ : ndarray
        The labels, as given (str or int).
    features_ : ClaimFeatures
        The fitted text-to-matrix transformer.
    linear_ : LogisticRegression
        The model fitted on all rows; ranking scores and explanations.
    calibrated_ : CalibratedClassifierCV or None
        Maps ``linear_``'s scores to probabilities.

    Examples
    --------
    >>> X = ["Unemployment fell to 4% in 2019.", "Thank you all.",
    ...      "We spent $2 billion on roads.", "Good evening.",
    ...      "Crime rose 10 percent last year.", "Let me finish."] * 3
    >>> y = [1, 0, 1, 0, 1, 0] * 3
    >>> clf = CheckWorthinessClassifier(random_state=0).fit(X, y)
    >>> clf.predict(["Taxes rose 5% in 2018.", "Thank you."]).tolist()
    [1, 0]
    >>> reasons = clf.explain(["Taxes rose 5% in 2018."], top=3)[0]
    >>> "contains a percentage" in [reason for reason, weight in reasons]
    True
    """

    def __init__(
        self,
        *,
        C: float = 1.0,
        class_weight: Any = None,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 1,
        use_cues: bool = True,
        use_context: bool = True,
        neighbour_words: bool = False,
        context_weight: float = 0.5,
        cue_weight: float = 1.0,
        min_speaker_lines: int = 0,
        use_memory: bool = False,
        calibration: str | None = "sigmoid",
        calibration_cv: int = 3,
        max_iter: int = 1000,
        random_state: int | None = None,
    ):
        self.C = C
        self.class_weight = class_weight
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.use_cues = use_cues
        self.use_context = use_context
        self.neighbour_words = neighbour_words
        self.context_weight = context_weight
        self.cue_weight = cue_weight
        self.min_speaker_lines = min_speaker_lines
        self.use_memory = use_memory
        self.calibration = calibration
        self.calibration_cv = calibration_cv
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, X: Any, y: Any) -> CheckWorthinessClassifier:
        """Learn from sentences (or rows with ``text``, ``speaker``, ``group``).

        Parameters
        ----------
        X : list of str, DataFrame, datasets.Dataset, list of dict
            Sentences; tables may add ``speaker`` and ``group`` (document).
        y : sequence of labels (str or int)

        Returns
        -------
        self

        Raises
        ------
        TypeError
            ``X`` is numeric rather than text.
        ValueError
            ``y`` is None or continuous.
        LabelError
            Fewer than two classes, missing labels, or as many labels as rows
            do not match.
        """
        if self.calibration not in _CALIBRATION:
            raise ValueError(
                f"calibration must be one of {list(_CALIBRATION)}; "
                f"got {self.calibration!r}."
            )
        check_text_input(X, type(self).__name__)
        check_fit_input(X, y)
        rows = claim_inputs(X)
        labels = _labels(y, len(rows["text"]))
        classes, counts = np.unique(labels, return_counts=True)
        if len(classes) < 2:
            found = classes.tolist() if len(classes) else "no rows"
            raise LabelError(
                f"training data must have at least two classes; found {found}. "
                f"A classifier cannot learn from one class: add examples of the "
                f"other label(s)."
            )
        self.features_ = ClaimFeatures(
            ngram_range=self.ngram_range,
            min_df=self.min_df,
            use_cues=self.use_cues,
            use_context=self.use_context,
            neighbour_words=self.neighbour_words,
            context_weight=self.context_weight,
            cue_weight=self.cue_weight,
            min_speaker_lines=self.min_speaker_lines,
            use_memory=self.use_memory,
            random_state=self.random_state,
        )
        matrix = self.features_.fit_transform(rows, labels)
        linear = LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            max_iter=self.max_iter,
            random_state=self.random_state,
        )
        folds = min(self.calibration_cv, int(counts.min()))
        self.calibrated_ = None
        if self.calibration is not None and folds >= 2:
            # ensemble=False: one model on all rows ranks and explains;
            # held-out folds only fit the score-to-probability map.
            self.calibrated_ = CalibratedClassifierCV(
                linear,
                method=self.calibration,
                cv=StratifiedKFold(folds, shuffle=True, random_state=self.random_state),
                ensemble=False,
            ).fit(matrix, labels)
            self.linear_ = self.calibrated_.calibrated_classifiers_[0].estimator
        else:
            if self.calibration is not None:
                warnings.warn(
                    f"probabilities are not calibrated: the rarest class has "
                    f"{int(counts.min())} example(s), calibration needs at least 2.",
                    StancekitWarning,
                    stacklevel=2,
                )
            self.linear_ = linear.fit(matrix, labels)
        self.classes_ = self.linear_.classes_
        return self

    def _matrix(self, X: Any) -> Any:
        check_is_fitted(self, "linear_")
        check_text_input(X, type(self).__name__)
        return self.features_.transform(claim_inputs(X))

    def decision_function(self, X: Any) -> np.ndarray:
        """Ranking scores: higher means more check-worthy (binary: 1-d)."""
        matrix = self._matrix(X)  # NotFittedError before fit
        return self.linear_.decision_function(matrix)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Calibrated probabilities, one column per class in ``classes_``."""
        return self._proba(self._matrix(X))

    def predict(self, X: Any) -> np.ndarray:
        """The label of each sentence: the most probable, or from the recorded
        ``decision_threshold_`` on (see :func:`~stancekit.evaluation.decisions.decide_for`)."""
        proba = self.predict_proba(X)
        return self.classes_[decide_for(self, proba)]

    def explain(self, X: Any, top: int = 5) -> list[list[tuple[str, float]]]:
        """The features that pushed each prediction most, in words.

        Parameters
        ----------
        X : list of str or table
            As for :meth:`predict`.
        top : int, default=5
            Reasons per row.

        Returns
        -------
        list of list of (str, float)
            Per row, up to ``top`` (reason, weight) pairs, strongest first;
            the weight is the feature's contribution to the score of the
            predicted class (always positive).

        Examples
        --------
        >>> X = ["Jobs rose 5%.", "Hello there.", "Taxes fell 3%.", "Thank you."] * 2
        >>> clf = CheckWorthinessClassifier(random_state=0).fit(X, [1, 0, 1, 0] * 2)
        >>> reasons = clf.explain(["Hello, jobs rose 9%."], top=2)[0]
        >>> reasons[0][0], reasons[0][1] > 0
        ('contains a percentage', True)
        """
        if not isinstance(top, int) or top < 1:
            raise ValueError(f"top must be a positive int; got {top!r}.")
        matrix = self._matrix(X)
        coef = self.linear_.coef_
        if len(self.classes_) == 2:
            coef = np.vstack([-coef[0], coef[0]])
        predicted = np.argmax(self._proba(matrix), axis=1)
        reasons = []
        for i in range(matrix.shape[0]):
            row = matrix.getrow(i)
            contrib = row.data * coef[predicted[i], row.indices]
            order = np.argsort(-contrib)[:top]
            reasons.append(
                [
                    (
                        describe_name(
                            str(self.features_.feature_names_[row.indices[j]])
                        ),
                        float(contrib[j]),
                    )
                    for j in order
                    if contrib[j] > 0
                ]
            )
        return reasons

    def _proba(self, matrix: Any) -> np.ndarray:
        model = self.calibrated_ if self.calibrated_ is not None else self.linear_
        return model.predict_proba(matrix)


def _labels(y: Any, n: int) -> np.ndarray:
    labels = list(y)
    if len(labels) != n:
        raise LabelError(
            f"y must have one label per row ({n} rows); got {len(labels)}."
        )
    missing = [i for i, v in enumerate(labels) if v is None]
    if missing:
        raise LabelError(
            f"y must not contain missing labels; row {missing[0]} has none "
            f"({len(missing)} missing in all)."
        )
    return np.asarray(labels)
