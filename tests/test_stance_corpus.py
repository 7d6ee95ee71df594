"""The project-written stance corpus in data/stance/ and its loader."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from stancekit.errors import SchemaError
from stancekit.pipeline.stance_corpus import (
    STANCE_CASES,
    STANCE_FIELDS,
    STANCE_LABELS,
    TARGET_KINDS,
    load_stance_pairs,
    read_stance_rows,
)

STANCE = Path(__file__).resolve().parent.parent / "data" / "stance"
MIN_TARGETS = 300
MIN_PAIRS = 5000


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return read_stance_rows(STANCE)


def test_the_corpus_is_large_enough(rows):
    assert len(rows) >= MIN_PAIRS
    assert len({r["target_id"] for r in rows}) >= MIN_TARGETS


def test_every_pair_has_known_values(rows):
    for row in rows:
        assert row["label"] in STANCE_LABELS
        assert row["case"] in STANCE_CASES, row
        assert row["target_kind"] in TARGET_KINDS, row
        assert row["text"].strip() and row["target"].strip()


def test_a_target_id_names_one_target_and_one_kind(rows):
    seen = defaultdict(set)
    for row in rows:
        seen[row["target_id"]].add((row["target"], row["target_kind"]))
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}


def test_no_pair_is_written_twice_with_different_labels(rows):
    labels = defaultdict(set)
    for row in rows:
        labels[(row["target"], row["text"])].add(row["label"])
    assert {k: v for k, v in labels.items() if len(v) > 1} == {}


def test_every_case_and_every_label_is_covered(rows):
    cases = Counter(r["case"] for r in rows)
    assert set(cases) == set(STANCE_CASES)
    assert min(cases.values()) >= 100
    counts = Counter(r["label"] for r in rows)
    assert min(counts.values()) >= 0.2 * len(rows)


def test_off_topic_and_neutral_sentences_take_no_side(rows):
    for row in rows:
        if row["case"] in ("off_topic", "neutral_on_topic"):
            assert row["label"] == "none", row


def test_restatements_are_favor_and_opposite_paraphrases_against(rows):
    for row in rows:
        if row["case"] == "restatement":
            assert row["label"] == "favor", row
        if row["case"] == "paraphrase_against":
            assert row["label"] == "against", row


def test_load_stance_pairs_groups_by_target():
    pairs = load_stance_pairs(STANCE)
    assert {"target", "text", "label", "group"} <= set(pairs.column_names)
    assert pairs["group"] == pairs["target_id"]


def test_the_bundled_corpus_is_found_without_a_path():
    assert len(load_stance_pairs()) == len(read_stance_rows(STANCE))


def test_a_line_without_a_field_is_refused(tmp_path):
    row = dict.fromkeys(STANCE_FIELDS, "x") | {"label": "favor"}
    del row["case"]
    (tmp_path / "bad.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"bad.jsonl line 1 must have the fields"):
        read_stance_rows(tmp_path)


def test_an_unknown_label_is_refused(tmp_path):
    row = dict.fromkeys(STANCE_FIELDS, "x") | {"label": "pro"}
    (tmp_path / "bad.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"label must be one of .*got 'pro'"):
        read_stance_rows(tmp_path)


def test_the_double_annotation_gives_the_agreement_the_guidelines_report():
    root = Path(__file__).resolve().parent.parent / "data"
    lines = (root / "annotation" / "stance-double.jsonl").read_text(encoding="utf-8")
    pairs = [(r["first"], r["second"]) for r in map(json.loads, lines.splitlines())]
    corpus = {
        (r["target"], r["text"]): r["label"]
        for name in ("pol", "eco", "soc")
        for r in map(json.loads, (root / "stance" / f"{name}.jsonl").open())
    }
    first_in_corpus = [
        corpus.get((r["target"], r["text"]))
        for r in map(json.loads, lines.splitlines())
    ]
    assert first_in_corpus == [a for a, _ in pairs]  # the first labels are the corpus's
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(first[k] * second[k] for k in first) / n / n
    kappa = (observed - chance) / (1 - chance)
    guidelines = (root / "GUIDELINES.md").read_text(encoding="utf-8")
    assert n == 400
    assert (
        f"Observed agreement {sum(a == b for a, b in pairs)}/{n} (.{round(observed * 1000):03d})"
        in guidelines
    )
    assert f"Cohen's kappa .{round(kappa * 1000):03d}" in guidelines


def test_event_headlines_are_labelled_by_what_the_outlet_commits_to(rows):
    expected = {"debunk": {"against"}, "attributed_report": {"none"}}
    expected["implied_argument"] = {"favor", "against"}
    for row in rows:
        if row["case"] in expected:
            assert row["label"] in expected[row["case"]], row


def test_the_genre_files_give_every_target_both_sides_and_no_side(rows):
    labels = defaultdict(Counter)
    for row in rows:
        if row["target_id"].split("-")[0] in ("news", "debate"):
            labels[row["target_id"]][row["label"]] += 1
    assert len(labels) >= 150
    assert all(min(c[k] for k in STANCE_LABELS) >= 2 for c in labels.values())
