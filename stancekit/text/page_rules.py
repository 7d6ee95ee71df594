"""What one line of a scraped page is on its own: the word lists, patterns
and line rules behind :func:`stancekit.text.clean.clean_blocks`.

:func:`line_kind` names the kind a whole line has without looking at its
neighbours (a byline, a credit, a share row, a cookie notice); the rules that
look at a line's place in the page (headlines, captions next to credits,
call-out boxes) are in :mod:`stancekit.text.clean`. ``docs/cleaning.md`` lists
the rules with examples.
"""

from __future__ import annotations

import re
from typing import Final

from stancekit.lexicon import words
from stancekit.lexicon.calendar import (
    MONTH_NAMES_AND_ABBREVIATIONS,
    WEEKDAY_NAMES_AND_ABBREVIATIONS,
)
from stancekit.lexicon.speech import ATTRIBUTION_WORDS
from stancekit.text.dispatch import FirstCharacterDispatch

BODY, HEADLINE, CALLOUT, CAPTION, CREDIT, BOILER = (
    "body",
    "headline",
    "callout",
    "caption",
    "credit",
    "boilerplate",
)


def _phraseset(phrases: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in phrases.split(";"))


# --- word lists --------------------------------------------------------------

_SECTIONS: Final = _phraseset(
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
# Items of a site's navigation bar: "Menu  Search  Sign in" is a row of them.
_NAV_ITEMS: Final = _phraseset(
    """menu; search; sign in; sign up; sign out; log in; login; log out; logout;
    subscribe; register; account; my account; profile; settings; notifications;
    newsletters; newsletter; edition; home; close; skip to content;
    skip to main content; skip navigation; donate; support us; e-paper;
    epaper; today's paper; puzzles; games; crosswords; shop; contact;
    contact us; about us; help; sections; all sections; navigation"""
)
_NAV_WORDS: Final = frozenset(word for item in _NAV_ITEMS for word in item.split())
_MONTHS: Final = "|".join(MONTH_NAMES_AND_ABBREVIATIONS)
_WEEKDAYS: Final = "|".join(WEEKDAY_NAMES_AND_ABBREVIATIONS)
_CALENDAR: Final = frozenset(_MONTHS.split("|") + _WEEKDAYS.split("|"))
_TIME_WORDS: Final = words(
    """updated update published posted last modified first created on at am pm
    a.m. p.m. a.m p.m of ago hour hours minute minutes min mins day days week weeks
    month months year years just now yesterday today date time et est edt ct
    cst cdt pt pst pdt mt gmt bst utc cet cest msk ist aest jst hkt sgt"""
)
_BYLINE_LOWER: Final = _TIME_WORDS | words(
    """and of the for in at on with from via staff writer writers reporter
    reporters correspondent correspondents editor contributor columnist senior
    chief political foreign special news desk read based team bureau by
    editing"""
)
_SOCIAL: Final = words(
    """facebook twitter x linkedin whatsapp email e-mail reddit pinterest telegram
    print share copy link flipboard messenger sms mail tumblr threads bluesky
    instagram youtube tiktok"""
)
_STOPWORDS_AT_END: Final = words(
    "a an the of to and or in at for with by from as into than that its"
)
# Photo and news agencies, one pattern each; each starts with two plain
# characters, which the quick credit test (:func:`_may_be_credit`) reads.
_AGENCIES: Final = (
    r"AP",
    r"A\.P\.",
    r"Associated\s+Press",
    r"Reuters",
    r"REUTERS",
    r"AFP",
    r"EPA(?:-EFE)?",
    r"EFE",
    r"Getty(?:\s+Images)?",
    r"Shutterstock",
    r"Alamy(?:\s+Stock\s+Photo)?",
    r"PA(?:\s+(?:Wire|Images|Media))?",
    r"Bloomberg",
    r"NurPhoto",
    r"SOPA\s+Images",
    r"LightRocket",
    r"Xinhua",
    r"TASS",
    r"Sputnik",
    r"ANP",
    r"Anadolu(?:\s+Agency)?",
    r"dpa",
    r"DPA",
    r"ZUMA(?:\s+(?:Press|Wire))?",
    r"Pool",
    r"POOL",
    r"Handout",
    r"HANDOUT",
    r"iStock(?:photo)?",
    r"Unsplash",
    r"Wikimedia(?:\s+Commons)?",
    r"Kyodo",
    r"Yonhap",
    r"Imago",
    r"IMAGO",
    r"Redux",
    r"UPI",
    r"Sipa(?:\s+USA)?",
    r"Polaris",
    r"WireImage",
)
_AGENCY: Final = "(?:" + "|".join(_AGENCIES) + ")"

# --- line patterns -----------------------------------------------------------

_FURNITURE: Final = re.compile(
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
    | (?:image|photo|picture|slide)\s+\d+\s*(?:of|/)\s*\d+ | \d+\s+of\s+\d+
    | back\s+to\s+(?:the\s+)?(?:gallery|slideshow|photos)
    | (?:next|previous|prev)\s+(?:image|photo|picture|slide)
    | (?:launch|open|start)\s+(?:the\s+)?(?:photo\s+)?(?:gallery|slideshow)
    | (?:photo\s+)?gallery\s*:.* | slideshow | photo\s+gallery | click\s+to\s+enlarge
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
_WEB_THING: Final = re.compile(
    r"^(?:(?:https?://|www\.)\S+|[\w.-]+\.[a-z]{2,6}(?:/\S*)?|\S+@[\w-]+\.[\w.]+"
    r"|[\w.$]+\([^\s]*\);?)$"
)
# "Image 1 of 8": the counter of a photo gallery, above each picture's caption.
GALLERY_COUNTER: Final = re.compile(
    r"^(?:(?:image|photo|picture|slide)\s+)?\d+\s*(?:of|/)\s*\d+$", re.I
)
_SIGN_OFF: Final = re.compile(
    r"^(?:contributing|contributors?|with\s+(?:news\s+)?wire\s+services"
    r"|with\s+(?:additional\s+)?reporting\s+by)\b"
)
_NOTICE: Final = re.compile(r"^(?:correction|clarification|editor.?s\s+note)\s*:")
_PROMO: Final = re.compile(
    r"^(?:sign\s+up|subscribe|get|want|join|don.?t\s+miss|never\s+miss|enter\s+your"
    r"|stay\s+(?:informed|up\s+to\s+date)|receive|for\s+more)\b.*"
    r"\b(?:newsletters?|inbox|briefings?|alerts|digest)\b"
)
_COOKIE: Final = re.compile(
    r"^(?:we|this\s+(?:web)?site|our\s+(?:web)?site|we\s+and\s+our\s+partners)\s+uses?\s+"
    r"cookies|^by\s+(?:continuing|using|clicking)\b.*\b(?:cookies|privacy|terms)\b"
    r"|\baccept\s+(?:all\s+)?cookies\b|^cookies?\s+(?:help|are\s+used|notice|consent)"
)
# "Our live coverage has ended. Follow our full report here." (live blogs)
_LIVE_ENDED: Final = r"(?:ended|paused|closed|finished|concluded|over)"
_LIVE_BANNER: Final = re.compile(
    r"^(?:(?:our|this|the)\s+live\s+(?:coverage|blog|updates?|page)\s+(?:has|have|is)"
    rf"\s+(?:now\s+)?(?:been\s+)?{_LIVE_ENDED}"
    rf"|we(?:['’]ve|\s+have)?\s+(?:now\s+)?{_LIVE_ENDED}\s+(?:our|this)\s+live)\b"
)
_RELATED_INLINE: Final = re.compile(
    r"^(?:related|read\s+more|read\s+also|also\s+read|see\s+also|more|watch|listen"
    r"|more\s+on\s+this(?:\s+(?:story|topic))?|related\s+\w+)\s*[:|»›>]\s*\S"
)
RELATED_HEADER: Final = re.compile(
    r"^(?:related|read\s+more|see\s+also|also\s+read|recommended|further\s+reading"
    r"|more\s+(?:from|on|about|stories|coverage)\b.*|on\s+this\s+topic|complete\s+coverage"
    r"|see\s+all\s+related|more|you\s+(?:may|might)\s+also\s+like"
    r"|most\s+(?:read|popular)|related\s+(?:articles|stories|coverage|content|links"
    r"|topics|reading|news|posts))\s*:?$"
)
_CALLOUT_NAMES: Final = (
    r"(?:why\s+we\s+wrote\s+this|key\s+points?|key\s+takeaways?|takeaways|at\s+a\s+glance"
    r"|in\s+brief|quick\s+read|story\s+highlights|highlights|tl;?\s*dr|fast\s+facts"
    r"|quick\s+facts|key\s+facts|the\s+gist|in\s+short|summary|need\s+to\s+know"
    r"|what\s+you\s+need\s+to\s+know|fact\s+box)"
)
# A header alone on its line, or followed by its text after a colon.
CALLOUT_ALONE: Final = re.compile(rf"^(?:{_CALLOUT_NAMES}|why\s+it\s+matters)[:.]?$")
_CALLOUT_INLINE: Final = re.compile(rf"^{_CALLOUT_NAMES}\s*[:—–]\s*\S")
# "Right, let's ..." opens sentences: place words count only with a colon.
_CAPTION_MARKER: Final = re.compile(
    r"^(?:(?:image|photo)\s+caption\s*[:,]|(?:caption|pictured|above|top|below|left"
    r"|right|inset|main\s+(?:image|picture))\s*:)\s*\S"
)
_CREDIT_LABEL: Final = re.compile(
    r"^[\[(]?(?:photo(?:graph)?s?|pictures?|pics?|images?|photo\s+credit|image\s+credit"
    r"|credit|illustration|graphic|footage|image\s+source|uploaded\s+by)"
    r"\s*(?:by\s+|via\s+|courtesy(?:\s+of)?\s*:?\s*|:\s*|,\s*)\S",
    re.I,
)
_CAP: Final = r"(?:[A-Z][\w.'’&-]*|[A-Z]\.)"
_CAPS: Final = rf"{_CAP}(?:\s+(?:(?:de|van|der|von|da|del|la|le|bin|al|el|du|di|of|the|for|via)\s+)?{_CAP}){{0,5}}"
_CREDIT_SLASH: Final = re.compile(
    rf"^\(?(?:AP\s+Photo|{_CAPS})\s*/\s*{_CAPS}(?:\s*,\s*{_CAP})?\)?$"
)
_CREDIT_AGENCY: Final = re.compile(
    rf"^\(?(?:{_AGENCY})(?:\s+(?:Photo|Images|Pictures))?(?:\s+(?:via|for)\s+{_CAPS})?\)?$"
)
_CREDIT_MISC: Final = re.compile(
    rf"^(?:©\s*{_CAPS}|(?i:courtesy(?:\s+of)?|handout(?:\s+from)?)\s+(?:the\s+)?[A-Z].*"
    rf"|{_CAPS}\s+for\s+The\s+{_CAPS}|\((?i:photo|picture|image)\s*:\s*[^()]+\))$"
)
_PHOTO_CAPTION: Final = re.compile(r"^(?i:photo|picture|image)\s*:\s*\S.*[.!?]$")
_DASH_SIGNATURE: Final = re.compile(rf"^[-–—]\s*{_CAPS}$")
_MARKDOWN_IMAGE: Final = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
# Words a credit needs one of; lines ending without any skip the tail search.
_CREDIT_HINT_WORDS: Final = (
    "photo photos photograph picture pictures image images credit courtesy handout "
    "pool ap reuters afp epa efe getty shutterstock alamy pa bloomberg xinhua tass "
    "sputnik anp anadolu dpa zuma istock unsplash wikimedia kyodo yonhap imago upi "
    "sipa polaris wireimage nurphoto"
)
_CREDIT_HINTS: Final = words(_CREDIT_HINT_WORDS)
_WORD_CHARS: Final = re.compile(r"\w+")


# The credit hints as bytes, and a byte table keeping the ASCII word
# characters of ``\\w`` (letters, digits, "_") and blanking the rest.
_CREDIT_HINT_BYTES: Final = frozenset(w.encode() for w in _CREDIT_HINTS)
_ASCII_W: Final = bytes(
    c if chr(c).isalnum() or c == 95 else 32 for c in range(128)
) + (b" " * 128)


def has_credit_hint(casefolded: str) -> bool:
    """Whether a casefolded text has a word a credit needs: a set lookup of
    its words, as the pattern ``\\b(?:photo|...)\\b`` would match but far
    cheaper (ASCII text is cut into ``\\w`` runs by a byte table)."""
    if casefolded.isascii():
        words = casefolded.encode().translate(_ASCII_W).split()
        return not _CREDIT_HINT_BYTES.isdisjoint(words)
    return not _CREDIT_HINTS.isdisjoint(_WORD_CHARS.findall(casefolded))


_SLASH_ABBREVIATION: Final = re.compile(r"^[A-Za-z]/[A-Za-z]\b")
NEWS_AGENCY_ONLY: Final = re.compile(
    r"^\(?(?:AP|Associated\s+Press|Reuters|REUTERS|AFP|dpa|DPA|Xinhua|TASS|EFE|ANP"
    r"|Kyodo|Yonhap|UPI|Bloomberg|PA)\)?$"
)
_CREDIT_NAME_WORDS: Final = words(
    "via of for the and by on from cc courtesy handout file screenshot screengrab "
    "screen grab photo photos image images supplied pool government official "
    "family police army ministry press office agency archive archives"
)
_CREDIT_PIPE: Final = re.compile(rf"^{_CAPS}\s*\|\s*{_AGENCY}$")
BULLET: Final = re.compile(r"^(?:[-*•●▪◦–—]|\d{1,2}[.)])\s+")
_BYLINE_START: Final = re.compile(
    r"^(?:(?:written|words|reporting|reported|story|text|additional\s+reporting"
    r"|interview|interviewed"
    r"|compiled|edited|editing|writing)\s+)?by\s*:?\s+|^(?:author|authors|reporter"
    r"|writer)\s*:\s*",
    re.I,
)
_ROLE_BYLINE: Final = re.compile(
    rf"^{_CAPS}(?:\s+and\s+{_CAPS})?,\s+(?:[A-Z][\w-]*\s+){{0,3}}"
    r"(?i:correspondent|reporter|editor|writer|columnist|contributor)s?$"
)
_ROLE_TAIL: Final = re.compile(
    r"^(?:[\w-]+\s+){0,3}(?i:correspondent|reporter|editor|writer|columnist|contributor"
    r"|producer|analyst)s?$"
)
WIRE_FOOTER: Final = re.compile(
    r"\((?:(?:additional\s+)?reporting|writing|editing|compiled|reported)\s+by\b[^()]*\)$",
    re.I,
)
DATELINE: Final = re.compile(
    rf"""^(?:
      (?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){{0,3}})
      (?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,2}})?
      (?:,?\s*(?i:{_MONTHS})\.?\s+\d{{1,2}})?
      (?P<agency>\s*\([A-Z][\w&.'’ -]{{0,30}}\))?
    | (?P<lone>\([A-Z][\w&.'’ -]{{0,30}}\))
    )\s*(?:--?|–|—|:)\s+(?=\S)""",
    re.X,
)
_TIME_TOKEN: Final = re.compile(
    r"^(?:\d{1,2}(?:st|nd|rd|th)?|\d{4}|\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?"
    r"|\d{4}-\d{2}-\d{2}(?:t[\d:.]+z?)?|\d{1,2}/\d{1,2}/\d{2,4})$"
)
_STRONG_TIME: Final = re.compile(
    rf"\b(?:{_MONTHS}|{_WEEKDAYS})\b|\d{{1,2}}[:.]\d{{2}}|\d{{4}}-\d{{2}}-\d{{2}}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\bago\b|\byesterday\b|\btoday\b"
)
OPEN_QUOTE: Final = "\"“„«‘'"
SPEECH: Final = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(w + r"\s+to" if w == "according" else w for w in ATTRIBUTION_WORDS)
    )
    + r")\b",
    re.I,
)
_WORD_RUN: Final = re.compile(r"[^\W_]+")
# ASCII letters and digits to themselves, lower-cased; any other byte to a space.
_ASCII_WORDS: Final = bytes(
    c + 32 if 65 <= c <= 90 else c if 48 <= c <= 57 or 97 <= c <= 122 else 32
    for c in range(256)
)
# News punctuation outside ASCII that is no part of a word, casefolded or not:
# a text whose only other characters are ASCII splits at these as at ASCII
# punctuation, so the byte table reads it too (their UTF-8 bytes are blanked).
_WORD_BREAKS: Final = "’‘“”«»—–…•·\u00a0©®→►£"
_NOT_ASCII_OR_BREAK: Final = re.compile(rf"[^\x00-\x7f{_WORD_BREAKS}]")
_ASCII_WORD_CHAR: Final = re.compile(r"[A-Za-z0-9]")

_MARKDOWN_HEADING: Final = re.compile(r"^#{1,6}\s+")
_SECTION_JOIN: Final = re.compile(r"\s+(?:&|and)\s+")  # "Middle East & Africa"
_META_SEPARATOR: Final = re.compile(r"\s[|·•—–]\s")  # "By Jane Doe · 5 min read"
_CRUMB_SEPARATOR: Final = re.compile(r"\s[>›»/|•·]\s")  # "Home > World > Europe"


def words_of(text: str) -> list[str]:
    """The casefolded words of a text (runs of letters and digits)."""
    if text.isascii() or _NOT_ASCII_OR_BREAK.search(text) is None:
        # Same words: ASCII casefolds like lower(), and its word characters
        # are [A-Za-z0-9]; a byte table lower-cases them and blanks the rest
        # in one pass, four times quicker than the pattern on a sentence.
        return text.encode().translate(_ASCII_WORDS).decode().split()
    return _WORD_RUN.findall(text.casefold())


def has_words(text: str) -> bool:
    """Whether :func:`words_of` finds any word in ``text``."""
    if text.isascii():
        return _ASCII_WORD_CHAR.search(text) is not None
    return _WORD_RUN.search(text.casefold()) is not None


def normalize(text: str) -> str:
    """Casefolded words only: quotes, dashes, punctuation and spacing folded."""
    return " ".join(words_of(text))


def squash(line: str) -> str:
    """A line as the pattern tables see it: casefolded, markdown marks and
    surrounding punctuation dropped, spaces collapsed."""
    return " ".join(_squashed_words(line))


def _squashed_words(line: str) -> list[str]:
    """The words of :func:`squash`'s line (joined by spaces, they are it)."""
    line = line.casefold()
    if line[:1] == "#":  # the heading mark needs its "#"; most lines lack it
        line = _MARKDOWN_HEADING.sub("", line)
    return line.strip(" \t|•·»«›‹><:-–—…*_[]").rstrip(".!").split()


# The patterns above that match a squashed line from its start (keywords
# such as "share", "read more", "key points:"), tried together: only the
# branches that can start with the line's first character are run, so most
# lines try none.
KEYWORD_PATTERNS: Final = (
    _CAPTION_MARKER,
    CALLOUT_ALONE,
    _CALLOUT_INLINE,
    _FURNITURE,
    RELATED_HEADER,
    _RELATED_INLINE,
    _LIVE_BANNER,
    _SIGN_OFF,
    _NOTICE,
    _PROMO,
)
_KEYWORDS: Final = FirstCharacterDispatch(list(KEYWORD_PATTERNS))

# --- line rules --------------------------------------------------------------


_TIME_TOKEN_MARKS: Final = ",.:;|•·-–—()"


def _is_time_line(line: str, squashed: str | None = None) -> bool:
    """Only date/time words: "Updated June 3, 2024", "5 hours ago"."""
    if squashed is None:
        squashed = squash(line)
    # The word test fails on the first ordinary word, so the tokens are read
    # one at a time; the pattern (month and weekday names) costs more, so it
    # comes last. At most 14 tokens.
    n_tokens = 0
    for token in squashed.split():
        t = token.strip(_TIME_TOKEN_MARKS)
        if not t:
            continue
        n_tokens += 1
        if n_tokens > 14 or not (
            t in _TIME_WORDS or t.rstrip(".") in _CALENDAR or _TIME_TOKEN.match(t)
        ):
            return False
    return n_tokens > 0 and bool(_STRONG_TIME.search(squashed))


def _may_start_time_line(first: str) -> bool:
    """Whether a time line can start with this token: what
    :func:`_is_time_line` tests first, short of the pattern (its tokens
    start with a digit)."""
    t = first.strip(_TIME_TOKEN_MARKS)
    return not t or t in _TIME_WORDS or t.rstrip(".") in _CALENDAR or t[:1].isdigit()


def _is_byline(line: str) -> bool:
    """ "By Jane Doe", "By Jane Doe and John Roe, Reuters | June 3, 2024"."""
    # The pattern needs "by" or a label's colon: most lines have neither.
    match = (":" in line or "by" in line.lower()) and _BYLINE_START.match(line)
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


def is_credit(line: str) -> bool:
    """Photo credits: "Jane Doe/AP", "AP Photo/Jane Doe", "Getty Images",
    "Photo: Jane Doe", "(Reuters/Jane Doe)"."""
    return len(line) <= 120 and _may_be_credit(line) and _is_credit(line)


def _is_credit(line: str) -> bool:
    """:func:`is_credit` on a line that passed its quick tests."""
    if len(line.split()) > 14:
        return False
    label = _CREDIT_LABEL.match(line)
    if label and not _CAPTION_MARKER.match(line.casefold()):
        # "Photo: Jane Doe/AP" names someone; "Photo: The dam in 2022." does
        # not (it is a caption).
        return _names_only(line[label.end() - 1 :])
    # The slash and pipe patterns need their character: test that first.
    slash = "/" in line
    if slash and _SLASH_ABBREVIATION.match(line):
        return False  # "H/T FTVLive" is a hat tip, not a photo credit
    return bool(
        (slash and _CREDIT_SLASH.match(line))
        or _CREDIT_AGENCY.match(line)
        or ("|" in line and _CREDIT_PIPE.match(line))
        or (_may_be_misc_credit(line) and _CREDIT_MISC.match(line))
    )


# The first letters of the credit labels ("Photo:", "Image credit:", ...) as
# the case-blind pattern matches them (with the Turkish dotted and dotless
# i), and the first two characters of the agencies (each starts with two
# plain characters).
_CREDIT_LABEL_FIRST: Final = frozenset("pigcfuPIGCFU\u0130\u0131")
_AGENCY_STARTS: Final = frozenset(re.sub(r"\\(.)", r"\1", a)[:2] for a in _AGENCIES)
# The characters a credit can start with: a bracket, "©", a capital (a name,
# an agency), and the first letters of the case-blind labels ("photo:",
# "courtesy of", "handout") and of the agencies in lower case ("dpa",
# "iStock").
_CREDIT_FIRST: Final = frozenset("[(©ABCDEFGHIJKLMNOPQRSTUVWXYZpigcfuhd\u0130\u0131")


def _may_be_credit(line: str) -> bool:
    """What a credit pattern needs: a label's first letter or an agency's
    first two characters (after a bracket), a slash, a pipe, or what
    :func:`_may_be_misc_credit` asks."""
    start = line[1:] if line[:1] in "[(" else line
    return line[:1] in _CREDIT_FIRST and (
        start[:1] in _CREDIT_LABEL_FIRST
        or start[:2] in _AGENCY_STARTS
        or "/" in line
        or "|" in line
        or _may_be_misc_credit(line)
    )


def _may_be_misc_credit(line: str) -> bool:
    """What :data:`_CREDIT_MISC` needs: "©", "for The", or "(", "courtesy" or
    "handout" first."""
    return "©" in line or ("for" in line and "The" in line) or line[:1] in "(cChH"


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


def line_kind(line: str) -> str | None:
    """The kind a whole line has on its own, or None (body so far). Word
    limits come first so that long prose lines cost a few cheap checks.

    The line's features (its squashed form and words, whether it has a
    keyword, a mark, a first word a rule can start with) are computed once
    and each rule runs only if what it needs is there; most lines pass none
    of these quick tests and cost a few dozen cheap operations."""
    n_words = line.count(" ") + 1
    if n_words > 40:
        # Prose: only a caption label at its start, or a cookie notice, can
        # mark a line this long ("Summary: ..." over a long line introduces
        # the page's own text, not a box beside it).
        head = squash(line[:80])
        if _CAPTION_MARKER.match(head):
            return CAPTION
        cookie = n_words <= 80 and "cookie" in line.casefold()
        return BOILER if cookie and _COOKIE.search(squash(line)) else None
    words = _squashed_words(line)
    squashed = " ".join(words)
    # One test tells whether any of the keyword patterns matches; most
    # lines start with none of their words and skip them all.
    keyword = _KEYWORDS.match(squashed)
    if keyword and _CAPTION_MARKER.match(squashed):
        return CAPTION
    if n_words <= 14 and is_credit(line):
        return CREDIT
    if ":" in line and _PHOTO_CAPTION.match(line) and not is_credit(line):
        return CAPTION  # "Photo: The Tessel dam under construction in 2022."
    if keyword and (CALLOUT_ALONE.match(squashed) or _CALLOUT_INLINE.match(squashed)):
        return CALLOUT
    if _is_boilerplate(line, squashed, words, keyword):
        return BOILER
    return None


def _has_letter(text: str) -> bool:
    """Whether a casefolded text has a letter (ASCII: upper case differs)."""
    if text.isascii():
        return text.upper() != text
    return any(map(str.isalpha, text))


def _is_boilerplate(line: str, squashed: str, words: list[str], keyword: bool) -> bool:
    """``words``: ``squashed.split()``; ``keyword``: whether
    one of :data:`KEYWORD_PATTERNS` matches ``squashed``. Each rule is tried only if
    what it needs is there (a first word, a character)."""
    n_words = len(words)
    if n_words < 4 and not _has_letter(squashed):
        return True  # rules, ornaments, gallery counters such as "+12"
    # Whether the line has a character that a breadcrumb, a byline label, a
    # role byline, a meta line or a wire footer needs (one search instead
    # of a substring test for each).
    marks = _MARKS.search(line) is not None
    first = words[0]  # the test above returned on a line without words
    if n_words <= 12 and (
        (
            first in _ROW_START
            and (
                _is_section(squashed)
                or _is_share_row(squashed)
                or _is_nav_row(squashed)
            )
        )
        or (keyword and (_FURNITURE.match(squashed) or RELATED_HEADER.match(squashed)))
        or (n_words == 1 and _WEB_THING.match(squashed))
        or (line[:2] == "![" and _MARKDOWN_IMAGE.match(line))
        or (marks and _CRUMB_MARKS.search(squashed) and _is_breadcrumb(squashed))
    ):
        return True
    if keyword:
        if n_words <= 25 and (
            _RELATED_INLINE.match(squashed) or _LIVE_BANNER.match(squashed)
        ):
            return True  # "More on this story: Inside the prison where ..."
        if n_words <= 8 and _SIGN_OFF.match(squashed):
            return True  # "Contributing: The Associated Press"
    if n_words <= 8 and line[:1] in "-–—" and _DASH_SIGNATURE.match(line):
        return True  # "– Chris Rogers"
    if n_words <= 14 and _may_start_time_line(first) and _is_time_line(line, squashed):
        return True
    if n_words <= 30 and (marks or "by" in squashed):
        plain = line.strip(" ()*_")  # markdown emphasis: *By Jane Doe*
        # Each rule's own quick test first (a byline's label colon or "by",
        # which the squashed line then holds too; a role byline's comma and
        # a role word's last letter; a meta line's separators).
        if (
            (
                (":" in line or "by" in squashed)
                and _BYLINE_START.match(plain)
                and _is_byline(plain)
            )
            or ("," in line and plain[-1:] in _ROLE_LAST and _is_role_byline(plain))
            or (_META_MARKS.search(line) is not None and _is_meta_line(plain))
        ):
            return True
        if line.startswith("(") and WIRE_FOOTER.match(line):
            return True
        by = squashed.rfind(" by ")
        if by > 0 and _is_time_line(line, squashed[:by]):
            # "Posted on June 3, 2024 by Jane Doe"
            return _is_byline("By " + line[line.casefold().rfind(" by ") + 4 :])
    if keyword:
        if n_words <= 60 and _NOTICE.match(squashed):
            return True  # "Correction: An earlier version of this article ..."
        if n_words <= 40 and _PROMO.match(squashed):
            return True
    return n_words <= 80 and "cookie" in squashed and bool(_COOKIE.search(squashed))


# The last letters of the role words a role byline ends with, as its
# case-blind pattern matches them (with the long s, "ſ").
_ROLE_LAST: Final = frozenset("trsTRSſ")
# The separators of a breadcrumb (:func:`_is_breadcrumb`).
_CRUMB_MARKS: Final = re.compile(r"[>›»/|•·]")
# The separators of a meta line (:func:`_is_meta_line`).
_META_MARKS: Final = re.compile(r"[|·•—–]")
# What a breadcrumb's separators and the byline rules' marks (a label's
# colon, a role's comma, a meta line's separators, a footer's bracket) are.
_MARKS: Final = re.compile(r"[>›»/|•·:,—–(]")


def _is_section(squashed: str) -> bool:
    """ "News", "Middle East & Africa", "Science and Environment"."""
    if squashed in _SECTIONS:
        return True
    # Joined sections need "&" or "and"; without, the split gives the line.
    return ("&" in squashed or "and" in squashed) and all(
        part in _SECTIONS for part in _SECTION_JOIN.split(squashed)
    )


def _is_share_row(squashed: str) -> bool:
    """ "Facebook Twitter Email", "Share on Facebook Share on X Email"."""
    words = squashed.split()
    return (
        len(words) >= 2
        and all(w in _SOCIAL or w in ("on", "via", "and") for w in words)
        and sum(w in _SOCIAL for w in words) >= 2
    )


# A row starts with the first word of an item or a section name.
_ROW_FIRST_WORDS: Final = frozenset(item.split()[0] for item in _NAV_ITEMS | _SECTIONS)
# What a section name, a share row or a navigation row can start with.
_ROW_START: Final = _ROW_FIRST_WORDS | _SOCIAL | {"on", "via", "and"}


def _is_nav_row(squashed: str) -> bool:
    """ "Menu  Search  Sign in", "Home News Sport Log in": a line that is
    nothing but navigation items and section names, with at least one item
    that is not a section (a lone pair of sections may be a subhead)."""
    words = squashed.split()
    if (
        len(words) < 2
        or words[0] not in _ROW_FIRST_WORDS
        or _NAV_WORDS.isdisjoint(words)
    ):
        return False
    # reached[j]: the first j words split into items; nav[j]: one was no section.
    reached = [True] + [False] * len(words)
    nav = [False] * (len(words) + 1)
    for j in range(1, len(words) + 1):
        for k in range(max(0, j - 4), j):
            if not reached[k]:
                continue
            item = " ".join(words[k:j])
            if item in _NAV_ITEMS or item in _SECTIONS:
                reached[j] = True
                nav[j] = nav[j] or nav[k] or item in _NAV_ITEMS
    return reached[-1] and nav[-1]


def _is_role_byline(line: str) -> bool:
    """ "Jane Doe, health correspondent" (the pattern needs the comma)."""
    return "," in line and bool(_ROLE_BYLINE.match(line))


def _is_meta_line(line: str) -> bool:
    """Byline, time and labels joined by separators: "By Jane Doe · 5 min
    read · 19 June 2024", "*Science | Dev Malhotra | 14 May 2024*"."""
    # No separator character, one part (a substring search each is quicker
    # than a pattern or a set over the line's characters).
    if not ("|" in line or "·" in line or "•" in line or "—" in line or "–" in line):
        return False
    parts = [p.strip(" *_") for p in _META_SEPARATOR.split(line)]
    if len(parts) < 2 or not all(parts):
        return False
    known = [_is_byline(p) or _is_role_byline(p) or _is_time_line(p) for p in parts]
    return any(known) and all(
        k
        or _is_section(squash(p))
        or _FURNITURE.match(squash(p))
        or is_short_title_like(p)
        for k, p in zip(known, parts, strict=True)
    )


def _is_breadcrumb(squashed: str) -> bool:
    """ "Home > World > Europe", "News | Politics"."""
    if not (
        ">" in squashed
        or "›" in squashed
        or "»" in squashed
        or "/" in squashed
        or "|" in squashed
        or "•" in squashed
        or "·" in squashed
    ):
        return False  # no separator character, one part
    parts = [p.strip() for p in _CRUMB_SEPARATOR.split(squashed)]
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


def looks_like_headline(line: str) -> bool:
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
            or stripped[:1] in OPEN_QUOTE
        )
        and not _ends_unfinished(line)
        and not BULLET.match(line)
    )


_SENTENCE_END: Final = re.compile(r"[.?!](?=\s|$)")


def title_sentences(line: str, max_words: int) -> int:
    """How many sentences a short title-like line ending in ".", "?" or "!"
    holds (one or two), or 0 if it is not one: "Wolves are back. Farmers
    want them shot." is 2; a longer line, a third sentence, a quotation or a
    list item is 0."""
    words = line.split()
    if not (
        2 <= len(words) <= max_words
        and len(line) <= 160
        and line[-1:] in ".?!"
        and (line[:1].isupper() or line[:1].isdigit())
        and not BULLET.match(line)
    ):
        return 0
    n = len(_SENTENCE_END.findall(line))
    return n if n <= 2 else 0


_NOT_IN_SUBHEADS: Final = frozenset(":/|@")


def is_subhead(line: str) -> bool:
    """A subhead on its own line: "Costs rise", "What happens next",
    "Background"; short, capitalised, without final punctuation. Labels,
    credits, handles and scraped figure text ("Source: X", "Name/AP",
    "@name", "AP   Caption") are not subheads."""
    words = line.split()
    return (
        1 <= len(words) <= 10
        and len(line) <= 80
        and _NOT_IN_SUBHEADS.isdisjoint(line)
        and "   " not in line
        and line[-1:] not in ".,;:!?…\"”’')]"
        and (line[:1].isupper() or line[:1].isdigit())
        and any(w.isalpha() for w in words)
        and not _ends_unfinished(line)
        and not BULLET.match(line)
    )


def is_markdown_heading(line: str) -> bool:
    """ "## What happens next": markup that says the line is a heading."""
    return bool(_MARKDOWN_HEADING.match(line))


def is_short_title_like(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 4 and line[-1:] not in ".,;:!?" and not BULLET.match(line)


def is_link_list_line(line: str) -> bool:
    return bool(BULLET.match(line)) or (
        len(line.split()) <= 16 and line[-1:] not in ".,;:"
    )
