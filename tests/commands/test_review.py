"""`candor review`: one self-contained packet a lawyer can review and sign off from."""

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.helpers import default_data, write_profile
from tests.signoff import approve, by_id, in_folder, statuses_of, unapproved_data


def review(project: Path, *args: str):
    with in_folder(project):
        return CliRunner().invoke(main, ["review", *args], catch_exceptions=False)


class _References(HTMLParser):
    """Every src/href/data attribute and stylesheet or script element of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [value or "" for name, value in attrs if name in {"src", "href", "data", "srcset", "action"}]


@pytest.fixture(scope="module")
def packet(tmp_path_factory) -> tuple[Path, str, dict]:
    data = approve(unapproved_data(), "privacy")
    project = tmp_path_factory.mktemp("review")
    (project / "content").mkdir()
    write_profile(project / "content", data)
    result = review(project, "--out", "review", "--no-pdf")
    assert result.exit_code == 0, result.output
    return project, result.output, data


def test_the_packet_is_one_html_file_named_in_the_output(packet):
    project, output, _ = packet
    assert sorted(p.name for p in (project / "review").iterdir()) == ["review-packet.html"]
    assert "Wrote the review packet to review/review-packet.html" in output
    assert "1 of 8 public documents are approved at their current text." in output


def test_a_packet_written_without_a_pdf_removes_the_pdf_of_an_earlier_packet(packet, tmp_path):
    project, _, data = packet
    shutil.copytree(project / "content", tmp_path / "content")
    (tmp_path / "review").mkdir()
    (tmp_path / "review" / "review-packet.pdf").write_bytes(b"%PDF-1.4 an earlier packet")
    result = review(tmp_path, "--out", "review", "--no-pdf")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "review").iterdir()) == ["review-packet.html"]
    assert "Removed review/review-packet.pdf, the PDF of an earlier packet" in result.output


def test_the_packet_opens_with_no_network(packet):
    project, _, _ = packet
    page = (project / "review" / "review-packet.html").read_text(encoding="utf-8")
    refs = _References()
    refs.feed(page)
    assert [u for u in refs.urls if re.match(r"(?i)\s*(https?:)?//", u)] == []
    assert all(u.startswith("#") for u in refs.urls), [u for u in refs.urls if not u.startswith("#")]
    assert not {"script", "link", "img", "iframe", "object"} & set(refs.tags)
    assert "@import" not in page and "url(" not in page


def test_every_public_document_is_there_in_full_with_version_hash_and_status(packet):
    project, _, data = packet
    page = (project / "review" / "review-packet.html").read_text(encoding="utf-8")
    statuses = by_id(statuses_of(data))
    for status in statuses.values():
        assert status.sha256 in page
        assert f"<h3>Sign-off: {status.title}, version {status.version}</h3>" in page
    assert page.count('<section class="document"') == len(statuses) + 2  # + findings + coverage
    assert 'class="status-approved">approved: version 3 approved on 2026-08-20 by Ines Varga' in page
    assert "How to reach a person" in page or "reach a person" in page
    assert "We do not sell your personal information" in page  # deep inside the privacy notice


def test_each_sign_off_block_has_the_entry_to_paste_into_the_profile(packet):
    project, _, data = packet
    page = html.unescape((project / "review" / "review-packet.html").read_text(encoding="utf-8"))
    rights = by_id(statuses_of(data))["rights"]
    assert f'approvals:\n  - document: "rights"\n    version: 2\n    sha256: {rights.sha256}\n' in page


def test_the_packet_holds_the_findings_and_the_coverage(packet):
    project, _, _ = packet
    page = (project / "review" / "review-packet.html").read_text(encoding="utf-8")
    assert '<h2>Findings of the profile check</h2>' in page and "CANDOR-APPROVAL-AWAITING" in page
    assert '<h2>Requirement coverage</h2>' in page and "<code>GDPR-13-1-c</code>" in page


def test_it_prints_one_document_per_page_without_navigation(packet):
    project, _, _ = packet
    page = (project / "review" / "review-packet.html").read_text(encoding="utf-8")
    css = page[page.index("@media print"):]
    assert "break-before: page" in css and "nav" in css and "display: none" in css


def test_without_a_pdf_engine_it_says_so_and_succeeds(tmp_path, monkeypatch):
    import builtins

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    (tmp_path / "content").mkdir()
    write_profile(tmp_path / "content", default_data())
    result = review(tmp_path, "--out", "out")
    assert result.exit_code == 0, result.output
    assert "No PDF written: no PDF engine is installed" in result.output
    assert (tmp_path / "out" / "review-packet.html").is_file()


def test_one_languages_packet_holds_that_languages_documents_with_their_readability(tmp_path):
    (tmp_path / "content").mkdir()
    write_profile(tmp_path / "content", default_data())
    result = review(tmp_path, "--out", "review", "--no-pdf", "--language", "de")
    assert result.exit_code == 0, result.output
    assert "0 of 8 public documents are approved" in result.output
    text = (tmp_path / "review" / "review-packet.html").read_text("utf-8")
    assert "<code>privacy@de</code>" in text and "<code>privacy</code>" not in text
    assert "Datenschutzhinweis" in text and "(Amstad, language <code>de</code>;" in text
    assert review(tmp_path, "--out", "review", "--no-pdf", "--language", "pt").exit_code == 2


def test_a_stale_document_shows_its_earlier_approval_how_to_see_the_change_and_the_version_to_raise(tmp_path):
    data = approve(unapproved_data(), "system:chat-assistant")
    data["approvals"][0]["comment"] = "Approved on condition that the opt-out stays in the greeting."
    data["ai_systems"][0]["purpose"] = "Answers your questions about orders and returns, at any hour."
    (tmp_path / "content").mkdir()
    write_profile(tmp_path / "content", data)
    assert review(tmp_path, "--out", "review", "--no-pdf").exit_code == 0
    page = html.unescape((tmp_path / "review" / "review-packet.html").read_text(encoding="utf-8"))
    section = page[page.index("(<code>system:chat-assistant</code>, page"):]
    section = section[:section.index("</table>")]
    assert "Earlier approval</th><td>version 2, 20 August 2026, by Ines Varga (Data protection officer)" in section
    assert "“Approved on condition that the opt-out stays in the greeting.”" in section
    assert "What changed</th><td>the redline since that approval: <code>candor diff</code>" in section
    assert "The text changed but it is still version 2. Raise <code>documents.system:chat-assistant.version</code>" in section


def test_a_translation_says_whether_legal_has_reviewed_it(tmp_path):
    data = default_data()
    data["documents"]["privacy"]["translations"] = {"de": {"translated_from_version": 3}}
    (tmp_path / "content").mkdir()
    write_profile(tmp_path / "content", data)
    assert review(tmp_path, "--out", "review", "--no-pdf", "--language", "de").exit_code == 0
    page = html.unescape((tmp_path / "review" / "review-packet.html").read_text(encoding="utf-8"))
    assert ("Translation</th><td>made from version 3; not yet reviewed by legal "
            "(documents.privacy.translations.de.reviewed_by_legal)") in page
