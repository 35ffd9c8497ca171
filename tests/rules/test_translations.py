"""`generator.rules.translations`: a served language needs a catalogue, every customer-facing
text a translation, and every translated document a record of what it was made from."""

from __future__ import annotations

from generator.findings import Severity
from generator.rules import translations
from tests.helpers import ROOT, default_data, plain_english, profile_from


def findings(data: dict) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in translations.check(profile_from(data), ROOT):
        found.setdefault(finding.id, []).append(finding)
    return found


def served_in(*languages: str, **site) -> dict:
    data = plain_english(default_data())
    data["company"]["languages"] = list(languages)
    data["site"].update(site)
    return data


def test_a_one_language_profile_has_nothing_to_translate():
    assert findings(served_in("en")) == {}


def test_each_untranslated_customer_text_is_an_error_naming_field_and_language():
    missing = findings(served_in("en", "de"))["CANDOR-TRANSLATION-MISSING"]
    by_path = {f.path: f for f in missing}
    purpose = by_path["ai_systems[0].purpose"]
    assert purpose.severity is Severity.error
    assert purpose.message == ('ai_systems[0].purpose has no "de" text, but the public site is served in "de" '
                               "(company.languages).")
    assert "de: …" in purpose.hint and "fallback_to_default_language" in purpose.hint
    assert not [p for p in by_path if p.startswith(("organisation", "approvals"))]


def test_allowing_the_fallback_makes_them_warnings():
    missing = findings(served_in("en", "fr", fallback_to_default_language=True))["CANDOR-TRANSLATION-MISSING"]
    assert {f.severity for f in missing} == {Severity.warning}
    assert all('"fr"' in f.message for f in missing)


def test_a_translated_text_is_no_longer_missing():
    data = served_in("en", "de")
    data["ai_systems"][0]["purpose"] = {"en": "Answers questions.", "de": "Beantwortet Fragen."}
    paths = {f.path for f in findings(data)["CANDOR-TRANSLATION-MISSING"]}
    assert "ai_systems[0].purpose" not in paths and "ai_systems[0].name" in paths


def test_a_language_without_a_catalogue_is_an_error():
    found = findings(served_in("en", "pt"))["CANDOR-LANGUAGE-UNKNOWN"]
    assert [(f.path, f.severity) for f in found] == [("company.languages[1]", Severity.error)]
    assert "templates/locales/pt.yaml" in found[0].hint and "de, en, fr" in found[0].hint


def test_a_translation_without_a_record_and_a_stale_one_are_warnings():
    data = served_in("en", "de")
    data["documents"]["privacy"]["translations"] = {"de": {"translated_from_version": 1}}
    version = data["documents"]["privacy"]["version"]
    found = findings(data)
    stale = found["CANDOR-TRANSLATION-STALE"]
    assert [(f.path, f.severity) for f in stale] == [("documents.privacy.translations.de", Severity.warning)]
    assert f"made from version 1, but the \"en\" document is at version {version}" in stale[0].message
    unrecorded = {f.path for f in found["CANDOR-TRANSLATION-UNRECORDED"]}
    assert "documents.overview" in unrecorded and "documents.privacy" not in unrecorded


def test_an_accepted_or_current_translation_is_not_stale():
    data = served_in("en", "de")
    version = data["documents"]["privacy"]["version"]
    data["documents"]["privacy"]["translations"] = {"de": {"translated_from_version": version}}
    data["documents"]["rights"]["translations"] = {"de": {"translated_from_version": 1, "accepted_stale": True}}
    assert "CANDOR-TRANSLATION-STALE" not in findings(data)


def test_the_shipped_profile_has_every_text_in_its_three_languages():
    data = default_data()
    assert data["company"]["languages"] == ["en", "de", "fr"]
    assert findings(data) == {}


def test_check_reports_an_unknown_default_language_as_a_located_error(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main
    from tests.helpers import write_profile

    data = served_in("pt", "en")
    path = write_profile(tmp_path, data)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert "company.languages[0]: error CANDOR-LANGUAGE-UNKNOWN" in result.output
