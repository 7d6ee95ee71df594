"""Strings in, spans out: cleaning, repeats, sentences, quotations, speakers.

``clean`` marks each block of an article (body, headline, caption, credit,
boilerplate, callout) with the rules in ``page_rules`` and ``headlines``;
``repeats`` finds repeated ledes and pull-quotes; ``segment`` splits text
into sentences with exact offsets; ``quotes`` finds direct quotations and
their speakers, helped by ``speech`` (attribution constructions) and
``names`` (people and organisations).

Most of these modules are compiled by mypyc when the package is installed
(setup.py's ``NATIVE``), and run as Python otherwise, with the same
results. :data:`COMPILED` says which: the compiled modules are used only when
every one of them was built from the sources beside it (``_native.json``
holds their hashes), so an edited checkout runs what it says, and never
with ``STANCEKIT_PURE_PYTHON`` set in the environment (to profile or step
through them).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import warnings
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from importlib.util import spec_from_file_location
from pathlib import Path

__all__ = ["COMPILED", "NATIVE"]

# The modules setup.py compiles (it reads this tuple): the line, block,
# repeat and quotation rules, where the sentence pipeline spends its time.
# segment.py (split_sentences, public; its rules are in boundaries.py) and
# templates.py stay Python, so help() shows their docs: compiled functions
# carry no docstrings.
NATIVE = (
    "boilerplate",
    "boundaries",
    "clean",
    "dispatch",
    "headlines",
    "names",
    "page_rules",
    "pieces",
    "quotes",
    "repeats",
    "speech",
    "speech_phrases",
)

_HERE = Path(__file__).resolve().parent


class _FromSources:
    """Finds the named modules of this package in their ``.py`` files, ahead
    of the compiled files beside them."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        return spec_from_file_location(
            fullname, _HERE / f"{fullname.rpartition('.')[2]}.py"
        )


def _compiled_state(here: Path) -> tuple[set[str], bool]:
    """The modules with a compiled file in ``here`` that this Python can
    load, and whether they are the ones ``_native.json`` lists, each built
    from the source beside it."""
    built = {
        source.stem
        for source in here.glob("*.py")
        if any(source.with_suffix(suffix).exists() for suffix in EXTENSION_SUFFIXES)
    }
    try:
        recorded = json.loads((here / "_native.json").read_text("utf-8"))
    except (OSError, ValueError):
        return built, False
    return built, recorded.keys() == built and all(
        hashlib.sha256((here / f"{name}.py").read_bytes()).hexdigest() == digest
        for name, digest in recorded.items()
    )


_BUILT, _CURRENT = _compiled_state(_HERE)

COMPILED: bool = (
    bool(_BUILT) and _CURRENT and not os.environ.get("STANCEKIT_PURE_PYTHON")
)
"""True when the text rules run compiled (see the module's docs)."""

if _BUILT and not COMPILED:
    if not _CURRENT:
        from stancekit.errors import StancekitWarning

        warnings.warn(
            "the compiled text rules were not built from the sources beside "
            "them (edited since the build?); running the sources. Installing "
            "again (pip install -e .) compiles them anew.",
            StancekitWarning,
            stacklevel=2,
        )
    sys.meta_path.insert(0, _FromSources({f"{__name__}.{name}" for name in _BUILT}))
