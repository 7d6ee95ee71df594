"""Candidate pairs: written and measured before they may join the corpus.

A candidate file holds stance pairs in the corpus's format toward the
corpus's own targets; ``experiments/stance_candidate_pairs.py`` measures
whether they would help (data/GUIDELINES.md, "Candidate pairs").
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
