"""The package's patterns use only what Python 3.10's ``re`` understands.

pyproject says ``requires-python = ">=3.10"``, but possessive quantifiers
(``a*+``) and atomic groups (``(?>...)``) arrived in 3.11: one of them in a
module-level pattern makes the whole package fail to import on 3.10, which
a suite run on 3.11 never notices. Every compiled pattern held by a module
of the package is parsed here and must contain neither.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys

import pytest

import stancekit

_parser = getattr(re, "_parser", None)
NEW_OPCODES = {"POSSESSIVE_REPEAT", "ATOMIC_GROUP"}


def _opcodes(parsed) -> set[str]:
    """Names of every opcode in a parsed pattern, nested groups included."""
    found = set()
    for op, arg in parsed:
        found.add(str(op))
        items = arg if isinstance(arg, (list, tuple)) else [arg]
        for item in items:
            if isinstance(item, _parser.SubPattern):
                found |= _opcodes(item)
            elif isinstance(item, (list, tuple)):
                for inner in item:
                    if isinstance(inner, _parser.SubPattern):
                        found |= _opcodes(inner)
    return found


def _module_patterns():
    for info in pkgutil.walk_packages(stancekit.__path__, "stancekit."):
        if info.name.endswith(".__main__"):
            continue  # importing it runs the command line
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                yield f"{info.name}.{name}", value


needs_parser = pytest.mark.skipif(
    _parser is None or sys.version_info < (3, 11),
    reason="3.11's re._parser names the opcodes 3.10 lacks",
)


@needs_parser
def test_the_opcode_reader_sees_possessive_quantifiers_and_atomic_groups():
    assert "POSSESSIVE_REPEAT" in _opcodes(_parser.parse(r"(?:ab)?\w*+"))
    assert "ATOMIC_GROUP" in _opcodes(_parser.parse(r"x|(y(?>a|b))"))
    assert not NEW_OPCODES & _opcodes(_parser.parse(r"(?:ab)?\w*(y(?:a|b)+)"))


@needs_parser
def test_no_module_pattern_uses_syntax_python_3_10_lacks():
    patterns = dict(_module_patterns())
    assert len(patterns) > 50  # the walk reached the text modules
    offending = {
        name: sorted(NEW_OPCODES & _opcodes(_parser.parse(p.pattern, p.flags)))
        for name, p in patterns.items()
        if NEW_OPCODES & _opcodes(_parser.parse(p.pattern, p.flags))
    }
    assert offending == {}
