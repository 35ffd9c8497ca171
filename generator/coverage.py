"""Clause-level coverage: is every requirement that applies carried by the documents it belongs in?

The catalogue assigns each requirement to documents (`privacy`, `system`, `playbook` …); the
templates mark each clause with the requirement IDs it satisfies (`data-req`). This module
joins the two, per document and per AI system, for the internal coverage matrix and for the
test that proves no applicable requirement is missing from its page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.documents import Page
from generator.rules.legal import Evaluation
from generator.rules.predicates import SYSTEM_PREDICATES

_MARKER = re.compile(r'data-req="([^"]+)"')

# Where each catalogue document lives: (audience, page path; "{id}" = one page per system).
DOCUMENT_PAGES = {
    "overview": ("public", "index.md"),
    "system": ("public", "systems/{id}.md"),
    "privacy": ("public", "privacy.md"),
    "rights": ("public", "rights.md"),
    "history": ("public", "history.md"),
    "playbook": ("internal", "playbooks/{id}.md"),
    "complaints": ("internal", "complaints.md"),
    "calendar": ("internal", "calendar.md"),
}


@dataclass(frozen=True)
class Cell:
    requirement_id: str
    document: str
    audience: str
    page: str
    system: str | None
    present: bool


def marked_ids(markdown: str) -> set[str]:
    """Requirement IDs carried by a page's clause markers."""
    return {rid for group in _MARKER.findall(markdown) for rid in group.split()}


def coverage(evaluations: Iterable[Evaluation], pages: dict[str, dict[str, Page]]) -> list[Cell]:
    """One cell per (applicable requirement, document, page) the catalogue asks for.

    `pages` maps audience → path → Page. A company-wide `playbook` requirement (one that is
    not about particular systems) counts as present when any internal page carries it, since
    company-wide procedures live on the shared pages rather than in every playbook.
    """
    marks = {aud: {path: marked_ids(p.markdown) for path, p in by_path.items()} for aud, by_path in pages.items()}
    cells: list[Cell] = []
    for evaluation in evaluations:
        if not evaluation.applies:
            continue
        rid = evaluation.requirement.id
        per_system = _is_per_system(evaluation)
        for document in evaluation.requirement.documents:
            audience, pattern = DOCUMENT_PAGES[document]
            if "{id}" not in pattern:
                cells.append(Cell(rid, document, audience, pattern, None, rid in marks[audience].get(pattern, set())))
            elif document == "playbook" and not per_system:
                anywhere = any(rid in ids for ids in marks[audience].values())
                cells.append(Cell(rid, document, audience, "(any internal page)", None, anywhere))
            else:
                for sid in evaluation.systems:
                    page = pattern.format(id=sid)
                    cells.append(Cell(rid, document, audience, page, sid, rid in marks[audience].get(page, set())))
    return cells


def _is_per_system(evaluation: Evaluation) -> bool:
    return bool(evaluation.requirement.predicates & SYSTEM_PREDICATES.keys())


def missing(cells: Iterable[Cell]) -> list[Cell]:
    return [c for c in cells if not c.present]
