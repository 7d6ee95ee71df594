"""The check-worthiness feature matrix: sentences -> one sparse matrix.

:class:`ClaimFeatures` joins word n-grams, claim cues
(:mod:`stancekit.features.cues`) and document context
(:mod:`stancekit.features.context`), adds the neighbouring sentences' words
and cues, and names every column in words a person can read
(``describe_feature``, :func:`describe_name`).

Rows are read as documents in row order: consecutive rows with the same
``group`` are one document (debate, article). Input is a list of sentences,
or a table (DataFrame, ``datasets.Dataset``, list of dicts, dict of lists)
with ``text`` and optional ``speaker`` and ``group``; see
:func:`claim_inputs`.

The cue and context classes are re-exported here, so imports from
``stancekit.features.claims`` keep working.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from stancekit.errors import SchemaError
from stancekit.features.context import (
    ClaimMemory,
    DocumentContext,
    document_spans,
    shift_rows,
)
from stancekit.features.cues import CUES, ClaimCues

__all__ = [
    "CUES",
    "ClaimCues",
    "DocumentContext",
    "ClaimMemory",
    "document_spans",
    "shift_rows",
    "ClaimFeatures",
    "claim_inputs",
    "describe_name",
]


def claim_inputs(X: Any) -> dict[str, list[Any]]:
    """The columns a check-worthiness model reads, as plain lists.

    Parameters
    ----------
    X : list of str, DataFrame, datasets.Dataset, list of dict or dict of lists
        Sentences, or rows with ``text`` and optional ``speaker`` and
        ``group`` (the document a row belongs to).

    Returns
    -------
    dict
        ``text`` (list of str), ``speaker`` and ``group`` (lists; ``None``
        where unknown). Rows without a group are independent sentences, not
        a document: no row's features depend on another's.

    Raises
    ------
    SchemaError
        A table without a ``text`` column.

    Examples
    --------
    >>> claim_inputs(["Taxes rose 5%.", "Thank you."])["group"]
    [None, None]
    >>> claim_inputs([{"text": "Hi.", "speaker": "ANN"}])["speaker"]
    ['ANN']
    """
    if isinstance(X, str):
        raise TypeError(
            f"X must be a list of sentences or a table with a text column; got a "
            f"single str {X[:40]!r}. Wrap it in a list."
        )
    columns = _columns(X)
    if columns is None:
        texts = list(X)
        if texts and isinstance(texts[0], dict):
            return _from_records(texts)
        _check_texts(texts)
        return {
            "text": texts,
            "speaker": [None] * len(texts),
            "group": [None] * len(texts),
        }
    if "text" not in columns:
        raise SchemaError(
            f"X needs a 'text' column; found columns {sorted(columns)}. Rename the "
            f"sentence column to 'text' (or pass --text-col on the command line)."
        )
    texts = list(X["text"])
    _check_texts(texts)
    n = len(texts)
    return {
        "text": texts,
        "speaker": list(X["speaker"]) if "speaker" in columns else [None] * n,
        "group": list(X["group"]) if "group" in columns else [None] * n,
    }


def _columns(X: Any) -> list[str] | None:
    names = getattr(X, "column_names", None)  # datasets.Dataset
    if names is None and hasattr(X, "columns") and hasattr(X, "iloc"):
        names = [str(c) for c in X.columns]
    if names is None and isinstance(X, dict):
        names = list(X)
    if isinstance(names, dict):  # a DatasetDict's column_names
        raise SchemaError(
            "X is a DatasetDict; pass one split, e.g. X['train']; got splits "
            f"{sorted(names)}."
        )
    return None if names is None else list(names)


def _from_records(records: list[dict[str, Any]]) -> dict[str, list[Any]]:
    missing = [i for i, r in enumerate(records) if "text" not in r]
    if missing:
        raise SchemaError(
            f"X needs a 'text' key in every row; row {missing[0]} has keys "
            f"{sorted(records[missing[0]])}."
        )
    texts = [r["text"] for r in records]
    _check_texts(texts)
    return {
        "text": texts,
        "speaker": [r.get("speaker") for r in records],
        "group": [r.get("group") for r in records],
    }


def _check_texts(texts: Sequence[Any]) -> None:
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(
                f"X must hold sentences as str; row {i} is {type(t).__name__} {t!r}."
            )


class ClaimFeatures(TransformerMixin, BaseEstimator):
    """Word n-grams, claim cues, document context and neighbours, in one matrix.

    Parameters
    ----------
    ngram_range : tuple of int, default=(1, 2)
        Word n-gram sizes for the TF-IDF part.
    min_df : int, default=1
        Minimum number of training sentences a word n-gram must occur in.
    use_cues : bool, default=True
        Add the :class:`ClaimCues` columns.
    use_context : bool, default=True
        Add :class:`DocumentContext` and the previous and next sentences'
        words and cues (within the same document).
    context_weight : float, default=0.5
        Scale of the neighbours' columns relative to the sentence's own.
    cue_weight : float, default=1.0
        Scale of the cue and context columns relative to the word columns.
    min_speaker_lines : int, default=0
        Passed to :class:`DocumentContext`.
    neighbour_words : bool, default=False
        Also add the neighbouring sentences' word n-grams (else only their
        cues).
    use_memory : bool, default=False
        Add :class:`ClaimMemory` columns.
    random_state : int or None, default=None

    Examples
    --------
    >>> rows = {"text": ["Taxes rose 5%.", "Thank you."], "speaker": ["A", "A"],
    ...         "group": ["d", "d"]}
    >>> f = ClaimFeatures().fit(rows)
    >>> f.transform(rows).shape[0]
    2
    >>> f.describe_feature(list(f.get_feature_names_out()).index("cue:percentage"))
    'contains a percentage'
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 1,
        use_cues: bool = True,
        use_context: bool = True,
        context_weight: float = 0.5,
        cue_weight: float = 1.0,
        min_speaker_lines: int = 0,
        neighbour_words: bool = False,
        use_memory: bool = False,
        random_state: int | None = None,
    ):
        self.neighbour_words = neighbour_words
        self.use_memory = use_memory
        self.random_state = random_state
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.use_cues = use_cues
        self.use_context = use_context
        self.context_weight = context_weight
        self.cue_weight = cue_weight
        self.min_speaker_lines = min_speaker_lines

    def fit(self, X: Any, y: Any = None) -> ClaimFeatures:
        """Learn the vocabulary (and known speakers) from training rows."""
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X: Any, y: Any = None) -> sp.csr_matrix:
        """Fit, then return the training matrix (one pass over the text)."""
        rows = X if _is_inputs(X) else claim_inputs(X)
        if self.use_memory and y is None:
            raise ValueError("use_memory=True needs y (the labels) to fit.")
        self.words_ = TfidfVectorizer(
            ngram_range=tuple(self.ngram_range),
            min_df=self.min_df,
            sublinear_tf=True,
            dtype=np.float64,
        )
        words = self.words_.fit_transform(rows["text"])
        self.memory_ = None
        memory = None
        if self.use_memory:
            self.memory_ = ClaimMemory(random_state=self.random_state)
            memory = self.memory_.fit_transform(words, y, groups=rows["group"])
        self.cues_ = ClaimCues().fit(rows["text"]) if self.use_cues else None
        self.context_ = (
            DocumentContext(min_speaker_lines=self.min_speaker_lines).fit(rows)
            if self.use_context
            else None
        )
        matrix = self._assemble(rows, words, memory)
        self.feature_names_ = self._names()
        return matrix

    def transform(self, X: Any) -> sp.csr_matrix:
        """The feature matrix of new rows."""
        check_is_fitted(self, "words_")
        rows = X if _is_inputs(X) else claim_inputs(X)
        return self._assemble(rows, self.words_.transform(rows["text"]))

    def _assemble(
        self, rows: dict[str, list[Any]], words: sp.csr_matrix, memory: Any = None
    ) -> sp.csr_matrix:
        own = [words]
        if self.cues_ is not None:
            own.append(self.cues_.transform(rows["text"]) * self.cue_weight)
        if self.memory_ is not None:
            if memory is None:
                memory = self.memory_.transform(words)
            own.append(memory * self.cue_weight)
        own_m = sp.hstack(own, format="csr")
        blocks = [own_m]
        if self.context_ is not None:
            groups = rows["group"]
            blocks.append(self.context_.transform(rows) * self.cue_weight)
            near = own_m if self.neighbour_words else _hstack(own[1:])
            if near is not None:
                w = self.context_weight
                blocks.append(shift_rows(near, groups, -1) * w)
                blocks.append(shift_rows(near, groups, 1) * w)
        return sp.hstack(blocks, format="csr")

    def _names(self) -> np.ndarray:
        own = [f"word:{w}" for w in self.words_.get_feature_names_out()]
        if self.cues_ is not None:
            own += [f"cue:{c}" for c in self.cues_.get_feature_names_out()]
        if self.memory_ is not None:
            own += [f"memory:{c}" for c in self.memory_.get_feature_names_out()]
        names = list(own)
        if self.context_ is not None:
            names += [f"context:{c}" for c in self.context_.get_feature_names_out()]
            near = own
            if not self.neighbour_words:
                near = [c for c in own if not c.startswith("word:")]
            names += [f"previous:{c}" for c in near]
            names += [f"next:{c}" for c in near]
        return np.array(names, dtype=object)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Column names: ``word:tax cut``, ``cue:percentage``, ``previous:...``."""
        check_is_fitted(self, "feature_names_")
        return self.feature_names_

    def describe_feature(self, index: int) -> str:
        """The column ``index`` in words, e.g. ``previous sentence contains a number``."""
        check_is_fitted(self, "feature_names_")
        return describe_name(str(self.feature_names_[index]))


def describe_name(name: str) -> str:
    """A feature name from :class:`ClaimFeatures` in words.

    Examples
    --------
    >>> describe_name("previous:cue:percentage")
    'previous sentence contains a percentage'
    >>> describe_name("word:tax cut")
    "phrase 'tax cut'"
    """
    prefix, _, rest = name.partition(":")
    if prefix in ("previous", "next"):
        has = "has " if rest.startswith(("word:", "memory:")) else ""
        return f"{prefix} sentence {has}{describe_name(rest)}"
    if prefix == "word":
        kind = "phrase" if " " in rest else "word"
        return f"{kind} '{rest}'"
    if prefix == "cue":
        return ClaimCues.describe(rest)
    if prefix == "context":
        return DocumentContext.describe(rest)
    if prefix == "memory":
        return ClaimMemory.describe(rest)
    return name


def _hstack(blocks: list[sp.csr_matrix]) -> sp.csr_matrix | None:
    return sp.hstack(blocks, format="csr") if blocks else None


def _is_inputs(X: Any) -> bool:
    return isinstance(X, dict) and set(X) == {"text", "speaker", "group"}
