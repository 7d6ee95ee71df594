"""Training from data specs: loading, grouped CV, model files with metadata."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from _examples import CLAIM_TEMPLATES as CLAIMS
from _examples import OTHER_LINES as OTHER
from _examples import rare_claim_rows

from stancekit.errors import InputError, LabelError, ModelFileError
from stancekit.persist.files import load_model, read_metadata
from stancekit.pipeline.training import (
    cross_validate_model,
    load_training_data,
    new_model,
    positive_label,
    selection_rows,
    train,
)


def table(n_docs: int = 4, lines: int = 12, seed: int = 0) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for d in range(n_docs):
        for _ in range(lines):
            claim = rng.random() < 0.35
            text = rng.choice(CLAIMS if claim else OTHER)
            rows.append(
                {
                    "text": text.format(
                        n=rng.randint(2, 99), y=rng.randint(1990, 2020)
                    ),
                    "label": int(claim),
                    "group": f"doc{d}",
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture
def csv_spec(tmp_path) -> str:
    path = tmp_path / "lines.csv"
    table().to_csv(path, index=False)
    return f"csv:{path}"


def test_new_model_knows_the_tasks():
    assert new_model("checkworthy", C=0.5).C == 0.5
    with pytest.raises(
        InputError, match=r"task must be one of \['checkworthy'.*got 'spam'"
    ):
        new_model("spam")


def test_load_training_data_keeps_documents_of_each_spec_apart(tmp_path, csv_spec):
    frame = load_training_data([csv_spec, csv_spec])
    assert len(frame) == 2 * 48
    assert frame["group"].nunique() == 8
    assert frame["group"].iloc[0] == "0:doc0"


def test_load_training_data_needs_specs():
    with pytest.raises(InputError, match="at least one data spec"):
        load_training_data([])


@pytest.mark.parametrize(
    ("labels", "positive"),
    [
        ([0, 1], 1),
        ([True, False], True),
        (["no", "yes"], "yes"),
        (["a", "b"], "b"),
        (["-1", "0", "1"], "1"),
        (["agree", "discuss", "unrelated"], None),
        (np.array([0, 1]), 1),
    ],
)
def test_positive_label(labels, positive):
    assert positive_label(labels) == positive


def test_grouped_cross_validation(csv_spec):
    frame = load_training_data([csv_spec])
    result = cross_validate_model("checkworthy", frame, 4, seed=0)
    assert result["grouped"] is True and result["folds"] == 4
    assert result["n"] == len(frame)
    assert result["n_groups"] == 4
    assert 0.8 < result["map"] <= 1.0
    assert 0.0 <= result["brier"] < 0.2


def test_stratified_cross_validation_without_groups(csv_spec):
    frame = load_training_data([csv_spec]).drop(columns=["group"])
    result = cross_validate_model("checkworthy", frame, 3, seed=0)
    assert result["grouped"] is False
    assert result["accuracy"] > 0.8


def test_cv_needs_two_folds(csv_spec):
    frame = load_training_data([csv_spec])
    with pytest.raises(InputError, match="cv must be an int of at least 2; got 1"):
        cross_validate_model("checkworthy", frame, 1)


def test_cv_needs_enough_rows_per_label():
    frame = pd.DataFrame(
        {"text": ["Jobs rose 5%.", "Hi.", "Hello.", "Hey."], "label": [1, 0, 0, 0]}
    )
    with pytest.raises(LabelError, match="rarest label has 1. Use a smaller --cv"):
        cross_validate_model("checkworthy", frame, 2)


def test_cv_needs_two_labels():
    frame = pd.DataFrame({"text": ["Hi.", "Hello."], "label": [0, 0]})
    with pytest.raises(LabelError, match=r"at least two labels; found only \[0\]"):
        cross_validate_model("checkworthy", frame, 2)


def test_train_saves_a_model_with_metadata(tmp_path, csv_spec):
    out = tmp_path / "cw.skm"
    meta = train("checkworthy", [csv_spec], out, cv=2, seed=1)
    assert out.is_file()
    saved = read_metadata(out)
    assert saved["task"] == "checkworthy"
    assert saved["n_samples"] == 48 and saved["n_groups"] == 4
    assert saved["labels"] == [0, 1]
    assert saved["metrics"]["cv"]["folds"] == 2
    assert saved["params"]["random_state"] == 1
    assert meta["label_counts"] == saved["label_counts"]
    model = load_model(out)
    assert model.predict(["Jobs rose 7% in 2001."]).tolist() == [1]


def test_train_on_one_class_leaves_no_file(tmp_path):
    path = tmp_path / "one.csv"
    pd.DataFrame({"text": ["Hi there.", "Hello."], "label": [1, 1]}).to_csv(
        path, index=False
    )
    out = tmp_path / "m.skm"
    with pytest.raises(LabelError, match=r"found only \[1\]"):
        train("checkworthy", [f"csv:{path}"], out)
    assert list(tmp_path.iterdir()) == [path]


def test_train_needs_an_existing_folder(tmp_path, csv_spec):
    with pytest.raises(ModelFileError, match="existing folder; .* does not exist"):
        train("checkworthy", [csv_spec], tmp_path / "nope" / "m.skm")


def test_train_refuses_a_folder_as_output(tmp_path, csv_spec):
    with pytest.raises(ModelFileError, match="is a folder"):
        train("checkworthy", [csv_spec], tmp_path)


def test_train_reads_renamed_columns(tmp_path):
    frame = table().rename(columns={"text": "sentence", "label": "worthy"})
    path = tmp_path / "renamed.csv"
    frame.to_csv(path, index=False)
    meta = train(
        "checkworthy",
        [f"csv:{path}"],
        tmp_path / "m.skm",
        text_col="sentence",
        label_col="worthy",
    )
    assert meta["n_samples"] == 48


def test_train_records_every_candidates_figure_and_the_winner(tmp_path, csv_spec):
    out = tmp_path / "cw.skm"
    meta = train("checkworthy", [csv_spec], out, cv=2)
    selection = read_metadata(out)["selection"]
    assert set(selection["candidates"]) == {"plain", "stancekit", "ranker"}
    assert selection["metric"] == "map" and selection["grouped"] is True
    assert selection["folds"] == 2 and selection["inner_folds"] == 2
    best = max(selection["candidates"].values())
    assert selection["candidates"][selection["winner"]] == best
    assert meta["recipe"] == selection["winner"]
    assert meta["metrics"]["cv"]["folds"] == 2
    assert len(meta["metrics"]["cv"]["per_fold"]) == 2


def test_train_with_a_recipe_skips_the_selection(tmp_path, csv_spec):
    meta = train("checkworthy", [csv_spec], tmp_path / "m.skm", recipe="plain")
    assert meta["recipe"] == "plain" and "selection" not in meta
    assert type(load_model(tmp_path / "m.skm")).__name__ == "NgramClassifier"


def test_train_with_a_recipe_and_cv_reports_that_recipes_figure(tmp_path, csv_spec):
    meta = train("checkworthy", [csv_spec], tmp_path / "m.skm", recipe="plain", cv=2)
    assert list(meta["selection"]["candidates"]) == ["plain"]
    assert meta["metrics"]["cv"]["folds"] == 2


def test_train_refuses_an_unknown_recipe_before_reading_data(tmp_path):
    with pytest.raises(InputError, match=r"recipe must be one of \['plain'.*'best'"):
        train("checkworthy", ["csv:/nowhere.csv"], tmp_path / "m.skm", recipe="best")


def test_train_refuses_a_bad_cv_before_reading_data(tmp_path):
    with pytest.raises(InputError, match="cv must be an int of at least 2; got 1"):
        train("checkworthy", ["csv:/nowhere.csv"], tmp_path / "m.skm", cv=1)


def test_train_on_too_little_data_for_folds_says_why_it_did_not_compare(tmp_path):
    path = tmp_path / "few.csv"
    pd.DataFrame(
        {
            "text": ["Taxes rose 5%.", "Hello.", "Jobs fell 2%.", "Thanks."],
            "label": [1, 0, 1, 0],
        }
    ).to_csv(path, index=False)
    meta = train("checkworthy", [f"csv:{path}"], tmp_path / "m.skm")
    assert "needs at least 3 rows" in meta["selection"]["skipped"]
    assert meta["recipe"] == "stancekit"


def test_stance_selects_on_fewer_rows_than_check_worthiness():
    assert selection_rows("stance", "auto") < selection_rows("checkworthy", "auto")
    assert selection_rows("stance", None) is None
    assert selection_rows("stance", 500) == 500


@pytest.mark.parametrize("rows", [0, -3, 2.5, "all", True])
def test_train_refuses_a_bad_select_rows_before_reading_data(tmp_path, rows):
    with pytest.raises(InputError, match="select_rows must be a positive int"):
        train("stance", ["csv:missing.csv"], tmp_path / "m.skm", select_rows=rows)


def rare_table(n: int = 160, seed: int = 0) -> pd.DataFrame:
    return pd.DataFrame(rare_claim_rows(n, seed))


def test_a_table_without_documents_labels_from_the_threshold_of_best_f1(tmp_path):
    from stancekit.evaluation.decisions import THRESHOLDS
    from stancekit.pipeline.predict import evaluate_model, predict_rows

    path = tmp_path / "rare.csv"
    frame = rare_table()
    frame.to_csv(path, index=False)
    out = tmp_path / "m.skm"
    meta = train("checkworthy", [f"csv:{path}"], out, recipe="stancekit")
    assert meta["threshold"] in THRESHOLDS
    assert read_metadata(out)["threshold"] == meta["threshold"]
    model = load_model(out)
    assert model.decision_threshold_ == meta["threshold"]
    texts = [f"Rents rose {n}% last year." for n in range(2, 30)] + OTHER
    proba = model.predict_proba(texts)[:, 1]
    expected = (proba >= meta["threshold"]).astype(int).tolist()
    assert model.predict(texts).tolist() == expected
    rows = list(predict_rows(model, [{"text": t} for t in texts]))
    assert [r["checkworthy"] for r in rows] == expected
    # evaluate scores the labels predict gives
    report = evaluate_model(model, f"csv:{path}")
    called = model.predict(frame["text"].tolist())
    hits = int(((called == 1) & (frame["label"] == 1)).sum())
    f1 = 2 * hits / (int((called == 1).sum()) + int(frame["label"].sum()))
    assert report["f1_positive"] == pytest.approx(f1)


def test_a_table_keeps_the_half_when_asked(tmp_path):
    path = tmp_path / "rare.csv"
    rare_table().to_csv(path, index=False)
    out = tmp_path / "m.skm"
    meta = train(
        "checkworthy", [f"csv:{path}"], out, recipe="stancekit", tune_threshold=False
    )
    assert "threshold" not in meta
    assert not hasattr(load_model(out), "decision_threshold_")


def test_rows_of_documents_are_ranked_and_keep_the_half(tmp_path, csv_spec):
    meta = train("checkworthy", [csv_spec], tmp_path / "m.skm", recipe="plain")
    assert "threshold" not in meta


def test_a_table_without_documents_larger_than_the_selection_sample_trains(tmp_path):
    path = tmp_path / "bare.csv"
    rare_table(n=240).to_csv(path, index=False)
    assert "group" not in load_training_data([f"csv:{path}"])
    meta = train("checkworthy", [f"csv:{path}"], tmp_path / "m.skm", select_rows=80)
    assert meta["selection"]["rows"] < 240 and "n_groups" not in meta


def test_a_row_without_a_document_is_a_document_of_its_own(tmp_path):
    frame = table()
    frame.loc[[0, 5], "group"] = None
    path = tmp_path / "partly.csv"
    frame.to_csv(path, index=False)
    groups = load_training_data([f"csv:{path}"])["group"].tolist()
    assert groups[0] != groups[5] and groups[1] == "doc0"
    meta = train("checkworthy", [f"csv:{path}"], tmp_path / "m.skm", select_rows=30)
    assert meta["n_groups"] == 4 + 2


def test_several_bare_tables_are_still_rows_without_documents(tmp_path):
    paths = []
    for i in range(2):
        path = tmp_path / f"bare{i}.csv"
        rare_table(n=120, seed=i).to_csv(path, index=False)
        paths.append(f"csv:{path}")
    assert "group" not in load_training_data(paths)
    meta = train("checkworthy", paths, tmp_path / "m.skm", recipe="stancekit")
    assert "n_groups" not in meta and meta["threshold"] is not None


def test_the_winner_is_cut_by_the_figure_the_candidates_were_compared_by(tmp_path):
    frame = rare_table(n=160)
    frame["group"] = ["a", "b"] * 80  # two documents: too few for 3 grouped folds
    path = tmp_path / "two.csv"
    frame.to_csv(path, index=False)
    meta = train("checkworthy", [f"csv:{path}"], tmp_path / "m.skm")
    assert meta["selection"]["metric"] == "f1_positive"
    assert meta["threshold"] is not None


def test_three_verdicts_get_no_threshold(tmp_path):
    frame = rare_table(n=180)
    frame.loc[frame.index % 8 == 4, "label"] = -1  # ClaimBuster's NFS / UFS / CFS
    path = tmp_path / "verdicts.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "m.skm"
    meta = train("checkworthy", [f"csv:{path}"], out, recipe="plain")
    assert "threshold" not in meta
    assert not hasattr(load_model(out), "decision_threshold_")


def test_params_reach_the_cross_validated_figures(csv_spec, tmp_path):
    from stancekit.pipeline.training import fit_selected

    frame = load_training_data([csv_spec])
    figures = [
        fit_selected("checkworthy", frame, cv=2, params={"C": c}, recipe="plain")[1][
            "metrics"
        ]["cv"]["average_precision"]
        for c in (1e-6, 100.0)
    ]
    assert figures[0] != figures[1]
    model, _ = fit_selected(
        "checkworthy", frame, params={"random_state": 3}, recipe="plain"
    )
    assert model.random_state == 3
