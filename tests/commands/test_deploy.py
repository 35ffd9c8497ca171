"""`candor deploy`: the built public site onto a gh-pages branch of a real (bare) git remote."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.commands.pipeline import generate


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def run(cwd: Path, *args: str):
    before = Path.cwd()
    try:
        os.chdir(cwd)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def built_bank(tmp_path_factory) -> Path:
    """A bank starter project built once; each test copies it."""
    project = tmp_path_factory.mktemp("bank") / "project"
    project.mkdir()
    assert run(project, "init", ".", "--no-input", "--example", "bank").exit_code == 0
    assert run(project, "build").exit_code == 0
    return project


@pytest.fixture
def project(built_bank, tmp_path) -> Path:
    """A copy of the built project as a git repository whose `origin` is a bare repository."""
    work = tmp_path / "project"
    shutil.copytree(built_bank, work)
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--bare", "--quiet", str(remote))
    git(work, "init", "--quiet", "-b", "main")
    git(work, "config", "user.email", "test@example.com")
    git(work, "config", "user.name", "Test")
    git(work, "remote", "add", "origin", str(remote))
    return work


def remote_files(project: Path, branch: str = "gh-pages") -> set[str]:
    remote = project.parent / "remote.git"
    return set(git(remote, "ls-tree", "-r", "--name-only", branch).split())


def remote_show(project: Path, path: str, branch: str = "gh-pages") -> str:
    return git(project.parent / "remote.git", "show", f"{branch}:{path}")


def test_deploy_pushes_the_public_site_with_nojekyll_and_cname(project):
    result = run(project, "deploy")
    assert result.exit_code == 0, result.output
    files = remote_files(project)
    public = {p.relative_to(project / "site" / "public").as_posix()
              for p in (project / "site" / "public").rglob("*") if p.is_file()}
    assert files == public | {".nojekyll", "CNAME"}
    assert remote_show(project, "CNAME").strip() == "ai.lumenledger.example"
    assert "transparency.json" in files and "embed/card-assistant.html" in files
    assert not any(f.startswith(("playbooks/", "approvals/", "findings/")) for f in files)
    assert "Published the public site to origin/gh-pages." in result.output


def test_the_commit_message_lists_every_document_version(project):
    run(project, "deploy")
    message = git(project.parent / "remote.git", "log", "-1", "--format=%B", "gh-pages")
    assert message.startswith("Publish Lumen Ledger — How we use AI\n\n")
    assert "privacy: AI privacy notice, version 1, effective 2026-09-01" in message
    assert "system:credit-limit: Credit limit check, version 1, effective 2026-09-01" in message


def test_a_changed_site_adds_a_commit_on_top_and_an_unchanged_one_adds_none(project):
    def commits() -> int:
        return int(git(project.parent / "remote.git", "rev-list", "--count", "gh-pages"))

    run(project, "deploy")
    again = run(project, "deploy")
    assert again.exit_code == 0 and commits() == 1
    assert "Nothing new to publish: the branch gh-pages already holds this site" in again.output
    (project / "site" / "public" / "extra.txt").write_text("new\n")
    assert run(project, "deploy").exit_code == 0 and commits() == 2
    assert remote_show(project, "extra.txt") == "new\n"


def test_the_branch_checked_out_is_never_published_onto(project):
    git(project, "commit", "--quiet", "--allow-empty", "-m", "start")
    result = run(project, "deploy", "--branch", "main", "--no-push")
    assert result.exit_code == 2
    assert "--branch main is the branch checked out" in result.output
    assert git(project, "rev-list", "--count", "main").strip() == "1"


def test_no_push_commits_locally_only(project):
    result = run(project, "deploy", "--no-push", "--branch", "pages")
    assert result.exit_code == 0, result.output
    assert ".nojekyll" in git(project, "ls-tree", "--name-only", "pages")
    assert git(project.parent / "remote.git", "branch", "--list").strip() == ""
    assert "Not pushed" in result.output


def test_the_folder_build_wrote_names_its_public_site(project):
    shutil.move(project / "site", project / "out")
    result = run(project, "deploy", "--site-dir", "out", "--no-push")
    assert result.exit_code == 0, result.output
    assert "index.html" in git(project, "ls-tree", "--name-only", "gh-pages")
    assert "public" not in git(project, "ls-tree", "--name-only", "gh-pages").split()


def test_no_custom_domain_no_cname(project):
    data = yaml.safe_load((project / "content" / "profile.yaml").read_text())
    data["site"] = {"url": "https://lumen.github.io/ai/"}
    (project / "content" / "profile.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert run(project, "deploy", "--remote", "origin").exit_code == 0
    assert "CNAME" not in remote_files(project) and ".nojekyll" in remote_files(project)


def test_the_internal_site_is_refused(project):
    result = run(project, "deploy", "--site-dir", "site/internal")
    assert result.exit_code == 1
    assert "site/internal is the internal (staff-only) site; only site/public is published" in result.output
    assert git(project.parent / "remote.git", "branch", "--list").strip() == ""


def test_a_public_folder_holding_an_internal_page_is_refused(project):
    leaked = project / "site" / "public" / "handbook"
    shutil.copytree(project / "site" / "internal" / "roles", leaked)
    result = run(project, "deploy")
    assert result.exit_code == 1
    assert "handbook/index.html is marked staff-only" in result.output
    assert git(project.parent / "remote.git", "branch", "--list").strip() == ""


def test_unapproved_documents_are_refused_when_approval_is_required(project):
    result = run(project, "deploy", "--require-approval")
    assert result.exit_code == 1
    assert "5 public documents are not approved at their current text, so nothing was published" in result.output
    assert "system:credit-limit (Credit limit check): awaiting approval" in result.output
    assert git(project.parent / "remote.git", "branch", "--list").strip() == ""


def test_approved_documents_deploy_when_approval_is_required(project):
    approve_everything(project)
    result = run(project, "deploy", "--require-approval")
    assert result.exit_code == 0, result.output


def approve_everything(project: Path) -> None:
    profile = project / "content" / "profile.yaml"
    checked, _ = generate(profile, project_dir=project)
    data = yaml.safe_load(profile.read_text())
    data["approvals"] = [{"document": s.doc_id, "version": s.version, "sha256": s.sha256, "approver": "A. Lawyer",
                          "role": "General counsel", "date": "2026-08-30"} for s in checked.statuses]
    profile.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def test_a_site_built_from_other_text_is_refused_even_when_the_profile_is_approved(project):
    approve_everything(project)
    profile = project / "content" / "profile.yaml"
    approved = profile.read_text()
    profile.write_text(approved.replace("5 business days", "20 business days"))
    assert run(project, "build").exit_code == 0
    profile.write_text(approved)
    result = run(project, "deploy", "--require-approval")
    assert result.exit_code == 1, result.output
    assert "was not built from the profile's current, approved text, so nothing was published" in result.output
    assert "system:credit-limit: the built text (sha256" in result.output
    assert git(project.parent / "remote.git", "branch", "--list").strip() == ""


def test_a_site_without_its_build_record_is_refused_when_approval_is_required(project):
    approve_everything(project)
    (project / "site" / "public" / "candor-build.json").unlink()
    result = run(project, "deploy", "--require-approval")
    assert result.exit_code == 1 and "has no readable candor-build.json" in result.output


def test_a_missing_site_or_remote_is_explained(project):
    assert "run `candor build` first" in run(project, "deploy", "--site-dir", "nowhere").output
    result = run(project, "deploy", "--remote", "upstream")
    assert result.exit_code == 2 and "there is no git remote named 'upstream'" in result.output
