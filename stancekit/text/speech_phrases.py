"""Token patterns around a speech verb: who a run of tokens names.

The helpers of :class:`stancekit.text.speech.Attributor`, which finds the
verb: party tags and titles before a name, appositives, possessive
statements, signatures and noun phrases, each read from the tokens of a
sentence frame (see :mod:`stancekit.text.speech`), and the
:class:`Attribution` they return.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from stancekit.lexicon.speech import (
    FORECASTS,
    SPEECH_VERBS,
)
from stancekit.text.names import (
    CONNECTORS,
    GENERIC,
    GROUP_ENDINGS,
    INDEFINITE,
    NOT_DESCRIPTORS,
    ORG_HEADS,
    QUOTE,
    TITLES,
    Mention,
    is_name_token,
    is_possessive,
    mention_from_run,
    titles_before,
)

NO_INVERSION: Final = frozenset({"tell", "tells", "told"})
PERSON_PRONOUNS: Final = frozenset({"he", "she", "they"})
DETERMINERS: Final = frozenset(
    {"the", "a", "an", "one", "another", "its", "his", "her"}
)


@dataclass(frozen=True)
class Attribution:
    """An attribution phrase found in a sentence frame.

    ``ref`` says how to find the speaker: ``"name"`` (``mention`` holds it),
    ``"pronoun"`` (he/she/they, or "the 71-year-old"), ``"it"`` (an
    organisation pronoun), ``"title"`` ("the minister"; ``title`` holds the
    word) or ``"unnamed"`` ("officials said", "a source told").
    ``start`` is the token where the phrase starts; ``trailing`` is true when
    it follows the statement ("“...,” he said", "..., she added").
    """

    ref: str
    start: int
    trailing: bool
    mention: Mention | None = None
    title: str = ""
    pronoun: str = ""


OF_PHRASE: Final = frozenset({"of", "the", "at", "for", "on"})
_POSSESSIVE_DETERMINERS: Final = frozenset({"his", "her", "its", "their"})
DASHES: Final = frozenset({"—", "–", "-", "―"})
# Words after which a new clause, and so a new subject, begins.
CLAUSE_OPENERS: Final = frozenset(
    {",", ";", ":", "and", "but", "when", "while", "as", "after", "then", "so"}
    | {"that", "before", "because", "since", "although", "though", "if", "with"}
)
# Party and state tags after a name: "R-Ky.", "(D-Ill.)", "(R)".
_PARTY_TAG_RE: Final = re.compile(r"[RDI](?:-[A-Z][\w.]*)?\Z")
_PARTIES: Final = frozenset({"Republican", "Democrat", "Independent", "Libertarian"})
_PREPOSITIONS: Final = frozenset({"of", "in", "for", "at", "from"})
_AFFILIATIONS: Final = frozenset({"of", "at", "for", "with"})
# Between a subject and its verb besides SKIP_BEFORE_VERB: "Clinton has
# since apologized", "X has never said".
NEGATION_AND_TIME: Final = frozenset(
    {"since", "never", "not", "still", "already", "just"}
)
# Words ending like agent nouns ("-er") that are not descriptions of anyone.
_FUNCTION_WORDS: Final = frozenset(
    {"whether", "other", "either", "neither", "rather", "after", "never", "ever"}
    | {"however", "together", "under", "over", "per", "whatever", "whoever"}
)
# What comes before a name that signs a quotation: "TITLE - Carl Dale:",
# "More from Jones:".
SIGNATURE_OPENERS: Final = frozenset(
    {"-", "—", "–", "―", ",", ";", "from", "by", QUOTE}
)
_STATEMENT_NOUNS: Final = frozenset(
    {"response", "reply", "answer", "statement", "post", "tweet", "message"}
    | {"words", "remarks", "comment", "comments", "retort", "verdict", "email"}
)
# Capitalised words that open a sentence before its subject: "Just last
# week, X, ..., wrote".
NOT_NAME_OPENERS: Final = frozenset(
    {"just", "last", "earlier", "later", "then", "on", "in", "at", "this", "that"}
    | {"also", "still", "meanwhile", "yet", "but", "and", "so", "now", "today"}
)
CLAUSE_BREAKS: Final = frozenset({",", QUOTE, ";", ":", "(", ")"})
_BE_FORMS: Final = frozenset({"is", "are", "was", "were", "be", "been", "being"})
RELATIVES: Final = frozenset({"who", "whose", "which"})


def before_tag(tokens: list[str], k: int) -> int:
    """The last token before a party tag ending at ``k`` ("Ed Cole (R-Utah)",
    "John Marsh, R-Ky.,", "Paul T. Brand, Republican of Iowa,"), or ``k``."""
    if k >= 2 and tokens[k] in DASHES:
        # "Gingrich — mentioned by Newsmax as ... — told": skip the aside.
        j = k - 1
        while j > 0 and k - j < 30 and tokens[j] not in DASHES:
            j -= 1
        if j > 0 and tokens[j] in DASHES and j - 1 >= 0 and tokens[j - 1] != QUOTE:
            return j - 1
        return k
    if k < 2 or tokens[k] not in {",", ")"}:
        return k
    opener = "(" if tokens[k] == ")" else ","
    j = k - 1
    if tokens[j] == ".":
        j -= 1
    if j > 0 and _PARTY_TAG_RE.match(tokens[j]) and tokens[j - 1] == opener:
        return j - 2
    # ", Republican of Iowa," / ", Democrat from New York,"
    i = k - 1
    while i > 0 and k - i < 6 and tokens[i] != opener:
        i -= 1
    if (
        opener == ","
        and tokens[i] == ","
        and i + 2 < k
        and tokens[i + 1] in _PARTIES
        and tokens[i + 2] in {"of", "from"}
    ):
        return i - 1
    return k


def forecast_be(tokens: list[str], to: int) -> int:
    """The form of "be" that opens a forecast ending with the "to" at
    ``to`` ("Snow is expected to", "Police are also due to", "The vote is
    not likely to"), or -1."""
    j = to - 1
    if j < 1 or tokens[j].lower() not in FORECASTS:
        return -1
    j -= 1
    while j > 0 and (
        tokens[j] in NEGATION_AND_TIME
        or tokens[j] == "also"
        or (tokens[j].islower() and tokens[j].endswith("ly"))
    ):
        j -= 1  # "is also expected", "are widely expected"
    return j if tokens[j].lower() in _BE_FORMS else -1


def after_appositive(tokens: list[str], k: int, limit: int) -> int:
    """The first token after a name's appositive, party tag or bracket:
    "Clinton, 35, the daughter of ..., said" -> the index of "said"."""
    while k < limit and tokens[k] in {",", "("}:
        close = ")" if tokens[k] == "(" else ","
        j = k + 1
        while j < limit and tokens[j] != close:
            j += 1
        if j >= limit:
            return k
        k = j + 1
    return k


def possessive_statement(tokens: list[str], colon: int) -> Attribution | None:
    """ "Clinton’s response was: “...”", "From Bush's Facebook post: “...”":
    a possessive name whose statement noun introduces the quotation."""
    for k in range(max(0, colon - 6), colon):
        if is_possessive(tokens[k]) and any(
            t in _STATEMENT_NOUNS for t in tokens[k + 1 : min(colon, k + 4)]
        ):
            name = tokens[k].rstrip("s").rstrip("’'")
            start = k
            while start > 0 and is_name_token(tokens[start - 1]):
                start -= 1
            words = [*tokens[start:k], name]
            mention = mention_from_run(words, 0, len(words) - 1)
            if mention is not None:
                return Attribution("name", start, False, mention)
    return None


def modifies_next_name(tokens: list[str], starts: dict[int, int], k: int) -> bool:
    """Whether the lower-case words from ``k`` lead to another name:
    "Republican presidential candidate Donald Trump"."""
    j = k
    while j < len(tokens) and j - k < 3 and is_descriptor(tokens[j]):
        if tokens[j].endswith(("ed", "s")):
            return False  # "Carson endorsed Hale": a verb, not a modifier
        j += 1
    return j > k and j in starts


def only_descriptors(tokens: list[str], p: int) -> bool:
    """Whether only title words come between the clause start and ``p``:
    "Former Obama speechwriter Jon Favreau published ..."."""
    if not _FUNCTION_WORDS.isdisjoint(tokens[max(0, p - 3) : p]) or not titles_before(
        tokens, p
    ):
        return False
    q = p - 1
    while q >= 0 and tokens[q].lower() not in CLAUSE_OPENERS:
        if tokens[q].lower() in DETERMINERS or not (
            is_descriptor(tokens[q]) or tokens[q][0].isupper()
        ):
            return False  # "the former Arkansas governor" describes someone
        q -= 1
    return True


def affiliation_colon(tokens: list[str], end: int) -> bool:
    """ "Tom Hale, Channel 9 News: “...”": a name, a comma, a short
    affiliation, then a colon and a quotation."""
    n = len(tokens)
    if end + 1 >= n or tokens[end + 1] != ",":
        return False
    j = end + 2
    while j < n and j - end <= 7 and tokens[j] not in {":", ",", QUOTE, "."}:
        j += 1
    return j + 1 < n and j > end + 2 and tokens[j] == ":" and tokens[j + 1] == QUOTE


def past_tense(token: str) -> bool:
    # "assured", "beamed", "posted": a lower-case past tense after a quotation.
    return (
        token.islower()
        and (
            token in SPEECH_VERBS
            or (token.endswith("ed") and len(token) > 4)
            # "notes", "agrees": the present of a verb whose past is listed
            or (token.endswith("s") and token[:-1] + "d" in SPEECH_VERBS)
        )
    )


def subject_run(
    tokens: list[str], runs: dict[int, int], end: int
) -> Attribution | None:
    """The subject whose last word is the name run ending at ``end``."""
    start = runs[end]
    j = start - 1
    if j > 0 and tokens[j].lower() == "the":
        j -= 1
    if j > 0 and tokens[j] in _AFFILIATIONS and j - 1 in runs:
        # "James Pethokoukis of the American Enterprise Institute wrote":
        # the person named before the employer.
        first = runs[j - 1]
        mention = mention_from_run(tokens, first, j - 1, titles_before(tokens, first))
        if mention is not None and not mention.is_org:
            return Attribution("name", first, follows_statement(tokens, first), mention)
    if start > 0 and tokens[start - 1].lower() in _PREPOSITIONS:
        # "The mission of the Organisation for ... in Europe said", "A nurse
        # at Northgate said": the subject is the noun before the prepositions.
        j = start - 1
        while (
            j > 0
            and start - j < 15
            and (
                tokens[j] in _PREPOSITIONS
                or tokens[j] in {"and", "the"}
                or is_name_token(tokens[j])
            )
        ):
            j -= 1
        return noun_phrase_before(tokens, j)
    mention = mention_from_run(tokens, start, end, titles_before(tokens, start))
    if mention is None:
        return noun_phrase_before(tokens, end)
    return Attribution("name", start, follows_statement(tokens, start), mention)


def follows_statement(tokens: list[str], start: int) -> bool:
    """Whether the attribution at ``start`` comes after the statement
    (after a comma, a quotation or a dash: "“...,” he said")."""
    return start > 0 and (
        tokens[start - 1] in {",", QUOTE} or tokens[start - 1] in DASHES
    )


def looks_plural(token: str) -> bool:
    lowered = token.lower()
    return lowered in GENERIC or lowered in ORG_HEADS or lowered.endswith(GROUP_ENDINGS)


def is_descriptor(token: str) -> bool:
    # "terrorism expert", "17-year-old", "group's": lower-case words that
    # describe the speaker between an inverted verb and the name.
    if is_possessive(token):
        return True
    return token.islower() and token[0].isalnum() and token not in NOT_DESCRIPTORS


def noun_phrase_before(tokens: list[str], k: int) -> Attribution | None:
    """ "the health ministry said", "the minister added", "officials say"."""
    words: list[str] = []
    det = ""
    j = k
    while j >= 0 and len(words) < 5:
        token = tokens[j]
        lowered = token.lower()
        if lowered in DETERMINERS:
            det = lowered
            break
        if is_descriptor(token) or lowered in TITLES or lowered in GENERIC:
            words.append(token)
            j -= 1
            continue
        break
    if not words or words[-1] in CONNECTORS:
        return None
    words.reverse()
    start = j if det else j + 1
    return classify_noun_phrase(det, words, start, follows_statement(tokens, start))


def classify_noun_phrase(
    det: str, words: list[str], start: int, trailing: bool
) -> Attribution:
    # "chamber of commerce", "spokesman on social affairs": the head comes
    # before the prepositional phrase.
    cut = next((k for k, w in enumerate(words) if k and w in OF_PHRASE), len(words))
    head = words[cut - 1].lower()
    if head.endswith("-year-old"):
        return Attribution("pronoun", start, trailing)
    if head in ORG_HEADS and det not in _POSSESSIVE_DETERMINERS:
        while words[0] in OF_PHRASE:
            words = words[1:]
        return Attribution(
            "name", start, trailing, Mention(" ".join(words), is_org=True)
        )
    if head in TITLES and det not in INDEFINITE and head not in GENERIC:
        return Attribution("title", start, trailing, title=head)
    return Attribution("unnamed", start, trailing, title=head)
