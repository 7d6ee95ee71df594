"""The task estimators behave like scikit-learn's (issue 9)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils import estimator_checks as checks

from stancekit.models.checkworthy import CheckWorthinessClassifier
from stancekit.models.headline import HeadlineStanceClassifier
from stancekit.models.ngram import NgramClassifier
from stancekit.models.per_target import PerTargetClassifier
from stancekit.models.stance import StanceClassifier

ESTIMATORS = [
    CheckWorthinessClassifier,
    StanceClassifier,
    NgramClassifier,
    HeadlineStanceClassifier,
    PerTargetClassifier,
]
SENTENCES = ["Taxes rose 5% in 2019.", "Thank you all.", "Jobs fell 2%.", "Hello."] * 3
PAIRS = [("taxes", "Raise taxes now"), ("taxes", "Taxes are theft")] * 6
CLAIM_LABELS = [1, 0, 1, 0] * 3
PAIR_LABELS = ["FAVOR", "AGAINST"] * 6


def _data(cls):
    if cls in (StanceClassifier, HeadlineStanceClassifier, PerTargetClassifier):
        return PAIRS, PAIR_LABELS, {}
    if cls is NgramClassifier:
        return SENTENCES, CLAIM_LABELS, {"task": "checkworthy"}
    return SENTENCES, CLAIM_LABELS, {}


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_check_estimator_passes_what_applies_to_text_estimators(cls):
    results = checks.check_estimator(cls(), on_fail=None)
    assert results and all(r["status"] == "passed" for r in results)


@pytest.mark.parametrize("cls", ESTIMATORS)
@pytest.mark.parametrize(
    "check",
    [
        checks.check_no_attributes_set_in_init,
        checks.check_parameters_default_constructible,
        checks.check_get_params_invariance,
        checks.check_set_params,
        checks.check_estimator_repr,
    ],
)
def test_parameter_checks_of_scikit_learn_pass(cls, check):
    check(cls.__name__, cls())


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_tags_declare_string_input_as_tfidf_vectorizer_does(cls):
    tags = cls().__sklearn_tags__()
    assert tags.input_tags.string and not tags.input_tags.two_d_array


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_init_takes_keyword_arguments_only(cls):
    with pytest.raises(TypeError):
        cls("linear")


@pytest.mark.parametrize("cls", ESTIMATORS)
@pytest.mark.parametrize("method", ["predict", "predict_proba"])
def test_predicting_before_fit_raises_not_fitted_error(cls, method):
    X, _, params = _data(cls)
    with pytest.raises(NotFittedError):
        getattr(cls(**params), method)(X)


@pytest.mark.parametrize("cls", [CheckWorthinessClassifier, NgramClassifier])
def test_decision_function_before_fit_raises_not_fitted_error(cls):
    with pytest.raises(NotFittedError):
        cls().decision_function(SENTENCES)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_fit_without_labels_names_y(cls):
    X, _, params = _data(cls)
    with pytest.raises(ValueError, match="y must be a sequence of labels.*got None"):
        cls(**params).fit(X, None)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_continuous_labels_are_refused_before_any_work(cls):
    X, _, params = _data(cls)
    y = np.linspace(0.1, 0.9, len(X))
    with pytest.raises(ValueError, match="y must hold class labels.*continuous"):
        cls(**params).fit(X, y)


@pytest.mark.parametrize(
    "cls", [StanceClassifier, CheckWorthinessClassifier, HeadlineStanceClassifier]
)
def test_numeric_x_is_refused_with_a_clear_error(cls):
    rng = np.random.RandomState(0)
    with pytest.raises(TypeError, match=f"{cls.__name__} reads text.*numeric array"):
        cls().fit(rng.rand(20, 2), [0, 1] * 10)


def test_a_list_of_numbers_is_refused_too():
    with pytest.raises(TypeError, match="reads text.*numbers such as 0.5"):
        StanceClassifier().fit([[0.5, 1.0], [0.2, 0.1]], ["a", "b"])


def test_stance_classifier_has_no_misleading_n_features_in():
    clf = StanceClassifier(random_state=0).fit(PAIRS, PAIR_LABELS)
    assert not hasattr(clf, "n_features_in_")


def test_cue_weight_is_a_parameter_of_the_check_worthiness_model():
    clf = CheckWorthinessClassifier(cue_weight=2.0, random_state=0)
    clf.fit(SENTENCES, CLAIM_LABELS)
    assert clf.features_.cue_weight == 2.0


def test_neighbour_words_has_one_default():
    from stancekit.features.claims import ClaimFeatures

    assert (
        ClaimFeatures().neighbour_words
        == CheckWorthinessClassifier().neighbour_words
        is False
    )


def test_sample_weight_is_honoured_by_the_ngram_model():
    weights = np.where(np.asarray(CLAIM_LABELS) == 1, 5.0, 1.0)
    plain = NgramClassifier(random_state=0).fit(SENTENCES, CLAIM_LABELS)
    heavy = NgramClassifier(random_state=0).fit(
        SENTENCES, CLAIM_LABELS, sample_weight=weights
    )
    assert not np.allclose(
        plain.predict_proba(["Hello."]), heavy.predict_proba(["Hello."])
    )


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_estimators_clone_and_refit_to_the_same_predictions(cls):
    X, y, params = _data(cls)
    a = cls(random_state=0, **params).fit(X, y)
    b = clone(a).fit(X, y)
    assert np.allclose(a.predict_proba(X), b.predict_proba(X))
