"""The project-written stance corpus in data/stance/ and its loader."""

from __future__ import annotations

import importlib.util
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

DATA = Path(__file__).resolve().parent.parent / "data"
STANCE = DATA / "stance"
UNSEEN = DATA / "unseen"
ANNOTATION = DATA / "annotation"
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


def test_feasibility_pairs_give_each_proposal_both_sides_flipped_for_should_not(rows):
    by_target: dict[str, list[str]] = {}
    kinds = {}
    for row in rows:
        if row["case"] == "feasibility":
            by_target.setdefault(row["target_id"], []).append(row["label"])
            kinds[row["target_id"]] = row["target_kind"]
    assert len(by_target) >= 100
    # first the dismissal, then the endorsement, toward the target as written
    for target_id, labels in by_target.items():
        if kinds[target_id] == "claim":
            assert labels == ["against", "favor"], target_id
        else:
            assert labels == ["favor", "against"], target_id


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


@pytest.fixture(scope="module")
def agreement():
    """data/annotation/agreement.py, the script that draws and scores the samples."""
    path = ANNOTATION / "agreement.py"
    spec = importlib.util.spec_from_file_location("agreement", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_agreement_is_corrected_for_chance(agreement):
    pairs = [("favor", "favor"), ("against", "against"), ("none", "none")]
    result = agreement.agreement([*pairs, ("favor", "against")])
    assert (result["agree"], result["n"], result["observed"]) == (3, 4, 0.75)
    # chance: first favor 2/4, against 1/4, none 1/4; second 1/4, 2/4, 1/4
    assert result["kappa"] == pytest.approx((0.75 - 5 / 16) / (1 - 5 / 16))
    assert result["matrix"] == [[1, 1, 0], [0, 1, 0], [0, 0, 1]]
    assert agreement.three_places(result["kappa"]) == ".636"


@pytest.mark.parametrize(
    ("sample", "groups"),
    [
        ("stance-double.jsonl", ("pol", "eco", "soc", "all")),
        ("genre-double.jsonl", ("news", "debate", "all")),
        ("motion-double.jsonl", ("motion", "all")),
        ("argument-double.jsonl", ("argument", "all")),
        ("feasibility-double.jsonl", ("pol", "eco", "soc", "all")),
    ],
)
def test_the_double_annotations_give_the_agreement_the_guidelines_report(
    agreement, sample, groups
):
    rows = agreement.read_jsonl(ANNOTATION / sample)
    guidelines = (DATA / "GUIDELINES.md").read_text(encoding="utf-8")
    for group in groups:
        chosen = [r for r in rows if group in ("all", agreement.source_file(r))]
        result = agreement.agreement([(r["first"], r["second"]) for r in chosen])
        row = (
            f"| {group} | {result['agree']}/{result['n']} "
            f"({agreement.three_places(result['observed'])}) "
            f"| {agreement.three_places(result['kappa'])} |"
        )
        assert row in guidelines, row
    for label, counts in zip(agreement.LABELS, result["matrix"], strict=True):
        row = f"| first: {label} | " + " | ".join(map(str, counts)) + " |"
        assert row in guidelines, row


@pytest.mark.parametrize(
    ("sample", "pairs"),
    [
        ("stance-double.jsonl", STANCE),
        ("genre-double.jsonl", STANCE),
        ("motion-double.jsonl", UNSEEN),
        ("argument-double.jsonl", UNSEEN),
        ("feasibility-double.jsonl", STANCE),
    ],
)
def test_every_annotated_pair_is_a_corpus_pair_with_its_label(agreement, sample, pairs):
    corpus = agreement.corpus_rows(pairs)
    for row in agreement.read_jsonl(ANNOTATION / sample):
        pair = corpus.get((row["target_id"], row["text"]))
        assert pair is not None, row
        assert (pair["target"], pair["case"]) == (row["target"], row["case"])
        # after adjudication the corpus holds `final`; unchanged rows have none
        assert pair["label"] == row.get("final", row["first"]), row


def test_the_genre_sample_is_the_one_its_seed_draws(agreement):
    rows = agreement.read_jsonl(ANNOTATION / "genre-double.jsonl")
    drawn = agreement.draw_sample({"news": 150, "debate": 100}, seed=12, stance=STANCE)
    assert [{f: r[f] for f in agreement.BLIND_FIELDS} for r in rows] == drawn


def test_the_argument_sample_is_the_one_its_seed_draws(agreement):
    rows = agreement.read_jsonl(ANNOTATION / "argument-double.jsonl")
    drawn = agreement.draw_sample({"argument": 60}, seed=12, stance=UNSEEN)
    assert [{f: r[f] for f in agreement.BLIND_FIELDS} for r in rows] == drawn


def test_the_feasibility_sample_is_the_one_its_seed_draws(agreement):
    rows = agreement.read_jsonl(ANNOTATION / "feasibility-double.jsonl")
    drawn = agreement.draw_sample({"feasibility": 60}, seed=12, stance=STANCE)
    assert [{f: r[f] for f in agreement.BLIND_FIELDS} for r in rows] == drawn


def test_draw_and_merge_read_the_pair_files_of_another_folder(agreement, tmp_path):
    pairs = tmp_path / "pairs"
    pairs.mkdir()
    written = [
        {"target_id": "x-1", "target": "Ban cars.", "text": t, "label": lab, "case": c}
        for t, lab, c in [
            ("Cars kill.", "favor", "implied_argument"),
            ("Cars are red.", "none", "neutral_on_topic"),
        ]
    ]
    agreement.write_jsonl(pairs / "x.jsonl", written)
    sample = tmp_path / "sample.jsonl"
    agreement.main(["draw", str(sample), "x=2", "--pairs", str(pairs)])
    drawn = agreement.read_jsonl(sample)
    assert sorted(r["text"] for r in drawn) == ["Cars are red.", "Cars kill."]
    assert all("label" not in r for r in drawn)
    agreement.write_jsonl(sample, [{**r, "second": "none"} for r in drawn])
    agreement.main(["merge", str(sample), "--pairs", str(pairs)])
    merged = {r["text"]: r for r in agreement.read_jsonl(sample)}
    assert merged["Cars kill."]["first"] == "favor"
    assert merged["Cars are red."]["case"] == "neutral_on_topic"


def test_the_guidelines_count_the_pairs_of_every_case(rows):
    guidelines = (DATA / "GUIDELINES.md").read_text(encoding="utf-8")
    files = ("pol", "eco", "soc", "news", "debate")
    for case in (*STANCE_CASES, "all"):
        chosen = [r for r in rows if case in ("all", r["case"])]
        per_file = Counter(r["target_id"].split("-")[0] for r in chosen)
        labels = Counter(r["label"] for r in chosen)
        cells = [*(per_file[f] for f in files), len(chosen)]
        cells += [labels[label] for label in STANCE_LABELS]
        row = f"| {case} | " + " | ".join(map(str, cells)) + " |"
        assert row in guidelines, row


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
