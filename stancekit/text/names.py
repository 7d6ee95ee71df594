"""Who is named: tokens, person and organisation names, and the pronoun memory.

:mod:`stancekit.text.quotes` finds the quotation marks; a sentence's *frame* is
the text outside them, with each quoted stretch replaced by one placeholder
token. This module cuts frames into tokens, finds runs of capitalised words
and reads them as people (without their titles) or organisations, and keeps
the :class:`Memory` of who has been named so far. The attribution phrases
that say who *spoke* ("..., he said", "according to X") are read by
:mod:`stancekit.text.speech`. Small word lists, not a parser: news copy names
people in a handful of ways, and these lists cover them without any model to
download.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from stancekit.lexicon import words
from stancekit.lexicon.calendar import MONTHS, WEEKDAYS

# Placeholder for a quoted stretch in a frame. TOKEN_RE yields one-character
# punctuation tokens only, so this two-character string cannot collide.
QUOTE: Final = "<q>"

# Dotted acronyms (U.S.), words with inner apostrophes/hyphens (O'Brien,
# Jean-Pierre, Putin’s), or one punctuation character. Written for speed:
# one match skips the spaces before its token, and a letter is read once
# whether it opens an acronym or a word (the same tokens as
# ``(?:[^\W\d_]\.){2,}|[^\W_][\w’'\-]*|[^\w\s]``, half again as fast).
_TOKEN_PATTERN: Final = (
    r"\s*([^\W\d_](?:\.(?:[^\W\d_]\.)+|[\w’'\-]*)|\d[\w’'\-]*|[^\w\s])"
)
TOKEN_RE: Final = re.compile(_TOKEN_PATTERN)
# The same tokens in ASCII text (most sentences), a fifth quicker: the
# character classes are read from a table.
_ASCII_TOKEN_RE: Final = re.compile(_TOKEN_PATTERN, re.ASCII)
# Lower-case particle joined to a capitalised name: al-Jolani, el-Sisi.
_PARTICLE_NAME_RE: Final = re.compile(r"[a-z]{1,3}-[^\W\d_]")
_ADVERB_ENDINGS: Final = ("ally", "ously", "ately", "edly", "ingly", "ively", "ently")
# "Putin’s", "workers'": the endings of a possessive token.
_POSSESSIVE_ENDINGS: Final = ("’", "'", "’s", "'s")

INDEFINITE: Final = frozenset({"a", "an", "one", "another"})

# days and months ("On Tuesday Putin said" -> "Putin").
_NOT_NAMES: Final = words(
    """the a an but and or so yet nor in on at for from with by to of as after
    before when while if although though because since meanwhile however still
    also then later earlier now today yesterday tomorrow last next this that
    these those there here it its his her their our my we i you he she they
    asked speaking separately instead indeed moreover furthermore finally first
    second overall even only just according why what who how where neither
    either both each all some many most few several no not unlike despite during
    under over about against among between without said says asked added told
    stated wrote explained noted replied"""
) | (
    # "May" and "August" are names too.
    frozenset(WEEKDAYS + MONTHS) - {"may", "august"}
)
# Lower-case words allowed inside a name: "Ursula von der Leyen",
# "Secretary of State Antony Blinken", "Mohammed bin Salman".
CONNECTORS: Final = words(
    """of for de da di del della der den van von bin ibn al el la le du dos das y"""
)
# Connectors that separate a person from their employer: "Alexei Kondaurov
# of the Moscow Institute".
_AFFILIATION: Final = frozenset({"of", "for", "at"})
# Post-nominal letters dropped from a name: "Catherine Vale KC".
_SUFFIXES: Final = words("kc qc mp mep phd md jr jr. sr sr. obe mbe cbe")
# Abbreviations whose period continues the name: "Dr. Anna Weber".
_ABBREVIATIONS: Final = words(
    "mr mrs ms dr prof gen sen rep gov lt col sgt capt maj adm rev st jr sr del"
    " atty supt amb"
)
# Those of them that are titles ("Del. Mary Vance"), not parts of a name.
_TITLE_ABBREVIATIONS: Final = _ABBREVIATIONS - {"st", "jr", "sr"}

# Honorifics, job titles and the words that qualify them. Everything up to
# the last of these in a name run is a title, the rest is the name.
TITLES: Final = words(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend father
    sheikh imam rabbi president vice prime minister chancellor secretary deputy
    foreign defence defense finance interior health economy economic justice
    home general gen lt lieutenant col colonel major maj capt captain sgt
    sergeant admiral adm commander chief head director spokesman spokeswoman
    spokesperson governor gov senator sen rep representative congressman
    congresswoman mayor king queen prince princess crown emperor pope cardinal
    archbishop bishop ambassador envoy judge attorney prosecutor chairman
    chairwoman chair ceo cfo coo executive officer founder leader coach manager
    expert analyst economist researcher scientist lawyer doctor editor
    correspondent reporter journalist commissioner inspector detective constable
    superintendent sheriff press premier mp mep speaker former acting interim
    opposition party state homeland security treasury affairs education energy
    commerce labor labour agriculture transport development environment culture
    trade immigration police army navy military senior junior assistant
    associate principal headteacher teacher councillor councilor alderman
    delegate negotiator adviser advisor consultant official dean provost rector
    host co-host anchor columnist commentator pollster strategist contributor
    aide staffer operative activist organizer organiser candidate nominee
    majority minority whip democrat republican libertarian
    physician surgeon nurse epidemiologist virologist historian professor author
    novelist russian ukrainian american british french german chinese israeli
    palestinian iranian turkish polish italian spanish indian japanese korean
    syrian iraqi egyptian saudi european canadian australian mexican brazilian
    belarusian georgian dutch belgian swedish norwegian finnish danish austrian
    swiss greek hungarian czech romanian serbian lebanese afghan pakistani
    nigerian african u.s. u.k. us uk eu un"""
)
# Heads of noun phrases that name an organisation, not a person.
ORG_HEADS: Final = words(
    """ministry ministries kremlin government police army military office
    department council commission agency court parliament senate congress party
    committee bank company corporation corp inc ltd plc group institute
    university service union organisation organization association federation
    authority authorities administration pentagon embassy foundation command
    cabinet presidency secretariat board bureau directorate firm airline club
    network newspaper watchdog regulator charity hospital school panel tribunal
    inquiry mission campaign coalition alliance society trust fund ngo chamber
    lane street road avenue square park bridge station airport hall centre
    center stadium council's prosecutors prosecutor's spokesperson's house
    reuters ap afp bbc cnn tass ria interfax xinhua dpa"""
)
# Places used for their government ("Moscow said", "Kyiv denied").
_PLACES: Final = words(
    """russia ukraine china america britain france germany israel iran turkey
    poland italy spain india japan korea syria iraq egypt canada australia
    mexico brazil belarus georgia europe nato moscow kyiv kiev beijing
    washington london paris berlin jerusalem tehran ankara warsaw rome madrid
    delhi tokyo seoul damascus baghdad cairo ottawa brussels minsk tbilisi
    vienna geneva"""
)
# Plural or vague subjects: an attribution, but to nobody in particular.
GENERIC: Final = words(
    """officials analysts experts residents witnesses sources diplomats critics
    observers protesters people campaigners economists scientists
    researchers doctors lawyers investigators activists supporters opponents
    voters locals parents teachers students workers others many some
    organisers organizers lawmakers leaders members officers rescuers
    firefighters farmers lenders buyers sellers shoppers customers users
    viewers readers listeners callers travellers travelers passengers
    bystanders villagers neighbours neighbors mourners marchers strikers
    demonstrators soldiers fighters rebels militants insurgents troops
    authorities republicans democrats conservatives liberals"""
)


@dataclass(frozen=True)
class Mention:
    """A person or organisation named in a sentence frame.

    ``titles`` are the lower-cased title words seen with the name ("president",
    "spokesman"), so that a later "the president said" can find it.
    """

    name: str
    is_org: bool = False
    titles: tuple[str, ...] = ()


@dataclass
class Memory:
    """Who has been named so far in an article's body and headline.

    ``people`` maps each person's full name to "he", "she" or "" (unknown),
    ordered from least to most recently named; a pronoun resolves to the most
    recent person whose known pronoun does not contradict it.
    """

    people: dict[str, str] = field(default_factory=dict)
    last_org: str | None = None
    by_surname: dict[str, str] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict)

    def canonical(self, mention: Mention) -> str:
        """The full name for a surname-only mention seen in full earlier."""
        return canonical_name(mention, self.by_surname)

    def resolve(self, pronoun: str) -> str | None:
        """The most recent person a pronoun ("he", "she", "they") can mean.

        The unnamed person ("a nurse said") is remembered as ``""`` so that
        the next "she said" is not given to someone named earlier.
        """
        for name in reversed(self.people):
            if pronoun not in _GENDERED or self.people[name] in ("", pronoun):
                return name or None
        return None

    def touch(self, name: str, pronoun: str = "") -> None:
        """Make ``name`` the most recent person; learn its pronoun."""
        known = self.people.pop(name, "") or _guess_pronoun(name)
        self.people[name] = (pronoun if pronoun in _GENDERED else "") or known

    def remember(self, mention: Mention) -> str:
        """Record a mention as the most recent and return its full name."""
        name = self.canonical(mention)
        if mention.is_org:
            self.last_org = name
            return name
        gender = next(
            (_TITLE_GENDER[t] for t in mention.titles if t in _TITLE_GENDER), ""
        )
        self.touch(name, gender)
        parts = name.split()
        if len(parts) > 1:
            self.by_surname[parts[-1]] = name
        for title in mention.titles:
            self.by_title[title] = name
        return name


_GENDERED: Final = frozenset({"he", "she"})
# First names ending in -a that are usually men's.
_MALE_IN_A: Final = words(
    "luca nikita andrea joshua ezra musa mustafa isa elia ilya jonah"
)


def _guess_pronoun(name: str) -> str:
    """A weak guess from the name: "Anna", "Leyla", "Olga Petrova" are she.

    Only used until a pronoun or honorific says otherwise; most names give
    no guess.
    """
    parts = name.split()
    if len(parts) < 2:
        return ""
    first, last = parts[0].lower(), parts[-1].lower()
    if (first.endswith("a") and first not in _MALE_IN_A) or last.endswith(
        ("ova", "eva", "ska", "skaya")
    ):
        return "she"
    return ""


_TITLE_GENDER: Final = {
    **dict.fromkeys(words("mr sir lord king prince chairman spokesman"), "he"),
    **dict.fromkeys(words("mrs ms miss dame lady queen chairwoman spokeswoman"), "she"),
}


def canonical_name(mention: Mention, by_surname: Any) -> str:
    """The full name of ``mention`` given the surnames seen in full so far
    (``by_surname``: anything with ``.get``), as :meth:`Memory.canonical`
    reads it: a surname-only person mention becomes the full name."""
    if mention.is_org or " " in mention.name:
        return mention.name
    return by_surname.get(mention.name, mention.name)


def tokenize(text: str, pieces: list[tuple[int, int]]) -> list[str]:
    """Tokens of the frame: text pieces between quotations, ``QUOTE`` between.

    ``pieces`` are the unquoted (start, end) stretches of one sentence, in
    order; a quotation sits between two consecutive pieces, and before the
    first / after the last when they do not touch the sentence edges (the
    caller adds empty pieces there).
    """
    if len(pieces) == 1:
        start, end = pieces[0]
        return tokens_of(text, start, end)
    tokens: list[str] = []
    for n, (start, end) in enumerate(pieces):
        if n:
            tokens.append(QUOTE)
        tokens.extend(tokens_of(text, start, end))
    return tokens


def tokens_of(text: str, start: int, end: int) -> list[str]:
    """``TOKEN_RE.findall(text, start, end)``, quicker on ASCII text."""
    piece = text[start:end]
    return (_ASCII_TOKEN_RE if piece.isascii() else TOKEN_RE).findall(piece)


def is_name_token(token: str) -> bool:
    if token[0].isupper():
        return (
            token.lower() not in _NOT_NAMES
            and not token.endswith(_POSSESSIVE_ENDINGS)
            # "Additionally", "Reportedly": a sentence adverb, not a name.
            and not (len(token) > 7 and token.endswith(_ADVERB_ENDINGS))
        )
    return bool(_PARTICLE_NAME_RE.match(token))


def is_possessive(token: str) -> bool:
    return token[0].isupper() and len(token) > 2 and token.endswith(_POSSESSIVE_ENDINGS)


def find_runs(tokens: list[str]) -> dict[int, int]:
    """Name runs as a map from the run's last token index to its first.

    A run is capitalised words, with inner connectors ("von der", "of") and
    the period after an abbreviation or initial ("Dr.", "J."); it always
    starts and ends on a capitalised word.
    """
    # One pattern over the tokens' shapes, one letter a token, instead of a
    # loop over the tokens: each run ends on its last name letter.
    shapes = "".join(map(_SHAPES.__getitem__, tokens))
    return {end - 1: start for start, end in map(_SPAN, _RUN_RE.finditer(shapes))}


def _shape(token: str) -> str:
    """The letter :data:`_RUN_RE` reads for a token: a name word ``N`` (``M``
    when short: an initial or an abbreviation, which a period may follow),
    the period ``.``, a connector ``c``, a capitalised plural possessive
    ``q`` ("Pensioners'"), anything else ``x``."""
    if is_name_token(token):
        short = len(token) == 1 or token.lower() in _ABBREVIATIONS
        return "M" if short else "N"
    if token == ".":
        return "."
    if token in CONNECTORS:
        return "c"
    if token[0].isupper() and token[-1] in "'’":
        return "q"
    return "x"


class TokenCache(dict):
    """Token -> ``compute(token)``, computed once per distinct token (and
    emptied when it grows large, so memory stays bounded). Read it with
    ``map(cache.__getitem__, tokens)``: a token seen before costs a lookup
    in C."""

    def __init__(self, compute: Callable[[str], Any]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, token: str) -> Any:
        if len(self) >= _TOKEN_CACHE_SIZE:
            self.clear()
        value = self[token] = self._compute(token)
        return value


_TOKEN_CACHE_SIZE: Final = 100_000
_SPAN: Final = re.Match.span
_SHAPES: Final = TokenCache(_shape)
# A run: name words, with a period after a short word or another period
# ("Dr.", "J. R. R."), and connectors and plural possessives only before
# another name word, or before a connector and a name word ("von der Leyen",
# "Pensioners' Union"). The outer repetition ends it on a name word.
_RUN_RE: Final = re.compile(r"[NM](?:(?:(?<=[M.])\.|[cq](?=c?[NM]))*[NM])*")


def _join(words: list[str]) -> str:
    # Re-attach the period of an initial or abbreviation: "J. R. R. Tolkien".
    out: list[str] = []
    for word in words:
        if word == "." and out:
            out[-1] += "."
        else:
            out.append(word)
    return " ".join(out)


def _strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a run into (titles, name) at its last title word.

    A title word that ends the run is part of the name ("John Major",
    "Martin Luther King").
    """
    cut = 0
    for k, word in enumerate(words[:-1]):
        lowered = word.lower().rstrip(".")
        if lowered in TITLES or (
            # "Del. Mary Vance": an abbreviated title keeps its period.
            lowered in _TITLE_ABBREVIATIONS and words[k + 1] == "."
        ):
            cut = k + 1
    titles = [
        w.lower()
        for w in words[:cut]
        if w.lower() in TITLES or w.lower() in _TITLE_ABBREVIATIONS
    ]
    name = [w for w in words[cut:] if w != "." or len(words) > 1]
    # A title left dangling by "Secretary of State ..." starts with a connector.
    while name and (name[0] in CONNECTORS or name[0] == "."):
        name = name[1:]
    return titles, name


def mention_from_run(
    tokens: list[str], start: int, end: int, before: Sequence[str] = ()
) -> Mention | None:
    """Read the run ``tokens[start:end + 1]`` as a person or an organisation.

    ``before`` are lower-case words just before the run; the title words
    among them are kept ("terrorism expert X" -> "expert").
    """
    # The reading depends on the run, the token before it and ``before``
    # alone, and an article names the same people again and again: read
    # each once.
    previous = None
    if start > 0:
        previous = tokens[start - 1]
        if previous.lower() != "the" and not is_possessive(previous):
            previous = ""  # read as any other word before the run
    return _mention(previous, tuple(tokens[start : end + 1]), tuple(before))


@lru_cache(maxsize=8192)
def _mention(
    previous: str | None, run: tuple[str, ...], before: tuple[str, ...]
) -> Mention | None:
    """:func:`mention_from_run` of ``run``, with the token before it
    (None at the start of the frame)."""
    words = list(run)
    person = words
    descriptor: list[str] = []
    if (
        previous is None
        and len(words) >= 3
        and words[0].lower().endswith(_AGENT_ENDINGS)
    ):
        # "Sprinter Nadia Kori", "Nurse Karin Ahl" at the start of a sentence.
        descriptor = [words[0].lower()]
        person = words = words[1:]
    # "Alexei Kondaurov of the Moscow Institute": the person comes first,
    # unless that part is all titles ("Secretary of State Antony Blinken").
    for k, word in enumerate(words):
        if word in _AFFILIATION:
            head = [w for w in words[:k] if w != "."]
            if any(w.lower() not in TITLES for w in head):
                person = words[:k]
            break
    titles, name = _strip_titles(person)
    while len(name) > 1 and name[-1].lower() in _SUFFIXES:
        name = name[:-1]
    if len(name) > 3 and any(w in _AFFILIATION for w in name):
        # "Secretary of State Antony Blinken": the name is the tail.
        k = len(name) - 2
        while k > 0 and (name[k - 1] in CONNECTORS or len(name[k - 1]) == 1):
            k -= 1
        name = name[k:]
    lowered = [w.lower() for w in name]
    # A place standing for its government ("Moscow said"), an acronym
    # ("NATO"), or a plural after "the" ("the Social Democrats"): a group.
    is_group = bool(name) and (
        (len(name) == 1 and (lowered[0] in _PLACES or _is_acronym(name[0])))
        or (
            previous is not None
            and previous.lower() == "the"
            and lowered[-1].endswith("s")
        )
    )
    # "Mr. Lane", "Mr. King": an honorific makes a person of any name.
    honoured = not _HONORIFICS.isdisjoint(titles)
    is_title = not honoured and all(w.rstrip(".") in TITLES for w in lowered)
    if (
        name
        and not (is_group or is_title)
        and (honoured or not any(w in ORG_HEADS for w in lowered))
    ):
        titles = list(before) + descriptor + titles
        return Mention(_join(name), titles=tuple(dict.fromkeys(titles)))
    if is_group or any(w.lower() in ORG_HEADS for w in words):
        # "Russia’s Foreign Ministry": the possessive belongs to the name.
        if previous and is_possessive(previous):
            words = [previous, *words]
        return Mention(_join(words), is_org=True)
    return None


_AGENT_ENDINGS: Final = ("er", "or", "ist", "ian", "ant", "ent")
_HONORIFICS: Final = words("mr mrs ms miss dr sen rep gov del")


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def titles_before(tokens: list[str], start: int) -> list[str]:
    """Lower-case title words right before a run: "terrorism expert X"."""
    words: list[str] = []
    k = start - 1
    while (
        k >= 0
        and len(words) < 3
        and tokens[k].islower()
        and tokens[k].isalpha()
        and tokens[k] not in NOT_DESCRIPTORS
    ):
        words.append(tokens[k])
        k -= 1
    # "hotel owner X", "youth worker X": person nouns count as titles here.
    return [w for w in words[::-1] if w in TITLES or is_person_noun(w)]


def find_mentions(
    tokens: list[str], runs: dict[int, int], memory: Memory
) -> list[tuple[int, Mention]]:
    """Persons worth remembering in a frame, with the token where each
    starts; ``memory`` says which surnames are known already.

    A run counts when it carries a title ("President Vladimir Putin",
    "spokesman Dmitry Peskov"), is a surname already known, or is a
    two- to four-word name set off as an appositive ("Jonas Eriksen, a
    34-year-old bus driver"; "His counterpart, Leyla Aminova, said").
    """
    found = []
    n = len(tokens)
    for end, start in runs.items():
        if (
            start == end
            and (start == 0 or not tokens[start - 1].islower())
            and tokens[start] not in memory.by_surname
            and not (end + 1 < n and tokens[end + 1] == ",")
        ):
            continue  # a lone capital with no title or appositive
        # (Most runs follow no lower-case word, and so no title word.)
        before = (
            titles_before(tokens, start)
            if start and tokens[start - 1].islower()
            else []
        )
        # "Ahmed, 27, has ...", "Jonas, a 23-year-old nursing student":
        # an age or a person noun marks even a single name.
        aged = end + 3 < n and tokens[end + 1] == ","
        if aged and tokens[end + 2].lower() in INDEFINITE:
            aged = any(
                t[0].isdigit() or is_person_noun(t) for t in tokens[end + 3 : end + 6]
            )
        else:
            aged = aged and tokens[end + 2].isdigit() and tokens[end + 3] == ","
        if (
            start == end
            and not before
            and not aged
            and tokens[start] not in memory.by_surname
        ):
            # A one-word name is its token, and has no title but those
            # before it: with none, no age and no known surname, it is no
            # appositive or subject (both take two words or more) either.
            continue
        mention = mention_from_run(tokens, start, end, before)
        if mention is None or mention.is_org:
            continue
        words = mention.name.count(" ") + 1
        appositive = (
            aged
            or 2 <= words <= 4
            and (
                (
                    end + 2 < n
                    and tokens[end + 1] == ","
                    and (
                        tokens[end + 2].lower() in APPOSITIVE_OPENERS
                        or tokens[end + 2][0].isdigit()
                    )
                )
                or (
                    start > 0
                    and tokens[start - 1] == ","
                    and end + 1 < n
                    and tokens[end + 1] in {",", "."}
                )
            )
        )
        # "Hilde Tangen has been measuring ...", "When Marta Kowalczyk
        # opened her bakery": a name as the subject of a clause.
        subject = (
            2 <= words <= 3
            and (start == 0 or tokens[start - 1].lower() in _CLAUSE_OPENERS)
            and end + 1 < n
            # "Emma Holm, holding a fruit pouch, turned it over."
            and (tokens[end + 1] == "," or tokens[end + 1].islower())
            # "Lukas Berger of the Institute ... takes a different view."
            and (
                tokens[end + 1] not in NOT_DESCRIPTORS
                or tokens[end + 1] in _AFFILIATION
            )
            and not tokens[end].lower().endswith(GROUP_ENDINGS)
        )
        if mention.titles or appositive or subject or mention.name in memory.by_surname:
            found.append((start, mention))
    return found


def names_nobody(text: str, span: tuple[int, int], memory: Memory) -> bool:
    """True when the sentence ``text[span[0]:span[1]]`` surely has no
    mention for :func:`find_mentions` and does not open on an unnamed
    person, read without cutting it into tokens.

    That holds when no letter after its first token is a capital and no
    hyphen follows it (so the only possible name run is the first token on
    its own, and "al-Jolani" or "co-op" cannot start one), and that token
    is neither a known surname nor set off by a comma, nor "a"/"one"
    opening on someone unnamed. About a third of news sentences qualify.
    """
    start, end = span
    first = TOKEN_RE.match(text, start, end)
    if first is None:
        return False
    after = first.end()
    rest = text[after:end]
    token = first.group(1)
    return (
        rest.islower()
        and "-" not in rest
        and token not in memory.by_surname
        and token.lower() not in INDEFINITE
        and _COMMA_NEXT_RE.match(text, after, end) is None
    )


# The next token is a comma: only spaces and underscores (which make no
# token) before it.
_COMMA_NEXT_RE: Final = re.compile(r"[\s_]*,")


def opens_on_unnamed_person(tokens: list[str]) -> bool:
    """Whether the sentence opens on an unnamed person ("A backpacker
    from abroad was less keen."), who then owns the next "he said"."""
    if not tokens or tokens[0].lower() not in INDEFINITE:
        return False
    for token in tokens[1:4]:
        if not token.islower():
            return False
        if is_person_noun(token):
            return True
    return False


NOT_DESCRIPTORS: Final = words(
    """that which in on at for from with by to of as after before when while if and
    but or nor this these those it he she they we i you there here about during
    because since though although not no so then now also later today yesterday
    tonight earlier again into over under without through who whom whose"""
)
# Words that open an appositive after a name: "X, a bus driver", "X, who".
APPOSITIVE_OPENERS: Final = words("a an the who whose which one another")
PLURAL_ENDINGS: Final = (
    *("ers", "ors", "ists", "ians", "ants", "ents", "ives", "als", "ics", "ats"),
)
# The plural endings of capitalised groups ("Social Democrats", "Officials"),
# without "-ers", the ending of many surnames (Sanders, Rogers, Myers).
GROUP_ENDINGS: Final = tuple(e for e in PLURAL_ENDINGS if e != "ers")


# Words after which a capitalised name is the subject of a new clause.
_CLAUSE_OPENERS: Final = words(
    ", ; : when after before as while since because although though but and if"
)


_PERSON_NOUNS: Final = words(
    """source sources resident witness official person man woman mother father
    parent pupil student neighbour neighbor victim patient local man's woman's
    friend relative colleague fan paramedic owner farmer pensioner mum dad son
    daughter wife husband boss member"""
)


def is_person_noun(word: str) -> bool:
    """Whether an unnamed subject ("a nurse", "officials") is a person, so
    that a pronoun right after it should not reach back to someone named."""
    return (
        word in TITLES
        or word in GENERIC
        or word in _PERSON_NOUNS
        or word.endswith(_AGENT_ENDINGS + PLURAL_ENDINGS)
    )
