"""Term counts of many strings, each string analysed once per call.

:class:`~stancekit.features.pairs.PairFeaturizer` counts the same strings
against several vocabularies (similarity words, word n-grams, cue phrases)
and meets the same string many times: a target recurs across hundreds of
pairs, and a one-sentence text is also its own sentence. A scikit-learn
vectorizer analyses every document it is given, every time, and counts it
in a Python loop. :class:`TermCounts` keeps each distinct string's terms
(from the vectorizer's own analyzer, so nothing about tokenising changes)
and each string's vocabulary columns, and builds a count matrix in one
vectorised step. The matrices equal the vectorizer's ``transform``, element
for element, type and dtype included.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from itertools import chain
from numbers import Integral
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import (
    TfidfTransformer,
    TfidfVectorizer,
)

__all__ = ["TermCounts"]

# The parameters that decide a vectorizer's terms: two vectorizers equal on
# these analyse a string alike and share its cached terms.
_ANALYSIS = (
    "analyzer",
    "input",
    "encoding",
    "decode_error",
    "strip_accents",
    "lowercase",
    "preprocessor",
    "tokenizer",
    "token_pattern",
    "stop_words",
    "ngram_range",
)


def _analysis_key(params: dict[str, Any]) -> tuple[Hashable, ...]:
    key = []
    for name in _ANALYSIS:
        value = params[name]
        if isinstance(value, (list, set, frozenset)):
            value = tuple(sorted(value))
        key.append(value)
    return tuple(key)


def _fast_words(params: dict[str, Any]) -> bool:
    """Word n-grams of text content, analysed by the vectorizer's own steps."""
    return (
        params["analyzer"] == "word"
        and params["input"] == "content"
        and params["tokenizer"] is None
        and (params["preprocessor"] is not None or params["strip_accents"] is None)
    )


def _word_tokens(
    vectorizer: Any, params: dict[str, Any], shared: dict[tuple, dict[str, list[str]]]
) -> Callable[[str], list[str]]:
    """A string's word tokens, preprocessed and stop words dropped, as
    scikit-learn's word analyzer has them before joining n-grams. The tokens
    before stop words are dropped are kept in ``shared``, for every
    vectorizer that tokenises alike."""
    preprocess = params["preprocessor"]
    if preprocess is None and params["lowercase"]:
        preprocess = str.lower
    tokenize = vectorizer.build_tokenizer()
    stop_words = vectorizer.get_stop_words()
    cache = shared.setdefault((preprocess, params["token_pattern"]), {})

    def tokens(doc: str) -> list[str]:
        found = cache.get(doc)
        if found is None:
            found = cache[doc] = tokenize(
                preprocess(doc) if preprocess is not None else doc
            )
        if stop_words is not None:
            return [w for w in found if w not in stop_words]
        return found

    return tokens


def _analyzer(
    vectorizer: Any, params: dict[str, Any], shared: dict[tuple, dict[str, list[str]]]
) -> Callable[[str], list[str]]:
    """The vectorizer's analyzer; for word n-grams of text content, the same
    steps without scikit-learn's per-call overhead (the same terms, in the
    same order, as ``build_analyzer`` gives)."""
    analyze = vectorizer.build_analyzer()  # also runs its stop-word check
    if not _fast_words(params):
        return analyze
    tokens_of = _word_tokens(vectorizer, params, shared)
    low, high = params["ngram_range"]

    def word_ngrams(doc: str) -> list[str]:
        if not isinstance(doc, str):  # bytes, or NaN to be refused
            return analyze(doc)
        tokens = tokens_of(doc)
        if high == 1:
            return tokens
        out = list(tokens) if low == 1 else []
        n_tokens = len(tokens)
        for n in range(max(low, 2), min(high + 1, n_tokens + 1)):
            if n == 2:
                out += [a + " " + b for a, b in zip(tokens, tokens[1:], strict=False)]
            else:
                out += [" ".join(tokens[i : i + n]) for i in range(n_tokens - n + 1)]
        return out

    return word_ngrams


def _csr(indices: np.ndarray, lengths: Any, width: int, dtype: Any) -> sp.csr_matrix:
    """Count matrix of rows of column ``indices`` (``lengths`` of them per
    row), duplicates summed and indices sorted: the layout scikit-learn's
    vectorizers return."""
    indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    index_dtype = np.int32 if indptr[-1] <= np.iinfo(np.int32).max else np.int64
    matrix = sp.csr_matrix(
        (
            np.ones(len(indices), dtype=dtype),
            indices.astype(index_dtype),
            indptr.astype(index_dtype),
        ),
        shape=(len(lengths), width),
    )
    matrix.sum_duplicates()
    return matrix


def _phrase_matcher(
    vectorizer: Any, params: dict[str, Any], shared: dict[tuple, dict[str, list[str]]]
) -> Callable[[str], list[int] | None] | None:
    """For a fixed vocabulary of word n-grams (cue phrases), a function from a
    string to the columns of the vocabulary n-grams in it, found by walking
    its tokens rather than joining all its n-grams; ``None`` where that does
    not apply. The function returns ``None`` for a string whose tokens hold
    a space or are empty, where joined n-grams could match otherwise."""
    if vectorizer.vocabulary is None or not _fast_words(params):
        return None
    low, high = params["ngram_range"]
    single: dict[str, int] = {}
    by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for term, column in vectorizer.vocabulary_.items():
        phrase = tuple(term.split(" "))
        if not low <= len(phrase) <= high:
            continue
        if len(phrase) == 1:
            single[term] = int(column)
        else:
            by_first.setdefault(phrase[0], []).append((phrase, int(column)))
    tokens_of = _word_tokens(vectorizer, params, shared)

    def columns(doc: str) -> list[int] | None:
        if not isinstance(doc, str):
            return None
        tokens = tokens_of(doc)
        if "" in tokens or " " in "".join(tokens):
            return None
        out = [single[t] for t in tokens if t in single]
        for i in [i for i, t in enumerate(tokens) if t in by_first]:
            for phrase, column in by_first[tokens[i]]:
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    out.append(column)
        return out

    return columns


class TermCounts:
    """Each string's terms and vocabulary columns, kept for one call.

    Not fitted state: make one per ``fit``/``transform`` call and let it go
    (it holds every string it was given).

    Examples
    --------
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> terms = TermCounts()
    >>> vec = terms.fit(CountVectorizer(), ["cats purr", "dogs bark"])
    >>> sorted(vec.vocabulary_)
    ['bark', 'cats', 'dogs', 'purr']
    >>> terms.counts(vec, ["Cats purr, cats!", "Dogs"]).toarray().tolist()
    [[0, 2, 0, 1], [0, 0, 1, 0]]
    """

    def __init__(self) -> None:
        # (preprocessor, token pattern) -> string -> its tokens
        self._tokens: dict[tuple, dict[str, list[str]]] = {}
        # analysis key -> (analyzer, string -> terms)
        self._terms: dict[tuple, tuple[Any, dict[str, list[str]]]] = {}
        # id(vectorizer) -> (vectorizer, its analysis key); get_params is slow
        self._keys: dict[int, tuple[Any, tuple, dict]] = {}
        # id(vocabulary) -> (vocabulary, string -> its columns, phrase matcher)
        self._columns: dict[int, tuple[dict, dict[str, np.ndarray], Any]] = {}

    def _analysis(self, vectorizer: Any) -> tuple[Any, dict[str, list[str]]]:
        known = self._keys.get(id(vectorizer))
        if known is None or known[0] is not vectorizer:
            params = vectorizer.get_params()
            known = (vectorizer, _analysis_key(params), params)
            self._keys[id(vectorizer)] = known
        found = self._terms.get(known[1])
        if found is None:
            found = self._terms[known[1]] = (
                _analyzer(vectorizer, known[2], self._tokens),
                {},
            )
        return found

    def terms(self, vectorizer: Any, doc: str) -> list[str]:
        """``vectorizer.build_analyzer()(doc)``, computed once per string."""
        analyze, cache = self._analysis(vectorizer)
        terms = cache.get(doc)
        if terms is None:
            terms = cache[doc] = analyze(doc)
        return terms

    def fit(self, vectorizer: Any, docs: Sequence[str]) -> Any:
        """``vectorizer.fit(docs)``, from the cached terms of ``docs``.

        The same fitted state as scikit-learn's own ``fit``: the vocabulary
        in term order, ``min_df``/``max_df`` pruning, the ``max_features``
        most frequent terms (ties broken as scikit-learn breaks them), and
        for a TF-IDF vectorizer its IDF weights. A vectorizer with a fixed
        vocabulary is fitted by scikit-learn itself (there is nothing to
        count).
        """
        if vectorizer.vocabulary is not None:
            return vectorizer.fit(docs)
        analyze, cache = self._analysis(vectorizer)
        per_doc = []
        for doc in docs:
            terms = cache.get(doc)
            if terms is None:
                terms = cache[doc] = analyze(doc)
            per_doc.append(terms)
        every = list(chain.from_iterable(per_doc))
        # scikit-learn numbers terms as met, then renumbers them in sorted
        # order; numbering them sorted at once gives the same counts
        order = sorted(dict.fromkeys(every))
        if not order:
            raise ValueError(
                "empty vocabulary; perhaps the documents only contain stop words"
            )
        index = {term: i for i, term in enumerate(order)}
        ids = np.fromiter(map(index.__getitem__, every), np.int64, len(every))
        lengths = [len(terms) for terms in per_doc]
        counts = _csr(ids, lengths, len(order), vectorizer.dtype)
        if vectorizer.binary:
            counts.data.fill(1)
        n_docs = counts.shape[0]
        max_df, min_df = vectorizer.max_df, vectorizer.min_df
        high = max_df if isinstance(max_df, Integral) else max_df * n_docs
        low = min_df if isinstance(min_df, Integral) else min_df * n_docs
        if high < low:
            raise ValueError("max_df corresponds to < documents than min_df")
        df = np.bincount(counts.indices, minlength=len(order))
        mask = (df <= high) & (df >= low)
        limit = vectorizer.max_features
        if limit is not None and mask.sum() > limit:
            tf = np.asarray(counts.sum(axis=0)).ravel()
            best = (-tf[mask]).argsort()[:limit]
            kept_mask = np.zeros(len(df), dtype=bool)
            kept_mask[np.where(mask)[0][best]] = True
            mask = kept_mask
        kept = np.flatnonzero(mask)
        if len(kept) == 0:
            raise ValueError(
                "After pruning, no terms remain. Try a lower min_df or a higher max_df."
            )
        vectorizer.vocabulary_ = {order[i]: j for j, i in enumerate(kept.tolist())}
        vectorizer.fixed_vocabulary_ = False
        if isinstance(vectorizer, TfidfVectorizer) and vectorizer.use_idf:
            tfidf = TfidfTransformer(smooth_idf=vectorizer.smooth_idf)
            # the setter builds the vectorizer's transformer from its own
            # parameters; one left by an earlier fit may hold other ones
            vars(vectorizer).pop("_tfidf", None)
            vectorizer.idf_ = tfidf.fit(counts[:, kept]).idf_
        return vectorizer

    def counts(self, vectorizer: Any, docs: Sequence[str]) -> Any:
        """What ``CountVectorizer.transform(docs)`` gives (for a TF-IDF
        vectorizer: its term counts, before weighting)."""
        vocabulary = vectorizer.vocabulary_
        kept = self._columns.get(id(vocabulary))
        if kept is None or kept[0] is not vocabulary:
            params = vectorizer.get_params()
            match = _phrase_matcher(vectorizer, params, self._tokens)
            kept = self._columns[id(vocabulary)] = (vocabulary, {}, match)
        columns, match = kept[1], kept[2]
        rows = []
        for doc in docs:
            cols = columns.get(doc)
            if cols is None:
                found = match(doc) if match is not None else None
                if found is None:
                    terms = self.terms(vectorizer, doc)
                    found = [vocabulary[t] for t in terms if t in vocabulary]
                cols = columns[doc] = np.array(found, dtype=np.int64)
            rows.append(cols)
        indices = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        lengths = [len(cols) for cols in rows]
        counts = _csr(indices, lengths, len(vocabulary), vectorizer.dtype)
        if vectorizer.binary:
            counts.data.fill(1)
        return counts

    def tfidf(self, vectorizer: Any, docs: Sequence[str]) -> Any:
        """What ``TfidfVectorizer.transform(docs)`` gives."""
        # TfidfVectorizer.transform is CountVectorizer.transform followed by
        # this very call, in every scikit-learn release since 0.15.
        return vectorizer._tfidf.transform(self.counts(vectorizer, docs), copy=False)
