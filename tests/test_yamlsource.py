"""`generator.yamlsource`: YAML is read safely, within bounds, and every value keeps its place.

Each test writes its input inline, so the reader sees the file the user would have written,
and asserts the exact `file:line:col path: message` a user would see.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator.errors import CandorError, ProfileError
from generator.yamlsource import KEY, MAX_BYTES, Mark, format_path, locate, read_yaml


def write(tmp_path: Path, text: str | bytes, name: str = "profile.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    """The lines a user sees for an unusable file, named as the user typed it."""
    with pytest.raises(ProfileError) as error:
        read_yaml(path, display_name="profile.yaml")
    return [str(problem) for problem in error.value.problems]


# -- what a good file gives -----------------------------------------------------------------


def test_plain_values_are_resolved_like_the_safe_loader(tmp_path):
    data, _ = read_yaml(write(tmp_path, """\
name: Halden
since: 2026-09-01
stamp: 2026-09-01T10:30:00Z
count: 12
ratio: 0.5
active: true
answer: no
nothing:
quoted: "12"
forced: !!str 2026-09-01
tags: [a, b]
"""))
    assert data == {
        "name": "Halden",
        "since": dt.date(2026, 9, 1),
        "stamp": dt.datetime(2026, 9, 1, 10, 30, tzinfo=dt.UTC),
        "count": 12,
        "ratio": 0.5,
        "active": True,
        "answer": False,
        "nothing": None,
        "quoted": "12",
        "forced": "2026-09-01",
        "tags": ["a", "b"],
    }


@pytest.mark.parametrize("word", ["yes", "no", "true", "false", "on", "off", "null", "y", "n", "Nothing", "Yesterday"])
def test_words_are_booleans_null_or_text_in_every_capitalisation_as_the_safe_loader_reads_them(tmp_path, word):
    spellings = {""}
    for char in word:
        spellings = {s + c for s in spellings for c in (char.lower(), char.upper())}
    text = "".join(f"v{index}: {spelling}\n" for index, spelling in enumerate(sorted(spellings)))
    data, _ = read_yaml(write(tmp_path, text))
    assert data == yaml.safe_load(text)


def test_keys_stay_the_text_that_was_written(tmp_path):
    data, _ = read_yaml(write(tmp_path, "no: Norway\n1: one\nsystem:chat: x\n"))
    assert data == {"no": "Norway", "1": "one", "system:chat": "x"}


def test_every_value_and_key_has_its_line_and_column(tmp_path):
    _, marks = read_yaml(write(tmp_path, """\
company:
  legal_name: Halden B.V.
ai_systems:
  - id: chat
    retention:
      chat_transcripts: 30 days
  - {id: voice, kind: voice_assistant}
"""))
    assert marks[()] == Mark(1, 1)
    assert marks[("company", KEY)] == Mark(1, 1)
    assert marks[("company",)] == Mark(2, 3)
    assert marks[("company", "legal_name")] == Mark(2, 15)
    assert marks[("company", "legal_name", KEY)] == Mark(2, 3)
    assert marks[("ai_systems", 0)] == Mark(4, 5)
    assert marks[("ai_systems", 0, "retention", "chat_transcripts")] == Mark(6, 25)
    assert marks[("ai_systems", 1)] == Mark(7, 5)
    assert marks[("ai_systems", 1, "kind")] == Mark(7, 23)
    assert marks[("ai_systems", 1, "kind", KEY)] == Mark(7, 17)


def test_locate_points_at_block_values_by_their_key_and_falls_back_to_the_parent(tmp_path):
    _, marks = read_yaml(write(tmp_path, """\
company:
  legal_name: Halden B.V.
ai_systems:
  - id: chat
    channels: [web_chat]
"""))
    assert locate(marks, ("company",)) == Mark(1, 1)  # the block starts on line 2: show the key
    assert locate(marks, ("company", "legal_name")) == Mark(2, 15)
    assert locate(marks, ("company", "brand_name")) == Mark(1, 1)  # missing: its parent
    assert locate(marks, ("ai_systems", 0, "retention", "chat")) == Mark(4, 5)
    assert locate(marks, ("ai_systems", 0, "channels")) == Mark(5, 15)
    assert locate(marks, ("elsewhere",)) == Mark(1, 1)


def test_columns_count_characters_not_bytes(tmp_path):
    _, marks = read_yaml(write(tmp_path, "straße: Köln\nnext: [ä, ö]\n"))
    assert marks[("straße",)] == Mark(1, 9)
    assert marks[("next", 1)] == Mark(2, 11)


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    data, _ = read_yaml(write(tmp_path, b"\xef\xbb\xbfname: Halden\n"))
    assert data == {"name": "Halden"}


def test_the_file_is_named_as_the_caller_gave_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "- a\n")
    with pytest.raises(ProfileError) as error:
        read_yaml(Path("profile.yaml"))
    assert str(error.value.problems[0]).startswith("profile.yaml:1:1 ")


def test_paths_are_written_as_users_read_them():
    assert format_path(("ai_systems", 1, "retention", "chat_transcripts")) == "ai_systems[1].retention.chat_transcripts"
    assert format_path(("documents", "system:chat", "version")) == "documents.system:chat.version"
    assert format_path(("retention", "chat logs")) == 'retention["chat logs"]'
    assert format_path(()) == ""


# -- unusable files -------------------------------------------------------------------------


def test_syntax_error_is_located_where_the_parser_stopped(tmp_path):
    assert problems(write(tmp_path, "company:\n  brand_name: Halden: Outdoor\n")) == [
        "profile.yaml:2:21 invalid YAML: mapping values are not allowed in this context",
    ]


def test_bad_indentation_names_the_mapping_it_broke(tmp_path):
    assert problems(write(tmp_path, "company:\n  legal_name: Halden\n brand_name: Halden\n")) == [
        "profile.yaml:3:2 invalid YAML: did not find expected key (while parsing a block mapping that starts on line 1)",
    ]


def test_unclosed_list_names_where_it_started(tmp_path):
    assert problems(write(tmp_path, "channels: [web_chat, phone\nkind: chat\n")) == [
        ("profile.yaml:2:5 invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts on line 1)"),
    ]


def test_tab_indentation_says_use_spaces(tmp_path):
    assert problems(write(tmp_path, "company:\n\tlegal_name: Halden\n")) == [
        "profile.yaml:2:1 invalid YAML: a tab cannot indent YAML; use spaces",
    ]


def test_control_characters_are_located(tmp_path):
    assert problems(write(tmp_path, "name: Köln\x07\n")) == [
        "profile.yaml:1:11 invalid YAML: character U+0007 is not allowed (control characters are not allowed)",
    ]


def test_control_characters_are_located_without_libyaml_too(tmp_path, monkeypatch):
    """PyYAML's own reader refuses them as soon as it is given the text, before any event."""
    from generator import yamlsource

    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    assert problems(write(tmp_path, "name: Köln\x07\n")) == [
        "profile.yaml:1:11 invalid YAML: character U+0007 is not allowed (special characters are not allowed)",
    ]


def test_duplicate_keys_are_located_at_the_second_and_name_the_first(tmp_path):
    assert problems(write(tmp_path, """\
company:
  legal_name: Halden B.V.
  brand_name: Halden
  legal_name: Halden Outdoor B.V.
company:
  brand_name: Other
""")) == [
        'profile.yaml:4:3 company.legal_name: duplicate key "legal_name"; it is already set on line 2',
        'profile.yaml:5:1 company: duplicate key "company"; it is already set on line 1',
    ]


def test_python_tags_are_refused_and_never_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, """\
name: !!python/object/apply:os.system ["touch pwned"]
other: !!python/object:collections.OrderedDict {}
""")
    assert problems(path) == [
        ("profile.yaml:1:7 name: the YAML tag !!python/object/apply:os.system is not allowed; "
        "use plain text, numbers, dates, lists and mappings"),
        ("profile.yaml:2:8 other: the YAML tag !!python/object:collections.OrderedDict is not allowed; "
        "use plain text, numbers, dates, lists and mappings"),
    ]
    assert not (tmp_path / "pwned").exists()


def test_custom_and_non_core_tags_are_refused_together(tmp_path):
    assert problems(write(tmp_path, """\
logo: !!binary aGVsbG8=
ids: !!set {a, b}
kind: !system chat
count: !!int twelve
""")) == [
        "profile.yaml:1:7 logo: the YAML tag !!binary is not allowed; use plain text, numbers, dates, lists and mappings",
        "profile.yaml:2:6 ids: the YAML tag !!set is not allowed; use plain text, numbers, dates, lists and mappings",
        "profile.yaml:3:7 kind: the YAML tag !system is not allowed; use plain text, numbers, dates, lists and mappings",
        'profile.yaml:4:8 count: cannot read "twelve" as !!int',
    ]


def test_aliases_are_refused_at_the_alias(tmp_path):
    assert problems(write(tmp_path, """\
address: &office
  city: Amsterdam
billing: *office
""")) == [
        "profile.yaml:3:10 billing: YAML aliases (*office) are not supported; write the value out in full",
    ]


def test_merge_keys_are_refused(tmp_path):
    assert problems(write(tmp_path, "billing:\n  <<: {city: Amsterdam}\n")) == [
        "profile.yaml:2:3 billing.<<: merge keys (<<) are not supported; write the fields out in full",
    ]


def test_billion_laughs_is_refused_at_once(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    found = problems(path)
    assert found == [
        ("profile.yaml:2:8 b[0]: YAML aliases (*a) are not supported; write the value out in full "
        "(72 aliases in the file)"),
    ]


def test_a_recursive_alias_is_refused(tmp_path):
    assert problems(write(tmp_path, "loop: &x [*x]\n")) == [
        "profile.yaml:1:11 loop[0]: YAML aliases (*x) are not supported; write the value out in full",
    ]


def test_deep_flow_nesting_is_refused_without_exhausting_the_stack(tmp_path):
    # libyaml's own composer crashes the interpreter on this; events are read iteratively
    path = write(tmp_path, "a: " + "[" * 200_000 + "]" * 200_000 + "\n")
    found = problems(path)
    # PyYAML up to 6.0.3 lets our depth check name the path; 6.0.4 stops it in its scanner first.
    assert len(found) == 1 and found[0].startswith("profile.yaml:1:")
    assert found[0].endswith("nesting is deeper than 50 levels; a profile never needs that many")


def test_deep_block_nesting_is_refused(tmp_path):
    path = write(tmp_path, "".join("  " * level + f"k{level}:\n" for level in range(60)))
    (problem,) = problems(path)
    assert problem.startswith("profile.yaml:51:101 k0.k1.k2.")
    assert problem.endswith(".k49: nesting is deeper than 50 levels; a profile never needs that many")


def test_fifty_levels_are_fine(tmp_path):
    data, _ = read_yaml(write(tmp_path, "a: " + "[" * 49 + "]" * 49 + "\n"))
    assert isinstance(data["a"], list)


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = write(tmp_path, "notes: |\n" + ("  " + "x" * 98 + "\n") * (MAX_BYTES // 100 + 10))
    assert path.stat().st_size == 5_296_247
    assert problems(path) == ["profile.yaml: the file is 5.1 MB; the limit is 5 MB"]


def test_bytes_that_are_not_utf8_are_located(tmp_path):
    assert problems(write(tmp_path, b"company:\n  city: K\xf6ln\n")) == [
        "profile.yaml:2:10 the file is not UTF-8 text (byte 0xf6 cannot be read); save it as UTF-8",
    ]


def test_utf16_is_named(tmp_path):
    assert problems(write(tmp_path, "name: Halden\n".encode("utf-16"))) == [
        "profile.yaml:1:1 the file is UTF-16 text; save it as UTF-8",
    ]


@pytest.mark.parametrize("text", ["", "\n  \n", "# only a comment\n", "---\n", "~\n"])
def test_an_empty_file_is_refused(tmp_path, text):
    assert problems(write(tmp_path, text)) == [
        "profile.yaml: the file is empty; expected a mapping of fields at the top level",
    ]


def test_the_top_level_must_be_a_mapping(tmp_path):
    assert problems(write(tmp_path, "- company\n- ai_systems\n")) == [
        "profile.yaml:1:1 expected a mapping of fields at the top level, got a list",
    ]
    assert problems(write(tmp_path, "Halden\n")) == [
        "profile.yaml:1:1 expected a mapping of fields at the top level, got a single value (Halden)",
    ]


def test_only_one_document_per_file(tmp_path):
    assert problems(write(tmp_path, "name: a\n---\nname: b\n")) == [
        "profile.yaml:2:1 the file holds more than one YAML document (a second one starts here); keep one",
    ]


def test_keys_must_be_plain_text(tmp_path):
    assert problems(write(tmp_path, "? [a, b]\n: 1\nname: Halden\n")) == [
        "profile.yaml:1:3 a key must be plain text, got a list or mapping",
    ]


def test_a_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(CandorError) as error:
        read_yaml(tmp_path / "nope.yaml", display_name="nope.yaml")
    assert error.value.message == "nope.yaml: no such file"


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(CandorError) as error:
        read_yaml(tmp_path, display_name="content")
    assert error.value.message == "content: is a folder, expected a YAML file"


# -- size ----------------------------------------------------------------------------------


def test_a_profile_with_300_ai_systems_is_read_whole(tmp_path):
    system = """\
  - id: system-{n}
    name: Assistant {n}
    kind: generative_chat
    channels: [web_chat, app_chat]
    purpose: Answers questions about orders, deliveries and returns.
    does:
      - Answers questions about your orders.
      - Hands over to a person when you ask.
    retention:
      chat-messages: 90 days after the chat ends
      order-details: 7 years after the order
    recipients:
      - name: Northlake Language Systems Inc.
        role: Runs the language model
        country: US
        safeguard: eu_us_data_privacy_framework
    oversight:
      - what: Our team reads a sample of chats each week.
        cadence: 1 week
        last_review: 2026-08-28
        reviewer_role: cx-quality
    human_contact:
      how: Type "person" in the chat.
      when: Every day from 8:00 to 20:00.
      response_time: 5 minutes
    fairness:
      groups: [Customers writing in plain English, Customers writing in a second language]
      last_tested: 2026-07-15
"""
    text = "schema_version: 1\nai_systems:\n" + "".join(system.format(n=n) for n in range(300))
    path = write(tmp_path, text)
    assert text.count("\n") > 8_000
    # how fast is measured in benchmarks/bench_build.py ("load + check"); here: all of it, located
    data, marks = read_yaml(path)
    assert [system["id"] for system in data["ai_systems"]] == [f"system-{n}" for n in range(300)]
    assert marks[("ai_systems", 299, "fairness", "last_tested")].line == text.count("\n")
