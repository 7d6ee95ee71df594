"""Cue words that signal stance: refuting, hedging, reporting, negation, polarity.

The lists were written for stancekit from general knowledge of how news
copy signals doubt and denial ("hoax", "allegedly", "according to"); no
dataset text was copied. Entries are lower case, apostrophes straight; multi-word
entries are matched as word n-grams (up to three words).

Each list is one *cue family*. :func:`cue_vectorizer` turns the families into
a fixed-vocabulary counter, and :func:`cue_family_matrix` maps its columns to
families, so counting every family in thousands of sentences is two sparse
products rather than a Python loop.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from stancekit.lexicon.speech import REPORTING_CUES as REPORTING

__all__ = [
    "CUE_FAMILIES",
    "cue_family_matrix",
    "cue_vectorizer",
    "cue_word_groups",
    "normalize_text",
    "not_forms",
]

# fmt: off
REFUTING = (
    "fake", "fakes", "faked", "fraud", "fraudulent", "hoax", "hoaxes", "false",
    "falsely", "deny", "denies", "denied", "denial", "denying", "debunk", "debunks",
    "debunked", "debunking", "bogus", "myth", "untrue", "not true", "isn't true",
    "no evidence", "no truth", "baseless", "unfounded", "fabricated", "fabrication",
    "made up", "misleading", "misreported", "retract", "retracted", "retraction",
    "refute", "refutes", "refuted", "reject", "rejects", "rejected", "dismiss",
    "dismisses", "dismissed", "contrary", "contradict", "contradicts", "incorrect",
    "wrong", "prank", "pranks", "satire", "satirical", "spoof", "parody", "scam", "lie",
    "lies", "lied", "nonsense", "rumor is false", "turns out", "not real",
    "photoshopped", "doctored", "fiction", "erroneous", "inaccurate", "did not",
    "didn't", "never happened", "no such", "not the case", "shot down", "slammed",
    "despite", "however", "but",
)

HEDGING = (
    "allegedly", "alleged", "reportedly", "reported", "rumor", "rumors", "rumour",
    "rumours", "rumored", "rumoured", "claim", "claims", "claimed", "claiming", "could",
    "may", "might", "possibly", "possible", "apparently", "apparent", "unconfirmed",
    "unverified", "appears", "appear", "seems", "seem", "suggests", "suggest",
    "purportedly", "purported", "supposedly", "according to", "speculation",
    "speculate", "speculated", "perhaps", "likely", "unlikely", "unclear", "if",
    "whether", "believed", "said to", "thought to", "suspected", "suspect", "expected",
    "would", "maybe", "potentially", "rumoured to", "is said", "are said",
    "sources say", "not clear", "not yet", "yet to", "investigating",
)


SUPPORTING = (
    "confirm", "confirms", "confirmed", "confirmation", "official", "officially",
    "proof", "proved", "proven", "evidence", "indeed", "true", "verified", "verifies",
    "genuine", "real", "actually", "in fact", "shows", "showed", "footage", "video",
    "photos", "authentic", "admitted", "admits", "acknowledged", "acknowledges",
    "has been", "now",
)

NEGATION = (
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without",
    "cannot", "can't", "isn't", "wasn't", "aren't", "weren't", "doesn't", "don't",
    "didn't", "won't", "wouldn't", "couldn't", "shouldn't", "hasn't", "haven't",
    "hadn't", "nowhere", "n't",
)

POSITIVE = (
    "good", "great", "best", "better", "love", "loves", "loved", "like", "support",
    "supports", "supported", "supporting", "right", "rights", "happy", "win", "wins",
    "won", "success", "successful", "safe", "free", "freedom", "fair", "hope", "proud",
    "benefit", "benefits", "protect", "protects", "agree", "agrees", "agreed",
    "welcome", "thank", "thanks", "amazing", "wonderful", "excellent", "positive",
    "pro", "yes", "equal", "equality", "justice", "care", "respect", "trust",
    "beautiful", "helps", "help", "save", "saved", "celebrate", "important", "legal",
)

NEGATIVE = (
    "bad", "worst", "worse", "hate", "hates", "hated", "wrong", "evil", "kill", "kills",
    "killed", "killing", "murder", "dead", "death", "die", "died", "danger",
    "dangerous", "threat", "attack", "attacks", "against", "oppose", "opposes",
    "opposed", "fear", "afraid", "sad", "angry", "stupid", "terrible", "horrible",
    "awful", "disgusting", "shame", "crime", "criminal", "illegal", "ban", "banned",
    "destroy", "destroys", "corrupt", "lie", "lies", "liar", "fail", "fails", "failed",
    "failure", "problem", "crisis", "victim", "victims", "harm", "abuse", "sin",
    "disagree", "disagrees", "negative", "anti",
)
# fmt: on

#: Family name -> cue entries. Order fixes the feature order in models.
CUE_FAMILIES: dict[str, tuple[str, ...]] = {
    "refuting": REFUTING,
    "hedging": HEDGING,
    "reporting": REPORTING,
    "supporting": SUPPORTING,
    "negation": NEGATION,
    "positive": POSITIVE,
    "negative": NEGATIVE,
}


def normalize_text(text: str) -> str:
    """Lower-case ``text`` and straighten curly apostrophes.

    Used as the cue counter's preprocessor, so "Isn’t" matches "isn't".

    Examples
    --------
    >>> normalize_text("It Isn’t True")
    "it isn't true"
    """
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def _vocabulary() -> list[str]:
    seen: dict[str, None] = {}
    for entries in CUE_FAMILIES.values():
        for entry in entries:
            seen.setdefault(entry, None)
    return list(seen)


def cue_vectorizer() -> CountVectorizer:
    """A counter of every cue entry (word 1- to 3-grams), needing no fit.

    Examples
    --------
    >>> vec = cue_vectorizer()
    >>> counts = vec.transform(["It is a hoax, officials said."])
    >>> int(counts.sum())
    2
    """
    vocabulary = _vocabulary()
    return CountVectorizer(
        vocabulary=vocabulary,
        ngram_range=(1, 3),
        preprocessor=normalize_text,
        token_pattern=r"(?u)\b\w[\w']*\b|n't",
    )


def cue_family_matrix(vectorizer: CountVectorizer) -> sp.csr_matrix:
    """Sparse (n_entries, n_families) 0/1 matrix: entry -> the families it is in.

    Multiplying a cue count matrix by it gives counts per family.

    Examples
    --------
    >>> vec = cue_vectorizer()
    >>> cue_family_matrix(vec).shape[1] == len(CUE_FAMILIES)
    True
    """
    return _family_matrix(_entry_index(vectorizer))


def _family_matrix(index: dict[str, int]) -> sp.csr_matrix:
    """:func:`cue_family_matrix` for the entries of ``index`` (entry -> column)."""
    rows, cols = [], []
    for j, entries in enumerate(CUE_FAMILIES.values()):
        for entry in entries:
            rows.append(index[entry])
            cols.append(j)
    data = np.ones(len(rows))
    shape = (len(index), len(CUE_FAMILIES))
    matrix = sp.csr_matrix((data, (rows, cols)), shape=shape)
    matrix.data[:] = 1.0  # an entry listed twice in a family still counts once
    return matrix


def cue_word_groups(vectorizer: CountVectorizer) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """The cue entries of ``vectorizer`` (:func:`cue_vectorizer`) grouped by
    word: ``(groups, group_families)``, entries x words and words x
    families, 0/1.

    Entries are one word when their words are ("deny", "denies", "denied";
    "didn't", "did not": "n't" read as "not", a final "s", "es", "ed",
    "ing", "ies" or "ied" taken off) and they are in the same families
    other than negation ("reported" hedges, "reports" reports: two words).
    ``group_families`` has no negation: :func:`not_forms` reads it.

    Examples
    --------
    >>> vec = cue_vectorizer()
    >>> groups, _ = cue_word_groups(vec)
    >>> column = {e: int(groups[vec.vocabulary.index(e)].indices[0])
    ...           for e in ("denies", "denied", "didn't", "did not", "hoax")}
    >>> column["denies"] == column["denied"], column["didn't"] == column["did not"]
    (True, True)
    >>> column["hoax"] == column["denied"]
    False
    """
    index = _entry_index(vectorizer)
    return _word_groups(tuple(sorted(index, key=index.get)))


@lru_cache(maxsize=4)
def _word_groups(entries: tuple[str, ...]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    families = _family_matrix({e: i for i, e in enumerate(entries)}).toarray()
    families[:, list(CUE_FAMILIES).index("negation")] = 0.0
    keys: dict[tuple[str, bytes], int] = {}
    column = np.zeros(len(entries), dtype=np.int64)
    for i, entry in enumerate(entries):
        written = entry.replace("cannot", "can not").replace("can't", "can not")
        written = written.replace("won't", "will not").replace("n't", " not")
        word = " ".join(_word_of(w) for w in written.split())
        column[i] = keys.setdefault((word, families[i].tobytes()), len(keys))
    groups = sp.csr_matrix(
        (np.ones(len(entries)), (np.arange(len(entries)), column)),
        shape=(len(entries), len(keys)),
    )
    group_families = sp.csr_matrix((groups.T @ families) > 0, dtype=np.float64)
    return groups, group_families


def _word_of(form: str) -> str:
    """A cue word without its inflection: "denies", "denied" -> "deny"."""
    for suffix, bare in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if form.endswith(suffix) and len(form) - len(suffix) >= 3:
            return form[: -len(suffix)] + bare
    return form


def not_forms(vectorizer: CountVectorizer) -> np.ndarray:
    """1.0 for each cue entry of ``vectorizer`` that is a form of "not"
    ("not", "n't", "cannot", "don't", "isn't", ...), else 0.0.

    Examples
    --------
    >>> vec = cue_vectorizer()
    >>> forms = not_forms(vec)
    >>> [float(forms[vec.vocabulary.index(e)]) for e in ("not", "don't", "cannot", "no")]
    [1.0, 1.0, 1.0, 0.0]
    """
    index = _entry_index(vectorizer)
    forms = np.zeros(len(index))
    for term, i in index.items():
        forms[i] = float(term in ("not", "cannot") or term.endswith("n't"))
    return forms


def _entry_index(vectorizer: CountVectorizer) -> dict[str, int]:
    """Each cue entry of ``vectorizer`` -> its column."""
    vocabulary = vectorizer.vocabulary
    if isinstance(vocabulary, dict):
        return vocabulary
    return {term: i for i, term in enumerate(vocabulary)}
