"""The one cross-validation loop: grouped folds, per-fold and pooled metrics."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression

from stancekit.errors import InputError, LabelError
from stancekit.evaluation.cv import cross_validate, folds, take


def test_grouped_folds_keep_every_group_on_one_side():
    groups = [f"g{i // 5}" for i in range(40)]
    y = [i % 2 for i in range(40)]
    splits, grouped = folds(y, groups, 4, seed=3)
    assert grouped and len(splits) == 4
    for train, test in splits:
        assert not {groups[i] for i in train} & {groups[i] for i in test}
    assert sorted(np.concatenate([t for _, t in splits]).tolist()) == list(range(40))


def test_the_seed_deals_groups_into_folds_differently():
    groups = [f"g{i // 2}" for i in range(40)]
    y = [i % 2 for i in range(40)]
    a = [t.tolist() for _, t in folds(y, groups, 4, seed=0)[0]]
    b = [t.tolist() for _, t in folds(y, groups, 4, seed=1)[0]]
    assert a != b


def test_too_few_groups_fall_back_to_stratified_folds():
    splits, grouped = folds([0, 1] * 6, ["a"] * 12, 3)
    assert not grouped and len(splits) == 3


@pytest.mark.parametrize("k", [1, 2.5, True])
def test_k_must_be_an_int_of_at_least_two(k):
    with pytest.raises(InputError, match=r"cv must be an int of at least 2; got"):
        folds([0, 1] * 4, None, k)


def test_stratified_folds_need_k_rows_of_the_rarest_label():
    with pytest.raises(LabelError, match=r"cv=3 needs at least 3 rows.*has 2"):
        folds([0] * 10 + [1] * 2, None, 3)


def test_cross_validate_returns_pooled_and_per_fold_metrics():
    rng = np.random.RandomState(0)
    X = rng.rand(60, 3)
    y = (X[:, 0] > 0.5).astype(int)
    groups = [f"d{i % 6}" for i in range(60)]
    result = cross_validate(LogisticRegression, X, y, groups=groups, k=3)
    assert result["folds"] == 3 and result["grouped"] is True
    assert result["n"] == 60 and 0 <= result["map"] <= 1
    assert len(result["per_fold"]) == 3
    assert sum(f["n"] for f in result["per_fold"]) == 60
    assert all("per_class" not in f for f in result["per_fold"])


def test_cross_validate_needs_two_labels():
    with pytest.raises(LabelError, match="at least two labels; found only"):
        cross_validate(DummyClassifier, [[0]] * 6, [1] * 6, k=2)


def test_take_keeps_the_kind_of_container():
    assert take(["a", "b", "c"], np.array([2, 0])) == ["c", "a"]
    assert take(np.arange(3), np.array([1])).tolist() == [1]


def test_rows_in_no_test_part_are_left_out_of_the_pooled_figures():
    y = [0, 1] * 4
    one_split = [(np.arange(4), np.arange(4, 8))]
    result = cross_validate(lambda: DummyClassifier(), [[0]] * 8, y, splits=one_split)
    assert result["n"] == 4 and len(result["per_fold"]) == 1
