"""Running a test's function on several threads at once."""

from __future__ import annotations

import threading
from collections.abc import Callable


def errors_of_threads(run: Callable[[], object], count: int) -> list[BaseException]:
    """Start ``count`` threads running ``run`` together, wait for them all,
    and return what they raised (empty when none failed)."""
    errors: list[BaseException] = []

    def guarded() -> None:
        try:
            run()
        except BaseException as exc:  # noqa: BLE001 - returned to the test
            errors.append(exc)

    threads = [threading.Thread(target=guarded) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
