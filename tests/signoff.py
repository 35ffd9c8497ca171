"""Test helper: sign off a profile's documents as legal would, from the rendered text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.approvals import DocumentStatus, document_statuses
from generator.render import render
from generator.rules import evaluate
from tests.helpers import ROOT, default_data, english_only, profile_from


def unapproved_data() -> dict:
    """The default profile in English alone, with no approvals: every document awaiting approval
    (approving translations is tested on its own, in tests/test_approvals.py)."""
    data = english_only(default_data())
    data.pop("approvals", None)
    return data


def statuses_of(data: dict) -> list[DocumentStatus]:
    """Each public document's approval status for the profile `data` (rendered in memory)."""
    profile = profile_from(data)
    sites = render(profile, evaluate(profile), project_dir=ROOT)
    return document_statuses(sites.public, profile)


def approve(data: dict, *only: str, approver: str = "Ines Varga", on: dt.date = dt.date(2026, 8, 20)) -> dict:
    """`data` with an approval of the current text of each document (or of `only` those)."""
    approvals = list(data.get("approvals", []))
    for status in statuses_of(data):
        if not only or status.doc_id in only:
            approvals.append({"document": status.doc_id, "version": status.version, "sha256": status.sha256,
                              "approver": approver, "role": "Data protection officer", "date": on.isoformat()})
    return {**data, "approvals": approvals}


def by_id(statuses: list[DocumentStatus]) -> dict[str, DocumentStatus]:
    return {s.doc_id: s for s in statuses}


def in_folder(folder: Path):
    """Context manager: run with `folder` as the working directory."""
    import contextlib
    import os

    @contextlib.contextmanager
    def _cd():
        cwd = Path.cwd()
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(cwd)

    return _cd()
