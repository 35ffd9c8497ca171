"""`candor review`: the packet legal signs off on, as one self-contained HTML file (and a PDF
when a PDF engine is installed).

It holds every public document in full (rendered with the site's Markdown extensions), each
with its version, content hash and approval status; the findings of `candor check`; the
requirement coverage; and a sign-off block per document with the exact hash to approve and
the entry to paste under `approvals:`. A lawyer who receives only this file can review
everything, and the hashes in it are the ones that go into the profile.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from generator import readability
from generator.approvals import DocumentStatus, Status, approval_snippet, document_language, document_pages
from generator.commands.pipeline import Checked, diff_command, generate
from generator.editions import served_language
from generator.coverage import Cell, coverage
from generator.htmlreport import environment, to_html
from generator.render import RenderedSites

PACKET = "review-packet.html"
PDF_ENGINES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@dataclass(frozen=True)
class ReviewResult:
    html: Path
    pdf: Path | None
    pdf_note: str
    """What happened to the PDF, in one sentence (written or why not)."""
    statuses: tuple[DocumentStatus, ...]

    def summary_lines(self) -> list[str]:
        approved = sum(1 for s in self.statuses if s.status == "approved")
        lines = [f"Wrote the review packet to {self.html}",
                 f"{approved} of {len(self.statuses)} public documents are approved at their current text."]
        return [*lines, self.pdf_note]


def write_packet(profile_path: Path, *, out_dir: Path, project_dir: Path, as_of: dt.date | None = None,
                 pdf: bool = True, language: str | None = None) -> ReviewResult:
    checked, sites = generate(profile_path, project_dir=project_dir, as_of=as_of)
    if served_language(checked.loaded.profile, language) is not None:
        default = checked.loaded.profile.company.languages[0]
        checked = replace(checked, statuses=tuple(s for s in checked.statuses
                                                  if document_language(s.doc_id, default) == language))
    markup = packet_html(checked, sites, project_dir=project_dir, profile_path=profile_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / PACKET
    staging = target.with_name(f".{PACKET}.tmp")
    staging.write_text(markup, encoding="utf-8")
    old_pdf = target.with_suffix(".pdf")
    removed = old_pdf.is_file()
    old_pdf.unlink(missing_ok=True)  # an earlier packet's PDF must never pass for this one
    os.replace(staging, target)
    pdf_path, note = _pdf(target) if pdf else (None, "PDF not requested (--no-pdf).")
    if removed and pdf_path is None:
        note += f" Removed {old_pdf}, the PDF of an earlier packet, so that no one signs text that has changed."
    return ReviewResult(target, pdf_path, note, checked.statuses)


def packet_html(checked: Checked, sites: RenderedSites, *, project_dir: Path, profile_path: Path) -> str:
    profile = checked.loaded.profile
    pages = {p.doc_id: p for p in document_pages(sites.public)}
    scores = readability.document_scores(sites.public)
    documents = [
        {"status": s, "html": to_html(pages[s.doc_id].markdown, project_dir, prefix=f"d{n}"),
         "readability": scores[s.doc_id],
         "snippet": "approvals:\n" + approval_snippet(s), "anchor": f"doc-{n}",
         # A stale document: the command that shows what changed since it was approved.
         "diff": diff_command(profile_path, s) if s.status is Status.stale else None,
         "translation": _translation(profile, s.doc_id)}
        for n, s in enumerate(checked.statuses, start=1)
    ]
    by_audience = {d.spec.audience: {p.path: p for p in d.pages} for d in (sites.public, sites.internal)}
    cells = coverage(checked.rules.evaluations, by_audience)
    template = environment(project_dir).get_template("review/packet.html.j2")
    return template.render(
        company=profile.company, profile_file=checked.loaded.file, as_of=checked.rules.as_of,
        documents=documents, findings=checked.rules.findings, rules=checked.rules,
        coverage=_coverage_rows(cells), missing=[c for c in cells if not c.present and c.audience == "public"],
        public_cells=[c for c in cells if c.audience == "public"],
    )


def _translation(profile, doc_id: str):
    """The translation record (`documents.<id>.translations.<language>`) of a further
    language's document, or None (the default language's, or no record)."""
    base, _, language = doc_id.partition("@")
    record = profile.documents.get(base)
    return record.translations.get(language) if record and language else None


def _coverage_rows(cells: list[Cell]) -> list[dict]:
    """Per public page: how many of the requirements it must carry it does carry."""
    rows: dict[str, dict] = {}
    for cell in cells:
        if cell.audience != "public":
            continue
        row = rows.setdefault(cell.page, {"page": cell.page, "present": [], "missing": []})
        row["present" if cell.present else "missing"].append(cell.requirement_id)
    return [rows[k] for k in sorted(rows)]


def _pdf(html_path: Path) -> tuple[Path | None, str]:
    """Print the packet to PDF with WeasyPrint or a headless Chromium, whichever is there."""
    pdf_path = html_path.with_suffix(".pdf")
    try:
        import weasyprint  # type: ignore[import-not-found]
    except ImportError:
        weasyprint = None
    if weasyprint is not None:
        weasyprint.HTML(filename=str(html_path)).write_pdf(str(pdf_path))
        return pdf_path, f"Wrote the PDF to {pdf_path} (WeasyPrint)."
    engine = next((shutil.which(name) for name in PDF_ENGINES if shutil.which(name)), None)
    if engine is None:
        return None, ("No PDF written: no PDF engine is installed (install WeasyPrint or Chromium); "
                      "the HTML packet is complete and prints well from any browser.")
    command = [engine, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()]
    try:
        subprocess.run(command, capture_output=True, timeout=120, check=True)
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"No PDF written: {Path(engine).name} could not print the packet ({error}); the HTML packet is complete."
    if not pdf_path.is_file():
        return None, f"No PDF written: {Path(engine).name} produced no file; the HTML packet is complete."
    return pdf_path, f"Wrote the PDF to {pdf_path} ({Path(engine).name})."
