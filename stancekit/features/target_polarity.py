"""Stance features that carry across targets: how a sentence treats its target.

Word n-grams learn which words go with which side *for the targets seen in
training*; toward a new target they sit near chance. What carries over is
the shape of the sentence: does it mention the target (or restate it),
is what it says around the target good or bad (a sentiment lexicon, with
negation scope), does someone back or reject it, are its effects good or
bad, does it say the thing *should* or *should not* happen, and is the
target itself phrased against something ("should not", "ban X": praising
X then argues against the target).

:func:`target_polarity_features` turns (target, text) pairs into a small
dense matrix; :class:`~stancekit.features.pairs.PairFeaturizer` appends it
to its dense block when ``target_polarity=True``. Word lists are data, in
:mod:`stancekit.lexicon.polarity`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from stancekit.features.claim_target import claim_subject, relation, target_kind
from stancekit.features.irony import ironic
from stancekit.lexicon import words
from stancekit.lexicon.effects import (
    BAD_THINGS,
    DECREASE,
    DEGREE_HIGH,
    DEGREE_LOW,
    EVALUATIVE_BAD,
    EVALUATIVE_GOOD,
    FALL,
    GOOD_THINGS,
    INCREASE,
    MOTION_AGAINST,
    PROTECT,
    RARE,
    RISE,
    TRANSPARENT,
)
from stancekit.lexicon.polarity import (
    BAD_EFFECT,
    ENDORSING,
    GOOD_EFFECT,
    HEDGES,
    MODAL_FOR,
    NEGATORS,
    OPPONENTS,
    REFUTING,
    REMOVAL,
    SARCASM,
    TARGET_FILLER,
    vader_lexicon,
)

__all__ = [
    "CLAIM_POLARITY_NAMES",
    "FEATURE_NAMES",
    "claim_sentiment",
    "motion_polarity",
    "target_direction",
    "target_polarity_features",
    "tokenize",
]

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|n't|[.,;:!?\"]")
_CLAUSE_END = frozenset('.,;:!?"') | {"but", "because", "while", "although", "who"}
_AUXILIARY = frozenset(("will", "would", "shall", "can", "could", "may", "might"))
_SCOPE = 3  # words a negator reaches, as in VADER's look-back
_NEAR = 6  # words either side of a target mention that speak about it
_TONE = 1.0  # a target's own valence sum from which it counts as negative
_SUBJECT_SHARE = 0.4  # the first 40% of a sentence's words hold its subject
_EFFECT_REACH = 4  # words after an effect verb ("reduces ... crime") it acts on
_EFFECT_VERBS = DECREASE | INCREASE  # act on what follows them
_CHANGE_VERBS = FALL | RISE  # act on their subject
_ANY_EFFECT = _EFFECT_VERBS | _CHANGE_VERBS
_LESS = DECREASE | FALL  # the ones that reverse what they act on
# What the composition of effects reads besides (:func:`_compose_clause`):
# verbs of protection, "low" and "high" (the next word only: "low crime"),
# and predicates of scarcity ("famine is rare", "war is unlikely").
_DEGREE_WORDS = DEGREE_LOW | DEGREE_HIGH
_ACTING_VERBS = _EFFECT_VERBS | PROTECT
_ACTING = _ACTING_VERBS | _DEGREE_WORDS  # act on what follows them
_COMPOSING = _ANY_EFFECT | PROTECT | _DEGREE_WORDS | RARE
_REVERSING = _LESS | RARE | DEGREE_LOW
_DEGREE_COMPOUNDS = words("lying ranking flying")  # "low-lying": no amount
_COMPARATIVE = words("less more")
_LIKELY = words("likely probable common frequent")  # "makes war less likely"
# An effect's reach: the most words it looks at, and what it passes over
# (:func:`_passed_over`: "lowers the chances of a recession", "less likely
# to go to war").
_REACH_SCAN = 9
_ARTICLES = words("the a an")
_LIKELY_TO = words("likely unlikely improbable")
# verbs of a change that take no object and so end a clause after "and"
# ("and the quality of care improved"; not "the pollution produced")
_INTRANSITIVE = words("improve improves improved worsen worsens worsened")
# Protection (:func:`_keeps_away`): what follows "against" or "from", at
# most 3 words on; "guards" and "shields" are nouns as well ("security
# guards from the firm"), so only right before "against"; an "-ed" form
# after these words is an adjective ("Many insured patients die from ...").
_KEPT_AWAY = words("against from")
_KEEPS_AWAY_NEAR = 3
_PROTECT_NOUNS = words("guard guards shield shields")
_BEFORE_NOUN = words("""
    the a an many most some all few several no these those their his her its
    our your my every each both other such well two three four five
""")
# Words that reverse the effect right after them (:func:`_reversed`:
# "unlikely to hurt trade", "rarely harms", "prevents the loss of jobs"):
# verbs and adverbs, not nouns such as "ban" ("the ban cut crime"), nor
# "without", a negator already. "stop" and "halt" are nouns too ("a bus stop
# improves ..."): before a finite verb only after "to", a modal or "not".
_REVERSERS = words("""
    prevent prevents prevented preventing stop stops stopped stopping avoid
    avoids avoided avoiding halt halts halted halting unlikely improbable
    rarely seldom
""")
_NOUN_REVERSERS = words("stop stops halt halts")
_STOPPING_VERB_AFTER = _AUXILIARY | words("to must should not never")
# words that join a new clause after an effect verb ("grew and poverty fell")
_NEXT_CLAUSE = words("and as while whereas")
# verbs of a change in amount, which the effect lists cannot sign alone
# ("unemployment fell", "would increase crime"; not "hurt", "protect")
_AMOUNT_VERBS = _CHANGE_VERBS | words("""
    raise raises reduce reduces reduced cut cuts lower lowers lowered
""")
_SUBJECT_REACH = 8  # words before a change ("crime in the old town fell") it acts on
_PROPOSAL_REACH = 4  # words after a modal ("should ... ban") that hold its action
_NEGATED_MODALS = words("shouldn't mustn't needn't oughtn't")
# "not only ... but": the negator that negates nothing after it ("not
# just", "not simply" mostly do negate: "we cannot simply ban it")
_NOT_ONLY = words("only")
# Verbs that condemn their subject by what it does ("X would ruin small
# firms"), and how bad a word after a copula must be to condemn ("X would
# be a disaster", "X is a fantasy"; VADER's scale, the listed judgements
# at 1.5): the judgements of a named motion (``_judgements``).
_HARMS = words("""
    harm harms harmed harming hurt hurts hurting damage damages damaged
    damaging threaten threatens threatened threatening undermine undermines
    undermined undermining destroy destroys destroyed destroying worsen
    worsens worsened worsening weaken weakens weakened weakening ruin ruins
    ruined ruining kill kills killed killing cripple cripples crippled
    crippling wreck wrecks wrecked wrecking
""")
# comparatives and intensifiers inside a verdict ("would be more harmful")
_DEGREE = words("more most less far much very so too such quite deeply utterly")
_CONDEMNING = 1.5
_PREDICATE_REACH = 3  # words after a copula that hold its judgement
# Saying verbs: a condemnation after one is the speaker's clause, not the
# subject's ("staff on the scheme say overtime was a disaster").
_SAYING = words("say says said claim claims claimed argue argues argued insist insists")
# A view reported and rebutted in one sentence (``_rebuttal``): who holds
# it, the verbs that report it, the words that turn against it.
_SUPPORTERS = words("supporters proponents advocates backers champions defenders")
_CRITICS = words("critics opponents detractors sceptics skeptics naysayers")
_REPORTED = _SAYING | words("""
    insisted promise promises promised warn warns warned tell tells told
    believe believes
""")
_BUT = words("but yet however")
# a view conceded or reported before its answer (``_answered``, ``_concedes``)
_ADMITTING = words("""
    admit admits admitted concede concedes conceded acknowledge acknowledges
    acknowledged
""")
_SURELY = words("admittedly certainly")
# verbs by which a piece or a person on one side gives the other side's
# point: "A column backing the nurses acknowledges that ...", "A sceptical
# review still quotes an engineer who says ..." (``_holder_end``)
# verbs that give a point only before "that": "accepted that it is fair",
# not "accepted the award"
_GIVING_THAT = words("grant grants granted accept accepts accepted")
_GIVING = _ADMITTING | _GIVING_THAT
# verbs that give a point only with a word of concession beside them: "A
# sceptical review still quotes ...", "fairly cites"; alone
# they cite evidence for the holder's side ("A study backing the ban cites
# a fall in asthma cases"); "even" strengthens the holder's case as often
_CITING = words("quote quotes quoted cite cites cited note notes noted")
_CONCEDING_ADVERBS = words("still fairly")
_GIVER_REACH = 16  # words of a holder before its verb of giving a point
_POINT_STARTS = frozenset(('"', ":", ",", "that"))
_SIDE_VERBS = frozenset(ENDORSING) | frozenset(REFUTING)
_NOT_GIVING = NEGATORS | words("""
    is are was were be been being to can cannot could may might must shall
    should will would do does did
""")
_GRANTING = words("allow allows allowed grant grants granted")
_ASSENTING = words("agree agrees agreed accept accepts accepted")
_DATE_BEFORE = words("in of since until by on from to early late last next this")
# verbs that argue back: after "but" they answer ("said X, but argued Y"),
# closing a sentence they make its "X, but Y" a concession
_ARGUING = words("""
    argue argues argued insist insists insisted maintain maintains maintained
    contend contends contended counter counters countered conclude concludes
    concluded
""")
# a saying verb right after "but": the same voice goes on
_SAYING_ON = (
    _REPORTED
    | _ARGUING
    | _ADMITTING
    | words("""
    add adds added note notes noted stress stresses stressed caution cautions
    cautioned urge urges urged
""")
)
_CLOSING_REACH = 8  # words of a closing attribution: ", the auditor concluded"
# saying verbs that concede what they report (not warnings, not promises),
# the writer's own voice ("we believe"), a report's verbs and its tense
_CONCEDING_SAYS = _REPORTED - words("warn warns warned promise promises promised")
_WRITER = words("i we")
_PAST_SAYING = words("said told claimed insisted argued believed")
_BACKSHIFTED = words("was were had would could")
_ANSWER_MIN = 3  # words after ", but" that make an answer: a clause
# after ", but": no clause ("but also", "but not buses", "but only if", ", however,",
# "yet to")
_NOT_AN_ANSWER = words("also not , to only that")
# an answer opening with a preposition is a clause only with a subject or
# a finite verb of its own
_PREPOSITIONS = words("with without at for in on from by as under after")
_CLAUSE_WORDS = words("""
    i you he she it we they is are was were has have had will would can could
    must should do does did
""")
_SENTENCE_END = frozenset(".;:?!")
# A frame that denies or affirms the clause after it (``_frames``): "X
# denied that P", "it is not true that P", "it would be unfair to say P".
_DENYING = words("""
    deny denies denied denying dispute disputes disputed disputing reject
    rejects rejected rejecting refute refutes refuted dismiss dismisses
    dismissed contest contests contested doubt doubts doubted
""")
# what a denying verb denies when it is no bare "that": "rejected the idea that"
_PROPOSITIONS = words("""
    idea ideas claim claims suggestion suggestions notion allegation
    allegations accusation accusations assertion assertions
""")
_DETERMINERS = words("the a an any all his her their its our this these")
# judgements of truth, before "that" ("it is not true that P"), and of
# fairness, only before "to say" ("it is unfair that P" grants P)
_FALSE_THAT = words("untrue false myth nonsense mistaken")
_TRUE_THAT = words("true correct accurate")
_UNFAIR_TO_SAY = _FALSE_THAT | words("wrong unfair misleading")
_FAIR_TO_SAY = _TRUE_THAT | words("fair right")
_SAYING_SO = words("say claim suggest argue pretend")
# negators of a frame beyond NEGATORS: "few would dispute that", "little doubt"
_FRAME_NEGATORS = words("few little")
# Words that negate what they govern without being negators: with a
# negator a few words before or after them they make a double negation
# ("not unfair", "rarely fail", "far from rare")
_NEGATIVE_OPERANDS = words("""
    rare rarely seldom uncommon unusual unfair untrue unreasonable unfounded
    unjustified unlikely unhappy unknown unheard
""")
# the denying verbs of the frames that make a double negation after a
# negator ("did not deny", "nobody disputes"); before one they are a
# negation of their own ("he was denied bail and will not appear"), and
# "dispute" is as often a noun. Not "reject" and "doubt", whose object is
# as often a thing ("did not reject the plan"), nor the -ing forms.
_DENIAL_VERBS = _DENYING - words("""
    reject rejects rejected rejecting doubt doubts doubted refute denying
    disputing
""")
_DOUBLE_REACH = 4  # words from one negation to the next that it meets
_DOUBLE_END = _CLAUSE_END | words("and or")
_NEGATION_WORDS = NEGATORS | _NEGATIVE_OPERANDS | _DENIAL_VERBS | {"from"}
# where a frame's own clause begins ("without hesitation, the mayor denied")
_FRAME_START = frozenset(",;:") | words("and but who which while because although")
# words between a negator and the frame word it negates: "did not dispute",
# "nobody can seriously deny" (not "residents with no cars denied")
_FRAME_AUXILIARIES = words("""
    do does did can could will would should may might must shall has have had
    is are was were be been ever even really seriously one however
""") | {","}
# "hard to deny that P" affirms P; "declined to deny that P" frames nothing
_HARD_TO = words("hard impossible difficult")
_WONT_TO = words("declined refused failed")
# a clause after "that" has a verb: a past form, a verb of change, a present
# "-s", an auxiliary, or a common irregular past ("denied that he ever met
# her"); "disputed that decision in court" has none
_IRREGULAR_PAST = words("""
    met made went saw took gave got knew said told came left lost won paid sold
    kept held brought thought found put set led ran stood spent built sent
    fought broke drove wrote became began cut hit
""")  # "fell", "rose", "grew": verbs of change, checked beside it
# words that open a clause's subject: "that the ban ...", "that it ..."
_SUBJECTS = words(
    "the a an it he she they we i you this these those there its his her their our"
)
# after "that" or "to say": no clause ("that, and ...", "that as", "to say
# what ...", "to say goodbye")
_NO_CLAUSE = (
    _PREPOSITIONS
    | frozenset('.,;:?!"')
    | words("""
    as very much what how why goodbye hello sorry thanks no yes so
""")
)
_HOLDER_REACH = 5  # words from the holder to its reporting verb
_OPPOSING = words("resistance opposition objection objections delay delays")
# Words of a motion that judge its object rather than act on it ("harmful",
# "a crime"): an action against it only as the modal's predicate, "should
# be a crime", not "should protect victims of crime".
_JUDGEMENTS = words(
    "harmful bad wrong dangerous offence offense crime illegal unjustified"
)
# every word of the action lists (a phrase of REMOVAL never equals one token)
_ACTION_WORDS = MOTION_AGAINST | frozenset(REMOVAL)
_ACTIONS = _ACTION_WORDS - _JUDGEMENTS
# A motion's actions against its object that REMOVAL does not list
# (:func:`_other_actions`), read where they stand as verbs.
_OTHER_ACTIONS = _ACTIONS - frozenset(REMOVAL)
_PARTICIPLE = ("ed", "en")
_PASSIVE_BEFORE = words("be been")
# Verbs of doing away with something: toward a motion that does away with
# its object, each names the motion's action ("scrapping the tax" toward
# "abolish the tax"), not the object (:func:`_motion`).
_DOING_AWAY = words("""
    ban bans banned banning abolish abolished abolishing abolition prohibit
    prohibited prohibiting prohibition outlaw outlawed outlawing scrap
    scrapped scrapping remove removed removing removal repeal repealed
    repealing eliminate eliminated eliminating axe axed axing
""")
# Where a subject's clause begins, for a change looking back for it ("she
# was happy when prices fell": "happy" is not what fell).
_SUBJECT_START = words("when as that after if since until so whereas")
_NOUN_LINK = words("and or")  # "crime and unemployment fell"
_COPULA = words("is are was were be been being get gets got become became")
# what may stand between a negation and the one it governs
_BETWEEN_NEGATIONS = (
    _AUXILIARY
    | _COPULA
    | words("""
    do does did have has had to that so true entirely wholly quite really
    always exactly necessarily simply far
""")
)
_NEGATIVE_SUBJECTS = words("no neither none nobody nothing")
_FAILING = words("fail fails failed")
# What stands right before a motion's own verb ("should introduce", "be
# banned", "not close") and what is not that verb.
_NOT_A_VERB = _COPULA | NEGATORS
_MODALS = words("should must would shall")
_BEFORE_VERB = _MODALS | _NOT_A_VERB
# words after a modal or copula that are no verb: "is a cause", "is as good"
_NOT_THE_VERB = _DETERMINERS | words("to as")
# Around a target's action word: what makes it a verb ("should ban", "to
# tax", "be abolished", "ban and tax") or an action named as a noun that
# acts on what follows ("a ban on X", "the abolition of X").
_VERB_BEFORE = _BEFORE_VERB | words("to and or can could will may might")
# before a motion's other action as a bare verb (:func:`_other_actions`):
# a modal, "to", "and", "or", not a copula or a negator
_BARE_BEFORE = _VERB_BEFORE - _NOT_A_VERB
_ACTS_ON = words("on of for against to in")
_OBJECT_OF = words("on of against")  # "a tax on sugar", "the abolition of X"
# where the noun phrase after a target's action verb ends
_PHRASE_END = (
    _ACTS_ON | _VERB_BEFORE | words("with by than from at") | frozenset(".,;:!?")
)
_THING_VALENCE = 1.5  # VADER-scale valence of a listed good or bad thing
_STOP = frozenset(ENGLISH_STOP_WORDS) | TARGET_FILLER
_WEIGHED = (
    ("more harm than good", -1.0),
    ("more bad than good", -1.0),
    ("more good than harm", 1.0),
    ("more good than bad", 1.0),
)
_WEIGHED_STEMS = frozenset(("harm", "bad"))  # stems of the weighing's own words
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "ed", "es", "s")
# Suffixes after which a doubled consonant is the inflection's ("banned"),
# and the doubled letters English keeps in the bare word ("called", "passed").
_UNDOUBLE = frozenset(("ings", "ing", "ers", "ed"))
_KEEP_DOUBLE = frozenset("aeioulsz")

FEATURE_NAMES = (
    "tp_mention",
    "tp_text_in_target",
    "tp_restatement",
    "tp_same_text",
    "tp_subject_is_target",
    "tp_target_negative",
    "tp_target_removal",
    "tp_target_tone",
    "tp_text_mentions_removal",
    "tp_sentiment",
    "tp_sentiment_near_target",
    "tp_endorsing",
    "tp_refuting",
    "tp_good_effect",
    "tp_bad_effect",
    "tp_modal",
    "tp_signed_sentiment",
    "tp_signed_sentiment_object",
    "tp_signed_near_target",
    "tp_signed_verbs",
    "tp_signed_effects",
    "tp_signed_modal",
    "tp_signed_total",
    "tp_signed_total_abs",
    "tp_question",
    "tp_hedges",
    "tp_opponents",
    "tp_sarcasm",
    "tp_quoted",
    "tp_signed_x_opponents",
    "tp_signed_x_sarcasm",
    "tp_signed_x_question",
    "tp_claim_sentiment",
    "tp_motion_polarity",
    "tp_signed_claim",
    "tp_signed_claim_abs",
    "tp_plain_restatement",
    "tp_contested_mention",
    "tp_double_negation",
    "tp_kind_motion",
    "tp_kind_claim",
)

#: The features of stance as motion polarity times claim sentiment alone:
#: what a model for targets never seen keeps (``features="claim_polarity"``
#: of :class:`~stancekit.models.stance.StanceClassifier`).
CLAIM_POLARITY_NAMES = (
    "tp_signed_claim",
    "tp_signed_claim_abs",
    "tp_claim_sentiment",
    "tp_motion_polarity",
)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens and clause punctuation, apostrophes straight.

    Examples
    --------
    >>> tokenize("They didn’t back it, “never”.")
    ['they', "didn't", 'back', 'it', ',', '"', 'never', '"', '.']
    """
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return _TOKEN.findall(text)


# "'s" that is no possessive
_CONTRACTED = words(
    "let's it's that's what's he's she's there's here's who's where's how's"
)


def _possessor(token: str) -> str:
    """The noun of a possessive token ("israel's" -> "israel"); any other
    token, a contraction such as "let's" or "it's" among them, as it is."""
    if token.endswith("'s") and token not in _CONTRACTED:
        return token[:-2]
    return token


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude stem, at most six letters; an inflection's doubled final
    consonant is undoubled, so "banned" and "scrapping" meet "ban" and
    "scrap".

    Examples
    --------
    >>> [_stem(w) for w in ("ban", "banned", "banning", "bans", "called")]
    ['ban', 'ban', 'ban', 'ban', 'call']

    A possessive stems as its noun: "council's" meets "council".

    >>> _stem("council's") == _stem("council")
    True
    """
    word = _possessor(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if (
                suffix in _UNDOUBLE
                and len(word) >= 4
                and word[-1] == word[-2]
                and word[-1] not in _KEEP_DOUBLE
            ):
                word = word[:-1]
            break
    return word[:6]


_LISTS = (
    "endorsing",
    "refuting",
    "good",
    "bad",
    "modal",
    "removal",
    "opponents",
    "sarcasm",
    "hedges",
)


@lru_cache(maxsize=1)
def _all_phrases() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """First token -> (list name, phrase tokens) of every list, longest first."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, by_first in _phrases().items():
        for first, phrases in by_first.items():
            index.setdefault(first, []).extend((name, p) for p in phrases)
    return {k: tuple(sorted(v, key=lambda e: -len(e[1]))) for k, v in index.items()}


def _all_matches(tokens: list[str]) -> dict[str, list[int]]:
    """List name -> start positions of its phrases in ``tokens`` (one pass)."""
    index = _all_phrases()
    found: dict[str, list[int]] = {name: [] for name in _LISTS}
    for i, tok in enumerate(tokens):
        entries = index.get(tok)
        if not entries:
            continue
        done = set()
        for name, phrase in entries:
            if name in done:
                continue
            if len(phrase) == 1 or tuple(tokens[i : i + len(phrase)]) == phrase:
                found[name].append(i)
                done.add(name)
    return found


@lru_cache(maxsize=1)
def _phrases() -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """Each list as first token -> the phrases (token tuples) starting with it."""
    lists = {
        "endorsing": ENDORSING,
        "refuting": REFUTING,
        "good": GOOD_EFFECT,
        "bad": BAD_EFFECT,
        "modal": MODAL_FOR,
        "removal": REMOVAL,
        "opponents": OPPONENTS,
        "sarcasm": SARCASM,
        "hedges": HEDGES,
    }
    out = {}
    for name, entries in lists.items():
        index: dict[str, list[tuple[str, ...]]] = {}
        for entry in entries:
            toks = tuple(tokenize(entry))
            index.setdefault(toks[0], []).append(toks)
        out[name] = {k: tuple(v) for k, v in index.items()}
    return out


def _matches(tokens: list[str], index: dict) -> list[int]:
    """Start positions of the phrases of one list in ``tokens``."""
    found = []
    for i, tok in enumerate(tokens):
        for phrase in index.get(tok, ()):
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                found.append(i)
                break
    return found


def _negates(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` is a negator that negates: "not only X but Y"
    negates neither (:data:`_NOT_ONLY`)."""
    return tokens[i] in NEGATORS and (
        i + 1 == len(tokens) or tokens[i + 1] not in _NOT_ONLY
    )


def _answered_signs(
    tokens: list[str],
    negations: list[float] | None = None,
    framed: list[float] | None = None,
) -> list[float]:
    """:func:`_negation_signs`, reversed over each view conceded or
    reported and then answered in its sentence (:func:`_answered`): "the
    plan is popular, the mayor said, but it costs too much", "shopkeepers
    say the ban will kill trade, but footfall rose" count for the other
    side, as a negated clause does; action words ("the ban") keep their
    sign, they name what is done, not a judgement of it. A frame
    (:func:`_framed`, given or read here) zeroes its own words and signs
    its clause, the answered reversal kept. The holder of a point given to
    the other side (:func:`_holder_end`: "A column backing the nurses
    acknowledges ...") is zeroed: its side is not what the sentence says.
    What a sentence says toward its target reads these signs; whether it
    negates the target's words reads the plain ones.

    Examples
    --------
    >>> _answered_signs(tokenize("It is cheap, she said, but it never works."))
    [-1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 1.0, 1.0, 1.0, 1.0, -1.0, 1.0]
    >>> _answered_signs(tokenize("It is cheap, but it never works."))
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0, 1.0]
    """
    negations = _negation_signs(tokens) if negations is None else negations
    framed = _framed(tokens, negations) if framed is None else framed
    signs = list(negations)
    for start, end in _answered(tokens, negations):
        for i in range(start, end):
            if tokens[i] not in _ACTIONS:
                signs[i] = -signs[i]
    # signs * negations is the answered reversal alone (+1 or -1); outside
    # frames framed == negations, so those signs stay as they are
    signs = [f * s * n for f, s, n in zip(framed, signs, negations, strict=True)]
    holder = _holder_end(tokens)
    signs[:holder] = [0.0] * holder
    return signs


def _framed(tokens: list[str], negations: list[float]) -> list[float]:
    """``negations`` with each frame of :func:`_frames` read, for whether a
    text negates its target's words: the frame's own words 0, its clause's
    words signed by the frame times the clause's own negations ("nobody
    denies that X" does not negate X, "the mayor denied that X" does)."""
    framed = list(negations)
    for start, first, end, sign in _frames(tokens):
        framed[start:first] = [0.0] * (first - start)
        own = _negation_signs(tokens[first:end])
        framed[first:end] = [sign * n for n in own]
    return framed


def _frames(tokens: list[str]) -> list[tuple[int, int, int, float]]:
    """Clauses that a frame denies or affirms, at most one a sentence:
    ``(frame start, clause start, clause end, sign)``. A frame denies (-1)
    with a denying verb right before "that" ("denied that", "nobody can
    dispute that") or before a proposition it names ("rejected the idea
    that"), with a judgement of falsehood before "that" ("it is not true
    that", "a myth that") or of falsehood or unfairness before "to say"
    ("it would be unfair to say"); it affirms (+1) with a judgement of
    truth ("it is true that", "it is fair to say"). The frame's own clause
    runs back to a comma or a conjunction ("Without hesitation, the mayor
    denied"), and each negator in it reverses the sign: "not even her
    critics deny that P" affirms P, "it is not true that P" denies it. The
    clause runs to the sentence's end or to a "but" that answers it; a
    "that" of a relative clause ("rejected a plan that would ...") or a
    judged fact ("it is unfair that P") is no frame.

    Examples
    --------
    >>> _frames(tokenize("Nobody denies that the scheme worked."))
    [(0, 3, 6, 1.0)]
    >>> _frames(tokenize("It is not true that the scheme failed."))
    [(0, 5, 8, -1.0)]
    >>> _frames(tokenize("The council rejected a plan that would cut crime."))
    []
    """
    found: list[tuple[int, int, int, float]] = []
    sentence = 0
    for k, tok in enumerate(tokens):
        if tok in _SENTENCE_END:
            sentence = k + 1
            continue
        if k <= sentence or (found and k < found[-1][2]):
            continue
        sign, at = _frame_at(tokens, k, sentence)
        if not sign:
            continue
        start = max(
            (
                j + 1
                for j in range(sentence, at)
                if tokens[j] in _FRAME_START and "however" not in tokens[j - 1 : j + 2]
            ),
            default=sentence,
        )
        negators = sum(
            (_negates(tokens, j) or tokens[j] in _FRAME_NEGATORS)
            and (
                j == start
                or (j == start + 1 and tokens[j] == "even")
                or all(t in _FRAME_AUXILIARIES for t in tokens[j + 1 : at])
            )
            for j in range(start, at)
        )
        first = k + 1
        end = next(
            (
                j
                for j in range(first, len(tokens))
                if tokens[j] in _SENTENCE_END or tokens[j] in _BUT or tokens[j] == ","
            ),
            len(tokens),
        )
        if not _is_clause(tokens[first:end]):
            continue  # "the mayor denied that.", "disputed that decision"
        found.append((start, first, end, -sign if negators % 2 else sign))
    return found


def _is_clause(words_: list[str]) -> bool:
    """Whether ``words_`` after "that" (or "to say") make a clause, not a
    noun phrase ("that decision in court") or nothing: two words or more,
    not opening on a preposition or a comma, and opening on a subject
    ("the", "it", "they", ...) or with a verb among them after the first
    (a past form, a present "-s" not after a determiner, an auxiliary)."""
    if len(words_) < 2 or words_[0] in _NO_CLAUSE:
        return False
    if words_[0] in _SUBJECTS and len(words_) >= 3:
        return True  # "that the ban hurt them", "that it owed money"
    return any(
        w in _CLAUSE_WORDS
        or w in _IRREGULAR_PAST
        or w in _CHANGE_VERBS
        or (len(w) > 3 and w.endswith("ed"))
        or (len(w) > 3 and w.endswith("s") and prev not in _DETERMINERS)
        for prev, w in zip(words_, words_[1:], strict=False)
    )


def _frame_at(tokens: list[str], k: int, sentence: int) -> tuple[float, int]:
    """The sign of a frame whose clause begins after ``tokens[k]`` and the
    position of its frame word, or ``(0.0, k)``: see :func:`_frames`."""
    before = tokens[sentence:k]
    if tokens[k] == "that" and before:
        word = before[-1]
        if word in _DENYING:
            # "hard to deny that P" affirms P; "declined to deny" frames nothing
            if len(before) >= 3 and before[-2] == "to":
                if before[-3] in _HARD_TO:
                    return 1.0, k - 1
                if before[-3] in _WONT_TO:
                    return 0.0, k
            return -1.0, k - 1
        if word in _FALSE_THAT:
            return -1.0, k - 1
        if word in _TRUE_THAT:
            return 1.0, k - 1
        # "rejected the idea that", "dismissed claims that"
        if word in _PROPOSITIONS:
            j = k - 2
            while j >= sentence and tokens[j] in _DETERMINERS:
                j -= 1
            if j >= sentence and tokens[j] in _DENYING:
                return -1.0, j
        return 0.0, k
    if tokens[k] in _SAYING_SO and len(before) >= 2 and before[-1] == "to":
        word = before[-2]
        if word in _UNFAIR_TO_SAY:
            return -1.0, k - 2
        if word in _FAIR_TO_SAY:
            return 1.0, k - 2
    return 0.0, k


def _answered(
    tokens: list[str], negations: list[float] | None = None
) -> list[tuple[int, int]]:
    """The spans ``(start, end)`` of views answered in their sentence, at
    most one a sentence (its last answer): from the sentence's start (or
    the last ".", ";", ":", "?") to the comma before ", but", ", yet" or
    ", however," (a quote mark may close the view: 'will "kill trade," but
    ...'), when the view is said or conceded (:func:`_concedes`: "critics
    say", "the mayor said", "of course", "admittedly", "it may"), or the
    sentence closes on an arguing or conceding verb ("X, but Y, the auditor
    concluded"; not a plain "said", which reports a fact and its caveat as
    well). A writer's own "X, but Y" ("crime fell, but burglaries rose") is
    a fact and a caveat, not a concession. The answer must be a clause of
    at least :data:`_ANSWER_MIN` words ("but also", "but not X", "but only
    if", "but that ...", "but with ...", "however it is enforced", "yet to"
    are not); a saying verb right after "but" must argue ("he said X, but
    argued Y"; "the minister backed it, but added that ..." goes on in one
    voice), and so does a report that opens on "X said" and goes on in its
    tense ("the mayor said it had worked, but there was more to do").

    Examples
    --------
    >>> _answered(tokenize("Critics say it will fail, but it works well."))
    [(0, 5)]
    >>> _answered(tokenize("Crime fell in May, but burglaries rose sharply."))
    []
    """
    if _BUT.isdisjoint(tokens):
        return []
    if negations is None:
        negations = _negation_signs(tokens)
    spans: list[tuple[int, int]] = []
    before = len(tokens)  # one span a sentence: its last answer
    for k in range(len(tokens) - 2, 1, -1):
        if k >= before:
            continue
        found = _answer_at(tokens, k)
        if found is None:
            continue
        comma, first = found
        start = max(
            (j + 1 for j in range(comma) if tokens[j] in _SENTENCE_END), default=0
        )
        end = next(
            (j for j in range(first, len(tokens)) if tokens[j] in _SENTENCE_END),
            len(tokens),
        )
        answer = tokens[first:end]
        view = tokens[start:comma]
        if (
            not answer
            or answer[0] in _NOT_AN_ANSWER
            or sum(t.isalpha() for t in answer) < _ANSWER_MIN
            # "but with exemptions", not "but on a production line they ..."
            or (answer[0] in _PREPOSITIONS and not _CLAUSE_WORDS & set(answer))
            or any(
                a in NEGATORS and b in _NOT_ONLY
                for a, b in zip(view, view[1:], strict=False)
            )
        ):
            continue
        said = [i for i in range(start, comma) if _concedes(tokens, i, negations)]
        if answer[0] in _SAYING_ON:
            conceded = answer[0] in _ARGUING and bool(said)
        elif (
            said
            and said[0] - start <= _HOLDER_REACH
            and (
                tokens[said[0]] in _PAST_SAYING
                and _BACKSHIFTED & set(answer[:_HOLDER_REACH])
            )
        ):
            conceded = False  # "the mayor said X, but there was more to do"
        else:
            last = max((j for j in range(first, end) if tokens[j] == ","), default=end)
            closing = tokens[last + 1 : end][:_CLOSING_REACH]
            conceded = bool(said) or any(t in _ARGUING | _ADMITTING for t in closing)
        if conceded:
            spans.append((start, comma))
            before = start
    return spans[::-1]


def _answer_at(tokens: list[str], k: int) -> tuple[int, int] | None:
    """``(comma, first word of the answer)`` when ``tokens[k]`` turns to an
    answer: ", but", ", yet", '," but', and ", however," or "; however,"
    (not "however it is enforced")."""
    tok = tokens[k]
    if tok == "however":
        if tokens[k - 1] in (",", ";") and tokens[k + 1 : k + 2] == [","]:
            return k - 1, k + 2
        return None
    if tok not in _BUT:
        return None
    if tokens[k - 1] == ",":
        return k - 1, k + 1
    if tokens[k - 1] == '"' and tokens[k - 2] == ",":
        return k - 2, k + 1
    return None


def _concedes(tokens: list[str], i: int, negations: list[float]) -> bool:
    """Whether ``tokens[i]`` says or concedes what is around it: a saying
    verb ("say", "told", "argued"; not negated, "nobody claims", nor the
    writer's own "we believe", nor a warning or a promise), an admitting
    one ("admitted", "conceded"; "allowed", "granted" only before a comma
    or "that", "Holm allowed, but"; "agreed", "accepted" only before
    "that"), "of course", "admittedly", "certainly", "it is true", and
    "may" or "might" before a verb (not the month: "in May")."""
    tok = tokens[i]
    prev = tokens[i - 1] if i else ""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else "."
    if tok in _CONCEDING_SAYS:
        return negations[i] > 0 and prev not in NEGATORS and prev not in _WRITER
    if tok in _ADMITTING or tok in _SURELY:
        return True
    if tok in _GRANTING:
        return nxt in (",", "that") and prev not in _COPULA
    if tok in _ASSENTING:
        return nxt == "that"
    if tok == "course":
        return prev == "of"
    if tok == "true":
        return prev in _COPULA or nxt == ","
    if tok in ("may", "might"):
        return nxt.isalpha() and prev not in _DATE_BEFORE
    return False


def _negation_signs(tokens: list[str]) -> list[float]:
    """+1 or -1 per token: -1 inside the scope of an odd number of negators."""
    signs = [1.0] * len(tokens)
    sign, left = 1.0, 0
    for i, tok in enumerate(tokens):
        if tok in _CLAUSE_END:
            sign, left = 1.0, 0
            continue
        if tok in NEGATORS:
            # "the ones who can't will go": a negated auxiliary with its verb
            # left out reaches nothing after it (nor does "not only").
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if nxt in _AUXILIARY or nxt in _CLAUSE_END or not _negates(tokens, i):
                continue
            sign, left = -sign, _SCOPE
            continue
        if left > 0:
            signs[i] = sign
            left -= 1
            if left == 0:
                sign = 1.0
    return signs


def _holder_end(tokens: list[str]) -> int:
    """Where the holder of a point given to the other side ends: the index
    of the verb of "A column backing the nurses acknowledges the treasury's
    point", "A sceptical review of the channel still quotes ...", when the
    sentence opens with the holder (a noun phrase: no clause end, "and",
    "or" or past tense of a side's verb, "backed", before the verb); else
    0. The verb is finite (no negator, copula, modal or "to" in the three
    words before it); one of citing, noting or quoting counts only with a
    word of concession beside it ("still", "fairly"), "accept" and "grant"
    only before "that".

    Examples
    --------
    >>> _holder_end(tokenize("A column backing the nurses acknowledges the point."))
    5
    >>> _holder_end(tokenize("The minister acknowledged the cost, but went ahead."))
    2
    >>> _holder_end(tokenize("A critical report still quotes a geneticist."))
    4
    >>> _holder_end(tokenize("A study backing the ban cites a fall in asthma."))
    0
    >>> _holder_end(tokenize("Residents backed the ban and the council noted that."))
    0
    >>> _holder_end(tokenize("The right of appeal is widely acknowledged."))
    0
    """
    for i, token in enumerate(tokens[:_GIVER_REACH]):
        if token in _CLAUSE_END:
            return 0
        nxt = tokens[i + 1] if i + 1 < len(tokens) else "."
        prev = tokens[i - 1] if i else ""
        citing = token in _CITING and (
            prev in _CONCEDING_ADVERBS or nxt in _CONCEDING_ADVERBS
        )
        if i and (token in _GIVING or citing):
            before = set(tokens[max(0, i - 3) : i]) - _CONCEDING_ADVERBS
            after = (
                tokens[i + 2]
                if nxt in _CONCEDING_ADVERBS and i + 2 < len(tokens)
                else nxt
            )
            giving = (
                not before & _NOT_GIVING
                and prev not in _DETERMINERS  # "in a note that"
                and "that" not in tokens[:i]  # "recommended that they accept"
                and (after in _POINT_STARTS or after in _DETERMINERS)
                and (token not in _GIVING_THAT or after == "that")
            )
            return i if giving else 0
        # a second clause ("Residents backed the ban and the council noted
        # ...") or a side's verb in the past before the verb ("backed", not
        # "opposed to", "backed by"): no holder
        if token in ("and", "or") or (
            token.endswith("ed") and token in _SIDE_VERBS and nxt not in ("to", "by")
        ):
            return 0
    return 0


def _double_negations(tokens: list[str]) -> int:
    """Whether a clause holds a double negation (1) or not (0): a negation
    that governs another, the two at most :data:`_DOUBLE_REACH` words apart
    with only auxiliaries and such between them ("was not unfair", "not
    true that nobody", "rarely fail", "did not deny"), or a negative
    subject and its verb ("no regulator has failed", "neither side
    disputes"). A negation is a negator, a word that negates what it
    governs (:data:`_NEGATIVE_OPERANDS`, "far from") or, after a negator,
    a verb of denial; not a word after a determiner ("the rare storm", "no
    dispute", "the failed coup"). "Neither ... nor" is one negation, "no
    doubt" and "No 10" none; "and" and "or" end a clause. The flag says
    which sentences a count of negators misreads, not their side.

    Examples
    --------
    >>> _double_negations(tokenize("It was not unfair to ask."))
    1
    >>> _double_negations(tokenize("Outages are far from rare, but no one sued."))
    1
    >>> _double_negations(tokenize("Nobody disputes that the review is late."))
    1
    >>> _double_negations(tokenize("The council did not close the library."))
    0
    >>> _double_negations(tokenize("Neither the mayor nor the council commented."))
    0
    >>> _double_negations(tokenize("Police have not identified the unknown attacker."))
    0
    """
    last = None  # index of the clause's last negation
    for i, token in enumerate(tokens):
        if token in _DOUBLE_END:
            last = None
            continue
        if token not in _NEGATION_WORDS:
            continue
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (token == "no" and (nxt == "doubt" or nxt[:1].isdigit())) or (
            token == "nor" and "neither" in tokens[max(0, i - 8) : i]
        ):
            continue
        if prev in _DETERMINERS or prev == "no":  # an adjective or a noun
            continue
        if token == "from":
            negation = prev == "far" and tokens[i - 2 : i - 1] != ["not"]
        else:
            negation = (
                _negates(tokens, i)
                or token in _NEGATIVE_OPERANDS
                or (token in _DENIAL_VERBS and last is not None)
            )
        if not negation:
            continue
        if last is not None and i - last <= _DOUBLE_REACH:
            between = tokens[last + 1 : i]
            subject = tokens[last] in _NEGATIVE_SUBJECTS and (
                token in _DENIAL_VERBS or token in _FAILING
            )
            if subject or all(t in _BETWEEN_NEGATIONS for t in between):
                return 1
        last = i
    return 0


@lru_cache(maxsize=1)
def _valences() -> dict[str, float]:
    """VADER's valences, with the listed good and bad things and judgements
    of :mod:`stancekit.lexicon.effects` where VADER is silent (or gives the
    same sign, which the lists then even out)."""
    out = dict(vader_lexicon())
    for good, listed in ((True, GOOD_THINGS | EVALUATIVE_GOOD), (False, BAD_THINGS)):
        for word in listed:
            value = out.get(word, 0.0)
            if (value >= 0.0) if good else (value <= 0.0):
                out[word] = _THING_VALENCE if good else -_THING_VALENCE
    for word in EVALUATIVE_BAD - GOOD_THINGS - EVALUATIVE_GOOD:
        if out.get(word, 0.0) <= 0.0:
            out[word] = -_THING_VALENCE
    return out


def _composed(tokens: list[str], signs: list[float], framed: list[float]) -> float:
    """Valence sum of a claim, effects composed with what they act on.

    An effect verb passes on (``increase``) or reverses (``reduce``) the
    value of the valenced words in the next :data:`_EFFECT_REACH` words of
    its clause, and its own value then counts no more: "reduces crime" is
    good news, "increases unemployment" and "does not reduce crime" bad.
    The reach does not count a noun of amount or likelihood before "of"
    (:data:`~stancekit.lexicon.effects.TRANSPARENT`, no valence of its own
    there), its "of" and articles, nor "likely to" (:func:`_passed_over`):
    "lowers the chances of a recession", "less likely to go to war". A verb of protection keeps away
    what follows "against" or "from" ("protects against disease": good
    news); "low" and "high" act on the next word only ("low crime"); a word
    of prevention or scarcity reverses the effect word right after it
    ("prevents the loss of jobs", "unlikely to hurt trade", "rarely harms").
    A verb of change with no valenced word after it
    (:data:`~stancekit.lexicon.effects.FALL`,
    :data:`~stancekit.lexicon.effects.RISE`: "fell", "declined", "soared",
    "rose"), and an effect verb in the passive or as a predicate ("was
    reduced", "is lower"), act instead on their subject: the nearest
    valenced word before them in their clause (and so do "is rare", "is
    unlikely", and "less likely" after its object: "makes war less likely"; at most
    :data:`_SUBJECT_REACH` words back, not past "when", "that", ...), with
    the valenced words right before it or joined by "and" ("violent crime",
    "crime and unemployment"). So "unemployment fell" and "crime in the old
    town was reduced" are good news, "unemployment did not fall" bad.
    ``framed``: as for :func:`_composition`.
    """
    return sum(_composition(tokens, signs, framed)[0])


def _composition(
    tokens: list[str], signs: list[float], framed: list[float]
) -> tuple[list[float], dict[int, float], set[int]]:
    """The valence of each token with effects composed (see
    :func:`_composed`), what each effect verb that acted on a valenced
    word came to: position -> the composed valence of the words it acted on
    ("fell" in "unemployment fell": good news, > 0), and the positions of
    the effect words a reverser turned round ("unlikely to hurt").
    ``framed``: the tokens' negation signs with each frame read
    (:func:`_framed`) but without an answered view's reversal."""
    valences = _valences()
    raw = [valences.get(tok, 0.0) for tok in tokens]
    if not TRANSPARENT.isdisjoint(tokens):  # "the chances of": no valence
        raw = [0.0 if _amount_of(tokens, i) else v for i, v in enumerate(raw)]
    values = [v * sign for v, sign in zip(raw, signs, strict=True)]
    readings: dict[int, float] = {}
    turned: set[int] = set()
    start = 0
    for end in range(len(tokens) + 1):
        if end == len(tokens) or tokens[end] in _CLAUSE_END:
            turned.update(
                _compose_clause(
                    tokens, signs, framed, raw, values, start, end, readings
                )
            )
            start = end + 1
    return values, readings, turned


def _effects_read(
    tokens: list[str],
    matches: dict[str, list[int]],
    readings: dict[int, float],
    turned: set[int],
) -> tuple[dict[str, list[int]], set[int]]:
    """The good and bad effect words of ``matches`` (:func:`_all_matches`),
    each verb of a change in amount (:data:`_AMOUNT_VERBS`: "fell", "rose",
    "increase", "raise") that acted on a valenced word put in the list of
    what it came to (``readings`` of :func:`_composition`), not of its own:
    "unemployment fell" is a good effect, "fell" alone a bad one. Verbs
    that act on a patient keep their list: "hurt the poor" is bad, though
    "poor" is a bad word. An effect word a reverser turned round
    (``turned``) goes to the other list: "unlikely to hurt trade" is a
    good effect. Also the positions read by what they acted on."""
    listed = set(matches["good"]) | set(matches["bad"])
    read = {
        i: "good" if value > 0 else "bad"
        for i, value in readings.items()
        if value and i in listed and tokens[i] in _AMOUNT_VERBS
    }
    if not read and turned.isdisjoint(listed):
        return matches, set()
    moved = dict(read)
    for name, other in (("good", "bad"), ("bad", "good")):
        moved.update({i: other for i in matches[name] if i in turned and i not in read})
    out = dict(matches)
    for name in ("good", "bad"):
        kept = [i for i in matches[name] if i not in moved]
        out[name] = sorted(kept + [i for i, side in moved.items() if side == name])
    return out, set(read)


def _compose_clause(
    tokens: list[str],
    signs: list[float],
    framed: list[float],
    raw: list[float],
    values: list[float],
    start: int,
    end: int,
    readings: dict[int, float],
) -> set[int]:
    """Compose the effects of ``tokens[start:end]``, one clause, in
    ``values``; what each effect verb came to in ``readings``; return the
    positions of the effect words a reverser turned round. ``signs``
    are the negation signs with any answered view reversed, ``framed``
    without (:func:`_answered_signs`, :func:`_framed`): a frame's sign
    counts once ("Nobody denies that cutting poverty ...")."""
    if _COMPOSING.isdisjoint(tokens[start:end]):
        return set()  # most clauses: nothing to compose
    acted = [False] * (end - start)  # already composed with an effect
    # "the spread of disease", "the loss of jobs": a noun, no verb to act
    effects = [
        tok in _COMPOSING and not _amount_of(tokens, k)
        for k, tok in enumerate(tokens[start:end], start)
    ]
    reversers = _reversed(tokens, framed, effects, start, end)
    for i in reversers.values():  # the reverser counts no more
        values[i], effects[i - start] = 0.0, False
    for i in range(start, end):
        tok = tokens[i]
        if not effects[i - start]:
            continue
        effect = -1.0 if tok in _REVERSING else 1.0
        if i in reversers:
            effect = -effect
        found = False
        came_to = 0.0  # what the verb did to what it acted on, negated once
        if tok in _ACTING:
            steps, kept_away = 0, False
            for j in range(i + 1, min(i + 1 + _REACH_SCAN, end)):
                if _next_change(tokens, j, end):
                    break
                if _keeps_away(tokens, i, j) and not kept_away:
                    effect, kept_away = -effect, True
                    continue
                if kept_away and tokens[j] in _COPULA:
                    break  # "Tenants protected from eviction are happier"
                # an effect word kept away is a thing: "protects jobs from
                # cuts"; "low" or "high" is the object's own ("reduces high
                # unemployment")
                if tokens[j] in _ACTING_VERBS and effects[j - start] and not kept_away:
                    break
                if tok in _DEGREE_WORDS and tokens[j] in _DEGREE_COMPOUNDS:
                    break  # "low-lying", "high-ranking": no amount of it
                if not _passed_over(tokens, j):
                    steps += 1
                    if steps > (1 if tok in _DEGREE_WORDS else _EFFECT_REACH):
                        break
                if values[j] and not (tok in _DEGREE_WORDS and acted[j - start]):
                    # "will not increase the town's serious crime": the
                    # verb's negation reaches its object beyond the
                    # negator's scope, and counts once; an answered view's
                    # reversal is the object's own (``signs`` / ``framed``)
                    negated = framed[i] if framed[i] < 0 else framed[j]
                    sign = negated * signs[j] * framed[j]
                    values[j] = raw[j] * effect * sign
                    came_to += values[j]
                    acted[j - start] = found = True
        change = tok in _CHANGE_VERBS
        predicate = i > start and tokens[i - 1] in _COPULA
        likely = tok in _COMPARATIVE and i + 1 < end and tokens[i + 1] in _LIKELY
        if not found and (change or predicate or likely):
            # the subject's own valence, negated by the verb's negation: "never
            # did unemployment fall" is one negation, not two
            subject = _subject(tokens, raw, acted, start, i)
            for j in subject:
                values[j] = raw[j] * effect * signs[i]
                came_to += values[j]
                acted[j - start] = found = True
        if found:
            values[i] = 0.0
            readings[i] = came_to
        elif i in reversers:
            values[i] = -values[i]  # "unlikely to hurt", with nothing to act on
    return set(reversers)


def _reversed(
    tokens: list[str],
    signs: list[float],
    effects: list[bool],
    start: int,
    end: int,
) -> dict[int, int]:
    """The effect words of ``tokens[start:end]`` reversed by the word before
    them (:data:`_REVERSERS`, only articles and words the reach passes over
    between), each with its reverser: "unlikely to hurt trade", "rarely
    harms the poor", "prevents the loss of jobs". Reversals chain ("rarely
    prevents the loss of jobs" is the loss, twice reversed), and a negation
    that reaches the reverser but not its word counts too ("does not always
    prevent the loss of jobs"): ``signs`` are the negation signs with the
    frames read, not an answered view's reversal. Not
    a reverser: a noun ("the stop", "a bus stop improves ..."); nor is a
    change noun after an article reversed ("prevents a surge in crime")."""
    flips: dict[int, int] = {}
    out: dict[int, int] = {}
    if _REVERSERS.isdisjoint(tokens[start:end]):
        return out
    for i in range(start, end):
        if tokens[i] not in _REVERSERS or (i and tokens[i - 1] in _ARTICLES):
            continue
        j = i + 1
        while j < end and (tokens[j] in _ARTICLES or _passed_over(tokens, j)):
            j += 1
        if j < end and _reverses(tokens, effects[j - start], i, j):
            flips[j] = 1 + flips.get(i, 0) + (signs[i] < 0 <= signs[j])
            out[j] = i
    return {j: i for j, i in out.items() if flips[j] % 2}


def _reverses(tokens: list[str], effect: bool, i: int, j: int) -> bool:
    """Whether the reverser at ``i`` reverses the word at ``j``: an effect
    word (``effect``), not a change named by a noun after an article ("a
    surge in crime"), nor a finite verb after a reverser that is a noun
    too ("a bus stop improves ...", "the loss" is no verb)."""
    word = tokens[j]
    if not effect or word not in _ANY_EFFECT:
        return False
    if word not in _EFFECT_VERBS and _ARTICLES.intersection(tokens[i + 1 : j]):
        return False
    finite = word.endswith(("s", "ed")) and not word.endswith("ss")
    verb = i > 0 and tokens[i - 1] in _STOPPING_VERB_AFTER  # "to stop cuts"
    return not (tokens[i] in _NOUN_REVERSERS and finite and not verb)


def _passed_over(tokens: list[str], j: int) -> bool:
    """Whether an effect's reach passes over ``tokens[j]`` without counting
    it: a noun of amount or likelihood before "of" and the "of" after it
    ("the chances of a recession"), an article before such a noun or after
    its "of", and "likely to" ("less likely to go to war")."""
    tok = tokens[j]
    before = tokens[j - 1] if j else ""
    if tok in _ARTICLES:
        return _amount_of(tokens, j + 1) or (
            before == "of" and j > 1 and _amount_of(tokens, j - 2)
        )
    if tok == "of":
        return j > 0 and _amount_of(tokens, j - 1)
    if tok == "likely":
        return before in _COMPARATIVE
    if tok == "to":
        return before in _LIKELY_TO
    return _amount_of(tokens, j)


def _keeps_away(tokens: list[str], i: int, j: int) -> bool:
    """Whether ``tokens[j]`` is the "against" or "from" of a verb of
    protection at ``i``: "guards against fraud", "protects children from
    abuse" (at most :data:`_KEEPS_AWAY_NEAR` words on; a noun such as
    "guards" only right before "against")."""
    if tokens[i] not in PROTECT or tokens[j] not in _KEPT_AWAY:
        return False
    if tokens[i].endswith("ed") and (i == 0 or tokens[i - 1] in _BEFORE_NOUN):
        return False  # an adjective: "Many insured patients die from ..."
    if tokens[i] in _PROTECT_NOUNS:
        return j == i + 1 and tokens[j] == "against"
    return j - i <= _KEEPS_AWAY_NEAR


def _amount_of(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` is a noun of amount or likelihood before "of"
    ("the spread of disease", "the number of jobs"), not an effect verb."""
    return 0 <= i < len(tokens) and (
        tokens[i] in TRANSPARENT and tokens[i + 1 : i + 2] == ["of"]
    )


def _next_change(tokens: list[str], j: int, end: int) -> bool:
    """Whether ``tokens[j]`` joins a new clause with its own change ("wages
    grew and poverty fell", "unemployment rose as wages fell"), which an
    effect verb before it does not reach; "increase jobs and growth" goes on."""
    if tokens[j] not in _NEXT_CLAUSE:
        return False
    # the words the reach passes over do not count: "and the number of jobs
    # grew", "and the quality of care improved"
    after: list[str] = []
    for k in range(j + 1, end):
        if tokens[k] in _NEXT_CLAUSE:
            break  # "reduces delays and killings and improves ...": the next one's
        if not _passed_over(tokens, k):
            after.append(tokens[k])
    return any(t in _CHANGE_VERBS or t in _INTRANSITIVE for t in after[:3])


def _subject_start(tokens: list[str], i: int, start: int = 0) -> int:
    """Where the subject of a verb at ``i`` can begin: at most
    :data:`_SUBJECT_REACH` words back, not before ``start`` and not past
    "when", "that", ... or the end of a clause."""
    first = i
    while (
        first > start
        and i - first < _SUBJECT_REACH
        and tokens[first - 1] not in _SUBJECT_START
        and tokens[first - 1] not in _CLAUSE_END
    ):
        first -= 1
    return first


def _subject(
    tokens: list[str], raw: list[float], acted: list[bool], start: int, i: int
) -> list[int]:
    """The valenced words of the subject of a change at ``i``: the nearest
    one before it, and those right before that one or joined to it by
    "and"/"or"."""
    found: list[int] = []
    for j in range(i - 1, _subject_start(tokens, i, start) - 1, -1):
        tok = tokens[j]
        if raw[j] and not acted[j - start] and tok not in _ANY_EFFECT:
            if found and j < found[-1] - 1 and tokens[j + 1] not in _NOUN_LINK:
                break
            found.append(j)
        elif found and tok not in _NOUN_LINK:
            break
    return found


def claim_sentiment(text: str) -> float:
    """How good the news a claim tells is, in (-1, 1), effects composed.

    VADER's lexicon with general lists of good and bad things, negation
    scope, and effect verbs applied to what they act on (see
    :mod:`stancekit.lexicon.effects`). Bar-Haim et al. (2017) take a claim's
    stance toward a motion as this sentiment times the motion's polarity.

    Examples
    --------
    >>> claim_sentiment("The scheme reduces crime.") > 0
    True
    >>> claim_sentiment("The scheme increases unemployment.") < 0
    True
    >>> claim_sentiment("The scheme does not reduce crime.") < 0
    True
    """
    tokens = tokenize(text)
    negations = _negation_signs(tokens)
    framed = _framed(tokens, negations)
    signs = _answered_signs(tokens, negations, framed)
    return _squash(_composed(tokens, signs, framed))


def _negators(tokens: list[str]) -> int:
    """How many negators ``tokens`` hold, "not only" not counted."""
    return sum(_negates(tokens, i) for i in range(len(tokens)))


def _named_objects(tokens: list[str]) -> set[int]:
    """Positions of a target's action words that name what another of its
    actions acts on: the last word of the noun phrase after an action verb
    ("tax" in "abolish the fuel tax", "cuts" in "end the spending cuts"),
    or of the subject of a modal whose verb is an action ("The fuel tax
    should be abolished"). Not an action named as a noun that acts on what
    follows ("end the ban on smoking", "a tax on sugar"), nor a word after
    "with", "by", "and" ("cut obesity with a sugar tax").

    Examples
    --------
    >>> sorted(_named_objects(tokenize("We should abolish the fuel tax.")))
    [5]
    >>> sorted(_named_objects(tokenize("We should end the ban on smoking.")))
    []
    """
    acts = {i for i, t in enumerate(tokens) if t in _ACTION_WORDS}
    # a verb: after a modal, "to", "be", ... or opening an imperative
    verbs = {i for i in acts if i == 0 or tokens[i - 1] in _VERB_BEFORE}
    named = set()
    for v in verbs:
        j = v + 1
        while j < len(tokens) and tokens[j] not in _PHRASE_END:
            j += 1
        # "a tax on sugar", "the abolition of": a noun that acts on what follows
        acts_on = j < len(tokens) and tokens[j] in _OBJECT_OF
        if j - 1 > v and j - 1 in acts - verbs and not acts_on:
            named.add(j - 1)
    modal = next((i for i, t in enumerate(tokens) if t in _MODALS), None)
    if modal and modal - 1 in acts and any(v > modal for v in verbs):
        named.add(modal - 1)
    return named


_DOING_AWAY_STEMS = frozenset(_stem(t) for t in _DOING_AWAY)


def _motion(
    tokens: list[str], named: set[int] | None = None
) -> tuple[float, float, frozenset[str]]:
    """(sign of a motion's negators, its polarity, stems of its actions
    against its object; an action word naming the object is none,
    ``named``, by default :func:`_named_objects`)."""
    sign = -1.0 if _negators(tokens) % 2 else 1.0
    named = _named_objects(tokens) if named is None else named
    actions = frozenset(
        _stem(t) for i, t in enumerate(tokens) if t in MOTION_AGAINST and i not in named
    )
    if actions & _DOING_AWAY_STEMS:  # "removing", "scrapping" do what "abolish" does
        actions |= _DOING_AWAY_STEMS
    weighed = _weighed(" ".join(tokens))
    if weighed:  # "more good than bad": the comparison decides, not "bad"
        actions -= _WEIGHED_STEMS
        return sign, -sign if weighed < 0 else sign, actions
    return sign, -sign if actions else sign, actions


def motion_polarity(target: str) -> float:
    """+1 when a motion argues for its object, -1 when against it.

    Against: an action against the object ("ban X", "abolish X", "X should
    be a criminal offence", "X is harmful"), or an odd number of negators
    ("should not subsidize X"). Stance is then this times what a claim
    says about the object (:func:`claim_sentiment`), unless the claim
    speaks of the action itself ("the ban ...").

    Examples
    --------
    >>> motion_polarity("This house would build more dams.")
    1.0
    >>> motion_polarity("We should ban smoking in parks.")
    -1.0
    >>> motion_polarity("States should not subsidize coal mining.")
    -1.0
    >>> motion_polarity("Reality television does more harm than good.")
    -1.0
    """
    return _motion(tokenize(target))[1]


@lru_cache(maxsize=4096)
def target_direction(target: str) -> float:
    """-1 when agreeing with a sentence's words argues against ``target``.

    A target phrased against something (an odd number of negators, "should
    not") or whose own words are negative ("X is harmful") is argued for by
    sentences that speak ill of its subject; +1 otherwise. The sign the
    ``tp_signed_*`` features carry, and by which
    :class:`~stancekit.models.stance.StanceClassifier` signs its text
    n-grams (``signed_ngrams=True``).

    Examples
    --------
    >>> target_direction("The city should build more cycle lanes.")
    1.0
    >>> target_direction("The city should not build more cycle lanes.")
    -1.0
    >>> target_direction("Advertising to children is harmful and wrong.")
    -1.0
    """
    return _Target(target).direction


def _changes(tokens: list[str], signs: list[float]) -> list[tuple[int, int, float]]:
    """The changes a sentence reports of their subjects: ``(start, i,
    direction)`` for a change verb at ``i`` whose subject lies in
    ``tokens[start:i]``, +1 "prices rose", -1 "prices fell" or "did not
    rise". A verb with an object ("cameras increase road safety") reports
    no change of its subject."""
    found = []
    for i, tok in enumerate(tokens):
        direction = 1.0 if tok in RISE else -1.0 if tok in FALL else 0.0
        if not direction or _takes_object(tokens, i):
            continue
        found.append((_subject_start(tokens, i), i, direction * signs[i]))
    return found


def _change(
    changes: list[tuple[int, int, float]], about: Sequence[int] | None = None
) -> float:
    """The direction of the sentence's ``changes`` (:func:`_changes`), 0 for
    none or both; with ``about`` (token positions), only those whose
    subject holds one of them ("burglaries fell, as thefts soared" reports
    a fall of burglaries)."""
    total = sum(
        direction
        for start, i, direction in changes
        if about is None or any(start <= j < i for j in about)
    )
    return float(np.sign(total))


def _proposals(
    tokens: list[str], signs: list[float], starts: list[int]
) -> tuple[float, list[int]]:
    """What a sentence's modals propose: the sum of +1 for each that argues
    for what follows it ("should build", "must be allowed") and -1 for each
    that argues against it: negated after the modal as well as before it
    ("should not build", "shouldn't", "nobody should"), or with an action
    against its object ("should ban", "must be scrapped", "should be a
    crime", "must go"); "should not be banned" argues for. A modal inside
    another's phrase or reach ("it is time to", "shouldn't have to") is
    part of that one proposal. With the modals' starts.

    Examples
    --------
    >>> [_proposals(t, _negation_signs(t), [1])[0] for t in (
    ...     ["we", "should", "ban", "it"], ["we", "should", "not", "ban", "it"])]
    [-1.0, 1.0]
    """
    starts = sorted(
        set(starts) | {i for i, t in enumerate(tokens) if t in _NEGATED_MODALS}
    )
    total, kept, covered = 0.0, [], -1
    for i in starts:
        if i <= covered:
            continue
        sign = -signs[i] if tokens[i] in _NEGATED_MODALS else signs[i]
        first = i + _modal_length(tokens, i)
        covered = first + _PROPOSAL_REACH - 1
        reach = tokens[first : first + _PROPOSAL_REACH]
        for k, tok in enumerate(reach):
            at = first + k
            nxt = tokens[at + 1] if at + 1 < len(tokens) else "."
            if tok in _CLAUSE_END:
                covered = at
                break
            if k < 2 and _negates(tokens, at):
                sign = -sign  # "should not", "must never", not "not only"
            elif (
                tok in MOTION_AGAINST
                and (tok not in _JUDGEMENTS or _predicate(reach, k))
            ) or (tok == "go" and k == 0 and nxt in _CLAUSE_END):  # "X must go."
                sign = -sign
                covered = at
                break
        kept.append(i)
        total += sign
    return total, kept


def _modal_length(tokens: list[str], i: int) -> int:
    """How many words the modal phrase at ``i`` takes ("it is time": 3)."""
    for phrase in _phrases()["modal"].get(tokens[i], ()):
        if tuple(tokens[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 1


def _predicate(reach: list[str], k: int) -> bool:
    """A judgement at ``reach[k]`` as the modal's predicate: after a copula
    with no verb between ("should be a crime", "should have been made
    illegal", not "should be tackling crime")."""
    copulas = [j for j in range(k) if reach[j] in _COPULA]
    return bool(copulas) and not any(
        reach[j].endswith("ing") for j in range(copulas[-1] + 1, k)
    )


def _judgements(
    tokens: list[str], signs: list[float]
) -> list[tuple[int, int, str | None]]:
    """Where a sentence condemns its subject: ``(start, i, action)`` for a
    verb of harm at ``i`` ("would ruin small firms") or a copula at ``i``
    followed by a condemning word ("would be a disaster", "is a fantasy"),
    neither negated, the subject in ``tokens[start:i]``; ``action`` is the
    stem of an action the subject performs on what it names ("a *ban* on X
    would ruin ...", "*ending* X would hurt ...": "" for one not in the
    action lists), None when the subject is the thing itself.

    Examples
    --------
    >>> t = "a four day week would be a disaster".split()
    >>> _judgements(t, _negation_signs(t))
    [(0, 5, None)]
    >>> t = "a four day week would give tired parents more time".split()
    >>> _judgements(t, _negation_signs(t))
    []
    """
    valences = _valences()
    found = []
    for i, tok in enumerate(tokens):
        if signs[i] < 0 or (tok not in _HARMS and tok not in _COPULA):
            continue
        after = tokens[i + 1 : i + 1 + _PREDICATE_REACH]
        # "would ruin small firms", "is hurting them", not "was threatened
        # by" (the subject is the victim) nor "would hurt no one"
        passive = i > 0 and tokens[i - 1] in _COPULA and tok.endswith("ed")
        condemns = (
            tok in _HARMS and not passive and not any(t in NEGATORS for t in after)
        )
        if tok in _COPULA:
            for t, sign in zip(after, signs[i + 1 :], strict=False):
                if t in _CLAUSE_END or t in _ACTIONS or t in _HARMS:
                    break  # "is banned", "was threatened by": no verdict
                if valences.get(t, 0.0) * sign <= -_CONDEMNING:
                    condemns = True  # "is a disaster", "is appalling"
                    break
                if t in _DEGREE:
                    continue  # "would be more harmful"
                if t in _ANY_EFFECT or t.endswith("ing") or t.endswith("ed"):
                    break  # a verb and its object: "is tackling stress"
        if condemns:
            start, action = _judged_subject(tokens, i)
            found.append((start, i, action))
    return found


def _judged_subject(tokens: list[str], i: int) -> tuple[int, str | None]:
    """Where the subject of a condemnation at ``i`` begins, as
    :func:`_subject_start` but after a saying verb ("staff say overtime was
    a disaster"), and the stem of its first action word or of an -ing word
    it opens with ("a *ban* on X", "*ending* X", "*gambling*"; "" for
    "resistance to X"), None without one (:func:`_judgements`)."""
    start = _subject_start(tokens, i)
    for j in range(i - 1, start - 1, -1):
        if tokens[j] in _SAYING:
            start = j + 1
            break
    action = None
    for j in range(start, i):
        tok = tokens[j]
        if tok in _ACTIONS or (j == start and tok.endswith("ing")):
            action = _stem(tok)  # "a ban on X", "ending X", "gambling"
            break
        if tok in _OPPOSING:
            action = ""
            break
    return start, action


def _rebuttal(tokens: list[str]) -> tuple[int, int]:
    """A view reported and rebutted in one sentence: ``(side, at)``, -1 for
    "supporters say X, but Y" (the rebuttal is against what they support),
    +1 for "critics claim X, but Y", with the position of "but"; (0, -1)
    otherwise.

    Examples
    --------
    >>> _rebuttal(tokenize("Supporters say it will work, but it will not."))
    (-1, 6)
    >>> _rebuttal(tokenize("Critics of the plan say it will fail."))
    (0, -1)
    """
    for i, tok in enumerate(tokens):
        side = -1 if tok in _SUPPORTERS else 1 if tok in _CRITICS else 0
        if not side:
            continue
        for j in range(i + 1, min(i + 1 + _HOLDER_REACH, len(tokens))):
            if tokens[j] in _REPORTED:
                for k in range(j + 2, len(tokens)):
                    if tokens[k] in _BUT:
                        return side, k
                break
    return 0, -1


def _takes_object(tokens: list[str], i: int) -> bool:
    """An effect verb with a content word right after it: "increase road
    safety", not "increased sharply", "rose by 5%"."""
    if tokens[i] not in _EFFECT_VERBS or i + 1 >= len(tokens):
        return False
    after = tokens[i + 1]
    return after.isalpha() and after not in _STOP and not after.endswith("ly")


def _squash(x: float) -> float:
    # VADER's normalisation of a valence sum into (-1, 1)
    return x / (x * x + 15.0) ** 0.5


class _Text:
    """What a text says, independent of any target."""

    __slots__ = (
        "tokens",
        "stems",
        "content",
        "negations",
        "framed",
        "signs",
        "valence",
        "counts",
        "norm",
        "question",
        "quoted",
        "ironic",
        "claim",
        "subject",
        "predicate",
        "changes",
        "judgements",
        "effects",
        "double_negations",
    )

    def __init__(self, text: str) -> None:
        tokens = tokenize(text)
        self.tokens = tokens
        self.stems = [_stem(t) for t in tokens]
        # the stems of the words that can name a target (:func:`_pair`)
        self.content = {
            s for t, s in zip(tokens, self.stems, strict=True) if _is_content(t)
        }
        # what the text says reads the signs with an answered view reversed;
        # whether it negates the target's words, or a change, the plain ones
        # read through any frame ("nobody denies that X" does not negate X)
        self.negations = _negation_signs(tokens)
        self.framed = _framed(tokens, self.negations)
        self.signs = _answered_signs(tokens, self.negations, self.framed)
        self.changes = _changes(tokens, self.framed)
        self.judgements = _judgements(tokens, self.signs)
        lexicon = vader_lexicon()
        self.valence = [
            lexicon.get(t, 0.0) * 0.25 * s
            for t, s in zip(tokens, self.signs, strict=True)
        ]
        values, readings, turned = _composition(tokens, self.signs, self.framed)
        matches, read = _effects_read(tokens, _all_matches(tokens), readings, turned)
        self.counts = {
            name: (float(sum(self.signs[i] for i in starts)), starts)
            for name, starts in matches.items()
        }
        # each effect word: (its stem without a final "e", +1 good or -1 bad,
        # negation included: a word read by what it acted on carries its
        # negation in the reading)
        self.effects = [
            (self.stems[i].rstrip("e"), side * (1.0 if i in read else self.signs[i]))
            for name, side in (("good", 1.0), ("bad", -1.0))
            for i in matches[name]
        ]
        self.counts["modal"] = _proposals(tokens, self.signs, self.counts["modal"][1])
        # "supporters say X, but Y" refutes what they support, "critics
        # claim X, but Y" backs it: the rebuttal counts as a refuting or an
        # endorsing word at its "but"
        side, at = _rebuttal(tokens)
        if side:
            name = "endorsing" if side > 0 else "refuting"
            value, starts = self.counts[name]
            self.counts[name] = (value + 1.0, [*starts, at])
        self.norm = " ".join(t for t in tokens if t not in '.,;:!?"')
        self.question = float("?" in tokens)
        self.double_negations = float(_double_negations(tokens))
        self.quoted = float('"' in tokens)
        self.ironic = bool(self.counts["sarcasm"][1]) or ironic(text)
        self.claim = _squash(sum(values))
        start, end = self.subject = claim_subject(tokens)
        # what the claim says of its subject: the words after it
        self.predicate = _squash(
            _composed(tokens[end:], self.signs[end:], self.framed[end:])
        )


class _Target:
    __slots__ = (
        "tokens",
        "stems",
        "negative",
        "removal",
        "removal_stems",
        "own_stems",
        "named_stems",
        "norm",
        "tone",
        "motion_sign",
        "motion",
        "actions",
        "direction",
        "kind",
        "verb",
        "change",
        "names_only",
    )

    def __init__(self, target: str) -> None:
        tokens = tokenize(target)
        self.tokens = tokens
        self.kind = target_kind(tokens)
        self.names_only = self.kind == "topic" and not _headline_verb(target)
        self.stems = {_stem(t) for t in tokens if _is_content(t)}
        self.negative = _negators(tokens) > 0
        named = _named_objects(tokens)
        self.named_stems = {_stem(tokens[i]) for i in named}
        removal = [i for i in _matches(tokens, _phrases()["removal"]) if i not in named]
        removal += _other_actions(tokens, named, removal)
        self.removal = bool(removal)
        self.removal_stems = {_stem(tokens[i]) for i in removal}
        self.stems -= self.removal_stems
        # the target's words as effect words see them ("close", "closed")
        self.own_stems = frozenset(
            s.rstrip("e") for s in self.stems | self.removal_stems
        )
        # "Advertising is harmful": a target that itself says something is
        # bad is argued for by sentences that say bad things about it.
        skip = set(removal) | named  # "the smoking ban" is the topic, not its tone
        lexicon = vader_lexicon()
        valence = sum(
            lexicon.get(t, 0.0)
            for i, t in enumerate(tokens)
            if i not in skip and t not in NEGATORS
        )
        self.norm = " ".join(t for t in tokens if t not in '.,;:!?"')
        self.tone = _weighed(self.norm) or (-1.0 if valence <= -_TONE else 1.0)
        self.motion_sign, self.motion, self.actions = _motion(tokens, named)
        # the motion's own verb: "introduce" in "We should introduce X";
        # none in "X is a cause of Y" or "the age should be 16"
        self.verb = next(
            (
                _stem(t)
                for i, t in enumerate(tokens)
                if i > 0
                and tokens[i - 1] in _BEFORE_VERB
                and t not in _NOT_A_VERB | _NOT_THE_VERB
                and t.isalpha()
            ),
            None,
        )
        self.direction = (-1.0 if self.negative else 1.0) * self.tone
        self.change = _change(_changes(tokens, _negation_signs(tokens)))


# a word as written, its case kept (``_headline_verb``)
_RAW_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def _headline_verb(target: str) -> bool:
    """Whether a short target the kind's word list takes for a topic has a
    verb after its first word, as a headline does: a lower-case word in
    the past ("Minister lied", "Ebola reached Texas", "Turnout hit record
    high") or in -s after a capitalised word ("Mayor resigns", "Apple buys
    Beats"); capitalised words are names ("the United Nations", "Harwick
    Rovers").

    Examples
    --------
    >>> _headline_verb("Mayor resigns"), _headline_verb("Minister lied")
    (True, True)
    >>> _headline_verb("the United Nations"), _headline_verb("tourist taxes")
    (False, False)
    """
    raw = _RAW_WORD.findall(target)
    for before, word in zip(raw, raw[1:], strict=False):
        if not word.islower():
            continue
        lower = word.replace("\u2019", "'")
        if (len(lower) > 3 and lower.endswith("ed")) or lower in _IRREGULAR_PAST:
            return True
        if lower.endswith("s") and not lower.endswith("ss") and before[:1].isupper():
            return True
    return False


def _weighed(norm: str) -> float:
    """The tone of a target that weighs harm against good: -1 for "X does
    more harm than good", +1 for "more good than harm", else 0 (the
    words' valences nearly cancel, so their sum cannot tell).

    Examples
    --------
    >>> _weighed("tabloids do more harm than good"), _weighed("zoos do more good than harm")
    (-1.0, 1.0)
    """
    for phrase, tone in _WEIGHED:
        if phrase in norm:
            return tone
    return 0.0


def _other_actions(tokens: list[str], named: set[int], found: list[int]) -> list[int]:
    """Positions of a target's actions against its object that REMOVAL
    does not list, as :func:`_motion` reads them, where they stand as
    verbs: a bare form first or after a modal, "to", "and" or "or" ("Disband
    ASEAN", "We should disband ASEAN"), a participle after "be" or "been"
    ("should be disbanded"), either also with "not" or "never" between.
    Not as an adjective or a noun ("adopt closed primaries", "end the
    boycott of X", "face no sanction", "schools that were closed"). Not
    read either: any -ing form, since it may serve another verb ("fund the
    NHS by cutting defence spending"; so not "justified in forbidding X"
    either), an adverb between ("should be permanently disbanded"), a
    passive after "is" or "was" ("is forbidden"), "being" ("free from
    being censored"), "let's"; and "subject to sanction" is misread as an
    action. In a text these words name no removal (the target's own action
    words do, as before).

    Examples
    --------
    >>> _other_actions(tokenize("We should disband the patrol."), set(), [])
    [2]
    >>> _other_actions(tokenize("We should help abandoned pets."), set(), [])
    []
    """
    out = []
    for i, tok in enumerate(tokens):
        if tok not in _OTHER_ACTIONS or i in named or i in found:
            continue
        before = tokens[i - 1] if i else ""
        if before in NEGATORS and i > 1:  # "should not disband"
            before = tokens[i - 2]
        if tok.endswith(_PARTICIPLE):
            verb = before in _PASSIVE_BEFORE
        elif tok.endswith("ing"):
            verb = False  # a gerund may serve another verb ("by cutting")
        else:
            verb = not i or before in _BARE_BEFORE
        if verb:
            out.append(i)
    return out


def _is_content(token: str) -> bool:
    """Whether ``token`` is a content word that can name a target, a
    possessive by its noun ("Israel's")."""
    word = _possessor(token)
    return word not in _STOP and len(word) > 2 and word.isalpha()


def _pair(target: _Target, text: _Text) -> list[float]:
    n = max(len(text.tokens), 1)
    mention_at = [i for i, s in enumerate(text.stems) if s in target.stems]
    content = text.content
    mention = len(target.stems & content) / len(target.stems) if target.stems else 0.0
    topic = target.stems | target.removal_stems
    in_target = len(content & topic) / len(content) if content else 0.0
    same = float(bool(text.norm) and text.norm == target.norm)
    subject = float(any(i < max(2, _SUBJECT_SHARE * n) for i in mention_at))
    # A target word's own valence ("ban", "crime") is the topic, not a stance.
    valence = [
        0.0 if s in topic else v for s, v in zip(text.stems, text.valence, strict=True)
    ]
    sentiment = _squash(sum(valence))
    near: set[int] = set()
    for i in mention_at:
        near.update(range(max(0, i - _NEAR), min(len(valence), i + _NEAR + 1)))
    near_sentiment = _squash(sum(valence[i] for i in near)) if near else 0.0
    c = {k: v[0] for k, v in text.counts.items()}
    # a removal word of the text that is the target's object ("the fuel
    # tax" toward "abolish the fuel tax") does not name the removal
    text_removal = float(
        bool(target.removal_stems & set(text.stems))
        or any(
            text.stems[i] not in target.named_stems for i in text.counts["removal"][1]
        )
    )
    direction = target.direction
    # "ban X": praising X argues against the ban, unless the ban is named.
    object_flip = -1.0 if target.removal and not text_removal else 1.0
    verbs = c["endorsing"] - c["refuting"]
    # the target's own words ("close", "closed" toward "did not close the
    # library": stems compared without a final "e") are the topic, not an
    # effect the text argues
    effects = sum(value for stem, value in text.effects if stem not in target.own_stems)
    modal = c["modal"]
    # A proposal agrees with a motion when both argue for, or both against,
    # what they speak of ("X must be scrapped" with "ban X"). An action
    # named as the proposal's subject ("the ban must go ahead") would call
    # for the motion's own sign, but "limit", "tax" and "cut" name the
    # object as often as the action (wrong on 9 of the project's 13 such
    # pairs), so it is not read.
    proposal = target.motion if target.kind == "motion" else direction
    signed = {
        "sentiment": direction * sentiment,
        "object": direction * object_flip * sentiment,
        "near": direction * object_flip * near_sentiment,
        "verbs": direction * math.tanh(verbs),
        "effects": direction * math.tanh(effects),
        "modal": proposal * math.tanh(modal),
    }
    total = (
        signed["object"]
        + signed["near"]
        + signed["verbs"]
        + signed["effects"]
        + signed["modal"]
    )
    # Bar-Haim et al.'s third factor, for motions ("should ...", "this
    # house ..."): is the claim's subject the motion's object or action
    # (+1), their rival (-1), or neither (0)?
    sign, about_action = 0.0, False
    if target.kind == "motion":
        start, end = text.subject
        sign, about_action = relation(
            target.tokens,
            target.stems,
            target.actions,
            text.tokens[start:end],
            text.stems[start:end],
        )
    if sign:
        # Stance = the motion's polarity toward what the subject is (its
        # object, or its action) x the relation x what the claim says of it.
        motion = target.motion_sign if about_action else target.motion
        signed_claim = motion * sign * text.predicate
    else:
        # Subject unrelated (or not found): the claim's sentiment as a whole
        # is taken to be about the motion's object; an action against the
        # object flips it unless the claim names the action.
        acts_named = bool(target.actions & set(text.stems))
        motion = target.motion_sign if acts_named else target.motion
        signed_claim = motion * text.claim
    opponents = float(len(text.counts["opponents"][1]) > 0)
    sarcasm = float(text.ironic)
    hedges = float(len(text.counts["hedges"][1]))
    # Overlap with the target is a restatement only where nothing in the
    # text contradicts, doubts or asks; with the target's words negated or
    # a refuting word it is a denial ("X did not ...", "X denied ..."),
    # unless the target is itself negated ("X did not ..." restates "X did
    # not ..."). A linear model cannot form this product from the parts.
    negated = any(text.framed[i] < 0 for i in mention_at)
    # "Crime soared" against "Crime fell": a change of what the target
    # speaks of, the other way, denies it without a negator (and "did not
    # fall" against "fell": the change carries its own negation).
    reversed_change = bool(target.change and text.changes) and (
        target.change * _change(text.changes, mention_at) < 0
    )
    # a refuting word that frames a clause ("nobody denies that X") is read
    # through the clause's sign
    contradicts = negated or any(text.framed[i] for i in text.counts["refuting"][1])
    # "A four-day week would be a disaster" names a motion to condemn it:
    # a mention in the subject of a verb of harm or of a copula with a
    # condemning word contests the motion as a negation would, unless it is
    # a ban's object that is condemned ("lorries would ruin the old town"
    # argues for banning them). Not for claims of events: "Fire destroys
    # mill" restates "A fire destroyed the mill".
    judged = (
        target.kind == "motion"
        and direction * object_flip > 0
        and any(
            # the thing itself condemned, or the motion's own action on it
            # ("introducing X", "a ban on X" toward "ban X"), or its object
            # named by an -ing word ("gambling" toward "legalise gambling")
            (
                action is None
                or action in target.actions
                or action == target.verb
                or action in target.stems
            )
            and any(start <= j < i for j in mention_at)
            for start, i, action in text.judgements
        )
    )
    # The mirror: "The fuel tax keeps our roads in good repair" names what
    # "abolish the fuel tax" would remove, as the claim's subject, to
    # praise it: it contests the motion, it does not restate it. Not when
    # the subject acts on it ("Scrapping the fuel tax would help", an
    # action word or an -ing word that is not the target's), nor toward a
    # motion that keeps it ("should not abolish").
    praised = (
        target.kind == "motion"
        and target.removal
        and not text_removal
        and not target.negative
        and sign > 0
        and not about_action
        and text.predicate > 0
        and not any(
            t in _ACTION_WORDS or (t.endswith("ing") and _stem(t) not in target.stems)
            for t in text.tokens[slice(*text.subject)]
        )
    )
    contested = float(
        contradicts != target.negative or reversed_change or judged or praised
    )
    # a topic or a name states nothing, so naming it plainly restates
    # nothing: "The party was founded in 2019" toward "the party"
    plain = float(
        not target.names_only
        and not contested
        and not hedges
        and not text.question
        and not opponents
        and not sarcasm
    )
    return [
        mention,
        in_target,
        mention * in_target,
        same,
        subject,
        float(target.negative),
        float(target.removal),
        target.tone,
        text_removal,
        sentiment,
        near_sentiment,
        float(len(text.counts["endorsing"][1])),
        float(len(text.counts["refuting"][1])),
        float(len(text.counts["good"][1])),
        float(len(text.counts["bad"][1])),
        modal,
        signed["sentiment"],
        signed["object"],
        signed["near"],
        signed["verbs"],
        signed["effects"],
        signed["modal"],
        total,
        abs(total),
        text.question,
        math.log1p(hedges),
        opponents,
        sarcasm,
        text.quoted,
        total * opponents,
        total * sarcasm,
        total * text.question,
        text.claim,
        target.motion,
        signed_claim,
        abs(signed_claim),
        mention * in_target * plain,
        mention * contested,
        text.double_negations,
        float(target.kind == "motion"),
        float(target.kind == "claim"),
    ]


def target_polarity_features(
    targets: Sequence[str], texts: Sequence[str]
) -> np.ndarray:
    """One row of :data:`FEATURE_NAMES` per (target, text) pair.

    Each distinct text and target is analysed once.

    Examples
    --------
    >>> X = target_polarity_features(
    ...     ["The city should ban diesel cars."] * 2,
    ...     ["The mayor welcomed the ban on diesel cars.",
    ...      "The mayor rejected the ban on diesel cars."])
    >>> total = FEATURE_NAMES.index("tp_signed_total")
    >>> bool(X[0, total] > 0 > X[1, total])
    True
    """
    if len(targets) != len(texts):
        raise ValueError(
            f"targets and texts must have the same length; got {len(targets)} "
            f"and {len(texts)}."
        )
    text_cache: dict[str, _Text] = {}
    target_cache: dict[str, _Target] = {}
    pair_cache: dict[tuple[str, str], list[float]] = {}
    rows = []
    for target, text in zip(targets, texts, strict=True):
        key = (target, text)
        row = pair_cache.get(key)
        if row is None:
            t = target_cache.get(target)
            if t is None:
                t = target_cache[target] = _Target(target)
            x = text_cache.get(text)
            if x is None:
                x = text_cache[text] = _Text(text)
            row = pair_cache[key] = _pair(t, x)
        rows.append(row)
    if not rows:
        return np.zeros((0, len(FEATURE_NAMES)))
    return np.asarray(rows, dtype=np.float64)
