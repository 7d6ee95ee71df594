"""StanceClassifier: (target, text) pairs -> stance label.

One estimator serves three settings: topic stance of tweets (SemEval-2016:
FAVOR/AGAINST/NONE), headline stance toward a claim (Emergent:
for/against/observing) and body stance toward a headline on long articles
(FNC-1: agree/disagree/discuss/unrelated). Text handling lives in
:class:`~stancekit.features.pairs.PairFeaturizer`; this module chooses and
combines classifiers over its numeric matrix.

When the labels include ``unrelated`` the decision is made relatedness
first: one classifier separates related from unrelated pairs, a second one
(trained on related pairs only) picks the stance, and the probabilities
multiply. Relatedness is mostly a similarity question and stance mostly a
cue question; one classifier for both lets the 73% ``unrelated`` mass drown
the rare ``disagree``.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from stancekit.errors import InputError, LabelError
from stancekit.evaluation.decisions import (
    DECISION_RULES,
    decide_for,
    decision_rule,
    model_rule,
)
from stancekit.features.claim_target import plain_motion
from stancekit.features.pairs import PairFeaturizer, as_pairs
from stancekit.features.target_polarity import CLAIM_POLARITY_NAMES, target_direction
from stancekit.models._checks import TextInputMixin, check_fit_input, check_text_input

__all__ = ["StanceClassifier", "abstain", "abstain_label"]

_CLASSIFIERS = ("linear", "mlp", "gbm", "ensemble")
_FEATURES = ("all", "claim_polarity")
_UNRELATED = "unrelated"
_ABSTAIN = ("none", "neutral", "observing")
_FAVOR = ("favor", "for", "agree")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


class StanceClassifier(TextInputMixin, ClassifierMixin, BaseEstimator):
    """Stance of a text toward a target, learned from labeled pairs.

    Parameters
    ----------
    classifier : {"linear", "mlp", "gbm", "ensemble"}, default="linear"
        "linear": logistic regression on all features; "mlp": a one-layer
        neural network on all features; "gbm": histogram gradient boosting
        on the dense pair features (similarity, overlap, BM25, cues);
        "ensemble": the mean of the linear and gbm probabilities.
    relatedness_first : {"auto", True, False}, default="auto"
        Decide ``unrelated`` first with its own classifier. "auto": when
        ``unrelated`` is one of the labels.
    top_k : int, default=3
        Sentences most similar to the target that stand for a long text.
    text_scope : {"related", "full", "both"}, default="both"
        What the text n-gram block describes (see PairFeaturizer).
    per_target : {"auto", True, False}, default="auto"
        Target-specific n-grams for recurring targets (see PairFeaturizer).
    max_features : int, default=20000
    C : float, default=1.0
        Inverse regularization of the linear model.
    hidden_layer_sizes : tuple, default=(100,)
    max_iter : int, default=200
        Iterations of the linear/MLP solver; boosting rounds for "gbm".
    class_weight : None or "balanced", default=None
    random_state : int or None, default=None
    target_polarity : bool, default=False
        Add the target-polarity features that carry across targets (see
        :mod:`stancekit.features.target_polarity`).
    ngrams : bool, default=True
        Use the n-gram blocks; ``False`` keeps the dense pair features only.
    features : {"all", "claim_polarity"}, default="all"
        "claim_polarity": the classifiers see only
        :data:`~stancekit.features.target_polarity.CLAIM_POLARITY_NAMES`,
        stance as the motion's polarity times the claim's sentiment
        (Bar-Haim et al., 2017), for targets never seen in training, where
        everything topic-specific overfits (it implies
        ``target_polarity=True`` and ``ngrams=False``).
    polarity_weight : float, default=0.0
        Weight of a second opinion that carries to targets never seen: a
        logistic regression on the claim-polarity features alone (as
        ``features="claim_polarity"``). The probabilities become the main
        model's times the second's to this power, renormalised (a product
        of experts): where the main model is sure it decides, where it is
        unsure (a text that shares no words with its target) the claim's
        polarity moves it. ``0``: no second opinion. :meth:`explain` names
        the main model's features, then each opinion's probability.
    trees_weight : float, default=0.0
        Weight of another opinion, from gradient-boosted trees on the dense
        pair features (the classifier ``"gbm"`` fits; on the claim-polarity
        features alone with ``features="claim_polarity"``), multiplied in as
        ``polarity_weight``'s is. The linear models add the features' votes
        up; trees read them together (a negation with the target mentioned,
        a refuting verb inside a quotation). ``0``: no trees.
        :meth:`explain` gives their probability of the label beside the
        main model's.
    abstain_threshold : float or None, default=None
        Abstain rather than mislead: :meth:`predict` gives a stance label
        only when its probability is at least this; otherwise the abstain
        label (``none``, ``NONE``, ``neutral`` or ``observing``, whichever
        is among the classes). ``None``: always the most probable label.
        :meth:`predict_proba` is not affected.
    signed_ngrams : bool, default=False
        Add a second copy of the text n-gram block, multiplied by each
        target's direction
        (:func:`~stancekit.features.target_polarity.target_direction`: -1
        for a target phrased against something, "should not", "X is
        harmful"; +1 otherwise). A word then learns which side it takes
        relative to the target's direction, so "welcomed" or "unaffordable"
        learned toward "should" targets carry, reversed, to "should not"
        ones (no effect with ``ngrams=False``).
    restated_favor : bool, default=False
        A text that is the target itself (the same words, ignoring case and
        punctuation: a headline measured against itself, the default target
        of ``stancekit label``) is in favor of it, with probability 1, when
        a favor label (``favor``, ``FAVOR``, ``for``, ``agree``) is among
        the classes.
    decision : {"auto", "argmax", "fnc_score"}, default="auto"
        How :meth:`predict` turns probabilities into labels
        (:func:`stancekit.evaluation.decisions.decide`, which ``stancekit
        predict``/``evaluate`` and the recipe selection also follow):
        ``"fnc_score"`` gives the label of the highest expected FNC-1 score
        (a pair is called related from a probability of about 0.2-0.33 of
        being related, since that decision alone earns a quarter of a
        related pair's score); ``"argmax"`` the most probable label;
        ``"auto"``: ``"fnc_score"`` when the labels are FNC-1's four and
        ``class_weight`` is None (reweighted classes make the probabilities
        of "related" too high for the rule), else ``"argmax"``.
        :meth:`predict_proba` is not affected.
    dense_scale : float, default=1.0
        The solver's conditioning: the linear models are fitted with the
        dense pair features (standardized, one per column, unlike the
        sparse n-grams) multiplied by this, and their coefficients
        multiplied by it afterwards, so prediction reads the features
        unchanged. Below 1 the dense coefficients are penalized
        ``1 / dense_scale**2`` times more; the Hessian's largest curvatures
        shrink, and newton-cg needs far fewer steps (0.3: 3-4 times faster
        on the default stance model, docs/default-models-history.md).
    plain_motions : bool, default=False
        Read a debate motion in the parliamentary frame as the plain
        motion it states (:func:`~stancekit.features.claim_target.plain_motion`:
        "This house would X" as "We should X"), in training and prediction;
        a text that is the target itself is still compared with the target
        as given.

    Notes
    -----
    ``fit`` takes ``sample_weight`` for the linear and gbm classifiers (the
    MLP has no faithful way to honour it): a pair of weight 2 counts as the
    pair twice in the classifiers' objective, and ``class_weight="balanced"``
    is computed from the weighted label counts, as it would be from repeated
    rows. The featurizer sees each pair once.

    Attributes
    ----------
    classes_ : ndarray of str
        The labels, as given.
    featurizer_ : PairFeaturizer
    models_ : dict
        Stage name ("related", "stance" or "all") -> fitted classifiers.
    polarity_expert_ : tuple or None
        (claim-polarity columns, fitted logistic regression) with
        ``polarity_weight``; else None.
    trees_expert_ : HistGradientBoostingClassifier or None
        The trees of ``trees_weight``; else None.

    Examples
    --------
    >>> X = [("taxes", "Raise taxes now, I love it"), ("taxes", "Taxes are theft"),
    ...      ("taxes", "Great idea to raise taxes"), ("taxes", "No more taxes, ever")]
    >>> y = ["FAVOR", "AGAINST", "FAVOR", "AGAINST"]
    >>> clf = StanceClassifier(classifier="linear", random_state=0).fit(X, y)
    >>> list(clf.classes_)
    ['AGAINST', 'FAVOR']
    >>> clf.predict([("taxes", "I love to raise taxes")]).shape
    (1,)
    """

    def __init__(
        self,
        *,
        classifier: str = "linear",
        relatedness_first: bool | str = "auto",
        top_k: int = 3,
        text_scope: str = "both",
        per_target: bool | str = "auto",
        max_features: int = 20000,
        C: float = 1.0,
        hidden_layer_sizes: tuple[int, ...] = (100,),
        max_iter: int = 200,
        class_weight: str | None = None,
        random_state: int | None = None,
        target_polarity: bool = False,
        ngrams: bool = True,
        features: str = "all",
        polarity_weight: float = 0.0,
        trees_weight: float = 0.0,
        abstain_threshold: float | None = None,
        restated_favor: bool = False,
        signed_ngrams: bool = False,
        dense_scale: float = 1.0,
        decision: str = "auto",
        plain_motions: bool = False,
    ) -> None:
        self.classifier = classifier
        self.relatedness_first = relatedness_first
        self.top_k = top_k
        self.text_scope = text_scope
        self.per_target = per_target
        self.max_features = max_features
        self.C = C
        self.hidden_layer_sizes = hidden_layer_sizes
        self.max_iter = max_iter
        self.class_weight = class_weight
        self.random_state = random_state
        self.target_polarity = target_polarity
        self.ngrams = ngrams
        self.features = features
        self.polarity_weight = polarity_weight
        self.trees_weight = trees_weight
        self.abstain_threshold = abstain_threshold
        self.restated_favor = restated_favor
        self.signed_ngrams = signed_ngrams
        self.dense_scale = dense_scale
        self.decision = decision
        self.plain_motions = plain_motions

    # ------------------------------------------------------------------ fit
    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> StanceClassifier:
        """Learn features and classifiers from pairs ``X`` and labels ``y``.

        ``sample_weight`` (optional, one non-negative number per pair) makes
        a pair count that many times in the classifiers' objective.

        Raises
        ------
        TypeError
            When ``X`` is numeric rather than text.
        ValueError
            When ``y`` is None or continuous.
        LabelError
            When ``y`` holds fewer than two distinct labels or has missing
            values.
        """
        self._check_params()
        check_text_input(X, type(self).__name__)
        y = check_fit_input(X, y)
        targets, pairs = self._pairs(X)
        if len(y) != len(targets):
            raise ValueError(
                f"y must have one label per pair; got {len(y)} labels for "
                f"{len(targets)} pairs."
            )
        weights = self._check_weights(sample_weight, len(y))
        self.classes_ = np.unique(y)
        if len(self.classes_) < 2:
            raise LabelError(
                "y must hold at least two distinct labels to learn stance; "
                f"got only {list(self.classes_)!r}."
            )
        claim_only = self.features == "claim_polarity"
        self.featurizer_ = PairFeaturizer(
            top_k=self.top_k,
            text_scope=self.text_scope,
            max_features=self.max_features,
            per_target=self.per_target,
            target_polarity=self.target_polarity
            or claim_only
            or self.polarity_weight > 0,
            ngrams=self.ngrams and not claim_only,
        )
        Z = self.featurizer_.fit_transform(pairs)
        self.signed_columns_ = self._text_columns() if self.signed_ngrams else None
        Z = self._signed(Z, targets)
        names = self.featurizer_.dense_names_
        claim_columns = np.array([n in CLAIM_POLARITY_NAMES for n in names])
        claim_columns = np.flatnonzero(claim_columns)
        self.columns_ = claim_columns if claim_only else None
        self.two_stage_ = self.relatedness_first is True or (
            self.relatedness_first == "auto" and _UNRELATED in self.classes_
        )
        if self.two_stage_ and _UNRELATED not in self.classes_:
            raise LabelError(
                "relatedness_first=True needs the label 'unrelated' in y; "
                f"got labels {list(self.classes_)!r}."
            )
        self.polarity_expert_ = None
        if self.polarity_weight > 0:
            self.polarity_expert_ = (
                claim_columns,
                self._fit_one("linear", Z[:, claim_columns], y, weights),
            )
        self.trees_expert_ = None
        if self.trees_weight > 0:
            self.trees_expert_ = self._fit_one("gbm", self._view(Z, "gbm"), y, weights)
        self.models_ = {}
        if self.two_stage_:
            related = y != _UNRELATED
            self.models_["related"] = self._fit_stage(Z, related.astype(int), weights)
            stance_y = y[related]
            if len(np.unique(stance_y)) >= 2:
                self.models_["stance"] = self._fit_stage(
                    Z[related], stance_y, None if weights is None else weights[related]
                )
            else:  # only one related label: nothing to choose between
                self.models_["stance"] = [("constant", stance_y[:1].copy())]
        else:
            self.models_["all"] = self._fit_stage(Z, y, weights)
        return self

    def _text_columns(self) -> tuple[int, int] | None:
        """The column range of the featurizer's text n-gram block(s)."""
        featurizer = self.featurizer_
        if not featurizer.ngrams:
            return None
        width = len(featurizer.bow_vectorizer_.vocabulary_)
        blocks = 2 if featurizer.text_scope == "both" else 1
        start = featurizer.n_dense_ + width  # after the target's n-grams
        return start, start + blocks * width

    def _signed(self, Z: sp.csr_matrix, targets: list[str]) -> sp.csr_matrix:
        """``Z`` with the text n-grams signed by the target's direction."""
        columns = getattr(self, "signed_columns_", None)
        if columns is None:
            return Z
        sign = np.array([target_direction(t) for t in targets], dtype=Z.dtype)
        signed = sp.diags(sign) @ Z[:, columns[0] : columns[1]]
        return sp.hstack([Z, signed], format="csr", dtype=Z.dtype)

    def __setstate__(self, state: dict[str, Any]) -> None:
        # a model file saved before a parameter existed gets its old default
        state.setdefault("plain_motions", False)
        state.setdefault("trees_weight", 0.0)
        state.setdefault("trees_expert_", None)
        super().__setstate__(state)

    def _pairs(self, X: Any) -> tuple[list[str], list[tuple[str, str]]]:
        """The targets and the (target, text) pairs the features read
        (motions in plain words with ``plain_motions``)."""
        targets, texts = as_pairs(X)
        if self.plain_motions:
            targets = [plain_motion(t) for t in targets]
        return targets, list(zip(targets, texts, strict=True))

    def _features(self, X: Any) -> sp.csr_matrix:
        targets, pairs = self._pairs(X)
        return self._signed(self.featurizer_.transform(pairs), targets)

    def _check_weights(self, sample_weight: Any, n: int) -> np.ndarray | None:
        if sample_weight is None:
            return None
        weights = np.asarray(sample_weight, dtype=np.float64)
        if weights.shape != (n,) or not np.all(np.isfinite(weights)):
            raise ValueError(
                f"sample_weight must hold one finite number per pair; got shape "
                f"{weights.shape} for {n} pairs."
            )
        if (weights < 0).any() or weights.sum() <= 0:
            raise ValueError("sample_weight must be non-negative with a positive sum.")
        if self.classifier == "mlp":
            raise ValueError(
                "sample_weight is not supported with classifier='mlp'; repeat "
                "the rows instead."
            )
        return weights

    def _check_params(self) -> None:
        if self.classifier not in _CLASSIFIERS:
            raise ValueError(
                f"classifier must be one of {_CLASSIFIERS}; got {self.classifier!r}."
            )
        if self.features not in _FEATURES:
            raise ValueError(
                f"features must be one of {_FEATURES}; got {self.features!r}."
            )
        for name in ("polarity_weight", "trees_weight"):
            if not 0 <= getattr(self, name) <= 10:
                raise ValueError(
                    f"{name} must be within [0, 10]; got {getattr(self, name)!r}."
                )
        if not (
            isinstance(self.dense_scale, (int, float, np.number))
            and self.dense_scale > 0
        ):
            raise ValueError(
                f"dense_scale must be a number > 0; got {self.dense_scale!r}."
            )
        if self.decision not in DECISION_RULES:
            raise ValueError(
                f"decision must be one of {DECISION_RULES}; got {self.decision!r}."
            )
        if self.relatedness_first not in ("auto", True, False):
            raise ValueError(
                "relatedness_first must be one of ('auto', True, False); "
                f"got {self.relatedness_first!r}."
            )

    def _fit_stage(
        self, Z: sp.csr_matrix, y: np.ndarray, weights: np.ndarray | None = None
    ) -> list:
        kinds = (
            ["linear", "gbm"] if self.classifier == "ensemble" else [self.classifier]
        )
        # the linear view is all columns (dense pair features first) unless
        # columns_ selects dense ones only
        n_dense = self.featurizer_.n_dense_ if self.columns_ is None else None
        return [
            (k, self._fit_one(k, self._view(Z, k), y, weights, n_dense)) for k in kinds
        ]

    def _fit_one(
        self,
        kind: str,
        Z: Any,
        y: np.ndarray,
        weights: np.ndarray | None,
        n_dense: int | None = None,
    ) -> Any:
        """A fitted ``kind`` classifier; for "linear", the first ``n_dense``
        columns of ``Z`` (``None``: all) are the dense pair features that
        :attr:`dense_scale` applies to."""
        model = clone(self._make(kind))
        if kind == "linear" and self.dense_scale != 1:
            scale = np.ones(Z.shape[1], dtype=Z.dtype)
            scale[: Z.shape[1] if n_dense is None else n_dense] = self.dense_scale
            model = self._fit_weighted(model, (Z @ sp.diags(scale)).tocsr(), y, weights)
            model.coef_ = model.coef_ * scale  # reads unscaled features
            return model
        return self._fit_weighted(model, Z, y, weights)

    def _fit_weighted(
        self, model: Any, Z: Any, y: np.ndarray, weights: np.ndarray | None
    ) -> Any:
        if weights is None:
            return model.fit(Z, y)
        if self.class_weight == "balanced":
            # balanced from the weighted counts, as repeated rows would give
            # (scikit-learn 1.9 does too; older releases count unweighted
            # labels)
            classes, codes = np.unique(y, return_inverse=True)
            mass = np.bincount(codes, weights=weights, minlength=len(classes))
            scale = weights.sum() / (len(classes) * np.maximum(mass, 1e-12))
            weights = weights * scale[codes]
            model.set_params(class_weight=None)
        return model.fit(Z, y, sample_weight=weights)

    def _make(self, kind: str) -> Any:
        if kind == "linear":
            # newton-cg reaches the optimum in ~10 steps on these features,
            # where lbfgs needed more than its 200 and warned on every fit.
            return LogisticRegression(
                C=self.C,
                solver="newton-cg",
                max_iter=max(self.max_iter, 100),
                class_weight=self.class_weight,
                random_state=self.random_state,
            )
        # Imported here: a linear model never needs them, and importing them
        # for every model would cost each `stancekit` command the time.
        if kind == "mlp":
            from sklearn.neural_network import MLPClassifier

            return MLPClassifier(
                hidden_layer_sizes=tuple(self.hidden_layer_sizes),
                alpha=1e-4,
                max_iter=min(self.max_iter, 30),
                early_stopping=False,
                random_state=self.random_state,
            )
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(
            max_iter=self.max_iter,
            learning_rate=0.1,
            max_leaf_nodes=31,
            class_weight=self.class_weight,
            random_state=self.random_state,
        )

    def _view(self, Z: sp.csr_matrix, kind: str) -> Any:
        if getattr(self, "columns_", None) is not None:
            Z = Z[:, self.columns_]
            return Z.toarray() if kind == "gbm" else Z
        if kind == "gbm":  # trees see the dense pair features only
            return Z[:, : self.featurizer_.n_dense_].toarray()
        return Z

    # -------------------------------------------------------------- predict
    def predict_proba(self, X: Any) -> np.ndarray:
        """Probability of each class in :attr:`classes_`, one row per pair."""
        check_is_fitted(self, "models_")
        check_text_input(X, type(self).__name__)
        proba = self._proba(self._features(X))
        return self._restated(X, proba)[0]

    def _restated(self, X: Any, proba: np.ndarray) -> tuple[np.ndarray, list[int]]:
        """``proba`` with a text that states its target (as given, or as
        read with ``plain_motions``) in favor, and those rows, when
        ``restated_favor`` and a favor label is among the classes."""
        favor = [i for i, c in enumerate(self.classes_) if str(c).lower() in _FAVOR]
        if not (self.restated_favor and favor):
            return proba, []
        targets, texts = as_pairs(X)
        same = []
        for i, (target, text) in enumerate(zip(targets, texts, strict=True)):
            words = _words(text)
            if words and (
                words == _words(target)
                or (self.plain_motions and words == _words(plain_motion(target)))
            ):
                same.append(i)
        if same:
            proba = proba.copy()
            proba[same] = 0.0
            proba[same, favor[0]] = 1.0
        return proba, same

    def predict(self, X: Any) -> np.ndarray:
        """The label of each pair by :attr:`decision` (the most probable,
        unless the labels are FNC-1's), or the abstain label when a stance
        does not clear :attr:`abstain_threshold`."""
        check_is_fitted(self, "models_")
        proba = self.predict_proba(X)
        if decision_rule(self.classes_, model_rule(self)) != "argmax":
            return self.classes_[decide_for(self, proba)]
        labels, _ = abstain(proba, self.classes_, self.abstain_threshold)
        return labels

    def _stage_proba(self, stage: list, Z: sp.csr_matrix) -> tuple[np.ndarray, list]:
        kind, model = stage[0]
        if kind == "constant":
            return np.ones((Z.shape[0], 1)), list(model)
        probas = [m.predict_proba(self._view(Z, k)) for k, m in stage]
        return np.mean(probas, axis=0, dtype=np.float64), list(model.classes_)

    def _proba(self, Z: sp.csr_matrix) -> np.ndarray:
        return self._combined(self._main_proba(Z), self._experts(Z))

    def _experts(self, Z: sp.csr_matrix) -> list[tuple[str, float, np.ndarray]]:
        """The second opinions: ``(name, weight, probabilities)`` each."""
        experts = []
        polarity = getattr(self, "polarity_expert_", None)
        if polarity is not None:
            columns, model = polarity
            experts.append(
                (
                    "claim polarity",
                    self.polarity_weight,
                    model.predict_proba(Z[:, columns]),
                )
            )
        trees = getattr(self, "trees_expert_", None)
        if trees is not None:
            experts.append(
                ("trees", self.trees_weight, trees.predict_proba(self._view(Z, "gbm")))
            )
        return experts

    @staticmethod
    def _combined(
        proba: np.ndarray, experts: list[tuple[str, float, np.ndarray]]
    ) -> np.ndarray:
        """The main model's probabilities times each expert's to its
        weight, renormalised (a product of experts)."""
        if not experts:
            return proba
        # log space: a probability of 0 from the main model stays 0
        with np.errstate(divide="ignore"):
            logs = np.log(proba)
            for _, weight, opinion in experts:
                logs = logs + weight * np.log(opinion)
        logs -= logs.max(axis=1, keepdims=True)
        return _rows_sum_to_one(np.exp(logs))

    def _main_proba(self, Z: sp.csr_matrix) -> np.ndarray:
        out = np.zeros((Z.shape[0], len(self.classes_)))
        column = {c: i for i, c in enumerate(self.classes_)}
        if not self.two_stage_:
            proba, classes = self._stage_proba(self.models_["all"], Z)
            for j, c in enumerate(classes):
                out[:, column[c]] = proba[:, j]
            return _rows_sum_to_one(out)
        related_proba, related_classes = self._stage_proba(self.models_["related"], Z)
        p_related = related_proba[:, related_classes.index(1)]
        stance_proba, stance_classes = self._stage_proba(self.models_["stance"], Z)
        out[:, column[_UNRELATED]] = 1.0 - p_related
        for j, c in enumerate(stance_classes):
            out[:, column[c]] = p_related * stance_proba[:, j]
        return _rows_sum_to_one(out)

    # -------------------------------------------------------------- explain
    def explain(self, X: Any, top: int = 5) -> list[dict[str, Any]]:
        """Why each pair got its label, in words a person can check.

        Parameters
        ----------
        X : pairs, as for :meth:`predict`
        top : int, default=5
            How many features to name per pair.

        Returns
        -------
        list of dict
            One per pair: ``label``, ``score`` (its probability),
            ``related_sentence`` and ``similarity`` (the sentence of the text
            closest to the target), and ``reasons``: the features that pushed
            toward the label most, as strings like
            ``"refuting_in_related = 1.4 (+0.82)"`` (the main model's
            features), then, with second opinions (``polarity_weight``,
            ``trees_weight``), each opinion's probability of the label, as
            ``"opinions for against: main model 0.55, claim polarity 0.26,
            trees 0.44"``, then the closest sentence when it shares words
            with the target.

        Examples
        --------
        >>> X = [("cats", "cats are great"), ("cats", "cats are a hoax")] * 3
        >>> clf = StanceClassifier(classifier="linear").fit(X, ["for", "against"] * 3)
        >>> clf.explain([("cats", "a hoax")], top=2)[0]["label"]
        'against'
        """
        check_is_fitted(self, "models_")
        if not isinstance(top, (int, np.integer)) or top < 1:
            raise ValueError(f"top must be an integer >= 1; got {top!r}.")
        targets, pairs = self._pairs(X)
        Z, related = self.featurizer_.transform_with_sentences(pairs)
        Z = self._signed(Z, targets)
        main, experts = self._main_proba(Z), self._experts(Z)
        proba, same = self._restated(X, self._combined(main, experts))
        restated = set(same)
        labels = self.classes_[decide_for(self, proba)]
        names = self.featurizer_.get_feature_names_out()
        columns = getattr(self, "signed_columns_", None)
        if columns is not None:
            signed = [f"signed {n}" for n in names[columns[0] : columns[1]]]
            names = np.concatenate([names, np.asarray(signed, dtype=object)])
        raw = self.featurizer_.scaler_.inverse_transform(
            Z[:, : self.featurizer_.n_dense_].toarray()
        )
        out = []
        for i, label in enumerate(labels):
            contributions = self._contributions(Z[i], label)
            order = np.argsort(-contributions)[:top]
            reasons = ["the text states the target itself"] if i in restated else []
            for j in order:
                if contributions[j] <= 0:
                    break
                if j < self.featurizer_.n_dense_:
                    value = f"{raw[i, j]:.3g}"
                else:
                    value = f"{Z[i, j]:.2f}"
                reasons.append(f"{names[j]} = {value} ({contributions[j]:+.2f})")
            if experts and i not in restated:  # whether the opinions agree
                k = list(self.classes_).index(label)
                opinions = [("main model", main)] + [(n, p) for n, _, p in experts]
                reasons.append(
                    f"opinions for {label}: "
                    + ", ".join(f"{n} {p[i, k]:.2f}" for n, p in opinions)
                )
            sentence, similarity = related[i]
            if similarity > 0:  # the evidence itself, for a person to check
                shown = sentence if len(sentence) <= 160 else sentence[:157] + "..."
                reasons.append(f'closest sentence ({similarity:.2f}): "{shown}"')
            out.append(
                {
                    "label": str(label),
                    "score": float(proba[i].max()),
                    "related_sentence": sentence,
                    "similarity": similarity,
                    "reasons": reasons,
                }
            )
        return out

    def _contributions(self, z: sp.csr_matrix, label: str) -> np.ndarray:
        """Feature pushes toward ``label``: coefficient times value for the
        linear parts, importance-weighted standardized values for trees."""
        z = z.toarray().ravel()
        total = np.zeros_like(z)
        columns = getattr(self, "columns_", None)
        seen = z if columns is None else z[columns]
        stages = (
            [("related", self.models_["related"]), ("stance", self.models_["stance"])]
            if self.two_stage_
            else [("all", self.models_["all"])]
        )
        for name, stage in stages:
            for kind, model in stage:
                if kind == "constant":
                    continue
                if name == "related":
                    sign = -1.0 if label == _UNRELATED else 1.0
                    target = 1
                elif name == "stance" and label == _UNRELATED:
                    continue
                else:
                    sign, target = 1.0, label
                push = _push(model, kind, seen, target, self.featurizer_.n_dense_)
                if columns is None:
                    total += sign * push
                else:
                    total[columns] += sign * push
        return total


def abstain_label(classes: Any) -> Any:
    """The class that means "no stance", or ``None`` when there is none.

    Examples
    --------
    >>> abstain_label(["against", "favor", "none"])
    'none'
    >>> abstain_label(["agree", "disagree"]) is None
    True
    """
    for c in classes:
        if isinstance(c, str) and c.lower() in _ABSTAIN:
            return c
    return None


def abstain(
    proba: np.ndarray, classes: Any, threshold: float | None
) -> tuple[np.ndarray, np.ndarray]:
    """Labels and scores of probability rows, abstaining below ``threshold``.

    A row's label is its most probable class; when that is a stance (not
    the abstain class) and its probability is below ``threshold``, the
    label becomes the abstain class and the score ``1 - p``, the
    probability that the stance it did not dare to give is wrong.

    Raises
    ------
    InputError
        When ``threshold`` is not within [0, 1], or the classes hold no
        abstain label to fall back on (a ValueError, one line on the
        command line).

    Examples
    --------
    >>> p = np.array([[0.6, 0.3, 0.1], [0.9, 0.05, 0.05]])
    >>> labels, scores = abstain(p, np.array(["against", "favor", "none"]), 0.8)
    >>> list(labels), [round(float(s), 2) for s in scores]
    (['none', 'against'], [0.4, 0.9])
    """
    classes = np.asarray(classes, dtype=object)
    best = np.argmax(proba, axis=1)
    labels = classes[best]
    scores = proba[np.arange(len(best)), best].astype(np.float64)
    if threshold is None:
        return labels, scores
    if not 0.0 <= threshold <= 1.0:
        raise InputError(
            f"the stance confidence threshold must be within [0, 1]; got {threshold!r}."
        )
    fallback = abstain_label(classes)
    if fallback is None:
        raise InputError(
            "abstaining needs a 'none' (or 'neutral'/'observing') label among the "
            f"model's classes; got {list(classes)!r}."
        )
    low = (labels != fallback) & (scores < threshold)
    labels = labels.copy()
    labels[low] = fallback
    scores[low] = 1.0 - scores[low]
    return labels, scores


def _push(model: Any, kind: str, z: np.ndarray, label: Any, n_dense: int) -> np.ndarray:
    classes = list(model.classes_)
    if kind in ("linear",):
        coef = model.coef_
        if coef.shape[0] == 1:  # binary: one row for classes_[1]
            row = coef[0] if label == classes[1] else -coef[0]
        else:
            row = coef[classes.index(label)]
        return row * z
    # No per-feature linear reading for trees/MLP: name the dense features
    # that are most unusual for this pair (|z-score|), a fair "what stood out".
    push = np.zeros_like(z)
    push[:n_dense] = np.abs(z[:n_dense]) * 0.1
    return push


def _rows_sum_to_one(proba: np.ndarray) -> np.ndarray:
    # float32 features leave float32 rounding in the classifiers' output
    return proba / proba.sum(axis=1, keepdims=True)
