"""Approvals: each public document is approved, awaiting approval or stale, by its content hash."""

import hashlib
import subprocess
import sys

from click.testing import CliRunner

from generator.approvals import Status, approval_findings, content_hash
from generator.cli import main
from generator.commands.pipeline import check_documents
from generator.render import render
from generator.rules import evaluate
from tests.helpers import ROOT, default_data, profile_from, write_profile
from tests.signoff import approve, by_id, in_folder, statuses_of, unapproved_data

DOCUMENTS = ["overview", "system:chat-assistant", "system:phone-assistant", "system:email-sorting",
             "system:reply-suggestions", "system:refund-check", "privacy", "rights"]


def without_approvals() -> dict:
    return unapproved_data()


def findings_of(data: dict) -> list[tuple[str, str]]:
    profile = profile_from(data)
    statuses = statuses_of(data)
    return [(f.id, f.path) for f in approval_findings(statuses, profile)]


def edit_chat_purpose(data: dict, *, new_version: bool) -> dict:
    data["ai_systems"][0]["purpose"] = "Answers your questions about orders and returns, at any hour."
    if new_version:
        record = data["documents"]["system:chat-assistant"]
        record["version"] = 3
        record["effective_date"] = "2026-10-01"
        record["history"].append({"version": 3, "date": "2026-10-01", "summary": "Shorter description."})
    return data


def test_the_content_hash_is_the_sha256_of_the_generated_markdown():
    profile = profile_from(without_approvals())
    page = render(profile, evaluate(profile), project_dir=ROOT).public.page("privacy.md")
    assert content_hash(page.markdown) == hashlib.sha256(page.markdown.encode("utf-8")).hexdigest()


def test_every_public_document_is_awaiting_approval_until_approved():
    statuses = statuses_of(without_approvals())
    assert [s.doc_id for s in statuses] == DOCUMENTS
    assert {s.status for s in statuses} == {Status.awaiting}
    assert ("CANDOR-APPROVAL-AWAITING", "documents.privacy") in findings_of(without_approvals())


def test_approve_edit_stale_reapprove_approved():
    approved = approve(without_approvals())
    assert {s.status for s in statuses_of(approved)} == {Status.approved}
    assert findings_of(approved) == []

    edited = edit_chat_purpose(approved, new_version=True)
    status = by_id(statuses_of(edited))
    # The purpose shows on the system page, the overview and the privacy notice.
    assert {d for d, s in status.items() if s.status is Status.stale} == {
        "overview", "system:chat-assistant", "privacy"}
    assert status["rights"].status is Status.approved
    assert "version 2 was approved on 2026-08-20; the text has changed since (now version 3)" in \
        status["system:chat-assistant"].reason
    index = next(i for i, a in enumerate(edited["approvals"]) if a["document"] == "system:chat-assistant")
    assert ("CANDOR-APPROVAL-STALE", f"approvals[{index}]") in findings_of(edited)

    reapproved = approve(edited, "overview", "system:chat-assistant", "privacy")
    assert {s.status for s in statuses_of(reapproved)} == {Status.approved}
    assert findings_of(reapproved) == []


def test_a_text_change_without_a_new_version_is_a_finding():
    edited = edit_chat_purpose(approve(without_approvals()), new_version=False)
    found = findings_of(edited)
    assert ("CANDOR-APPROVAL-UNVERSIONED", "documents.system:chat-assistant.version") in found
    assert by_id(statuses_of(edited))["system:chat-assistant"].unversioned


def test_an_approval_of_a_document_candor_does_not_generate_is_a_finding():
    data = approve(without_approvals())
    data["approvals"].append({**data["approvals"][0], "document": "system:retired-bot"})
    assert ("CANDOR-APPROVAL-UNKNOWN", f"approvals[{len(data['approvals']) - 1}].document") in findings_of(data)


def test_an_approval_recording_another_version_than_the_text_it_approved_is_a_finding():
    data = approve(without_approvals())
    data["approvals"][0]["version"] = 7
    assert ("CANDOR-APPROVAL-VERSION", "approvals[0].version") in findings_of(data)
    assert not [f for f in findings_of(approve(without_approvals())) if f[0] == "CANDOR-APPROVAL-VERSION"]


def test_an_approval_pasted_with_its_placeholders_is_refused(tmp_path):
    data = approve(without_approvals())
    data["approvals"][0].update(approver="NAME", role="ROLE")
    (tmp_path / "content").mkdir()
    write_profile(tmp_path / "content", data)
    with in_folder(tmp_path):
        result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 2
    assert ('approvals[0].approver: expected the name of the person who approved the text, got the placeholder '
            '"NAME"') in result.output
    assert "approvals[0].role: expected the approver's role, got the placeholder \"ROLE\"" in result.output


def test_check_reports_statuses_as_located_warnings_and_exits_0(tmp_path):
    data = edit_chat_purpose(approve(without_approvals()), new_version=True)
    (tmp_path / "content").mkdir()
    write_profile(tmp_path / "content", data)
    with in_folder(tmp_path):
        result = CliRunner().invoke(main, ["check", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    import json

    findings = [f for f in json.loads(result.output)["findings"] if f["id"].startswith("CANDOR-APPROVAL")]
    assert {(f["id"], f["path"]) for f in findings if f["id"] != "CANDOR-APPROVAL-STALE"} == {
        # Only the system page got a new version; the overview and the notice repeat its purpose.
        ("CANDOR-APPROVAL-UNVERSIONED", "documents.overview.version"),
        ("CANDOR-APPROVAL-UNVERSIONED", "documents.privacy.version"),
    }
    assert len([f for f in findings if f["id"] == "CANDOR-APPROVAL-STALE"]) == 3
    assert all(f["severity"] == "warning" and f["line"] for f in findings)
    assert any("candor diff" in f["hint"] for f in findings)


def test_an_approval_hash_must_be_a_sha256(tmp_path):
    data = approve(without_approvals())
    data["approvals"][0]["sha256"] = "abc"
    (tmp_path / "content").mkdir()
    write_profile(tmp_path / "content", data)
    with in_folder(tmp_path):
        result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "approvals[0].sha256: expected the 64-character sha256 hash" in result.output


def test_the_internal_approvals_page_lists_each_document_with_its_status():
    data = approve(without_approvals(), "privacy")
    profile = profile_from(data)
    page = render(profile, evaluate(profile), project_dir=ROOT).internal.page("approvals.md")
    privacy = next(line for line in page.markdown.splitlines() if "(`privacy`)" in line)
    assert "**approved**" in privacy and "Ines Varga, Data protection officer" in privacy
    rights = next(line for line in page.markdown.splitlines() if "(`rights`)" in line)
    assert "**awaiting approval**" in rights
    assert "1 of 8 public documents are approved" in page.markdown


def test_the_staff_findings_and_home_page_count_documents_awaiting_approval():
    """`candor check` reports them as warnings; the staff site must not say it found nothing."""
    profile = profile_from(approve(without_approvals(), "privacy"))
    internal = render(profile, evaluate(profile), project_dir=ROOT).internal
    findings, home = internal.page("findings.md").markdown, internal.page("index.md").markdown
    assert '**CANDOR-APPROVAL-AWAITING**: "rights" version 2 has never been approved.' in findings
    assert '"privacy" version' not in findings
    assert "7 warnings" in findings and "nothing to report" not in home


def test_approvers_names_never_reach_the_public_pages():
    data = approve(without_approvals(), approver="Zqx Approver")
    profile = profile_from(data)
    public = render(profile, evaluate(profile), project_dir=ROOT).public
    assert not [p.path for p in public.pages if "Zqx Approver" in p.markdown]


def test_each_language_is_approved_on_its_own():
    data = default_data()
    data.pop("approvals")
    data = approve(data)
    statuses = by_id(statuses_of(data))
    assert len(statuses) == 24 and {s.status for s in statuses.values()} == {Status.approved}
    assert statuses["privacy@de"].path == "de/privacy.md"
    data["ai_systems"][0]["purpose"]["de"] = "Beantwortet Ihre Fragen zu Bestellungen."
    after = by_id(statuses_of(data))
    assert after["system:chat-assistant@de"].status is Status.stale
    assert after["system:chat-assistant"].status is Status.approved
    assert after["system:chat-assistant@fr"].status is Status.approved


def test_check_renders_only_what_approvals_name_and_agrees_with_a_full_render(tmp_path):
    """`candor check` renders just the documents an approval names, and no language at all
    that no approval names; the status of every document is still the one a full render gives."""
    data = default_data()
    data.pop("approvals")
    data = approve(data, "privacy@de", "rights", "system:chat-assistant", "system:chat-assistant@de")
    data["ai_systems"][0]["purpose"]["de"] = "Beantwortet Ihre Fragen zu Bestellungen."
    path = write_profile(tmp_path, data)

    checked = check_documents(path, project_dir=ROOT)

    full = by_id(statuses_of(data))
    quick = by_id(checked.statuses)
    assert quick.keys() == full.keys()
    assert {k: s.status for k, s in quick.items()} == {k: s.status for k, s in full.items()}
    rendered = {k for k, s in quick.items() if s.sha256}
    assert rendered == {"privacy@de", "rights", "system:chat-assistant", "system:chat-assistant@de"}
    assert quick["rights"].status is Status.approved and quick["system:chat-assistant"].status is Status.approved
    # The German purpose is on the German system page and in the German privacy notice.
    assert quick["system:chat-assistant@de"].status is Status.stale and quick["privacy@de"].status is Status.stale
    assert quick["privacy@fr"].status is Status.awaiting


def test_check_with_only_other_languages_approved_lists_the_default_language_unrendered(tmp_path):
    """No default-language document is named: those are listed (awaiting approval) without
    a template environment, while the named German one is rendered and compared."""
    data = default_data()
    data.pop("approvals")
    data = approve(data, "rights@de")
    path = write_profile(tmp_path, data)

    quick = by_id(check_documents(path, project_dir=ROOT).statuses)

    assert {k: s.status for k, s in quick.items()} == {k: s.status for k, s in by_id(statuses_of(data)).items()}
    assert {k for k, s in quick.items() if s.sha256} == {"rights@de"}
    assert quick["rights@de"].status is Status.approved


def test_check_without_approvals_does_not_load_the_template_engine(tmp_path):
    """With nothing to render, `candor check` does not import Jinja at all: start-up is most of
    a check, and a check should come back within a second for hundreds of AI systems."""
    data = default_data()
    data.pop("approvals")
    path = write_profile(tmp_path, data)
    script = ("import sys\nfrom pathlib import Path\nfrom generator.cli import main\n"
              f"sys.argv = ['candor', 'check', {str(path)!r}]\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print('jinja2' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "CANDOR-APPROVAL-AWAITING" in result.stdout
    assert result.stdout.rstrip().endswith("False")
