"""Candidate pairs (data/candidates/): written and measured, not trained on.

A candidate file holds stance pairs in the corpus's format toward the
corpus's own targets; ``experiments/stance_candidate_pairs.py`` measures
whether they would help. Nothing builds a default model from them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from stancekit.pipeline.stance_corpus import read_stance_rows

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = ROOT / "data" / "candidates"


def test_candidate_pairs_parse_and_name_corpus_targets_as_the_corpus_does():
    candidates = read_stance_rows(CANDIDATES)
    assert candidates
    corpus = {r["target_id"]: r for r in read_stance_rows()}
    for row in candidates:
        known = corpus[row["target_id"]]
        assert (row["target"], row["target_kind"]) == (
            known["target"],
            known["target_kind"],
        )


def test_feasibility_pairs_give_each_proposal_both_sides_flipped_for_should_not():
    rows = read_stance_rows(CANDIDATES)
    by_target: dict[str, list[str]] = {}
    for row in rows:
        assert row["case"] == "feasibility"
        by_target.setdefault(row["target_id"], []).append(row["label"])
    # first the dismissal, then the endorsement, toward the target as written
    kinds = {r["target_id"]: r["target_kind"] for r in rows}
    for target_id, labels in by_target.items():
        if kinds[target_id] == "claim":
            assert labels == ["against", "favor"], target_id
        else:
            assert labels == ["favor", "against"], target_id


def test_candidate_pairs_are_never_training_rows():
    from stancekit.pipeline.defaults import load_corpus

    texts = {r["text"] for r in read_stance_rows(CANDIDATES)}
    assert not texts & set(load_corpus("stance")["text"])


def test_the_measuring_script_reads_candidates_as_corpus_rows(tmp_path):
    path = ROOT / "experiments" / "stance_candidate_pairs.py"
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("stance_candidate_pairs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    pairs = tmp_path / "c.jsonl"
    pairs.write_text(
        '{"target_id": "x-1", "target": "The town should build a pool.", '
        '"target_kind": "claim", "text": "The pool is a pipe dream.", '
        '"label": "against", "case": "feasibility", "domain": "sport"}\n',
        encoding="utf-8",
    )
    rows = module.candidate_rows(pairs)
    assert rows.to_dict("records") == [
        {
            "text": "The pool is a pipe dream.",
            "group": "x-1",
            "speaker": None,
            "sentence_index": -1,
            "target": "The town should build a pool.",
            "label": "against",
            "case": "candidate:feasibility",
        }
    ]
