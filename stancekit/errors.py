"""Exceptions raised by stancekit.

Every error stancekit raises on purpose derives from :class:`StancekitError`
and also from the built-in type that fits it, so callers can catch either.
The CLI turns a :class:`StancekitError` into one line on stderr and a non-zero
exit; anything else keeps its traceback because it is a bug.
"""

from __future__ import annotations

__all__ = [
    "StancekitError",
    "InputError",
    "DecodeError",
    "SchemaError",
    "LabelError",
    "ModelFileError",
    "UnsafeModelError",
    "MissingDependencyError",
    "StancekitWarning",
    "VersionWarning",
]


class StancekitError(Exception):
    """Base class of the errors stancekit raises on purpose."""


class InputError(StancekitError, ValueError):
    """An input file or value cannot be used (missing, binary, unknown kind)."""


class DecodeError(InputError, UnicodeError):
    """A data file cannot be decoded as text."""


class SchemaError(StancekitError, ValueError):
    """A table lacks the columns a task needs, or has the wrong shape."""


class LabelError(StancekitError, ValueError):
    """Labels cannot be used for training or scoring (unknown, one class)."""


class ModelFileError(StancekitError, ValueError):
    """A model file is missing, corrupt, or not a stancekit model."""


class UnsafeModelError(ModelFileError):
    """A model file would import something outside the allow-list."""


class MissingDependencyError(StancekitError, ImportError):
    """An optional dependency is needed for this input and is not installed."""


class StancekitWarning(UserWarning):
    """Imperfect but usable input: a legacy encoding, an empty article, a
    file skipped inside a folder. Shown by the CLI as one line on stderr."""


class VersionWarning(StancekitWarning):
    """A model file saved under other versions than the installed ones (a
    newer scikit-learn, features of its task that changed since): it loads,
    but may predict differently. Given once by the process that starts
    workers, which load the file without it."""
