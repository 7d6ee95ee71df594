"""The bundled default models, trained from the project's own corpus.

The corpus (articles and sentence labels the project wrote, ``data/`` in the
repository) ships inside the package. A default model is trained from it on
first use, deterministically, and cached in the user's cache folder under
the stancekit version and a fingerprint of the corpus, so an upgrade or a
corpus change never picks up a stale model and nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stancekit import __version__
from stancekit.errors import InputError, ModelFileError
from stancekit.tasks import TASKS as REGISTRY

if TYPE_CHECKING:  # pragma: no cover
    import datasets

__all__ = [
    "DEFAULT",
    "build_default_model",
    "cv_metrics",
    "recorded_cards",
    "TASKS",
    "cache_dir",
    "corpus_dir",
    "default_model",
    "default_model_path",
    "load_corpus",
]

DEFAULT = "default"
TASKS = tuple(REGISTRY)
# Binary check-worthiness as in CLEF CheckThat!: 1 = check-worthy factual claim.
_POSITIVE = REGISTRY["checkworthy"].corpus_positive
_CV_FOLDS = 5


def corpus_dir() -> Path:
    """Folder holding ``corpus/``, ``labels/sentences.jsonl`` and ``targets.jsonl``.

    Installed packages carry a copy in ``stancekit/_corpus`` (see
    ``setup.py``); a source checkout uses ``data/`` directly.
    """
    packaged = Path(__file__).resolve().parents[1] / "_corpus"
    source = Path(__file__).resolve().parents[2] / "data"
    for root in (packaged, source):
        if (root / "labels" / "sentences.jsonl").is_file():
            return root
    raise ModelFileError(
        "the bundled training corpus is missing from this installation; "
        "reinstall stancekit (pip install --force-reinstall stancekit)."
    )


def cache_dir() -> Path:
    """Where default models are cached: ``$STANCEKIT_CACHE``, else the XDG cache."""
    if os.environ.get("STANCEKIT_CACHE"):
        return Path(os.environ["STANCEKIT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "stancekit"


def _fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    # model_cards.json is measured on the corpus, so it is not part of it.
    files = [root / "labels" / "sentences.jsonl", root / "targets.jsonl"]
    files += sorted(p for p in (root / "corpus").rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _code_fingerprint() -> str:
    """A digest of the code a fitted model depends on (features and models).

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
        (favor/against/none) and ``group``.
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
                records.append({**base, "target": target, "label": stance})
    return datasets.Dataset.from_list(records)


def _new_model(task: str) -> Any:
    if task == "checkworthy":
        from stancekit.models.checkworthy import CheckWorthinessClassifier

        return CheckWorthinessClassifier(random_state=0)
    from stancekit.models.stance import StanceClassifier

    # Balanced class weights: macro-F1 up on each of the 5 article-grouped
    # folds (.492 -> .506 overall; accuracy .521 -> .526); "against"
    # (27% of pairs) gains most: F1 .39 -> .42.
    return StanceClassifier(class_weight="balanced", random_state=0)


def cv_metrics(
    task: str, data: datasets.Dataset, folds: int = _CV_FOLDS
) -> dict[str, Any]:
    """Grouped (by article) cross-validated figures of the default recipe.

    Run by ``experiments/default_models.py``, which records them in
    ``data/model_cards.json``; first use does not pay for them.
    """
    from stancekit.evaluation.cv import cross_validate

    frame = data.to_pandas()
    result = cross_validate(
        lambda: _new_model(task),
        frame,
        frame["label"].tolist(),
        groups=frame["group"].tolist(),
        k=folds,
    )
    # the card keeps the figures of the pooled predictions only
    for key in ("folds", "grouped", "per_fold"):
        result.pop(key, None)
    return result


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
        f"stancekit: building the default {task} model (first use)...", file=sys.stderr
    )
    started = time.perf_counter()
    frame = load_corpus(task).to_pandas()
    model = _new_model(task).fit(frame, frame["label"].to_numpy())
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
    save_model(model, path, metadata=metadata)
    return path


def default_model(task: str) -> Any:
    """The bundled default model for ``task``, built on first use.

    Examples
    --------
    >>> model = default_model("checkworthy")  # doctest: +SKIP
    >>> model.predict(["Unemployment fell to 4.1% in May."])  # doctest: +SKIP
    array([1])
    """
    from stancekit.persist.files import load_model

    path = default_model_path(task)
    if not path.is_file():
        build_default_model(task, path)
    return load_model(path)
