"""Which imports a model pickle may perform, checked before anything runs.

Unpickling can run arbitrary code: a pickle names a callable (for example
``os.system``, through an object's ``__reduce__``) and the unpickler calls
it with arguments the file chooses. The only way a pickle reaches code is
by importing a global (``GLOBAL``, ``INST``, ``STACK_GLOBAL``), so this
module does two things, and nothing about the model file format (that is
:mod:`stancekit.persist.files`):

- :func:`pickle_imports` lists every import a pickle would perform by
  walking its opcodes with :mod:`pickletools`, without executing anything;
- :class:`AllowList` decides for each ``(module, name)`` whether it may be
  imported, and :class:`RestrictedUnpickler` enforces the same decision
  again while the pickle is really loaded.

What is allowed: classes from numpy, scipy and scikit-learn outside their
file, library-loading and testing parts; classes from stancekit's model
code (``stancekit.features``, ``stancekit.models``); plain builtin,
``collections`` and ``datetime`` types; and short, named lists of functions
that only rebuild objects from data (``_SAFE_FUNCTIONS``) or that stancekit
estimators keep as parameters (``_STANCEKIT_FUNCTIONS``). Everything else,
in particular every other function, is refused. ``docs/model-files.md``
explains each rule.
"""

from __future__ import annotations

import importlib
import io
import pickle
import pickletools
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from stancekit.errors import InputError, ModelFileError, UnsafeModelError

__all__ = [
    "AllowList",
    "RestrictedUnpickler",
    "first_refusal",
    "pickle_imports",
    "unsafe_error",
]

_PACKAGES = frozenset({"numpy", "scipy", "sklearn", "stancekit"})
# Parts of numpy, scipy and scikit-learn whose classes read or write files,
# load libraries, start processes or exist only for testing.
# fmt: off
_DENIED_MODULES = (
    "numpy.testing", "numpy.f2py", "numpy.distutils", "numpy.ctypeslib",
    "numpy.lib.format", "numpy.lib._format_impl", "numpy.lib._datasource",
    "numpy.lib.npyio", "numpy.lib._npyio_impl", "numpy.lib.stride_tricks",
    "numpy.lib._stride_tricks_impl", "numpy._core.memmap", "numpy.core.memmap",
    "numpy._pytesttester", "scipy.io", "scipy.datasets", "scipy._lib._testutils",
    "scipy._lib", "sklearn.datasets", "sklearn.externals", "sklearn.utils._testing",
)
# stancekit is allowed the other way round: only the packages that hold
# parts of a model. Its other modules read articles, write outputs, reports,
# caches and model files (cli, output, report, defaults, label, training,
# predict, persist, this guard...), and a module added later stays refused
# until someone decides it belongs to a model.
_STANCEKIT_MODEL_CODE = ("stancekit.features", "stancekit.models")
# Classes re-exported under a module that is not denied (numpy.memmap says
# its module is "numpy").
_DENIED_CLASSES = (("numpy", "memmap"),)
_PLAIN_TYPES = {
    "builtins": {
        "object", "bool", "int", "float", "complex", "str", "bytes", "bytearray",
        "list", "tuple", "dict", "set", "frozenset", "slice", "range",
        "Ellipsis", "NotImplemented",
    },
    "collections": {"OrderedDict", "defaultdict", "deque", "Counter"},
    "datetime": {"date", "datetime", "time", "timedelta", "timezone"},
}
# Functions that rebuild objects; each takes data, not code or file names.
_SAFE_FUNCTIONS = frozenset({
    "copyreg._reconstructor", "copyreg.__newobj__", "copyreg.__newobj_ex__",
    "re._compile",
    "numpy._core.multiarray._reconstruct", "numpy.core.multiarray._reconstruct",
    "numpy._core.multiarray.scalar", "numpy.core.multiarray.scalar",
    "numpy._core.numeric._frombuffer", "numpy.core.numeric._frombuffer",
    "numpy.ma.core._mareconstruct",
    "numpy.random._pickle.__bit_generator_ctor",
    "numpy.random._pickle.__randomstate_ctor",
    "numpy.random._pickle.__generator_ctor",
})
# fmt: on
# stancekit functions that estimators keep as parameters, listed one by one:
# a pickle calls a listed function with any arguments it likes, so each
# entry is a reviewed promise that the function touches nothing but its
# arguments. To add one: a module-level function defined in a module under
# stancekit.features (tests/test_pickle_guard.py checks both), text or
# arrays in, values out. Anything with state or options is better written
# as a small class with ``__call__``, which the class rule already allows.
_STANCEKIT_FUNCTIONS = frozenset(
    {
        # StanceClassifier's cue counter uses it as its preprocessor.
        "stancekit.features.stance_cues.normalize_text",
    }
)


def _under(module: str, packages: Iterable[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _module_refusal(module: str) -> str | None:
    """Why classes of ``module`` may not be imported, or ``None``."""
    parts = module.split(".")
    # Importing `stancekit.__main__` would run the command line.
    if {"tests", "testing", "conftest"}.intersection(parts) or any(
        part.startswith("__") for part in parts
    ):
        return f"module {module} reads files, loads code or is for testing"
    if parts[0] == "stancekit":
        if _under(module, _STANCEKIT_MODEL_CODE):
            return None
        return (
            f"module {module} is not stancekit model code "
            f"({' or '.join(_STANCEKIT_MODEL_CODE)})"
        )
    if _under(module, _DENIED_MODULES):
        return f"module {module} reads files, loads code or is for testing"
    return None


def _real_name(module: str) -> str:
    """The name a loaded module gives itself when ``module`` is another key
    for it in ``sys.modules``; else ``module``. Some builds register an
    extension module under a bare name as well (scikit-learn 1.7's wheels
    for Python 3.10 pickle its loss objects as ``_loss.CyHalfBinomialLoss``,
    the module ``sklearn._loss._loss``): such a key is judged as the module
    it is. A name not loaded stays as it is, and so is refused."""
    loaded = sys.modules.get(module)
    real = getattr(loaded, "__name__", None)
    if "." in module or not isinstance(real, str):
        return module
    return real


def _valid_allow_entry(entry: object) -> bool:
    if not isinstance(entry, str):
        return False
    prefix = entry.endswith(".*")
    parts = (entry[:-2] if prefix else entry).split(".")
    return (prefix or len(parts) > 1) and all(p.isidentifier() for p in parts)


class AllowList:
    """Decides, for a (module, name) pair, whether unpickling may import it.

    ``extra`` holds the caller's additions (``load_model(allow=...)``):
    ``"module.name"`` entries or ``"package.*"`` prefixes.
    """

    def __init__(self, extra: Iterable[str] = ()) -> None:
        if isinstance(extra, str):
            raise InputError(
                "allow must be a list of 'module.name' strings; got the single "
                f"string {extra!r} (wrap it in a list)."
            )
        self.exact: set[str] = set()
        self.prefixes: list[str] = []
        for entry in extra:
            if not _valid_allow_entry(entry):
                raise InputError(
                    "allow entries must look like 'module.name' or 'package.*'; "
                    f"got {entry!r}."
                )
            if entry.endswith(".*"):
                self.prefixes.append(entry[:-1])
            else:
                self.exact.add(entry)
        self.verdicts: dict[tuple[str, str], str | None] = {}

    def refusal(self, module: str, name: str) -> str | None:
        """``None`` if allowed, else why not (cached: models repeat globals)."""
        key = (module, name)
        if key not in self.verdicts:
            self.verdicts[key] = self._judge(module, name)
        return self.verdicts[key]

    def _judge(self, module: str, name: str) -> str | None:
        full = f"{module}.{name}"
        if full in self.exact or any(full.startswith(p) for p in self.prefixes):
            return None
        if full in _SAFE_FUNCTIONS or full in _STANCEKIT_FUNCTIONS:
            return None
        if name in _PLAIN_TYPES.get(module, ()):
            return None
        if module.split(".")[0] not in _PACKAGES:
            module = _real_name(module)
        if module.split(".")[0] not in _PACKAGES:
            return "it is not from numpy, scipy, scikit-learn or stancekit"
        why = _module_refusal(module)
        if why is not None:
            return why
        if name.startswith("__pyx_unpickle_") and name[15:].isidentifier():
            # Cython writes one of these per extension class: it only
            # rebuilds that class from its saved state.
            return None
        if any(part == "" or part.startswith("__") for part in name.split(".")):
            return "special names are never imported"
        try:
            obj: Any = importlib.import_module(module)
            for part in name.split("."):
                obj = getattr(obj, part)
        except (ImportError, AttributeError):
            # Not a safety question: the installed versions lack the name.
            return None
        if not isinstance(obj, type):
            return "it is a function, not a class"
        owner = _real_name(getattr(obj, "__module__", "") or "")
        if owner.split(".")[0] not in _PACKAGES or _module_refusal(owner):
            return f"it is really {owner}.{obj.__qualname__}"
        if (owner, obj.__name__) in _DENIED_CLASSES:
            return "it maps files into memory"
        return None


def unsafe_error(path: Path, module: str, name: str, why: str) -> UnsafeModelError:
    """The error for a file that would import ``module.name``."""
    full = f"{module}.{name}"
    return UnsafeModelError(
        f"refusing to load {path}: it would import {full}, which is not on the "
        f"allow-list ({why}). Only load files you trust; to accept this one, "
        f"pass allow=[{full!r}]."
    )


_UNKNOWN = object()
_STRING_OPS = frozenset({
    "STRING", "BINSTRING", "SHORT_BINSTRING",
    "UNICODE", "SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8",
})  # fmt: skip
_REFUSED_OPS = {
    "PERSID": "persistent ids",
    "BINPERSID": "persistent ids",
    "EXT1": "the extension registry",
    "EXT2": "the extension registry",
    "EXT4": "the extension registry",
}


def _stack_effect(opcode: pickletools.OpcodeInfo) -> tuple[bool, int, int, bool]:
    """(pops to a mark, items popped below it, items pushed, pushes a mark)."""
    before, after = opcode.stack_before, opcode.stack_after
    mark = pickletools.markobject
    uses_mark = mark in before
    below = before.index(mark) if uses_mark else len(before)
    return uses_mark, below, len(after) - (mark in after), mark in after


_EFFECTS = {op.name: _stack_effect(op) for op in pickletools.opcodes}


def pickle_imports(data: bytes, path: Path) -> list[tuple[str, str]]:
    """Every (module, name) the pickle would import, found without unpickling.

    GLOBAL and INST carry their names inline. STACK_GLOBAL takes them from
    the stack, so the unpickler's stack is simulated (with its mark stack
    and memo, as in ``pickle._Unpickler``): string pushes are tracked,
    everything else is an unknown value, and a STACK_GLOBAL whose names are
    not both known strings is refused. ``path`` only names the file in
    errors.
    """
    stack: list[Any] = []
    marks: list[list[Any]] = []
    memo: dict[int, Any] = {}
    found: list[tuple[str, str]] = []
    try:
        for opcode, arg, _pos in pickletools.genops(data):
            op = opcode.name
            if op in _STRING_OPS:
                stack.append(arg)
            elif op == "MEMOIZE":
                memo[len(memo)] = stack[-1]
            elif op in ("PUT", "BINPUT", "LONG_BINPUT"):
                memo[arg] = stack[-1]
            elif op in ("GET", "BINGET", "LONG_BINGET"):
                stack.append(memo[arg])
            elif op == "DUP":
                stack.append(stack[-1])
            elif op == "POP":
                # On an empty stack, POP discards the last mark instead.
                if stack:
                    stack.pop()
                else:
                    stack = marks.pop()
            elif op in ("GLOBAL", "INST"):
                module, name = arg.split(" ", 1)
                found.append((module, name))
                if op == "INST":
                    stack = marks.pop()
                stack.append(_UNKNOWN)
            elif op == "STACK_GLOBAL":
                name, module = stack.pop(), stack.pop()
                if not (isinstance(module, str) and isinstance(name, str)):
                    raise UnsafeModelError(
                        f"refusing to load {path}: it imports a name computed while "
                        "loading (STACK_GLOBAL on values that are not plain "
                        "strings), which cannot be checked."
                    )
                found.append((module, name))
                stack.append(_UNKNOWN)
            elif op in _REFUSED_OPS:
                raise UnsafeModelError(
                    f"refusing to load {path}: its pickle uses {_REFUSED_OPS[op]} "
                    f"({op}), which stancekit model files never contain."
                )
            else:
                uses_mark, below, pushed, pushes_mark = _EFFECTS[op]
                if uses_mark:
                    stack = marks.pop()
                if below:
                    if len(stack) < below:
                        raise IndexError("stack underflow")
                    del stack[-below:]
                stack.extend([_UNKNOWN] * pushed)
                if pushes_mark:
                    marks.append(stack)
                    stack = []
    except UnsafeModelError:  # a ValueError too, but not a corrupt file
        raise
    except (ValueError, IndexError, EOFError, KeyError) as exc:
        raise ModelFileError(
            f"{path} is corrupt: its pickle cannot be read ({exc})."
        ) from None
    return found


def first_refusal(
    data: bytes, path: Path, allow: AllowList
) -> tuple[str, str, str] | None:
    """``(module, name, why)`` of the first import ``allow`` refuses, or ``None``."""
    for module, name in pickle_imports(data, path):
        why = allow.refusal(module, name)
        if why is not None:
            return module, name, why
    return None


class RestrictedUnpickler(pickle.Unpickler):
    """Belt and braces: the scan decided, and find_class enforces it again."""

    def __init__(self, file: io.BytesIO, allow: AllowList, path: Path) -> None:
        super().__init__(file)
        self._allow = allow
        self._path = path

    def find_class(self, module: str, name: str) -> Any:
        why = self._allow.refusal(module, name)
        if why is not None:
            raise unsafe_error(self._path, module, name, why)
        return super().find_class(module, name)
