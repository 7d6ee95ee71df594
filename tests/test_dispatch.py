import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancekit.text.dispatch import (
    FirstCharacterDispatch,
    alternatives,
    first_characters,
    required_text,
)

PATTERNS = [
    re.compile(r"^(?:menu|more\s+\w+|(?:\w+\s+)?loading|\d+\s+of\s+\d+)$"),
    re.compile(r"^(?:key\s+points|in\s+brief)\s*[:(|]\s*\S"),
    re.compile(r"^(?:[]x]|[^a-y]z|share(?:\s+on)?)\b"),
    re.compile(r"^(?:(?:ab)?c|d*e)$"),
    re.compile(r"^(?:cookie|Menu)s?$", re.I),
    re.compile(r"^\(?(?:AP|Reuters)\)?$"),
    re.compile(
        r"""^(?:
        back\s+to\s+top  # a comment-free verbose pattern
        | (?:©|\(c\))\s.*
        )$""",
        re.X,
    ),
]


def test_a_pattern_anchored_around_one_group_is_split_into_its_branches():
    pattern = re.compile(r"^(?:a|b(?:c|d)|[|)]e)\s*:")
    assert alternatives(pattern) == [
        r"^(?:a)\s*:",
        r"^(?:b(?:c|d))\s*:",
        r"^(?:[|)]e)\s*:",
    ]


def test_a_pattern_of_another_shape_is_one_branch():
    assert alternatives(re.compile(r"^a|b")) == [r"^a|b"]


def test_the_first_characters_of_a_branch_are_read_from_its_pattern():
    assert first_characters(r"^(?:ab|c?d|[x-z])") == frozenset("acdxyz")
    assert first_characters(r"^(?:\w+\s+)?loading") is None  # any word character
    assert first_characters(r"^(?:ab)?") is None  # matches the empty string
    assert first_characters(r"^menu", re.I) is None  # any case of "m"
    assert "7" in first_characters(r"^\d+ of")


def test_the_text_every_match_holds_is_read_from_the_top_level_sequence():
    assert required_text(r"^(?:(?:\w+\s+)?loading(?:\s*\W*)?)$") == "loading"
    assert required_text(r"^(?:ab)?c(?:de)fg*") == "cdef"
    assert required_text(r"^a|bc") == ""  # neither branch is certain
    assert required_text(r"^(?i:loading)") == ""  # any case
    assert required_text(r"\w+", re.I) == ""


@pytest.mark.parametrize(
    "text",
    [
        "menu",
        "more news",
        "page loading",
        "loading",
        "3 of 12",
        "٣ of ٤",
        "key points: x",
        "in brief (x",
        "x",
        "]",
        "!z",
        "share on",
        "c",
        "abc",
        "e",
        "dde",
        "COOKIES",
        "MENU",
        "(AP)",
        "Reuters",
        "back to top",
        "(c) 2024 x",
        "© x",
        "",
        "zebra",
        "mayor",
    ],
)
def test_the_dispatch_matches_when_one_of_the_patterns_does(text):
    dispatch = FirstCharacterDispatch(PATTERNS)
    assert dispatch.match(text) == any(p.match(text) for p in PATTERNS)


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("abcdexyzmnu MENU()©:|]!٣3 ofkeypintsrhlg"),
        max_size=14,
    )
)
def test_the_dispatch_agrees_with_the_patterns_on_any_text(text):
    dispatch = FirstCharacterDispatch(PATTERNS)
    assert dispatch.match(text) == any(p.match(text) for p in PATTERNS)


@pytest.mark.parametrize("text", ["menu", "more news", "3 of 8", "mayor", "", "AP"])
def test_without_the_regex_parser_every_branch_is_tried_and_answers_agree(
    monkeypatch, text
):
    # A Python without re._parser or sre_parse: the dispatch splits nothing.
    import stancekit.text.dispatch as dispatch_module

    monkeypatch.setattr(dispatch_module, "sre_parse", None)
    assert first_characters("^(?:menu)$") is None
    assert required_text("^(?:menu)$") == ""
    dispatch = FirstCharacterDispatch(PATTERNS)
    assert dispatch.match(text) == any(p.match(text) for p in PATTERNS)
