"""Headline stance toward a claim: cue words, alignment, and the headline recipe."""

from __future__ import annotations

import numpy as np
import pytest

from stancekit.errors import LabelError
from stancekit.features.headline_cues import (
    ALIGNMENT_NAMES,
    HeadlineFeaturizer,
    alignment_features,
)
from stancekit.models.headline import HeadlineStanceClassifier
from stancekit.persist.files import load_model, read_metadata, save_model
from stancekit.pipeline.recipes import candidates, get_recipe
from stancekit.tasks import task_of
from stancekit.text.clean import clean_blocks

CLAIMS = [
    "A shark swam through a flooded mall",
    "The singer bought an island",
    "A bank robber left his wallet behind",
    "The city will ban cars downtown",
    "A cat was elected mayor of a village",
    "Scientists found water on the moon",
]


def headlines():
    """For each claim (written for the test): one that asserts it, one that
    reports it, one that refutes it."""
    X, y = [], []
    for claim in CLAIMS:
        X += [
            (claim, f"{claim}, police say"),
            (claim, f"{claim}, reportedly"),
            (claim, f"Story that {claim.lower()} is a hoax"),
        ]
        y += ["for", "observing", "against"]
    return X, y


def test_alignment_sees_shared_words_negation_and_questions():
    f = dict(
        zip(
            ALIGNMENT_NAMES,
            alignment_features("The mayor resigned", "Mayor did not resign?"),
            strict=True,
        )
    )
    assert f["claim_words_in_text"] == 0.5  # "mayor" of {"mayor", "resigned"}
    assert f["negation_mismatch"] == 1.0 and f["negated_text_only"] == 1.0
    assert f["question_in_text"] == 1.0 and f["question_in_claim"] == 0.0


def test_a_restated_claim_has_no_negation_mismatch():
    values = alignment_features("Cats purr", "Cats purr")
    f = dict(zip(ALIGNMENT_NAMES, values, strict=True))
    assert f["claim_words_in_text"] == 1.0 and f["negation_mismatch"] == 0.0


def test_each_cue_word_of_the_headline_is_a_column_of_its_own():
    X, _ = headlines()
    feat = HeadlineFeaturizer().fit(X)
    names = list(feat.get_feature_names_out())
    Z = feat.transform([("Cats purr", "Cats reportedly purr")])
    assert Z.shape[1] == len(names)
    assert Z[0, names.index("cue:reportedly")] == 1.0
    assert Z[0, names.index("cue:hoax")] == 0.0
    assert Z[0, names.index("hedging_in_text_only")] == 1.0


def test_a_repeated_text_gets_the_same_features_as_alone():
    X, _ = headlines()
    feat = HeadlineFeaturizer().fit(X)
    alone = feat.transform([X[4]]).toarray()
    among = feat.transform([X[3], X[4], X[4], X[5]]).toarray()
    assert np.allclose(among[1], alone[0]) and np.allclose(among[2], alone[0])


def test_hedging_and_debunking_words_carry_to_a_claim_never_seen():
    X, y = headlines()
    clf = HeadlineStanceClassifier(C=3.0, random_state=0).fit(X, y)
    claim = "A farmer grew a ten kilo tomato"
    assert clf.predict(
        [
            (claim, f"{claim}, reportedly"),
            (claim, f"Story that {claim.lower()} is a hoax"),
        ]
    ).tolist() == ["observing", "against"]


def test_one_label_is_refused():
    X, _ = headlines()
    with pytest.raises(LabelError, match="at least two distinct labels"):
        HeadlineStanceClassifier().fit(X, ["for"] * len(X))


def test_explain_names_the_cue_that_decided():
    X, y = headlines()
    clf = HeadlineStanceClassifier(C=3.0).fit(X, y)
    claim = "A farmer grew a ten kilo tomato"
    [row] = clf.explain([(claim, f"{claim} is a hoax")], top=3)
    assert row["label"] == "against"
    assert any("hoax" in reason for reason in row["reasons"])


def test_explain_refuses_a_top_that_is_not_positive():
    X, y = headlines()
    with pytest.raises(ValueError, match="top must be a positive int"):
        HeadlineStanceClassifier().fit(X, y).explain(X[:1], top=0)


def test_the_headline_recipe_is_a_stance_candidate_with_a_tuned_c():
    assert "headline" in candidates("stance")
    recipe = get_recipe("stance", "headline")
    assert recipe.grid == {"C": [0.3, 1.0]}
    assert task_of(recipe.model(random_state=0)) == "stance"


def test_a_headline_model_file_loads_back_with_its_task(tmp_path):
    X, y = headlines()
    clf = HeadlineStanceClassifier().fit(X, y)
    save_model(clf, tmp_path / "m.skm")
    back = load_model(tmp_path / "m.skm")
    assert read_metadata(tmp_path / "m.skm")["task"] == "stance"
    assert np.allclose(back.predict_proba(X), clf.predict_proba(X))


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start : b.end]) for b in clean_blocks(text)]


BRIDGE = "The council voted on Monday to close the old bridge to cars."


@pytest.mark.parametrize("mark", ["\ufeff", "\u200b", "\u2060"])
@pytest.mark.parametrize("line", [BRIDGE, f"{BRIDGE} It opens again in May."])
def test_a_sentence_line_ending_in_an_invisible_character_is_no_headline(mark, line):
    assert kinds(line + mark) == [("body", line + mark)]


def test_a_byte_order_mark_does_not_hide_a_headline():
    text = f"\ufeffBridge closes to cars\n\n{BRIDGE}"
    assert kinds(text) == [
        ("headline", "\ufeffBridge closes to cars"),
        ("body", BRIDGE),
    ]


def test_a_paragraph_ending_in_an_invisible_character_still_ends_a_sentence():
    # So the story has started, and the short line under it is a subhead.
    text = (
        f"Bridge closes to cars\n\n{BRIDGE}\u200b\n\nCosts rise\n\n"
        "The works will cost more than the city had planned, officials said."
    )
    assert [kind for kind, _ in kinds(text)] == ["headline", "body", "headline", "body"]
