"""The bundled default models: recorded cards, `--model default`, the wheel."""

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from _examples import CLAIMS, PAIRS, TARGET
from typer.testing import CliRunner

from stancekit.cli import app
from stancekit.errors import InputError
from stancekit.persist.files import load_model, read_metadata
from stancekit.pipeline.defaults import (
    TASKS,
    _fingerprint,
    build_default_model,
    corpus_dir,
    default_model_path,
    recorded_cards,
)

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
REGENERATE = "python experiments/default_models.py --skip-out-of-domain"


def test_model_cards_match_the_corpus():
    path = corpus_dir() / "model_cards.json"
    assert path.is_file(), f"data/model_cards.json is missing; run `{REGENERATE}`."
    cards = json.loads(path.read_text(encoding="utf-8"))
    assert cards["corpus_fingerprint"] == _fingerprint(corpus_dir()), (
        "data/model_cards.json was measured on another version of the corpus; "
        f"regenerate it with `{REGENERATE}` and commit it."
    )
    assert set(recorded_cards()) == set(TASKS)
    for task, card in recorded_cards().items():
        grouped = "article" if task == "checkworthy" else "article_or_target"
        assert card["method"] == f"cv5_grouped_by_{grouped}"
        metrics = card["metrics"]
        assert metrics["n"] == card["n_samples"] == sum(card["label_counts"].values())
        for key in ("accuracy", "macro_f1"):
            assert 0.0 <= metrics[key] <= 1.0
            assert 0.0 <= card["baseline"]["metrics"][key] <= 1.0
        if task == "checkworthy":
            assert 0.0 <= metrics["map"] <= 1.0
        else:
            assert 0.0 < card["abstain_threshold"] < 1.0
            curve = card["precision_coverage_stance_corpus"]
            assert [c["threshold"] for c in curve] == sorted(
                c["threshold"] for c in curve
            )


def test_the_corpus_fingerprint_follows_an_edit_in_the_same_process(tmp_path):
    root = tmp_path / "data"
    (root / "labels").mkdir(parents=True)
    (root / "corpus").mkdir()
    sentences = root / "labels" / "sentences.jsonl"
    sentences.write_text('{"text": "a"}\n', encoding="utf-8")
    (root / "targets.jsonl").write_text("", encoding="utf-8")
    first = _fingerprint(root)
    assert _fingerprint(root) == first
    sentences.write_text('{"text": "b"}\n', encoding="utf-8")
    os.utime(sentences, ns=(1, 1))  # a different time, however coarse the clock
    assert _fingerprint(root) != first


def test_cards_of_another_corpus_are_not_shown(tmp_path):
    root = tmp_path / "corpus-copy"
    shutil.copytree(corpus_dir(), root)
    assert set(recorded_cards(root)) == set(TASKS)
    labels = root / "labels" / "sentences.jsonl"
    labels.write_text(labels.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert recorded_cards(root) == {}


def test_info_default_prints_both_cards(default_cache):
    result = runner.invoke(app, ["info", "default"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "default checkworthy model" in out and "default stance model" in out
    checkworthy, stance = out.split("default stance model")
    sections = {"checkworthy": checkworthy, "stance": stance}
    for task, card in recorded_cards().items():
        section = sections[task]
        assert re.search(rf"task:\s+{task}\n", section)
        assert re.search(rf"size:\s+{card['n_samples']}\n", section)
        accuracy = card["metrics"]["accuracy"]
        assert f"{card['method']}.accuracy: {accuracy:.4f}" in section


def test_info_default_with_a_task_prints_one_card(default_cache):
    result = runner.invoke(app, ["info", "default", "--task", "stance"])
    assert result.exit_code == 0, result.output
    assert "task:" in result.stdout and "stance" in result.stdout
    assert "default checkworthy model" not in result.stdout
    # the card gives the recorded precision/coverage curve, the threshold marked
    card = recorded_cards()["stance"]
    curve = card["precision_coverage_stance_corpus"]
    rows = re.findall(
        r"^\s+(0\.\d\d)\s+(0\.\d{3})\s+(0\.\d{3})(  <- used)?$", result.stdout, re.M
    )
    assert [float(t) for t, *_ in rows] == [row["threshold"] for row in curve]
    for (_, precision, coverage, _), row in zip(rows, curve, strict=True):
        assert float(precision) == round(row["precision"], 3)
        assert float(coverage) == round(row["coverage"], 3)
    used = [float(t) for t, _, _, mark in rows if mark]
    assert used == [card["abstain_threshold"]]
    macro = card["stance_corpus_metrics"]["macro_f1"]
    assert f"stance_corpus_pairs.macro_f1: {macro:.4f}" in result.stdout


def test_info_default_with_an_unknown_task_lists_the_tasks():
    result = runner.invoke(app, ["info", "default", "--task", "sentiment"])
    assert result.exit_code == 2  # a usage error: the choices are listed
    assert result.stderr == (
        "stancekit: error: Invalid value for '--task': 'sentiment' is not one of "
        "'checkworthy', 'stance'. (see 'root info --help')\n"
    )


def test_model_default_needs_a_task():
    from stancekit.pipeline.resolve import resolve_model

    with pytest.raises(InputError, match="--model default needs a task"):
        resolve_model("default")


def _jsonl(path, rows):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
        encoding="utf-8",
    )
    return path


def _predict(model, table, *extra):
    result = runner.invoke(app, ["predict", "--model", model, str(table), *extra])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("task", "extra", "column"),
    [
        ("checkworthy", [], "checkworthy_score"),
        ("stance", ["--target", TARGET], "stance"),
    ],
)
def test_predict_model_default_is_the_task_default(
    default_cache, tmp_path, task, extra, column
):
    table = _jsonl(tmp_path / "rows.jsonl", [{"text": t} for t, _ in CLAIMS])
    rows = _predict("default", table, *extra)
    same = _predict(str(default_model_path(task)), table, *extra)
    assert len(rows) == len(CLAIMS) and rows == same
    assert all(column in r for r in rows)
    assert read_metadata(default_model_path(task))["task"] == task


@pytest.mark.parametrize(
    ("task", "rows", "metric"),
    [
        ("checkworthy", [{"text": t, "label": y} for t, y in CLAIMS], "map"),
        ("stance", [{"target": TARGET, "text": t, "label": y} for t, y in PAIRS], None),
    ],
)
def test_evaluate_model_default_is_the_task_default(
    default_cache, tmp_path, task, rows, metric
):
    data = f"jsonl:{_jsonl(tmp_path / 'labeled.jsonl', rows)}"
    result = runner.invoke(
        app,
        ["evaluate", "--model", "default", "--task", task, "--data", data, "--json"],
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["n"] == len(rows) and 0.0 <= scores["accuracy"] <= 1.0
    explicit = runner.invoke(
        app,
        [
            "evaluate",
            "--model",
            str(default_model_path(task)),
            "--data",
            data,
            "--json",
        ],
    )
    assert json.loads(explicit.stdout) == scores
    if metric:
        assert 0.0 <= scores[metric] <= 1.0
    else:
        assert set(scores["confusion_matrix"]["labels"]) <= {"favor", "against", "none"}


@pytest.mark.slow
def test_building_is_deterministic(default_cache, tmp_path):
    # One more build of the (cheaper) stance default, into another folder.
    again = load_model(build_default_model("stance", tmp_path / "stance.skmodel"))
    first = load_model(default_model_path("stance"))
    pairs = [{"target": TARGET, "text": t} for t, _ in PAIRS + CLAIMS]
    assert list(again.predict(pairs)) == list(first.predict(pairs))
    assert (again.predict_proba(pairs) == first.predict_proba(pairs)).all()


def _source_copy(dest: Path) -> Path:
    """The repository without its venvs, caches and build output."""
    skip = shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"
    )
    return Path(shutil.copytree(REPO, dest, ignore=skip))


@pytest.mark.slow
def test_the_wheel_carries_the_corpus(tmp_path):
    # Built from a copy, so the build leaves nothing in the checkout; the
    # isolated build may fetch setuptools from the package registry.
    source = _source_copy(tmp_path / "src")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", "wheels", "."],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=600,
        # (pure Python: compiling takes a minute, and CI's first command
        # builds a compiled wheel anyway)
        env={
            **os.environ,
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "STANCEKIT_PURE_PYTHON": "1",
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (wheel,) = (source / "wheels").glob("stancekit-*-py3-none-any.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert not [n for n in names if n.endswith(".so") or "_native" in n]
    assert "stancekit/_corpus/labels/sentences.jsonl" in names
    assert "stancekit/_corpus/model_cards.json" in names
    assert "stancekit/_corpus/targets.jsonl" in names
    articles = [n for n in names if n.startswith("stancekit/_corpus/corpus/")]
    on_disk = [p for p in (REPO / "data" / "corpus").rglob("*") if p.is_file()]
    assert len(articles) == len(on_disk)


def test_cache_key_follows_corpus_and_model_code(monkeypatch):
    import stancekit.pipeline.defaults as defaults

    path = defaults.default_model_path("stance")
    assert path.name.startswith("stance-") and path.parent.name == defaults.__version__
    monkeypatch.setattr(defaults, "_code_fingerprint", lambda: "changed0")
    assert defaults.default_model_path("stance") != path


def test_the_genre_files_pairs_count_more_in_stance_training():
    import pandas as pd

    from stancekit.pipeline.defaults import GENRE_REPEAT, genre_weights

    frame = pd.DataFrame(
        {
            "group": ["news-007", "debate-002", "pol-001", "politics/news-x"],
            "case": ["attributed_report", "implied_argument", "direct", "article"],
        }
    )
    assert genre_weights(frame).tolist() == [GENRE_REPEAT, GENRE_REPEAT, 1, 1]
