"""Dask: a cluster's executor for :func:`stancekit.engines.local.run_chunks`.

Dask and distributed are optional (the ``dask`` extra) and imported only
here and in :mod:`stancekit.pipeline.distributed`, through :func:`require`,
which says what is missing and how to install it.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from typing import Any

from stancekit.engines.local import check_jobs
from stancekit.errors import InputError, MissingDependencyError

__all__ = ["cluster_executor", "require"]

_INSTALL = 'pip install "stancekit[dask]"'


def require(module: str) -> Any:
    """Import ``module``, or say which optional dependency is missing."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"the Dask engine needs dask[dataframe] and distributed, and {module} "
            f"cannot be imported: {exc}. Install them with: {_INSTALL}"
        ) from exc


@contextlib.contextmanager
def cluster_executor(scheduler: str | None, jobs: int = 1) -> Iterator[tuple[Any, int]]:
    """An executor on a Dask cluster and how many tasks keep it busy.

    Connects to ``scheduler`` (``tcp://host:8786``) or, without one, starts
    a local cluster of ``jobs`` worker processes, and closes what it opened.
    """
    distributed = require("distributed")
    cluster = None
    if scheduler is None:
        # The workers' own log lines ("Compute Failed" and a traceback) would
        # come before the one line the failed task's error gives; the
        # scheduler's HTTP server moves to a free port without a word when
        # another cluster holds Dask's usual one.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Port .* is already in use")
            cluster = distributed.LocalCluster(
                n_workers=check_jobs(jobs),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.CRITICAL,
            )
        client = distributed.Client(cluster)
    else:
        try:
            client = distributed.Client(scheduler)
        except (OSError, TimeoutError) as exc:
            raise InputError(
                f"cannot reach the Dask scheduler at --scheduler {scheduler!r}: {exc}"
            ) from None
    try:
        yield client.get_executor(), max(sum(client.nthreads().values()), 1)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
