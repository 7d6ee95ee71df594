"""Candidate recipes and the nested grouped selection among them."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from stancekit.errors import InputError
from stancekit.pipeline import recipes
from stancekit.pipeline.recipes import (
    RECIPES,
    Recipe,
    _subsample,
    candidates,
    few_groups,
    get_recipe,
    inner_folds,
    outer_folds,
    register,
    select,
    selection_metric,
    selection_sample,
    tune,
)

WORDS = {
    "favor": ["great", "support", "welcome", "good", "helps"],
    "against": ["bad", "oppose", "reject", "harm", "waste"],
}


def topic_table(n_targets: int = 6, per_target: int = 16, seed: int = 0):
    """Short texts on shared topics (SemEval style), written for the test."""
    rng = random.Random(seed)
    rows = []
    for t in range(n_targets):
        for i in range(per_target):
            label = "favor" if i % 2 else "against"
            word = rng.choice(WORDS[label])
            rows.append(
                {
                    "target": f"topic {t}",
                    "text": f"This is {word} for topic {t}, {rng.randint(1, 9)}.",
                    "label": label,
                    "group": f"g{t}",
                }
            )
    return pd.DataFrame(rows)


def test_every_task_has_a_plain_word_and_char_ngram_candidate():
    for task in ("checkworthy", "stance"):
        assert candidates(task)[0] == "plain"
        model = get_recipe(task, "plain").model(random_state=0)
        assert model.char_ngrams and model.word_ngrams


def test_stance_candidates_include_the_topic_recipe():
    assert get_recipe("stance", "topic").model().target_mode == "per_target"


def test_recipes_for_seen_and_unseen_targets_follow_the_data_shape():
    # SemEval style: every text its own document, targets recur across them
    tweets = topic_table().assign(group=lambda f: [f"t{i}" for i in range(len(f))])
    # IBM style: each target's texts grouped together, so folds hold targets out
    topics = topic_table()
    labels = ["against", "favor"]
    seen = candidates("stance", labels, tweets)
    unseen = candidates("stance", labels, topics)
    assert "per-target" in seen and "polarity" not in seen
    assert "polarity" in unseen and "per-target" not in unseen
    assert recipes.targets_recur(tweets.drop(columns="group"))
    # without rows, every recipe suited to the labels stays a candidate
    assert {"per-target", "polarity"} <= set(candidates("stance", labels))


def test_targets_recur_keys_targets_and_groups_as_models_and_folds_do():
    import datasets

    spread = pd.DataFrame(
        {"target": ["Atheism", "atheism ", " ATHEISM"] * 2, "group": range(6)}
    )
    assert recipes.targets_recur(spread)  # one target in six documents
    mixed = pd.DataFrame({"target": list("aabb"), "group": [1, "1", 2, "2"]})
    assert not recipes.targets_recur(mixed)  # "1" and 1 are one document
    missing = pd.DataFrame({"target": list("aabb"), "group": [None] * 4})
    assert recipes.targets_recur(missing)  # rows without a group stand alone
    assert recipes.targets_recur(datasets.Dataset.from_pandas(spread))
    # the shape applies without labels too
    shaped = candidates("stance", frame=topic_table())
    assert "polarity" in shaped and "per-target" not in shaped


def test_selection_scores_only_the_recipes_that_fit_the_shape():
    result = select("stance", topic_table(), max_rows=None, seed=0)
    assert "polarity" in result["candidates"]
    assert "per-target" not in result["candidates"]


def test_an_unknown_recipe_names_the_choices():
    with pytest.raises(InputError, match=r"recipe must be one of \['plain'.*'nope'"):
        get_recipe("stance", "nope")


def test_register_adds_a_candidate():
    from stancekit.models.ngram import NgramClassifier

    register(Recipe("words", "stance", lambda **p: NgramClassifier(task="stance", **p)))
    try:
        assert candidates("stance")[-1] == "words"
    finally:
        del RECIPES["stance"]["words"]


@pytest.mark.parametrize(
    ("task", "labels", "grouped", "metric"),
    [
        ("stance", ["agree", "disagree", "discuss", "unrelated"], True, "fnc_score"),
        ("stance", ["AGAINST", "FAVOR", "NONE"], False, "f_avg"),
        ("stance", ["against", "for", "observing"], True, "accuracy"),
        ("checkworthy", [0, 1], True, "map"),
        ("checkworthy", [0, 1], False, "f1_positive"),
    ],
)
def test_the_selection_metric_is_the_benchmarks_own(task, labels, grouped, metric):
    assert selection_metric(task, labels, grouped) == metric


def test_select_scores_every_candidate_and_names_the_best():
    frame = topic_table()
    result = select("stance", frame, names=["plain", "topic"], k=3)
    assert set(result["candidates"]) == {"plain", "topic"}
    assert result["winner"] == max(result["candidates"], key=result["candidates"].get)
    assert result["grouped"] and result["folds"] == 3 and result["rows"] == len(frame)
    assert result["metric"] == "accuracy"


def test_tuning_sees_only_the_rows_it_is_given():
    seen = []

    def build(**params):
        from stancekit.models.ngram import NgramClassifier

        class Spy(NgramClassifier):
            def fit(self, X, y, sample_weight=None):
                seen.append(set(X["group"]))
                return super().fit(X, y)

        return Spy(task="stance", **params)

    frame = topic_table()
    part = frame[frame["group"].isin(["g0", "g1", "g2", "g3"])].reset_index(drop=True)
    recipe = Recipe("spy", "stance", build, {"C": [0.5, 2.0]})
    tune(
        recipe,
        part,
        part["label"].to_numpy(),
        part["group"].tolist(),
        metric="accuracy",
    )
    assert seen and all(s <= {"g0", "g1", "g2", "g3"} for s in seen)


def test_nested_selection_never_tunes_on_the_fold_that_scores():
    seen = []
    from stancekit.models.ngram import NgramClassifier

    class Spy(NgramClassifier):
        def fit(self, X, y, sample_weight=None):
            seen.append(frozenset(X["group"]))
            return super().fit(X, y)

    register(
        Recipe("spy", "stance", lambda **p: Spy(task="stance", **p), {"C": [1, 2]})
    )
    try:
        frame = topic_table()
        select("stance", frame, names=["spy"], k=3)
    finally:
        del RECIPES["stance"]["spy"]
    all_groups = set(frame["group"])
    # every fit saw at most the two thirds of the groups of an outer training fold
    assert max(len(s) for s in seen) <= len(all_groups) - 2


def test_subsample_takes_whole_groups():
    frame = topic_table(n_targets=10)
    sample = _subsample(frame, 40, seed=0)
    assert 40 <= len(sample) < len(frame)
    counts = sample["group"].value_counts()
    assert (counts == 16).all()


def test_subsample_keeps_small_frames_whole():
    frame = topic_table()
    assert len(_subsample(frame, None, 0)) == len(_subsample(frame, 10**6, 0)) == 96
    assert np.array_equal(_subsample(frame, None, 0)["text"], frame["text"])


def test_large_data_tune_the_grid_on_one_split_and_say_so():
    assert inner_folds(100, 50) == 1 and inner_folds(40, 50) == 2
    frame = topic_table(n_targets=40, per_target=4)
    result = select("stance", frame, names=["plain"], k=3, max_rows=60, seed=0)
    assert result["inner_folds"] == 1 and result["rows"] < len(frame)
    whole = select("stance", frame, names=["plain"], k=3, max_rows=None, seed=0)
    assert whole["inner_folds"] == 2 and whole["rows"] == len(frame)


def test_data_of_few_documents_are_selected_on_every_row_in_four_folds():
    frame = topic_table(n_targets=6, per_target=16)  # 6 documents, 96 rows
    result = select("stance", frame, names=["plain"], max_rows=40, seed=0)
    assert result["rows"] == len(frame) and result["folds"] == 4
    assert len(selection_sample(frame, 40, 0)) == len(frame)


def test_a_named_number_of_folds_is_kept_for_few_documents():
    frame = topic_table(n_targets=6, per_target=16)
    result = select("stance", frame, names=["plain"], k=3, max_rows=40, seed=0)
    assert result["rows"] == len(frame) and result["folds"] == 3


def test_data_of_many_documents_keep_the_sample_and_three_folds():
    frame = topic_table(n_targets=40, per_target=4)  # 40 documents, 160 rows
    assert not few_groups(frame) and outer_folds(frame) == 3
    result = select("stance", frame, names=["plain"], max_rows=60, seed=0)
    assert result["folds"] == 3 and 60 <= result["rows"] < len(frame)


def test_rows_without_documents_or_too_many_rows_are_not_few_documents(monkeypatch):
    frame = topic_table(n_targets=6, per_target=16)
    assert few_groups(frame) and not few_groups(frame.drop(columns="group"))
    assert not few_groups(frame[frame["group"].isin(["g0", "g1", "g2"])])
    monkeypatch.setattr(recipes, "FEW_GROUPS_ROWS", 50)
    assert not few_groups(frame) and len(selection_sample(frame, 40, 0)) < len(frame)


def test_the_polarity_recipe_is_a_candidate_unless_unrelated_is_a_label():
    assert "polarity" in candidates("stance", ["favor", "against"])
    assert "polarity" in candidates("stance", ["for", "against", "observing"])
    assert "polarity" not in candidates("stance", ["agree", "discuss", "unrelated"])
    assert candidates("stance", ["agree", "unrelated"])[0] == "plain"


MOTIONS = {
    "We should ban fireworks.": (
        [
            "Fireworks cause terrible injuries and awful pollution.",
            "Fireworks frighten pets and harm wildlife.",
        ],
        [
            "Fireworks bring joy and happiness to families.",
            "Fireworks create wonderful shared celebrations.",
        ],
    ),
    "We should support public libraries.": (
        [
            "Libraries greatly improve literacy and help children.",
            "Libraries offer free and safe places to learn.",
        ],
        [
            "Libraries waste money on empty and useless buildings.",
            "Libraries are a costly failure.",
        ],
    ),
    "We should abolish homework.": (
        [
            "Homework causes stress and misery for children.",
            "Homework destroys family time and hurts sleep.",
        ],
        [
            "Homework improves learning and builds good habits.",
            "Homework helps pupils succeed.",
        ],
    ),
    "We should subsidize solar panels.": (
        [
            "Solar panels reduce pollution and create good jobs.",
            "Solar power is clean and cheap.",
        ],
        [
            "Solar subsidies waste money and fail the poor.",
            "Solar panels are a costly and wasteful scheme.",
        ],
    ),
}


def test_the_polarity_recipe_carries_sentiment_to_a_motion_it_never_saw():
    rows = []
    for target, (pro, con) in MOTIONS.items():
        rows += [(target, text, "favor") for text in pro]
        rows += [(target, text, "against") for text in con]
    X = pd.DataFrame(rows, columns=["target", "text", "label"])
    model = get_recipe("stance", "polarity").model(random_state=0)
    model.fit(X[["target", "text"]], X["label"].to_numpy())
    unseen = pd.DataFrame(
        [
            (
                "We should ban plastic bags.",
                "Plastic bags kill sea turtles and harm the ocean.",
            ),
            (
                "We should ban plastic bags.",
                "Plastic bags are cheap, useful and convenient.",
            ),
        ],
        columns=["target", "text"],
    )
    assert list(model.predict(unseen)) == ["favor", "against"]


def test_training_selects_in_four_folds_on_every_row_of_few_documents():
    from stancekit.pipeline.training import fit_selected

    frame = topic_table(n_targets=6, per_target=16)
    _, found = fit_selected("stance", frame, select_rows=40)
    assert found["selection"]["folds"] == 4
    assert found["selection"]["rows"] == len(frame)


def rare_claims_table(n: int = 240, every: int = 8, seed: int = 0):
    """A bare ``text,label`` table with one check-worthy row in ``every``
    (ClaimBuster style, no documents), written for the test: claims carry
    numbers and a few words, the other rows are chatter."""
    rng = random.Random(seed)
    claim = ["rose", "fell", "doubled", "cut", "spent"]
    chat = ["thank you", "good evening", "let me say", "well", "we will see"]
    rows = []
    for i in range(n):
        if i % every == 0:
            text = f"Taxes {rng.choice(claim)} {rng.randint(2, 40)}% in {rng.randint(1990, 2020)}."
            label = 1
        else:
            text = f"{rng.choice(chat).capitalize()}, {rng.choice(chat)}."
            if rng.random() < 0.25:  # chatter that looks a little like a claim
                text = f"Taxes, {rng.choice(chat)}."
            label = 0
        rows.append({"text": text, "label": label})
    return pd.DataFrame(rows)


def test_candidates_scored_by_f1_choose_their_threshold_inside_each_training_fold():
    seen = []
    from stancekit.pipeline.recipes import _Tuned

    fit = _Tuned.fit

    def spy(self, X, y):
        fit(self, X, y)
        seen.append((len(X), self.decision_threshold_))
        return self

    frame = rare_claims_table()
    _Tuned.fit = spy
    try:
        result = select("checkworthy", frame, names=["plain"], k=3)
    finally:
        _Tuned.fit = fit
    assert result["metric"] == "f1_positive"
    # one threshold per outer fold, each chosen on that fold's training rows only
    assert len(seen) == 3 and all(rows < len(frame) for rows, _ in seen)
    assert all(cut is None or 0 < cut < 1 for _, cut in seen)


def test_candidates_keep_the_half_when_asked_and_when_ranked_by_documents():
    from stancekit.pipeline.recipes import _Tuned

    frame = rare_claims_table()
    kept = _Tuned(
        get_recipe("checkworthy", "plain"), lambda X: None, "f1_positive", 2, 0, False
    )
    assert not hasattr(
        kept.fit(frame, frame["label"].to_numpy()), "decision_threshold_"
    )
    ranked = _Tuned(get_recipe("checkworthy", "plain"), lambda X: None, "map", 2, 0)
    assert not hasattr(
        ranked.fit(frame, frame["label"].to_numpy()), "decision_threshold_"
    )


def test_the_threshold_is_the_cut_of_best_f1_on_held_out_rows():
    from stancekit.evaluation.decisions import f1_threshold
    from stancekit.pipeline.recipes import threshold

    frame = rare_claims_table(every=10)
    y = frame["label"].to_numpy()
    recipe = get_recipe("checkworthy", "stancekit")
    cut = threshold(recipe, frame, y, None, {}, inner_k=2, seed=0)
    # the same two folds' held-out probabilities, scored by hand
    from stancekit.evaluation.cv import cross_validate, folds

    splits, _ = folds(y, None, 2, seed=0)
    result = cross_validate(
        lambda: recipe.model(random_state=0), frame, y, splits=splits, return_proba=True
    )
    assert cut == f1_threshold(y == 1, result["proba"][:, 1])


@pytest.mark.parametrize(
    "task, name", [(t, n) for t, recipes in RECIPES.items() for n in recipes]
)
def test_every_recipe_builds_a_model_the_commands_know_the_task_of(task, name):
    # predict, label and report look the task up from the model itself
    from stancekit.tasks import task_of

    assert task_of(get_recipe(task, name).model(random_state=0)) == task
