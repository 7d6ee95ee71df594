"""What a claim is about, and how that relates to a debate motion's target.

Bar-Haim et al. (2017) read a claim's stance toward a motion as three
factors: the motion's polarity toward its own target ("ban X" is against
X), the claim's sentiment toward *its* target, and whether the claim's
target is the motion's target (consistent, +1), its rival (contrast, -1:
"private schools are better run" toward "public schools"), or neither.
This module supplies the third factor with light heuristics over tokens,
no parser:

- :func:`claim_subject`: the claim's subject, the words before its first
  verb (an auxiliary, a copula, a modal or an effect verb), after an
  introductory phrase that ends in a comma;
- :func:`relation`: +1 when the subject names the motion's object words
  or its action ("the ban"), -1 when it names a rival of them
  (:data:`~stancekit.lexicon.alternatives.RIVALS`: ban / allow, public /
  private, ...), 0 otherwise, with which of the motion's parts it is
  about.

:mod:`stancekit.features.target_polarity` composes them with the motion
polarity and the sentiment of the claim's predicate (its
``tp_signed_claim`` feature, one of :data:`CLAIM_POLARITY_NAMES`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from stancekit.lexicon import words
from stancekit.lexicon.alternatives import rival_sides
from stancekit.lexicon.effects import DECREASE, INCREASE, MOTION_AGAINST

__all__ = ["TARGET_KINDS", "claim_subject", "plain_motion", "relation", "target_kind"]

_NOT_FINITE = ("ing", "tion", "ment", "sion")
_DETERMINERS = words("the a an this that these those such many some most all any")
# Words that end a subject: auxiliaries, copulas, modals, and the effect
# verbs (finite forms: an "-ing" form more often opens or qualifies a
# subject, "banning X", "people living near X").
_AUXILIARIES = words("""
    is are was were be been am 's has have had does do did can could will
    would shall should may might must cannot can't won't isn't aren't wasn't
    weren't doesn't don't didn't hasn't haven't shouldn't wouldn't
""")
_VERBS = (
    _AUXILIARIES
    | words("""
    means mean makes make made gives give helps help hurts hurt harms harm
    kills kill saves save costs cost prevents prevent damages damage
    undermines undermine threatens threaten violates violate
""")
    | {w for w in INCREASE | DECREASE if not w.endswith(_NOT_FINITE)}
    - words("more greater higher lower less fewer")
)
_CLAUSE = frozenset('.;:!?"') | {"that", "which", "who", "because", "while", "but"}
_MAX_INTRO = 8  # an introductory phrase ends in a comma within this many words
_MAX_SUBJECT = 8  # a subject is at most this many words long
# Who acts in a motion ("the government should ..."), not what it is about.
_ACTORS = words("house government governments state states country countries")


#: The kinds of stance target :func:`target_kind` tells apart.
TARGET_KINDS = ("motion", "claim", "topic")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
_MOTION = words("should must ought shouldn't mustn't")
_TOPIC_WORDS = 4  # a topic, person or organisation is named in at most this many


def target_kind(target: str | Sequence[str]) -> str:
    """``"motion"`` (what should be done: "should", "must", "this house"),
    ``"topic"`` (a short name without a verb: "nuclear power", a person) or
    ``"claim"`` (a statement of fact, a headline).

    Examples
    --------
    >>> target_kind("The city should ban diesel cars.")
    'motion'
    >>> target_kind("This house would build more dams".split())
    'motion'
    >>> target_kind("nuclear power")
    'topic'
    >>> target_kind("The mayor resigned after the flood.")
    'claim'
    """
    text = target if isinstance(target, str) else " ".join(target)
    tokens = _WORD.findall(text.lower().replace("\u2019", "'"))
    if set(tokens) & _MOTION or tokens[:2] == ["this", "house"]:
        return "motion"
    if len(tokens) <= _TOPIC_WORDS and not set(tokens) & _VERBS:
        return "topic"
    return "claim"


# The parliamentary debate's frame around a motion, and what it says plainly.
_HOUSE = (
    (re.compile(r"this house believes in\s+", re.I), "We believe in "),
    (re.compile(r"this house believes(?: that)?\s+", re.I), ""),
    (re.compile(r"this house would\s+", re.I), "We should "),
    (re.compile(r"this house supports\s+", re.I), "We should support "),
    # regretting what happened is opposing it ("regret" is no motion word)
    (re.compile(r"this house (?:opposes|regrets)\s+", re.I), "We should oppose "),
)


@lru_cache(maxsize=4096)  # read per row; a data set has few targets
def plain_motion(target: str) -> str:
    """A debate motion without the parliamentary frame: "This house would
    X" is "We should X", "This house believes that X" is "X".

    Motions in that frame (British Parliamentary debating, and the debate
    sets built from it) say what a motion written "We should ..." says; a
    model trained on the latter reads them as a phrasing it knows rather
    than learning from "this house" itself. Other targets are returned
    unchanged.

    Examples
    --------
    >>> plain_motion("This house would build hydroelectric dams")
    'We should build hydroelectric dams'
    >>> plain_motion("This house believes that zoos are cruel.")
    'Zoos are cruel.'
    >>> plain_motion("The city should ban diesel cars.")
    'The city should ban diesel cars.'
    """
    stripped = target.lstrip()
    for pattern, plain in _HOUSE:
        if pattern.match(stripped):
            out = pattern.sub(plain, stripped, count=1)
            if out[1:2].islower():  # not "IPhones" from "iPhones"
                out = out[:1].upper() + out[1:]
            return out
    return target


def claim_subject(tokens: Sequence[str]) -> tuple[int, int]:
    """The ``(start, end)`` token span of a claim's subject.

    Examples
    --------
    >>> toks = "in most countries , private schools are better run .".split()
    >>> start, end = claim_subject(toks)
    >>> toks[start:end]
    ['private', 'schools']
    >>> claim_subject("banning smoking saves lives".split())
    (0, 2)
    >>> claim_subject("a ban on cars would hurt shops".split())
    (0, 4)
    """
    start = 0
    for i, tok in enumerate(tokens[:_MAX_INTRO]):
        if tok in _VERBS:  # "X is good, ...": no introductory phrase
            break
        if tok == ",":
            start = i + 1
            break
    end = start
    while end < len(tokens) and end - start < _MAX_SUBJECT:
        tok = tokens[end]
        if end > start and tok in _VERBS and not _noun_use(tokens, end):
            return start, end
        if end > start and (tok in _CLAUSE or tok == ","):
            break
        end += 1
    # No verb known: the subject is taken to end with its first content word
    # ("fireworks injure ..."), so what follows counts as said of it.
    for i in range(start, end):
        if tokens[i] not in _DETERMINERS and tokens[i].isalpha():
            return start, i + 1
    return start, end


def _noun_use(tokens: Sequence[str], i: int) -> bool:
    """Whether the verb form ``tokens[i]`` is a noun: right after a
    determiner ("a ban on ...", "the cut in fares"), unless an auxiliary
    ("this is ...")."""
    return tokens[i] not in _AUXILIARIES and tokens[i - 1] in _DETERMINERS


@lru_cache(maxsize=1)
def _rivals() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    pairs = rival_sides()
    return tuple(pairs) + tuple((b, a) for a, b in pairs)


def relation(
    target_tokens: Sequence[str],
    object_stems: set[str] | frozenset[str],
    action_stems: set[str] | frozenset[str],
    subject_tokens: Sequence[str],
    subject_stems: Sequence[str],
) -> tuple[float, bool]:
    """How a claim's subject relates to a motion: ``(sign, about_action)``.

    ``sign`` is +1 when the subject names the motion's object (its
    ``object_stems``) or its action against it (``action_stems``: "ban"),
    -1 when it names a rival of a motion word and none of the motion's own
    words, 0 when neither. ``about_action`` says whether the word related
    is the motion's action rather than its object.

    Examples
    --------
    >>> relation(["public", "schools"], {"public", "school"}, set(),
    ...          ["private", "schools"], ["privat", "school"])
    (-1.0, False)
    >>> relation(["ban", "smoking"], {"smok"}, {"ban"}, ["the", "ban"],
    ...          ["the", "ban"])
    (1.0, True)
    >>> relation(["ban", "smoking"], {"smok"}, {"ban"}, ["tourism"], ["touris"])
    (0.0, False)
    """
    stems = set(subject_stems)
    if stems & set(action_stems):
        return 1.0, True
    # A rival wins over shared words: in "private schools" toward "public
    # schools" the shared head word is the same kind of thing, the
    # qualifier a rival.
    rival, against = _rival(target_tokens, subject_tokens)
    if rival:
        return -1.0, against
    own = set(object_stems) - set(action_stems)
    return (1.0 if stems & own else 0.0), False


def _rival(
    target_tokens: Sequence[str], subject_tokens: Sequence[str]
) -> tuple[bool, bool]:
    """(the subject names a rival of a target word the subject leaves out,
    that target word is an action against its object)."""
    target = set(target_tokens) - _ACTORS
    subject = set(subject_tokens)
    for side, other in _rivals():
        named = target & side
        if named and not (subject & side) and subject & other:
            return True, bool(named & MOTION_AGAINST)
    return False, False
