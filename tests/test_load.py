"""`generator.load`: a profile becomes a validated model, or every problem in it is listed,
each as `file:line:col field.path: message` in plain words.

The first half uses small models defined here, so each rule of the wording is visible next to
its input; the second half breaks a copy of the real `content/profile.yaml` in one place at a
time and asserts what the user sees.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from generator.errors import CandorError, ProfileError
from generator.load import LoadedProfile, load_profile, validate
from generator.yamlsource import read_yaml

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "content" / "profile.yaml"


# -- small models ---------------------------------------------------------------------------


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _duration(value: str) -> str:
    if not re.fullmatch(r"\d+ days", value):
        raise ValueError(f'expected a duration like "30 days", got "{value}"')
    return value


Duration = Annotated[str, AfterValidator(_duration)]


class Channel(StrEnum):
    web_chat = "web_chat"
    phone = "phone"


class Criterion(Strict):
    basis: str
    until: str


class Company(Strict):
    legal_name: str
    brand_name: str
    founded: dt.date | None = None
    employees: int = 0
    listed: bool = False


class System(Strict):
    id: str
    kind: Literal["chat", "voice", "email"]
    channels: Annotated[list[Channel], Field(min_length=1)]
    keep: Duration | Criterion | None = None
    languages: list[str] | str = "en"

    @model_validator(mode="after")
    def _voice_needs_phone(self) -> System:
        if self.kind == "voice" and Channel.phone not in self.channels:
            raise ValueError("@channels: a voice system needs the phone channel")
        return self


class Root(Strict):
    company: Company
    ai_systems: list[System] = []

    @model_validator(mode="after")
    def _unique_ids(self) -> Root:
        seen: dict[str, int] = {}
        for index, system in enumerate(self.ai_systems):
            if system.id in seen:
                raise ValueError(f'@ai_systems[{index}].id: duplicate id "{system.id}"')
            seen[system.id] = index
        return self


def check(tmp_path: Path, text: str, model: type[BaseModel] = Root) -> list[str]:
    """The problems a user sees for `text`, or [] when it validates."""
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    data, marks = read_yaml(path, display_name="profile.yaml")
    try:
        validate(data, marks, model, "profile.yaml")
    except ProfileError as error:
        return [str(problem) for problem in error.problems]
    return []


GOOD = """\
company:
  legal_name: Halden Outdoor Supply B.V.
  brand_name: Halden
ai_systems:
  - id: chat
    kind: chat
    channels: [web_chat]
"""


def test_a_good_file_gives_the_model(tmp_path):
    path = tmp_path / "profile.yaml"
    path.write_text(GOOD)
    data, marks = read_yaml(path)
    root = validate(data, marks, Root, "profile.yaml")
    assert root.ai_systems[0].channels == [Channel.web_chat]


def test_unknown_field_suggests_the_close_name_and_points_at_the_key(tmp_path):
    # one problem, not two: the "missing legal_name" is the same mistake
    assert check(tmp_path, """\
company:
  brand_name: Halden
  legal_nam: Halden B.V.
""") == [
        'profile.yaml:3:3 company.legal_nam: unknown field "legal_nam"; did you mean "legal_name"?',
    ]


def test_unknown_field_without_a_close_name_lists_the_accepted_ones(tmp_path):
    assert check(tmp_path, GOOD + "    colour: blue\n") == [
        ('profile.yaml:8:5 ai_systems[0].colour: unknown field "colour"; '
        "accepted fields: channels, id, keep, kind, languages"),
    ]


def test_missing_field_is_located_at_its_parent(tmp_path):
    assert check(tmp_path, GOOD.replace("    kind: chat\n", "")) == [
        "profile.yaml:5:5 ai_systems[0].kind: required field is missing",
    ]
    assert check(tmp_path, "ai_systems: []\n") == ["profile.yaml:1:1 company: required field is missing"]


def test_wrong_types_say_what_was_found_and_what_is_accepted(tmp_path):
    assert check(tmp_path, """\
company:
  legal_name: [Halden]
  brand_name:
  founded: next week
  employees: many
  listed: maybe
ai_systems: none
""") == [
        'profile.yaml:2:15 company.legal_name: expected text, got a list',
        "profile.yaml:3:14 company.brand_name: expected text, got an empty value",
        'profile.yaml:4:12 company.founded: expected a date like 2026-09-01, got "next week"',
        'profile.yaml:5:14 company.employees: expected a whole number, got "many"',
        'profile.yaml:6:11 company.listed: expected true or false, got "maybe"',
        'profile.yaml:7:13 ai_systems: expected a list, got "none"',
    ]


def test_yaml_booleans_and_numbers_in_text_fields_get_a_quoting_hint(tmp_path):
    assert check(tmp_path, "company:\n  legal_name: no\n  brand_name: 1016\n") == [
        ("profile.yaml:2:15 company.legal_name: expected text, got false "
        "(YAML reads an unquoted yes, no, on or off as true or false: put the text in quotes)"),
        "profile.yaml:3:15 company.brand_name: expected text, got 1016 (put it in quotes to keep it as text)",
    ]


def test_choices_are_listed(tmp_path):
    assert check(tmp_path, GOOD.replace("kind: chat", "kind: chatbot").replace("[web_chat]", "[web_chat, fax]")) == [
        'profile.yaml:6:11 ai_systems[0].kind: expected one of: chat, voice, email; got "chatbot"',
        'profile.yaml:7:26 ai_systems[0].channels[1]: expected one of: web_chat, phone; got "fax"',
    ]


class Note(Strict):
    title: Annotated[str, Field(min_length=1, max_length=10)]
    level: Annotated[int, Field(ge=1, le=9)] = 1
    tags: Annotated[list[str], Field(max_length=2)] = []
    since: dt.date | None = None


def test_bounds_say_the_limit_and_what_was_found(tmp_path):
    assert check(tmp_path, """\
title: A title that is far too long
level: 0
tags: [a, b, c]
since: 2026-08-28 10:00:00
""", Note) == [
        "profile.yaml:1:8 title: expected at most 10 characters, got 28",
        "profile.yaml:2:8 level: expected a number of at least 1, got 0",
        "profile.yaml:3:7 tags: expected at most 2 items, got 3",
        "profile.yaml:4:8 since: expected a date like 2026-09-01, got 2026-08-28T10:00:00",
    ]
    assert check(tmp_path, 'title: ""\n', Note) == ["profile.yaml:1:8 title: must not be empty"]


def test_an_empty_list_where_one_item_is_needed(tmp_path):
    assert check(tmp_path, GOOD.replace("[web_chat]", "[]")) == [
        "profile.yaml:7:15 ai_systems[0].channels: expected at least one item, got none",
    ]


def test_a_mapping_where_text_is_expected_points_at_the_key(tmp_path):
    assert check(tmp_path, "company:\n  legal_name:\n    en: Halden\n  brand_name: Halden\n") == [
        "profile.yaml:2:3 company.legal_name: expected text, got a mapping",
    ]


def test_validator_messages_are_kept_as_written(tmp_path):
    assert check(tmp_path, GOOD + "    keep: forever\n") == [
        'profile.yaml:8:11 ai_systems[0].keep: expected a duration like "30 days", got "forever"',
    ]


def test_a_union_reports_only_the_member_that_fits_the_shape(tmp_path):
    assert check(tmp_path, GOOD + "    keep:\n      basis: contract\n") == [
        "profile.yaml:8:5 ai_systems[0].keep.until: required field is missing",
    ]
    assert check(tmp_path, GOOD + "    languages: [en, 12]\n") == [
        "profile.yaml:8:21 ai_systems[0].languages[1]: expected text, got 12 (put it in quotes to keep it as text)",
    ]


class Chat(Strict):
    kind: Literal["chat"]
    greeting: str


class Voice(Strict):
    kind: Literal["voice"]
    number: str


class Channels(Strict):
    tagged: list[Annotated[Chat | Voice, Field(discriminator="kind")]] = []
    untagged: list[Chat | Voice] = []


def test_a_tagged_union_points_at_its_tag(tmp_path):
    assert check(tmp_path, "tagged:\n  - kind: fax\n  - greeting: hi\n", Channels) == [
        'profile.yaml:2:11 tagged[0].kind: expected one of: chat, voice; got "fax"',
        "profile.yaml:3:5 tagged[1].kind: required field is missing",
    ]


def test_an_untagged_union_of_models_lists_every_fixed_value(tmp_path):
    assert check(tmp_path, "untagged:\n  - kind: fax\n", Channels) == [
        'profile.yaml:2:11 untagged[0].kind: expected one of: chat, voice; got "fax"',
    ]
    assert check(tmp_path, "untagged:\n  - kind: chat\n    greting: hi\n", Channels) == [
        'profile.yaml:3:5 untagged[0].greting: unknown field "greting"; did you mean "greeting"?',
    ]


def test_a_union_that_fits_no_shape_gives_one_message(tmp_path):
    assert check(tmp_path, GOOD + "    keep: 30\n") == [
        "profile.yaml:8:11 ai_systems[0].keep: expected text or a mapping of fields, got 30",
    ]


def test_validators_can_point_at_another_field(tmp_path):
    assert check(tmp_path, GOOD + """\
  - id: voice
    kind: voice
    channels: [web_chat]
""") == [
        "profile.yaml:10:15 ai_systems[1].channels: a voice system needs the phone channel",
    ]
    assert check(tmp_path, GOOD + """\
  - id: chat
    kind: email
    channels: [web_chat]
""") == [
        'profile.yaml:8:9 ai_systems[1].id: duplicate id "chat"',
    ]


def test_checks_across_fields_wait_until_the_fields_are_valid(tmp_path):
    # pydantic runs a model's "after" validators only once its fields validate
    assert check(tmp_path, GOOD + """\
  - id: chat
    kind: robot
    channels: [web_chat]
""") == [
        'profile.yaml:9:11 ai_systems[1].kind: expected one of: chat, voice, email; got "robot"',
    ]


def test_every_problem_is_reported_at_once_in_file_order(tmp_path):
    assert check(tmp_path, """\
ai_systems:
  - id: chat
    kind: bot
    channels: [web_chat]
    keep: 3 weeks
company:
  legal_name: Halden B.V.
  founded: 2026-02-30
  colour: green
""") == [
        'profile.yaml:3:11 ai_systems[0].kind: expected one of: chat, voice, email; got "bot"',
        'profile.yaml:5:11 ai_systems[0].keep: expected a duration like "30 days", got "3 weeks"',
        "profile.yaml:6:1 company.brand_name: required field is missing",
        'profile.yaml:8:12 company.founded: expected a date like 2026-09-01, got "2026-02-30"',
        ('profile.yaml:9:3 company.colour: unknown field "colour"; '
        "accepted fields: brand_name, employees, founded, legal_name, listed"),
    ]


def test_the_error_text_lists_every_problem_and_counts_them(tmp_path):
    path = tmp_path / "profile.yaml"
    path.write_text("company:\n  legal_name: Halden B.V.\n")
    data, marks = read_yaml(path)
    with pytest.raises(ProfileError) as error:
        validate(data, marks, Root, "content/profile.yaml")
    assert error.value.message == (
        "content/profile.yaml:1:1 company.brand_name: required field is missing\n"
        "1 problem in the profile; nothing was written."
    )


# -- the real profile -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def original() -> str:
    return PROFILE.read_text(encoding="utf-8")


def test_the_shipped_profile_loads(original):
    loaded = load_profile(PROFILE, display_name="content/profile.yaml")
    assert isinstance(loaded, LoadedProfile)
    assert loaded.file == "content/profile.yaml"
    assert loaded.profile.ai_systems[0].id == "chat-assistant"


def test_loaded_profile_locates_fields_for_later_stages(original):
    loaded = load_profile(PROFILE)
    lines = original.splitlines()
    line, column = loaded.locate(("ai_systems", 0, "kind"))
    assert lines[line - 1][column - 1 :] == "generative_chat"
    line, column = loaded.locate(("ai_systems", 0, "decision"))  # not in the file: the system
    assert lines[line - 1][column - 1 :].startswith("id: chat-assistant")
    line, column = loaded.locate(("company",))  # a block: its key
    assert lines[line - 1] == "company:"


def test_a_missing_profile_says_how_to_make_one(tmp_path):
    with pytest.raises(CandorError) as error:
        load_profile(tmp_path / "profile.yaml", display_name="content/profile.yaml")
    assert error.value.message == "content/profile.yaml: no such file"
    assert error.value.hint == "`candor init` creates a starting profile."


# Each case: the text to change in the shipped profile, what it becomes, the problem the user
# sees and the line it points at (default: the first line of the new text). `{line}` is that
# line's number in the edited file, so the cases survive edits elsewhere in the profile.
BROKEN = {
    "bad duration": (
        ("      chat-messages:\n        en: 90 days after the chat ends\n        de: 90 Tage nach Ende des Chats\n"
         "        fr: 90 jours après la fin de la discussion"),
        "      chat-messages: forever",
        ('profile.yaml:{line}:22 ai_systems[0].retention.chat-messages: expected a duration like "30 days", '
        '"2 business days", "6 months" or "1 year after your account closes", got "forever"'),
    ),
    "misspelt field in a system": (
        "    kind: generative_chat",
        "    kind: generative_chat\n    retension: {}",
        'profile.yaml:{line}:5 ai_systems[0].retension: unknown field "retension"; did you mean "retention"?',
        "    retension: {}",
    ),
    "unknown kind": (
        "    kind: generative_chat",
        "    kind: chatbot",
        ("profile.yaml:{line}:11 ai_systems[0].kind: expected one of: generative_chat, voice_assistant, "
        'email_triage, agent_assist, summarisation, sentiment_analysis, automated_decision; got "chatbot"'),
    ),
    "bad date": (
        "        last_review: 2026-08-28",
        "        last_review: 2026-13-45",
        ("profile.yaml:{line}:22 ai_systems[0].oversight[0].last_review: expected a date like 2026-09-01, "
        'got "2026-13-45"'),
    ),
    "bad e-mail": (
        "  email: help@halden.example",
        "  email: help-at-halden",
        ('profile.yaml:{line}:10 company.email: expected an e-mail address like "privacy@example.com", '
        'got "help-at-halden"'),
    ),
    "id that climbs out of the site": (
        "  - id: chat-assistant",
        "  - id: ../etc",
        ("profile.yaml:{line}:9 ai_systems[0].id: expected an id of lowercase letters, digits and single "
        'hyphens, starting with a letter, at most 40 characters (e.g. "chat-assistant"), got "../etc"'),
    ),
    "duplicate system id": (
        "  - id: phone-assistant",
        "  - id: chat-assistant",
        'profile.yaml:{line}:9 ai_systems[1].id: duplicate id "chat-assistant" (also used by ai_systems[0])',
    ),
    "missing required field": (
        "  legal_name: Halden Outdoor Supply B.V.\n",
        "",
        "profile.yaml:{line}:1 company.legal_name: required field is missing",
        "company:",
    ),
    "missing legitimate interest": (
        ("        legitimate_interest:\n          en: Making sure the answers we give customers are correct and safe.\n"
         "          de: Sicherstellen, dass die Antworten, die wir Kundinnen und Kunden geben, richtig und sicher sind.\n"
         "          fr: Faire en sorte que les réponses que nous donnons aux clients soient exactes et sûres.\n"),
        "",
        ("profile.yaml:{line}:9 ai_systems[0].purposes[1].legitimate_interest: name the legitimate interest "
        "pursued when the legal basis is legitimate_interests"),
        "      - purpose:\n          en: To check answers",
    ),
    "Norway read as false": (
        "    country: NL\n  website:",
        "    country: no\n  website:",
        ("profile.yaml:{line}:14 company.address.country: expected text, got false (YAML reads an unquoted "
        "yes, no, on or off as true or false: put the text in quotes)"),
    ),
    "not a yes/no answer": (
        "    generates_content: true",
        "    generates_content: maybe",
        'profile.yaml:{line}:24 ai_systems[0].generates_content: expected true or false, got "maybe"',
    ),
    "no channels": (
        "    channels: [phone]",
        "    channels: []",
        "profile.yaml:{line}:15 ai_systems[1].channels: expected at least one item, got none",
    ),
    "unreachable contact": (
        "    email: dpo@halden.example\n",
        "",
        "profile.yaml:{line}:3 company.dpo: a contact needs at least one of: email, phone, web_form, address",
        "  dpo:",
    ),
    "escalation level out of range": (
        "      - level: 1\n        trigger: The customer asks for a person",
        "      - level: 12\n        trigger: The customer asks for a person",
        "profile.yaml:{line}:16 ai_systems[0].escalation[0].level: expected a number of at most 9, got 12",
    ),
    "future schema version": (
        "schema_version: 1",
        "schema_version: 2",
        "profile.yaml:{line}:17 schema_version: this version of Candor reads schema_version 1; got 2",
    ),
    "duplicate data category": (
        "      - id: order-details",
        "      - id: chat-messages",
        ('profile.yaml:{line}:13 ai_systems[0].data[1].id: duplicate id "chat-messages" '
        "(also used by ai_systems[0].data[0])"),
    ),
    "duplicate key": (
        "  brand_name: Halden\n",
        "  brand_name: Halden\n  brand_name: Halden Outdoor\n",
        'profile.yaml:{line}:3 company.brand_name: duplicate key "brand_name"; it is already set on line 9',
        "  brand_name: Halden Outdoor",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_broken_profile_names_the_place_and_the_fix(tmp_path, original, case):
    old, new, expected, *points_at = BROKEN[case]
    assert old in original, f"the shipped profile no longer contains {old!r}"
    start = original.index(old)
    text = original[:start] + new + original[start + len(old) :]
    target = points_at[0] if points_at else new.split("\n")[0]
    line = text.count("\n", 0, text.rindex(target, 0, start + len(new) + len(target))) + 1
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        load_profile(path, display_name="profile.yaml")
    assert [str(problem) for problem in error.value.problems] == [expected.format(line=line)]


def test_several_breaks_are_reported_together_in_file_order(tmp_path, original):
    text = (
        original.replace("  email: help@halden.example", "  email: help-at-halden")
        .replace("    kind: voice_assistant", "    kind: robot")
        .replace("  resolution: 30 days", "  resolution: soon")
    )
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        load_profile(path, display_name="profile.yaml")
    paths = [problem.path for problem in error.value.problems]
    assert paths == ["company.email", "ai_systems[1].kind", "complaints.resolution"]
    lines = [problem.line for problem in error.value.problems]
    assert lines == sorted(lines)
