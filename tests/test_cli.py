"""The command line as a new user meets it: help, errors, progress, output lines."""

from __future__ import annotations

import csv
import gc
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from _examples import CLAIMS
from typer.testing import CliRunner

import stancekit.cli as cli_module
from stancekit.cli import _NOT_TYPED, Engine, _already_typed, app
from stancekit.persist.files import save_model

runner = CliRunner()

ARTICLE = """Council backs new stadium

The council voted 27 to 14 on Monday to lend €90 million for the stadium, which
its backers say will bring 1,200 jobs to the northern districts of the city by 2028.
“This stadium will bring jobs to the city,” Mayor Ivo Brandt said.

Critics said the plan was a waste of public money.
"""

NO_HEADLINE = (
    "the council voted 27 to 14 on Monday to lend €90 million for the stadium.\n"
    "Critics said the plan was a waste of public money.\n"
)

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "stadium.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def models(tiny_models, tmp_path):
    cw, st = tiny_models
    return [
        "--model-checkworthy",
        str(save_model(cw, tmp_path / "cw.skmodel")),
        "--model-stance",
        str(save_model(st, tmp_path / "st.skmodel")),
    ]


def _one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stancekit: error: "), lines[0]
    return lines[0]


# --- usage errors and --help (issue 9, issue 10 item 7) ------------------------


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["train", "foo", "-d", "x.csv", "-o", "m.skm"], "'foo' is not one of"),
        (["predict", "article.txt"], "Missing option '--model'"),
        (["label"], "Missing argument"),
        (["lable", "x.txt"], "No such command 'lable'"),
        (["label", "x.txt", "--threshold", "1.5"], "--threshold"),
        (["label", "x.txt", "--threshold", "-0.1"], "--threshold"),
    ],
)
def test_a_usage_error_is_one_line_on_stderr(args, needle):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    line = _one_error_line(result)
    assert needle in line
    assert "╭" not in result.output


def test_stancekit_alone_still_prints_the_help():
    result = runner.invoke(app, [])
    assert "Usage:" in result.output
    assert "COMMAND" in result.output
    assert "stancekit: error" not in result.output


@pytest.mark.parametrize(
    "command", ["sentences", "train", "predict", "evaluate", "info", "label", "report"]
)
def test_help_shows_no_python_types_or_braces(command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "<bool>" not in result.output
    assert "<list[str]>" not in result.output
    assert "{" not in result.output
    assert "``" not in result.output


def test_each_column_option_has_its_own_help():
    result = runner.invoke(app, ["train", "--help"], env={"COLUMNS": "200"})
    helps = {
        line.split("--")[1].split()[0]: " ".join(line.split()[2:])
        for line in result.output.splitlines()
        if re.search(r"--(text|label|group|target)-col", line)
    }
    assert set(helps) == {"text-col", "label-col", "group-col", "target-col"}
    assert len(set(helps.values())) == 4


def test_train_help_names_every_candidate_recipe():
    from stancekit.pipeline.recipes import RECIPES

    result = runner.invoke(app, ["train", "--help"], env={"COLUMNS": "200"})
    shown = " ".join(result.output.split())
    for task, recipes in RECIPES.items():
        for name in recipes:
            assert name in shown, (task, name)


# --- item 3: progress and the closing line -------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ""])
def test_out_ends_with_how_many_rows_and_articles_were_written(
    article, models, tmp_path, suffix
):
    out = tmp_path / f"labels{suffix}"
    result = runner.invoke(app, ["label", str(article), *models, "--out", str(out)])
    assert result.exit_code == 0, result.output
    if suffix == ".csv":
        with open(out, encoding="utf-8") as fh:
            n = len(list(csv.DictReader(fh)))
    elif suffix == ".jsonl":
        n = len(out.read_text(encoding="utf-8").splitlines())
    else:
        import datasets

        n = len(datasets.load_from_disk(str(out)))
    # Quiet when stderr is not a terminal: only the closing line, and no
    # progress bar of the datasets library for a folder.
    assert result.stderr == f"wrote {n} rows (1 article) to {out}\n"


def test_sentences_and_predict_say_what_they_wrote(article, tiny_models, tmp_path):
    out = tmp_path / "rows.jsonl"
    result = runner.invoke(app, ["sentences", str(article), "--out", str(out)])
    assert result.stderr.endswith(f"rows (1 article) to {out}\n")
    model = save_model(tiny_models[0], tmp_path / "cw.skmodel")
    result = runner.invoke(
        app, ["predict", "-m", str(model), str(article), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(f"rows (1 article) to {out}\n")


def test_progress_is_written_when_asked_even_off_a_terminal(article, models, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(NO_HEADLINE, encoding="utf-8")
    out = tmp_path / "labels.jsonl"
    args = ["label", str(article), str(other), *models, "--out", str(out)]
    result = runner.invoke(app, [*args, "--progress"])
    assert result.exit_code == 0, result.output
    first, last = result.stderr.splitlines()
    assert first.startswith("2/2 articles, ")
    assert "sentences" in first
    assert last.startswith("wrote ")
    assert "articles" not in runner.invoke(app, [*args, "--quiet"]).stderr.split("(")[0]


# --- item 4: the terminal view ----------------------------------------------------


def test_terminal_view_fits_the_width_with_a_legend(article, models):
    result = runner.invoke(app, ["label", str(article), *models], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    lines = [_ANSI.sub("", line) for line in result.stdout.splitlines()]
    assert max(len(line) for line in lines) <= 60
    assert lines[0].startswith("score: how check-worthy")
    # Wrapped sentences keep the score column: continuation lines are indented.
    body = [line for line in lines if line and line[0].isdigit()]
    assert body
    follow = [line for line in lines[3:] if line and not line[0].isdigit()]
    assert all(line.startswith("   ") for line in follow)


def test_terminal_view_says_when_there_is_no_target(tmp_path, models):
    page = tmp_path / "note.txt"
    page.write_text(NO_HEADLINE, encoding="utf-8")
    result = runner.invoke(app, ["label", str(page), *models], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "no target: the article has no headline" in result.stdout


# --- item 5: --explain says which way ------------------------------------------


def test_explain_says_which_way_each_reason_pushes(tiny_models, tmp_path):
    model = save_model(tiny_models[0], tmp_path / "cw.skmodel")
    table = tmp_path / "lines.jsonl"
    table.write_text(
        "".join(json.dumps({"text": t}) + "\n" for t, _ in CLAIMS), encoding="utf-8"
    )
    result = runner.invoke(app, ["predict", "-m", str(model), str(table), "--explain"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    for row in rows:
        for reason in row["checkworthy_reasons"]:
            way = "toward" if row["checkworthy"] == 1 else "away from"
            assert reason.endswith(f": {way} check-worthy)"), reason
            assert ("(+" in reason) == (way == "toward"), reason


# --- item 6: errors name the CLI option -------------------------------------------


def test_train_stance_without_a_target_column_names_target_col(tmp_path, monkeypatch):
    from stancekit.models.stance import StanceClassifier

    def no_fit(*args, **kwargs):
        raise AssertionError("fitting started before the columns were checked")

    monkeypatch.setattr(StanceClassifier, "fit", no_fit)
    data = tmp_path / "pairs.csv"
    data.write_text(
        "claim,text,label\nA,Yes it is.,favor\nA,No it is not.,against\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.skmodel"
    result = runner.invoke(
        app, ["train", "stance", "-d", f"csv:{data}", "-o", str(out)]
    )
    assert result.exit_code == 1
    line = _one_error_line(result)
    assert "--target-col" in line and "'claim'" in line
    assert "rename" not in line
    assert not out.exists()


def test_predict_with_a_stance_model_needs_target(tiny_models, tmp_path, article):
    model = save_model(tiny_models[1], tmp_path / "st.skmodel")
    result = runner.invoke(app, ["predict", "-m", str(model), str(article)])
    assert result.exit_code == 1
    assert "--target" in _one_error_line(result)
    assert result.stdout == ""


def test_fnc1_without_bodies_gives_no_option_that_does_not_exist(tmp_path):
    stances = tmp_path / "my_stances.csv"
    stances.write_text("Headline,Body ID,Stance\nA,1,agree\n", encoding="utf-8")
    result = runner.invoke(
        app, ["train", "stance", "-d", f"fnc1:{stances}", "-o", str(tmp_path / "m")]
    )
    assert result.exit_code == 1
    line = _one_error_line(result)
    assert "--bodies" not in line
    assert "my_bodies.csv" in line


# --- item 7: smaller edges ---------------------------------------------------------


@pytest.mark.parametrize("out", ["e.csv", None])
def test_an_empty_folder_is_refused_without_writing_a_file(tmp_path, models, out):
    empty = tmp_path / "empty"
    empty.mkdir()
    args = ["label", str(empty), *models]
    if out:
        args += ["--out", str(tmp_path / out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "stancekit: error: no sentences in the input (no articles, only empty ones, "
        "or only lines read as page furniture: --all keeps them); nothing written."
    )
    assert not (tmp_path / "e.csv").exists()


def test_a_page_of_nothing_but_furniture_says_so_and_all_keeps_its_lines(tmp_path):
    page = tmp_path / "nav.txt"
    page.write_text(
        "Previous ArticleNext Article\n\nShare this article\n", encoding="utf-8"
    )
    out = tmp_path / "s.jsonl"
    result = runner.invoke(app, ["sentences", str(page), "--out", str(out)])
    assert result.exit_code == 1
    assert "only lines read as page furniture: --all keeps them" in result.stderr
    assert not out.exists()
    # to stdout an empty stream is valid JSONL, but not a silent one
    result = runner.invoke(app, ["sentences", str(page)])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "stancekit: warning: no sentences in the input (no articles, only empty ones, "
        "or only lines read as page furniture: --all keeps them)."
    ]
    result = runner.invoke(app, ["sentences", str(page), "--all", "--out", str(out)])
    assert result.exit_code == 0
    kinds = [json.loads(line)["kind"] for line in out.read_text().splitlines()]
    assert kinds == ["boilerplate", "boilerplate"]


def test_predict_on_a_page_of_furniture_points_to_sentences_all(tmp_path, models):
    page = tmp_path / "nav.txt"
    page.write_text(
        "Previous ArticleNext Article\n\nShare this article\n", encoding="utf-8"
    )
    out = tmp_path / "p.jsonl"
    result = runner.invoke(app, ["predict", str(page), "-m", models[1], "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "stancekit: error: no rows in the input (no articles, only empty ones, or only "
        "lines read as page furniture: stancekit sentences --all shows them); "
        "nothing written."
    )
    assert not out.exists()


def test_predict_on_an_empty_table_names_no_furniture(tmp_path, models):
    table = tmp_path / "rows.csv"
    table.write_text("text\n", encoding="utf-8")
    result = runner.invoke(
        app, ["predict", str(table), "-m", models[1], "-o", str(tmp_path / "p.jsonl")]
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "stancekit: error: no rows in the input (no articles, or only empty ones); "
        "nothing written."
    )


def test_an_empty_folder_with_all_is_refused_without_the_furniture_hint(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(
        app, ["sentences", str(empty), "--all", "-o", str(tmp_path / "s.csv")]
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "stancekit: error: no sentences in the input (no articles, or only empty "
        "ones); nothing written."
    )


def test_a_section_kicker_is_not_a_speaker():
    text = "Opinion: Why the stadium is a mistake\n\nThe council voted on Monday.\n"
    result = runner.invoke(app, ["sentences", "--all", "-"], input=text)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["text"].startswith("Opinion:")
    assert rows[0]["speaker"] is None


def test_a_name_before_a_colon_in_a_headline_is_still_a_speaker():
    text = "Brandt: We will build the stadium\n\nThe council voted on Monday.\n"
    result = runner.invoke(app, ["sentences", "--all", "-"], input=text)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["speaker"] == "Brandt"


def test_an_article_from_stdin_has_a_readable_id():
    result = runner.invoke(app, ["sentences", "-"], input="One claim here. Two.\n")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["article_id"] for r in rows} == {"stdin"}


# --- item 1: optional imports say why --------------------------------------------


def test_a_broken_html_extra_says_what_failed_to_import(tmp_path, monkeypatch):
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Hello there.</p></body></html>", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    result = runner.invoke(app, ["sentences", str(page)])
    assert result.exit_code == 1
    line = _one_error_line(result)
    assert "trafilatura" in line
    assert "cannot be imported: import of trafilatura halted" in line


# --- item 2: only what the command needs ------------------------------------------


def test_label_on_the_terminal_imports_neither_datasets_nor_pydantic(article, models):
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from stancekit.cli import app\n"
        f"r = CliRunner().invoke(app, ['label', {str(article)!r}, *{models!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "print([m for m in ('datasets', 'pydantic') if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def _gc_states(n):
    for i in range(n):
        yield {"row": i, "collecting": gc.isenabled()}


@pytest.fixture
def own_process(monkeypatch):
    """As in the stancekit command; the frozen objects are handed back after."""
    monkeypatch.setattr(cli_module, "_OWN_PROCESS", True)
    yield
    gc.unfreeze()
    gc.enable()


def test_the_command_collects_garbage_again_once_the_first_row_is_out(own_process):
    rows = list(cli_module._collect_after_first(_gc_states(3)))
    assert [r["collecting"] for r in rows] == [False, True, True]
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_no_rows_still_leave_the_collector_running(own_process):
    assert list(cli_module._collect_after_first(_gc_states(0))) == []
    assert gc.isenabled()


def test_the_app_inside_another_program_leaves_the_collector_alone():
    frozen = gc.get_freeze_count()
    rows = list(cli_module._collect_after_first(_gc_states(2)))
    assert [r["collecting"] for r in rows] == [True, True]
    assert gc.get_freeze_count() == frozen


def test_command_annotations_are_types_typer_need_not_evaluate():
    for command in ("sentences", "train", "predict", "evaluate", "label", "report"):
        annotations = getattr(cli_module, command).__annotations__
        assert annotations
        assert not [k for k, a in annotations.items() if isinstance(a, str)], command


@pytest.mark.parametrize(
    ("value", "annotation", "low", "expected"),
    [
        (("a.txt", "b.txt"), list[str], None, ["a.txt", "b.txt"]),
        ("default", str, None, "default"),
        (0.5, float, 0.0, 0.5),
        (1, int, None, 1),
        (Engine.local, Engine, None, Engine.local),
    ],
)
def test_a_value_that_already_has_its_type_passes_through(
    value, annotation, low, expected
):
    info = SimpleNamespace(min=low, max=None)
    assert _already_typed(value, annotation, info) == expected


@pytest.mark.parametrize(
    ("value", "annotation", "low"),
    [
        ("0.5", float, 0.0),  # typed on the command line: typer converts it
        (-0.1, float, 0.0),  # out of range: typer's own message
        (1, float, None),
        ("dask", Engine, None),
        ("out.csv", Path, None),
        ((1, 2), list[str], None),
    ],
)
def test_a_value_that_needs_converting_is_left_to_typer(value, annotation, low):
    info = SimpleNamespace(min=low, max=None)
    assert _already_typed(value, annotation, info) is _NOT_TYPED


def test_options_typed_on_the_command_line_are_converted_as_before(article, models):
    result = runner.invoke(
        app,
        ["label", str(article), *models, "--threshold", "0.9", "-j", "1"]
        + ["--engine", "local", "--min-stance-confidence", "0.7"],
    )
    assert result.exit_code == 0, result.output
    assert "★ ≥ 0.90" in result.stdout


def test_a_typer_without_its_private_coercion_keeps_its_own_path(monkeypatch):
    param = SimpleNamespace(_runtime_param=None, type_descriptor=object())
    monkeypatch.delitem(sys.modules, "typer._coercion", raising=False)
    cli_module._coerce_lightly([param])
    assert param._runtime_param is None


def test_typers_private_coercion_is_replaced_where_it_exists():
    param = SimpleNamespace(_runtime_param=None, type_descriptor=object())
    cli_module._coerce_lightly([param])
    assert isinstance(param._runtime_param, cli_module._Coercion)
