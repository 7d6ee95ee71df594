"""Document context and claim memory: what a sentence's surroundings say.

- :class:`DocumentContext` describes where a line sits: its position in
  the document, its place in the speaker's turn, and the speaker's habits.
- :func:`document_spans` and :func:`shift_rows` read rows as documents, so
  neighbour features never cross from one document into the next.
- :class:`ClaimMemory` measures how much a sentence resembles labeled
  training sentences of other documents.

Consecutive rows with the same ``group`` are one document, in row order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

__all__ = [
    "DocumentContext",
    "document_spans",
    "shift_rows",
    "ClaimMemory",
    "LineContext",
    "relative_scores",
]


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
            if groups[start] is None:
                # a row of no document: no position or turns, only who speaks
                self._speaker(out, speakers, start)
                continue
            self._document(out, texts, speakers, start, stop)
        return sp.csr_matrix(out)

    def _speaker(self, out: np.ndarray, speakers, i: int) -> None:
        name = str(speakers[i]).strip().upper() if speakers[i] else ""
        j = self.speakers_.get(name)
        if j is not None:
            out[i, len(_CONTEXT) + j] = 1.0

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

    A row whose group is None belongs to no document: it is a span of its
    own, so rows of a plain table never see each other as neighbours.

    Examples
    --------
    >>> document_spans(["a", "a", "b", None])
    [(0, 2), (2, 3), (3, 4)]
    >>> document_spans([None, None])
    [(0, 1), (1, 2)]
    """
    spans = []
    start = 0
    for i in range(1, len(groups) + 1):
        if i == len(groups) or groups[i] is None or groups[i] != groups[start]:
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


_LINES = (
    ("in_document", "belongs to a document"),
    ("score_z", "scores high for its document"),
    ("score_rank", "ranks high among its document's lines"),
    ("previous_z", "follows a line that scores high"),
    ("next_z", "precedes a line that scores high"),
    ("previous2_z", "comes two lines after a line that scores high"),
    ("next2_z", "comes two lines before a line that scores high"),
    ("turn_mean_z", "is part of a turn that scores high"),
    ("turn_max_z", "is part of a turn with a high-scoring line"),
    ("speaker_mean_z", "is said by a speaker whose lines score high"),
    ("turn_index", "comes late in the speaker's turn"),
    ("turn_share", "sits far into the speaker's turn"),
    ("answers_question", "answers a question from another speaker"),
    ("previous_question", "follows a question"),
    ("next_question", "is followed by a question"),
)


class LineContext:
    """How a line compares with the rest of its document, by a first score.

    Given every line's score from a first model (an n-gram classifier), a
    line is described by its score relative to its document (standardised
    within the document, and its rank), its neighbours' and its turn's
    scores, the speaker's mean score, its place in the speaker's turn and
    whether it answers another speaker's question, together with
    :class:`DocumentContext`'s columns. Check-worthiness is a ranking
    within a document, so the relative figures carry across documents that
    differ in length and style.

    Rows without a ``group`` belong to no document: all their columns are
    0, so no row depends on another.

    Examples
    --------
    >>> rows = {"text": ["Why?", "Taxes rose 5%.", "Thanks."],
    ...         "speaker": ["MOD", "ANN", "ANN"], "group": ["d", "d", "d"]}
    >>> M = LineContext().transform(rows, np.array([0.0, 2.0, -1.0]))
    >>> names = list(LineContext.names())
    >>> float(M[1, names.index("answers_question")]), M.shape[1] == len(names)
    (1.0, True)
    """

    @staticmethod
    def names() -> list[str]:
        """The column names, :class:`DocumentContext`'s first."""
        return [c[0] for c in _CONTEXT] + [c[0] for c in _LINES]

    @staticmethod
    def describe(name: str) -> str:
        """A readable description of a column."""
        return dict(_CONTEXT + _LINES)[name]

    def transform(self, X: dict[str, list[Any]], scores: np.ndarray) -> np.ndarray:
        """One dense row per line: DocumentContext's columns, then the
        score-relative ones."""
        texts, speakers, groups = X["text"], X["speaker"], X["group"]
        base = DocumentContext().fit(X).transform(X).toarray()
        out = np.zeros((len(texts), len(_LINES)))
        for start, stop in document_spans(groups):
            # a row of no document keeps 0s: DocumentContext, with no
            # speaker columns, already gives it an empty row
            if groups[start] is not None:
                out[start:stop] = _document_lines(
                    texts[start:stop], speakers[start:stop], scores[start:stop]
                )
        return np.hstack([base, out])


def relative_scores(scores: np.ndarray, groups: Sequence[Any]) -> np.ndarray:
    """Each row's score standardised within its document, and its rank there.

    Two columns: the z-score within the document and the rank as a share
    of the document's lines (0.5/n for the lowest, nearly 1 for the
    highest). Rows without a group belong to no document and get zeros.

    Examples
    --------
    >>> relative_scores(np.array([1.0, 3.0, 5.0]), ["a", "a", None]).tolist()
    [[-1.0, 0.25], [1.0, 0.75], [0.0, 0.0]]
    """
    out = np.zeros((len(scores), 2))
    for start, stop in document_spans(groups):
        if groups[start] is not None:
            out[start:stop] = _standardised(scores[start:stop])
    return out


def _standardised(scores: np.ndarray) -> np.ndarray:
    """z-score and rank share of scores of one document."""
    spread = scores.std()
    z = (scores - scores.mean()) / (spread if spread > 0 else 1.0)
    rank = (np.argsort(np.argsort(scores)) + 0.5) / len(scores)
    return np.column_stack([z, rank])


def _document_lines(texts, speakers, scores: np.ndarray) -> np.ndarray:
    n = len(texts)
    out = np.zeros((n, len(_LINES)))
    out[:, 0] = 1.0
    out[:, 1:3] = _standardised(scores)
    z = out[:, 1]
    padded = np.concatenate([[0.0, 0.0], z, [0.0, 0.0]])
    out[:, 3] = padded[1 : n + 1]
    out[:, 4] = padded[3 : n + 3]
    out[:, 5] = padded[0:n]
    out[:, 6] = padded[4 : n + 4]
    names = [str(s).strip().upper() if s else "" for s in speakers]
    change = np.ones(n, dtype=bool)
    change[1:] = [a != b or not a for a, b in zip(names[1:], names[:-1], strict=True)]
    turn = np.cumsum(change) - 1
    sizes = np.bincount(turn)
    out[:, 7] = (np.bincount(turn, weights=z) / sizes)[turn]
    turn_max = np.full(len(sizes), -np.inf)
    np.maximum.at(turn_max, turn, z)
    out[:, 8] = turn_max[turn]
    _, who = np.unique(np.asarray(names, dtype=object), return_inverse=True)
    out[:, 9] = (np.bincount(who, weights=z) / np.bincount(who))[who]
    first = np.flatnonzero(change)[turn]
    index = np.arange(n) - first
    out[:, 10] = np.minimum(index, 10) / 10.0
    out[:, 11] = index / np.maximum(sizes[turn] - 1, 1)
    asks = np.array([t.rstrip().endswith("?") for t in texts], dtype=float)
    # the last line of the previous turn asked something
    before_turn = first - 1
    valid = before_turn >= 0
    out[valid, 12] = asks[before_turn[valid]]
    out[1:, 13] = asks[:-1]
    out[:-1, 14] = asks[1:]
    return out
