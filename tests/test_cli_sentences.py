import json
import os
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from stancekit import __version__
from stancekit.cli import app

runner = CliRunner()

STORY = "Ferry fares rise\n\nFares will rise 8% in March, the operator said.\nCommuters were unhappy.\n"


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def _jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"stancekit {__version__}"


def test_sentences_to_stdout(story):
    result = runner.invoke(app, ["sentences", str(story)])
    assert result.exit_code == 0, result.output
    rows = _jsonl(result.stdout)
    assert [r["text"] for r in rows] == [
        "Ferry fares rise",
        "Fares will rise 8% in March, the operator said.",
        "Commuters were unhappy.",
    ]
    assert rows[0]["kind"] == "headline"
    assert {r["article_id"] for r in rows} == {"ferry"}


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet", ""])
def test_sentences_out_formats(story, tmp_path, suffix):
    out = tmp_path / f"rows{suffix}"
    result = runner.invoke(app, ["sentences", str(story), "--out", str(out), "--all"])
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert result.stdout == ""


def test_stdin_is_an_article():
    result = runner.invoke(app, ["sentences", "-"], input="One claim. Another claim.\n")
    assert result.exit_code == 0, result.output
    assert [r["text"] for r in _jsonl(result.stdout)] == [
        "One claim.",
        "Another claim.",
    ]


def test_legacy_encoding_warns_but_works(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("The café reopened.\n".encode("cp1252"))
    result = runner.invoke(app, ["sentences", str(path)])
    assert result.exit_code == 0
    assert _jsonl(result.stdout)[0]["text"] == "The café reopened."
    assert "stancekit: warning:" in result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "missing.txt"),
        (
            lambda p: (p / "bin.txt").write_bytes(b"\x00\x01\x02abc") and p / "bin.txt",
            "binary",
        ),
        (lambda p: (p / "x.docx").write_bytes(b"abc") and p / "x.docx", ".docx"),
    ],
    ids=["missing", "binary", "unknown-extension"],
)
def test_bad_input_is_one_line_and_exit_1(tmp_path, make, message):
    result = runner.invoke(app, ["sentences", str(make(tmp_path))])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stancekit: error:")
    assert message in lines[0]
    assert "Traceback" not in result.output


def test_unwritable_out_leaves_nothing(story, tmp_path):
    out = tmp_path / "missing-dir" / "rows.jsonl"
    result = runner.invoke(app, ["sentences", str(story), "--out", str(out)])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    assert not out.parent.exists()


def test_failure_midway_leaves_no_output(story, tmp_path):
    out = tmp_path / "rows.jsonl"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00binary")
    result = runner.invoke(app, ["sentences", str(story), str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert sorted(os.listdir(tmp_path)) == ["bad.txt", "ferry.txt"]


def test_installed_entry_point_runs(story):
    exe = shutil.which("stancekit") or os.path.join(
        os.path.dirname(sys.executable), "stancekit"
    )
    result = subprocess.run(
        [exe, "sentences", str(story)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert len(_jsonl(result.stdout)) == 3
    help_ = subprocess.run(
        [sys.executable, "-m", "stancekit", "--help"], capture_output=True, text=True
    )
    assert help_.returncode == 0 and "sentences" in help_.stdout


@pytest.mark.parametrize("command", ["sentences", "predict", "label", "report"])
def test_an_out_folder_of_other_files_is_refused_before_any_work(
    story, tmp_path, command, monkeypatch
):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.txt").write_text("precious", encoding="utf-8")
    # no model may be loaded or built: the refusal comes first
    import stancekit.pipeline.defaults as defaults

    def no_model(*args, **kwargs):
        raise AssertionError("a model was loaded before --out was checked")

    monkeypatch.setattr(defaults, "default_model", no_model)
    monkeypatch.setattr(defaults, "ensure_default_model", no_model)
    extra = ["--model", "default"] if command == "predict" else []
    result = runner.invoke(app, [command, str(story), "--out", str(folder), *extra])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stancekit: error:")
    assert "folder" in lines[0]
    assert os.listdir(folder) == ["notes.txt"]
