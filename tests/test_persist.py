"""Model files: round trips, metadata, atomic writes, and the allow-list loader."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import struct
import warnings
import zlib
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC

from stancekit import persist
from stancekit.errors import (
    InputError,
    ModelFileError,
    StancekitWarning,
    UnsafeModelError,
)
from stancekit.persist import format_metadata, load_model, read_metadata, save_model

TEXTS = [
    "The budget rose by 12 percent last year.",
    "I think this is a lovely morning.",
    "Unemployment fell to 4.1 percent in March.",
    "Thank you all for coming tonight.",
    "The plant employs 3,000 workers in Ohio.",
    "We will see what happens.",
    "Exports doubled since 2015, the ministry said.",
    "What a wonderful crowd.",
] * 3
LABELS = ["claim", "other"] * 12


# The layout from docs/model-files.md, written out independently so that
# hand-made (and hostile) files can be built.
MAGIC = b"\x89STANCEKIT\r\n\x1a\n"


def write_container(path, raw, meta=b"{}", version=1, compression=1, payload=None):
    payload = zlib.compress(raw) if payload is None else payload
    path.write_bytes(
        MAGIC
        + struct.pack(">HBI", version, compression, len(meta))
        + meta
        + struct.pack(">Q32s", len(payload), hashlib.sha256(payload).digest())
        + payload
    )
    return path


@pytest.fixture(scope="module")
def tfidf_lr():
    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression()).fit(
        TEXTS, LABELS
    )


# --------------------------------------------------------------------------
# Round trips


def test_round_trip_tfidf_logistic_regression(tmp_path, tfidf_lr):
    path = save_model(tfidf_lr, tmp_path / "m.skm")
    loaded = load_model(path)
    assert isinstance(loaded, Pipeline)
    new = ["Prices rose 5 percent.", "Lovely to see you."]
    assert np.array_equal(loaded.predict_proba(new), tfidf_lr.predict_proba(new))
    assert loaded.predict(new).tolist() == tfidf_lr.predict(new).tolist()


@pytest.mark.parametrize("method", ["sigmoid", "isotonic"])
def test_round_trip_calibrated_classifier(tmp_path, method):
    model = make_pipeline(
        TfidfVectorizer(), CalibratedClassifierCV(LinearSVC(), method=method, cv=2)
    ).fit(TEXTS, LABELS)
    loaded = load_model(save_model(model, tmp_path / "cal.skm"))
    assert np.array_equal(loaded.predict_proba(TEXTS), model.predict_proba(TEXTS))


def test_round_trip_numpy_random_state_and_plain_containers(tmp_path):
    obj = {
        "rng": np.random.RandomState(3),
        "gen": np.random.default_rng(4),
        "masked": np.ma.masked_array([1.0, 2.0], mask=[0, 1]),
        "objects": np.array(["a", None], dtype=object),
        "cut": slice(1, 5),
        "set": {1, 2},
    }
    loaded = load_model(save_model(obj, tmp_path / "obj.skm"))
    assert loaded["rng"].randint(1000) == np.random.RandomState(3).randint(1000)
    assert loaded["gen"].integers(1000) == np.random.default_rng(4).integers(1000)
    assert loaded["masked"].mask.tolist() == [False, True]
    assert loaded["objects"].tolist() == ["a", None]
    assert (loaded["cut"], loaded["set"]) == (slice(1, 5), {1, 2})


# --------------------------------------------------------------------------
# Metadata


def test_metadata_is_recorded_automatically_and_merged(tmp_path, tfidf_lr):
    path = save_model(
        tfidf_lr,
        tmp_path / "m.skm",
        metadata={
            "task": "checkworthy",
            "data": "clef-checkthat:train/",
            "n_samples": 24,
            "metrics": {"map": np.float64(0.25)},
        },
    )
    meta = read_metadata(path)
    assert meta["labels"] == ["claim", "other"]
    assert meta["task"] == "checkworthy"
    assert meta["model_class"] == "sklearn.pipeline.Pipeline"
    assert meta["metrics"] == {"map": 0.25}
    assert meta["versions"]["scikit-learn"] == sklearn.__version__
    assert set(meta["versions"]) == {
        "stancekit",
        "scikit-learn",
        "numpy",
        "scipy",
        "python",
    }
    created = datetime.fromisoformat(meta["created"])
    assert created.utcoffset().total_seconds() == 0


def test_metadata_integer_labels_and_no_task_for_a_plain_estimator(tmp_path):
    model = LogisticRegression().fit([[0.0], [1.0], [2.0]], np.array([0, 1, 1]))
    meta = read_metadata(save_model(model, tmp_path / "lr.skm"))
    assert meta["labels"] == [0, 1] and meta["task"] is None


def test_read_metadata_does_not_unpickle(tmp_path):
    marker = tmp_path / "ran"
    raw = pickle.dumps(_Evil(f"touch {marker}"), protocol=5)
    path = write_container(tmp_path / "evil.skm", raw, meta=b'{"task": "stance"}')
    assert read_metadata(path) == {"task": "stance"}
    assert not marker.exists()


@pytest.mark.parametrize(
    ("metadata", "match"),
    [
        ({"created": "yesterday"}, r"must not set \['created'\]"),
        ({"versions": {}}, r"stancekit records them itself"),
        ({"data": object()}, r"metadata must be JSON-serialisable; object is not"),
    ],
)
def test_save_rejects_bad_metadata(tmp_path, metadata, match):
    with pytest.raises(InputError, match=match):
        save_model([1], tmp_path / "m.skm", metadata=metadata)
    assert not (tmp_path / "m.skm").exists()


def test_format_metadata_card(tmp_path, tfidf_lr):
    meta = read_metadata(
        save_model(
            tfidf_lr,
            tmp_path / "m.skm",
            metadata={
                "task": "checkworthy",
                "data": ["clef-checkthat:a/", "claimbuster:b.csv"],
                "n_samples": 24,
                "metrics": {"map": 0.21345, "per_class": {"x": 1}},
                "seed": 7,
            },
        )
    )
    card = format_metadata(meta)
    assert "task:      checkworthy" in card
    assert "labels:    claim, other" in card
    assert "data:      clef-checkthat:a/, claimbuster:b.csv" in card
    assert "size:      24" in card
    assert "metrics:\n  map: 0.2135\n" in card and "per_class" not in card
    assert "seed:      7" in card
    assert f"scikit-learn {sklearn.__version__}" in card
    assert card.splitlines()[-1] == f"created:   {meta['created']}"


# --------------------------------------------------------------------------
# Writing: atomic, and nothing half-written


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_format_metadata_flattens_evaluate_results_and_reads_synonyms():
    card = format_metadata(
        {
            "training_data": "stancekit corpus",
            "training_rows": 120,
            "metrics": {
                "cv5": {
                    "accuracy": 0.75,
                    "positive": 1,
                    "p_at_k": {"1": 1.0},
                    "per_class": {"0": {"f1": 0.5}},
                    "confusion_matrix": {"labels": [0, 1], "matrix": [[1]]},
                }
            },
        }
    )
    assert card.splitlines() == [
        "data:      stancekit corpus",
        "size:      120",
        "metrics:",
        "  cv5.accuracy: 0.7500",
        "  cv5.positive: 1",
    ]


def test_save_replaces_existing_file_and_leaves_no_temp(tmp_path):
    path = tmp_path / "m.skm"
    save_model([1], path)
    save_model([2], path)
    assert load_model(path) == [2]
    assert _no_temp_files(tmp_path)


def test_unpicklable_model_leaves_old_file_untouched(tmp_path):
    path = save_model([1], tmp_path / "m.skm")
    with pytest.raises(ModelFileError, match=r"cannot save the model to .*m\.skm"):
        save_model({"f": lambda x: x}, path)
    assert load_model(path) == [1]
    assert _no_temp_files(tmp_path)


def test_save_refuses_a_model_that_load_would_refuse(tmp_path):
    model = make_pipeline(FunctionTransformer(np.log1p), LogisticRegression())
    with pytest.raises(ModelFileError, match=r"refers to numpy\..*which load_model"):
        save_model(model, tmp_path / "f.skm")
    assert list(tmp_path.iterdir()) == []


def test_failed_rename_raises_and_cleans_up(tmp_path, monkeypatch):
    def deny(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(persist.os, "replace", deny)
    with pytest.raises(
        ModelFileError, match=r"cannot write model file .*Permission denied"
    ):
        save_model([1], tmp_path / "m.skm")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("where", "match"),
    [
        ("missing/m.skm", r"directory .*missing does not exist"),
        (".", r"is a directory"),
    ],
)
def test_save_to_unwritable_path(tmp_path, where, match):
    with pytest.raises(ModelFileError, match=match):
        save_model([1], tmp_path / where)


# --------------------------------------------------------------------------
# Reading files that are not (complete) model files


def test_load_missing_file(tmp_path):
    with pytest.raises(ModelFileError, match=r"model file .*nope\.skm does not exist"):
        load_model(tmp_path / "nope.skm")


def test_load_unreadable_file(tmp_path, monkeypatch):
    path = save_model([1], tmp_path / "m.skm")

    def deny(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(
        ModelFileError, match=r"cannot read model file .*Permission denied"
    ):
        load_model(path)


def test_load_directory(tmp_path):
    with pytest.raises(ModelFileError, match=r"is a directory, not a file"):
        load_model(tmp_path)


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (os.urandom(64), r"is not a stancekit model file\.$"),
        (b"model: logistic regression\n", r"is not a stancekit model file"),
        (b"", r"is not a stancekit model file"),
        (pickle.dumps([1], protocol=5), r"looks like a plain pickle or joblib file"),
        (MAGIC + b"\x00", r"truncated: the header is incomplete"),
    ],
)
def test_load_not_a_model_file(tmp_path, content, match):
    path = tmp_path / "x.skm"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=match):
        load_model(path)
    with pytest.raises(ModelFileError, match=match):
        read_metadata(path)


def test_load_truncated_file(tmp_path, tfidf_lr):
    path = save_model(tfidf_lr, tmp_path / "m.skm")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelFileError, match=r"truncated or has extra bytes"):
        load_model(path)
    with pytest.raises(ModelFileError, match=r"truncated or has extra bytes"):
        read_metadata(path)
    path.write_bytes(data[:40])
    with pytest.raises(ModelFileError, match=r"truncated: the metadata is incomplete"):
        load_model(path)


def test_load_file_with_extra_bytes(tmp_path):
    path = save_model([1], tmp_path / "m.skm")
    path.write_bytes(path.read_bytes() + b"junk")
    with pytest.raises(ModelFileError, match=r"has extra bytes after the model"):
        load_model(path)


@pytest.mark.parametrize(
    ("meta", "match"),
    [
        (b"{not json", r"corrupt: its metadata is not JSON"),
        (b"\xff\xfe", r"corrupt: its metadata is not JSON"),
        (b"[1, 2]", r"metadata is not a JSON object"),
    ],
)
def test_load_bad_metadata(tmp_path, meta, match):
    path = write_container(tmp_path / "m.skm", pickle.dumps([1]), meta=meta)
    with pytest.raises(ModelFileError, match=match):
        load_model(path)


def test_load_corrupt_payload(tmp_path):
    path = save_model(list(range(100)), tmp_path / "m.skm")
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match=r"corrupt: its checksum does not match"):
        load_model(path)
    # A consistent checksum over bytes that are not zlib.
    write_container(path, b"", payload=b"not zlib at all")
    with pytest.raises(ModelFileError, match=r"is corrupt: Error -3"):
        load_model(path)
    # Valid zlib, broken pickle.
    write_container(path, pickle.dumps([1, 2, 3])[:-4])
    with pytest.raises(ModelFileError, match=r"corrupt: its pickle cannot be read"):
        load_model(path)


def test_load_newer_file_format(tmp_path):
    path = write_container(tmp_path / "m.skm", pickle.dumps([1]), version=2)
    with pytest.raises(
        ModelFileError, match=r"uses model file format 2 .*reads format 1"
    ):
        load_model(path)


def test_load_class_missing_from_installed_scikit_learn(tmp_path):
    raw = b"\x80\x04csklearn.linear_model\nNoSuchModel\n)\x81."
    path = write_container(tmp_path / "m.skm", raw, meta=b'{"versions": {}}')
    with pytest.raises(ModelFileError, match=r"cannot load .*NoSuchModel.*installed"):
        load_model(path)


# --------------------------------------------------------------------------
# Versions


def test_newer_scikit_learn_warns(tmp_path, monkeypatch):
    monkeypatch.setattr(sklearn, "__version__", "99.0.1")
    path = save_model([1], tmp_path / "m.skm")
    monkeypatch.undo()
    with pytest.warns(
        StancekitWarning,
        match=rf"saved with scikit-learn 99\.0\.1, newer than the installed "
        rf"scikit-learn {sklearn.__version__}",
    ):
        assert load_model(path) == [1]


def test_same_or_older_scikit_learn_does_not_warn(tmp_path, monkeypatch):
    monkeypatch.setattr(sklearn, "__version__", "0.24.2")
    path = save_model([1], tmp_path / "old.skm")
    monkeypatch.undo()
    paths = [path, save_model([1], tmp_path / "same.skm")]
    with warnings.catch_warnings():
        warnings.simplefilter("error", StancekitWarning)
        for p in paths:
            load_model(p)


@pytest.mark.parametrize(
    ("saved", "installed", "newer"),
    [
        ("1.10.0", "1.9.1", True),
        ("1.9", "1.9.0", False),
        ("1.9.1", "1.9", True),
        ("1.10.dev0", "1.9.1", True),
        ("1.6.0rc1", "1.6.0", False),
        ("2", "10.1", False),
    ],
)
def test_version_comparison(saved, installed, newer):
    assert persist._newer(saved, installed) is newer


# --------------------------------------------------------------------------
# The allow-list: hostile files are refused before anything runs


class _Evil:
    def __init__(self, command):
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


class _EvalEvil:
    def __init__(self, code):
        self.code = code

    def __reduce__(self):
        return (eval, (self.code,))


def _assert_refused(path, marker, match):
    with pytest.raises(UnsafeModelError, match=match):
        load_model(path)
    assert not marker.exists()


def test_os_system_via_reduce_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    raw = pickle.dumps(_Evil(f"echo pwned > {marker}"), protocol=5)
    path = write_container(tmp_path / "evil.skm", raw)
    # os.system pickles under its real module name (posix on Linux).
    _assert_refused(
        path, marker, r"would import (posix|os|nt)\.system, which is not on"
    )
    assert pickle.loads(raw) == 0 and marker.exists()  # the file really was hostile


def test_os_system_in_protocol_0_global_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    raw = f"cos\nsystem\n(Vtouch {marker}\ntR.".encode()
    _assert_refused(
        write_container(tmp_path / "e.skm", raw), marker, r"import os\.system"
    )


def test_os_system_in_protocol_0_inst_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    raw = f"(Vtouch {marker}\nios\nsystem\n.".encode()
    _assert_refused(
        write_container(tmp_path / "e.skm", raw), marker, r"import os\.system"
    )


def test_builtins_eval_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    code = f"open({str(marker)!r}, 'w').write('x')"
    raw = pickle.dumps(_EvalEvil(code), protocol=5)
    path = write_container(tmp_path / "eval.skm", raw)
    _assert_refused(path, marker, r"would import builtins\.eval.*not from numpy, scipy")


def test_stack_global_names_from_the_memo_are_tracked(tmp_path):
    marker = tmp_path / "pwned"
    cmd = f"touch {marker}".encode()
    raw = (
        b"\x80\x04"
        + b"\x8c\x02os\x94"  # "os", memo 0
        + b"0"  # POP
        + b"\x8c\x06system\x94"  # "system", memo 1
        + b"0"
        # Decoys: the two most recent string pushes name a harmless class.
        + b"\x8c\x05numpy\x8c\x07ndarray00"
        + b"h\x00h\x01\x93"  # BINGET 0, BINGET 1, STACK_GLOBAL
        + b"\x8c"
        + bytes([len(cmd)])
        + cmd
        + b"\x85R."  # TUPLE1, REDUCE, STOP
    )
    path = write_container(tmp_path / "sg.skm", raw)
    _assert_refused(path, marker, r"would import os\.system")


def test_stack_global_on_computed_names_is_refused(tmp_path):
    # builtins.str("os") builds the module name at load time.
    raw = (
        b"\x80\x04\x8c\x08builtins\x8c\x03str\x93"
        + b"\x8c\x02os\x85R"
        + b"\x8c\x06system\x93"
        + b"\x8c\x04true\x85R."
    )
    path = write_container(tmp_path / "c.skm", raw)
    with pytest.raises(UnsafeModelError, match=r"name computed while loading"):
        load_model(path)


def test_persistent_ids_are_refused(tmp_path):
    path = write_container(tmp_path / "p.skm", b"\x80\x04Pabc\n.")
    with pytest.raises(UnsafeModelError, match=r"uses persistent ids \(PERSID\)"):
        load_model(path)


def test_hostile_object_deep_inside_a_real_model_is_refused(tmp_path, tfidf_lr):
    marker = tmp_path / "pwned"
    model = make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(TEXTS, LABELS)
    model.steps[0][1].note_ = _Evil(f"touch {marker}")
    path = write_container(tmp_path / "deep.skm", pickle.dumps(model, protocol=5))
    _assert_refused(path, marker, r"system")


@pytest.mark.parametrize(
    ("module", "name", "why"),
    [
        ("numpy", "load", r"it is a function, not a class"),
        ("numpy", "memmap", r"maps files into memory"),
        ("numpy.testing", "suppress_warnings", r"module numpy\.testing reads files"),
        ("numpy.lib.npyio", "NpzFile", r"reads files, loads code"),
        ("sklearn.metrics", "accuracy_score", r"a function, not a class"),
        ("stancekit.__main__", "main", r"module stancekit\.__main__"),
        ("stancekit.cli", "main", r"module stancekit\.cli reads files"),
        ("stancekit.persist", "_RestrictedUnpickler", r"module stancekit\.persist"),
        ("scipy._lib._util", "MapWrapper", r"module scipy\._lib\._util"),
        ("stancekit.metrics", "evaluate", r"a function, not a class"),
        ("subprocess", "Popen", r"not from numpy, scipy, scikit-learn or stancekit"),
        ("functools", "partial", r"not from numpy"),
        ("importlib", "import_module", r"not from numpy"),
        ("sklearn", "os.system", r"it is a function, not a class"),
        ("sklearn", "os.PathLike", r"it is really os\.PathLike"),
        ("numpy", "__builtins__", r"special names are never imported"),
        ("numpy", "add", r"a function, not a class"),
    ],
)
def test_allow_list_refuses(tmp_path, module, name, why):
    raw = b"\x80\x04" + f"c{module}\n{name}\n.".encode()
    path = write_container(tmp_path / "g.skm", raw)
    with pytest.raises(UnsafeModelError, match=rf"import {module}\.{name}, .*{why}"):
        load_model(path)


def test_restricted_unpickler_enforces_the_list_on_its_own(tmp_path):
    # Belt and braces: even if the scan were skipped, find_class refuses.
    marker = tmp_path / "pwned"
    raw = pickle.dumps(_Evil(f"touch {marker}"), protocol=5)
    unpickler = persist._RestrictedUnpickler(
        io.BytesIO(raw), persist._AllowList(()), tmp_path / "x.skm"
    )
    with pytest.raises(UnsafeModelError, match=r"would import posix\.system"):
        unpickler.load()
    assert not marker.exists()


def test_allow_accepts_exact_names_and_prefixes(tmp_path):
    import math

    raw = pickle.dumps({"f": math.sqrt}, protocol=5)
    path = write_container(tmp_path / "m.skm", raw)
    with pytest.raises(UnsafeModelError, match=r"pass allow=\['math\.sqrt'\]"):
        load_model(path)
    assert load_model(path, allow=["math.sqrt"])["f"](9.0) == 3.0
    assert load_model(path, allow=("math.*",))["f"] is math.sqrt


def test_listed_stancekit_function_loads(tmp_path):
    # StanceClassifier's cue counter keeps this function as its preprocessor.
    from stancekit.features.stance_cues import normalize_text

    loaded = load_model(save_model({"pre": normalize_text}, tmp_path / "f.skm"))
    assert loaded["pre"] is normalize_text


@pytest.mark.parametrize(
    ("allow", "match"),
    [
        ("math.sqrt", r"allow must be a list of 'module.name' strings; got the single"),
        (["sqrt"], r"allow entries must look like 'module.name'.*got 'sqrt'"),
        ([3], r"allow entries must look like .*got 3"),
    ],
)
def test_allow_rejects_malformed_entries(tmp_path, allow, match):
    path = save_model([1], tmp_path / "m.skm")
    with pytest.raises(InputError, match=match):
        load_model(path, allow=allow)


def test_saved_files_are_valid_json_metadata_after_the_header(tmp_path):
    path = save_model([1], tmp_path / "m.skm", metadata={"data": "ünïcode"})
    data = path.read_bytes()
    assert data.startswith(MAGIC)
    version, compression, meta_len = struct.unpack(">HBI", data[14:21])
    assert (version, compression) == (1, 1)
    assert json.loads(data[21 : 21 + meta_len])["data"] == "ünïcode"


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_scan_finds_every_import_at_every_protocol(tmp_path, protocol):
    from collections import OrderedDict
    from datetime import date

    shared = OrderedDict(a=1)
    obj = {
        "d": shared,
        "again": shared,
        "when": [date(2020, 1, 2)] * 2,
        "cut": slice(2),
    }
    raw = pickle.dumps(obj, protocol=protocol)
    found = set(persist._pickle_imports(raw, tmp_path))
    assert {("collections", "OrderedDict"), ("datetime", "date")} <= found
    # Protocols 0-2 write Python 2 module names.
    assert {("builtins", "slice"), ("__builtin__", "slice")} & found
    if protocol >= 3:  # older protocols pickle bytes through _codecs.encode
        assert load_model(write_container(tmp_path / "p.skm", raw)) == obj
