"""Build hooks: ship the project's corpus (data/) inside the package, and
compile the text rules with mypyc where a C compiler is at hand.

The default models are trained from the corpus on first use, so a plain
``pip install .`` must carry it; metadata lives in pyproject.toml.

The modules that ``stancekit.text.NATIVE`` names are plain Python, type-checked and compiled to C
extensions by mypyc (about 1.4 times the speed of the whole sentence
pipeline; docs/scale.md). Compiling is optional: without mypyc, without a C
compiler, with ``STANCEKIT_PURE_PYTHON=1`` in the environment, or when any
module fails to build, the install goes on with the pure-Python modules,
which give the same results. ``_native.json`` records each compiled
module's source hash, so an editable checkout whose sources have changed
since its build runs the sources (stancekit/text/__init__.py).
"""

import ast
import hashlib
import json
import os
import shutil
import sys
import warnings
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
CORPUS_PARTS = ("corpus", "labels", "stance", "targets.jsonl", "model_cards.json")


def native_modules():
    """``stancekit.text.NATIVE``, read without importing the package."""
    tree = ast.parse((HERE / "stancekit" / "text" / "__init__.py").read_text("utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and getattr(node.targets[0], "id", "") == "NATIVE"
        ):
            return ast.literal_eval(node.value)
    raise LookupError("stancekit/text/__init__.py defines no NATIVE")


NATIVE = native_modules()
NATIVE_MANIFEST = "stancekit/text/_native.json"
BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


class BuildWithCorpus(build_py):
    def run(self):
        super().run()
        source = HERE / "data"
        target = Path(self.build_lib) / "stancekit" / "_corpus"
        if target.exists():
            shutil.rmtree(target)
        for part in CORPUS_PARTS:
            src = source / part
            if src.is_dir():
                shutil.copytree(src, target / part)
            elif src.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target / part)


class OptionalBuildExt(build_ext):
    """Build the compiled modules, or none of them: a module that fails
    leaves the pure-Python package, with a warning, never a failed install."""

    def run(self):
        manifest = (HERE if self.inplace else Path(self.build_lib)) / NATIVE_MANIFEST
        try:
            super().run()
        except Exception as exc:  # compiler missing or failing: any of them
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            manifest.unlink(missing_ok=True)
            warnings.warn(
                f"stancekit: compiling the text rules failed ({exc}); "
                "installing the pure-Python modules (same results, slower)",
                stacklevel=1,
            )
            return
        hashes = {
            name: hashlib.sha256(
                (HERE / "stancekit" / "text" / f"{name}.py").read_bytes()
            ).hexdigest()
            for name in NATIVE
        }
        manifest.parent.mkdir(parents=True, exist_ok=True)
        manifest.write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n")


def native_extensions():
    """mypyc's extensions for ``NATIVE``, or none when it cannot be had.

    Only for a command that builds: pip runs this file for the metadata too
    (``egg_info``, ``dist_info``), and mypyc's type check takes seconds."""
    if os.environ.get("STANCEKIT_PURE_PYTHON") or not BUILDS & set(sys.argv[1:]):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    paths = [f"stancekit/text/{name}.py" for name in NATIVE]
    try:
        return mypycify(
            ["--ignore-missing-imports", "--follow-imports=silent", *paths],
            opt_level="3",
            group_name="stancekit_text",
        )
    except (Exception, SystemExit) as exc:  # mypyc exits on a type error
        # (tests/test_native.py type-checks these modules, so that this never
        # passes unnoticed in the project's own runs)
        print(f"stancekit: not compiling the text rules: {exc}", file=sys.stderr)
        return []


setup(
    cmdclass={"build_py": BuildWithCorpus, "build_ext": OptionalBuildExt},
    ext_modules=native_extensions(),
)
