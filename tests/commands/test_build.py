"""`candor build`: both sites from one profile, with the real MkDocs engine, all or nothing."""

import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.site import find_third_party_references
from generator.visibility import internal_field_paths
from generator.profile import Profile
from tests.helpers import ROOT, default_data, write_profile
from tests.test_render import with_systems

SENTINEL = "zqxleak"
SYSTEM_IDS = ["chat-assistant", "phone-assistant", "email-sorting", "reply-suggestions", "refund-check"]


def build(project: Path, *args: str):
    """Run `candor build` in `project` as a user would, and return click's result."""
    cwd = Path.cwd()
    try:
        os.chdir(project)
        return CliRunner().invoke(main, ["build", *args], catch_exceptions=False)
    finally:
        os.chdir(cwd)


def project_with(tmp_path: Path, data: dict) -> Path:
    (tmp_path / "content").mkdir(exist_ok=True)
    write_profile(tmp_path / "content", data)
    return tmp_path


def every_file(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = project_with(tmp_path_factory.mktemp("default"), default_data())
    result = build(project)
    assert result.exit_code == 0, result.output
    return project


def test_both_sites_are_built_with_every_page(built):
    public, internal = built / "site" / "public", built / "site" / "internal"
    for page in ["index.html", "privacy/index.html", "rights/index.html", "history/index.html",
                 *(f"systems/{s}/index.html" for s in SYSTEM_IDS)]:
        assert (public / page).is_file(), page
    for page in ["index.html", "roles/index.html", "complaints/index.html", "calendar/index.html",
                 "findings/index.html", *(f"playbooks/{s}/index.html" for s in SYSTEM_IDS)]:
        assert (internal / page).is_file(), page


@pytest.mark.parametrize("language", ["de", "fr"])
def test_every_public_page_exists_in_german_and_french_with_its_language_and_alternates(built, language):
    public = built / "site" / "public"
    english = sorted(p.relative_to(public).as_posix() for p in public.rglob("*.html")
                     if not p.relative_to(public).as_posix().startswith(("de/", "fr/", "embed/")))
    edition = sorted(p.relative_to(public / language).as_posix() for p in (public / language).rglob("*.html"))
    assert edition == english
    for page in edition:
        html = (public / language / page).read_text("utf-8")
        assert f'<html lang="{language}"' in html, page
        if page != "404.html":
            url = "" if page == "index.html" else page.removesuffix("index.html")
            assert f'<link rel="alternate" href="https://ai.halden.example/{url}" hreflang="en">' in html, page
            assert (f'<link rel="alternate" href="https://ai.halden.example/{language}/{url}" '
                    f'hreflang="{language}">') in html, page
    toggle = {"de": "Zum dunklen Modus wechseln", "fr": "Passer au mode sombre"}[language]
    assert toggle in (public / language / "index.html").read_text("utf-8")  # the theme's labels too


def test_navigation_is_grouped_in_sections(built):
    html = (built / "site" / "public" / "index.html").read_text()
    for section in ["Our AI systems", "Privacy and your rights", "About these pages"]:
        assert section in html


def test_the_footer_names_the_legal_entity_and_effective_date(built):
    html = (built / "site" / "public" / "privacy" / "index.html").read_text()
    assert "Halden Outdoor Supply B.V." in html and "1 September 2026" in html


def test_the_public_site_requests_nothing_from_a_third_party(built):
    assert find_third_party_references(built / "site" / "public", {"ai.halden.example"}) == []


def test_requirement_markers_survive_into_the_html(built):
    html = (built / "site" / "public" / "privacy" / "index.html").read_text()
    assert 'data-req="' in html and "GDPR-13-1-c" in html


def test_the_same_profile_builds_a_byte_identical_site(built, tmp_path):
    again = project_with(tmp_path, default_data())
    assert build(again).exit_code == 0
    for audience in ("public", "internal"):
        assert every_file(again / "site" / audience) == every_file(built / "site" / audience)


def _plant(value, fields: list[str]):
    """Put the sentinel into every string under the given dotted field paths."""
    if not fields:
        return _poison(value)
    head, rest = fields[0], fields[1:]
    if head.endswith("[]"):
        for item in value.get(head[:-2], []) or []:
            _plant(item, rest)
        return value
    if head in value and value[head] is not None:
        value[head] = _plant(value[head], rest)
    return value


def _poison(value):
    if isinstance(value, str):
        if value[:1].isdigit():          # durations ("5 minutes") stay valid
            return f"{value} after {SENTINEL}"
        return f"{SENTINEL}-{value}" if value.replace("-", "").isalnum() and value.islower() else f"{SENTINEL} {value}"
    if isinstance(value, list):
        return [_poison(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in {"system", "level"} else _poison(v)) for k, v in value.items()}
    return value


def sentinel_profile() -> dict:
    data = default_data()
    for path in internal_field_paths(Profile):
        _plant(data, path.split("."))
    return data


def test_staff_only_fields_never_reach_the_public_site(tmp_path):
    project = project_with(tmp_path, sentinel_profile())
    result = build(project)
    assert result.exit_code == 0, result.output
    leaked = []
    for name, data in every_file(project / "site" / "public").items():
        text = gzip.decompress(data) if name.endswith(".gz") else data
        if SENTINEL.encode() in text:
            leaked.append(name)
    assert leaked == []
    # The sentinel really was planted: the internal site shows it.
    internal = every_file(project / "site" / "internal")
    assert any(SENTINEL.encode() in data for data in internal.values())


def test_a_removed_system_leaves_no_stale_page(tmp_path):
    data = default_data()
    project = project_with(tmp_path, data)
    assert build(project).exit_code == 0
    assert (project / "site" / "public" / "systems" / "email-sorting" / "index.html").exists()
    data["ai_systems"] = [s for s in data["ai_systems"] if s["id"] != "email-sorting"]
    del data["documents"]["system:email-sorting"]
    for role in data["organisation"]["roles"]:
        role["responsibilities"] = [r for r in role["responsibilities"] if r["system"] != "email-sorting"]
    write_profile(project / "content", data)
    assert build(project).exit_code == 0
    assert not (project / "site" / "public" / "systems" / "email-sorting").exists()
    assert not (project / "site" / "internal" / "playbooks" / "email-sorting").exists()
    assert b"email-sorting" not in (project / "site" / "public" / "search" / "search_index.json").read_bytes()


def test_a_failed_build_leaves_both_previous_sites_untouched(tmp_path):
    project = project_with(tmp_path, default_data())
    assert build(project).exit_code == 0
    before = {a: every_file(project / "site" / a) for a in ("public", "internal")}
    # The company's own template breaks only the public site (a link to a missing page);
    # the internal site builds first and must not be swapped in on its own.
    (project / "templates" / "public").mkdir(parents=True)
    (project / "templates" / "public" / "history.md.j2").write_text("# History\n\n[gone](missing.md)\n")
    result = build(project)
    assert result.exit_code == 2
    assert "missing.md" in result.output and "Traceback" not in result.output
    assert {a: every_file(project / "site" / a) for a in ("public", "internal")} == before
    assert not [p for p in (project / "site").iterdir() if p.name.startswith(".")]


def test_sites_and_editions_built_side_by_side_equal_those_built_one_after_another(tmp_path):
    """--jobs 2 runs the four engine runs (internal, and the public site in en, de, fr) in two
    worker processes; the result must not depend on which finished first."""
    sites = {}
    for jobs in ("1", "2"):
        (tmp_path / jobs).mkdir()
        project = project_with(tmp_path / jobs, default_data())
        result = build(project, "--jobs", jobs)
        assert result.exit_code == 0, result.output
        sites[jobs] = {audience: every_file(project / "site" / audience) for audience in ("public", "internal")}
    assert sites["1"] == sites["2"]


def test_a_build_side_by_side_prints_what_a_build_one_after_another_prints(tmp_path):
    """Worker processes write nothing of their own to the terminal (run as a user runs it, so
    that anything a worker printed would show)."""
    project = project_with(tmp_path, default_data())
    outputs = []
    for jobs in ("1", "2"):
        run = subprocess.run([sys.executable, "-m", "generator", "build", "--jobs", jobs], cwd=project,
                             capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert run.returncode == 0, run.stderr
        outputs.append((run.stdout, run.stderr))
    assert outputs[0] == outputs[1]
    assert "Built" in outputs[1][0]


def test_ctrl_c_stops_a_build_side_by_side_at_once_and_leaves_the_previous_sites(tmp_path):
    project = project_with(tmp_path, default_data())
    assert build(project).exit_code == 0
    before = {a: every_file(project / "site" / a) for a in ("public", "internal")}
    write_profile(project / "content", with_systems(60, english=False))  # 3 languages, ~500 pages
    run = subprocess.Popen([sys.executable, "-m", "generator", "build", "--jobs", "2"], cwd=project,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)},
                           preexec_fn=lambda: (os.setsid(), signal.signal(signal.SIGINT, signal.SIG_DFL)))
    deadline = time.monotonic() + 120
    while not list((project / "site").glob(".public-*.tmp")) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the engine runs are under way
    assert run.poll() is None, run.communicate()
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C on a terminal does: the whole process group
    stdout, stderr = run.communicate(timeout=60)

    assert run.returncode == 130, (stdout, stderr)
    assert stderr.strip() == "interrupted"
    assert {a: every_file(project / "site" / a) for a in ("public", "internal")} == before
    assert not [p for p in (project / "site").iterdir() if p.name.startswith(".")]


def test_an_edition_failing_in_a_worker_names_its_language_and_leaves_every_site_untouched(tmp_path):
    project = project_with(tmp_path, default_data())
    pages = project / "content" / "pages"
    for language in ("de", "fr"):
        (pages / language).mkdir(parents=True)
    (pages / "help.md").write_text("# Help\n\nWrite to us.\n")
    (pages / "de" / "help.md").write_text("# Hilfe\n\nSchreiben Sie uns.\n", "utf-8")
    (pages / "fr" / "help.md").write_text("# Aide\n\nÉcrivez-nous.\n", "utf-8")
    assert build(project).exit_code == 0
    before = {a: every_file(project / "site" / a) for a in ("public", "internal")}
    (pages / "fr" / "help.md").write_text("# Aide\n\n[Écrivez-nous](missing.md).\n", "utf-8")

    result = build(project, "--jobs", "2")

    assert result.exit_code == 2
    assert "The public site (fr edition) did not build" in result.output
    assert "missing.md" in result.output and "Traceback" not in result.output
    assert {a: every_file(project / "site" / a) for a in ("public", "internal")} == before
    assert not [p for p in (project / "site").iterdir() if p.name.startswith(".")]


def test_a_broken_profile_writes_nothing(tmp_path):
    data = default_data()
    data["ai_systems"][0]["retention"]["chat-messages"] = "forever"
    project = project_with(tmp_path, data)
    result = build(project)
    assert result.exit_code == 2
    assert 'ai_systems[0].retention.chat-messages: expected a duration like "30 days"' in result.output
    assert not (project / "site").exists() and not (project / "build").exists()


def test_hand_written_pages_join_the_public_site_with_profile_variables(tmp_path):
    project = project_with(tmp_path, default_data())
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "accessibility.md").write_text(
        "# Accessibility\n\n{{ brand_name }} answers accessibility questions at {{ email }}.\n")
    for language, text in [("de", "# Barrierefreiheit\n\n{{ brand_name }} beantwortet Fragen unter {{ email }}.\n"),
                           ("fr", "# Accessibilité\n\n{{ brand_name }} répond aux questions à {{ email }}.\n")]:
        (project / "content" / "pages" / language).mkdir()
        (project / "content" / "pages" / language / "accessibility.md").write_text(text, "utf-8")
    result = build(project)
    assert result.exit_code == 0, result.output
    german = (project / "site" / "public" / "de" / "pages" / "accessibility" / "index.html").read_text("utf-8")
    assert "Halden beantwortet Fragen unter help@halden.example." in german
    html = (project / "site" / "public" / "pages" / "accessibility" / "index.html").read_text()
    assert "Halden answers accessibility questions at help@halden.example." in html


def test_a_hand_written_page_cannot_reach_the_rest_of_the_profile(tmp_path):
    project = project_with(tmp_path, default_data())
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "leak.md").write_text("# Leak\n\n{{ organisation }}\n")
    result = build(project)
    assert result.exit_code == 2
    assert "leak.md:3" in result.output and "'organisation' is undefined" in result.output
    assert "pages may use only: brand_name, effective_date, email" in result.output
