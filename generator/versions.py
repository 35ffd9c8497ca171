"""Permanent version pages: each published version of a public document at its own URL.

`privacy.md` (always the newest text, at `/privacy/`) gets `privacy/v3.md` (`/privacy/v3/`)
beside it, and every earlier version that can be recovered (see
`published.py`) gets `privacy/v2.md`, `privacy/v1.md` … A complaint or a consent
record can then cite the exact text a customer saw.

A version page is the document's own generated Markdown with a notice under its title (the
current version, or superseded with a link to the current one) and its relative links
rewritten for its deeper folder. Version pages stay out of the navigation and the site
search (they repeat the current text, and a search hit on superseded wording would mislead
a customer) and carry `noindex` for search engines; the change history links to each one.
Pure functions: no disk, no git.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from collections.abc import Callable, Mapping
from typing import Any

from generator.documents import Page
from generator.textfilters import long_date, md

VERSION_META = {"search": {"exclude": True}, "candor_noindex": True}
"""Front matter of every version page: out of the site search, `noindex` for crawlers."""

_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\((<[^>\n]*>|[^)\s]+)\)")
"""A Markdown link; an image when a `!` comes right before it (not in the pattern: an optional
first character makes the regex try every position of the page, seven times slower)."""
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")


def version_path(page_path: str, version: int) -> str:
    """`privacy.md` → `privacy/v3.md`; `systems/chat.md` → `systems/chat/v3.md`; `index.md` → `overview/v3.md`."""
    stem = "overview" if page_path == "index.md" else page_path.removesuffix(".md")
    return f"{stem}/v{version}.md"


def version_page(page: Page, version: int, *, current: Page, current_version: int,
                 period: tuple[dt.date | None, dt.date | None], strings: Mapping[str, Any],
                 site_paths: frozenset[str], date_format: Callable[[dt.date], str] = long_date) -> Page:
    """The permanent page of one version of `current`'s document; `page` holds that version's text.
    `date_format` writes the dates in the page's language."""
    path = version_path(current.path, version)
    superseded = version < current_version
    link = posixpath.relpath(current.path, posixpath.dirname(path))
    t = strings["versions"]
    since, until = (date_format(d) if d else None for d in period)
    if superseded:
        body = t["superseded"].format(version=version, title=md(current.title), since=since or "?",
                                      until=until or "?", link=link, current=current_version)
        notice = f'!!! warning "{t["superseded_title"]}"\n\n    {body}\n'
    else:
        body = t["current"].format(version=version, title=md(current.title), link=link)
        notice = f'!!! info "{t["current_title"]}"\n\n    {body}\n'
    markdown = _with_notice(_relinked(page.markdown, page.path, path, site_paths, keep_fragments=not superseded),
                            notice)
    return Page(path=path, title=t["page_title"].format(title=current.title, version=version),
                markdown=markdown, section=current.section, doc_id=None,
                description=current.description, in_nav=False, meta=_meta(period[0]))


def _meta(since: dt.date | None) -> dict[str, Any]:
    """VERSION_META, plus the date the version took effect for the page's footer."""
    return {**VERSION_META, "candor_effective_date": since.isoformat()} if since else dict(VERSION_META)


def _with_notice(markdown: str, notice: str) -> str:
    """The notice right under the page's first `# ` heading (or at the top without one)."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: index + 1], "", notice.rstrip("\n"), *lines[index + 1:]])
    return f"{notice}\n{markdown}"


def _relinked(markdown: str, old_path: str, new_path: str, site_paths: frozenset[str], *,
              keep_fragments: bool) -> str:
    """Relative links made to work from `new_path`; links to pages the site no longer has
    become plain text, and (for superseded text) fragments into other pages are dropped,
    since the headings they pointed at may be gone."""
    old_dir, new_dir = posixpath.dirname(old_path), posixpath.dirname(new_path)

    def fix(match: re.Match[str]) -> str:
        text, raw = match.groups()
        target = raw[1:-1] if raw.startswith("<") else raw
        if _EXTERNAL.match(target):
            return match.group(0)
        moved = _moved(target, old_dir, new_dir, site_paths, keep_fragments)
        if moved is None:
            image = match.start() and markdown[match.start() - 1] == "!"
            return match.group(0) if image else text
        return f"[{text}](<{moved}>)"

    return _LINK.sub(fix, markdown)


@functools.lru_cache(maxsize=1 << 14)
def _moved(target: str, old_dir: str, new_dir: str, site_paths: frozenset[str], keep_fragments: bool) -> str | None:
    """A relative link target as seen from `new_dir`, or None for a page the site no longer
    has. Remembered: the version pages of a large site repeat the same few links thousands
    of times, and working out a relative path is slow."""
    page, _, fragment = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(old_dir, page))
    if resolved not in site_paths:
        return None
    moved = posixpath.relpath(resolved, new_dir or ".")
    return f"{moved}#{fragment}" if fragment and keep_fragments else moved


def periods(history: list[Any]) -> dict[int, tuple[dt.date | None, dt.date | None]]:
    """Version → (in force from, replaced on), from a document's change records."""
    ordered = sorted(history, key=lambda change: change.version)
    spans: dict[int, tuple[dt.date | None, dt.date | None]] = {}
    for index, change in enumerate(ordered):
        after = ordered[index + 1].date if index + 1 < len(ordered) else None
        spans[change.version] = (change.date, after)
    return spans
