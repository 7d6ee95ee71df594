"""Direct quotations and their speakers, sentence by sentence.

:func:`attribute_quotes` takes an article's text and its sentence spans and
says, for each sentence, whether it is (part of) a direct quotation and who
the quotation or reported statement is attributed to. Quotation marks are
matched paragraph by paragraph here; attribution phrases are read by
:mod:`stancekit.text.speech` and names by :mod:`stancekit.text.names`. The rules
and their limits are in docs/quotes.md.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import chain, compress, repeat
from operator import itemgetter, ne, not_
from typing import Final, TypeAlias

from stancekit.errors import InputError
from stancekit.lexicon.speech import PARTICIPLES, SPEECH_VERBS
from stancekit.text.names import (
    QUOTE,
    Memory,
    Mention,
    canonical_name,
    find_mentions,
    find_runs,
    is_person_noun,
    names_nobody,
    opens_on_unnamed_person,
    tokenize,
    tokens_of,
)
from stancekit.text.speech import (
    ATTRIBUTING_WORDS,
    Attribution,
    Attributor,
    may_attribute,
)

__all__ = ["attribute_quotes"]

# Two apostrophes are one double mark: the ''...'' of some newspaper archives.
# (The same matches as ``''|[...']``; opening on a character class lets the
# search skip ahead to the next mark, twice as fast.)
_QUOTE_CHAR_RE: Final = re.compile("[\"“”„«»‘’‚']'?(?<='')|[\"“”„«»‘’‚']")
_APOSTROPHES: Final = ("'", "’")
# The marks that may open a quotation wherever they are.
_OPENING_MARKS: Final = '"“”„«»‘‚'
_WORD_RE: Final = re.compile(r"\w+")
# The words of more than three characters (no word is found in part: a
# shorter one is passed over whole).
_LONGER_WORD_RE: Final = re.compile(r"\w{4,}")
# A quotation introduced by a colon or a speech verb: `He said: “...”`. Read
# backwards from the quotation: the same finds as searching the text before
# it for ``(?::|(\w+)\s*,?)\s*$``, whose search backtracks through every word
# (thirty times slower).
_REVERSED_INTRO_RE: Final = re.compile(r"\s*(?::|,?\s*(\w+))")
# A closing single quote after a plural possessive ("workers’ rights") is an
# apostrophe when a real closing quote follows; look that far ahead at most.
_SINGLE_CLOSE_RE: Final = re.compile(r"(?<=\S)[’'](?![^\W_])")
_LOOKAHEAD: Final = 400
# Punctuation that ends a quoted statement rather than a name or title:
# `“Make America Great Again,” he said` is speech, `“Iron Shield” began` is not.
_STATEMENT_END_RE: Final = re.compile(r"[,.!?…:;]\W*$")
# A quotation left open for its attribution: a comma inside or outside the
# closing mark ends it (`“...,”` / `“...”,`), with nothing after.
_OPEN_END_RE: Final = re.compile(r"(?:,[”\"’'»]+|[”\"’'»]+,)\s*\Z")

_FEEDS_MEMORY: Final = frozenset({"body", "headline"})
# Tokens without which a sentence cannot hold an attribution; checking them
# first skips the search in most sentences.
# A quotation is a cue of its own: "“...!” beamed X" needs no known verb.
_INTRO_WORDS: Final = SPEECH_VERBS | PARTICIPLES
_CUES: Final = frozenset(
    {*_INTRO_WORDS, *(v.capitalize() for v in _INTRO_WORDS), "according", "According"}
    | {":", "—", "–", "-", "―", QUOTE}
)
# Quotations speech-like enough on length alone: at least this many words.
_CLAUSE_WORDS: Final = 4
# ... or covering at least this share of the sentence's word characters.
_COVERAGE: Final = 0.5


def attribute_quotes(
    text: str,
    spans: Sequence[tuple[int, int]],
    paragraph_index: Sequence[int],
    kinds: Sequence[str] | None = None,
    words: Sequence[list[str]] | None = None,
) -> list[tuple[bool, str | None]]:
    """Mark direct quotations and find who said them, sentence by sentence.

    Parameters
    ----------
    text : str
        The article's raw text.
    spans : sequence of (int, int)
        Sentence ``(start, end)`` offsets into ``text``, in order and not
        overlapping.
    paragraph_index : sequence of int
        The paragraph of each sentence; consecutive sentences with the same
        value form one paragraph.
    kinds : sequence of str, optional
        The block kind of each sentence (``"body"``, ``"headline"``,
        ``"caption"``, ...). ``None`` means every sentence is body text.
        Only body and headline sentences teach the pronoun memory, and only
        body sentences lend or borrow speakers across sentences.
    words : sequence of list of str, optional
        The words of each sentence as :func:`~stancekit.text.page_rules.words_of`
        gives them, when the caller has them already (the pipeline computes
        them once for :func:`~stancekit.text.repeats.find_duplicates` too):
        they let most sentences without a speech word skip the search. The
        result is the same with or without them.

    Returns
    -------
    list of (bool, str or None)
        ``(in_quote, speaker)`` per sentence. ``speaker`` is a person's name
        without titles ("Vladimir Putin"), an organisation as written without
        its article ("Kremlin", "health ministry"), or None.

    Raises
    ------
    InputError
        If ``paragraph_index``, ``kinds`` or ``words`` do not have one entry
        per span, or a span is outside ``text`` or out of order.

    Examples
    --------
    >>> text = "Russian President Vladimir Putin spoke. “We will not back down,” he said."
    >>> attribute_quotes(text, [(0, 39), (40, 73)], [0, 0])
    [(False, None), (True, 'Vladimir Putin')]
    """
    n = len(spans)
    kinds = ["body"] * n if kinds is None else list(kinds)
    _check_inputs(text, spans, paragraph_index, kinds, words)
    if not n:
        return []
    # A list, not any sequence: the compiled rules index it without a
    # generic call.
    spans = list(spans)
    regions, chained = _find_regions(text, spans, paragraph_index, kinds)
    parent = list(range(len(regions)))
    for a, b in chained:
        _union(parent, a, b)

    in_quote, unit, pieces_of = _mark(text, spans, kinds, regions, parent)
    own = _attribute(text, spans, kinds, pieces_of, in_quote, words)
    speakers = _assign(text, spans, paragraph_index, kinds, in_quote, unit, parent, own)
    return list(zip(in_quote, speakers, strict=True))


def _mark(
    text: str,
    spans: list[tuple[int, int]],
    kinds: list[str],
    regions: list[tuple[int, int]],
    parent: list[int],
) -> tuple[list[bool], list[int], dict[int, list[tuple[int, int]]]]:
    """Per sentence: ``in_quote`` and the quoted region that ties it to its
    quotation (-1 if none); and, for the sentences that overlap a quoted
    region, the unquoted stretches of their text (one more than the regions
    they overlap). Most sentences overlap none: the regions are walked, not
    the sentences."""
    n = len(spans)
    in_quote = [False] * n
    unit = [-1] * n
    overlapping: dict[int, list[int]] = {}
    ends = list(map(itemgetter(1), spans))
    for k, (q0, q1) in enumerate(regions):
        i = bisect_right(ends, q0)  # the first sentence ending after q0
        while i < n and spans[i][0] < q1:
            overlapping.setdefault(i, []).append(k)
            i += 1
    pieces_of: dict[int, list[tuple[int, int]]] = {}
    for i in sorted(overlapping):
        start, end = spans[i]
        pieces: list[tuple[int, int]] = []
        cursor = start
        for k in overlapping[i]:
            q0, q1 = regions[k]
            pieces.append((cursor, max(q0, start)))
            cursor = min(q1, end)
        pieces.append((cursor, end))
        pieces_of[i] = pieces
        speech = [
            k
            for k in overlapping[i]
            if _is_speech(text, start, end, regions, k, kinds[i])
        ]
        if not speech:
            speech = _by_coverage(text, start, end, regions, overlapping[i])
        if speech:
            in_quote[i] = True
            for k in speech[1:]:
                _union(parent, speech[0], k)
            unit[i] = speech[0]

    return in_quote, unit, pieces_of


def _check_inputs(
    text: str,
    spans: Sequence[tuple[int, int]],
    paragraph_index: Sequence[int],
    kinds: list[str],
    words: Sequence[list[str]] | None,
) -> None:
    n = len(spans)
    if len(paragraph_index) != n:
        raise InputError(
            f"paragraph_index must have one entry per span ({n}); "
            f"got {len(paragraph_index)}."
        )
    if len(kinds) != n:
        raise InputError(f"kinds must have one entry per span ({n}); got {len(kinds)}.")
    if words is not None and len(words) != n:
        raise InputError(f"words must have one entry per span ({n}); got {len(words)}.")
    # In order, within the text. (A loop over the pairs: compiled, it takes
    # a ninth of the time of comparing the offsets read flat with ``map``,
    # 0.013 -> 0.0015 s over 420 articles; as Python, three quarters.)
    previous_end = 0
    for k, (start, end) in enumerate(spans):
        if not previous_end <= start <= end <= len(text):
            raise InputError(
                "spans must be ordered, non-overlapping (start, end) offsets "
                f"within text (length {len(text)}); got {(start, end)!r} at index {k}."
            )
        previous_end = end


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _root(parent, a), _root(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _root(parent: list[int], a: int) -> int:
    while parent[a] != a:
        parent[a] = parent[parent[a]]
        a = parent[a]
    return a


# ---------------------------------------------------------------------------
# Quotation marks


def _find_regions(
    text: str,
    spans: list[tuple[int, int]],
    paragraph_index: Sequence[int],
    kinds: list[str],
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Quoted regions of every paragraph, and the pairs of regions that are
    one quotation continued into the next body paragraph."""
    regions: list[tuple[int, int]] = []
    chained: list[tuple[int, int]] = []
    n = len(spans)
    # The first sentence of each paragraph, its offsets, and its kind.
    firsts = [0]
    firsts += compress(range(1, n), map(ne, paragraph_index[1:], paragraph_index))
    starts = [spans[f][0] for f in firsts]
    ends = [spans[f - 1][1] for f in firsts[1:]]
    ends.append(spans[-1][1])
    body = list(map("body".__eq__, map(kinds.__getitem__, firsts)))
    body_paragraphs = list(compress(range(len(firsts)), body))
    open_region = -1  # last region of the previous body paragraph, if unclosed
    open_paragraph = -1  # the paragraph that left it open
    # Most paragraphs have no mark that may open a quotation, and so no
    # quotation: only those with one are read.
    for p in _paragraphs_with_marks(text, starts, ends):
        a, b = starts[p], ends[p]
        found, open_at_end = _scan(text, a, b)
        if body[p]:
            # Newswire convention: a paragraph left open and the next body
            # paragraph opening with a quote mark are one quotation.
            if (
                open_region >= 0
                and found
                and found[0][0] == _first_char(text, a, b)
                and body_paragraphs[bisect_right(body_paragraphs, open_paragraph)] == p
            ):
                chained.append((open_region, len(regions)))
            open_region = len(regions) + len(found) - 1 if open_at_end else -1
            open_paragraph = p
        regions.extend(found)
    return regions, chained


def _paragraphs_with_marks(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """The paragraphs (numbers into ``starts``/``ends``) that hold a mark
    which may open a quotation in :func:`_scan`, in order: every mark but an
    apostrophe right after
    a letter or digit ("don't", "Putin’s"), unless two apostrophes make one
    double mark or it starts its paragraph.

    The marks are found with ``str.find``, one mark character at a time (a
    quarter of the time of one pattern over the text; most texts hold few
    marks)."""
    count = len(starts)
    if not count:
        return []
    find, first, last = text.find, starts[0], ends[-1]
    at: list[int] = []
    for mark in _OPENING_MARKS if not text.isascii() else '"':
        i = find(mark, first, last)
        while i >= 0:
            at.append(i)
            i = find(mark, i + 1, last)
    for mark in _APOSTROPHES if not text.isascii() else "'":
        i = find(mark, first, last)
        while i >= 0:
            if not (i and text[i - 1].isalnum()) or text.startswith("''", i):
                at.append(i)
            i = find(mark, i + 1, last)
    found: set[int] = set()
    for i in at:
        p = bisect_right(starts, i) - 1  # the last paragraph starting at or before i
        if i < ends[p]:
            found.add(p)
    # (A paragraph that opens on an apostrophe is read whatever comes before.)
    for p in compress(range(count), map(text.startswith, repeat(_APOSTROPHES), starts)):
        if starts[p] < ends[p]:
            found.add(p)
    return sorted(found)


def _first_char(text: str, a: int, b: int) -> int:
    while a < b and text[a].isspace():
        a += 1
    return a


def _scan(text: str, a: int, b: int) -> tuple[list[tuple[int, int]], bool]:
    """Match quotation marks in ``text[a:b]``; returns the outermost quoted
    regions (marks included) and whether the last is still open at ``b``."""
    regions: list[tuple[int, int]] = []
    stack: list[str] = []  # open marks: d double, D low double, g guillemet, s single
    opened = a

    def open_(kind: str, at: int) -> None:
        nonlocal opened
        if not stack:
            opened = at
        stack.append(kind)

    def close(kinds: str, at: int) -> None:
        while stack:
            if stack.pop() in kinds:
                break
        if not stack and _WORD_RE.search(text, opened, at):
            regions.append((opened, at))

    for match in _QUOTE_CHAR_RE.finditer(text, a, b):
        i, j = match.span()
        c = '"' if j - i == 2 else text[i]
        prev = text[i - 1] if i > a else " "
        nxt = text[j] if j < b else " "
        opening_position = prev.isspace() or prev in "([{—–-:" or i == a
        if c == "“":
            if "D" in stack:
                close("D", i + 1)
            elif "d" in stack and not opening_position:
                close("d", i + 1)  # German-style closing mark
            else:
                if "d" in stack:
                    close("d", i)  # an unclosed quotation ends where a new one opens
                open_("d", i)
        elif c == "„":
            open_("D", i)
        elif c == "”":
            if "d" in stack or "D" in stack:
                close("dD", i + 1)
            elif opening_position and nxt.isalnum():
                open_("d", i)
        elif c == '"' and prev == "=":
            pass  # markup left in the text: <tweet id="758855648">
        elif c == '"':
            if "d" in stack:
                if opening_position and not nxt.isspace() and j < b:
                    close("d", i)
                    open_("d", i)
                else:
                    close("d", j)
            elif (
                j < b
                and not nxt.isspace()
                and nxt not in ",.;:!?)]"
                and not (prev.isalnum())
            ):
                open_("d", i)
        elif c == "«":
            open_("g", i)
        elif c == "»":
            if "g" in stack:
                close("g", i + 1)
        elif c in "‘‚":
            if not prev.isalpha() and not nxt.isdigit() and not nxt.isspace():
                open_("s", i)
        elif "s" in stack and not prev.isspace() and not nxt.isalnum():
            if not _possessive_apostrophe(text, i, b):
                close("s", i + 1)
        elif (c == "'" and not prev.isalnum() and nxt.isalpha()) or (
            # Some sites type ’ for both marks: ’We will win,’ he said.
            c == "’" and opening_position and nxt.isupper() and "s" not in stack
        ):
            open_("s", i)
    open_at_end = bool(stack) and _WORD_RE.search(text, opened, b) is not None
    if open_at_end:
        regions.append((opened, b))
    return regions, open_at_end


def _possessive_apostrophe(text: str, i: int, b: int) -> bool:
    """True for the apostrophe of "workers’ rights" inside a single-quoted
    quotation: an s before it, a lower-case word after it, and a closing
    quote still to come before the next opening one."""
    if text[i - 1] not in "sS" or i + 2 >= b or text[i + 1] != " ":
        return False
    if not text[i + 2].islower():
        return False
    limit = min(b, i + _LOOKAHEAD)
    next_open = text.find("‘", i + 1, limit)
    if next_open >= 0:
        limit = next_open
    return _SINGLE_CLOSE_RE.search(text, i + 1, limit) is not None


def _word_chars(text: str, start: int, end: int) -> int:
    return sum(map(len, _WORD_RE.findall(text, start, end)))


def _is_speech(
    text: str, start: int, end: int, regions: list[tuple[int, int]], k: int, kind: str
) -> bool:
    """Whether quoted region ``k`` makes the sentence a direct quotation.

    Speech: the quotation runs across a sentence boundary, opens the
    sentence, follows a colon or a speech verb, or is a clause of at least
    four words. Scare quotes ("so-called “peace plan”") and quoted names or
    titles of works in Title Case are not speech.
    """
    q0, q1 = regions[k]
    if q0 < start or q1 > end:
        return True
    if kind != "headline" and _is_title_like(text, q0, q1):
        return False
    if not _WORD_RE.search(text, start, q0):
        return True
    if _introduced(text, max(start, q0 - 40), q0):
        return True
    return len(_WORD_RE.findall(text, q0, q1)) >= _CLAUSE_WORDS


def _introduced(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends on a colon or a speech verb (a comma
    and spaces may follow either)."""
    intro = _REVERSED_INTRO_RE.match(text[start:end][::-1])
    return intro is not None and (
        intro.group(1) is None or intro.group(1)[::-1].lower() in _INTRO_WORDS
    )


def _is_title_like(text: str, q0: int, q1: int) -> bool:
    # "Operation Iron Shield", "The Lord of the Rings": every longer word is
    # capitalised and nothing ends a statement before the closing mark.
    # (The longer words are read one at a time: most quotations show a
    # lower-case one early.)
    longer = _LONGER_WORD_RE.finditer(text, q0, q1)
    first = next(longer, None)
    if first is None or not all(
        text[word.start()].isupper() for word in chain((first,), longer)
    ):
        return False
    return _STATEMENT_END_RE.search(text, q0, q1 - 1) is None


def _by_coverage(
    text: str,
    start: int,
    end: int,
    regions: list[tuple[int, int]],
    overlapping: list[int],
) -> list[int]:
    """Short quotations that still make up most of the sentence."""
    total = _word_chars(text, start, end)
    untitled = [k for k in overlapping if not _is_title_like(text, *regions[k])]
    quoted = sum(
        _word_chars(text, max(regions[k][0], start), min(regions[k][1], end))
        for k in untitled
    )
    if total and quoted / total >= _COVERAGE:
        return untitled
    return []


# ---------------------------------------------------------------------------
# Speakers


def _attribute(
    text: str,
    spans: list[tuple[int, int]],
    kinds: list[str],
    pieces_of: dict[int, list[tuple[int, int]]],
    in_quote: list[bool],
    words: Sequence[list[str]] | None = None,
) -> list[tuple[str | None, Attribution | None]]:
    """Each sentence's own attribution and the speaker it resolves to, read
    in order so that pronouns find the most recently named person.

    ``pieces_of`` holds the unquoted stretches of the sentences that overlap
    a quotation; any other sentence is one stretch, its span.

    What a body or headline sentence teaches the memory is put off until
    something reads the memory (see :class:`_Learning`): after an article's
    last pronoun or surname to resolve, its names are never read."""
    if words is not None and _FOLDS_TO_LETTER in text:
        words = None  # the casefolded words may hide a cue word (see below)
    learning = _Learning(text, spans)
    attributor = Attributor(learning)
    n = len(spans)
    own: list[tuple[str | None, Attribution | None]] = [(None, None)] * n
    provisional = []
    # The sentences with a word that may attribute or a colon at their end
    # (with the words given): all that a frame without quotations, not a
    # headline, may attribute with (see :func:`_may_hold_cue`).
    cued: set[int] | None = None
    if words is None:
        todo: Sequence[int] = range(n)
    else:
        # Most furniture has no quotation, no speech word and no colon at
        # its end: a frame without quotations needs one of these to hold an
        # attribution (see :func:`~stancekit.text.speech.may_attribute`),
        # so it needs no look of its own.
        # Each test runs over all sentences at once, in C, not one sentence
        # at a time.
        every = range(n)
        cued = set(compress(every, map(not_, map(ATTRIBUTING_WORDS.isdisjoint, words))))
        cued.update(_ending_on_colon(text, spans))
        picked = set(compress(every, map(_FEEDS_MEMORY.__contains__, kinds)))
        picked.update(pieces_of)
        picked.update(cued)
        todo = sorted(picked)
    for i in todo:
        span = spans[i]
        start, end = span
        feeds = kinds[i] in _FEEDS_MEMORY
        headline = kinds[i] == "headline"
        pieces = pieces_of.get(i)
        if pieces is None:
            if cued is None:
                may = feeds or _may_hold_cue(text, span, headline)
            else:
                # (:func:`_may_hold_cue` with the words, from the sets above.)
                may = i in cued or (headline and text.find(":", start, end) >= 0)
            if not may:
                if feeds:
                    learning.defer(i, None, None)  # no attribution; names later
                continue  # furniture: no need for tokens
            tokens = tokens_of(text, start, end)
        else:
            tokens = tokenize(text, pieces)
        cue = not _CUES.isdisjoint(tokens) and may_attribute(tokens, headline=headline)
        if not cue:
            if feeds:
                learning.defer(i, tokens, None)
            continue  # no attribution
        runs = find_runs(tokens)
        found = attributor.find(tokens, runs, headline=headline, quoted=in_quote[i])
        name = None
        mentions = None
        if found is not None:
            if found.ref == "name" and found.mention is not None:
                name = learning.canonical(found.mention)
                if " " not in name and not found.mention.is_org:
                    provisional.append(i)
            elif found.ref == "pronoun":
                memory = learning.memory()
                mentions = find_mentions(tokens, runs, memory)
                # (Found against the memory the sentence will teach: it
                # teaches these, not a second reading.)
                earlier = [m for start, m in mentions if start < found.start]
                if earlier:
                    name = memory.canonical(earlier[-1])
                else:
                    name = memory.resolve(found.pronoun)
            elif found.ref == "it":
                name = learning.memory().last_org
            elif found.ref == "title":
                name = learning.memory().by_title.get(found.title)
        own[i] = (name, found)
        if feeds:
            learning.defer(i, tokens, runs, found, name, mentions)
    # A headline's "Putin says ..." is Vladimir Putin once the body names him.
    for i in provisional:
        name, found = own[i]
        own[i] = (learning.by_surname.get(name or "", name), found)
    return own


# What a sentence teaches the memory, put off (see :meth:`_Learning.defer`).
_Deferred: TypeAlias = tuple[
    int,
    list[str] | None,
    dict[int, int] | None,
    Attribution | None,
    str | None,
    list[tuple[int, Mention]] | None,
]


class _Learning:
    """The pronoun memory of one article, with what each body or headline
    sentence teaches it put off until the memory is read.

    :meth:`defer` queues a sentence (its tokens and name runs when already
    read, its attribution and resolved speaker); :meth:`memory` applies the
    queue in sentence order, each sentence as it was read before (its
    mentions found against the memory of the sentences before it), and
    returns the memory. So every read sees what it would have seen had each
    sentence taught the memory at once, and sentences after the last read
    are never cut into names.

    Most reads ask for one surname (:attr:`by_surname`, which
    :class:`~stancekit.text.speech.Attributor` reads too): a queued sentence
    can only change what surname ``X`` maps to if it names someone in two
    words or more, the last ``X`` (a one-word name maps to what ``X`` maps
    to already). So ``X``, less any periods that end it, is in its text
    right after another token of the name: only spaces and underscores
    (which make no token) between, and that token ends on a letter, digit,
    apostrophe, hyphen or period. When no queued sentence holds ``X`` so,
    the answer is the same before and after the queue, and the queue stays.
    """

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self._text = text
        self._spans = spans
        self._memory = Memory()
        self._queue: list[_Deferred] = []
        self.by_surname = _KnownSurnames(self)

    def defer(
        self,
        i: int,
        tokens: list[str] | None,
        runs: dict[int, int] | None,
        found: Attribution | None = None,
        name: str | None = None,
        mentions: list[tuple[int, Mention]] | None = None,
    ) -> None:
        self._queue.append((i, tokens, runs, found, name, mentions))

    def memory(self) -> Memory:
        """The memory, taught by every sentence deferred so far."""
        if self._queue:
            queue, self._queue = self._queue, []
            for i, tokens, runs, found, name, mentions in queue:
                self._teach(i, tokens, runs, found, name, mentions)
        return self._memory

    def knowing(self, surname: str) -> Memory:
        """The memory, taught enough to say what ``surname`` maps to."""
        word = surname.rstrip(".")
        if not word:
            return self.memory()
        text = self._text
        for record in self._queue:
            start, end = self._spans[record[0]]
            at = text.find(word, start, end)
            while at >= 0:
                if _after_a_token(text, start, at):
                    return self.memory()
                at = text.find(word, at + 1, end)
        return self._memory

    def canonical(self, mention: Mention) -> str:
        """:meth:`Memory.canonical` of ``mention``, reading one surname."""
        return canonical_name(mention, self.by_surname)

    def _teach(
        self,
        i: int,
        tokens: list[str] | None,
        runs: dict[int, int] | None,
        found: Attribution | None,
        name: str | None,
        mentions: list[tuple[int, Mention]] | None = None,
    ) -> None:
        memory = self._memory
        if tokens is None:
            span = self._spans[i]
            if names_nobody(self._text, span, memory):
                return  # nobody to remember
            start, end = span
            tokens = tokens_of(self._text, start, end)
        if runs is None:
            runs = find_runs(tokens)
        # Only body and headline names are remembered; elsewhere they serve
        # a pronoun attribution alone.
        if mentions is None:
            mentions = find_mentions(tokens, runs, memory)
        if opens_on_unnamed_person(tokens):
            memory.touch("")
        for _, mention in mentions:
            memory.remember(mention)
        if found is not None and found.ref == "name" and found.mention is not None:
            memory.remember(found.mention)
        elif name is not None and found is not None and found.ref != "it":
            memory.touch(name, found.pronoun)
        elif (
            found is not None and found.ref == "unnamed" and is_person_noun(found.title)
        ):
            memory.touch("")


def _ends_open(
    text: str, spans: list[tuple[int, int]], paragraph_index: Sequence[int], i: int
) -> bool:
    """Whether sentence ``i`` ends its paragraph on a quotation closed with a
    comma, waiting for its attribution: `“We have waited long enough,”`."""
    return (
        i + 1 == len(spans) or paragraph_index[i + 1] != paragraph_index[i]
    ) and _OPEN_END_RE.search(text, *spans[i]) is not None


def _after_a_token(text: str, start: int, at: int) -> bool:
    """Whether ``text[at]`` may start a token that goes on a name run begun
    before it, within ``text[start:]``: the last character before it, past
    spaces and underscores, could end a token of a name run."""
    k = at - 1
    while k >= start and (text[k].isspace() or text[k] == "_"):
        k -= 1
    return k >= start and (text[k].isalnum() or text[k] in "’'-.")


class _KnownSurnames:
    """The ``by_surname`` of a :class:`_Learning`, read one surname at a
    time."""

    def __init__(self, learning: _Learning) -> None:
        self._learning = learning

    def __contains__(self, surname: str) -> bool:
        return surname in self._learning.knowing(surname).by_surname

    def get(self, surname: str, default: str | None = None) -> str | None:
        return self._learning.knowing(surname).by_surname.get(surname, default)


# A colon and what may follow it within its token's reach: spaces and
# underscores, which make no token. Ending a frame (``_COLON_END_RE``), the
# colon is the frame's last token.
_COLON_RE: Final = re.compile(r":[\s_]*")
_COLON_END_RE: Final = re.compile(_COLON_RE.pattern + r"\Z")


def _ending_on_colon(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """The sentences whose last token is a colon, found from the colons of
    the text (few) rather than sentence by sentence."""
    found = []
    ends = list(map(itemgetter(1), spans))
    for match in _COLON_RE.finditer(text):
        colon = match.start()
        i = bisect_right(ends, colon)  # the first sentence ending after it
        if i < len(spans) and spans[i][0] <= colon and match.end() >= ends[i]:
            found.append(i)
    return found


def _may_hold_cue(text: str, span: tuple[int, int], headline: bool) -> bool:
    """Whether a sentence without quotations may hold an attribution, tested
    more cheaply than by tokenizing. Its frame has no quotation, so
    :func:`~stancekit.text.speech.may_attribute` needs a colon as its last
    token (in a headline, anywhere) or a word of
    :data:`~stancekit.text.speech.ATTRIBUTING_WORDS` among its tokens; such a
    word's token is a run of letters (no letter, digit, apostrophe or hyphen
    either side), and a colon is a token of its own.

    (With the sentence's casefolded words, ``words_of``, :func:`_attribute`
    makes the same test from sets: an attributing word's run casefolds to a
    word of its own, so when no word is one, no run is.)
    """
    start, end = span
    if (
        text.find(":", start, end) >= 0
        if headline
        else _COLON_END_RE.search(text, start, end) is not None
    ):
        return True
    runs = _LETTER_RUN_RE.findall(text, start, end)
    return not ATTRIBUTING_WORDS.isdisjoint(map(str.lower, runs))


_LETTER_RUN_RE: Final = re.compile(r"[^\W_]+")
# The one character that is no letter but casefolds to one (U+0345 -> ι),
# so that "said\u0345" has the run "said" but not the word: with it in the
# text, the words cannot vouch for the runs.
_FOLDS_TO_LETTER: Final = "\u0345"


def _assign(
    text: str,
    spans: list[tuple[int, int]],
    paragraph_index: Sequence[int],
    kinds: list[str],
    in_quote: list[bool],
    unit: list[int],
    parent: list[int],
    own: list[tuple[str | None, Attribution | None]],
) -> list[str | None]:
    """Speakers per sentence: a quotation's sentences share one speaker; an
    unattributed body quotation borrows from its neighbours."""
    n = len(spans)
    speakers: list[str | None] = [name for name, _ in own]
    # The quotation each sentence belongs to (its root region), or -1; only
    # the few quoted sentences are visited.
    quotation = [-1] * n
    members: dict[int, list[int]] = {}
    for i in compress(range(n), in_quote):
        quotation[i] = root = _root(parent, unit[i])
        members.setdefault(root, []).append(i)
    if not members:
        return speakers
    body = list(compress(range(n), map("body".__eq__, kinds)))

    def position(i: int) -> int:
        return bisect_left(body, i)  # i is a body sentence

    # Each quotation's own attribution, wherever it sits in the quotation,
    # and whether it comes after the quoted words.
    decided: dict[int, tuple[str | None, bool]] = {}
    for root, sentences in members.items():
        for i in sentences:
            name, found = own[i]
            if found is not None:
                decided[root] = (name, i != sentences[0] or found.trailing)
                break

    def borrow(sentences: list[int]) -> str | None:
        """From (in order) an attribution opening the next paragraph when
        the quotation ends its paragraph open ("“...,”" then "Kovač told
        journalists."), the nearest earlier sentence of the paragraph that
        attributes something, a trailing attribution right after the
        quotation ("“...”" then "“...,” he told journalists."), or the
        previous body sentence when it is an attributed quotation."""
        first, last = sentences[0], sentences[-1]
        p = position(first)
        after = position(last) + 1
        if after < len(body) and _ends_open(text, spans, paragraph_index, last):
            nxt = body[after]
            name, found = own[nxt]
            if (
                found is not None
                and found.start == 0
                and paragraph_index[nxt] != paragraph_index[last]
            ):
                # A scraper's paragraph break at the closing ",”": the
                # attribution that opens the next paragraph is this one's.
                return name
        # Past sentences that attribute nothing: "“...,” she said. She is
        # 74. “...”".
        for back in range(p - 1, max(-1, p - 6), -1):
            earlier = body[back]
            if paragraph_index[earlier] != paragraph_index[first]:
                break
            if speakers[earlier] is not None or own[earlier][1] is not None:
                return speakers[earlier]
        if after < len(body):
            nxt = body[after]
            if quotation[nxt] in decided:
                name, trailing = decided[quotation[nxt]]
                if trailing:
                    return name
            elif quotation[nxt] < 0:
                name, found = own[nxt]
                if found is not None and found.trailing:
                    return name
        prev = body[p - 1] if p > 0 else -1
        if prev >= 0 and (
            quotation[prev] >= 0
            or (own[prev][1] is not None and text.endswith(":", *spans[prev]))
        ):
            # The previous quotation's speaker, or "Dr. Ward stated:" above.
            return speakers[prev]
        return None

    for root, sentences in sorted(members.items(), key=lambda item: item[1][0]):
        if root in decided:
            name = decided[root][0]
        elif all(kinds[i] == "body" for i in sentences):
            name = borrow(sentences)
        else:
            name = None
        for i in sentences:
            speakers[i] = name
    return speakers
