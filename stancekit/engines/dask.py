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


class _NoComputeFailed(logging.Filter):
    """Drops the worker's "Compute Failed" record (a task's traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Compute Failed")


def _quiet_task_failures(distributed: Any) -> Any:
    """A worker plugin that puts :class:`_NoComputeFailed` on each worker's
    logger of the local cluster, workers restarted later included; their
    other log lines stay. (Made here: distributed is optional.)"""

    class QuietTaskFailures(distributed.WorkerPlugin):  # type: ignore[misc]
        def setup(self, worker: Any) -> None:
            logging.getLogger("distributed.worker").addFilter(_NoComputeFailed())

    return QuietTaskFailures()


@contextlib.contextmanager
def cluster_executor(scheduler: str | None, jobs: int = 1) -> Iterator[tuple[Any, int]]:
    """An executor on a Dask cluster and how many tasks keep it busy.

    Connects to ``scheduler`` (``tcp://host:8786``) or, without one, starts
    a local cluster of ``jobs`` worker processes, and closes what it opened.
    """
    distributed = require("distributed")
    cluster = None
    if scheduler is None:
        # The scheduler's HTTP server moves to a free port without a word
        # when another cluster holds Dask's usual one.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Port .* is already in use")
            cluster = distributed.LocalCluster(
                n_workers=check_jobs(jobs),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
        client = distributed.Client(cluster)
        # A task that fails logs its traceback on the worker, before the one
        # line its error gives here; only that record is left out.
        client.register_plugin(
            _quiet_task_failures(distributed), name="stancekit-quiet-failures"
        )
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
