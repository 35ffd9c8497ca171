"""The profile's own consistency: facts that contradict or leave out other facts.

These are not legal requirements (those live in the catalogue) but gaps that would make a
generated document wrong or a playbook unusable: a decision with no way to contest it, a data
category with no retention period, an escalation pointing at a role that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.findings import Finding, Severity
from generator.jurisdictions import JURISDICTIONS, in_eea
from generator.profile import Profile, Safeguard
from generator.schedule import build_schedule

ERROR, WARNING, INFO = Severity.error, Severity.warning, Severity.info


def check(profile: Profile, as_of: dt.date) -> Iterator[Finding]:
    for checker in (_decisions, _retention, _special_data, _training, _transfers, _roles, _authorities,
                    _documents, _schedule, _coverage_of_systems):
        yield from checker(profile, as_of)


def _decisions(profile: Profile, as_of: dt.date) -> Iterator[Finding]:
    for i, system in enumerate(profile.ai_systems):
        decision = system.decision
        if decision is None:
            if system.kind == "automated_decision":
                yield Finding("CANDOR-DECISION-UNDESCRIBED", ERROR,
                              f"{system.name} is an automated-decision system but its decision is not described.",
                              f"ai_systems[{i}]", "Add a `decision:` block: what is decided, its effect, the logic and how to contest it.",
                              system=system.id)
            continue
        if decision.solely_automated and not decision.contest:
            yield Finding("CANDOR-DECISION-CONTEST", ERROR,
                          f"{system.name} decides on its own but gives customers no way to contest the decision.",
                          f"ai_systems[{i}].decision", "Add `contest:` saying how a customer asks a person to review the decision.",
                          system=system.id)
        if decision.solely_automated and decision.significant and decision.review_time is None:
            yield Finding("CANDOR-DECISION-REVIEW-TIME", WARNING,
                          f"{system.name}: no target time for a person to review a contested decision.",
                          f"ai_systems[{i}].decision", 'Add `review_time:`, e.g. "2 business days".', system=system.id)
        if not system.fairness:
            yield Finding("CANDOR-FAIRNESS-MISSING", WARNING,
                          f"{system.name} makes decisions about customers but has no fairness testing recorded.",
                          f"ai_systems[{i}]", "Add a `fairness:` block: groups, metrics, data, cadence, last test and what happens on failure.",
                          system=system.id)


def _retention(profile: Profile, as_of: dt.date) -> Iterator[Finding]:
    for i, system in enumerate(profile.ai_systems):
        ids = [d.id for d in system.data]
        for category in system.data:
            if category.id not in system.retention:
                yield Finding("CANDOR-RETENTION-MISSING", ERROR,
                              f'{system.name} uses "{category.id}" but says nothing about how long it is kept.',
                              f"ai_systems[{i}].retention",
                              f'Add `{category.id}: <duration>` under retention, e.g. "90 days after the chat ends".',
                              system=system.id)
        for key in system.retention:
            if key not in ids:
                yield Finding("CANDOR-RETENTION-UNKNOWN", ERROR,
                              f'{system.name}: a retention period is given for "{key}", which is not one of its data categories.',
                              f"ai_systems[{i}].retention.{key}",
                              f"Use one of the data category ids: {', '.join(ids)}.", system=system.id)


def _special_data(profile: Profile, as_of: dt.date) -> Iterator[Finding]:
    """Each special-category data category needs its Art. 9(2) condition. The catalogue rows
    (GDPR-9-2, UK-9-2) find a system that gives none; this finds the categories left out of a
    system that gives one for another."""
    if not {"EU", "UK"} & set(profile.company.jurisdictions):
        return
    for i, system in enumerate(profile.ai_systems):
        special = [(j, c) for j, c in enumerate(system.data) if c.special_category]
        if not any(c.special_category_condition for _, c in special):
            continue
        for j, category in special:
            if category.special_category_condition is None:
                yield Finding("CANDOR-SPECIAL-CATEGORY-CONDITION", ERROR,
                              f'{system.name}: "{category.id}" is special-category data, but no condition of '
                              "Art. 9(2) that allows using it is given.",
                              f"ai_systems[{i}].data[{j}].special_category_condition",
                              "Add the condition legal has confirmed, e.g. explicit_consent or health_or_social_care.",
                              system=system.id)


def _training(profile: Profile, as_of: dt.date) -> Iterator[Finding]:
    for i, system in enumerate(profile.ai_systems):
        if system.training.used and not system.training.opt_out:
            yield Finding("CANDOR-TRAINING-OPT-OUT", ERROR,
                          f"{system.name} uses conversations to train or improve models but gives no way to opt out.",
                          f"ai_systems[{i}].training", "Add `opt_out:` saying how a customer says no.", system=system.id)


def _transfers(profile: Profile, as_of: dt.date) -> Iterator[Finding]:
    serves = profile.company.jurisdictions
    for i, system in enumerate(profile.ai_systems):
        for j, recipient in enumerate(system.recipients):
            if "UK" in serves and recipient.country != "GB" and not in_eea(recipient.country) and not recipient.uk_safeguard:
                yield Finding("CANDOR-TRANSFER-SAFEGUARD-UK", ERROR,
                              f"{recipient.name} receives UK customers' data outside the UK ({recipient.country}) with no UK safeguard named.",
                              f"ai_systems[{i}].recipients[{j}].uk_safeguard",
                              "Name it: uk_adequacy, uk_extension_data_bridge, uk_idta, uk_addendum or binding_corporate_rules.",
                              system=system.id)
            if "EU" in serves and not in_eea(recipient.country) and recipient.safeguard is Safeguard.none:
                yield Finding("CANDOR-TRANSFER-SAFEGUARD", ERROR,
                              f"{recipient.name} receives data outside the EEA ({recipient.country}) with no safeguard named.",
                              f"ai_systems[{i}].recipients[{j}].safeguard",
                              "Name the safeguard: adequacy, standard_contractual_clauses, binding_corporate_rules or eu_us_data_privacy_framework.",
                              system=system.id)


def _roles(profile: Profile, as_of: dt.date) -> Iterator[Finding]:
    roles = {r.id for r in profile.organisation.roles}
    systems = {s.id for s in profile.ai_systems}
    known = ", ".join(sorted(roles))
    for path, role, system in _role_references(profile):
        if role not in roles:
            yield Finding("CANDOR-UNKNOWN-ROLE", ERROR, f'"{role}" is not a role in organisation.roles.',
                          path, f"Use one of: {known}; or add the role.", system=system)
    for i, role in enumerate(profile.organisation.roles):
        for j, duty in enumerate(role.responsibilities):
            if duty.system not in systems:
                yield Finding("CANDOR-UNKNOWN-SYSTEM", ERROR, f'{role.title} has duties for "{duty.system}", which is not an AI system here.',
                              f"organisation.roles[{i}].responsibilities[{j}].system",
                              f"Use one of: {', '.join(sorted(systems))}.")


def _role_references(profile: Profile) -> Iterator[tuple[str, str, str | None]]:
    for i, system in enumerate(profile.ai_systems):
        for j, level in enumerate(system.escalation):
            yield f"ai_systems[{i}].escalation[{j}].responsible_role", level.responsible_role, system.id
        for j, item in enumerate(system.oversight):
            yield f"ai_systems[{i}].oversight[{j}].reviewer_role", item.reviewer_role, system.id
        if system.fairness:
            yield f"ai_systems[{i}].fairness.owner_role", system.fairness.owner_role, system.id
    if profile.complaints.owner_role:
        yield "complaints.owner_role", profile.complaints.owner_role, None


def _authorities(profile: Profile, as_of: dt.date) -> Iterator[Finding]:
    if "US-CA" in profile.company.jurisdictions and profile.company.california is None:
        yield Finding("CANDOR-CALIFORNIA-FACTS", ERROR,
                      "You serve California but do not say whether you sell or share personal information.",
                      "company", "Add `california: {sells_or_shares: false}` (or true, with opt_out_url).")
    covered = {a.jurisdiction for a in profile.company.authorities}
    for code in profile.company.jurisdictions:
        if code not in covered:
            yield Finding("CANDOR-AUTHORITY-MISSING", ERROR,
                          f"You serve {JURISDICTIONS[code].name} but name no authority customers there can complain to.",
                          "company.authorities", f"Add an authority with `jurisdiction: {code}`, its name and website.")
    for i, authority in enumerate(profile.company.authorities):
        if authority.jurisdiction not in profile.company.jurisdictions:
            yield Finding("CANDOR-AUTHORITY-UNUSED", WARNING,
                          f"{authority.name} is listed for {authority.jurisdiction}, which is not in company.jurisdictions.",
                          f"company.authorities[{i}].jurisdiction", "Remove it, or add the jurisdiction you serve.")


def expected_documents(profile: Profile) -> list[str]:
    """The public documents a profile must version: overview, privacy, rights and one per system."""
    return ["overview", "privacy", "rights"] + [f"system:{s.id}" for s in profile.ai_systems]


def _documents(profile: Profile, as_of: dt.date) -> Iterator[Finding]:
    expected = expected_documents(profile)
    for doc_id in expected:
        if doc_id not in profile.documents:
            yield Finding("CANDOR-DOCUMENT-MISSING", ERROR, f'No version or effective date is recorded for the document "{doc_id}".',
                          "documents", f"Add `{doc_id}:` under documents with version, effective_date and history.")
    for doc_id, record in profile.documents.items():
        if doc_id not in expected:
            yield Finding("CANDOR-DOCUMENT-UNKNOWN", WARNING, f'"{doc_id}" is not a document Candor generates for this profile.',
                          f"documents.{doc_id}", f"Use one of: {', '.join(expected)}.")
        elif record.version not in {c.version for c in record.history}:
            yield Finding("CANDOR-HISTORY-MISSING", WARNING,
                          f'"{doc_id}" is at version {record.version} but its history has no entry for that version.',
                          f"documents.{doc_id}.history", "Add a change record saying what changed for customers.")


def _schedule(profile: Profile, as_of: dt.date) -> Iterator[Finding]:
    index = {s.id: i for i, s in enumerate(profile.ai_systems)}
    for activity in build_schedule(profile, as_of):
        if activity.overdue:
            path = f"ai_systems[{index[activity.system_id]}].{activity.kind}"
            yield Finding("CANDOR-REVIEW-OVERDUE", WARNING,
                          f"{activity.system_name}: overdue since {activity.next_due.isoformat()}: {activity.what}",
                          path, "Carry out the review and update its last date in the profile.", system=activity.system_id)


def _coverage_of_systems(profile: Profile, as_of: dt.date) -> Iterator[Finding]:
    owned = {d.system for r in profile.organisation.roles for d in r.responsibilities}
    for i, system in enumerate(profile.ai_systems):
        if system.id not in owned:
            yield Finding("CANDOR-NO-OWNER", WARNING, f"No role has responsibilities for {system.name}.",
                          "organisation.roles", f"Add a responsibility for `{system.id}` to a role.", system=system.id)
        if not system.escalation:
            yield Finding("CANDOR-NO-ESCALATION", WARNING, f"{system.name} has no escalation levels, so its playbook is empty.",
                          f"ai_systems[{i}]", "Add `escalation:` levels with trigger, responsible role, target time and what the agent does.",
                          system=system.id)
