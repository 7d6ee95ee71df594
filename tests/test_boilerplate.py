"""Page furniture judged by block features and neighbours (whole pages)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from stancekit.text.boilerplate import (
    _HEADER_FIRST,
    _ITEM,
    _ITEM_FIRST,
    BAD,
    GOOD,
    NEARGOOD,
    SHORT,
    _is_item,
    _neighbours,
)
from stancekit.text.clean import clean_blocks

STORY = [
    "The river at Ostby rose by more than two metres overnight, and the "
    "council closed the old bridge to traffic before dawn on Tuesday.",
    "Engineers said the water had not been this high since the spring of "
    "1998, when the same bridge was shut for a week and the ferry ran instead.",
    "Shops along the quay moved their stock upstairs, and volunteers filled "
    "sandbags in the car park of the school until it was dark.",
    "The mayor said that the town would ask the region for help with the "
    "cost of the repairs once the water had gone down again.",
]
MENU = ["* Home", "* News", "* Local teams", "* Weather map", "* Contact"]
INDEX = [
    "Site index",
    "* Ostby Courier app",
    "* Jobs board",
    "* Property listings",
    "* Puzzles and games",
    "* Archive by year",
]
FOOTER = ["About the Courier", "Privacy settings", "Copyright 2025 Ostby Courier"]


def kinds(text: str, **kwargs) -> dict[str, str]:
    """Each line of the text and the kind of the block holding it."""
    found = {}
    for block in clean_blocks(text, **kwargs):
        for line in text[block.start : block.end].splitlines():
            found[line] = block.kind
    return found


def page(*parts: list[str]) -> str:
    return "\n\n".join("\n".join(part) for part in parts) + "\n"


def test_bulleted_menus_and_site_index_around_a_story_are_boilerplate():
    text = page(MENU, ["Flood closes the old bridge"], STORY[:2], STORY[2:], INDEX)
    found = kinds(text)
    assert all(found[line] == "boilerplate" for line in MENU + INDEX)
    assert all(found[line] == "body" for line in STORY)


def test_a_short_line_between_story_paragraphs_stays_body():
    text = page(MENU, STORY[:2], ["It was not the first time."], STORY[2:], INDEX)
    assert kinds(text)["It was not the first time."] == "body"


def test_a_standfirst_just_above_the_story_stays_body_under_a_byline():
    standfirst = "Volunteers fill sandbags as the water keeps rising"
    text = page(MENU, [standfirst, "By Ines Hale"], STORY, INDEX)
    assert kinds(text)[standfirst] == "body"


def test_comments_after_the_story_are_boilerplate():
    comments = [
        "3 Comments",
        "Ann Lee says:",
        "I walked past the bridge this morning and the water was over the "
        "path already, so this is no surprise to anyone who lives here.",
        "Tom Berg says:",
        "Thanks for the update, we were wondering why the buses were late "
        "and nobody at the station could tell us anything about it.",
    ]
    text = page(MENU, STORY, comments, FOOTER)
    found = kinds(text)
    assert all(found[line] == "boilerplate" for line in comments)
    assert all(found[line] == "body" for line in STORY)


def test_comment_signatures_without_a_header_start_the_comments():
    comments = [
        "Ann Lee March 4, 2025 at 9:12 pm #",
        "I walked past the bridge this morning and the water was over the "
        "path already, so this is no surprise to anyone who lives here.",
        "Tom Berg March 5, 2025 at 7:40 am #",
        "Thanks for the update, we were wondering why the buses were late.",
    ]
    found = kinds(page(MENU, STORY, comments, FOOTER))
    assert all(found[line] == "boilerplate" for line in comments)


def test_a_comment_count_above_the_story_does_not_cut_it():
    text = page(MENU, ["Flood closes the old bridge", "3 Comments"], STORY, INDEX)
    found = kinds(text)
    assert all(found[line] == "body" for line in STORY)


def test_a_story_quoting_people_who_said_things_is_not_taken_for_comments():
    said = [
        "Anna Berg said:",
        "We have never seen the water come up so fast, and we have lived on "
        "the quay for thirty years without once moving the furniture.",
        "Tom Hale said:",
        "The ferry will run every hour until the bridge opens again.",
    ]
    found = kinds(page(MENU, STORY[:2], said, STORY[2:], INDEX))
    assert all(found[line] == "body" for line in said[1::2] + STORY)


def test_hard_wrapped_story_lines_are_judged_as_one_paragraph():
    wrapped = [
        "Engineers said the water had not been this high since the spring",
        "of 1998, when the same bridge was shut for a week and the ferry ran",
        "instead of the buses.",
    ]
    found = kinds(page(MENU, STORY[:1], wrapped, STORY[2:], INDEX))
    assert all(found[line] == "body" for line in wrapped)


def test_a_short_text_is_left_to_the_line_rules():
    text = page(["* Fresh bread", "* Two lemons", "* Olive oil"], STORY[:1])
    assert set(kinds(text).values()) == {"body"}


def test_text_cut_to_the_main_content_already_is_not_judged_as_a_page():
    text = page(MENU, STORY, INDEX)
    found = kinds(text, whole_page=False)
    assert found["* Jobs board"] == "body"
    assert kinds(text)["* Jobs board"] == "boilerplate"


def test_a_text_of_short_sentences_only_stays_body():
    lines = [
        f"On day {n} the group walked {n + 3} miles by the sea." for n in range(20)
    ]
    found = kinds(page(MENU, lines))
    assert all(found[line] == "body" for line in lines)


def test_comment_signatures_with_numeric_dates_start_the_comments():
    comments = [
        "Glen Hale 11.06.12 at 2:51 pm",
        "The ferry was full all morning and nobody could get a seat on it.",
        "Ada Lind 11.06.12 at 3:05 pm",
        "Same here, we waited an hour at the quay before giving up.",
    ]
    found = kinds(page(MENU, STORY, comments, FOOTER))
    assert all(found[line] == "boilerplate" for line in comments)


def test_live_blog_time_stamps_are_not_comment_signatures():
    updates = [
        "10:32 June 3, 2025",
        "The water has reached the steps of the town hall, and the police "
        "have closed the road along the quay to all traffic until further notice.",
        "11:05 June 3, 2025",
        "The mayor says that the ferry will run every hour from noon, and that "
        "the school will stay open as a shelter for anyone who needs a bed tonight.",
    ]
    found = kinds(page(MENU, STORY, updates, INDEX))
    assert found[updates[1]] == found[updates[3]] == "body"


def test_news_prose_full_of_names_and_figures_stays_body():
    figures = (
        "Nordvik Bank agreed to buy Kestrel Savings for 6.2 billion euros, "
        "paying 14.80 euros per share, 27% above Friday's close; Kestrel "
        "shares jumped 23% and Nordvik's fell 4% in Oslo on Monday."
    )
    found = kinds(page(MENU, [figures], STORY, INDEX))
    assert found[figures] == "body"


def test_a_short_last_sentence_of_the_story_stays_body():
    found = kinds(page(MENU, STORY, ["The trial continues."], FOOTER, INDEX))
    assert found["The trial continues."] == "body"


def test_every_character_that_can_open_a_comments_header_passes_the_quick_test():
    # The case-blind pattern matches these letters in any case (and "s" as
    # the long s): the quick test must let each through.
    first_letters = re.compile("(?i)[crlpawsmjdht]")
    for code in range(0x110000):
        char = chr(code)
        if first_letters.match(char):
            assert char.lower() in _HEADER_FIRST


def test_every_character_that_can_open_a_list_item_passes_the_quick_test():
    # _ITEM_FIRST is written by hand beside the pattern: any character the
    # pattern accepts first must be in it or be a decimal digit.
    for code in range(0x110000):
        char = chr(code)
        if _ITEM.match(char + " item") or _ITEM.match(char + "1. item"):
            assert char in _ITEM_FIRST or char.isdecimal()


def _nearest(classes, i, step, skipped):
    """The class of the nearest block from ``i`` in direction ``step`` whose
    class is not skipped, by walking: what the bisection must give."""
    j = i + step
    while 0 <= j < len(classes):
        if classes[j] not in skipped:
            return classes[j]
        j += step
    return BAD


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([GOOD, NEARGOOD, SHORT, BAD]), max_size=40),
    st.booleans(),
    st.data(),
)
def test_each_blocks_neighbours_are_the_nearest_blocks_that_count(
    classes, skip_neargood, data
):
    skipped = (SHORT, NEARGOOD) if skip_neargood else (SHORT,)
    at = sorted(data.draw(st.sets(st.integers(0, max(len(classes) - 1, 0)))))
    at = [i for i in at if i < len(classes)]
    before, after = _neighbours(classes, skip_neargood, at)
    assert before == [_nearest(classes, i, -1, skipped) for i in at]
    assert after == [_nearest(classes, i, 1, skipped) for i in at]


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("-*•+o1٣2.) \t\u00a0\u2003\x1c\x85ab"), max_size=6)
)
def test_the_list_item_test_agrees_with_the_item_pattern(text):
    assert _is_item(text) == (_ITEM.match(text) is not None)


def test_a_lede_above_a_photo_caption_and_credit_stays_body():
    """A caption and its credit sit inside the story: they no longer cut
    the lede off from the story's run (a near-good lede above them was
    taken for furniture)."""
    lede = (  # names and figures: few function words, near-good prose
        "Ostby — Floods fed by heavy rain forced thousands of Ostby residents "
        "to flee homes near Varnhem on Sunday, officials said."
    )
    caption = [
        "Volunteers fill sandbags near the old bridge in Ostby on Sunday.",
        "(Photo: Ines Hale/Ostby Courier)",
    ]
    text = page(
        MENU,
        ["Floods force hundreds from their homes"],
        [lede],
        caption,
        STORY[1:],
        INDEX,
        FOOTER,
    )
    found = kinds(text)
    assert found[lede] == "body"
    assert all(found[line] == "body" for line in STORY[1:])
    assert all(found[line] == "boilerplate" for line in MENU + INDEX)
