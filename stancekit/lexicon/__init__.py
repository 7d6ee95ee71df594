"""Word lists as data, one place each, imported by every stage that needs them.

- ``speech``: speech and reporting verbs, for quotations, repeats, sentence
  boundaries and the classifiers' cues;
- ``calendar``: month and weekday names;
- ``cues``: the claim cue words of the check-worthiness features;
- ``furniture``: function words for judging page furniture;
- ``polarity``: stance polarity words (when present).
- ``effects``: effect verbs that pass on or reverse the value of what they
  act on, good and bad things, judgements, and motion actions against their
  object (claim sentiment and motion polarity).
- ``alternatives``: groups of rival options (ban / allow, public / private),
  for whether a claim speaks of a motion's target or its rival.

Lists are written as whitespace-separated words and read with :func:`words`.
"""

from __future__ import annotations

__all__ = ["words"]


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, as a frozenset.

    Examples
    --------
    >>> sorted(words("said  says said"))
    ['said', 'says']
    """
    return frozenset(text.split())
