"""Generic tables (csv, jsonl, parquet, hf): column mapping and its errors."""

import csv
import json

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancekit.errors import DecodeError, InputError, LabelError, SchemaError
from stancekit.formats import load_labeled

ROWS = [
    {
        "sentence": "Fuel prices rose 30% this spring.",
        "checkworthy": 1,
        "doc": 3,
        "source": "radio",
    },
    {"sentence": "NA", "checkworthy": 0, "doc": 3, "source": "radio"},
    {"sentence": "2024", "checkworthy": 0, "doc": 4, "source": "paper"},
]


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_parquet(path, rows):
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def write_hf(path, rows):
    datasets.Dataset.from_list(rows).save_to_disk(str(path))
    return path


WRITERS = {
    "csv": ("t.csv", write_csv),
    "jsonl": ("t.jsonl", write_jsonl),
    "parquet": ("t.parquet", write_parquet),
    "hf": ("saved", write_hf),
}
MAPPING = {"text_col": "sentence", "label_col": "checkworthy", "group_col": "doc"}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_generic_formats_map_columns_and_keep_the_rest(tmp_path, fmt):
    name, writer = WRITERS[fmt]
    path = writer(tmp_path / name, ROWS)
    for spec in (f"{fmt}:{path}", str(path)):  # named and detected
        ds = load_labeled(spec, **MAPPING)
        assert ds.column_names == ["text", "label", "group", "source"]
        # "NA" and "2024" stay text; labels keep their integer type.
        assert list(ds["text"]) == ["Fuel prices rose 30% this spring.", "NA", "2024"]
        assert list(ds["label"]) == [1, 0, 0]
        assert list(ds["group"]) == ["3", "3", "4"]
        assert list(ds["source"]) == ["radio", "radio", "paper"]


def test_default_names_and_optional_group_and_target(tmp_path):
    rows = [
        {"text": "Crime fell.", "label": "yes"},
        {"text": "Hi there.", "label": "no"},
    ]
    ds = load_labeled(write_jsonl(tmp_path / "a.jsonl", rows))
    assert ds.column_names == ["text", "label", "group"]
    assert list(ds["group"]) == [None, None]
    rows = [{"target": "Wind power", "text": "Turbines are ugly.", "label": "AGAINST"}]
    ds = load_labeled(write_jsonl(tmp_path / "b.jsonl", rows))
    assert ds.column_names == ["target", "text", "label", "group"]
    ds = load_labeled(
        write_jsonl(
            tmp_path / "c.jsonl", [{"topic": "Tea", "text": "x", "label": "A"}]
        ),
        target_col="topic",
    )
    assert ds[0]["target"] == "Tea"


def test_speaker_column_is_canonical_when_present(tmp_path):
    rows = [{"text": "Wages grew.", "label": 1, "speaker": "LEE", "turn": 2}]
    ds = load_labeled(write_jsonl(tmp_path / "a.jsonl", rows))
    assert ds.column_names == ["text", "label", "group", "speaker", "turn"]


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_missing_text_column_names_expected_found_and_the_fix(tmp_path, fmt):
    name, writer = WRITERS[fmt]
    path = writer(tmp_path / name, ROWS)
    with pytest.raises(
        SchemaError,
        match=r"lacks the column\(s\) \['text', 'label'\]: expected \['text', 'label'\], "
        r"found \['sentence', 'checkworthy', 'doc', 'source'\]; pass text_col= \(CLI --text-col\)",
    ):
        load_labeled(f"{fmt}:{path}")


def test_missing_label_column_hints_at_prediction_mode(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": "Crime fell."}])
    with pytest.raises(
        SchemaError, match="label_col= .CLI --label-col.*require_label=False"
    ):
        load_labeled(path)
    ds = load_labeled(path, require_label=False)
    assert list(ds["label"]) == [None]


def test_explicit_group_or_target_column_must_exist(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": "x", "label": 1}])
    with pytest.raises(
        SchemaError, match=r"lacks the column\(s\) \['debate'\].*group_col="
    ):
        load_labeled(path, group_col="debate")
    with pytest.raises(
        SchemaError, match=r"lacks the column\(s\) \['claim'\].*target_col="
    ):
        load_labeled(path, target_col="claim")


def test_mapped_column_must_not_shadow_an_existing_one(tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl", [{"text": "whole article", "sentence": "x", "label": 1}]
    )
    with pytest.raises(
        SchemaError, match="has a column 'text' besides text_col='sentence'"
    ):
        load_labeled(path, text_col="sentence")


def test_blank_labels_are_missing_labels(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("text,label\nPrices rose.,up\nRents fell.,\n", encoding="utf-8")
    with pytest.raises(
        LabelError, match=r"1 of 2 rows without a label \(first at rows \[1\]\)"
    ):
        load_labeled(path)
    assert list(load_labeled(path, require_label=False)["label"]) == ["up", None]


@pytest.mark.parametrize(
    ("content", "error", "match"),
    [
        ("", InputError, "is empty"),
        ("text,label\n", InputError, "holds no examples"),
        (
            'text,label\n"a",1,extra\n',
            SchemaError,
            "cannot read .* as CSV: .*Expected 2 columns",
        ),
    ],
)
def test_csv_errors(tmp_path, content, error, match):
    path = tmp_path / "a.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=match):
        load_labeled(f"csv:{path}")


def test_jsonl_also_reads_a_json_array(tmp_path):
    path = tmp_path / "rows.json"
    path.write_text(json.dumps([{"text": "Crime fell.", "label": 1}]), encoding="utf-8")
    assert load_labeled(path)[0]["text"] == "Crime fell."  # .json without sentence_id


@pytest.mark.parametrize(
    ("content", "error", "match"),
    [
        ('{"text": "a", "label": 1}\n{oops\n', DecodeError, ":2: not valid JSON"),
        ('["just", "strings"]', SchemaError, "item 1: expected a JSON object"),
        ("[oops", SchemaError, "is not valid JSON"),
        (
            '{"text": "a", "label": 1}\n{"text": "b", "label": "one"}\n',
            SchemaError,
            "field .label. holds values of different types",
        ),
        ("\n\n", InputError, "holds no examples"),
    ],
)
def test_jsonl_errors(tmp_path, content, error, match):
    path = tmp_path / "a.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=match):
        load_labeled(f"jsonl:{path}")


def test_parquet_errors(tmp_path):
    path = tmp_path / "a.parquet"
    path.write_text("text,label\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not a readable Parquet file"):
        load_labeled(path)
    with pytest.raises(InputError, match="data file not found"):
        load_labeled(f"parquet:{tmp_path / 'gone.parquet'}")


def test_hf_dataset_dict_gets_a_hint_naming_its_splits(tmp_path):
    rows = [{"text": "Crime fell.", "label": 1}]
    dd = datasets.DatasetDict(
        {
            "train": datasets.Dataset.from_list(rows),
            "test": datasets.Dataset.from_list(rows),
        }
    )
    dd.save_to_disk(str(tmp_path / "dd"))
    with pytest.raises(
        SchemaError, match=r"DatasetDict with splits \['train', 'test'\].*hf:.*dd/train"
    ):
        load_labeled(tmp_path / "dd")
    assert list(load_labeled(f"hf:{tmp_path / 'dd' / 'train'}")["text"]) == [
        "Crime fell."
    ]


def test_hf_needs_a_save_to_disk_folder(tmp_path):
    with pytest.raises(InputError, match="not a save_to_disk folder"):
        load_labeled(f"hf:{tmp_path}")
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": "x", "label": 1}])
    with pytest.raises(InputError, match="which is not a folder"):
        load_labeled(f"hf:{path}")


def test_hf_selection_is_loaded_as_selected(tmp_path):
    ds = datasets.Dataset.from_list(
        [{"text": str(i), "label": i % 2} for i in range(6)]
    )
    ds.select([4, 1]).save_to_disk(str(tmp_path / "sel"))
    assert list(load_labeled(tmp_path / "sel")["text"]) == ["4", "1"]


_text = st.text(
    st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), min_size=1
)


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(_text, min_size=1, max_size=6))
def test_csv_round_trip_keeps_text_exactly(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    write_csv(path, [{"text": t, "label": "x"} for t in texts])
    assert list(load_labeled(f"csv:{path}")["text"]) == texts


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_null_texts_are_refused_not_dropped(tmp_path, fmt):
    name, writer = WRITERS[fmt]
    path = writer(
        tmp_path / name,
        [{"text": "Crime fell.", "label": 1}, {"text": None, "label": 0}],
    )
    with pytest.raises(
        SchemaError, match=r"1 rows without a text \(null; first at rows \[1\]\)"
    ):
        load_labeled(path)


def test_jsonl_keeps_fields_that_first_appear_in_later_rows(tmp_path):
    rows = [
        {"text": "Crime fell.", "label": 1},
        {"text": "Hi.", "label": 0, "note": "greeting"},
    ]
    ds = load_labeled(write_jsonl(tmp_path / "a.jsonl", rows))
    assert list(ds["note"]) == [None, "greeting"]
