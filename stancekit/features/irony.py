"""Ironic praise: the constructions that mark a sentence as meaning the
opposite of its words.

A sarcastic quote praises what the speaker attacks ("Brilliant — let's sell
the taps and hope"), so its positive words argue against their object. The
phrase list :data:`~stancekit.lexicon.polarity.SARCASM` holds set phrases
("what could possibly go wrong"); :func:`ironic` reads the constructions
around them, which a phrase list cannot: praise cut off by a dash at the
start of a quotation, an exclamation so cut off ("How green — ..."), a
quotation opened by "oh" or a mocking "yes, because", "nothing ... like"
comparisons, and a reporting verb or manner that says the words were not
meant ("quipped", "rolling his eyes").

Examples
--------
>>> ironic('"Brilliant — let\\'s sell the taps and hope," one resident said.')
True
>>> ironic('"Brilliant results for the school," the head teacher said.')
False
>>> ironic('"Another ribbon cut, another triumph," one trader said, rolling his eyes.')
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from stancekit.lexicon.polarity import vader_lexicon

__all__ = ["ironic"]

#: VADER valence from which an opening word is praise ("brilliant" 2.8,
#: "lovely" 2.8, "great" 3.1; "good" 1.9 and "fine" 0.8 are not).
PRAISE = 2.0

# the start of the text or of a quotation: a quote mark not after a letter
# (a plural possessive, "the shops' best year", opens nothing)
_OPENS = r"""(?:^|(?<![A-Za-z])["“‘'])\s*"""
_QUOTE = r"""(?<![A-Za-z])["“‘']\s*"""
_DASH = r"""\s*(?:[—–:]|\s-\s)"""
# one word of praise cut off by a dash or colon at the start of a
# quotation: "Brilliant — ...", "Oh, lovely: ..."; congratulations keep
# their addressee: "Congratulations to the minister — ...", "Well done,
# commission — ..."
_PRAISE_CUT = re.compile(
    _QUOTE
    + r"""(?:(?:oh|yes|well),?\s+)?([A-Za-z']+)"""
    + r"""(?:(?<=congratulations)(?:\s+to)?[\s,]+[A-Za-z' ]{1,30}?)?"""
    + _DASH,
    re.IGNORECASE,
)
_WELL_DONE = re.compile(
    _QUOTE + r"""well\s+done\b[\w\s,']{0,30}?""" + _DASH, re.IGNORECASE
)
# an exclamation of praise cut off by a dash: "How refreshing —", "What a
# generous offer —", "Such a generous employer —"
_EXCLAMATION = re.compile(
    _OPENS
    + r"""(?:oh,?\s+)?(?:how|what\s+an?|such\s+an?)\s+((?:[A-Za-z']+\s+){0,3}[A-Za-z']+)"""
    + _DASH,
    re.IGNORECASE,
)
# a quotation opened by a mock assent: "Oh yes, ...", "Ah sure, ...", "Oh,
# how lovely", "Oh, the poor dears", "Yes, and I suppose ..."; not "Oh no"
# nor a plain "Yes, we will appeal"
_INTERJECTION = re.compile(
    _QUOTE
    + r"""(?:(?:oh|ah),?\s+(?:yes|sure|great|lovely|wonderful|brilliant|marvellous|"""
    + r"""super|splendid|how\s+\w+\s*[—–:,]|the\s+poor)\b|yes,?\s+and\s+i\s+suppose\b)""",
    re.IGNORECASE,
)
# "Nothing says X like Y" (a verb of the third person after "nothing", so
# not "Nothing in the report looks like ..."), "Heaven forbid ..."
_IDIOM = re.compile(
    r"""(?:^|["“‘'])\s*nothing\s+[a-z]+s\s+(?:\w+\s+){0,5}like\b|\bheaven\s+forbid\b""",
    re.IGNORECASE,
)
# a quotation's words were not meant: "..., he quipped", "said dryly",
# "rolling his eyes" (only with a quotation, and not "I'm not joking")
_MOCKING = re.compile(
    r"""(?<!not\s)\b(?:joked|quipped|scoffed|deadpanned|sneered|sarcastically|"""
    r"""sardonically|dryly|drily|rolling\s+(?:his|her|their)\s+eyes|"""
    r"""raised\s+eyebrow|tongue[\s-]+in[\s-]+cheek)\b""",
    re.IGNORECASE,
)
_QUOTES = frozenset('"“”‘’')


@lru_cache(maxsize=1)
def _praise() -> frozenset[str]:
    return frozenset(w for w, v in vader_lexicon().items() if v >= PRAISE)


@lru_cache(maxsize=1)
def _positive() -> frozenset[str]:
    return frozenset(w for w, v in vader_lexicon().items() if v > 0)


def ironic(text: str) -> bool:
    """Whether ``text`` holds one of the constructions of ironic praise
    (see the module's description)."""
    praise = _praise()
    for match in _PRAISE_CUT.finditer(text):
        if match.group(1).lower() in praise:
            return True
    positive = _positive()
    for match in _EXCLAMATION.finditer(text):
        if any(word in positive for word in match.group(1).lower().split()):
            return True
    quoted = not _QUOTES.isdisjoint(text)
    return bool(
        _WELL_DONE.search(text)
        or _INTERJECTION.search(text)
        or _IDIOM.search(text)
        or (quoted and _MOCKING.search(text))
    )
