"""Reading articles: files, folders, tables, HTML, stdin, decoding rules."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

import stancekit.io.articles as articles_module
import stancekit.io.tables as tables_module
from stancekit.errors import (
    DecodeError,
    InputError,
    MissingDependencyError,
    SchemaError,
    StancekitWarning,
)
from stancekit.io.articles import Article, decode_bytes, iter_articles, read_articles

PAGES = Path(__file__).parent / "pages"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- plain text and decoding -------------------------------------------------


def test_text_file_id_source_and_text(tmp_path):
    path = write(tmp_path / "story.txt", "Headline\n\nFirst paragraph.\n")
    (article,) = read_articles(path)
    assert article.id == "story"
    assert article.source == str(path)
    assert article.text == "Headline\n\nFirst paragraph.\n"
    assert article.title is None and article.meta == {}


def test_single_path_as_str_and_markdown(tmp_path):
    write(tmp_path / "note.md", "# Title\n\nBody.")
    assert [a.id for a in read_articles(str(tmp_path / "note.md"))] == ["note"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xef\xbb\xbfCaf\xc3\xa9 opens.", "Café opens."),  # UTF-8 with BOM
        (b"Caf\xc3\xa9 opens.", "Café opens."),
        (b"One.\r\nTwo.\r\n\r\nThree.", "One.\nTwo.\n\nThree."),  # CRLF
        (b"One.\rTwo.\r\rThree.", "One.\nTwo.\n\nThree."),  # CR only
        ("Zürich votes.\r\n".encode("utf-16"), "Zürich votes.\n"),  # UTF-16 with BOM
    ],
)
def test_decoding_without_warning(tmp_path, raw, expected, recwarn):
    (article,) = read_articles(write(tmp_path / "a.txt", raw))
    assert article.text == expected
    assert not [w for w in recwarn if issubclass(w.category, StancekitWarning)]


def test_cp1252_fallback_warns_with_file_and_encoding(tmp_path):
    path = write(tmp_path / "legacy.txt", b"\x93Caf\xe9\x94 \x96 open")
    with pytest.warns(StancekitWarning, match=r"legacy\.txt.*not valid UTF-8.*cp1252"):
        (article,) = read_articles(path)
    assert article.text == "“Café” – open"


def test_latin1_fallback_when_cp1252_cannot_decode(tmp_path):
    # 0x90 is undefined in cp1252 (the SemEval-2016 release has such bytes).
    path = write(tmp_path / "old.txt", b"Caf\xe9 \x90 open")
    with pytest.warns(StancekitWarning, match=r"old\.txt.*latin-1"):
        (article,) = read_articles(path)
    assert article.text == "Café \x90 open"


def test_decode_bytes_refuses_nul():
    with pytest.raises(
        InputError, match=r"'blob' contains NUL bytes; it looks like a binary"
    ):
        decode_bytes(b"PK\x03\x04\x00\x00", "blob")


def test_binary_file_is_refused(tmp_path):
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(InputError, match=r"image\.txt.*looks like a binary file"):
        read_articles(path)


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", "text")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(
        InputError, match=r"cannot read input file .*locked\.txt.*denied"
    ):
        read_articles(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"input file not found: .*nope\.txt"):
        read_articles(tmp_path / "nope.txt")


@pytest.mark.parametrize("name", ["data.pdf", "README"])
def test_unknown_extension_lists_supported(tmp_path, name):
    path = write(tmp_path / name, "text")
    with pytest.raises(
        InputError, match=r"unsupported extension .*supported: \.txt, \.md"
    ):
        read_articles(path)


def test_empty_article_warns_and_is_still_yielded(tmp_path):
    path = write(tmp_path / "blank.txt", "  \n\n \t\n")
    with pytest.warns(StancekitWarning, match=r"'blank'.*is empty; it yields no rows"):
        articles = read_articles(path)
    assert [a.id for a in articles] == ["blank"]


# --- folders -----------------------------------------------------------------


def test_folder_recursive_sorted_with_relative_ids(tmp_path):
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a" / "z.txt", "AZ.")
    write(tmp_path / "a" / "b.txt", "AB.")
    write(tmp_path / "c" / "b.md", "CB.")
    ids = [a.id for a in read_articles(tmp_path)]
    assert ids == ["a/b", "a/z", "b", "c/b"]
    assert ids == [a.id for a in read_articles(tmp_path)]  # deterministic


def test_folder_skips_other_files_with_a_warning(tmp_path):
    write(tmp_path / "story.txt", "A story.")
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff")
    write(tmp_path / ".hidden.txt", "secret")
    write(tmp_path / ".git" / "config.txt", "x")
    with pytest.warns(
        StancekitWarning, match=r"skipped 3 file\(s\).*photo\.jpg"
    ) as rec:
        ids = [a.id for a in read_articles(tmp_path)]
    assert ids == ["story"]
    message = str(rec[0].message)
    assert ".hidden.txt" in message and ".git" in message


def test_many_skipped_files_are_summarised(tmp_path):
    for i in range(7):
        write(tmp_path / f"x{i}.bin", b"1")
    with pytest.warns(StancekitWarning) as rec:
        assert read_articles(tmp_path) == []
    messages = [str(w.message) for w in rec]
    assert any("skipped 7 file(s)" in m and " and 2 more" in m for m in messages)
    assert any("holds no article files" in m for m in messages)


def test_empty_folder_warns(tmp_path):
    with pytest.warns(StancekitWarning, match=r"holds no article files"):
        assert read_articles(tmp_path) == []


def test_progress_count_on_stderr_only_for_many_files(tmp_path, capsys):
    for i in range(25):
        write(tmp_path / "many" / f"{i:02}.txt", f"Story {i}.")
    write(tmp_path / "few" / "one.txt", "One.")
    assert len(read_articles(tmp_path / "few", progress=True)) == 1
    assert capsys.readouterr().err == ""
    assert len(read_articles(tmp_path / "many", progress=False)) == 25
    assert capsys.readouterr().err == ""
    assert len(read_articles(tmp_path / "many", progress=True)) == 25
    assert "read 25 files, 25 articles" in capsys.readouterr().err


def test_folder_order_is_sorted_relative_path_parts(tmp_path):
    names = ["a.txt", "a/x.txt", "a-b.txt", "a0/y.md", "B.txt", "a/c/d.txt", "ab.txt"]
    for name in names:
        write(tmp_path / name, "Text.")
    expected = sorted(
        (p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()),
        key=lambda p: p.parts,
    )
    ids = [a.id for a in read_articles(tmp_path)]
    assert ids == [p.with_suffix("").as_posix() for p in expected]


def test_folder_is_walked_lazily(tmp_path, monkeypatch):
    for sub in ("a", "b", "c"):
        write(tmp_path / sub / "one.txt", "One.")
    listed = []
    real_scandir = articles_module.os.scandir

    def recording_scandir(path):
        listed.append(Path(path).name)
        return real_scandir(path)

    monkeypatch.setattr(articles_module.os, "scandir", recording_scandir)
    stream = iter_articles(tmp_path)
    assert next(stream).id == "a/one"
    assert listed == [tmp_path.name, "a"]  # b/ and c/ not listed yet
    assert [a.id for a in stream] == ["b/one", "c/one"]
    assert listed == [tmp_path.name, "a", "b", "c"]


def test_skipped_files_are_reported_after_the_walk(tmp_path):
    write(tmp_path / "a" / "story.txt", "A story.")
    write(tmp_path / "z" / "notes.bin", b"1")
    with pytest.warns(StancekitWarning, match=r"skipped 1 file\(s\).*notes\.bin"):
        assert [a.id for a in read_articles(tmp_path)] == ["a/story"]


def test_symlinked_folder_is_not_followed(tmp_path):
    write(tmp_path / "real" / "s.txt", "S.")
    try:
        (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    except OSError:
        pytest.skip("symlinks not available")
    assert [a.id for a in read_articles(tmp_path)] == ["real/s"]


# --- tables ------------------------------------------------------------------


def test_jsonl_rows_ids_meta_and_source(tmp_path):
    rows = [
        {"id": 7, "text": "Seven.", "title": "T7", "lang": "en"},
        {"text": "No id.", "url": "https://example.org/x", "published": "2024-06-03"},
    ]
    lines = [json.dumps(rows[0]), "", json.dumps(rows[1])]
    path = write(tmp_path / "t.jsonl", "\n".join(lines) + "\n")
    first, second = read_articles(path)
    assert (first.id, first.title, first.meta) == ("7", "T7", {"lang": "en"})
    assert first.source == f"{path}:1"
    assert (second.id, second.url, second.published) == (
        "t-2",
        "https://example.org/x",
        "2024-06-03",
    )
    assert second.source == f"{path}:3"


def test_jsonl_keeps_escaped_carriage_returns_and_line_separators(tmp_path):
    path = write(
        tmp_path / "t.jsonl", json.dumps({"text": "A.\r\nB.\u2028C."}) + "\r\n"
    )
    (article,) = read_articles(path)
    assert article.text == "A.\r\nB.\u2028C."


def test_jsonl_bad_line_names_file_and_line(tmp_path):
    path = write(tmp_path / "bad.jsonl", '{"text": "ok"}\n{"text": \n')
    with pytest.raises(DecodeError, match=r"bad\.jsonl:2: not valid JSON"):
        read_articles(path)


def test_jsonl_line_must_be_an_object(tmp_path):
    path = write(tmp_path / "list.jsonl", '["text"]\n')
    with pytest.raises(SchemaError, match=r"list\.jsonl:1: each line .* got list"):
        read_articles(path)


def test_table_row_without_text_names_found_fields(tmp_path):
    path = write(tmp_path / "t.jsonl", '{"body": "x", "id": "a"}\n')
    with pytest.raises(
        SchemaError, match=r"t\.jsonl:1: .*'text' field.*\['body', 'id'\]"
    ):
        read_articles(path)


def test_table_text_must_be_a_string(tmp_path):
    path = write(tmp_path / "t.jsonl", '{"text": 5}\n')
    with pytest.raises(
        SchemaError, match=r"t\.jsonl:1: 'text' must be a string; got int"
    ):
        read_articles(path)


def test_table_null_text_is_an_empty_article(tmp_path):
    path = write(tmp_path / "t.jsonl", '{"id": "n", "text": null}\n')
    with pytest.warns(StancekitWarning, match=r"'n'.*empty"):
        (article,) = read_articles(path)
    assert article.text == ""


def test_json_list_and_single_object(tmp_path):
    listed = write(tmp_path / "list.json", json.dumps([{"text": "A."}, {"text": "B."}]))
    single = write(tmp_path / "one.json", json.dumps({"text": "C.", "title": "C"}))
    articles = read_articles([listed, single])
    assert [(a.id, a.source) for a in articles] == [
        ("list-1", f"{listed}:1"),
        ("list-2", f"{listed}:2"),
        ("one", str(single)),
    ]
    assert articles[2].title == "C"


def test_json_errors(tmp_path):
    bad = write(tmp_path / "bad.json", '[\n{"text": "a"},\n{oops}\n]')
    with pytest.raises(DecodeError, match=r"bad\.json:3: not valid JSON"):
        read_articles(bad)
    scalar = write(tmp_path / "scalar.json", "42")
    with pytest.raises(SchemaError, match=r"must hold an object with 'text' .*got int"):
        read_articles(scalar)
    mixed = write(tmp_path / "mixed.json", '[{"text": "a"}, "b"]')
    with pytest.raises(SchemaError, match=r"mixed\.json:2: item 2 .* got str"):
        read_articles(mixed)


def test_csv_multiline_field_crlf_and_large_cells(tmp_path):
    big = "word " * 40_000  # beyond the csv module's 128 KiB default field limit
    content = (
        "id,title,text,section\r\n"
        'a,Title A,"Line one.\r\nLine two.",world\r\n'
        f',,"{big}",\r\n'
        "\r\n"
        "c,,Third.,sport\r\n"
    )
    path = write(tmp_path / "t.csv", content)
    a, b, c = read_articles(path)
    assert (a.id, a.title, a.text, a.meta) == (
        "a",
        "Title A",
        "Line one.\nLine two.",
        {"section": "world"},
    )
    assert a.source == f"{path}:2"
    assert (b.id, b.title, len(b.text)) == ("t-2", None, len(big))
    assert b.source == f"{path}:4"
    assert (c.id, c.source) == ("c", f"{path}:6")


def test_csv_without_text_column_names_columns(tmp_path):
    path = write(tmp_path / "t.csv", "id,body\n1,hello\n")
    with pytest.raises(
        SchemaError, match=r"needs a 'text' column.*found columns: \['id', 'body'\]"
    ):
        read_articles(path)


def test_csv_empty_file_has_no_columns(tmp_path):
    path = write(tmp_path / "t.csv", "")
    with pytest.raises(SchemaError, match=r"found columns: \[\]"):
        read_articles(path)


def test_csv_row_with_too_many_fields(tmp_path):
    path = write(tmp_path / "t.csv", "id,text\n1,a,b\n")
    with pytest.raises(
        SchemaError, match=r"t\.csv:2: row has 3 fields but the header has 2"
    ):
        read_articles(path)


def test_csv_short_row_fills_missing_columns(tmp_path):
    path = write(tmp_path / "t.csv", "text,title\nOnly text.\n")
    (article,) = read_articles(path)
    assert (article.text, article.title) == ("Only text.", None)


class _CountingFile:
    """A binary file that counts the bytes handed out line by line."""

    def __init__(self, fh):
        self.fh = fh
        self.read_bytes = 0

    def peek(self, n):
        return self.fh.peek(n)

    def __iter__(self):
        for line in self.fh:
            self.read_bytes += len(line)
            yield line

    def read(self):
        data = self.fh.read()
        self.read_bytes += len(data)
        return data

    def close(self):
        self.fh.close()


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_first_row_of_a_large_table_does_not_read_the_file(
    tmp_path, monkeypatch, suffix
):
    path = tmp_path / f"big{suffix}"
    with open(path, "w", encoding="utf-8") as fh:
        if suffix == ".csv":
            fh.write("id,text\n")
        for i in range(20_000):
            row = f"r{i},Row number {i} says prices rose.\n"
            fh.write(
                json.dumps({"id": f"r{i}", "text": row}) + "\n"
                if suffix == ".jsonl"
                else row
            )
    opened = []

    def counting_open(file, mode="r", *args, **kwargs):
        handle = _CountingFile(open(file, mode, *args, **kwargs))  # noqa: SIM115
        opened.append(handle)
        return handle

    monkeypatch.setattr(tables_module, "open", counting_open, raising=False)
    stream = iter_articles(path)
    assert next(stream).id == "r0"
    (handle,) = opened
    assert 0 < handle.read_bytes < path.stat().st_size / 100
    stream.close()
    assert handle.fh.closed


def test_jsonl_rows_before_a_late_bad_line_are_yielded_first(tmp_path):
    lines = [json.dumps({"text": f"Row {i}."}) for i in range(50)] + ['{"text": ']
    path = write(tmp_path / "late.jsonl", "\n".join(lines) + "\n")
    seen = []
    with pytest.raises(DecodeError, match=r"late\.jsonl:51: not valid JSON"):
        for article in iter_articles(path):
            seen.append(article.id)
    assert seen == [f"late-{i}" for i in range(1, 51)]


def test_csv_rows_before_a_late_bad_row_are_yielded_first(tmp_path):
    path = write(tmp_path / "late.csv", "text\n" + "Fine.\n" * 30 + "a,b\n")
    seen = []
    with pytest.raises(SchemaError, match=r"late\.csv:32: row has 2 fields"):
        for article in iter_articles(path):
            seen.append(article.source)
    assert seen == [f"{path}:{n}" for n in range(2, 32)]


def test_table_turns_legacy_from_the_first_non_utf8_line(tmp_path):
    data = (
        json.dumps({"text": "Café ok."}, ensure_ascii=False).encode("utf-8")
        + b"\n"
        + b'{"text": "Caf\xe9 \x93quoted\x94."}\n'
        + b'{"text": "Plain."}\n'
    )
    path = write(tmp_path / "mixed.jsonl", data)
    with pytest.warns(
        StancekitWarning, match=r"mixed\.jsonl.*not valid UTF-8 from line 2.*cp1252"
    ):
        texts = [a.text for a in read_articles(path)]
    assert texts == ["Café ok.", "Café \u201cquoted\u201d.", "Plain."]


def test_table_latin1_line_when_cp1252_cannot_decode(tmp_path):
    path = write(tmp_path / "old.csv", b"text\nA\x81b.\n")
    with pytest.warns(StancekitWarning, match=r"old\.csv.*line 2.*latin-1"):
        (article,) = read_articles(path)
    assert article.text == "A\x81b."


def test_table_with_bom_and_utf16(tmp_path):
    row = {"id": "x", "text": "Été."}
    bom8 = write(tmp_path / "a.jsonl", b"\xef\xbb\xbf" + json.dumps(row).encode())
    utf16 = write(tmp_path / "b.csv", "id,text\r\nx,Été.\r\n".encode("utf-16"))
    assert [(a.id, a.text) for a in read_articles([bom8, utf16])] == [("x", "Été.")] * 2


def test_table_with_nul_bytes_is_refused(tmp_path):
    path = write(tmp_path / "blob.jsonl", b'{"text": "a"}\n\x00\x01\n')
    with pytest.raises(InputError, match=r"blob\.jsonl.*NUL bytes \(line 2\)"):
        read_articles(path)


def test_table_lone_carriage_returns_end_lines(tmp_path):
    path = write(tmp_path / "mac.jsonl", '{"text": "A."}\r{"text": "B."}\r{oops}\r')
    with pytest.raises(DecodeError, match=r"mac\.jsonl:3: not valid JSON"):
        list(iter_articles(path))


def test_unreadable_table(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.csv", "text\nA.\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tables_module, "open", refuse, raising=False)
    with pytest.raises(
        InputError, match=r"cannot read input file .*locked\.csv.*denied"
    ):
        read_articles(path)


def test_csv_field_limit_is_restored_between_rows(tmp_path):
    import csv

    path = write(tmp_path / "t.csv", "text\nA.\nB.\n")
    before = csv.field_size_limit()
    stream = iter_articles(path)
    next(stream)
    assert csv.field_size_limit() == before
    stream.close()


# --- stdin, mappings, Articles -----------------------------------------------


def test_stdin_bytes_are_decoded_and_normalized(monkeypatch):
    raw = b"\xef\xbb\xbfFrom stdin.\r\nSecond line."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    (article,) = read_articles("-")
    assert article.text == "From stdin.\nSecond line."
    assert article.source == "<stdin>"
    assert article.id == "stdin"


def test_stdin_text_stream(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Text.\rMore."))
    (article,) = read_articles(["-"])
    assert article.text == "Text.\nMore."


def test_stdin_text_stream_with_nul(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("bin\x00ary"))
    with pytest.raises(InputError, match=r"'<stdin>' contains NUL bytes"):
        read_articles("-")


def test_mappings_keep_text_exactly_and_hash_ids():
    rows = [{"text": "A.\r\nB.", "section": "world"}, {"text": "A.\r\nB."}]
    with pytest.warns(StancekitWarning, match=r"\(given in Python\) repeats"):
        first, second = read_articles(iter(rows))
    assert first.text == "A.\r\nB."
    assert first.id == second.id and len(first.id) == 12
    assert first.meta == {"section": "world"}
    assert first.source is None


def test_single_mapping_and_article_pass_through():
    given = Article(id="x", text="Kept.", title="T")
    articles = read_articles([given, {"id": "y", "text": "Y."}])
    assert articles[0] is given
    assert [a.id for a in read_articles({"id": "z", "text": "Z."})] == ["z"]


def test_mapping_without_text():
    with pytest.raises(
        SchemaError, match=r"needs a 'text' field.*found fields: \['body'\]"
    ):
        read_articles([{"body": "x"}])


def test_mapping_text_must_be_str():
    with pytest.raises(TypeError, match=r"'text' must be a string; got bytes"):
        read_articles([{"text": b"x"}])


def test_bad_input_types():
    with pytest.raises(TypeError, match=r"each input must be a path.*got int"):
        read_articles([3])
    with pytest.raises(TypeError, match=r"inputs must be a path.*got int"):
        read_articles(3)
    with pytest.raises(TypeError, match=r"inputs must be a path.*got bytes"):
        read_articles(b"text")


def test_repeated_id_warns():
    with pytest.warns(
        StancekitWarning, match=r"article id 'a' .*repeats an earlier id"
    ):
        read_articles([{"id": "a", "text": "1."}, {"id": "a", "text": "2."}])


def test_repeated_ids_are_remembered_only_up_to_a_limit(monkeypatch, recwarn):
    monkeypatch.setattr(articles_module._SeenIds, "limit", 2)
    rows = [{"id": i, "text": "T."} for i in ("a", "b", "c", "c", "a")]
    assert len(read_articles(rows)) == 5
    repeats = [str(w.message) for w in recwarn if "repeats" in str(w.message)]
    assert len(repeats) == 1 and "'a'" in repeats[0]  # 'c' came after the limit


def test_mixed_inputs_stream_in_order(tmp_path):
    path = write(tmp_path / "f.txt", "File.")
    kinds = [a.id for a in iter_articles([{"id": "m", "text": "M."}, path])]
    assert kinds == ["m", "f"]


# --- HTML --------------------------------------------------------------------


def test_html_main_content_and_metadata():
    (article,) = read_articles(PAGES / "page.html")
    assert article.id == "page"
    assert article.title == "Council approves new bridge plan"
    assert article.url == "https://example.org/news/bridge"
    assert article.published == "2024-06-03"
    assert article.text.startswith("Council approves new bridge plan\n\n")
    assert article.text.count("Council approves new bridge plan") == 1
    assert "The city council voted 7-2 on Tuesday" in article.text
    assert "Critics say the money could be better spent on buses." in article.text
    assert "\n\nThe project is expected to cost $42.5 million" in article.text
    assert "We use cookies" not in article.text  # outside the main content


def test_html_lists_and_declared_charset(tmp_path):
    body = "".join(
        f"<p>Paragraph {i} tells readers about the caf\xe9 on the main square today.</p>"
        for i in range(4)
    )
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9 news</title></head>'
        f"<body><article><h1>Caf\xe9 news</h1>{body}"
        "<p>Sam Smith/AP<br>The square on a busy market day, seen from the town hall.</p>"
        "<ul><li>First point here</li><li>Second point here</li></ul>"
        "</article></body></html>"
    )
    path = write(tmp_path / "cafe.html", html.encode("latin-1"))
    (article,) = read_articles(path)
    assert "Paragraph 0 tells readers about the café" in article.text
    assert "- First point here\n- Second point here" in article.text
    assert "Sam Smith/AP\nThe square on a busy market day" in article.text


HTML_STORY = (
    "<p>The council voted on Tuesday to replace the old bridge over the river, "
    "ending a debate that had gone on for more than a decade in the town.</p>"
)


def test_html_text_left_loose_after_a_heading_is_kept(tmp_path):
    loose = (
        "Loose text right after the heading tells readers that the ferry pass "
        "is half price until the end of the month for anyone over sixty."
    )
    html = (
        "<html><head><title>Bridge deals</title></head><body><article>"
        f"<h1>Bridge deals</h1>{HTML_STORY}<h2>Best offers this week</h2>{loose}"
        f"<p>Another paragraph follows, long enough to be part of the story.</p>"
        f"{HTML_STORY}</article></body></html>"
    )
    (article,) = read_articles(write(tmp_path / "deals.html", html.encode()))
    assert f"Best offers this week\n\n{loose}\n\nAnother paragraph" in article.text


def test_html_page_the_extractor_finds_nothing_in_falls_back(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    html = f"<html><body><div>{HTML_STORY}</div></body></html>"
    (article,) = read_articles(write(tmp_path / "bridge.html", html.encode()))
    assert article.text.startswith("The council voted on Tuesday")


def test_html_without_trafilatura(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(
        MissingDependencyError, match=r'pip install "stancekit\[html\]"'
    ):
        read_articles(PAGES / "page.html")
