"""Worker processes, for work that splits into parts that need nothing from each other: the
language editions of the public site while they are written (`render.py`), the engine runs
while the sites are built (`site.py`).

Workers come from a fork server, where there is one: none inherits the parent's threads
(the terminal spinner's, the preview server's). `candor build` starts the server before it
reads the profile (`start_early`), so the server imports Candor, Jinja and MkDocs while the
profile is read, and every worker is forked with them loaded. Workers ignore Ctrl-C: the
parent gets it and leaving `pool()` terminates them, so a build stops at once with one
"interrupted" line instead of a traceback per worker.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.pool
import os
import signal
from collections.abc import Iterator


PRELOAD = ("__main__", "generator.render", "generator.site")
"""What a fork server started by `start_early` imports for all its workers: the templates'
code and the engine (`__main__` is the server's own default)."""


def start_early(jobs: int | None) -> None:
    """Start the fork server now, when more than one process may work, so that it imports
    `PRELOAD` while this process goes on. A server started only when the first pool is
    made imports nothing of Candor (each worker then imports what it needs itself): importing
    first would keep the pool waiting for it."""
    if count(2, jobs) < 2 or not _has_fork_server():
        return
    from multiprocessing import forkserver

    forkserver.set_forkserver_preload(list(PRELOAD))
    forkserver.ensure_running()


def processors() -> int:
    """The processors this process may use (fewer than the machine's in a container)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def count(tasks: int, jobs: int | None) -> int:
    """How many at once: `jobs` when given, else one per processor, never more than `tasks`."""
    return max(1, min(jobs if jobs is not None else processors(), tasks))


@contextlib.contextmanager
def pool(workers: int) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of `workers` processes, terminated when the block is left."""
    context = multiprocessing.get_context("forkserver" if _has_fork_server() else "spawn")
    with context.Pool(workers, initializer=_leave_interrupts_to_the_parent) as workers_pool:
        yield workers_pool


def _leave_interrupts_to_the_parent() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _has_fork_server() -> bool:
    return "forkserver" in multiprocessing.get_all_start_methods()
