"""Stance on the project's unseen evaluation sets, ``data/unseen/``.

Usage::

    python experiments/unseen_motions.py

Files the project wrote, never trained on: nothing under
``data/unseen/`` is read when a default model is built
(data/GUIDELINES.md, section 9). ``motion.jsonl``: 169 debate motions,
each with implied arguments, restatements, hedges, neutral and off-topic
sentences; ``argument.jsonl``: 158 further motions, four implied
arguments a side each, one neutral and one off-topic sentence;
``opinion.jsonl``: 40 opinion pieces, sentence by sentence;
``stake.jsonl``: 90 local proposals, each with the people it would affect
quoted on what it would do to them, two a side, and two quotations that
take none. They are
closer to IBM Claim Stance (claims toward debate motions) than the
corpus's own held-out folds, so a feature can be judged out of topic
without reading IBM.

Both models are trained on the whole project corpus in this run, as
``experiments/default_models.py`` trains them (``fit_on_corpus``): the
default stance model exactly as it ships (``train_default``, its recorded
abstain threshold) and the plain TF-IDF 1-2 grams + logistic regression
baseline over ``"target [SEP] text"``. Printed, for each set of
:data:`UNSEEN_SETS`: one table with every model (favor/against precision
and coverage, accuracy and macro-F1; the majority class beside them),
then precision and coverage by threshold for the default and the
baseline; for all the set's motions, then for each half of
:func:`motion_half` (the ``dev`` half is where features and settings are
chosen, beside the corpus's folds; the ``held`` half is read once, after
the choice). Tables go to stdout, progress to stderr.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
from default_models import (
    OOD_COLUMNS,
    baseline_text,
    fit_on_corpus,
    log,
    print_curves,
    print_table,
    stance_row,
    stance_scores,
)

from stancekit.models.stance import abstain
from stancekit.pipeline.defaults import precision_coverage
from stancekit.pipeline.stance_corpus import read_stance_rows

UNSEEN = Path(__file__).resolve().parents[1] / "data" / "unseen"
#: The two halves of the unseen motions, split by motion: the motions'
#: ``target_id`` values sorted, then alternately ``dev`` (1st, 3rd, ...)
#: and ``held`` (2nd, 4th, ...). Features and settings are chosen on the
#: corpus's folds and the ``dev`` half; ``held`` is scored once, at the end.
HALVES = ("dev", "held")
#: The evaluation sets of ``data/unseen/``: each file is named for its
#: targets' id prefix (``motion-001`` is in ``motion.jsonl``).
UNSEEN_SETS = ("motion", "argument", "opinion", "stake")


def unseen_sets(root: Path = UNSEEN) -> dict[str, pd.DataFrame]:
    """Each evaluation set of ``root`` (:data:`UNSEEN_SETS`), rows in file order."""
    frame = pd.DataFrame(read_stance_rows(root))
    prefix = frame["target_id"].str.split("-").str[0]
    return {n: frame[prefix == n].reset_index(drop=True) for n in UNSEEN_SETS}


def motion_half(frame: pd.DataFrame) -> np.ndarray:
    """Each row's half of the unseen motions (:data:`HALVES`), by motion."""
    ids = sorted(frame["target_id"].unique())
    half = {t: HALVES[i % 2] for i, t in enumerate(ids)}
    return frame["target_id"].map(half).to_numpy()


def piece_side(frame: pd.DataFrame) -> pd.Series:
    """The side each opinion piece argues, by piece id: the label of its
    first headline (pieces without one are left out)."""
    heads = frame[frame["case"] == "headline"].drop_duplicates("target_id")
    return heads.set_index("target_id")["label"]


def piece_half(frame: pd.DataFrame) -> np.ndarray:
    """Each row's half of the opinion pieces (:data:`HALVES`): the pieces of
    each side (:func:`piece_side`) in id order, alternately ``dev`` and
    ``held``, so both halves hold pieces of both sides (:func:`motion_half`
    would put every other id, one side, in each half)."""
    half = {}
    sides = piece_side(frame)
    for _, ids in sides.groupby(sides):
        half.update({t: HALVES[i % 2] for i, t in enumerate(sorted(ids.index))})
    return frame["target_id"].map(half).fillna(HALVES[0]).to_numpy()


def score_models(
    frame: pd.DataFrame, ours, base
) -> tuple[list[dict], dict[str, list[dict]]]:
    """Every model's scores on ``frame`` (``target``, ``text``, ``label``) and
    the precision/coverage curves of the default and the baseline.

    ``ours`` has ``predict_proba`` over ``frame[["target", "text"]]``,
    ``classes_`` and ``abstain_threshold``; ``base`` predicts from
    ``baseline_text``. Rows: the default abstaining at its threshold and
    never abstaining, the baseline never abstaining and abstaining at the
    default's threshold, and the majority class.
    """
    y = frame["label"].to_numpy().astype(object)
    proba = ours.predict_proba(frame[["target", "text"]])
    classes = np.asarray(ours.classes_, dtype=object)
    base_proba = base.predict_proba(baseline_text(frame, "stance"))
    base_classes = np.asarray(base.classes_, dtype=object)
    threshold = ours.abstain_threshold
    values, counts = np.unique(y, return_counts=True)
    majority = values[np.argmax(counts)]
    predictions = [
        (
            f"default, abstaining below {threshold:.2f}",
            abstain(proba, classes, threshold)[0],
        ),
        ("default, never abstaining", classes[proba.argmax(axis=1)]),
        ("tfidf+lr, never abstaining", base_classes[base_proba.argmax(axis=1)]),
        (
            f"tfidf+lr, abstaining below {threshold:.2f}",
            abstain(base_proba, base_classes, threshold)[0],
        ),
        (f"majority class ({majority})", np.full(len(y), majority, dtype=object)),
    ]
    rows = [
        stance_row(name, stance_scores(y, np.asarray(pred, dtype=object)))
        for name, pred in predictions
    ]
    curves = {
        "default": precision_coverage(y, proba, classes),
        "tfidf+lr": precision_coverage(y, base_proba, base_classes),
    }
    return rows, curves


def piece_sides(frame: pd.DataFrame, ours) -> list[dict]:
    """The stances the default model shows in opinion pieces, by the side
    the piece argues (its first headline's label): how many body sentences
    (the headline left out) of each gold label, how many it shows as
    ``favor`` and ``against`` at its threshold, and how many of those are
    right and wrong. Pieces without a headline form a third row."""
    side = frame["target_id"].map(piece_side(frame))
    side = side.fillna("(no headline)").to_numpy()
    proba = ours.predict_proba(frame[["target", "text"]])
    classes = np.asarray(ours.classes_, dtype=object)
    shown = abstain(proba, classes, ours.abstain_threshold)[0]
    y = frame["label"].to_numpy()
    body = (frame["case"] != "headline").to_numpy()
    names = ["favor", "against"] + (["(no headline)"] * ("(no headline)" in side))
    rows = []
    for name in names:
        part = body & (side == name)
        given = part & np.isin(shown, ["favor", "against"])
        rows.append(
            {
                "pieces arguing": name,
                "pieces": int(frame.loc[side == name, "target_id"].nunique()),
                "body sentences": int(part.sum()),
                "gold favor / against / none": " / ".join(
                    str(int(np.sum(part & (y == c))))
                    for c in ("favor", "against", "none")
                ),
                "shown favor": int(np.sum(part & (shown == "favor"))),
                "shown against": int(np.sum(part & (shown == "against"))),
                "shown right": int(np.sum(given & (shown == y))),
                "shown wrong": int(np.sum(given & (shown != y))),
            }
        )
    return rows


class _Predicted:
    """``model``'s probabilities over ``frame``, computed once: scoring a
    set, its halves and its pieces reads them by row (``predict_proba`` of
    any subset of ``frame``'s rows), as ``model`` would give them."""

    def __init__(self, model, frame: pd.DataFrame) -> None:
        self.classes_ = model.classes_
        self.abstain_threshold = model.abstain_threshold
        proba = model.predict_proba(frame[["target", "text"]])
        self.proba = pd.DataFrame(proba, index=frame.index)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        return self.proba.loc[X.index].to_numpy()


def main() -> None:
    sets = unseen_sets()
    for name, frame in sets.items():
        log(f"{name}.jsonl: {len(frame)} pairs, {frame['target_id'].nunique()} motions")
    start = time.perf_counter()
    ours, base = fit_on_corpus("stance")
    log(f"fitted on the corpus in {time.perf_counter() - start:.0f} s")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load {load}")
    for file, frame in sets.items():
        half = piece_half(frame) if file == "opinion" else motion_half(frame)
        predicted = _Predicted(ours, frame)
        for name, part in [("all", frame), *((h, frame[half == h]) for h in HALVES)]:
            rows, curves = score_models(part, predicted, base)
            labels = part["label"].value_counts().to_dict()
            print_table(
                f"stance on unseen {file}.jsonl, {name} ({len(part)} pairs, "
                f"{part['target_id'].nunique()} motions; {labels}), never trained on",
                rows,
                OOD_COLUMNS[:-1],
            )
            print_curves(
                f"unseen {file}.jsonl, {name}: favor/against precision and "
                "coverage by threshold",
                curves,
                ours.abstain_threshold,
            )
        if file == "opinion":
            rows = piece_sides(frame, predicted)
            print_table(
                f"default model on the opinion pieces of {file}.jsonl, by the "
                f"side each piece argues (shown: at {ours.abstain_threshold:.2f})",
                rows,
                list(rows[0]),
            )


if __name__ == "__main__":
    main()
