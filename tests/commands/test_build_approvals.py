"""`candor build --require-approval`, and the permanent page of each published version."""

import datetime as dt
import subprocess
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from tests.helpers import default_data, write_profile
from tests.signoff import approve, in_folder, unapproved_data


def build(project: Path, *args: str):
    with in_folder(project):
        return CliRunner().invoke(main, ["build", *args], catch_exceptions=False)


def project_with(folder: Path, data: dict) -> Path:
    (folder / "content").mkdir(exist_ok=True)
    write_profile(folder / "content", data)
    return folder


def test_require_approval_refuses_and_writes_nothing_while_a_document_is_not_approved(tmp_path):
    data = approve(unapproved_data(), "overview", "rights")
    data["ai_systems"][0]["purpose"] = "Answers your questions about orders and returns, at any hour."
    project = project_with(tmp_path, data)
    result = build(project, "--require-approval")
    assert result.exit_code == 1
    assert "8 public documents are not approved at their current text, so nothing was built" in result.output
    assert ("overview (How we use AI in customer service): stale: the text changed after version 2 was "
            "approved on 2026-08-20, but the version was not raised; see what changed: candor diff") in result.output
    assert "privacy (AI privacy notice): awaiting approval: version 3 has never been approved; " \
           "read it in full: candor review\n" in result.output
    assert "rights (" not in result.output
    assert not (project / "site").exists() and not (project / "build").exists()


def test_require_approval_builds_when_every_document_is_approved(tmp_path):
    project = project_with(tmp_path, approve(unapproved_data()))
    result = build(project, "--require-approval")
    assert result.exit_code == 0, result.output
    assert (project / "site" / "public" / "privacy" / "index.html").is_file()


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=t@example.com", *args],
                   cwd=project, check=True, capture_output=True)


def two_privacy_versions(folder: Path) -> Path:
    """A project whose history commits version 2 of the privacy notice, then version 3. It has
    a logo: an earlier profile, read from git, has no image beside it and must still render."""
    data = default_data()
    data["ai_systems"][0]["purpose"] = "Answers your questions about orders, day and night."
    data["site"]["branding"]["logo"] = "logo.svg"
    record = data["documents"]["privacy"]
    record.update(version=2, effective_date=dt.date(2026, 3, 1), history=record["history"][:2])
    project = project_with(folder, data)
    (project / "content" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>')
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "privacy notice v2")
    current = default_data()
    current["site"]["branding"]["logo"] = "logo.svg"
    write_profile(project / "content", current)
    git(project, "commit", "-qam", "privacy notice v3")
    return project


def test_earlier_versions_come_from_git_and_stay_at_their_permanent_address(tmp_path):
    """Version 2 of the privacy notice is committed, then version 3: the site keeps both."""
    project = two_privacy_versions(tmp_path)
    result = build(project)
    assert result.exit_code == 0 and "shallow" not in result.output
    public = project / "site" / "public"
    old = (public / "privacy" / "v2" / "index.html").read_text()
    current = (public / "privacy" / "v3" / "index.html").read_text()
    assert "This version has been replaced" in old and "in force from 1 March 2026 until 1 September 2026" in old
    assert "Answers your questions about orders, day and night." in old
    assert "Version 2, effective 1 March 2026." in old and 'href="../"' in old  # link to the current notice
    assert "This is the current version" in current and "Version 3, effective 1 September 2026." in current
    for page in (old, current):
        assert '<meta name="robots" content="noindex">' in page
    history = (public / "history" / "index.html").read_text()
    assert 'href="../privacy/v2/"' in history and 'href="../privacy/v3/"' in history
    index = (public / "search" / "search_index.json").read_text()
    assert "privacy/v2/" not in index and "privacy/v3/" not in index
    nav = (public / "index.html").read_text()
    assert "privacy/v2/" not in nav


def test_a_build_in_a_shallow_clone_says_that_earlier_versions_are_missing(tmp_path):
    (tmp_path / "full").mkdir()
    project = two_privacy_versions(tmp_path / "full")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project}", str(shallow))
    result = build(shallow)
    assert result.exit_code == 0
    assert "Warning: the profile is in a shallow git clone" in result.output
    assert "`fetch-depth: 0` for actions/checkout" in result.output
    assert not (shallow / "site" / "public" / "privacy" / "v2").exists()


def test_a_page_footer_date_moves_only_with_its_own_version(tmp_path):
    project = project_with(tmp_path, default_data())
    assert build(project).exit_code == 0
    public = project / "site" / "public"
    assert '<time datetime="2026-03-01">' in (public / "systems" / "email-sorting" / "index.html").read_text()
    assert '<time datetime="2026-09-01">' in (public / "privacy" / "index.html").read_text()


def test_a_stale_document_names_the_diff_against_the_commit_that_recorded_its_approval(tmp_path):
    project = project_with(tmp_path, approve(unapproved_data()))
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "approved by legal")
    approved_at = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project, capture_output=True,
                                 text=True, check=True).stdout.strip()
    data = approve(unapproved_data())
    data["company"]["email"] = "service@halden.example"
    write_profile(project / "content", data)
    result = build(project, "--require-approval")
    assert result.exit_code == 1
    assert f"see what changed: candor diff --base {approved_at[:12]}" in result.output
