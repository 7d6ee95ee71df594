"""Build hook: ship the project's corpus (data/) inside the package.

The default models are trained from it on first use, so a plain
``pip install .`` must carry it; metadata lives in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CORPUS_PARTS = ("corpus", "labels", "stance", "targets.jsonl", "model_cards.json")


class BuildWithCorpus(build_py):
    def run(self):
        super().run()
        source = Path(__file__).resolve().parent / "data"
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


setup(cmdclass={"build_py": BuildWithCorpus})
