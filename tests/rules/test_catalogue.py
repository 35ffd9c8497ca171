"""The requirement catalogue: it loads, it says what the reference says, and bad rows are refused."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from generator.jurisdictions import JURISDICTIONS
from generator.profile import Profile
from generator.rules.catalogue import (
    CATALOGUE_DIR,
    PREDICATES,
    Catalogue,
    CatalogueError,
    add_months,
    load_catalogue,
    load_catalogue_from,
)

EXPECTED_REGIMES = {
    "eu-gdpr", "eu-ai-act", "uk", "us-california", "us-colorado", "us-utah", "ca-quebec", "br-lgpd",
    "us-maine",
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def by_prefix(catalogue: Catalogue, prefix: str) -> list:
    return [r for r in catalogue.requirements if r.id.startswith(prefix)]


# --- it loads, and every row is complete --------------------------------------------------

def test_every_regime_file_loads(catalogue: Catalogue) -> None:
    assert {r.regime for r in catalogue.regimes} == EXPECTED_REGIMES
    assert {p.stem for p in CATALOGUE_DIR.glob("*.yaml")} == EXPECTED_REGIMES
    assert all(regime.requirements for regime in catalogue.regimes)


def test_loading_is_cached() -> None:
    assert load_catalogue() is load_catalogue()


def test_every_requirement_is_complete(catalogue: Catalogue) -> None:
    for req in catalogue.requirements:
        assert req.citation.strip(), req.id
        assert req.element.strip() and "\n" not in req.element, req.id
        assert req.source.strip(), req.id
        assert req.hint.strip(), req.id
        assert isinstance(req.applies_from, dt.date), req.id
        assert req.applies_until is None or req.applies_until > req.applies_from, req.id
        assert dt.date(2016, 1, 1) <= req.applies_from <= dt.date(2030, 12, 31), req.id
        assert req.documents or req.in_channel, req.id


def test_ids_are_unique_across_regimes(catalogue: Catalogue) -> None:
    ids = [r.id for r in catalogue.requirements]
    assert len(ids) == len(set(ids))


def test_every_regime_serves_known_jurisdictions(catalogue: Catalogue) -> None:
    for regime in catalogue.regimes:
        assert regime.jurisdictions
        assert set(regime.jurisdictions) <= set(JURISDICTIONS), regime.regime


def test_every_profile_jurisdiction_has_a_regime_and_every_file_is_documented(catalogue: Catalogue) -> None:
    covered = {code for regime in catalogue.regimes for code in regime.jurisdictions}
    assert covered == set(JURISDICTIONS)
    readme = (CATALOGUE_DIR / "README.md").read_text(encoding="utf-8")
    for regime in catalogue.regimes:
        assert f"`{regime.regime}.yaml`" in readme, regime.regime


def test_every_row_is_gated_on_its_own_jurisdiction(catalogue: Catalogue) -> None:
    for regime in catalogue.regimes:
        gates = {f"serves_{code.lower().replace('-', '_')}" for code in regime.jurisdictions}
        for req in regime.requirements:
            assert gates & set(req.applies_when), req.id


def test_unverified_and_interpretation_rows_need_judgement(catalogue: Catalogue) -> None:
    for req in catalogue.requirements:
        if req.status in ("UNVERIFIED", "interpretation"):
            assert req.needs_judgement, req.id


def test_no_superseded_law(catalogue: Catalogue) -> None:
    for req in catalogue.requirements:
        text = f"{req.id} {req.citation} {req.element} {req.source}"
        assert "24-205" not in text, req.id
        assert not req.id.startswith("CO24"), req.id
    for path in CATALOGUE_DIR.glob("*.yaml"):
        assert "SUPERSEDED" not in yaml.safe_dump(yaml.safe_load(path.read_text(encoding="utf-8"))), path.name


def test_predicates_are_known_and_documented(catalogue: Catalogue) -> None:
    used = frozenset().union(*(r.predicates for r in catalogue.requirements))
    assert used <= PREDICATES
    readme = (CATALOGUE_DIR / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Predicates", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE))
    assert documented == set(PREDICATES)


def test_catalogue_folder_is_not_a_package() -> None:
    assert not (CATALOGUE_DIR / "__init__.py").exists()


# --- the dates are the reference's --------------------------------------------------------

@pytest.mark.parametrize(("prefix", "date"), [
    ("AIA-50-", dt.date(2026, 8, 2)),
    ("AIA-26-", dt.date(2027, 12, 2)),
    ("AIA-27", dt.date(2027, 12, 2)),
    ("AIA-4", dt.date(2025, 2, 2)),
    ("AIA-5-1-f", dt.date(2025, 2, 2)),
    ("CA-ADMT-", dt.date(2027, 1, 1)),
    ("CA-BOT-", dt.date(2019, 7, 1)),
    ("CO-", dt.date(2027, 1, 1)),
    ("UK-22A", dt.date(2026, 2, 5)),
    ("UK-22B", dt.date(2026, 2, 5)),
    ("UK-22C-", dt.date(2026, 2, 5)),
    ("UK-164A-", dt.date(2026, 6, 19)),
    ("GDPR-", dt.date(2018, 5, 25)),
    ("QC-12.1-", dt.date(2023, 9, 22)),
    ("UT-103-", dt.date(2025, 5, 7)),
])
def test_key_dates(catalogue: Catalogue, prefix: str, date: dt.date) -> None:
    rows = by_prefix(catalogue, prefix)
    assert rows, prefix
    assert {r.applies_from for r in rows} == {date}, [(r.id, r.applies_from) for r in rows]


def test_named_rows_exist(catalogue: Catalogue) -> None:
    for requirement_id in ["GDPR-13-1-c", "GDPR-7-3", "GDPR-22-3", "GDPR-27", "GDPR-37-7", "AIA-50-1",
                           "AIA-50-5", "AIA-26-11", "AIA-86", "UK-22C-c", "UK-164A-1", "CA-NAC-1",
                           "CA-PP-1", "CA-ADMT-PUN-1", "CA-BOT-1", "CO-1704-1", "CO-1705-HR",
                           "UT-103-1", "QC-12.1-a", "BR-20", "ME-1"]:
        assert catalogue.get(requirement_id).id == requirement_id
    assert catalogue.regime_of("AIA-50-1").regime == "eu-ai-act"
    with pytest.raises(KeyError):
        catalogue.get("CO24-DISC")


def test_in_channel_duties_are_in_channel(catalogue: Catalogue) -> None:
    assert {"chat_greeting", "ivr_prompt"} <= set(catalogue.get("AIA-50-1").in_channel)
    assert "human_question" in catalogue.get("UT-103-1").in_channel
    assert "decision_letter" in catalogue.get("UK-22C-a").in_channel
    assert "decision_letter" in catalogue.get("QC-12.1-a").in_channel


def test_active_on_and_upcoming(catalogue: Catalogue) -> None:
    before, on = dt.date(2026, 8, 1), dt.date(2026, 8, 2)
    assert "AIA-50-1" not in {r.id for r in catalogue.active_on(before)}
    assert "AIA-50-1" in {r.id for r in catalogue.active_on(on)}
    assert "AIA-50-1" in {r.id for r in catalogue.upcoming(before, months=1)}

    soon = {r.id for r in catalogue.upcoming(dt.date(2026, 11, 27))}
    assert {"CA-ADMT-PUN-1", "CO-1704-1"} <= soon
    assert "AIA-26-11" not in soon  # 2 Dec 2027 is more than 12 months away
    assert "AIA-26-11" in {r.id for r in catalogue.upcoming(dt.date(2026, 11, 27), months=13)}
    assert not soon & {r.id for r in catalogue.active_on(dt.date(2026, 11, 27))}

    dates = [r.applies_from for r in catalogue.upcoming(dt.date(2026, 1, 1), months=24)]
    assert dates == sorted(dates)


def test_sunsets() -> None:
    catalogue = load_catalogue()
    sunset = catalogue.get("UT-2-12")
    assert sunset.applies_until == dt.date(2027, 7, 1)
    assert sunset.active_on(dt.date(2027, 6, 30)) and not sunset.active_on(dt.date(2027, 7, 1))
    assert "UT-2-12" in {r.id for r in catalogue.ending(dt.date(2027, 1, 1))}


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 27), 12) == dt.date(2027, 11, 27)
    assert add_months(dt.date(2027, 12, 2), -1) == dt.date(2027, 11, 2)


# --- `needs` names real profile fields ----------------------------------------------------

def _inner(annotation: typing.Any) -> typing.Any:
    """Strip Optional, list, tuple and Annotated to the type a path walks into."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin in (list, tuple, set, frozenset):
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def _resolves(model: type[BaseModel], path: str) -> bool:
    current: typing.Any = model
    for part in path.split("."):
        current = _inner(current)
        if typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]  # any key, e.g. documents.privacy
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return False
        if part not in current.model_fields:
            return False
        current = current.model_fields[part].annotation
    return True


def test_needs_name_profile_fields(catalogue: Catalogue) -> None:
    unknown = [(r.id, path) for r in catalogue.requirements for path in r.needs if not _resolves(Profile, path)]
    assert unknown == []


# --- broken catalogues are refused, every problem located ---------------------------------

def _row(**overrides: object) -> dict:
    row = {
        "id": "GDPR-99", "citation": "GDPR Art. 99", "element": "Something the law asks for.",
        "applies_when": ["serves_eu"], "documents": ["privacy"], "in_channel": [],
        "applies_from": dt.date(2018, 5, 25), "applies_until": None, "severity": "error",
        "needs_judgement": False, "status": "V-TEXT", "source": "somewhere", "needs": [],
        "hint": "Add it.",
    }
    row.update(overrides)
    return row


def _write(folder: Path, name: str, rows: list[dict], **regime: object) -> None:
    data = {"regime": name, "title": "A regime", "jurisdictions": ["EU"], "requirements": rows, **regime}
    (folder / f"{name}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_a_valid_minimal_catalogue_loads(tmp_path: Path) -> None:
    _write(tmp_path, "eu-test", [_row(applies_when=["serves_eu", {"any": ["basis_consent", {"not": "has_dpo"}]}])])
    catalogue = load_catalogue_from(tmp_path)
    assert catalogue.get("GDPR-99").predicates == {"serves_eu", "basis_consent", "has_dpo"}


@pytest.mark.parametrize(("row", "message"), [
    (_row(applies_when=["serves_eu", "is_big"]), 'unknown predicate "is_big"'),
    (_row(applies_when=["serves_eu", {"all": ["has_dpo"]}]), "requirements[0].applies_when[1]"),
    (_row(documents=["brochure"]), "requirements[0].documents[0]"),
    (_row(in_channel=["sms"]), "requirements[0].in_channel[0]"),
    (_row(colour="red"), 'unknown field "colour"'),
    (_row(status="SUPERSEDED"), "requirements[0].status"),
    (_row(status="UNVERIFIED"), "needs_judgement: true"),
    (_row(applies_until=dt.date(2017, 1, 1)), "applies_until must be after applies_from"),
    (_row(applies_when=["has_dpo"]), "must include one of serves_eu"),
    (_row(element="two\nlines"), "single line"),
    (_row(citation=""), "requirements[0].citation"),
])
def test_bad_rows_are_refused_with_their_location(tmp_path: Path, row: dict, message: str) -> None:
    _write(tmp_path, "eu-test", [_row(id="GDPR-98"), row])
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_from(tmp_path)
    text = caught.value.message.replace("requirements[1]", "requirements[0]")
    assert message in text
    assert re.search(r"eu-test\.yaml:\d+:\d+[ :]", caught.value.message)


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "eu-one", [_row()])
    _write(tmp_path, "eu-two", [_row()])
    with pytest.raises(CatalogueError, match='duplicate requirement id "GDPR-99"'):
        load_catalogue_from(tmp_path)


def test_regime_must_match_file_name(tmp_path: Path) -> None:
    _write(tmp_path, "eu-one", [_row()])
    (tmp_path / "eu-one.yaml").rename(tmp_path / "eu-two.yaml")
    with pytest.raises(CatalogueError, match='must match the file name "eu-two"'):
        load_catalogue_from(tmp_path)


def test_unknown_jurisdiction_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "eu-one", [_row()], jurisdictions=["EU", "MARS"])
    with pytest.raises(CatalogueError, match="jurisdictions"):
        load_catalogue_from(tmp_path)


def test_every_file_problem_is_reported_at_once(tmp_path: Path) -> None:
    _write(tmp_path, "eu-one", [_row(documents=["brochure"])])
    _write(tmp_path, "eu-two", [_row(id="GDPR-98", in_channel=["sms"])])
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_from(tmp_path)
    assert "eu-one.yaml" in caught.value.message and "eu-two.yaml" in caught.value.message


def test_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="no catalogue files"):
        load_catalogue_from(tmp_path)


def test_conditions_evaluate_against_true_predicates(tmp_path: Path) -> None:
    _write(tmp_path, "eu-test", [_row(applies_when=["serves_eu", {"any": ["basis_consent", {"not": "has_dpo"}]}])])
    requirement = load_catalogue_from(tmp_path).get("GDPR-99")
    assert requirement.applies_to({"serves_eu"})  # no DPO
    assert requirement.applies_to({"serves_eu", "has_dpo", "basis_consent"})
    assert not requirement.applies_to({"serves_eu", "has_dpo"})
    assert not requirement.applies_to({"basis_consent"})
