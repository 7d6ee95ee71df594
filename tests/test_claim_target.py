"""The claim-target factor: is a claim about the motion's target or its rival?"""

from __future__ import annotations

import pytest

from stancekit.features.claim_target import (
    claim_subject,
    plain_motion,
    relation,
    target_kind,
)
from stancekit.features.target_polarity import (
    FEATURE_NAMES,
    motion_polarity,
    target_polarity_features,
    tokenize,
)
from stancekit.lexicon.alternatives import rival_sides

PUBLIC = "The council should fund more public swimming pools."
BAN = "Fireworks should be banned in city parks."


def signed_claim(target: str, text: str) -> float:
    row = target_polarity_features([target], [text])[0]
    return float(row[FEATURE_NAMES.index("tp_signed_claim")])


def subject(text: str) -> list[str]:
    tokens = tokenize(text)
    start, end = claim_subject(tokens)
    return tokens[start:end]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Private pools are cleaner.", ["private", "pools"]),
        ("In most towns, private pools are cleaner.", ["private", "pools"]),
        ("Banning fireworks saves pets from fear.", ["banning", "fireworks"]),
        ("Swimming lessons cost parents a fortune.", ["swimming", "lessons"]),
        ("A ban on fireworks would calm pets.", ["a", "ban", "on", "fireworks"]),
        ("The cut in fares is overdue.", ["the", "cut", "in", "fares"]),
        ("This is a fantasy.", ["this"]),
    ],
)
def test_the_claim_subject_is_the_words_before_the_first_verb(text, words):
    assert subject(text) == words


def test_a_subject_naming_the_motion_object_is_consistent():
    assert relation(
        ["public", "pools"], {"public", "pool"}, set(), ["pools"], ["pool"]
    ) == (
        1.0,
        False,
    )


def test_a_subject_naming_a_rival_of_a_motion_word_is_contrast():
    sign, about_action = relation(
        ["public", "pools"],
        {"public", "pool"},
        set(),
        ["private", "pools"],
        ["privat", "pool"],
    )
    assert (sign, about_action) == (-1.0, False)


def test_a_subject_naming_the_rival_of_the_motion_action_is_about_the_action():
    sign, about_action = relation(
        ["ban", "fireworks"],
        {"firewo"},
        {"ban"},
        ["legalising", "them"],
        ["legalis", "them"],
    )
    assert (sign, about_action) == (-1.0, True)


def test_a_subject_unrelated_to_the_motion_has_no_relation():
    assert relation(
        ["ban", "fireworks"], {"firewo"}, {"ban"}, ["tourism"], ["touris"]
    ) == (
        0.0,
        False,
    )


def test_praising_the_rival_of_the_motion_object_argues_against_the_motion():
    assert signed_claim(PUBLIC, "Public pools are clean, safe and popular.") > 0
    assert signed_claim(PUBLIC, "Private pools are clean, safe and popular.") < 0


def test_praising_the_rival_of_a_ban_argues_against_the_ban():
    assert signed_claim(BAN, "Fireworks injure children and frighten pets.") > 0
    assert signed_claim(BAN, "Allowing them brings joy to families.") < 0


def test_the_subject_words_do_not_count_toward_what_the_claim_says_of_it():
    # "waste" is a bad word, but it is the subject; the predicate is good news
    target = "The city should build a waste incinerator."
    assert signed_claim(target, "Waste incinerators are safe and efficient.") > 0


def test_rival_sides_hold_each_line_both_ways_round():
    sides = rival_sides()
    assert any("public" in a and "private" in b for a, b in sides)
    assert all(not (a & b) for a, b in sides)


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("The council should fund more public swimming pools.", "motion"),
        ("The council must not close the library.", "motion"),
        ("This house would abolish tuition fees", "motion"),
        ("tuition fees", "topic"),
        ("Mayor Elsa Brandt", "topic"),
        ("The bridge was closed after the storm.", "claim"),
    ],
)
def test_target_kind_tells_motions_claims_and_topics_apart(target, kind):
    assert target_kind(target) == kind


def test_the_third_factor_is_read_for_motions_only():
    # toward a claim of fact, praise of a rival is not read as contrast
    claim = "Public pools in the region were popular last summer."
    assert signed_claim(claim, "Private pools are clean, safe and popular.") > 0


def test_a_claim_about_the_ban_itself_is_read_as_about_the_motion_action():
    # "banned" in the motion and "ban" in the claim are the same action
    assert signed_claim(BAN, "A ban on fireworks would leave towns joyless.") < 0
    assert signed_claim(BAN, "A ban on fireworks would reduce injuries.") > 0


@pytest.mark.parametrize(
    ("motion", "plain", "polarity"),
    [
        ("This house would ban boxing.", "We should ban boxing.", -1.0),
        ("this house believes that zoos are harmful", "Zoos are harmful", -1.0),
        ("This house believes homework is useless.", "Homework is useless.", 1.0),
        ("This house supports rent control.", "We should support rent control.", 1),
        ("This house opposes rent control.", "We should oppose rent control.", -1),
        (
            "This house regrets the rise of fast fashion.",
            "We should oppose the rise of fast fashion.",
            -1.0,
        ),
        ("This house believes in free will.", "We believe in free will.", 1.0),
        (
            "This house believes that iPhones are overpriced",
            "iPhones are overpriced",
            1,
        ),
        ("We should ban boxing.", "We should ban boxing.", -1.0),
        ("The house would be sold.", "The house would be sold.", 1.0),
    ],
)
def test_plain_motion_drops_the_parliamentary_frame_only(motion, plain, polarity):
    assert plain_motion(motion) == plain
    assert motion_polarity(plain_motion(motion)) == polarity


def test_an_opening_word_of_scarcity_is_no_verb_of_the_subject():
    tokens = tokenize("Unlikely as it sounds, private schools are better run.")
    start, end = claim_subject(tokens)
    assert tokens[start:end] == ["private", "schools"]
