"""PerTargetClassifier (a model per recurring target) and SemEval-style training."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from stancekit.cli import app
from stancekit.formats import load_labeled
from stancekit.models.ngram import NgramClassifier
from stancekit.models.per_target import PerTargetClassifier
from stancekit.persist import load_model, save_model
from stancekit.persist.files import read_metadata
from stancekit.pipeline.predict import evaluate_model, predict_rows
from stancekit.pipeline.recipes import candidates, select

# What the same words mean depends on the topic: "it went up" is good news
# for wages and bad news for rents. Written for these tests.
TOPICS = {
    "Higher wages": ("favor", "against"),
    "Rent control": ("against", "favor"),
    "Carbon tax": ("favor", "against"),
}
UP = ["it went up again {}", "up by a lot this year {}", "finally rising, {} points"]
DOWN = [
    "it went down again {}",
    "down by a lot this year {}",
    "finally falling, {} points",
]
OFF = [
    "lunch was lovely today {}",
    "the match starts at {} pm",
    "new phone, who dis {}",
]


def topic_rows(per_topic: int = 12) -> tuple[list[dict], list[str]]:
    rows, labels = [], []
    for target, (up, down) in TOPICS.items():
        for i in range(per_topic):
            for texts, label in ((UP, up), (DOWN, down), (OFF, "none")):
                rows.append({"target": target, "text": texts[i % 3].format(i)})
                labels.append(label)
    return rows, labels


def test_the_same_words_take_each_topics_own_side():
    X, y = topic_rows()
    clf = PerTargetClassifier(random_state=0).fit(X, y)
    asked = [
        {"target": "Higher wages", "text": "it went up again 99"},
        {"target": "Rent control", "text": "it went up again 99"},
        {"target": "Rent control", "text": "down by a lot this year 99"},
    ]
    assert clf.predict(asked).tolist() == ["favor", "against", "favor"]
    assert sorted(clf.per_target_) == ["carbon tax", "higher wages", "rent control"]
    # one shared model reads the target's words but weighs words the same
    # way for every topic: it cannot give "up" both sides
    shared = NgramClassifier(task="stance", random_state=0).fit(X, y)
    assert len(set(shared.predict(asked[:2]))) == 1


def test_a_target_never_seen_is_labelled_by_the_shared_model():
    X, y = topic_rows()
    clf = PerTargetClassifier(random_state=0).fit(X, y)
    new = [{"target": "Bus fares", "text": "it went up again"}]
    np.testing.assert_allclose(
        clf.predict_proba(new),
        clf.shared_.predict_proba([("Bus fares", "it went up again")]),
    )


def test_rare_and_one_sided_targets_get_no_model_of_their_own():
    X, y = topic_rows()
    X += [
        {"target": "Tiny topic", "text": f"it went {w} {i}"}
        for i, w in enumerate(["up", "down"] * 2)
    ]
    y += ["favor", "against"] * 2
    X += [{"target": "One side", "text": f"all good {i}"} for i in range(20)]
    y += ["favor"] * 20
    clf = PerTargetClassifier(min_target_rows=10, random_state=0).fit(X, y)
    assert sorted(clf.per_target_) == ["carbon tax", "higher wages", "rent control"]
    smaller = PerTargetClassifier(min_target_rows=4, random_state=0).fit(X, y)
    assert "tiny topic" in smaller.per_target_ and "one side" not in smaller.per_target_


def test_a_label_a_target_never_had_gets_probability_zero_there():
    X, y = topic_rows()
    X += [{"target": "Two labels", "text": t} for t in ("yes please", "no thanks") * 6]
    y += ["favor", "against"] * 6
    clf = PerTargetClassifier(random_state=0).fit(X, y)
    proba = clf.predict_proba([{"target": "two  LABELS", "text": "yes please"}])[0]
    assert clf.classes_.tolist() == ["against", "favor", "none"]
    assert proba[2] == 0.0 and np.isclose(proba.sum(), 1.0)
    assert clf.predict([{"target": "Two labels", "text": "yes please"}])[0] == "favor"


def test_sample_weight_reaches_the_target_models():
    X, y = topic_rows()
    weights = np.where(np.asarray(y) == "none", 10.0, 1.0)
    plain = PerTargetClassifier(random_state=0).fit(X, y)
    heavy = PerTargetClassifier(random_state=0).fit(X, y, sample_weight=weights)
    row = [("Carbon tax", "it went")]
    for key in plain.per_target_:
        assert not np.allclose(
            heavy.per_target_[key].predict_proba(row),
            plain.per_target_[key].predict_proba(row),
        )


def test_explain_gives_the_reasons_of_the_model_that_labelled_the_row():
    X, y = topic_rows()
    clf = PerTargetClassifier(random_state=0).fit(X, y)
    own, new = clf.explain(
        [
            {"target": "Rent control", "text": "it went up"},
            {"target": "Bus fares", "text": "it went up"},
        ],
        top=20,
    )
    assert own["label"] == "against"
    assert not any(r.startswith("target word") for r in own["reasons"])
    assert any(r.startswith("word 'up'") for r in own["reasons"])
    assert new["label"] == clf.shared_.predict([("Bus fares", "it went up")])[0]


def test_a_saved_model_loads_through_the_pickle_guard(tmp_path):
    X, y = topic_rows()
    clf = PerTargetClassifier(random_state=0).fit(X, y)
    loaded = load_model(save_model(clf, tmp_path / "topics.skmodel"))
    np.testing.assert_allclose(loaded.predict_proba(X), clf.predict_proba(X))


def test_it_is_a_stance_candidate_but_not_for_claim_body_pairs():
    assert "per-target" in candidates("stance", ["FAVOR", "AGAINST", "NONE"])
    assert "per-target" not in candidates("stance", ["agree", "discuss", "unrelated"])


def test_training_on_a_semeval_file_scores_candidates_on_tweets_of_known_targets(
    tmp_path,
):
    # SemEval-2016 Task A tests the targets it trains on: the selection's
    # folds must mix each target's tweets, not hold a target out (where a
    # model per target could never be right).
    X, y = topic_rows(per_topic=15)
    lines = ["ID\tTarget\tTweet\tStance"]
    for i, (row, label) in enumerate(zip(X, y, strict=True)):
        lines.append(f"{i + 1}\t{row['target']}\t{row['text']} #SemST\t{label.upper()}")
    data = tmp_path / "semeval-train.txt"
    data.write_text("\n".join(lines) + "\n")
    out = tmp_path / "topics.skmodel"
    result = CliRunner().invoke(
        app, ["train", "stance", "--data", f"semeval2016:{data}", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    selection = read_metadata(out)["selection"]
    assert selection["metric"] == "f_avg"
    assert selection["candidates"]["per-target"] > 0.9
    assert selection["winner"] in {"per-target", "topic"}
    # grouped by target (the loader's group until 6 December), each fold's
    # targets are new and no model per target can be right
    frame = load_labeled(f"semeval2016:{data}").to_pandas()
    frame["group"] = frame["target"]
    by_target = select("stance", frame, names=["per-target"])
    assert by_target["candidates"]["per-target"] < 0.5


def test_evaluating_tweets_ranks_them_together_not_one_tweet_per_document(tmp_path):
    X, y = topic_rows()
    rows = [(r, label) for r, label in zip(X, y, strict=True) if label != "none"]
    lines = ["ID\tTarget\tTweet\tStance"]
    for i, (row, label) in enumerate(rows):
        tweet = f"{row['text']} #t{i}"
        lines.append(f"{i + 1}\t{row['target']}\t{tweet}\t{label.upper()}")
    data = tmp_path / "two-labels.txt"
    data.write_text("\n".join(lines) + "\n")
    model = PerTargetClassifier(random_state=0).fit(
        [r for r, _ in rows], [label.upper() for _, label in rows]
    )
    result = evaluate_model(model, f"semeval2016:{data}")
    # one tweet per group: a MAP over them would be the share of FAVOR tweets
    assert result["n_groups"] == 1
    assert result["map"] == pytest.approx(result["average_precision"], abs=0.05)


def test_predict_and_label_take_a_per_target_model_and_score_the_stance_given(
    tmp_path, tiny_models
):
    X, y = topic_rows()
    two = [(r, label.upper()) for r, label in zip(X, y, strict=True) if label != "none"]
    model = PerTargetClassifier(random_state=0).fit(
        [r for r, _ in two], [label for _, label in two]
    )
    path = save_model(model, tmp_path / "two.skmodel")
    table = tmp_path / "rows.csv"
    table.write_text(
        "target,text\nRent control,it went up again 7\nHigher wages,it went up again 7\n"
    )
    result = CliRunner().invoke(app, ["predict", "--model", str(path), str(table)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["stance"] for r in rows] == ["AGAINST", "FAVOR"]
    # the probability of the stance given, not of FAVOR, whichever is given
    assert all(r["stance_score"] > 0.5 for r in rows)
    article = tmp_path / "wages.txt"
    article.write_text("Wages\n\nIt went up again this year.\n")
    result = CliRunner().invoke(
        app,
        [
            "label",
            str(article),
            "--model-stance",
            str(path),
            "--target",
            "Higher wages",
            "--model-checkworthy",
            str(save_model(tiny_models[0], tmp_path / "cw.skm")),
        ],
    )
    assert result.exit_code == 0, result.output


def test_reasons_name_the_label_they_pushed_when_a_threshold_turned_it(tmp_path):
    X, y = topic_rows()
    two = [(r, label) for r, label in zip(X, y, strict=True) if label != "none"]
    model = PerTargetClassifier(random_state=0).fit(
        [r for r, _ in two], [label for _, label in two]
    )
    row = {"target": "Higher wages", "text": "it went up again 7"}
    assert model.predict([row])[0] == "favor"
    model.decision_threshold_ = 0.999  # favor only when all but certain
    out = next(predict_rows(model, [row], explain=True))
    assert out["stance"] == "against"
    assert out["stance_reasons"] and all(
        "toward favor)" in r for r in out["stance_reasons"]
    )


def test_a_confidence_floor_for_a_model_that_cannot_abstain_is_one_line(
    tmp_path, tiny_models
):
    X, y = topic_rows()
    two = [(r, label) for r, label in zip(X, y, strict=True) if label != "none"]
    model = PerTargetClassifier(random_state=0).fit(
        [r for r, _ in two], [label for _, label in two]
    )
    path = save_model(model, tmp_path / "two.skmodel")
    article = tmp_path / "rents.txt"
    article.write_text("Rents\n\nRents went up again this year.\n")
    result = CliRunner().invoke(
        app,
        ["label", str(article), "--model-stance", str(path), "--target", "Rent control"]
        + ["--model-checkworthy", str(save_model(tiny_models[0], tmp_path / "cw.skm"))]
        + ["--min-stance-confidence", "0.9"],
    )
    assert result.exit_code == 1
    assert (
        "min_stance_confidence needs a stance model that can abstain" in result.output
    )
    assert "Traceback" not in result.output
    # refused before the default check-worthiness model would be built
    result = CliRunner().invoke(
        app,
        ["label", str(article), "--model-stance", str(path), "--target", "Rent control"]
        + ["--model-checkworthy", str(tmp_path / "absent.skm")]
        + ["--min-stance-confidence", "0.9"],
    )
    assert "min_stance_confidence needs" in result.output
