"""The user-facing errors.

Every mistake a user can make (a bad profile, a missing file, a site that will not build)
is raised as a `CandorError`; `cli.py` is the only place that turns them into messages and
exit codes, so no traceback ever reaches a user for their own mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class CandorError(Exception):
    """An error the user can fix; carries the exit code the CLI should return."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __reduce__(self) -> tuple:
        # Raised in a worker process (`workers.py`), it is pickled back to the parent: as it
        # is, not re-created from its message (a subclass takes other arguments, and the
        # hint would be lost).
        return _restored, (type(self), self.args, self.__dict__)


def _restored(cls: type[CandorError], args: tuple, state: dict) -> CandorError:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file: `file:line:col field.path: message`."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        elif not self.path:
            where += ":"  # "profile.yaml: the file is empty"
        field = f" {self.path}:" if self.path else ""
        return f"{where}{field} {self.message}"


class ProfileError(CandorError):
    """The profile cannot be used: every problem found, each located, reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        body = "\n".join(str(p) for p in problems)
        super().__init__(f"{body}\n{count} {noun} in the profile; nothing was written.")


class BuildError(CandorError):
    """The static-site engine refused the generated pages; the previous site is untouched."""

    exit_code = 2


def not_utf8(file: str, raw: bytes, error: UnicodeDecodeError) -> Problem:
    """Where in `raw` (the bytes of `file`) decoding stopped, as a located problem."""
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    line = raw.count(b"\n", 0, error.start) + 1
    column = len(raw[line_start:error.start].decode("utf-8", "replace")) + 1
    message = f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be read); save it as UTF-8"
    return Problem(file, line, column, "", message)


def read_utf8(path: Path) -> str:
    """A text file Candor reads besides the profile (a template, a hand-written page): a file
    that is not UTF-8 is a located error, not a traceback."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CandorError(str(not_utf8(str(path), raw, error))) from None
