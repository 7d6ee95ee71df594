"""Repeated text: exact, normalized and near repeats."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancekit.errors import InputError
from stancekit.text import clean, repeats
from stancekit.text.page_rules import normalize, words_of
from stancekit.text.repeats import (
    _LEAD_ATTRIBUTION,
    _strip_attribution,
    find_duplicates,
)


def test_clean_re_exports_find_duplicates():
    assert clean.find_duplicates is find_duplicates


def test_exact_and_normalized_repeats():
    texts = [
        "The bridge opens in May.",
        "the bridge opens in may!",
        "The bridge — opens in May",
        "The bridge opens in June.",
    ]
    assert find_duplicates(texts) == [None, 0, 0, None]


def test_same_quotation_with_different_attribution():
    texts = [
        "“We will not back down,” Vladimir Putin told journalists on Monday.",
        "Prices rose.",
        '"We will not back down," he said.',
        "We will not back down, he told journalists.",
    ]
    assert find_duplicates(texts) == [None, None, 0, 0]


@pytest.mark.parametrize(
    "first",
    [
        "“Every fine paid funds the next ferry,” said Ola Brekke, one of the "
        "council's two transport spokespeople.",
        "Ola Brekke, who chairs the harbour board for the islands, said: “Every "
        "fine paid funds the next ferry.”",
        "“Every fine paid funds the next ferry,” Ola Brekke, the harbour board's "
        "chair, told reporters.",
    ],
)
def test_quotation_with_a_long_attribution_is_the_key(first):
    texts = [first, "x y z w", "“Every fine paid funds the next ferry,” Brekke said."]
    assert find_duplicates(texts) == [None, None, 0]
    # ... in either order.
    assert find_duplicates(texts[::-1]) == [None, None, 0]


@pytest.mark.parametrize(
    "first, later",
    [
        # Fewer than four quoted words are a phrase, not a statement.
        (
            "“Not back down,” said Ola Brekke, one of the council's spokespeople.",
            "“Not back down,” Brekke said.",
        ),
        # A quotation inside a paraphrase: the sentence says more than it.
        (
            "Brekke said the new ferries were “a step in the right direction” "
            "for the islands.",
            "“A step in the right direction,” she said.",
        ),
        # Many words around the quotation that are not its attribution.
        (
            "“Every fine paid funds the next ferry,” said Brekke, whose board "
            "raised harbour dues twice last year and plans a third rise in May.",
            "“Every fine paid funds the next ferry,” Brekke said.",
        ),
    ],
)
def test_quotation_that_is_not_most_of_the_sentence_is_no_key(first, later):
    assert find_duplicates([first, later]) == [None, None]


def test_reported_speech_with_different_attribution():
    texts = [
        "The barrier will take six years to build, he said.",
        "The barrier will take six years to build, officials told journalists.",
        "Lopez said that the barrier will take six years to build.",
    ]
    assert find_duplicates(texts) == [None, 0, 0]


def test_pull_quote_repeating_a_body_sentence():
    texts = [
        '"A bus is not a luxury when you are 80 and cannot drive," said Priya Shah.',
        "“A bus is not a luxury when you are 80 and cannot drive.”",
        "A bus is not a luxury when you are 80",  # a shortened pull quote
    ]
    assert find_duplicates(texts) == [None, 0, 0]


def test_quote_split_around_attribution_matches_whole_pull_quote():
    texts = [
        '"This is a good day," said Mayor Ana Lopez, "for everyone in the city."',
        "“This is a good day for everyone in the city.”",
    ]
    assert find_duplicates(texts) == [None, 0]


@pytest.mark.parametrize(
    "later",
    [
        'Critics mocked the "not back down" line in a statement on Monday evening.',
        "The council said it would not back down on the plan, despite protests.",
        "We will not back down",  # too short to count as contained
    ],
)
def test_new_sentences_sharing_words_are_not_repeats(later):
    texts = [
        "“We will not back down on this plan,” Putin told journalists on Monday.",
        later,
    ]
    assert find_duplicates(texts) == [None, None]


def test_first_occurrence_wins_and_empty_input():
    assert find_duplicates([]) == []
    assert find_duplicates(["A b c.", "X.", "a B C", "a b c"]) == [None, None, 0, 0]
    # Short texts are never repeats: "Yes." twice is two answers.
    assert find_duplicates(["Yes.", "No.", "Yes.", "***", "***"]) == [None] * 5


def test_repeat_points_at_the_original_not_at_a_repeat():
    texts = [
        '"We will not back down," he said.',
        "We will not back down, he said on Monday in the capital city.",
        "We will not back down, he said on Monday in the capital city.",
    ]
    assert find_duplicates(texts) == [None, 0, 0]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                ["we", "will", "not", "back", "down", '"', ",", "he said", "."]
            ),
            max_size=12,
        ).map(" ".join),
        max_size=25,
    )
)
def test_repeats_point_backwards_at_originals(texts):
    found = find_duplicates(texts)
    assert len(found) == len(texts)
    for i, first in enumerate(found):
        assert first is None or (0 <= first < i and found[first] is None)


def test_many_texts_are_handled_by_lookups():
    texts = [
        f"Sentence number {i} about the bridge and the river." for i in range(20_000)
    ]
    texts.append("Sentence number 17 about the bridge and the river.")
    found = find_duplicates(texts)
    assert found[-1] == 17
    assert found[:-1] == [None] * 20_000


@pytest.mark.parametrize("n_fillers", [3, 600])
def test_containment_found_in_short_and_long_inputs(n_fillers):
    # Short inputs scan the earlier texts, long ones look up shingles.
    fillers = [f"Filler line {i} says nothing at all." for i in range(n_fillers)]
    texts = [
        "Long before the vote, the harbour board had promised that ferry fares "
        "would stay frozen until the new terminal opened in the spring.",
        *fillers,
        "the harbour board had promised that ferry fares would stay frozen",
        "the harbour board had promised that bus fares would stay frozen",
    ]
    found = find_duplicates(texts)
    assert found[-2] == 0
    assert found[-1] is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "we",
                "will",
                "rebuild",
                "it",
                '"',
                "“",
                "”",
                ",",
                "he said",
                "told",
                "Lopez said that",
                "...",
                " ",
                "Über",
                "_",
            ]
        ),
        max_size=16,
    ).map(" ".join)
)
def test_attribution_is_stripped_to_the_words_outside_it(text):
    # The statement without its attribution is the normalized text on one
    # side of the cut, however it is found.
    bare = _strip_attribution(text, normalize(text))
    if bare is not None:
        stripped = text.strip()
        cut = max(stripped.rfind(","), stripped.rfind("”"), stripped.rfind('"', 0, -2))
        lead = _LEAD_ATTRIBUTION.match(stripped)
        sides = {normalize(stripped[:cut])} if cut > 0 else set()
        if lead:
            sides.add(normalize(stripped[lead.end() :]))
        assert bare in sides


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                ["we", "Will", "NOT", "back", "down", "“", ",", "he said", ".", "ß"]
            ),
            max_size=12,
        ).map(" ".join),
        max_size=25,
    )
)
def test_words_given_by_the_caller_change_nothing(texts):
    words = [words_of(text) for text in texts]
    assert find_duplicates(texts, words) == find_duplicates(texts)


def test_words_must_match_the_texts():
    with pytest.raises(
        InputError, match=r"text_words must have one entry per text \(2\); got 1"
    ):
        find_duplicates(["One two three.", "Four five six."], [["one", "two", "three"]])


def test_long_inputs_find_the_first_of_many_texts_holding_a_text():
    shared = "the harbour board had promised that ferry fares would stay frozen"
    texts = [f"Filler line {i} says nothing at all." for i in range(450)]
    texts += [f"In {year}, {shared} for good." for year in range(1990, 2000)]
    texts.append(shared)
    assert find_duplicates(texts)[-1] == 450


@pytest.mark.parametrize("n_fillers", [3, 450])
@pytest.mark.parametrize("offset", range(6))
@pytest.mark.parametrize("n_words", [8, 9, 13])
def test_containment_found_at_every_word_offset(n_fillers, offset, n_words):
    # Long inputs index runs of words at every fifth word only; a contained
    # text starting anywhere is still found.
    lead = ["early", "on", "monday", "morning", "officials", "said"][:offset]
    said = "the harbour board promised ferry fares would stay frozen until spring"
    needle = said.split()[:n_words]
    fillers = [f"Filler line {i} says nothing at all." for i in range(n_fillers)]
    texts = [*fillers, " ".join([*lead, *said.split(), "again"]), " ".join(needle)]
    assert find_duplicates(texts)[-1] == n_fillers


@pytest.mark.parametrize("scanned_checks", [16, 0])
@pytest.mark.parametrize(("n_sharing", "found"), [(63, True), (64, False)])
def test_long_inputs_count_a_container_among_the_first_64_sharing_a_shingle(
    monkeypatch, scanned_checks, n_sharing, found
):
    # 0: the count read from the shingle index from the first check on.
    monkeypatch.setattr(repeats, "_SCANNED_CAP_CHECKS", scanned_checks)
    # Pages of repeated menus stay linear: past the 64th earlier text with
    # the same five words, a container is no longer looked for.
    fillers = [f"Filler line {i} says nothing at all." for i in range(450)]
    sharing = [f"the harbour board promised ferry item {i}." for i in range(n_sharing)]
    container = "Then the harbour board promised ferry fares would stay frozen."
    needle = "the harbour board promised ferry fares would stay frozen"
    texts = [*fillers, *sharing, container, needle]
    assert find_duplicates(texts)[-1] == (len(texts) - 2 if found else None)


@pytest.mark.parametrize("seed", range(4))
def test_the_shingle_index_counts_what_scanning_earlier_texts_counts(monkeypatch, seed):
    # Many texts inside earlier ones, few distinct words: many checks, some
    # past the cap of 64. Scanning on every check and the index from the
    # first check on give the same repeats.
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range((3, 5, 12, 40)[seed])]
    texts: list[str] = []
    for _ in range(600):
        base = rng.choice(texts).split() if texts and rng.random() < 0.5 else []
        if len(base) >= 9:
            start = rng.randrange(len(base) - 8)
            texts.append(
                " ".join(base[start : rng.randrange(start + 8, len(base) + 1)])
            )
        else:
            texts.append(" ".join(rng.choices(vocab, k=rng.randrange(3, 30))))
    monkeypatch.setattr(repeats, "_SCANNED_CAP_CHECKS", 10**9)
    scanned = find_duplicates(texts)
    monkeypatch.setattr(repeats, "_SCANNED_CAP_CHECKS", 0)
    assert find_duplicates(texts) == scanned
    assert sum(r is not None for r in scanned) > 100


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from('ab "“”„«»‘’é\n'), max_size=8), max_size=12
    )
)
def test_quote_marks_found_in_the_joined_texts_are_each_texts_own(texts):
    assert repeats._quote_marks(texts) == [repeats._has_quote_mark(t) for t in texts]


def test_a_repeat_found_by_one_key_gives_its_other_keys_its_original():
    # The third text shares only its pull-quote key with the first; the fourth
    # repeats the third's own words, and must point at the first, not the third.
    texts = [
        "“The ferry will run all winter long,” Brekke said.",
        "Prices rose.",
        "The ferry will run all winter long",
        "the ferry will run all winter long!",
    ]
    assert find_duplicates(texts) == [None, None, 0, 0]
