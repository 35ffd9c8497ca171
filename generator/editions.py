"""Language editions of the public site: the same pages, rendered once per profile language.

URL scheme: the profile's first language (`company.languages[0]`) is the site's root, every
other language a sub-folder named by its code:

    site/public/            English (the default language)   https://ai.example.com/
    site/public/de/         German                            https://ai.example.com/de/
    site/public/fr/         French                            https://ai.example.com/fr/

so existing links to the default-language pages never move, and each edition is a complete
MkDocs site of its own (its own `theme.language`, search index and sitemap), built into a
sub-folder of the public site, all or nothing with it (see `site.build_sites`). A page has
the same path in every edition, so the language switcher and the `hreflang` links in the
head point to the same page in the other languages.

An edition's page shows, at its top, in its own language:
- a note when some profile text on it is only available in the default language
  (allowed only with `site.fallback_to_default_language: true`; otherwise `candor build`
  refuses, see `require_translations`);
- a notice when the translation is stale: the default-language document has a newer
  version than the one recorded in `documents.<id>.translations.<lang>.translated_from_version`,
  and the profile has not accepted it (`accepted_stale: true`), with a link to that version.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import i18n
from generator.documents import DocumentSet, Page, SiteSpec
from generator.errors import CandorError
from generator.localtext import FALLBACK_MARK, language_view, missing_pages, missing_translations

if TYPE_CHECKING:
    import jinja2

NOTICES = "partials/notices.md.j2"


class TranslationMissing(CandorError):
    """A served language lacks translations and the profile does not allow the fallback."""

    exit_code = 1


def languages(profile: Any) -> list[str]:
    return list(profile.company.languages)


def served_language(profile: Any, language: str | None) -> str | None:
    """`language` (a command's `--language`) when the profile serves it; a plain error otherwise."""
    if language is not None and language not in languages(profile):
        raise CandorError(f'--language {language}: the profile is not served in "{language}"',
                          hint=f"use one of company.languages: {', '.join(languages(profile))}")
    return language


def further_languages(profile: Any, project_dir: Path) -> list[str]:
    """The profile's languages after the first that get an edition. A language without a
    catalogue is a `candor check` error (CANDOR-LANGUAGE-UNKNOWN) and `require_translations`
    stops the build; until then it simply has no edition."""
    known = set(i18n.available_languages(project_dir))
    return [code for code in languages(profile)[1:] if code in known]


def edition_view(view: Any, code: str) -> Any:
    """The public view (`visibility.py`) as the edition in `code` sees it: every text in that
    language, and the site address its own, since in-channel texts link to its pages."""
    own = language_view(view, code, fallback=True)
    if own.site.url:
        own = own.model_copy(update={"site": own.site.model_copy(
            update={"url": f"{own.site.url.rstrip('/')}/{code}"})})
    return own


def finished(docs: DocumentSet, env: jinja2.Environment, stale: Mapping[str, int], code: str, default: str,
             project_dir: Path) -> DocumentSet:
    """A further edition's pages with their notices and typesetting (see `_finish`). `stale`
    is `stale_versions` for the edition's language: the translation status is staff-only, so
    the public view the pages are rendered from does not have it."""
    return dataclasses.replace(docs, pages=tuple(_finish(page, env, stale, code, default, project_dir)
                                                 for page in docs.pages))


def attach(public: DocumentSet, profile: Any, rendered: Mapping[str, DocumentSet], *, project_dir: Path,
           rendered_languages: Collection[str] | None = None) -> DocumentSet:
    """`public` (the default language) with every other language's edition attached and the
    language switcher set on all of them. `rendered` holds the further editions by language
    code (`further_languages`, each `finished`).

    With `rendered_languages`, an edition in any other language is only listed: its documents
    are the default language's (editions share ids and paths), unrendered. That is all
    `candor check` needs for a language no approval names (they all await approval), and it
    skips that language's view of the profile."""
    codes = [languages(profile)[0], *further_languages(profile, project_dir)]
    if len(codes) == 1:
        return public
    catalogues = {code: i18n.load_catalogue(code, project_dir) for code in codes}
    editions = []
    for code in codes[1:]:
        if rendered_languages is not None and code not in rendered_languages:
            listed = tuple(dataclasses.replace(p, markdown="", rendered=False) for p in public.pages if p.doc_id)
            editions.append(dataclasses.replace(public, pages=listed))
        else:
            editions.append(rendered[code])
    switched = tuple(_with_switcher(docs, code, codes, catalogues, profile) for docs, code in zip(editions, codes[1:]))
    return _with_switcher(public, codes[0], codes, catalogues, profile, editions=switched)


def _with_switcher(docs: DocumentSet, code: str, codes: list[str], catalogues: dict[str, i18n.Catalogue],
                   profile: Any, **fields: Any) -> DocumentSet:
    """The edition's spec with its site address, theme language and the language switcher."""
    root = (profile.site.url or "").rstrip("/")
    own = _prefix(code, codes)
    spec = docs.spec
    alternates = [{
        "name": catalogues[other].name,
        "lang": other,
        # Relative to this edition's root; the overrides add the page's own path.
        "link": _relative(own, _prefix(other, codes)),
        "href": f"{root}/{_prefix(other, codes)}" if root else "",
    } for other in codes]
    extra = {**spec.extra, "alternate": alternates, "candor_language": code,
             "candor_default_language": codes[0], **_labels(catalogues[code])}
    spec = dataclasses.replace(
        spec, extra=extra, language=catalogues[code].theme_language,
        site_url=f"{root}/{own}" if root else spec.site_url,
    )
    return dataclasses.replace(docs, spec=spec, **fields)


THEME_MESSAGES = ("Switch to dark mode", "Switch to light mode")
"""The palette toggle's labels in the shipped mkdocs.yml: theme configuration, not page text,
so each edition gets them translated in its config (`site._write_config`)."""
SITE_MESSAGES = ("Effective", "How to reach a person", "Made with", *THEME_MESSAGES)
"""Words the theme overrides (`site_overrides/`) print, passed to them as `extra.candor_*_label`,
and the palette toggle's labels."""


def _labels(catalogue: i18n.Catalogue) -> dict[str, Any]:
    if catalogue.is_source_language:
        return {}
    effective, reach, made_with = (catalogue.gettext(m) for m in SITE_MESSAGES[:3])
    return {"candor_effective_label": effective, "candor_reach_person_label": reach,
            "candor_made_with_label": made_with,
            "candor_theme_labels": {m: catalogue.gettext(m) for m in THEME_MESSAGES}}


def _prefix(code: str, codes: list[str]) -> str:
    return "" if code == codes[0] else f"{code}/"


def _relative(own: str, other: str) -> str:
    """From one edition's root to another's: "" → "de/", "de/" → "../", "de/" → "../fr/"."""
    if own == other:
        return ""
    return ("../" if own else "") + other


def _finish(page: Page, env: jinja2.Environment, stale_versions: Mapping[str, int], code: str, default: str,
            project_dir: Path) -> Page:
    """Strip the fallback marks, and put the fallback note and the stale notice on top."""
    notices = env.get_template(NOTICES).module
    title, description, markdown = (_unmark(page.title), _unmark(page.description), page.markdown)
    notes = []
    catalogue = i18n.catalogue_of(env)
    default_name = catalogue.language_name(default, project_dir)
    if FALLBACK_MARK in markdown or FALLBACK_MARK in page.title:
        notes.append(str(notices.fallback_note(language=default_name)))
    stale = stale_versions.get(page.doc_id) if page.doc_id else None
    if stale:
        notes.append(str(notices.stale_notice(link=_default_page_url(page.path), version=stale,
                                              language=default_name, code=default)))
    if notes:
        markdown = _after_heading(_unmark(markdown), "\n".join(notes))
    return dataclasses.replace(page, title=title, description=description,
                               markdown=catalogue.typeset(_unmark(markdown)))


def _unmark(text: str) -> str:
    return text.replace(FALLBACK_MARK, "")


def _after_heading(markdown: str, block: str) -> str:
    """Insert `block` after the page's first line when it is the `# Title`, else at the top."""
    head, _, rest = markdown.partition("\n")
    if head.startswith("# "):
        return f"{head}\n\n{block.strip()}\n{rest}" if rest.startswith("\n") else f"{head}\n\n{block.strip()}\n\n{rest}"
    return f"{block.strip()}\n\n{markdown}"


def _default_page_url(path: str) -> str:
    """The same page in the default-language edition, relative to this page (directory URLs)."""
    parts = path[:-3].split("/") if path.endswith(".md") else path.split("/")
    if parts[-1] == "index":
        parts = parts[:-1]
    depth = len(parts)
    target = "/".join(parts) + "/" if parts else ""
    return "../" * (depth + 1) + target


def stale_versions(profile: Any, code: str) -> dict[str, int]:
    """Document id → the default-language version its translation into `code` lags behind,
    for each stale translation the profile has not accepted."""
    stale = {}
    for doc_id, record in profile.documents.items():
        status = (record.translations or {}).get(code)
        if status is not None and not status.accepted_stale and status.translated_from_version < record.version:
            stale[doc_id] = record.version
    return stale


# -- the build's refusal --------------------------------------------------------------------


def require_translations(profile: Any, project_dir: Path) -> None:
    """Refuse to publish a site without a language it is served in, or a customer page with
    untranslated text the profile did not allow."""
    unknown = [c for c in languages(profile) if c not in i18n.available_languages(project_dir)]
    if unknown:
        raise TranslationMissing(
            f"the public site is served in {', '.join(unknown)} (company.languages), but Candor has no "
            "catalogue for it, so nothing was built (CANDOR-LANGUAGE-UNKNOWN)",
            hint=f"add templates/locales/{unknown[0]}.yaml and templates/strings/{unknown[0]}.yaml "
                 "(README, \"Adding a language\")")
    if profile.site.fallback_to_default_language:
        return
    missing = [(code, path) for code in languages(profile)[1:]
               for path in [*missing_pages(project_dir, code), *missing_translations(profile, code)]]
    if missing:
        shown = "\n".join(f"  {code}: {path}" for code, path in missing[:20])
        more = f"\n  … and {len(missing) - 20} more" if len(missing) > 20 else ""
        raise TranslationMissing(
            f"{len(missing)} customer-facing texts have no translation in a language the site is served in "
            f"(CANDOR-TRANSLATION-MISSING), so nothing was built:\n{shown}{more}",
            hint=_translation_hint(path for _, path in missing),
        )


def _translation_hint(paths: Iterable[str]) -> str:
    pages = any(path.startswith("content/pages/") for path in paths)
    what = ("translate the profile's texts in the profile and write each content/pages/<language>/ page listed"
            if pages else "translate them in the profile")
    return (f"{what}, or set site.fallback_to_default_language: true to show the default-language text "
            "with a note on the page")


def edition_prefix(docs: DocumentSet) -> str:
    """"de/" for the German edition's pages, "" for the default language's (and a one-language site's)."""
    code = edition_code(docs.spec)
    return f"{code}/" if code else ""


def edition_code(spec: SiteSpec) -> str:
    """"de" for the German edition, "" for the default language's site (and a one-language site)."""
    code = spec.extra.get("candor_language")
    return code if code and code != spec.extra.get("candor_default_language") else ""


def language_of(docs: DocumentSet) -> str:
    """The language a public document set is written in."""
    return docs.spec.extra.get("candor_language") or docs.spec.language
