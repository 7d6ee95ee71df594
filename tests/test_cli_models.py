"""The train / predict / evaluate / info commands."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from _examples import CLAIM_TEMPLATES as CLAIMS
from _examples import OTHER_LINES as OTHER
from _examples import rare_claim_rows
from typer.testing import CliRunner

from stancekit.cli import app

runner = CliRunner()


def write_table(path: Path, seed: int = 0) -> Path:
    rng = random.Random(seed)
    rows = []
    for d in range(4):
        for _ in range(12):
            claim = rng.random() < 0.35
            text = rng.choice(CLAIMS if claim else OTHER)
            text = text.format(n=rng.randint(2, 99), y=rng.randint(1990, 2020))
            rows.append({"text": text, "label": int(claim), "group": f"doc{d}"})
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cli")


@pytest.fixture(scope="module")
def model_file(workdir) -> Path:
    data = write_table(workdir / "train.csv")
    out = workdir / "cw.skm"
    result = runner.invoke(
        app,
        [
            "train",
            "checkworthy",
            "--data",
            f"csv:{data}",
            "--out",
            str(out),
            "--cv",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def test_train_prints_a_summary(model_file, workdir):
    data = workdir / "train.csv"
    result = runner.invoke(
        app,
        [
            "train",
            "checkworthy",
            "-d",
            str(data),
            "-o",
            str(workdir / "b.skm"),
            "--cv",
            "2",
            "--progress",
        ],
    )
    assert result.exit_code == 0
    assert "trained checkworthy on 48 rows" in result.stdout
    assert "2 folds grouped by document" in result.stdout
    assert "map" in result.stdout
    assert "cross-validation fold 1/2" in result.stderr


def test_info(model_file):
    result = runner.invoke(app, ["info", str(model_file)])
    assert result.exit_code == 0
    assert "checkworthy" in result.stdout and "cv.map" in result.stdout


def test_predict_articles_to_stdout(model_file, workdir):
    article = workdir / "news.txt"
    article.write_text("Prices rose 6% in 2003. Thank you all.\n")
    result = runner.invoke(
        app, ["predict", "--model", str(model_file), str(article), "--explain"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["checkworthy"] for r in rows] == [1, 0]
    assert {
        "article_id",
        "char_start",
        "checkworthy_score",
        "checkworthy_reasons",
    } <= set(rows[0])


def test_predict_table_to_csv(model_file, workdir):
    table = workdir / "lines.jsonl"
    table.write_text(
        '{"text": "Crime fell 4 percent.", "n": 1}\n{"text": "Good evening.", "n": 2}\n'
    )
    out = workdir / "pred.csv"
    result = runner.invoke(
        app, ["predict", "-m", str(model_file), str(table), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    assert frame.columns.tolist() == ["text", "n", "checkworthy", "checkworthy_score"]
    assert frame["checkworthy"].tolist() == [1, 0]


def test_evaluate_table_and_json(model_file, workdir):
    data = write_table(workdir / "test.csv", seed=5)
    table = runner.invoke(
        app, ["evaluate", "--model", str(model_file), "--data", f"csv:{data}"]
    )
    assert table.exit_code == 0
    assert "accuracy" in table.stdout and "confusion" in table.stdout
    result = runner.invoke(
        app, ["evaluate", "--model", str(model_file), "--data", f"csv:{data}", "--json"]
    )
    assert result.exit_code == 0
    obj = json.loads(result.stdout)  # exactly one JSON object
    for key in (
        "n",
        "accuracy",
        "macro_f1",
        "per_class",
        "confusion_matrix",
        "f1_positive",
        "average_precision",
        "map",
        "r_precision",
        "p_at_k",
        "brier",
        "ece",
    ):
        assert key in obj
    assert obj["n"] == 48 and obj["accuracy"] > 0.8


def _fails(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("stancekit: error: ")
    assert message in lines[-1]
    assert "Traceback" not in result.output


def test_bad_inputs_fail_with_one_line(model_file, workdir):
    one = workdir / "one.csv"
    one.write_text("text,label\nJobs rose.,1\nTaxes fell.,1\n")
    empty = workdir / "empty.csv"
    empty.write_text("text,label\n")
    nocol = workdir / "nocol.csv"
    nocol.write_text("body,label\nJobs rose.,1\n")
    junk = workdir / "junk.skm"
    junk.write_text("not a model\n")
    out = workdir / "never.skm"
    _fails(["train", "checkworthy", "-d", f"csv:{one}", "-o", str(out)], "two labels")
    _fails(
        ["train", "checkworthy", "-d", f"csv:{empty}", "-o", str(out)], "no examples"
    )
    _fails(["train", "checkworthy", "-d", f"csv:{nocol}", "-o", str(out)], "['text']")
    _fails(
        ["train", "checkworthy", "-d", f"tweets:{nocol}", "-o", str(out)],
        "unknown data format",
    )
    result = runner.invoke(app, ["train", "poetry", "-d", f"csv:{one}", "-o", str(out)])
    assert result.exit_code == 2
    assert "'poetry' is not one of 'checkworthy'" in result.output
    assert not out.exists()
    _fails(["info", str(junk)], "not a stancekit model")
    _fails(["predict", "-m", str(workdir / "gone.skm"), str(nocol)], "does not exist")
    _fails(["evaluate", "-m", str(junk), "-d", f"csv:{one}"], "not a stancekit model")
    _fails(["predict", "-m", str(model_file), str(nocol)], "'text' column")


def test_installed_entry_point(model_file):
    exe = Path(sys.executable).parent / "stancekit"
    result = subprocess.run(
        [str(exe), "info", str(model_file)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0
    assert "checkworthy" in result.stdout
    missing = subprocess.run(
        [str(exe), "info", str(model_file) + ".gone"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1 and "does not exist" in missing.stderr


def test_train_prints_the_candidates_and_info_lists_them(model_file, workdir):
    result = runner.invoke(app, ["info", str(model_file)])
    assert result.exit_code == 0
    assert "recipe:" in result.stdout
    assert "candidates: map, 2-fold grouped CV" in result.stdout
    assert "  plain: " in result.stdout and "  stancekit: " in result.stdout
    assert "<- chosen" in result.stdout


def test_train_recipe_option_forces_one(workdir):
    data = write_table(workdir / "train2.csv")
    out = workdir / "plain.skm"
    result = runner.invoke(
        app,
        [
            "train",
            "checkworthy",
            "--data",
            f"csv:{data}",
            "--out",
            str(out),
            "--recipe",
            "plain",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "recipe:    plain" in runner.invoke(app, ["info", str(out)]).stdout


def test_train_recipe_option_refuses_an_unknown_name(workdir):
    data = write_table(workdir / "train3.csv")
    result = runner.invoke(
        app,
        [
            "train",
            "checkworthy",
            "--data",
            f"csv:{data}",
            "--out",
            str(workdir / "x.skm"),
            "--recipe",
            "magic",
        ],
    )
    assert result.exit_code == 1
    assert (
        "recipe must be one of ['plain', 'stancekit', 'ranker'] for checkworthy"
        in result.stderr
    )


def test_train_on_a_table_without_documents_says_and_records_its_threshold(workdir):
    data = workdir / "rare.csv"
    pd.DataFrame(rare_claim_rows(160, seed=3)).to_csv(data, index=False)
    tuned, kept = workdir / "tuned.skm", workdir / "kept.skm"
    base = ["train", "checkworthy", "-d", str(data), "--recipe", "stancekit"]
    result = runner.invoke(app, [*base, "-o", str(tuned)])
    assert result.exit_code == 0, result.output
    line = next(s for s in result.stdout.splitlines() if s.startswith("threshold "))
    cut = line.split()[1].rstrip(":")
    assert "best F1 on held-out folds" in line
    result = runner.invoke(
        app, ["train", "checkworthy", "-d", str(data), "-o", str(kept)]
    )
    assert result.exit_code == 0, result.output
    assert "3-fold stratified CV on 160 rows" in result.stdout  # no documents
    info = runner.invoke(app, ["info", str(tuned)])
    assert f"threshold: {float(cut):g}" in info.stdout.replace(
        f"{float(cut)}", f"{float(cut):g}"
    )
    result = runner.invoke(app, [*base, "-o", str(kept), "--no-tune-threshold"])
    assert result.exit_code == 0, result.output
    assert "threshold" not in result.stdout
    assert "threshold" not in runner.invoke(app, ["info", str(kept)]).stdout


def test_train_takes_estimator_parameters_from_the_command_line(workdir):
    data = write_table(workdir / "params.csv", seed=4)
    out = workdir / "params.skm"
    args = ["train", "checkworthy", "-d", str(data), "-o", str(out)]
    result = runner.invoke(
        app, [*args, "--param", "C=0.25", "--param", "ngram_range=[1,1]"]
    )
    assert result.exit_code == 0, result.output
    info = runner.invoke(app, ["info", str(out)]).stdout
    assert "recipe:    stancekit" in info  # params imply the task's own estimator
    from stancekit.persist.files import load_model

    model = load_model(out)
    assert model.C == 0.25 and model.ngram_range == (1, 1)


@pytest.mark.parametrize(
    "param, message",
    [
        ("Cee=1", "not parameters of the 'stancekit' recipe's estimator"),
        ("C", "--param must be NAME=VALUE"),
        ("C=-1", "--param: "),
    ],
)
def test_a_bad_param_is_one_line_and_writes_nothing(workdir, param, message):
    data = write_table(workdir / "bad-params.csv", seed=5)
    out = workdir / "bad-params.skm"
    result = runner.invoke(
        app, ["train", "checkworthy", "-d", str(data), "-o", str(out), "--param", param]
    )
    _refused_in_one_line(result, message, out)


def train_checkworthy(spec: str, out: Path, *options: str):
    """``stancekit train checkworthy -d SPEC -o OUT OPTIONS...``."""
    return runner.invoke(
        app, ["train", "checkworthy", "-d", spec, "-o", str(out), *options]
    )


def _refused_in_one_line(result, message: str, out: Path) -> None:
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_a_data_error_with_param_is_not_blamed_on_param(workdir):
    result = runner.invoke(
        app,
        [
            "train",
            "checkworthy",
            "-d",
            str(workdir / "missing.csv"),
            "-o",
            str(workdir / "x.skm"),
            "--param",
            "C=0.5",
        ],
    )
    assert result.exit_code == 1
    assert "--param" not in result.output and "missing.csv" in result.output


def test_metric_picks_the_recipe_and_f1_brings_a_threshold_with_documents(workdir):
    data = write_table(workdir / "by-f1.csv", seed=6)  # four documents
    out = workdir / "by-f1.skm"
    args = ["train", "checkworthy", "-d", f"csv:{data}", "-o", str(out)]
    result = runner.invoke(app, [*args, "--recipe", "plain", "--cv", "2"])
    assert result.exit_code == 0, result.output
    assert "recipe plain (map, 2-fold grouped CV" in result.stdout
    assert "threshold" not in result.stdout  # ranked by documents: no cut
    result = runner.invoke(
        app, [*args, "--recipe", "plain", "--cv", "2", "--metric", "f1_positive"]
    )
    assert result.exit_code == 0, result.output
    assert "recipe plain (f1_positive, 2-fold grouped CV" in result.stdout
    assert "best F1 on held-out folds" in result.stdout


@pytest.mark.parametrize(
    "metric, message",
    [
        ("f2", "metric must be one of ['accuracy', 'macro_f1', 'f1_positive'"),
        ("brier", "metric must be one of"),
        ("fnc_score", "metric 'fnc_score' needs other labels than [0, 1]; for these"),
    ],
)
def test_a_metric_that_cannot_pick_is_one_line_and_writes_nothing(
    workdir, metric, message
):
    data = write_table(workdir / "bad-metric.csv", seed=7)
    out = workdir / "bad-metric.skm"
    result = train_checkworthy(f"csv:{data}", out, "--metric", metric)
    _refused_in_one_line(result, message, out)


def test_an_unknown_metric_is_refused_before_the_data_are_read(workdir):
    result = train_checkworthy(
        str(workdir / "gone.csv"), workdir / "gone.skm", "--metric", "f2"
    )
    assert result.exit_code == 1
    assert "metric must be one of" in result.output


def test_claimbuster_files_pick_by_f1_though_their_rows_have_debates(workdir):
    rng = random.Random(8)
    rows = []
    for i in range(120):
        claim = rng.random() < 0.3
        text = rng.choice(CLAIMS if claim else OTHER)
        text = text.format(n=rng.randint(2, 99), y=rng.randint(1990, 2020))
        rows.append(
            {
                "Sentence_id": i,
                "Text": text,
                "Speaker": "A" if i % 2 else "B",
                "File_id": f"debate{i % 6}",
                "Verdict": 1 if claim else rng.choice([-1, 0]),
            }
        )
    data = workdir / "crowdsourced.csv"
    pd.DataFrame(rows).to_csv(data, index=False)
    out = workdir / "cb.skm"

    def plain_on(spec: str) -> str:
        result = train_checkworthy(spec, out, "--recipe", "plain", "--cv", "2")
        assert result.exit_code == 0, result.output
        return result.stdout

    assert "recipe plain (f1_positive, 2-fold grouped CV" in plain_on(
        f"claimbuster:{data}"
    )
    # the same rows as a generic table with documents are ranked per document
    table = workdir / "cb-table.csv"
    pd.DataFrame(
        {
            "text": [r["Text"] for r in rows],
            "label": [int(r["Verdict"] == 1) for r in rows],
            "group": [r["File_id"] for r in rows],
        }
    ).to_csv(table, index=False)
    assert "recipe plain (map, 2-fold grouped CV" in plain_on(f"csv:{table}")


def test_a_ranker_model_from_train_labels_rows_with_predict(workdir):
    # train chooses the ranker on debates (CLEF); predict must take it
    data = write_table(workdir / "ranked.csv", seed=9)
    out = workdir / "ranked.skm"
    result = train_checkworthy(f"csv:{data}", out, "--recipe", "ranker")
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["predict", "--model", str(out), f"csv:{data}"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 48 and {type(r["checkworthy"]) for r in rows} == {int}


def test_groups_of_one_row_are_not_documents_to_rank(workdir):
    # every row its own group (a table of independent sentences with ids):
    # MAP over one-row groups would only count positives, so F1 picks
    data = workdir / "one-per-group.csv"
    frame = pd.DataFrame(rare_claim_rows(120, seed=10))
    frame["group"] = [f"s{i}" for i in range(len(frame))]
    frame.to_csv(data, index=False)
    out = workdir / "one-per-group.skm"
    result = train_checkworthy(f"csv:{data}", out, "--recipe", "plain", "--cv", "2")
    assert result.exit_code == 0, result.output
    assert "recipe plain (f1_positive, 2-fold grouped CV" in result.stdout
    cv_map = next(s for s in result.stdout.splitlines() if s.strip().startswith("map "))
    assert float(cv_map.split()[1]) > frame["label"].mean() + 0.2  # not the share


def _old_stance_model(tmp_path: Path, change: str) -> Path:
    """A tiny stance model saved by a separate Python after ``change``, a
    line that makes it look saved by an older stancekit or scikit-learn."""
    script = (
        "import sys, sklearn, sklearn.base\n"
        "from stancekit.persist import files\n"
        "from stancekit.models.stance import StanceClassifier\n"
        "X = [('cats', 'cats are great'), ('cats', 'cats are a hoax')] * 3\n"
        "m = StanceClassifier(classifier='linear').fit(X, ['favor', 'against'] * 3)\n"
        f"{change}\n"
        "files.save_model(m, sys.argv[1])\n"
    )
    old = tmp_path / "old.skm"
    subprocess.run([sys.executable, "-c", script, str(old)], check=True, timeout=120)
    return old


def _predict_on_four(
    tmp_path: Path, model: Path, jobs: str
) -> subprocess.CompletedProcess[str]:
    """``stancekit predict`` of ``model`` on four one-line articles, as a
    command (workers write to its stderr, not to this process's)."""
    articles = tmp_path / "articles"
    if not articles.exists():
        articles.mkdir()
        for i in range(4):
            (articles / f"a{i}.txt").write_text(f"Cats are great, {i} owners said.\n")
    exe = Path(sys.executable).parent / "stancekit"
    return subprocess.run(
        [str(exe), "predict", "--model", str(model), str(articles), "-t", "cats"]
        + ["-j", jobs],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_model_of_an_older_scikit_learn_warns_on_one_line_with_workers(tmp_path):
    """scikit-learn warns once per kind of estimator, several lines each, and
    in every worker; the command says it once, on one line."""
    old = _old_stance_model(
        tmp_path, "sklearn.__version__ = sklearn.base.__version__ = '1.3.0'"
    )
    for jobs in ("1", "2"):
        result = _predict_on_four(tmp_path, old, jobs)
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.splitlines()) == 4
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        prefix = f"stancekit: warning: {old} was saved with scikit-learn 1.3.0"
        assert lines[0].startswith(prefix)


def test_a_model_fitted_on_older_features_warns_once_on_one_line_with_workers(
    tmp_path,
):
    # saved as a stancekit of an older stance features version would save it
    old = _old_stance_model(tmp_path, "files.FEATURES_VERSION['stance'] -= 1")
    for jobs in ("1", "2"):
        result = _predict_on_four(tmp_path, old, jobs)
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.splitlines()) == 4  # it still predicts
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("stancekit: warning: ")
        assert "stance features version" in lines[0] and "Retrain it" in lines[0]
    # the same file, corrupt: its error alone, not a reason to retrain it
    data = bytearray(old.read_bytes())
    data[-40] ^= 0xFF  # a byte of the payload
    old.write_bytes(bytes(data))
    for jobs in ("1", "2"):
        result = _predict_on_four(tmp_path, old, jobs)
        assert result.returncode == 1
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and "corrupt" in lines[0], result.stderr


def test_a_model_path_with_a_tilde_is_the_home_folders_with_one_process_or_many(
    tmp_path, monkeypatch, tiny_models
):
    """A quoted "~/m.skmodel" (a config file, Python) names the same file for
    one process as for the workers of --jobs."""
    from stancekit.persist.files import save_model

    monkeypatch.setenv("HOME", str(tmp_path))
    save_model(tiny_models[0], tmp_path / "cw.skmodel")
    article = tmp_path / "a.txt"
    article.write_text("The council cut bus fares by a third on Monday.\n")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"p{jobs}.jsonl"
        result = runner.invoke(
            app,
            ["predict", str(article), "-m", "~/cw.skmodel", "-j", jobs, "-o", str(out)],
        )
        assert result.exit_code == 0, result.output
        outs.append(out.read_text())
    assert outs[0] == outs[1] and outs[0]


def test_a_model_path_of_an_unknown_users_home_is_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The council cut bus fares by a third on Monday.\n")
    for jobs in ("1", "2"):
        result = runner.invoke(
            app, ["predict", str(article), "-m", "~nosuchuser/m.skm", "-j", jobs]
        )
        assert result.exit_code == 1
        [line] = result.stderr.splitlines()  # one line, no traceback
        assert line.startswith("stancekit: error: model file ")
        assert line.endswith("~nosuchuser/m.skm does not exist.")


def test_an_input_path_of_an_unknown_users_home_is_one_line(tmp_path, tiny_models):
    from stancekit.persist.files import save_model

    model = str(save_model(tiny_models[0], tmp_path / "cw.skmodel"))
    for spec in ("~nosuchuser/a.txt", "~nosuchuser/a.csv", "csv:~nosuchuser/a.csv"):
        result = runner.invoke(app, ["predict", spec, "-m", model])
        assert result.exit_code == 1
        [line] = result.stderr.splitlines()  # one line, no traceback
        assert line.startswith("stancekit: error: ") and "not found" in line
