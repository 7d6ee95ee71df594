"""Metrics against examples worked out by hand (the arithmetic is in comments)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancekit.errors import InputError, LabelError
from stancekit.evaluation.metrics import (
    calibration,
    classification_report,
    evaluate,
    f_avg,
    fnc_score,
    ranking_metrics,
)

# --------------------------------------------------------------------------
# classification_report

Y3_TRUE = ["a", "a", "a", "b", "b", "c"]
Y3_PRED = ["a", "a", "b", "b", "c", "c"]


def test_classification_report_three_classes_by_hand():
    r = classification_report(Y3_TRUE, Y3_PRED)
    # gold a -> predicted a, a, b; gold b -> b, c; gold c -> c
    assert r["confusion_matrix"] == {
        "labels": ["a", "b", "c"],
        "matrix": [[2, 1, 0], [0, 1, 1], [0, 0, 1]],
    }
    assert r["accuracy"] == pytest.approx(4 / 6)
    a, b, c = (r["per_class"][k] for k in "abc")
    # a: precision 2/2, recall 2/3, F1 = 2 * 1 * 2/3 / (1 + 2/3) = 0.8
    assert (a["precision"], a["recall"], a["support"]) == (1.0, pytest.approx(2 / 3), 3)
    assert a["f1"] == pytest.approx(0.8)
    # b: precision 1/2, recall 1/2, F1 0.5
    assert b["f1"] == pytest.approx(0.5)
    # c: precision 1/2 (predicted twice, once right), recall 1/1, F1 2/3
    assert (c["precision"], c["recall"]) == (pytest.approx(0.5), 1.0)
    assert c["f1"] == pytest.approx(2 / 3)
    assert r["macro_f1"] == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)


def test_classification_report_given_labels_keep_order_and_unseen_classes():
    r = classification_report(Y3_TRUE, Y3_PRED, labels=["c", "b", "a", "d"])
    assert r["confusion_matrix"]["labels"] == ["c", "b", "a", "d"]
    assert r["confusion_matrix"]["matrix"][0] == [1, 0, 0, 0]  # gold c
    assert r["per_class"]["d"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "support": 0,
    }
    # The unseen class pulls macro-F1 down: (0.8 + 0.5 + 2/3 + 0) / 4
    assert r["macro_f1"] == pytest.approx((0.8 + 0.5 + 2 / 3) / 4)


def test_classification_report_integer_labels_are_json_ready():
    r = classification_report(np.array([0, 1, 1, 2]), np.array([0, 1, 2, 2]))
    assert r["confusion_matrix"]["labels"] == [0, 1, 2]
    assert all(type(v) is int for v in r["confusion_matrix"]["labels"])
    assert set(r["per_class"]) == {"0", "1", "2"}
    assert json.loads(json.dumps(r))["per_class"]["2"]["recall"] == 1.0


@pytest.mark.parametrize(
    ("y_true", "y_pred", "labels", "error", "match"),
    [
        (["a", "b"], ["a"], None, InputError, r"same length; got 2 and 1"),
        ([], [], None, InputError, r"y_true must not be empty"),
        (["a", None], ["a", "b"], None, LabelError, r"y_true must not contain missing"),
        (["a", "b"], ["a", float("nan")], None, LabelError, r"y_pred must not contain"),
        (
            pd.Series([1, None], dtype="Int64"),
            [1, 0],
            None,
            LabelError,
            r"1 of 2 missing",
        ),
        ([0, "a"], [0, "a"], None, LabelError, r"all be strings or all be numbers"),
        (["a", "b"], ["a", "z"], ["a", "b"], LabelError, r"got also \['z'\]"),
        (["a"], ["a"], [], LabelError, r"labels must not be empty"),
        ("ab", "ab", None, InputError, r"y_true must be a sequence of labels"),
    ],
)
def test_classification_report_rejects_bad_input(y_true, y_pred, labels, error, match):
    with pytest.raises(error, match=match):
        classification_report(y_true, y_pred, labels=labels)


# --------------------------------------------------------------------------
# ranking_metrics

# Three debates. Scores are already in descending order inside group A.
RANK_Y = [0, 1, 0, 1, 1] + [1, 0, 0] + [0, 0]
RANK_S = [0.9, 0.8, 0.7, 0.6, 0.1] + [0.2, 0.5, 0.4] + [0.3, 0.05]
RANK_G = ["A"] * 5 + ["B"] * 3 + ["C"] * 2


def test_ranking_metrics_per_group_by_hand():
    r = ranking_metrics(RANK_Y, RANK_S, groups=RANK_G, ks=(1, 3, 5, 10))
    # A ranks 0 1 0 1 1: AP = (1/2 + 2/4 + 3/5) / 3 = 0.5333; R = 3, top 3 has 1
    #   -> R-precision 1/3; P@1 0, P@3 1/3, P@5 3/5, P@10 3/10 (divide by k).
    # B ranks .5(0) .4(0) .2(1): AP = 1/3; R = 1, top 1 has 0 -> R-prec 0;
    #   P@1 0, P@3 1/3, P@5 1/5, P@10 1/10.
    # C has no positive: AP 0, everything 0, and it still counts in the mean.
    assert r["n_groups"] == 3
    assert r["map"] == pytest.approx((1.6 / 3 + 1 / 3 + 0) / 3)
    assert r["r_precision"] == pytest.approx((1 / 3 + 0 + 0) / 3)
    assert r["p_at_k"] == {
        "1": 0.0,
        "3": pytest.approx((1 / 3 + 1 / 3 + 0) / 3),
        "5": pytest.approx((3 / 5 + 1 / 5 + 0) / 3),
        "10": pytest.approx((3 / 10 + 1 / 10 + 0) / 3),
    }


def test_ranking_metrics_pooled_average_precision_by_hand():
    r = ranking_metrics(RANK_Y, RANK_S, groups=RANK_G)
    # All ten rows by score: .9(0) .8(1) .7(0) .6(1) .5(0) .4(0) .3(0) .2(1)
    # .1(1) .05(0): precision at the hits 1/2, 2/4, 3/8, 4/9 over 4 positives.
    assert r["average_precision"] == pytest.approx((1 / 2 + 2 / 4 + 3 / 8 + 4 / 9) / 4)
    assert set(r["p_at_k"]) == {"1", "3", "5", "10", "20", "50"}


def test_ranking_metrics_without_groups_is_one_group():
    r = ranking_metrics([1, 0, 0, 1], [0.1, 0.9, 0.8, 0.7])
    # Ranked 0 0 1 1 (scores .9 .8 .7 .1): AP = (1/3 + 2/4) / 2; R = 2 -> P@2 = 0
    assert r["n_groups"] == 1
    assert r["map"] == pytest.approx((1 / 3 + 2 / 4) / 2)
    assert r["r_precision"] == 0.0


def test_ranking_metrics_ties_keep_input_order_like_the_official_scorer():
    # Same score for both lines: the CheckThat! scorer keeps file order.
    assert ranking_metrics([0, 1], [0.5, 0.5])["map"] == 0.5
    assert ranking_metrics([1, 0], [0.5, 0.5])["map"] == 1.0
    # The pooled figure treats the tie as one step: precision 1/2 at recall 1.
    assert ranking_metrics([1, 0], [0.5, 0.5])["average_precision"] == 0.5


def test_ranking_metrics_string_labels_and_positive():
    r = ranking_metrics(["no", "yes", "no"], [0.3, 0.2, 0.1], positive="yes")
    # yes is ranked second: AP = 1/2
    assert r["map"] == 0.5


def _official_style_ap(labels, scores):
    """The CheckThat! loop, written out plainly as a second opinion."""
    ranked = [i for i, _ in sorted(enumerate(scores), key=lambda x: x[1], reverse=True)]
    precisions, correct = [], 0
    for rank, i in enumerate(ranked):
        if labels[i] == 1:
            correct += 1
            precisions.append(correct / (rank + 1))
    return sum(precisions) / sum(labels) if precisions else 0.0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 1),
            st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]),
            st.integers(0, 2),
        ),
        min_size=1,
        max_size=30,
    ).filter(lambda rows: any(y for y, _, _ in rows))
)
def test_ranking_metrics_match_a_plain_reimplementation(rows):
    y, s, g = map(list, zip(*rows, strict=True))
    r = ranking_metrics(y, s, groups=g)
    expected = []
    for group in dict.fromkeys(g):
        idx = [i for i, v in enumerate(g) if v == group]
        expected.append(_official_style_ap([y[i] for i in idx], [s[i] for i in idx]))
    assert r["map"] == pytest.approx(sum(expected) / len(expected))
    figures = [
        r["map"],
        r["average_precision"],
        r["r_precision"],
        *r["p_at_k"].values(),
    ]
    assert all(0.0 <= v <= 1.0 for v in figures)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"positive": "yes"},
            LabelError,
            r"positive must be one of the labels in y_true",
        ),
        (
            {"scores": [0.1]},
            InputError,
            r"scores must have one value per row \(2\); got 1",
        ),
        ({"scores": [0.1, float("nan")]}, InputError, r"scores must be finite"),
        ({"scores": [[0.1, 0.9], [0.2, 0.8]]}, InputError, r"1-D array\); got shape"),
        ({"groups": ["a"]}, InputError, r"groups must have one value per row \(2\)"),
        ({"ks": (0, 5)}, InputError, r"ks must be positive integers; got \[0\]"),
        ({"y_true": []}, InputError, r"y_true must not be empty"),
    ],
)
def test_ranking_metrics_rejects_bad_input(kwargs, error, match):
    args = {"y_true": [1, 0], "scores": [0.3, 0.2], **kwargs}
    with pytest.raises(error, match=match):
        ranking_metrics(**args)


# --------------------------------------------------------------------------
# calibration


def test_calibration_by_hand():
    y = [1, 0, 1, 1, 0]
    p = [0.95, 0.3, 0.3, 0.7, 0.1]
    c = calibration(y, p, n_bins=5)
    # Brier: (.05^2 + .3^2 + .7^2 + .3^2 + .1^2) / 5 = .6825 / 5
    assert c["brier"] == pytest.approx(0.1365)
    # Bins of width .2: [0,.2) {.1: rate 0}, [.2,.4) {.3, .3: rate 1/2},
    # [.4,.6) empty, [.6,.8) {.7: rate 1}, [.8,1] {.95: rate 1}.
    # ECE = (1*.1 + 2*.2 + 1*.3 + 1*.05) / 5 = .17
    assert c["ece"] == pytest.approx(0.17)
    counts = [b["count"] for b in c["reliability"]]
    assert counts == [1, 2, 0, 1, 1]
    second = c["reliability"][1]
    assert (second["lower"], second["upper"]) == (0.2, 0.4)
    assert second["mean_predicted"] == pytest.approx(0.3)
    assert second["observed_rate"] == 0.5
    assert c["reliability"][2]["mean_predicted"] is None


def test_calibration_bin_edges_are_left_closed_and_one_is_in_the_last_bin():
    c = calibration([1, 0, 1], [0.3, 0.0, 1.0], n_bins=10)
    counts = [b["count"] for b in c["reliability"]]
    assert counts[3] == 1 and counts[0] == 1 and counts[9] == 1
    assert c["brier"] == pytest.approx(0.7**2 / 3)


@pytest.mark.parametrize(
    ("prob", "n_bins", "match"),
    [
        ([0.5, 1.2], 10, r"between 0 and 1; got values from 0.5 to 1.2"),
        ([0.5, -0.1], 10, r"pass predict_proba, not decision_function"),
        ([0.5, 0.5], 0, r"n_bins must be a positive integer; got 0"),
    ],
)
def test_calibration_rejects_bad_input(prob, n_bins, match):
    with pytest.raises(InputError, match=match):
        calibration([1, 0], prob, n_bins=n_bins)


def test_calibration_rejects_empty_input():
    with pytest.raises(InputError, match=r"y_true must not be empty"):
        calibration([], [])


# --------------------------------------------------------------------------
# fnc_score and f_avg


def test_fnc_score_by_hand():
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated", "agree"]
    pred = ["agree", "agree", "unrelated", "unrelated", "discuss", "agree"]
    # row scores: 1.0 (exact related), .25 (related, wrong label), 0, .25, 0, 1.0
    # best: 1 + 1 + 1 + .25 + .25 + 1 = 4.5
    assert fnc_score(gold, pred) == pytest.approx(2.5 / 4.5)
    assert fnc_score(gold, gold) == 1.0


def test_fnc_score_rejects_other_labels():
    with pytest.raises(LabelError, match=r"among \['agree'.*got also \['FAVOR'\]"):
        fnc_score(["agree", "unrelated"], ["FAVOR", "unrelated"])


@pytest.mark.parametrize("spelling", [str.upper, str.lower])
def test_f_avg_by_hand(spelling):
    gold = ["FAVOR", "FAVOR", "AGAINST", "AGAINST", "NONE", "NONE"]
    pred = ["FAVOR", "AGAINST", "AGAINST", "AGAINST", "FAVOR", "NONE"]
    # FAVOR: predicted rows 1, 5 (1 right) -> P 1/2; gold rows 1, 2 -> R 1/2; F1 .5
    # AGAINST: predicted rows 2-4 (2 right) -> P 2/3; R 2/2; F1 = .8
    # NONE does not count: F_avg = (.5 + .8) / 2
    assert f_avg([spelling(v) for v in gold], [spelling(v) for v in pred]) == (
        pytest.approx(0.65)
    )


def test_f_avg_class_never_predicted_counts_as_zero():
    assert f_avg(["FAVOR", "AGAINST"], ["FAVOR", "FAVOR"]) == pytest.approx(
        (2 * 0.5 * 1 / 1.5 + 0) / 2
    )


@pytest.mark.parametrize(
    "labels", [["for", "against"], ["FAVOR", "against"], ["FAVOR", "NONE"]]
)
def test_f_avg_needs_both_classes_in_one_spelling(labels):
    with pytest.raises(LabelError, match=r"f_avg needs labels FAVOR and AGAINST"):
        f_avg(labels, labels)


# --------------------------------------------------------------------------
# evaluate

BINARY_KEYS = {
    "n",
    "accuracy",
    "macro_f1",
    "per_class",
    "confusion_matrix",
    "positive",
    "f1_positive",
    "average_precision",
    "map",
    "r_precision",
    "p_at_k",
    "n_groups",
    "brier",
    "ece",
    "reliability",
}


def test_evaluate_binary_with_scores_and_groups():
    y = [1, 0, 1, 0, 0, 1]
    pred = [1, 0, 0, 0, 1, 1]
    prob = [0.9, 0.2, 0.4, 0.1, 0.6, 0.8]
    groups = ["d1", "d1", "d1", "d2", "d2", "d2"]
    r = evaluate(y, pred, scores=prob, groups=groups)
    assert set(r) == BINARY_KEYS
    # positive class: predicted rows 1, 5, 6 (2 right) -> P 2/3; R 2/3; F1 2/3
    assert (r["n"], r["positive"]) == (6, 1)
    assert r["f1_positive"] == pytest.approx(2 / 3)
    # d1 ranks .9(1) .4(1) .2(0): AP 1; d2 ranks .8(1) .6(0) .1(0): AP 1
    assert r["map"] == 1.0
    assert r["brier"] == pytest.approx(
        (0.1**2 + 0.2**2 + 0.6**2 + 0.1**2 + 0.6**2 + 0.2**2) / 6
    )
    assert json.loads(json.dumps(r)) == json.loads(json.dumps(r, sort_keys=True))


def test_evaluate_binary_without_scores_has_no_ranking():
    r = evaluate(["no", "yes", "yes"], ["no", "yes", "no"])
    # Default positive for string labels: the second sorted label.
    assert r["positive"] == "yes"
    assert r["f1_positive"] == pytest.approx(2 / 3)
    assert "map" not in r and "brier" not in r


def test_evaluate_multiclass_with_positive_is_one_vs_rest():
    y = [1, 0, -1, 1]
    r = evaluate(y, [1, 0, 0, -1], scores=[0.9, 0.5, 0.1, 0.2], positive=1)
    # class 1 ranked .9(1) .5(0) .2(1) .1(0): AP = (1 + 2/3) / 2
    assert r["map"] == pytest.approx(5 / 6)
    assert r["f1_positive"] == pytest.approx(2 * 1 * 0.5 / 1.5)


def test_evaluate_adds_fnc_score_for_fnc_labels_only():
    gold = ["agree", "unrelated", "discuss"]
    pred = ["agree", "unrelated", "agree"]
    r = evaluate(gold, pred)
    assert r["fnc_score"] == pytest.approx((1 + 0.25 + 0.25) / 2.25)
    assert "f_avg" not in r and "f1_positive" not in r
    # Emergent's labels are not FNC-1's, nor SemEval's.
    r = evaluate(["for", "against", "observing"], ["for", "observing", "observing"])
    assert "fnc_score" not in r and "f_avg" not in r


def test_evaluate_adds_f_avg_for_semeval_labels():
    r = evaluate(["FAVOR", "AGAINST", "NONE"], ["FAVOR", "NONE", "NONE"])
    assert r["f_avg"] == 0.5
    assert "fnc_score" not in r


def test_evaluate_binary_from_model_labels_when_data_has_one_class():
    r = evaluate([0, 0], [0, 0], labels=[0, 1])
    assert r["positive"] == 1 and r["f1_positive"] == 0.0


def test_evaluate_rejects_scores_without_positive_on_multiclass():
    with pytest.raises(InputError, match=r"scores need positive= .* 3 labels"):
        evaluate(["a", "b", "c"], ["a", "b", "c"], scores=[0.1, 0.2, 0.3])


def test_evaluate_rejects_unknown_positive():
    with pytest.raises(LabelError, match=r"positive must be one of \[0, 1\]; got 2"):
        evaluate([0, 1], [0, 1], positive=2)
