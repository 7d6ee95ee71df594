"""CheckWorthinessRanker: the stacked check-worthiness candidate recipe."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from stancekit.errors import LabelError
from stancekit.features.context import LineContext
from stancekit.models.checkworthy_rank import CheckWorthinessRanker, Prior
from stancekit.models.ngram import NgramClassifier
from stancekit.persist.files import load_model, save_model
from stancekit.pipeline.recipes import candidates, get_recipe
from stancekit.pipeline.training import train

CLAIMS = [
    "Unemployment fell to {n}% in {y}.",
    "We spent ${n} billion on new roads last year.",
    "Crime rose {n} percent since {y}.",
    "The deficit grew by {n} million dollars in {y}.",
]
OTHER = [
    "Thank you very much.",
    "Let me finish, please.",
    "Good evening to all of you.",
    "That is a great question.",
]
QUESTION = "What will you do about {w}?"


def debates(n_docs: int = 6, turns: int = 8, seed: int = 0) -> pd.DataFrame:
    """Invented debates: a moderator asks, a candidate answers; the lines
    with figures are check-worthy."""
    rng = random.Random(seed)
    rows = []
    for d in range(n_docs):
        for _ in range(turns):
            topic = rng.choice(["jobs", "taxes", "crime"])
            rows.append((QUESTION.format(w=topic), "MOD", f"d{d}", 0))
            speaker = rng.choice(["ANN", "BOB"])
            for _ in range(rng.randint(1, 3)):
                claim = rng.random() < 0.4
                line = rng.choice(CLAIMS if claim else OTHER)
                line = line.format(n=rng.randint(2, 90), y=rng.randint(1990, 2020))
                rows.append((line, speaker, f"d{d}", int(claim)))
    return pd.DataFrame(rows, columns=["text", "speaker", "group", "label"])


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return debates()


@pytest.fixture(scope="module")
def fitted(data) -> CheckWorthinessRanker:
    return CheckWorthinessRanker(random_state=0).fit(data, data["label"])


def test_the_ranker_is_a_checkworthy_candidate_for_two_labels_only():
    assert "ranker" in candidates("checkworthy")
    assert "ranker" in candidates("checkworthy", [0, 1])
    assert "ranker" not in candidates("checkworthy", ["low", "mid", "high"])
    assert isinstance(
        get_recipe("checkworthy", "ranker").model(random_state=0),
        CheckWorthinessRanker,
    )


def test_it_ranks_the_lines_with_figures_first_in_an_unseen_debate(fitted):
    new = debates(n_docs=1, seed=7)
    scores = fitted.decision_function(new)
    top = np.argsort(-scores)[: int(new["label"].sum())]
    assert new["label"].to_numpy()[top].mean() > 0.9
    proba = fitted.predict_proba(new)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_allclose(proba[:, 1], scores)
    assert (fitted.predict(new) == new["label"]).mean() > 0.9


def test_it_trains_and_predicts_on_a_table_without_documents(data):
    table = data[["text", "label"]]
    clf = CheckWorthinessRanker(random_state=0).fit(table, table["label"])
    assert clf.predict(["Taxes rose 7% in 2011.", "Thank you very much."]).tolist() == [
        1,
        0,
    ]


@pytest.mark.parametrize("options", [{"pairwise": False}, {"neighbour_cues": True}])
def test_shuffling_a_table_without_documents_changes_no_score(data, options):
    table = data[["text", "label"]]
    clf = CheckWorthinessRanker(random_state=0, **options)
    clf.fit(table, table["label"])
    order = np.random.RandomState(0).permutation(len(table))
    shuffled = table.iloc[order].reset_index(drop=True)
    np.testing.assert_allclose(
        clf.predict_proba(shuffled)[:, 1], clf.predict_proba(table)[:, 1][order]
    )
    alone = clf.predict_proba([table["text"][3]])[0, 1]
    assert alone == pytest.approx(clf.predict_proba(table)[3, 1])


def test_a_saved_ranker_loads_through_the_pickle_guard(fitted, data, tmp_path):
    save_model(fitted, tmp_path / "ranker.skm")
    back = load_model(tmp_path / "ranker.skm")
    np.testing.assert_allclose(back.predict_proba(data), fitted.predict_proba(data))


def test_train_with_the_ranker_recipe_writes_a_model_that_loads(data, tmp_path):
    data.to_csv(tmp_path / "d.csv", index=False)
    meta = train(
        "checkworthy",
        [f"csv:{tmp_path / 'd.csv'}"],
        tmp_path / "m.skm",
        recipe="ranker",
        group_col="group",
    )
    assert meta["recipe"] == "ranker"
    model = load_model(tmp_path / "m.skm")
    assert isinstance(model, CheckWorthinessRanker)


@pytest.mark.parametrize("second", ["linear", "trees"])
def test_either_second_level_alone_ranks_too(data, second):
    clf = CheckWorthinessRanker(second=second, random_state=0).fit(data, data["label"])
    assert clf.linear_ is None or clf.trees_ is None
    assert (clf.predict(data) == data["label"]).mean() > 0.9


def test_an_unknown_second_level_is_refused(data):
    with pytest.raises(ValueError, match="second must be one of"):
        CheckWorthinessRanker(second="forest").fit(data, data["label"])


def test_one_class_is_refused(data):
    with pytest.raises(LabelError, match="at least two classes"):
        CheckWorthinessRanker().fit(data, [0] * len(data))


def test_labels_must_match_the_rows(data):
    with pytest.raises(LabelError, match="one label per row"):
        CheckWorthinessRanker().fit(data, [0, 1])


def test_line_context_marks_an_answer_and_its_place_in_the_turn():
    rows = {
        "text": ["Why?", "Taxes rose 5%.", "They did.", "Thanks."],
        "speaker": ["MOD", "ANN", "ANN", "ANN"],
        "group": ["d", "d", "d", "d"],
    }
    names = LineContext.names()
    M = LineContext().transform(rows, np.array([0.0, 3.0, 1.0, -1.0]))
    col = {name: M[:, names.index(name)].tolist() for name in names}
    assert col["answers_question"] == [0.0, 1.0, 1.0, 1.0]
    assert col["previous_question"] == [0.0, 1.0, 0.0, 0.0]
    assert col["turn_share"] == [0.0, 0.0, 0.5, 1.0]
    assert np.argmax(col["score_z"]) == 1
    assert col["turn_max_z"][2] == col["score_z"][1]
    assert LineContext.describe("answers_question").startswith("answers")


def test_line_context_leaves_rows_of_no_document_empty():
    rows = {"text": ["Why?", "Taxes rose 5%."], "speaker": ["MOD", "ANN"]}
    rows["group"] = [None, None]
    M = LineContext().transform(rows, np.array([0.0, 3.0]))
    assert not M.any()


def test_explain_weighs_each_reason_toward_the_ranker_s_own_label(fitted):
    text = ["Crime rose 40 percent since 2001.", "Thank you very much."]
    explained = fitted.explain(text, top=3)
    assert fitted.predict(text).tolist() == [1, 0]
    assert len(explained) == 2
    assert all(w > 0 for reasons in explained for _, w in reasons)
    assert any("percent" in reason for reason, _ in explained[0])


@pytest.mark.parametrize(
    "options", [{"pairwise": False}, {"blend": 0.4}, {"neighbour_cues": True}]
)
def test_without_pairs_with_the_blend_or_the_neighbours_cues_it_ranks_too(
    data, options
):
    clf = CheckWorthinessRanker(random_state=0, **options).fit(data, data["label"])
    new = debates(n_docs=1, seed=7)
    scores = clf.decision_function(new)
    top = np.argsort(-scores)[: int(new["label"].sum())]
    assert new["label"].to_numpy()[top].mean() > 0.9
    np.testing.assert_allclose(clf.predict_proba(new).sum(axis=1), 1.0)


def test_the_pair_model_trains_without_documents_and_keeps_rows_independent(data):
    table = data[["text", "label"]]
    clf = CheckWorthinessRanker(pairwise=True, random_state=0)
    clf.fit(table, table["label"])
    assert clf.pairwise_ is not None
    alone = clf.predict_proba([table["text"][3]])[0, 1]
    assert alone == pytest.approx(clf.predict_proba(table)[3, 1])


def test_no_pair_model_when_no_debate_holds_both_kinds_of_line():
    rows = pd.DataFrame(
        {
            "text": ["Taxes rose 5% in 2010.", "Jobs fell 3% in 2012."] * 6
            + ["Thank you.", "Good evening."] * 6,
            "group": ["a"] * 12 + ["b"] * 12,
            "label": [1] * 12 + [0] * 12,
        }
    )
    clf = CheckWorthinessRanker(pairwise=True, random_state=0)
    assert clf.fit(rows, rows["label"]).pairwise_ is None


def test_a_saved_pairwise_ranker_loads_through_the_pickle_guard(data, tmp_path):
    clf = CheckWorthinessRanker(pairwise=True, blend=0.2, random_state=0)
    clf.fit(data, data["label"])
    save_model(clf, tmp_path / "pairs.skm")
    back = load_model(tmp_path / "pairs.skm")
    np.testing.assert_allclose(back.predict_proba(data), clf.predict_proba(data))


def test_a_blend_outside_zero_to_one_is_refused(data):
    with pytest.raises(ValueError, match="blend must be between 0 and 1"):
        CheckWorthinessRanker(blend=1.5).fit(data, data["label"])


def test_neighbour_cues_read_the_lines_before_and_after_in_the_same_debate(data):
    clf = CheckWorthinessRanker(neighbour_cues=True, random_state=0)
    clf.fit(data, data["label"])
    rows = {
        "text": ["Taxes rose 5% in 2010.", "Thank you.", "Hello."],
        "speaker": ["ANN", "ANN", "BOB"],
        "group": ["a", "a", "b"],
    }
    cues = len(clf.cues_.get_feature_names_out())
    dense = clf._dense(rows, np.zeros(3))
    before, after = dense[:, -2 * cues : -cues], dense[:, -cues:]
    np.testing.assert_array_equal(before[1], dense[0, 1 : 1 + cues])
    np.testing.assert_array_equal(after[0], dense[1, 1 : 1 + cues])
    assert not before[0].any() and not after[1].any() and not before[2].any()


# A prior: a model fitted on other text (here, invented news sentences in
# which families' figures are claims and farmers' thanks are not).
NEWS = [
    "Families paid {n}% more for rent in {y}.",
    "Families lost {n} million dollars in savings.",
    "Farmers said thank you to the town.",
    "Farmers wished everyone a good evening.",
]


def news_prior(classes: int = 2) -> Prior:
    rng = random.Random(3)
    texts, labels = [], []
    for i in range(40):
        line = NEWS[i % 4].format(n=rng.randint(2, 90), y=rng.randint(1990, 2020))
        texts.append(line)
        labels.append(int(i % 4 < 2) if classes == 2 else i % classes)
    return Prior(NgramClassifier(random_state=0).fit(texts, labels))


@pytest.fixture(scope="module")
def with_prior(data) -> CheckWorthinessRanker:
    clf = CheckWorthinessRanker(prior=news_prior(), random_state=0)
    return clf.fit(data, data["label"])


def test_a_prior_moves_a_score_toward_the_line_the_prior_thinks_check_worthy(
    fitted, with_prior
):
    new = pd.DataFrame(
        {
            "text": ["Families got 5% more in 2019.", "Farmers got 5% more in 2019."]
            * 3,
            "speaker": ["ANN", "BOB"] * 3,
            "group": ["n"] * 6,
        }
    )
    gap = with_prior.decision_function(new)[:2]
    plain = fitted.decision_function(new)[:2]
    assert gap[0] - gap[1] > plain[0] - plain[1] + 0.1


def test_a_prior_adds_its_score_and_its_place_in_the_document(data, with_prior):
    rows = {
        "text": ["Families paid 5% more.", "Farmers said thanks.", "Hello."],
        "speaker": ["ANN", "ANN", None],
        "group": ["a", "a", None],
    }
    dense = with_prior._dense(rows, np.zeros(3))
    alone = CheckWorthinessRanker(random_state=0).fit(data, data["label"])
    assert dense.shape[1] == alone._dense(rows, np.zeros(3)).shape[1] + 3
    score, z, rank = dense[:, -3], dense[:, -2], dense[:, -1]
    assert score[0] > score[1] and z[0] > z[1] and rank[0] > rank[1]
    assert z[2] == 0.0 and rank[2] == 0.0  # no document: zeros
    without_context = CheckWorthinessRanker(
        prior=news_prior(), use_context=False, random_state=0
    ).fit(data, data["label"])
    cues = len(without_context.cues_.get_feature_names_out())
    dense = without_context._dense(rows, np.zeros(3))
    assert dense.shape[1] == 1 + cues + 1 and dense[0, -1] > dense[1, -1]


def test_a_table_without_documents_keeps_rows_independent_with_a_prior(data):
    table = data[["text", "label"]]
    clf = CheckWorthinessRanker(prior=news_prior(), random_state=0)
    clf.fit(table, table["label"])
    order = np.random.RandomState(1).permutation(len(table))
    shuffled = table.iloc[order].reset_index(drop=True)
    np.testing.assert_allclose(
        clf.predict_proba(shuffled)[:, 1], clf.predict_proba(table)[:, 1][order]
    )


def test_a_saved_ranker_with_a_prior_loads_through_the_pickle_guard(
    with_prior, data, tmp_path
):
    save_model(with_prior, tmp_path / "prior.skm")
    back = load_model(tmp_path / "prior.skm")
    assert isinstance(back.prior, Prior)
    np.testing.assert_allclose(back.predict_proba(data), with_prior.predict_proba(data))


def test_a_cloned_ranker_keeps_its_prior_fitted(data):
    clf = clone(CheckWorthinessRanker(prior=news_prior(), random_state=0))
    assert clf.fit(data, data["label"]).predict(["Families paid 9% more."]).size == 1


def test_a_prior_that_is_not_a_prior_holder_is_refused(data):
    model = news_prior().model
    with pytest.raises(TypeError, match="prior must be a Prior holding a fitted"):
        CheckWorthinessRanker(prior=model).fit(data, data["label"])


def test_a_prior_with_a_score_per_class_is_refused(data):
    clf = CheckWorthinessRanker(prior=news_prior(classes=3), random_state=0)
    with pytest.raises(ValueError, match="one score per row"):
        clf.fit(data, data["label"])


def test_a_prior_without_a_decision_function_gives_its_last_class_probability():
    class Probabilities:
        def predict_proba(self, rows):
            return np.array([[0.8, 0.2]] * len(rows["text"]))

    scores = Prior(Probabilities()).scores({"text": ["a", "b"]})
    assert scores.tolist() == [0.2, 0.2]


def test_contrasts_set_a_line_against_its_turn_s_best_and_its_speaker_s_mean(data):
    clf = CheckWorthinessRanker(contrasts=True, random_state=0)
    clf.fit(data, data["label"])
    rows = {
        "text": ["Why?", "Taxes rose 5%.", "They did.", "Hello."],
        "speaker": ["MOD", "ANN", "ANN", None],
        "group": ["d", "d", "d", None],
    }
    dense = clf._dense(rows, np.array([0.0, 3.0, 1.0, 2.0]))
    to_best, to_turn, to_speaker = dense[:, -3], dense[:, -2], dense[:, -1]
    assert to_best[1] == 0.0 and to_best[2] < 0.0  # the turn's best line
    assert to_turn[1] > 0.0 > to_turn[2] and to_speaker[1] > 0.0
    assert not dense[3, -3:].any()  # no document: zeros
    plain = CheckWorthinessRanker(random_state=0).fit(data, data["label"])
    assert dense.shape[1] == plain._dense(rows, np.zeros(4)).shape[1] + 3
