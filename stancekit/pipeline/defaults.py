"""The bundled default models, trained from the project's own corpus.

The corpus (articles and sentence labels the project wrote, ``data/`` in the
repository) ships inside the package. A default model is trained from it on
first use, deterministically, and cached in the user's cache folder under
the stancekit version and a fingerprint of the corpus, so an upgrade or a
corpus change never picks up a stale model and nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stancekit import __version__
from stancekit.errors import InputError, ModelFileError
from stancekit.pipeline.corpus import corpus_dir
from stancekit.tasks import TASKS as REGISTRY

if TYPE_CHECKING:  # pragma: no cover
    import datasets

__all__ = [
    "DEFAULT",
    "build_default_model",
    "cv_metrics",
    "choose_threshold",
    "precision_coverage",
    "stance_threshold",
    "recorded_cards",
    "TASKS",
    "cache_dir",
    "corpus_dir",
    "default_model",
    "default_model_path",
    "genre_weights",
    "ensure_default_model",
    "load_corpus",
    "pair_row",
    "train_default",
]

DEFAULT = "default"
TASKS = tuple(REGISTRY)
# Binary check-worthiness as in CLEF CheckThat!: 1 = check-worthy factual claim.
_POSITIVE = REGISTRY["checkworthy"].corpus_positive
_CV_FOLDS = 5
#: Precision of favor/against the default stance model's threshold is chosen
#: for, on held-out folds of the stance corpus.
STANCE_PRECISION = 0.8
#: The threshold when no model card of this corpus records one.
STANCE_THRESHOLD = 0.6
#: The stance corpus's genre files (``data/stance/news.jsonl``: headlines
#: toward event claims; ``debate.jsonl``: claims toward debate motions),
#: named by their targets' id prefix, and how many times each of their
#: pairs counts when the default stance model is trained: the rest of the
#: corpus argues about proposals, and unweighted the model learns little
#: of how news reports events (docs/default-models.md).
GENRE_FILES = ("news", "debate")
GENRE_REPEAT = 4


def cache_dir() -> Path:
    """Where default models are cached: ``$STANCEKIT_CACHE``, else the XDG cache."""
    from stancekit.persist.verdicts import cache_dir as folder

    return folder()


def _fingerprint(root: Path) -> str:
    # model_cards.json is measured on the corpus, so it is not part of it.
    files = [root / "labels" / "sentences.jsonl", root / "targets.jsonl"]
    files += sorted(p for p in (root / "corpus").rglob("*") if p.is_file())
    files += sorted((root / "stance").glob("*.jsonl"))
    return _digest(root, tuple((p, p.stat().st_mtime_ns) for p in files))


@functools.lru_cache(maxsize=8)
def _digest(root: Path, files: tuple[tuple[Path, int], ...]) -> str:
    """The corpus digest, read once per process (label asks for each task)."""
    digest = hashlib.sha256()
    for path, _ in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _code_fingerprint() -> str:
    """A digest of the code a fitted model depends on, options included.

    A cached model pickled from older feature code can load but then fail
    ("X has 49 features, but ... is expecting 47"); keying the cache by this
    digest makes a code change rebuild the default instead.
    """
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for folder in ("features", "models", "lexicon", "text"):
        for path in sorted((package / folder).glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    # This module sets the default models' options (and trains them).
    digest.update(Path(__file__).read_bytes())
    # A model file records its features' version: a cached default of
    # another version would warn on every load, so it is rebuilt instead.
    from stancekit.persist.files import FEATURES_VERSION

    digest.update(repr(sorted(FEATURES_VERSION.items())).encode())
    return digest.hexdigest()[:8]


def default_model_path(task: str) -> Path:
    """The cache file of the default model for ``task``.

    Keyed by stancekit version, corpus and model code, so none of them can
    change under a cached model.
    """
    _check_task(task)
    root = corpus_dir()
    name = f"{task}-{_fingerprint(root)}-{_code_fingerprint()}.skmodel"
    return cache_dir() / __version__ / name


def _check_task(task: str) -> None:
    if task not in TASKS:
        raise InputError(f"task must be one of {TASKS}; got {task!r}.")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_corpus(task: str, root: str | os.PathLike | None = None) -> datasets.Dataset:
    """The project's labeled corpus as a training set for ``task``.

    Labeled sentences are matched to the rows the dataset module produces
    for the same articles, so training sees the same speakers, quotation
    flags and neighbouring sentences as prediction does.

    Parameters
    ----------
    task : {"checkworthy", "stance"}
        ``checkworthy`` gives ``text``, ``label`` (1 for a check-worthy
        factual claim, else 0), ``group`` (article id), ``speaker``,
        ``checkworthy_class`` (cfs/ufs/nfs); ``stance`` gives one row per
        sentence and target with ``target``, ``text``, ``label``
        (favor/against/none), ``group`` (the article, or for the pairs of
        the stance corpus ``data/stance/`` the target's id) and ``case``
        (``article`` for article sentences, else the construction the pair
        was written for; see :mod:`stancekit.pipeline.stance_corpus`).
    root : path, optional
        A corpus folder; defaults to the bundled one.

    Returns
    -------
    datasets.Dataset
    """
    import datasets

    from stancekit.dataset import iter_sentence_rows

    _check_task(task)
    root = Path(root) if root is not None else corpus_dir()
    labels = _read_jsonl(root / "labels" / "sentences.jsonl")
    # Segment the corpus exactly as a user's articles would be.
    rows = {
        (r["article_id"], r["char_start"], r["char_end"]): r
        for r in iter_sentence_rows(root / "corpus", keep="all")
    }
    labels.sort(key=lambda x: (x["article_id"], x["char_start"]))
    records = []
    for item in labels:
        row = rows.get((item["article_id"], item["char_start"], item["char_end"]), {})
        base = {
            "text": item["text"],
            "group": item["article_id"],
            "speaker": row.get("speaker"),
            "sentence_index": row.get("sentence_index", -1),
        }
        if task == "checkworthy":
            records.append(
                {
                    **base,
                    "label": int(item["checkworthy"] == _POSITIVE),
                    "checkworthy_class": item["checkworthy"],
                }
            )
        else:
            for target, stance in sorted(item.get("stance", {}).items()):
                records.append(
                    {**base, "target": target, "label": stance, "case": "article"}
                )
    if task == "stance" and (root / "stance").is_dir():
        from stancekit.pipeline.stance_corpus import read_stance_rows

        records.extend(pair_row(p) for p in read_stance_rows(root / "stance"))
    return datasets.Dataset.from_list(records)


def pair_row(pair: dict[str, Any]) -> dict[str, Any]:
    """A pair of the stance corpus (``data/stance/``) as a row of
    :func:`load_corpus`'s stance rows: grouped by its target's id."""
    return {
        "text": pair["text"],
        "group": pair["target_id"],
        "speaker": None,
        "sentence_index": -1,
        "target": pair["target"],
        "label": pair["label"],
        "case": pair["case"],
    }


#: The default stance model's solver conditioning (StanceClassifier's
#: ``dense_scale``): its dense pair features scaled by 0.3 while the logistic
#: regressions are fitted. On the stance corpus's held-out folds the fits
#: took 14.1 s of CPU instead of 47.5 s (newton-cg 6-7 steps, not 9) with
#: macro-F1 .7013 (.7012 unscaled) and precision .808 at 0.75 (.804); 0.87%
#: of the held-out labels change (the model of 6 December, when the
#: threshold was 0.75; docs/default-models-history.md).
_DENSE_SCALE = 0.3


def _new_model(task: str, abstain_threshold: float | None = None) -> Any:
    if task == "checkworthy":
        from stancekit.models.checkworthy import CheckWorthinessClassifier

        return CheckWorthinessClassifier(random_state=0)
    from stancekit.models.stance import StanceClassifier

    # Balanced class weights: macro-F1 up on each of the 5 article-grouped
    # folds (.492 -> .506 overall; accuracy .521 -> .526); "against"
    # (27% of pairs) gains most: F1 .39 -> .42. Target polarity: the
    # features that carry to targets never seen (docs/default-models.md).
    # One text n-gram block ("full"): corpus texts are single sentences,
    # so "both" only repeated it, at a third more fitting time.
    # polarity_weight: a second opinion from claim polarity alone (motion
    # polarity x claim sentiment), which carries to claims that share no
    # words with their target. Chosen on the stance corpus's held-out folds,
    # with the genre files and signed n-grams: 0.5 (macro-F1 .701, coverage
    # .334 at 0.75) against 0 (.703, .316) and 0.75 (.699, .345). Re-chosen
    # with the trees and the kind of target, by coverage at precision .80
    # (scratch count), then macro-F1: 0.75 (.456, .7237) against 0.5 (.448,
    # .7257) and 0 (.433, .7275) (docs/default-models-history.md).
    # Signed n-grams: the text n-grams times the target's direction, so a
    # word's side carries to targets phrased against something; macro-F1 on
    # the stance corpus's held-out folds .687 -> .701.
    # trees_weight: a third opinion, gradient-boosted trees reading the dense
    # pair features together. Chosen on the stance corpus's held-out folds
    # for coverage at precision .80, then macro-F1, with polarity_weight 0.5
    # and before the kind of target: 0.75 (coverage .442, .7194) against 0
    # (.377, .7057), 0.25 (.429, .7130), 0.5 (.398, .7184) and 1 (.405,
    # .7195); coverage counted as the scratch runs did, the card's count
    # gives .429 and .370. Checked again with both: 0.5 (.412) and 1 (.419)
    # against 0.75 (.456) (docs/default-models-history.md).
    return StanceClassifier(
        class_weight="balanced",
        target_polarity=True,
        polarity_weight=0.75,
        trees_weight=0.75,
        text_scope="full",
        abstain_threshold=abstain_threshold,
        restated_favor=True,
        signed_ngrams=True,
        dense_scale=_DENSE_SCALE,
        plain_motions=True,
        random_state=0,
    )


def genre_weights(frame: Any) -> Any:
    """The sample weights of the default stance model's training rows
    ``frame``: :data:`GENRE_REPEAT` for the pairs of :data:`GENRE_FILES`,
    1 for the rest.

    Weighting gives the classifiers the objective of repeating those rows
    :data:`GENRE_REPEAT` times, without featurizing them again (the build
    took 31.6 s with repeated rows, docs/default-models-history.md).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"group": ["news-001", "pol-001", "politics/x"],
    ...                       "case": ["debunk", "direct", "article"]})
    >>> genre_weights(frame).tolist()
    [4.0, 1.0, 1.0]
    """
    import numpy as np

    prefix = frame["group"].astype(str).str.split("-").str[0]
    genre = (prefix.isin(GENRE_FILES) & (frame["case"] != "article")).to_numpy()
    return np.where(genre, float(GENRE_REPEAT), 1.0)


def train_default(
    task: str, frame: Any, threshold: float | None = None, y: Any = None
) -> Any:
    """A default model of ``task`` fitted on the corpus rows ``frame`` with
    labels ``y`` (default: its ``label`` column), the stance model weighted
    by :func:`genre_weights`."""
    model = _new_model(task, threshold)
    y = frame["label"].to_numpy() if y is None else y
    if task == "stance":
        return model.fit(frame, y, sample_weight=genre_weights(frame))
    return model.fit(frame, y)


class _Trainer:
    """:func:`train_default` as a model for the cross-validation loop."""

    def __init__(self, task: str) -> None:
        self.task = task

    def fit(self, X: Any, y: Any) -> _Trainer:
        self.model_ = train_default(self.task, X, y=y)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X: Any) -> Any:
        return self.model_.predict_proba(X)


def stance_threshold(root: Path | None = None) -> float:
    """The default stance model's abstain threshold.

    Chosen by ``experiments/default_models.py`` on held-out folds of the
    corpus, for precision, and recorded in ``model_cards.json``; a corpus
    without a matching card gets :data:`STANCE_THRESHOLD`.
    """
    card = recorded_cards(root).get("stance", {})
    return float(card.get("abstain_threshold", STANCE_THRESHOLD))


def precision_coverage(
    y: Any, proba: Any, classes: Any, thresholds: Any = None
) -> list[dict[str, float]]:
    """Precision and coverage of favor/against at each confidence threshold.

    ``precision``: of the rows given a stance (its probability at least the
    threshold), the share whose stance is right. ``coverage``: the share of
    rows labeled favor or against that are given a stance.

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([[0.9, 0.05, 0.05], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8]])
    >>> curve = precision_coverage(
    ...     ["against", "favor", "none"], p, ["against", "favor", "none"], [0.5, 0.7])
    >>> [(c["threshold"], c["precision"], c["coverage"]) for c in curve]
    [(0.5, 0.5, 1.0), (0.7, 1.0, 0.5)]
    """
    import numpy as np

    from stancekit.models.stance import abstain, abstain_label

    y = np.asarray(y, dtype=object)
    classes = np.asarray(classes, dtype=object)
    fallback = abstain_label(classes)
    if thresholds is None:
        thresholds = np.round(np.arange(0.35, 0.96, 0.05), 2)
    stance_rows = y != fallback
    out = []
    for threshold in thresholds:
        labels, _ = abstain(np.asarray(proba), classes, float(threshold))
        said = labels != fallback
        right = float(np.mean(labels[said] == y[said])) if said.any() else 0.0
        coverage = float(np.mean(said[stance_rows])) if stance_rows.any() else 0.0
        out.append(
            {
                "threshold": float(threshold),
                "precision": round(right, 4),
                "coverage": round(coverage, 4),
            }
        )
    return out


def choose_threshold(curve: list[dict[str, float]], precision: float) -> float:
    """The lowest threshold of ``curve`` whose precision reaches ``precision``
    (the most coverage at that precision); the highest threshold if none does.

    Examples
    --------
    >>> choose_threshold([{"threshold": 0.5, "precision": 0.7},
    ...                   {"threshold": 0.6, "precision": 0.82}], 0.8)
    0.6
    """
    for point in sorted(curve, key=lambda c: c["threshold"]):
        if point["precision"] >= precision:
            return point["threshold"]
    return max(c["threshold"] for c in curve)


def cv_metrics(
    task: str, data: datasets.Dataset, folds: int = _CV_FOLDS
) -> dict[str, Any]:
    """Grouped (by article) cross-validated figures of the default recipe.

    Run by ``experiments/default_models.py``, which records them in
    ``data/model_cards.json``; first use does not pay for them.
    """

    import numpy as np
    from sklearn.model_selection import GroupKFold

    from stancekit.evaluation.cv import cross_validate
    from stancekit.evaluation.metrics import evaluate

    frame = data.to_pandas()
    y = frame["label"].to_numpy()
    groups = frame["group"].to_numpy()
    splits = list(GroupKFold(n_splits=folds).split(frame, y, groups))
    out = cross_validate(
        lambda: _Trainer(task),
        frame,
        y.tolist(),
        groups=groups.tolist(),
        splits=splits,
        return_proba=task == "stance",
    )
    # the card keeps the figures of the pooled predictions only
    for key in ("folds", "grouped", "per_fold"):
        out.pop(key, None)
    if task == "checkworthy":
        return out
    # Stance: the precision/coverage curve of favor/against on the held-out
    # folds, overall and on the stance corpus's pairs, and the threshold
    # chosen from it.
    proba, classes = out.pop("proba"), np.asarray(out.pop("classes"), dtype=object)
    pred = classes[proba.argmax(axis=1)]
    pairs = (frame["case"] != "article").to_numpy()
    out["stance_corpus"] = evaluate(y[pairs], pred[pairs])
    out["curve"] = precision_coverage(y, proba, classes)
    out["curve_stance_corpus"] = precision_coverage(y[pairs], proba[pairs], classes)
    out["abstain_threshold"] = choose_threshold(
        out["curve_stance_corpus"], STANCE_PRECISION
    )
    fold_of = np.zeros(len(y), dtype=int)
    for i, (_, test) in enumerate(splits):
        fold_of[test] = i
    out.update(
        _by_kind(
            frame["target"].to_numpy()[pairs],
            y[pairs],
            proba[pairs],
            classes,
            fold_of[pairs],
        )
    )
    return out


def _by_kind(
    targets: Any, y: Any, proba: Any, classes: Any, fold_of: Any
) -> dict[str, Any]:
    """Abstaining per kind of target (motion, claim, topic): each kind's
    curve and the threshold chosen on all held-out folds, and precision and
    coverage of the rows when each fold abstains at the per-kind thresholds
    chosen on the other folds' held-out rows (measured, not shipped)."""
    import numpy as np

    from stancekit.features.claim_target import TARGET_KINDS, target_kind
    from stancekit.models.stance import abstain, abstain_label

    kinds = np.array([target_kind(str(t)) for t in targets])
    fallback = abstain_label(classes)

    def chosen(rows: Any) -> dict[str, float]:
        thresholds = {}
        for kind in TARGET_KINDS:
            mask = rows & (kinds == kind)
            if mask.any():
                curve = precision_coverage(y[mask], proba[mask], classes)
                thresholds[kind] = choose_threshold(curve, STANCE_PRECISION)
        return thresholds

    labels = np.empty(len(y), dtype=object)
    for fold in np.unique(fold_of):
        test = fold_of == fold
        thresholds = chosen(~test)
        for kind, threshold in thresholds.items():
            rows = test & (kinds == kind)
            labels[rows] = abstain(proba[rows], classes, threshold)[0]
    said = labels != fallback
    stance_rows = y != fallback
    return {
        "curve_by_kind": {
            kind: precision_coverage(y[kinds == kind], proba[kinds == kind], classes)
            for kind in TARGET_KINDS
            if (kinds == kind).any()
        },
        "pairs_by_kind": {kind: int((kinds == kind).sum()) for kind in TARGET_KINDS},
        "threshold_by_kind": chosen(np.ones(len(y), dtype=bool)),
        "by_kind_held_out": {
            "precision": round(float(np.mean(labels[said] == y[said])), 4),
            "coverage": round(float(np.mean(said[stance_rows])), 4),
        },
    }


def recorded_cards(root: Path | None = None) -> dict[str, Any]:
    """The cross-validated figures recorded for this corpus, per task.

    Empty when ``model_cards.json`` is missing or was measured on another
    version of the corpus, so a card never shows figures of other data.
    """
    root = root or corpus_dir()
    path = root / "model_cards.json"
    if not path.is_file():
        return {}
    cards = json.loads(path.read_text(encoding="utf-8"))
    if cards.get("corpus_fingerprint") != _fingerprint(root):
        return {}
    return cards.get("tasks", {})


def build_default_model(task: str, path: str | os.PathLike | None = None) -> Path:
    """Train the default model for ``task`` from the corpus and save it.

    Returns the path written (by default the cache file).
    """
    from stancekit.persist.files import save_model

    _check_task(task)
    path = Path(path) if path is not None else default_model_path(task)
    path.parent.mkdir(parents=True, exist_ok=True)
    print(
        f"stancekit: building the default {task} model (once, about a minute)...",
        file=sys.stderr,
    )
    started = time.perf_counter()
    frame = load_corpus(task).to_pandas()
    threshold = stance_threshold() if task == "stance" else None
    model = train_default(task, frame, threshold)
    card = recorded_cards().get(task, {})
    metadata = {
        "task": task,
        "default": True,
        "data": [
            "stancekit corpus: data/ in the repository, articles and "
            "sentence labels written by the project"
        ],
        "n_samples": len(frame),
        "n_groups": int(frame["group"].nunique()),
        "training_seconds": round(time.perf_counter() - started, 2),
    }
    if card:
        metadata["metrics"] = {card["method"]: card["metrics"]}
    if threshold is not None:
        metadata["abstain_threshold"] = threshold
    save_model(model, path, metadata=metadata)
    return path


def default_model(task: str) -> Any:
    """The bundled default model for ``task``, built on first use.

    The cache is stancekit's own, so it heals itself: a missing entry is
    built, a damaged one (truncated, corrupt) or a stale one (saved with
    another scikit-learn) is rebuilt with a warning, and entries of other
    versions unused for a week are removed. Processes that start together
    on an empty cache build each model once: one builds while the others
    wait for its lock file (a lock left by a process that died is taken
    over).

    Examples
    --------
    >>> model = default_model("checkworthy")  # doctest: +SKIP
    >>> model.predict(["Unemployment fell to 4.1% in May."])  # doctest: +SKIP
    array([1])
    """
    from stancekit.persist.files import load_model

    path = ensure_default_model(task)
    seen = _signature(path)
    try:
        model = load_model(path)
    except ModelFileError as exc:  # checksum or unpickling: damaged all the same
        _rebuild(task, path, problem=_damaged(path, exc), seen=seen)
        model = load_model(path)
    _mark_used(path)
    return model


def ensure_default_model(task: str, whole: bool = False) -> Path:
    """The cache file of the default model for ``task``, built or healed first.

    Checks what is cheap to check (present, complete, same scikit-learn);
    :func:`default_model` also rebuilds an entry that fails to load. With
    ``whole``, the file's checksum is checked too (a tenth of a second),
    for callers that hand the path to worker processes, which load it as
    any model file and cannot heal it.
    """
    path = default_model_path(task)
    if _entry_problem(path, whole) is not None:
        _rebuild(task, path, whole=whole)
    return path


def _signature(path: Path) -> tuple[int, int, int] | None:
    """Which file ``path`` is now (inode, modification time, size), to tell
    whether another process replaced it; None when it is missing."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


# A build takes about a minute on a slow machine; waiting longer than this for
# another process means it is stuck.
_LOCK_TIMEOUT_S = 900.0
_LOCK_POLL_S = 0.2
# Cache entries of other versions (or corpus and code) are removed once unused
# this long; two installations sharing a cache do not delete each other's.
_KEEP_UNUSED_S = 7 * 24 * 3600.0


def _entry_problem(path: Path, whole: bool = False) -> str | None:
    """Why the cache entry cannot be used as it is, or None; with ``whole``,
    its checksum read too (:func:`~stancekit.persist.files.check_whole`)."""
    from stancekit.persist.files import check_whole, read_metadata

    if not path.is_file():
        return "missing"
    try:
        meta = read_metadata(path)
    except ModelFileError as exc:
        return _damaged(path, exc)
    from importlib import metadata

    saved = (meta.get("versions") or {}).get("scikit-learn")
    installed = metadata.version("scikit-learn")
    if saved != installed:
        return f"stale (built with scikit-learn {saved}; installed {installed})"
    if whole:
        try:
            check_whole(path)
        except ModelFileError as exc:
            return _damaged(path, exc)
    return None


def _damaged(path: Path, exc: Exception) -> str:
    return f"damaged ({str(exc).replace(str(path), 'it').rstrip('.')})"


def _rebuild(
    task: str,
    path: Path,
    problem: str | None = None,
    seen: tuple[int, int, int] | None = None,
    whole: bool = False,
) -> None:
    """Build the entry under the lock, unless another process just did.

    Without ``problem``, the entry is checked again under the lock (with
    its checksum when ``whole``), and kept when it is now fine. ``problem``:
    what loading the file ``seen`` (:func:`_signature`) found wrong; when
    another process has since replaced it with a whole one, that one is
    kept (processes of a ``--jobs`` run may already be loading it)."""
    import warnings

    from stancekit.errors import StancekitWarning

    path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(path, task):
        if problem is None:
            problem = _entry_problem(path, whole)
            if problem is None:  # built by the process we waited for
                return
        elif (
            seen is not None
            and _signature(path) != seen
            and _entry_problem(path, whole=True) is None
        ):
            return  # replaced by the process we waited for
        if problem != "missing":
            warnings.warn(
                f"the cached default {task} model {path} is {problem}; rebuilding it.",
                StancekitWarning,
                stacklevel=3,
            )
            path.unlink(missing_ok=True)
        build_default_model(task, path)
        _clean_old_entries(path)


class _build_lock:  # noqa: N801 - used as a context manager, like open()
    """An exclusive lock file beside ``path`` while its model is built."""

    def __init__(self, path: Path, task: str, timeout: float = _LOCK_TIMEOUT_S):
        self.lock = path.with_name(path.name + ".lock")
        self.task = task
        self.timeout = timeout

    def __enter__(self) -> _build_lock:
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            try:
                fd = os.open(self.lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if _lock_is_stale(self.lock):
                    self.lock.unlink(missing_ok=True)
                    continue
                if time.monotonic() > deadline:
                    raise ModelFileError(
                        f"waited {self.timeout:.0f} s for another stancekit "
                        f"process to build the default {self.task} model; if "
                        f"none is running, delete {self.lock}."
                    ) from None
                if not told:
                    print(
                        f"stancekit: waiting for another process to build the "
                        f"default {self.task} model...",
                        file=sys.stderr,
                    )
                    told = True
                time.sleep(_LOCK_POLL_S)
                continue
            with os.fdopen(fd, "w") as fh:
                fh.write(f"{os.getpid()} {_host()}\n")
            return self

    def __exit__(self, *exc: object) -> None:
        self.lock.unlink(missing_ok=True)


def _host() -> str:
    import socket

    return socket.gethostname()


def _lock_is_stale(lock: Path) -> bool:
    """A lock whose process is gone (same machine), or far too old."""
    try:
        pid_text, _, host = lock.read_text().strip().partition(" ")
        age = time.time() - lock.stat().st_mtime
    except (OSError, ValueError):
        return False  # just released, or being written: look again
    if age > _LOCK_TIMEOUT_S:
        return True
    if host != _host() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _mark_used(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)


def _clean_old_entries(keep: Path) -> None:
    """Remove default models of other versions unused for a week."""
    root = cache_dir()
    now = time.time()
    for entry in root.glob("*/*.skmodel"):
        if entry == keep:
            continue
        try:
            if now - entry.stat().st_mtime > _KEEP_UNUSED_S:
                entry.unlink()
                if not any(entry.parent.iterdir()):
                    entry.parent.rmdir()
        except OSError:
            pass
