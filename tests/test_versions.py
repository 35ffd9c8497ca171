"""Permanent version pages: paths, notices and links that still work one folder deeper."""

import datetime as dt

from generator.documents import Page
from generator.profile import Change
from generator.i18n import load_strings
from generator.versions import periods, version_page, version_path

SITE = frozenset({"index.md", "privacy.md", "rights.md", "history.md", "systems/chat.md"})


def page(markdown: str, path: str = "privacy.md") -> Page:
    return Page(path=path, title="AI privacy notice", markdown=markdown, doc_id="privacy")


def test_each_document_version_has_a_permanent_path():
    assert version_path("privacy.md", 3) == "privacy/v3.md"
    assert version_path("systems/chat.md", 2) == "systems/chat/v2.md"
    assert version_path("index.md", 1) == "overview/v1.md"


def test_a_superseded_version_says_so_under_its_title_and_links_to_the_current_one():
    old = page("# AI privacy notice\n\nWe keep chats [as listed](rights.md#keep) for 30 days.\n")
    made = version_page(old, 2, current=page("# AI privacy notice\n"), current_version=3,
                        period=(dt.date(2026, 3, 1), dt.date(2026, 9, 1)), strings=load_strings("en"),
                        site_paths=SITE)
    assert made.path == "privacy/v2.md" and made.title == "AI privacy notice (version 2)"
    assert made.markdown.startswith('# AI privacy notice\n\n!!! warning "This version has been replaced"')
    assert "in force from 1 March 2026 until 1 September 2026" in made.markdown
    assert "[read the current version (version 3)](<../privacy.md>)" in made.markdown
    # Fragments into other pages are dropped: the heading may no longer exist there.
    assert "[as listed](<../rights.md>)" in made.markdown
    assert not made.in_nav and made.meta["search"] == {"exclude": True} and made.meta["candor_noindex"]
    assert made.doc_id is None


def test_links_to_pages_the_site_no_longer_has_become_plain_text():
    old = page("# AI privacy notice\n\nSee [the old bot](systems/retired.md), [us](https://example.com) "
               "and [below](#rights).\n")
    made = version_page(old, 1, current=old, current_version=2, period=(None, None),
                        strings=load_strings("en"), site_paths=SITE)
    assert "See the old bot, [us](https://example.com) and [below](#rights)." in made.markdown


def test_a_system_page_version_links_back_up_two_folders():
    current = page("# Chat\n\n[Privacy](../privacy.md#chat)\n", path="systems/chat.md")
    made = version_page(current, 4, current=current, current_version=4, period=(dt.date(2026, 9, 1), None),
                        strings=load_strings("en"), site_paths=SITE)
    assert made.path == "systems/chat/v4.md"
    assert "[Privacy](<../../privacy.md#chat>)" in made.markdown  # the current version keeps fragments
    assert "[The current page](<../chat.md>)" in made.markdown
    assert made.meta["candor_effective_date"] == "2026-09-01"


def test_each_version_is_in_force_until_the_next_one():
    history = [Change(version=2, date=dt.date(2026, 3, 1), summary="b"),
               Change(version=1, date=dt.date(2025, 6, 1), summary="a")]
    assert periods(history) == {1: (dt.date(2025, 6, 1), dt.date(2026, 3, 1)), 2: (dt.date(2026, 3, 1), None)}


def test_an_image_keeps_its_mark_whether_its_target_moves_or_is_gone():
    old = page("# AI privacy notice\n\n![Our chat](systems/chat.md) and ![A retired bot](systems/retired.md), "
               "then [a link](rights.md)!\n")
    made = version_page(old, 1, current=old, current_version=2, period=(None, None),
                        strings=load_strings("en"), site_paths=SITE)
    assert ("![Our chat](<../systems/chat.md>) and ![A retired bot](systems/retired.md), "
            "then [a link](<../rights.md>)!") in made.markdown
