"""A model file is scanned once; the verdict is remembered by its content."""

from __future__ import annotations

import pickle

import pytest

from stancekit.errors import UnsafeModelError
from stancekit.persist import files
from stancekit.persist.files import load_model, save_model
from stancekit.persist.verdicts import is_verified, verdict_key


@pytest.fixture
def scans(tmp_path, monkeypatch):
    """A private cache, and a count of the opcode scans that run."""
    monkeypatch.setenv("STANCEKIT_CACHE", str(tmp_path / "cache"))
    calls: list[str] = []
    real = files.first_refusal

    def counting(raw, path, allow_list):
        calls.append(str(path))
        return real(raw, path, allow_list)

    monkeypatch.setattr(files, "first_refusal", counting)
    return calls


def test_a_verified_file_is_not_scanned_again(tmp_path, scans):
    path = save_model({"weights": [0.5]}, tmp_path / "m.skm")
    scans.clear()  # saving checks what it wrote
    assert load_model(path) == {"weights": [0.5]}
    assert load_model(path) == {"weights": [0.5]}
    assert len(scans) == 1


def test_a_changed_file_is_scanned_again(tmp_path, scans):
    path = save_model({"weights": [0.5]}, tmp_path / "m.skm")
    load_model(path)
    save_model({"weights": [0.7]}, path)
    scans.clear()
    assert load_model(path) == {"weights": [0.7]}
    assert len(scans) == 1


def test_the_verdict_depends_on_the_allow_list(tmp_path, scans):
    path = save_model([1], tmp_path / "m.skm")
    load_model(path)
    scans.clear()
    load_model(path, allow=["collections.OrderedDict"])
    assert len(scans) == 1
    assert verdict_key(b"d" * 32, ["a.b"]) != verdict_key(b"d" * 32, [])


def test_a_refused_file_is_refused_every_time(tmp_path, scans):
    path = save_model([1], tmp_path / "evil.skm")
    data = path.read_bytes()
    evil = pickle.dumps(__import__("os").system)
    # Rewrite the payload as a pickle that imports os.system.
    import hashlib
    import zlib

    head_end = len(files.MAGIC) + files._HEAD.size
    meta_len = files._HEAD.unpack(data[len(files.MAGIC) : head_end])[2]
    payload = zlib.compress(evil)
    tail = files._TAIL.pack(len(payload), hashlib.sha256(payload).digest())
    path.write_bytes(data[: head_end + meta_len] + tail + payload)
    scans.clear()
    for _ in range(2):
        with pytest.raises(UnsafeModelError, match="os"):
            load_model(path)
    assert len(scans) == 2
    assert not is_verified(verdict_key(hashlib.sha256(payload).digest(), []))


@pytest.mark.filterwarnings("ignore:.*newer than the installed")
def test_the_verdict_depends_on_the_installed_scikit_learn(
    tmp_path, scans, monkeypatch
):
    import sklearn

    path = save_model([1], tmp_path / "m.skm")
    load_model(path)
    before = verdict_key(b"d" * 32, [])
    monkeypatch.setattr(sklearn, "__version__", "0.0.1")
    scans.clear()
    load_model(path)
    assert len(scans) == 1
    assert verdict_key(b"d" * 32, []) != before
