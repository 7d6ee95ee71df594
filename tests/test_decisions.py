"""Labels from probabilities: the FNC-1 score's decision rule and where it applies."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from stancekit.evaluation.decisions import decide, decision_rule, model_rule
from stancekit.evaluation.metrics import FNC_LABELS, fnc_score
from stancekit.models.stance import StanceClassifier
from stancekit.pipeline.predict import predict_rows
from tests.test_stance import fnc_like

FNC = list(FNC_LABELS)


def expected_points(p_row, label):
    """Expected FNC-1 points of giving ``label``, summed over the gold labels
    the row's probabilities allow, each scored by the metric itself."""
    total = 0.0
    for gold, p in zip(FNC, p_row, strict=True):
        best = 1.0 if gold != "unrelated" else 0.25
        total += p * fnc_score([gold], [label]) * best
    return total


def test_a_pair_likely_unrelated_is_still_called_related_when_that_pays():
    # P(related) = 0.4: 0.25 * 0.4 + 0.75 * 0.3 = 0.325 for discuss,
    # against 0.25 * 0.6 = 0.15 for unrelated
    p = np.array([[0.05, 0.05, 0.30, 0.60]])
    assert FNC[decide(p, FNC)[0]] == "discuss"
    assert FNC[decide(p, FNC, "argmax")[0]] == "unrelated"


def test_a_clearly_unrelated_pair_stays_unrelated():
    p = np.array([[0.02, 0.01, 0.07, 0.90]])
    assert FNC[decide(p, FNC)[0]] == "unrelated"


def test_the_rule_gives_the_label_of_the_highest_expected_score():
    rng = np.random.default_rng(0)
    rows = rng.dirichlet([0.5, 0.3, 0.8, 1.5], size=300)
    chosen = decide(rows, FNC)
    for p_row, c in zip(rows, chosen, strict=True):
        points = [expected_points(p_row, label) for label in FNC]
        assert points[c] == pytest.approx(max(points))


def test_the_rule_never_scores_below_argmax_on_its_own_probabilities():
    # Draw gold labels from the probabilities: over many draws the expected
    # score's rule must earn at least what the most probable label earns.
    rng = np.random.default_rng(1)
    proba = rng.dirichlet([0.4, 0.2, 0.6, 1.0], size=4000)
    gold = [FNC[rng.choice(4, p=row)] for row in proba]
    ours = [FNC[i] for i in decide(proba, FNC)]
    argmax = [FNC[i] for i in proba.argmax(axis=1)]
    assert fnc_score(gold, ours) > fnc_score(gold, argmax)


def test_other_label_sets_keep_the_most_probable_label():
    classes = ["against", "favor", "none"]
    p = np.array([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]])
    assert decision_rule(classes) == "argmax"
    assert decide(p, classes).tolist() == [2, 0]
    # the label set decides, not its order or a subset of FNC-1's labels
    assert decision_rule(["unrelated", "discuss", "agree", "disagree"]) == "fnc_score"
    assert decision_rule(["agree", "unrelated"]) == "argmax"


@pytest.mark.parametrize(
    ("classes", "rule", "message"),
    [
        (["against", "favor", "none"], "fnc_score", "needs FNC-1's labels"),
        (FNC, "expected", "decision must be one of"),
    ],
)
def test_a_rule_that_cannot_apply_is_refused(classes, rule, message):
    with pytest.raises(ValueError, match=message):
        decision_rule(classes, rule)


@pytest.fixture(scope="module")
def fnc_model():
    df = fnc_like()
    return StanceClassifier(random_state=0, C=0.05).fit(df, df["label"]), df


def test_predict_follows_the_rule_and_argmax_can_be_asked_for(fnc_model):
    model, df = fnc_model
    proba = model.predict_proba(df)
    expected = model.classes_[decide(proba, model.classes_)]
    assert list(model.predict(df)) == list(expected)
    model.set_params(decision="argmax")
    try:
        assert list(model.predict(df)) == list(model.classes_[proba.argmax(axis=1)])
    finally:
        model.set_params(decision="auto")


def test_the_cli_rows_give_the_same_labels_as_predict(fnc_model):
    model, df = fnc_model
    rows = df[["target", "text"]].to_dict("records")
    shown = [r["stance"] for r in predict_rows(model, rows)]
    assert shown == list(model.predict(df))


def test_models_with_reweighted_classes_or_no_rule_keep_the_most_probable_label():
    # Balanced class weights inflate P(related); the rule is then off, in
    # predict and in the rows the command line writes alike.
    df = fnc_like()
    model = StanceClassifier(random_state=0, C=0.05, class_weight="balanced")
    model.fit(df, df["label"])
    assert model_rule(model) == "argmax"
    pair = [("A whale swam up the river", "Rain is expected. A whale was seen.")]
    proba = model.predict_proba(pair)
    assert list(model.predict(pair)) == list(model.classes_[proba.argmax(axis=1)])
    rows = [{"target": t, "text": x} for t, x in pair]
    assert [r["stance"] for r in predict_rows(model, rows)] == list(model.predict(pair))
    assert model_rule(LogisticRegression()) == "argmax"
    assert model_rule(StanceClassifier()) == "auto"


def test_an_unknown_rule_is_refused_at_fit():
    df = fnc_like()
    with pytest.raises(ValueError, match="decision must be one of"):
        StanceClassifier(decision="best").fit(df, df["label"])


def test_the_rule_only_ever_calls_unrelated_pairs_related():
    # Among related labels it ranks as argmax does; it moves a pair only
    # from unrelated to the most probable related label.
    rng = np.random.default_rng(2)
    proba = rng.dirichlet([0.5, 0.3, 0.8, 1.5], size=2000)
    ours, argmax = decide(proba, FNC), proba.argmax(axis=1)
    moved = ours != argmax
    assert moved.sum() > 50
    assert set(argmax[moved]) == {FNC.index("unrelated")}
    related = proba[moved][:, :3].argmax(axis=1)
    assert ours[moved].tolist() == related.tolist()


def test_an_unsure_pair_is_called_related_by_the_model(fnc_model):
    # A new body naming the claim's animal but not the claim: the weak model
    # gives it about even odds of being unrelated.
    model, _ = fnc_model
    pair = [
        (
            "A whale swam up the river",
            "Rain is expected. A whale was seen near the coast. "
            "The town hall was busy.",
        )
    ]
    p_unrelated = model.predict_proba(pair)[0, list(model.classes_).index("unrelated")]
    assert 0.4 < p_unrelated < 0.75
    assert model.predict(pair)[0] != "unrelated"


def test_recipe_selection_scores_each_candidate_by_its_own_rule():
    # The selection's held-out labels must be those the candidate's predict
    # gives: the rule for `stancekit`, the most probable label for the
    # balanced n-gram recipe.
    from stancekit.pipeline.recipes import _Tuned, get_recipe

    df = fnc_like()
    rules = {}
    for name in ("stancekit", "plain"):
        tuned = _Tuned(get_recipe("stance", name), lambda X: None, "fnc_score", 2, 0)
        rules[name] = model_rule(tuned.fit(df, df["label"]))
    assert rules == {"stancekit": "auto", "plain": "argmax"}
