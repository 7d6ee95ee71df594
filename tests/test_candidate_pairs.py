"""Candidate pairs: written and measured before they may join the corpus.

A candidate file holds stance pairs in the corpus's format toward the
corpus's own targets; ``experiments/stance_candidate_pairs.py`` measures
whether they would help (data/GUIDELINES.md, "Candidate pairs").
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from stancekit.pipeline.stance_corpus import STANCE_CASES, read_stance_rows

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
        assert row["case"] in STANCE_CASES, row


def test_attributed_headlines_pair_a_confirmation_with_a_relay_for_each_claim():
    # the event claims of news.jsonl are the targets of attributed.jsonl
    rows = [
        r for r in read_stance_rows(CANDIDATES) if r["target_id"].startswith("news-")
    ]
    by_target: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        by_target.setdefault(row["target_id"], []).append((row["label"], row["case"]))
    assert len(by_target) >= 100
    for target_id, kinds in by_target.items():
        assert kinds == [("favor", "headline"), ("none", "attributed_report")], (
            target_id
        )


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
