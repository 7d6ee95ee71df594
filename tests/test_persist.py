"""Model files: round trips, metadata, atomic writes, and the guarded loader."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import struct
import sys
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

from stancekit.errors import (
    InputError,
    ModelFileError,
    StancekitWarning,
    UnsafeModelError,
    VersionWarning,
)
from stancekit.persist import files as persist
from stancekit.persist.files import (
    format_metadata,
    load_model,
    read_metadata,
    save_model,
    version_warnings,
)

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
    assert set(meta["versions"]) == {  # no "features": a pipeline of the user's
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
        # Not 0x80 first: that byte reads as a pickle, which has its own hint.
        (b"\x01" + os.urandom(63), r"is not a stancekit model file\.$"),
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


def test_the_same_scikit_learn_does_not_warn(tmp_path):
    path = save_model([1], tmp_path / "same.skm")
    with warnings.catch_warnings():
        warnings.simplefilter("error", StancekitWarning)
        load_model(path)


def _saved_by_older_scikit_learn(path, monkeypatch):
    """A fitted estimator saved as an older scikit-learn would save it: its
    pickled estimators and the file's metadata name 1.3.0."""
    import sklearn.base

    model = LogisticRegression().fit([[0.0], [1.0], [0.2], [0.9]], [0, 1, 0, 1])
    monkeypatch.setattr(sklearn.base, "__version__", "1.3.0")
    monkeypatch.setattr(sklearn, "__version__", "1.3.0")
    saved = save_model(model, path)
    monkeypatch.undo()
    return saved


def test_estimators_of_an_older_scikit_learn_give_one_warning(tmp_path, monkeypatch):
    from sklearn.exceptions import InconsistentVersionWarning

    path = _saved_by_older_scikit_learn(tmp_path / "old.skm", monkeypatch)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = load_model(path)
    assert model.predict([[1.0]]).tolist() == [1]
    assert not [w for w in caught if issubclass(w.category, InconsistentVersionWarning)]
    ours = [str(w.message) for w in caught if issubclass(w.category, VersionWarning)]
    assert ours == [
        f"{path} was saved with scikit-learn 1.3.0, not the installed "
        f"{sklearn.__version__}; scikit-learn does not promise the same predictions "
        "across versions. Retrain it with this version, or install scikit-learn 1.3.0."
    ]
    assert version_warnings(path) == ours  # what a process handing it to workers says


def test_a_program_that_refuses_other_scikit_learn_versions_still_does(
    tmp_path, monkeypatch
):
    """scikit-learn's documentation suggests turning its warning into an
    error to refuse such files; the one-line warning does not undo that."""
    from sklearn.exceptions import InconsistentVersionWarning

    path = _saved_by_older_scikit_learn(tmp_path / "old.skm", monkeypatch)
    with warnings.catch_warnings():
        warnings.simplefilter("error", InconsistentVersionWarning)
        with pytest.raises(
            ModelFileError, match="InconsistentVersionWarning"
        ) as refused:
            load_model(path)
    assert "\n" not in str(refused.value)  # one line on stderr
    # a filter naming scikit-learn's message, as pytest's filterwarnings marks do
    with warnings.catch_warnings():
        warnings.filterwarnings("error", "Trying to unpickle estimator .* from version")
        with pytest.raises(ModelFileError, match="InconsistentVersionWarning"):
            load_model(path)


@pytest.mark.filterwarnings("ignore::stancekit.errors.VersionWarning")
def test_threads_loading_an_older_scikit_learns_file_leave_the_filters_as_they_were(
    tmp_path, monkeypatch
):
    from _threads import errors_of_threads

    path = _saved_by_older_scikit_learn(tmp_path / "old.skm", monkeypatch)
    before = list(warnings.filters)

    def load_many():
        for _ in range(25):
            load_model(path)  # its VersionWarning goes where the filters say

    # threads switched as often as can be, so that unguarded changes of the
    # filters overlap (without the lock, stray filters stay behind)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        assert errors_of_threads(load_many, 8) == []
    finally:
        sys.setswitchinterval(interval)
    assert list(warnings.filters) == before


def _stance_model():
    from stancekit.models.stance import StanceClassifier

    X = [("cats", "cats are great"), ("cats", "cats are a hoax")] * 3
    return StanceClassifier(classifier="linear").fit(X, ["for", "against"] * 3)


def _saved_at(tmp_path, monkeypatch, model, name, version):
    monkeypatch.setitem(persist.FEATURES_VERSION, "stance", version)
    path = save_model(model, tmp_path / name)
    monkeypatch.undo()
    return path


def test_a_stancekit_model_records_its_tasks_features_version(tmp_path):
    path = save_model(_stance_model(), tmp_path / "m.skm")
    version = persist.FEATURES_VERSION["stance"]
    assert read_metadata(path)["versions"]["features"] == str(version)
    with warnings.catch_warnings():
        warnings.simplefilter("error", StancekitWarning)
        load_model(path)
    assert persist.version_warnings(path) == []


def test_a_model_fitted_on_older_features_warns_when_loaded(tmp_path, monkeypatch):
    current = persist.FEATURES_VERSION["stance"]
    path = _saved_at(tmp_path, monkeypatch, _stance_model(), "old.skm", current - 1)
    pattern = (
        rf"stance features version {current - 1}; they have changed since "
        rf"\(this stancekit computes version {current}\).*Retrain it"
    )
    with pytest.warns(StancekitWarning, match=pattern):
        model = load_model(path)
    assert list(model.classes_) == ["against", "for"]  # it still loads
    assert len(persist.version_warnings(path)) == 1


def test_a_model_from_a_newer_stancekit_asks_for_an_upgrade(tmp_path, monkeypatch):
    current = persist.FEATURES_VERSION["stance"]
    path = _saved_at(tmp_path, monkeypatch, _stance_model(), "new.skm", current + 1)
    with pytest.warns(StancekitWarning, match=r"newer stancekit.*Upgrade stancekit"):
        load_model(path)


def test_a_stancekit_model_inside_a_pipeline_is_checked_too(tmp_path, monkeypatch):
    model = Pipeline([("stance", _stance_model())])
    path = _saved_at(tmp_path, monkeypatch, model, "pipe.skm", 1)
    with pytest.warns(StancekitWarning, match="stance features version 1"):
        load_model(path)


def test_a_pipeline_saved_before_versions_were_recorded_warns(tmp_path, monkeypatch):
    # no task has a recorded version: the file has no versions["features"]
    monkeypatch.setattr(persist, "FEATURES_VERSION", {})
    path = save_model(Pipeline([("stance", _stance_model())]), tmp_path / "p.skm")
    monkeypatch.undo()
    assert "features" not in read_metadata(path)["versions"]
    with pytest.warns(VersionWarning, match="stance features version 1"):
        load_model(path)


def test_a_users_own_model_and_an_unchanged_task_are_not_warned(tmp_path, monkeypatch):
    monkeypatch.setitem(persist.FEATURES_VERSION, "stance", 0)
    paths = [save_model([1], tmp_path / "list.skm")]
    monkeypatch.undo()
    # a check-worthiness model saved before the stance features changed
    from stancekit.models.ngram import NgramClassifier

    texts = ["Taxes rose 5% in 2020.", "What a lovely day.", "Crime fell 3%.", "Hi!"]
    checkworthy = NgramClassifier(task="checkworthy").fit(texts, [1, 0, 1, 0])
    monkeypatch.setitem(persist.FEATURES_VERSION, "stance", 1)
    paths.append(save_model(checkworthy, tmp_path / "cw.skm"))
    monkeypatch.undo()
    assert read_metadata(paths[-1])["task"] == "checkworthy"
    with warnings.catch_warnings():
        warnings.simplefilter("error", StancekitWarning)
        for path in paths:
            load_model(path)


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
# The pickle guard as load_model and save_model apply it (the guard itself is
# tested in test_pickle_guard.py)


class _Evil:
    def __init__(self, command):
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def test_os_system_via_reduce_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    raw = pickle.dumps(_Evil(f"echo pwned > {marker}"), protocol=5)
    path = write_container(tmp_path / "evil.skm", raw)
    # os.system pickles under its real module name (posix on Linux).
    with pytest.raises(
        UnsafeModelError,
        match=r"refusing to load .*evil\.skm: it would import (posix|os|nt)\.system, "
        r"which is not on",
    ):
        load_model(path)
    assert not marker.exists()
    assert pickle.loads(raw) == 0 and marker.exists()  # the file really was hostile


def test_hostile_object_deep_inside_a_real_model_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    model = make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(TEXTS, LABELS)
    model.steps[0][1].note_ = _Evil(f"touch {marker}")
    path = write_container(tmp_path / "deep.skm", pickle.dumps(model, protocol=5))
    with pytest.raises(UnsafeModelError, match=r"system"):
        load_model(path)
    assert not marker.exists()


def test_stancekit_io_module_in_a_file_is_refused(tmp_path):
    raw = b"\x80\x04cstancekit.persist\nsave_model\n."
    path = write_container(tmp_path / "g.skm", raw)
    with pytest.raises(
        UnsafeModelError,
        match=r"import stancekit\.persist\.save_model, .*not stancekit",
    ):
        load_model(path)


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


def test_malformed_allow_is_reported_before_the_file_is_read(tmp_path):
    with pytest.raises(InputError, match=r"allow must be a list of 'module.name'"):
        load_model(tmp_path / "missing.skm", allow="math.sqrt")


def test_saved_files_are_valid_json_metadata_after_the_header(tmp_path):
    path = save_model([1], tmp_path / "m.skm", metadata={"data": "ünïcode"})
    data = path.read_bytes()
    assert data.startswith(MAGIC)
    version, compression, meta_len = struct.unpack(">HBI", data[14:21])
    assert (version, compression) == (1, 1)
    assert json.loads(data[21 : 21 + meta_len])["data"] == "ünïcode"


def test_a_model_with_a_threshold_records_it_in_its_metadata(tmp_path):
    from sklearn.linear_model import LogisticRegression

    from stancekit.persist.files import read_metadata, save_model

    model = LogisticRegression().fit([[0.0], [1.0]], [0, 1])
    model.decision_threshold_ = 0.3
    path = save_model(model, tmp_path / "m.skm")
    assert read_metadata(path)["threshold"] == 0.3
