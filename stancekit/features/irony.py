"""Ironic praise: the constructions that mark a sentence as meaning the
opposite of its words.

A sarcastic quote praises what the speaker attacks ("Brilliant — let's sell
the taps and hope"), so its positive words argue against their object. The
phrase list :data:`~stancekit.lexicon.polarity.SARCASM` holds set phrases
("what could possibly go wrong"); :func:`ironic` reads the constructions
around them, which a phrase list cannot: praise cut off by a dash at the
start of a quotation, an exclamation so cut off ("How green — ..."), a
quotation opened by a mock assent ("Oh yes, ..."), "Nothing says X like
Y", "Heaven forbid", a sentence or quotation that opens with "As if" and
stands alone (not "it is not as if", which argues sincerely, nor "As if
on cue, ...", which leads into a main clause), and a reporting
verb or manner that says the words were not meant ("quipped", "rolling
his eyes"). Sincere praise takes the same shapes ("Brilliant — the best
result in a decade"), so each construction but the last two counts only
when what follows it turns critical: a word of VADER valence -1 or below,
a negator, or a marker of mockery ("let's", "another", "call it", "at
least").

Examples
--------
>>> ironic('"Brilliant — let\\'s sell the taps and hope," one resident said.')
True
>>> ironic('"Brilliant results for the school," the head teacher said.')
False
>>> ironic('"Another ribbon cut, another triumph," one trader said, rolling his eyes.')
True
>>> ironic("As if the council ever reads its own reports.")
True
>>> ironic("It is not as if human drivers never crash.")
False
"""

from __future__ import annotations

import re
from functools import lru_cache

from stancekit.lexicon.polarity import NEGATORS, vader_lexicon

__all__ = ["ironic"]

#: VADER valence from which an opening word is praise ("brilliant" 2.8,
#: "lovely" 2.8, "great" 3.1; "good" 1.9 and "fine" 0.8 are not).
PRAISE = 2.0

#: Words that turn what follows praise critical (beside VADER's negative
#: words and the negators).
MOCKERY = frozenset(("let's", "another", "call", "least"))
#: Praise VADER does not list in this spelling.
MORE_PRAISE = frozenset(("marvellous", "genius"))

# the start of the text or of a quotation: a quote mark not after a letter
# (a plural possessive, "the shops' best year", opens nothing)
_MARK = r"""(?<![A-Za-z])["“‘']"""
_QUOTE = _MARK + r"\s*"
_OPENS = r"(?:^|" + _MARK + r")\s*"
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
    r"""\bnothing\s+(?:says|screams|shouts|beats|builds|prepares|encourages)\s+"""
    r"""(?:\w+\s+){0,5}like\b|\bheaven\s+forbid\b""",
    re.IGNORECASE,
)
# "As if the council ever listens": a dismissal when it opens a sentence
# or a quotation and stands alone; inside a sentence "as if" compares ("it is
# not as if drivers never crash", "looked 'as if a bomb had gone off'"),
# and an "As if" clause that leads into a main one is sincere ("As if that
# were not enough, the firm ...", "As if on cue, ...", "As if to ...")
_AS_IF = re.compile(
    r"""(?:^|(?<=[.!?]\s)|(?<=[.!?]["”’']\s)|\(|""" + _MARK + r""")\s*As\s+if\b"""
    # set openers of a sincere clause: "As if to ...", "As if on cue",
    # "As if by magic", "As if in protest", "As if that were not enough",
    # "As if nothing had happened"
    r"""(?!\s+(?:to|on\s+cue|by\s+magic|in)\b)"""
    r"""(?![^.!?]{0,40}?\b(?:was|were)\s+not\s+enough)(?!\s+nothing\s+had\b)"""
)
# where the "As if" clause ends: a sentence end or a closing quotation mark
# (an apostrophe inside a word is none)
_AS_IF_END = re.compile(r"""[.!?"”)]|['’](?![A-Za-z])""")
# a comma that leads on to a main clause, not to an attribution ("As if
# the council listens, one resident said" is still a dismissal)
_LEADS_ON = re.compile(r""",\s*[A-Za-z]""")
_ATTRIBUTION = re.compile(
    r""",\s*(?:[A-Za-z'’-]+\s+){0,4}(?:said|says|told|asked|added|wrote|replied)\b"""
)
# a quotation's words were not meant: "..., he quipped", "said dryly",
# "rolling his eyes" (only with a quotation, and not "I'm not joking")
_MOCKING = re.compile(
    r"""(?<!not\s)\b(?:joked|quipped|scoffed|deadpanned|sneered|sarcastically|"""
    r"""sardonically|dryly|drily|rolling\s+(?:his|her|their)\s+eyes|"""
    r"""raised\s+eyebrow|tongue[\s-]+in[\s-]+cheek)\b""",
    re.IGNORECASE,
)
# quotation marks (not ‘ ’, which are apostrophes as often: "didn’t")
_QUOTES = frozenset('"“”')


@lru_cache(maxsize=1)
def _praise() -> frozenset[str]:
    return frozenset(w for w, v in vader_lexicon().items() if v >= PRAISE) | MORE_PRAISE


@lru_cache(maxsize=1)
def _critical() -> frozenset[str]:
    negative = (w for w, v in vader_lexicon().items() if v <= -1.0)
    return frozenset(negative) | NEGATORS | MOCKERY


def _turns_critical(rest: str) -> bool:
    """Whether ``rest``, the words after a construction up to the end of
    its quotation (not the attribution: "the worried father said"), say
    something bad."""
    critical = _critical()
    quoted = re.split(r"""["”]|(?<![A-Za-z])'|'(?![a-z])""", rest, maxsplit=1)[0]
    words_ = re.findall(r"[a-z]+(?:'[a-z]+)?", quoted.lower())
    return any(w in critical for w in words_)


@lru_cache(maxsize=1)
def _positive() -> frozenset[str]:
    return frozenset(w for w, v in vader_lexicon().items() if v > 0)


def ironic(text: str) -> bool:
    """Whether ``text`` holds one of the constructions of ironic praise
    (see the module's description)."""
    praise = _praise()
    for match in _PRAISE_CUT.finditer(text):
        if match.group(1).lower() in praise and _turns_critical(text[match.end() :]):
            return True
    positive = _positive()
    for match in _EXCLAMATION.finditer(text):
        if any(
            word in positive for word in match.group(1).lower().split()
        ) and _turns_critical(text[match.end() :]):
            return True
    for pattern in (_WELL_DONE, _INTERJECTION, _IDIOM):
        for match in pattern.finditer(text):
            if _turns_critical(text[match.end() :]):
                return True
    # the pattern's lookbehind is tried at every position: only where "As
    # if" can be
    for match in _AS_IF.finditer(text) if "As" in text and "if" in text else ():
        end = _AS_IF_END.search(text, match.end())
        clause = text[match.end() : end.start() if end else len(text)]
        lead = _LEADS_ON.search(clause)
        if lead is None or _ATTRIBUTION.match(clause, lead.start()):
            return True
    return not _QUOTES.isdisjoint(text) and bool(_MOCKING.search(text))
