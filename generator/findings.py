"""Findings: what `candor check` reports about a profile.

One shape for both kinds: the profile's own consistency checks (IDs starting `CANDOR-`) and
the legal catalogue's requirements (IDs such as `GDPR-13-1-c`, with a citation). Each finding
points at the place in the profile where it can be fixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


SEVERITY_ORDER = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}


@dataclass(frozen=True)
class Finding:
    id: str
    """Stable ID: a requirement ID from the catalogue, or `CANDOR-…` for consistency checks."""
    severity: Severity
    message: str
    """One line in plain words: what is wrong or missing."""
    path: str
    """Field path in the profile where it is fixed, e.g. `ai_systems[4].decision.contest`."""
    hint: str
    """What to add or change."""
    citation: str | None = None
    regime: str | None = None
    system: str | None = None
    """The AI system id the finding is about, if any."""
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def location(self) -> str:
        where = self.file or "profile"
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return where

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = str(self.severity)
        data["location"] = self.location
        return data


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.regime or "", f.system or "", f.id,
                                           _natural(f.path)))


def _natural(path: str) -> tuple:
    """`approvals[2]` before `approvals[10]`, and `privacy` before `privacy@de`."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", path))


def unreadable(problems: Iterable[Any]) -> tuple[Finding, ...]:
    """A profile that cannot be read (`errors.ProfileError`'s problems) as error findings, so
    `candor check --format json|sarif` still gives a tool something to parse and annotate."""
    return tuple(Finding("CANDOR-PROFILE-UNREADABLE", Severity.error, problem.message, problem.path,
                         "Fix the profile at this place; nothing else was checked until it can be read.",
                         file=problem.file, line=problem.line, column=problem.column)
                 for problem in problems)
