"""Streaming prediction over tables and articles; evaluation on labeled data."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from stancekit.errors import InputError, LabelError, SchemaError
from stancekit.models.checkworthy import CheckWorthinessClassifier
from stancekit.pipeline.predict import (
    BATCH_SIZE,
    STANCE_BATCH_SIZE,
    _batches,
    evaluate_model,
    iter_input_rows,
    output_columns,
    predict_rows,
    task_of,
)

TRAIN = [
    "Jobs rose 5% in 2010.",
    "Thank you all.",
    "We spent $3 billion on roads.",
    "Good evening.",
    "Crime fell 8 percent since 1999.",
    "Let me finish.",
] * 3


@pytest.fixture(scope="module")
def model() -> CheckWorthinessClassifier:
    return CheckWorthinessClassifier(random_state=0).fit(TRAIN, [1, 0] * 9)


def test_task_and_columns(model):
    assert task_of(model) == "checkworthy"
    assert output_columns("stance") == ("stance", "stance_score", "stance_reasons")
    with pytest.raises(InputError, match="model must be one of the task models"):
        task_of(object())


def test_predict_rows_keeps_columns_and_adds_the_task(model):
    rows = [
        {"text": "Taxes rose 4% in 2012.", "id": "a"},
        {"text": "Thank you.", "id": "b"},
    ]
    out = list(predict_rows(model, rows, explain=True))
    assert [r["id"] for r in out] == ["a", "b"]
    assert [r["checkworthy"] for r in out] == [1, 0]
    assert out[0]["checkworthy_score"] > 0.5 > out[1]["checkworthy_score"]
    assert all(isinstance(s, str) for s in out[0]["checkworthy_reasons"])
    assert "group" not in out[0]  # context keys are not written back


def test_predict_rows_needs_text(model):
    with pytest.raises(
        SchemaError, match=r"need a 'text' column; found columns \['body'\]"
    ):
        list(predict_rows(model, [{"body": "Hi."}]))


def test_predictions_do_not_depend_on_batch_size(model):
    rows = [{"text": t, "article_id": f"a{i // 4}"} for i, t in enumerate(TRAIN)]
    small = [r["checkworthy_score"] for r in predict_rows(model, rows, batch_size=4)]
    large = [r["checkworthy_score"] for r in predict_rows(model, rows, batch_size=1000)]
    assert small == large


def test_batches_keep_documents_whole():
    rows = [{"group": g} for g in "aaabbbbbccccdd"]
    batches = list(_batches(iter(rows), 4))
    assert sum(batches, []) == rows
    assert len(batches) > 1
    seen = [{r["group"] for r in b} for b in batches]
    for i, groups in enumerate(seen):
        for later in seen[i + 1 :]:
            assert not groups & later


def test_batches_split_a_huge_document():
    rows = [{"group": "a"} for _ in range(20)]
    assert [len(b) for b in _batches(iter(rows), 2)] == [8, 8, 4]


def test_tables_of_every_kind(tmp_path):
    frame = pd.DataFrame({"text": ["Jobs rose 5%.", "Hi."], "id": [1, 2]})
    frame.to_csv(tmp_path / "t.csv", index=False)
    frame.to_json(tmp_path / "t.jsonl", orient="records", lines=True)
    frame.to_parquet(tmp_path / "t.parquet")
    import datasets

    datasets.Dataset.from_pandas(frame).save_to_disk(str(tmp_path / "hf"))
    for name in ("t.csv", "t.jsonl", "t.parquet", "hf"):
        rows = list(iter_input_rows([str(tmp_path / name)]))
        assert [r["text"] for r in rows] == ["Jobs rose 5%.", "Hi."], name
        assert str(rows[1]["id"]) == "2"


def test_clef_spec_and_articles_in_input_order(tmp_path):
    tsv = tmp_path / "debate.tsv"
    tsv.write_text('1\tANN\tWe cut taxes by 5%.\n2\tBOB\tThanks, "friend".\n')
    article = tmp_path / "news.txt"
    article.write_text("The mill closed in 1998. Jobs went with it.\n")
    rows = list(iter_input_rows([str(article), f"clef-checkthat:{tsv}", str(tsv)]))
    assert [r.get("speaker") for r in rows[2:]] == ["ANN", "BOB", "ANN", "BOB"]
    assert rows[0]["text"] == "The mill closed in 1998."
    assert rows[0]["article_id"] == rows[1]["article_id"]


def test_missing_table_file(tmp_path):
    with pytest.raises(InputError, match="input file not found: .*gone.csv"):
        list(iter_input_rows([str(tmp_path / "gone.csv")]))


def test_bad_jsonl(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Hi."}\n{oops\n')
    with pytest.raises(InputError, match=":2: not valid JSON"):
        list(iter_input_rows([str(bad)]))
    bad.write_text('["Hi."]\n')
    with pytest.raises(
        SchemaError, match=":1: each line of a sentence table must be a JSON object"
    ):
        list(iter_input_rows([str(bad)]))


def test_dataset_dict_folder(tmp_path):
    import datasets

    dd = datasets.DatasetDict({"train": datasets.Dataset.from_dict({"text": ["Hi."]})})
    dd.save_to_disk(str(tmp_path / "dd"))
    with pytest.raises(SchemaError, match=r"DatasetDict with splits \['train'\]"):
        list(iter_input_rows([str(tmp_path / "dd")]))


def test_evaluate_model_matches_labels_by_text(model, tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("text,label,group\nPrices rose 9% in 2004.,1,a\nHello there.,0,a\n")
    result = evaluate_model(model, f"csv:{path}")
    assert result["n"] == 2 and result["accuracy"] == 1.0
    assert result["map"] == 1.0
    for key in (
        "macro_f1",
        "per_class",
        "confusion_matrix",
        "f1_positive",
        "average_precision",
        "r_precision",
        "p_at_k",
        "brier",
        "ece",
    ):
        assert key in result
    json.dumps(result)


def test_evaluate_model_refuses_unknown_labels(model, tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("text,label\nPrices rose 9%.,yes\nHello there.,no\n")
    with pytest.raises(
        LabelError, match=r"among the model's labels \[0, 1\]; got \['no', 'yes'\]"
    ):
        evaluate_model(model, f"csv:{path}")


def test_stance_models_get_bigger_default_batches(model):
    # A stance model's cost is per distinct text within a call, so its
    # default batches are larger; the rows still come back in input order.
    from stancekit.models.stance import StanceClassifier

    pairs = [
        {"target": t, "text": x}
        for t, x in [("cats purr", "Cats purr a lot."), ("dogs bark", "A hoax.")] * 4
    ]
    stance = StanceClassifier(random_state=0).fit(pairs, ["agree", "disagree"] * 4)
    calls = []
    real = stance.predict_proba
    stance.predict_proba = lambda X: calls.append(len(X)) or real(X)
    rows = [{**p, "id": i, "group": i} for i, p in enumerate(pairs * 300)]
    out = list(predict_rows(stance, rows))
    assert calls == [len(rows)] and len(rows) > BATCH_SIZE
    assert [r["id"] for r in out] == list(range(len(rows)))
    assert len(rows) <= STANCE_BATCH_SIZE
    calls.clear()
    list(predict_rows(stance, rows, batch_size=1000))
    assert len(calls) == 3 and max(calls) <= 1000 and sum(calls) == len(rows)


def test_tables_in_a_legacy_encoding_are_read_with_a_warning(tmp_path):
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("text\nThe café closed in 2019.\n".encode("cp1252"))
    with pytest.warns(UserWarning, match="not valid UTF-8 from line 2"):
        rows = list(iter_input_rows([str(legacy)]))
    assert [r["text"] for r in rows] == ["The café closed in 2019."]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_binary_tables_are_refused(tmp_path, suffix):
    path = tmp_path / f"bin{suffix}"
    path.write_bytes(b"\x00\x01binary\n")
    with pytest.raises(InputError, match="looks like a binary file"):
        list(iter_input_rows([str(path)]))


def test_shuffling_a_table_changes_no_rows_score():
    import random as _random

    from _examples import CLAIMS

    from stancekit.models.checkworthy import CheckWorthinessClassifier

    # a model that learned from documents: its context columns carry weight
    rows = [{"text": t, "group": f"d{i % 4}"} for i, (t, _) in enumerate(CLAIMS * 3)]
    clf = CheckWorthinessClassifier(random_state=0).fit(
        rows, [y for _, y in CLAIMS * 3]
    )
    table = [{"text": t} for t, _ in CLAIMS]
    shuffled = table[:]
    _random.Random(1).shuffle(shuffled)
    before = {r["text"]: r["checkworthy_score"] for r in predict_rows(clf, table)}
    after = {r["text"]: r["checkworthy_score"] for r in predict_rows(clf, shuffled)}
    alone = {
        r["text"]: next(predict_rows(clf, [r]))["checkworthy_score"] for r in table[:3]
    }
    assert before == after
    assert all(before[t] == s for t, s in alone.items())
