"""The language checks: every served language has a catalogue, every customer-facing text a
translation, and every translation a record of what it was made from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator import i18n
from generator.findings import Finding, Severity
from generator.localtext import missing_by_language, missing_pages


def check(profile: Any, project_dir: Path | None = None) -> Iterator[Finding]:
    """The language checks of `candor check`:

    - CANDOR-LANGUAGE-UNKNOWN (error): a language with no catalogue in templates/locales/;
    - CANDOR-TRANSLATION-MISSING (error; warning when the fallback is allowed): one per
      customer-facing field and served language without a text;
    - CANDOR-TRANSLATION-STALE (warning): a translated document made from an older version;
    - CANDOR-TRANSLATION-UNRECORDED (warning): no record of what a translation was made from.

    Legal's sign-off of a translation is its approval (`approvals[].document: privacy@de`), which
    `candor check` reports like any document's; `reviewed_by_legal` records the review itself."""
    codes = list(profile.company.languages)
    known = set(i18n.available_languages(project_dir if project_dir is not None else Path.cwd()))
    for index, code in enumerate(codes):
        if code not in known:
            yield Finding("CANDOR-LANGUAGE-UNKNOWN", Severity.error,
                          f'Candor has no catalogue for the language "{code}", so it cannot write pages in it.',
                          f"company.languages[{index}]",
                          f"add templates/locales/{code}.yaml and templates/strings/{code}.yaml (see README, "
                          f"\"Adding a language\"), or use one of: {', '.join(sorted(known))}")
    fallback = profile.site.fallback_to_default_language
    or_fallback = "" if fallback else ("; or allow default-language text with a visible note "
                                       "(site.fallback_to_default_language: true)")
    missing = missing_by_language(profile, codes[1:])
    for code in codes[1:]:
        for path in missing[code]:
            yield Finding("CANDOR-TRANSLATION-MISSING", Severity.warning if fallback else Severity.error,
                          f'{path} has no "{code}" text, but the public site is served in "{code}" '
                          "(company.languages).",
                          path, f"give it as a mapping with one text per language, adding `{code}: …`{or_fallback}")
        for path in missing_pages(project_dir, code):
            yield Finding("CANDOR-TRANSLATION-MISSING", Severity.warning if fallback else Severity.error,
                          f'the page {path.replace(f"/{code}/", "/")} has no "{code}" version, but the public site '
                          f'is served in "{code}" (company.languages).',
                          "site", f"write its translation as {path}{or_fallback}")
        yield from _status_findings(profile, code, codes[0])


def _status_findings(profile: Any, code: str, default: str) -> Iterator[Finding]:
    for doc_id, record in profile.documents.items():
        status = (getattr(record, "translations", None) or {}).get(code)
        path = f"documents.{doc_id}.translations.{code}"
        if status is None:
            yield Finding("CANDOR-TRANSLATION-UNRECORDED", Severity.warning,
                          f'{doc_id}: no record of which "{default}" version the "{code}" translation was made from.',
                          f"documents.{doc_id}", f"add translations: {{{code}: {{translated_from_version: "
                          f"{record.version}, reviewed_by_legal: false}}}}")
        elif status.translated_from_version < record.version and not status.accepted_stale:
            yield Finding("CANDOR-TRANSLATION-STALE", Severity.warning,
                          f'{doc_id}: the "{code}" translation was made from version {status.translated_from_version}, '
                          f'but the "{default}" document is at version {record.version}; its page says so until updated.',
                          path, f"update the translation and set translated_from_version: {record.version} "
                                "(or accepted_stale: true)")
