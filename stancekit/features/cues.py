"""Claim cues: what makes a sentence checkable, as 0/1 columns.

:data:`CUES` lists each cue with a readable description, its words and
phrases (mostly from :mod:`stancekit.lexicon.cues`) and an optional
pattern; :class:`ClaimCues` marks them in sentences. All cue words are
matched in one pass over all sentences with a trie-shaped regular
expression, so the cost stays flat as the word lists grow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from stancekit.lexicon import cues as lexicon

__all__ = ["CUES", "ClaimCues"]


def _trie(entries: Iterable[str]) -> str:
    """One regex alternative matching any of ``entries``, shaped as a trie.

    Python's ``re`` tries the branches of a flat alternation one by one at
    every position; a trie shares prefixes, so one pass over all sentences
    stays fast however long the word lists grow.
    """
    root: dict[str, Any] = {}
    for entry in entries:
        node = root
        for ch in entry:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(root)


# (name, readable description, cue words and phrases, extra pattern, whether
# the pattern reads lower-cased text). Patterns run over all sentences at
# once (one per line), so they must not cross a newline.
CUES: tuple[tuple[str, str, tuple[str, ...], str | None, bool], ...] = (
    ("number", "contains a number", (), r"\d", True),
    (
        "percentage",
        "contains a percentage",
        ("percent", "per cent", "percentage", "percentage points"),
        r"\d[ \t]?%",
        True,
    ),
    (
        "money_amount",
        "mentions an amount of money",
        (),
        r"[$\u20ac\u00a3][ \t]?\d|\d[ \t]?(?:dollars|euros|pounds)\b",
        True,
    ),
    ("magnitude", "mentions millions or billions", lexicon.MAGNITUDE_WORDS, None, True),
    ("number_word", "spells out a quantity", lexicon.NUMBER_WORDS, None, True),
    ("money", "talks about money, taxes or spending", lexicon.MONEY_WORDS, None, True),
    ("year", "mentions a year", (), r"(?:1[89]|20)\d\d\b", True),
    (
        "date",
        "refers to a date or a span of time",
        lexicon.MONTHS + lexicon.TIME_WORDS,
        None,
        True,
    ),
    ("comparison", "makes a comparison", lexicon.COMPARATIVES, r"er than\b", True),
    ("superlative", "uses a superlative", lexicon.SUPERLATIVES, None, True),
    (
        "statistic",
        "mentions a counted quantity (jobs, rate, people)",
        lexicon.STATISTIC_WORDS,
        None,
        True,
    ),
    (
        "entity",
        "names a person, place or organisation",
        (),
        # A capitalised word inside the sentence, not its first word.
        r"[A-Z](?:[a-z]+|[A-Z]+)",
        False,
    ),
    (
        "past_tense",
        "states something in the past tense",
        lexicon.PAST_TENSE_VERBS,
        r"ed\b",
        True,
    ),
    (
        "reporting",
        "uses a reporting verb ('said', 'voted')",
        lexicon.REPORTING_VERBS,
        None,
        True,
    ),
    ("hedge", "is hedged ('maybe', 'probably')", lexicon.HEDGES, None, True),
    (
        "opinion",
        "gives a first-person opinion or wish",
        lexicon.OPINION_PHRASES,
        None,
        True,
    ),
    ("future", "talks about the future", lexicon.FUTURE_PHRASES, None, True),
    (
        "first_person",
        "speaks in the first person",
        ("i", "we", "my", "our", "me", "us"),
        None,
        True,
    ),
    ("second_person", "addresses someone ('you')", ("you", "your"), None, True),
    (
        "negation",
        "contains a negation",
        ("not", "no", "never", "nobody", "nothing"),
        r"n't\b",
        True,
    ),
    ("question", "is a question", (), r"\?", True),
    (
        "stage_direction",
        "is a stage direction such as (APPLAUSE)",
        (),
        r"^[ \t]*[(\[][^)\]\n]*[)\]][ \t.]*$|^[ \t]*(?:"
        + _trie(lexicon.STAGE_DIRECTIONS)
        + r")[ \t.]*$",
        True,
    ),
)
# Length cues are computed from word counts, not patterns.
_LENGTH_CUES = (
    ("short", "is a very short line (under 5 words)"),
    ("long", "is a long sentence (over 25 words)"),
    ("length", "has many words"),
)


def _lexicon_cues() -> tuple[dict[str, int], np.ndarray]:
    """Every cue word or phrase -> its row in an entry-by-cue 0/1 matrix.

    A phrase also carries the cues of the words in it ("i will" is an
    opinion and, through "will", about the future), because one pass of the
    regex consumes the phrase and never sees the word alone.
    """
    cues_of: dict[str, set[int]] = {}
    for j, (_, _, words, _, _) in enumerate(CUES):
        for w in words:
            cues_of.setdefault(w, set()).add(j)
    for entry in list(cues_of):
        for part in _parts(entry):
            cues_of[entry] |= cues_of.get(part, set())
    index = {entry: i for i, entry in enumerate(sorted(cues_of))}
    table = np.zeros((len(index), len(CUES)))
    for entry, i in index.items():
        table[i, sorted(cues_of[entry])] = 1.0
    return index, table


def _parts(entry: str) -> set[str]:
    """The shorter cue entries a phrase may contain: its word n-grams, and
    the words before an apostrophe ("we're going to" -> "going to", "we")."""
    words = entry.split(" ")
    parts = {
        " ".join(words[i:j])
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
    }
    parts |= {w.split("'")[0] for w in words if "'" in w}
    parts.discard(entry)
    return parts


_WORD = re.compile(r"\w+")
_ASCII_WORD = np.array([_WORD.match(chr(c)) is not None for c in range(128)])
_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = np.array([_DIGIT.match(chr(c)) is not None for c in range(128)])
# Cues whose pattern cannot match without a digit (\d) in the line.
_NEED_DIGIT = frozenset({"percentage", "money_amount", "year"})
_LEXICON_INDEX, _LEXICON_TABLE = _lexicon_cues()
_LEXICON_RE = re.compile(r"\b" + _trie(_LEXICON_INDEX) + r"\b")
_PATTERNS = [
    (j, re.compile(pattern, re.MULTILINE), lower)
    for j, (_, _, _, pattern, lower) in enumerate(CUES)
    if pattern is not None
]
# Patterns start with a plain character so that ``re`` can skip ahead fast;
# what must come before a match is checked here, on the few candidates:
# (characters before the match, how many must be letters, allowed others).
_BEFORE = {
    "number": (1, 0, "", True),  # not inside a word like "A320" or "x2"
    "year": (1, 0, "", True),
    "comparison": (1, 1, "", False),  # "bigger than", not "er than"
    "past_tense": (3, 3, "", False),  # "voted", not "red" or "ed"
    "entity": (2, 1, "0123456789,;:", False),  # "... the Senate", not "The"
}


def _accept(
    codes: np.ndarray, starts: np.ndarray, rule: tuple[int, int, str, bool]
) -> np.ndarray:
    """Which candidate match ``starts`` pass ``rule``, looking at the code
    points just before each one (checked per distinct character, so the
    Python-level work stays small)."""
    width, letters, others, not_after_word = rule
    if not_after_word:
        ok = np.ones(len(starts), dtype=bool)
        inner = starts > 0
        ok[inner] = ~_chars_are(
            codes[starts[inner] - 1], lambda c: c.isalnum() or c in "._"
        )
        return ok
    ok = starts >= width
    s = starts[ok]
    if width == 2:  # entity: "<lower-case letter, digit or ,;:> <Capital>"
        good = (codes[s - 1] == ord(" ")) & _chars_are(
            codes[s - 2], lambda c: c.islower() or c in others
        )
    else:
        good = np.ones(len(s), dtype=bool)
        for back in range(1, letters + 1):
            good &= _chars_are(codes[s - back], str.isalpha)
    ok[ok] = good
    return ok


def _chars_are(codes: np.ndarray, test: Any) -> np.ndarray:
    """``test`` applied to each code point, once per distinct one."""
    if not len(codes):
        return np.zeros(0, dtype=bool)
    distinct, inverse = np.unique(codes, return_inverse=True)
    return np.array([bool(test(chr(c))) for c in distinct])[inverse]


def _codes(text: str) -> np.ndarray:
    """The code points of ``text``, one per character (so offsets match)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _digit_positions(codes: np.ndarray) -> np.ndarray:
    """Where ``\\d`` matches in a blob: every decimal digit, any script."""
    is_digit = _ASCII_DIGIT[np.minimum(codes, 127)]
    high = np.flatnonzero(codes > 127)
    if len(high):
        is_digit[high] = _chars_are(codes[high], lambda c: _DIGIT.match(c) is not None)
    return np.flatnonzero(is_digit)


def _entity_starts(codes: np.ndarray) -> np.ndarray:
    """Accepted starts of the "entity" pattern, without the regex.

    ``[A-Z](?:[a-z]+|[A-Z]+)`` after "<lower-case, digit or ,;:> ": a space
    right before means no earlier match can cover the start, so every such
    capital followed by an ASCII letter is a match the regex would find.
    """
    c = codes
    if len(c) < 4:
        return np.zeros(0, dtype=np.int64)
    upper = (c >= 65) & (c <= 90)
    at = np.flatnonzero(upper[2:-1] & (c[1:-2] == 32)) + 2
    after = c[at + 1]
    at = at[((after >= 65) & (after <= 90)) | ((after >= 97) & (after <= 122))]
    return at[_accept(c, at, _BEFORE["entity"])]


def _past_tense_starts(codes: np.ndarray) -> np.ndarray:
    """Accepted starts of the "past_tense" pattern ``ed\\b``, without the
    regex: "ed" cannot overlap itself, so every "ed" ending a word counts."""
    c = codes
    if len(c) < 2:
        return np.zeros(0, dtype=np.int64)
    at = np.flatnonzero((c[:-1] == ord("e")) & (c[1:] == ord("d")))
    inner = at + 2 < len(c)
    ends_word = np.ones(len(at), dtype=bool)
    ends_word[inner] = ~_chars_are(
        c[at[inner] + 2], lambda ch: _WORD.match(ch) is not None
    )
    at = at[ends_word]
    return at[_accept(c, at, _BEFORE["past_tense"])]


# Patterns matched faster with numpy; tests check them against the regex.
_FAST = {"entity": _entity_starts, "past_tense": _past_tense_starts}


def _word_counts(codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """How many ``\\w+`` runs each line of a blob holds, in one pass.

    A run starts at a word character not preceded by one; lines are
    separated by a non-word newline, so no run crosses two sentences.
    """
    is_word = _ASCII_WORD[np.minimum(codes, 127)]
    high = np.flatnonzero(codes > 127)
    if len(high):
        is_word[high] = _chars_are(codes[high], lambda c: _WORD.match(c) is not None)
    first = is_word.copy()
    first[1:] &= ~is_word[:-1]
    rows = np.searchsorted(starts, np.flatnonzero(first), side="right") - 1
    return np.bincount(rows, minlength=len(starts)).astype(np.float64)


def _row_of(starts: np.ndarray, positions: Any) -> np.ndarray:
    return (
        np.searchsorted(starts, np.asarray(positions, dtype=np.int64), side="right") - 1
    )


def _blob(texts: Sequence[str]) -> tuple[str, np.ndarray]:
    """All sentences on one line each, and where each one starts."""
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(texts) else lengths
    return "\n".join(texts), starts


def _lowered(
    blob: str, starts: np.ndarray, texts: Sequence[str]
) -> tuple[str, np.ndarray]:
    """The blob lower-cased, with curly apostrophes made straight.

    Lower-casing the whole blob at once is cheaper than line by line and
    gives the same text (a newline is neither cased nor case-ignorable, so
    even the Greek final sigma reads each line alone). Only "İ" grows when
    lower-cased; then offsets move, and the lines are lowered one by one.
    """
    low = blob.lower().replace("\u2019", "'")
    if len(low) == len(blob):
        return low, starts
    return _blob([t.lower().replace("\u2019", "'") for t in texts])


class ClaimCues(TransformerMixin, BaseEstimator):
    """Mark the cues that make a sentence checkable.

    Stateless: each sentence gets one column per cue in :data:`CUES` (1 if
    the cue is present) plus three length columns (very short, long, and
    the word count scaled to about 0..1).

    Examples
    --------
    >>> cues = ClaimCues().fit(["x"])
    >>> row = cues.transform(["Taxes rose 5% in 2015."]).toarray()[0]
    >>> names = list(cues.get_feature_names_out())
    >>> float(row[names.index("percentage")]), float(row[names.index("question")])
    (1.0, 0.0)
    """

    def fit(self, X: Sequence[str], y: Any = None) -> ClaimCues:
        """Nothing to learn; returns self."""
        self.n_features_out_ = len(CUES) + len(_LENGTH_CUES)
        return self

    def transform(self, X: Sequence[str]) -> sp.csr_matrix:
        """One row of cue values per sentence."""
        check_is_fitted(self, "n_features_out_")
        texts = [t.replace("\n", " ").replace("\r", " ") for t in X]
        n = len(texts)
        blob, starts = _blob(texts)
        low_blob, low_starts = _lowered(blob, starts, texts)
        codes = _codes(blob)
        low_codes = codes if low_blob is blob else _codes(low_blob)
        out = np.zeros((n, self.n_features_out_), dtype=np.float64)
        k = len(CUES)
        hits = [
            (m.start(), _LEXICON_INDEX[m.group()])
            for m in _LEXICON_RE.finditer(low_blob)
        ]
        if hits:
            where, entry = zip(*hits, strict=True)
            found = sp.csr_matrix(
                (np.ones(len(hits)), (_row_of(low_starts, list(where)), entry)),
                shape=(n, len(_LEXICON_INDEX)),
            )
            out[:, :k] = (found @ _LEXICON_TABLE) > 0
        digits = _digit_positions(low_codes)
        with_digit = np.unique(_row_of(low_starts, digits))
        # Most lines hold no digit; the patterns that need one read only
        # the lines that do, joined into a smaller blob.
        ends = np.append(low_starts[1:], len(low_blob) + 1)[with_digit] - 1
        digit_blob, digit_starts = _blob(
            [low_blob[s:e] for s, e in zip(low_starts[with_digit], ends, strict=True)]
        )
        digit_codes = _codes(digit_blob)
        for j, pattern, lower in _PATTERNS:
            name = CUES[j][0]
            rule = _BEFORE.get(name)
            if pattern.pattern == r"\d":  # "number": every digit, found above
                positions = digits[_accept(low_codes, digits, rule)]
                out[_row_of(low_starts, positions), j] = 1.0
                continue
            rows = None
            if name in _FAST:
                found = _FAST[name](low_codes if lower else codes)
                out[_row_of(low_starts if lower else starts, found), j] = 1.0
                continue
            if name in _NEED_DIGIT:
                text, offsets, chars = digit_blob, digit_starts, digit_codes
                rows = with_digit
            elif lower:
                text, offsets, chars = low_blob, low_starts, low_codes
            else:
                text, offsets, chars = blob, starts, codes
            positions = np.fromiter(
                (m.start() for m in pattern.finditer(text)), dtype=np.int64
            )
            if rule is not None:
                positions = positions[_accept(chars, positions, rule)]
            if len(positions):
                found = _row_of(offsets, positions)
                out[found if rows is None else rows[found], j] = 1.0
        # Word characters, so "don't" counts as two: short lines are
        # measured the way the cue weights were tuned (on CLEF, this count
        # ranks better than whitespace words).
        words = _word_counts(codes, starts)
        out[:, k] = words < 5
        out[:, k + 1] = words > 25
        out[:, k + 2] = np.minimum(words, 50) / 50.0
        return sp.csr_matrix(out)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Cue names, e.g. ``percentage``."""
        return np.array(
            [c[0] for c in CUES] + [c[0] for c in _LENGTH_CUES], dtype=object
        )

    @staticmethod
    def describe(name: str) -> str:
        """A readable description of a cue, e.g. ``contains a percentage``."""
        for cue in CUES:
            if cue[0] == name:
                return cue[1]
        return dict(_LENGTH_CUES)[name]
