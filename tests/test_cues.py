"""Claim cues: which cue columns a sentence lights up."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancekit.features import cues as module
from stancekit.features.cues import CUES, ClaimCues


def cue_row(text: str) -> dict[str, float]:
    cues = ClaimCues().fit([])
    values = cues.transform([text]).toarray()[0]
    return dict(zip(cues.get_feature_names_out(), values, strict=True))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Inflation hit 9.1 in June.", "number"),
        ("Prices rose 12% this spring.", "percentage"),
        ("Turnout was 61 percent.", "percentage"),
        ("The bridge cost $4m to fix.", "money_amount"),
        ("They paid 300 dollars each.", "money_amount"),
        ("A deficit of two billion.", "magnitude"),
        ("Three hundred nurses quit.", "number_word"),
        ("We will lower taxes.", "money"),
        ("In 1998 the mill closed.", "year"),
        ("It opened in September.", "date"),
        ("Rents are higher than wages.", "comparison"),
        ("Our crime rate is smaller than theirs.", "comparison"),
        ("This is the largest fleet.", "superlative"),
        ("The unemployment rate is up.", "statistic"),
        ("The report from Oxfam landed.", "entity"),
        ("The council approved the plan.", "past_tense"),
        ("She was mayor then.", "past_tense"),
        ("The senator voted against it.", "reporting"),
        ("According to police, none died.", "reporting"),
        ("Maybe it helps.", "hedge"),
        ("I believe in this town.", "opinion"),
        ("We\u2019re going to win.", "opinion"),
        ("The plant will reopen.", "future"),
        ("We did our best.", "first_person"),
        ("You know the answer.", "second_person"),
        ("That isn't right.", "negation"),
        ("Who pays for it?", "question"),
        ("(APPLAUSE)", "stage_direction"),
        ("[Laughter]", "stage_direction"),
        ("CROSSTALK", "stage_direction"),
        ("Thanks.", "short"),
    ],
)
def test_cue_present(text, cue):
    assert cue_row(text)[cue] == 1.0


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Prices rose a lot this spring.", "percentage"),
        ("Prices rose a lot this spring.", "number"),
        ("Taxes are high.", "entity"),  # a capital at the start is not a name
        ("We applaud (some of) you.", "stage_direction"),
        ("Is it? No, it is a statement.", "short"),
        ("The plan is good.", "question"),
    ],
)
def test_cue_absent(text, cue):
    assert cue_row(text)[cue] == 0.0


def test_length_cues_scale_with_words():
    long = " ".join(["word"] * 30) + "."
    row = cue_row(long)
    assert row["long"] == 1.0 and row["short"] == 0.0
    assert row["length"] == pytest.approx(30 / 50)


def test_cues_do_not_leak_across_rows_with_inner_newlines():
    texts = ["Line one\nstill one", "(APPLAUSE)", "\u0130stanbul grew 5%.", "Hi."]
    rows = ClaimCues().fit([]).transform(texts).toarray()
    names = list(ClaimCues().get_feature_names_out())
    assert rows[1, names.index("stage_direction")] == 1.0
    assert rows[0, names.index("stage_direction")] == 0.0
    assert rows[2, names.index("percentage")] == 1.0
    assert rows[3, names.index("percentage")] == 0.0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=6))
def test_cues_of_a_batch_equal_cues_of_each_sentence(texts):
    cues = ClaimCues().fit([])
    batch = cues.transform(texts).toarray()
    single = np.vstack([cues.transform([t]).toarray() for t in texts])
    np.testing.assert_array_equal(batch, single)


def test_every_cue_has_a_description():
    cues = ClaimCues()
    for name in cues.get_feature_names_out():
        assert len(ClaimCues.describe(name)) > 5
    assert len({c[0] for c in CUES}) == len(CUES)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_length_column_counts_regex_word_runs(texts):
    cues = ClaimCues().fit([])
    names = list(cues.get_feature_names_out())
    got = cues.transform(texts).toarray()[:, names.index("length")]
    cleaned = [t.replace("\n", " ").replace("\r", " ") for t in texts]
    want = [min(len(re.findall(r"\w+", t)), 50) / 50 for t in cleaned]
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize(
    ("text", "cue", "value"),
    [
        ("Caf\u00e92 opened.", "number", 0.0),  # a digit glued to a letter
        ("\u00fcber Berlin", "entity", 1.0),  # lower-case non-ASCII before
        ("\u00c9 Berlin", "entity", 0.0),  # capital before: a sentence start
        ("The v\u00f6ted one", "past_tense", 1.0),
        ("\u0130stanbul voted in 1999", "year", 1.0),  # lower() grows "\u0130"
        ("\u0130\u0130 voted", "past_tense", 1.0),
        ("Built in 19\u0662\u0663.", "year", 1.0),  # \d: any script's digits
        ("Up \u0662\u0663% now", "percentage", 1.0),
        ("Up \u0662\u0663% now", "number", 1.0),
        ("Fees: \u00a3 \u0665 each", "money_amount", 1.0),
    ],
)
def test_cues_around_non_ascii_letters(text, cue, value):
    assert cue_row(text)[cue] == value
    # Also inside a batch, after a line whose lower-casing changes length.
    rows = ClaimCues().fit([]).transform(["\u0130\u0130\u0130 x", text]).toarray()
    assert rows[1, list(ClaimCues().get_feature_names_out()).index(cue)] == value


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="edEDAZaz \t\n,;:1._'\u00e9\u00c9\u0130\u00df\u0663", max_size=60)
)
def test_fast_patterns_find_what_the_regex_finds(text):
    codes = module._codes(text)
    for j, pattern, _ in module._PATTERNS:
        name = CUES[j][0]
        if name not in module._FAST:
            continue
        starts = np.array([m.start() for m in pattern.finditer(text)], dtype=np.int64)
        want = starts[module._accept(codes, starts, module._BEFORE[name])]
        np.testing.assert_array_equal(module._FAST[name](codes), want)
