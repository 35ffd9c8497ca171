"""Self-contained HTML files for reviewers: the redline (`candor diff --html`) and the review
packet (`candor review`).

One file each, opened from an e-mail attachment or a shared drive: inline CSS, no scripts,
no fonts, images or links that make the browser contact anything. Templates live in
`templates/review/` (overridable like every other template) and are rendered with
autoescaping on, because here the output is HTML.
"""

from __future__ import annotations

import html
import re

import jinja2
import markdown as python_markdown
import yaml

from generator.resources import resource
from generator.textfilters import FILTERS

_ANCHOR = re.compile(r'<a\s+[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_FRAGMENT_HREF = re.compile(r'href="#([^"]+)"')


def environment(project_dir) -> jinja2.Environment:
    """Jinja for HTML: the project's `templates/review/` first, Candor's second, autoescaped."""
    loaders = []
    own = project_dir / "templates"
    if own.is_dir() and own.resolve() != resource("templates").resolve():
        loaders.append(jinja2.FileSystemLoader(str(own)))
    loaders.append(jinja2.FileSystemLoader(str(resource("templates"))))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update({"long_date": FILTERS["long_date"]})
    return env


def markdown_extensions(project_dir) -> tuple[list[str], dict[str, dict]]:
    """The `markdown_extensions` of the site's base `mkdocs.yml` (the project's own, else
    Candor's), so a document reads in the packet as it does on the site."""
    own = project_dir / "mkdocs.yml"
    path = own if own.is_file() else resource("mkdocs.yml")
    with path.open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_IgnoreTags) or {}
    names: list[str] = []
    configs: dict[str, dict] = {}
    extensions = config.get("markdown_extensions") or {}
    items = extensions.items() if isinstance(extensions, dict) else (
        (next(iter(e.items())) if isinstance(e, dict) else (e, {})) for e in extensions)
    for name, options in items:
        names.append(name)
        if isinstance(options, dict) and options:
            configs[name] = {k: v for k, v in options.items() if k != "permalink"}
    return names, configs


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` or `!ENV` tags; their values do not matter here."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def to_html(markdown: str, project_dir, *, prefix: str) -> str:
    """One document's Markdown as an HTML fragment that can sit beside others in one file:
    ids prefixed, links to the site's other pages and to the web shown as text."""
    names, configs = markdown_extensions(project_dir)
    body = python_markdown.markdown(markdown, extensions=names, extension_configs=configs)
    body = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = _FRAGMENT_HREF.sub(lambda m: f'href="#{prefix}-{m.group(1)}"', body)
    return _ANCHOR.sub(_offline_link, body)


def _offline_link(match: re.Match[str]) -> str:
    """Links inside the file stay; any other link becomes its text plus the address, printed,
    so the file never points a browser elsewhere and a paper copy keeps the address."""
    href, text = html.unescape(match.group(1)), match.group(2)
    if href.startswith("#"):
        return match.group(0)
    if not re.match(r"(?i)[a-z][a-z0-9+.-]*:|//", href):  # another page of the site
        return f'<span class="link">{text}</span>'
    shown = href.removeprefix("mailto:")
    if html.unescape(re.sub(r"<[^>]+>", "", text)).strip() == shown:
        return f'<span class="link">{text}</span>'
    return f'<span class="link">{text}</span> <span class="url">⟨{html.escape(shown)}⟩</span>'
