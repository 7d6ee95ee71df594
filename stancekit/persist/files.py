"""Model files: one file per model, written atomically, loaded behind an allow-list.

A model file is a small binary header, the model's metadata as JSON, and the
model itself as a zlib-compressed pickle (the layout is in
``docs/model-files.md``). Pickles can run code while they load, so
:func:`load_model` first lists every import the pickle would perform,
without executing anything, and refuses the file unless each one is on the
allow-list; the unpickling then runs with an ``Unpickler`` that enforces the
same list. That check, and the allow-list itself, live in
:mod:`stancekit.persist.guard`; this module is the file format and the
public functions.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import platform
import secrets
import struct
import threading
import warnings
import zlib
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from stancekit.errors import (
    InputError,
    ModelFileError,
    UnsafeModelError,
    VersionWarning,
)
from stancekit.persist.guard import (
    AllowList,
    RestrictedUnpickler,
    first_refusal,
    unsafe_error,
)
from stancekit.persist.verdicts import is_verified, remember_verified, verdict_key
from stancekit.tasks import task_of

__all__ = [
    "FEATURES_VERSION",
    "format_metadata",
    "load_model",
    "read_metadata",
    "save_model",
    "version_warnings",
]

# PNG-style magic: the high byte and CR LF / ^Z catch text-mode mangling.
MAGIC = b"\x89STANCEKIT\r\n\x1a\n"
FORMAT_VERSION = 1
_HEAD = struct.Struct(">HBI")  # format version, compression, metadata length
_TAIL = struct.Struct(">Q32s")  # payload length, SHA-256 of the payload
_ZLIB = 1
_PICKLE_PROTOCOL = 5

_RESERVED_METADATA = frozenset({"format_version", "created", "model_class", "versions"})

#: The version of what stancekit's features compute, per task. A model file
#: of a task records its task's version (``versions["features"]``), and
#: loading one saved under another version warns: it would read features
#: that changed since it was fitted. Raise a task's version with every
#: change that alters the features of its inputs. Stance 2: a cue word the
#: target itself uses is no longer the text's cue (7 December 2026); 1:
#: files saved before the version was recorded.
FEATURES_VERSION = {"checkworthy": 1, "stance": 2}


# --------------------------------------------------------------------------
# Metadata


def _versions() -> dict[str, str]:
    import numpy
    import scipy
    import sklearn

    import stancekit

    return {
        "stancekit": stancekit.__version__,
        "scikit-learn": sklearn.__version__,
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "python": platform.python_version(),
    }


def _plain_label(value: Any) -> Any:
    return value.item() if hasattr(value, "item") and callable(value.item) else value


def _auto_metadata(model: Any) -> dict[str, Any]:
    cls = type(model)
    task = task_of(model, strict=False)
    versions = _versions()
    if task in FEATURES_VERSION:
        versions["features"] = str(FEATURES_VERSION[task])
    meta: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "model_class": f"{cls.__module__}.{cls.__qualname__}",
        "task": task,
        "versions": versions,
    }
    try:
        classes = model.classes_
    except Exception:  # unfitted models raise NotFittedError, AttributeError...
        classes = None
    if classes is not None:
        meta["labels"] = [_plain_label(c) for c in classes]
    cut = getattr(model, "decision_threshold_", None)
    if cut is not None:  # the probability it calls a row positive from
        meta["threshold"] = float(cut)
    return meta


def _json_default(value: Any) -> Any:
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return value.tolist()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def _version_tuple(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split("."):
        digits = ""
        for ch in piece:
            if not ch.isdigit():
                break
            digits += ch
        if not digits:
            break
        parts.append(int(digits))
        if len(digits) < len(piece):  # "1rc1", "0.dev0": stop at the tag
            break
    return tuple(parts)


def _newer(saved: str, installed: str) -> bool:
    a, b = _version_tuple(saved), _version_tuple(installed)
    width = max(len(a), len(b))
    return a + (0,) * (width - len(a)) > b + (0,) * (width - len(b))


# --------------------------------------------------------------------------
# Writing


def save_model(
    model: Any, path: str | os.PathLike, *, metadata: dict | None = None
) -> Path:
    """Write ``model`` and its metadata to one file, atomically.

    The file appears complete or not at all: it is written to a temporary
    file in the same folder and renamed over ``path``. Before writing, the
    pickle is checked against the same allow-list as :func:`load_model`, so
    a model that could not be loaded again is never saved.

    Parameters
    ----------
    model : object
        A fitted estimator (any picklable object).
    path : str or path-like
        Where to write; an existing file is replaced.
    metadata : dict, optional
        JSON-serialisable facts to record beside the automatic ones.
        Recognised keys: ``task``, ``data`` (description of the training
        data), ``n_samples``, ``metrics`` (training-time figures). ``task``
        and ``labels`` override the detected values; ``format_version``,
        ``created``, ``model_class`` and ``versions`` are reserved.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sklearn.dummy import DummyClassifier
    >>> m = DummyClassifier().fit([[0], [1]], ["no", "yes"])
    >>> p = save_model(m, pathlib.Path(tempfile.mkdtemp()) / "m.skm",
    ...                metadata={"n_samples": 2})
    >>> read_metadata(p)["labels"], load_model(p).predict([[0]]).tolist()
    (['no', 'yes'], ['no'])
    """
    path = Path(path)
    extra = dict(metadata or {})
    reserved = _RESERVED_METADATA.intersection(extra)
    if reserved:
        raise InputError(
            f"metadata must not set {sorted(reserved)}: stancekit records them itself."
        )
    meta = {**_auto_metadata(model), **extra}
    try:
        meta_bytes = json.dumps(
            meta, default=_json_default, ensure_ascii=False
        ).encode()
    except (TypeError, ValueError) as exc:
        raise InputError(f"metadata must be JSON-serialisable; {exc}.") from None

    try:
        raw = pickle.dumps(model, protocol=_PICKLE_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        raise ModelFileError(f"cannot save the model to {path}: {exc}.") from None
    refused = first_refusal(raw, path, AllowList())
    if refused is not None:
        module, name, why = refused
        raise ModelFileError(
            f"cannot save the model to {path}: it refers to {module}.{name}, "
            f"which load_model would refuse ({why}). Use classes from numpy, "
            "scipy, scikit-learn or stancekit instead of functions or lambdas."
        )
    payload = zlib.compress(raw, 6)
    chunks = [
        MAGIC,
        _HEAD.pack(FORMAT_VERSION, _ZLIB, len(meta_bytes)),
        meta_bytes,
        _TAIL.pack(len(payload), hashlib.sha256(payload).digest()),
        payload,
    ]
    _write_atomically(path, chunks)
    return path


def _write_atomically(path: Path, chunks: list[bytes]) -> None:
    if path.is_dir():
        raise ModelFileError(f"cannot write model file {path}: it is a directory.")
    if not path.parent.is_dir():
        raise ModelFileError(
            f"cannot write model file {path}: directory {path.parent} does not exist."
        )
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        # os.open honours the umask, so the model ends up with normal
        # permissions rather than a temp file's 0600.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ModelFileError(
            f"cannot write model file {path}: {exc.strerror or exc}."
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------
# Reading


def _open(path: Path):  # type: ignore[no-untyped-def]
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise ModelFileError(f"model file {path} does not exist.") from None
    except IsADirectoryError:
        raise ModelFileError(f"model file {path} is a directory, not a file.") from None
    except OSError as exc:
        raise ModelFileError(
            f"cannot read model file {path}: {exc.strerror}."
        ) from None


def check_whole(path: str | os.PathLike) -> None:
    """Raise :class:`~stancekit.errors.ModelFileError` unless the model file
    is whole: its header readable, its payload of the recorded length and
    checksum. Nothing is decompressed or unpickled.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = save_model([1, 2], pathlib.Path(tempfile.mkdtemp()) / "list.skm")
    >>> check_whole(p)
    >>> data = bytearray(p.read_bytes()); data[-3] ^= 0xFF; _ = p.write_bytes(data)
    >>> check_whole(p)
    Traceback (most recent call last):
    ...
    stancekit.errors.ModelFileError: ... is corrupt: its checksum does not match.
    """
    _read_whole(Path(path))


def _read_whole(path: Path) -> tuple[dict[str, Any], bytes, bytes]:
    """Metadata, payload and digest of a model file, its length and checksum
    checked."""
    with _open(path) as f:
        meta, payload_len, digest = _read_header(path, f)
        payload = f.read(payload_len + 1)
    if len(payload) != payload_len:
        raise ModelFileError(f"{path} is truncated or has extra bytes after the model.")
    if hashlib.sha256(payload).digest() != digest:
        raise ModelFileError(f"{path} is corrupt: its checksum does not match.")
    return meta, payload, digest


def _read_header(path: Path, f: Any) -> tuple[dict[str, Any], int, bytes]:
    """Metadata, payload length and payload digest; ``f`` is left at the payload."""
    magic = f.read(len(MAGIC))
    if magic != MAGIC:
        hint = ""
        if magic[:1] == b"\x80":
            hint = " It looks like a plain pickle or joblib file; only files "
            hint += "written by stancekit.save_model can be loaded."
        raise ModelFileError(f"{path} is not a stancekit model file.{hint}")
    head = f.read(_HEAD.size)
    if len(head) < _HEAD.size:
        raise ModelFileError(f"{path} is truncated: the header is incomplete.")
    version, compression, meta_len = _HEAD.unpack(head)
    if version > FORMAT_VERSION or compression != _ZLIB:
        raise ModelFileError(
            f"{path} uses model file format {version} (compression {compression}); "
            f"this stancekit reads format {FORMAT_VERSION}. Upgrade stancekit."
        )
    meta_bytes = f.read(meta_len)
    tail = f.read(_TAIL.size)
    if len(meta_bytes) < meta_len or len(tail) < _TAIL.size:
        raise ModelFileError(f"{path} is truncated: the metadata is incomplete.")
    try:
        meta = json.loads(meta_bytes.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(
            f"{path} is corrupt: its metadata is not JSON ({exc})."
        ) from None
    if not isinstance(meta, dict):
        raise ModelFileError(f"{path} is corrupt: its metadata is not a JSON object.")
    payload_len, digest = _TAIL.unpack(tail)
    return meta, payload_len, digest


def read_metadata(path: str | os.PathLike) -> dict[str, Any]:
    """The metadata of a model file, read without unpickling anything.

    Also checks that the file is complete (its size matches its header).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = save_model([1, 2], pathlib.Path(tempfile.mkdtemp()) / "list.skm")
    >>> read_metadata(p)["model_class"]
    'builtins.list'
    """
    path = Path(path)
    with _open(path) as f:
        meta, payload_len, _ = _read_header(path, f)
        if os.fstat(f.fileno()).st_size - f.tell() != payload_len:
            raise ModelFileError(
                f"{path} is truncated or has extra bytes after the model."
            )
    return meta


def load_model(path: str | os.PathLike, *, allow: Iterable[str] = ()) -> Any:
    """Load a model written by :func:`save_model`, refusing unsafe pickles.

    Before anything is unpickled, every import the pickle would perform is
    checked against the allow-list; one outside it raises
    :class:`~stancekit.errors.UnsafeModelError` naming it. A file saved with
    a newer scikit-learn than the installed one loads with a
    :class:`~stancekit.errors.VersionWarning`, and so does one whose
    metadata names an older scikit-learn: one line, in place of
    scikit-learn's own warning for each kind of estimator (see
    :func:`_unpickle`).

    Parameters
    ----------
    path : str or path-like
        A model file.
    allow : iterable of str
        Extra names to trust, as ``"module.name"`` or ``"package.*"``.
        Only for files from a source you trust.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = save_model({"weights": [0.5]}, pathlib.Path(tempfile.mkdtemp()) / "d.skm")
    >>> load_model(p)
    {'weights': [0.5]}
    """
    path = Path(path)
    allow_list = AllowList(allow)
    meta, payload, digest = _read_whole(path)
    try:
        raw = zlib.decompress(payload)
    except zlib.error as exc:
        raise ModelFileError(f"{path} is corrupt: {exc}.") from None

    saved = _saved_sklearn(meta)
    import sklearn

    newer = _newer_sklearn(path, meta)
    if newer:
        warnings.warn(newer, VersionWarning, stacklevel=2)

    # The scan costs about a second per default model; a passing verdict on
    # these exact bytes (same allow-list, same versions) is remembered.
    key = verdict_key(digest, [*allow_list.exact, *allow_list.prefixes])
    if not is_verified(key):
        refused = first_refusal(raw, path, allow_list)
        if refused is not None:
            raise unsafe_error(path, *refused)
        remember_verified(key)
    older = None if newer else _older_sklearn(path, meta)
    try:
        model = _unpickle(raw, allow_list, path, other_sklearn=bool(newer or older))
    except UnsafeModelError:
        raise
    except Exception as exc:  # anything else here means an unusable file
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())  # one line
        raise ModelFileError(
            f"cannot load {path}: {detail} (saved with "
            f"scikit-learn {saved or 'unknown'}, installed {sklearn.__version__})."
        ) from None
    if older:
        warnings.warn(older, VersionWarning, stacklevel=2)
    stale = _stale_features(path, meta)
    if stale:
        warnings.warn(stale, VersionWarning, stacklevel=2)
    return model


# Loads of files of another scikit-learn take turns: the warning filters are
# the process's, and two overlapping changes could leave one on, or let one
# load read another's passing change.
_QUIET_LOAD = threading.Lock()


def _unpickle(
    raw: bytes, allow_list: AllowList, path: Path, other_sklearn: bool
) -> Any:
    """The model in ``raw``, unpickled by the restricted unpickler.

    ``other_sklearn``: the file's metadata names another scikit-learn, and
    :func:`load_model` says so in one line; scikit-learn's own warning
    (once per kind of estimator, several lines each) is then off while the
    file is read, unless the program's warning filters turn it into an
    error (scikit-learn's documentation suggests that to refuse such
    files): then it stays, and the file is refused.
    """

    def read() -> Any:
        return RestrictedUnpickler(io.BytesIO(raw), allow_list, path).load()

    if not other_sklearn:
        return read()
    from sklearn.exceptions import InconsistentVersionWarning

    with _QUIET_LOAD:
        if _may_refuse(InconsistentVersionWarning, "sklearn.base"):
            return read()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=InconsistentVersionWarning)
            return read()


def _may_refuse(category: type[Warning], module: str) -> bool:
    """Whether the warning filters in force may turn a warning of
    ``category`` from ``module`` into an error, read as :mod:`warnings`
    reads them, first match first, without warning. A filter that names a
    message or a line applies to some such warnings only: one of those that
    says "error" counts as refusing, one that says anything else is passed
    over, so a doubt leaves scikit-learn's own warning on."""
    for action, message, kind, mod, lineno in warnings.filters:
        if not issubclass(category, kind) or (
            mod is not None and not mod.match(module)
        ):
            continue
        if message is None and lineno == 0:
            return action == "error"
        if action == "error":
            return True
    return warnings.defaultaction == "error"


def version_warnings(path: str | os.PathLike) -> list[str]:
    """What :func:`load_model` would warn about ``path``'s versions, read
    from its metadata alone: a newer or older scikit-learn, features of its
    task that changed since it was saved. For a process that hands the file
    to workers, which load it quietly (one warning, not one per worker).
    """
    path = Path(path)
    meta = read_metadata(path)
    checks = (_newer_sklearn, _older_sklearn, _stale_features)
    return [w for w in (check(path, meta) for check in checks) if w]


def _saved_versions(meta: dict[str, Any]) -> dict[str, Any]:
    """The file's ``versions`` (empty when it has none, or not as a dict)."""
    versions = meta.get("versions")
    return versions if isinstance(versions, dict) else {}


def _saved_sklearn(meta: dict[str, Any]) -> str:
    """The scikit-learn version the file records ("" when none)."""
    return str(_saved_versions(meta).get("scikit-learn", ""))


def _newer_sklearn(path: Path, meta: dict[str, Any]) -> str | None:
    import sklearn

    saved = _saved_sklearn(meta)
    if saved and _newer(saved, sklearn.__version__):
        return (
            f"{path} was saved with scikit-learn {saved}, newer than the installed "
            f"scikit-learn {sklearn.__version__}; it may fail to load or predict "
            "differently. Upgrade scikit-learn."
        )
    return None


def _older_sklearn(path: Path, meta: dict[str, Any]) -> str | None:
    """The warning :func:`load_model` gives when the file's metadata names an
    older scikit-learn than the installed one."""
    import sklearn

    saved = _saved_sklearn(meta)
    if not saved or saved == sklearn.__version__ or _newer(saved, sklearn.__version__):
        return None
    return (
        f"{path} was saved with scikit-learn {saved}, not the installed "
        f"{sklearn.__version__}; scikit-learn does not promise the same "
        "predictions across versions. Retrain it with this version, or install "
        f"scikit-learn {saved}."
    )


def _stale_features(path: Path, meta: dict[str, Any]) -> str | None:
    """The warning for a stancekit model of a task whose features changed
    since the file was saved (:data:`FEATURES_VERSION`). A file records the
    version when its model is one of a task (a stancekit model, or a
    pipeline ending in one); files of stancekit models saved before the
    version was recorded, or with an unreadable one, count as version 1."""
    task = meta.get("task")
    versions = _saved_versions(meta)
    # a stancekit model, or a pipeline ending in one (``task`` is set only
    # for those); files from before the version was recorded have no key
    model_class = str(meta.get("model_class"))
    ours = (
        "features" in versions
        or model_class.startswith("stancekit.")
        or model_class == "sklearn.pipeline.Pipeline"
    )
    if task not in FEATURES_VERSION or not ours:
        return None  # not a stancekit model of a task: not built on its features
    try:
        recorded = int(versions.get("features", 1))
    except (TypeError, ValueError):
        recorded = 1
    current = FEATURES_VERSION[task]
    if recorded < current:
        return (
            f"{path} was fitted on stancekit's {task} features version {recorded}; "
            f"they have changed since (this stancekit computes version {current}), "
            "so it may predict differently from when it was evaluated. Retrain it "
            "(stancekit train)."
        )
    if recorded > current:
        return (
            f"{path} was saved by a newer stancekit ({task} features version "
            f"{recorded}; this one computes version {current}), so it may predict "
            "differently from when it was evaluated. Upgrade stancekit."
        )
    return None


# --------------------------------------------------------------------------
# A card for people


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_fmt(v)}" for k, v in value.items())
    return str(value)


# Parts of an `evaluate` result too big for a card.
_BULKY_METRICS = frozenset({"per_class", "confusion_matrix", "reliability", "p_at_k"})
# Fields of the card, with the metadata keys that may hold them.
_CARD = (
    ("task", ("task",)),
    ("model", ("model_class",)),
    ("labels", ("labels",)),
    ("data", ("data", "training_data")),
    ("size", ("n_samples", "training_rows")),
    ("threshold", ("threshold",)),
)


def _metric_lines(metrics: dict[str, Any], prefix: str = "") -> list[str]:
    lines = []
    for key, value in metrics.items():
        if key in _BULKY_METRICS or isinstance(value, list):
            continue
        if isinstance(value, dict):
            lines.extend(_metric_lines(value, f"{prefix}{key}."))
        elif value is not None:
            lines.append(f"  {prefix}{key}: {_fmt(value)}")
    return lines


def _selection_lines(meta: dict[str, Any]) -> list[str]:
    """The recipe and, when one was chosen, every candidate's figure."""
    lines = []
    selection = meta.get("selection")
    if meta.get("recipe") is not None:
        lines.append(f"{'recipe:':<10} {meta['recipe']}")
    if isinstance(selection, dict) and "candidates" in selection:
        how = "grouped" if selection.get("grouped") else "stratified"
        lines.append(
            f"candidates: {selection['metric']}, {selection['folds']}-fold {how} "
            f"CV on {selection['rows']} rows, tuned in {selection['inner_folds']} "
            f"inner folds"
        )
        for name, figure in selection["candidates"].items():
            mark = "  <- chosen" if name == selection.get("winner") else ""
            lines.append(f"  {name}: {_fmt(figure)}{mark}")
    elif isinstance(selection, dict) and "skipped" in selection:
        lines.append(f"{'candidates:':<10} not compared ({selection['skipped']})")
    return lines


def format_metadata(meta: dict[str, Any]) -> str:
    """A short human-readable card of a model's metadata (``stancekit info``).

    Scalar metrics are listed one per line, nested ones with dotted names;
    per-class tables, confusion matrices and reliability bins are left out.

    Examples
    --------
    >>> print(format_metadata({"task": "stance", "labels": ["agree", "discuss"],
    ...                        "metrics": {"cv": {"accuracy": 0.8123, "n": 40}}}))
    task:      stance
    labels:    agree, discuss
    metrics:
      cv.accuracy: 0.8123
      cv.n: 40
    """
    lines = []
    shown = {"format_version", "metrics", "versions", "created"}
    for title, keys in _CARD:
        for key in keys:
            shown.add(key)
            if meta.get(key) is not None:
                lines.append(f"{title + ':':<10} {_fmt(meta[key])}")
                break
    lines.extend(_selection_lines(meta))
    shown.update({"recipe", "selection"})
    metrics = meta.get("metrics")
    if isinstance(metrics, dict):
        lines.append("metrics:")
        lines.extend(_metric_lines(metrics))
    elif metrics is not None:
        lines.append(f"{'metrics:':<10} {_fmt(metrics)}")
    for key, value in meta.items():
        if key not in shown:
            lines.append(f"{key + ':':<10} {_fmt(value)}")
    if isinstance(meta.get("versions"), dict):
        lines.append(f"{'versions:':<10} {_fmt(meta['versions'])}")
    if meta.get("created"):
        lines.append(f"{'created:':<10} {meta['created']}")
    return "\n".join(lines)
