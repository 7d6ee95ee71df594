"""NgramClassifier: the plain word + character n-gram model, and topic stance."""

from __future__ import annotations

import pytest
from test_recipes import topic_table

from stancekit.errors import LabelError
from stancekit.models.ngram import NgramClassifier
from stancekit.pipeline.predict import predict_rows


def test_per_target_columns_let_stance_words_differ_by_topic():
    # "high" favours topic A and opposes topic B: only per-target columns see it
    rows, y = [], []
    for i in range(12):
        rows += [
            ("topic A", f"prices are high {i}"),
            ("topic A", f"prices are low {i}"),
        ]
        rows += [
            ("topic B", f"prices are high {i}"),
            ("topic B", f"prices are low {i}"),
        ]
        y += ["favor", "against", "against", "favor"]
    X = [{"target": t, "text": x} for t, x in rows]
    shared = NgramClassifier(task="stance", target_mode="shared", random_state=0)
    per = NgramClassifier(task="stance", target_mode="per_target", random_state=0)
    test = [
        {"target": "topic A", "text": "high"},
        {"target": "topic B", "text": "high"},
    ]
    assert per.fit(X, y).predict(test).tolist() == ["favor", "against"]
    assert len(set(shared.fit(X, y).predict(test))) == 1


def test_an_unseen_target_falls_back_to_the_shared_columns():
    frame = topic_table()
    clf = NgramClassifier(task="stance", target_mode="per_target").fit(
        frame, frame["label"]
    )
    assert clf.predict([{"target": "a new topic", "text": "This is great."}]).shape == (
        1,
    )


def test_predict_knows_which_task_the_model_serves():
    frame = topic_table()
    clf = NgramClassifier(task="stance").fit(frame, frame["label"])
    row = next(predict_rows(clf, [{"text": "This is bad."}], target="topic 1"))
    assert row["stance"] in {"favor", "against"} and "stance_score" in row


def test_explain_gives_stance_reasons_as_strings():
    frame = topic_table()
    clf = NgramClassifier(task="stance").fit(frame, frame["label"])
    out = clf.explain([{"target": "topic 1", "text": "This is bad."}], top=2)[0]
    assert out["label"] in {"favor", "against"}
    assert all(isinstance(r, str) for r in out["reasons"])


def test_bad_parameters_and_labels_are_refused():
    with pytest.raises(ValueError, match="target_mode must be one of"):
        NgramClassifier(target_mode="x").fit(["a", "b"], [0, 1])
    with pytest.raises(ValueError, match="task must be one of"):
        NgramClassifier(task="x").fit(["a", "b"], [0, 1])
    with pytest.raises(LabelError, match="at least two distinct labels"):
        NgramClassifier().fit(["a", "b"], [1, 1])
    with pytest.raises(ValueError, match=r"one label per row \(2 rows\); got 3"):
        NgramClassifier().fit(["a", "b"], [0, 1, 1])
    with pytest.raises(ValueError, match="top must be a positive int"):
        NgramClassifier().fit(["alpha", "beta"], [0, 1]).explain(["alpha"], top=0)
