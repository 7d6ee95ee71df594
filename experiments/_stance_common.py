"""Shared pieces of the stance experiments: loading, metrics, table printing.

Run the experiments themselves (stance_fnc1.py, stance_emergent.py,
bench_stance.py); this module only keeps them short.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

FNC_RELATED = ("agree", "disagree", "discuss")


def load_fnc1(data_dir: str) -> pd.DataFrame:
    """FNC-1 training pairs as target/text/label/group columns."""
    stances = Path(data_dir) / "train_stances.csv"
    try:
        from stancekit.formats import load_labeled

        return load_labeled(f"fnc1:{stances}").to_pandas()
    except ImportError:
        pass
    s = pd.read_csv(stances)
    b = pd.read_csv(Path(data_dir) / "train_bodies.csv")
    bodies = dict(zip(b["Body ID"], b["articleBody"], strict=True))
    return pd.DataFrame(
        {
            "target": s["Headline"],
            "text": s["Body ID"].map(bodies),
            "label": s["Stance"],
            "group": s["Body ID"],
        }
    )


def load_emergent(data_dir: str) -> pd.DataFrame:
    """Emergent training pairs as target/text/label/group columns."""
    path = next(Path(data_dir).glob("*.csv"))
    try:
        from stancekit.formats import load_labeled

        return load_labeled(f"emergent:{path}").to_pandas()
    except ImportError:
        pass
    e = pd.read_csv(path, index_col=0)
    return pd.DataFrame(
        {
            "target": e["claimHeadline"],
            "text": e["articleHeadline"],
            "label": e["articleHeadlineStance"],
            "group": e["claimId"],
        }
    )


def fnc_score(y_true, y_pred) -> float:
    """FNC-1 relative score, from stancekit.evaluation.metrics when it exists."""
    try:
        from stancekit.evaluation.metrics import fnc_score as lib_fnc_score

        return float(lib_fnc_score(y_true, y_pred))
    except ImportError:
        pass
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    rel_t = np.isin(y_true, FNC_RELATED)
    rel_p = np.isin(y_pred, FNC_RELATED)
    score = 0.25 * np.sum(rel_t == rel_p) + 0.75 * np.sum(rel_t & (y_true == y_pred))
    best = 0.25 * len(y_true) + 0.75 * np.sum(rel_t)
    return float(score / best)


def print_table(title: str, rows: list[dict], columns: list[str]) -> None:
    """A markdown table on stdout, ready to paste into docs/stance.md."""
    print(f"\n### {title}\n")
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---" for _ in columns) + "|")
    for row in rows:
        cells = []
        for c in columns:
            v = row.get(c, "")
            cells.append(f"{v:.4f}" if isinstance(v, float) else str(v))
        print("| " + " | ".join(cells) + " |")
    sys.stdout.flush()


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def parse_settings(items: list[str], defaults: dict | None = None) -> dict:
    """``--set k=v`` options as StanceClassifier parameters.

    Values are Python literals (numbers, tuples, True/False) when they parse
    as one, else strings; ``literal_eval`` never runs code.
    """
    import ast

    settings = dict(defaults or {})
    for item in items:
        key, value = item.split("=", 1)
        try:
            settings[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            settings[key] = value
    return settings
