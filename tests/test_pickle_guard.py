"""The pickle guard: the import scanner, the allow-list and the restricted Unpickler.

These tests work on raw pickles; tests/test_persist.py checks that
save_model and load_model apply the guard to model files.
"""

from __future__ import annotations

import importlib
import io
import os
import pickle
import sys
import types
from collections import OrderedDict
from datetime import date
from pathlib import Path

import numpy as np
import pytest

import stancekit.features
from stancekit.errors import InputError, ModelFileError, UnsafeModelError
from stancekit.persist import guard
from stancekit.persist.guard import (
    AllowList,
    RestrictedUnpickler,
    first_refusal,
    pickle_imports,
    unsafe_error,
)

PATH = Path("model.skm")  # only named in messages


def guarded_load(raw: bytes, allow=()):
    """What load_model does with a payload: scan, then the restricted load."""
    allow_list = AllowList(allow)
    refused = first_refusal(raw, PATH, allow_list)
    if refused is not None:
        raise unsafe_error(PATH, *refused)
    return RestrictedUnpickler(io.BytesIO(raw), allow_list, PATH).load()


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


# --------------------------------------------------------------------------
# The scanner finds every import without running anything


def test_scan_reports_the_reduce_target_and_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    raw = pickle.dumps(_Evil(f"touch {marker}"), protocol=5)
    found = pickle_imports(raw, PATH)
    assert found[-1][1] == "system" and found[-1][0] in {"posix", "nt", "os"}
    assert not marker.exists()


@pytest.mark.parametrize(
    "raw",
    [
        b"cos\nsystem\n(Vtouch x\ntR.",  # protocol 0 GLOBAL
        b"(Vtouch x\nios\nsystem\n.",  # protocol 0 INST
    ],
)
def test_scan_reads_protocol_0_globals(raw):
    assert pickle_imports(raw, PATH) == [("os", "system")]


def test_stack_global_names_from_the_memo_are_tracked():
    raw = (
        b"\x80\x04"
        + b"\x8c\x02os\x94"  # "os", memo 0
        + b"0"  # POP
        + b"\x8c\x06system\x94"  # "system", memo 1
        + b"0"
        # Decoys: the two most recent string pushes name a harmless class.
        + b"\x8c\x05numpy\x8c\x07ndarray00"
        + b"h\x00h\x01\x93"  # BINGET 0, BINGET 1, STACK_GLOBAL
        + b"\x8c\x04true\x85R."  # TUPLE1, REDUCE, STOP
    )
    assert pickle_imports(raw, PATH) == [("os", "system")]


def test_stack_global_names_copied_by_dup_are_tracked():
    raw = (
        b"\x80\x04\x8c\x02os"
        + b"20"  # DUP, POP: the copy of "os" is what STACK_GLOBAL reads
        + b"\x8c\x06system\x93"
        + b"\x8c\x04true\x85R."
    )
    assert pickle_imports(raw, PATH) == [("os", "system")]


def test_stack_global_on_computed_names_is_refused():
    # builtins.str("os") builds the module name at load time.
    raw = (
        b"\x80\x04\x8c\x08builtins\x8c\x03str\x93"
        + b"\x8c\x02os\x85R"
        + b"\x8c\x06system\x93"
        + b"\x8c\x04true\x85R."
    )
    with pytest.raises(UnsafeModelError, match=r"name computed while loading"):
        pickle_imports(raw, PATH)


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        (b"\x80\x04Pabc\n.", r"uses persistent ids \(PERSID\)"),
        (b"\x80\x04\x82\x01.", r"uses the extension registry \(EXT1\)"),
    ],
)
def test_persistent_ids_and_extension_registry_are_refused(raw, match):
    with pytest.raises(UnsafeModelError, match=match):
        pickle_imports(raw, PATH)


@pytest.mark.parametrize(
    "raw",
    [
        pickle.dumps([1, 2, 3])[:-4],  # cut short
        b"\x80\x04\x85.",  # TUPLE1 on an empty stack
        b"\x80\x04h\x07.",  # BINGET of a memo slot never written
    ],
)
def test_corrupt_pickles_are_model_file_errors(raw):
    with pytest.raises(ModelFileError, match=r"model\.skm is corrupt: its pickle"):
        pickle_imports(raw, PATH)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_scan_finds_every_import_at_every_protocol(protocol):
    shared = OrderedDict(a=1)
    obj = {
        "d": shared,
        "again": shared,
        "when": [date(2020, 1, 2)] * 2,
        "cut": slice(2),
    }
    raw = pickle.dumps(obj, protocol=protocol)
    found = set(pickle_imports(raw, PATH))
    assert {("collections", "OrderedDict"), ("datetime", "date")} <= found
    # Protocols 0-2 write Python 2 module names.
    assert {("builtins", "slice"), ("__builtin__", "slice")} & found
    if protocol >= 3:  # older protocols pickle bytes through _codecs.encode
        assert guarded_load(raw) == obj


# --------------------------------------------------------------------------
# The allow-list


@pytest.mark.parametrize(
    ("module", "name", "why"),
    [
        ("posix", "system", r"not from numpy, scipy, scikit-learn or stancekit"),
        ("builtins", "eval", r"not from numpy, scipy"),
        ("numpy", "load", r"it is a function, not a class"),
        ("numpy", "memmap", r"maps files into memory"),
        ("numpy.testing", "suppress_warnings", r"module numpy\.testing reads files"),
        ("numpy.lib.npyio", "NpzFile", r"reads files, loads code"),
        ("sklearn.metrics", "accuracy_score", r"a function, not a class"),
        ("stancekit.__main__", "main", r"module stancekit\.__main__ reads files"),
        ("stancekit.cli", "main", r"module stancekit\.cli is not stancekit model"),
        (
            "stancekit.persist.files",
            "save_model",
            r"stancekit\.persist\.files is not stancekit",
        ),
        (
            "stancekit.evaluation.metrics",
            "evaluate",
            r"stancekit\.evaluation\.metrics is not stancekit",
        ),
        ("stancekit.features.claims", "claim_inputs", r"a function, not a class"),
        (
            "stancekit.models.tests",
            "Anything",
            r"module stancekit\.models\.tests reads",
        ),
        ("scipy._lib._util", "MapWrapper", r"module scipy\._lib\._util"),
        ("subprocess", "Popen", r"not from numpy, scipy, scikit-learn or stancekit"),
        ("functools", "partial", r"not from numpy"),
        ("importlib", "import_module", r"not from numpy"),
        ("sklearn", "os.system", r"it is a function, not a class"),
        ("sklearn", "os.PathLike", r"it is really os\.PathLike"),
        ("numpy", "__builtins__", r"special names are never imported"),
        ("numpy", "add", r"a function, not a class"),
    ],
)
def test_allow_list_refuses(module, name, why):
    assert AllowList().refusal(module, name) is not None
    raw = b"\x80\x04" + f"c{module}\n{name}\n.".encode()
    with pytest.raises(UnsafeModelError, match=rf"import {module}\.{name}, .*{why}"):
        guarded_load(raw)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("sklearn.linear_model", "LogisticRegression"),
        ("sklearn.linear_model._logistic", "LogisticRegression"),
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("scipy.sparse", "csr_matrix"),
        ("stancekit.features.claims", "ClaimFeatures"),
        ("stancekit.features.pairs", "PairFeaturizer"),
        ("stancekit.models.checkworthy", "CheckWorthinessClassifier"),
        ("stancekit.models.stance", "StanceClassifier"),
        ("stancekit.features.stance_cues", "normalize_text"),
        ("builtins", "frozenset"),
        ("collections", "Counter"),
        ("copyreg", "_reconstructor"),
        ("sklearn.tree._tree", "__pyx_unpickle_Tree"),
        # Missing from the installed versions: loading fails later, safely.
        ("sklearn.linear_model", "NoSuchModel"),
    ],
)
def test_allow_list_accepts(module, name):
    assert AllowList().refusal(module, name) is None


# The modules the brief for this guard names as writing files, and the other
# stancekit modules that read inputs or are the guard itself.
_STANCEKIT_IO = [
    "stancekit",
    "stancekit.io.output",
    "stancekit.persist.files",
    "stancekit.present.report",
    "stancekit.cli",
    "stancekit.pipeline.defaults",
    "stancekit.label",
    "stancekit.pipeline.training",
    "stancekit.pipeline.predict",
    "stancekit.io.articles",
    "stancekit.dataset",
    "stancekit.formats",
    "stancekit.formats.tables",
    "stancekit.persist.guard",
    "stancekit.errors",
]


@pytest.mark.parametrize("module", _STANCEKIT_IO)
def test_stancekit_outside_model_code_is_refused_whatever_the_name(module):
    for name in ("Anything", "main", "save_model", "AllowList"):
        assert "is not stancekit model code" in AllowList().refusal(module, name)


def test_stancekit_classes_reexported_into_model_code_are_judged_by_their_owner(
    monkeypatch,
):
    monkeypatch.setattr(stancekit.features, "Leak", AllowList, raising=False)
    why = AllowList().refusal("stancekit.features", "Leak")
    assert why == "it is really stancekit.persist.guard.AllowList"


def test_every_listed_stancekit_function_is_a_module_level_feature_function():
    assert guard._STANCEKIT_FUNCTIONS  # the rule below must check something
    for full in guard._STANCEKIT_FUNCTIONS:
        module, name = full.rsplit(".", 1)
        assert module.startswith("stancekit.features."), full
        obj = getattr(importlib.import_module(module), name)
        # Defined there at module level, not imported from elsewhere.
        assert isinstance(obj, types.FunctionType), full
        assert (obj.__module__, obj.__qualname__) == (module, name), full
        assert AllowList().refusal(module, name) is None


def test_safe_function_tables_never_name_a_stancekit_io_module():
    for full in guard._SAFE_FUNCTIONS | guard._STANCEKIT_FUNCTIONS:
        assert not any(
            full.startswith(m + ".") for m in _STANCEKIT_IO if m != "stancekit"
        ), full


def test_allow_accepts_exact_names_and_prefixes():
    import math

    assert AllowList().refusal("math", "sqrt") is not None
    assert AllowList(["math.sqrt"]).refusal("math", "sqrt") is None
    assert AllowList(["math.sqrt"]).refusal("math", "floor") is not None
    assert AllowList(("math.*",)).refusal("math", "floor") is None
    raw = pickle.dumps({"f": math.sqrt}, protocol=5)
    with pytest.raises(UnsafeModelError, match=r"pass allow=\['math\.sqrt'\]"):
        guarded_load(raw)
    assert guarded_load(raw, allow=["math.sqrt"])["f"](9.0) == 3.0


@pytest.mark.parametrize(
    ("allow", "match"),
    [
        ("math.sqrt", r"allow must be a list of 'module.name' strings; got the single"),
        (["sqrt"], r"allow entries must look like 'module.name'.*got 'sqrt'"),
        (["math."], r"allow entries must look like .*got 'math\.'"),
        ([3], r"allow entries must look like .*got 3"),
    ],
)
def test_allow_rejects_malformed_entries(allow, match):
    with pytest.raises(InputError, match=match):
        AllowList(allow)


# --------------------------------------------------------------------------
# Refusals and the restricted Unpickler


def test_refusal_message_names_the_file_the_import_and_the_fix():
    err = unsafe_error(PATH, "posix", "system", "it is not from numpy")
    assert isinstance(err, UnsafeModelError)
    assert str(err) == (
        "refusing to load model.skm: it would import posix.system, which is not "
        "on the allow-list (it is not from numpy). Only load files you trust; "
        "to accept this one, pass allow=['posix.system']."
    )


def test_eval_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    raw = pickle.dumps(_EvalEvil(f"open({str(marker)!r}, 'w').write('x')"))
    assert first_refusal(raw, PATH, AllowList())[:2] == ("builtins", "eval")
    with pytest.raises(UnsafeModelError, match=r"would import builtins\.eval"):
        guarded_load(raw)
    assert not marker.exists()


def test_restricted_unpickler_enforces_the_list_on_its_own(tmp_path):
    # Belt and braces: even if the scan were skipped, find_class refuses.
    marker = tmp_path / "pwned"
    raw = pickle.dumps(_Evil(f"touch {marker}"), protocol=5)
    unpickler = RestrictedUnpickler(io.BytesIO(raw), AllowList(), PATH)
    with pytest.raises(UnsafeModelError, match=r"would import (posix|nt)\.system"):
        unpickler.load()
    assert not marker.exists()


def test_first_refusal_is_none_for_numpy_data():
    raw = pickle.dumps({"a": np.arange(3.0), "r": np.random.RandomState(0)}, protocol=5)
    assert first_refusal(raw, PATH, AllowList()) is None
    assert guarded_load(raw)["a"].tolist() == [0.0, 1.0, 2.0]


def test_a_bare_module_key_is_judged_as_the_module_it_names(monkeypatch):
    # scikit-learn 1.7's wheels for Python 3.10 also register sklearn._loss._loss
    # as "_loss", and pickle its loss objects under that key.
    logistic = importlib.import_module("sklearn.linear_model._logistic")
    monkeypatch.setitem(sys.modules, "_sk_alias", logistic)
    assert AllowList().refusal("_sk_alias", "LogisticRegression") is None
    raw = b"\x80\x04c_sk_alias\nLogisticRegression\n."
    assert guarded_load(raw) is logistic.LogisticRegression
    assert "a function, not a class" in AllowList().refusal(
        "_sk_alias", "_check_solver"
    )


def test_a_bare_module_key_for_a_refused_module_is_refused(monkeypatch):
    monkeypatch.setitem(
        sys.modules, "_sk_alias", importlib.import_module("numpy.testing")
    )
    assert "reads files, loads code or is for testing" in AllowList().refusal(
        "_sk_alias", "TestCase"
    )
    monkeypatch.setitem(sys.modules, "_sk_alias", os)
    assert "not from numpy, scipy" in AllowList().refusal("_sk_alias", "system")


def test_a_bare_module_name_not_loaded_is_refused():
    assert "_no_such_module_here" not in sys.modules
    assert "not from numpy, scipy" in AllowList().refusal("_no_such_module_here", "X")


def test_a_class_whose_module_is_a_bare_key_is_judged_by_the_module_it_names(
    monkeypatch,
):
    # The loss classes of that build say their module is "_loss".
    module = types.ModuleType("sklearn._stancekit_probe")
    module.Loss = type("Loss", (), {"__module__": "_sk_alias"})
    monkeypatch.setitem(sys.modules, "sklearn._stancekit_probe", module)
    monkeypatch.setitem(sys.modules, "_sk_alias", module)
    assert AllowList().refusal("_sk_alias", "Loss") is None
    assert AllowList().refusal("sklearn._stancekit_probe", "Loss") is None
