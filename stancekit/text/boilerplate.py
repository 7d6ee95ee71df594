"""Page furniture by block features, for whole scraped pages.

A crawler's text of a page holds menus, link lists, teasers, footers and
comments around the story. The line rules of :mod:`stancekit.text.page_rules`
name furniture they recognise (share rows, bylines, "All rights reserved");
this step judges the lines they leave as body the way jusText (Pomikálek
2011) and boilerpipe (Kohlschütter et al. 2010) judge blocks of HTML, from
features that need no markup:

- a block is a line, or the lines of a hard-wrapped paragraph joined;
- its length, its share of function words (prose has many), whether it
  ends a sentence, and whether it is a bullet item of a short link-like
  line;
- its class (good, near-good, short or bad) is then smoothed over its
  neighbours: a short block between good ones is good (a subhead, a short
  paragraph), between bad ones bad (a menu item);
- the story is the densest run of good text: blocks far outside it (a
  site index, related stories, a footer, the comments) are furniture even
  if each looks like a sentence.

The step changes only the kinds of lines still unmarked (body so far) and
only on pages long enough to have furniture around a story; a short text
(an article as written, a table cell) is left as it is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Final

from stancekit.lexicon.calendar import MONTHS
from stancekit.lexicon.furniture import STOP_WORDS
from stancekit.text.page_rules import (
    BOILER,
    BULLET,
    CALLOUT,
    CAPTION,
    CREDIT,
    HEADLINE,
    has_words,
    words_of,
)

if TYPE_CHECKING:
    from stancekit.text.pieces import Paragraph, Piece

__all__ = ["mark_furniture"]

_MONTH3: Final = "|".join(m[:3] for m in MONTHS)  # jan|feb|...|dec

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"
# A photo's caption or credit, a call-out box: furniture that sits inside
# the story, between its paragraphs. It neither votes for its neighbours
# nor cuts the story's run more than a short line does.
IN_STORY = "in_story"
_IN_STORY_KINDS: Final = frozenset({CAPTION, CREDIT, CALLOUT})

# jusText's defaults for English, with lengths in characters.
LENGTH_LOW: Final = 70
LENGTH_HIGH: Final = 200
STOPWORDS_LOW: Final = 0.30
STOPWORDS_HIGH: Final = 0.32
# A block that ends a sentence with this share of function words is prose.
STOPWORDS_PROSE: Final = 0.15
# A short line of this many words that ends a sentence is prose.
MIN_SENTENCE_WORDS: Final = 6
# A page needs this many blocks before blocks are judged by their neighbours.
MIN_BLOCKS: Final = 12
# A bullet item longer than this, or ending a sentence, is a list of prose.
MAX_LINK_ITEM: Final = 100
# A wrapped line is at least this long: shorter unfinished lines are items.
MIN_WRAPPED_LINE: Final = 40
# A list item: the bullets of BULLET, and "+" and "o" that text renderers
# use for nested lists.
_ITEM: Final = re.compile(rf"{BULLET.pattern}|^[+o]\s+")
_ENDS_SENTENCE: Final = tuple('.!?…"”’')


class _Blocks:
    """A page's blocks as parallel lists, filled in one walk over its lines:
    each block's text, its unmarked pieces (empty for a line the line rules
    already marked), whether it was marked, and its class."""

    __slots__ = ("texts", "pieces", "marked", "classes")

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        texts: list = []  # a run's pieces until the run is joined below
        pieces: list[list[Piece]] = []
        runs: list[int] = []  # the blocks that are runs of unmarked lines
        classes: list[str] = []  # a run's class is set below

        def close(run: list[Piece]) -> None:
            runs.append(len(texts))
            texts.append(run)  # joined below
            pieces.append(run)
            classes.append(BAD)

        for para in paragraphs:
            run: list[Piece] = []
            for piece in para.pieces:
                kind = piece.kind
                if kind is None:
                    # A line goes on the run if a hard wrap cut the run's last
                    # sentence (:func:`_continues`).
                    if run and not _continues(run[-1].text, piece.text):
                        close(run)
                        run = []
                    run.append(piece)
                    continue
                if kind == HEADLINE:
                    continue  # neither story nor furniture: no vote either way
                if run:
                    close(run)
                    run = []
                texts.append(piece.text)
                pieces.append(_NONE)
                classes.append(IN_STORY if kind in _IN_STORY_KINDS else BAD)
            if run:
                close(run)
        marked = [True] * len(texts)
        for i in runs:
            run = texts[i]
            text = run[0].text if len(run) == 1 else " ".join(p.text for p in run)
            texts[i] = text
            marked[i] = False
            classes[i] = _classify(text)
        self.texts, self.pieces, self.marked, self.classes = (
            texts,
            pieces,
            marked,
            classes,
        )


_NONE: list = []  # the unmarked pieces of a marked block (never changed)


# What a list item (:data:`_ITEM`) can start with besides a decimal digit:
# one of these marks followed by whitespace.
_ITEM_FIRST: Final = frozenset("-*•●▪◦–—+o")


def _is_item(text: str) -> bool:
    """Whether a line is a list item: a bullet mark and whitespace (as
    ``\\s`` matches it, which is what ``str.isspace`` tells), else the
    pattern, tried only on a line starting with a decimal digit."""
    first = text[:1]
    if first in _ITEM_FIRST:
        return text[1:2].isspace()
    return first.isdecimal() and _ITEM.match(text) is not None


def _classify(text: str) -> str:
    ends = text.endswith(_ENDS_SENTENCE)
    if _is_item(text) and (len(text) < MAX_LINK_ITEM or not ends):
        return BAD  # a menu or related-links item
    if len(text) < LENGTH_LOW and not ends:
        # Short and no sentence: its share of function words cannot count.
        return SHORT if has_words(text) else BAD
    words = words_of(text)
    if not words:
        return BAD
    stop = sum(map(STOP_WORDS.__contains__, words)) / len(words)
    if len(text) < LENGTH_LOW:
        if ends and len(words) >= MIN_SENTENCE_WORDS and stop >= STOPWORDS_LOW:
            return NEARGOOD  # a short sentence of prose
        return SHORT
    if stop >= STOPWORDS_HIGH:
        return GOOD if len(text) >= LENGTH_HIGH or ends else NEARGOOD
    if stop >= STOPWORDS_LOW or (ends and stop >= STOPWORDS_PROSE):
        # News prose full of names and figures has fewer function words.
        return NEARGOOD
    return BAD


def _continues(before: str, line: str) -> bool:
    """Whether ``line`` goes on the sentence a hard wrap cut in ``before``
    (the cheapest test first: most short lines fail it)."""
    return (
        (len(before) >= MIN_WRAPPED_LINE or line[:1].islower())
        and not before.endswith(_ENDS_SENTENCE)
        and not _is_item(line)
    )


def _neighbours(
    classes: list[str], skip_neargood: bool, at: list[int]
) -> tuple[list, list]:
    """For each block of ``at`` (in page order), the class of the nearest
    block before it and after it that is not short (nor near-good, with
    ``skip_neargood``); BAD at the page's ends. The blocks that count are
    listed once and each block of ``at`` finds its two by bisection, so long
    runs of short lines cost no square."""
    skipped = (SHORT, NEARGOOD, IN_STORY) if skip_neargood else (SHORT, IN_STORY)
    anchors = [i for i, cls in enumerate(classes) if cls not in skipped]
    n = len(anchors)
    before, after = [], []
    for i in at:
        k = bisect_left(anchors, i)
        before.append(classes[anchors[k - 1]] if k else BAD)
        if k < n and anchors[k] == i:
            k += 1
        after.append(classes[anchors[k]] if k < n else BAD)
    return before, after


def _smooth(blocks: _Blocks) -> None:
    """jusText's context rules: short and near-good blocks take the class
    their neighbours give them."""
    classes, texts, marked = blocks.classes, blocks.texts, blocks.marked
    short = [i for i, cls in enumerate(classes) if cls == SHORT]
    befores, afters = _neighbours(classes, True, short)
    near_befores, near_afters = _neighbours(classes, False, short)
    new = []
    for i, before, after, near_before, near_after in zip(
        short, befores, afters, near_befores, near_afters, strict=True
    ):
        if before == after:
            new.append(before)
        elif (
            (before == BAD and near_before == NEARGOOD)
            or (after == BAD and near_after == NEARGOOD)
            or (not marked[i] and texts[i].endswith(_ENDS_SENTENCE))
        ):
            # Next to good text on one side, a short sentence goes with it
            # ("The trial continues." at a story's end).
            new.append(GOOD)
        else:
            new.append(BAD)
    for i, cls in zip(short, new, strict=True):
        classes[i] = cls
    near = [i for i, cls in enumerate(classes) if cls == NEARGOOD]
    befores, afters = _neighbours(classes, True, near)
    for i, before, after in zip(near, befores, afters, strict=True):
        classes[i] = BAD if before == after == BAD else GOOD


# The header of a page's comments: "Leave a Reply", "3 Comments", "Post a
# Comment", "Comments (12)", "What do you think?".
_COMMENTS_HEADER: Final = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reader\s+comments|trackbacks?"
    r"|(?:leave|post|add|write|submit|make)\s+(?:a|your)\s+(?:comment|reply|response)"
    r"|join\s+the\s+(?:discussion|conversation)|discussion|what\s+do\s+you\s+think"
    r"|speak\s+your\s+mind|have\s+your\s+say|\d+\s+thoughts\s+on\b.*"
    r"|comments\s+are\s+closed)\b[^.]{0,40}$",
    re.I,
)
# One comment's signature line ("said" is left out: "Lee said:" opens
# quotations in stories): "Ann Lee says:", "by ann_l on Aug 8, 2012
# 8:23 PM reply", "Ann Lee July 19, 2012 at 12:40 pm #".
_COMMENT_SIGNATURE: Final = re.compile(
    r"^(?:[\w.'’@-]+\s+){1,4}(?:(?:says|wrote|writes)\s*[:,]?|said\s*,)$"
    r"|^(?:by\s+)?\S+(?:\s+\S+){0,4}\s+(?:on\s+)?"
    r"(?:\d{1,2}\s+)?(?i:" + _MONTH3 + r")\w*\.?"
    r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}.{0,40}"
    r"(?:\b(?:reply|permalink|report|link)\b|#|\d\s*[ap]\.?m\.?)\W*(?:\w+\W*){0,4}$",
    re.I,
)
# The first letters of the comments headers, lower-cased, as the case-blind
# pattern matches them (with the long s, "ſ"); or a digit.
_HEADER_FIRST: Final = frozenset("crlpawsmjdhtſ")
_CLOCK: Final = re.compile(
    r"\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\b)?|@\s*\d{1,2}:?\d{2}", re.I
)
_DATE: Final = re.compile(
    r"\b(?:" + _MONTH3 + r")[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:" + _MONTH3 + r")"
    r"|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.I,
)


_DIGIT: Final = re.compile(r"\d")
# The last character of "says", "wrote", "writes", a colon or a comma, as
# the case-blind pattern matches them (with the long s, "ſ").
_SIGNATURE_ENDS: Final = "sSſeE:,"


def _is_signature(text: str) -> bool:
    """A comment's signature: a name (not a time: live blogs stamp their
    entries with one) followed by a date and a clock time, or a name that
    "says:"."""
    # Both need a digit (a year, a clock time), except a name that "says:",
    # which ends in one of these letters or marks.
    digit = _DIGIT.search(text) is not None
    if (digit or text[-1:] in _SIGNATURE_ENDS) and _COMMENT_SIGNATURE.match(text):
        return True
    return (
        digit
        and len(text.split()) <= 16
        and not text[:1].isdigit()
        and text[-1:] not in ".!?"
        and _CLOCK.search(text) is not None
        and _DATE.search(text) is not None
    )


# Story text that must come before a comments header for it to count.
MIN_STORY_BEFORE_COMMENTS: Final = 300


def _comments_start(blocks: _Blocks) -> int | None:
    """Where a page's comments begin: a comments header, or the first of
    two comment signatures, once some story text has come before it."""
    story = 0
    signatures = []
    for i, (text, cls) in enumerate(zip(blocks.texts, blocks.classes, strict=True)):
        if story >= MIN_STORY_BEFORE_COMMENTS and len(text) <= 120:
            header = text.strip(" *#:-|»")
            if (
                header[:1].lower() in _HEADER_FIRST or header[:1].isdecimal()
            ) and _COMMENTS_HEADER.match(header):
                return i
            if _is_signature(text):
                signatures.append(i)
                if len(signatures) == 2:
                    return signatures[0]
        if cls in (GOOD, NEARGOOD):
            story += len(text)
    return None


def _main_run(blocks: _Blocks) -> tuple[int, int]:
    """The run of blocks with the most text for its furniture (the maximum
    sum of block scores): where the story is. A good block scores its
    length, a near-good one half of it; a short one costs a little, a bad
    one its length (at least a minimum); a caption, credit or call-out
    box costs as a short one."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, (text, cls) in enumerate(zip(blocks.texts, blocks.classes, strict=True)):
        if total <= 0:
            total, start = 0.0, i
        if cls == GOOD:
            total += len(text)
        elif cls == NEARGOOD:
            total += NEARGOOD_WEIGHT * len(text)
        elif cls in (SHORT, IN_STORY):
            total += -SHORT_COST
        else:
            total += -max(len(text), BAD_MIN_COST)
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _promote_main_run(blocks: _Blocks) -> None:
    """Near-good blocks in the story's run are good; good-looking blocks
    far from it (teasers, comments, a footer) lose their vote."""
    start, end = _main_run(blocks)
    classes = blocks.classes
    for i, cls in enumerate(classes):
        if start <= i < end:
            if cls == NEARGOOD:
                classes[i] = GOOD
        elif cls in (GOOD, NEARGOOD):
            classes[i] = BAD


def _promote_headings(blocks: _Blocks) -> None:
    """jusText's heading rule for plain text: a short line of a few words
    just above good text (a standfirst, a subhead) is good, whatever the
    furniture above it."""
    classes, texts, marked = blocks.classes, blocks.texts, blocks.marked
    for i, cls in enumerate(classes):
        if cls != SHORT or len(texts[i].split()) < MIN_HEADING_WORDS:
            continue
        distance = 0
        for j in range(i + 1, len(classes)):
            nxt = classes[j]
            if nxt == GOOD:
                classes[i] = GOOD
                break
            if not (marked[j] or nxt == SHORT):
                break
            distance += len(texts[j])
            if distance > HEADING_DISTANCE:
                break


MIN_HEADING_WORDS: Final = 3
HEADING_DISTANCE: Final = 200


NEARGOOD_WEIGHT: Final = 0.5
SHORT_COST: Final = 5
BAD_MIN_COST: Final = 20


def mark_furniture(paragraphs: list[Paragraph]) -> None:
    """Mark the unmarked lines of a long page that its blocks' features
    and neighbours call furniture as boilerplate."""
    blocks = _Blocks(paragraphs)
    classes = blocks.classes
    if len(classes) < MIN_BLOCKS or GOOD not in classes:
        return  # no story text to judge the rest against
    comments = _comments_start(blocks)
    if comments is not None:
        classes[comments:] = [BAD] * (len(classes) - comments)
    _promote_main_run(blocks)
    _promote_headings(blocks)
    _smooth(blocks)
    if comments is not None:
        classes[comments:] = [BAD] * (len(classes) - comments)
    for cls, pieces in zip(classes, blocks.pieces, strict=True):
        if cls == BAD:
            for piece in pieces:  # none for a marked block
                piece.kind = BOILER
