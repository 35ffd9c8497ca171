"""In-channel texts: which messages a system needs, which requirements each carries, and what
the customer reads or hears. Inputs are the default profile with the edit each test states."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.channeltexts import carried_ids, messages_for, render_texts
from generator.i18n import load_strings
from generator.render import _base_context, make_environment, render
from generator.rules import evaluate
from tests.helpers import ROOT, default_data, profile_from
from tests.test_coverage import FIXTURES, credit_limit, regulated, serving, voice_emotions


def texts(data, as_of=None, system="chat-assistant"):
    """{message: ChannelText} for one system of the profile `data`."""
    profile = profile_from(data)
    rules = evaluate(profile, as_of=as_of)
    context = _base_context(profile, rules, load_strings("en"))
    found = render_texts(make_environment(ROOT), context, profile.system(system), rules.evaluations)
    return {t.message: t for t in found}


def pages(data, as_of=None):
    profile = profile_from(data)
    sites = render(profile, evaluate(profile, as_of=as_of), project_dir=ROOT)
    return {f"{d.spec.audience}/{p.path}": p.markdown for d in (sites.public, sites.internal) for p in d.pages}


# --- which messages ----------------------------------------------------------------------

def test_each_default_system_gets_the_messages_of_its_channels():
    profile = profile_from(default_data())
    assert {s.id: messages_for(s) for s in profile.ai_systems} == {
        "chat-assistant": ("chat_greeting", "human_question"),
        "phone-assistant": ("ivr_prompt", "human_question"),
        "email-sorting": ("email_footer",),
        "reply-suggestions": (),
        "refund-check": ("email_footer", "decision_letter"),
    }


def test_a_phone_system_that_only_listens_for_emotions_still_announces_itself():
    data = default_data()
    phone = data["ai_systems"][1]
    phone["interacts_with_customers"] = False
    phone["emotion_inference"] = {"source": "voice", "subjects": "customers"}
    assert messages_for(profile_from(data).system("phone-assistant")) == ("ivr_prompt",)


# --- which requirements each carries -------------------------------------------------------

def test_the_default_chat_greeting_carries_its_in_channel_requirements():
    greeting = texts(default_data())["chat_greeting"]
    assert greeting.ids == ("AIA-50-1", "AIA-50-5", "CA-BOT-1", "CA-BOT-2", "CA-NAC-2",
                            "GDPR-13-T", "GDPR-14-3", "GDPR-21-4", "UT-104")


def test_a_requirement_that_applies_to_another_system_is_not_claimed():
    rules = evaluate(profile_from(default_data()))
    # GDPR-21-4 applies to systems using legitimate interests; AIA-50-4-a only to the voice line.
    assert "AIA-50-4-a" in carried_ids("phone-assistant", "ivr_prompt", rules.evaluations, linked=True)
    assert "AIA-50-4-a" not in carried_ids("chat-assistant", "chat_greeting", rules.evaluations, linked=True)


def test_without_a_site_address_the_texts_claim_nothing_that_needs_a_link():
    data = default_data()
    del data["site"]["url"]
    greeting = texts(data)["chat_greeting"]
    assert "http" not in greeting.text
    assert {"GDPR-13-T", "GDPR-14-3", "GDPR-21-4", "CA-NAC-2"}.isdisjoint(greeting.ids)
    assert "AIA-50-1" in greeting.ids


def test_the_answer_to_am_i_talking_to_a_person_is_truthful_and_carries_utah_103_1():
    answer = texts(serving("US-UT"))["human_question"]
    assert answer.ids == ("UT-103-1",)
    assert answer.text.startswith("No. You are talking with Halden Chat Assistant, an AI assistant, not a person.")


def test_a_regulated_profession_in_utah_must_say_it_at_the_outset():
    greeting = texts(regulated(serving("US-UT")))["chat_greeting"]
    assert {"UT-103-2", "UT-103-3", "UT-104"} <= set(greeting.ids)
    assert greeting.text.splitlines()[0].endswith("an AI assistant, not a person.")


def test_the_uk_decision_letter_says_the_decision_was_automated_and_how_to_get_a_review():
    letter = texts(serving("UK"), system="refund-check")["decision_letter"]
    assert letter.ids == ("UK-22C-a", "UK-ICO-ADM-3")
    assert "without a person taking part" in letter.text
    assert "right to ask a person to review this decision" in letter.text
    assert "A person reviews it within 2 business days." in letter.text


def test_quebec_is_told_of_an_exclusively_automated_decision_in_the_letter():
    assert texts(serving("CA-QC"), system="refund-check")["decision_letter"].ids == ("QC-12.1-a",)


def test_colorado_adverse_outcome_letters_from_2027_say_how_to_get_the_data_used():
    data = credit_limit(serving("US-CO"))
    before = texts(data, as_of=dt.date(2026, 12, 31), system="refund-check")["decision_letter"]
    after = texts(data, as_of=dt.date(2027, 1, 1), system="refund-check")["decision_letter"]
    assert "CO-1704-ADV" not in before.ids and "personal data we used" not in before.text
    assert "CO-1704-ADV" in after.ids and "personal data we used and where it came from" in after.text


def test_california_admt_pre_use_notice_goes_in_the_e_mail_footer_from_2027():
    footer = texts(credit_limit(serving("US-CA")), as_of=dt.date(2027, 1, 1), system="refund-check")["email_footer"]
    assert "CA-ADMT-PUN-T" in footer.ids
    assert "automated decision-making technology for decisions about credit limits" in footer.text
    assert "https://ai.halden.example/systems/refund-check/" in footer.text


def test_voice_emotion_recognition_is_announced_in_the_call_prompt():
    prompt = texts(voice_emotions(serving("EU")), system="phone-assistant")["ivr_prompt"]
    assert "AIA-50-3" in prompt.ids
    assert "This line recognises emotions from the sound of your voice." in prompt.text


def test_a_call_with_a_person_is_never_announced_as_a_call_with_the_ai():
    data = voice_emotions(serving("EU"))
    data["ai_systems"][1]["interacts_with_customers"] = False
    prompt = texts(data, system="phone-assistant")["ivr_prompt"]
    opening = prompt.lines[0]
    assert opening == 'Welcome to Halden. An AI system ("Halden Voice Line") analyses this call.'
    assert "not a person" not in prompt.text and "speaking with" not in prompt.text
    assert "This line recognises emotions from the sound of your voice." in prompt.text


def test_words_the_profile_adds_to_the_opening_message_come_right_after_the_ai_disclosure():
    data = voice_emotions(serving("EU"))
    data["ai_systems"][0]["disclosure"]["opening_words"] = "I cannot give medical advice"
    data["ai_systems"][1]["disclosure"]["opening_words"] = 'Say "no mood check" to switch it off.'
    greeting = texts(data)["chat_greeting"].lines
    assert greeting[1] == "I cannot give medical advice."
    prompt = texts(data, system="phone-assistant")["ivr_prompt"].lines
    assert prompt[prompt.index("This line recognises emotions from the sound of your voice.") + 1] == \
        'Say "no mood check" to switch it off.'


def test_the_right_to_object_has_its_own_sentence_and_link():
    lines = texts(default_data())["chat_greeting"].text.splitlines()
    assert "You have the right to object: https://ai.halden.example/privacy/#right-to-object" in lines


# --- fit and escaping ----------------------------------------------------------------------

@pytest.mark.parametrize("name", FIXTURES)
def test_a_chat_greeting_fits_in_a_chat_bubble(name):
    make, as_of = FIXTURES[name]
    greeting = texts(make(), as_of=as_of)["chat_greeting"]
    assert len(greeting.text) < 300, greeting.text


def test_profile_text_is_plain_in_the_channel_and_escaped_on_the_page():
    data = default_data()
    data["ai_systems"][0]["human_contact"]["how"] = "Type *person* or <b>agent</b>"
    assert "Type *person* or <b>agent</b>." in texts(data)["chat_greeting"].text
    page = pages(data)["public/systems/chat-assistant.md"]
    assert r"> Type \*person\* or &lt;b&gt;agent&lt;/b&gt;." in page
    assert "<b>agent" not in page


# --- where the texts appear ----------------------------------------------------------------

def test_the_system_page_quotes_each_text_in_a_marked_clause():
    page = pages(default_data())["public/systems/chat-assistant.md"]
    section = page[page.index("## What we tell you in the conversation"):]
    assert 'data-req="AIA-50-1 AIA-50-5 CA-BOT-1 CA-BOT-2 CA-NAC-2 GDPR-13-T GDPR-14-3 GDPR-21-4 UT-104"' in section
    assert 'data-req="UT-103-1"' in section
    assert "> You are chatting with Halden Chat Assistant, an AI assistant, not a person." in section


def test_a_system_customers_never_meet_has_no_section_of_texts():
    rendered = pages(default_data())
    assert "What we tell you in the conversation" not in rendered["public/systems/reply-suggestions.md"]
    assert "#channel-texts" not in rendered["internal/playbooks/reply-suggestions.md"]


def test_the_playbook_scripts_each_text_word_for_word():
    playbook = pages(default_data())["internal/playbooks/phone-assistant.md"]
    section = playbook[playbook.index("## What customers are told in the channel"):]
    assert '!!! quote "Word for word"\n    Welcome to Halden. You are speaking with Halden Voice Line' in section
    refund = pages(default_data())["internal/playbooks/refund-check.md"]
    assert '!!! quote "Say exactly"\n    This decision was made by an automated system' in refund
    assert "Played at the start of every call, before the caller says anything." in section
