"""Outputs users rely on stay the same unless a change means them to."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "golden"))


@pytest.mark.slow
def test_outputs_match_the_recorded_golden_digests(default_cache):
    from record import DIGESTS, LIBRARIES, compared_keys, compute, fitting_libraries

    recorded = json.loads(DIGESTS.read_text(encoding="utf-8"))
    libraries = fitting_libraries()
    keys = compared_keys(recorded, libraries)
    if len(keys) < len(recorded) - 1:
        warnings.warn(
            f"golden digests of model outputs were recorded with "
            f"{recorded.get(LIBRARIES)}, not {libraries}: only the other "
            f"outputs are compared",
            stacklevel=1,
        )
    now = compute()
    for key in keys:
        value = recorded[key]
        if isinstance(value, dict):
            changed = sorted(
                k
                for k in value.keys() | now[key].keys()
                if value.get(k) != now[key].get(k)
            )
            assert not changed, f"{key} changed for {changed[:5]}"
        else:
            assert now[key] == value, f"{key} changed"


def test_model_outputs_are_compared_only_under_the_recorded_libraries():
    from record import LIBRARIES, MODEL_OUTPUTS, compared_keys

    here = {"scikit-learn": "1.9.1", "numpy": "2.4.6", "scipy": "1.17.1"}
    recorded = {LIBRARIES: here, "sentences_all": {}, "label": {}, "stance_proba": ""}
    assert compared_keys(recorded, here) == ["sentences_all", "label", "stance_proba"]
    older = {**here, "scikit-learn": "1.7.2"}
    assert compared_keys(recorded, older) == ["sentences_all"]
    assert compared_keys({"sentences_all": {}, "label": {}}, here) == ["sentences_all"]
    assert "sentences_all" not in MODEL_OUTPUTS
