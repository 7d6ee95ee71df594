"""Marking the blocks of a scraped page by kind, and finding repeats.

A scraped article is more than its story: section labels, the headline,
bylines and datelines, call-out boxes, photo captions and credits, share
buttons and cookie notices. :func:`clean_blocks` cuts the text into spans and
names each span's kind with general rules (see ``docs/cleaning.md``), erring
toward ``"body"``: a real sentence must never be thrown away.
:func:`find_duplicates` finds texts that repeat an earlier one, including a
quotation repeated with another attribution or as a pull quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["KINDS", "Block", "clean_blocks", "find_duplicates"]

KINDS = ("body", "headline", "callout", "caption", "credit", "boilerplate")
"""The block kinds, in the order the docs describe them."""

_BODY, _HEADLINE, _CALLOUT, _CAPTION, _CREDIT, _BOILER = KINDS


@dataclass(frozen=True, slots=True)
class Block:
    """A whitespace-stripped span of an article's text and its kind.

    Parameters
    ----------
    start, end : int
        Offsets into the article text; ``text[start:end]`` is the block.
    kind : str
        One of :data:`KINDS`.
    paragraph_index : int
        Index of the blank-line-separated paragraph the block lies in.

    Examples
    --------
    >>> Block(0, 4, "body", 0).kind
    'body'
    """

    start: int
    end: int
    kind: str
    paragraph_index: int


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _phraseset(phrases: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in phrases.split(";"))


# --- word lists --------------------------------------------------------------

_SECTIONS = _phraseset(
    """news; latest news; breaking news; breaking; world; world news;
    us news; uk news; opinion; opinions; analysis; comment; commentary;
    editorial; editorials; letters; op-ed; politics; business; economy; markets;
    money; finance; tech; technology; science; health; sport; sports; culture;
    arts; entertainment; lifestyle; life; travel; food; style; fashion; local;
    local news; national; international; europe; asia; africa; americas;
    middle east; us; u.s.; uk; climate; environment; education; crime;
    weather; features; feature; exclusive; investigation; investigations;
    fact check; explainer; live; video; videos; podcast; podcasts; photos;
    gallery; latest; trending; top stories; obituaries; religion; media;
    books; music; film; movies; tv; television; review; reviews; global;
    nation; metro; region"""
)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|"
    "april|june|july|august|september|october|november|december"
)
_WEEKDAYS = "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_CALENDAR = frozenset(_MONTHS.split("|") + _WEEKDAYS.split("|"))
_TIME_WORDS = _wordset(
    """updated update published posted last modified first created on at am pm
    a.m. p.m. a.m p.m of ago hour hours minute minutes min mins day days week weeks
    month months year years just now yesterday today date time et est edt ct
    cst cdt pt pst pdt mt gmt bst utc cet cest msk ist aest jst hkt sgt"""
)
_BYLINE_LOWER = _TIME_WORDS | _wordset(
    """and of the for in at on with from via staff writer writers reporter
    reporters correspondent correspondents editor contributor columnist senior
    chief political foreign special news desk read based team bureau by
    editing"""
)
_SOCIAL = _wordset(
    """facebook twitter x linkedin whatsapp email e-mail reddit pinterest telegram
    print share copy link flipboard messenger sms mail tumblr threads bluesky
    instagram youtube tiktok"""
)
_STOPWORDS_AT_END = _wordset(
    "a an the of to and or in at for with by from as into than that its"
)
_AGENCY = (
    r"(?:AP|A\.P\.|Associated\s+Press|Reuters|REUTERS|AFP|EPA(?:-EFE)?|EFE|"
    r"Getty(?:\s+Images)?|Shutterstock|Alamy(?:\s+Stock\s+Photo)?|"
    r"PA(?:\s+(?:Wire|Images|Media))?|Bloomberg|NurPhoto|SOPA\s+Images|LightRocket|"
    r"Xinhua|TASS|Sputnik|ANP|Anadolu(?:\s+Agency)?|dpa|DPA|ZUMA(?:\s+(?:Press|Wire))?|"
    r"Pool|POOL|Handout|HANDOUT|iStock(?:photo)?|Unsplash|Wikimedia(?:\s+Commons)?|"
    r"Kyodo|Yonhap|Imago|IMAGO|Redux|UPI|Sipa(?:\s+USA)?|Polaris|WireImage)"
)

# --- line patterns -----------------------------------------------------------

_FURNITURE = re.compile(
    r"""^(?:
    (?:previous|prev)\s*(?:article|post|story|page)?\s*next\s*(?:article|post|story|page)?
    | (?:previous|prev|next)\s+(?:article|post|story|page)
    | share(?:\s+(?:this|the)\s+(?:article|story|page|post))?(?:\s+(?:on|via)\s+\w+)?
    | scroll\s+(?:down|up)\b.* | (?:\w+\s+)?loading(?:\s*\W*)? | caption
    | (?:view|see)\s+(?:the\s+)?(?:gallery|photos?|pictures?|video|more|on\s+\w+)
    | ads?(?:\s+by\s+\w+)? | sign\s+up\s+(?:now|here|today)
    | tweet | e-?mail | print | copy\s+link | link\s+copied | save(?:\s+article)?
    | comments?(?:\s*\(?\d+\)?)? | \d+\s+comments? | (?:show|view)\s+comments
    | leave\s+a\s+(?:comment|reply)
    | advertisement | advertising | ad | sponsored(?:\s+content)? | paid\s+content
    | promoted(?:\s+stories)? | sign\s+up | subscribe(?:\s+now)? | sign\s+in
    | log\s+in | register
    | read\s+more | continue\s+reading | read\s+the\s+full\s+(?:story|article)
    | see\s+more | show\s+more | load\s+more | more\s+stories | more\s+on\s+this\s+story
    | recommended(?:\s+for\s+you)? | you\s+(?:may|might)\s+also\s+like
    | most\s+(?:read|popular|viewed|shared) | trending(?:\s+now)? | top\s+stories
    | skip\s+to\s+(?:main\s+)?content | skip\s+navigation | menu | search | home
    | back\s+to\s+top | close | toggle\s+navigation
    | listen(?:\s+to\s+(?:this\s+)?article)?(?:\s+\d+\s+min(?:ute)?s?)?
    | \d+\s+min(?:ute)?s?\s+(?:read|listen) | reading\s+time\b.*
    | (?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?advertisement)?
    | scroll\s+to\s+continue\b.* | loading
    | image | photo | video | gallery | enlarge\s+(?:this\s+)?image | (?:toggle|hide)\s+caption
    | play\s+video | watch(?:\s+video)?
    | all\s+rights\s+reserved | terms\s+(?:of\s+(?:use|service)|and\s+conditions)
    | privacy\s+(?:policy|notice) | cookie\s+(?:policy|settings|preferences)
    | accept(?:\s+all)?(?:\s+cookies)? | reject\s+all | manage\s+(?:preferences|cookies|consent)
    | follow\s+us\b.* | follow\s+\S+(?:\s+\S+)? | click\s+here\b.* | tags?\s*:.* | topics?\s*:.* | filed\s+under\b.*
    | posted\s+in\b.* | more\s+\w+(?:\s+\w+)?(?:\s+news)?
    | this\s+(?:interview|article|story)\s+(?:has\s+been|was)\s+(?:edited|updated|amended)\b.*
    | the\s+views\s+expressed\b.*\bown
    | (?:©|\(c\)|copyright)\s.*(?:\d{4}|rights\s+reserved).*
    )$""",
    re.X,
)
# A bare URL, domain or e-mail address, or a line of script code.
_WEB_THING = re.compile(
    r"^(?:(?:https?://|www\.)\S+|[\w.-]+\.[a-z]{2,6}(?:/\S*)?|\S+@[\w-]+\.[\w.]+"
    r"|[\w.$]+\([^\s]*\);?)$"
)
_SIGN_OFF = re.compile(
    r"^(?:contributing|contributors?|with\s+(?:news\s+)?wire\s+services"
    r"|with\s+(?:additional\s+)?reporting\s+by)\b"
)
_NOTICE = re.compile(r"^(?:correction|clarification|editor.?s\s+note)\s*:")
_PROMO = re.compile(
    r"^(?:sign\s+up|subscribe|get|want|join|don.?t\s+miss|never\s+miss|enter\s+your"
    r"|stay\s+(?:informed|up\s+to\s+date)|receive|for\s+more)\b.*"
    r"\b(?:newsletters?|inbox|briefings?|alerts|digest)\b"
)
_COOKIE = re.compile(
    r"^(?:we|this\s+(?:web)?site|our\s+(?:web)?site|we\s+and\s+our\s+partners)\s+uses?\s+"
    r"cookies|^by\s+(?:continuing|using|clicking)\b.*\b(?:cookies|privacy|terms)\b"
    r"|\baccept\s+(?:all\s+)?cookies\b|^cookies?\s+(?:help|are\s+used|notice|consent)"
)
_RELATED_INLINE = re.compile(
    r"^(?:related|read\s+more|read\s+also|also\s+read|see\s+also|more|watch|listen"
    r"|more\s+on\s+this(?:\s+(?:story|topic))?|related\s+\w+)\s*[:|»›>]\s*\S"
)
_RELATED_HEADER = re.compile(
    r"^(?:related|read\s+more|see\s+also|also\s+read|recommended|further\s+reading"
    r"|more\s+(?:from|on|about|stories|coverage)\b.*|on\s+this\s+topic|complete\s+coverage"
    r"|see\s+all\s+related|more|you\s+(?:may|might)\s+also\s+like"
    r"|most\s+(?:read|popular)|related\s+(?:articles|stories|coverage|content|links"
    r"|topics|reading|news|posts))\s*:?$"
)
_CALLOUT_NAMES = (
    r"(?:why\s+we\s+wrote\s+this|key\s+points?|key\s+takeaways?|takeaways|at\s+a\s+glance"
    r"|in\s+brief|quick\s+read|story\s+highlights|highlights|tl;?\s*dr|fast\s+facts"
    r"|quick\s+facts|key\s+facts|the\s+gist|in\s+short|summary|need\s+to\s+know"
    r"|what\s+you\s+need\s+to\s+know|fact\s+box)"
)
# A header alone on its line, or followed by its text after a colon.
_CALLOUT_ALONE = re.compile(rf"^(?:{_CALLOUT_NAMES}|why\s+it\s+matters)[:.]?$")
_CALLOUT_INLINE = re.compile(rf"^{_CALLOUT_NAMES}\s*[:—–]\s*\S")
# "Right, let's ..." opens sentences: place words count only with a colon.
_CAPTION_MARKER = re.compile(
    r"^(?:(?:image|photo)\s+caption\s*[:,]|(?:caption|pictured|above|top|below|left"
    r"|right|inset|main\s+(?:image|picture))\s*:)\s*\S"
)
_CREDIT_LABEL = re.compile(
    r"^[\[(]?(?:photo(?:graph)?s?|pictures?|pics?|images?|photo\s+credit|image\s+credit"
    r"|credit|illustration|graphic|footage|image\s+source|uploaded\s+by)"
    r"\s*(?:by\s+|via\s+|courtesy(?:\s+of)?\s*:?\s*|:\s*|,\s*)\S",
    re.I,
)
_CAP = r"(?:[A-Z][\w.'’&-]*|[A-Z]\.)"
_CAPS = rf"{_CAP}(?:\s+(?:(?:de|van|der|von|da|del|la|le|bin|al|el|du|di|of|the|for|via)\s+)?{_CAP}){{0,5}}"
_CREDIT_SLASH = re.compile(
    rf"^\(?(?:AP\s+Photo|{_CAPS})\s*/\s*{_CAPS}(?:\s*,\s*{_CAP})?\)?$"
)
_CREDIT_AGENCY = re.compile(
    rf"^\(?(?:{_AGENCY})(?:\s+(?:Photo|Images|Pictures))?(?:\s+(?:via|for)\s+{_CAPS})?\)?$"
)
_CREDIT_MISC = re.compile(
    rf"^(?:©\s*{_CAPS}|(?i:courtesy(?:\s+of)?|handout(?:\s+from)?)\s+(?:the\s+)?[A-Z].*"
    rf"|{_CAPS}\s+for\s+The\s+{_CAPS}|\((?i:photo|picture|image)\s*:\s*[^()]+\))$"
)
_PHOTO_CAPTION = re.compile(r"^(?i:photo|picture|image)\s*:\s*\S.*[.!?]$")
_DASH_SIGNATURE = re.compile(rf"^[-–—]\s*{_CAPS}$")
_MARKDOWN_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
# Words a credit needs one of; lines ending without any skip the tail search.
_CREDIT_HINT_WORDS = (
    "photo photos photograph picture pictures image images credit courtesy handout "
    "pool ap reuters afp epa efe getty shutterstock alamy pa bloomberg xinhua tass "
    "sputnik anp anadolu dpa zuma istock unsplash wikimedia kyodo yonhap imago upi "
    "sipa polaris wireimage nurphoto"
)
_CREDIT_HINT = re.compile(r"\b(?:" + "|".join(_CREDIT_HINT_WORDS.split()) + r")\b")
_SLASH_ABBREVIATION = re.compile(r"^[A-Za-z]/[A-Za-z]\b")
_NEWS_AGENCY_ONLY = re.compile(
    r"^\(?(?:AP|Associated\s+Press|Reuters|REUTERS|AFP|dpa|DPA|Xinhua|TASS|EFE|ANP"
    r"|Kyodo|Yonhap|UPI|Bloomberg|PA)\)?$"
)
_CREDIT_NAME_WORDS = _wordset(
    "via of for the and by on from cc courtesy handout file screenshot screengrab "
    "screen grab photo photos image images supplied pool government official "
    "family police army ministry press office agency archive archives"
)
_CREDIT_PIPE = re.compile(rf"^{_CAPS}\s*\|\s*{_AGENCY}$")
_BULLET = re.compile(r"^(?:[-*•●▪◦–—]|\d{1,2}[.)])\s+")
_BYLINE_START = re.compile(
    r"^(?:(?:written|words|reporting|reported|story|text|additional\s+reporting"
    r"|interview|interviewed"
    r"|compiled|edited|editing|writing)\s+)?by\s*:?\s+|^(?:author|authors|reporter"
    r"|writer)\s*:\s*",
    re.I,
)
_ROLE_BYLINE = re.compile(
    rf"^{_CAPS}(?:\s+and\s+{_CAPS})?,\s+(?:[A-Z][\w-]*\s+){{0,3}}"
    r"(?i:correspondent|reporter|editor|writer|columnist|contributor)s?$"
)
_ROLE_TAIL = re.compile(
    r"^(?:[\w-]+\s+){0,3}(?i:correspondent|reporter|editor|writer|columnist|contributor"
    r"|producer|analyst)s?$"
)
_WIRE_FOOTER = re.compile(
    r"\((?:(?:additional\s+)?reporting|writing|editing|compiled|reported)\s+by\b[^()]*\)$",
    re.I,
)
_DATELINE = re.compile(
    rf"""^(?:
      (?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){{0,3}})
      (?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,2}})?
      (?:,?\s*(?i:{_MONTHS})\.?\s+\d{{1,2}})?
      (?P<agency>\s*\([A-Z][\w&.'’ -]{{0,30}}\))?
    | (?P<lone>\([A-Z][\w&.'’ -]{{0,30}}\))
    )\s*(?:--?|–|—|:)\s+(?=\S)""",
    re.X,
)
_TIME_TOKEN = re.compile(
    r"^(?:\d{1,2}(?:st|nd|rd|th)?|\d{4}|\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?"
    r"|\d{4}-\d{2}-\d{2}(?:t[\d:.]+z?)?|\d{1,2}/\d{1,2}/\d{2,4})$"
)
_STRONG_TIME = re.compile(
    rf"\b(?:{_MONTHS}|{_WEEKDAYS})\b|\d{{1,2}}[:.]\d{{2}}|\d{{4}}-\d{{2}}-\d{{2}}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\bago\b|\byesterday\b|\btoday\b"
)
_LINE = re.compile(r"[^\r\n]+")
_SENTENCE_GAP = re.compile(r"(?<=[.!?\"”’)])\s+(?=\S)|\s+(?=\()")
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]{3,})[\"“”„«»]|‘([^‘’]{12,})’")
_OPEN_QUOTE = "\"“„«‘'"
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|stated|noted|explained|warned"
    r"|insisted|argued|wrote|writes|tweeted|claimed|continued|remarked|replied"
    r"|asked|announced|according\s+to|acknowledged|admitted|recalled|declared)\b",
    re.I,
)
_NON_WORD = re.compile(r"[\W_]+")


def _normalize(text: str) -> str:
    """Casefolded words only: quotes, dashes, punctuation and spacing folded."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _squash(line: str) -> str:
    """A line as the pattern tables see it: casefolded, markdown marks and
    surrounding punctuation dropped, spaces collapsed."""
    line = re.sub(r"^#{1,6}\s+", "", line.casefold())
    line = line.strip(" \t|•·»«›‹><:-–—…*_[]").rstrip(".!")
    return " ".join(line.split())


# --- line rules --------------------------------------------------------------


def _is_time_line(line: str, squashed: str | None = None) -> bool:
    """Only date/time words: "Updated June 3, 2024", "5 hours ago"."""
    if squashed is None:
        squashed = _squash(line)
    tokens = [t.strip(",.:;|•·-–—()") for t in squashed.split()]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > 14 or not _STRONG_TIME.search(squashed):
        return False
    return all(
        t in _TIME_WORDS or t.rstrip(".") in _CALENDAR or _TIME_TOKEN.match(t)
        for t in tokens
    )


def _is_byline(line: str) -> bool:
    """ "By Jane Doe", "By Jane Doe and John Roe, Reuters | June 3, 2024"."""
    match = _BYLINE_START.match(line)
    if not match:
        return False
    names, comma, role = line[match.end() :].partition(",")
    if comma and _ROLE_TAIL.match(role.strip()):
        line = line[: match.end() + len(names)]  # "..., health editor"
    words = line[match.end() :].split()
    if not 1 <= len(words) <= 14 or not words[0][:1].isupper():
        return False
    first = words[0].casefold().strip(",.'’s")
    if first in _CALENDAR or first.rstrip("'’") in _CALENDAR:
        return False  # "By Monday, the council had ..."
    for word in words:
        core = word.strip(",;|•·()-–—:")
        if core and not (
            core[0].isupper() or core[0].isdigit() or core.casefold() in _BYLINE_LOWER
        ):
            return False
    return True


def _is_credit(line: str) -> bool:
    """Photo credits: "Jane Doe/AP", "AP Photo/Jane Doe", "Getty Images",
    "Photo: Jane Doe", "(Reuters/Jane Doe)"."""
    if len(line) > 120 or len(line.split()) > 14:
        return False
    label = _CREDIT_LABEL.match(line)
    if label and not _CAPTION_MARKER.match(line.casefold()):
        # "Photo: Jane Doe/AP" names someone; "Photo: The dam in 2022." does
        # not (it is a caption).
        return _names_only(line[label.end() - 1 :])
    if _SLASH_ABBREVIATION.match(line):
        return False  # "H/T FTVLive" is a hat tip, not a photo credit
    return bool(
        _CREDIT_SLASH.match(line)
        or _CREDIT_AGENCY.match(line)
        or _CREDIT_PIPE.match(line)
        or _CREDIT_MISC.match(line)
    )


def _names_only(text: str) -> bool:
    """Words that can only be a name list: capitalized, handles, numbers and
    a few connectors ("Sam Smith via Getty Images", "@user on Instagram")."""
    words = [w.strip(",;:()[]/-–—|") for w in text.split()]
    return 0 < len(words) <= 10 and all(
        not w
        or w[0].isupper()
        or w[0].isdigit()
        or w[0] == "@"
        or w.casefold() in _CREDIT_NAME_WORDS
        for w in words
    )


def _line_kind(line: str) -> str | None:
    """The kind a whole line has on its own, or None (body so far). Word
    limits come first so that long prose lines cost a few cheap checks."""
    n_words = line.count(" ") + 1
    if n_words > 40:
        # Prose: only a caption or call-out label at its start, or a cookie
        # notice, can mark a line this long.
        head = _squash(line[:80])
        if _CAPTION_MARKER.match(head):
            return _CAPTION
        if _CALLOUT_INLINE.match(head):
            return _CALLOUT
        cookie = n_words <= 80 and "cookie" in line.casefold()
        return _BOILER if cookie and _COOKIE.search(_squash(line)) else None
    squashed = _squash(line)
    if _CAPTION_MARKER.match(squashed):
        return _CAPTION
    if n_words <= 14 and _is_credit(line):
        return _CREDIT
    if _PHOTO_CAPTION.match(line) and not _is_credit(line):
        return _CAPTION  # "Photo: The Tessel dam under construction in 2022."
    if _CALLOUT_ALONE.match(squashed) or _CALLOUT_INLINE.match(squashed):
        return _CALLOUT
    if _is_boilerplate(line, squashed, len(squashed.split())):
        return _BOILER
    return None


def _is_boilerplate(line: str, squashed: str, n_words: int) -> bool:
    if n_words < 4 and not any(c.isalpha() for c in squashed):
        return True  # rules, ornaments, gallery counters such as "+12"
    if n_words <= 12 and (
        _is_section(squashed)
        or _FURNITURE.match(squashed)
        or _RELATED_HEADER.match(squashed)
        or _WEB_THING.match(squashed)
        or _MARKDOWN_IMAGE.match(line)
        or _is_share_row(squashed)
        or _is_breadcrumb(squashed)
    ):
        return True
    if n_words <= 25 and _RELATED_INLINE.match(squashed):
        return True  # "More on this story: Inside the prison where ..."
    if n_words <= 8 and (_SIGN_OFF.match(squashed) or _DASH_SIGNATURE.match(line)):
        return True  # "Contributing: The Associated Press", "– Chris Rogers"
    if n_words <= 14 and _is_time_line(line, squashed):
        return True
    if n_words <= 30:
        plain = line.strip(" ()*_")  # markdown emphasis: *By Jane Doe*
        if _is_byline(plain) or _ROLE_BYLINE.match(plain) or _is_meta_line(plain):
            return True
        if line.startswith("(") and _WIRE_FOOTER.match(line):
            return True
        by = squashed.rfind(" by ")
        if by > 0 and _is_time_line(line, squashed[:by]):
            # "Posted on June 3, 2024 by Jane Doe"
            return _is_byline("By " + line[line.casefold().rfind(" by ") + 4 :])
    if n_words <= 60 and _NOTICE.match(squashed):
        return True  # "Correction: An earlier version of this article ..."
    if n_words <= 40 and _PROMO.match(squashed):
        return True
    return n_words <= 80 and "cookie" in squashed and bool(_COOKIE.search(squashed))


def _is_section(squashed: str) -> bool:
    """ "News", "Middle East & Africa", "Science and Environment"."""
    return squashed in _SECTIONS or all(
        part in _SECTIONS for part in re.split(r"\s+(?:&|and)\s+", squashed)
    )


def _is_share_row(squashed: str) -> bool:
    """ "Facebook Twitter Email", "Share on Facebook Share on X Email"."""
    words = squashed.split()
    return (
        len(words) >= 2
        and all(w in _SOCIAL or w in ("on", "via", "and") for w in words)
        and sum(w in _SOCIAL for w in words) >= 2
    )


def _is_meta_line(line: str) -> bool:
    """Byline, time and labels joined by separators: "By Jane Doe · 5 min
    read · 19 June 2024", "*Science | Dev Malhotra | 14 May 2024*"."""
    parts = [p.strip(" *_") for p in re.split(r"\s[|·•—–]\s", line)]
    if len(parts) < 2 or not all(parts):
        return False
    known = [
        _is_byline(p) or bool(_ROLE_BYLINE.match(p)) or _is_time_line(p) for p in parts
    ]
    return any(known) and all(
        k
        or _is_section(_squash(p))
        or _FURNITURE.match(_squash(p))
        or _is_short_title_like(p)
        for k, p in zip(known, parts, strict=True)
    )


def _is_breadcrumb(squashed: str) -> bool:
    """ "Home > World > Europe", "News | Politics"."""
    parts = [p.strip() for p in re.split(r"\s[>›»/|•·]\s", squashed)]
    return (
        len(parts) >= 2
        and any(p in _SECTIONS or p == "home" for p in parts)
        and all(0 < len(p.split()) <= 3 and p[-1:] not in ".!?" for p in parts)
    )


def _ends_unfinished(line: str) -> bool:
    """A line that a hard wrap cut: no final punctuation, or a function word."""
    words = line.split()
    return line[-1:] in ",;-–—" or (
        words != [] and words[-1].casefold() in _STOPWORDS_AT_END
    )


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    stripped = line.lstrip("# ")
    return (
        2 <= len(words) <= 20
        and sum(w.isalpha() for w in words) >= 2
        and len(line) <= 160
        and line[-1:] not in ".,;:…\"”’'"
        and (line[-1:] not in "?!" or len(words) >= 3)
        and (
            stripped[:1].isupper()
            or stripped[:1].isdigit()
            or stripped[:1] in _OPEN_QUOTE
        )
        and not _ends_unfinished(line)
        and not _BULLET.match(line)
    )


def _is_short_title_like(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 4 and line[-1:] not in ".,;:!?" and not _BULLET.match(line)
    )


def _is_bullet_paragraph(para: _Paragraph) -> bool:
    return all(_BULLET.match(p.text) for p in para.pieces)


def _is_link_list_line(line: str) -> bool:
    return bool(_BULLET.match(line)) or (
        len(line.split()) <= 16 and line[-1:] not in ".,;:"
    )


# --- paragraphs and pieces ---------------------------------------------------


class _Piece:
    """A stripped span of one line (or part of a line) and its kind so far."""

    __slots__ = ("start", "end", "text", "kind")

    def __init__(self, start: int, end: int, text: str, kind: str | None = None):
        self.start, self.end, self.text, self.kind = start, end, text, kind


class _Paragraph:
    __slots__ = ("index", "pieces")

    def __init__(self, index: int) -> None:
        self.index = index
        self.pieces: list[_Piece] = []

    def words(self) -> int:
        return sum(len(p.text.split()) for p in self.pieces)


def _newlines(gap: str) -> int:
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n")


def _paragraphs(text: str) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    previous_end = None
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + len(line) - len(line.lstrip())
        end = start + len(stripped)
        # A blank line (two newlines with only whitespace between) starts a paragraph.
        if previous_end is None or _newlines(text[previous_end:start]) >= 2:
            paragraphs.append(_Paragraph(len(paragraphs)))
        paragraphs[-1].pieces.append(_Piece(start, end, stripped))
        previous_end = end
    return paragraphs


def _split(para: _Paragraph, piece: _Piece, at: int, head: str, tail: str) -> None:
    """Cut ``piece`` at text offset ``at`` (whitespace around it is dropped)."""
    left = piece.text[:at].rstrip()
    right = piece.text[at:].lstrip()
    right_start = piece.end - len(right)
    i = para.pieces.index(piece)
    para.pieces[i : i + 1] = [
        _Piece(piece.start, piece.start + len(left), left, head),
        _Piece(right_start, piece.end, right, tail),
    ]


# --- the rules, in order -----------------------------------------------------


def clean_blocks(text: str, title: str | None = None) -> list[Block]:
    """Cut an article's text into blocks and name each block's kind.

    Paragraphs are separated by blank lines (``\\n``, ``\\r\\n`` and ``\\r`` all
    count). A body paragraph stays one block; a paragraph whose lines are of
    different kinds (a scraped header "News / Title / By Jane Doe") is cut
    into several, and a wire dateline ("MOSCOW (Reuters) -") becomes its own
    boilerplate block. The blocks are ordered, do not overlap, and cover
    every non-whitespace character of ``text`` exactly once.

    Parameters
    ----------
    text : str
        The article's raw text.
    title : str, optional
        The known headline; lines equal to it are ``"headline"``. Without it
        the first short line without final punctuation near the top is.

    Returns
    -------
    list of Block

    Examples
    --------
    >>> text = "World\\nRain returns to the valley\\nBy Jane Doe\\n\\nIt rained. Farmers cheered."
    >>> [(b.kind, text[b.start:b.end]) for b in clean_blocks(text)]  # doctest: +NORMALIZE_WHITESPACE
    [('boilerplate', 'World'), ('headline', 'Rain returns to the valley'),
     ('boilerplate', 'By Jane Doe'), ('body', 'It rained. Farmers cheered.')]
    """
    paragraphs = _paragraphs(text)
    _mark_lines(paragraphs)
    _inherit_wrapped(paragraphs)
    _mark_headline(paragraphs, title)
    _join_wrapped_numbers(paragraphs)
    _mark_callouts(paragraphs)
    _mark_related_lists(paragraphs)
    _mark_captions(paragraphs)
    _mark_pull_quotes(paragraphs)
    _split_datelines(paragraphs)
    return _blocks(paragraphs)


def _mark_lines(paragraphs: list[_Paragraph]) -> None:
    """Whole-line patterns; caption/credit tails and wire footers split off."""
    for para in paragraphs:
        for piece in list(para.pieces):
            line = piece.text
            if len(line) > 600:
                _split_tail(para, piece)
                continue  # a long line is prose; only tails can be furniture
            kind = _line_kind(line)
            piece.kind = kind
            if kind is None or kind == _CAPTION:
                _split_tail(para, piece)


def _split_tail(para: _Paragraph, piece: _Piece) -> None:
    """Split a credit ("... Monday. Jane Doe/AP") or wire footer
    ("... (Reporting by Jane Doe; Editing by John Roe)") off a line's end."""
    line = piece.text
    if line.endswith(")"):
        footer = _WIRE_FOOTER.search(line)
        if footer and footer.start() > 0:
            _split(para, piece, footer.start(), piece.kind, _BOILER)
            return
    region = line[-130:]
    if not (
        "/" in region
        or "|" in region
        or "©" in region
        or _CREDIT_HINT.search(region.casefold())
    ):
        return
    best = None
    for gap in reversed(list(_SENTENCE_GAP.finditer(line, max(0, len(line) - 130)))):
        tail = line[gap.end() :]
        if len(tail.split()) > 14:
            break
        if _is_credit(tail):
            best = gap.start()
    if best is not None and best > 0:
        _split(para, piece, best, piece.kind, _CREDIT)


def _inherit_wrapped(paragraphs: list[_Paragraph]) -> None:
    """A hard-wrapped continuation line, starting in lower case after an
    unfinished line, belongs to the line before it."""
    for para in paragraphs:
        for before, piece in pairwise(para.pieces):
            if piece.text[:1].islower() and before.text[-1:] not in '.!?:"”’)':
                piece.kind = before.kind


def _join_wrapped_numbers(paragraphs: list[_Paragraph]) -> None:
    """A wrapped body line may leave a number alone on the next line ("...
    issued in the valley since" / "2020."): that line is body too."""
    for para in paragraphs:
        for before, piece in pairwise(para.pieces):
            if (
                before.kind is None
                and len(before.text) >= 50
                and before.text[-1:] not in '.!?:"”’)'
                and (piece.text[:1].isdigit() or piece.text[:1] in "$€£")
            ):
                piece.kind = None


def _body_pieces(paragraphs: list[_Paragraph]):
    for para in paragraphs:
        for i, piece in enumerate(para.pieces):
            if piece.kind is None:
                yield para, i, piece


def _mark_headline(paragraphs: list[_Paragraph], title: str | None) -> None:
    if title is not None:
        wanted = _title_keys(title)
        if not wanted:
            return
        for para, i, piece in list(_body_pieces(paragraphs)):
            if len(piece.text) <= 2 * len(title) + 40 and (
                _title_keys(piece.text) & wanted
            ):
                piece.kind = _HEADLINE
                _mark_kicker(paragraphs, para, i)
        return
    # No title: the first short line without final punctuation near the top,
    # possibly under one or two short kicker lines ("City / Transport / ...").
    candidates = []
    for para, i, piece in _body_pieces(paragraphs):
        candidates.append((para, i, piece))
        if len(candidates) == 3:
            break
    for k, (para, i, piece) in enumerate(candidates):
        if k and not (
            para is candidates[k - 1][0] or para.index == candidates[k - 1][0].index + 1
        ):
            return  # kickers sit right above the headline
        is_headline = _headline_stands_alone(para, i) and (
            k == 0 or len(piece.text.split()) > 3
        )
        if is_headline and not (
            k + 1 < len(candidates) and _kicker_above(candidates[k], candidates[k + 1])
        ):
            for _, _, kicker in candidates[:k]:
                kicker.kind = _BOILER
            piece.kind = _HEADLINE
            return
        if not _is_kicker(piece.text):
            return


def _is_kicker(line: str) -> bool:
    return _is_short_title_like(line) and len(line.split()) <= 3


def _kicker_above(first: tuple, second: tuple) -> bool:
    """Whether ``first`` is a short label directly above a longer title line."""
    (para, _, piece), (para2, j, nxt) = first, second
    return (
        _is_kicker(piece.text)
        and len(nxt.text.split()) > 3
        and (para2 is para or para2.index == para.index + 1)
        and _headline_stands_alone(para2, j)
    )


def _headline_stands_alone(para: _Paragraph, i: int) -> bool:
    piece = para.pieces[i]
    if not _looks_like_headline(piece.text):
        return False
    following = para.pieces[i + 1] if i + 1 < len(para.pieces) else None
    return following is None or not following.text[:1].islower()


def _title_keys(text: str) -> set[str]:
    """The title and, for "Title | Site", its longer parts, normalized."""
    keys = {_normalize(text)}
    parts = re.split(r"\s+[|–—-]\s+|\s+::\s+", text)
    if len(parts) > 1:
        keys |= {_normalize(p) for p in parts if len(p.split()) >= 3}
    return keys - {""}


def _mark_kicker(paragraphs: list[_Paragraph], para: _Paragraph, i: int) -> None:
    """A short line right above the headline is a section label."""
    if i > 0:
        above = para.pieces[i - 1]
    elif para.index > 0 and len(paragraphs[para.index - 1].pieces) == 1:
        above = paragraphs[para.index - 1].pieces[0]
    else:
        return
    if above.kind is None and _is_short_title_like(above.text):
        above.kind = _BOILER


def _mark_callouts(paragraphs: list[_Paragraph]) -> None:
    """A call-out header takes the rest of its paragraph; a header alone at
    a paragraph's end takes the next paragraph, and further bullet ones."""
    for para in paragraphs:
        for i, piece in enumerate(para.pieces):
            if piece.kind != _CALLOUT:
                continue
            for rest in para.pieces[i + 1 :]:
                if rest.kind is None:
                    rest.kind = _CALLOUT
            if i + 1 < len(para.pieces) or not _CALLOUT_ALONE.match(
                _squash(piece.text)
            ):
                break
            taken = None
            for nxt in paragraphs[para.index + 1 :]:
                if taken is not None and not (
                    _is_bullet_paragraph(nxt) and _is_bullet_paragraph(taken)
                ):
                    break
                if any(p.kind not in (None, _CALLOUT) for p in nxt.pieces):
                    break
                for p in nxt.pieces:
                    p.kind = _CALLOUT
                taken = nxt
            break


def _mark_related_lists(paragraphs: list[_Paragraph]) -> None:
    """Under a "Related:" header, the link titles that follow are furniture."""
    for para in paragraphs:
        for i, piece in enumerate(para.pieces):
            if piece.kind != _BOILER or not _RELATED_HEADER.match(_squash(piece.text)):
                continue
            rest = para.pieces[i + 1 :]
            for p in rest:
                if p.kind is None and _is_link_list_line(p.text):
                    p.kind = _BOILER
            if rest:
                break
            for nxt in paragraphs[para.index + 1 :]:
                lines = [p for p in nxt.pieces if p.kind is None]
                if not lines or not all(_is_link_list_line(p.text) for p in lines):
                    break
                for p in lines:
                    p.kind = _BOILER
            break


_PERSONAL = re.compile(r"\b(?:I|[Yy]ou|[Yy]our|[Ww]e|[Oo]ur|[Mm]y)\b")


def _caption_like(pieces: list[_Piece], limit: int) -> bool:
    """Short, descriptive, third-person text: not a quotation, a question,
    an attributed statement or a lead-in to what follows."""
    text = " ".join(p.text for p in pieces)
    return (
        0 < len(text.split()) <= limit
        and text[:1] not in _OPEN_QUOTE
        and text[-1:] not in ":?!"
        and not _SPEECH.search(text)
        and not _PERSONAL.search(text)
    )


def _adjacent_body(pieces: list[_Piece]) -> list[_Piece]:
    """The unmarked pieces next to a credit, up to the first marked one."""
    run = []
    for piece in pieces:
        if piece.kind is not None:
            break
        run.append(piece)
    return run


def _mark_captions(paragraphs: list[_Paragraph]) -> None:
    """The caption goes with a credit: the body text next to it in its
    paragraph, else a short descriptive single-line paragraph just before it."""
    for para in paragraphs:
        credits = [i for i, p in enumerate(para.pieces) if p.kind == _CREDIT]
        if not credits:
            continue
        if len(credits) < len(para.pieces):
            first = credits[0]
            before = _adjacent_body(para.pieces[:first][::-1])
            after = _adjacent_body(para.pieces[first + 1 :])
            if before and _caption_like(before, 60):
                for p in before:
                    p.kind = _CAPTION
            elif not before and after and _caption_like(after, 40):
                for p in after:
                    p.kind = _CAPTION
            continue
        if para.index == 0 or all(_NEWS_AGENCY_ONLY.match(p.text) for p in para.pieces):
            continue  # a lone "AP" may name the story's source, not a photo's
        prev = paragraphs[para.index - 1]
        if (
            len(prev.pieces) == 1
            and prev.pieces[0].kind is None
            and _caption_like(prev.pieces, 30)
        ):
            prev.pieces[0].kind = _CAPTION


def _quotation(text: str) -> str | None:
    """The quoted words of a paragraph that is one quotation (a pull quote),
    with an optional "— Name" attribution after it."""
    text = text.removeprefix(">").lstrip()  # a markdown block quote
    if text[:1] not in _OPEN_QUOTE:
        return None
    match = _PULL_QUOTE.match(text)
    if not match or _SPEECH.search(text[match.end(1) :]):
        return None
    quote = _normalize(match.group(1) or match.group(2))
    return quote if len(quote) >= 20 else None


_PULL_QUOTE = re.compile(
    r"^(?:[\"“„«]([^\"“”„«»]+)[\"”»]|‘([^‘’]+)’)\s*(?:(?:--?|–|—|―)\s*[^.!?]{0,80})?$"
)


def _mark_pull_quotes(paragraphs: list[_Paragraph]) -> None:
    """A paragraph that is only a quotation repeating a quotation found,
    with its attribution, elsewhere in the page is a pull quote."""
    candidates = []
    for para in paragraphs:
        if len(para.pieces) == 1 and para.pieces[0].kind is None and para.words() <= 60:
            quote = _quotation(para.pieces[0].text)
            if quote:
                candidates.append((para, quote))
    if not candidates:
        return
    alone = {id(para) for para, _ in candidates}
    attributed = [
        _normalize(" ".join(p.text for p in para.pieces if p.kind is None))
        for para in paragraphs
        if id(para) not in alone
    ]
    haystack = " \n " + " \n ".join(attributed) + " \n "
    for para, quote in candidates:
        if f" {quote} " in haystack:
            para.pieces[0].kind = _CALLOUT


def _split_datelines(paragraphs: list[_Paragraph]) -> None:
    """ "MOSCOW (Reuters) -" at a body paragraph's start is its own block.
    Without an agency in brackets only the first body paragraph is tried,
    since "NATO - ..." could open any later paragraph."""
    first_body = True
    for para in paragraphs:
        if not para.pieces or para.pieces[0].kind is not None:
            continue
        piece = para.pieces[0]
        match = _DATELINE.match(piece.text)
        if match and (first_body or match.group("agency") or match.group("lone")):
            place = match.group("place")
            if place is None or len(place.replace(".", "")) >= 2:
                _split(para, piece, match.end(), _BOILER, None)
        first_body = False


def _blocks(paragraphs: list[_Paragraph]) -> list[Block]:
    """Adjacent pieces of one kind in a paragraph merge into one block."""
    blocks: list[Block] = []
    for para in paragraphs:
        current = None
        for piece in para.pieces:
            kind = piece.kind or _BODY
            if current is not None and current[2] == kind:
                current[1] = piece.end
            else:
                if current is not None:
                    blocks.append(Block(current[0], current[1], current[2], para.index))
                current = [piece.start, piece.end, kind]
        if current is not None:
            blocks.append(Block(current[0], current[1], current[2], para.index))
    return blocks


# --- repeats -----------------------------------------------------------------

_MIN_REPEAT_WORDS = 3
_SHINGLE = 5
_MIN_CONTAINED_WORDS = 8
_MAX_POSTING = 64


def find_duplicates(texts: Sequence[str]) -> list[int | None]:
    """For each text, the index of the first earlier text it repeats.

    Texts are compared normalized (casefolded; quotes, dashes, punctuation
    and spacing folded). Near repeats count too: the same quotation with a
    different attribution (``"..., he said."`` / ``"..., he told
    journalists."``), a pull quote repeating a quoted sentence without its
    attribution, and a text of eight or more words wholly contained in an
    earlier one. Texts of fewer than three words are never repeats ("Yes."
    twice in an interview is two answers). Lookups are hashed (a shared
    five-word shingle is looked up in at most 64 earlier texts), so the cost
    grows with the total length, not with its square.

    Parameters
    ----------
    texts : sequence of str

    Returns
    -------
    list of int or None
        ``None`` for the first occurrence of each text.

    Examples
    --------
    >>> find_duplicates([
    ...     "“We will rebuild the bridge,” he said.",
    ...     "Traffic was light.",
    ...     "“We will rebuild the bridge,” he told journalists.",
    ...     "We will rebuild the bridge",
    ... ])
    [None, None, 0, 0]
    """
    first: dict[str, int] = {}
    postings: dict[tuple[str, ...], list[int]] = {}
    padded: dict[int, str] = {}  # " words " of each indexed text, to verify
    result: list[int | None] = []
    for index, text in enumerate(texts):
        words = _normalize(text)
        if words.count(" ") + 1 < _MIN_REPEAT_WORDS:
            # "Yes." twice in an interview is two answers, not a repeat.
            result.append(None)
            continue
        keys = _repeat_keys(text, words)
        found = [first[k] for k in keys if k in first]
        tokens = words.split()
        shingles = list(zip(*(tokens[k:] for k in range(_SHINGLE)), strict=False))
        if not found and len(tokens) >= _MIN_CONTAINED_WORDS:
            container = _contained_in(words, shingles, postings, padded)
            if container is not None:
                found.append(container)
        # Point at the original, never at another repeat.
        original = min(found) if found else None
        if original is not None and result[original] is not None:
            original = result[original]
        result.append(original)
        for key in keys:
            first.setdefault(key, index if original is None else original)
        if shingles:
            padded[index] = f" {words} "
        for shingle in set(shingles):
            posting = postings.get(shingle)
            if posting is None:
                postings[shingle] = [index]
            elif len(posting) < _MAX_POSTING:
                posting.append(index)
    return result


def _repeat_keys(text: str, words: str) -> list[str]:
    """The normalized text, and for quotations and attributed statements the
    part that stays the same when the attribution changes."""
    keys = [words]
    n_words = words.count(" ") + 1 if words else 0
    quoted = [a or b for a, b in _QUOTED.findall(text)]
    if quoted:
        quote = _normalize(" ".join(quoted))
        # Only when the quotation is most of the text: a phrase quoted inside
        # a new sentence is not a repeat of the sentence it came from.
        if quote.count(" ") + 1 >= max(4, n_words // 2):
            keys.append("q " + quote)
    bare = _strip_attribution(text)
    if bare is not None:
        keys.append("q " + bare)
    elif not quoted and n_words >= 4:
        keys.append("q " + words)  # a pull quote stripped of its quote marks
    return keys


def _strip_attribution(text: str) -> str | None:
    """``"X, he told journalists."`` -> ``"x"``; ``"Lopez said that X."`` -> ``"x"``."""
    stripped = text.strip()
    cut = max(stripped.rfind(","), stripped.rfind("”"), stripped.rfind('"', 0, -2))
    if cut > 0:
        tail = stripped[cut + 1 :]
        if len(tail.split()) <= 10 and _SPEECH.search(tail):
            bare = _normalize(stripped[:cut])
            if bare.count(" ") >= 4:
                return bare
    lead = _LEAD_ATTRIBUTION.match(stripped)
    if lead:
        bare = _normalize(stripped[lead.end() :])
        if bare.count(" ") >= 4:
            return bare
    return None


_LEAD_ATTRIBUTION = re.compile(
    r"^(?:[\w'’.-]+\s+){1,5}?(?:(?:said|says|added|stated|noted|explained|warned"
    r"|insisted|argued)(?:\s+that)?|told(?:\s+\w+){1,2}?\s+that)[\s:,]+"
)


def _contained_in(
    words: str,
    shingles: list[tuple[str, ...]],
    postings: dict[tuple[str, ...], list[int]],
    padded: dict[int, str],
) -> int | None:
    """The first earlier text that contains this one word for word: texts
    sharing its first, middle and last shingles, verified by substring."""
    candidates: set[int] | None = None
    for shingle in (shingles[0], shingles[len(shingles) // 2], shingles[-1]):
        posting = postings.get(shingle)
        if not posting:
            return None
        candidates = set(posting) if candidates is None else candidates & set(posting)
    needle = f" {words} "
    return min((j for j in candidates or () if needle in padded[j]), default=None)
