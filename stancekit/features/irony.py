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
>>> ironic("Another ribbon cut, another triumph, one trader said, rolling his eyes.")
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from stancekit.lexicon.polarity import vader_lexicon

__all__ = ["ironic"]

#: VADER valence from which an opening word is praise ("brilliant" 2.8,
#: "lovely" 2.8, "great" 3.1; "fine" 0.8 is not).
PRAISE = 1.5

# start of the text or of a quotation
_OPENS = r"""(?:^|["“‘'])\s*"""
_DASH = r"""\s*(?:[—–:]|\s-\s)"""
# praise cut off by a dash or colon, the praise first: "Brilliant —",
# "Congratulations to the minister —" (not "Prices encourage waste —")
_PRAISE_CUT = re.compile(
    r"""["“‘']\s*(?:oh,?\s+|yes,?\s+|well,?\s+)?([A-Za-z']+(?:\s+[A-Za-z']+){0,3})"""
    + _DASH
)
# an exclamation cut off by a dash: "How refreshing —", "What a saving —",
# "Such a generous employer —"
_EXCLAMATION = re.compile(
    _OPENS
    + r"""(?:oh,?\s+|yes,?\s+)?(?:how|what\s+an?|such\s+an?)\s+[A-Za-z']+(?:\s+[A-Za-z']+){0,3}"""
    + _DASH,
    re.IGNORECASE,
)
# a quotation opened by "oh"/"ah", or by a mocking "yes": "Oh, the poor
# dears", "Ah yes, freeze the price", "Yes, because pensioners ...";
# a plain "Yes, we will appeal" is no irony
_INTERJECTION = re.compile(
    r"""["“‘']\s*(?:(?:oh|ah)\b|yes,?\s+(?:because|let's|let\s+the|and\s+i\s+suppose|"""
    r"""of\s+course|how|what|much|very|heaven|clearly|exactly|sure)\b)""",
    re.IGNORECASE,
)
# "Nothing says X like Y", "Heaven forbid ..."
_IDIOM = re.compile(
    r"""(?:^|["“‘'])\s*nothing\s+\w+(?:\s+\w+){0,5}\s+like\b|\bheaven\s+forbid\b""",
    re.IGNORECASE,
)
# the words were not meant: "quipped", "said dryly", "rolling his eyes"
_MOCKING = re.compile(
    r"""\b(?:joked|joking|quipped|scoffed|deadpanned|sneered|"""
    r"""sarcastically|sardonically|dryly|drily|"""
    r"""rolling\s+(?:his|her|their)\s+eyes|raised\s+eyebrow|tongue\s+in\s+cheek)\b""",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _praise() -> frozenset[str]:
    return frozenset(w for w, v in vader_lexicon().items() if v >= PRAISE)


def ironic(text: str) -> bool:
    """Whether ``text`` holds one of the constructions of ironic praise
    (see the module's description)."""
    praise = _praise()
    for match in _PRAISE_CUT.finditer(text):
        if match.group(1).split()[0].lower() in praise:
            return True
    return bool(
        _EXCLAMATION.search(text)
        or _INTERJECTION.search(text)
        or _IDIOM.search(text)
        or _MOCKING.search(text)
    )
