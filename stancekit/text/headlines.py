"""Headlines in a page without markup: the title, its kicker, and subheads.

The part of :func:`stancekit.text.clean.clean_blocks` that finds headline-kind
lines: the line matching a known title (and a section label right above it),
else a guessed title near the top with up to three kicker lines
("City / Transport") above it, and subheads further down (markdown headings,
short capitalised lines above prose). The rules work on
:mod:`stancekit.text.clean`'s paragraphs and pieces, changing only their kinds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from stancekit.text.boundaries import ZERO_WIDTH, has_zero_width
from stancekit.text.page_rules import (
    BOILER,
    HEADLINE,
    is_markdown_heading,
    is_short_title_like,
    is_subhead,
    looks_like_headline,
    normalize,
    title_sentences,
)
from stancekit.text.pieces import Paragraph, Piece

__all__ = ["mark_headline", "mark_subheads"]


_INVISIBLE: Final = str.maketrans(dict.fromkeys(ZERO_WIDTH))


def _visible(text: str) -> str:
    """``text`` as it reads, without zero-width characters (a byte-order
    mark, a zero-width space): "Prices rose.\ufeff" ends in a full stop."""
    return text.translate(_INVISIBLE) if has_zero_width(text) else text


def _body_pieces(
    paragraphs: list[Paragraph],
) -> Iterator[tuple[Paragraph, int, Piece]]:
    for para in paragraphs:
        for i, piece in enumerate(para.pieces):
            if piece.kind is None:
                yield para, i, piece


def mark_headline(paragraphs: list[Paragraph], title: str | None) -> None:
    """Mark the lines matching ``title`` (and a kicker above each), or, with
    no title, the guessed one."""
    if title is not None:
        wanted = _title_keys(title)
        if not wanted:
            return
        # A line matching a key holds the key's longest word: only such
        # lines are normalized.
        needed = {max(key.split(), key=len) for key in wanted}
        for para, i, piece in list(_body_pieces(paragraphs)):
            if (
                len(piece.text) <= 2 * len(title) + 40
                and _holds_any(piece.text.casefold(), needed)
                and _title_keys(piece.text) & wanted
            ):
                piece.kind = HEADLINE
                _mark_kicker(paragraphs, para, i)
        return
    _guess_headline(paragraphs)


def _holds_any(text: str, words: set[str]) -> bool:
    return any(word in text for word in words)


# Unmarked lines the headline guess looks at before giving up; kicker lines
# ("City / Transport") sit right above the title, so few are enough.
_HEADER_LOOKAHEAD: Final = 4


def _guess_headline(paragraphs: list[Paragraph]) -> None:
    """No title given: the first title-like line near the top.

    Navigation and section labels are marked already and skipped; up to three
    short kicker lines ("Nature", "City / Transport") may sit above the title
    and become boilerplate with it. A title is a line without final
    punctuation, or a short one- or two-sentence line ("Wolves are back.
    Farmers want them shot.") that sits under a kicker or over a second title
    line. Prose before any such line means the page has no headline.
    """
    candidates = []
    for para, i, piece in _body_pieces(paragraphs):
        candidates.append((para, i, piece))
        if len(candidates) == _HEADER_LOOKAHEAD:
            break
    for k, (para, i, piece) in enumerate(candidates):
        kickers = [c[2] for c in candidates[:k]]
        line = _visible(piece.text)
        if _headline_stands_alone(para, i) and (k == 0 or len(line.split()) > 3):
            if k + 1 < len(candidates) and _kicker_above(
                candidates[k], candidates[k + 1]
            ):
                continue  # a short label over a longer title
            _take_headline(para, i, kickers)
            return
        if _sentence_headline(paragraphs, para, i):
            _take_headline(para, i, kickers)
            return
        if k == len(candidates) - 1 or not _is_kicker(line):
            return


def _take_headline(para: Paragraph, i: int, kickers: list[Piece]) -> None:
    for kicker in kickers:
        kicker.kind = BOILER
    piece = para.pieces[i]
    piece.kind = HEADLINE
    # "Hospital hackers demanded €4m." over "Should paying be a crime?": a
    # title that ends a sentence may go on for one more short line.
    if _visible(piece.text)[-1:] in ".?!" and i + 1 < len(para.pieces):
        nxt = para.pieces[i + 1]
        line = _visible(nxt.text)
        if nxt.kind is None and (
            looks_like_headline(line) or title_sentences(line, 12)
        ):
            nxt.kind = HEADLINE


def _sentence_headline(paragraphs: list[Paragraph], para: Paragraph, i: int) -> bool:
    """A short title that ends in a full stop: two short sentences under a
    kicker ("Nature" / "Wolves are back. Farmers want them shot."), or one
    over a second title line ("Hackers demanded €4m." / "Should paying be a
    crime?")."""
    sentences = title_sentences(_visible(para.pieces[i].text), 20)
    if not sentences:
        return False
    nxt = para.pieces[i + 1] if i + 1 < len(para.pieces) else None
    if nxt is not None and nxt.kind is None and _headline_stands_alone(para, i + 1):
        return True
    # The kicker may sit in the paragraph above ("News" / blank line / title).
    above = para.pieces[i - 1] if i else _last_piece_above(paragraphs, para)
    return (
        sentences == 2
        and above is not None
        and above.kind in (None, BOILER)
        and _is_kicker(_visible(above.text))
    )


def _last_piece_above(paragraphs: list[Paragraph], para: Paragraph) -> Piece | None:
    if para.index == 0 or not paragraphs[para.index - 1].pieces:
        return None
    return paragraphs[para.index - 1].pieces[-1]


def _is_kicker(line: str) -> bool:
    return is_short_title_like(line) and len(line.split()) <= 3


def _kicker_above(first: tuple, second: tuple) -> bool:
    """Whether ``first`` is a short label directly above a longer title line."""
    (para, _, piece), (para2, j, nxt) = first, second
    return (
        _is_kicker(_visible(piece.text))
        and len(nxt.text.split()) > 3
        and (para2 is para or para2.index == para.index + 1)
        and _headline_stands_alone(para2, j)
    )


def _headline_stands_alone(para: Paragraph, i: int) -> bool:
    piece = para.pieces[i]
    if not looks_like_headline(_visible(piece.text)):
        return False
    following = para.pieces[i + 1] if i + 1 < len(para.pieces) else None
    return following is None or not _visible(following.text)[:1].islower()


_TITLE_SEPARATOR: Final = re.compile(r"\s+[|–—-]\s+|\s+::\s+")  # "Title | Site"


def _title_keys(text: str) -> set[str]:
    """The title and, for "Title | Site", its longer parts, normalized."""
    text = _visible(text)
    keys = {normalize(text)}
    parts = _TITLE_SEPARATOR.split(text)
    if len(parts) > 1:
        keys |= {normalize(p) for p in parts if len(p.split()) >= 3}
    return keys - {""}


def _mark_kicker(paragraphs: list[Paragraph], para: Paragraph, i: int) -> None:
    """A short line right above the headline is a section label."""
    if i > 0:
        above = para.pieces[i - 1]
    elif para.index > 0 and len(paragraphs[para.index - 1].pieces) == 1:
        above = paragraphs[para.index - 1].pieces[0]
    else:
        return
    if above.kind is None and is_short_title_like(_visible(above.text)):
        above.kind = BOILER


_ENDS_SENTENCE: Final = '.!?…"”’)'


def mark_subheads(paragraphs: list[Paragraph]) -> None:
    """Subheads are headline-kind: a markdown heading ("## What happens
    next") anywhere, and, once the story has started, a short capitalised
    line without final punctuation alone in its paragraph above a prose
    paragraph ("Costs rise")."""
    for para in paragraphs:
        for piece in para.pieces:
            if (
                piece.text.lstrip(ZERO_WIDTH)[:1] == "#"
                and piece.kind is None
                and is_markdown_heading(_visible(piece.text))
                and len(piece.text.split()) <= 25
            ):
                piece.kind = HEADLINE
    prose = [_is_prose(para) for para in paragraphs]
    story_started = False
    for k, para in enumerate(paragraphs[:-1]):
        last = para.pieces[-1]
        if (
            story_started
            and not prose[k]  # cheap: a line ending a sentence is no subhead
            and last.kind is None
            and prose[k + 1]
            and len(para.pieces) == 1
            and is_subhead(_visible(last.text))
        ):
            last.kind = HEADLINE
        story_started = story_started or prose[k]


def _is_prose(para: Paragraph) -> bool:
    """Body text that ends a sentence, as paragraphs of a story do."""
    last = para.pieces[-1]
    return last.kind is None and last.text.rstrip(ZERO_WIDTH)[-1:] in _ENDS_SENTENCE
