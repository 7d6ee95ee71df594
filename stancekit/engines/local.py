"""Local worker processes: run a function over chunks of input, in order.

:func:`run_chunks` ships chunks to a pool of worker processes and yields
their results in input order, with at most ``2 * jobs`` chunks in flight, so
memory stays flat however long the input is and ``--jobs N`` gives exactly
what one process gives. It knows nothing of articles or models: callers
(:mod:`stancekit.pipeline.parallel`) hand it a module-level function, its
chunks and its arguments. Objects that every worker needs (a fitted
estimator given from Python) go once per worker through the pool's
initializer and are found there with :func:`worker_object`; anything
expensive to load is loaded once per worker with :func:`worker_cached`.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any

from stancekit.errors import InputError

__all__ = [
    "check_jobs",
    "ordered_map",
    "run_chunks",
    "worker_cached",
    "worker_object",
]

# Objects of this worker process: those the initializer registered, and
# those loaded once by worker_cached.
_OBJECTS: dict[Hashable, Any] = {}
_LOCK = threading.Lock()


def check_jobs(jobs: int) -> int:
    """The number of processes ``jobs`` asks for; ``-1`` means one per CPU.

    Examples
    --------
    >>> check_jobs(2)
    2
    >>> check_jobs(-1) == (os.cpu_count() or 1)
    True
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs == 0 or jobs < -1:
        raise InputError(
            f"jobs must be a positive int, or -1 for one process per CPU; got {jobs!r}."
        )
    return (os.cpu_count() or 1) if jobs == -1 else jobs


# --------------------------------------------------------------------------
# Objects in workers


def worker_object(ref: Hashable) -> Any:
    """The object the pool initializer registered under ``ref`` in this worker."""
    return _OBJECTS[ref]


def worker_cached(key: tuple[Any, ...], load: Callable[[], Any]) -> Any:
    """``load()``, run at most once in this process for ``key``.

    ``key[0]`` names the thing (a file path) and the rest its version (a
    modification time and size): a new version replaces the old one.

    Examples
    --------
    >>> worker_cached(("x", 1), lambda: object()) is worker_cached(("x", 1), dict)
    True
    """
    with _LOCK:
        value = _OBJECTS.get(key)
        if value is None:
            for old in [
                k for k in _OBJECTS if isinstance(k, tuple) and k[:1] == key[:1]
            ]:
                del _OBJECTS[old]
            value = _OBJECTS[key] = load()
    return value


def _init_worker(objects: dict[Hashable, Any]) -> None:
    # One BLAS/OpenMP thread per worker: N workers on N cores, not N * N threads.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    _OBJECTS.update(objects)


# --------------------------------------------------------------------------
# Ordered, bounded execution


def ordered_map(
    executor: Executor,
    fn: Callable[..., Any],
    chunks: Iterable[Any],
    *args: Any,
    window: int,
) -> Iterator[Any]:
    """``fn(chunk, *args)`` for each chunk on ``executor``, results in order.

    At most ``window`` chunks are submitted and not yet consumed, so the
    input is read only as fast as results are taken. Works with any
    ``concurrent.futures.Executor``, including ``distributed.Client``'s.

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as ex:
    ...     list(ordered_map(ex, sum, [[1, 2], [3], [4, 5]], window=2))
    [3, 3, 9]
    """
    pending: deque[Future] = deque()
    try:
        for chunk in chunks:
            pending.append(executor.submit(fn, chunk, *args))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _pool_context(preload: Sequence[str]) -> Any:
    # forkserver: workers are forked from a clean server process, so they
    # start fast without inheriting the parent's threads (fork after threads
    # can deadlock); spawn where forkserver does not exist (Windows).
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context(
        "forkserver" if "forkserver" in methods else "spawn"
    )
    if "forkserver" in methods:
        # Imported once in the server, so each worker starts with them loaded.
        ctx.set_forkserver_preload(list(preload))
    return ctx


def run_chunks(
    fn: Callable[..., Any],
    chunks: Iterable[Any],
    args: Sequence[Any],
    *,
    jobs: int,
    objects: dict[Hashable, Any] | None = None,
    executor: Executor | None = None,
    preload: Sequence[str] = (),
) -> Iterator[Any]:
    """``fn(chunk, *args)`` for every chunk, on ``jobs`` processes, in order.

    ``objects`` are registered in every worker (see :func:`worker_object`);
    ``preload`` names modules the worker server imports once, so workers
    start with them loaded. With ``executor`` (a Dask client\'s, say) the
    chunks run there instead, ``2 * jobs`` at a time.
    """
    if executor is not None:
        yield from ordered_map(executor, fn, chunks, *args, window=2 * jobs)
        return
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_pool_context(preload),
        initializer=_init_worker,
        initargs=(objects or {},),
    )
    try:
        yield from ordered_map(pool, fn, chunks, *args, window=2 * jobs)
    finally:
        # Stopped early (an error, `| head`): do not wait for queued chunks.
        pool.shutdown(wait=True, cancel_futures=True)
