"""Where Candor keeps what it can compute again: compiled templates and hyphenation
dictionaries, in `$XDG_CACHE_HOME/candor/` (else `~/.cache/candor/`).

Nothing in it is ever the only copy of anything, and every entry is checked against its
source before use, so deleting the folder is always safe. `CANDOR_NO_CACHE=1`, or a folder
that cannot be created, turns it off: Candor then computes everything each time.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def folder(name: str) -> Path | None:
    """The cache sub-folder `name`, created if needed; None when caching is off."""
    if os.environ.get("CANDOR_NO_CACHE"):
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = base / "candor" / name
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def pickled(name: str, key: str, make: Callable[[], T]) -> T:
    """`make()`, kept in the cache as `name/key.pickle`; `key` must change whenever what
    `make` returns would (name the source file, its size and its modification time). A
    missing, unreadable or damaged entry is simply made again."""
    where = folder(name)
    path = where / f"{key}.pickle" if where else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except Exception:  # a damaged entry (a crash mid-write elsewhere) is rebuilt
            pass
    value = make()
    if path is not None:
        _write(path, value)
    return value


def _write(path: Path, value: object) -> None:
    """Write beside the entry, then rename: a reader never sees half an entry. A failure
    (a full disk) leaves no entry and no stray file behind."""
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", delete=False) as f:
            temporary = Path(f.name)
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
