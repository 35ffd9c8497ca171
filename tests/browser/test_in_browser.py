"""Every public page, read in a real browser (headless Debian Chromium) as a reader would.

For each shipped profile (the default and every starter) and every page of its public
site: axe-core finds no serious or critical WCAG 2.x A/AA violation in the light or the
dark palette; the keyboard alone reaches "How to reach a person"; the page has a skip
link, exactly one h1 and headings in order; at 320 CSS pixels wide nothing scrolls
sideways. Failures are collected across pages, so one run names every broken page.

404.html is left out: Material writes it, it has no content for a skip link to skip to,
and no reader arrives on it by following the site's own links. The HTML validity and link
checks (`test_built_html.py`) do cover it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import i18n
from tests.browser.sites import PROFILES, Site
from tests.helpers import ROOT

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING = {"serious", "critical"}
MAX_TABS = 12
"""Tab presses allowed before "How to reach a person" must have had the focus."""

pytestmark = pytest.mark.parametrize("profile", sorted(PROFILES))


def content_pages(site: Site) -> list[str]:
    # embed/*.html are the chat-widget notices: fragments shown inside a company's chat
    # window, not pages a reader navigates (tests/test_machine.py checks their markup and contrast).
    return [p for p in site.pages() if not p.endswith("404.html") and not p.startswith("embed/")]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_in_either_palette(browser, served, axe, profile, scheme):
    site = served(profile)
    material_scheme = {"light": "default", "dark": "slate"}[scheme]
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = []
    try:
        for path in content_pages(site):
            page.goto(site.url + path)
            # Material picks the palette from the reader's colour preference.
            assert page.get_attribute("body", "data-md-color-scheme") == material_scheme, path
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                            "resultTypes": ["violations"]})
            for violation in result.response["violations"]:
                if violation["impact"] in BLOCKING:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(f"/{path} [{scheme}] {violation['id']} ({violation['impact']}): "
                                    f"{violation['help']} at {targets}")
    finally:
        context.close()
    assert problems == []


def test_the_keyboard_reaches_a_person_from_every_page(browser, served, profile):
    """Tab from the top of the page: the skip link comes first, then "How to reach a person"
    (a link to the rights page's #reach-a-person section) within a few presses."""
    site = served(profile)
    page = browser.new_page()
    problems = []
    try:
        for path in content_pages(site):
            page.goto(site.url + path)
            language = _language_of(path)
            stops = []
            for _ in range(MAX_TABS):
                page.keyboard.press("Tab")
                stops.append(page.evaluate(_FOCUSED))
                if _is_reach_a_person(stops[-1], language):
                    break
            if not stops or "md-skip" not in stops[0]["class"] or stops[0]["text"] != SKIP_TEXT[language]:
                problems.append(f"/{path}: the first Tab stop is not the skip link: {stops[:1]}")
            if not _is_reach_a_person(stops[-1], language):
                problems.append(f"/{path}: no 'reach a person' link in the first {MAX_TABS} Tab stops: "
                                f"{[s['text'] or s['href'] for s in stops]}")
            elif page.wait_for_timeout(400) or not page.evaluate(_FOCUSED)["visible"]:  # after its fade-in
                problems.append(f"/{path}: the focused 'reach a person' link is not visible")
    finally:
        page.close()
    assert problems == []


_FOCUSED = """() => {
  const e = document.activeElement;
  const box = e.getBoundingClientRect();
  const style = getComputedStyle(e);
  return {tag: e.tagName, href: e.href || "", text: (e.textContent || "").trim(),
          class: e.className || "",
          visible: box.width > 0 && box.height > 0 && style.opacity !== "0" && style.visibility !== "hidden"};
}"""


SKIP_TEXT = {"en": "Skip to content", "de": "Zum Inhalt", "fr": "Aller au contenu"}
"""Material's own skip link, in the page's language (`theme.language`)."""


def _language_of(path: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in SKIP_TEXT and "/" in path else "en"


def _is_reach_a_person(stop: dict, language: str = "en") -> bool:
    label = i18n.load_catalogue(language, ROOT).gettext("How to reach a person")
    return stop["tag"] == "A" and stop["href"].endswith("/rights/#reach-a-person") and stop["text"] == label


def test_every_page_has_a_skip_link_one_h1_and_ordered_headings(browser, served, profile):
    site = served(profile)
    page = browser.new_page()
    problems = []
    try:
        for path in content_pages(site):
            page.goto(site.url + path)
            skip = page.evaluate("""() => {
              const a = document.querySelector("a.md-skip");
              return a ? {href: a.getAttribute("href"), target: !!document.getElementById(
                decodeURIComponent(a.hash.slice(1)))} : null; }""")
            if not skip or not skip["target"]:
                problems.append(f"/{path}: no skip link to the content ({skip})")
            levels = page.evaluate(
                "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
            if levels.count(1) != 1 or levels[:1] != [1]:
                problems.append(f"/{path}: expected one h1, first; heading levels are {levels}")
            jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
            if jumps:
                problems.append(f"/{path}: heading levels skip ({jumps[0][0]} → {jumps[0][1]})")
    finally:
        page.close()
    assert problems == []


def test_every_page_fits_a_320_pixel_screen(browser, served, profile, tmp_path):
    """WCAG 1.4.10 Reflow: at 320 CSS pixels nothing scrolls sideways. A screenshot of each
    page is kept in the test's temporary folder for a person to look at."""
    site = served(profile)
    page = browser.new_page(viewport={"width": 320, "height": 640})
    problems = []
    try:
        for path in content_pages(site):
            page.goto(site.url + path)
            width, inner = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
            if width > inner:
                problems.append(f"/{path}: {width} px wide in a {inner} px window")
            name = (path.strip("/").replace("/", "-") or "index") + ".png"
            page.screenshot(path=str(tmp_path / name), full_page=True)
    finally:
        page.close()
    assert problems == []
    assert sorted(p.name for p in Path(tmp_path).glob("*.png"))
