"""Findings as SARIF 2.1.0, so GitHub code scanning annotates the profile in a pull request.

Each finding becomes a result located at its line and column in the profile; each distinct
finding ID becomes a rule whose description carries the legal citation.
"""

from __future__ import annotations

import json
from pathlib import PurePath

from generator import __version__
from generator.findings import Finding
from generator.rules import RuleResult

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def to_sarif(rules: RuleResult) -> str:
    ids = sorted({f.id for f in rules.findings})
    first = {fid: next(f for f in rules.findings if f.id == fid) for fid in ids}
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "Candor",
                "version": __version__,
                "informationUri": "https://github.com/candor-project/candor",
                "rules": [_rule(first[fid]) for fid in ids],
            }},
            "results": [_result(f, ids.index(f.id)) for f in rules.findings],
            "properties": {"asOf": rules.as_of.isoformat()} if rules.as_of else {},
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule(finding: Finding) -> dict:
    described = f"{finding.citation}: " if finding.citation else ""
    rule = {
        "id": finding.id,
        "shortDescription": {"text": f"{described}{finding.id}"},
        "help": {"text": finding.hint},
        "defaultConfiguration": {"level": _LEVELS[finding.severity]},
        "properties": {"regime": finding.regime or "Profile consistency"},
    }
    if finding.citation:
        rule["properties"]["citation"] = finding.citation
    return rule


def _result(finding: Finding, index: int) -> dict:
    region = {"startLine": finding.line or 1, "startColumn": finding.column or 1}
    uri = PurePath(finding.file).as_posix() if finding.file else "content/profile.yaml"
    return {
        "ruleId": finding.id,
        "ruleIndex": index,
        "level": _LEVELS[finding.severity],
        "message": {"text": f"{finding.path}: {finding.message} Hint: {finding.hint}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
        "properties": {"path": finding.path, **({"system": finding.system} if finding.system else {})},
    }
