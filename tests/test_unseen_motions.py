"""The unseen sets (data/unseen/) are evaluation sets: read, never trained on.

The scoring script is tried on a small frame written here with stand-in
models; no default model is built by these tests beyond the corpus load.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _experiments import load_experiment

from stancekit.pipeline.defaults import load_corpus
from stancekit.pipeline.stance_corpus import load_stance_pairs, read_stance_rows

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "data" / "unseen"


@pytest.fixture(scope="module")
def unseen() -> list[dict]:
    return read_stance_rows(UNSEEN)


@pytest.fixture(scope="module")
def training() -> pd.DataFrame:
    return load_corpus("stance").to_pandas()


def test_the_unseen_sets_parse_with_the_stance_loader():
    pairs = load_stance_pairs(root=UNSEEN)
    assert len(pairs) == 2110 + 1580 + 449 + 540
    assert len(set(pairs["group"])) == 169 + 158 + 40 + 90
    assert set(pairs["label"]) == {"favor", "against", "none"}
    sets = _script().unseen_sets()
    assert {n: len(f) for n, f in sets.items()} == {
        "motion": 2110,
        "argument": 1580,
        "opinion": 449,
        "stake": 540,
    }
    assert {n: f["target_id"].nunique() for n, f in sets.items()} == {
        "motion": 169,
        "argument": 158,
        "opinion": 40,
        "stake": 90,
    }


def test_no_unseen_motion_is_a_target_of_the_training_corpus(unseen, training):
    assert not {r["target"] for r in unseen} & set(training["target"])
    assert not {r["target"] for r in unseen} & {r["target"] for r in read_stance_rows()}
    corpus = {r["target"].lower().rstrip(".") for r in read_stance_rows()}
    assert not {r["target"].lower().rstrip(".") for r in unseen} & corpus


def test_no_motion_is_in_two_unseen_files():
    sets = _script().unseen_sets()
    motions = {n: {t.lower().rstrip(".") for t in f["target"]} for n, f in sets.items()}
    assert len(motions["argument"]) == 158
    assert len(motions["opinion"]) == 40
    assert len(motions["stake"]) == 90
    names = list(sets)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not motions[a] & motions[b]
    texts = {n: set(f["text"]) for n, f in sets.items()}
    assert not texts["motion"] & texts["argument"]
    assert not (texts["motion"] | texts["argument"]) & texts["opinion"]
    assert not (texts["motion"] | texts["argument"] | texts["opinion"]) & texts["stake"]


def test_every_opinion_piece_is_a_headline_then_its_sentences_arguing_one_side():
    """data/unseen/opinion.jsonl: 40 opinion pieces, 20 a side, each a
    headline (sentence 0, labelled with the piece's side) and 9-11 more
    sentences in order, every one labelled on its own."""
    lines = (UNSEEN / "opinion.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    pieces = defaultdict(list)
    for row in rows:
        pieces[row["target_id"]].append(row)
    assert len(pieces) == 40
    assert Counter(p[0]["side"] for p in pieces.values()) == {
        "favor": 20,
        "against": 20,
    }
    for piece in pieces.values():
        assert [r["sentence_index"] for r in piece] == list(range(len(piece)))
        assert 10 <= len(piece) <= 12
        head, *body = piece
        assert head["case"] == "headline" and head["label"] == head["side"]
        assert {r["case"] for r in body} == {"opinion"}
        assert len({r["target"] for r in piece}) == 1
        # a piece argues its side, but not every sentence does
        labels = Counter(r["label"] for r in body)
        assert labels[head["side"]] > len(body) / 2


def test_opinion_halves_hold_pieces_of_both_sides():
    ids = [f"opinion-00{i}" for i in range(1, 5)]
    frame = pd.DataFrame(
        {
            "target_id": ids,
            "case": ["headline"] * 4,
            "label": ["favor", "against", "favor", "against"],
        }
    )
    half = _script().piece_half(frame)
    assert sorted(zip(half, frame["label"], strict=True)) == [
        ("dev", "against"),
        ("dev", "favor"),
        ("held", "against"),
        ("held", "favor"),
    ]
    # the motion split of the same ids would give each half one side only
    assert set(frame["label"][_script().motion_half(frame) == "dev"]) == {"favor"}


def test_opinion_pieces_are_scored_by_the_side_they_argue():
    frame = pd.DataFrame(
        {
            "target_id": ["opinion-001"] * 4 + ["opinion-002"] * 3 + ["opinion-003"],
            "target": ["Ban cars."] * 4 + ["Tax bikes."] * 3 + ["Fund parks."],
            "text": ["Cars must go", "Cars kill.", "Cars are red.", "Cars pay."]
            + ["No to a bike tax", "Bikes are fine.", "Rain."]
            + ["Parks heal."],
            "label": ["favor", "favor", "none", "against"]
            + ["against", "against", "none"]
            + ["favor"],
            "case": ["headline"] + ["opinion"] * 3 + ["headline"] + ["opinion"] * 3,
        }
    )
    ours = _Fixed(
        [
            [0.1, 0.8, 0.1],  # the headline: left out of the counts
            [0.7, 0.2, 0.1],  # favor sentence shown against: wrong
            [0.1, 0.2, 0.7],  # none
            [0.8, 0.1, 0.1],  # against sentence shown against: right
            [0.8, 0.1, 0.1],  # the headline
            [0.2, 0.7, 0.1],  # against sentence shown favor: wrong
            [0.5, 0.4, 0.1],  # below 0.6: none
            [0.1, 0.8, 0.1],  # a piece without a headline: its own row
        ]
    )
    rows = {r["pieces arguing"]: r for r in _script().piece_sides(frame, ours)}
    favor, against = rows["favor"], rows["against"]
    assert (favor["pieces"], favor["body sentences"]) == (1, 3)
    assert favor["gold favor / against / none"] == "1 / 1 / 1"
    assert (favor["shown favor"], favor["shown against"]) == (0, 2)
    assert (favor["shown right"], favor["shown wrong"]) == (1, 1)
    assert (against["pieces"], against["body sentences"]) == (1, 2)
    assert (against["shown favor"], against["shown against"]) == (1, 0)
    assert (against["shown right"], against["shown wrong"]) == (0, 1)
    assert rows["(no headline)"]["shown right"] == 1


def test_every_argument_motion_has_four_arguments_a_side_and_two_without_one():
    labels = defaultdict(Counter)
    for _, row in _script().unseen_sets()["argument"].iterrows():
        labels[row["target_id"]][(row["case"], row["label"])] += 1
    assert len(labels) == 158
    for counts in labels.values():
        assert counts[("implied_argument", "favor")] == 4
        assert counts[("implied_argument", "against")] == 4
        assert counts[("neutral_on_topic", "none")] == 1
        assert counts[("off_topic", "none")] == 1


def test_every_proposal_has_two_quotations_a_side_and_two_without_one():
    """data/unseen/stake.jsonl: people a proposal would affect, quoted."""
    labels = defaultdict(Counter)
    kinds = {}
    for _, row in _script().unseen_sets()["stake"].iterrows():
        labels[row["target_id"]][(row["case"], row["label"])] += 1
        kinds[row["target_id"]] = row["target_kind"]
    assert len(labels) == 90
    for counts in labels.values():
        assert counts == {
            ("stake", "favor"): 2,
            ("stake", "against"): 2,
            ("stake", "none"): 2,
        }
    assert Counter(kinds.values()) == {"claim": 66, "claim_negative": 24}


def test_the_unseen_sets_are_split_by_their_files_target_prefix(tmp_path):
    for name in ("motion", "argument"):
        rows = [
            {
                "target_id": f"{name}-{i:03d}",
                "target": f"{name} {i} should be banned.",
                "target_kind": "claim",
                "text": "It harms people.",
                "label": "favor",
                "case": "implied_argument",
                "domain": "x",
            }
            for i in (1, 2, 3)
        ]
        lines = "".join(json.dumps(r) + "\n" for r in rows)
        (tmp_path / f"{name}.jsonl").write_text(lines, encoding="utf-8")
    sets = _script().unseen_sets(tmp_path)
    assert sets["argument"]["target_id"].tolist() == [
        "argument-001",
        "argument-002",
        "argument-003",
    ]
    # the same dev/held rule by motion on each set
    halves = _script().motion_half(sets["argument"]).tolist()
    assert halves == ["dev", "held", "dev"]


def test_the_default_models_corpus_has_no_unseen_pair(unseen, training):
    trained = set(zip(training["target"], training["text"], strict=True))
    assert not {(r["target"], r["text"]) for r in unseen} & trained
    assert not {r["target_id"] for r in unseen} & set(training["group"])


@cache
def _script():
    return load_experiment("unseen_motions")


class _Fixed:
    """A stand-in model giving each row the probabilities written for it."""

    classes_ = np.array(["against", "favor", "none"], dtype=object)
    abstain_threshold = 0.6

    def __init__(self, proba: list[list[float]]) -> None:
        self.proba = np.array(proba)

    def predict_proba(self, X) -> np.ndarray:
        return self.proba[: len(X)]


def test_the_script_scores_every_model_on_the_same_pairs():
    frame = pd.DataFrame(
        {
            "target": ["Ban cars."] * 4,
            "text": ["Cars kill.", "Cars are free.", "Cars are red.", "Rain fell."],
            "label": ["favor", "against", "none", "none"],
        }
    )
    ours = _Fixed([[0.1, 0.8, 0.1], [0.5, 0.3, 0.2], [0.1, 0.2, 0.7], [0, 0, 1]])
    base = _Fixed([[0.7, 0.2, 0.1], [0.7, 0.2, 0.1], [0.7, 0.2, 0.1], [0, 0, 1]])
    rows, curves = _script().score_models(frame, ours, base)
    by_name = {r["model"]: r for r in rows}
    # abstaining: favor said (right); against 0.5 < 0.6 becomes none
    shown = by_name["default, abstaining below 0.60"]
    assert (shown["precision"], shown["coverage"], shown["accuracy"]) == (1, 0.5, 0.75)
    never = by_name["default, never abstaining"]
    assert (never["precision"], never["coverage"], never["accuracy"]) == (1, 1, 1)
    baseline = by_name["tfidf+lr, never abstaining"]
    assert (baseline["precision"], baseline["accuracy"]) == (pytest.approx(1 / 3), 0.5)
    assert by_name["majority class (none)"]["coverage"] == 0
    assert [c["threshold"] for c in curves["default"]][:2] == [0.35, 0.4]
    assert curves["tfidf+lr"][0]["precision"] == 0.3333  # rounded to 4 places


def test_the_argument_experiment_adds_the_set_where_its_file_sat_in_the_corpus():
    _script()  # puts experiments/ on the path
    import stance_candidates

    corpus = pd.DataFrame(
        {
            "text": ["A said.", "B said.", "Cars kill.", "Taxes rose."],
            "group": ["art1", "art2", "debate-001", "pol-001"],
            "speaker": ["A", None, None, None],
            "sentence_index": [0, 1, -1, -1],
            "target": ["Ban cars."] * 4,
            "label": ["none", "favor", "favor", "against"],
            "case": ["article", "article", "implied_argument", "direct"],
        }
    )
    argument = pd.DataFrame(
        {
            "target_id": ["argument-001"],
            "target": ["Sunbeds should be banned."],
            "text": ["Tanning raises the risk of melanoma."],
            "label": ["favor"],
            "case": ["implied_argument"],
            "target_kind": ["claim"],
            "domain": ["argument"],
        }
    )
    frame = stance_candidates.with_argument(corpus, argument)
    assert frame["group"].tolist() == [
        "art1",
        "art2",
        "argument-001",
        "debate-001",
        "pol-001",
    ]
    assert list(frame.columns) == list(corpus.columns)
    assert frame.loc[2, "sentence_index"] == -1 and frame.loc[2, "speaker"] is None
    assert stance_candidates.is_argument(frame).tolist() == [0, 0, 1, 0, 0]
