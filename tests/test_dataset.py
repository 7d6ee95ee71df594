import json

import datasets
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancekit import articles_to_dataset
from stancekit.dataset import (
    SENTENCE_COLUMNS,
    article_rows,
    iter_sentence_rows,
)
from stancekit.io.articles import Article

# A scraped page written for these tests: section label, headline, byline,
# a pull-quote box that repeats a body quotation, a photo caption with its
# credit, navigation text, and a quotation attributed by pronoun.
SCRAPED = """World

Harbour city votes to expand its tram network

By Marta Quinn

Key points

“We cannot wait another decade,” Mayor Tomas Reyes said.

The city council of Porto Alvo voted 31 to 9 on Tuesday to extend the tram \
network by 14 kilometres. The plan will cost about €420 million, according to \
the transport department.

Mayor Tomas Reyes said the vote ended years of delay. “We cannot wait another \
decade. Traffic is choking the old town,” he told journalists.

A tram crosses the Ponte Velha bridge in Porto Alvo on Monday.

Photo: Ana Lima/AP

Opposition councillor Rita Sousa called the cost estimate optimistic.

Previous ArticleNext Article
"""


def _rows(text, keep="body", **kw):
    return article_rows(Article(id="t", text=text, **kw), keep=keep)


def test_rows_follow_the_schema_and_offsets_map_back():
    rows = _rows(SCRAPED, keep="all")
    assert rows, "the page has sentences"
    for row in rows:
        assert list(row)[: len(SENTENCE_COLUMNS)] == list(SENTENCE_COLUMNS)
        assert SCRAPED[row["char_start"] : row["char_end"]] == row["text"]
    assert [r["sentence_index"] for r in rows] == list(range(len(rows)))


def test_body_mode_drops_furniture_and_repeats_but_keeps_the_real_sentence():
    body = _rows(SCRAPED)
    texts = [r["text"] for r in body]
    assert {r["kind"] for r in body} <= {"body", "headline"}
    assert "Previous ArticleNext Article" not in texts
    assert "Photo: Ana Lima/AP" not in texts
    assert all(r["duplicate_of"] is None for r in body)
    # The pull-quote box comes first on the page, but the body sentence it
    # copies is the one a user wants to keep.
    assert any(t.startswith("Mayor Tomas Reyes said the vote") for t in texts)
    assert any("Traffic is choking the old town" in t for t in texts)


def test_all_mode_flags_every_block():
    rows = _rows(SCRAPED, keep="all")
    by_text = {r["text"]: r for r in rows}
    assert by_text["World"]["kind"] == "boilerplate"
    assert (
        by_text["Harbour city votes to expand its tram network"]["kind"] == "headline"
    )
    assert by_text["Photo: Ana Lima/AP"]["kind"] == "credit"
    assert by_text["Previous ArticleNext Article"]["kind"] == "boilerplate"
    box = by_text["“We cannot wait another decade,” Mayor Tomas Reyes said."]
    assert box["kind"] == "callout"
    assert box["duplicate_of"] is not None
    original = rows[box["duplicate_of"]]
    assert original["kind"] == "body"
    assert original["text"].startswith("“We cannot wait another decade.")


def test_quotes_and_pronoun_speakers_reach_the_rows():
    rows = _rows(SCRAPED)
    quote = next(r for r in rows if "Traffic is choking" in r["text"])
    assert quote["in_quote"] is True
    assert quote["speaker"] == "Tomas Reyes"
    plain = next(r for r in rows if r["text"].startswith("The city council"))
    assert plain["in_quote"] is False


def test_article_fields_and_extra_columns_ride_along():
    rows = list(
        iter_sentence_rows(
            [
                {
                    "id": "n1",
                    "text": "Rents rose 4% in May. Tenants protested.",
                    "title": "Rents up",
                    "url": "https://example.org/rents",
                    "published": "2024-06-03",
                    "section": "Economy",
                }
            ]
        )
    )
    assert [r["text"] for r in rows] == ["Rents rose 4% in May.", "Tenants protested."]
    assert {r["article_id"] for r in rows} == {"n1"}
    assert rows[0]["url"] == "https://example.org/rents"
    assert rows[0]["section"] == "Economy"


def test_articles_to_dataset_types_and_inputs(tmp_path):
    table = tmp_path / "news.jsonl"
    table.write_text(
        json.dumps({"id": "j1", "text": "Output fell 2%. Markets shrugged."}) + "\n",
        encoding="utf-8",
    )
    story = tmp_path / "story.txt"
    story.write_text("The bridge reopened on Friday.\n", encoding="utf-8")
    ds = articles_to_dataset([table, story])
    assert isinstance(ds, datasets.Dataset)
    assert ds.features["sentence_index"].dtype == "int32"
    assert ds.features["in_quote"].dtype == "bool"
    assert ds["article_id"] == ["j1", "j1", "story"]
    # A Dataset of article rows is accepted as input too.
    again = articles_to_dataset(
        datasets.Dataset.from_list([{"id": "d", "text": "Yes. No."}])
    )
    assert again["text"] == ["Yes.", "No."]


def test_the_dataset_has_the_rows_iter_sentence_rows_gives_with_extra_columns():
    articles = [
        {"id": "x1", "text": "Wells ran dry. Farmers waited.", "region": "north"},
        {"id": "x2", "text": "Menu\n\nThe dam held.", "score": 3},
        {"id": "x3", "text": "Rain fell.", "region": "south", "score": 7},
    ]
    for keep in ("body", "all"):
        rows = list(iter_sentence_rows(articles, keep))
        ds = articles_to_dataset(articles, keep)
        assert ds.column_names == [*SENTENCE_COLUMNS, "region", "score"]
        # Columns an article lacks are None on its rows; table values are strings.
        expected = [{**{k: None for k in ("region", "score")}, **r} for r in rows]
        for row in expected:
            row["score"] = None if row["score"] is None else str(row["score"])
        assert ds.to_list() == expected
    assert ds.features["region"].dtype == "string"


def test_empty_article_gives_zero_rows_and_a_warning():
    with pytest.warns(UserWarning, match="empty"):
        ds = articles_to_dataset([{"id": "e", "text": "   \n\n  "}])
    assert ds.num_rows == 0
    assert set(SENTENCE_COLUMNS) <= set(ds.column_names)


def test_bad_keep_and_dataset_dict_are_refused():
    with pytest.raises(
        ValueError, match=r"keep must be one of \('body', 'all'\); got 'most'"
    ):
        articles_to_dataset([{"text": "A."}], keep="most")
    dd = datasets.DatasetDict({"train": datasets.Dataset.from_list([{"text": "A."}])})
    with pytest.raises(TypeError, match=r"not a DatasetDict; .*inputs\['train'\]"):
        articles_to_dataset(dd)


_chars = st.sampled_from(
    list("abc XYZ.?!\n\n\r“”\"'0123,;:-—") + ["Mr.", "U.S.", "3.5", "News\n\n"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_chars, max_size=60).map("".join))
def test_all_mode_covers_every_character_exactly_once(text):
    rows = _rows(text, keep="all")
    covered = [0] * len(text)
    previous_end = 0
    for row in rows:
        assert row["char_start"] >= previous_end
        assert text[row["char_start"] : row["char_end"]] == row["text"]
        previous_end = row["char_end"]
        for i in range(row["char_start"], row["char_end"]):
            covered[i] += 1
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert covered[i] == 1, (i, ch)


def test_a_lede_repeated_nearby_is_flagged_as_a_repeat():
    lede = "The council voted on Tuesday to replace the old bridge over the river."
    text = f"{lede}\n\n{lede}\n\nWork will start in the spring, the mayor said."
    rows = _rows(text, keep="all")
    assert [r["duplicate_of"] for r in rows] == [None, 0, None]


def test_a_question_the_page_asks_again_and_again_is_not_a_repeat():
    question = "What would you change about the city's buses?"
    answers = [
        "More routes at night, so that nurses can get home after a late shift.",
        "Cleaner shelters and a timetable that the drivers actually keep to.",
        "Cheaper fares for students, who cannot afford the monthly pass now.",
    ]
    text = "\n\n".join(f"{question}\n\n{answer}" for answer in answers)
    rows = _rows(text)
    assert [r["text"] for r in rows].count(question) == 3
    assert all(r["duplicate_of"] is None for r in _rows(text, keep="all"))


def test_a_line_reused_far_from_its_first_use_is_not_a_repeat():
    day = "Breakfast is oatmeal with berries and a glass of orange juice."
    filler = [
        f"On day {n} the group walked {n + 3} miles along the coast." for n in range(35)
    ]
    text = "\n\n".join([day, *filler, day])
    rows = _rows(text, keep="all")
    assert rows[-1]["text"] == day
    assert rows[-1]["duplicate_of"] is None


def test_the_cycle_collector_is_left_as_the_caller_had_it():
    import gc

    articles = [{"id": "a", "text": "Turnout was 61%. It rained."}]
    assert gc.isenabled()
    articles_to_dataset(articles)
    assert gc.isenabled()
    gc.disable()
    try:
        articles_to_dataset(articles)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_fingerprint_follows_the_rows():
    first = articles_to_dataset([{"id": "a", "text": "Turnout was 61%. It rained."}])
    again = articles_to_dataset([{"id": "a", "text": "Turnout was 61%. It rained."}])
    other = articles_to_dataset([{"id": "a", "text": "Turnout was 62%. It rained."}])
    assert first._fingerprint == again._fingerprint != other._fingerprint
