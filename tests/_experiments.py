"""Loading a script of ``experiments/`` in a test, as a module."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

EXPERIMENTS = Path(__file__).resolve().parent.parent / "experiments"


def load_experiment(name: str) -> ModuleType:
    """``experiments/<name>.py``, run as a module, with ``experiments/`` on
    the path (the scripts import one another, ``default_models`` first)."""
    sys.path.insert(0, str(EXPERIMENTS))
    spec = importlib.util.spec_from_file_location(name, EXPERIMENTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
