"""Decoding a file's bytes: UTF-8 first, legacy encodings with a warning.

Imperfect but usable input (an article in cp1252) is read with one
:class:`~stancekit.errors.StancekitWarning`; binary input is refused.
"""

from __future__ import annotations

import warnings

from stancekit.errors import InputError, StancekitWarning

__all__ = ["decode_bytes", "normalize_newlines"]


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a file's bytes: UTF-8 (BOM stripped), else cp1252, else latin-1.

    A legacy fallback emits a :class:`~stancekit.errors.StancekitWarning`
    naming the file and the encoding used. UTF-16/32 files are recognised
    by their byte-order mark.

    Raises
    ------
    InputError
        The bytes contain NUL characters, as binary files do.

    Examples
    --------
    >>> decode_bytes("caf\\u00e9".encode("utf-8-sig"), "x.txt")
    'café'
    """
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            if "\x00" not in text:
                return text
            break
    if b"\x00" in data:
        raise InputError(
            f"input {name!r} contains NUL bytes; it looks like a binary file."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for codec in ("cp1252", "latin-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue  # cp1252 leaves five bytes (0x81, 0x8d, ...) undefined
        warnings.warn(
            f"input {name!r} is not valid UTF-8; decoded it as {codec}.",
            StancekitWarning,
            stacklevel=2,
        )
        return text
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def normalize_newlines(text: str) -> str:
    """Line endings as Python text mode reads them: ``\\r\\n`` and ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
