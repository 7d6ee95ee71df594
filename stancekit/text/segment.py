"""Sentence boundaries in English news text.

:func:`split_sentences` turns a string into :class:`Sentence` spans whose
offsets point back into that string. It is rule-based and built for speed:
one compiled regular expression finds every place a sentence *could* end
(runs of terminal punctuation, line breaks, inline list markers), and a few
cheap checks on the words around each candidate decide. Nothing walks the
text character by character in Python, so the cost grows with the number of
candidates, not the number of characters. The rules are in
:mod:`stancekit.text.boundaries`.

The conventions (which abbreviations continue a sentence, how ellipses,
quotations, lists and hard-wrapped lines are treated) are described in
``docs/segmentation.md``.
"""

from __future__ import annotations

from itertools import repeat
from typing import NamedTuple

from stancekit.text.boundaries import sentence_spans

__all__ = ["Sentence", "split_sentences"]


class Sentence(NamedTuple):
    """One sentence of a text, with its character offsets.

    A named tuple, so it is immutable, compares and hashes by value, and is
    cheap to build: :func:`split_sentences` makes one for every sentence.

    Parameters
    ----------
    text : str
        The sentence, without leading or trailing whitespace.
    start, end : int
        Offsets into the string given to :func:`split_sentences`, so that
        ``source[start:end] == text``.

    Examples
    --------
    >>> Sentence("It rained.", 4, 14)
    Sentence(text='It rained.', start=4, end=14)
    >>> text, start, end = Sentence("It rained.", 4, 14)
    """

    text: str
    start: int
    end: int


# Building a Sentence from a ready tuple skips the generated __new__, a
# Python function whose call costs more than the tuple.
_new_tuple = tuple.__new__


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences with character offsets.

    Every non-whitespace character of ``text`` belongs to exactly one
    sentence; sentences come in order, do not overlap, and carry no
    surrounding whitespace. Zero-width characters (a byte-order mark, a
    zero-width space) are invisible to the rules, and a sentence neither
    starts nor ends with one. A blank line always ends a sentence; a single
    line break ends one only before a list item or after a short line such
    as a headline (hard-wrapped paragraphs stay whole). ``"\\n"``,
    ``"\\r\\n"`` and ``"\\r"`` line endings are all understood.

    Parameters
    ----------
    text : str
        The text to split, typically one article or paragraph.

    Returns
    -------
    list of Sentence
        The sentences, with ``text[s.start:s.end] == s.text``.

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Examples
    --------
    >>> [s.text for s in split_sentences("Mr. Putin left the U.S. on Jan. 5. "
    ...                                  "He flew home.")]
    ['Mr. Putin left the U.S. on Jan. 5.', 'He flew home.']
    >>> split_sentences("Hi there.\\n\\nBye.")[1]
    Sentence(text='Bye.', start=11, end=15)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str; got {type(text).__name__}.")
    return list(map(_new_tuple, repeat(Sentence), sentence_spans(text)))
