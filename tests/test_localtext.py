"""`generator.localtext`: a customer-facing text is a plain string in the profile's first
language, or one text per language; either way rules and staff pages see the first language's
text, and the public templates see one language at a time."""

from __future__ import annotations

import pytest

from generator.errors import ProfileError
from generator.load import load_profile
from generator.localtext import FALLBACK_MARK, LocalText, language_view, missing_translations
from generator.visibility import public_view
from tests.helpers import default_data, plain_english, profile_from, write_profile

PURPOSE = {"en": "Answers your questions.", "de": "Beantwortet Ihre Fragen.", "fr": "Répond à vos questions."}


def bilingual(**site) -> dict:
    data = plain_english(default_data())
    data["company"]["languages"] = ["en", "de"]
    data["site"].update(site)
    return data


def test_a_plain_string_is_the_first_languages_text():
    profile = profile_from(plain_english(default_data()))
    purpose = profile.ai_systems[0].purpose
    assert isinstance(purpose, LocalText)
    assert purpose.translations == {"en": str(purpose)}


def test_a_mapping_gives_one_text_per_language_and_reads_as_the_first():
    data = bilingual()
    data["ai_systems"][0]["purpose"] = PURPOSE
    purpose = profile_from(data).ai_systems[0].purpose
    assert purpose == "Answers your questions."
    assert purpose.in_language("de") == "Beantwortet Ihre Fragen."


def test_the_first_language_follows_company_languages():
    data = plain_english(default_data())
    data["company"]["languages"] = ["de", "en"]
    data["ai_systems"][0]["purpose"] = PURPOSE
    assert profile_from(data).ai_systems[0].purpose == "Beantwortet Ihre Fragen."


@pytest.mark.parametrize(("value", "expected"), [
    ({"de": "Nur Deutsch."}, 'ai_systems[0].purpose: give the text in "en", the profile\'s first language'),
    ({"en": "Fine.", "de": "Zwei\nZeilen"}, "ai_systems[0].purpose.de: must be a single line"),
    ({"en": "Fine.", "de": 5}, "ai_systems[0].purpose.de: expected text, got int"),
])
def test_a_bad_translation_is_located_at_its_language(tmp_path, value, expected):
    data = bilingual()
    data["ai_systems"][0]["purpose"] = value
    with pytest.raises(ProfileError) as caught:
        load_profile(write_profile(tmp_path, data))
    assert expected in caught.value.message
    assert caught.value.message.startswith(f"{tmp_path / 'profile.yaml'}:")


def test_a_language_view_holds_plain_text_in_one_language():
    data = bilingual()
    data["ai_systems"][0]["purpose"] = PURPOSE
    view = language_view(public_view(profile_from(data)), "de", fallback=True)
    assert view.ai_systems[0].purpose == "Beantwortet Ihre Fragen."
    assert type(view.ai_systems[0].purpose) is str
    # a text given only in English is marked, so the page can say so
    assert view.ai_systems[0].name == FALLBACK_MARK + "Halden Chat Assistant"


def test_without_fallback_a_missing_text_is_an_error():
    with pytest.raises(KeyError):
        language_view(public_view(profile_from(bilingual())), "de")


def test_missing_translations_names_customer_facing_fields_only():
    data = bilingual()
    data["ai_systems"][0]["purpose"] = PURPOSE
    missing = list(missing_translations(profile_from(data), "de"))
    assert "ai_systems[0].purpose" not in missing
    assert "ai_systems[0].name" in missing
    assert "ai_systems[0].does[0]" in missing
    assert "complaints.appeal" in missing
    # a duration counted from an event needs its words; a bare one is worded by the catalogue
    assert "ai_systems[0].retention.chat-messages" in missing
    assert not [path for path in missing if "escalation" in path or "internal" in path or "approvals" in path]
    assert not [path for path in missing if path.endswith((".response_time", ".cadence"))]


def test_a_duration_counted_from_an_event_takes_its_words_per_language():
    data = bilingual()
    data["ai_systems"][0]["retention"]["chat-messages"] = {
        "en": "90 days after the chat ends", "de": "90 Tage nach Ende des Chats"}
    retention = profile_from(data).ai_systems[0].retention["chat-messages"]
    assert (retention.amount, retention.unit, retention.after) == (90, "day", "after the chat ends")
    assert dict(retention.texts)["de"] == "90 Tage nach Ende des Chats"
    assert "ai_systems[0].retention.chat-messages" not in list(missing_translations(profile_from(data), "de"))
