"""CheckWorthinessClassifier: a scikit-learn estimator over sentences."""

from __future__ import annotations

import random
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV, GroupKFold, cross_validate

from stancekit.errors import LabelError, StancekitWarning
from stancekit.models.checkworthy import CheckWorthinessClassifier

CLAIMS = [
    "Unemployment fell to {n}% in {y}.",
    "We spent ${n} billion on new roads last year.",
    "Crime rose {n} percent since {y}.",
    "The deficit grew by {n} million dollars in {y}.",
    "The senator voted against the bill {n} times.",
    "Wages are {n}% lower than in {y}.",
]
OTHER = [
    "Thank you very much.",
    "Let me finish, please.",
    "Good evening to all of you.",
    "I want to talk about our future.",
    "That is a great question.",
    "We are going to win this.",
]
OPINIONS = ["I believe we can do better.", "I think that is wrong.", "I feel hopeful."]


def debates(n_docs: int = 6, lines: int = 20, seed: int = 0) -> pd.DataFrame:
    """Invented debate lines: claims with numbers are check-worthy."""
    rng = random.Random(seed)
    rows = []
    for d in range(n_docs):
        for _ in range(lines):
            claim = rng.random() < 0.3
            template = rng.choice(CLAIMS if claim else OTHER)
            text = template.format(n=rng.randint(2, 90), y=rng.randint(1990, 2020))
            speaker = rng.choice(["ANN", "BOB", "MOD"])
            rows.append(
                {
                    "text": text,
                    "speaker": speaker,
                    "group": f"d{d}",
                    "label": int(claim),
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return debates()


@pytest.fixture(scope="module")
def fitted(data) -> CheckWorthinessClassifier:
    return CheckWorthinessClassifier(random_state=0).fit(data, data["label"])


def test_fit_predict_on_a_table(fitted, data):
    assert fitted.classes_.tolist() == [0, 1]
    assert (fitted.predict(data) == data["label"]).mean() > 0.95
    new = ["Prices rose 7% in 2011.", "Thank you, everyone."]
    assert fitted.predict(new).tolist() == [1, 0]


def test_probabilities_and_scores_agree(fitted, data):
    proba = fitted.predict_proba(data)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    scores = fitted.decision_function(data)
    assert scores.shape == (len(data),)
    # Calibration is monotone: it never reorders the ranking.
    order = np.argsort(scores, kind="stable")
    assert np.all(np.diff(proba[order, 1]) >= -1e-12)


def test_calibrated_probabilities_track_the_base_rate():
    noisy = debates(n_docs=10, lines=40, seed=1)
    rng = np.random.default_rng(0)
    y = noisy["label"].to_numpy().copy()
    flip = rng.random(len(y)) < 0.15  # label noise the model cannot learn
    y[flip] = 1 - y[flip]
    clf = CheckWorthinessClassifier(random_state=0).fit(noisy, y)
    fresh = debates(n_docs=5, lines=40, seed=2)
    p = clf.predict_proba(fresh)[:, 1]
    y_fresh = fresh["label"].to_numpy().copy()
    flip = rng.random(len(y_fresh)) < 0.15
    y_fresh[flip] = 1 - y_fresh[flip]
    # Confident scores would say ~0/1; calibrated ones admit the noise.
    high = p > 0.5
    assert 0.6 < y_fresh[high].mean() < 1.0
    brier = np.mean((p - y_fresh) ** 2)
    assert brier < np.mean((y_fresh.mean() - y_fresh) ** 2)


def test_string_labels_stay_strings(data):
    y = np.where(data["label"] == 1, "check", "skip")
    clf = CheckWorthinessClassifier(random_state=0).fit(data["text"].tolist(), y)
    assert clf.classes_.tolist() == ["check", "skip"]
    assert clf.predict(["Taxes rose 9% in 2001."]).tolist() == ["check"]


def test_multiclass(data):
    y = np.where(
        data["label"] == 1, "claim", np.where(data.index % 2 == 0, "chat", "other")
    )
    texts = data["text"].tolist()
    y = list(y)
    for t in OPINIONS * 5:
        texts.append(t)
        y.append("opinion")
    clf = CheckWorthinessClassifier(random_state=0).fit(texts, y)
    assert clf.classes_.tolist() == ["chat", "claim", "opinion", "other"]
    assert clf.predict_proba(["I believe in it."]).shape == (1, 4)
    assert clf.decision_function(["I believe in it."]).shape == (1, 4)
    assert clf.predict(["Crime rose 5 percent since 1999."]).tolist() == ["claim"]
    assert clf.explain(["I believe we can."], top=2)[0]


def test_not_fitted():
    with pytest.raises(NotFittedError):
        CheckWorthinessClassifier().predict(["Hello."])


def test_one_class_is_refused():
    with pytest.raises(LabelError, match=r"at least two classes; found \[0\]"):
        CheckWorthinessClassifier().fit(["A claim.", "Another one."], [0, 0])


def test_missing_labels_are_refused():
    with pytest.raises(LabelError, match="row 1 has none"):
        CheckWorthinessClassifier().fit(["A claim.", "Another one."], [1, None])


def test_label_count_must_match():
    with pytest.raises(LabelError, match=r"one label per row \(2 rows\); got 3"):
        CheckWorthinessClassifier().fit(["A claim.", "Another one."], [1, 0, 1])


def test_bad_calibration_name():
    with pytest.raises(ValueError, match=r"calibration must be one of .*got 'platt'"):
        CheckWorthinessClassifier(calibration="platt").fit(["Jobs.", "Hi."], [1, 0])


def test_too_few_examples_to_calibrate_warns():
    with pytest.warns(StancekitWarning, match="not calibrated: the rarest class has 1"):
        clf = CheckWorthinessClassifier().fit(
            ["Jobs rose 5%.", "Hi there.", "Thanks."], [1, 0, 0]
        )
    assert clf.calibrated_ is None
    assert clf.predict_proba(["Jobs."]).shape == (1, 2)


def test_no_calibration_on_request(data):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        clf = CheckWorthinessClassifier(calibration=None).fit(data, data["label"])
    assert clf.calibrated_ is None


def test_explain_gives_readable_positive_reasons(fitted):
    reasons = fitted.explain(["Unemployment fell 4% in 2019.", "Thank you."], top=3)
    assert len(reasons) == 2
    assert 1 <= len(reasons[0]) <= 3
    assert all(isinstance(r, str) and w > 0 for r, w in reasons[0])
    weights = [w for _, w in reasons[0]]
    assert weights == sorted(weights, reverse=True)
    cue_reasons = {"contains a percentage", "mentions a year", "contains a number"}
    assert cue_reasons & {r for r, _ in reasons[0]}


def test_explain_top_must_be_positive(fitted):
    with pytest.raises(ValueError, match="top must be a positive int; got 0"):
        fitted.explain(["Hi."], top=0)


def test_context_comes_from_the_same_document(fitted):
    rows = pd.DataFrame(
        {
            "text": ["Jobs rose 5% in 2010.", "Thank you.", "Thank you."],
            "speaker": ["ANN", "ANN", "ANN"],
            "group": ["a", "a", "b"],
        }
    )
    m = fitted.features_.transform(rows)
    names = list(fitted.features_.get_feature_names_out())
    col = names.index("previous:cue:percentage")
    assert m[1, col] > 0 and m[2, col] == 0


def test_clone_and_params():
    clf = CheckWorthinessClassifier(C=0.5, use_context=False)
    twin = clone(clf)
    assert twin.get_params() == clf.get_params()
    assert not hasattr(twin, "classes_")


def test_cross_validate_with_groups(data):
    result = cross_validate(
        CheckWorthinessClassifier(random_state=0),
        data,
        data["label"],
        groups=data["group"],
        cv=GroupKFold(n_splits=3),
        scoring="average_precision",
    )
    assert result["test_score"].mean() > 0.9


def test_grid_search(data):
    search = GridSearchCV(
        CheckWorthinessClassifier(random_state=0),
        {"C": [0.1, 1.0], "use_cues": [True, False]},
        cv=3,
        scoring="f1",
    ).fit(data["text"].tolist(), data["label"])
    assert search.best_params_["C"] in (0.1, 1.0)
    assert search.predict(["Jobs fell 3% in 2000."]).tolist() == [1]


def test_inputs_as_dataset_and_records(fitted, data):
    import datasets

    ds = datasets.Dataset.from_pandas(data)
    records = data.to_dict("records")
    np.testing.assert_allclose(fitted.predict_proba(ds), fitted.predict_proba(records))


def test_memory_option(data):
    clf = CheckWorthinessClassifier(use_memory=True, random_state=0).fit(
        data, data["label"]
    )
    names = list(clf.features_.get_feature_names_out())
    assert "memory:max=1" in names
    assert clf.predict(["Crime rose 12 percent since 1995."]).tolist() == [1]


def test_save_and_load_round_trip(fitted, data, tmp_path):
    from stancekit.persist.files import load_model, save_model

    path = save_model(fitted, tmp_path / "cw.skm")
    loaded = load_model(path)
    np.testing.assert_array_equal(
        loaded.predict_proba(data), fitted.predict_proba(data)
    )
    assert loaded.explain(["Jobs rose 5%."]) == fitted.explain(["Jobs rose 5%."])


def test_random_state_repeats_a_run(data):
    a = CheckWorthinessClassifier(random_state=3).fit(data, data["label"])
    b = CheckWorthinessClassifier(random_state=3).fit(data, data["label"])
    np.testing.assert_array_equal(a.predict_proba(data), b.predict_proba(data))
