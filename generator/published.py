"""Earlier versions of the public documents, recovered from the profile's git history.

Candor keeps no copy of old notices by hand: version N of a document is the document as
rendered from the profile at the newest commit in which that document was at version N
(found with `git log` over the profile file and read with `git show`), with today's
templates. When that reproduces the exact text that was approved, the approval's hash
proves it; when a commit's profile no longer loads (an older schema), that version is
listed in the change history without a page.

The rendering itself is passed in (`render_file`), so this module only decides which
commit holds which version and never runs a second copy of the pipeline.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from generator import gitfiles
from generator.approvals import base_document, document_pages
from generator.documents import DocumentSet, Page
from generator.errors import CandorError
from generator.profile import Profile

RenderFile = Callable[[Path], DocumentSet]
"""Profile file → its public document set (the shared load → rules → render stages)."""


def earlier_versions(profile_path: Path, current: Profile, render_file: RenderFile) -> dict[tuple[str, int], Page]:
    """(document id, version) → that version's page, for every version older than the
    current one that the profile's git history still holds."""
    wanted = {doc_id: record.version for doc_id, record in current.documents.items()}
    texts: dict[str, str] = {}
    chosen: dict[tuple[str, int], str] = {}
    for commit in gitfiles.history(profile_path):
        text = gitfiles.show(profile_path, commit.sha)
        for doc_id, version in _versions(text).items():
            if doc_id in wanted and version < wanted[doc_id] and (doc_id, version) not in chosen:
                chosen[(doc_id, version)] = commit.sha
                texts[commit.sha] = text
    found: dict[tuple[str, int], Page] = {}
    for sha, text in texts.items():
        public = _render_text(text, profile_path, render_file)
        if public is None:
            continue
        pages: dict[str, list[Page]] = {}
        for page in document_pages(public):  # each language's text of the document
            pages.setdefault(base_document(page.doc_id), []).append(page)
        for (doc_id, version), source in chosen.items():
            for page in pages.get(doc_id, []) if source == sha else []:
                found[(page.doc_id, version)] = page
    return found


def _versions(text: str) -> dict[str, int]:
    """Document id → version in a profile's text; nothing when it does not parse."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, dict):
        return {}
    return {str(k): v["version"] for k, v in documents.items()
            if isinstance(v, dict) and isinstance(v.get("version"), int) and not isinstance(v.get("version"), bool)}


def _render_text(text: str, profile_path: Path, render_file: RenderFile) -> DocumentSet | None:
    with tempfile.TemporaryDirectory(prefix="candor-version-") as folder:
        path = Path(folder) / profile_path.name
        path.write_text(text, encoding="utf-8")
        try:
            return render_file(path)
        except CandorError:
            return None
