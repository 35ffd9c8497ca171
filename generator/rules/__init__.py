"""Rules: pure functions of the profile that say what is missing, risky or inconsistent.

`evaluate` is the stage's one entry point. It returns plain values: the findings (each
located in the profile when a locator is given) and the requirements that apply on the
`as_of` date, which `render` marks clause by clause and the coverage checks compare against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from generator.findings import Finding, sort_findings
from generator.profile import Profile
from generator.rules import consistency

Locator = Callable[[str], tuple[int, int] | None]


@dataclass(frozen=True)
class RuleResult:
    as_of: dt.date
    findings: tuple[Finding, ...]
    applicable: tuple[Any, ...] = ()
    """Catalogue requirements that apply to this profile on `as_of`."""
    upcoming: tuple[Any, ...] = ()
    """Requirements that start within the next 12 months."""
    evaluated: tuple[Any, ...] = field(default=())
    """Every requirement in force on `as_of` that was evaluated against the profile."""

    @property
    def applicable_ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.applicable)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def evaluate(profile: Profile, *, as_of: dt.date | None = None, file: str | None = None,
             locate: Locator | None = None) -> RuleResult:
    """Run every check; `as_of` defaults to the profile's effective date (never the clock)."""
    day = as_of or profile.effective_date
    findings = list(consistency.check(profile, day))
    findings = [_located(f, file, locate) for f in findings]
    return RuleResult(as_of=day, findings=tuple(sort_findings(findings)))


def _located(finding: Finding, file: str | None, locate: Locator | None) -> Finding:
    position = locate(finding.path) if locate else None
    line, column = position if position else (None, None)
    return replace(finding, file=file, line=line, column=column)
