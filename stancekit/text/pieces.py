"""The working units of cleaning: paragraphs of pieces (stripped line spans).

:mod:`stancekit.text.clean` builds them and its rule modules
(:mod:`stancekit.text.headlines`) mark their kinds in place.
"""

from __future__ import annotations

__all__ = ["Paragraph", "Piece"]


class Piece:
    """A stripped span of one line (or part of a line) and its kind so far."""

    __slots__ = ("start", "end", "text", "kind")

    def __init__(
        self, start: int, end: int, text: str, kind: str | None = None
    ) -> None:
        self.start, self.end, self.text, self.kind = start, end, text, kind


class Paragraph:
    """A blank-line-separated paragraph: its index and its pieces."""

    __slots__ = ("index", "pieces")

    def __init__(self, index: int) -> None:
        self.index = index
        self.pieces: list[Piece] = []

    def words(self) -> int:
        return sum(len(p.text.split()) for p in self.pieces)
