"""Patterns split by the character a match can start with.

A line rule that is a long alternation anchored at the line's start (the
keyword patterns of :mod:`stancekit.text.page_rules`: "share", "read more",
"all rights reserved", ...) fails on most lines, but the regular expression
engine still tries each of its branches before it gives up. Split into the
branches that can start with each character, one dictionary lookup of the
line's first character picks the few branches worth trying: the answer is
the same (a match starts with its first character, so only the branches
that can start with it can match), and most lines try none. A branch that
can start with any character ("(?:\\w+\\s+)?loading") is tried only on
texts holding the plain text it needs ("loading").
"""

from __future__ import annotations

import re
from typing import Final

try:  # the parser's own node names (Python >= 3.11)
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:
    try:  # Python 3.10 names them sre_constants and sre_parse
        import sre_constants as c
        import sre_parse
    except ImportError:  # a Python that moved them: no split, same answers
        c = sre_parse = None
# Repeats; possessive ones exist from Python 3.11.
_REPEATS: Final = (
    ()
    if c is None
    else (c.MAX_REPEAT, c.MIN_REPEAT)
    + ((c.POSSESSIVE_REPEAT,) if hasattr(c, "POSSESSIVE_REPEAT") else ())
)

__all__ = [
    "FirstCharacterDispatch",
    "alternatives",
    "first_characters",
    "required_text",
]


def alternatives(pattern: re.Pattern) -> list[str]:
    """The sources of ``pattern``'s top-level branches, each anchored as the
    whole: ``^(?:a|b)tail`` gives ``^(?:a)tail`` and ``^(?:b)tail``, whose
    union matches what ``pattern`` matches. A pattern of another shape is
    one branch."""
    source = pattern.pattern
    if not source.startswith("^(?:"):
        return [source]
    parts, start = [], len("^(?:")
    depth, escaped, class_start = 1, False, None
    for i in range(start, len(source)):
        char = source[i]
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif class_start is not None:
            # "]" first in a class ("[]...]", "[^]...]") is a member.
            if char == "]" and i > class_start + 1 + (source[class_start + 1] == "^"):
                class_start = None
        elif char == "[":
            class_start = i
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                parts.append(source[start:i])
                tail = source[i + 1 :]
                return [f"^(?:{part}){tail}" for part in parts]
        elif char == "|" and depth == 1:
            parts.append(source[start:i])
            start = i + 1
    return [source]


def first_characters(source: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of ``source`` can start with, or None when it
    can start with any (a class such as ``\\w``, or a case-blind part)."""
    if flags & re.IGNORECASE or sre_parse is None:
        return None
    found, empty = _first(sre_parse.parse(source, flags))
    # A pattern that can match the empty string matches before any character.
    return None if found is None or empty else frozenset(found)


# What stands for the decimal digits outside ASCII that ``\d`` also matches
# (a text's first character is never this two-character string).
OTHER_DIGITS: Final = "\\d"
_ASCII_DIGITS: Final = frozenset("0123456789")


def _first(items) -> tuple[set[str] | None, bool]:
    """The first characters of a parsed sequence, and whether it can match
    the empty string."""
    found: set[str] = set()
    for op, av in items:
        if op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: the next item reads the first character
        if op is c.LITERAL:
            found.add(chr(av))
            return found, False
        if op is c.IN:
            for kind, value in av:
                if kind is c.LITERAL:
                    found.add(chr(value))
                elif kind is c.RANGE and value[1] - value[0] < 64:
                    found.update(map(chr, range(value[0], value[1] + 1)))
                elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                    found.update(_ASCII_DIGITS)
                    found.add(OTHER_DIGITS)
                else:
                    return None, False  # a category, a negation, a wide range
            return found, False
        if op is c.SUBPATTERN:
            _, add_flags, _, sub = av
            if add_flags & re.IGNORECASE:
                return None, False
            branches = [sub]
        elif op is c.BRANCH:
            branches = av[1]
        elif op in _REPEATS:
            branches = [av[2]]
        else:
            return None, False  # any character, a back reference, ...
        empty = op in _REPEATS and not av[0]
        for branch in branches:
            sub_found, sub_empty = _first(branch)
            if sub_found is None:
                return None, False
            found |= sub_found
            empty = empty or sub_empty
        if not empty:
            return found, False
    return found, True


def required_text(source: str, flags: int = 0) -> str:
    """The longest run of plain characters every match of ``source`` holds
    (read from its top-level sequence), or "" if none is known."""
    if flags & re.IGNORECASE or sre_parse is None:
        return ""
    best, run = "", ""
    for op, av in _flat(sre_parse.parse(source, flags)):
        if op is c.LITERAL:
            run += chr(av)
            best = max(best, run, key=len)
        elif op is not c.AT:  # an anchor separates nothing
            run = ""
    return best


def _flat(items):
    """A parsed sequence with its plain groups opened: what each match
    passes through, in order."""
    for op, av in items:
        if op is c.SUBPATTERN and not av[1] and not av[2]:
            yield from _flat(av[3])
        else:
            yield op, av


class FirstCharacterDispatch:
    """Whether any of some patterns matches a text from its start, trying
    only the branches that can start with the text's first character.

    ``dispatch.match(text)`` is true exactly when one of the patterns'
    ``match(text)`` is.

    Examples
    --------
    >>> rules = FirstCharacterDispatch([re.compile(r"^(?:menu|more|share)$")])
    >>> rules.match("more"), rules.match("mayor"), rules.match("zebra")
    (True, False, False)
    """

    def __init__(self, patterns: list[re.Pattern]) -> None:
        by_char: dict[str, list[str]] = {}
        anywhere: list[str] = []  # branches that can start with any character
        # ... of which those holding a known text are tried only on texts
        # holding it: (the text, the branches).
        guarded: dict[str, list[str]] = {}
        for pattern in patterns:
            verbose = "x" if pattern.flags & re.X else ""
            case = "i" if pattern.flags & re.I else ""
            for branch in alternatives(pattern):
                # ``match`` anchors at the start: without the "^" a branch
                # starts with its first character, which the engine tests
                # before entering the branch.
                body = branch.removeprefix("^")
                wrapped = (
                    f"(?{verbose}{case}:{body})" if verbose or case else f"(?:{body})"
                )
                chars = first_characters(branch, pattern.flags & (re.X | re.I))
                if chars is None:
                    needed = required_text(branch, pattern.flags & (re.X | re.I))
                    if needed:
                        guarded.setdefault(needed, []).append(wrapped)
                    else:
                        anywhere.append(wrapped)
                    continue
                for char in chars:
                    by_char.setdefault(char, []).append(wrapped)
        # A first character without a list of its own (one no branch names,
        # or a digit outside ASCII) tries the branches that can start with
        # any character, and those with a "\d" first.
        default = anywhere + by_char.pop(OTHER_DIGITS, [])
        self._default = re.compile("|".join(default)) if default else None
        self._by_char = {
            char: re.compile("|".join(branches + anywhere))
            for char, branches in by_char.items()
        }
        self._guarded = tuple(
            (needed, re.compile("|".join(branches)))
            for needed, branches in guarded.items()
        )

    def match(self, text: str) -> bool:
        pattern = self._by_char.get(text[:1], self._default)
        if pattern is not None and pattern.match(text) is not None:
            return True
        for needed, guarded in self._guarded:
            if needed in text and guarded.match(text) is not None:
                return True
        return False
