"""Candidate pairs: written and measured before they may join the corpus.

A candidate file holds stance pairs in the corpus's format toward the
corpus's own targets, or toward new targets under an id prefix of its own; ``experiments/stance_candidate_pairs.py`` measures
whether they would help (data/GUIDELINES.md, "Candidate pairs").
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

from stancekit.pipeline.stance_corpus import STANCE_CASES, read_stance_rows

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = ROOT / "data" / "candidates"
ANNOTATION = ROOT / "data" / "annotation"
GUIDELINES = (ROOT / "data" / "GUIDELINES.md").read_text(encoding="utf-8")


def test_candidate_pairs_parse_and_name_corpus_targets_as_the_corpus_does():
    candidates = read_stance_rows(CANDIDATES)
    assert candidates
    corpus = {r["target_id"]: r for r in read_stance_rows()}
    prefixes = {i.split("-")[0] for i in corpus}
    targets = {r["target"].lower().rstrip(".") for r in corpus.values()}
    for row in candidates:
        known = corpus.get(row["target_id"])
        if known is None:
            # new targets (data/candidates/oped.jsonl) under a prefix of
            # their own, none of them a corpus target under another id
            assert row["target_id"].split("-")[0] not in prefixes, row
            assert row["target"].lower().rstrip(".") not in targets, row
            continue
        assert (row["target"], row["target_kind"]) == (
            known["target"],
            known["target_kind"],
        )
        # a case the corpus does not hold yet must be described in the
        # guidelines before its pairs are measured
        assert row["case"] in STANCE_CASES or f"**{row['case']}**" in GUIDELINES, row


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


def test_quotations_give_each_target_every_label_in_every_quote_style():
    quotes = [r for r in read_stance_rows(CANDIDATES) if r["case"] == "quotation"]
    by_target: dict[str, list[str]] = {}
    for row in quotes:
        by_target.setdefault(row["target_id"], []).append(row["label"])
        assert any(mark in row["text"] for mark in '"“‘'), row
    assert len(by_target) >= 100
    assert all(labels == ["favor", "against", "none"] for labels in by_target.values())
    # no quote mark may hint at the label: each style is spread over all three
    for mark in '"“‘':
        styles = Counter(r["label"] for r in quotes if mark in r["text"])
        assert min(styles.values()) >= 0.2 * sum(styles.values()), mark
        assert len(styles) == 3, mark


def test_the_quotation_sample_is_drawn_by_its_seed_and_agrees_as_reported():
    spec = importlib.util.spec_from_file_location(
        "agreement", ANNOTATION / "agreement.py"
    )
    agreement = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(agreement)
    rows = agreement.read_jsonl(ANNOTATION / "quotes-double.jsonl")
    drawn = agreement.draw_sample({"quotes": 60}, seed=12, stance=CANDIDATES)
    assert [{f: r[f] for f in agreement.BLIND_FIELDS} for r in rows] == drawn
    pairs = agreement.corpus_rows(CANDIDATES)
    for row in rows:
        assert pairs[(row["target_id"], row["text"])]["label"] == row["first"], row
    result = agreement.agreement([(r["first"], r["second"]) for r in rows])
    reported = (
        f"| all | {result['agree']}/{result['n']} "
        f"({agreement.three_places(result['observed'])}) "
        f"| {agreement.three_places(result['kappa'])} |"
    )
    quotation = GUIDELINES[GUIDELINES.index("**The quotations**") :]
    assert reported in quotation[:2000]


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
