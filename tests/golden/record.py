"""Record (or check) golden digests of stancekit's outputs.

A restructuring must not change what users get. This script runs the
commands a user runs (``sentences --all``, ``label --out``, ``evaluate
--json``) and the fitted models' predictions on fixed inputs, and keeps a
SHA-256 digest of each output per article in ``digests.json``.
``tests/test_golden.py`` recomputes them; after an intended change of
behaviour, re-record with ``python tests/golden/record.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DIGESTS = HERE / "digests.json"
# Relative to ROOT (commands run there): rows carry their `source` path, and
# digests must not depend on where the repository is checked out.
INPUTS = ["tests/pages", "data/corpus"]


# Outputs of fitted models: their scores move in the last decimals with the
# version of the libraries that fit them (scikit-learn 1.7 on Python 3.10
# against 1.9 here) and with the processor's vector instructions that NumPy
# and OpenBLAS pick (AVX-512 or not: on one machine, switching them off moved
# the default models' scores by up to 1e-6 and one stance across its
# threshold), so they are compared only under the versions and instructions
# they were recorded with. The others (cleaning, sentences) are compared
# everywhere.
MODEL_OUTPUTS = frozenset(
    {"label", "label_all_target", "checkworthy_proba", "stance_proba", "evaluate_json"}
)
LIBRARIES = "libraries"


def fitting_libraries() -> dict[str, str]:
    """The versions of the libraries that fit the models, and the vector
    instructions they run on."""
    import numpy
    import scipy
    import sklearn

    return {
        "scikit-learn": sklearn.__version__,
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "instructions": _instructions(),
    }


def _instructions() -> str:
    """NumPy's dispatched SIMD targets on this processor and OpenBLAS's kernel set."""
    import scipy.linalg  # noqa: F401  (loads SciPy's OpenBLAS too)
    from threadpoolctl import threadpool_info

    try:
        from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    except ImportError:  # NumPy < 2
        from numpy.core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    used = [name for name in __cpu_dispatch__ if __cpu_features__.get(name)]
    blas = sorted(
        {
            str(info.get("architecture"))
            for info in threadpool_info()
            if info.get("internal_api") == "openblas"
        }
    )
    return " ".join(used) + " | openblas " + ",".join(blas)


def compared_keys(recorded: dict[str, object], libraries: dict[str, str]) -> list[str]:
    """The recorded outputs to compare under ``libraries``: all of them when
    they are the versions recorded, else all but the models' outputs."""
    keys = [key for key in recorded if key != LIBRARIES]
    if recorded.get(LIBRARIES) == libraries:
        return keys
    return [key for key in keys if key not in MODEL_OUTPUTS]


def _digest(rows: list) -> str:
    text = json.dumps(rows, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _round(value):
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_round(v) for v in value]
    return value


def _by_article(lines: list[str]) -> dict[str, str]:
    groups: dict[str, list] = {}
    for line in lines:
        row = _round(json.loads(line))
        groups.setdefault(str(row.get("article_id")), []).append(row)
    return {key: _digest(rows) for key, rows in sorted(groups.items())}


def _cli(args: list[str]) -> list[str]:
    from typer.testing import CliRunner

    from stancekit.cli import app

    here = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        os.chdir(ROOT)
        try:
            result = CliRunner().invoke(app, [*args, "--out", str(out)])
        finally:
            os.chdir(here)
        if result.exit_code != 0:
            raise RuntimeError(f"stancekit {' '.join(args)}: {result.output}")
        return out.read_text(encoding="utf-8").splitlines()


def compute() -> dict[str, object]:
    """The digests of every recorded output, computed now."""
    sys.path.insert(0, str(ROOT / "tests"))
    from _examples import CLAIMS, PAIRS, TARGET

    from stancekit import CheckWorthinessClassifier, StanceClassifier

    out: dict[str, object] = {}
    out["sentences_all"] = _by_article(_cli(["sentences", "--all", *INPUTS]))
    out["label"] = _by_article(_cli(["label", *INPUTS]))
    out["label_all_target"] = _by_article(
        _cli(["label", "--all", "-t", "The city should ban diesel cars.", *INPUTS])
    )
    texts = [t for t, _ in CLAIMS]
    cw = CheckWorthinessClassifier(random_state=0).fit(
        texts * 2, [y for _, y in CLAIMS] * 2
    )
    pairs = [{"target": TARGET, "text": t} for t, _ in PAIRS]
    st = StanceClassifier(random_state=0).fit(pairs * 2, [y for _, y in PAIRS] * 2)
    out["checkworthy_proba"] = _digest(_round(cw.predict_proba(texts).tolist()))
    out["stance_proba"] = _digest(_round(st.predict_proba(pairs).tolist()))
    with tempfile.TemporaryDirectory() as tmp:
        from stancekit import save_model

        data = Path(tmp) / "claims.csv"
        rows = ["text,label"] + [f'"{t}",{y}' for t, y in CLAIMS]
        data.write_text("\n".join(rows) + "\n", encoding="utf-8")
        save_model(cw, Path(tmp) / "cw.skmodel")
        from typer.testing import CliRunner

        from stancekit.cli import app

        result = CliRunner().invoke(
            app,
            ["evaluate", "-m", str(Path(tmp) / "cw.skmodel"), "-d", f"csv:{data}"]
            + ["--json"],
        )
        out["evaluate_json"] = _digest(_round(json.loads(result.stdout)))
    return out


def main() -> None:
    os.environ.setdefault("STANCEKIT_CACHE", tempfile.mkdtemp())
    digests = {LIBRARIES: fitting_libraries(), **compute()}
    DIGESTS.write_text(json.dumps(digests, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {DIGESTS}")


if __name__ == "__main__":
    main()
