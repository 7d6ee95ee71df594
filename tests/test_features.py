"""Claim inputs, document context, claim memory and the combined features."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from stancekit.errors import SchemaError
from stancekit.features import claims, context, cues
from stancekit.features.claims import ClaimFeatures, claim_inputs, describe_name
from stancekit.features.context import (
    ClaimMemory,
    DocumentContext,
    document_spans,
    shift_rows,
)
from stancekit.persist.files import load_model, save_model


def test_claims_re_exports_the_moved_names():
    # Code and pickles that name stancekit.features.claims.X keep working.
    for name in ["CUES", "ClaimCues"]:
        assert getattr(claims, name) is getattr(cues, name)
    for name in ["DocumentContext", "ClaimMemory", "document_spans", "shift_rows"]:
        assert getattr(claims, name) is getattr(context, name)
    assert set(claims.__all__) >= {"CUES", "ClaimCues", "DocumentContext"}


@pytest.mark.parametrize(
    "X",
    [
        ["A.", "B."],
        [{"text": "A."}, {"text": "B.", "speaker": "X", "group": "d"}],
        {"text": ["A.", "B."]},
        pd.DataFrame({"text": ["A.", "B."], "group": ["d", "d"]}),
    ],
)
def test_claim_inputs_reads_containers(X):
    rows = claim_inputs(X)
    assert rows["text"] == ["A.", "B."]
    assert len(rows["speaker"]) == len(rows["group"]) == 2


def test_claim_inputs_reads_a_dataset():
    import datasets

    ds = datasets.Dataset.from_dict({"text": ["A."], "speaker": ["ANN"]})
    assert claim_inputs(ds)["speaker"] == ["ANN"]


def test_claim_inputs_needs_text_column():
    with pytest.raises(
        SchemaError, match=r"needs a 'text' column; found columns \['body'\]"
    ):
        claim_inputs(pd.DataFrame({"body": ["A."]}))


def test_claim_inputs_needs_text_key():
    with pytest.raises(SchemaError, match=r"row 1 has keys \['body'\]"):
        claim_inputs([{"text": "A."}, {"body": "B."}])


def test_claim_inputs_refuses_a_dataset_dict():
    import datasets

    dd = datasets.DatasetDict({"train": datasets.Dataset.from_dict({"text": ["A."]})})
    with pytest.raises(SchemaError, match=r"DatasetDict; pass one split.*\['train'\]"):
        claim_inputs(dd)


def test_claim_inputs_refuses_a_single_string():
    with pytest.raises(TypeError, match="got a single str 'Hello.'. Wrap it in a list"):
        claim_inputs("Hello.")


def test_claim_inputs_refuses_non_text_rows():
    with pytest.raises(TypeError, match="row 1 is int 5"):
        claim_inputs(["A.", 5])


def test_document_spans_and_shift_rows_respect_documents():
    assert document_spans(["a", "a", "b", "b", "a"]) == [(0, 2), (2, 4), (4, 5)]
    M = sp.csr_matrix(np.arange(1.0, 6.0)[:, None])
    groups = ["a", "a", "b", "b", "a"]
    assert shift_rows(M, groups, -1).toarray().ravel().tolist() == [0, 1, 0, 3, 0]
    assert shift_rows(M, groups, 1).toarray().ravel().tolist() == [2, 0, 4, 0, 0]


def test_document_context_turns_and_speaker_habits():
    rows = {
        "text": ["Your plan?", "It works.", "It pays.", "Why?", "Because."],
        "speaker": ["MOD", "ANN", "ANN", "MOD", "ANN"],
        "group": ["d"] * 5,
    }
    ctx = DocumentContext().fit(rows)
    names = list(ctx.get_feature_names_out())
    m = ctx.transform(rows).toarray()
    col = {n: m[:, names.index(n)].tolist() for n in names}
    assert col["turn_first"] == [1, 1, 0, 1, 1]
    assert col["turn_last"] == [1, 0, 1, 1, 1]
    assert col["speaker_asks"] == [1, 0, 0, 1, 0]
    assert col["speaker_share"][1] == pytest.approx(3 / 5)
    assert col["position"][0] == 0 and col["position"][-1] == 1
    assert col["no_speaker"] == [0] * 5


def test_document_context_speaker_columns_only_when_asked():
    rows = {
        "text": ["a", "b", "c"],
        "speaker": ["ANN", "ann ", "BOB"],
        "group": [None] * 3,
    }
    assert DocumentContext().fit(rows).get_feature_names_out()[-1] == "no_speaker"
    ctx = DocumentContext(min_speaker_lines=2).fit(rows)
    assert list(ctx.get_feature_names_out())[-1] == "speaker=ANN"
    assert ctx.transform(rows).toarray()[:, -1].tolist() == [1, 1, 0]
    assert DocumentContext.describe("speaker=ANN") == "speaker ANN"


def test_claim_memory_leaves_the_own_document_out_when_fitting():
    W = sp.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.6, 0.8]]))
    y = [1, 0, 0, 1]
    mem = ClaimMemory()
    train = mem.fit_transform(W, y, groups=["a", "a", "b", "b"]).toarray()
    # Row 0 (doc a) only sees row 3 (doc b): similarity 0.6, not itself (1.0).
    assert train[0, 0] == pytest.approx(0.6)
    assert list(mem.get_feature_names_out()) == ["max=1", "top3=1"]
    new = mem.transform(sp.csr_matrix(np.array([[1.0, 0.0]]))).toarray()
    assert new[0, 0] == pytest.approx(1.0)
    assert "labelled 1" in ClaimMemory.describe("max=1")


def test_claim_memory_without_groups_leaves_each_row_out():
    W = sp.csr_matrix(np.eye(3))
    out = ClaimMemory().fit_transform(W, [1, 0, 0]).toarray()
    assert out[0, 0] == 0.0


def test_claim_features_names_match_columns_and_read_well():
    rows = {
        "text": ["Jobs rose 5%.", "Thanks.", "Taxes fell.", "Hi."],
        "speaker": ["A", "A", "B", "B"],
        "group": ["d", "d", "e", "e"],
    }
    f = ClaimFeatures(use_memory=True, neighbour_words=False)
    M = f.fit_transform(rows, [1, 0, 1, 0])
    names = list(f.get_feature_names_out())
    assert M.shape == (4, len(names))
    assert f.transform(rows).shape == M.shape
    assert f.describe_feature(names.index("previous:cue:percentage")) == (
        "previous sentence contains a percentage"
    )
    assert "word:jobs" in names and "previous:word:jobs" not in names


def test_claim_features_memory_needs_labels():
    with pytest.raises(ValueError, match="use_memory=True needs y"):
        ClaimFeatures(use_memory=True).fit(["Jobs rose.", "Thanks."])


@pytest.mark.parametrize(
    ("name", "reads"),
    [
        ("word:tax", "word 'tax'"),
        ("next:word:tax cut", "next sentence has phrase 'tax cut'"),
        ("context:turn_first", "opens a speaker's turn"),
        ("memory:max=1", "closely resembles a training sentence labelled 1"),
    ],
)
def test_describe_name(name, reads):
    assert describe_name(name) == reads


def test_claim_features_round_trip_through_a_model_file(tmp_path):
    rows = {
        "text": ["Jobs rose 5%.", "Thanks.", "Taxes fell in 2019.", "Hi?"],
        "speaker": ["A", "A", "B", "B"],
        "group": ["d", "d", "e", "e"],
    }
    f = ClaimFeatures(use_memory=True, min_speaker_lines=1).fit(rows, [1, 0, 1, 0])
    loaded = load_model(save_model(f, tmp_path / "features.skm"))
    assert type(loaded.cues_).__module__ == "stancekit.features.cues"
    assert type(loaded.context_).__module__ == "stancekit.features.context"
    np.testing.assert_array_equal(
        loaded.transform(rows).toarray(), f.transform(rows).toarray()
    )
    assert list(loaded.get_feature_names_out()) == list(f.get_feature_names_out())
