"""Template lines: lines a site prints on many of its pages."""

from __future__ import annotations

import pandas as pd

from stancekit.dataset import articles_to_dataset, iter_sentence_rows
from stancekit.text.templates import template_key, template_lines

FOOTER = "Get the Ostby Courier at home for two euros a week"


def story(n: int) -> str:
    return (
        f"Story {n} tells how the river rose by {n + 1} metres on day {n}.\n\n"
        f"Volunteers filled {n * 10 + 5} sandbags before it was dark.\n\n{FOOTER}\n"
    )


def test_a_line_in_most_articles_of_a_group_is_a_template_line():
    found = template_lines([story(n) for n in range(4)])
    assert found == {"get the ostby courier at home for two euros a week"}


def test_two_articles_sharing_a_line_are_not_enough():
    assert template_lines([story(1), story(2)]) == frozenset()


def test_a_line_in_under_half_of_the_articles_is_not_a_template_line():
    texts = [story(n) for n in range(3)] + [f"Other page {n}." for n in range(4)]
    assert template_lines(texts) == frozenset()


def test_a_folder_of_one_sites_articles_marks_its_template_lines(tmp_path):
    for n in range(4):
        (tmp_path / f"a{n}.txt").write_text(story(n), encoding="utf-8")
    rows = list(iter_sentence_rows(tmp_path, keep="all"))
    footer = [r for r in rows if r["text"] == FOOTER]
    assert len(footer) == 4
    assert {r["kind"] for r in footer} == {"boilerplate"}
    assert all(r["kind"] == "body" for r in rows if r["text"].startswith("Story"))


def test_the_same_line_in_one_article_alone_stays_body(tmp_path):
    (tmp_path / "a.txt").write_text(story(1), encoding="utf-8")
    rows = list(iter_sentence_rows(tmp_path, keep="all"))
    assert [r["kind"] for r in rows if r["text"] == FOOTER] == ["body"]


def test_articles_of_different_sites_do_not_share_a_template():
    rows = [
        {"id": str(n), "text": story(n), "url": f"https://site{n}.example/a"}
        for n in range(4)
    ]
    texts = articles_to_dataset(rows)["text"]
    assert list(texts).count(FOOTER) == 4


def test_articles_of_one_site_by_url_share_a_template():
    rows = [
        {"id": str(n), "text": story(n), "url": f"https://www.courier.example/{n}"}
        for n in range(4)
    ]
    assert FOOTER not in list(articles_to_dataset(rows)["text"])


def test_copies_of_one_story_are_not_taken_for_the_sites_template(tmp_path):
    """One story saved under several names (or a scrape that fetched it
    from several addresses) counts as one page: its lines stay body."""
    for n in range(3):
        (tmp_path / f"copy{n}.txt").write_text(story(1), encoding="utf-8")
    rows = list(iter_sentence_rows(tmp_path))
    assert [r["text"] for r in rows].count(FOOTER) == 3
    assert len(rows) == 3 * 3


def test_stories_under_heavy_furniture_still_share_a_template():
    """On real pages the menus, teasers and footer are often nine lines in
    ten: stories that differ in one or two lines are not copies."""
    furniture = (
        "".join(f"Menu item {k} of the site\n" for k in range(20)) + FOOTER + "\n"
    )
    pages = [furniture + f"Story {n} tells how the river rose.\n" for n in range(4)]
    found = template_lines(pages)
    assert template_key(FOOTER) in found
    assert not any(key.startswith("story") for key in found)


def test_copies_count_once_beside_the_sites_other_stories():
    footer = {template_key(FOOTER)}
    assert template_lines([story(1)] * 3 + [story(n) for n in range(2, 5)]) == footer
    # three different pages are the evidence; copies add none
    assert template_lines([story(1), story(1), story(2)]) == frozenset()
    assert template_lines([story(1)] * 3 + [story(2), story(3)]) == footer


def test_empty_texts_do_not_raise_the_share_a_template_line_needs():
    texts = [story(n) for n in range(3)] + [""] * 4
    assert template_lines(texts) == {template_key(FOOTER)}


def test_a_sentence_two_repeated_bodies_share_stays_body(tmp_path):
    """A table of stance pairs repeats each body for every target; a
    sentence two bodies share is theirs, not the table's template."""
    shared = "The minister declined to comment."
    bodies = [f"Story {n} tells how the river rose.\n{shared}\n" for n in (1, 2)]
    table = tmp_path / "pairs.csv"
    rows = [
        {"text": body, "target": f"target {k}"} for body in bodies for k in range(3)
    ]
    pd.DataFrame(rows).to_csv(table, index=False)
    kept = list(articles_to_dataset(str(table))["text"])
    assert kept.count(shared) == 6


def test_copies_of_a_body_are_cleaned_alike_wherever_a_window_ends(tmp_path):
    """A table's body repeated for many targets is never cut across two
    template windows (they count different pages), so each copy's lines
    are read alike: here the second window would otherwise hold the last
    copies with the two other stories that share their quotation, and take
    it for the template there only."""
    shared = "The minister declined to comment."
    body = f"The harbour bridge closed for repairs.\n{shared}\n"
    others = [f"Story {n} says the mill reopened.\n{shared}\n" for n in (1, 2)]
    texts = [story(n) for n in range(48)] + [body] * 10 + others
    table = tmp_path / "pairs.jsonl"
    pd.DataFrame({"text": texts, "id": [str(i) for i in range(len(texts))]}).to_json(
        table, orient="records", lines=True
    )
    rows = list(iter_sentence_rows(str(table), keep="all"))
    copies = {str(i) for i in range(48, 58)}
    kinds = [
        r["kind"] for r in rows if r["article_id"] in copies and r["text"] == shared
    ]
    assert kinds == ["body"] * 10


def test_a_window_holds_a_bounded_number_of_articles_copies_included():
    from stancekit import dataset
    from stancekit.io.articles import Article

    def article(n: int, text: str) -> Article:
        return Article(id=str(n), text=text, source=f"t.jsonl:{n}")

    copies = [article(n, "One story.") for n in range(dataset._WINDOW_ARTICLES + 1)]
    assert [len(w) for w in dataset.site_windows(copies)] == [
        dataset._WINDOW_ARTICLES,
        1,
    ]
    pages = [article(n, f"Story {n}.") for n in range(dataset._TEMPLATE_WINDOW + 1)]
    assert [len(w) for w in dataset.site_windows(pages)] == [
        dataset._TEMPLATE_WINDOW,
        1,
    ]
