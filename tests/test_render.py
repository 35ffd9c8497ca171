"""`generator.render`: the pages of both sites from a profile, here how the AI systems are
listed in the navigation once a company has many of them, and language editions rendered in
worker processes."""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest

from generator.i18n import MissingTranslation
from generator.render import GROUP_SYSTEMS_FROM, render
from generator.rules import evaluate
from tests.helpers import ROOT, default_data, english_only, profile_from


def with_systems(count: int, kinds: int = 5, *, english: bool = True) -> dict:
    """The default profile's first `kinds` systems repeated until there are `count` of them;
    in English only unless `english` is false."""
    data = english_only(default_data()) if english else default_data()
    originals = data["ai_systems"][:kinds]
    documents = data["documents"]
    data["ai_systems"] = []
    data["documents"] = {k: v for k, v in documents.items() if not k.startswith("system:")}
    for index in range(count):
        system = copy.deepcopy(originals[index % len(originals)])
        data["documents"][f"system:{system['id']}-{index}"] = copy.deepcopy(documents[f"system:{system['id']}"])
        system["id"] = f"{system['id']}-{index}"
        name = system["name"]
        system["name"] = {k: f"{v} {index}" for k, v in name.items()} if isinstance(name, dict) else f"{name} {index}"
        data["ai_systems"].append(system)
    for role in data["organisation"]["roles"]:
        role["responsibilities"] = []
    return data


def system_pages(count: int):
    profile = profile_from(with_systems(count))
    sites = render(profile, evaluate(profile, as_of=dt.date(2026, 9, 1)), project_dir=ROOT)
    public = [p for p in sites.public.pages if p.path.startswith("systems/") and p.in_nav]
    internal = [p for p in sites.internal.pages if p.path.startswith("playbooks/")]
    return profile, public, internal


def test_a_dozen_systems_are_one_flat_list():
    _, public, internal = system_pages(GROUP_SYSTEMS_FROM - 1)
    assert {p.group for p in public + internal} == {None}


def test_from_thirteen_systems_the_sidebar_groups_them_by_kind():
    profile, public, internal = system_pages(GROUP_SYSTEMS_FROM)
    kinds = {s.id: s.kind for s in profile.ai_systems}
    expected = {"generative_chat": "AI chat assistants", "voice_assistant": "AI voice assistants",
                "email_triage": "AI e-mail sorting", "agent_assist": "AI help for our team",
                "summarisation": "AI conversation summaries", "sentiment_analysis": "AI sentiment analysis",
                "automated_decision": "Automated decisions"}
    for page in public:
        assert page.section == "Our AI systems"
        assert page.group == expected[kinds[page.path.removeprefix("systems/").removesuffix(".md")]]
    for page in internal:
        assert page.group == expected[kinds[page.path.removeprefix("playbooks/").removesuffix(".md")]]


@pytest.mark.parametrize("count", [GROUP_SYSTEMS_FROM, 40])
def test_systems_of_a_single_kind_stay_one_list(count):
    profile = profile_from(with_systems(count, kinds=1))
    sites = render(profile, evaluate(profile, as_of=dt.date(2026, 9, 1)), project_dir=ROOT)
    assert {p.group for p in sites.public.pages} == {None}


@pytest.mark.parametrize("count, rows", [(GROUP_SYSTEMS_FROM - 1, "roles"), (GROUP_SYSTEMS_FROM, "systems")])
def test_the_staff_roles_matrix_turns_to_one_row_per_system_when_there_are_many(count, rows):
    data = with_systems(count)
    role = data["organisation"]["roles"][0]
    role["responsibilities"] = [{"system": data["ai_systems"][-1]["id"], "duties": ["Reviews the weekly sample."]}]
    profile = profile_from(data)
    sites = render(profile, evaluate(profile, as_of=dt.date(2026, 9, 1)), project_dir=ROOT)
    matrix = sites.internal.page("roles.md").markdown.split("## Responsibility matrix")[1].split("\n## ")[0]
    table = [line for line in matrix.splitlines() if line.startswith("|")]
    last = profile.ai_systems[-1]
    if rows == "systems":
        assert table[0].startswith("| System |") and table[0].count("](#role-") == len(data["organisation"]["roles"])
        assert len(table) == 2 + count
        assert table[-1].startswith(f"| [{last.name}](playbooks/{last.id}.md) | Reviews the weekly sample. |")
    else:
        assert table[0].startswith("| Role | Team | Contact |") and table[0].count("](playbooks/") == count
        assert len(table) == 2 + len(data["organisation"]["roles"])
        assert table[2].endswith("| Reviews the weekly sample. |")


def every_page(sites) -> dict:
    """Each page of both sites and every language edition, with all that is written of it."""
    sets = (sites.public, *sites.public.editions, sites.internal)
    return {(docs.spec.audience, docs.spec.language, page.path): page for docs in sets for page in docs.pages} | {
        (docs.spec.audience, docs.spec.language): docs.spec for docs in sets}


def test_language_editions_rendered_in_worker_processes_equal_those_rendered_here():
    """With more than one process allowed, the further editions (German, French) are rendered
    in workers while this process renders the English one and the staff site."""
    profile = profile_from(default_data())
    rules = evaluate(profile, as_of=dt.date(2026, 9, 1))
    here = every_page(render(profile, rules, project_dir=ROOT, jobs=1))
    side_by_side = every_page(render(profile, rules, project_dir=ROOT, jobs=3))
    assert len(here) > 60 and {key[1] for key in here} >= {"en", "de", "fr"}
    assert side_by_side == here


def test_an_error_in_an_edition_rendered_in_a_worker_is_the_error_rendered_here(tmp_path):
    catalogue = (ROOT / "templates/locales/de.yaml").read_text("utf-8")
    (tmp_path / "templates/locales").mkdir(parents=True)
    (tmp_path / "templates/locales/de.yaml").write_text(re.sub(r"(?s)\nmessages:.*", "\nmessages: {}\n", catalogue),
                                                        "utf-8")
    profile = profile_from(default_data())
    rules = evaluate(profile, as_of=dt.date(2026, 9, 1))
    errors = []
    for jobs in (1, 3):
        with pytest.raises(MissingTranslation) as caught:
            render(profile, rules, project_dir=tmp_path, jobs=jobs)
        errors.append((caught.value.message, caught.value.hint))
    assert errors[0] == errors[1]
    assert "has no translation in" in errors[0][0] and "messages:" in errors[0][1]


# --- special-category data -----------------------------------------------------------------

def public_pages(data: dict) -> dict[str, str]:
    profile = profile_from(data)
    public = render(profile, evaluate(profile), project_dir=ROOT).public
    return {page.path: page.markdown for page in public.pages}


def test_special_category_data_names_the_article_9_condition_on_the_system_page_and_in_the_notice():
    data = default_data()
    data["ai_systems"][0]["data"][0].update(special_category=True, special_category_condition="explicit_consent")
    pages = public_pages(data)
    item = "- The messages you type in the chat: your explicit consent (GDPR and UK GDPR Art. 9(2)(a))."
    for path in ("systems/chat-assistant.md", "privacy.md"):
        assert item in pages[path]
        clause = pages[path][:pages[path].index(item)].rsplit('<div class="candor-clause"', 1)[1]
        assert clause.startswith(' data-req="GDPR-9-2 UK-9-2"')
    assert "sensitive data, which the law protects specially" not in pages["systems/phone-assistant.md"]


def test_a_missing_article_9_condition_is_said_to_be_missing_not_invented():
    data = default_data()
    data["ai_systems"][0]["data"][0]["special_category"] = True
    pages = public_pages(data)
    assert "- The messages you type in the chat: not yet stated; ask us." in pages["systems/chat-assistant.md"]


def test_in_the_uk_a_health_care_condition_cites_its_data_protection_act_schedule_too():
    data = default_data()
    data["ai_systems"][0]["data"][0].update(special_category=True, special_category_condition="health_or_social_care")
    page = public_pages(data)["systems/chat-assistant.md"]
    assert ("(GDPR and UK GDPR Art. 9(2)(h); in the UK with the Data Protection Act 2018, Sch. 1 para. 2)."
            in page)


def staff_pages(data: dict) -> dict[str, str]:
    profile = profile_from(data)
    internal = render(profile, evaluate(profile), project_dir=ROOT).internal
    return {page.path: page.markdown for page in internal.pages}


def test_the_staff_pages_name_only_the_laws_of_the_places_served():
    from tests.test_coverage import serving

    uk = staff_pages(serving("UK"))
    assert "EU AI Act" not in uk["embed.md"] and "Customers should be told" in uk["embed.md"]
    assert "45 calendar days" not in uk["complaints.md"]
    california = staff_pages(serving("US-CA"))
    assert "(the chatbot disclosure laws of California)" in california["embed.md"]
    assert "| Answer | within **45 calendar days** |" in california["complaints.md"]
