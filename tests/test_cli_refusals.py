"""Bad input to train, evaluate and predict: one line, exit 1, nothing lost."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import stancekit
from stancekit.cli import app
from stancekit.errors import SchemaError
from stancekit.formats import load_labeled

runner = CliRunner()

TABLE = "text,label\nPrices rose 9% in May.,1\nHello there.,0\n"


def one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stancekit: error:"), lines
    return lines[0]


def test_evaluate_refuses_a_model_file_of_no_task(tmp_path):
    model = tmp_path / "dict.skmodel"
    stancekit.save_model({"a": 1}, model)
    data = tmp_path / "d.csv"
    data.write_text(TABLE, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "-m", str(model), "--data", str(data)])
    assert "must be one of the task models" in one_error_line(result)


@pytest.mark.parametrize("spec", ["{p}", "csv:{p}"])
def test_train_never_writes_its_model_over_its_data(tmp_path, spec):
    data = tmp_path / "d.csv"
    data.write_text(TABLE, encoding="utf-8")
    result = runner.invoke(
        app,
        ["train", "checkworthy", "--data", spec.format(p=data), "--out", str(data)],
    )
    assert "is the training data" in one_error_line(result)
    assert data.read_text(encoding="utf-8") == TABLE


def test_a_column_named_twice_is_refused_by_every_reader(tmp_path):
    table = tmp_path / "d.csv"
    table.write_text("text,label,text\nPrices rose 9%.,1,\n", encoding="utf-8")
    with pytest.raises(
        SchemaError, match=r"names column\(s\) \['text'\] more than once"
    ):
        load_labeled(str(table))
    result = runner.invoke(app, ["predict", "-m", "default", str(table)])
    assert "more than once" in one_error_line(result)


def test_a_table_row_without_text_is_refused_and_a_number_is_read_as_text(tmp_path):
    table = tmp_path / "t.jsonl"
    table.write_text('{"text": "Prices rose 9%."}\n{"text": null}\n', encoding="utf-8")
    result = runner.invoke(app, ["predict", "-m", "default", str(table)])
    assert "has no text (null)" in one_error_line(result)
    table.write_text('{"text": 2024}\n', encoding="utf-8")
    result = runner.invoke(app, ["predict", "-m", "default", str(table)])
    assert result.exit_code == 0, result.output
    assert '"checkworthy_score"' in result.stdout


def test_a_target_given_replaces_the_tables_own_in_what_is_written(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text(
        "target,text\nTaxes on the rich should rise,A wealth tax would help.\n",
        encoding="utf-8",
    )
    given = "The city should ban diesel cars."
    result = runner.invoke(app, ["predict", "-m", "default", "-t", given, str(table)])
    assert result.exit_code == 0, result.output
    assert f'"target": "{given}"' in result.stdout
    assert "was replaced by the target given" in result.stderr
