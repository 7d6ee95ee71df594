"""Marking the blocks of a scraped page by kind.

A scraped article is more than its story: section labels, the headline,
bylines and datelines, call-out boxes, photo captions and credits, share
buttons and cookie notices. :func:`clean_blocks` cuts the text into spans and
names each span's kind with general rules (see ``docs/cleaning.md``), erring
toward ``"body"``: a real sentence must never be thrown away. What a line is
on its own is decided in :mod:`stancekit.text.page_rules`; the rules here look at
a line's place in the page, those for the headline, its kicker and subheads
in :mod:`stancekit.text.headlines`. Repeated text is found by
:func:`stancekit.text.repeats.find_duplicates` (re-exported here).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Final

from stancekit.text.boilerplate import mark_furniture
from stancekit.text.headlines import mark_headline, mark_subheads
from stancekit.text.page_rules import (
    BODY,
    BOILER,
    BULLET,
    CALLOUT,
    CALLOUT_ALONE,
    CAPTION,
    CREDIT,
    DATELINE,
    GALLERY_COUNTER,
    HEADLINE,
    NEWS_AGENCY_ONLY,
    OPEN_QUOTE,
    RELATED_HEADER,
    SPEECH,
    WIRE_FOOTER,
    has_credit_hint,
    is_credit,
    is_link_list_line,
    line_kind,
    normalize,
    squash,
)
from stancekit.text.pieces import Paragraph, Piece
from stancekit.text.repeats import find_duplicates
from stancekit.text.templates import template_key

__all__ = ["KINDS", "Block", "clean_blocks", "find_duplicates"]

KINDS: Final = (BODY, HEADLINE, CALLOUT, CAPTION, CREDIT, BOILER)
"""The block kinds, in the order the docs describe them."""


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


# --- paragraphs and pieces ---------------------------------------------------

# Where a credit may start at a line's end: after a sentence, or a bracket.
_SENTENCE_GAP: Final = re.compile(r"(?<=[.!?\"”’)])\s+(?=\S)|\s+(?=\()")
_NEWLINE: Final = re.compile(r"\r\n|\r|\n")
_DIGIT: Final = re.compile(r"\d")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """The offset and text of each line; ``\n``, ``\r\n`` and ``\r`` each
    end one."""
    offset = 0
    if "\r" not in text:  # most texts: a plain split is much quicker
        for line in text.split("\n"):
            yield offset, line
            offset += len(line) + 1
        return
    for newline in _NEWLINE.finditer(text):
        yield offset, text[offset : newline.start()]
        offset = newline.end()
    yield offset, text[offset:]


def _marked_paragraphs(text: str) -> tuple[list[Paragraph], set[str | None]]:
    """The page's paragraphs of pieces, each line marked by the whole-line
    patterns as it is read (caption/credit tails and wire footers split
    off), and the kinds given: one walk over the lines."""
    paragraphs: list[Paragraph] = []
    pieces: list[Piece] = []
    para = Paragraph(0)  # replaced at the first line with text (last = -2)
    found: set[str | None] = set()
    last = -2  # the number of the last line with text
    for number, (offset, line) in enumerate(_lines(text)):
        # ``str.strip`` strips what the ``\s`` of patterns matches.
        stripped = line.strip()
        if not stripped:
            continue
        # A blank line (only whitespace between two newlines) starts a
        # paragraph.
        if number - last >= 2:
            para = Paragraph(len(paragraphs))
            paragraphs.append(para)
            pieces = para.pieces
        last = number
        # Most lines of scraped text come stripped already.
        start = offset if len(stripped) == len(line) else offset + line.find(stripped)
        piece = Piece(start, start + len(stripped), stripped)
        pieces.append(piece)
        if len(stripped) > 600:
            if _split_tail(para, piece):
                found.add(CREDIT)
            continue  # a long line is prose; only tails can be furniture
        kind = (
            _cached_line_kind(stripped) if len(stripped) <= 200 else line_kind(stripped)
        )
        piece.kind = kind
        found.add(kind)
        if (kind is None or kind == CAPTION) and _split_tail(para, piece):
            found.add(CREDIT)
    return paragraphs, found


def _is_bullet_paragraph(para: Paragraph) -> bool:
    return all(BULLET.match(p.text) for p in para.pieces)


def _split(
    para: Paragraph, piece: Piece, at: int, head: str | None, tail: str | None
) -> None:
    """Cut ``piece`` at text offset ``at`` (whitespace around it is dropped)."""
    left = piece.text[:at].rstrip()
    right = piece.text[at:].lstrip()
    right_start = piece.end - len(right)
    i = para.pieces.index(piece)
    para.pieces[i : i + 1] = [
        Piece(piece.start, piece.start + len(left), left, head),
        Piece(right_start, piece.end, right, tail),
    ]


# --- the rules, in order -----------------------------------------------------


def clean_blocks(
    text: str,
    title: str | None = None,
    *,
    whole_page: bool = True,
    template: frozenset[str] = frozenset(),
) -> list[Block]:
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
    whole_page : bool
        The text may be a whole page as a crawler saves it, menus, link
        lists and comments included (the default): on long texts, lines are
        also judged by their features and neighbours
        (:func:`stancekit.text.boilerplate.mark_furniture`). False for text
        an extractor already cut to the main content, such as the text of
        an HTML page read by :func:`stancekit.articles.read_articles`.
    template : frozenset of str
        Lines of the site's template (as
        :func:`stancekit.text.templates.template_lines` finds them across
        several of its articles): lines equal to one are boilerplate.

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
    # Call-outs and credits are named by the line rules only (the steps
    # before theirs copy kinds, never make these): a page without any skips
    # their steps.
    paragraphs, found = _marked_paragraphs(text)
    if template:
        _mark_template(paragraphs, template)
    _inherit_wrapped(paragraphs)
    mark_headline(paragraphs, title)
    _join_wrapped_numbers(paragraphs)
    if CALLOUT in found:
        _mark_callouts(paragraphs)
    _mark_related_lists(paragraphs)
    if CREDIT in found:
        _mark_captions(paragraphs)
    _mark_galleries(paragraphs)
    _mark_pull_quotes(paragraphs)
    mark_subheads(paragraphs)
    _mark_notes(paragraphs)
    _split_datelines(paragraphs)
    if whole_page:
        mark_furniture(paragraphs)
    return _blocks(paragraphs)


def _mark_template(paragraphs: list[Paragraph], template: frozenset[str]) -> None:
    """Lines the site prints on many of its pages are its template."""
    for para in paragraphs:
        for piece in para.pieces:
            if piece.kind is None and template_key(piece.text) in template:
                piece.kind = BOILER


# A site prints the same menu, footer and share lines on every page: their
# kinds are remembered (short lines only, so the cache stays a few MB).
_cached_line_kind: Final = lru_cache(maxsize=16384)(line_kind)


def _split_tail(para: Paragraph, piece: Piece) -> bool:
    """Split a credit ("... Monday. Jane Doe/AP") or wire footer
    ("... (Reporting by Jane Doe; Editing by John Roe)") off a line's end;
    whether a credit was."""
    line = piece.text
    if line.endswith(")"):
        # The footer's bracket holds no other: it opens at the last "(".
        footer = WIRE_FOOTER.match(line, max(0, line.rfind("(")))
        if footer and footer.start() > 0:
            _split(para, piece, footer.start(), piece.kind, BOILER)
            return False
    if not _may_have_gap(line):
        return False
    region = line[-130:]
    if not (
        "/" in region
        or "|" in region
        or "©" in region
        or has_credit_hint(region.casefold())
    ):
        return False
    best = None
    for gap in reversed(list(_SENTENCE_GAP.finditer(line, max(0, len(line) - 130)))):
        tail = line[gap.end() :]
        if len(tail.split()) > 14:
            break
        if is_credit(tail):
            best = gap.start()
    if best is not None and best > 0:
        _split(para, piece, best, piece.kind, CREDIT)
        return True
    return False


def _may_have_gap(line: str) -> bool:
    """Whether :data:`_SENTENCE_GAP` may find a gap in the last 130
    characters of a stripped line: it needs a "(" there, or a mark of its
    lookbehind before the line's last character (the mark may sit just
    before those 130). One search of the marks and "(" from 131 characters
    before the end up to the last character, and a test of the last."""
    end = len(line) - 1
    return (
        _GAP_MARKS.search(line, max(0, end - 130), end) is not None or line[-1:] == "("
    )


_GAP_MARKS: Final = re.compile(r'[.!?"”’)(]')


def _inherit_wrapped(paragraphs: list[Paragraph]) -> None:
    """A hard-wrapped continuation line, starting in lower case after an
    unfinished line, belongs to the line before it."""
    for para in paragraphs:
        for before, piece in pairwise(para.pieces):
            if piece.text[:1].islower() and before.text[-1:] not in '.!?:"”’)':
                if (
                    before.kind == BOILER
                    and len(before.text.split()) <= 3
                    and len(piece.text) >= _WRAPPED_PROSE
                ):
                    # "Photos" / "of the flood were shared ...": the label was
                    # the first word of a wrapped sentence.
                    before.kind = None
                piece.kind = before.kind


# A hard-wrapped line of prose is at least this long.
_WRAPPED_PROSE: Final = 40


def _join_wrapped_numbers(paragraphs: list[Paragraph]) -> None:
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


def _mark_callouts(paragraphs: list[Paragraph]) -> None:
    """A call-out header takes the rest of its paragraph; a header alone at
    a paragraph's end takes the next paragraph, and further bullet ones."""
    for para in paragraphs:
        for i, piece in enumerate(para.pieces):
            if piece.kind != CALLOUT:
                continue
            for rest in para.pieces[i + 1 :]:
                if rest.kind is None:
                    rest.kind = CALLOUT
            if i + 1 < len(para.pieces) or not CALLOUT_ALONE.match(squash(piece.text)):
                break
            taken = None
            for nxt in paragraphs[para.index + 1 :]:
                if taken is not None and not (
                    _is_bullet_paragraph(nxt) and _is_bullet_paragraph(taken)
                ):
                    break
                if any(p.kind not in (None, CALLOUT) for p in nxt.pieces):
                    break
                for p in nxt.pieces:
                    p.kind = CALLOUT
                taken = nxt
            break


def _mark_related_lists(paragraphs: list[Paragraph]) -> None:
    """Under a "Related:" header, the link titles that follow are furniture."""
    for para in paragraphs:
        for i, piece in enumerate(para.pieces):
            if piece.kind != BOILER or not RELATED_HEADER.match(squash(piece.text)):
                continue
            rest = para.pieces[i + 1 :]
            for p in rest:
                if p.kind is None and is_link_list_line(p.text):
                    p.kind = BOILER
            if rest:
                break
            for nxt in paragraphs[para.index + 1 :]:
                lines = [p for p in nxt.pieces if p.kind is None]
                if not lines or not all(is_link_list_line(p.text) for p in lines):
                    break
                for p in lines:
                    p.kind = BOILER
            break


_PERSONAL: Final = re.compile(r"\b(?:I|[Yy]ou|[Yy]our|[Ww]e|[Oo]ur|[Mm]y)\b")


def _caption_like(pieces: list[Piece], limit: int) -> bool:
    """Short, descriptive, third-person text: not a quotation, a question,
    an attributed statement or a lead-in to what follows."""
    text = " ".join(p.text for p in pieces)
    return (
        0 < len(text.split()) <= limit
        and text[:1] not in OPEN_QUOTE
        and text[-1:] not in ":?!"
        and not SPEECH.search(text)
        and not _PERSONAL.search(text)
    )


def _adjacent_body(pieces: list[Piece]) -> list[Piece]:
    """The unmarked pieces next to a credit, up to the first marked one."""
    run = []
    for piece in pieces:
        if piece.kind is not None:
            break
        run.append(piece)
    return run


def _mark_captions(paragraphs: list[Paragraph]) -> None:
    """The caption goes with a credit: the body text next to it in its
    paragraph, else a short descriptive single-line paragraph just before it."""
    for para in paragraphs:
        credits = [i for i, p in enumerate(para.pieces) if p.kind == CREDIT]
        if not credits:
            continue
        if len(credits) < len(para.pieces):
            first = credits[0]
            before = _adjacent_body(para.pieces[:first][::-1])
            after = _adjacent_body(para.pieces[first + 1 :])
            if before and _caption_like(before, 60):
                for p in before:
                    p.kind = CAPTION
            elif not before and after and _caption_like(after, 40):
                for p in after:
                    p.kind = CAPTION
            continue
        if para.index == 0 or all(NEWS_AGENCY_ONLY.match(p.text) for p in para.pieces):
            continue  # a lone "AP" may name the story's source, not a photo's
        # The caption is the line-long paragraph before the credit, else the
        # one after it ("Jane Doe/AP" over "A view of the dam on Monday.").
        for near in (para.index - 1, para.index + 1):
            if near >= len(paragraphs):
                break
            other = paragraphs[near]
            if (
                len(other.pieces) == 1
                and other.pieces[0].kind is None
                and _caption_like(other.pieces, 30)
            ):
                other.pieces[0].kind = CAPTION
                break


def _mark_galleries(paragraphs: list[Paragraph]) -> None:
    """In a photo gallery, the line after each counter ("Image 1 of 8") is
    that picture's caption: the next unmarked line, in the counter's
    paragraph or alone in the next one."""
    for para in paragraphs:
        for i, piece in enumerate(para.pieces):
            if (
                piece.kind != BOILER
                or _DIGIT.search(piece.text) is None  # a counter has numbers
                or not GALLERY_COUNTER.match(squash(piece.text))
            ):
                continue
            if i + 1 < len(para.pieces):
                nxt = para.pieces[i + 1]
            elif (
                para.index + 1 < len(paragraphs)
                and len(paragraphs[para.index + 1].pieces) == 1
            ):
                nxt = paragraphs[para.index + 1].pieces[0]
            else:
                continue
            if nxt.kind is None and len(nxt.text.split()) <= 60:
                nxt.kind = CAPTION


def _quotation(text: str) -> str | None:
    """The quoted words of a paragraph that is one quotation (a pull quote),
    with an optional "— Name" attribution after it."""
    text = text.removeprefix(">").lstrip()  # a markdown block quote
    if text[:1] not in OPEN_QUOTE:
        return None
    match = _PULL_QUOTE.match(text)
    if not match or SPEECH.search(text[match.end(1) :]):
        return None
    quote = normalize(match.group(1) or match.group(2))
    return quote if len(quote) >= 20 else None


_PULL_QUOTE: Final = re.compile(
    r"^(?:[\"“„«]([^\"“”„«»]+)[\"”»]|‘([^‘’]+)’)\s*(?:(?:--?|–|—|―)\s*[^.!?]{0,80})?$"
)


def _mark_pull_quotes(paragraphs: list[Paragraph]) -> None:
    """A paragraph that is only a quotation repeating a quotation found,
    with its attribution, elsewhere in the page is a pull quote."""
    candidates = []
    for para in paragraphs:
        if len(para.pieces) == 1 and para.pieces[0].kind is None:
            quote = _quotation(para.pieces[0].text)
            if quote and para.words() <= 60:
                candidates.append((para, quote))
    if not candidates:
        return
    alone = {id(para) for para, _ in candidates}
    # A paragraph can hold a quotation only if it has the quotation's longest
    # word: only those are normalized.
    keys = {max(quote.split(), key=len) for _, quote in candidates}
    attributed = []
    for para in paragraphs:
        if id(para) in alone:
            continue
        text = " ".join(p.text for p in para.pieces if p.kind is None)
        folded = text.casefold()
        if any(key in folded for key in keys):
            attributed.append(normalize(text))
    haystack = " \n " + " \n ".join(attributed) + " \n "
    for para, quote in candidates:
        if f" {quote} " in haystack:
            para.pieces[0].kind = CALLOUT


def _emphasized(pieces: list[Piece]) -> bool:
    """Whether lines are one stretch in single markdown emphasis, "*...*"
    or "_..._" (bold "**...**" is a reader's text, such as a question)."""
    first, last = pieces[0].text, pieces[-1].text
    mark = first[:1]
    return (
        mark in ("*", "_")
        and first[1:2] != mark
        and last[-1:] == mark
        and last[-2:-1] != mark
        and len(" ".join(p.text for p in pieces)) > 2
    )


def _mark_notes(paragraphs: list[Paragraph]) -> None:
    """An italic note is page furniture where notes sit: an author's bio
    under the byline before the story starts ("*Dr. X is a professor of
    ... The views are her own.*"), or a note after the story has ended
    ("*Have a question? Email our health desk.*")."""
    notes = []
    prose = []
    for para in paragraphs:
        pieces = para.pieces
        if len(pieces) == 1:  # most paragraphs: skip building the index list
            if pieces[0].kind is None:
                if _emphasized(pieces):
                    notes.append((para, 0, 0))
                else:
                    prose.append(para.index)
            continue
        unmarked = [i for i, p in enumerate(pieces) if p.kind is None]
        if not unmarked:
            continue
        first, last = unmarked[0], unmarked[-1]
        if last - first + 1 == len(unmarked) and _emphasized(pieces[first : last + 1]):
            notes.append((para, first, last))
        else:
            prose.append(para.index)
    if not notes or not prose:
        return
    for para, first, last in notes:
        if para.index < prose[0]:
            above = para.pieces[first - 1] if first else _last_piece(paragraphs, para)
            if above is None or above.kind != BOILER:
                continue  # an italic standfirst under the headline is read
        elif para.index < prose[-1]:
            continue
        for piece in para.pieces[first : last + 1]:
            piece.kind = BOILER


def _last_piece(paragraphs: list[Paragraph], para: Paragraph) -> Piece | None:
    return paragraphs[para.index - 1].pieces[-1] if para.index else None


def _split_datelines(paragraphs: list[Paragraph]) -> None:
    """ "MOSCOW (Reuters) -" at a body paragraph's start is its own block.
    Without an agency in brackets only the first body paragraph is tried,
    since "NATO - ..." could open any later paragraph."""
    first_body = True
    for para in paragraphs:
        if not para.pieces or para.pieces[0].kind is not None:
            continue
        piece = para.pieces[0]
        match = DATELINE.match(piece.text)
        if match and (first_body or match.group("agency") or match.group("lone")):
            place = match.group("place")
            if place is None or len(place.replace(".", "")) >= 2:
                _split(para, piece, match.end(), BOILER, None)
        first_body = False


def _blocks(paragraphs: list[Paragraph]) -> list[Block]:
    """Adjacent pieces of one kind in a paragraph merge into one block."""
    blocks: list[Block] = []
    for para in paragraphs:
        start = end = -1
        current = ""
        for piece in para.pieces:
            kind = piece.kind or BODY
            if start >= 0 and current == kind:
                end = piece.end
            else:
                if start >= 0:
                    blocks.append(Block(start, end, current, para.index))
                start, end, current = piece.start, piece.end, kind
        if start >= 0:
            blocks.append(Block(start, end, current, para.index))
    return blocks
