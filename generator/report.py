"""Findings as text for people and JSON for machines.

The summary line never says a profile is compliant: Candor drafts, lawyers approve. It says
what was evaluated and what is left to do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import groupby

from generator.findings import Finding
from generator.rules import RuleResult

REPORT_VERSION = 1


def summary(rules: RuleResult) -> str:
    counts = [f"{rules.count(s)} {name}" for s, name in
              (("error", "errors"), ("warning", "warnings"), ("info", "notes"))]
    line = f"{len(rules.findings)} findings as of {rules.as_of.isoformat()}: {', '.join(counts)}."
    if rules.evaluated:
        judged = sum(1 for r in rules.evaluated if getattr(r, "needs_judgement", False))
        line += (f" {len(rules.evaluated)} legal requirements evaluated, {len(rules.applicable)} apply,"
                 f" {judged} need a lawyer's judgement.")
    return line + " This check drafts; it does not replace legal review."


def text_lines(rules: RuleResult) -> Iterable[tuple[str, str]]:
    """(style, text) pairs: findings grouped by regime and system, then the summary."""
    ordered = sorted(rules.findings, key=lambda f: (f.regime or "", f.system or ""))
    for (regime, system), group in groupby(ordered, key=lambda f: (f.regime or "", f.system or "")):
        heading = " · ".join(part for part in (regime or "Profile consistency", system and f"system {system}") if part)
        yield "heading", heading
        for finding in group:
            yield str(finding.severity), _one(finding)
    yield "summary", summary(rules)


def _one(finding: Finding) -> str:
    cited = f" [{finding.citation}]" if finding.citation else ""
    return (f"{finding.location} {finding.path}: {finding.severity} {finding.id}{cited}: {finding.message}\n"
            f"    hint: {finding.hint}")


def to_json(rules: RuleResult) -> str:
    payload = {
        "report_version": REPORT_VERSION,
        "as_of": rules.as_of.isoformat(),
        "summary": {s: rules.count(s) for s in ("error", "warning", "info")},
        "findings": [f.to_dict() for f in rules.findings],
        "upcoming": [{"id": r.id, "citation": r.citation, "applies_from": r.applies_from.isoformat()}
                     for r in rules.upcoming],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
