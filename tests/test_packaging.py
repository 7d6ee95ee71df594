"""What a fresh install needs is declared, and its absence fails loudly.

A fresh ``python3 -m venv`` brings the pip that ships with Python (23.x),
which does not install ``lxml[html_clean]`` through lxml's extra; the
``html`` extra names what trafilatura imports itself. The test extra's
packages are needed by the suite, so a test never skips when one of them
cannot be imported: a broken install must show up as a failure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="reading pyproject needs Python 3.11")

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS = PYPROJECT["project"]["optional-dependencies"]


# Extras of a dependency that are packages themselves (dask[distributed]).
_PACKAGE_EXTRAS = {"distributed"}


def _names(requirements: list[str]) -> set[str]:
    names = set()
    for requirement in requirements:
        names.add(re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower())
        extras = re.search(r"\[([^\]]*)\]", requirement)
        if extras:
            names |= {e.strip() for e in extras.group(1).split(",")} & _PACKAGE_EXTRAS
    return names


def test_the_html_extra_installs_what_trafilatura_imports():
    assert {"trafilatura", "lxml_html_clean"} <= _names(EXTRAS["html"])


def test_the_test_extra_holds_every_optional_dependency_the_suite_uses():
    assert _names(EXTRAS["html"]) <= _names(EXTRAS["test"])
    assert _names(EXTRAS["dask"]) <= _names(EXTRAS["test"])
    assert {"pytest", "hypothesis"} <= _names(EXTRAS["test"])


def _modules_of_the_test_extra() -> set[str]:
    modules = {n.replace("-", "_") for n in _names(EXTRAS["test"])}
    return modules | {"dask.dataframe", "dask.bag", "lxml_html_clean"}


@pytest.mark.parametrize(
    "path", sorted(p.name for p in (ROOT / "tests").glob("*.py")), ids=str
)
def test_no_test_skips_when_a_declared_test_dependency_is_missing(path):
    source = (ROOT / "tests" / path).read_text(encoding="utf-8")
    skipped = re.findall(r"importorskip\(\s*['\"]([\w.]+)['\"]", source)
    declared = _modules_of_the_test_extra()
    assert not [m for m in skipped if m in declared or m.split(".")[0] in declared]
