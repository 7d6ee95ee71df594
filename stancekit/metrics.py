"""``stancekit.metrics``, the public name of :mod:`stancekit.evaluation.metrics`."""

from stancekit.evaluation.metrics import *  # noqa: F403
from stancekit.evaluation.metrics import __all__  # noqa: F401
