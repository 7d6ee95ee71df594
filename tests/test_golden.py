"""Outputs users rely on stay the same unless a change means them to."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "golden"))


@pytest.mark.slow
def test_outputs_match_the_recorded_golden_digests(default_cache):
    from record import DIGESTS, compute

    recorded = json.loads(DIGESTS.read_text(encoding="utf-8"))
    now = compute()
    for key, value in recorded.items():
        if isinstance(value, dict):
            changed = sorted(
                k
                for k in value.keys() | now[key].keys()
                if value.get(k) != now[key].get(k)
            )
            assert not changed, f"{key} changed for {changed[:5]}"
        else:
            assert now[key] == value, f"{key} changed"
