"""Pages a company writes itself in `content/pages/*.md`, added to the public site.

They may use a small, documented set of profile facts as `{{ variables }}` (listed in
`page_variables`). They are rendered in Jinja's sandbox with only those variables, so a page
can neither reach the rest of the profile (internal fields included) nor run code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.documents import Page
from generator.errors import CandorError, read_utf8
from generator.jinja_errors import error_line
from generator.textfilters import long_date

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.md$")


def page_variables(profile: Any) -> dict[str, Any]:
    """The variables a hand-written page may use (documented in the README)."""
    company = profile.company
    return {
        "brand_name": company.brand_name,
        "legal_name": company.legal_name,
        "website": company.website,
        "email": company.email,
        "privacy_email": company.privacy_contact.email or "",
        "effective_date": long_date(profile.effective_date),
        "systems": [{"id": s.id, "name": s.name, "url": f"systems/{s.id}.md"} for s in profile.ai_systems],
    }


def render_custom_pages(folder: Path, profile: Any, section: str) -> list[Page]:
    if not folder.is_dir():
        return []
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    variables = page_variables(profile)
    pages = []
    for path in sorted(folder.glob("*.md")):
        if not _NAME.match(path.name):
            raise CandorError(f"{path}: page file names must be lowercase letters, digits and hyphens ending in .md",
                              hint="rename the file, e.g. accessibility.md")
        text = read_utf8(path)
        try:
            markdown = env.from_string(text).render(variables)
        except jinja2.TemplateError as error:
            line = error_line(error)
            raise CandorError(f"{path}:{line or 1}: {error}",
                              hint=f"pages may use only: {', '.join(sorted(variables))}") from error
        heading = _HEADING.search(markdown)
        title = heading[1] if heading else path.stem.replace("-", " ").capitalize()
        pages.append(Page(path=f"pages/{path.name}", title=title, markdown=markdown, section=section))
    return pages
