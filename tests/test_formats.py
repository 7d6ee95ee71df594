"""Data specs, format detection, dispatch and the errors shared by all loaders."""

import json
from pathlib import Path

import datasets
import pytest

from stancekit.errors import DecodeError, InputError
from stancekit.formats import FORMATS, detect_format, load_labeled, parse_spec


def write(path, text):
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_formats_are_the_documented_names():
    assert FORMATS == (
        "fnc1", "semeval2016", "clef-checkthat", "claimbuster", "emergent",
        "csv", "jsonl", "parquet", "hf",
    )  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
def test_parse_spec_splits_format_and_path(fmt):
    assert parse_spec(f"{fmt}:some/dir/file.x") == (fmt, Path("some/dir/file.x"))


def test_parse_spec_is_case_insensitive_and_keeps_colons_in_paths():
    assert parse_spec("CSV:a:b.csv") == ("csv", Path("a:b.csv"))


def test_parse_spec_detects_bare_paths(tmp_path):
    f = write(tmp_path / "debate.tsv", "1\tA\tHello.\t0\n")
    assert parse_spec(str(f)) == ("clef-checkthat", f)
    assert parse_spec(f) == ("clef-checkthat", f)
    # An existing path with a colon is a path, not FORMAT:PATH.
    g = write(tmp_path / "odd:name.jsonl", '{"text": "x", "label": 1}\n')
    assert parse_spec(str(g)) == ("jsonl", g)


@pytest.mark.parametrize(
    ("spec", "match"),
    [
        (
            "tweets:data/x.csv",
            "unknown data format 'tweets' in 'tweets:data/x.csv'; formats: fnc1, semeval2016, clef-checkthat",
        ),
        ("fnc1:", "names the format 'fnc1' but no path"),
        ("  ", "spec must be FORMAT:PATH or a path"),
        ("nowhere/x.csv", "data file not found: 'nowhere/x.csv'"),
    ],
)
def test_bad_specs(spec, match):
    with pytest.raises(InputError, match=match):
        parse_spec(spec)


def test_spec_of_the_wrong_type():
    with pytest.raises(TypeError, match="spec must be a str or os.PathLike; got int"):
        load_labeled(3)


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("train_stances.csv", "Headline,Body ID,Stance\n", "fnc1"),
        ("pairs.csv", "Headline,Body ID\n", "fnc1"),
        (
            "e.csv",
            ",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n",
            "emergent",
        ),
        (
            "s.csv",
            "Tweet,Target,Stance,Opinion Towards,Sentiment\rx,y,z,w,v",
            "semeval2016",
        ),
        ("g.csv", "\ufeffSentence_id,Text,Speaker,Verdict\n", "claimbuster"),
        ("other.csv", "text,label\n", "csv"),
        ("s.txt", "ID\tTarget\tTweet\tStance\r\n", "semeval2016"),
        ("d.txt", "1\tA\tHi.\t0\r\n", "clef-checkthat"),
        ("d.tsv", "1\tA\tHi.\n", "clef-checkthat"),
        ("cb.json", '[{"sentence_id": 1, "label": 0, "text": "x"}]', "claimbuster"),
        ("rows.json", '[{"text": "x"}]', "jsonl"),
        ("rows.jsonl", "", "jsonl"),
        ("rows.parquet", "", "parquet"),
    ],
)
def test_detect_format_of_files(tmp_path, name, content, fmt):
    assert detect_format(write(tmp_path / name, content)) == fmt


def test_detect_format_of_folders(tmp_path):
    datasets.Dataset.from_list([{"text": "x", "label": 1}]).save_to_disk(
        str(tmp_path / "hf")
    )
    assert detect_format(tmp_path / "hf") == "hf"
    (tmp_path / "clef").mkdir()
    write(tmp_path / "clef" / "d.tsv", "1\tA\tHi.\t0\n")
    assert detect_format(tmp_path / "clef") == "clef-checkthat"
    (tmp_path / "other").mkdir()
    with pytest.raises(InputError, match="cannot tell the format of folder"):
        detect_format(tmp_path / "other")


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        (
            "a.xlsx",
            "x",
            r"from its suffix '.xlsx'; name it as FORMAT:PATH with FORMAT one of: fnc1",
        ),
        ("notes.txt", "Dear diary,\n", "neither a SemEval-2016 header"),
    ],
)
def test_detect_format_refuses_what_it_cannot_tell(tmp_path, name, content, match):
    with pytest.raises(InputError, match=match):
        detect_format(write(tmp_path / name, content))


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="data file not found: '.*gone.tsv'"):
        load_labeled(f"clef-checkthat:{tmp_path / 'gone.tsv'}")


def test_folder_where_a_file_is_needed(tmp_path):
    with pytest.raises(InputError, match="expected a file, got the folder"):
        load_labeled(f"emergent:{tmp_path}")


def test_binary_file(tmp_path):
    f = write(tmp_path / "sheet.csv", b"PK\x03\x04\x00\x00binary zip content")
    with pytest.raises(InputError, match="looks like a binary file"):
        load_labeled(f"csv:{f}")


@pytest.mark.parametrize("fmt", ["csv", "clef-checkthat", "jsonl", "emergent"])
def test_undecodable_file(tmp_path, fmt):
    f = write(tmp_path / "x.tsv", b"1\tA\tna\xefve caf\x90\t0\n")
    with pytest.raises(
        DecodeError,
        match=r"is not valid UTF-8 \(byte 0xef at offset 6\); save it as UTF-8",
    ):
        load_labeled(f"{fmt}:{f}")


def test_column_options_make_a_detected_benchmark_csv_generic(tmp_path):
    f = write(
        tmp_path / "g.csv", "Sentence_id,Text,Verdict\n1,Taxes rose.,1\n2,Hi.,-1\n"
    )
    assert list(load_labeled(f)["label"]) == [1, 0]  # claimbuster: binary
    ds = load_labeled(f, text_col="Text", label_col="Verdict")  # generic: as is
    assert list(ds["label"]) == [1, -1]
    assert ds.column_names == ["text", "label", "group", "Sentence_id"]


def test_column_options_do_not_apply_to_fixed_formats(tmp_path):
    f = write(tmp_path / "d.tsv", "1\tA\tHi.\t0\n")
    with pytest.raises(
        InputError,
        match="text_col applies to the generic formats .*clef-checkthat has fixed columns",
    ):
        load_labeled(f, text_col="sentence")
    g = write(tmp_path / "g.csv", "Sentence_id,Text,Verdict\n1,Taxes rose.,1\n")
    with pytest.raises(InputError, match="label_col applies to the generic formats"):
        load_labeled(f"claimbuster:{g}", label_col="Verdict")


def test_bodies_and_three_class_only_where_they_apply(tmp_path):
    f = write(tmp_path / "d.tsv", "1\tA\tHi.\t0\n")
    with pytest.raises(
        InputError,
        match="bodies applies to fnc1 data only; got format 'clef-checkthat'",
    ):
        load_labeled(f, bodies=tmp_path / "b.csv")
    with pytest.raises(
        InputError, match="three_class applies to claimbuster data only"
    ):
        load_labeled(f, three_class=True)


def _every_format(tmp_path):
    write(tmp_path / "x_stances.csv", "Headline,Body ID,Stance\nA cat sang,1,agree\n")
    write(tmp_path / "x_bodies.csv", 'Body ID,articleBody\n1,"The cat sang."\n')
    (tmp_path / "hf_rows").mkdir()
    datasets.Dataset.from_list([{"text": "x", "label": 1}]).save_to_disk(
        str(tmp_path / "hf_rows" / "d")
    )
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": ["x"], "label": [1]}), tmp_path / "p.parquet")
    return {
        "fnc1": tmp_path / "x_stances.csv",
        "semeval2016": write(
            tmp_path / "s.csv", "Tweet,Target,Stance\rYes! #SemST,Atheism,FAVOR"
        ),
        "clef-checkthat": write(tmp_path / "d.tsv", "1\tA\tHi.\t0\n"),
        "claimbuster": write(
            tmp_path / "cb.json",
            json.dumps([{"sentence_id": 1, "label": 1, "text": "x"}]),
        ),
        "emergent": write(
            tmp_path / "e.csv",
            ",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n0,C,H,for,a,c\n",
        ),
        "csv": write(tmp_path / "t.csv", "text,label\nx,1\n"),
        "jsonl": write(tmp_path / "t.jsonl", '{"text": "x", "label": 1}\n'),
        "parquet": tmp_path / "p.parquet",
        "hf": tmp_path / "hf_rows" / "d",
    }


def test_every_format_gives_a_dataset_with_canonical_columns_first(tmp_path):
    paths = _every_format(tmp_path)
    assert set(paths) == set(FORMATS)
    stance = {"fnc1", "semeval2016", "emergent"}
    for fmt, path in paths.items():
        for spec in (f"{fmt}:{path}", str(path)):
            ds = load_labeled(spec)
            assert isinstance(ds, datasets.Dataset), fmt
            lead = (
                ["target", "text", "label", "group"]
                if fmt in stance
                else ["text", "label", "group"]
            )
            assert ds.column_names[: len(lead)] == lead, fmt
            assert ds.features["group"].dtype == "string", fmt


def test_importing_formats_stays_light():
    import subprocess
    import sys

    code = (
        "import sys, stancekit.formats as f; f.parse_spec('csv:x.csv'); "
        "print(sorted(m for m in ('datasets', 'pyarrow') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr


def test_utf16_text_with_a_bom_is_text_not_binary(tmp_path):
    f = write(
        tmp_path / "d.tsv", "1\tA\tCaf\u00e9 prices rose 5%.\t1\r\n".encode("utf-16")
    )
    assert load_labeled(f"clef-checkthat:{f}")[0]["text"] == "Caf\u00e9 prices rose 5%."
    g = write(
        tmp_path / "t.csv",
        b"\xff\xfe" + "text,label\nx,1\n".encode("utf-16-le") + b"\x00\xd8",
    )
    with pytest.raises(DecodeError, match="starts like UTF-16 but is not valid UTF-16"):
        load_labeled(f"csv:{g}")
