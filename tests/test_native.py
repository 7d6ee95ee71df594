"""The text rules compiled by mypyc (setup.py): the same rows as their
sources, their docstring examples, and when the sources run instead."""

from __future__ import annotations

import ast
import doctest
import hashlib
import importlib
import json
import os
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import stancekit.text
from stancekit.text import NATIVE, _compiled_state

TEXT = Path(stancekit.text.__file__).parent
ROOT = TEXT.parent.parent
PAGES = sorted((ROOT / "tests" / "pages").glob("*.txt")) + [
    ROOT / "data" / "examples" / "scraped-article.txt"
]

# Every row field the text rules decide, for every page, keep="all".
_ROWS = """
import json, sys
from pathlib import Path
import stancekit.text
from stancekit.dataset import article_rows
from stancekit.io.articles import Article
fields = ("char_start", "char_end", "kind", "duplicate_of", "in_quote", "speaker")
rows = {
    path: [[row[f] for f in fields] for row in article_rows(
        Article(id=path, text=Path(path).read_text("utf-8")), keep="all")]
    for path in sys.argv[1:]
}
print(json.dumps({"compiled": stancekit.text.COMPILED,
                  "clean": stancekit.text.clean.__file__, "rows": rows}))
"""


def _rows(pure: bool) -> dict:
    env = dict(os.environ)
    env.pop("STANCEKIT_PURE_PYTHON", None)
    if pure:
        env["STANCEKIT_PURE_PYTHON"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _ROWS, *map(str, PAGES)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_sources_switch_gives_the_same_rows_as_the_install():
    installed, sources = _rows(pure=False), _rows(pure=True)
    assert sources["compiled"] is False
    assert sources["clean"].endswith("clean.py")
    assert installed["compiled"] is stancekit.text.COMPILED
    assert installed["clean"].endswith(".py") is not stancekit.text.COMPILED
    assert sum(map(len, sources["rows"].values())) > 100
    assert installed["rows"] == sources["rows"]


def _examples(name: str) -> list[doctest.DocTest]:
    """The docstring examples of a module's source, run in the namespace of
    the module in use (compiled functions have no docstrings to find)."""
    path = TEXT / f"{name}.py"
    module = importlib.import_module(f"stancekit.text.{name}")
    parser = doctest.DocTestParser()
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
            doc = ast.get_docstring(node)
            if doc and ">>>" in doc:
                where = f"{name}.{getattr(node, 'name', '')}".rstrip(".")
                globs = dict(vars(module))
                found.append(parser.get_doctest(doc, globs, where, str(path), 0))
    return found


WITH_EXAMPLES = [n for n in NATIVE if ">>>" in (TEXT / f"{n}.py").read_text("utf-8")]


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_hold_for_the_module_in_use(name):
    report: list[str] = []
    runner = doctest.DocTestRunner(verbose=False)
    for test in _examples(name):
        runner.run(test, out=report.append)
    assert runner.tries > 0
    assert runner.failures == 0, "".join(report)


def test_the_modules_with_examples_are_found():
    assert {"clean", "quotes", "repeats", "dispatch"} <= set(WITH_EXAMPLES)


def _package(tmp_path: Path, names: dict[str, str], manifest: dict | None) -> Path:
    for name, source in names.items():
        (tmp_path / f"{name}.py").write_text(source)
        (tmp_path / f"{name}{EXTENSION_SUFFIXES[0]}").write_bytes(b"")
    if manifest is not None:
        (tmp_path / "_native.json").write_text(json.dumps(manifest))
    return tmp_path


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()


def test_compiled_state_reads_the_build_beside_the_sources(tmp_path):
    assert _compiled_state(tmp_path) == (set(), False)
    sources = {"clean": "x = 1\n", "quotes": "y = 2\n"}
    built = _package(tmp_path, sources, {n: _digest(s) for n, s in sources.items()})
    assert _compiled_state(built) == ({"clean", "quotes"}, True)


def test_compiled_files_of_another_python_are_not_counted(tmp_path):
    (tmp_path / "clean.py").write_text("x = 1\n")
    (tmp_path / "clean.cpython-299-x86_64-linux-gnu.so").write_bytes(b"")
    (tmp_path / "_native.json").write_text(json.dumps({"clean": _digest("x = 1\n")}))
    assert _compiled_state(tmp_path) == (set(), False)


def test_compiled_state_is_stale_once_a_source_changes(tmp_path):
    sources = {"clean": "x = 1\n", "quotes": "y = 2\n"}
    built = _package(tmp_path, sources, {n: _digest(s) for n, s in sources.items()})
    (built / "quotes.py").write_text("y = 3\n")
    assert _compiled_state(built) == ({"clean", "quotes"}, False)


@pytest.mark.parametrize(
    "manifest", [None, {"clean": "0" * 64}, {"clean": _digest("x = 1\n")}]
)
def test_compiled_state_is_stale_without_a_matching_record(tmp_path, manifest):
    # no record; a wrong digest; a module built but not recorded
    built = _package(tmp_path, {"clean": "x = 1\n", "quotes": "y = 2\n"}, manifest)
    assert _compiled_state(built)[1] is False


def test_the_compiled_modules_type_check():
    # mypyc compiles only code that type-checks; a module that does not
    # would leave every install in pure Python, silently (setup.py).
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--ignore-missing-imports"]
        + ["--follow-imports=silent", "--no-incremental"]
        + [str(TEXT / f"{name}.py") for name in NATIVE],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(
    shutil.which("cc") is None or bool(os.environ.get("STANCEKIT_PURE_PYTHON")),
    reason="no C compiler, or pure Python asked for: the install compiles nothing",
)
def test_an_install_with_a_c_compiler_compiled_the_text_rules():
    # setup.py falls back to Python quietly when a build fails; here, where
    # a compiler is at hand, that fallback is a defect. (Edited sources run
    # as Python until the next install: that is not checked here.)
    assert set(NATIVE) == stancekit.text._BUILT


def test_the_tests_that_patch_internals_pass_on_the_sources():
    # They replace a function or method that compiled callers call directly,
    # so in a compiled process they are skipped (tests/test_quotes.py); here
    # they run where the patch takes effect.
    env = {**os.environ, "STANCEKIT_PURE_PYTHON": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
        + ["tests/test_quotes.py", "-k", "skipped_before_matching or taught_only"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "2 passed" in done.stdout
