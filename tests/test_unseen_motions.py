"""The unseen motions (data/unseen/) are an evaluation set: read, never trained on.

The scoring script is tried on a small frame written here with stand-in
models; no default model is built by these tests beyond the corpus load.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

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


def test_the_unseen_motions_parse_with_the_stance_loader():
    pairs = load_stance_pairs(root=UNSEEN)
    assert len(pairs) == 2110
    assert len(set(pairs["group"])) == 169
    assert set(pairs["label"]) == {"favor", "against", "none"}


def test_no_unseen_motion_is_a_target_of_the_training_corpus(unseen, training):
    assert not {r["target"] for r in unseen} & set(training["target"])
    assert not {r["target"] for r in unseen} & {r["target"] for r in read_stance_rows()}


def test_the_added_motions_repeat_no_unseen_motion_and_no_corpus_target(unseen):
    rows = read_stance_rows()
    added = {r["target"] for r in rows if r["target_id"].startswith("argument-")}
    others = {r["target"] for r in rows if not r["target_id"].startswith("argument-")}
    assert len(added) >= 150
    assert not added & {r["target"] for r in unseen}
    assert not {t.lower().rstrip(".") for t in added} & {
        t.lower().rstrip(".") for t in others | {r["target"] for r in unseen}
    }


def test_a_training_motion_close_to_an_evaluation_topic_is_found():
    _script()  # puts experiments/ on the path
    import default_models as script

    motions = ["Sunbeds should be banned.", "Payday loans should be banned."]
    topics = ["This house would ban sunbeds", "This house would ban boxing"]
    assert script.close_topics(topics, motions) == {"This house would ban sunbeds"}
    assert script.content_words("We should not subsidise golf courses.") == {
        "golf",
        "course",
    }


def test_the_default_models_corpus_has_no_unseen_pair(unseen, training):
    trained = set(zip(training["target"], training["text"], strict=True))
    assert not {(r["target"], r["text"]) for r in unseen} & trained
    assert not {r["target_id"] for r in unseen} & set(training["group"])


@cache
def _script():
    sys.path.insert(0, str(ROOT / "experiments"))  # it imports default_models
    spec = importlib.util.spec_from_file_location(
        "unseen_motions", ROOT / "experiments" / "unseen_motions.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
