"""Python's cycle collector, paused while a profile is read.

Reading a profile builds a large tree of new objects (for 300 AI systems in three languages,
over a million: parser events, marks, dicts, models) and none of them is garbage yet. The
cycle collector runs every 700 new objects and re-scans everything still young each time,
which made reading and checking such a profile take a third longer (`candor check` 1.7 s →
1.3 s). Memory is bounded all the same: the file is at most `yamlsource.MAX_BYTES` and aliases
are refused, and plain reference counting frees everything that is not part of a cycle.

When the pause ends, what was built is moved out of the collector's view (`gc.freeze`): it
lives as long as the command that read it, and scanning it again at the next collection would
cost what the pause saved. A process that reads profiles again and again (`candor serve`)
calls `release` before each new reading, so that what an earlier one left in cycles is
collected rather than kept for good.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cycle collection inside the block; afterwards the objects it made are frozen."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def release() -> None:
    """Hand everything frozen so far back to the collector."""
    gc.unfreeze()
