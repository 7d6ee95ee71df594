"""CLEF CheckThat! and ClaimBuster loaders, on small files written here."""

import json

import datasets
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancekit.errors import InputError, LabelError, SchemaError, StancekitWarning
from stancekit.formats import load_labeled

DEBATE = (
    "1\tMODERATOR\tWelcome to the town hall in Riverton.\t0\n"
    "2\tHARPER\tOur city cut bus fares by 12 percent last year.\t1\n"
    '3\tQUINN\tShe said "nobody rides the bus and\t0\n'
    "4\tQUINN\tThe deficit tripled since 2019.\t1\n"
)


def write(path, text, newline="\n"):
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


# --- CLEF CheckThat! --------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_clef_file_keeps_rows_order_and_types(tmp_path, newline):
    f = write(tmp_path / "20200101_townhall.tsv", DEBATE, newline)
    ds = load_labeled(f"clef-checkthat:{f}")
    assert isinstance(ds, datasets.Dataset)
    assert ds.column_names == ["text", "label", "group", "speaker", "line_number"]
    assert list(ds["line_number"]) == [1, 2, 3, 4]
    assert list(ds["label"]) == [0, 1, 0, 1]
    assert set(ds["group"]) == {"20200101_townhall"}
    assert list(ds["speaker"]) == ["MODERATOR", "HARPER", "QUINN", "QUINN"]
    # The stray quote on line 3 is text: it neither merges lines nor vanishes,
    # and CRLF endings leave no carriage return behind.
    assert ds[2]["text"] == 'She said "nobody rides the bus and'
    assert ds[3]["text"] == "The deficit tripled since 2019."


def test_clef_line_separators_inside_text_do_not_split_rows(tmp_path):
    f = write(tmp_path / "d.tsv", "1\tA\tone\u2028two\x85three\t1\n2\tB\tfour\t0\n")
    ds = load_labeled(f"clef-checkthat:{f}")
    assert list(ds["text"]) == ["one\u2028two\x85three", "four"]


def test_clef_folder_reads_2018_and_2019_files_in_name_order(tmp_path):
    write(tmp_path / "b_2019.tsv", "1\tX\tPrices rose.\t1\n")
    write(
        tmp_path / "a_2018.txt",
        "1\tY\tGood night.\t0\n2\tY\tJobs fell 3%.\t1\n",
        "\r\n",
    )
    write(tmp_path / "README.md", "# not data\n")
    ds = load_labeled(tmp_path)
    assert list(ds["group"]) == ["a_2018", "a_2018", "b_2019"]
    assert list(ds["label"]) == [0, 1, 1]


def test_clef_folder_reads_files_that_start_with_a_bom(tmp_path):
    write(tmp_path / "d.tsv", "\ufeff1\tX\tPrices rose.\t1\n")
    assert load_labeled(tmp_path)[0]["line_number"] == 1


def test_clef_folder_skips_text_files_of_another_layout_with_a_warning(tmp_path):
    write(tmp_path / "debate.tsv", "1\tX\tPrices rose.\t1\n")
    write(tmp_path / "notes.txt", "These are my notes about the debate.\n")
    with pytest.warns(StancekitWarning, match="skipped 'notes.txt'"):
        ds = load_labeled(f"clef-checkthat:{tmp_path}")
    assert ds.num_rows == 1


def test_clef_folder_without_debates_is_refused(tmp_path):
    write(tmp_path / "notes.md", "nothing\n")
    with pytest.raises(InputError, match="holds no CLEF CheckThat! files"):
        load_labeled(f"clef-checkthat:{tmp_path}")


def test_clef_unlabeled_test_file_loads_only_for_prediction(tmp_path):
    f = write(tmp_path / "test.tsv", "1\tA\tRents doubled.\n2\tB\tThank you.\n", "\r\n")
    ds = load_labeled(f, require_label=False)
    assert list(ds["label"]) == [None, None]
    assert ds.features["label"].dtype == "int64"
    with pytest.raises(LabelError, match="2 of 2 rows without a label"):
        load_labeled(f)


@pytest.mark.parametrize(
    ("line", "error", "match"),
    [
        ("1\tA\n", SchemaError, "line 1: expected 3 or 4 tab-separated fields"),
        ("1\tA\tx\t1\textra\n", SchemaError, "got 5"),
        ("one\tA\tx\t1\n", SchemaError, "first field must be a line number; got 'one'"),
        (
            "1\tA\tx\tyes\n",
            LabelError,
            r"label must be an integer \(0 or 1\); got 'yes'",
        ),
    ],
)
def test_clef_malformed_lines_name_file_and_line(tmp_path, line, error, match):
    f = write(tmp_path / "bad.tsv", line)
    with pytest.raises(error, match=match):
        load_labeled(f"clef-checkthat:{f}")


def test_clef_empty_file_is_an_empty_data_set(tmp_path):
    f = write(tmp_path / "empty.tsv", "\n\n")
    with pytest.raises(InputError, match="holds no examples"):
        load_labeled(f"clef-checkthat:{f}")


_cell = st.text(
    st.characters(exclude_characters="\t\n\r\x00", exclude_categories=("Cs",)),
    min_size=1,
).filter(str.strip)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(_cell, _cell, st.sampled_from([0, 1])), min_size=1, max_size=8
    )
)
def test_clef_round_trip_keeps_every_line_exactly(tmp_path_factory, rows):
    f = tmp_path_factory.mktemp("clef") / "d.tsv"
    lines = [
        f"{i}\t{speaker}\t{text}\t{label}"
        for i, (speaker, text, label) in enumerate(rows, 1)
    ]
    f.write_text("\r\n".join(lines), encoding="utf-8")
    ds = load_labeled(f"clef-checkthat:{f}")
    assert list(ds["text"]) == [text for _, text, _ in rows]
    assert list(ds["speaker"]) == [speaker for speaker, _, _ in rows]
    assert list(ds["label"]) == [label for _, _, label in rows]


# --- ClaimBuster ------------------------------------------------------------

CB_HEADER = (
    "Sentence_id,Text,Speaker,Speaker_title,Speaker_party,File_id,Length,"
    "Line_number,Sentiment,Verdict\n"
)
CB_ROWS = (
    '101,"Unemployment is at 9 percent, the highest in years.",DALE,Senator,'
    "Republican,1988-09-25.txt,9,4,-0.3,1\n"
    "102,I appreciate the question.,ROWE,Governor,Democratic,1988-09-25.txt,4,5,0.4,-1\n"
    "103,We spoke in Ohio on Tuesday.,ROWE,Governor,Democratic,1992-10-11.txt,6,9,0.0,0\n"
)


def test_claimbuster_csv_is_binary_by_default(tmp_path):
    f = write(tmp_path / "groundtruth.csv", CB_HEADER + CB_ROWS)
    ds = load_labeled(f)  # detected by its header
    assert ds.column_names[:4] == ["text", "label", "group", "speaker"]
    assert list(ds["label"]) == [1, 0, 0]
    assert list(ds["Verdict"]) == [1, -1, 0]
    assert list(ds["group"]) == ["1988-09-25.txt", "1988-09-25.txt", "1992-10-11.txt"]
    assert ds[0]["text"] == "Unemployment is at 9 percent, the highest in years."
    assert ds[0]["Sentence_id"] == 101
    assert {
        "Speaker_title",
        "Speaker_party",
        "Length",
        "Line_number",
        "Sentiment",
    } <= set(ds.column_names)
    assert "Text" not in ds.column_names


def test_claimbuster_three_class_keeps_the_verdicts(tmp_path):
    f = write(tmp_path / "crowdsourced.csv", CB_HEADER + CB_ROWS)
    ds = load_labeled(f"claimbuster:{f}", three_class=True)
    assert list(ds["label"]) == [1, -1, 0]


def test_claimbuster_without_file_id_groups_by_file_name(tmp_path):
    f = write(
        tmp_path / "mine.csv",
        "Sentence_id,Text,Verdict\n1,Taxes rose.,1\n2,Hello.,-1\n",
    )
    ds = load_labeled(f"claimbuster:{f}")
    assert list(ds["group"]) == ["mine", "mine"]
    assert "speaker" not in ds.column_names


def test_claimbuster_all_sentences_file_is_unlabeled(tmp_path):
    f = write(
        tmp_path / "all_sentences.csv", "Sentence_id,Text,Speaker\n1,Taxes rose.,A\n"
    )
    assert list(load_labeled(f, require_label=False)["label"]) == [None]
    with pytest.raises(LabelError, match="without a label"):
        load_labeled(f)


def test_claimbuster_rejects_unknown_verdicts(tmp_path):
    f = write(tmp_path / "g.csv", "Sentence_id,Text,Verdict\n1,Taxes rose.,2\n")
    with pytest.raises(
        LabelError, match=r"Verdict must be one of \[-1, 0, 1\]; got \[2\]"
    ):
        load_labeled(f"claimbuster:{f}")
    f = write(tmp_path / "h.csv", "Sentence_id,Text,Verdict\n1,Taxes rose.,CFS\n")
    with pytest.raises(LabelError, match="got non-integer values"):
        load_labeled(f"claimbuster:{f}")


def test_claimbuster_csv_without_text_column_names_the_columns(tmp_path):
    f = write(tmp_path / "g.csv", "Sentence_id,Sentence,Verdict\n1,Taxes rose.,1\n")
    with pytest.raises(
        SchemaError, match=r"expected columns \['Text'\], found \['Sentence_id'"
    ):
        load_labeled(f"claimbuster:{f}")


def test_claimbuster_json_lists(tmp_path):
    records = [
        {"sentence_id": 7, "label": 1, "text": "Crime fell 8% in a decade."},
        {"sentence_id": 8, "label": 0, "text": "Let me finish."},
    ]
    f = write(tmp_path / "2xNCS.json", json.dumps(records))
    ds = load_labeled(f)
    assert ds.column_names == ["text", "label", "group", "sentence_id"]
    assert list(ds["label"]) == [1, 0]
    assert list(ds["sentence_id"]) == [7, 8]
    assert set(ds["group"]) == {"2xNCS"}
    with pytest.raises(LabelError, match="three_class needs the Verdict column"):
        load_labeled(f, three_class=True)


@pytest.mark.parametrize(
    ("content", "error", "match"),
    [
        ("[{oops", SchemaError, "is not valid JSON"),
        ('{"sentence_id": 1, "text": "x"}', SchemaError, "expected a list of"),
        (
            '[{"sentence_id": 1, "label": 3, "text": "x"}]',
            LabelError,
            r"label must be 0 or 1; got \['3'\]",
        ),
    ],
)
def test_claimbuster_json_errors(tmp_path, content, error, match):
    f = write(tmp_path / "x.json", content)
    with pytest.raises(error, match=match):
        load_labeled(f"claimbuster:{f}")
