"""Target-text pair features for stance: similarity, overlap, BM25, cues.

A pair is a ``target`` (topic, claim or headline) and a ``text`` (tweet,
headline or a whole article body). Long bodies are read through their
sentences: the few sentences most similar to the target stand for the body,
and cue words are counted inside them, because a 600-word bag of words
mostly says what the article is about, not what it says about the target.

Everything that depends only on the text (sentence splitting, sentence
vectors, cue counts) is computed once per distinct text within a call, so
50,000 pairs over 1,700 bodies cost 1,700 body analyses, not 50,000.
Each distinct string is tokenised once per call and shared by every
vocabulary counted over it (:mod:`stancekit.features.term_counts`).
Vocabularies, IDF weights and scalers are learned in ``fit`` only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from stancekit.errors import SchemaError
from stancekit.features.ranking import _rank_sentences
from stancekit.features.stance_cues import (
    CUE_FAMILIES,
    cue_family_matrix,
    cue_vectorizer,
    cue_word_groups,
    not_forms,
)
from stancekit.features.target_polarity import FEATURE_NAMES as POLARITY_NAMES
from stancekit.features.target_polarity import target_polarity_features
from stancekit.features.term_counts import TermCounts
from stancekit.text.segment import split_sentences

__all__ = ["PairFeaturizer", "as_pairs", "split_body"]

_K1, _B = 1.2, 0.75  # the usual BM25 constants
_TEXT_SCOPES = ("related", "full", "both")


def as_pairs(X: Any) -> tuple[list[str], list[str]]:
    """Read (target, text) pairs from any supported container.

    Parameters
    ----------
    X : DataFrame, datasets.Dataset, list of dicts, or list of (target, text)
        Tables and dicts need the columns ``target`` and ``text``.

    Returns
    -------
    targets, texts : list of str
        Missing values become empty strings.

    Examples
    --------
    >>> as_pairs([("Cats purr", "Cats do purr.")])
    (['Cats purr'], ['Cats do purr.'])
    >>> as_pairs([{"target": "A", "text": "b"}])
    (['A'], ['b'])
    """
    if type(X).__name__ == "DatasetDict":
        raise SchemaError(
            f"X must be one split of pairs; got a DatasetDict with splits "
            f"{sorted(X)}. Pass one of them, e.g. X['train']."
        )
    columns = getattr(X, "column_names", None)
    if columns is None and hasattr(X, "columns"):
        columns = list(X.columns)
    if columns is not None:
        missing = [c for c in ("target", "text") if c not in columns]
        if missing:
            raise SchemaError(
                f"X must have the columns 'target' and 'text'; found {list(columns)}."
                " Rename the columns (e.g. df.rename(columns={...}) or "
                "dataset.rename_column) so the pair columns are named so."
            )
        return _clean(list(X["target"])), _clean(list(X["text"]))
    if isinstance(X, (str, bytes)) or not isinstance(X, (Sequence, np.ndarray)):
        raise TypeError(
            "X must be a DataFrame, a datasets.Dataset, a list of dicts with "
            f"'target' and 'text', or a list of (target, text) pairs; "
            f"got {type(X).__name__}."
        )
    targets, texts = [], []
    for row in X:
        if isinstance(row, dict):
            if "target" not in row or "text" not in row:
                raise SchemaError(
                    "each dict in X must have the keys 'target' and 'text'; "
                    f"found {sorted(row)}."
                )
            targets.append(row["target"])
            texts.append(row["text"])
        elif isinstance(row, (tuple, list, np.ndarray)) and len(row) == 2:
            targets.append(row[0])
            texts.append(row[1])
        else:
            raise TypeError(
                "each row of X must be a dict with 'target' and 'text' or a "
                f"(target, text) pair; got {row!r}."
            )
    return _clean(targets), _clean(texts)


def _clean(values: list[Any]) -> list[str]:
    out = []
    for value in values:
        if value is None or (isinstance(value, float) and value != value):
            out.append("")
        else:
            out.append(str(value))
    return out


def split_body(text: str) -> list[str]:
    """Split a text into sentence strings (at least one, possibly empty).

    Uses :func:`stancekit.text.segment.split_sentences`, dropping blank pieces.

    Examples
    --------
    >>> split_body("It rained. Roads flooded!")
    ['It rained.', 'Roads flooded!']
    """
    parts = [s.text.strip() for s in split_sentences(text)]
    parts = [p for p in parts if p]
    return parts or [text.strip()]


def _int_vocabulary(vectorizer: TfidfVectorizer) -> TfidfVectorizer:
    """``vectorizer`` with plain ``int`` term indices.

    Pruning (``min_df``, ``max_features``) leaves numpy integers in
    scikit-learn's ``vocabulary_``; each unpickles as a numpy scalar, about
    three times slower than an int (some 25 ms of every ``stancekit label``).
    """
    vocabulary = vectorizer.vocabulary_
    vectorizer.vocabulary_ = {term: int(index) for term, index in vocabulary.items()}
    return vectorizer


class PairFeaturizer(TransformerMixin, BaseEstimator):
    """Turn (target, text) pairs into one sparse numeric matrix.

    Columns, in order: dense pair features (standardized; see
    :attr:`dense_names_`), TF-IDF of the target, TF-IDF of the text (of the
    ``top_k`` sentences most similar to the target, of the whole text, or
    both), and, when targets recur, n-grams of the text specific to each
    frequent target (one block per target, the per-target model idea of the
    SemEval-2016 baseline inside one linear model).

    Parameters
    ----------
    top_k : int, default=3
        How many sentences most similar to the target stand for the text.
    text_scope : {"related", "full", "both"}, default="both"
        Which part of the text the text TF-IDF block describes.
    max_features : int, default=20000
        Vocabulary size of the similarity vectorizer and of the n-gram one.
    ngram_range : tuple, default=(1, 2)
        Word n-grams of the target and text TF-IDF blocks.
    per_target : {"auto", True, False}, default="auto"
        Add target-specific text n-grams. "auto" does it when at most
        ``max_targets`` targets have ``min_target_count`` rows or more and
        they cover at least half of the rows (recurring topics).
    min_target_count : int, default=25
    max_targets : int, default=50
    target_polarity : bool, default=False
        Append the features of :mod:`stancekit.features.target_polarity`
        (mentions and restatement of the target, sentiment and negation
        around it, backing/refuting verbs, good/bad effects, should/should
        not, negatively phrased targets), read on the sentence of the text
        closest to the target. They carry across targets, where n-grams do
        not.
    ngrams : bool, default=True
        Include the n-gram blocks; ``False`` leaves the dense pair features
        only (for targets never seen in training, where n-grams overfit).

    Attributes
    ----------
    dense_names_ : list of str
        Names of the dense pair features (the first columns).
    n_dense_ : int
    target_blocks_ : dict
        Target -> (word vectorizer, char vectorizer) for frequent targets.

    Examples
    --------
    >>> pairs = [("cats purr", "Cats purr a lot. Dogs bark."),
    ...          ("dogs bark", "It is a hoax. Dogs never bark.")]
    >>> feat = PairFeaturizer().fit(pairs)
    >>> feat.transform(pairs).shape[0]
    2
    """

    def __init__(
        self,
        top_k: int = 3,
        text_scope: str = "both",
        max_features: int = 20000,
        ngram_range: tuple[int, int] = (1, 2),
        per_target: bool | str = "auto",
        min_target_count: int = 25,
        max_targets: int = 50,
        target_polarity: bool = False,
        ngrams: bool = True,
    ) -> None:
        self.top_k = top_k
        self.text_scope = text_scope
        self.max_features = max_features
        self.ngram_range = ngram_range
        self.per_target = per_target
        self.min_target_count = min_target_count
        self.max_targets = max_targets
        self.target_polarity = target_polarity
        self.ngrams = ngrams

    # ------------------------------------------------------------------ fit
    def fit(self, X: Any, y: Any = None) -> PairFeaturizer:
        """Learn vocabularies, IDF weights and scales from training pairs."""
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> sp.csr_matrix:
        """Fit, then transform the same pairs (analysing each text once)."""
        self._check_params()
        targets, texts = as_pairs(X)
        if not targets:
            raise SchemaError("X must hold at least one (target, text) pair; got 0.")
        uniq_targets = list(dict.fromkeys(targets))
        uniq_texts = list(dict.fromkeys(texts))
        # Each distinct string is analysed once for the whole fit_transform.
        terms = TermCounts()
        self.sim_vectorizer_ = terms.fit(
            TfidfVectorizer(
                stop_words="english",
                sublinear_tf=True,
                max_features=self.max_features,
                dtype=np.float32,
            ),
            uniq_targets + uniq_texts,
        )
        _int_vocabulary(self.sim_vectorizer_)
        self.count_vectorizer_ = CountVectorizer(
            stop_words="english",
            vocabulary=self.sim_vectorizer_.vocabulary_,
            dtype=np.float32,
        ).fit([])  # a fixed vocabulary: fit only checks it
        self.bow_vectorizer_ = TfidfVectorizer(
            ngram_range=tuple(self.ngram_range),
            sublinear_tf=True,
            min_df=2,
            max_features=self.max_features,
            dtype=np.float32,
        )
        try:
            terms.fit(self.bow_vectorizer_, uniq_targets + uniq_texts)
        except ValueError:  # every term seen once: tiny data, keep them all
            terms.fit(
                self.bow_vectorizer_.set_params(min_df=1), uniq_targets + uniq_texts
            )
        _int_vocabulary(self.bow_vectorizer_)
        self.cue_vectorizer_ = cue_vectorizer().fit([])
        self.cue_families_ = cue_family_matrix(self.cue_vectorizer_)
        self.cue_names_ = [*CUE_FAMILIES, "question"]
        self.avg_sentence_len_ = 1.0
        self.avg_text_len_ = 1.0
        self.target_blocks_ = (
            self._fit_target_blocks(targets, texts, terms) if self.ngrams else {}
        )
        for stale in ("dense_names_", "n_dense_"):
            self.__dict__.pop(stale, None)
        ctx = self._context(targets, texts, terms)
        del terms  # every string is counted: free its analyses before the rest
        # BM25 length norms come from the training texts.
        self.avg_sentence_len_ = float(max(ctx["sentence_len"].mean(), 1.0))
        self.avg_text_len_ = float(max(ctx["text_len"].mean(), 1.0))
        dense = self._dense(ctx)
        self.scaler_ = StandardScaler().fit(dense)
        return self._assemble(ctx, dense)

    def _check_params(self) -> None:
        if self.text_scope not in _TEXT_SCOPES:
            raise ValueError(
                f"text_scope must be one of {_TEXT_SCOPES}; got {self.text_scope!r}."
            )
        if not isinstance(self.top_k, (int, np.integer)) or self.top_k < 1:
            raise ValueError(f"top_k must be an integer >= 1; got {self.top_k!r}.")
        if self.per_target not in ("auto", True, False):
            raise ValueError(
                "per_target must be one of ('auto', True, False); "
                f"got {self.per_target!r}."
            )

    def _fit_target_blocks(
        self, targets: list[str], texts: list[str], terms: TermCounts
    ) -> dict:
        counts = Counter(targets)
        frequent = [t for t, n in counts.items() if n >= self.min_target_count]
        if self.per_target == "auto":
            covered = sum(counts[t] for t in frequent)
            use = 0 < len(frequent) <= self.max_targets and covered >= len(targets) / 2
        else:
            use = bool(self.per_target)
        if not use:
            return {}
        if self.per_target is True and not frequent:
            frequent = list(counts)
        blocks = {}
        for target in sorted(frequent):
            own = [x for t, x in zip(targets, texts, strict=True) if t == target]
            word = terms.fit(
                TfidfVectorizer(
                    ngram_range=(1, 3), sublinear_tf=True, dtype=np.float32
                ),
                own,
            )
            char = terms.fit(
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    sublinear_tf=True,
                    min_df=2 if len(own) >= 20 else 1,
                    dtype=np.float32,
                ),
                own,
            )
            blocks[target] = (word, _int_vocabulary(char))
        return blocks

    # ------------------------------------------------------------ transform
    def transform(self, X: Any) -> sp.csr_matrix:
        """Features of pairs; texts are analysed once each."""
        check_is_fitted(self, "scaler_")
        targets, texts = as_pairs(X)
        ctx = self._context(targets, texts)
        return self._assemble(ctx, self._dense(ctx))

    def related_sentences(self, X: Any) -> list[tuple[str, float]]:
        """For each pair, the sentence of the text most similar to the target.

        Returns
        -------
        list of (sentence, cosine similarity)
        """
        check_is_fitted(self, "scaler_")
        targets, texts = as_pairs(X)
        ctx = self._context(targets, texts, ngram_blocks=False)
        return [
            (ctx["sentences"][i], float(s))
            for i, s in zip(ctx["best_sentence"], ctx["best_sim"], strict=True)
        ]

    def transform_with_sentences(
        self, X: Any
    ) -> tuple[sp.csr_matrix, list[tuple[str, float]]]:
        """:meth:`transform` plus :meth:`related_sentences` in one pass."""
        check_is_fitted(self, "scaler_")
        targets, texts = as_pairs(X)
        ctx = self._context(targets, texts)
        related = [
            (ctx["sentences"][i], float(s))
            for i, s in zip(ctx["best_sentence"], ctx["best_sim"], strict=True)
        ]
        return self._assemble(ctx, self._dense(ctx)), related

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Readable names of all columns, in order."""
        check_is_fitted(self, "scaler_")
        names = list(self.dense_names_)
        if not self.ngrams:
            return np.asarray(names, dtype=object)
        bow = self.bow_vectorizer_.get_feature_names_out()
        names += [f"target:{w}" for w in bow]
        scopes = ["related", "full"] if self.text_scope == "both" else [self.text_scope]
        for scope in scopes:
            label = "related sentences" if scope == "related" else "text"
            names += [f"{label}:{w}" for w in bow]
        for target, (word, char) in self.target_blocks_.items():
            names += [f"[{target}] word:{w}" for w in word.get_feature_names_out()]
            names += [f"[{target}] char:{w!r}" for w in char.get_feature_names_out()]
        return np.asarray(names, dtype=object)

    # ------------------------------------------------------------ internals
    def _context(
        self,
        targets: list[str],
        texts: list[str],
        terms: TermCounts | None = None,
        ngram_blocks: bool = True,
    ) -> dict[str, Any]:
        """Per-call analysis: each distinct text and target is processed once.

        The n-gram blocks are made here too (unless ``ngram_blocks`` is
        false), so the strings' analyses can go before the dense features
        are computed."""
        terms = TermCounts() if terms is None else terms
        text_index: dict[str, int] = {}
        up = np.fromiter(
            (text_index.setdefault(t, len(text_index)) for t in texts),
            dtype=np.int64,
            count=len(texts),
        )
        target_index: dict[str, int] = {}
        tp = np.fromiter(
            (target_index.setdefault(t, len(target_index)) for t in targets),
            dtype=np.int64,
            count=len(targets),
        )
        uniq_texts, uniq_targets = list(text_index), list(target_index)

        sentences: list[str] = []
        offsets = [0]
        for text in uniq_texts:
            sentences.extend(split_body(text))
            offsets.append(len(sentences))
        offsets_arr = np.asarray(offsets)

        sim = self.sim_vectorizer_
        # Tokenize once: the TF-IDF rows follow from the counts exactly.
        # In `stancekit label` every text is one sentence; its text rows are
        # then its sentence rows, so they are not vectorised a second time.
        texts_are_sentences = len(sentences) == len(uniq_texts) and all(
            s == t.strip() for s, t in zip(sentences, uniq_texts, strict=True)
        )
        count = self.count_vectorizer_
        S_counts = terms.counts(count, sentences)
        T_counts = terms.counts(count, uniq_targets)
        S, T = self._sim_tfidf(S_counts), self._sim_tfidf(T_counts)
        if texts_are_sentences:
            D_counts, D = S_counts, S
        else:
            D_counts = terms.counts(count, uniq_texts)
            D = self._sim_tfidf(D_counts)
        # Vocabulary-free overlap: names in a new headline are often words the
        # training vocabulary never saw, and they are the strongest link.
        text_tokens = [set(terms.terms(sim, t)) for t in uniq_texts]
        text_bigrams = [_bigrams(terms.terms(sim, t)) for t in uniq_texts]
        target_tokens = [set(terms.terms(sim, t)) for t in uniq_targets]
        target_bigrams = [_bigrams(terms.terms(sim, t)) for t in uniq_targets]
        token_overlap = np.array(
            [
                _share(target_tokens[a], text_tokens[b])
                for a, b in zip(tp, up, strict=True)
            ]
        )
        bigram_overlap = np.array(
            [
                _share(target_bigrams[a], text_bigrams[b])
                for a, b in zip(tp, up, strict=True)
            ]
        )
        sentence_len = np.asarray(S_counts.sum(axis=1)).ravel()
        text_len = np.asarray(D_counts.sum(axis=1)).ravel()

        fam, cues = self.cue_families_, self.cue_vectorizer_
        question_s = np.array([s.count("?") for s in sentences], dtype=np.float32)
        question_t = np.array([s.count("?") for s in uniq_targets], dtype=np.float32)
        cue_terms_s = terms.counts(cues, sentences)
        cue_terms_t = terms.counts(cues, uniq_targets)
        cue_s = np.column_stack([(cue_terms_s @ fam).toarray(), question_s])
        cue_t = np.column_stack([(cue_terms_t @ fam).toarray(), question_t])

        ranked = _rank_sentences(T, S, tp, up, offsets_arr, int(self.top_k))
        ctx = {
            "targets": targets,
            "texts": texts,
            "tp": tp,
            "up": up,
            "uniq_targets": uniq_targets,
            "uniq_texts": uniq_texts,
            "sentences": sentences,
            "texts_are_sentences": texts_are_sentences,
            "offsets": offsets_arr,
            "S": S,
            "T": T,
            "D": D,
            "S_counts": S_counts,
            "T_counts": T_counts,
            "D_counts": D_counts,
            "sentence_len": sentence_len,
            "text_len": text_len,
            "cue_s": cue_s,
            "cue_t": cue_t,
            "cue_terms_s": cue_terms_s,
            "cue_terms_t": cue_terms_t,
            **ranked,
            "token_overlap": token_overlap,
            "bigram_overlap": bigram_overlap,
        }
        if self.ngrams and ngram_blocks:
            ctx["ngram_blocks"] = self._ngram_blocks(ctx, terms)
        return ctx

    def _ngram_blocks(
        self, ctx: dict[str, Any], terms: TermCounts
    ) -> list[sp.csr_matrix]:
        """TF-IDF n-grams of each pair's target and text (one block per text
        scope), from the strings' analyses of this call."""
        bow = self.bow_vectorizer_
        blocks = [terms.tfidf(bow, ctx["uniq_targets"])[ctx["tp"]]]
        sentence_bow = None
        if self.text_scope in ("related", "both"):
            sentence_bow = terms.tfidf(bow, ctx["sentences"])
            blocks.append(_l2_rows(ctx["W"] @ sentence_bow))
        if self.text_scope in ("full", "both"):
            if sentence_bow is None or not ctx["texts_are_sentences"]:
                text_bow = terms.tfidf(bow, ctx["uniq_texts"])
            else:
                text_bow = sentence_bow
            blocks.append(text_bow[ctx["up"]])
        if self.target_blocks_:
            blocks.append(self._target_block(ctx["targets"], ctx["texts"], terms))
        return blocks

    def _sim_tfidf(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """What ``sim_vectorizer_.transform`` gives, from its term counts:
        sublinear tf, times IDF, rows scaled to unit length."""
        weighted = counts.copy()
        weighted.data = np.log(weighted.data) + 1
        weighted = weighted @ sp.diags(self.sim_vectorizer_.idf_.astype(np.float32))
        return _l2_rows(sp.csr_matrix(weighted, dtype=np.float32))

    def _bm25(
        self,
        target_bin: sp.csr_matrix,
        counts: sp.csr_matrix,
        lengths: np.ndarray,
        avg: float,
    ) -> np.ndarray:
        """Row-wise BM25 of each target (0/1 rows) against a count row,
        divided by the best score the target could get, so it lies in [0, 1]."""
        idf = self.sim_vectorizer_.idf_.astype(np.float32)
        c = counts.tocoo()
        norm = _K1 * (1 - _B + _B * lengths[c.row] / avg)
        weights = sp.csr_matrix(
            (c.data * (_K1 + 1) / (c.data + norm) * idf[c.col], (c.row, c.col)),
            shape=counts.shape,
        )
        score = np.asarray(target_bin.multiply(weights).sum(axis=1)).ravel()
        best = np.asarray(target_bin @ idf).ravel() * (_K1 + 1)
        return np.divide(score, best, out=np.zeros_like(score), where=best > 0)

    def _dense(self, ctx: dict[str, Any]) -> np.ndarray:
        tp, up, W = ctx["tp"], ctx["up"], ctx["W"]
        T_bin = (ctx["T_counts"][tp] > 0).astype(np.float32).tocsr()
        target_terms = np.asarray(T_bin.sum(axis=1)).ravel()
        D_pairs = ctx["D"][up]
        cos_full = np.asarray(ctx["T"][tp].multiply(D_pairs).sum(axis=1)).ravel()
        in_text = np.asarray(
            T_bin.multiply(ctx["D_counts"][up] > 0).sum(axis=1)
        ).ravel()
        best_counts = ctx["S_counts"][ctx["best_sentence"]]
        in_best = np.asarray(T_bin.multiply(best_counts > 0).sum(axis=1)).ravel()
        safe = np.maximum(target_terms, 1)
        text_terms = np.asarray((ctx["D_counts"][up] > 0).sum(axis=1)).ravel()
        jaccard = in_text / np.maximum(target_terms + text_terms - in_text, 1)
        bm25_text = self._bm25(
            T_bin, ctx["D_counts"][up], ctx["text_len"][up], self.avg_text_len_
        )
        bm25_best = self._bm25(
            T_bin,
            best_counts,
            ctx["sentence_len"][ctx["best_sentence"]],
            self.avg_sentence_len_,
        )
        n_sent = np.diff(ctx["offsets"])[up]
        cue_s, cue_t = ctx["cue_s"], ctx["cue_t"]
        cues_target = cue_t[tp]
        cues_related = W @ cue_s  # mean count over the top-k sentences
        cues_best = cue_s[ctx["best_sentence"]]
        text_cues = np.add.reduceat(cue_s, ctx["offsets"][:-1], axis=0)
        cues_text = text_cues[up] / n_sent[:, None]
        own = self._own_cues(ctx)
        if own is not None:
            # the target's own cue words leave the sentence that restates it
            # (weighted as that sentence is in each scope)
            families = len(CUE_FAMILIES)
            weight = np.asarray(W[np.arange(len(tp)), ctx["best_sentence"]]).ravel()
            for block, share in (
                (cues_best, 1.0),
                (cues_related, weight),
                (cues_text, 1.0 / n_sent),
            ):
                kept = block[:, :families] - own * np.reshape(share, (-1, 1))
                block[:, :families] = np.where(kept > 1e-9, kept, 0.0)
        columns = [
            ("cos_text", cos_full),
            ("cos_best_sentence", ctx["best_sim"]),
            ("cos_topk_mean", ctx["topk_mean"]),
            ("cos_mean_sentence", ctx["mean_sim"]),
            ("cos_lead_sentence", ctx["lead_sim"]),
            ("best_sentence_position", ctx["best_pos"]),
            ("target_terms_in_text", in_text / safe),
            ("target_terms_in_best_sentence", in_best / safe),
            ("target_terms_missing", np.log1p(target_terms - in_text)),
            ("jaccard", jaccard),
            ("target_words_in_text", ctx["token_overlap"]),
            ("target_bigrams_in_text", ctx["bigram_overlap"]),
            ("bm25_text", bm25_text),
            ("bm25_best_sentence", bm25_best),
            ("log_text_terms", np.log1p(ctx["text_len"][up])),
            ("log_sentences", np.log1p(n_sent)),
            ("log_target_terms", np.log1p(target_terms)),
        ]
        for prefix, block in (
            ("target", cues_target),
            ("related", cues_related),
            ("best", cues_best),
            ("text", cues_text),
        ):
            for j, name in enumerate(self.cue_names_):
                columns.append((f"{name}_in_{prefix}", np.log1p(block[:, j])))
        if self.target_polarity:
            best = [ctx["sentences"][i] for i in ctx["best_sentence"]]
            polarity = target_polarity_features(ctx["targets"], best)
            columns.extend(
                (name, polarity[:, j]) for j, name in enumerate(POLARITY_NAMES)
            )
        if not hasattr(self, "dense_names_"):
            self.dense_names_ = [name for name, _ in columns]
            self.n_dense_ = len(columns)
        return np.column_stack([np.asarray(c, dtype=np.float64) for _, c in columns])

    def _own_cues(self, ctx: dict[str, Any]) -> np.ndarray | None:
        """Per pair, the counts by cue family of the target's own cue words
        in the sentence that restates it (the best sentence); ``None`` when
        no target holds a cue word.

        A cue word the target uses names what the text is about, not how
        the text treats it: "denial" in "Holocaust denial is antisemitic"
        toward "Holocaust denial should be a criminal offence", "free" in
        "the free market" toward "We should unleash the free market",
        "denied" in a restatement of "The minister denies the charges". As
        many of a word's occurrences as the target holds are the target's,
        in the sentence most like the target only (in none when no
        sentence of several shares a word with it): the text's other
        sentences keep their cue words ("The launch may slip" beside a
        restated "Apple may unveil ..."). A word's forms count as one
        (:func:`~stancekit.features.stance_cues.cue_word_groups`), and so
        does every form of "not" in the negation family ("do not" is the
        target's "don't"); "no" and "never" are words of their own.
        """
        target_counts = ctx["cue_terms_t"][ctx["tp"]]
        if not target_counts.nnz:
            return None
        said = ctx["cue_terms_s"][ctx["best_sentence"]]
        fam = self.cue_families_
        groups, group_families = cue_word_groups(self.cue_vectorizer_)
        owned = (said @ groups).minimum(target_counts @ groups)
        families = np.asarray((owned @ group_families).todense(), dtype=np.float64)
        negation = list(CUE_FAMILIES).index("negation")
        nots = not_forms(self.cue_vectorizer_)
        others = fam[:, negation].multiply(1.0 - nots[:, None])
        families[:, negation] = (said.minimum(target_counts) @ others).toarray().ravel()
        families[:, negation] += np.minimum(said @ nots, target_counts @ nots)
        # of several sentences none like the target: none restates it
        several = np.diff(ctx["offsets"])[ctx["up"]] > 1
        families[several & (ctx["best_sim"] <= 0)] = 0.0
        return families

    def _assemble(self, ctx: dict[str, Any], dense: np.ndarray) -> sp.csr_matrix:
        blocks = [sp.csr_matrix(self.scaler_.transform(dense).astype(np.float32))]
        if not self.ngrams:
            return blocks[0]
        blocks.extend(ctx["ngram_blocks"])
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    def _target_block(
        self, targets: list[str], texts: list[str], terms: TermCounts
    ) -> sp.csr_matrix:
        targets_arr = np.asarray(targets, dtype=object)
        offset = 0
        rows_all, cols_all, vals_all = [], [], []
        for target, (word, char) in self.target_blocks_.items():
            width = len(word.vocabulary_) + len(char.vocabulary_)
            rows = np.flatnonzero(targets_arr == target)
            if rows.size:
                own = [texts[i] for i in rows]
                block = sp.hstack(
                    [terms.tfidf(word, own), terms.tfidf(char, own)]
                ).tocoo()
                rows_all.append(rows[block.row])
                cols_all.append(block.col + offset)
                vals_all.append(block.data)
            offset += width
        if not rows_all:
            return sp.csr_matrix((len(targets), offset), dtype=np.float32)
        return sp.csr_matrix(
            (
                np.concatenate(vals_all),
                (np.concatenate(rows_all), np.concatenate(cols_all)),
            ),
            shape=(len(targets), offset),
        )


def _bigrams(tokens: list[str]) -> set[tuple[str, str]]:
    return set(zip(tokens, tokens[1:], strict=False))


def _share(part: set, whole: set) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _l2_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ matrix
