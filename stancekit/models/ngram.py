"""NgramClassifier: the plain word + character n-gram linear model.

The baseline every task's model selection must beat (see
:mod:`stancekit.pipeline.recipes`): TF-IDF word n-grams and character
n-grams of the text, a logistic regression on top. For stance it can also
read the target:

- ``target_mode="none"``: the text alone (a plain text classifier);
- ``"shared"``: the text's n-grams, the target's words, and the cosine
  similarity of target and text (claim-body stance leans on it);
- ``"per_target"``: ``"shared"`` plus a copy of the text's word n-grams for
  each target seen at least ``min_target_rows`` times in training, so the
  words that carry stance can differ per topic -- the classical strong
  recipe for topic stance (SemEval-2016: one target, many short texts).
  Unseen targets fall back to the shared columns.

Identical texts (an FNC-1 body shared by many headlines) are vectorised
once, and texts are cut to ``max_chars`` characters for the n-grams, so long
bodies cost little.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from stancekit.errors import LabelError
from stancekit.evaluation.decisions import decide_for
from stancekit.models._checks import TextInputMixin, check_fit_input, check_text_input
from stancekit.tasks import check_task

__all__ = ["NgramClassifier"]

_TARGET_MODES = ("none", "shared", "per_target")
_WORD = re.compile(r"(?u)\b\w\w+\b")


class NgramClassifier(TextInputMixin, ClassifierMixin, BaseEstimator):
    """A linear model on word and character n-grams (TF-IDF).

    Parameters
    ----------
    task : {"checkworthy", "stance"}, default="checkworthy"
        What the rows are: sentences (``text``) or pairs (``target``,
        ``text``); decides the input columns and the output columns of
        ``predict`` on the command line.
    target_mode : {"none", "shared", "per_target"}, default="shared"
        How a stance model reads the target (see the module); ignored for
        check-worthiness.
    word_ngrams : tuple of int, default=(1, 2)
    char_ngrams : tuple of int or None, default=(2, 5)
        Character n-gram sizes (within word boundaries); None leaves them out.
    min_df : int, default=1
    max_features : int or None, default=100000
        Per vectoriser.
    max_chars : int, default=2000
        Characters of each text the n-grams read.
    min_target_rows : int, default=5
        Training rows a target needs to get its own columns (``per_target``).
    C : float, default=1.0
        Inverse regularisation of the logistic regression.
    class_weight : None or "balanced", default="balanced"
    max_iter : int, default=1000
    random_state : int or None, default=None

    Attributes
    ----------
    classes_ : ndarray
    linear_ : LogisticRegression
    words_, chars_, targets_vec_, per_target_vec_ : TfidfVectorizer or None
    target_ids_ : dict
        Normalised target -> its own block (``per_target``).

    Examples
    --------
    >>> X = ["Taxes rose 5% in 2019.", "Thank you all.", "Jobs fell 2%.", "Hello."] * 3
    >>> clf = NgramClassifier(random_state=0).fit(X, [1, 0, 1, 0] * 3)
    >>> clf.predict(["Prices rose 9% in 2020."]).tolist()
    [1]
    """

    def __init__(
        self,
        *,
        task: str = "checkworthy",
        target_mode: str = "shared",
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] | None = (2, 5),
        min_df: int = 1,
        max_features: int | None = 100_000,
        max_chars: int = 2000,
        min_target_rows: int = 5,
        C: float = 1.0,
        class_weight: str | None = "balanced",
        max_iter: int = 1000,
        random_state: int | None = None,
    ) -> None:
        self.task = task
        self.target_mode = target_mode
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.max_chars = max_chars
        self.min_target_rows = min_target_rows
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    # ------------------------------------------------------------------ fit
    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> NgramClassifier:
        """Learn the vocabularies and the linear model.

        Parameters
        ----------
        X : sentences or pairs (see ``task``)
        y : sequence of labels
        sample_weight : array-like, optional
            Passed to the logistic regression.
        """
        check_task(self.task)
        if self.target_mode not in _TARGET_MODES:
            raise ValueError(
                f"target_mode must be one of {_TARGET_MODES}; got {self.target_mode!r}."
            )
        labels = check_fit_input(X, y)
        targets, texts = self._inputs(X)
        if len(labels) != len(texts):
            raise ValueError(
                f"y must have one label per row ({len(texts)} rows); got {len(labels)}."
            )
        classes = np.unique(labels)
        if len(classes) < 2:
            raise LabelError(
                f"y must hold at least two distinct labels; got only "
                f"{classes.tolist()!r}."
            )
        self.words_ = TfidfVectorizer(
            ngram_range=tuple(self.word_ngrams),
            min_df=self.min_df,
            max_features=self.max_features,
            sublinear_tf=True,
            dtype=np.float32,
        )
        self.chars_ = (
            TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=tuple(self.char_ngrams),
                min_df=self.min_df,
                max_features=self.max_features,
                sublinear_tf=True,
                dtype=np.float32,
            )
            if self.char_ngrams
            else None
        )
        self.targets_vec_ = None
        self.per_target_vec_ = None
        self.target_ids_: dict[str, int] = {}
        stance = self.task == "stance" and self.target_mode != "none"
        short = [t[: self.max_chars] for t in texts]
        unique = sorted(set(short))
        self.words_.fit(unique)
        if self.chars_ is not None:
            self.chars_.fit(unique)
        if stance:
            self.targets_vec_ = TfidfVectorizer(
                sublinear_tf=True, min_df=1, dtype=np.float32
            ).fit(sorted(set(targets)) or [""])
        if stance and self.target_mode == "per_target":
            keys, counts = np.unique(
                [target_key(t) for t in targets], return_counts=True
            )
            own = [
                k
                for k, c in zip(keys, counts, strict=True)
                if c >= self.min_target_rows
            ]
            self.target_ids_ = {k: i for i, k in enumerate(own)}
            if self.target_ids_:
                self.per_target_vec_ = TfidfVectorizer(
                    token_pattern=r"\S+",
                    lowercase=False,
                    min_df=self.min_df,
                    max_features=self.max_features,
                    sublinear_tf=True,
                    dtype=np.float32,
                ).fit(self._tagged(targets, short))
        matrix = self._matrix(targets, texts)
        self.linear_ = LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            max_iter=self.max_iter,
            random_state=self.random_state,
        ).fit(matrix, labels, sample_weight=sample_weight)
        self.classes_ = self.linear_.classes_
        return self

    def _inputs(self, X: Any) -> tuple[list[str], list[str]]:
        check_text_input(X, type(self).__name__)
        if self.task == "stance":
            from stancekit.features.pairs import as_pairs

            return as_pairs(X)
        from stancekit.features.claims import claim_inputs

        texts = [str(t) for t in claim_inputs(X)["text"]]
        return [""] * len(texts), texts

    def _tagged(self, targets: list[str], texts: list[str]) -> list[str]:
        out = []
        for target, text in zip(targets, texts, strict=True):
            block = self.target_ids_.get(target_key(target))
            if block is None:
                out.append("")
                continue
            words = _WORD.findall(text.lower())
            out.append(" ".join(f"t{block}:{w}" for w in words))
        return out

    def _matrix(self, targets: list[str], texts: list[str]) -> sp.csr_matrix:
        short = [t[: self.max_chars] for t in texts]
        unique, inverse = np.unique(
            np.asarray(short, dtype=object), return_inverse=True
        )
        unique = unique.tolist()
        blocks = [self.words_.transform(unique)[inverse]]
        if self.chars_ is not None:
            blocks.append(self.chars_.transform(unique)[inverse])
        if self.targets_vec_ is not None:
            tvec = self.targets_vec_.transform(targets)
            blocks.append(tvec)
            # similarity of target and text in the target's vocabulary
            text_in_t = normalize(self.targets_vec_.transform(unique)[inverse])
            sim = np.asarray(tvec.multiply(text_in_t).sum(axis=1)).ravel()
            blocks.append(sp.csr_matrix(np.column_stack([sim, sim > 0])))
        if self.per_target_vec_ is not None:
            blocks.append(self.per_target_vec_.transform(self._tagged(targets, short)))
        return sp.hstack(blocks, format="csr")

    # -------------------------------------------------------------- predict
    def decision_function(self, X: Any) -> np.ndarray:
        """The linear model's scores (binary: 1-d, higher = ``classes_[1]``)."""
        check_is_fitted(self, "linear_")
        return self.linear_.decision_function(self._matrix(*self._inputs(X)))

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities, one column per class in ``classes_``."""
        check_is_fitted(self, "linear_")
        return self.linear_.predict_proba(self._matrix(*self._inputs(X)))

    def predict(self, X: Any) -> np.ndarray:
        """The label of each row: the most probable, or from the recorded
        ``decision_threshold_`` on (see :func:`~stancekit.evaluation.decisions.decide_for`)."""
        proba = self.predict_proba(X)
        return self.classes_[decide_for(self, proba)]

    def explain(self, X: Any, top: int = 5) -> list[Any]:
        """The n-grams that pushed each prediction most.

        Returns
        -------
        list
            Check-worthiness: per row, up to ``top`` (reason, weight) pairs,
            strongest first. Stance: per row, a dict with ``label``,
            ``score`` and ``reasons`` (strings), as StanceClassifier gives.

        Examples
        --------
        >>> X = ["Jobs rose 5%.", "Hello there.", "Taxes fell 3%.", "Thank you."] * 2
        >>> clf = NgramClassifier(char_ngrams=None).fit(X, [1, 0, 1, 0] * 2)
        >>> sorted(reason for reason, _ in clf.explain(["Jobs fell."], top=2)[0])
        ["word 'fell'", "word 'jobs'"]
        """
        check_is_fitted(self, "linear_")
        if not isinstance(top, (int, np.integer)) or top < 1:
            raise ValueError(f"top must be a positive int; got {top!r}.")
        matrix = self._matrix(*self._inputs(X))
        out: list[Any] = []
        for best, score, reasons in linear_reasons(
            self.linear_, matrix, self._names(), top
        ):
            if self.task == "stance":
                out.append(
                    {
                        "label": str(self.classes_[best]),
                        "score": score,
                        "reasons": [f"{r} ({w:+.2f})" for r, w in reasons],
                    }
                )
            else:
                out.append(reasons)
        return out

    def _names(self) -> list[str]:
        names = [f"word {w!r}" for w in self.words_.get_feature_names_out()]
        if self.chars_ is not None:
            names += [f"characters {c!r}" for c in self.chars_.get_feature_names_out()]
        if self.targets_vec_ is not None:
            names += [
                f"target word {w!r}" for w in self.targets_vec_.get_feature_names_out()
            ]
            names += ["similarity to the target", "shares words with the target"]
        if self.per_target_vec_ is not None:
            names += [
                f"word {w.split(':', 1)[1]!r} for this target"
                for w in self.per_target_vec_.get_feature_names_out()
            ]
        return names


def target_key(target: str) -> str:
    """A target as its rows are grouped: lower case, spaces collapsed."""
    return " ".join(str(target).lower().split())


def linear_reasons(
    linear: Any, matrix: Any, names: Any, top: int
) -> list[tuple[int, float, list[tuple[str, float]]]]:
    """Per row of ``matrix``: the index of the linear model's most probable
    class, its probability, and up to ``top`` (feature name, push) pairs that
    pushed the row toward it, strongest first (push > 0 only)."""
    proba = linear.predict_proba(matrix)
    best = proba.argmax(axis=1)
    coef = linear.coef_
    if coef.shape[0] == 1:
        coef = np.vstack([-coef[0], coef[0]])
    out = []
    for i in range(matrix.shape[0]):
        row = matrix.getrow(i)
        push = row.data * coef[best[i], row.indices]
        order = np.argsort(-push)[:top]
        reasons = [
            (names[row.indices[j]], float(push[j])) for j in order if push[j] > 0
        ]
        out.append((int(best[i]), float(proba[i, best[i]]), reasons))
    return out
