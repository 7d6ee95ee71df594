"""Claim cues and document context: sentences -> numeric feature matrices.

Three transformers turn sentences into the sparse matrix a check-worthiness
classifier learns from:

- :class:`ClaimCues` marks what makes a sentence checkable: numbers,
  percentages, money, dates, comparisons, superlatives, names, past-tense
  statements, reporting verbs, hedges, opinions, questions, stage directions.
- :class:`DocumentContext` describes where a line sits: its position in
  the document, its place in the speaker's turn, and the speaker's habits.
- :class:`ClaimFeatures` joins word n-grams, cues and context, adds the
  neighbouring sentences' words and cues, and names every column in words a
  person can read (``describe_feature``).

Rows are read as documents in row order: consecutive rows with the same
``group`` are one document (debate, article). Input is a list of sentences,
or a table (DataFrame, ``datasets.Dataset``, list of dicts, dict of lists)
with ``text`` and optional ``speaker`` and ``group``; see
:func:`claim_inputs`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from stancekit.errors import SchemaError
from stancekit.features import lexicon

__all__ = [
    "CUES",
    "ClaimCues",
    "DocumentContext",
    "ClaimFeatures",
    "claim_inputs",
]


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


def _accept(text: str, start: int, rule: tuple[int, int, str, bool]) -> bool:
    width, letters, others, not_after_word = rule
    before = text[max(start - width, 0) : start]
    if not_after_word:
        return not before or not (before[-1].isalnum() or before[-1] in "._")
    if len(before) < width:
        return False
    if width == 2:  # entity: "<lower-case letter, digit or ,;:> <Capital>"
        return before[1] == " " and (before[0].islower() or before[0] in others)
    return before[-letters:].isalpha()


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
        where unknown). A plain list of sentences is one document.

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


def _row_of(starts: np.ndarray, positions: list[int]) -> np.ndarray:
    return (
        np.searchsorted(starts, np.asarray(positions, dtype=np.int64), side="right") - 1
    )


def _blob(texts: Sequence[str]) -> tuple[str, np.ndarray]:
    """All sentences on one line each, and where each one starts."""
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(texts) else lengths
    return "\n".join(texts), starts


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
        lowered = [t.lower().replace("\u2019", "'") for t in texts]
        low_blob, low_starts = _blob(lowered)
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
        for j, pattern, lower in _PATTERNS:
            text, offsets = (low_blob, low_starts) if lower else (blob, starts)
            rule = _BEFORE.get(CUES[j][0])
            positions = [m.start() for m in pattern.finditer(text)]
            if rule is not None:
                positions = [p for p in positions if _accept(text, p, rule)]
            if positions:
                out[_row_of(offsets, positions), j] = 1.0
        # Word characters, so "don't" counts as two: short lines are
        # measured the way the cue weights were tuned (on CLEF, this count
        # ranks better than whitespace words).
        words = np.fromiter(
            (len(_WORD.findall(t)) for t in texts), dtype=np.float64, count=n
        )
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


_CONTEXT = (
    ("position", "comes late in the document"),
    ("opening", "is among the first lines of the document"),
    ("turn_first", "opens a speaker's turn"),
    ("turn_last", "closes a speaker's turn"),
    ("turn_long", "is part of a long turn"),
    ("speaker_share", "is said by a speaker who talks a lot"),
    ("speaker_asks", "is said by a speaker who mostly asks questions"),
    ("no_speaker", "has no named speaker"),
)


class DocumentContext(TransformerMixin, BaseEstimator):
    """Where a line sits in its document, and who says it.

    Parameters
    ----------
    min_speaker_lines : int, default=0
        Speakers with at least this many training lines get a column of
        their own ("speaker TRUMP"); 0 turns speaker identity off, keeping
        only habits (how much a speaker talks, how often they ask).

    Examples
    --------
    >>> rows = {"text": ["Hi?", "We cut taxes.", "Thanks."],
    ...         "speaker": ["MOD", "ANN", "ANN"], "group": ["d", "d", "d"]}
    >>> ctx = DocumentContext().fit(rows)
    >>> ctx.transform(rows).shape
    (3, 8)
    """

    def __init__(self, *, min_speaker_lines: int = 0):
        self.min_speaker_lines = min_speaker_lines

    def fit(self, X: dict[str, list[Any]], y: Any = None) -> DocumentContext:
        """Learn the speakers that get a column of their own."""
        speakers: dict[str, int] = {}
        if self.min_speaker_lines > 0:
            for s in X["speaker"]:
                if s:
                    key = str(s).strip().upper()
                    speakers[key] = speakers.get(key, 0) + 1
        kept = sorted(s for s, c in speakers.items() if c >= self.min_speaker_lines)
        self.speakers_ = {s: i for i, s in enumerate(kept)}
        return self

    def transform(self, X: dict[str, list[Any]]) -> sp.csr_matrix:
        """One row of position, turn and speaker values per line."""
        check_is_fitted(self, "speakers_")
        texts, speakers, groups = X["text"], X["speaker"], X["group"]
        n = len(texts)
        k = len(_CONTEXT)
        out = np.zeros((n, k + len(self.speakers_)), dtype=np.float64)
        for start, stop in document_spans(groups):
            self._document(out, texts, speakers, start, stop)
        return sp.csr_matrix(out)

    def _document(
        self, out: np.ndarray, texts, speakers, start: int, stop: int
    ) -> None:
        n = stop - start
        idx = np.arange(n)
        out[start:stop, 0] = idx / max(n - 1, 1)
        out[start:stop, 1] = idx < 3
        names = [str(s).strip().upper() if s else "" for s in speakers[start:stop]]
        if not any(names):
            out[start:stop, 7] = 1.0
            return
        # Turns: runs of consecutive lines by one speaker.
        change = np.ones(n, dtype=bool)
        change[1:] = [a != b for a, b in zip(names[1:], names[:-1], strict=True)]
        turn_id = np.cumsum(change) - 1
        turn_len = np.bincount(turn_id)
        out[start:stop, 2] = change
        last = np.ones(n, dtype=bool)
        last[:-1] = change[1:]
        out[start:stop, 3] = last
        out[start:stop, 4] = np.minimum(turn_len[turn_id], 20) / 20.0
        counts: dict[str, int] = {}
        asks: dict[str, int] = {}
        for name, text in zip(names, texts[start:stop], strict=True):
            counts[name] = counts.get(name, 0) + 1
            asks[name] = asks.get(name, 0) + text.rstrip().endswith("?")
        out[start:stop, 5] = [counts[s] / n for s in names]
        out[start:stop, 6] = [asks[s] / counts[s] for s in names]
        out[start:stop, 7] = [not s for s in names]
        k = len(_CONTEXT)
        for i, name in enumerate(names):
            j = self.speakers_.get(name)
            if j is not None:
                out[start + i, k + j] = 1.0

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Context names, then ``speaker=NAME`` per known speaker."""
        check_is_fitted(self, "speakers_")
        return np.array(
            [c[0] for c in _CONTEXT] + [f"speaker={s}" for s in self.speakers_],
            dtype=object,
        )

    @staticmethod
    def describe(name: str) -> str:
        """A readable description, e.g. ``opens a speaker's turn``."""
        if name.startswith("speaker="):
            return f"speaker {name.split('=', 1)[1]}"
        return dict(_CONTEXT)[name]


def document_spans(groups: Sequence[Any]) -> list[tuple[int, int]]:
    """Start and stop of each run of consecutive rows with the same group.

    Examples
    --------
    >>> document_spans(["a", "a", "b", None])
    [(0, 2), (2, 3), (3, 4)]
    >>> document_spans([None, None])
    [(0, 2)]
    """
    spans = []
    start = 0
    for i in range(1, len(groups) + 1):
        if i == len(groups) or groups[i] != groups[start]:
            spans.append((start, i))
            start = i
    return spans


def shift_rows(M: sp.csr_matrix, groups: Sequence[Any], offset: int) -> sp.csr_matrix:
    """Each row replaced by the row ``offset`` places away in the same document.

    Rows with no such neighbour (document edges) become empty.

    Examples
    --------
    >>> M = sp.csr_matrix(np.array([[1.0], [2.0], [3.0]]))
    >>> shift_rows(M, ["a", "a", "b"], -1).toarray().ravel().tolist()
    [0.0, 1.0, 0.0]
    """
    n = M.shape[0]
    source = np.arange(n) + offset
    valid = (source >= 0) & (source < n)
    keys = np.empty(n, dtype=np.int64)
    for d, (start, stop) in enumerate(document_spans(groups)):
        keys[start:stop] = d
    valid[valid] &= keys[source[valid]] == keys[valid]
    picker = sp.csr_matrix(
        (np.ones(valid.sum()), (np.flatnonzero(valid), source[valid])), shape=(n, n)
    )
    return (picker @ M).tocsr()


class ClaimMemory(TransformerMixin, BaseEstimator):
    """How much a sentence resembles labeled training sentences, per class.

    Fact-checked claims recur: a candidate repeats a talking point from one
    debate to the next. For each class but the most frequent one, the
    columns hold the highest and the mean of the three highest cosine
    similarities between a sentence's TF-IDF vector and that class's
    training sentences. On the training rows, sentences of the row's own
    document (``group``, or the row itself when there are no groups) are
    left out, so the training values look like those of unseen documents.

    Parameters
    ----------
    max_examples : int, default=3000
        At most this many remembered sentences per class (a random sample).
    random_state : int or None, default=None

    Examples
    --------
    >>> import numpy as np
    >>> W = sp.csr_matrix(np.array([[1.0, 0], [0, 1.0], [1.0, 0], [0, 1.0]]))
    >>> mem = ClaimMemory().fit(W, [1, 0, 1, 0], groups=["a", "a", "b", "b"])
    >>> mem.transform(sp.csr_matrix(np.array([[1.0, 0]]))).toarray().tolist()
    [[1.0, 1.0]]
    """

    def __init__(self, *, max_examples: int = 3000, random_state: int | None = None):
        self.max_examples = max_examples
        self.random_state = random_state

    def fit(self, W: Any, y: Any, groups: Sequence[Any] | None = None) -> ClaimMemory:
        """Remember the rows of each class but the most frequent one."""
        self.fit_transform(W, y, groups=groups)
        return self

    def fit_transform(
        self, W: Any, y: Any, groups: Sequence[Any] | None = None
    ) -> sp.csr_matrix:
        """Fit, and return the training rows' values with their own document
        left out."""
        y = np.asarray(y)
        classes, counts = np.unique(y, return_counts=True)
        order = np.argsort(-counts, kind="stable")
        rng = np.random.default_rng(self.random_state)
        self.classes_ = classes[order[1:]] if len(classes) > 1 else classes
        self.memory_ = []
        rows_of = []
        for c in self.classes_:
            rows = np.flatnonzero(y == c)
            if len(rows) > self.max_examples:
                rows = np.sort(rng.choice(rows, self.max_examples, replace=False))
            rows_of.append(rows)
            self.memory_.append(sp.csr_matrix(W[rows]))
        if groups is None:
            doc = np.arange(W.shape[0])
        else:
            _, doc = np.unique(
                np.asarray([str(g) for g in groups]), return_inverse=True
            )
        out = []
        for rows, memory in zip(rows_of, self.memory_, strict=True):
            sims = (W @ memory.T).toarray()
            sims[doc[:, None] == doc[rows][None, :]] = 0.0
            out.append(_top_similarities(sims))
        return sp.csr_matrix(np.hstack(out)) if out else sp.csr_matrix((W.shape[0], 0))

    def transform(self, W: Any) -> sp.csr_matrix:
        """Highest and top-3 mean similarity to each remembered class."""
        check_is_fitted(self, "memory_")
        out = [_top_similarities((W @ m.T).toarray()) for m in self.memory_]
        return sp.csr_matrix(np.hstack(out)) if out else sp.csr_matrix((W.shape[0], 0))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """``max=LABEL`` and ``top3=LABEL`` per remembered class."""
        check_is_fitted(self, "memory_")
        names = []
        for c in self.classes_:
            names += [f"max={c}", f"top3={c}"]
        return np.array(names, dtype=object)

    @staticmethod
    def describe(name: str) -> str:
        """A readable description, e.g. ``closely resembles a training
        sentence labelled 1``."""
        kind, _, label = name.partition("=")
        if kind == "max":
            return f"closely resembles a training sentence labelled {label}"
        return f"resembles several training sentences labelled {label}"


def _top_similarities(sims: np.ndarray) -> np.ndarray:
    if sims.shape[1] == 0:
        return np.zeros((sims.shape[0], 2))
    k = min(3, sims.shape[1])
    top = -np.partition(-sims, k - 1, axis=1)[:, :k]
    return np.column_stack([top.max(axis=1), top.mean(axis=1)])


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
        neighbour_words: bool = True,
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
