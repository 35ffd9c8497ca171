"""Rules: pure functions of the profile that say what is missing, risky or inconsistent.

`evaluate` is the stage's one entry point. It returns plain values: the findings (each
located in the profile when a locator is given) and the requirements that apply on the
`as_of` date, which `render` marks clause by clause and the coverage checks compare against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from dataclasses import dataclass, replace

from generator.findings import Finding, sort_findings
from generator.profile import Profile
from generator.rules import branding, consistency, translations
from generator.rules.legal import Evaluation, evaluate_catalogue, legal_findings

Locator = Callable[[str], tuple[int, int] | None]


@dataclass(frozen=True)
class RuleResult:
    as_of: dt.date | None
    """The date the law was evaluated for; None only for a profile that could not be read."""
    findings: tuple[Finding, ...]
    evaluations: tuple[Evaluation, ...] = ()
    """Every catalogue requirement in force on `as_of`, evaluated against the profile."""
    upcoming: tuple[Evaluation, ...] = ()
    """Requirements that start within the next 12 months and would apply."""

    @property
    def applicable(self) -> tuple[Evaluation, ...]:
        return tuple(e for e in self.evaluations if e.applies)

    @property
    def applicable_ids(self) -> frozenset[str]:
        return frozenset(e.requirement.id for e in self.applicable)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def evaluate(profile: Profile, *, as_of: dt.date | None = None, file: str | None = None,
             locate: Locator | None = None, project_dir: Path | None = None) -> RuleResult:
    """Run every check; `as_of` defaults to the profile's effective date (never the clock).
    `project_dir` is where the project's own language catalogues are (`templates/locales/`)."""
    day = as_of or profile.effective_date
    evaluations, upcoming = evaluate_catalogue(profile, day)
    findings = [*consistency.check(profile, day), *branding.check(profile), *legal_findings(profile, evaluations),
                *translations.check(profile, project_dir)]
    findings = [_located(f, file, locate) for f in findings]
    return RuleResult(day, tuple(sort_findings(findings)), evaluations, upcoming)


def _located(finding: Finding, file: str | None, locate: Locator | None) -> Finding:
    position = locate(finding.path) if locate else None
    line, column = position if position else (None, None)
    return replace(finding, file=file, line=line, column=column)
