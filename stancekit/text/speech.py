"""Who spoke: attribution phrases in a sentence frame.

A *frame* is a sentence's text outside its quotation marks, cut into tokens
by :func:`stancekit.text.names.tokenize` with one placeholder token per quoted
stretch. :class:`Attributor` finds the speech verb ("said", "told", "according
to") and its speaker: a name, a pronoun, an organisation, a title ("the
minister") or someone unnamed ("officials"). Names themselves are read by
:mod:`stancekit.text.names`; :mod:`stancekit.text.quotes` puts the two together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stancekit.lexicon.calendar import WEEKDAYS
from stancekit.lexicon.speech import (
    PARTICIPLES,
    SKIP_BEFORE_VERB,
    SPEECH_VERBS,
    WEAK_VERBS,
)
from stancekit.text.names import (
    APPOSITIVE_OPENERS,
    CONNECTORS,
    GENERIC,
    GROUP_ENDINGS,
    INDEFINITE,
    NOT_DESCRIPTORS,
    ORG_HEADS,
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

_NO_INVERSION = frozenset({"tell", "tells", "told"})

_PERSON_PRONOUNS = frozenset({"he", "she", "they"})
_DETERMINERS = frozenset({"the", "a", "an", "one", "another", "its", "his", "her"})


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
        self,
        tokens: list[str],
        runs: dict[int, int],
        headline: bool,
        quoted: bool = False,
    ) -> Attribution | None:
        """The attribution phrase of a frame, or None: the first one next to
        a quotation, else the first one. ``quoted`` says the sentence is a
        direct quotation, which the subject of its clause may own without a
        speech verb ("Moore thanked him for “...”")."""
        n = len(tokens)
        first = None
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
            colon = _affiliation_colon(tokens, end)
            if colon:
                # "Tom Hale, Channel 9 News: “...”" (a signed statement).
                mention = mention_from_run(tokens, 0, end)
                if mention is not None and not mention.is_org:
                    return Attribution("name", 0, False, mention)
        for v, token in enumerate(tokens):
            lowered = token.lower()
            if lowered == "according" and v + 1 < n and tokens[v + 1] == "to":
                found = self._object(tokens, starts, v + 2, v)
            elif lowered in PARTICIPLES and QUOTE in tokens[v + 1 : v + 5]:
                # "Spicer said, adding, “...”": the participle goes on from
                # the verb before it, if there is one.
                found = first or self._clause_subject(tokens, runs, v)
            elif (
                lowered in SPEECH_VERBS
                or (
                    # "As The Post's Dana Milbank puts it, “...”"
                    lowered in {"put", "puts"}
                    and tokens[v + 1 : v + 2] == ["it"]
                    # "As David Byler pointed out in December, “...”"
                    or lowered in {"pointed", "points"}
                    and tokens[v + 1 : v + 2] == ["out"]
                )
            ):
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
                # "After X said that ..., Y said: “...”": the verb next to
                # the quotation is its attribution.
                if QUOTE in tokens[v + 1 : v + 6] or QUOTE in tokens[max(0, v - 5) : v]:
                    return found
                first = first or found
        found = first or self._fallback(tokens, runs, starts)
        if found is None and quoted and QUOTE in tokens:
            q = tokens.index(QUOTE)
            if q > 1:
                # Up to the last quotation: "Washington, star of “Scandal,”
                # thanked Obama for “...”".
                last = n - 1 - tokens[::-1].index(QUOTE)
                found = self._clause_subject(tokens, runs, last)
            elif q == 0 and "," in tokens[2:]:
                # "“...,” Nate Silver, the polling guru who ..., tweeted"
                found = self._opening_subject(tokens, runs, len(tokens))
        return found

    def _fallback(
        self, tokens: list[str], runs: dict[int, int], starts: dict[int, int]
    ) -> Attribution | None:
        """Quotations tied to a speaker by position, not by a known verb:
        "X fired back: “...”" (the subject of the clause before a colon),
        "“...,” X assured the crowd" and "“...!” beamed X" (a name and a
        past-tense verb right after the quotation)."""
        n = len(tokens)
        if n > 2 and tokens[-1] == ":" and QUOTE not in tokens:
            # "Dr. Ward stated:" / "Mr. Cole released this statement:" with
            # the quotation in the next paragraph.
            found = self._clause_subject(tokens, runs, n - 1, nearest=True)
            if found is not None:
                return found
        for q, token in enumerate(tokens):
            if token != QUOTE:
                continue
            if q > 1 and tokens[q - 1] == ":" and q - 2 in runs:
                # "Pollsters agree - Carl Bialik: “...”", "More from Jones:
                # “...”", "Mark Blumenthal and Jon Cohen: “...”".
                start = runs[q - 2]
                if start > 1 and tokens[start - 1] == "and" and start - 2 in runs:
                    start, end = runs[start - 2], start - 2
                else:
                    end = q - 2
                mention = mention_from_run(tokens, start, end)
                if (
                    mention is not None
                    and not mention.is_org
                    and (start == 0 or tokens[start - 1] in _SIGNATURE_OPENERS)
                ):
                    return Attribution("name", start, False, mention)
            if q > 1 and tokens[q - 1] == ":":
                found = _possessive_statement(tokens, q - 1)
                if found is not None:
                    return found
                found = self._clause_subject(tokens, runs, q - 1, nearest=True)
                if found is not None:
                    return found
            r = q + 1
            while r < n and r - q <= 3 and tokens[r].islower():
                r += 1  # "“...,” an angry Hollande retaliated"
            if r + 1 < n and r in starts:
                end = starts[r]
                if end + 1 < n and _past_tense(tokens[end + 1]):
                    mention = mention_from_run(tokens, r, end)
                    if mention is not None:
                        return Attribution("name", r, True, mention)
            if q + 2 < n and _past_tense(tokens[q + 1]) and q + 2 in starts:
                found = self._object(tokens, starts, q + 2, q + 1)
                if found is not None:
                    return found
        return None

    def _clause_subject(
        self, tokens: list[str], runs: dict[int, int], v: int, nearest: bool = False
    ) -> Attribution | None:
        """The subject of the clause that ends at ``v`` (a participle or a
        colon): the first name or pronoun opening a clause and followed,
        past any appositive or party tag, by a lower-case word (its verb);
        with ``nearest``, the last such before ``v`` ("When X suggested
        ..., Y fired back: “...”")."""
        best = None
        starts = {start: end for end, start in runs.items()}
        k = v - 1
        while k > 0 and tokens[k].islower() and tokens[k].endswith("ly"):
            k -= 1
        if k in runs and tokens[v].lower() in PARTICIPLES:
            # "with Donald Trump tweeting ...", "with Trump reportedly yelling".
            mention = mention_from_run(tokens, runs[k], k)
            if mention is not None:
                return Attribution("name", runs[k], False, mention)
        p = 0
        while p < v:
            opens = (
                p == 0
                or tokens[p - 1].lower() in _CLAUSE_OPENERS
                # "The RNC, in its summary, emailed", "..., the FBI lists"
                or (
                    tokens[p - 1].lower() == "the"
                    and (p == 1 or tokens[p - 2].lower() in _CLAUSE_OPENERS)
                )
            )
            if p in starts:
                end = starts[p]
                after = _after_appositive(tokens, end + 1, v)
                while after < v and (
                    tokens[after] in SKIP_BEFORE_VERB
                    or tokens[after] in _NEGATION_AND_TIME
                    or (tokens[after].endswith("ly") and tokens[after].islower())
                ):
                    after += 1  # "Trump then appears ...", "X also said"
                if (
                    (opens or _only_descriptors(tokens, p))
                    and after < v
                    and tokens[after].islower()
                    and tokens[after] not in NOT_DESCRIPTORS
                    and not _modifies_next_name(tokens, starts, after)
                    and not (p == end and _looks_plural(tokens[p]))
                ):
                    mention = mention_from_run(tokens, p, end, titles_before(tokens, p))
                    if mention is not None:
                        best = Attribution("name", p, False, mention)
                        if not nearest:
                            return best
                p = end + 1
                continue
            lowered = tokens[p].lower()
            if (
                opens
                and lowered in _PERSON_PRONOUNS
                and p + 1 < v
                and tokens[p + 1].islower()
            ):
                best = Attribution("pronoun", p, False, pronoun=lowered)
                if not nearest:
                    return best
            if (
                opens
                and lowered == "the"
                and p + 2 < v
                and tokens[p + 1] in TITLES
                and tokens[p + 2].islower()
                and tokens[p + 2] not in NOT_DESCRIPTORS
            ):
                # "The governor attacked his rival ..., saying, “...”".
                best = Attribution("title", p, False, title=tokens[p + 1])
                if not nearest:
                    return best
            p += 1
        return best

    def _subject(
        self, tokens: list[str], runs: dict[int, int], starts: dict[int, int], v: int
    ) -> Attribution | None:
        """The speaker before verb ``v``, or after it when inverted."""
        k = _before_tag(tokens, v - 1)
        while k >= 0 and (
            tokens[k].lower() in SKIP_BEFORE_VERB
            or (tokens[k].islower() and tokens[k].endswith("ly"))
        ):
            k -= 1
        if k >= 1 and tokens[k].lower() in WEEKDAYS and tokens[k - 1].lower() == "on":
            k -= 2  # "Putin on Tuesday said"
        if k < 0:
            # "Said Smith: ..." / "Stated Stone:" (verb first).
            return self._object(tokens, starts, v + 1, v) if v == 0 else None
        token = tokens[k]
        lowered = token.lower()
        if lowered in {"and", "to"} and k > 0:
            # "Mrs. Clinton shook her head and said", "Mr. Trump was
            # prompted to say": the subject of the verb before.
            return self._clause_subject(tokens, runs, k)
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
        weak = (
            tokens[v].lower() in WEAK_VERBS
            and not _trailing(tokens, runs.get(k, k))
            # "Maddow asked, “...”": a quotation right after the verb.
            and QUOTE not in tokens[v + 1 : v + 3]
        )
        if k in runs:
            lone = (
                runs[k] == k
                and token not in self.memory.by_surname
                and not titles_before(tokens, k)
            )
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
        while k >= 0 and comma - k <= 40 and tokens[k] not in _CLAUSE_BREAKS:
            k -= 1
        if k < 1 or tokens[k] != "," or k == comma - 1:
            return self._opening_subject(tokens, runs, comma)
        if comma - 1 in runs and runs[comma - 1] == k + 1:
            start = k + 1
            mention = mention_from_run(
                tokens, start, comma - 1, titles_before(tokens, k)
            )
            if mention is not None and not mention.is_org:
                return Attribution("name", start, _trailing(tokens, k), mention)
        if k - 1 in runs and (runs[k - 1] == 0 or tokens[runs[k - 1] - 1] == QUOTE):
            # "“...,” Blunt, after a long pause, said": a name opening the
            # clause keeps its verb across any interjected phrase.
            return _subject_run(tokens, runs, k - 1)
        opener = tokens[k + 1]
        found = self._opening_subject(tokens, runs, comma)
        if found is not None:
            return found
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

    def _opening_subject(
        self, tokens: list[str], runs: dict[int, int], comma: int
    ) -> Attribution | None:
        """ "“...,” Mr. Daniloff, now 81 and retired in Cambridge, Mass., said"
        and "Last week, J.J. Goldberg, editor of X, an influential paper,
        wrote": the name set off by a comma at the start of the clause, past
        any number of appositives."""
        k = comma - 1
        while k > 0 and comma - k <= 40 and tokens[k] != QUOTE:
            k -= 1
        p = k + 1 if tokens[k] == QUOTE else 0
        while p < comma:
            if p in runs.values():
                end = next(e for e, s in runs.items() if s == p)
                if (
                    (p == 0 or tokens[p - 1] in {",", QUOTE})
                    and end + 1 < comma
                    and (
                        tokens[end + 1] == ","
                        # "James B. Comey Jr., the director, said"
                        or (
                            tokens[end + 1] == "."
                            and tokens[end + 2 : end + 3] == [","]
                        )
                    )
                ):
                    mention = mention_from_run(tokens, p, end, titles_before(tokens, p))
                    if mention is not None and not mention.is_org:
                        return Attribution("name", p, _trailing(tokens, p), mention)
                return None
            if (
                tokens[p] != ","
                and not (tokens[p].islower() or tokens[p][0].isdigit())
                and tokens[p].lower() not in _NOT_NAME_OPENERS
            ):
                return None
            p += 1
        return None

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
            # ("said Channel 9 host Lee Park": a number may name the employer.)
            while (
                j < n
                and j - end <= 3
                and (_is_descriptor(tokens[j]) or tokens[j].isdigit())
            ):
                j += 1
            if j in starts and j > end + 1:
                words = tokens[end + 1 : j]
                k, end = j, starts[j]
            elif (
                tokens[j : j + 1] == [","]
                and j + 1 in starts
                and any(
                    is_person_noun(w.lower()) for w in [*words, *tokens[end + 1 : j]]
                )
            ):
                # "said another Twitter user, Johanna Bayer", "said his best
                # friend at Lehigh, Bruce Turry": the name after the comma.
                words = [*words, *tokens[end + 1 : j]]
                k, end = j + 1, starts[j + 1]
            mention = mention_from_run(tokens, k, end, [w.lower() for w in words])
            if mention is not None:
                return Attribution("name", v, trailing, mention)
            return None
        if not words:
            return None
        return _classify_noun_phrase(det, words, v, trailing)


_OF_PHRASE = frozenset({"of", "the", "at", "for", "on"})
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their"})
_DASHES = frozenset({"—", "–", "-", "―"})
# Words after which a new clause, and so a new subject, begins.
_CLAUSE_OPENERS = frozenset(
    {",", ";", ":", "and", "but", "when", "while", "as", "after", "then", "so"}
    | {"that", "before", "because", "since", "although", "though", "if", "with"}
)
# Party and state tags after a name: "R-Ky.", "(D-Ill.)", "(R)".
_PARTY_TAG_RE = re.compile(r"[RDI](?:-[A-Z][\w.]*)?\Z")
_PARTIES = frozenset({"Republican", "Democrat", "Independent", "Libertarian"})
_PREPOSITIONS = frozenset({"of", "in", "for", "at", "from"})
_AFFILIATIONS = frozenset({"of", "at", "for", "with"})
# Between a subject and its verb besides SKIP_BEFORE_VERB: "Clinton has
# since apologized", "X has never said".
_NEGATION_AND_TIME = frozenset({"since", "never", "not", "still", "already", "just"})
# Words ending like agent nouns ("-er") that are not descriptions of anyone.
_FUNCTION_WORDS = frozenset(
    {"whether", "other", "either", "neither", "rather", "after", "never", "ever"}
    | {"however", "together", "under", "over", "per", "whatever", "whoever"}
)
# What comes before a name that signs a quotation: "TITLE - Carl Dale:",
# "More from Jones:".
_SIGNATURE_OPENERS = frozenset({"-", "—", "–", "―", ",", ";", "from", "by", QUOTE})
_STATEMENT_NOUNS = frozenset(
    {"response", "reply", "answer", "statement", "post", "tweet", "message"}
    | {"words", "remarks", "comment", "comments", "retort", "verdict", "email"}
)
# Capitalised words that open a sentence before its subject: "Just last
# week, X, ..., wrote".
_NOT_NAME_OPENERS = frozenset(
    {"just", "last", "earlier", "later", "then", "on", "in", "at", "this", "that"}
    | {"also", "still", "meanwhile", "yet", "but", "and", "so", "now", "today"}
)
_CLAUSE_BREAKS = frozenset({",", QUOTE, ";", ":", "(", ")"})
_RELATIVES = frozenset({"who", "whose", "which"})


def _before_tag(tokens: list[str], k: int) -> int:
    """The last token before a party tag ending at ``k`` ("Ed Cole (R-Utah)",
    "John Marsh, R-Ky.,", "Paul T. Brand, Republican of Iowa,"), or ``k``."""
    if k >= 2 and tokens[k] in _DASHES:
        # "Gingrich — mentioned by Newsmax as ... — told": skip the aside.
        j = k - 1
        while j > 0 and k - j < 30 and tokens[j] not in _DASHES:
            j -= 1
        if j > 0 and tokens[j] in _DASHES and j - 1 >= 0 and tokens[j - 1] != QUOTE:
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


def _after_appositive(tokens: list[str], k: int, limit: int) -> int:
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


def _possessive_statement(tokens: list[str], colon: int) -> Attribution | None:
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


def _modifies_next_name(tokens: list[str], starts: dict[int, int], k: int) -> bool:
    """Whether the lower-case words from ``k`` lead to another name:
    "Republican presidential candidate Donald Trump"."""
    j = k
    while j < len(tokens) and j - k < 3 and _is_descriptor(tokens[j]):
        if tokens[j].endswith(("ed", "s")):
            return False  # "Carson endorsed Hale": a verb, not a modifier
        j += 1
    return j > k and j in starts


def _only_descriptors(tokens: list[str], p: int) -> bool:
    """Whether only title words come between the clause start and ``p``:
    "Former Obama speechwriter Jon Favreau published ..."."""
    if not _FUNCTION_WORDS.isdisjoint(tokens[max(0, p - 3) : p]) or not titles_before(
        tokens, p
    ):
        return False
    q = p - 1
    while q >= 0 and tokens[q].lower() not in _CLAUSE_OPENERS:
        if tokens[q].lower() in _DETERMINERS or not (
            _is_descriptor(tokens[q]) or tokens[q][0].isupper()
        ):
            return False  # "the former Arkansas governor" describes someone
        q -= 1
    return True


def _affiliation_colon(tokens: list[str], end: int) -> bool:
    """ "Tom Hale, Channel 9 News: “...”": a name, a comma, a short
    affiliation, then a colon and a quotation."""
    n = len(tokens)
    if end + 1 >= n or tokens[end + 1] != ",":
        return False
    j = end + 2
    while j < n and j - end <= 7 and tokens[j] not in {":", ",", QUOTE, "."}:
        j += 1
    return j + 1 < n and j > end + 2 and tokens[j] == ":" and tokens[j + 1] == QUOTE


def _past_tense(token: str) -> bool:
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


def _subject_run(
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
            return Attribution("name", first, _trailing(tokens, first), mention)
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
    return lowered in GENERIC or lowered in ORG_HEADS or lowered.endswith(GROUP_ENDINGS)


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
