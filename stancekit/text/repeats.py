"""Texts that repeat an earlier one: exact, normalized and near repeats.

Scraped pages repeat the lede, a quotation with another attribution ("...,"
he said." / "...," he told journalists."), or a quotation as a pull quote.
:func:`find_duplicates` points each such text at the first one it repeats;
the pipeline uses it for the ``duplicate_of`` column.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress, count
from typing import Final

from stancekit.errors import InputError
from stancekit.lexicon.speech import ATTRIBUTION_WORDS
from stancekit.text.page_rules import SPEECH, normalize, words_of

__all__ = ["find_duplicates"]

_QUOTE_MARKS: Final = '"“”„«»‘'
_QUOTE_MARK: Final = re.compile(f"[{_QUOTE_MARKS}]")
_QUOTED: Final = re.compile(r"[\"“”„«»]([^\"“”„«»]{3,})[\"“”„«»]|‘([^‘’]{12,})’")
_MIN_REPEAT_WORDS: Final = 3
_FEWER_WORDS: Final = _MIN_REPEAT_WORDS - 1
_SHINGLE: Final = 5
# Long inputs index runs of _RUN words at every _STRIDE-th word, which finds
# every container while _RUN + _STRIDE - 1 <= _MIN_CONTAINED_WORDS.
_RUN: Final = 4
_STRIDE: Final = 5
_MIN_CONTAINED_WORDS: Final = 8
_MAX_POSTING: Final = 64
# Up to this many texts, the containment search scans the earlier ones.
_MAX_SCANNED_TEXTS: Final = 400
# After this many cap checks on one input, the earlier texts' five-word
# shingles are indexed once and counted by bisection: scanning every
# earlier text per check costs the square of an input where many texts
# sit inside earlier ones; real pages make a few checks.
_SCANNED_CAP_CHECKS = 16
# A quotation of fewer words ("not back down") is a phrase, not a statement.
_MIN_QUOTE_WORDS: Final = 4
# Words outside the quotation that can still be only its attribution.
_MAX_ATTRIBUTION_WORDS: Final = 12


def find_duplicates(
    texts: Sequence[str], text_words: Sequence[list[str]] | None = None
) -> list[int | None]:
    """For each text, the index of the first earlier text it repeats.

    Texts are compared normalized (casefolded; quotes, dashes, punctuation
    and spacing folded). Near repeats count too: the same quotation with a
    different attribution (``"..., he said."`` / ``"..., he told
    journalists."``; a text that is mostly a quotation of four or more words
    is keyed by the quotation alone, whatever the attribution around it), a
    pull quote repeating a quoted sentence without its attribution, and a
    text of eight or more words wholly contained in an earlier one. Texts of
    fewer than three words are never repeats ("Yes." twice in an interview
    is two answers). Exact and quotation repeats are hashed lookups; the
    containment search runs only for a text whose words have all been seen
    before (few do), and scans an article's texts so far, or for inputs of
    more than a few hundred texts looks up runs of their words instead (a
    container counts when it is among the first 64 texts sharing the text's
    first, middle and last five-word shingles), so the cost stays linear.

    Parameters
    ----------
    texts : sequence of str
    text_words : sequence of list of str, optional
        The words of each text as :func:`~stancekit.text.page_rules.words_of`
        gives them, when the caller has them already (the pipeline shares
        them with :func:`~stancekit.text.quotes.attribute_quotes`).

    Returns
    -------
    list of int or None
        ``None`` for the first occurrence of each text.

    Examples
    --------
    >>> find_duplicates([
    ...     "“We will rebuild the bridge,” he said.",
    ...     "Traffic was light.",
    ...     "“We will rebuild the bridge,” he told journalists.",
    ...     "We will rebuild the bridge",
    ... ])
    [None, None, 0, 0]
    """
    if text_words is None:
        text_words = [words_of(text) for text in texts]
    elif len(text_words) != len(texts):
        raise InputError(
            f"text_words must have one entry per text ({len(texts)}); "
            f"got {len(text_words)}."
        )
    result: list[int | None] = [None] * len(texts)
    # What the loop reads of every text, each in one pass in C.
    counts = list(map(len, text_words))
    joined = list(map(" ".join, text_words))
    speechless = list(map(ATTRIBUTION_WORDS.isdisjoint, text_words))
    marked = _quote_marks(texts)
    # Each key's first holder, or that holder's original when it repeats one.
    first: dict[str, int] = {}
    setdefault = first.setdefault
    # The texts of five or more words so far, (index, words, tokens): the
    # containment search reads them only when it is asked (few texts are).
    added: list[tuple[int, str, list[str]]] = []
    earlier = _Shingles(added) if len(texts) > _MAX_SCANNED_TEXTS else _Scan(added)
    # Every word of a text inside an earlier one is a word of that text: a
    # set of the words so far rules out most texts before any search.
    vocabulary: set[str] = set()
    # Texts of fewer than three words are never repeats ("Yes." twice in an
    # interview is two answers): the loop does not visit them.
    for index in compress(count(), map(_FEWER_WORDS.__lt__, counts)):
        words = joined[index]
        n_words = counts[index]
        if speechless[index] and not marked[index]:
            # Most texts: no quotation and no attribution to strip, so the
            # keys _repeat_keys would give them, without its calls: the words,
            # and from four words the same as a pull quote stripped of marks.
            keys: Sequence[str] = (words, "q " + words) if n_words > 3 else (words,)
        else:
            keys = _repeat_keys(texts[index], words, text_words[index])
        # A key new to ``first`` takes this text's index, which no earlier
        # holder can have: the smallest value found is the original.
        original = index
        for key in keys:
            at = setdefault(key, index)
            if at < original:
                original = at
        if n_words >= _SHINGLE:
            tokens = text_words[index]
            size = len(vocabulary)
            vocabulary.update(tokens)
            # No new word: every word was in an earlier text of five or more.
            if (
                original == index
                and n_words >= _MIN_CONTAINED_WORDS
                and len(vocabulary) == size
            ):
                found = earlier.container(words, tokens)
                if found is not None:
                    original = found
            added.append((index, words, tokens))
        if original != index:
            # Point at the original, never at another repeat.
            earlier_original = result[original]
            if earlier_original is not None:
                original = earlier_original
            result[index] = original
            for key in keys:
                if first[key] == index:
                    first[key] = original
    return result


def _quote_marks(texts: Sequence[str]) -> list[bool]:
    """Whether each text holds a quote mark, as :func:`_has_quote_mark` says:
    the marks are found in all the texts joined, and each is given to the
    text it lies in (few texts hold one)."""
    marked = [False] * len(texts)
    everything = "".join(texts)
    ends: list[int] = []
    # (A search per mark character runs in C far faster than the pattern.)
    for mark in _QUOTE_MARKS if not everything.isascii() else '"':
        at = everything.find(mark)
        if at < 0:
            continue
        ends = ends or list(accumulate(map(len, texts)))
        while at >= 0:
            holder = bisect_right(ends, at)
            marked[holder] = True
            at = everything.find(mark, ends[holder])
    return marked


def _repeat_keys(text: str, words: str, tokens: list[str]) -> list[str]:
    """The normalized text, and for quotations and attributed statements the
    part that stays the same when the attribution changes."""
    keys = [words]
    n_words = len(tokens)
    # Attributions need a speech word; most sentences have none, and the word
    # lookup is far cheaper than the patterns.
    speech = not ATTRIBUTION_WORDS.isdisjoint(tokens)
    quoted = _quoted(text)
    if quoted:
        quote = normalize(" ".join(quoted))
        n_quoted = quote.count(" ") + 1
        # Only when the text is mostly the quotation: a phrase quoted inside
        # a new sentence is not a repeat of the sentence it came from.
        if n_quoted >= max(_MIN_QUOTE_WORDS, n_words // 2) or (
            n_quoted >= _MIN_QUOTE_WORDS and speech and _is_attribution(text)
        ):
            keys.append("q " + quote)
    bare = _strip_attribution(text, words) if speech else None
    if bare is not None:
        keys.append("q " + bare)
    elif not quoted and n_words >= 4:
        # A pull quote stripped of its quote marks (find_duplicates gives
        # texts without quotation or speech word these keys itself).
        keys.append("q " + words)
    return keys


def _quoted(text: str) -> list[str]:
    """The quoted stretches of a text; no quote mark, no pattern search."""
    if not _has_quote_mark(text):
        return []
    return [a or b for a, b in _QUOTED.findall(text)]


def _has_quote_mark(text: str) -> bool:
    # ASCII text can only have the straight quote: a character search.
    if text.isascii():
        return '"' in text
    return _QUOTE_MARK.search(text) is not None


def _is_attribution(text: str) -> bool:
    """Whether the words around a text's quotations only say who said them.

    The quotation opens the text or follows a colon or speech verb ("said
    Tobias Lind, one of the bill's sponsors", "Lind said: ..."), and the words
    outside it are few and name the speech; "The council said the plan was
    “...”" paraphrases instead.
    """
    first = _QUOTED.search(text)
    if first is None:
        return False
    lead = text[: first.start()]
    if lead.strip() and not _INTRODUCES.search(lead):
        return False
    frame = _QUOTED.sub(" ", text)
    return (
        len(normalize(frame).split()) <= _MAX_ATTRIBUTION_WORDS
        and SPEECH.search(frame) is not None
    )


# The end of the words that introduce a quotation: "Lind said:", "he said,".
_INTRODUCES: Final = re.compile(rf"(?:{SPEECH.pattern}[\s,]*|:\s*)$", re.I)


def _strip_attribution(text: str, words: str) -> str | None:
    """``"X, he told journalists."`` -> ``"x"``; ``"Lopez said that X."`` -> ``"x"``.

    ``words`` is ``normalize(text)``. The cut falls on a non-word character,
    so the words on either side of it are a prefix and a suffix of ``words``:
    only the short attribution is normalized again.
    """
    stripped = text.strip()
    cut = max(stripped.rfind(","), stripped.rfind("”"), stripped.rfind('"', 0, -2))
    if cut > 0:
        tail = stripped[cut + 1 :]
        if len(tail.split()) <= 10 and SPEECH.search(tail):
            bare = words[: max(0, len(words) - len(normalize(tail)) - 1)]
            if bare.count(" ") >= 4:
                return bare
    lead = _LEAD_ATTRIBUTION.match(stripped)
    if lead:
        n_lead = len(normalize(lead.group()))
        bare = words[n_lead + 1 :] if n_lead else words
        if bare.count(" ") >= 4:
            return bare
    return None


_LEAD_ATTRIBUTION: Final = re.compile(
    r"^(?:[\w'’.-]+\s+){1,5}?(?:(?:said|says|added|stated|noted|explained|warned"
    r"|insisted|argued)(?:\s+that)?|told(?:\s+\w+){1,2}?\s+that)[\s:,]+"
)


class _Scan:
    """Earlier texts as one string searched for a text's words: a fast
    substring search, linear in what came before, for article-sized input."""

    def __init__(self, added: list[tuple[int, str, list[str]]]) -> None:
        self.added = added
        self.n_read = 0  # how many of ``added`` the haystack holds
        self.haystack = ""
        self.starts: list[int] = []
        self.indices: list[int] = []

    def container(self, words: str, tokens: list[str]) -> int | None:
        """The first earlier text that contains ``words`` word for word."""
        if self.n_read < len(self.added):
            size = len(self.haystack)
            parts = []
            for index, earlier, _ in self.added[self.n_read :]:
                self.starts.append(size)
                self.indices.append(index)
                # A newline between texts: a text's words never run into the
                # next's.
                part = f" {earlier} \n"
                parts.append(part)
                size += len(part)
            self.haystack += "".join(parts)
            self.n_read = len(self.added)
        at = self.haystack.find(f" {words} ")
        if at < 0:
            return None
        return self.indices[bisect_right(self.starts, at) - 1]


class _Shingles:
    """Earlier texts of five or more words, for long inputs where scanning
    everything before each text would cost its square.

    Each text's runs of four words are indexed at every fifth word only: a
    text of eight or more words inside an earlier one has one of its first
    five runs at such a place there, so those five lookups find every
    earlier text that can contain it, and a substring test settles it.

    The first container counts only when it is among the first
    ``_MAX_POSTING`` texts with each of the text's first, middle and last
    five-word shingles (the cap on shared shingles that keeps pages of
    repeated menus linear; real pages reach it).
    """

    def __init__(self, added: list[tuple[int, str, list[str]]]) -> None:
        self.added = added
        self.n_read = 0  # how many of ``added`` are indexed
        # The first text with each run, and the next ones of the runs seen
        # again (most are seen once: no list for those).
        self.first: dict[str, int] = {}
        self.more: dict[str, list[int]] = {}
        self.padded: dict[int, str] = {}  # " words " of each text, to verify
        self.cap_checks = 0
        # Every five-word shingle of the first ``n_shingled`` texts of
        # ``added``, with the texts holding it in order; built only after
        # _SCANNED_CAP_CHECKS checks.
        self.shingles: dict[str, list[int]] = {}
        self.n_shingled = 0

    def _index(self, index: int, words: str, tokens: list[str]) -> None:
        self.padded[index] = f" {words} "
        first, more = self.first, self.more
        for at in range(0, len(tokens) - _RUN + 1, _STRIDE):
            run = " ".join(tokens[at : at + _RUN])
            if first.setdefault(run, index) != index:
                posting = more.setdefault(run, [])
                if not posting or posting[-1] != index:
                    posting.append(index)

    def container(self, words: str, tokens: list[str]) -> int | None:
        """The first earlier text that contains ``words`` word for word."""
        for earlier in self.added[self.n_read :]:
            self._index(*earlier)
        self.n_read = len(self.added)
        first, more = self.first, self.more
        candidates: set[int] = set()
        for at in range(_STRIDE):
            run = " ".join(tokens[at : at + _RUN])
            seen = first.get(run)
            if seen is not None:
                candidates.add(seen)
                candidates.update(more.get(run, ()))
        needle = f" {words} "
        padded = self.padded
        for j in sorted(candidates):
            if needle in padded[j]:
                # A later container has even more texts with those shingles
                # before it: past the cap for the first, past it for all.
                return j if self._within_cap(j, tokens) else None
        return None

    def _within_cap(self, container: int, tokens: list[str]) -> bool:
        """Whether ``container`` is among the first ``_MAX_POSTING`` texts
        with each of the first, middle and last five-word shingles of
        ``tokens``."""
        self.cap_checks += 1
        if self.cap_checks > _SCANNED_CAP_CHECKS:
            return self._within_cap_indexed(container, tokens)
        earlier = [text for j, text in self.padded.items() if j < container]
        if len(earlier) < _MAX_POSTING:
            return True
        for shingle in _probe_shingles(tokens):
            padded = f" {shingle} "
            if sum(padded in text for text in earlier) >= _MAX_POSTING:
                return False
        return True

    def _within_cap_indexed(self, container: int, tokens: list[str]) -> bool:
        """:meth:`_within_cap` by counting in an index of every shingle of
        the texts read so far (a shingle is in a text's padded words exactly
        when it is five of its words in a row)."""
        shingles = self.shingles
        for index, _, earlier in self.added[self.n_shingled : self.n_read]:
            runs = {
                " ".join(earlier[at : at + _SHINGLE])
                for at in range(len(earlier) - _SHINGLE + 1)
            }
            for run in runs:
                shingles.setdefault(run, []).append(index)
        self.n_shingled = self.n_read
        for shingle in _probe_shingles(tokens):
            if bisect_left(shingles.get(shingle, ()), container) >= _MAX_POSTING:
                return False
        return True


def _probe_shingles(tokens: list[str]) -> list[str]:
    """A text's first, middle and last five-word shingles, the ones the cap
    on shared shingles counts."""
    last = len(tokens) - _SHINGLE
    return [" ".join(tokens[at : at + _SHINGLE]) for at in (0, (last + 1) // 2, last)]
