"""Hostile profiles: each has one exact expected outcome.

Either a located error with exit code 2 (and the previous site untouched, nothing written),
or a correct build in which nothing the profile says executes or escapes into markup: no
<script> but Material's own, no `on*` attribute, no `javascript:` link, and the hostile
text shown to the reader exactly as written.
"""

from __future__ import annotations

import hashlib
import os
import re
import tracemalloc
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from tests.helpers import default_data

# -- running the CLI in a project ----------------------------------------------------------


def invoke(project: Path, *args: str):
    cwd = Path.cwd()
    try:
        os.chdir(project)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(cwd)


def tree(root: Path) -> dict[str, str]:
    """Every file under `root` (outside `.`-folders the engine caches in) with its hash."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100_000)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project with a good site already built: every rejected profile must leave it be."""
    root = tmp_path_factory.mktemp("hostile") / "project"
    (root / "content").mkdir(parents=True)
    (root / "content" / "profile.yaml").write_text(dump(default_data()), "utf-8")
    assert invoke(root, "build").exit_code == 0
    return root


# -- rejected: a located error, exit code 2, nothing touched -------------------------------

def edited(edit) -> str:
    data = default_data()
    edit(data)
    return dump(data)


def _set(path: str, value):
    """An edit that sets one field, e.g. `_set("ai_systems.0.id", "../etc")`."""
    def edit(data):
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        for part in parents:
            data = data[part]
        data[last] = value
    return edit


BILLION_LAUGHS = "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
MESSAGE_ID = ('expected an id of lowercase letters, digits and single hyphens, starting with a letter, '
              'at most 40 characters (e.g. "chat-assistant"), got ')

REJECTED = {
    "billion-laughs alias bomb": (
        BILLION_LAUGHS,
        "profile.yaml:2:12 lol1[0]: YAML aliases (*a0) are not supported; write the value out in full "
        "(81 aliases in the file)"),
    "100,000 nested brackets": (
        "company: " + "[" * 100_000 + "]" * 100_000 + "\n",
        # PyYAML 6.0.4+ stops it in the scanner at 1,000 flow levels (column 1009), older
        # versions reach Candor's own depth check at level 50 (column 59): same message either way
        re.compile(r"profile\.yaml:1:(1009|59) (company(\[0\]){49}: )?nesting is deeper than 50 levels; "
                   r"a profile never needs that many")),
    "60 nested lists": (
        "company: " + "[" * 60 + "]" * 60 + "\n",
        "profile.yaml:1:59 company" + "[0]" * 49 + ": nesting is deeper than 50 levels"),
    "tag that constructs a Python object": (
        "company: !!python/object/apply:os.system ['touch pwned']\n",
        "profile.yaml:1:10 company: the YAML tag !!python/object/apply:os.system is not allowed; "
        "use plain text, numbers, dates, lists and mappings"),
    "duplicate key": (
        "schema_version: 1\nschema_version: 1\n",
        'profile.yaml:2:1 schema_version: duplicate key "schema_version"; it is already set on line 1'),
    "wrong types everywhere": (
        "schema_version: one\ncompany: [a]\nai_systems: {a: 1}\ncomplaints: 3\ndocuments: []\n",
        "profile.yaml:1:1 organisation: required field is missing\n"
        'content/profile.yaml:1:17 schema_version: expected a whole number, got "one"\n'
        "content/profile.yaml:2:10 company: expected a mapping of fields, got a list\n"
        "content/profile.yaml:3:13 ai_systems: expected a list, got a mapping\n"
        "content/profile.yaml:4:13 complaints: expected a mapping of fields, got 3\n"
        "content/profile.yaml:5:12 documents: expected a mapping, got a list\n"
        "6 problems in the profile; nothing was written."),
    "id with ../": (edited(_set("ai_systems.0.id", "../../etc")), MESSAGE_ID + '"../../etc"'),
    "id with a slash": (edited(_set("ai_systems.0.id", "chat/assistant")), MESSAGE_ID + '"chat/assistant"'),
    "id with dots": (edited(_set("ai_systems.0.id", "chat.assistant")), MESSAGE_ID + '"chat.assistant"'),
    "id with a Cyrillic look-alike": (edited(_set("ai_systems.0.id", "chаt-assistant")),
                                      MESSAGE_ID + '"chаt-assistant"'),
    "reserved id (Windows device name)": (edited(_set("ai_systems.0.id", "con")),
                                          '"con" is reserved for a page of the site; choose another id'),
    "reserved id (a page of the site)": (edited(_set("ai_systems.0.id", "privacy")),
                                         '"privacy" is reserved for a page of the site; choose another id'),
    "duplicate id": (edited(_set("ai_systems.1.id", "chat-assistant")),
                     'ai_systems[1].id: duplicate id "chat-assistant" (also used by ai_systems[0])'),
    "javascript: web address": (
        edited(_set("company.website", "javascript:alert(1)")),
        'company.website: expected an https:// web address like "https://www.example.com/privacy", '
        'got "javascript:alert(1)"'),
    "web address hiding another host": (
        edited(_set("company.website", "https://www.halden.example@evil.example/")),
        'company.website: expected an https:// web address like "https://www.example.com/privacy", '
        'got "https://www.halden.example@evil.example/"'),
    "web address that breaks out of its link": (
        edited(_set("company.website", 'https://www.halden.example/"><script>')),
        'company.website: expected an https:// web address'),
    "e-mail address with a mailto: query": (
        edited(_set("company.email", "help@halden.example?bcc=all@evil.example")),
        'company.email: expected an e-mail address like "privacy@example.com", '
        'got "help@halden.example?bcc=all@evil.example"'),
    "e-mail address with markup": (
        edited(_set("company.email", "<help@halden.example>")),
        'company.email: expected an e-mail address like "privacy@example.com", got "<help@halden.example>"'),
    "10,000-character name": (edited(_set("company.brand_name", "H" * 10_000)),
                              "company.brand_name: expected at most 500 characters, got 10000"),
    "right-to-left override": (
        edited(_set("ai_systems.0.name", "Chat \u202eAI-free\u202c")),
        "ai_systems[0].name: contains the invisible text-direction control U+202E at character 6"),
}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_a_hostile_profile_is_refused_with_a_located_error(project, name):
    text, expected = REJECTED[name]
    before = tree(project / "site")
    (project / "content" / "profile.yaml").write_text(text, "utf-8")
    result = invoke(project, "build")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: content/profile.yaml:"), result.output
    if isinstance(expected, re.Pattern):
        assert expected.search(result.output), result.output
    else:
        assert expected in result.output
    assert "Traceback" not in result.output
    assert tree(project / "site") == before
    assert not [p for p in (project / "site").iterdir() if p.name.startswith(".")]
    assert not (project / "pwned").exists()


def test_alias_bombs_and_deep_nesting_are_refused_in_bounded_memory(tmp_path):
    for name in ("billion-laughs alias bomb", "100,000 nested brackets"):
        (tmp_path / "profile.yaml").write_text(REJECTED[name][0], "utf-8")
        tracemalloc.start()
        try:
            result = invoke(tmp_path, "check", "profile.yaml")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert result.exit_code == 2
        assert peak < 30 * 1024 * 1024, f"{name}: {peak / 1e6:.0f} MB"


def test_a_50_mb_file_is_refused_by_its_size_without_being_read(tmp_path):
    path = tmp_path / "profile.yaml"
    with path.open("wb") as handle:
        handle.write(b"company:\n  legal_name: " + b"x" * (50 * 1024 * 1024) + b"\n")
    tracemalloc.start()
    try:
        result = invoke(tmp_path, "check", "profile.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == "error: profile.yaml: the file is 50.0 MB; the limit is 5 MB"
    assert peak < 10 * 1024 * 1024  # the 50 MB were never read into memory


# -- accepted: a correct build where nothing executes --------------------------------------

MARKUP = {
    "script": "<script>alert('candor-pwned')</script>",
    "event attribute": '<img src=x onerror="alert(1)"> <b onmouseover=alert(1)>hover</b>',
    "javascript link": "[click me](javascript:alert(1)) and <javascript:alert(2)>",
    "raw Jinja": "{{ 7 * 7 }} {% if true %}jinja ran{% endif %} {# gone #}",
    "table breaker": "| a | b |\n|---|---|",
    "heading": "# Not a heading",
    "html comment": "<!-- hidden --> -->",
    "entity": "&lt;b&gt; &amp; &#x3C;script&#x3E;",
    "right-to-left text": "خدمة العملاء שירות לקוחות",
    "zero-width characters": "zero\u200bwidth\u200cjoiner\u200d",
    "emoji": "👩🏽‍💻 🇳🇱 ☎️",
}


def hostile_data() -> tuple[dict, dict[str, str]]:
    """The default profile with hostile text in the fields customers read, the same in each of
    its languages (so every language's pages are tested); returns the data and the text each
    page must show."""
    data = default_data()
    system = data["ai_systems"][0]
    data["company"]["brand_name"] = "Halden " + MARKUP["script"]
    data["company"]["legal_name"] = "Halden " + MARKUP["event attribute"] + " B.V."
    name = "Chat " + MARKUP["raw Jinja"]
    system["name"] = everywhere(name)
    system["purpose"] = everywhere(MARKUP["javascript link"] + " " + MARKUP["html comment"])
    system["does"] = [everywhere(MARKUP[key]) for key in ("heading", "entity", "emoji")]
    system["limitations"] = [everywhere(MARKUP[key]) for key in ("right-to-left text", "zero-width characters")]
    system["human_contact"]["how"] = everywhere("Type " + MARKUP["table breaker"].replace("\n", " "))
    shown = {
        "index.html": data["company"]["brand_name"],
        "privacy/index.html": data["company"]["legal_name"],
        "systems/chat-assistant/index.html": name,
        "de/systems/chat-assistant/index.html": name,
        "fr/index.html": data["company"]["brand_name"],
    }
    return data, shown


def everywhere(text: str) -> dict[str, str]:
    return {language: text for language in ("en", "de", "fr")}


class _Markup(HTMLParser):
    """What a browser would run or follow in one page, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.js_links: list[str] = []
        self.text: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if value and value.strip().lower().replace("\t", "").startswith(("javascript:", "vbscript:", "data:text")):
                self.js_links.append(f"<{tag} {name}={value}>")
        if tag == "script":
            values = dict(attrs)
            # JSON-LD is data, not code: kept apart, and checked for markup below.
            self.scripts.append(values.get("src") or ("ld+json:" if values.get("type") == "application/ld+json" else ""))
            self._script = True

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def read(path: Path) -> _Markup:
    parser = _Markup()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser


def inline_scripts(page: _Markup) -> set[str]:
    return {script for script in page.scripts if not script.startswith(("assets/", "../", "ld+json:"))}


def test_hostile_text_builds_and_nothing_executes_or_escapes(project, tmp_path):
    data, shown = hostile_data()
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "profile.yaml").write_text(dump(data), "utf-8")
    outside = tree(tmp_path)
    result = invoke(project, "build")
    assert result.exit_code == 0, result.output
    # Nothing written outside the project's build and site folders.
    after = tree(tmp_path)
    assert {name.split("/")[1] for name in set(after) - set(outside)} <= {"build", "site"}
    site = project / "site" / "public"
    pages = {p.relative_to(site).as_posix(): read(p) for p in sorted(site.rglob("*.html"))}
    for name, page in pages.items():
        assert page.handlers == [], name
        assert page.js_links == [], name
        for script in (s for s in page.scripts if not s.startswith("ld+json:")):
            assert "candor-pwned" not in script and "alert(" not in script, (name, script[:200])
        # Material's own scripts only: its bundle by src, and no inline script that a build
        # of the default profile does not have on the same page.
        sources = [src for src in page.scripts if src.startswith(("assets/", "../"))]
        assert all("assets/javascripts/" in src for src in sources), sources
        assert inline_scripts(page) <= inline_scripts(read(project / "site" / "public" / name)), name
        assert not [s for s in page.scripts if s.startswith("ld+json:") and "<" in s], name
    # The reader sees the text exactly as the profile wrote it (spacing collapsed).
    for name, text in shown.items():
        visible = " ".join("".join(pages[name].text).split())
        assert " ".join(text.split()) in visible, name
    system = " ".join("".join(pages["systems/chat-assistant/index.html"].text).split())
    for key in ("javascript link", "html comment", "heading", "entity", "emoji", "right-to-left text",
                "zero-width characters"):
        assert " ".join(MARKUP[key].split()) in system, key
    assert "49" not in system.split("Chat ")[1][:20] and "jinja ran" not in system.replace(
        "{% if true %}jinja ran{% endif %}", "")
    assert "<h1" not in _between(site / "systems/chat-assistant/index.html", "Not a heading")


def _between(path: Path, text: str) -> str:
    html = path.read_text("utf-8")
    at = html.index(text)
    return html[max(0, at - 40):at]
