"""`candor diff`: a word-level redline of the generated documents between two profile versions."""

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.redline import compare_text, render_plain, word_spans
from tests.helpers import default_data, write_profile
from tests.signoff import in_folder

OLD_PURPOSE = "Answers your questions about orders, deliveries, returns and our products, day and night."
NEW_PURPOSE = "Answers your questions about orders and returns, at any hour."


def diff(project: Path, *args: str):
    with in_folder(project):
        return CliRunner().invoke(main, ["diff", *args], catch_exceptions=False)


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path) -> Path:
    """A project in a fresh git repository: the default profile committed, then its chat
    assistant's purpose rewritten, in English only, in the working tree."""
    data = default_data()
    assert data["ai_systems"][0]["purpose"]["en"] == OLD_PURPOSE
    (tmp_path / "content").mkdir()
    write_profile(tmp_path / "content", data)
    git(tmp_path, "init", "-q")
    git(tmp_path, "-c", "user.name=Test", "-c", "user.email=t@example.com", "add", "-A")
    git(tmp_path, "-c", "user.name=Test", "-c", "user.email=t@example.com", "commit", "-qm", "profile")
    data["ai_systems"][0]["purpose"]["en"] = NEW_PURPOSE
    write_profile(tmp_path / "content", data)
    return tmp_path


def test_words_are_marked_deleted_and_inserted_as_whole_phrases():
    spans = word_spans(OLD_PURPOSE, NEW_PURPOSE)
    assert "".join(s.text for s in spans if s.kind != "insert") == OLD_PURPOSE
    assert "".join(s.text for s in spans if s.kind != "delete") == NEW_PURPOSE
    assert ("delete", "our products, day and night") in [(s.kind, s.text) for s in spans]


def test_a_change_names_the_requirements_of_the_clause_it_sits_in():
    old = '<div class="candor-clause" data-req="GDPR-13-1-c UK-ICO-05" markdown="1">\n\nWe keep it 30 days.\n\n</div>\n'
    [hunk] = compare_text(old, old.replace("30 days", "90 days"))
    assert hunk.requirements == ("GDPR-13-1-c", "UK-ICO-05")
    assert "[-30-]{+90+}" in render_plain(hunk)


def test_by_default_the_working_tree_is_compared_with_the_last_commit(repo):
    result = diff(repo)
    assert result.exit_code == 1, result.output
    assert "Comparing HEAD:content/profile.yaml → content/profile.yaml (working tree)" in result.output
    assert "public/systems/chat-assistant.md (Halden Chat Assistant): changed" in result.output
    assert "[-our products, day and night-]{+returns, at any hour+}" in result.output
    assert "requirements touched: CA-NAC-3 GDPR-12-1 UK-ICO-00" in result.output
    unchanged = next(line for line in result.output.splitlines() if line.startswith("Unchanged ("))
    assert "public/rights.md" in unchanged and "internal/roles.md" in unchanged
    assert "\x1b[" not in result.output  # piped: markers, no colour codes


def test_base_can_be_any_git_revision(repo):
    first = git(repo, "rev-parse", "HEAD")
    git(repo, "-c", "user.name=Test", "-c", "user.email=t@example.com", "commit", "-qam", "new purpose")
    assert diff(repo).exit_code == 0  # HEAD now equals the working tree
    result = diff(repo, "--base", first[:10])
    assert result.exit_code == 1
    assert f"Comparing {first[:10]}:content/profile.yaml" in result.output
    assert "{+returns, at any hour+}" in result.output


def test_identical_profiles_exit_0_and_list_every_page_as_unchanged(tmp_path):
    (tmp_path / "content").mkdir()
    write_profile(tmp_path / "content", default_data())
    write_profile(tmp_path, default_data(), name="copy.yaml")
    result = diff(tmp_path, "--base", "copy.yaml")
    assert result.exit_code == 0, result.output
    assert "0 of " in result.output and "pages changed." in result.output
    assert "[-" not in result.output and "{+" not in result.output
    assert "Unchanged (" in result.output


def test_the_html_redline_is_one_self_contained_file_with_the_changed_words(repo):
    out = repo / "redline.html"
    result = diff(repo, "--html", str(out))
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert "<del>our products, day and night</del><ins>returns, at any hour</ins>" in page
    summary = page[page.index('<table class="summary">'):page.index("</table>")]
    assert "Halden Chat Assistant" in summary and "<code>GDPR-12-1</code>" in summary
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<script" not in page and "<link" not in page and "@import" not in page


def test_an_unknown_revision_is_a_plain_error(repo):
    result = diff(repo, "--base", "no-such-branch")
    assert result.exit_code == 2
    assert "cannot read content/profile.yaml at revision no-such-branch" in result.output
    assert "Traceback" not in result.output


def test_a_missing_base_file_is_named_as_missing(repo):
    result = diff(repo, "--base", "old/profile.yaml")
    assert result.exit_code == 2
    assert "--base old/profile.yaml: no such file, and no git revision of that name" in result.output


def test_a_problem_in_a_base_file_is_located_in_that_file(repo):
    base = repo / "old.yaml"
    base.write_text((repo / "content" / "profile.yaml").read_text().replace("schema_version", "schema_versio", 1))
    result = diff(repo, "--base", "old.yaml")
    assert result.exit_code == 2
    assert re.search(r"^old\.yaml:\d+:\d+ schema_versio: unknown field", result.output, re.M), result.output
    assert "content/profile.yaml:" not in result.output


def test_outside_a_repository_it_says_how_to_compare_instead(tmp_path):
    (tmp_path / "content").mkdir()
    write_profile(tmp_path / "content", default_data())
    result = diff(tmp_path)
    assert result.exit_code == 2
    assert "is not in a git repository" in result.output and "--base FILE" in result.output


def test_each_language_has_its_own_redline_and_can_be_read_alone(repo):
    everything = diff(repo)
    assert "public/systems/chat-assistant.md (Halden Chat Assistant): changed" in everything.output
    assert "public/de/systems/chat-assistant.md" in everything.output  # listed, unchanged
    german = diff(repo, "--language", "de")
    assert german.exit_code == 0, german.output  # the English edit left the German text as it was
    assert "0 of" in german.output and "public/systems/" not in german.output
    assert diff(repo, "--language", "pt").exit_code == 2
