import subprocess
import sys

import stancekit


def test_all_lists_every_lazy_export():
    exported = set(stancekit._EXPORTS) | stancekit._SUBMODULES | {"__version__"}
    assert set(stancekit.__all__) == exported


def test_importing_the_package_stays_light():
    # `stancekit --help` must start fast: the package may not pull in
    # scikit-learn or datasets until a command needs them.
    code = (
        "import sys, stancekit, stancekit.cli; "
        "print(sorted(m for m in ('sklearn', 'datasets', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr


def test_unknown_attribute_raises_attribute_error():
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        stancekit.nope  # noqa: B018
