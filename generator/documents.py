"""The document set: what `render` produces and `site` publishes.

Plain values only, so every later stage (site, diff, review, deploy) reads the same pages
without re-running the templates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Audience = Literal["public", "internal"]


@dataclass(frozen=True)
class Page:
    """One generated Markdown page."""

    path: str
    """Path inside the site's docs folder, POSIX style, e.g. `systems/assistant.md`."""
    title: str
    """Navigation label and page title."""
    markdown: str
    """The full Markdown text, front matter excluded."""
    section: str | None = None
    """Navigation section this page is listed under; None lists it at the top level."""
    group: str | None = None
    """A sub-section of `section` (e.g. the AI systems of one kind, when there are many)."""
    doc_id: str | None = None
    """The public document this page is (`privacy`, `system:assistant` …), for versions and approvals."""
    description: str = ""
    """One-sentence summary for the page's meta description."""
    in_nav: bool = True
    """False for pages reached only by links (e.g. permanent version pages): left out of the navigation."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Extra front matter for the engine, e.g. `{"search": {"exclude": True}}`."""
    rendered: bool = True
    """False for a document `candor check` listed without rendering it (its text is not needed:
    no approval names it); such a page has no Markdown and is never published."""


@dataclass(frozen=True)
class SiteSpec:
    """What the engine needs to know about one audience's site, beyond its pages."""

    audience: Audience
    site_name: str
    site_url: str | None
    language: str
    legal_entity: str
    effective_date: dt.date
    """Drives SOURCE_DATE_EPOCH and the footer: builds never read the clock."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Extra template variables for `site_overrides/` (footer text, brand colours …)."""
    theme: dict[str, str] = field(default_factory=dict)
    """Material `theme` settings beyond name and language, e.g. `logo` and `favicon` (site paths)."""


@dataclass(frozen=True)
class DocumentSet:
    """Everything one site is built from."""

    spec: SiteSpec
    pages: tuple[Page, ...]
    assets: dict[str, bytes] = field(default_factory=dict)
    """Extra files copied verbatim into the docs folder (logo, JSON, embeds), by relative path."""
    editions: tuple[DocumentSet, ...] = ()
    """The same site in the profile's further languages, each built into the sub-folder named
    by its language code (see `editions.py`); empty for a one-language site."""

    def page(self, path: str) -> Page:
        return next(p for p in self.pages if p.path == path)
