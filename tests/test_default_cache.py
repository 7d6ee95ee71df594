"""The default-model cache heals itself: damaged entries, old versions, many runs.

Building the real default models takes a minute, so these tests replace the
builder with one that saves a tiny model written for the tests and counts
its calls.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest
from _threads import errors_of_threads
from typer.testing import CliRunner

from stancekit.cli import app
from stancekit.errors import ModelFileError, StancekitWarning
from stancekit.persist.files import check_whole, save_model
from stancekit.pipeline import defaults

runner = CliRunner()

ARTICLE = "Council backs new stadium\n\nThe council voted 27 to 14 on Monday.\n"


@pytest.fixture
def cache(tmp_path, monkeypatch, tiny_models):
    """A private, empty cache and a fast builder that counts its builds."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("STANCEKIT_CACHE", str(folder))
    built: list[str] = []
    lock = threading.Lock()

    def build(task, path=None):
        with lock:
            built.append(task)
        time.sleep(0.3)  # long enough for others to arrive and wait
        model = tiny_models[0] if task == "checkworthy" else tiny_models[1]
        return save_model(model, path, metadata={"task": task})

    monkeypatch.setattr(defaults, "build_default_model", build)
    return folder, built


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "stadium.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_a_damaged_cached_model_is_rebuilt_with_a_warning(cache, article):
    folder, built = cache
    assert runner.invoke(app, ["label", str(article)]).exit_code == 0
    assert built == ["checkworthy", "stance"]
    path = defaults.default_model_path("stance")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a full disk, a copy gone wrong
    result = runner.invoke(app, ["label", str(article)])
    assert result.exit_code == 0, result.output
    assert built == ["checkworthy", "stance", "stance"]
    assert (
        f"stancekit: warning: the cached default stance model {path} is damaged "
        "(it is truncated or has extra bytes after the model); rebuilding it."
    ) in result.stderr
    assert len(path.read_bytes()) == len(data)


def test_a_cached_model_with_a_bad_checksum_is_rebuilt(cache):
    folder, built = cache
    defaults.default_model("checkworthy")
    path = defaults.default_model_path("checkworthy")
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # same length, different bytes
    path.write_bytes(bytes(data))
    with pytest.warns(StancekitWarning, match="its checksum does not match"):
        defaults.default_model("checkworthy")
    assert built == ["checkworthy", "checkworthy"]


def test_a_bad_checksum_is_rebuilt_before_worker_processes_load_the_file(
    cache, article, tmp_path
):
    """With --jobs the workers load the cache file as any model file, which
    cannot heal: the parent checks it whole and rebuilds it first, as one
    process does."""
    folder, built = cache
    one = tmp_path / "one.jsonl"
    assert runner.invoke(app, ["label", str(article), "-o", str(one)]).exit_code == 0
    path = defaults.default_model_path("stance")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same length, different bytes
    path.write_bytes(bytes(data))
    two = tmp_path / "two.jsonl"
    result = runner.invoke(app, ["label", str(article), "-j", "2", "-o", str(two)])
    assert result.exit_code == 0, result.output
    assert "its checksum does not match); rebuilding it." in result.stderr
    assert built == ["checkworthy", "stance", "stance"]
    assert two.read_text() == one.read_text()


def test_an_entry_another_process_healed_meanwhile_is_kept(cache):
    """A process that found the entry damaged and then waited for the lock
    keeps the whole file another process built meanwhile: deleting it
    would pull it from under that process's workers."""
    folder, built = cache
    defaults.default_model("stance")
    path = defaults.default_model_path("stance")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    seen = defaults._signature(path)
    with pytest.raises(ModelFileError) as damage:
        check_whole(path)
    problem = defaults._damaged(path, damage.value)
    # another process rebuilds it first (a new file in its place)
    defaults.build_default_model("stance", path)
    assert built == ["stance", "stance"]
    defaults._rebuild("stance", path, problem=problem, seen=seen)
    assert built == ["stance", "stance"]  # kept
    # the same file still damaged when the lock is ours: rebuilt
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.warns(StancekitWarning, match="rebuilding it"):
        defaults._rebuild(
            "stance", path, problem=problem, seen=defaults._signature(path)
        )
    assert built == ["stance", "stance", "stance"]


def test_entries_of_other_versions_are_removed_once_unused_for_a_week(cache):
    folder, built = cache
    old = folder / "0.0.9" / "checkworthy-aaaaaaaaaaaa-bbbbbbbb.skmodel"
    recent = folder / "0.0.8" / "stance-aaaaaaaaaaaa-bbbbbbbb.skmodel"
    for entry in (old, recent):
        entry.parent.mkdir(parents=True)
        entry.write_bytes(b"old model")
    week_ago = time.time() - 8 * 24 * 3600
    os.utime(old, (week_ago, week_ago))
    defaults.default_model("checkworthy")
    assert not old.exists() and not old.parent.exists()
    assert recent.exists()  # another installation may still use it


def test_runs_started_together_build_each_model_once(cache):
    folder, built = cache
    assert errors_of_threads(lambda: defaults.default_model("stance"), 4) == []
    assert built == ["stance"]
    assert not list(folder.rglob("*.lock"))


def test_a_lock_left_by_a_dead_process_is_taken_over(cache):
    folder, built = cache
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    path = defaults.default_model_path("checkworthy")
    path.parent.mkdir(parents=True)
    lock = path.with_name(path.name + ".lock")
    lock.write_text(f"{dead.stdout.strip()} {defaults._host()}\n")
    defaults.default_model("checkworthy")
    assert built == ["checkworthy"]
    assert not lock.exists()


def test_a_lock_held_too_long_is_an_error_naming_the_lock(cache, monkeypatch):
    monkeypatch.setattr(defaults, "_LOCK_POLL_S", 0.01)
    path = defaults.default_model_path("checkworthy")
    path.parent.mkdir(parents=True)
    lock = path.with_name(path.name + ".lock")
    lock.write_text(f"{os.getpid()} {defaults._host()}\n")  # alive: this process
    held = defaults._build_lock(path, "checkworthy", timeout=0.05)
    with pytest.raises(ModelFileError, match=r"waited 0 s for another stancekit"):
        held.__enter__()
    assert lock.exists()
