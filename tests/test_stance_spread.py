"""experiments/stance_spread.py: which rows a refit leaves out, and its table.

No model is fitted here: the script's two pieces are tried on frames
written for the test.
"""

from __future__ import annotations

import pandas as pd
from _experiments import load_experiment


def _script():
    return load_experiment("stance_spread")


def _frame() -> pd.DataFrame:
    rows = [
        {"group": f"pol-{g:03d}", "case": "direct", "text": f"t{g}-{i}"}
        for g in range(200)
        for i in range(3)
    ]
    rows += [
        {"group": "article-1", "case": "article", "text": f"a{i}"} for i in range(5)
    ]
    return pd.DataFrame(rows)


def test_a_refit_leaves_out_whole_targets_of_the_stance_corpus_only():
    spread = _script()
    frame = _frame()
    kept = spread.without_targets(frame, 0.01, seed=0)
    gone = set(frame["group"]) - set(kept["group"])
    assert len(gone) == 2  # 1% of 200 targets, each with all its rows
    assert len(kept) == len(frame) - 2 * 3
    assert "article-1" not in gone and (kept["case"] == "article").sum() == 5
    # the same seed draws the same targets, another seed others
    assert kept.equals(spread.without_targets(frame, 0.01, seed=0))
    other = set(frame["group"]) - set(spread.without_targets(frame, 0.01, 1)["group"])
    assert other != gone
    # at least one target, however small the share
    assert len(spread.without_targets(frame, 0.0001, 0)) == len(frame) - 3


def test_the_table_gives_the_full_model_beside_the_refits_range():
    rows = _script().spread_rows(
        {
            "IBM": [(0.743, 0.319), (0.758, 0.318), (0.744, 0.327), (0.745, 0.344)],
            "alone": [(0.5, 0.25)],
        }
    )
    assert rows[0] == {
        "set": "IBM",
        "full model": "0.743 / 0.319",
        "refits: precision": "0.744-0.758",
        "refits: coverage": "0.318-0.344",
    }
    assert rows[1] == {"set": "alone", "full model": "0.500 / 0.250"}
