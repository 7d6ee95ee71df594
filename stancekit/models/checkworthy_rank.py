"""CheckWorthinessRanker: a stacked model that ranks the lines of a document.

Check-worthiness is judged within a document: a debate's lines are ranked
and the top ones go to the fact-checkers (CLEF CheckThat! scores the
ranking by mean average precision over debates). Two levels:

1. a word (and optionally character) n-gram logistic regression reads each
   line; on the training rows its scores come from models that did not see
   the line's document (out of fold), so the second level learns how far
   to trust it on unseen documents;
2. a second level reads that score with dense, general features of the
   line -- length, numbers, names, comparisons, opinions, questions
   (:class:`~stancekit.features.cues.ClaimCues`) -- and, for rows that
   carry a document (``group``), of its surroundings: where it sits in the
   speaker's turn, whether it answers a question, the neighbouring lines'
   and the turn's scores, and how its score compares with the rest of its
   document (:class:`~stancekit.features.context.LineContext`). A balanced
   logistic regression and a gradient-boosted tree model
   (``HistGradientBoostingClassifier``, one OpenMP thread) each give a
   probability, and a third member learns from pairs of lines of one
   document, a check-worthy line against one that is not (a ranking
   objective within each debate, ``pairwise``); the score is the mean of
   the three. Optionally (``blend``) the first level's own probability is
   mixed into the score.

A ``prior`` (:class:`Prior`) adds a model trained elsewhere -- the bundled
default check-worthiness model, fitted on the project's own news
sentences -- as three more second-level features: its score of each line
and, for rows of a document, that score standardised within the document
and its rank there. It is transfer of what a check-worthy claim looks like
in news, not of the training rows, so it needs no out-of-fold scores.
``contrasts`` adds how a line's within-document score stands against its
own turn and speaker. Neither won on the development debates (both off
by default; docs/checkworthy.md).

The settings were chosen by grouped CV on 16 CLEF-2019 development debates
(``experiments/checkworthy_rank_cv.py``; figures in docs/checkworthy.md).

Rows without a ``group`` are independent sentences: none of their features
depends on another row, so a table's order never changes a score.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from stancekit.errors import LabelError
from stancekit.evaluation.cv import folds
from stancekit.evaluation.decisions import decide_for
from stancekit.features.claims import claim_inputs
from stancekit.features.context import LineContext, relative_scores, shift_rows
from stancekit.features.cues import ClaimCues
from stancekit.models._checks import TextInputMixin, check_fit_input, check_text_input
from stancekit.models.ngram import NgramClassifier

__all__ = ["CheckWorthinessRanker", "Prior"]

_LEVELS = ("both", "linear", "trees")


class Prior:
    """A fitted check-worthiness model whose scores a ranker reads as features.

    A holder, not an estimator: scikit-learn's ``clone`` copies it as it is,
    so the model inside stays fitted when a ranker is cloned (a fitted
    estimator given as a parameter would come back unfitted).

    Parameters
    ----------
    model : fitted model with ``decision_function`` (or ``predict_proba``)
        It reads the ranker's rows (``text``, ``speaker``, ``group``), e.g.
        the default model, ``stancekit.pipeline.defaults.default_model(
        "checkworthy")``.

    Examples
    --------
    >>> from stancekit.models.ngram import NgramClassifier
    >>> news = NgramClassifier(random_state=0).fit(
    ...     ["Taxes rose 5%.", "Hello there."] * 4, [1, 0] * 4)
    >>> Prior(news).scores({"text": ["Jobs rose 5%."]}).shape
    (1,)
    """

    def __init__(self, model: Any) -> None:
        self.model = model

    def scores(self, rows: dict[str, list[Any]]) -> np.ndarray:
        """The model's score of each row (higher: more check-worthy)."""
        if hasattr(self.model, "decision_function"):
            score = np.asarray(self.model.decision_function(rows), dtype=float)
        else:
            score = np.asarray(self.model.predict_proba(rows), dtype=float)[:, -1]
        if score.ndim != 1:
            raise ValueError(
                "the prior must give one score per row (a binary model); got "
                f"scores of shape {score.shape}."
            )
        return score


class CheckWorthinessRanker(TextInputMixin, ClassifierMixin, BaseEstimator):
    """Rank check-worthy lines: n-gram score stacked with line and context features.

    Parameters
    ----------
    C : float, default=0.3
        Inverse regularisation of the n-gram logistic regression.
    char_ngrams : tuple of int or None, default=None
        Character n-grams of the first level (None: words only, faster).
    stack_folds : int, default=3
        Folds of the out-of-fold n-gram scores the second level learns from
        (grouped by document when the rows carry one).
    second : {"both", "linear", "trees"}, default="both"
        The second level: balanced logistic regression, gradient-boosted
        trees, or the mean of both probabilities.
    use_context : bool, default=True
        Read the document around each line (rows with a ``group``).
    max_iter : int, default=200
        Boosting iterations of the trees.
    max_leaf_nodes, min_samples_leaf : int, default=7, 100
        Size of each tree, and rows per leaf (larger: smoother; at most a
        twentieth of the training rows, so small tables still split).
    neighbour_cues : bool, default=False
        Also the claim cues of the previous and the next line of the same
        document (rows with a ``group``; others get zeros). Read only with
        ``use_context=True``: without it rows are independent and this
        switch has no effect.
    pairwise : bool, default=True
        Add a linear model of the dense features trained on pairs of lines
        of one document (check-worthy minus not, up to ``pairs_per_line``
        per check-worthy line; rows without a document form one pool), its
        score turned into a probability by a one-feature logistic fit.
    pairs_per_line : int, default=20
    blend : float, default=0.0
        Weight of the first level's probability in the final score (0: the
        second level alone).
    contrasts : bool, default=False
        With ``use_context``, also how a line's within-document score stands
        against its own turn's best and mean and its speaker's mean (the
        differences; 0 for rows without a document).
    prior : Prior or None, default=None
        A model fitted elsewhere (e.g. the default check-worthiness model)
        whose score, and for rows of a document its within-document z-score
        and rank, join the second level's features.
    random_state : int or None, default=None

    Attributes
    ----------
    classes_ : ndarray
    text_ : NgramClassifier
        The first level, fitted on all rows.
    cues_ : ClaimCues
    context_ : LineContext or None
    linear_ : LogisticRegression or None
    trees_ : HistGradientBoostingClassifier or None
    pairwise_ : tuple of LogisticRegression or None
        The pair model and its one-feature calibration.

    Examples
    --------
    >>> X = ["Unemployment fell to 4% in 2019.", "Thank you all.",
    ...      "We spent $2 billion on roads.", "Good evening.",
    ...      "Crime rose 10 percent last year.", "Let me finish."] * 4
    >>> clf = CheckWorthinessRanker(random_state=0).fit(X, [1, 0, 1, 0, 1, 0] * 4)
    >>> clf.predict(["Taxes rose 5% in 2018.", "Thank you."]).tolist()
    [1, 0]
    """

    #: The task it serves (read by :func:`stancekit.tasks.task_of`).
    task = "checkworthy"

    def __init__(
        self,
        *,
        C: float = 0.3,
        char_ngrams: tuple[int, int] | None = None,
        stack_folds: int = 3,
        second: str = "both",
        use_context: bool = True,
        max_iter: int = 200,
        max_leaf_nodes: int = 7,
        min_samples_leaf: int = 100,
        neighbour_cues: bool = False,
        pairwise: bool = True,
        pairs_per_line: int = 20,
        blend: float = 0.0,
        contrasts: bool = False,
        prior: Prior | None = None,
        random_state: int | None = None,
    ) -> None:
        self.C = C
        self.char_ngrams = char_ngrams
        self.stack_folds = stack_folds
        self.second = second
        self.use_context = use_context
        self.max_iter = max_iter
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.neighbour_cues = neighbour_cues
        self.pairwise = pairwise
        self.pairs_per_line = pairs_per_line
        self.blend = blend
        self.contrasts = contrasts
        self.prior = prior
        self.random_state = random_state

    def fit(self, X: Any, y: Any) -> CheckWorthinessRanker:
        """Learn from sentences (or rows with ``text``, ``speaker``, ``group``).

        Raises
        ------
        ValueError
            ``second`` is not one of "both", "linear", "trees", or
            ``blend`` is not between 0 and 1.
        TypeError
            ``prior`` is not a :class:`Prior`.
        LabelError
            Fewer than two classes, or not one label per row.
        """
        if self.second not in _LEVELS:
            raise ValueError(
                f"second must be one of {list(_LEVELS)}; got {self.second!r}."
            )
        if not 0.0 <= self.blend <= 1.0:
            raise ValueError(f"blend must be between 0 and 1; got {self.blend!r}.")
        if self.prior is not None and not isinstance(self.prior, Prior):
            raise TypeError(
                "prior must be a Prior holding a fitted model, e.g. "
                f"Prior(default_model('checkworthy')); got {type(self.prior).__name__}."
            )
        check_text_input(X, type(self).__name__)
        labels = check_fit_input(X, y)
        rows = claim_inputs(X)
        if len(labels) != len(rows["text"]):
            raise LabelError(
                f"y must have one label per row ({len(rows['text'])} rows); "
                f"got {len(labels)}."
            )
        classes = np.unique(labels)
        if len(classes) < 2:
            raise LabelError(
                f"training data must have at least two classes; found "
                f"{classes.tolist()}. Add examples of the other label."
            )
        self.text_ = self._text_model().fit(rows["text"], labels)
        scores = self._out_of_fold(rows, labels)
        self.cues_ = ClaimCues().fit(rows["text"])
        self.context_ = LineContext() if self.use_context else None
        dense = self._dense(rows, scores)
        self.scaler_ = StandardScaler().fit(dense)
        scaled = self.scaler_.transform(dense)
        self.linear_ = self.trees_ = None
        if self.second in ("both", "linear"):
            self.linear_ = LogisticRegression(
                C=0.1, class_weight="balanced", max_iter=2000
            ).fit(scaled, labels)
        if self.second in ("both", "trees"):
            self.trees_ = HistGradientBoostingClassifier(
                learning_rate=0.05,
                max_iter=self.max_iter,
                max_leaf_nodes=self.max_leaf_nodes,
                min_samples_leaf=max(1, min(self.min_samples_leaf, len(labels) // 20)),
                l2_regularization=1.0,
                class_weight="balanced",
                random_state=self.random_state,
            )
            with threadpool_limits(1, user_api="openmp"):
                self.trees_.fit(dense, labels)
        self.pairwise_ = None
        if self.pairwise:
            self.pairwise_ = _fit_pairs(
                scaled,
                labels == classes[1],
                _documents(rows),
                self.pairs_per_line,
                self.random_state,
            )
        self.classes_ = classes
        return self

    def _text_model(self) -> NgramClassifier:
        return NgramClassifier(
            task="checkworthy",
            C=self.C,
            char_ngrams=self.char_ngrams,
            random_state=self.random_state,
        )

    def _out_of_fold(
        self, rows: dict[str, list[Any]], labels: np.ndarray
    ) -> np.ndarray:
        """The first level's score of every training row, from a model that
        did not see the row's document (or the row, without documents).
        Needs ``text_`` fitted: too few rows for folds use its scores."""
        groups = _documents(rows)
        k = max(2, self.stack_folds)
        try:
            splits, _ = folds(labels, groups, k, seed=self.random_state or 0)
        except (ValueError, LabelError):
            splits = []  # too few rows of a class: in-sample scores
        texts = rows["text"]
        if not splits:  # the first level fitted on all rows is that model
            return self.text_.decision_function(texts)
        scores = np.zeros(len(labels))
        for train, test in splits:
            if len(np.unique(labels[train])) < 2:
                continue
            model = self._text_model().fit([texts[i] for i in train], labels[train])
            scores[test] = model.decision_function([texts[i] for i in test])
        return scores

    def _dense(self, rows: dict[str, list[Any]], scores: np.ndarray) -> np.ndarray:
        cues = self.cues_.transform(rows["text"])
        blocks = [scores[:, None], cues.toarray()]
        if self.context_ is not None:
            context = self.context_.transform(rows, scores)
            blocks.append(context)
            if self.contrasts:
                blocks.append(_contrasts(context))
            if self.neighbour_cues:
                for offset in (-1, 1):
                    blocks.append(shift_rows(cues, rows["group"], offset).toarray())
        if self.prior is not None:  # last: a ranker without one is as before
            prior = self.prior.scores(rows)
            blocks.append(prior[:, None])
            if self.context_ is not None:
                blocks.append(relative_scores(prior, rows["group"]))
        return np.hstack(blocks)

    def _second(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "text_")
        check_text_input(X, type(self).__name__)
        rows = claim_inputs(X)
        if not rows["text"]:
            return np.zeros((0, len(self.classes_)))
        dense = self._dense(rows, self.text_.decision_function(rows["text"]))
        scaled = self.scaler_.transform(dense)
        probs = []
        if self.linear_ is not None:
            probs.append(self.linear_.predict_proba(scaled))
        if self.trees_ is not None:
            with threadpool_limits(1, user_api="openmp"):
                probs.append(self.trees_.predict_proba(dense))
        if self.pairwise_ is not None:
            pairs, scale = self.pairwise_
            score = pairs.decision_function(scaled)
            probs.append(scale.predict_proba(score[:, None]))
        proba = np.mean(probs, axis=0)
        if self.blend:
            first = self.text_.predict_proba(rows["text"])
            proba = (1 - self.blend) * proba + self.blend * first
        return proba

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities, one column per class in ``classes_``."""
        return self._second(X)

    def decision_function(self, X: Any) -> np.ndarray:
        """Ranking scores (binary: the probability of ``classes_[1]``)."""
        proba = self._second(X)
        return proba[:, 1] if proba.shape[1] == 2 else proba

    def predict(self, X: Any) -> np.ndarray:
        """The label of each row: the most probable, or from the recorded
        ``decision_threshold_`` on (see :func:`~stancekit.evaluation.decisions.decide_for`)."""
        proba = self._second(X)
        return self.classes_[decide_for(self, proba)]

    def explain(self, X: Any, top: int = 5) -> list[list[tuple[str, float]]]:
        """The words and characters the first level weighed most, per row.

        Each weight is the reason's push toward the label this model
        predicts: where the first level alone would predict the other
        label, its reasons count against (negative weights).

        Examples
        --------
        >>> X = ["Jobs rose 5%.", "Hello there.", "Taxes fell 3%.", "Thank you."] * 4
        >>> clf = CheckWorthinessRanker(random_state=0).fit(X, [1, 0, 1, 0] * 4)
        >>> reasons = clf.explain(["Jobs fell 9%."], top=2)[0]
        >>> sorted(reason for reason, _ in reasons), reasons[0][1] > 0
        (["word 'fell'", "word 'jobs'"], True)
        """
        predicted = self.predict(X)
        text = [str(t) for t in claim_inputs(X)["text"]]
        first = self.text_.predict(text)
        return [
            [(reason, w if same else -w) for reason, w in reasons]
            for reasons, same in zip(
                self.text_.explain(text, top=top), first == predicted, strict=True
            )
        ]


def _fit_pairs(
    dense: np.ndarray,
    positive: np.ndarray,
    groups: list[Any] | None,
    per_line: int,
    seed: int | None,
) -> tuple[LogisticRegression, LogisticRegression] | None:
    """A linear scorer learned from (check-worthy, not) pairs of one
    document, and a logistic fit that turns its score into a probability;
    None when no document holds both kinds of line."""
    rng = np.random.RandomState(seed or 0)
    keys = np.asarray([""] * len(dense) if groups is None else [str(g) for g in groups])
    wins, losses = [], []
    for key in np.unique(keys):
        inside = keys == key
        good = np.flatnonzero(inside & positive)
        bad = np.flatnonzero(inside & ~positive)
        if not len(good) or not len(bad):
            continue
        for i in good:
            chosen = rng.choice(bad, min(per_line, len(bad)), replace=False)
            wins.extend([i] * len(chosen))
            losses.extend(chosen)
    if not wins:
        return None
    diff = dense[wins] - dense[losses]
    both = np.vstack([diff, -diff])
    sides = np.r_[np.ones(len(diff)), np.zeros(len(diff))]
    pairs = LogisticRegression(C=0.1, fit_intercept=False, max_iter=2000)
    pairs.fit(both, sides)
    score = pairs.decision_function(dense)[:, None]
    scale = LogisticRegression(class_weight="balanced").fit(score, positive)
    return pairs, scale


_NAMES = LineContext.names()
_OWN = _NAMES.index("score_z")
_AGAINST = [_NAMES.index(n) for n in ("turn_max_z", "turn_mean_z", "speaker_mean_z")]


def _contrasts(context: np.ndarray) -> np.ndarray:
    """A line's within-document score minus its turn's best and mean and its
    speaker's mean (LineContext columns; all 0 for rows of no document)."""
    return context[:, [_OWN]] - context[:, _AGAINST]


def _documents(rows: dict[str, list[Any]]) -> list[Any] | None:
    """The rows' documents, or None when no row names one."""
    return rows["group"] if any(g is not None for g in rows["group"]) else None
