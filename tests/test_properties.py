"""Property-based tests: generated profiles, valid and invalid, against the real pipeline.

Profiles are the default profile with fields replaced by generated values: text from the
whole of Unicode and from Markdown/HTML/Jinja fragments, wrong types, missing fields. The
properties:

- loading never raises anything but Candor's own errors (`ProfileError`/`CandorError`);
- every profile that loads renders, and renders the same Markdown twice;
- markup in profile text never becomes markup in the Markdown;
- a few valid profiles build real sites with the real engine.

Runs are derandomized, so CI sees the same examples every time; `max_examples` keeps the
whole module to a few seconds.
"""

from __future__ import annotations

import copy
import functools
import os
import re
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.commands.pipeline import check_profile
from generator.errors import CandorError
import generator.render
from generator.render import render
from tests.helpers import ROOT, default_data

FAST = settings(derandomize=True, max_examples=20, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

FRAGMENTS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
             "{{ 7 * 7 }}", "{% raw %}", "{#", "| a | b |", "# h", "---", "*", "_", "`", "\\", "&amp;",
             "\u202e", "\u200b", "👩🏽‍💻", "عربى", ">", "1.", "- ", "<!--", "]]>", "\r", "\n"]
texts = st.lists(st.one_of(st.text(min_size=1, max_size=20), st.sampled_from(FRAGMENTS)),
                 min_size=1, max_size=6).map("".join)
scalars = st.one_of(texts, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False),
                    st.dates(), st.lists(texts, max_size=2), st.dictionaries(texts, texts, max_size=2))

# Fields whose text reaches customers' pages (dotted paths into the default profile).
TEXT_FIELDS = [
    "company.brand_name", "company.legal_name", "company.address.city", "complaints.appeal",
    "ai_systems.0.name", "ai_systems.0.purpose", "ai_systems.0.does.0", "ai_systems.0.does_not.0",
    "ai_systems.0.limitations.0", "ai_systems.0.human_contact.how", "ai_systems.0.human_contact.when",
    "ai_systems.0.disclosure.how", "ai_systems.0.data.0.description", "ai_systems.0.purposes.0.purpose",
    "ai_systems.0.recipients.0.role", "ai_systems.4.decision.logic",
]
ANY_FIELDS = TEXT_FIELDS + [
    "schema_version", "company", "company.jurisdictions", "company.website", "company.email",
    "ai_systems", "ai_systems.0", "ai_systems.0.id", "ai_systems.0.kind", "ai_systems.0.retention",
    "ai_systems.0.human_contact.response_time", "documents", "documents.overview.effective_date",
    "complaints.acknowledgement", "site", "organisation.roles.0.id",
]


def with_value(path: str, value) -> dict:
    data = default_data()
    node = data
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    for part in parents:
        node = node[part]
    node[last] = value
    return data


def load(tmp_path: Path, data: dict):
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return check_profile(path)


# One compiled template environment for every example (`render` builds a new one per call,
# which a single CLI run needs once but a hundred examples would pay for a hundred times).
_ENVIRONMENT = functools.cache(generator.render.make_environment)


def render_markdown(checked) -> dict[str, str]:
    generator.render.make_environment = _ENVIRONMENT
    sites = render(checked.loaded.profile, checked.rules, project_dir=ROOT)
    return {f"{docs.spec.audience}/{page.path}": page.markdown
            for docs in (sites.public, sites.internal) for page in docs.pages}


@FAST
@given(path=st.sampled_from(ANY_FIELDS), value=scalars)
def test_any_profile_loads_or_is_refused_with_candor_errors_only(tmp_path, path, value):
    try:
        checked = load(tmp_path, with_value(path, value))
    except CandorError:
        return
    render_markdown(checked)  # whatever loads also renders


@FAST
@given(path=st.sampled_from(TEXT_FIELDS), value=texts)
def test_text_renders_deterministically_and_never_as_markup(tmp_path, path, value):
    try:
        checked = load(tmp_path, with_value(path, value))
    except CandorError:
        return
    first, second = render_markdown(checked), render_markdown(checked)
    assert first == second
    for name, markdown in first.items():
        # Profile text cannot open an HTML element or a javascript: link in any page.
        assert "<script" not in markdown and "<img" not in markdown, name
        assert not re.search(r"(?<!\\)\]\(javascript:", markdown), name
        assert "{{" not in markdown.replace("\\{\\{", ""), name


@settings(derandomize=True, max_examples=3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(brand=texts, how=texts)
def test_valid_generated_profiles_build_with_the_real_engine(tmp_path_factory, brand, how):
    data = with_value("company.brand_name", brand)
    data["ai_systems"][0]["human_contact"]["how"] = how
    # `how` is one text for every language: the German and French pages show it with their note
    data["site"]["fallback_to_default_language"] = True
    project = tmp_path_factory.mktemp("prop")
    (project / "content").mkdir()
    (project / "content" / "profile.yaml").write_text(
        yaml.safe_dump(copy.deepcopy(data), sort_keys=False, allow_unicode=True), "utf-8")
    cwd = Path.cwd()
    try:
        os.chdir(project)
        result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    finally:
        os.chdir(cwd)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 0:
        assert (project / "site" / "public" / "index.html").is_file()
    else:
        assert result.output.startswith("error: content/profile.yaml:"), result.output
