"""Machine-readable facts, embeds, brand files and head metadata of the built public site."""

import json
import re
import struct
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from generator import embed
from generator.brand import AA_TEXT, contrast
from generator.cli import main
from generator.commands.init import STARTERS, starter_path
from generator.commands.pipeline import generate
from generator.machine import SCHEMA_PATH, with_extras
from tests.commands.test_build import SENTINEL, build, project_with, sentinel_profile
from tests.helpers import default_data, profile_from, write_profile

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validator():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def public_assets(profile_path: Path) -> dict[str, bytes]:
    checked, sites = generate(profile_path, project_dir=profile_path.parent)
    return with_extras(sites, checked.loaded, profile_path).public.assets


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = project_with(tmp_path_factory.mktemp("machine"), default_data())
    assert build(project).exit_code == 0
    return project / "site" / "public"


# -- transparency.json ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(STARTERS))
def test_every_starters_record_is_valid_against_the_published_schema(name):
    record = json.loads(public_assets(starter_path(name))["transparency.json"])
    assert list(validator().iter_errors(record)) == []
    assert record["schema_version"] == 1


def test_the_site_publishes_the_record_and_its_schema(site):
    record = json.loads((site / "transparency.json").read_text())
    published = json.loads((site / "schema" / "transparency.schema.json").read_text())
    assert published == SCHEMA and published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert record["schema"] == "https://ai.halden.example/schema/transparency.schema.json"
    assert list(validator().iter_errors(record)) == []


def test_the_record_holds_every_public_fact(site):
    record = json.loads((site / "transparency.json").read_text())
    assert record["company"]["legal_name"] == "Halden Outdoor Supply B.V."
    assert [s["id"] for s in record["systems"]] == ["chat-assistant", "phone-assistant", "email-sorting",
                                                    "reply-suggestions", "refund-check"]
    refund = record["systems"][4]
    assert refund["decision"]["contest"].startswith("Reply to the refund e-mail")
    assert refund["retention"]["return-details"] == "7 years after the refund, as tax law requires"
    assert refund["page"] == "https://ai.halden.example/systems/refund-check/"
    assert record["human_contact"][1] == {"system": "phone-assistant", "system_name": "Halden Voice Line",
                                          "how": 'Say "agent" or press 0 at any time.',
                                          "when": "Monday to Saturday, 8:00 to 20:00 Amsterdam time.",
                                          "response_time": "3 minutes"}
    privacy = next(d for d in record["documents"] if d["id"] == "privacy")
    assert privacy["version"] == 3 and privacy["url"] == "https://ai.halden.example/privacy/"
    assert record["complaints"]["acknowledgement"] == "2 business days"


def test_staff_only_fields_are_not_in_the_record():
    record = public_assets_from(sentinel_profile())["transparency.json"]
    assert SENTINEL.encode() not in record
    data = json.loads(record)
    assert "escalation" not in data["systems"][0] and "internal_notes" not in data["systems"][0]
    assert "reviewer_role" not in data["systems"][0]["oversight"][0]
    assert "organisation" not in data and "internal_steps" not in data["complaints"]


def public_assets_from(data: dict) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        return public_assets(write_profile(Path(folder), data))


# -- ATRS -----------------------------------------------------------------------------------


def test_an_atrs_record_per_system_with_tier_1_and_tier_2(site):
    record = json.loads((site / "atrs" / "refund-check.json").read_text())
    assert record["standard_version"] == "3.0"
    assert record["tier_1"] == {
        "name": "Automatic refund check",
        "description": record["tier_1"]["description"],
        "website": "https://ai.halden.example/systems/refund-check/",
        "contact_email": "privacy@halden.example",
    }
    assert record["tier_1"]["description"].startswith("Checks return and refund requests")
    assert set(record["tier_2"]) == {"owner_and_responsibility", "description_and_rationale",
                                     "decision_making_process", "tool_specification", "data_specification",
                                     "risks_mitigations_and_impact_assessments"}
    assert "tier_2.owner_and_responsibility.team" in record["not_held"]
    assert record["tier_2"]["decision_making_process"]["process_integration"].endswith(
        "(without a person taking part).")
    chat = json.loads((site / "atrs" / "chat-assistant.json").read_text())
    assert chat["tier_2"]["tool_specification"]["models"] == [
        {"name": "Northlake Converse 4", "provider": "Northlake Language Systems Inc."}]


def test_atrs_records_leave_staff_only_facts_out():
    assets = public_assets_from(sentinel_profile())
    for name, data in assets.items():
        if name.startswith("atrs/"):
            assert SENTINEL.encode() not in data, name


# -- the chat notice ------------------------------------------------------------------------


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(text: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(text)
    return parser.tags


def test_a_notice_for_each_system_customers_chat_with_and_none_for_others(site):
    assert sorted(p.name for p in (site / "embed").iterdir()) == [
        "chat-assistant.de.html", "chat-assistant.fr.html", "chat-assistant.html"]


def test_each_languages_notice_is_in_that_language_and_links_to_that_languages_page(site):
    text = (site / "embed" / "chat-assistant.de.html").read_text("utf-8")
    assert 'lang="de"' in text and "Sie chatten mit einem KI-Assistenten." in text
    assert 'href="https://ai.halden.example/de/systems/chat-assistant/"' in text


def test_the_notice_says_ai_person_and_links_to_the_system_page_without_script(site):
    text = (site / "embed" / "chat-assistant.html").read_text()
    assert "You are chatting with an AI assistant." in text
    assert "You can ask to talk to a person." in text
    tags = elements(text)
    assert not [t for t, _ in tags if t in {"script", "iframe", "img", "link"}]
    aside = next(a for t, a in tags if t == "aside")
    assert aside["role"] == "note" and aside["aria-label"] == "AI notice" and aside["lang"] == "en"
    link = next(a for t, a in tags if t == "a")
    assert link["href"] == "https://ai.halden.example/systems/chat-assistant/"
    assert "How we use AI" in text and 'aria-hidden="true"> →' in text


def test_the_notice_text_and_link_meet_aa_contrast():
    for accent in ("#b3541e", "#ffcc00", "#00ff00", "#777777"):
        data = default_data()
        data["site"]["branding"]["accent"] = accent
        profile = profile_from(data)
        html = embed.snippet(profile, profile.ai_systems[0], "en")
        link = re.search(r'rel="noopener" style="color: (#[0-9a-f]{6})', html).group(1)
        assert contrast(link, embed.BACKGROUND) >= AA_TEXT, accent
        assert contrast(embed.TEXT, embed.BACKGROUND) >= 7


def test_a_notice_in_every_language_the_profile_uses():
    data = default_data()
    data["company"]["languages"] = ["en", "de", "fr"]
    files = embed.embed_files(profile_from(data))
    assert sorted(files) == ["embed/chat-assistant.de.html", "embed/chat-assistant.fr.html",
                             "embed/chat-assistant.html"]
    assert 'lang="de"' in files["embed/chat-assistant.de.html"]
    assert "Sie chatten mit einem KI-Assistenten." in files["embed/chat-assistant.de.html"]
    assert "Vous discutez avec un assistant" in files["embed/chat-assistant.fr.html"]


def test_the_internal_site_shows_the_code_and_where_to_put_it(site):
    page = (site.parent / "internal" / "embed" / "index.html").read_text()
    assert "before the customer types the first message" in page
    assert "Art. 50(1) and (5)" in page
    assert "&lt;aside class=&quot;candor-ai-notice&quot;" in page or "&lt;aside class=\"candor-ai-notice\"" in page


# -- every public page's head ---------------------------------------------------------------


def public_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html"))]


def test_every_public_page_has_description_open_graph_and_json_ld(site):
    pages = public_pages(site)
    assert len(pages) >= 9
    for page in pages:
        text = page.read_text()
        metas = {(a.get("name") or a.get("property")): a.get("content") for t, a in elements(text) if t == "meta"}
        for key in ("description", "og:title", "og:description", "og:type", "og:site_name", "og:url"):
            assert metas.get(key), f"{page}: {key}"
        assert metas["og:url"] == re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL)
        assert len(blocks) == 1, page
        graph = json.loads(blocks[0])["@graph"]
        assert graph[0]["@type"] == "Organization" and graph[0]["legalName"] == "Halden Outdoor Supply B.V."
        assert graph[1]["@type"] == "WebPage" and graph[1]["url"] == metas["og:url"]


def test_the_internal_site_has_no_open_graph_or_json_ld(site):
    text = (site.parent / "internal" / "index.html").read_text()
    assert "og:title" not in text and "application/ld+json" not in text


def test_hostile_profile_text_cannot_break_out_of_the_head(tmp_path):
    data = default_data()
    data["company"]["brand_name"] = 'Evil </script><script>alert(1)</script> "quoted" & co'
    project = project_with(tmp_path, data)
    assert build(project).exit_code == 0
    text = (project / "site" / "public" / "privacy" / "index.html").read_text()
    block = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL)
    assert len(block) == 1
    assert json.loads(block[0])["@graph"][0]["name"].startswith("Evil </script>")
    assert "<script>alert(1)" not in text
    assert 'content="How Evil &lt;/script&gt;' in text


# -- brand ----------------------------------------------------------------------------------


def png(width: int = 1, height: int = 1) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\x00" + b"\x1f\x4e\x79" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_logo_favicon_and_colours_reach_the_public_site(tmp_path):
    data = default_data()
    data["site"]["branding"].update(logo="brand/logo.png", favicon="brand/icon.svg", primary="#0b5d4b")
    project = project_with(tmp_path, data)
    (project / "content" / "brand").mkdir()
    (project / "content" / "brand" / "logo.png").write_bytes(png())
    (project / "content" / "brand" / "icon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    result = build(project)
    assert result.exit_code == 0, result.output
    public = project / "site" / "public"
    assert (public / "assets" / "brand" / "logo.png").read_bytes() == png()
    assert (public / "assets" / "brand" / "favicon.svg").is_file()
    html = (public / "index.html").read_text()
    assert 'src="assets/brand/logo.png"' in html and 'rel="icon" href="assets/brand/favicon.svg"' in html
    assert '<link rel="stylesheet" href="stylesheets/brand.css">' in html
    assert "--md-primary-fg-color: #0b5d4b;" in (public / "stylesheets" / "brand.css").read_text()
    org = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.DOTALL).group(1))["@graph"][0]
    assert org["logo"] == "https://ai.halden.example/assets/brand/logo.png"


@pytest.mark.parametrize("content, message", [
    (None, "site.branding.logo: no such file:"),
    (b"GIF? no, a text file", "site.branding.logo: not a PNG, JPEG, GIF, WebP, ICO or SVG image"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "site.branding.logo: the SVG contains a script"),
])
def test_a_bad_logo_is_a_located_error_and_nothing_is_built(tmp_path, content, message):
    data = default_data()
    data["site"]["branding"]["logo"] = "logo.svg"
    project = project_with(tmp_path, data)
    if content is not None:
        (project / "content" / "logo.svg").write_bytes(content)
    for command in ("check", "build"):  # the check finds what the build would refuse
        result = CliRunner().invoke(main, [command, str(project / "content" / "profile.yaml"),
                                           *(["--site-dir", str(project / "site")] if command == "build" else [])])
        assert result.exit_code == 2
        assert re.search(r"profile\.yaml:\d+:\d+ " + re.escape(message), result.output), result.output
    assert not (project / "site").exists()


def test_the_notice_carries_what_the_system_must_say_first_in_each_language():
    data = default_data()
    data["ai_systems"][0]["disclosure"]["opening_words"] = {
        "en": "I cannot give medical advice", "de": "Ich gebe keinen medizinischen Rat.",
        "fr": "Je ne donne pas de conseil médical."}
    files = embed.embed_files(profile_from(data))
    assert ("<strong>You are chatting with an AI assistant.</strong> I cannot give medical advice. "
            "You can ask to talk to a person.") in files["embed/chat-assistant.html"]
    assert "</strong> Ich gebe keinen medizinischen Rat. Sie können" in files["embed/chat-assistant.de.html"]
    assert "Je ne donne pas de conseil médical." in files["embed/chat-assistant.fr.html"]
