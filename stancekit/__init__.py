"""stancekit: fact-check and stance labeling of news text.

Articles go in (text, HTML, JSONL/CSV tables); sentence-level examples come
out, and trainable classifiers label each sentence for check-worthiness and
for stance toward a target.

Public names are imported lazily so that ``stancekit --help`` does not pay
for scikit-learn and datasets.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module that defines it; the whole public API in one place.
_EXPORTS = {
    "Article": "stancekit.io.articles",
    "read_articles": "stancekit.io.articles",
    "Sentence": "stancekit.text.segment",
    "split_sentences": "stancekit.text.segment",
    "articles_to_dataset": "stancekit.dataset",
    "label": "stancekit.pipeline.labeling",
    "load_labeled": "stancekit.formats",
    "CheckWorthinessClassifier": "stancekit.models.checkworthy",
    "StanceClassifier": "stancekit.models.stance",
    "save_model": "stancekit.persist.files",
    "load_model": "stancekit.persist.files",
    "read_metadata": "stancekit.persist.files",
    "StancekitError": "stancekit.errors",
    "InputError": "stancekit.errors",
    "DecodeError": "stancekit.errors",
    "SchemaError": "stancekit.errors",
    "LabelError": "stancekit.errors",
    "ModelFileError": "stancekit.errors",
    "UnsafeModelError": "stancekit.errors",
    "MissingDependencyError": "stancekit.errors",
    "StancekitWarning": "stancekit.errors",
}
_SUBMODULES = {"metrics"}

__all__ = [
    "Article",
    "CheckWorthinessClassifier",
    "DecodeError",
    "InputError",
    "LabelError",
    "MissingDependencyError",
    "ModelFileError",
    "SchemaError",
    "Sentence",
    "StanceClassifier",
    "StancekitError",
    "StancekitWarning",
    "UnsafeModelError",
    "__version__",
    "articles_to_dataset",
    "load_labeled",
    "label",
    "load_model",
    "metrics",
    "read_articles",
    "read_metadata",
    "save_model",
    "split_sentences",
]

if TYPE_CHECKING:  # pragma: no cover
    from stancekit import metrics
    from stancekit.dataset import articles_to_dataset
    from stancekit.errors import (
        DecodeError,
        InputError,
        LabelError,
        MissingDependencyError,
        ModelFileError,
        SchemaError,
        StancekitError,
        StancekitWarning,
        UnsafeModelError,
    )
    from stancekit.formats import load_labeled
    from stancekit.io.articles import Article, read_articles
    from stancekit.models.checkworthy import CheckWorthinessClassifier
    from stancekit.models.stance import StanceClassifier
    from stancekit.persist.files import load_model, read_metadata, save_model
    from stancekit.pipeline.labeling import label
    from stancekit.text.segment import Sentence, split_sentences


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"stancekit.{name}")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'stancekit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
