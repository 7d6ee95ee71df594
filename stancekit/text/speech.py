"""Who spoke: attribution phrases in a sentence frame.

A *frame* is a sentence's text outside its quotation marks, cut into tokens
by :func:`stancekit.text.names.tokenize` with one placeholder token per quoted
stretch. :class:`Attributor` finds the speech verb ("said", "told", "according
to") and its speaker: a name, a pronoun, an organisation, a title ("the
minister") or someone unnamed ("officials"). Names themselves are read by
:mod:`stancekit.text.names`; :mod:`stancekit.text.quotes` puts the two together.
"""

from __future__ import annotations

from itertools import compress
from typing import Final, Protocol

from stancekit.lexicon.calendar import WEEKDAYS
from stancekit.lexicon.speech import (
    PARTICIPLES,
    SKIP_BEFORE_VERB,
    SPEECH_VERBS,
    WEAK_VERBS,
)
from stancekit.text.names import (
    APPOSITIVE_OPENERS,
    NOT_DESCRIPTORS,
    QUOTE,
    TITLES,
    TokenCache,
    is_person_noun,
    is_possessive,
    mention_from_run,
    titles_before,
)
from stancekit.text.page_rules import _SECTIONS
from stancekit.text.speech_phrases import (
    CLAUSE_BREAKS,
    CLAUSE_OPENERS,
    DASHES,
    DETERMINERS,
    NEGATION_AND_TIME,
    NO_INVERSION,
    NOT_NAME_OPENERS,
    OF_PHRASE,
    PERSON_PRONOUNS,
    RELATIVES,
    SIGNATURE_OPENERS,
    Attribution,
    affiliation_colon,
    after_appositive,
    before_tag,
    classify_noun_phrase,
    follows_statement,
    forecast_be,
    is_descriptor,
    looks_plural,
    modifies_next_name,
    noun_phrase_before,
    only_descriptors,
    past_tense,
    possessive_statement,
    subject_run,
)

# The words (lower-cased) that can make an attribution phrase in
# :meth:`Attributor.find` with no quotation in the frame (all of them plain
# ASCII words, so a frame's casefolded words show them too).
ATTRIBUTING_WORDS: Final = frozenset(
    {"according", "put", "puts", "pointed", "points"} | SPEECH_VERBS
)

# All the tokens (lower-cased) that can make an attribution phrase there;
# most tokens of a frame are none of these.
_VERB_TOKENS: Final = ATTRIBUTING_WORDS | PARTICIPLES | DASHES


def _is_verb_token(token: str) -> bool:
    return token.lower() in _VERB_TOKENS


# Token -> whether it is one of _VERB_TOKENS, lower-cased.
_IS_VERB_TOKEN: Final = TokenCache(_is_verb_token)


def may_attribute(tokens: list[str], headline: bool) -> bool:
    """False when :meth:`Attributor.find` is sure to find nothing in a frame,
    tested without reading its names: a frame with no quotation needs a
    speech verb or "according", or a colon that ends it (or, in a
    headline, any colon: "Putin: ...")."""
    return (
        QUOTE in tokens
        or (len(tokens) > 2 and tokens[-1] == ":")
        or (headline and ":" in tokens)
        or not ATTRIBUTING_WORDS.isdisjoint(map(str.lower, tokens))
    )


def _positions(tokens: list[str], token: str) -> list[int]:
    """The indices of ``token`` in ``tokens`` (a quick test first: most
    frames have none)."""
    return [k for k, t in enumerate(tokens) if t == token] if token in tokens else []


class _Surnames(Protocol):
    def __contains__(self, surname: str, /) -> bool: ...


class KnowsSurnames(Protocol):
    """What :class:`Attributor` reads of a memory: a
    :class:`~stancekit.text.names.Memory`, or anything else whose
    ``by_surname`` answers ``in``."""

    @property
    def by_surname(self) -> _Surnames: ...


class Attributor:
    """Finds attribution phrases in sentence frames.

    Parameters
    ----------
    memory : KnowsSurnames
        Shared with the caller, which decides which sentences update it;
        read here only to know which surnames have been named already.
    """

    def __init__(self, memory: KnowsSurnames) -> None:
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
        starts = dict(zip(runs.values(), runs, strict=True))
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
            colon = affiliation_colon(tokens, end)
            if colon:
                # "Tom Hale, Channel 9 News: “...”" (a signed statement).
                mention = mention_from_run(tokens, 0, end)
                if mention is not None and not mention.is_org:
                    return Attribution("name", 0, False, mention)
        # Only these tokens can start an attribution: look at them alone.
        for v in compress(range(n), map(_IS_VERB_TOKEN.__getitem__, tokens)):
            token = tokens[v]
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
                token in DASHES and v > 0 and tokens[v - 1] == QUOTE and v + 1 in starts
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
        for q in _positions(tokens, QUOTE):
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
                    and (start == 0 or tokens[start - 1] in SIGNATURE_OPENERS)
                ):
                    return Attribution("name", start, False, mention)
            if q > 1 and tokens[q - 1] == ":":
                found = possessive_statement(tokens, q - 1)
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
                if end + 1 < n and past_tense(tokens[end + 1]):
                    mention = mention_from_run(tokens, r, end)
                    if mention is not None:
                        return Attribution("name", r, True, mention)
            if q + 2 < n and past_tense(tokens[q + 1]) and q + 2 in starts:
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
        starts = dict(zip(runs.values(), runs, strict=True))
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
                or tokens[p - 1].lower() in CLAUSE_OPENERS
                # "The RNC, in its summary, emailed", "..., the FBI lists"
                or (
                    tokens[p - 1].lower() == "the"
                    and (p == 1 or tokens[p - 2].lower() in CLAUSE_OPENERS)
                )
            )
            if p in starts:
                end = starts[p]
                after = after_appositive(tokens, end + 1, v)
                while after < v and (
                    tokens[after] in SKIP_BEFORE_VERB
                    or tokens[after] in NEGATION_AND_TIME
                    or (tokens[after].endswith("ly") and tokens[after].islower())
                ):
                    after += 1  # "Trump then appears ...", "X also said"
                if (
                    (opens or only_descriptors(tokens, p))
                    and after < v
                    and tokens[after].islower()
                    and tokens[after] not in NOT_DESCRIPTORS
                    and not modifies_next_name(tokens, starts, after)
                    and not (p == end and looks_plural(tokens[p]))
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
                and lowered in PERSON_PRONOUNS
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
        self,
        tokens: list[str],
        runs: dict[int, int],
        starts: dict[int, int],
        v: int,
        inverts: bool = True,
    ) -> Attribution | None:
        """The speaker before verb ``v``, or after it when inverted (unless
        ``inverts`` is false)."""
        k = before_tag(tokens, v - 1)
        while k >= 0 and (
            tokens[k].lower() in SKIP_BEFORE_VERB
            or (tokens[k].islower() and tokens[k].endswith("ly"))
        ):
            k -= 1
        if k >= 1 and tokens[k].lower() in WEEKDAYS and tokens[k - 1].lower() == "on":
            k -= 2  # "Putin on Tuesday said"
        if k < 0:
            # "Said Smith: ..." / "Stated Stone:" (verb first).
            return (
                self._object(tokens, starts, v + 1, v) if v == 0 and inverts else None
            )
        token = tokens[k]
        lowered = token.lower()
        # Verbs as often not about speech ("Fighting continued", "Research
        # suggests") need a clear speaker unless a quotation follows them.
        weak_verb = (
            tokens[v].lower() in WEAK_VERBS
            # "Maddow asked, “...”": a quotation right after the verb.
            and QUOTE not in tokens[v + 1 : v + 3]
        )
        if lowered == "to" and k > 0:
            be = forecast_be(tokens, k)
            if be >= 0:
                # "Snow is expected to continue" forecasts what the subject
                # will do, it reports no speech; "Police are expected to
                # say" has the subject of "are", found as for "Police said".
                if weak_verb:
                    return None
                return self._subject(tokens, runs, starts, be, inverts=False)
        if lowered in {"and", "to"} and k > 0:
            # "Mrs. Clinton shook her head and said", "Mr. Trump was
            # prompted to say": the subject of the verb before.
            found = self._clause_subject(tokens, runs, k)
            if (
                weak_verb
                and found is not None
                and found.ref == "name"
                and self._lone_capital(tokens, runs, found.start)
            ):
                return None  # "Fighting began to continue"
            return found
        if lowered in PERSON_PRONOUNS:
            return Attribution(
                "pronoun", k, follows_statement(tokens, k), pronoun=lowered
            )
        if lowered == "it":
            return Attribution("it", k, follows_statement(tokens, k))
        if token == QUOTE or token == "," or token in DASHES:
            if token == ",":
                found = self._appositive(tokens, runs, k)
                if found is not None:
                    return found
            if not inverts or tokens[v].lower() in NO_INVERSION:
                return None
            return self._object(tokens, starts, v + 1, v)
        # ... unless they follow a quotation or comma ("“...,” Berg added").
        weak = weak_verb and not follows_statement(tokens, runs.get(k, k))
        if k in runs:
            # A lone capital with a weak verb is no speaker; opening the
            # sentence as a plural ("Officials said", "Organisers said"), a
            # group.
            if (
                runs[k] == k
                and (weak or (k == 0 and looks_plural(token)))
                and self._lone_capital(tokens, runs, k)
            ):
                return None if weak else Attribution("unnamed", 0, False)
            return subject_run(tokens, runs, k)
        found = noun_phrase_before(tokens, k)
        if weak and (found is None or found.ref != "name"):
            return None  # "The talks continued"; but "the company predicted"
        return found

    def _lone_capital(self, tokens: list[str], runs: dict[int, int], k: int) -> bool:
        """Whether the name run at ``k`` is one capitalised word with no
        known surname and no title before it: "Snow", "Fighting", but not
        "Putin" once named, nor "Mr. King". (The memory is read only when
        the answer depends on it.)"""
        return (
            runs.get(k) == k
            and not titles_before(tokens, k)
            and tokens[k] not in self.memory.by_surname
        )

    def _appositive(
        self, tokens: list[str], runs: dict[int, int], comma: int
    ) -> Attribution | None:
        """ "Alexei Kondaurov, deputy head of X, said" (the subject before the
        previous comma) or "the association's director, Karin Brandt, said"
        (the name between the commas)."""
        k = comma - 1
        while k >= 0 and comma - k <= 40 and tokens[k] not in CLAUSE_BREAKS:
            k -= 1
        if k < 1 or tokens[k] != "," or k == comma - 1:
            return self._opening_subject(tokens, runs, comma)
        if comma - 1 in runs and runs[comma - 1] == k + 1:
            start = k + 1
            mention = mention_from_run(
                tokens, start, comma - 1, titles_before(tokens, k)
            )
            if mention is not None and not mention.is_org:
                return Attribution("name", start, follows_statement(tokens, k), mention)
        if k - 1 in runs and (runs[k - 1] == 0 or tokens[runs[k - 1] - 1] == QUOTE):
            # "“...,” Blunt, after a long pause, said": a name opening the
            # clause keeps its verb across any interjected phrase.
            return subject_run(tokens, runs, k - 1)
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
            opener.lower() not in RELATIVES
            and any(t.lower() in SPEECH_VERBS for t in tokens[k + 2 : comma])
        ):
            return None
        if k - 1 in runs:
            return subject_run(tokens, runs, k - 1)
        return noun_phrase_before(tokens, k - 1)

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
                        return Attribution(
                            "name", p, follows_statement(tokens, p), mention
                        )
                return None
            if (
                tokens[p] != ","
                and not (tokens[p].islower() or tokens[p][0].isdigit())
                and tokens[p].lower() not in NOT_NAME_OPENERS
            ):
                return None
            p += 1
        return None

    def _object(
        self, tokens: list[str], starts: dict[int, int], k: int, v: int
    ) -> Attribution | None:
        """The speaker after an inverted verb or "according to"."""
        n = len(tokens)
        trailing = follows_statement(tokens, v)
        if k >= n:
            return None
        if tokens[k].lower() in PERSON_PRONOUNS:
            # "said he." but not "said they were stretched thin".
            if k + 1 >= n or not tokens[k + 1].isalnum():
                return Attribution("pronoun", v, trailing, pronoun=tokens[k].lower())
            return None
        det = ""
        if tokens[k].lower() in DETERMINERS:
            det = tokens[k].lower()
            k += 1
        words: list[str] = []
        while k < n and len(words) < 8:
            if is_descriptor(tokens[k]) or (tokens[k] in OF_PHRASE and (words or det)):
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
            while j < n and j not in starts and is_descriptor(tokens[j]):
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
                and (is_descriptor(tokens[j]) or tokens[j].isdigit())
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
        return classify_noun_phrase(det, words, v, trailing)
