"""Where sentences end: the rules behind
:func:`stancekit.text.segment.split_sentences`.

One compiled regular expression finds every place a sentence *could* end
(runs of terminal punctuation, line breaks, inline list markers), and a few
cheap checks on the words around each candidate decide
(``docs/segmentation.md`` has the conventions). Kept apart from
``segment.py`` so that it can be compiled (setup.py) while the public
function and its docs stay Python.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache
from typing import Final

from stancekit.lexicon import words
from stancekit.lexicon.speech import SHORT_ATTRIBUTION_VERBS

__all__ = ["ZERO_WIDTH", "has_zero_width", "sentence_spans"]


def _lazy(pattern: str) -> Callable[[], re.Pattern[str]]:
    """A regular expression compiled on its first use, not at import: the
    large patterns here take about 20 ms to compile, which every command
    that imports the text package would otherwise pay."""
    return cache(lambda: re.compile(pattern))


# Line breaks as str.splitlines() knows them ("\r\n" counts once).
_LB_CHARS: Final = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_HSPACE: Final = r"[^\S\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]"
_CLOSERS: Final = "\"'\u201d\u2019\u00bb\u203a)]}"
# Guillemets, which French typography sets off from the quotation with a
# space, often a no-break one: "« Nous partons. »", "«\u202fNous\u202f»".
_OPEN_GUILLEMETS: Final = "\u00ab\u2039"
_CLOSE_GUILLEMETS: Final = "\u00bb\u203a"
# Characters that take no room on the page: the zero-width space, non-joiner
# and joiner, the word joiner, and the byte-order mark (a zero-width no-break
# space). The rules decide as if they were not there.
ZERO_WIDTH: Final = "\u200b\u200c\u200d\u2060\ufeff"
_BULLETS: Final = "\u2022\u2043\u2023\u25e6\u25aa\u25cf\u00b7"

# A list marker ending just before ")": "1)", "b)", but not "(1)" or "s)".
_MARK_TAIL: Final = re.compile(r"(?<!\S)(?:\d{1,3}|[a-z])\Z")
# The same test as a look-behind at the ")" (fixed width, so one per length).
_MARK_BEFORE: Final = (
    r"(?:(?<=(?<!\S)[\da-z]\))|(?<=(?<!\S)\d\d\))|(?<=(?<!\S)\d\d\d\)))"
)
# (Only where it starts is used. It opens with a character class so that the
# regex engine skips ahead in C; a "\r\n" is one line break, so its "\r"
# must not count as a line of its own.)
_paragraph_break: Final = _lazy(
    rf"[{_LB_CHARS}](?:(?<=\r)\n|(?<!\r)|(?!\n)){_HSPACE}*[{_LB_CHARS}]"
)
_NEXT_WORD: Final = re.compile(
    rf"(?:[\"'\u201c\u2018(\[]|[{_OPEN_GUILLEMETS}]{_HSPACE}?)*([^\W\d_]+)"
)
_FIRST_WORD: Final = re.compile(r"\S+")
# Where a sentence's own text begins: after whitespace and a bullet, if any.
_lead: Final = _lazy(rf"\s*(?:[{_BULLETS}*\-\u2013]\s*)?")
# A list marker at the start of a sentence: "1." "2.)" "3)" "a." "b)".
_MARKER: Final = re.compile(r"(\d{1,3}|[a-z])(\.\)|\.|\))(?=\s)")
# A line that starts a list item.
_LINE_ITEM: Final = rf"{_HSPACE}*(?:[{_BULLETS}*\-\u2013]|\d{{1,3}}[.)]|[a-z]\))(?=\s)"
_MIN_WRAP: Final = 60
_ACRONYM: Final = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\Z")
# "?"/"!" then a closing quote, then a short attribution: "Why?" Putin asked.
# (A lowercase "she asked" never opens a sentence anyway; see _is_attribution.)
_attribution: Final = _lazy(
    r"(?:[A-Z][\w'\u2019.-]*\s+){1,4}"
    r"(?:" + "|".join(SHORT_ATTRIBUTION_VERBS) + r")\b"
)
_OPENERS: Final = "\"'\u201c\u2018\u201e\u201a([{" + _OPEN_GUILLEMETS
# What may stand before a word and is not part of it ("*Dr. Kross*").
_WORD_LEAD: Final = _OPENERS + _BULLETS + "*_"
# A line ending in one of these continues on the next line.
_LINE_GOES_ON: Final = ",;-\u2013\u2014/&"
_NOT_STARTERS: Final = ",;:%)]}-\u2013\u2014/&"
# The last characters of a line that _breaks_line looks at before anything
# else: a rule ("---") or closers after punctuation; and those after which
# the line never breaks (terminal punctuation is judged on its own).
_RULE_OR_CLOSER: Final = "-_*=~" + _CLOSERS
_SETTLED_BY_PUNCTUATION: Final = ".?!\u2026" + _LINE_GOES_ON


# Titles written before a name: a sentence never ends after one.
_TITLES: Final = words(
    """mr mrs ms mx messrs mmes dr drs prof profs gen gens lt col maj capt cpt
    cmdr cdr sgt cpl pvt adm brig sen sens rep reps gov govs pres supt det
    insp rev hon fr atty amb mme mlle sra srta"""
)
# Abbreviations that precede a number ("No. 10", "p. 55", "Jan. 5").
_BEFORE_NUMBER: Final = words(
    """no nos n° nº p pp vol vols fig figs ch chap art arts sec secs para paras
    pt pts ca c approx est op ed eq ref tel ext apt rt rte hwy jan feb mar apr
    jun jul aug sep sept oct nov dec"""
)
# Abbreviations that usually continue a sentence but may end one: the
# sentence ends only if a typical sentence-opening word follows.
_ABBREVIATIONS: Final = words(
    """jr sr st mt ft ave blvd rd hts dept univ assn intl govt vs v viz cf al
    e.g i.e ph.d jan feb mar apr jun jul aug sep sept oct nov dec no nos n°
    nº"""
)
# Abbreviations that usually close a name or a phrase ("Acme Inc.", "6 p.m.",
# "and so on, etc."): a capitalized word after them opens a new sentence
# unless it plainly continues the name or the time.
_SUFFIXES: Final = words("inc co corp ltd llc plc lp llp cie bros etc a.m p.m")
_CONTINUATIONS: Final = words(
    """Chief Executive Chairman Chairwoman President CEO Director Founder
    Spokesman Spokeswoman Eastern Central Pacific Mountain Atlantic Greenwich
    ET EST EDT CT CST CDT PT PST PDT GMT UTC BST CET CEST MSK"""
)
# Clock times: "At 5 a.m. Mr. Smith left" goes on, "He left at 6 p.m. Mr.
# Smith stayed" does not (see _has_clause).
_CLOCK: Final = frozenset(["a.m", "p.m"])
# US state abbreviations, only when capitalized ("Calif.", never "ill.").
_STATES: Final = words(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ida Ill Ind Kan Kans Ky La Md
    Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis
    Wyo"""
)
# Every word the period rules treat specially, lowercased.
_SPECIAL: Final = (
    _TITLES
    | _BEFORE_NUMBER
    | _ABBREVIATIONS
    | _SUFFIXES
    | frozenset(state.lower() for state in _STATES)
)
# Words that typically open an English sentence. After an ambiguous
# abbreviation ("U.S.", "Inc.", "co.") only these make a new sentence, so
# "the U.S. Government" stays whole and "the U.S. The next day" splits.
_STARTERS: Final = words(
    """A An The This That These Those There Here It Its He His Him She Her
    They Their Them We Our Us I My Me You Your Who Whom Whose What When Where
    Why How Which While Whether If In On At As By For From To Of With Without
    Within Into Over Under After Before During Since Until Despite Although
    Though Because But And Or Nor So Yet Still Also Then Now Today Yesterday
    Tomorrow Last Next Later Earlier Meanwhile However Moreover Instead
    Indeed Thus Hence Therefore Nevertheless Some Many Most Much More Few All
    Both Each Every Either Neither No None Not Nothing One Two Three Such
    Other Another Even Only Just Yes Is Are Was Were Be Been Do Does Did Has
    Have Had Can Could Will Would Shall Should May Might Must Let Please
    Nobody Everyone Everybody Someone Somebody Anyone
    According Asked Speaking Officials Police Analysts Experts Critics
    Residents"""
)

# The one pass over the text. Each match is a candidate boundary:
# - ``plain``: a period (or a lone "?" or "!") that plainly ends a sentence,
#   with the spaces after it;
# - ``nl``: a blank line (line breaks with only spaces between them);
# - ``item``: a single line break before a list item ("* Home", "2. Then");
# - ``word``: a single line break between a line ending in a word and one
#   opening with a capital, a digit or the like (judged by widths alone);
# - ``lb``: any other single line break;
# - ``next`` (``close`` at the end of the text): terminal punctuation
#   (with spaced ". . ." ellipses folded in), then closing quotes or
#   brackets (a guillemet perhaps after a space), then whitespace and the
#   next word, or the end of the text;
# - ``mark``: an inline list marker such as "2)" or a bullet.
_TERMINALS: Final = ".?!\u203d\u2047\u2048\u2049\u2026"
_C: Final = re.escape(_CLOSERS)
# (One look-behind per word length: each needs a fixed width.)
# (Any case: "Messrs. Smith" is a title however it is written.)
_NOT_SPECIAL: Final = "".join(
    rf"(?<!\b(?i:{'|'.join(re.escape(w) for w in sorted(_SPECIAL) if len(w) == n)})\.)"
    for n in sorted({len(word) for word in _SPECIAL if len(word) >= 5})
)
# A line end that neither settles the break (punctuation, a comma) nor needs
# a closer look (a rule, a closing quote, trailing space); and a line start
# that may open a sentence (no lowercase letter, no continuing punctuation;
# ASCII only, other characters take the general way).
_LINE_END: Final = rf"[^\s{re.escape(_RULE_OR_CLOSER + _SETTLED_BY_PUNCTUATION)}]"
_LINE_START: Final = "[{}]".format(
    "".join(
        re.escape(c)
        for c in map(chr, range(0x21, 0x7F))
        if not c.islower() and c not in _NOT_STARTERS
    )
)


def _short_plain(n: int) -> str:
    """Look-behinds for a word of ``n`` letters before a period, after a
    space, that no rule treats specially. (The special words are spelt as
    classes, "[Mm][Rr]", which the regex engine rejects faster than a
    case-insensitive alternation.)"""
    special = "|".join(
        "".join(f"[{c.upper()}{c}]" for c in word)
        for word in sorted(_SPECIAL)
        if len(word) == n and word.isascii() and word.isalpha()
    )
    return rf"(?<= [A-Za-z]{{{n}}}\.)(?<! (?:{special})\.)"


_SHORT_PLAIN: Final = "(?:{})".format("|".join(_short_plain(n) for n in range(2, 6)))
_candidates: Final = _lazy(
    # Every candidate starts with one of these characters. Putting the class
    # first lets the regex engine skip ahead in C between candidates.
    rf"[{_LB_CHARS}{_TERMINALS}){_BULLETS}]"
    # Line breaks first: the commonest candidate on scraped pages.
    # (No repeated groups where a plain one will do: "X?" and "(?:X)+" of a
    # group cost the regex engine more than "(?:X|)" and a character class.)
    rf"(?:(?<=[{_LB_CHARS}])(?:(?<=\r)\n|)"
    # A blank line: whitespace up to its last line break.
    rf"(?:(?P<nl>\s*[{_LB_CHARS}])|(?={_LINE_ITEM})(?P<item>)"
    # A line ending in a word (see _LINE_END), then one opening with a
    # capital, a digit or the like: judged by the lines' widths alone.
    rf"|(?:(?<={_LINE_END}[{_LB_CHARS}])|(?<={_LINE_END}\r\n))"
    rf"(?=(?P<word>{_LINE_START}\S*))|(?P<lb>))"
    # Terminal punctuation. A period after a long lowercase word that no
    # rule treats specially, or after a short word of letters that follows a
    # space, then a capital: the bulk of sentence ends, settled without
    # Python; so is a lone "?" or "!" before a capital or a digit.
    rf"|(?<=[{_TERMINALS}])(?:"
    rf"(?:(?<=\.)(?=\s+[A-Z])(?:(?<=[a-z]{{5}}\.){_NOT_SPECIAL}|{_SHORT_PLAIN})"
    rf"|(?<=[?!])(?=\s+[A-Z\d]))"
    # (The spaces after it are taken along: the next sentence starts past
    # them, so it needs no stripping.)
    rf"{_HSPACE}*(?P<plain>)"
    rf"|(?:[{_TERMINALS}]*(?:(?= \.)(?: \.(?=[\s{_C}]|\Z))*|))"
    # (A closing guillemet may stand after a space: "partons. » La".)
    rf"(?P<close>[{_C}]*(?:{_HSPACE}[{_CLOSE_GUILLEMETS}][{_C}]*|))"
    rf"(?=\s+(?P<next>\S)|\s*\Z))"
    # (Only after a digit or lowercase letter: "2)" but not "(AP)".)
    rf"|(?<=\))(?:{_MARK_BEFORE})(?P<mark>)(?=\s)"
    rf"|(?<=[{_BULLETS}])(?P<bullet>)(?=\s|\d)"
    r")"
)


def sentence_spans(text: str) -> list[tuple[str, int, int]]:
    """The ``(text, start, end)`` of each sentence of ``text``, as
    :func:`stancekit.text.segment.split_sentences` gives them."""
    if has_zero_width(text):
        return _visible_spans(text)
    first = _candidates().search(text)
    if first is None or (first.lastgroup == "close" and first.end() == len(text)):
        # Nowhere a sentence could end but at the very end (a menu line, a
        # heading, a one-sentence line: over half the blocks of a scraped
        # page): the text is one sentence, as the splitter would find it,
        # without its setup.
        body = text.strip()
        if not body:
            return []
        start = text.find(body[0])
        return [(body, start, start + len(body))]
    return _Splitter(text).run()


def has_zero_width(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`ZERO_WIDTH`."""
    # (ASCII text holds none; five searches for one character each are 20
    # times faster than one search for a character class.)
    return not text.isascii() and any(c in text for c in ZERO_WIDTH)


_zero_width: Final = _lazy(f"[{ZERO_WIDTH}]+")


def _visible_spans(text: str) -> list[tuple[str, int, int]]:
    """The sentences of a text holding zero-width characters: found in the
    text without them ("Sunday.\u200b The" is "Sunday. The"), with offsets
    into ``text``. A sentence keeps those inside it; those at its edges are
    left out, like whitespace."""
    runs = _zero_width()
    # After each run of zero-width characters: where the next character sits
    # in the shortened text, and how many were left out up to there.
    at: list[int] = []
    left_out: list[int] = []
    n = 0
    for run in runs.finditer(text):
        n += run.end() - run.start()
        at.append(run.end() - n)
        left_out.append(n)
    out: list[tuple[str, int, int]] = []
    for _, start, end in sentence_spans(runs.sub("", text)):
        k = bisect_right(at, start)
        start += left_out[k - 1] if k else 0
        k = bisect_right(at, end - 1)
        end += left_out[k - 1] if k else 0
        out.append((text[start:end], start, end))
    return out


class _Splitter:
    """State for one call: where the current sentence began (kept in a local
    of :meth:`run` and copied here before a method that reads it is called),
    and the line width of the current paragraph.

    The deciding methods do not close sentences themselves: each returns the
    offset at which the current sentence ends, or -1 if it goes on, and
    :meth:`run` cuts there. Keeping the loop's state in local variables and
    building every sentence in one place is what makes the loop cheap.
    """

    __slots__ = ("text", "seg_start", "para_end", "width", "runs_on")

    def __init__(self, text: str) -> None:
        self.text = text
        self.seg_start = 0
        # The paragraph whose line width was last measured (see _wrapped).
        self.para_end = -1
        self.width = 0
        self.runs_on = True

    def run(self) -> list[tuple[str, int, int]]:
        text = self.text
        size = len(text)
        out: list[tuple[str, int, int]] = []
        append = out.append
        first_word = _FIRST_WORD.match
        seg_start = line_start = para_start = 0
        for m in _candidates().finditer(text):
            kind = m.lastgroup
            # Each branch sets ``cut``, where the current sentence ends, and
            # ``resume``, where the next one may start (past a line break or
            # the spaces after a period, so the next sentence seldom needs
            # stripping; every reader of the start skips whitespace anyway).
            # (The kinds are tested in order of frequency on scraped pages.)
            if kind == "nl":
                # A blank line, the commonest candidate on scraped pages.
                cut, resume = m.span()
                line_start = para_start = resume
            elif kind == "plain":
                cut = m.start() + 1
                resume = m.end()
            elif kind == "item":
                cut, resume = m.span()
                line_start = resume
                if cut <= seg_start:
                    if resume > seg_start:
                        seg_start = resume
                    continue
            elif kind == "next":
                cut = m.start()
                if m.end() != cut + 1:
                    self.seg_start = seg_start
                    cut = resume = self._terminal(m)
                elif text[cut] != ".":
                    if text[cut] == "\u2026":  # an ellipsis
                        self.seg_start = seg_start
                        cut = resume = self._terminal(m)
                    elif self._starts_sentence(resume := m.start("next")):
                        # One "?" or "!", no closers: it ends the sentence
                        # if the next word can open one.
                        cut += 1
                    else:
                        continue
                else:
                    # One period, then a space: by far the commonest case.
                    # After a plain word that is no abbreviation ("back
                    # down. This") it ends the sentence if the next word can
                    # open one, after a title ("Mr. Smith") never; anything
                    # else is _period's to judge.
                    space = text.rfind(" ", cut - 24 if cut > 24 else 0, cut)
                    word = text[space + 1 : cut]
                    nxt_at = m.start("next")
                    low = word.lower() if len(word) > 1 and word.isalpha() else ""
                    if low and low not in _SPECIAL:
                        if not (
                            text[nxt_at].isupper() or self._starts_sentence(nxt_at)
                        ):
                            continue
                        cut += 1
                        resume = nxt_at
                    elif low in _TITLES and word[0].isupper():
                        continue
                    elif (
                        cut - seg_start <= 3
                        and text[seg_start:cut].isdigit()
                        and (not seg_start or text[seg_start - 1].isspace())
                    ):
                        # "2." opening a line or sentence: a list marker
                        # (what _period concludes after three calls).
                        continue
                    else:
                        self.seg_start = seg_start
                        cut = resume = self._period(cut, cut + 1, nxt_at)
            elif kind == "word" or kind == "lb":
                cut, resume = m.span()
                previous, line_start = line_start, resume
                if cut <= seg_start:
                    if resume > seg_start:
                        seg_start = resume
                    continue
                if kind == "word":
                    # A line ending in a word, the next opening with a
                    # capital, digit or the like: it ends the sentence
                    # unless the line looks hard-wrapped (see _breaks_line).
                    needed = cut - previous + 1 + m.end("word") - resume
                    if needed > _MIN_WRAP and self._wrapped(cut, para_start, needed):
                        continue
                elif resume >= size:
                    continue
                # Any other line break: _breaks_line, with its commonest case
                # (a line ending in a word character the regex left out)
                # inlined.
                elif (last := text[cut - 1]).isspace() or last in _RULE_OR_CLOSER:
                    if not self._breaks_line(cut, resume, previous, para_start):
                        continue
                elif last in _SETTLED_BY_PUNCTUATION:
                    continue
                else:
                    nxt = text[resume]
                    if nxt.islower() or nxt in _NOT_STARTERS:
                        continue
                    first = first_word(text, resume)
                    needed = cut - previous + 1
                    if first is not None:
                        needed += first.end() - resume
                    if needed > _MIN_WRAP and self._wrapped(cut, para_start, needed):
                        continue
            elif kind == "close":
                continue  # punctuation at the very end of the text
            elif kind == "mark":
                self.seg_start = seg_start
                cut = resume = self._paren_marker(m.start())
            else:
                cut = resume = m.start()  # an inline bullet opens an item
            if cut <= seg_start:
                if resume > seg_start and kind == "nl":
                    seg_start = resume
                continue
            seg = text[seg_start:cut]
            body = seg.strip()
            if body is seg:  # (strip returns the string itself if it can)
                append((seg, seg_start, cut))
            elif body:
                # The first non-space character is the first occurrence of
                # itself: everything before it is whitespace.
                start = seg_start + seg.find(body[0])
                append((body, start, start + len(body)))
            seg_start = resume
        seg = text[seg_start:]
        body = seg.strip()
        if body:
            start = seg_start + seg.find(body[0])
            append((body, start, start + len(body)))
        return out

    def _sentence_begins(self) -> int:
        """Offset of the current sentence's first word (after any bullet)."""
        lead = _lead().match(self.text, self.seg_start)  # (matches anywhere)
        assert lead is not None
        return lead.end()

    # --- line breaks -------------------------------------------------------

    def _breaks_line(
        self, pos: int, end: int, line_start: int, para_start: int
    ) -> bool:
        """Whether the single line break at ``pos:end`` ends a sentence that
        began before it (a break before a list item is decided in the regex)."""
        text = self.text
        # The line is text[line_start:line_end]; lines on scraped pages end
        # in no space, so most of the time nothing needs slicing.
        line_end = pos
        last = text[pos - 1]
        if last.isspace():
            line_end = line_start + len(text[line_start:pos].rstrip())
            if line_end == line_start:
                return False
            last = text[line_end - 1]
        if last in "-_*=~" and not any(c.isalnum() for c in text[line_start:line_end]):
            return True  # a rule ("---", "* * *") is a line of its own
        # A terminal-punctuation candidate has already judged this line end;
        # a comma, hyphen or the like means the sentence goes on.
        if last in ".?!\u2026" or last in _LINE_GOES_ON:
            return False
        if (
            last in _CLOSERS
            and line_end - line_start > 1
            and text[line_end - 2] in ".?!\u2026"
        ):
            return False
        nxt = text[end]
        if nxt.islower() or nxt in _NOT_STARTERS:
            return False
        first = _FIRST_WORD.match(text, end)
        # The width the line would have had with the next word on it. Nobody
        # wraps narrower than _MIN_WRAP, so below that the break was made on
        # purpose whatever the paragraph (and its width need not be measured).
        needed = line_end - line_start + 1 + (first.end() - end if first else 0)
        return needed <= _MIN_WRAP or not self._wrapped(pos, para_start, needed)

    def _wrapped(self, pos: int, para_start: int, needed: int) -> bool:
        """Whether a line break looks like hard wrapping rather than a break.

        A wrapping tool breaks a line only when the next word would not fit,
        so a line that had room for the next word (judged against the
        longest line of its paragraph) ended on purpose: a headline, a
        dateline, a list item. And running text ends its paragraph with
        sentence punctuation; a block that does not (a headline over a
        byline) is a stack of separate lines.
        """
        if pos >= self.para_end:
            text = self.text
            brk = _paragraph_break().search(text, pos)
            self.para_end = brk.start() if brk else len(text)
            para = text[para_start : self.para_end]
            tail = para.rstrip().rstrip(_CLOSERS)
            self.runs_on = tail[-1:] in (".", "?", "!", "\u2026")
            if self.runs_on:  # (the width is not needed otherwise)
                # Nobody wraps text narrower than this; without the floor, a
                # short headline over a shorter line would look like wrapping.
                width = max(map(len, map(str.rstrip, para.splitlines())))
                self.width = max(_MIN_WRAP, width)
        return self.runs_on and needed > self.width

    # --- inline list markers ----------------------------------------------

    def _paren_marker(self, pos: int) -> int:
        """ "1) The first item 2) The second item": split before "2)"."""
        tail = _MARK_TAIL.search(self.text, max(0, pos - 4), pos)
        if tail is not None and self._continues_list(tail.group(), ")"):
            return tail.start()
        return -1

    def _continues_list(self, item: str, style: str) -> bool:
        """Whether ``item`` follows the marker that opened this sentence.

        "1) The first item 2) The second item": the "2)" starts a new
        sentence because the current one began with "1)".
        """
        begin = self._sentence_begins()
        first = _MARKER.match(self.text, begin)
        if first is None or first.group(2) != style:
            return False
        prev = first.group(1)
        if item.isdigit():
            return prev.isdigit() and int(prev) + 1 == int(item)
        return len(prev) == 1 and ord(prev) + 1 == ord(item)

    # --- terminal punctuation ---------------------------------------------

    def _terminal(self, m: re.Match[str]) -> int:
        text = self.text
        pos = m.start()
        run_end, end = m.span("close")
        nxt_at = m.start("next")
        if run_end == pos + 1 and text[pos] == ".":
            # One period and closers (a bare period is judged in run()).
            if text[run_end] == ")":
                return self._period_paren(pos, end, nxt_at)
            return end if self._starts_sentence(nxt_at) else -1
        run = text[pos:run_end]
        close = text[run_end:end]
        if run.strip(". \u2026"):
            if self._starts_sentence(nxt_at) and not (
                close and self._is_attribution(nxt_at)
            ):
                return end
            return -1
        dots = run.count(".") + 3 * run.count("\u2026")
        if dots >= 3:
            return self._ellipsis(pos, end, run, nxt_at)
        return end if self._starts_sentence(nxt_at) else -1

    def _is_attribution(self, at: int) -> bool:
        """Whether a capitalised word after '?"' or '!"' names the speaker.

        '“Why now?” Smith asked.' is one sentence: a name, then a speech
        verb. '“Is this fair?” He said adults should decide.' is two: a
        capitalised pronoun or other sentence opener starts a new sentence
        (an attribution would have been written "he said").
        """
        match = _attribution().match(self.text, at)
        if match is None:
            return False
        word = _NEXT_WORD.match(self.text, at)
        return word is None or word.group(1) not in _STARTERS

    def _ellipsis(self, pos: int, end: int, run: str, nxt_at: int) -> int:
        # ". . ." marks an omission inside a sentence, "[...]" one inside a
        # quotation; four dots are the end of a sentence plus an omission.
        text = self.text
        if pos > 0 and text[pos - 1] in "[(":
            return -1
        if not self._starts_sentence(nxt_at):
            return -1
        spaced = " " in run
        if run.count(".") >= 4:
            if spaced and pos > 0 and not text[pos - 1].isspace() and run[1] == " ":
                # "compounds. . . . The": the first dot ends the sentence,
                # the ellipsis opens the next one.
                return pos + 1
            return end
        return -1 if spaced else end

    def _token_before(self, pos: int) -> tuple[str, int]:
        """The word before ``pos`` (without opening punctuation), its start."""
        window = self.text[pos - 40 if pos > 40 else 0 : pos]
        parts = window.rsplit(None, 1)
        tok = parts[-1] if parts else ""
        start = pos - len(tok)
        # "*Dr. Kross chairs ...*": markdown emphasis opens a word too.
        stripped = tok.lstrip(_WORD_LEAD)
        return stripped, start + len(tok) - len(stripped)

    def _period(self, pos: int, end: int, nxt_at: int) -> int:
        """A single "." followed by whitespace: the hard case."""
        text = self.text
        # (A plain word before it, the common case, is settled in run().)
        tok, tok_start = self._token_before(pos)
        if not tok:
            return end if self._starts_sentence(nxt_at) else -1
        marker = self._list_item_marker(tok, tok_start, ".")
        if marker is not None:
            return marker
        nxt = text[nxt_at]
        low = tok.lower()
        if nxt.isdigit():
            if (
                low in _BEFORE_NUMBER
                or low in _TITLES
                or low in _ABBREVIATIONS
                or _ACRONYM.match(tok)
            ):
                return -1
            return end
        if not self._starts_sentence(nxt_at):
            return -1
        if tok[0].isupper() and low.rpartition(".")[2] in _TITLES:
            return -1  # "Mr." and also "Tuesday.Mr." in text that lost a space
        if len(tok) == 1 and tok.isupper():
            if self._is_initial(tok_start):
                return -1
            ambiguous = True
        else:
            if low in _SUFFIXES:
                if low in _CLOCK and not self._has_clause(pos):
                    return -1
                word = _NEXT_WORD.match(text, nxt_at)
                if word is None or word.group(1) not in _CONTINUATIONS:
                    return end
                return -1
            ambiguous = (
                low in _ABBREVIATIONS or tok in _STATES or bool(_ACRONYM.match(tok))
            )
        if ambiguous:
            word = _NEXT_WORD.match(text, nxt_at)
            if word is None or word.group(1) not in _STARTERS:
                return -1
        return end

    def _has_clause(self, pos: int) -> bool:
        """Whether the sentence before ``pos`` is more than a time phrase.

        "At 5 a.m. Mr. Smith went out" goes on after the time; "He left at
        6 p.m. Mr. Smith stayed" ends, since a sentence needs more than
        "At 5 a.m.".
        """
        return self.text.count(" ", self._sentence_begins(), pos) >= 3

    def _period_paren(self, pos: int, end: int, nxt_at: int) -> int:
        """ "1.) The first item 2.) The second item" or "(... engineer.) at" """
        tok, tok_start = self._token_before(pos)
        if tok:
            marker = self._list_item_marker(tok, tok_start, ".)")
            if marker is not None:
                return marker
        return end if self._starts_sentence(nxt_at) else -1

    def _list_item_marker(self, tok: str, tok_start: int, style: str) -> int | None:
        """Where "tok." splits the text if it is a list marker: before it if
        it continues a list, nowhere (-1) if it opens the sentence; None if
        it is no list marker, so the period is judged as usual."""
        if not (tok.isdigit() and len(tok) <= 3) and not (
            len(tok) == 1 and "a" <= tok <= "z"
        ):
            return None
        begin = self._sentence_begins()
        if tok_start <= begin:
            return -1
        if self._continues_list(tok, style):
            return tok_start
        return None

    def _is_initial(self, tok_start: int) -> bool:
        """ "J. R. R. Tolkien", "Albert I. Jones" but not "you and I. Did".

        A capital letter after a capitalized word (or an initial) is part of
        a name; after a lowercase word it may end the sentence ("vitamin D.").
        """
        if tok_start <= self._sentence_begins():
            return True  # "J. Smith said" or a "Q." / "A." marker
        prev, _ = self._token_before(tok_start)
        return not prev or prev[0].isupper()

    def _starts_sentence(self, at: int) -> bool:
        """Whether the text at ``at`` can open a new sentence."""
        text = self.text
        c = text[at]
        if c.islower() or c in _NOT_STARTERS or c in ".\u2026":
            return False
        if c in _OPENERS:
            following = text[at + 1 : at + 2]
            spaced = following.isspace() and following not in _LB_CHARS
            if spaced and c in _OPEN_GUILLEMETS:
                following = text[at + 2 : at + 3]  # "« Nous", "«\u202fNous"
            return not (following.islower() or following.isspace())
        if c in _CLOSE_GUILLEMETS and not text[at + 1 : at + 2].isalnum():
            # A spaced "»" closes a French quotation ("partons. », a dit"),
            # unless it opens a line as a link marker ("» More news"); one
            # before a word opens a German one ("»Wir kommen.«").
            return at == 0 or text[at - 1] in _LB_CHARS
        return True
