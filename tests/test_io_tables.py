"""One table reader: the same bad line gets the same error wherever it is read."""

from __future__ import annotations

import pytest

from stancekit.errors import DecodeError, SchemaError
from stancekit.formats import load_labeled
from stancekit.io.articles import read_articles
from stancekit.io.tables import csv_records, jsonl_records, table_lines
from stancekit.pipeline.predict import iter_input_rows

BAD_LINE = '{"text": "The council met.", "label": 1}\n{"text": oops}\n'


@pytest.mark.parametrize(
    "read",
    [
        pytest.param(lambda p: read_articles([str(p)]), id="article table"),
        pytest.param(lambda p: list(iter_input_rows([str(p)])), id="predict table"),
        pytest.param(lambda p: load_labeled(f"jsonl:{p}"), id="labeled table"),
    ],
)
def test_a_bad_jsonl_line_gives_the_same_error_in_every_reader(tmp_path, read):
    path = tmp_path / "t.jsonl"
    path.write_text(BAD_LINE, encoding="utf-8")
    with pytest.raises(
        DecodeError, match=r"t\.jsonl:2: not valid JSON \(Expecting value\)"
    ):
        read(path)


def test_jsonl_records_refuse_a_line_that_is_not_an_object():
    with pytest.raises(SchemaError, match=r"t\.jsonl:1: each line of a table must be"):
        list(jsonl_records(["[1, 2]\n"], "t.jsonl"))


def test_csv_records_name_the_missing_column_and_pad_short_rows():
    with pytest.raises(SchemaError, match=r"t\.csv: a table needs a 'text' column"):
        list(csv_records(["title\n", "A\n"], "t.csv", required="text"))
    rows = list(csv_records(["text,id\n", "One.\n"], "t.csv", required="text"))
    assert rows == [(2, {"text": "One.", "id": ""})]


def test_csv_records_refuse_a_row_longer_than_the_header():
    with pytest.raises(SchemaError, match=r"t\.csv:2: row has 3 fields"):
        list(csv_records(["text,id\n", "a,b,c\n"], "t.csv"))


STRAY_QUOTE = (
    "id,text\n"
    '1,"The bridge closed. Police said ""nobody was hurt.\n'
    "2,Ferry fares rise in July.\n"
    "3,A storm hit the coast.\n"
)


def test_a_quote_left_open_to_the_end_is_refused_not_swallowing_rows(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(STRAY_QUOTE, encoding="utf-8")
    with pytest.raises(SchemaError, match=r"t\.csv:2: a quoted value is not closed"):
        read_articles([str(path)])
    # values over several lines, escaped quotes, no final newline: all fine
    good = 'id,text\n1,"One ""x""\ntwo."\n2,"Three\nfour."'
    rows = list(csv_records(good.splitlines(keepends=True), "t.csv"))
    assert [r["text"] for _, r in rows] == ['One "x"\ntwo.', "Three\nfour."]


def test_table_lines_decode_legacy_lines_with_a_warning(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("text\ncaf\u00e9\n".encode("cp1252"))
    with pytest.warns(UserWarning, match="not valid UTF-8 from line 2 on"):
        assert list(table_lines(path)) == ["text\n", "caf\u00e9\n"]
