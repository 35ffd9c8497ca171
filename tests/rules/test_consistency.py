"""The profile's own consistency: each check fires on the gap it names, and not otherwise."""

import datetime as dt

from generator.rules import evaluate
from tests.helpers import default_data, profile_from


def findings(data, as_of=None):
    """The consistency findings only; the legal catalogue's and the translation checks have
    their own tests."""
    return [(f.id, f.severity, f.path) for f in evaluate(profile_from(data), as_of=as_of).findings
            if f.id.startswith("CANDOR-") and not f.id.startswith(("CANDOR-TRANSLATION-", "CANDOR-LANGUAGE-"))]


def test_the_default_profile_has_no_consistency_findings_on_its_effective_date():
    assert findings(default_data()) == []


def test_a_decision_nobody_can_contest():
    data = default_data()
    del data["ai_systems"][4]["decision"]["contest"]
    assert ("CANDOR-DECISION-CONTEST", "error", "ai_systems[4].decision") in findings(data)


def test_a_data_category_without_retention():
    data = default_data()
    del data["ai_systems"][1]["retention"]["voice-recordings"]
    assert findings(data) == [("CANDOR-RETENTION-MISSING", "error", "ai_systems[1].retention")]


def test_a_special_category_left_without_its_condition_where_another_has_one():
    data = default_data()
    data["ai_systems"][0]["data"][0].update(special_category=True, special_category_condition="explicit_consent")
    assert findings(data) == []
    data["ai_systems"][0]["data"][1]["special_category"] = True
    assert findings(data) == [("CANDOR-SPECIAL-CATEGORY-CONDITION", "error",
                               "ai_systems[0].data[1].special_category_condition")]


def test_retention_for_a_category_that_does_not_exist():
    data = default_data()
    data["ai_systems"][1]["retention"]["voice-prints"] = "30 days"
    assert findings(data) == [("CANDOR-RETENTION-UNKNOWN", "error", "ai_systems[1].retention.voice-prints")]


def test_a_jurisdiction_served_without_a_complaint_authority():
    data = default_data()
    data["company"]["authorities"] = [a for a in data["company"]["authorities"] if a["jurisdiction"] != "US-UT"]
    assert findings(data) == [("CANDOR-AUTHORITY-MISSING", "error", "company.authorities")]


def test_an_escalation_level_pointing_to_an_unknown_role():
    data = default_data()
    data["ai_systems"][0]["escalation"][1]["responsible_role"] = "night-shift"
    assert findings(data) == [("CANDOR-UNKNOWN-ROLE", "error", "ai_systems[0].escalation[1].responsible_role")]


def test_training_on_conversations_without_an_opt_out():
    data = default_data()
    del data["ai_systems"][0]["training"]["opt_out"]
    assert findings(data) == [("CANDOR-TRAINING-OPT-OUT", "error", "ai_systems[0].training")]


def test_a_transfer_outside_the_eea_without_a_safeguard():
    data = default_data()
    data["ai_systems"][0]["recipients"][0]["safeguard"] = "none"
    assert findings(data) == [("CANDOR-TRANSFER-SAFEGUARD", "error", "ai_systems[0].recipients[0].safeguard")]


def test_a_system_without_its_document_record():
    data = default_data()
    del data["documents"]["system:refund-check"]
    assert findings(data) == [("CANDOR-DOCUMENT-MISSING", "error", "documents")]


def test_a_version_without_a_change_record():
    data = default_data()
    data["documents"]["privacy"]["version"] = 4
    assert findings(data) == [("CANDOR-HISTORY-MISSING", "warning", "documents.privacy.history")]


def test_reviews_become_overdue_with_time():
    late = findings(default_data(), as_of=dt.date(2026, 9, 10))
    assert ("CANDOR-REVIEW-OVERDUE", "warning", "ai_systems[0].oversight") in late
    # The quarterly fairness test of the chat assistant (last 15 July) is not yet due then.
    assert ("CANDOR-REVIEW-OVERDUE", "warning", "ai_systems[0].fairness") not in late
    assert all(severity == "warning" for _, severity, _ in late)


def test_a_decision_system_without_fairness_testing():
    data = default_data()
    del data["ai_systems"][4]["fairness"]
    assert ("CANDOR-FAIRNESS-MISSING", "warning", "ai_systems[4]") in findings(data)
