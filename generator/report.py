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
    counts = [counted(rules.count(s), name) for s, name in (("error", "error"), ("warning", "warning"), ("info", "note"))]
    line = f"{counted(len(rules.findings), 'finding')} as of {rules.as_of.isoformat()}: {', '.join(counts)}."
    if rules.evaluations:
        applicable = rules.applicable
        met = sum(1 for e in applicable if e.met)
        judged = sum(1 for e in applicable if e.requirement.needs_judgement)
        line += (f" {counted(len(rules.evaluations), 'legal requirement')} in force evaluated;"
                 f" {len(applicable)} apply to this profile: {met} met by the profile, {len(applicable) - met} not met."
                 f" {judged} of the {len(applicable)} need a lawyer's judgement.")
    return line + " This check drafts; it does not replace legal review."


def counted(count: int, noun: str) -> str:
    """"1 error", "2 errors"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def text_lines(rules: RuleResult) -> Iterable[tuple[str, str]]:
    """(style, text) pairs: findings grouped by regime and system, then the summary."""
    ordered = sorted(rules.findings, key=lambda f: (f.regime or "", f.system or ""))
    for (regime, system), group in groupby(ordered, key=lambda f: (f.regime or "", f.system or "")):
        heading = " · ".join(part for part in (regime or "Profile consistency", system and f"system {system}") if part)
        yield "heading", heading
        for finding in group:
            yield str(finding.severity), _one(finding)
    if rules.upcoming:
        yield "heading", "Upcoming (in force within 12 months, and will apply to this profile)"
        for evaluation in sorted(rules.upcoming, key=lambda e: (e.requirement.applies_from, e.requirement.id)):
            req = evaluation.requirement
            yield "info", f"from {req.applies_from.isoformat()}: {req.id} [{req.citation}]: {req.element}"
    yield "summary", summary(rules)


def _one(finding: Finding) -> str:
    cited = f" [{finding.citation}]" if finding.citation else ""
    return (f"{finding.location} {finding.path}: {finding.severity} {finding.id}{cited}: {finding.message}\n"
            f"    hint: {finding.hint}")


def _evaluation(evaluation) -> dict:
    req = evaluation.requirement
    return {"id": req.id, "regime": evaluation.regime.regime, "citation": req.citation, "status": evaluation.status,
            "needs_judgement": req.needs_judgement, "applies_from": req.applies_from.isoformat(),
            "systems": list(evaluation.systems), "gaps": list(evaluation.gaps), "documents": list(req.documents)}


def to_json(rules: RuleResult) -> str:
    payload = {
        "report_version": REPORT_VERSION,
        "as_of": rules.as_of.isoformat() if rules.as_of else None,  # None: the profile could not be read
        "summary": {s: rules.count(s) for s in ("error", "warning", "info")},
        "findings": [f.to_dict() for f in rules.findings],
        "requirements": [_evaluation(e) for e in rules.evaluations],
        "upcoming": [_evaluation(e) for e in rules.upcoming],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
