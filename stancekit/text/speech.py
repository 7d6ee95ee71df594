"""Who spoke: attribution phrases in a sentence frame.

A *frame* is a sentence's text outside its quotation marks, cut into tokens
by :func:`stancekit.text.names.tokenize` with one placeholder token per quoted
stretch. :class:`Attributor` finds the speech verb ("said", "told", "according
to") and its speaker: a name, a pronoun, an organisation, a title ("the
minister") or someone unnamed ("officials"). Names themselves are read by
:mod:`stancekit.text.names`; :mod:`stancekit.text.quotes` puts the two together.
"""

from __future__ import annotations

from dataclasses import dataclass

from stancekit.text.names import (
    APPOSITIVE_OPENERS,
    CONNECTORS,
    GENERIC,
    INDEFINITE,
    NOT_DESCRIPTORS,
    ORG_HEADS,
    PLURAL_ENDINGS,
    QUOTE,
    TITLES,
    Memory,
    Mention,
    is_name_token,
    is_person_noun,
    is_possessive,
    mention_from_run,
    titles_before,
)
from stancekit.text.page_rules import _SECTIONS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _words(
    """say says said tell tells told add adds added stated explain explains
    explained noted argue argues argued claims claimed insist insists insisted
    warn warns warned declare declares declared announce announces announced
    write writes wrote ask asks asked replies replied continue continues
    continued recall recalls recalled acknowledge acknowledges acknowledged
    admit admits admitted stressed emphasise emphasises emphasised emphasize
    emphasizes emphasized suggest suggests suggested commented remarked confirm
    confirms confirmed deny denies denied maintain maintains maintained predict
    predicts predicted urges urged conclude concludes concluded tweets tweeted
    vowed promised reiterate reiterates reiterated testify testifies testified
    allege alleges alleged respond responds responded observe observes observed
    countered cautioned concede concedes conceded quipped joked shouted complain
    complains complained boast boasts boasted accuse accuses accused criticise
    criticises criticised criticize criticizes criticized condemn condemns
    condemned fumed gushed raged blasted sobbed screamed vows slams blasts"""
)
# The object of these verbs is the listener, never the speaker, so
# "“...,” told X" is not an inverted attribution.
# Verbs that report speech only right after a quotation or comma.
_WEAK_VERBS = _words(
    """continue continues continued add adds added recall recalls recalled respond
    responds responded observe observes observed maintain maintains maintained
    predict predicts predicted ask asks asked write writes wrote suggest suggests
    suggested"""
)
_NO_INVERSION = frozenset({"tell", "tells", "told"})

_PERSON_PRONOUNS = frozenset({"he", "she", "they"})
_DETERMINERS = frozenset({"the", "a", "an", "one", "another", "its", "his", "her"})

# Words between a subject and its verb: "Putin also said", "he later told".
_SKIP_BEFORE_VERB = _words(
    """also later then has had have was is were would will had previously earlier
    again once further today yesterday tonight simply only just recently
    reportedly repeatedly publicly privately separately subsequently initially"""
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


class Attributor:
    """Finds attribution phrases in sentence frames.

    Parameters
    ----------
    memory : Memory
        Shared with the caller, which decides which sentences update it;
        read here only to know which surnames have been named already.
    """

    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def find(
        self, tokens: list[str], runs: dict[int, int], headline: bool
    ) -> Attribution | None:
        """The first attribution phrase in a frame, or None."""
        n = len(tokens)
        starts = {start: end for end, start in runs.items()}
        if 0 in starts:
            # "Putin: “We will not back down”" (headlines, Q&A copy).
            end = starts[0]
            if (
                end + 1 < n
                and tokens[end + 1] == ":"
                and (headline or (end + 2 < n and tokens[end + 2] == QUOTE))
            ):
                mention = mention_from_run(tokens, 0, end)
                if (
                    mention is not None
                    and not mention.name.isupper()
                    # "Opinion: Why ..." is a section kicker, not a speaker.
                    and mention.name.lower() not in _SECTIONS
                ):
                    return Attribution("name", 0, False, mention)
        for v, token in enumerate(tokens):
            lowered = token.lower()
            if lowered == "according" and v + 1 < n and tokens[v + 1] == "to":
                found = self._object(tokens, starts, v + 2, v)
            elif lowered in SPEECH_VERBS:
                found = self._subject(tokens, runs, starts, v)
            elif (
                token in _DASHES
                and v > 0
                and tokens[v - 1] == QUOTE
                and v + 1 in starts
            ):
                # A pull quote signed with a dash: "“...” — Dag Eriksen, ...".
                mention = mention_from_run(tokens, v + 1, starts[v + 1])
                found = (
                    None if mention is None else Attribution("name", v, True, mention)
                )
            else:
                continue
            if found is not None:
                return found
        return None

    def _subject(
        self, tokens: list[str], runs: dict[int, int], starts: dict[int, int], v: int
    ) -> Attribution | None:
        """The speaker before verb ``v``, or after it when inverted."""
        k = v - 1
        while k >= 0 and (
            tokens[k].lower() in _SKIP_BEFORE_VERB
            or (tokens[k].islower() and tokens[k].endswith("ly"))
        ):
            k -= 1
        if k >= 1 and tokens[k].lower() in _WEEKDAYS and tokens[k - 1].lower() == "on":
            k -= 2  # "Putin on Tuesday said"
        if k < 0:
            return None
        token = tokens[k]
        lowered = token.lower()
        if lowered in _PERSON_PRONOUNS:
            return Attribution("pronoun", k, _trailing(tokens, k), pronoun=lowered)
        if lowered == "it":
            return Attribution("it", k, _trailing(tokens, k))
        if token == QUOTE or token == "," or token in _DASHES:
            if token == ",":
                found = self._appositive(tokens, runs, k)
                if found is not None:
                    return found
            if tokens[v].lower() in _NO_INVERSION:
                return None
            return self._object(tokens, starts, v + 1, v)
        # Verbs as often not about speech ("Fighting continued", "Research
        # suggests") need a known speaker unless they follow a quotation.
        weak = tokens[v].lower() in _WEAK_VERBS and not _trailing(
            tokens, runs.get(k, k)
        )
        if k in runs:
            lone = runs[k] == k and token not in self.memory.by_surname
            if lone and weak:
                return None
            if lone and k == 0 and _looks_plural(token):
                # "Officials said", "Organisers said": a capital, not a name.
                return Attribution("unnamed", 0, False)
            return _subject_run(tokens, runs, k)
        found = _noun_phrase_before(tokens, k)
        if weak and (found is None or found.ref != "name"):
            return None  # "The talks continued"; but "the company predicted"
        return found

    def _appositive(
        self, tokens: list[str], runs: dict[int, int], comma: int
    ) -> Attribution | None:
        """ "Alexei Kondaurov, deputy head of X, said" (the subject before the
        previous comma) or "the association's director, Karin Brandt, said"
        (the name between the commas)."""
        k = comma - 1
        while k >= 0 and comma - k <= 20 and tokens[k] not in _CLAUSE_BREAKS:
            k -= 1
        if k < 1 or tokens[k] != "," or k == comma - 1:
            return None
        if comma - 1 in runs and runs[comma - 1] == k + 1:
            start = k + 1
            mention = mention_from_run(
                tokens, start, comma - 1, titles_before(tokens, k)
            )
            if mention is not None and not mention.is_org:
                return Attribution("name", start, _trailing(tokens, k), mention)
        opener = tokens[k + 1]
        if not (
            opener.lower() in APPOSITIVE_OPENERS
            or opener[0].isdigit()
            or opener.lower() in TITLES
            or (opener.islower() and opener not in NOT_DESCRIPTORS)
            or is_possessive(opener)
        ) or (
            # "Putin, speaking to reporters, said" and "Putin, asked about
            # it, said" are appositives; "Prices rose, he said, and" is not.
            opener.lower() not in _RELATIVES
            and any(t.lower() in SPEECH_VERBS for t in tokens[k + 2 : comma])
        ):
            return None
        if k - 1 in runs:
            return _subject_run(tokens, runs, k - 1)
        return _noun_phrase_before(tokens, k - 1)

    def _object(
        self, tokens: list[str], starts: dict[int, int], k: int, v: int
    ) -> Attribution | None:
        """The speaker after an inverted verb or "according to"."""
        n = len(tokens)
        trailing = _trailing(tokens, v)
        if k >= n:
            return None
        if tokens[k].lower() in _PERSON_PRONOUNS:
            # "said he." but not "said they were stretched thin".
            if k + 1 >= n or not tokens[k + 1].isalnum():
                return Attribution("pronoun", v, trailing, pronoun=tokens[k].lower())
            return None
        det = ""
        if tokens[k].lower() in _DETERMINERS:
            det = tokens[k].lower()
            k += 1
        words: list[str] = []
        while k < n and len(words) < 8:
            if _is_descriptor(tokens[k]) or (
                tokens[k] in _OF_PHRASE and (words or det)
            ):
                words.append(tokens[k])
                k += 1
            elif (
                k in starts
                and starts[k] + 1 < n
                and is_possessive(tokens[starts[k] + 1])
            ):
                # "said the Social Alliance's justice spokesperson, X".
                words.extend(tokens[k : starts[k] + 2])
                k = starts[k] + 2
            else:
                break
        if k < n and tokens[k] == "," and words:
            k += 1  # "said the party's spokeswoman, Ingrid Moss"
            j = k
            while j < n and j not in starts and _is_descriptor(tokens[j]):
                j += 1  # ", former central bank governor Erik Tangen"
            if j in starts and j > k:
                words.extend(tokens[k:j])
                k = j
        if k in starts:
            end = starts[k]
            # "said VoltMetrics analyst Laura Brix": employer, title, name.
            j = end + 1
            while j < n and j - end <= 3 and _is_descriptor(tokens[j]):
                j += 1
            if j in starts and any(
                t in TITLES or is_person_noun(t) for t in tokens[end + 1 : j]
            ):
                words = tokens[end + 1 : j]
                k, end = j, starts[j]
            mention = mention_from_run(tokens, k, end, [w.lower() for w in words])
            if mention is not None:
                return Attribution("name", v, trailing, mention)
            return None
        if not words:
            return None
        return _classify_noun_phrase(det, words, v, trailing)


_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_OF_PHRASE = frozenset({"of", "the", "at", "for", "on"})
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their"})
_DASHES = frozenset({"—", "–", "-"})
_PREPOSITIONS = frozenset({"of", "in", "for", "at", "from"})
_CLAUSE_BREAKS = frozenset({",", QUOTE, ";", ":", "(", ")"})
_RELATIVES = frozenset({"who", "whose", "which"})


def _subject_run(
    tokens: list[str], runs: dict[int, int], end: int
) -> Attribution | None:
    """The subject whose last word is the name run ending at ``end``."""
    start = runs[end]
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
        return _noun_phrase_before(tokens, j)
    mention = mention_from_run(tokens, start, end, titles_before(tokens, start))
    if mention is None:
        return _noun_phrase_before(tokens, end)
    return Attribution("name", start, _trailing(tokens, start), mention)


def _trailing(tokens: list[str], start: int) -> bool:
    return start > 0 and (
        tokens[start - 1] in {",", QUOTE} or tokens[start - 1] in _DASHES
    )


def _looks_plural(token: str) -> bool:
    lowered = token.lower()
    return (
        lowered in GENERIC or lowered in ORG_HEADS or lowered.endswith(PLURAL_ENDINGS)
    )


def _is_descriptor(token: str) -> bool:
    # "terrorism expert", "17-year-old", "group's": lower-case words that
    # describe the speaker between an inverted verb and the name.
    if is_possessive(token):
        return True
    return token.islower() and token[0].isalnum() and token not in NOT_DESCRIPTORS


def _noun_phrase_before(tokens: list[str], k: int) -> Attribution | None:
    """ "the health ministry said", "the minister added", "officials say"."""
    words: list[str] = []
    det = ""
    j = k
    while j >= 0 and len(words) < 5:
        token = tokens[j]
        lowered = token.lower()
        if lowered in _DETERMINERS:
            det = lowered
            break
        if _is_descriptor(token) or lowered in TITLES or lowered in GENERIC:
            words.append(token)
            j -= 1
            continue
        break
    if not words or words[-1] in CONNECTORS:
        return None
    words.reverse()
    start = j if det else j + 1
    return _classify_noun_phrase(det, words, start, _trailing(tokens, start))


def _classify_noun_phrase(
    det: str, words: list[str], start: int, trailing: bool
) -> Attribution:
    # "chamber of commerce", "spokesman on social affairs": the head comes
    # before the prepositional phrase.
    cut = next((k for k, w in enumerate(words) if k and w in _OF_PHRASE), len(words))
    head = words[cut - 1].lower()
    if head.endswith("-year-old"):
        return Attribution("pronoun", start, trailing)
    if head in ORG_HEADS and det not in _POSSESSIVE_DETERMINERS:
        while words[0] in _OF_PHRASE:
            words = words[1:]
        return Attribution(
            "name", start, trailing, Mention(" ".join(words), is_org=True)
        )
    if head in TITLES and det not in INDEFINITE and head not in GENERIC:
        return Attribution("title", start, trailing, title=head)
    return Attribution("unnamed", start, trailing, title=head)
