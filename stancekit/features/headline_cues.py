"""Features of a short text (a headline) toward a claim: cue words and alignment.

The classical features of headline stance (Ferreira & Vlachos 2016, on the
Emergent data): a headline that *reports* a claim hedges ("reportedly",
"claims", "may", "according to") and is ``observing``; one that *refutes*
it names the debunking ("hoax", "fake", "denies", "not true") and is
``against``; one that asserts it restates the claim's content words without
either. So the features are

- one 0/1 column per cue entry of :mod:`stancekit.features.stance_cues`
  found in the text (the model weighs "reportedly" and "hoax" one by one,
  not only as families), and the count of every cue family in the text and
  in the claim, and in the text but not in the claim;
- a question mark in the text, in the claim;
- alignment of claim and text: the share of the claim's content words the
  text repeats and of the text's content words found in the claim, and
  whether exactly one of them is negated (negation mismatch);
- TF-IDF word n-grams of the text.

All word lists are general (written for stancekit, none from a data set).
Unlike :class:`~stancekit.features.pairs.PairFeaturizer` nothing here reads
sentences of a long body, so it suits short texts.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from stancekit.errors import SchemaError
from stancekit.features.pairs import as_pairs
from stancekit.features.stance_cues import (
    CUE_FAMILIES,
    NEGATION,
    cue_family_matrix,
    cue_vectorizer,
    normalize_text,
)

__all__ = ["ALIGNMENT_NAMES", "HeadlineFeaturizer", "alignment_features"]

_WORD = re.compile(r"[a-z0-9][a-z0-9']*")
_NEGATION = frozenset(NEGATION)

#: Names of the columns of :func:`alignment_features`, in order.
ALIGNMENT_NAMES = (
    "claim_words_in_text",
    "text_words_in_claim",
    "negation_mismatch",
    "negated_text_only",
    "negated_claim_only",
    "question_in_text",
    "question_in_claim",
    "text_words_20",
)


def _content(words: list[str]) -> set[str]:
    return {w for w in words if len(w) > 2 and w not in ENGLISH_STOP_WORDS}


def _negated(words: list[str]) -> bool:
    return any(w in _NEGATION or w.endswith("n't") for w in words)


def alignment_features(claim: str, text: str) -> list[float]:
    """How a text lines up with a claim (columns: :data:`ALIGNMENT_NAMES`).

    Examples
    --------
    >>> f = dict(zip(ALIGNMENT_NAMES, alignment_features(
    ...     "The mayor resigned", "The mayor did not resign?")))
    >>> f["claim_words_in_text"], f["negation_mismatch"], f["question_in_text"]
    (0.5, 1.0, 1.0)
    """
    return _align(_read(claim), _read(text))


def _read(text: str) -> tuple[set[str], bool, bool, int]:
    """Content words, negated, question mark, word count: what alignment reads."""
    words = _WORD.findall(normalize_text(text))
    return _content(words), _negated(words), "?" in text, len(words)


def _align(claim: tuple, text: tuple) -> list[float]:
    ca, na, qa, _ = claim
    cb, nb, qb, length = text
    shared = len(ca & cb)
    return [
        shared / max(len(ca), 1),
        shared / max(len(cb), 1),
        float(na != nb),
        float(nb and not na),
        float(na and not nb),
        float(qb),
        float(qa),
        length / 20,
    ]


class HeadlineFeaturizer(TransformerMixin, BaseEstimator):
    """(claim, headline) pairs -> cue words, cue families, alignment, n-grams.

    Parameters
    ----------
    ngram_range : tuple, default=(1, 2)
        Word n-grams of the text's TF-IDF block.
    min_df : int, default=2
        Of the n-grams (1 when the training texts are too few for 2).
    max_chars : int, default=1000
        Characters of each text read (a headline is whole; of a long body,
        its lead).
    max_features : int, default=50000
        Of the n-grams.

    Attributes
    ----------
    ngrams_ : TfidfVectorizer

    Examples
    --------
    >>> pairs = [("Cats purr", "Cats reportedly purr"), ("Cats purr", "Purring is a hoax")]
    >>> HeadlineFeaturizer().fit(pairs).transform(pairs).shape[0]
    2
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        max_chars: int = 1000,
        max_features: int = 50000,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_chars = max_chars
        self.max_features = max_features

    def fit(self, X: Any, y: Any = None) -> HeadlineFeaturizer:
        """Learn the n-gram vocabulary of the texts."""
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> sp.csr_matrix:
        """Fit, then transform the same pairs."""
        targets, texts = as_pairs(X)
        if not texts:
            raise SchemaError("X must hold at least one (target, text) pair; got 0.")
        self.cues_ = cue_vectorizer()
        self.families_ = cue_family_matrix(self.cues_)
        self.ngrams_ = TfidfVectorizer(
            ngram_range=tuple(self.ngram_range),
            sublinear_tf=True,
            min_df=self.min_df,
            max_features=self.max_features,
            dtype=np.float32,
        )
        uniq_texts = [t[: self.max_chars] for t in dict.fromkeys(texts)]
        try:
            self.ngrams_.fit(uniq_texts)
        except ValueError:  # every term seen once: tiny data, keep them all
            self.ngrams_.set_params(min_df=1).fit(uniq_texts)
        return self._matrix(targets, texts)

    def transform(self, X: Any) -> sp.csr_matrix:
        """The features of pairs ``X``."""
        check_is_fitted(self, "ngrams_")
        return self._matrix(*as_pairs(X))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Readable names of all columns, in order."""
        check_is_fitted(self, "ngrams_")
        cues = [f"cue:{w}" for w in self.cues_.get_feature_names_out()]
        families = [
            f"{family}_in_{where}"
            for where in ("text", "claim", "text_only")
            for family in CUE_FAMILIES
        ]
        words = [f"text:{w}" for w in self.ngrams_.get_feature_names_out()]
        return np.asarray([*cues, *families, *ALIGNMENT_NAMES, *words], dtype=object)

    def _matrix(self, targets: list[str], texts: list[str]) -> sp.csr_matrix:
        # Each distinct text and claim is read once (an FNC-1 body is shared
        # by dozens of headlines).
        text_rows, uniq_texts = _distinct(texts)
        claim_rows, uniq_claims = _distinct(targets)
        uniq_texts = [t[: self.max_chars] for t in uniq_texts]
        counts = self.cues_.transform(uniq_texts)
        text_cues = (counts > 0).astype(np.float32)
        text_families = (counts @ self.families_).toarray()[text_rows]
        claims_read = [_read(c) for c in uniq_claims]
        texts_read = [_read(t) for t in uniq_texts]
        claim_families = (self.cues_.transform(uniq_claims) @ self.families_).toarray()
        claim_families = claim_families[claim_rows]
        text_only = (text_families > 0) & (claim_families == 0)
        aligned = [
            _align(claims_read[c], texts_read[t])
            for c, t in zip(claim_rows, text_rows, strict=True)
        ]
        dense = np.column_stack(
            [
                np.log1p(text_families),
                np.log1p(claim_families),
                text_only,
                aligned,
            ]
        )
        return sp.hstack(
            [
                text_cues[text_rows],
                sp.csr_matrix(dense, dtype=np.float32),
                self.ngrams_.transform(uniq_texts)[text_rows],
            ],
            format="csr",
            dtype=np.float32,
        )


def _distinct(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """Each value's row among the distinct values, and the distinct values."""
    index: dict[str, int] = {}
    rows = np.fromiter(
        (index.setdefault(v, len(index)) for v in values),
        dtype=np.int64,
        count=len(values),
    )
    return rows, list(index)
