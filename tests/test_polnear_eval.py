"""The PolNeAR scoring script reads annotations as the data's README counts them.

Small annotation files written here; no PolNeAR data is read.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@cache
def _script():
    spec = importlib.util.spec_from_file_location(
        "polnear_eval", ROOT / "experiments" / "polnear_eval.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["polnear_eval"] = module  # its dataclasses look it up
    spec.loader.exec_module(module)
    return module


TEXT = "“We will build it,” she said. “It will be done by May.”\n"
# The content lists the piece after the attribution first, as some
# annotators' files do.
ANN = (
    "T1\tContent 30 55;0 19\t“It will be done by May.” “We will build it,”\n"
    "T2\tSource 20 23\tshe\n"
    "T3\tCue 24 28\tsaid\n"
    "T4\tAttribution 24 28\tsaid\n"
    "E1\tAttribution:T4 Cue:T3 Content:T1 Source:T2\n"
)


def test_content_pieces_are_read_in_text_order(tmp_path):
    script = _script()
    path = tmp_path / "a_x.ann"
    path.write_text(ANN, encoding="utf-8")
    spans, events = script.read_ann(path)
    assert spans["T1"] == ("Content", [(0, 19), (30, 55)])
    [quotation] = script.quotations(TEXT, spans, events, "a")
    assert quotation.direct
    assert quotation.quoted[0][0] < quotation.quoted[-1][1]


def test_a_second_content_is_part_of_the_attribution():
    script = _script()
    spans = {
        "T1": ("Content", [(0, 19)]),
        "T5": ("Content", [(30, 55)]),
    }
    event = {"Attribution": "T4", "Content": "T1", "Content2": "T5"}
    assert script.content_of(event, spans) == [(0, 19), (30, 55)]
    [quotation] = script.quotations(TEXT, spans, [event], "a")
    # Both sentences are quoted parts of the one quotation.
    assert quotation.quoted == [(1, 18), (31, 54)]


def test_an_attribution_without_content_is_no_quotation():
    script = _script()
    assert script.content_of({"Attribution": "T4"}, {}) == []
