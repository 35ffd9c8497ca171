"""`generator.editions`: the public site in every language of the profile, each under its own
path, linked page to page, and a language added by data alone (no code).

The language used here, Esperanto (`eo`), is not shipped with Candor: the test adds it to a
project the way the README tells a company to, with `templates/locales/eo.yaml` and
`templates/strings/eo.yaml`, and a pseudo-translation ("ĉ" before every English message) so a
translated sentence is easy to tell from an untranslated one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator import i18n
from generator.render import make_environment
from tests.commands.test_build import build, every_file, project_with
from tests.helpers import ROOT, default_data

PAGES = ["index.html", "privacy/index.html", "rights/index.html", "history/index.html",
         "systems/chat-assistant/index.html"]


def add_test_language(project: Path) -> None:
    """Esperanto from data alone: a catalogue of formats and messages, and a vocabulary."""
    messages = [*i18n.template_messages(make_environment(ROOT)), *i18n.python_messages()]
    catalogue = yaml.safe_load((ROOT / "templates/locales/en.yaml").read_text("utf-8"))
    catalogue.update(name="Esperanto", theme_language="eo", messages={m: "ĉ" + m for m in messages})
    catalogue["formats"]["months"] = ["januaro", "februaro", "marto", "aprilo", "majo", "junio", "julio",
                                      "aŭgusto", "septembro", "oktobro", "novembro", "decembro"]
    catalogue["formats"]["date"] = "la {day}-a de {month} {year}"
    (project / "templates/locales").mkdir(parents=True)
    (project / "templates/strings").mkdir(parents=True)
    (project / "templates/locales/eo.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), "utf-8")
    vocabulary = (ROOT / "templates/strings/en.yaml").read_text("utf-8")
    (project / "templates/strings/eo.yaml").write_text(vocabulary, "utf-8")


def bilingual(tmp_path: Path, **site) -> Path:
    data = default_data()
    data["company"]["languages"] = ["en", "eo"]
    data["site"].update(site)
    project = project_with(tmp_path, data)
    add_test_language(project)
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = bilingual(tmp_path_factory.mktemp("eo"), fallback_to_default_language=True)
    result = build(project)
    assert result.exit_code == 0, result.output
    return project / "site" / "public"


def test_each_page_exists_in_each_language_with_its_lang_attribute(built):
    for page in PAGES:
        assert '<html lang="en"' in (built / page).read_text("utf-8")
        assert '<html lang="eo"' in (built / "eo" / page).read_text("utf-8")


def test_each_page_names_the_same_page_in_every_language_in_its_head(built):
    head = (built / "eo/privacy/index.html").read_text("utf-8").split("</head>")[0]
    alternates = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', head)
    assert sorted(alternates) == sorted([
        ("https://ai.halden.example/privacy/", "en"),
        ("https://ai.halden.example/privacy/", "x-default"),
        ("https://ai.halden.example/eo/privacy/", "eo"),
    ])


def test_the_language_switcher_goes_to_the_same_page(built):
    html = (built / "systems/chat-assistant/index.html").read_text("utf-8")
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+"\s+class="md-select__link"', html))
    assert {lang: href for href, lang in links.items()} == {
        "en": "../../systems/chat-assistant/", "eo": "../../eo/systems/chat-assistant/"}
    back = (built / "eo/systems/chat-assistant/index.html").read_text("utf-8")
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+"\s+class="md-select__link"', back))
    assert {lang: href for href, lang in links.items()} == {
        "en": "../../../systems/chat-assistant/", "eo": "../../systems/chat-assistant/"}
    for href in links:
        assert (built / "eo/systems/chat-assistant" / href / "index.html").resolve().is_file(), href


def test_the_templates_text_is_the_languages_own(built):
    text = (built / "eo/privacy/index.html").read_text("utf-8")
    assert "ĉWho is responsible for your data" in text
    assert "ĉVersion" in text or "ĉversion" in text.lower()


def test_dates_are_written_in_the_languages_format(built):
    assert "la 1-a de septembro 2026" in (built / "eo/privacy/index.html").read_text("utf-8")


def test_english_profile_text_on_a_further_language_page_is_announced(built):
    html = (built / "eo/systems/chat-assistant/index.html").read_text("utf-8")
    assert "ĉSome text on this page is only available in English." in html
    assert "\u2063" not in html  # the internal fallback mark never reaches the page
    assert "ĉSome text on this page" not in (built / "systems/chat-assistant/index.html").read_text("utf-8")


def test_without_the_fallback_the_build_refuses_and_writes_nothing(tmp_path):
    project = bilingual(tmp_path)
    result = build(project)
    assert result.exit_code == 1
    assert "customer-facing texts have no translation" in result.output
    assert "eo: ai_systems[0].name" in result.output
    assert "hint: translate them in the profile, or set site.fallback_to_default_language" in result.output
    assert not (project / "site").exists()


def test_a_hand_written_page_without_its_translation_is_named_with_the_file_to_write(tmp_path):
    project = bilingual(tmp_path)
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "cookies.md").write_text("# Cookies\n\nWe set no cookies.\n", "utf-8")
    result = build(project)
    assert result.exit_code == 1
    assert "eo: content/pages/eo/cookies.md" in result.output
    assert "write each content/pages/<language>/ page listed" in result.output


def test_a_stale_translation_says_so_and_links_to_the_current_version(tmp_path):
    data = default_data()
    data["company"]["languages"] = ["en", "eo"]
    data["site"]["fallback_to_default_language"] = True
    data["documents"]["privacy"]["translations"] = {"eo": {"translated_from_version": 1}}
    project = project_with(tmp_path, data)
    add_test_language(project)
    assert build(project).exit_code == 0
    public = project / "site" / "public"
    html = (public / "eo/privacy/index.html").read_text("utf-8")
    assert "ĉA newer version exists" in html
    link = re.search(r'<a href="([^"]+)" hreflang="en">', html.split("ĉA newer version exists")[1])[1]
    assert (public / "eo/privacy" / link / "index.html").resolve() == (public / "privacy/index.html").resolve()
    assert "ĉA newer version exists" not in (public / "eo/rights/index.html").read_text("utf-8")


def test_the_second_build_is_byte_identical(built, tmp_path):
    project = bilingual(tmp_path, fallback_to_default_language=True)
    assert build(project).exit_code == 0
    assert every_file(project / "site" / "public") == every_file(built)


def test_hand_written_pages_are_taken_per_language_and_announced_where_missing(tmp_path):
    project = bilingual(tmp_path, fallback_to_default_language=True)
    pages = project / "content" / "pages"
    (pages / "eo").mkdir(parents=True)
    (pages / "accessibility.md").write_text("# Accessibility\n\nWe test with screen readers.\n", "utf-8")
    (pages / "cookies.md").write_text("# Cookies\n\nWe set no cookies.\n", "utf-8")
    (pages / "eo" / "accessibility.md").write_text("# Alirebleco\n\nNi testas per ekranlegiloj.\n", "utf-8")
    result = build(project)
    assert result.exit_code == 0, result.output
    public = project / "site" / "public"
    own = (public / "eo/pages/accessibility/index.html").read_text("utf-8")
    assert "Ni testas per ekranlegiloj." in own and "ĉSome text on this page" not in own
    fallback = (public / "eo/pages/cookies/index.html").read_text("utf-8")
    assert "We set no cookies." in fallback and "ĉSome text on this page is only available in English." in fallback


# -- the shipped languages, on the default profile ------------------------------------------


@pytest.fixture(scope="module")
def default_editions() -> dict[str, list]:
    from generator.commands.pipeline import generate

    _, sites = generate(ROOT / "content" / "profile.yaml", project_dir=ROOT)
    return {docs.spec.extra["candor_language"]: list(docs.pages) for docs in sites.public.editions}


def english_texts() -> set[str]:
    """Pieces of English that only an untranslated string would put on a page: the template
    messages' literal parts and the vocabulary's phrases, three words or more."""
    messages = [*i18n.template_messages(make_environment(ROOT)), *i18n.python_messages()]

    def values(tree):
        if isinstance(tree, dict):
            for value in tree.values():
                yield from values(value)
        elif isinstance(tree, str):
            yield tree
    vocabulary = [v for v in values(i18n.load_strings("en", ROOT)) if len(v.split()) >= 3 and "{" not in v]
    return set(i18n.english_fragments(messages)) | set(vocabulary)


PROPER_NAMES = {"California Consumer Privacy Act", "Do Not Sell or Share My Personal Information",
                "Information Commissioner's Office"}
"""English that stays English in every language: names of laws, offices and legally prescribed titles."""


@pytest.mark.parametrize("code", ["de", "fr"])
def test_no_english_sentence_remains_on_a_german_or_french_page(default_editions, code):
    english = english_texts() - PROPER_NAMES
    left = sorted({(page.path, text) for page in default_editions[code] for text in english if text in page.markdown})
    assert left == []


@pytest.mark.parametrize("code", ["de", "fr"])
def test_every_page_of_the_default_profile_exists_in_german_and_french(default_editions, code):
    from generator.commands.pipeline import generate

    _, sites = generate(ROOT / "content" / "profile.yaml", project_dir=ROOT)
    assert [p.path for p in default_editions[code]] == [p.path for p in sites.public.pages]
    assert not [p.path for p in default_editions[code] if "\u2063" in p.markdown]


def test_article_numbers_are_cited_in_each_languages_style_whichever_language_compiled_first(default_editions):
    """The editions share compiled templates: a citation must not keep the style of the
    language that happened to compile them (English renders first here)."""
    rights = {page.path: page.markdown for page in default_editions["de"]}["rights.md"]
    assert "(Art. 22 Abs. 3 DSGVO; Art. 22C UK-DSGVO)" in rights and "22(3) DSGVO" not in rights
