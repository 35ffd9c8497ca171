"""`candor init`: a complete site project from a starter or from answers, never overwriting."""

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.commands.init import STARTERS, WORKFLOW, interview, starter_path
from generator.load import load_profile
from generator.profile import Profile

FILES = ["content/profile.yaml", "mkdocs.yml", "site_overrides/stylesheets/extra.css", ".gitignore",
         "requirements.txt", "README.md", ".github/workflows/candor.yml"]


def run(cwd: Path, *args: str):
    before = Path.cwd()
    try:
        os.chdir(cwd)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(before)


def error_findings(project: Path) -> list[str]:
    result = run(project, "check", "--format", "json")
    import json

    return [f"{f['id']} {f['path']}" for f in json.loads(result.output)["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize("name", sorted(STARTERS))
def test_each_starter_makes_a_project_that_builds_and_checks_clean(tmp_path, name):
    result = run(tmp_path, "init", "site", "--no-input", "--example", name)
    assert result.exit_code == 0, result.output
    project = tmp_path / "site"
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()) == sorted(FILES)
    assert (project / "content" / "profile.yaml").read_text() == starter_path(name).read_text()
    assert error_findings(project) == []
    built = run(project, "build")
    assert built.exit_code == 0, built.output
    assert (project / "site" / "public" / "index.html").is_file()
    assert (project / "site" / "internal" / "index.html").is_file()


def test_the_starters_are_invented_companies_with_example_domains():
    for name in STARTERS:
        company = load_profile(starter_path(name)).profile.company
        assert company.website.endswith(".example"), name
        assert company.email.endswith(".example"), name


def test_the_bank_starter_is_high_risk_and_a_california_significant_decision():
    profile = load_profile(starter_path("bank")).profile
    decision = profile.system("credit-limit").decision
    assert decision.category == "credit_limit" and decision.solely_automated and decision.significant
    assert "US-CA" in profile.company.jurisdictions and "EU" in profile.company.jurisdictions


def test_the_clinic_starter_holds_special_category_data():
    profile = load_profile(starter_path("clinic")).profile
    assert any(d.special_category for s in profile.ai_systems for d in s.data)


def test_init_says_what_it_created_and_what_to_do_next(tmp_path):
    result = run(tmp_path, "init", "new-site", "--no-input")
    for name in FILES:
        assert f"  {name}\n" in result.output
    assert "cd new-site" in result.output and "candor check" in result.output and "GitHub Actions" in result.output


def test_init_never_overwrites_without_force(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "profile.yaml").write_text("mine\n")
    result = run(tmp_path, "init", ".", "--no-input", "--example", "bank")
    assert result.exit_code == 2
    assert "already has: content/profile.yaml; nothing was written" in result.output
    assert "--force" in result.output
    assert (tmp_path / "content" / "profile.yaml").read_text() == "mine\n"
    assert not (tmp_path / "mkdocs.yml").exists()
    forced = run(tmp_path, "init", ".", "--no-input", "--example", "bank", "--force")
    assert forced.exit_code == 0 and "content/profile.yaml (replaced)" in forced.output
    assert (tmp_path / "content" / "profile.yaml").read_text() == starter_path("bank").read_text()


def test_an_unknown_example_is_refused_with_the_choices(tmp_path):
    result = run(tmp_path, "init", "x", "--example", "casino")
    assert result.exit_code == 2 and "retailer" in result.output and "clinic" in result.output


def test_the_project_config_inherits_nothing_it_cannot_find_and_lists_the_company_css(tmp_path):
    run(tmp_path, "init", ".", "--no-input")
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text().replace("!ENV", ""))
    assert config["theme"]["name"] == "material" and config["theme"]["font"] is False
    assert config["extra_css"] == ["stylesheets/extra.css"]
    assert (tmp_path / ".github" / "workflows" / "candor.yml").read_bytes() == WORKFLOW.read_bytes()
    assert {"/site/", "/build/", "/review/"} <= set((tmp_path / ".gitignore").read_text().splitlines())
    assert (tmp_path / "requirements.txt").read_text().strip().splitlines()[-1].startswith("candor==")


def test_the_missing_profile_hint_is_true(tmp_path):
    missing = run(tmp_path, "check")
    assert missing.exit_code == 2 and "`candor init` creates a starting profile" in missing.output
    made = run(tmp_path, "init", ".", "--no-input")
    assert "Copied the retailer example profile" in made.output
    assert "cd ." not in made.output  # already there
    assert run(tmp_path, "check").exit_code == 0


def answers(overrides: dict[str, str]):
    def ask(question: str, default=None, **_):
        for start, answer in overrides.items():
            if question.startswith(start):
                return answer
        return default
    return ask


def test_the_interview_fills_a_valid_profile_with_the_systems_asked_for():
    text = interview(answers({
        "Company name": "Acme", "Registered": "Acme Retail GmbH", "Street": "Hauptstraße 1",
        "Postcode": "10115", "City": "Berlin", "Country": "de", "Where your customers": "EU, US-CA",
        "AI systems": "chat, decision", "How does a customer reach": 'Type "Mensch" in the chat.',
        "Do you sell": "n",
    }), dt.date(2026, 11, 1))
    profile = Profile.model_validate(yaml.safe_load(text))
    assert profile.company.brand_name == "Acme" and profile.company.address.country == "DE"
    assert [s.kind for s in profile.ai_systems] == ["generative_chat", "automated_decision"]
    assert profile.ai_systems[0].human_contact.how == 'Type "Mensch" in the chat.'
    assert profile.company.california.sells_or_shares is False
    assert set(profile.documents) == {"overview", "privacy", "rights", "system:chat-assistant", "system:refund-check"}
    assert "Halden" not in text and "halden.example" not in text
    roles = {r.id for r in profile.organisation.roles}
    for system in profile.ai_systems:
        assert {e.responsible_role for e in system.escalation} <= roles


def test_the_interview_asks_again_after_an_unknown_choice(capsys):
    asked = []

    def ask(question, default=None, **_):
        asked.append(question)
        if question.startswith("AI systems"):
            return "chat" if asked.count(question) > 1 else "robot"
        return default

    interview(ask, dt.date(2026, 11, 1))
    assert "Not one of the options: robot" in capsys.readouterr().out


def test_the_interview_asks_again_until_a_web_address_e_mail_or_country_is_one_the_profile_accepts(capsys):
    wrong = {"Website": "www.acme.com", "Customer-service": "nope", "Privacy e-mail": "nope2", "Country": "Germany"}
    right = {"Website": "https://www.acme.example", "Customer-service": "help@acme.example",
             "Privacy e-mail": "privacy@acme.example", "Country": "de"}
    address = answers({"Street": "Hauptstraße 1", "Postcode": "10115", "City": "Berlin"})
    asked = []

    def ask(question, default=None, **_):
        asked.append(question)
        for start in wrong:
            if question.startswith(start):
                return right[start] if asked.count(question) > 1 else wrong[start]
        return address(question, default)

    profile = Profile.model_validate(yaml.safe_load(interview(ask, dt.date(2026, 11, 1))))
    out = capsys.readouterr().out
    assert 'expected an https:// web address like "https://www.example.com/privacy", got "www.acme.com"' in out
    assert 'expected an e-mail address like "privacy@example.com", got "nope"' in out
    assert 'expected a two-letter country code like "NL", "GB" or "US", got "GERMANY"' in out
    assert profile.company.website == "https://www.acme.example" and profile.company.email == "help@acme.example"
    assert profile.company.privacy_contact.email == "privacy@acme.example" and profile.company.address.country == "DE"


def test_a_several_language_interview_publishes_the_starter_text_with_a_visible_note():
    address = {"Street": "Hauptstraße 1", "Postcode": "10115", "City": "Berlin"}
    one = Profile.model_validate(yaml.safe_load(interview(answers(address), dt.date(2026, 11, 1))))
    assert one.company.languages == ["en"] and one.site.fallback_to_default_language is False
    several = Profile.model_validate(yaml.safe_load(
        interview(answers({**address, "Languages": "en, de"}), dt.date(2026, 11, 1))))
    assert several.company.languages == ["en", "de"]
    assert several.site.fallback_to_default_language is True
