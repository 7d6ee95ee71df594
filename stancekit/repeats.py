"""Texts that repeat an earlier one: exact, normalized and near repeats.

Scraped pages repeat the lede, a quotation with another attribution ("...,"
he said." / "...," he told journalists."), or a quotation as a pull quote.
:func:`find_duplicates` points each such text at the first one it repeats;
the pipeline uses it for the ``duplicate_of`` column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from stancekit._cleanrules import SPEECH, normalize

__all__ = ["find_duplicates"]

_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]{3,})[\"“”„«»]|‘([^‘’]{12,})’")
_MIN_REPEAT_WORDS = 3
_SHINGLE = 5
_MIN_CONTAINED_WORDS = 8
_MAX_POSTING = 64
# A quotation of fewer words ("not back down") is a phrase, not a statement.
_MIN_QUOTE_WORDS = 4
# Words outside the quotation that can still be only its attribution.
_MAX_ATTRIBUTION_WORDS = 12


def find_duplicates(texts: Sequence[str]) -> list[int | None]:
    """For each text, the index of the first earlier text it repeats.

    Texts are compared normalized (casefolded; quotes, dashes, punctuation
    and spacing folded). Near repeats count too: the same quotation with a
    different attribution (``"..., he said."`` / ``"..., he told
    journalists."``; a text that is mostly a quotation of four or more words
    is keyed by the quotation alone, whatever the attribution around it), a
    pull quote repeating a quoted sentence without its attribution, and a
    text of eight or more words wholly contained in an earlier one. Texts of fewer than three words are never repeats ("Yes."
    twice in an interview is two answers). Lookups are hashed (a shared
    five-word shingle is looked up in at most 64 earlier texts), so the cost
    grows with the total length, not with its square.

    Parameters
    ----------
    texts : sequence of str

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
    first: dict[str, int] = {}
    postings: dict[tuple[str, ...], list[int]] = {}
    padded: dict[int, str] = {}  # " words " of each indexed text, to verify
    result: list[int | None] = []
    for index, text in enumerate(texts):
        words = normalize(text)
        if words.count(" ") + 1 < _MIN_REPEAT_WORDS:
            # "Yes." twice in an interview is two answers, not a repeat.
            result.append(None)
            continue
        keys = _repeat_keys(text, words)
        found = [first[k] for k in keys if k in first]
        tokens = words.split()
        shingles = list(zip(*(tokens[k:] for k in range(_SHINGLE)), strict=False))
        if not found and len(tokens) >= _MIN_CONTAINED_WORDS:
            container = _contained_in(words, shingles, postings, padded)
            if container is not None:
                found.append(container)
        # Point at the original, never at another repeat.
        original = min(found) if found else None
        if original is not None and result[original] is not None:
            original = result[original]
        result.append(original)
        for key in keys:
            first.setdefault(key, index if original is None else original)
        if shingles:
            padded[index] = f" {words} "
        for shingle in set(shingles):
            posting = postings.get(shingle)
            if posting is None:
                postings[shingle] = [index]
            elif len(posting) < _MAX_POSTING:
                posting.append(index)
    return result


def _repeat_keys(text: str, words: str) -> list[str]:
    """The normalized text, and for quotations and attributed statements the
    part that stays the same when the attribution changes."""
    keys = [words]
    n_words = words.count(" ") + 1 if words else 0
    quoted = [a or b for a, b in _QUOTED.findall(text)]
    if quoted:
        quote = normalize(" ".join(quoted))
        n_quoted = quote.count(" ") + 1
        # Only when the text is mostly the quotation: a phrase quoted inside
        # a new sentence is not a repeat of the sentence it came from.
        if n_quoted >= max(_MIN_QUOTE_WORDS, n_words // 2) or (
            n_quoted >= _MIN_QUOTE_WORDS and _is_attribution(text)
        ):
            keys.append("q " + quote)
    bare = _strip_attribution(text)
    if bare is not None:
        keys.append("q " + bare)
    elif not quoted and n_words >= 4:
        keys.append("q " + words)  # a pull quote stripped of its quote marks
    return keys


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
_INTRODUCES = re.compile(rf"(?:{SPEECH.pattern}[\s,]*|:\s*)$", re.I)


def _strip_attribution(text: str) -> str | None:
    """``"X, he told journalists."`` -> ``"x"``; ``"Lopez said that X."`` -> ``"x"``."""
    stripped = text.strip()
    cut = max(stripped.rfind(","), stripped.rfind("”"), stripped.rfind('"', 0, -2))
    if cut > 0:
        tail = stripped[cut + 1 :]
        if len(tail.split()) <= 10 and SPEECH.search(tail):
            bare = normalize(stripped[:cut])
            if bare.count(" ") >= 4:
                return bare
    lead = _LEAD_ATTRIBUTION.match(stripped)
    if lead:
        bare = normalize(stripped[lead.end() :])
        if bare.count(" ") >= 4:
            return bare
    return None


_LEAD_ATTRIBUTION = re.compile(
    r"^(?:[\w'’.-]+\s+){1,5}?(?:(?:said|says|added|stated|noted|explained|warned"
    r"|insisted|argued)(?:\s+that)?|told(?:\s+\w+){1,2}?\s+that)[\s:,]+"
)


def _contained_in(
    words: str,
    shingles: list[tuple[str, ...]],
    postings: dict[tuple[str, ...], list[int]],
    padded: dict[int, str],
) -> int | None:
    """The first earlier text that contains this one word for word: texts
    sharing its first, middle and last shingles, verified by substring."""
    candidates: set[int] | None = None
    for shingle in (shingles[0], shingles[len(shingles) // 2], shingles[-1]):
        posting = postings.get(shingle)
        if not posting:
            return None
        candidates = set(posting) if candidates is None else candidates & set(posting)
    needle = f" {words} "
    return min((j for j in candidates or () if needle in padded[j]), default=None)
