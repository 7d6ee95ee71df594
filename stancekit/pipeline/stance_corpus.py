"""The project's stance corpus: (target, sentence, label) pairs it wrote itself.

``data/stance/*.jsonl`` holds news-style sentences written for stancekit,
each labeled favor/against/none toward one target (a claim, a topic or a
person or organisation), with the *case* it was written to exercise
(negation, reported speech, sarcasm, ...); see ``data/GUIDELINES.md``. The
default stance model trains on these pairs together with the stance labels
of the article corpus (:func:`stancekit.pipeline.defaults.load_corpus`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stancekit.errors import SchemaError

if TYPE_CHECKING:  # pragma: no cover
    import datasets

__all__ = [
    "STANCE_CASES",
    "STANCE_FIELDS",
    "STANCE_LABELS",
    "TARGET_KINDS",
    "load_stance_pairs",
    "read_stance_rows",
]

STANCE_FIELDS = (
    "target_id",
    "target",
    "target_kind",
    "text",
    "label",
    "case",
    "domain",
)
STANCE_LABELS = ("favor", "against", "none")
TARGET_KINDS = ("claim", "claim_negative", "topic", "entity")
#: The constructions the corpus covers on purpose (data/GUIDELINES.md).
STANCE_CASES = (
    "direct",
    "negation",
    "double_negation",
    "reported_speech",
    "quoting_opponents",
    "hedge",
    "question",
    "concession",
    "effect",
    "neutral_on_topic",
    "off_topic",
    "headline",
    "restatement",
    "paraphrase_against",
    "sarcasm",
    "debunk",
    "attributed_report",
    "implied_argument",
    "feasibility",
)


def _stance_dir(root: str | os.PathLike | None) -> Path:
    if root is not None:
        return Path(root)
    from stancekit.pipeline.corpus import corpus_dir

    return corpus_dir() / "stance"


def read_stance_rows(root: str | os.PathLike | None = None) -> list[dict[str, Any]]:
    """Every pair of the stance corpus as a dict, files in name order.

    Parameters
    ----------
    root : path, optional
        A folder of ``*.jsonl`` files; defaults to the bundled ``stance/``.

    Raises
    ------
    SchemaError
        When a line lacks a field of :data:`STANCE_FIELDS` or has a label
        outside :data:`STANCE_LABELS`.
    """
    folder = _stance_dir(root)
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                missing = [f for f in STANCE_FIELDS if f not in row]
                if missing:
                    raise SchemaError(
                        f"{path.name} line {number} must have the fields "
                        f"{list(STANCE_FIELDS)}; missing {missing}."
                    )
                if row["label"] not in STANCE_LABELS:
                    raise SchemaError(
                        f"{path.name} line {number}: label must be one of "
                        f"{STANCE_LABELS}; got {row['label']!r}."
                    )
                rows.append({f: row[f] for f in STANCE_FIELDS})
    return rows


def load_stance_pairs(root: str | os.PathLike | None = None) -> datasets.Dataset:
    """The stance corpus as a training set: ``target``, ``text``, ``label``, ``group``.

    ``group`` is the target's id, so grouped cross-validation holds whole
    targets out (stance toward targets never seen in training). The
    corpus's own ``target_kind``, ``case`` and ``domain`` columns are kept.

    Examples
    --------
    >>> pairs = load_stance_pairs()
    >>> sorted(set(pairs["label"]))
    ['against', 'favor', 'none']
    """
    import datasets

    rows = read_stance_rows(root)
    for row in rows:
        row["group"] = row["target_id"]
    return datasets.Dataset.from_list(rows)
