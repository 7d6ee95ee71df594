"""Remembered allow-list verdicts: a model file is scanned once, not every load.

Checking a pickle opcode by opcode in pure Python costs about a second for
the default models, on every ``stancekit label``. The verdict "every import
of this payload is allowed" depends only on the payload's bytes, the
allow-list (the guard's code and the caller's extra entries) and the
installed numpy/scipy/scikit-learn (the guard looks names up in them), so it
is remembered under a digest of all of these, as an empty file in the cache
folder.

The safety guarantee is unchanged: a payload whose exact bytes were never
verified under the same allow-list and versions is always scanned, and the
unpickling itself still runs with the restricted unpickler. Only passing
verdicts are remembered; a refused file is refused again each time.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["cache_dir", "verdict_key", "is_verified", "remember_verified"]

_GUARD_SOURCE = Path(__file__).with_name("guard.py")
_guard_digest: bytes | None = None


def cache_dir() -> Path:
    """stancekit's cache folder: ``$STANCEKIT_CACHE``, else the XDG cache.

    Examples
    --------
    >>> cache_dir().is_absolute() or "STANCEKIT_CACHE" in os.environ
    True
    """
    if os.environ.get("STANCEKIT_CACHE"):
        return Path(os.environ["STANCEKIT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "stancekit"


# Distribution name -> module; the modules' own __version__ is read, which
# (unlike importlib.metadata, ~15 ms a call) costs nothing once imported, and
# loading a model imports them all anyway.
_VERSIONED = {"numpy": "numpy", "scipy": "scipy", "scikit-learn": "sklearn"}


def _versions() -> str:
    from stancekit import __version__

    found = [f"stancekit={__version__}"]
    for dist, module in _VERSIONED.items():
        try:
            version = importlib.import_module(module).__version__
        except ImportError:
            version = "none"
        found.append(f"{dist}={version}")
    return ";".join(found)


def verdict_key(payload_digest: bytes, allow: Iterable[str]) -> str:
    """The name a passing verdict on this payload is remembered under.

    Examples
    --------
    >>> a = verdict_key(b"x" * 32, [])
    >>> a == verdict_key(b"x" * 32, []), a == verdict_key(b"x" * 32, ["m.f"])
    (True, False)
    """
    global _guard_digest
    if _guard_digest is None:
        _guard_digest = hashlib.sha256(_GUARD_SOURCE.read_bytes()).digest()
    digest = hashlib.sha256()
    digest.update(payload_digest)
    digest.update(_guard_digest)
    digest.update(_versions().encode())
    for entry in sorted(allow):
        digest.update(b"\0" + entry.encode())
    return digest.hexdigest()


def _entry(key: str) -> Path:
    return cache_dir() / "verified" / key[:2] / key


def is_verified(key: str) -> bool:
    """Whether a passing verdict is remembered under ``key``."""
    try:
        return _entry(key).is_file()
    except OSError:
        return False


def remember_verified(key: str) -> None:
    """Remember a passing verdict; a cache that cannot be written is skipped."""
    entry = _entry(key)
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.touch()
