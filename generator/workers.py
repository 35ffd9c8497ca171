"""Worker processes, for work that splits into parts that need nothing from each other: the
language editions of the public site while they are written (`render.py`), the engine runs
while the sites are built (`site.py`).

Workers come from a fork server, where there is one: none inherits the parent's threads
(the terminal spinner's, the preview server's). Each imports what it needs itself, meanwhile
the parent goes on (having the server import Candor first made the parent wait for it: no
faster, measured on 300 systems). Workers ignore Ctrl-C: the parent gets it and leaving
`pool()` terminates them, so a build stops at once with one "interrupted" line instead of a
traceback per worker.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.pool
import os
import signal
from collections.abc import Iterator


def processors() -> int:
    """The processors this process may use (fewer than the machine's in a container)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def count(tasks: int, jobs: int | None) -> int:
    """How many at once: `jobs` when given, else one per processor, never more than `tasks`."""
    return max(1, min(jobs if jobs is not None else processors(), tasks))


@contextlib.contextmanager
def pool(workers: int) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of `workers` processes, terminated when the block is left."""
    context = multiprocessing.get_context(
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(workers, initializer=_leave_interrupts_to_the_parent) as workers_pool:
        yield workers_pool


def _leave_interrupts_to_the_parent() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
