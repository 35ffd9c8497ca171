"""`generator.i18n`: the shipped languages are complete, keep every placeholder and link, and
write dates, durations and punctuation the way each language does."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator import i18n
from generator.durations import Duration
from generator.errors import CandorError
from generator.render import make_environment
from tests.helpers import ROOT

SHIPPED = ["de", "fr"]


def template_messages() -> list[str]:
    return [*i18n.template_messages(make_environment(ROOT)), *i18n.python_messages()]


def flat(value) -> list[str]:
    return [value] if isinstance(value, str) else [value["one"], value["other"]]


def keys(tree, prefix="") -> set[str]:
    if not isinstance(tree, dict):
        return {prefix}
    return {k for key, value in tree.items() for k in keys(value, f"{prefix}.{key}")}


def test_english_is_the_templates_own_language_and_needs_no_messages():
    assert i18n.available_languages(ROOT) == ["de", "en", "fr"]
    assert i18n.load_catalogue("en", ROOT).messages == {}


@pytest.mark.parametrize("code", SHIPPED)
def test_every_template_text_has_a_translation_and_none_is_left_over(code):
    messages = set(template_messages())
    translated = set(i18n.load_catalogue(code, ROOT).messages)
    assert sorted(messages - translated) == []
    assert sorted(translated - messages) == []


@pytest.mark.parametrize("code", SHIPPED)
def test_a_translation_keeps_every_placeholder_link_target_and_emphasis(code):
    wrong = []
    for message, translation in i18n.load_catalogue(code, ROOT).messages.items():
        for text in flat(translation):
            for pattern in (r"%\([a-z_0-9]+\)s", r"\]\((?:<[^>]*>|[^)]*)\)"):
                if sorted(re.findall(pattern, message)) != sorted(re.findall(pattern, text)):
                    wrong.append((message, text))
            if message.count("**") != text.count("**"):
                wrong.append((message, text))
    assert wrong == []


@pytest.mark.parametrize("code", SHIPPED)
def test_the_vocabulary_has_exactly_the_english_keys(code):
    assert keys(i18n.load_strings(code, ROOT)) == keys(i18n.load_strings("en", ROOT))


@pytest.mark.parametrize(("code", "date", "expected"), [
    ("en", dt.date(2027, 3, 1), "1 March 2027"),
    ("de", dt.date(2027, 3, 1), "1. März 2027"),
    ("fr", dt.date(2027, 3, 1), "1er mars 2027"),
    ("fr", dt.date(2026, 9, 15), "15 septembre 2026"),
])
def test_dates(code, date, expected):
    assert i18n.load_catalogue(code, ROOT).long_date(date) == expected


@pytest.mark.parametrize(("code", "text", "form", "expected"), [
    ("en", "30 days", "plain", "30 days"),
    ("en", "1 business day", "within", "1 business day"),
    ("de", "30 days", "plain", "30 Tage"),
    ("de", "3 days", "within", "3 Tagen"),
    ("de", "1 year", "plain", "1 Jahr"),
    ("fr", "30 days", "plain", "30 jours"),
    ("fr", "2 business days", "plain", "2 jours ouvrables"),
    ("fr", "1 month", "plain", "1 mois"),
])
def test_durations(code, text, form, expected):
    assert i18n.load_catalogue(code, ROOT).period(Duration.parse(text), form) == expected


@pytest.mark.parametrize(("code", "text", "expected"), [
    ("en", "1 week", "every week"),
    ("de", "1 week", "jede Woche"),
    ("de", "3 months", "alle 3 Monate"),
    ("fr", "1 week", "chaque semaine"),
    ("fr", "3 months", "tous les 3 mois"),
])
def test_repetitions(code, text, expected):
    env = make_environment(ROOT, code)
    assert env.filters["every"](Duration.parse(text)) == expected


def test_a_duration_counted_from_an_event_uses_the_profiles_words_in_each_language():
    env = make_environment(ROOT, "de", default="en")
    retention = Duration(90, "day", "after the chat ends", (("de", "90 Tage nach Ende des Chats"),))
    assert env.filters["duration"](retention) == "90 Tage nach Ende des Chats"
    assert make_environment(ROOT, "en").filters["duration"](retention) == "90 days after the chat ends"


def test_lists_are_joined_with_the_languages_own_word():
    assert i18n.load_catalogue("de", ROOT).join(["a", "b", "c"]) == "a, b und c"
    assert i18n.load_catalogue("fr", ROOT).join(["a", "b"], "or") == "a ou b"


def test_french_punctuation_gets_its_narrow_no_break_space_but_links_do_not():
    french = i18n.load_catalogue("fr", ROOT)
    assert french.typeset("Remarque: voir [ici](<https://exemple.fr/a:b>)?") == (
        "Remarque\u202f: voir [ici](<https://exemple.fr/a:b>)\u202f?")
    assert french.typeset("A &gt; B &amp; C &#39; D") == "A &gt; B &amp; C &#39; D"  # HTML entities stay whole
    long_page = "Texte. " * 5000 + "A &gt; B &CounterClockwiseContourIntegral; C"  # the longest entity name
    assert french.typeset(long_page) == long_page
    assert i18n.load_catalogue("de", ROOT).typeset("Hinweis: x") == "Hinweis: x"


def spaced_as_written(text: str, space: str) -> str:
    """French spacing as the rule reads: a narrow no-break space between a word's last
    character (a letter, a digit, `_`, `)`, `»` or `*`) and a `;`, `:`, `!` or `?` that ends a
    word, except the `;` that ends an HTML entity."""
    def spaced(match: re.Match[str]) -> str:
        if match[2] == ";" and re.search(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+)$", text[:match.end(1)]):
            return match[0]
        return match[1] + space + match[2]
    return re.sub(r"([\w)»*])([;:!?])(?=\s|$)", spaced, text, flags=re.M)


@settings(max_examples=400)
@example("Note: a); b; c»! d*: e_? 9; x&gt; y&#39;\nfin:")
@given(st.lists(st.sampled_from([*"ab9_)»*&#x.é", *";:!?", *" \n\t", "&gt;", "&#39;", "&#x2F;"]),
                max_size=40).map("".join))
def test_french_spacing_follows_the_rule_on_any_text(text):
    french = i18n.load_catalogue("fr", ROOT)
    assert french.typeset(text) == spaced_as_written(text, french.space_before)


def test_a_missing_translation_names_the_text_and_where_to_add_it(tmp_path):
    catalogue = (ROOT / "templates/locales/de.yaml").read_text("utf-8")
    (tmp_path / "templates/locales").mkdir(parents=True)
    (tmp_path / "templates/locales/de.yaml").write_text(re.sub(r"(?s)\nmessages:.*", "\nmessages: {}\n", catalogue))
    with pytest.raises(i18n.MissingTranslation) as caught:
        i18n.load_catalogue("de", tmp_path).gettext("Your rights")
    assert "'Your rights' has no translation in" in caught.value.message
    assert "messages:" in caught.value.hint


def test_an_unknown_language_lists_the_known_ones():
    with pytest.raises(CandorError) as caught:
        i18n.load_catalogue("pt", ROOT)
    assert "available: de, en, fr" in caught.value.hint


def test_an_incomplete_catalogue_says_what_is_missing(tmp_path):
    (tmp_path / "templates/locales").mkdir(parents=True)
    (tmp_path / "templates/locales/pt.yaml").write_text("name: Português\nformats: {months: [janeiro]}\n")
    with pytest.raises(CandorError) as caught:
        i18n.load_catalogue("pt", tmp_path)
    assert "incomplete language catalogue" in caught.value.message


def test_the_project_can_replace_a_shipped_language(tmp_path: Path):
    (tmp_path / "templates/locales").mkdir(parents=True)
    text = (ROOT / "templates/locales/de.yaml").read_text("utf-8").replace("name: Deutsch", "name: Deutsch (Schweiz)")
    (tmp_path / "templates/locales/de.yaml").write_text(text, "utf-8")
    assert i18n.load_catalogue("de", tmp_path).name == "Deutsch (Schweiz)"


def test_a_notice_names_the_default_language_in_the_pages_own_language():
    assert i18n.load_catalogue("de", ROOT).language_name("en", ROOT) == "Englisch"
    assert i18n.load_catalogue("fr", ROOT).language_name("en", ROOT) == "anglais"
    assert i18n.load_catalogue("en", ROOT).language_name("de", ROOT) == "German"
    # a language the catalogue has no name for is called by its own name
    assert i18n.load_catalogue("fr", ROOT).language_name("fr", ROOT) == "Français"


@pytest.mark.parametrize(("code", "number", "expected"), [
    ("en", "22(3)", "22(3)"),
    ("de", "22(3)", "22 Abs. 3"),
    ("de", "6(1)(a)", "6 Abs. 1 lit. a"),
    ("de", "22C", "22C"),
    ("de", "21(2) und (3)", "21(2) und (3)"),  # not an article number: left as written
    ("fr", "22(3)", "22(3)"),
])
def test_article_numbers_are_cited_as_each_language_cites_them(code, number, expected):
    assert make_environment(ROOT, code).filters["article_number"](number) == expected


def test_the_gettext_callables_behave_as_jinjas_newstyle_ones():
    """`i18n.install` puts plain functions where Jinja's newstyle callables were (a fifth
    faster rendering); what a template gets must not change."""
    import jinja2

    sources = {
        "en": ('{{ _("%(n)s of 100%%", n=2) }}|{% trans n=3 %}{{ n }} of 100%{% endtrans %}|'
               '{% trans count=1 %}One system{% pluralize %}{{ count }} systems{% endtrans %}|'
               '{% trans count=4 %}One system{% pluralize %}{{ count }} systems{% endtrans %}'),
        "de": ('{{ _("Version %(version)s, effective %(date)s.", version=3, date="x") }}|'
               '{% trans count=1 %}One of our AI systems makes decisions about you:{% pluralize %}'
               'Some of our AI systems make decisions about you:{% endtrans %}|'
               '{% trans count=2 %}One of our AI systems makes decisions about you:{% pluralize %}'
               'Some of our AI systems make decisions about you:{% endtrans %}'),
    }
    rendered = {}
    for code, source in sources.items():
        catalogue = i18n.load_catalogue(code, ROOT)
        jinjas = jinja2.Environment(extensions=["jinja2.ext.i18n"])
        jinjas.install_gettext_callables(catalogue.gettext, catalogue.ngettext, newstyle=True)
        rendered[code] = make_environment(ROOT, code).from_string(source).render()
        assert rendered[code] == jinjas.from_string(source).render()
    assert rendered["en"] == "2 of 100%|3 of 100%|One system|4 systems"
    assert rendered["de"].startswith("Version 3, ")
