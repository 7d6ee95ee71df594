"""Tests of StanceClassifier on small synthetic pairs written for the project."""

from __future__ import annotations

import warnings

import datasets
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_validate

from stancekit.errors import LabelError, SchemaError
from stancekit.evaluation.metrics import f_avg, fnc_score
from stancekit.models.stance import StanceClassifier

TOPICS = ["solar panels", "school uniforms", "bike lanes", "night trains"]
FAVOR = [
    "I fully support {t}, great idea",
    "{t} are wonderful and help everyone",
    "We love {t}, build more of them",
    "Yes to {t}! Good for our town",
    "{t} deserve our support",
]
AGAINST = [
    "{t} are a terrible waste, ban them",
    "I oppose {t}, awful idea",
    "No more {t}, they hurt people",
    "Stop {t} now, bad for everyone",
    "{t} are a disaster, reject them",
]
NONE = [
    "The weather is sunny today",
    "I had pasta for lunch",
    "Traffic was slow this morning",
]


def topic_pairs(topics=TOPICS):
    rows = []
    for t in topics:
        for template in FAVOR:
            rows.append({"target": t, "text": template.format(t=t), "label": "FAVOR"})
        for template in AGAINST:
            rows.append({"target": t, "text": template.format(t=t), "label": "AGAINST"})
        for text in NONE:
            rows.append({"target": t, "text": text, "label": "NONE"})
    return pd.DataFrame(rows)


# Long bodies in the FNC-1 style: the headline's claim sits in one sentence
# among filler; the other sentences say what the body thinks of it.
FILLER = [
    "The town hall was busy on Tuesday.",
    "Local shops reported a quiet week.",
    "A football match drew a large crowd.",
    "Rain is expected later in the month.",
]
BODY_STANCE = {
    "agree": "Officials confirmed that {c} and showed photos as proof.",
    "disagree": "Officials said the story that {c} is a hoax and denied it.",
    "discuss": "Some reports claim that {c}, but this could not be verified.",
}
CLAIMS = [
    "a whale swam up the river",
    "the mayor sold the old bridge",
    "a meteor hit the car park",
    "the zoo lost its only giraffe",
    "a baker made a giant cake",
    "the library found a lost map",
]


def fnc_like():
    rows = []
    for b, claim in enumerate(CLAIMS):
        for stance, sentence in BODY_STANCE.items():
            body = " ".join([*FILLER[:2], sentence.format(c=claim), *FILLER[2:]])
            group = f"{b}-{stance}"
            rows.append((claim.capitalize(), body, stance, group))
            other = CLAIMS[(b + 1) % len(CLAIMS)]
            rows.append((other.capitalize(), body, "unrelated", group))
    return pd.DataFrame(rows, columns=["target", "text", "label", "group"])


@pytest.fixture(scope="module")
def topics():
    return topic_pairs()


@pytest.fixture(scope="module")
def fitted(topics):
    return StanceClassifier(random_state=0).fit(topics, topics["label"])


def test_labels_are_learned_and_kept_as_given(fitted):
    assert list(fitted.classes_) == ["AGAINST", "FAVOR", "NONE"]
    assert fitted.two_stage_ is False


def test_predicts_unseen_phrasings(fitted):
    X = [
        ("night trains", "I love night trains, good for everyone"),
        ("night trains", "Night trains are a terrible waste, ban them now"),
    ]
    assert list(fitted.predict(X)) == ["FAVOR", "AGAINST"]


def test_proba_rows_sum_to_one(fitted, topics):
    proba = fitted.predict_proba(topics)
    assert proba.shape == (len(topics), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert list(fitted.classes_[proba.argmax(axis=1)]) == list(fitted.predict(topics))


@pytest.mark.parametrize(
    "X",
    [
        [("bike lanes", "Yes to bike lanes")],
        [{"target": "bike lanes", "text": "Yes to bike lanes"}],
        pd.DataFrame({"target": ["bike lanes"], "text": ["Yes to bike lanes"]}),
        datasets.Dataset.from_dict(
            {"target": ["bike lanes"], "text": ["Yes to bike lanes"]}
        ),
    ],
)
def test_accepts_every_pair_container(fitted, X):
    assert fitted.predict(X).tolist() == ["FAVOR"]


@pytest.mark.parametrize("classifier", ["linear", "mlp", "gbm", "ensemble"])
def test_every_classifier_choice_learns(classifier, topics):
    clf = StanceClassifier(classifier=classifier, random_state=0, max_iter=60)
    clf.fit(topics, topics["label"])
    assert np.mean(clf.predict(topics) == topics["label"]) > 0.8


def test_random_state_repeats_a_run(topics):
    a = StanceClassifier(classifier="mlp", random_state=3, max_iter=20).fit(
        topics, topics["label"]
    )
    b = clone(a).fit(topics, topics["label"])
    np.testing.assert_array_equal(a.predict_proba(topics), b.predict_proba(topics))


# ------------------------------------------------------- relatedness first
def test_relatedness_first_on_long_bodies():
    df = fnc_like()
    clf = StanceClassifier(random_state=0, C=10.0).fit(df, df["label"])
    assert clf.two_stage_ is True
    assert set(clf.models_) == {"related", "stance"}
    proba = clf.predict_proba(df)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert fnc_score(df["label"], clf.predict(df)) > 0.9
    # a body not seen in training, written around a known claim
    new_body = (
        "Crowds gathered downtown. Officials confirmed that the zoo lost its "
        "only giraffe and showed photos as proof. Shops closed early."
    )
    X = [
        ("The zoo lost its only giraffe", new_body),
        ("A baker made a giant cake", new_body),
    ]
    pred = clf.predict(X)
    assert pred[1] == "unrelated"
    assert pred[0] != "unrelated"


def test_relatedness_first_can_be_switched_off():
    df = fnc_like()
    clf = StanceClassifier(relatedness_first=False, random_state=0).fit(df, df["label"])
    assert clf.two_stage_ is False and set(clf.models_) == {"all"}


def test_related_stage_with_a_single_label():
    df = fnc_like()
    df = df[df["label"].isin(["agree", "unrelated"])]
    clf = StanceClassifier(random_state=0).fit(df, df["label"])
    assert set(clf.predict(df)) <= {"agree", "unrelated"}


# ------------------------------------------------------------- per target
def flipped_targets(n_per_label=30):
    """The same texts mean opposite stances for two targets; only a model
    with target-specific features can fit them."""
    rng = np.random.default_rng(0)
    words = ["quick", "brown", "calm", "vivid", "plain", "noisy", "sharp", "soft"]
    rows = []
    for i in range(n_per_label):
        pro = f"more of it please {rng.choice(words)} {i}"
        con = f"less of it please {rng.choice(words)} {i}"
        rows += [
            ("smoking bans", pro, "FAVOR"),
            ("smoking bans", con, "AGAINST"),
            ("smoking", pro, "AGAINST"),
            ("smoking", con, "FAVOR"),
        ]
    return pd.DataFrame(rows, columns=["target", "text", "label"])


def test_per_target_ngrams_learn_target_dependent_stance():
    df = flipped_targets()
    train, test = df.iloc[: len(df) * 3 // 4], df.iloc[len(df) * 3 // 4 :]
    per_target = StanceClassifier(random_state=0).fit(train, train["label"])
    assert sorted(per_target.featurizer_.target_blocks_) == ["smoking", "smoking bans"]
    shared = StanceClassifier(per_target=False, random_state=0).fit(
        train, train["label"]
    )
    assert f_avg(test["label"], per_target.predict(test)) > 0.9
    assert f_avg(test["label"], shared.predict(test)) < 0.75


# --------------------------------------------------------- sklearn tooling
def test_clone_cross_validate_and_grid_search(topics):
    clf = StanceClassifier(random_state=0)
    assert clone(clf).get_params() == clf.get_params()
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    result = cross_validate(clf, topics, topics["label"], cv=cv)
    assert result["test_score"].mean() > 0.6
    grid = GridSearchCV(clf, {"C": [0.1, 10.0]}, cv=cv)
    grid.fit(topics, topics["label"])
    assert grid.best_params_["C"] in (0.1, 10.0)
    assert grid.predict(topics[:3]).shape == (3,)


def test_not_fitted_before_fit():
    with pytest.raises(NotFittedError):
        StanceClassifier().predict([("a", "b")])


def test_save_and_load_give_identical_predictions(fitted, topics, tmp_path):
    from stancekit.persist.files import load_model, save_model

    path = tmp_path / "stance.skm"
    save_model(fitted, path)
    loaded = load_model(path)
    np.testing.assert_array_equal(
        loaded.predict_proba(topics), fitted.predict_proba(topics)
    )


# ---------------------------------------------------------------- explain
def test_explain_gives_readable_reasons(fitted):
    text = "We love bike lanes. The weather is sunny today."
    out = fitted.explain([("bike lanes", text)], top=3)
    assert len(out) == 1
    item = out[0]
    assert item["label"] == fitted.predict([("bike lanes", text)])[0]
    assert 0 < item["score"] <= 1
    assert item["related_sentence"] == "We love bike lanes."
    features, evidence = item["reasons"][:-1], item["reasons"][-1]
    assert 1 <= len(features) <= 3
    assert all(isinstance(r, str) and " = " in r for r in features)
    assert (
        evidence.startswith("closest sentence (") and "We love bike lanes." in evidence
    )


@pytest.mark.parametrize("classifier", ["gbm", "ensemble"])
def test_explain_works_for_trees_and_two_stages(classifier):
    df = fnc_like()
    clf = StanceClassifier(classifier=classifier, random_state=0, max_iter=30)
    clf.fit(df, df["label"])
    out = clf.explain(df.iloc[:2], top=2)
    assert [o["label"] for o in out] == list(clf.predict(df.iloc[:2]))
    assert all(len(o["reasons"]) <= 3 for o in out)  # 2 features + evidence


def test_explain_rejects_bad_top(fitted):
    with pytest.raises(ValueError, match="top must be an integer >= 1; got 0"):
        fitted.explain([("a", "b")], top=0)


# ----------------------------------------------------------------- errors
def test_one_label_is_refused():
    with pytest.raises(LabelError, match=r"at least two distinct labels.*\['FAVOR'\]"):
        StanceClassifier().fit([("a", "b"), ("a", "c")], ["FAVOR", "FAVOR"])


def test_missing_label_is_refused():
    with pytest.raises(LabelError, match="must not contain missing labels"):
        StanceClassifier().fit([("a", "b"), ("a", "c")], ["FAVOR", None])


def test_label_count_must_match():
    with pytest.raises(
        ValueError, match="one label per pair; got 1 labels for 2 pairs"
    ):
        StanceClassifier().fit([("a", "b"), ("a", "c")], ["FAVOR"])


def test_relatedness_first_needs_unrelated(topics):
    with pytest.raises(LabelError, match="needs the label 'unrelated'"):
        StanceClassifier(relatedness_first=True).fit(topics, topics["label"])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"classifier": "svm"}, r"classifier must be one of .*got 'svm'"),
        ({"relatedness_first": "yes"}, "relatedness_first must be one of"),
        ({"dense_scale": 0}, r"dense_scale must be a number > 0; got 0"),
        ({"dense_scale": "x"}, r"dense_scale must be a number > 0; got 'x'"),
    ],
)
def test_bad_parameters_are_named(params, message, topics):
    with pytest.raises(ValueError, match=message):
        StanceClassifier(**params).fit(topics, topics["label"])


def test_missing_target_column_is_a_schema_error():
    with pytest.raises(SchemaError, match="'target' and 'text'"):
        StanceClassifier().fit(pd.DataFrame({"text": ["a", "b"]}), ["x", "y"])


def test_linear_model_converges_without_warnings(topics):
    # The CLI prints any ConvergenceWarning on a user's first `label`.
    for X in (topics, fnc_like()):
        with warnings.catch_warnings():
            warnings.simplefilter("error", ConvergenceWarning)
            clf = StanceClassifier(random_state=0).fit(X, X["label"])
        for stage in clf.models_.values():
            for kind, model in stage:
                if kind == "linear":
                    assert model.n_iter_.max() < model.max_iter


# ---------------------------------------------------------------- abstaining
def _abstaining_pairs():
    pairs, labels = [], []
    for t in TOPICS:
        for f in FAVOR:
            pairs.append((t, f.format(t=t)))
            labels.append("favor")
        for a in AGAINST:
            pairs.append((t, a.format(t=t)))
            labels.append("against")
        for n in NONE:
            pairs.append((t, n))
            labels.append("none")
    return pairs, labels


def test_abstain_threshold_turns_unsure_stances_into_none():
    pairs, labels = _abstaining_pairs()
    plain = StanceClassifier(random_state=0).fit(pairs, labels)
    sure = StanceClassifier(abstain_threshold=0.99, random_state=0).fit(pairs, labels)
    proba = plain.predict_proba(pairs)
    assert np.array_equal(proba, sure.predict_proba(pairs))
    said = sure.predict(pairs)
    assert set(said) == {"none"} or all(
        p.max() >= 0.99 for p, s in zip(proba, said, strict=True) if s != "none"
    )
    assert (said == "none").sum() > (plain.predict(pairs) == "none").sum()
    assert np.array_equal(
        StanceClassifier(abstain_threshold=0.0, random_state=0)
        .fit(pairs, labels)
        .predict(pairs),
        plain.predict(pairs),
    )


def test_abstain_gives_the_none_label_and_the_chance_the_stance_is_wrong():
    from stancekit.models.stance import abstain

    proba = np.array([[0.55, 0.35, 0.10], [0.05, 0.90, 0.05], [0.2, 0.2, 0.6]])
    labels, scores = abstain(proba, ["AGAINST", "FAVOR", "NONE"], 0.7)
    assert list(labels) == ["NONE", "FAVOR", "NONE"]
    assert np.allclose(scores, [0.45, 0.90, 0.60])


def test_abstain_refuses_a_threshold_outside_zero_to_one():
    from stancekit.models.stance import abstain

    with pytest.raises(ValueError, match=r"must be within \[0, 1\]; got 1.5"):
        abstain(np.array([[0.5, 0.5]]), ["favor", "none"], 1.5)


def test_abstain_needs_a_none_label_to_fall_back_on():
    from stancekit.models.stance import abstain

    with pytest.raises(ValueError, match="abstaining needs a 'none'"):
        abstain(np.array([[0.5, 0.5]]), ["agree", "disagree"], 0.6)


def test_target_polarity_and_ngrams_are_estimator_parameters():
    pairs, labels = _abstaining_pairs()
    clf = StanceClassifier(target_polarity=True, ngrams=False, random_state=0)
    clf.fit(pairs, labels)
    assert clone(clf).get_params()["target_polarity"] is True
    assert not hasattr(clf, "n_features_in_")  # derived columns are not inputs
    assert set(clf.predict(pairs)) <= {"favor", "against", "none"}


def test_restated_favor_makes_the_target_itself_favor():
    pairs, labels = _abstaining_pairs()
    clf = StanceClassifier(restated_favor=True, random_state=0).fit(pairs, labels)
    same = [("Bike lanes for every street", "bike lanes, for EVERY street!")]
    assert list(clf.predict(same)) == ["favor"]
    assert clf.predict_proba(same)[0].tolist() == [0.0, 1.0, 0.0]
    other = [("bike lanes", "Bike lanes are a terrible waste, ban them")]
    plain = StanceClassifier(random_state=0).fit(pairs, labels)
    assert np.array_equal(clf.predict_proba(other), plain.predict_proba(other))


def test_restated_favor_needs_a_favor_label_to_do_anything():
    pairs = [("cats", "cats are great"), ("cats", "cats are a hoax")] * 3
    clf = StanceClassifier(restated_favor=True).fit(pairs, ["yes", "no"] * 3)
    plain = StanceClassifier().fit(pairs, ["yes", "no"] * 3)
    same = [("cats", "Cats")]
    assert np.array_equal(clf.predict_proba(same), plain.predict_proba(same))


def _motion_pairs():
    pairs = [
        ("We should ban lorries.", "Lorries pollute the air and kill cyclists."),
        ("We should ban lorries.", "Lorries create jobs and lower prices."),
        ("We should build dams.", "Dams reduce flooding."),
        ("We should build dams.", "Dams destroy rivers and displace villages."),
        ("We should build dams.", "The minister visited the valley on Tuesday."),
    ] * 3
    return pairs, ["favor", "against", "favor", "against", "none"] * 3


def test_claim_polarity_features_decide_stance_toward_motions_never_seen():
    pairs, labels = _motion_pairs()
    clf = StanceClassifier(features="claim_polarity", random_state=0)
    clf.fit(pairs, labels)
    unseen = [
        ("We should ban smoking in parks.", "Smoking causes disease and litter."),
        ("We should ban smoking in parks.", "Smoking in parks harms no one."),
    ]
    assert list(clf.predict(unseen)) == ["favor", "against"]
    assert clf.featurizer_.ngrams is False
    assert clf.explain(unseen[:1])[0]["reasons"][0].startswith("tp_signed_claim")


def test_an_unknown_feature_set_is_refused():
    pairs, labels = _abstaining_pairs()
    with pytest.raises(ValueError, match="features must be one of"):
        StanceClassifier(features="words").fit(pairs, labels)


def test_polarity_weight_lets_claim_polarity_move_an_unsure_main_model():
    pairs, labels = _motion_pairs()
    unseen = [("We should ban smoking in parks.", "Smoking causes disease and litter.")]
    plain = StanceClassifier(random_state=0).fit(pairs, labels)
    helped = StanceClassifier(polarity_weight=2.0, random_state=0).fit(pairs, labels)
    favor = list(plain.classes_).index("favor")
    assert (
        helped.predict_proba(unseen)[0, favor] > plain.predict_proba(unseen)[0, favor]
    )
    assert np.allclose(helped.predict_proba(unseen).sum(axis=1), 1.0)
    assert plain.polarity_expert_ is None


def _directed_pairs():
    """Made-up praise ("zorbly") and blame ("grimful") toward targets phrased
    for and against their subject: the side a word takes flips with the
    target's direction."""
    pairs, labels = [], []
    for subject in ("tram lines", "night buses", "bike lanes", "toll roads"):
        for target, praise in (
            (f"The city should build {subject}.", "favor"),
            (f"The city should not build {subject}.", "against"),
        ):
            blame = "against" if praise == "favor" else "favor"
            pairs += [
                (target, f"{subject} are zorbly"),
                (target, f"{subject} are grimful"),
            ]
            labels += [praise, blame]
    return pairs * 2, labels * 2


def test_signed_ngrams_carry_a_word_s_side_to_a_target_phrased_against():
    pairs, labels = _directed_pairs()
    unseen = [("The city should not build ferry piers.", "ferry piers are zorbly")]
    plain = StanceClassifier(random_state=0).fit(pairs, labels)
    signed = StanceClassifier(signed_ngrams=True, random_state=0).fit(pairs, labels)
    against = list(signed.classes_).index("against")
    assert list(signed.predict(unseen)) == ["against"]
    assert (
        signed.predict_proba(unseen)[0, against]
        > plain.predict_proba(unseen)[0, against] + 0.2
    )
    reasons = signed.explain(unseen, top=3)[0]["reasons"]
    assert any(r.startswith("signed text:zorbly") for r in reasons)


def test_signed_ngrams_do_nothing_without_ngrams():
    pairs, labels = _directed_pairs()
    dense = StanceClassifier(ngrams=False, random_state=0).fit(pairs, labels)
    signed = StanceClassifier(ngrams=False, signed_ngrams=True, random_state=0)
    signed.fit(pairs, labels)
    assert signed.signed_columns_ is None
    assert np.array_equal(signed.predict_proba(pairs), dense.predict_proba(pairs))


@pytest.mark.parametrize("name", ["polarity_weight", "trees_weight"])
@pytest.mark.parametrize("weight", [-1, 11])
def test_an_expert_weight_outside_zero_to_ten_is_refused(name, weight):
    pairs, labels = _abstaining_pairs()
    with pytest.raises(ValueError, match=rf"{name} must be within \[0, 10\]"):
        StanceClassifier(**{name: weight}).fit(pairs, labels)


def test_trees_weight_multiplies_in_the_trees_opinion_on_the_dense_features(tmp_path):
    from stancekit.persist.files import load_model, save_model

    pairs, labels = _abstaining_pairs()  # enough rows for the trees to split
    clf = StanceClassifier(polarity_weight=0.5, trees_weight=0.75, random_state=0)
    clf.fit(pairs, labels)
    Z = clf.featurizer_.transform(pairs)
    main = clf.models_["all"][0][1].predict_proba(Z)
    columns, polarity = clf.polarity_expert_
    trees = clf.trees_expert_
    # the trees read the dense pair features only, and they do tell rows apart
    assert trees.n_features_in_ == clf.featurizer_.n_dense_
    dense = Z[:, : clf.featurizer_.n_dense_].toarray()
    opinion = trees.predict_proba(dense)
    assert len(np.unique(opinion.round(6), axis=0)) > 2
    by_hand = main * polarity.predict_proba(Z[:, columns]) ** 0.5 * opinion**0.75
    by_hand /= by_hand.sum(axis=1, keepdims=True)
    assert np.allclose(clf.predict_proba(pairs), by_hand)
    without = StanceClassifier(polarity_weight=0.5, random_state=0).fit(pairs, labels)
    assert without.trees_expert_ is None
    assert not np.allclose(without.predict_proba(pairs), by_hand)
    # explain gives each opinion's probability of the label it explains
    for i, out in enumerate(clf.explain(pairs[:4])):
        k = list(clf.classes_).index(out["label"])
        opinions = [r for r in out["reasons"] if r.startswith("opinions for")]
        assert opinions == [
            f"opinions for {out['label']}: main model {main[i, k]:.2f}, "
            f"claim polarity {polarity.predict_proba(Z[i : i + 1, columns])[0, k]:.2f}, "
            f"trees {opinion[i, k]:.2f}"
        ]
    assert not any(
        r.startswith("opinions") for r in without_experts_reasons(pairs, labels)
    )
    # the trees travel in the model file
    loaded = load_model(save_model(clf, tmp_path / "trees.skmodel"))
    np.testing.assert_array_equal(loaded.predict_proba(pairs), clf.predict_proba(pairs))


def without_experts_reasons(pairs, labels):
    plain = StanceClassifier(random_state=0).fit(pairs, labels)
    return [r for out in plain.explain(pairs[:4]) for r in out["reasons"]]


def _repeat_first_rows(frame, n, times):
    """``frame`` with its first ``n`` rows repeated to count ``times`` times."""
    return pd.concat([frame] + [frame.iloc[:n]] * (times - 1), ignore_index=True)


@pytest.mark.parametrize("stage", ["all", "polarity_expert"])
def test_sample_weights_give_the_classifiers_the_objective_of_repeated_rows(stage):
    from sklearn.linear_model import LogisticRegression

    frame = topic_pairs()
    weights = np.where(np.arange(len(frame)) < 5, 3.0, 1.0)  # five FAVOR pairs
    weighted = StanceClassifier(
        class_weight="balanced", polarity_weight=0.5, random_state=0
    ).fit(frame, frame["label"], sample_weight=weights)
    # the same features, with the first 5 rows repeated three times
    repeated = _repeat_first_rows(frame, 5, 3)
    Z = weighted.featurizer_.transform(repeated)
    if stage == "all":
        fitted = weighted.models_["all"][0][1]
    else:
        columns, fitted = weighted.polarity_expert_
        Z = Z[:, columns]
    plain = LogisticRegression(solver="newton-cg", class_weight="balanced").fit(
        Z, repeated["label"]
    )
    # equal up to the solver's tolerance
    assert np.abs(fitted.predict_proba(Z) - plain.predict_proba(Z)).max() < 2e-3


@pytest.mark.parametrize("stage", ["all", "polarity_expert"])
def test_dense_scale_fits_on_scaled_dense_features_and_reads_them_unscaled(stage):
    from sklearn.linear_model import LogisticRegression

    frame = topic_pairs()
    clf = StanceClassifier(dense_scale=0.25, polarity_weight=0.5, random_state=0)
    clf.fit(frame, frame["label"])
    Z = clf.featurizer_.transform(frame)
    scale = np.ones(Z.shape[1])
    scale[: clf.featurizer_.n_dense_] = 0.25  # the dense pair features
    if stage == "all":
        fitted = clf.models_["all"][0][1]
    else:  # the claim-polarity expert sees dense features only
        columns, fitted = clf.polarity_expert_
        Z, scale = Z[:, columns], scale[columns]
    by_hand = LogisticRegression(solver="newton-cg").fit(
        Z.multiply(scale).tocsr(), frame["label"]
    )
    assert np.abs(fitted.coef_ - by_hand.coef_ * scale).max() < 1e-2
    assert (
        np.abs(
            fitted.predict_proba(Z) - by_hand.predict_proba(Z.multiply(scale).tocsr())
        ).max()
        < 2e-3
    )


def test_dense_scale_keeps_the_labels_of_clear_pairs():
    frame = topic_pairs()
    plain = StanceClassifier(random_state=0).fit(frame, frame["label"])
    scaled = StanceClassifier(dense_scale=0.3, random_state=0).fit(
        frame, frame["label"]
    )
    assert list(scaled.predict(frame)) == list(plain.predict(frame))
    assert not np.allclose(
        scaled.models_["all"][0][1].coef_, plain.models_["all"][0][1].coef_
    )


def test_unit_sample_weights_change_nothing():
    frame = topic_pairs()
    plain = StanceClassifier(class_weight="balanced", random_state=0).fit(
        frame, frame["label"]
    )
    ones = StanceClassifier(class_weight="balanced", random_state=0).fit(
        frame, frame["label"], sample_weight=np.ones(len(frame))
    )
    assert np.allclose(plain.predict_proba(frame), ones.predict_proba(frame), atol=1e-6)


def test_sample_weights_reach_both_stages_of_the_relatedness_split():
    frame = topic_pairs()
    frame.loc[frame["label"] == "NONE", "label"] = "unrelated"
    weights = np.where(frame["label"] == "FAVOR", 5.0, 1.0)
    plain = StanceClassifier(random_state=0).fit(frame, frame["label"])
    heavy = StanceClassifier(random_state=0).fit(
        frame, frame["label"], sample_weight=weights
    )
    assert heavy.two_stage_
    favor = list(heavy.classes_).index("FAVOR")
    assert heavy.predict_proba(frame)[:, favor].mean() > (
        plain.predict_proba(frame)[:, favor].mean()
    )


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([1.0, 2.0], "sample_weight must hold one finite number per pair"),
        ("nan", "sample_weight must hold one finite number per pair"),
        ("negative", "sample_weight must be non-negative with a positive sum"),
    ],
)
def test_bad_sample_weights_are_refused(weights, message):
    frame = topic_pairs()
    if weights == "nan":
        weights = np.full(len(frame), np.nan)
    elif weights == "negative":
        weights = -np.ones(len(frame))
    with pytest.raises(ValueError, match=message):
        StanceClassifier().fit(frame, frame["label"], sample_weight=weights)


def test_sample_weights_are_refused_by_the_mlp():
    frame = topic_pairs()
    with pytest.raises(ValueError, match="not supported with classifier='mlp'"):
        StanceClassifier(classifier="mlp").fit(
            frame, frame["label"], sample_weight=np.ones(len(frame))
        )


def test_plain_motions_read_the_parliamentary_frame_as_the_plain_motion(topics):
    motions = topics.assign(
        target=[f"We should build more {t}" for t in topics["target"]]
    )
    model = StanceClassifier(plain_motions=True, random_state=0).fit(
        motions, motions["label"]
    )
    text = "I fully support the plan, great idea"
    plain = model.predict_proba([("We should build more parks", text)])
    framed = model.predict_proba([("This house would build more parks", text)])
    np.testing.assert_allclose(framed, plain)
    # without the option the frame's own words are features
    off = StanceClassifier(random_state=0).fit(motions, motions["label"])
    assert not np.allclose(
        off.predict_proba([("This house would build more parks", text)]),
        off.predict_proba([("We should build more parks", text)]),
    )


def test_a_framed_motion_is_still_restated_by_itself():
    rows = topic_pairs().assign(target=lambda f: "This house would ban " + f["target"])
    model = StanceClassifier(
        plain_motions=True, restated_favor=True, random_state=0
    ).fit(rows, rows["label"])
    motion = "This house would ban parks"
    assert model.predict([(motion, motion)])[0] == "FAVOR"


def framed_motions():
    """Motions in the parliamentary frame, for and against their topics."""
    rows = []
    for t in TOPICS:
        for verb, flip in (("supports", False), ("opposes", True)):
            for label, templates in (("FAVOR", FAVOR), ("AGAINST", AGAINST)):
                if flip:
                    label = "AGAINST" if label == "FAVOR" else "FAVOR"
                for template in templates:
                    rows.append((f"This house {verb} {t}", template.format(t=t), label))
    return pd.DataFrame(rows, columns=["target", "text", "label"])


def test_explain_reads_plain_motions_as_predict_does():
    rows = framed_motions()
    model = StanceClassifier(plain_motions=True, polarity_weight=0.5, random_state=0)
    model.fit(rows, rows["label"])
    X = [("This house opposes cinemas", "I fully support cinemas, great idea")]
    proba = model.predict_proba(X)[0]
    (explained,) = model.explain(X)
    assert explained["label"] == model.predict(X)[0]
    assert explained["score"] == pytest.approx(proba.max())


def test_a_plain_reading_of_the_motion_is_a_restatement_too():
    rows = framed_motions()
    model = StanceClassifier(plain_motions=True, restated_favor=True, random_state=0)
    model.fit(rows, rows["label"])
    motion = "This house opposes parks"
    assert list(
        model.predict([(motion, motion), (motion, "We should oppose parks")])
    ) == [
        "FAVOR",
        "FAVOR",
    ]


def test_a_model_saved_before_later_parameters_existed_keeps_the_sklearn_api(fitted):
    state = fitted.__getstate__()
    for later in ("plain_motions", "trees_weight", "trees_expert_"):
        del state[later]
    old = StanceClassifier.__new__(StanceClassifier)
    old.__setstate__(state)
    assert old.get_params()["plain_motions"] is False
    assert old.get_params()["trees_weight"] == 0.0
    repr(old)
    clone(old)
    assert list(old.predict([("parks", "I love parks")])) == list(
        fitted.predict([("parks", "I love parks")])
    )


def test_explain_gives_a_restated_target_the_label_predict_gives():
    rows = framed_motions()
    model = StanceClassifier(restated_favor=True, random_state=0)
    model.fit(rows, rows["label"])
    motion = "This house opposes parks"
    (explained,) = model.explain([(motion, motion)])
    assert explained["label"] == model.predict([(motion, motion)])[0] == "FAVOR"
    assert explained["score"] == 1.0
    assert explained["reasons"][0] == "the text states the target itself"
