import csv
import json
import os

import pytest

from stancekit.errors import InputError
from stancekit.io.output import output_format, write_rows

ROWS = [
    {"article_id": "a", "text": "Prices rose 3%.", "n": 1, "reasons": ["number"]},
    {"article_id": "a", "text": "“Fine,” she said.", "n": 2, "reasons": []},
]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("x.jsonl", "jsonl"), ("x.csv", "csv"), ("x.parquet", "parquet"), ("x", "hf")],
)
def test_output_format_by_extension(name, fmt):
    assert output_format(name) == fmt


def test_unknown_extension_is_refused():
    with pytest.raises(InputError, match=r"--out must end in one of .*got 'x\.xlsx'"):
        output_format("x.xlsx")


def test_stdout_jsonl(capsys):
    assert write_rows(iter(ROWS)) == 2
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in lines] == ROWS


def test_jsonl_file_round_trip(tmp_path):
    out = tmp_path / "rows.jsonl"
    write_rows(ROWS, out)
    assert [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] == ROWS


def test_csv_keeps_unicode_and_json_encodes_lists(tmp_path):
    out = tmp_path / "rows.csv"
    write_rows(ROWS, out)
    with open(out, encoding="utf-8", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert got[1]["text"] == "“Fine,” she said."
    assert json.loads(got[0]["reasons"]) == ["number"]


def test_parquet_and_folder_round_trip(tmp_path):
    import datasets
    import pyarrow.parquet as pq

    write_rows(ROWS, tmp_path / "rows.parquet")
    assert pq.read_table(tmp_path / "rows.parquet").to_pylist() == ROWS
    write_rows(ROWS, tmp_path / "rows_ds")
    assert datasets.load_from_disk(str(tmp_path / "rows_ds")).to_list() == ROWS


def test_failure_leaves_no_partial_file_and_keeps_old_one(tmp_path):
    out = tmp_path / "rows.jsonl"
    out.write_text("old\n", encoding="utf-8")

    def broken():
        yield ROWS[0]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        write_rows(broken(), out)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["rows.jsonl"]


def test_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        write_rows(ROWS, tmp_path / "nope" / "rows.jsonl")


def test_parent_that_is_a_file_is_an_input_error(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is not a folder"):
        write_rows(ROWS, tmp_path / "afile" / "rows.jsonl")


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_unwritable_folder_is_an_input_error():
    # /proc refuses new files even for root, which CI runs as.
    with pytest.raises(InputError, match="cannot write '/proc/rows.jsonl'"):
        write_rows(ROWS, "/proc/rows.jsonl")


def test_a_folder_of_other_files_is_never_replaced(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "mine.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(InputError, match="holds more than a saved dataset"):
        write_rows(ROWS, folder)
    assert os.listdir(folder) == ["mine.txt"]
    assert sorted(os.listdir(tmp_path)) == ["notes"]


def test_the_current_folder_is_never_replaced(tmp_path, monkeypatch):
    (tmp_path / "mine.txt").write_text("precious", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="cannot write '.'"):
        write_rows(ROWS, ".")
    assert os.listdir(tmp_path) == ["mine.txt"]


def test_a_dataset_folder_written_before_is_replaced(tmp_path):
    import datasets

    out = tmp_path / "rows_ds"
    write_rows(ROWS, out)
    write_rows(ROWS[:1], out)
    assert datasets.load_from_disk(str(out)).to_list() == ROWS[:1]


def test_a_file_is_never_written_over_a_folder(tmp_path):
    from stancekit.io.output import atomic_path

    folder = tmp_path / "page.html"
    folder.mkdir()
    with (
        pytest.raises(InputError, match="it is a folder"),
        atomic_path(folder, folder=False),
    ):
        pass
    assert folder.is_dir() and os.listdir(tmp_path) == ["page.html"]


LATE = [
    {"article_id": "a", "text": "One.", "page": 3},
    {"article_id": "b", "text": "Two.", "page": "A3", "author": "Ann Lee"},
    {"article_id": "c", "text": "Three.", "tags": ["x"]},
]


def test_csv_keeps_a_field_only_later_rows_have(tmp_path):
    out = tmp_path / "rows.csv"
    assert write_rows(LATE, out) == 3
    with open(out, encoding="utf-8", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert [r["author"] for r in got] == ["", "Ann Lee", ""]
    assert [r["page"] for r in got] == ["3", "A3", ""]
    assert json.loads(got[2]["tags"]) == ["x"]


@pytest.mark.parametrize("name", ["rows.parquet", "rows_ds"])
def test_typed_outputs_keep_late_fields_and_write_mixed_ones_as_text(tmp_path, name):
    import datasets
    import pyarrow.parquet as pq

    from stancekit.errors import StancekitWarning

    out = tmp_path / name
    with pytest.warns(StancekitWarning, match=r"'page' \(number and text\)"):
        assert write_rows(LATE, out) == 3
    if name.endswith(".parquet"):
        got = pq.read_table(out).to_pylist()
    else:
        got = datasets.load_from_disk(str(out)).to_list()
    assert [r["page"] for r in got] == ["3", "A3", None]
    assert [r["author"] for r in got] == [None, "Ann Lee", None]
    assert [r["tags"] for r in got] == [None, None, ["x"]]
