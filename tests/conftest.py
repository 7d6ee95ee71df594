"""Shared fixtures: small in-memory examples written for the project."""

from __future__ import annotations

import pytest
from _examples import CLAIMS, PAIRS, TARGET


@pytest.fixture(scope="session")
def default_cache(tmp_path_factory):
    """A private cache folder for the bundled default models, built once.

    Tests never touch the user's real cache; building both defaults from the
    project corpus takes a little while, so it happens once per session.
    """
    import os

    from stancekit.pipeline.defaults import build_default_model, default_model_path

    folder = tmp_path_factory.mktemp("stancekit-cache")
    old = os.environ.get("STANCEKIT_CACHE")
    os.environ["STANCEKIT_CACHE"] = str(folder)
    for task in ("checkworthy", "stance"):
        build_default_model(task, default_model_path(task))
    yield folder
    if old is None:
        os.environ.pop("STANCEKIT_CACHE", None)
    else:
        os.environ["STANCEKIT_CACHE"] = old


@pytest.fixture(scope="session")
def tiny_models():
    """A check-worthiness and a stance model fitted on a few sentences."""
    from stancekit.models.checkworthy import CheckWorthinessClassifier
    from stancekit.models.stance import StanceClassifier

    cw = CheckWorthinessClassifier(random_state=0).fit(
        [t for t, _ in CLAIMS] * 2, [y for _, y in CLAIMS] * 2
    )
    st = StanceClassifier(random_state=0).fit(
        [{"target": TARGET, "text": t} for t, _ in PAIRS] * 2, [y for _, y in PAIRS] * 2
    )
    return cw, st
