"""Read earlier versions of a file from git: the source of `candor diff`'s base and of the
published versions of each document.

Only read-only plumbing (`rev-parse`, `log`, `show`), run in the file's own folder, so the
profile may live in any repository (or none: then there is simply no history).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.errors import CandorError


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str
    """Committer date, ISO 8601."""


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("git") is None:
        raise CandorError("git is not installed, so earlier versions of the profile cannot be read",
                          hint="install git, or compare against a file with `--base FILE`")
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                          encoding="utf-8", check=False)


def repo_path(path: Path) -> str | None:
    """`path` relative to the root of its git work tree (POSIX), or None outside a repository."""
    folder = path.resolve().parent
    if not folder.is_dir() or shutil.which("git") is None:
        return None
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        return None
    return path.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()


def show(path: Path, rev: str) -> str:
    """The text of `path` as it was at revision `rev` (`git show REV:path`)."""
    rel = repo_path(path)
    if rel is None:
        raise CandorError(f"{path} is not in a git repository, so there is no revision {rev} to compare with",
                          hint="commit the profile first, or compare against a file with `--base FILE`")
    result = _git(path.resolve().parent, "show", f"{rev}:{rel}")
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "unknown revision"
        raise CandorError(f"cannot read {rel} at revision {rev}: {detail}",
                          hint="name a commit, branch or tag in which the profile exists (see `git log -- PROFILE`)")
    return result.stdout


def history(path: Path) -> list[Commit]:
    """The commits that changed `path`, newest first (empty outside a repository)."""
    rel = repo_path(path)
    if rel is None:
        return []
    result = _git(path.resolve().parent, "log", "--format=%H %cI", "--", f":(top){rel}")
    if result.returncode != 0:
        return []
    return [Commit(*line.split(" ", 1)) for line in result.stdout.splitlines() if line.strip()]


def is_shallow(path: Path) -> bool:
    """Whether `path` is in a shallow clone (CI's default checkout), whose history lacks the
    earlier commits that hold the earlier versions of the documents."""
    if repo_path(path) is None:
        return False
    result = _git(path.resolve().parent, "rev-parse", "--is-shallow-repository")
    return result.returncode == 0 and result.stdout.strip() == "true"


def first_commit_with(path: Path, text: str) -> str | None:
    """The oldest commit that added `text` to `path` (git's pickaxe), or None."""
    rel = repo_path(path)
    if rel is None:
        return None
    result = _git(path.resolve().parent, "log", "--format=%H", f"-S{text}", "--", f":(top){rel}")
    commits = result.stdout.split() if result.returncode == 0 else []
    return commits[-1] if commits else None
