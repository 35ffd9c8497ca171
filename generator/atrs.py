"""An export per AI system in the shape of the UK Algorithmic Transparency Recording Standard.

ATRS (Cabinet Office / DSIT, version 3.0) records an algorithmic tool in a short Tier 1 for
the public and a detailed Tier 2 in five sections. It is written for the public sector; a
company that wants its customer-care AI listed the same way (or a public body using Candor)
gets the record filled from the profile's public facts. A field the profile does not hold
is `null` and listed in `not_held`, never guessed. Staff-only facts (teams, roles, the
senior responsible owner) are not in the public view, so they are never filled in here.

Field by field (ATRS number, ATRS field ← profile):

| ATRS | Field | From the profile |
|---|---|---|
| 1.1 | Name | `ai_systems[].name` |
| 1.2 | Description | `purpose`, then `does` |
| 1.3 | Website URL | the system's public page (`site.url` + `systems/<id>/`) |
| 1.4 | Contact email | `company.privacy_contact.email`, else `company.email` |
| 2.1.1 | Organisation | `company.legal_name` |
| 2.1.2 | Team | not held (staff only) |
| 2.1.3 | Senior responsible owner | not held (staff only) |
| 2.1.4 | External supplier involvement | `providers` is not empty |
| 2.1.4.1 | Supplier or developer | `providers[].name` |
| 2.1.4.2 | Companies House number | not held |
| 2.1.4.3 | Supplier role | `recipients[].role` of each provider (else "provides the AI model") |
| 2.1.4.4 | Procurement procedure type | not held (public procurement only) |
| 2.1.4.5 | Data access terms | `recipients[]`: name, role, country, transfer safeguard |
| 2.2.1 | Detailed description | kind, `does`, `does_not` |
| 2.2.2 | Scope | `channels`, `does_not` |
| 2.2.3 | Benefit | `purposes[].purpose` |
| 2.2.4 | Previous process | not held |
| 2.2.5 | Alternatives considered | not held |
| 2.3.1 | Process integration | `decision.description` and whether solely automated; else `does` |
| 2.3.2 | Provided information | `decision.effect` and `decision.logic`; else `disclosure.how` |
| 2.3.3 | Frequency and scale of usage | not held |
| 2.3.4 | Human decisions and review | `oversight[].what`, `human_contact` |
| 2.3.5 | Required training | not held |
| 2.3.6 | Appeals and review | `decision.contest`, `decision.review_time`, `complaints.appeal` |
| 2.4.1 | System architecture | `providers[]`: name, model, country |
| 2.4.2 | Phase | "Production" (the profile describes systems in use) |
| 2.4.3 | Maintenance | `oversight[]` cadence, `fairness.cadence` |
| 2.4.4 | Models | `providers[].model` |
| 2.5.1 | Source data name | `data[].id` |
| 2.5.3 | Data description | `data[].description` and `sources` |
| 2.5.5 | Sensitive attributes | `data[]` with `special_category`; `not_collected` |
| 2.5.8 | Data collection | `purposes[]` with legal basis, `training` |
| 2.5.10 | Data sharing agreements | `recipients[]` |
| 2.5.11 | Data access and storage | `retention`, `protection` |
| 2.6.1 | Impact assessment | not held |
| 2.6.2 | Risks | `limitations[]`, each with `fairness.on_failure` as mitigation |
"""

from __future__ import annotations

from typing import Any

from generator.documents import DocumentSet

STANDARD_VERSION = "3.0"


def records(view: Any, public: DocumentSet) -> dict[str, dict[str, Any]]:
    """System id → its ATRS record, from the public view of the profile."""
    return {system.id: record(view, system) for system in view.ai_systems}


def record(view: Any, system: Any) -> dict[str, Any]:
    from generator.machine import page_url

    company = view.company
    roles = {r.name: r.role for r in system.recipients}
    decision = system.decision
    tier_2 = {
        "owner_and_responsibility": {
            "organisation": company.legal_name,
            "team": None,
            "senior_responsible_owner": None,
            "external_supplier_involvement": bool(system.providers),
            "external_suppliers": [
                {"name": p.name, "companies_house_number": None,
                 "role": roles.get(p.name, "Provides the AI model"), "procurement_procedure_type": None}
                for p in system.providers
            ],
            "data_access_terms": [_recipient(r) for r in system.recipients],
        },
        "description_and_rationale": {
            "detailed_description": " ".join([*system.does, *system.does_not]),
            "scope": f"Used in: {', '.join(str(c) for c in system.channels)}. Not used for: {' '.join(system.does_not)}",
            "benefit": [p.purpose for p in system.purposes],
            "previous_process": None,
            "alternatives_considered": None,
        },
        "decision_making_process": {
            "process_integration": _integration(system),
            "provided_information": (f"{decision.effect} {decision.logic}" if decision else system.disclosure.how),
            "frequency_and_scale_of_usage": None,
            "human_decisions_and_review": [o.what for o in system.oversight] + [
                f"To reach a person: {system.human_contact.how} ({system.human_contact.when})"],
            "required_training": None,
            "appeals_and_review": _appeals(view, decision),
        },
        "tool_specification": {
            "system_architecture": "; ".join(
                f"{p.name}{f' ({p.model})' if p.model else ''}, processing in {p.country}" for p in system.providers)
            or "Built and run by the organisation.",
            "phase": "Production",
            "maintenance": _maintenance(system),
            "models": [{"name": p.model, "provider": p.name} for p in system.providers if p.model],
        },
        "data_specification": {
            "source_data_name": [d.id for d in system.data],
            "data_description": [
                {"name": d.id, "description": d.description, "sources": [str(s) for s in d.sources]} for d in system.data],
            "sensitive_attributes": [d.description for d in system.data if d.special_category],
            "not_collected": list(system.not_collected),
            "data_collection": [f"{p.purpose} (legal basis: {p.legal_basis})" for p in system.purposes],
            "model_training": system.training.description,
            "data_sharing_agreements": [_recipient(r) for r in system.recipients],
            "data_access_and_storage": {
                "retention": {key: str(value) for key, value in system.retention.items()},
                "protection": list(system.protection),
            },
        },
        "risks_mitigations_and_impact_assessments": {
            "impact_assessments": None,
            "risks": [{"risk": limitation,
                       "mitigation": system.fairness.on_failure if system.fairness else None}
                      for limitation in system.limitations],
        },
    }
    return {
        "standard": "UK Algorithmic Transparency Recording Standard",
        "standard_version": STANDARD_VERSION,
        "generated_from": page_url(view, "transparency.json"),
        "tier_1": {
            "name": system.name,
            "description": " ".join([system.purpose, *system.does]),
            "website": page_url(view, f"systems/{system.id}/"),
            "contact_email": (company.privacy_contact.email or company.email),
        },
        "tier_2": tier_2,
        "not_held": sorted(_nulls(tier_2)),
    }


def _recipient(recipient: Any) -> dict[str, Any]:
    return {"name": recipient.name, "role": recipient.role, "country": recipient.country,
            "safeguard": str(recipient.safeguard)}


def _integration(system: Any) -> str:
    decision = system.decision
    if decision is None:
        return " ".join(system.does)
    how = "without a person taking part" if decision.solely_automated else "with a person taking the final decision"
    return f"{decision.description} ({how})."


def _appeals(view: Any, decision: Any) -> str:
    parts = []
    if decision and decision.contest:
        parts.append(decision.contest)
        if decision.review_time:
            parts.append(f"A person reviews it within {decision.review_time}.")
    parts.append(view.complaints.appeal)
    return " ".join(parts)


def _maintenance(system: Any) -> list[str]:
    items = [f"{o.what} (every {o.cadence})" for o in system.oversight]
    if system.fairness:
        items.append(f"Fairness test every {system.fairness.cadence}: {'; '.join(system.fairness.metrics)}")
    return items


def _nulls(section: dict[str, Any], prefix: str = "tier_2") -> list[str]:
    found = []
    for key, value in section.items():
        if value is None:
            found.append(f"{prefix}.{key}")
        elif isinstance(value, dict):
            found += _nulls(value, f"{prefix}.{key}")
    return found
