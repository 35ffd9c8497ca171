"""Clause coverage: every requirement that applies to a profile is carried, as a `data-req`
marker, by the page(s) the catalogue assigns it to (`generator.coverage.DOCUMENT_PAGES`).

Once over the HTML of a real build of the default profile (the markers must survive MkDocs),
and at the Markdown level, without the engine, for each fixture profile below. Placements the
profile cannot support are listed in ALLOWED_MISSING with the reason, reviewed like any legal
text; an entry that is no longer missing anywhere fails the suite, so the list cannot go stale.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.coverage import Cell, coverage, missing
from generator.render import render
from generator.rules import RuleResult, evaluate
from tests.helpers import ROOT, default_data, profile_from, write_profile

ALLOWED_MISSING: dict[tuple[str, str], str] = {
    # --- the profile has no fact to support the clause -----------------------------------
    **{("AIA-50-2", f"systems/{sid}.md"): (
        "Machine-readable marking of generated output is the provider's engineering control; the "
        "profile records no fact on whether or how output is marked, so the public page cannot "
        "truthfully claim it. The playbook's vendor clause carries the duty for staff.")
       for sid in ("chat-assistant", "phone-assistant", "reply-suggestions")},
    # --- the system has no message of its own in which to say it --------------------------
    **{(rid, page): (
        "An agent_desktop tool: customers never meet it in a channel, so no text of its own can give "
        "the information at collection. Its data comes from conversations whose own channel texts "
        "(chat greeting, call prompt, e-mail footer) link the AI privacy notice. Legal to confirm "
        "that this is enough.")
       for rid, page in (("GDPR-13-T", "systems/reply-suggestions.md"),
                         ("GDPR-13-T", "playbooks/reply-suggestions.md"),
                         ("GDPR-14-3", "systems/reply-suggestions.md"))},
    **{("CA-NAC-2", f"systems/{sid}.md"): (
        "No chat greeting or call prompt of its own (e-mail, agent tools, or a decision system that "
        "does not talk with customers): the customer writes before we can answer, so the link to the "
        "notice at collection belongs where the e-mail address or request form is published, outside "
        "Candor's pages. Requests made in the chat get it from the chat greeting.")
       for sid in ("email-sorting", "refund-check", "reply-suggestions")},
    # --- the catalogue row is not verified enough to claim ----------------------------------
    ("CA-NAC-4", "privacy.md"): (
        "UNVERIFIED row: the 11 CCR §7012(e) list is not confirmed and the catalogue note says not to "
        "ship without checking it. The California section carries the CA-NAC-1 items; marking this row "
        "waits for legal to confirm the current text."),
    # --- handed over: the clause belongs in a template outside this change ----------------
    ("CA-ADMT-OPT", "rights.md"): (
        "Handed over to the owner of templates/public/rights.md.j2: the rights page needs the ADMT "
        "opt-out (or its human-appeal exception) for California. The system page and the playbook "
        "carry it. Fixture us_ca_credit_2027 only."),
    ("AIA-26-11", "privacy.md"): (
        "Handed over to the owner of templates/public/privacy.md.j2: the notice's per-system decision "
        "section needs the Art. 26(11) sentence (a high-risk system helps decide; right to an "
        "explanation). The system page and the decision letter carry it. Fixture eu_credit_2027 only."),
}


# --- fixture profiles, each built in the test from the default profile -------------------

def serving(*codes: str, data: dict | None = None) -> dict:
    """The default profile serving only the given jurisdictions (with an authority for each)."""
    data = data or default_data()
    data["company"]["jurisdictions"] = list(codes)
    known = {a["jurisdiction"]: a for a in data["company"]["authorities"]}
    data["company"]["authorities"] = [known.get(c, {"jurisdiction": c, "name": f"Authority {c}",
                                                    "website": "https://authority.example"}) for c in codes]
    return data


def credit_limit(data: dict) -> dict:
    data["ai_systems"][4]["decision"]["category"] = "credit_limit"
    return data


def voice_emotions(data: dict) -> dict:
    data["ai_systems"][1]["emotion_inference"] = {"source": "voice", "subjects": "customers"}
    return data


def health_data(data: dict) -> dict:
    """The chat may hold what customers say about their health, used under Art. 9(2)(a)."""
    data["ai_systems"][0]["data"][0].update(special_category=True, special_category_condition="explicit_consent")
    return data


def regulated(data: dict) -> dict:
    data["company"]["regulated_profession"] = True
    return data


FIXTURES: dict[str, tuple[callable, dt.date | None]] = {
    "default": (default_data, None),
    "uk_only": (lambda: serving("UK"), None),
    "us_ca_credit_2027": (lambda: credit_limit(serving("US-CA")), dt.date(2027, 1, 1)),
    "us_co_credit_2027": (lambda: credit_limit(serving("US-CO")), dt.date(2027, 1, 1)),
    "quebec_brazil": (lambda: serving("CA-QC", "BR"), None),
    "eu_voice_emotions": (lambda: voice_emotions(serving("EU")), None),
    "eu_credit_2027": (lambda: credit_limit(serving("EU")), dt.date(2027, 12, 2)),
    "utah_regulated": (lambda: regulated(serving("US-UT")), None),
    "eu_uk_health_data": (lambda: health_data(serving("EU", "UK")), None),
    "maine": (lambda: serving("US-ME"), None),
}


@functools.cache
def markdown_cells(name: str) -> tuple[RuleResult, tuple[Cell, ...]]:
    make, as_of = FIXTURES[name]
    profile = profile_from(make())
    rules = evaluate(profile, as_of=as_of)
    sites = render(profile, rules, project_dir=ROOT)
    pages = {docs.spec.audience: {p.path: p for p in docs.pages} for docs in (sites.public, sites.internal)}
    return rules, tuple(coverage(rules.evaluations, pages))


def unexplained(cells) -> list[str]:
    return [f"{c.requirement_id} on {c.page}" for c in missing(cells)
            if (c.requirement_id, c.page) not in ALLOWED_MISSING]


# --- Markdown level, every fixture -------------------------------------------------------

@pytest.mark.parametrize("name", FIXTURES)
def test_every_applicable_requirement_is_carried_by_its_pages(name):
    rules, cells = markdown_cells(name)
    assert rules.applicable, "the fixture should bring requirements into play"
    gaps = unexplained(cells)
    assert not gaps, "requirements missing from their pages:\n" + "\n".join(gaps)


def test_every_allowed_gap_is_still_a_gap_somewhere():
    """An allow-list entry whose clause now exists must be deleted, with its reason."""
    gaps = {(c.requirement_id, c.page) for name in FIXTURES for c in missing(markdown_cells(name)[1])}
    assert sorted(set(ALLOWED_MISSING) - gaps) == []


def test_the_check_fails_when_a_marker_is_missing():
    rules, cells = markdown_cells("default")
    make, _ = FIXTURES["default"]
    profile = profile_from(make())
    sites = render(profile, rules, project_dir=ROOT)
    pages = {docs.spec.audience: {p.path: p for p in docs.pages} for docs in (sites.public, sites.internal)}
    page = pages["public"]["privacy.md"]
    stripped = page.markdown.replace('data-req="', 'data-was="')
    pages["public"]["privacy.md"] = SimpleNamespace(markdown=stripped)
    gaps = unexplained(coverage(rules.evaluations, pages))
    assert "GDPR-13-1-a on privacy.md" in gaps


# --- the built HTML of the default profile ------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("coverage")
    (project / "content").mkdir()
    write_profile(project / "content", default_data())
    cwd = Path.cwd()
    try:
        os.chdir(project)
        result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return project / "site"


def html_pages(site: Path) -> dict[str, dict[str, SimpleNamespace]]:
    """audience → Markdown path → the built HTML (`systems/x/index.html` ↔ `systems/x.md`)."""
    pages: dict[str, dict[str, SimpleNamespace]] = {}
    for audience in ("public", "internal"):
        root = site / audience
        for html in root.rglob("index.html"):
            rel = html.relative_to(root).parent.as_posix()
            path = "index.md" if rel == "." else f"{rel}.md"
            pages.setdefault(audience, {})[path] = SimpleNamespace(markdown=html.read_text(encoding="utf-8"))
    return pages


def test_every_applicable_requirement_survives_into_the_built_html(built):
    rules, _ = markdown_cells("default")
    cells = coverage(rules.evaluations, html_pages(built))
    pages = {c.page for c in cells}
    assert {"privacy.md", "systems/chat-assistant.md", "playbooks/refund-check.md"} <= pages
    gaps = unexplained(cells)
    assert not gaps, "requirements missing from the built HTML:\n" + "\n".join(gaps)
