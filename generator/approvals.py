"""Approvals: is each public document's generated text the text legal signed off?

A document's content hash is the sha256 of its generated Markdown (the page `render`
produces, whose `doc_id` names the document). The profile's `approvals` pin a version and a
hash; a document is

- **approved** when an approval carries its current hash,
- **awaiting approval** when it has never been approved,
- **stale** when it was approved but its text has changed since.

Pure functions over a rendered `DocumentSet` and the `Profile`: `candor check`, `build
--require-approval`, the internal approvals page and the review packet all ask this module,
so they can never disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from generator.documents import DocumentSet, Page
from generator.editions import language_of
from generator.findings import Finding, Severity
from generator.profile import Approval, Profile


class Status(StrEnum):
    approved = "approved"
    awaiting = "awaiting approval"
    stale = "stale"


@dataclass(frozen=True)
class DocumentStatus:
    """One public document, its current text's hash and where it stands with legal."""

    doc_id: str
    title: str
    path: str
    """The page's path in the public site, e.g. `privacy.md`."""
    version: int | None
    effective_date: dt.date | None
    sha256: str | None
    """None when the text was not rendered (`Page.rendered`): only for a document awaiting approval."""
    status: Status
    approval: Approval | None = None
    """The approval that matches (approved), or the latest one for the document (stale)."""
    approval_index: int | None = None
    """Its position in the profile's `approvals` list, for locating findings."""

    @property
    def unversioned(self) -> bool:
        """Stale although the version was not raised: the text changed with no change record."""
        return (self.status is Status.stale and self.approval is not None
                and self.version is not None and self.approval.version >= self.version)

    @property
    def reason(self) -> str:
        """Why the document is where it is, in one plain sentence."""
        if self.status is Status.approved:
            a = self.approval
            return f"version {a.version} approved on {a.date.isoformat()} by {a.approver} ({a.role})"
        if self.status is Status.awaiting:
            return f"version {self.version} has never been approved"
        a = self.approval
        if self.unversioned:
            return (f"the text changed after version {a.version} was approved on {a.date.isoformat()}, "
                    f"but the version was not raised")
        return (f"version {a.version} was approved on {a.date.isoformat()}; "
                f"the text has changed since (now version {self.version})")


def content_hash(markdown: str) -> str:
    """The sha256 of a page's generated Markdown, as hex: what an approval pins."""
    return hashlib.sha256(markdown.encode("utf-8")).hexdigest()


def document_pages(public: DocumentSet) -> list[Page]:
    """The pages of the public site that are versioned documents, in site order: the default
    language's, then each further language's, named `<id>@<language>` (`privacy@de`) with
    their path in the site (`de/privacy.md`). Legal approves each language's text on its own."""
    pages = named_documents(public, None)
    for edition in public.editions:
        pages += named_documents(edition, language_of(edition))
    return pages


def named_documents(docs: DocumentSet, code: str | None) -> list[Page]:
    """The document pages of one edition as `document_pages` names them: a further language's
    (`code`) as `<id>@<code>` at `<code>/<path>`, the default language's (None) as they are."""
    if code is None:
        return [p for p in docs.pages if p.doc_id]
    return [replace(p, doc_id=f"{p.doc_id}@{code}", path=f"{code}/{p.path}") for p in docs.pages if p.doc_id]


def base_document(doc_id: str) -> str:
    """`privacy@de` → `privacy`: the record in `documents` a translation shares."""
    return doc_id.partition("@")[0]


def document_language(doc_id: str, default: str) -> str:
    """`privacy@de` → `de`; a document id without a language is in the default language."""
    return doc_id.partition("@")[2] or default


def document_statuses(public: DocumentSet, profile: Profile) -> list[DocumentStatus]:
    """The approval status of every public document, in site order."""
    by_document: dict[str, list[tuple[int, Approval]]] = {}
    for index, approval in enumerate(profile.approvals):
        by_document.setdefault(approval.document, []).append((index, approval))
    return [_status(page, profile, by_document.get(page.doc_id, [])) for page in document_pages(public)]


def _status(page: Page, profile: Profile, mine: list[tuple[int, Approval]]) -> DocumentStatus:
    """`mine`: the profile's approvals of this document, with their positions in `approvals`."""
    record = profile.documents.get(base_document(page.doc_id))
    sha = content_hash(page.markdown) if page.rendered else None
    base = {"doc_id": page.doc_id, "title": page.title, "path": page.path, "sha256": sha,
            "version": record.version if record else None,
            "effective_date": record.effective_date if record else None}
    matching = [(i, a) for i, a in mine if a.sha256 == sha]
    if matching:
        index, approval = max(matching, key=lambda pair: (pair[1].date, pair[0]))
        return DocumentStatus(**base, status=Status.approved, approval=approval, approval_index=index)
    if mine:
        index, approval = max(mine, key=lambda pair: (pair[1].version, pair[1].date, pair[0]))
        return DocumentStatus(**base, status=Status.stale, approval=approval, approval_index=index)
    return DocumentStatus(**base, status=Status.awaiting)


def blocking(statuses: Iterable[DocumentStatus]) -> list[DocumentStatus]:
    """The documents that stop `candor build --require-approval`."""
    return [s for s in statuses if s.status is not Status.approved]


DiffCommand = Callable[[DocumentStatus], str]


def default_diff_command(status: DocumentStatus) -> str:
    return "candor diff"


def approval_findings(statuses: Iterable[DocumentStatus], profile: Profile,
                      diff_command: DiffCommand = default_diff_command) -> list[Finding]:
    """Warnings for documents awaiting approval, stale approvals, text changed without a
    new version, and approvals of documents Candor does not generate."""
    statuses = list(statuses)
    findings: list[Finding] = []
    for s in statuses:
        if s.status is Status.approved and s.version is not None and s.approval.version != s.version:
            findings.append(Finding(
                "CANDOR-APPROVAL-VERSION", Severity.warning,
                f'The approval of "{s.doc_id}" records version {s.approval.version}, but the text it '
                f"approved is version {s.version}.",
                f"approvals[{s.approval_index}].version",
                f"Correct the record to version {s.version}: the content hash shows which text was approved."))
        if s.status is Status.awaiting:
            findings.append(Finding(
                "CANDOR-APPROVAL-AWAITING", Severity.warning,
                f'"{s.doc_id}" {s.reason}.', f"documents.{base_document(s.doc_id)}",
                "Review the full text with `candor review`, then add the approval it prints under `approvals`."))
        elif s.status is Status.stale:
            findings.append(Finding(
                "CANDOR-APPROVAL-STALE", Severity.warning, f'"{s.doc_id}": {s.reason}.',
                f"approvals[{s.approval_index}]",
                f"See what changed with `{diff_command(s)}`, then record a new approval with sha256 {s.sha256}."))
            if s.unversioned:
                findings.append(Finding(
                    "CANDOR-APPROVAL-UNVERSIONED", Severity.warning,
                    f'The text of "{s.doc_id}" changed but it is still version {s.version}, '
                    f"so customers cannot tell the versions apart.",
                    f"documents.{base_document(s.doc_id)}.version",
                    "Raise the version and add a history entry saying what changed for customers; "
                    "re-approve at the same version only for a change that does not alter the meaning."))
    known = {s.doc_id for s in statuses}
    for index, approval in enumerate(profile.approvals):
        if approval.document not in known:
            findings.append(Finding(
                "CANDOR-APPROVAL-UNKNOWN", Severity.warning,
                f'An approval names "{approval.document}", which is not a document Candor generates for this profile.',
                f"approvals[{index}].document",
                f"Use one of: {', '.join(sorted(known))}; or remove the approval of a document that no longer exists."))
    return findings


def approval_snippet(status: DocumentStatus, *, approver: str = "NAME", role: str = "ROLE",
                     date: str = "YYYY-MM-DD") -> str:
    """The YAML entry to paste under `approvals:` to approve the document as it is now."""
    return (f"  - document: \"{status.doc_id}\"\n"
            f"    version: {status.version}\n"
            f"    sha256: {status.sha256}\n"
            f"    approver: {approver}\n"
            f"    role: {role}\n"
            f"    date: {date}\n")
