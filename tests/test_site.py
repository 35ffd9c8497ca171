"""`generator.site`: document sets become real Material for MkDocs sites.

Every test here runs the real engine. Builds that several tests only read are shared
through module-scoped fixtures; tests that rebuild or break a site make their own.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import shutil
from pathlib import Path

import pytest

from generator.documents import DocumentSet, Page, SiteSpec
from generator.errors import BuildError
from generator.site import build_site, find_third_party_references

EFFECTIVE = dt.date(2026, 3, 1)

PAGES = (
    Page(
        "index.md",
        "How we use AI",
        "# How we use AI\n\nSee [the assistant](systems/assistant.md).\n",
        description="How Acme uses AI in customer service.",
    ),
    Page(
        "systems/assistant.md",
        "Chat assistant",
        "# Chat assistant\n\nIt answers questions.\n",
        section="AI systems",
    ),
    Page(
        "rights.md",
        "Your rights & choices",
        "# Your rights\n\nAsk for a human.\n",
        section="Your rights",
    ),
)


def spec(audience: str) -> SiteSpec:
    return SiteSpec(
        audience=audience,  # type: ignore[arg-type]
        site_name="Acme Care",
        site_url="https://care.acme.example/" if audience == "public" else None,
        language="en",
        legal_entity="Acme Widgets GmbH",
        effective_date=EFFECTIVE,
    )


def build(tmp: Path, docs: DocumentSet) -> Path:
    """Build into `tmp/site`; `tmp/build` is the build folder, `tmp/project` the project."""
    build_site(docs, tmp / "site", project_dir=tmp / "project", build_root=tmp / "build")
    return tmp / "site"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def html(site: Path, page: str) -> str:
    return (site / page).read_text("utf-8")


@pytest.fixture(scope="module")
def public_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("public"), DocumentSet(spec("public"), PAGES))


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("internal"), DocumentSet(spec("internal"), PAGES))


# -- What a built site contains ------------------------------------------------------------


def test_every_page_is_built(public_site):
    for page in ("index.html", "systems/assistant/index.html", "rights/index.html", "404.html"):
        assert (public_site / page).is_file(), page


def test_navigation_groups_pages_under_their_sections(public_site):
    page = html(public_site, "index.html")
    assert page.count("md-nav__item--section") == 2
    assert page.index("AI systems") < page.index("Your rights")


def test_grouped_pages_form_a_sub_section_that_other_pages_list_collapsed(tmp_path):
    """A group inside a section (the AI systems of one kind, when there are many) is a nested
    section; with navigation.prune, a page elsewhere carries only the group's first link, so
    a site with hundreds of systems does not print them all into every page."""
    chats = [Page(f"systems/chat-{n}.md", f"Chat {n}", f"# Chat {n}\n", section="AI systems", group="Chat & co")
             for n in range(1, 4)]
    voice = Page("systems/voice.md", "Voice", "# Voice\n", section="AI systems", group="Voice")
    home = Page("index.md", "Home", "# Home\n")
    site = build(tmp_path, DocumentSet(spec("public"), (home, *chats, voice)))

    inside = html(site, "systems/chat-2/index.html")
    assert "Chat &amp; co" in inside and "Voice" in inside
    assert all(f"Chat {n}" in inside for n in range(1, 4))
    elsewhere = html(site, "index.html")
    assert "Chat &amp; co" in elsewhere and "Voice" in elsewhere
    assert "Chat 2" not in elsewhere and "Chat 3" not in elsewhere


def test_titles_and_descriptions_are_escaped_for_html(public_site):
    assert "<title>Your rights &amp; choices - Acme Care</title>" in html(
        public_site, "rights/index.html"
    )
    assert '<meta name="description" content="How Acme uses AI in customer service.">' in html(
        public_site, "index.html"
    )


@pytest.mark.parametrize("site", ["public_site", "internal_site"])
def test_footer_names_the_legal_entity_and_the_effective_date(site, request):
    page = html(request.getfixturevalue(site), "systems/assistant/index.html")
    assert "© Acme Widgets GmbH" in page
    assert '<time datetime="2026-03-01">2026-03-01</time>' in page


def test_candor_stylesheet_is_published_and_linked(public_site):
    assert (public_site / "stylesheets/candor.css").is_file()
    assert 'href="stylesheets/candor.css"' in html(public_site, "index.html")


def test_internal_pages_are_marked_noindex_and_staff_only(internal_site):
    for page in ("index.html", "rights/index.html", "404.html"):
        text = html(internal_site, page)
        assert '<meta name="robots" content="noindex, nofollow">' in text, page
        assert "Internal — for staff only. Do not share outside the company." in text, page


def test_public_pages_carry_neither_noindex_nor_banner(public_site):
    text = html(public_site, "index.html")
    assert 'name="robots"' not in text
    assert "md-banner" not in text
    assert "for staff only" not in text


def test_internal_robots_txt_disallows_everything(internal_site):
    assert (internal_site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


def test_public_robots_txt_allows_crawlers_and_points_at_the_sitemap(public_site):
    assert (public_site / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://care.acme.example/sitemap.xml\n"
    )


def test_sitemap_is_dated_from_the_effective_date(public_site):
    assert "<lastmod>2026-03-01</lastmod>" in (public_site / "sitemap.xml").read_text()
    with gzip.open(public_site / "sitemap.xml.gz") as gz:
        assert gz.read() == (public_site / "sitemap.xml").read_bytes()
    header_mtime = int.from_bytes((public_site / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert header_mtime == int(dt.datetime(2026, 3, 1, tzinfo=dt.UTC).timestamp())


# -- How a build behaves -------------------------------------------------------------------


def test_two_builds_of_the_same_documents_are_byte_identical(public_site, tmp_path):
    again = build(tmp_path, DocumentSet(spec("public"), PAGES))
    assert snapshot(again) == snapshot(public_site)


def test_a_good_build_is_silent_and_restores_the_environment(tmp_path, capfd, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "12345")
    build(tmp_path, DocumentSet(spec("internal"), PAGES[1:]))
    assert os.environ["SOURCE_DATE_EPOCH"] == "12345"
    assert capfd.readouterr() == ("", "")


def test_a_broken_link_fails_the_build_and_leaves_the_previous_site_untouched(tmp_path):
    site = build(tmp_path, DocumentSet(spec("public"), PAGES))
    before = snapshot(site)
    broken = (*PAGES, Page("oops.md", "Oops", "# Oops\n\nSee [x](missing.md).\n"))

    with pytest.raises(BuildError) as failure:
        build(tmp_path, DocumentSet(spec("public"), broken))

    assert "The public site did not build" in failure.value.message
    assert "Doc file 'oops.md' contains a link 'missing.md'" in failure.value.message
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "site"]


def test_a_removed_page_disappears_on_rebuild(tmp_path):
    site = build(tmp_path, DocumentSet(spec("public"), PAGES))
    assert (site / "rights/index.html").exists()

    build(tmp_path, DocumentSet(spec("public"), PAGES[:2]))

    assert not (site / "rights").exists()
    assert not (tmp_path / "build/public/docs/rights.md").exists()
    assert "Your rights" not in (site / "search/search_index.json").read_text()


def test_a_projects_own_override_replaces_the_packaged_one(tmp_path):
    partial = tmp_path / "project/site_overrides/partials/copyright.html"
    partial.parent.mkdir(parents=True)
    partial.write_text(
        '<div class="md-copyright">Custom footer for {{ config.extra.candor_legal_entity }}</div>\n'
    )

    site = build(tmp_path, DocumentSet(spec("internal"), PAGES))

    page = html(site, "index.html")
    assert "Custom footer for Acme Widgets GmbH" in page
    assert "candor-effective-date" not in page
    assert "for staff only" in page  # the packaged main.html still applies


def test_a_projects_own_mkdocs_yml_is_the_base_both_builds_inherit(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text(
        "site_name: placeholder\ntheme:\n  name: material\n  font: false\n"
        'copyright: "Copyright Acme"\nextra_css: [brand.css]\n'
    )
    docs = DocumentSet(spec("public"), PAGES, assets={"brand.css": b"body { margin: 0; }\n"})

    page = html(build(tmp_path, docs), "index.html")

    assert "Copyright Acme" in page
    assert page.index('href="brand.css"') < page.index('href="stylesheets/candor.css"')


def test_a_broken_override_template_is_a_build_error(tmp_path):
    partial = tmp_path / "project/site_overrides/partials/copyright.html"
    partial.parent.mkdir(parents=True)
    partial.write_text("{% if %}\n")

    with pytest.raises(BuildError, match="The internal site did not build"):
        build(tmp_path, DocumentSet(spec("internal"), PAGES))
    assert not (tmp_path / "site").exists()


def test_page_paths_must_stay_inside_the_site(tmp_path):
    with pytest.raises(BuildError, match="must stay in the site"):
        build(
            tmp_path, DocumentSet(spec("public"), (Page("../escape.md", "Escape", "# Escape\n"),))
        )


# -- Third-party references ----------------------------------------------------------------


def test_a_built_site_requests_nothing_from_another_host(public_site):
    assert find_third_party_references(public_site, {"care.acme.example"}) == []


def test_injected_third_party_requests_are_found(public_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(public_site, site)
    page = site / "index.html"
    page.write_text(
        page.read_text().replace(
            "</head>",
            '<script src="https://cdn.example.com/x.js"></script>'
            '<link rel="preconnect" href="//fonts.example.net">'
            '<link rel="canonical" href="https://elsewhere.example/">'
            '<a href="https://links.example.org/">a link is not a request</a></head>',
        )
    )
    (site / "stylesheets/candor.css").write_text(
        "@font-face { src: url(https://fonts.example.com/a.woff); }\n"
        '@import "https://css.example.com/b.css";\n'
        '.x { background: url("data:image/svg+xml,'
        "<svg xmlns='http://www.w3.org/2000/svg'/>\"); }\n"
    )

    assert find_third_party_references(site, {"care.acme.example"}) == [
        "index.html: //fonts.example.net",
        "index.html: https://cdn.example.com/x.js",
        "stylesheets/candor.css: https://css.example.com/b.css",
        "stylesheets/candor.css: https://fonts.example.com/a.woff",
    ]
