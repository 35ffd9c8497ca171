"""`generator.readability`: each language is scored with the formula made for it, on the
words a reader reads (no markup, links or requirement markers)."""

from __future__ import annotations

import pytest

from generator import readability
from tests.helpers import ROOT


def test_each_language_has_its_own_formula():
    assert readability.measure("Wir helfen Ihnen.", "de").formula == "Amstad"
    assert readability.measure("Nous vous aidons.", "fr").formula == "Kandel–Moles"
    assert readability.measure("We help you.", "en").formula == "Flesch Reading Ease"


@pytest.mark.parametrize(("language", "constant", "per_word", "per_syllable"), [
    ("en", 206.835, 1.015, 84.6), ("de", 180.0, 1.0, 58.5), ("fr", 207.0, 1.015, 73.6)])
def test_the_score_is_the_languages_formula(language, constant, per_word, per_syllable):
    score = readability.measure("The cat sat down. We like this cat. It sleeps all day long!", language)
    assert (score.sentences, score.words) == (3, 13)
    expected = constant - per_word * (13 / 3) - per_syllable * (score.syllables / 13)
    assert score.score == round(expected, 1)


@pytest.mark.parametrize(("word", "language", "syllables"), [
    ("information", "en", 4),
    ("Datenschutzbeauftragter", "de", 7),
    ("responsabilité", "fr", 6),
    ("AI", "en", 1),
])
def test_syllables_come_from_the_languages_hyphenation_dictionary(word, language, syllables):
    assert readability.syllable_count(word, language) == syllables


def test_long_words_and_sentences_score_lower_in_every_language():
    for language, easy, hard in [
        ("en", "We keep it for a year. Then we delete it.",
         "We retain the aforementioned information for the duration necessary for the establishment, "
         "exercise or defence of legal claims, subsequently deleting it irreversibly."),
        ("de", "Wir speichern es ein Jahr. Dann löschen wir es.",
         "Wir speichern die vorgenannten Informationen für die zur Geltendmachung, Ausübung oder "
         "Verteidigung von Rechtsansprüchen erforderliche Dauer und löschen sie anschließend unwiderruflich."),
        ("fr", "Nous les gardons un an. Puis nous les effaçons.",
         "Nous conservons les informations susmentionnées pendant la durée nécessaire à la constatation, "
         "à l’exercice ou à la défense de droits en justice, puis les supprimons irréversiblement."),
    ]:
        assert readability.measure(easy, language).score > 70 > readability.measure(hard, language).score


def test_only_the_words_a_reader_reads_are_measured():
    markdown = ('<div class="candor-clause" data-req="GDPR-13-1-c" markdown="1">\n\n'
                "## Your rights { #rights }\n\nSee [our notice](<https://example.com/a-very-long-address>).\n\n"
                "| Channel | When |\n|---|---|\n| Chat | Always |\n\n</div>\n")
    text = readability.plain_text(markdown)
    assert "GDPR" not in text and "example.com" not in text and "#rights" not in text
    assert text.splitlines() == ["Your rights", "See our notice.", "Channel", "When", "Chat", "Always"]


def test_a_line_break_ends_a_sentence_and_a_sentence_may_end_mid_line():
    score = readability.measure("Welcome. We answer fast!  Ask us\nanything you like\n\nThank you.", "en")
    assert (score.sentences, score.words) == (5, 11)


def test_counts_add_up_over_lines_however_often_a_line_repeats():
    """Pages repeat their lines (each distinct one is counted once): a text's counts are the
    sum of its lines' counts, the same on the first reading and on any later one."""
    lines = ["We keep chat messages for 30 days.", "Then we delete them. You can ask us to delete them sooner.",
             "Wir speichern es ein Jahr."]
    text = "\n".join(lines * 3)
    first, again = readability.measure(text, "en"), readability.measure(text, "en")
    parts = [readability.measure(line, "en") for line in lines]
    assert first == again
    assert first.sentences == 3 * sum(p.sentences for p in parts)
    assert first.words == 3 * sum(p.words for p in parts)
    assert first.syllables == 3 * sum(p.syllables for p in parts)


def test_text_that_opens_a_link_or_an_attribute_list_never_swallows_the_lines_after_it():
    markdown = "Ask \\](here or \\{ there\n\nWe answer fast (always). See { #faq }\n"
    lines = readability.plain_text(markdown).splitlines()
    assert lines[-1] == "We answer fast (always). See"
    assert len(lines) == 2


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_a_page_measured_line_by_line_scores_as_its_plain_text(language):
    """The staff site's scores add up each Markdown line's counts: the same as measuring the
    page's plain text whole."""
    page = "privacy.md" if language == "en" else f"{language}/privacy.md"
    markdown = (ROOT / "tests/golden/default/public" / page).read_text("utf-8")
    assert (readability.measure_markdown(markdown, language, "privacy.md")
            == readability.measure(readability.plain_text(markdown), language, "privacy.md"))
    assert readability.measure_markdown(markdown, language).words > 1000
