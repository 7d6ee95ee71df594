"""Collection rules for the whole tree (tests/conftest.py has the fixtures).

The modules that ``stancekit.text.NATIVE`` names may run compiled (setup.py),
and compiled functions carry no docstrings, nor can pytest's doctest
collection import such a module from its ``.py`` path. Their examples run from
their sources in tests/test_native.py instead, against the module in use:
the same tests in a compiled and in a pure-Python install.
"""

from pathlib import Path

from stancekit.text import NATIVE

_TEXT = Path(__file__).resolve().parent / "stancekit" / "text"
_EXAMPLES_ELSEWHERE = {_TEXT / f"{name}.py" for name in NATIVE}


def pytest_ignore_collect(collection_path, config):
    return True if collection_path.resolve() in _EXAMPLES_ELSEWHERE else None
