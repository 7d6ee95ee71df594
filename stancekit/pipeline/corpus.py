"""Where the project's own labeled data is: ``data/`` in a checkout, a copy in the package once installed."""

from __future__ import annotations

from pathlib import Path

from stancekit.errors import ModelFileError

__all__ = ["corpus_dir"]


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
