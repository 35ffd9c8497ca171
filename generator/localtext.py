"""Profile text in several languages: a plain string, or one text per language.

A customer-facing text field accepts either a plain string (in the profile's first
language, `company.languages[0]`) or a mapping with one text per language:

    purpose:
      en: Answers your questions about orders.
      de: Beantwortet Ihre Fragen zu Bestellungen.
      fr: Répond à vos questions sur vos commandes.

Either way the validated value is a `LocalText`: a `str` whose value is the text in the
profile's first language, so rules, messages and staff pages keep working unchanged, and
which carries every language's text in `.translations`. `language_view` (used by `render`)
hands the public templates a copy of the profile in one language: each `LocalText` replaced
by that language's plain string. `missing_translations` lists, per served language, the
customer-facing fields that have no text in it (the `CANDOR-TRANSLATION-MISSING` finding).

A duration (retention periods, response times) needs no translation unless it counts from an
event in words ("90 days after the chat ends"); such a duration accepts the same mapping,
with the whole phrase per language (see `Duration.texts`).
"""

from __future__ import annotations

import contextvars
import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.durations import Duration

DEFAULT_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("candor_default_language", default="en")
"""The profile's first language while a profile is being validated (set by `Profile`)."""

FALLBACK_MARK = "\u2063"
"""Invisible separator put before default-language text shown on another language's page
(only when `site.fallback_to_default_language` allows it); `render` removes it and adds a
visible note to the page."""


class LocalText(str):
    """A text in the profile's first language that also knows its other languages."""

    translations: dict[str, str]

    def __new__(cls, text: str, translations: Mapping[str, str]) -> LocalText:
        value = super().__new__(cls, text)
        value.translations = dict(translations)
        return value

    def __reduce__(self) -> tuple:
        return (LocalText, (str(self), self.translations))

    def in_language(self, language: str) -> str | None:
        return self.translations.get(language)


# Written out (page front matter, generated configs) as the plain text it is.
for _dumper in {yaml.SafeDumper, getattr(yaml, "CSafeDumper", yaml.SafeDumper)}:
    _dumper.add_representer(LocalText, lambda dumper, value: dumper.represent_str(str(value)))


def default_language_of(data: object) -> str:
    """The first entry of `company.languages` in raw profile data ("en" when absent)."""
    company = data.get("company") if isinstance(data, dict) else None
    languages = company.get("languages") if isinstance(company, dict) else None
    if isinstance(languages, list) and languages and isinstance(languages[0], str):
        return languages[0]
    return "en"


def local_text(value: Any, handler: Any) -> LocalText:
    """Pydantic wrap validator: a string or a {language: text} mapping → `LocalText`.

    Each language's text goes through the field's own checks (`handler`); a problem is
    reported at the language's key (`purpose.de`), and a mapping must contain the text in the
    profile's first language."""
    if isinstance(value, LocalText):
        return value
    default = DEFAULT_LANGUAGE.get()
    if not isinstance(value, Mapping):
        text = handler(value)
        return LocalText(text, {default: text})
    texts: dict[str, str] = {}
    for language, text in value.items():
        if not isinstance(text, str):
            raise ValueError(f"@{language}: expected text, got {type(text).__name__}")
        try:
            texts[str(language)] = handler(text)
        except ValidationError as error:
            first = error.errors()[0]
            reason = first.get("ctx", {}).get("error") or first["msg"]
            raise ValueError(f"@{language}: {reason}") from None
    if default not in texts:
        raise ValueError(
            f'give the text in "{default}", the profile\'s first language (company.languages), '
            f"as well as in {', '.join(sorted(texts)) or 'the others'}"
        )
    return LocalText(texts[default], texts)


LOCAL_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string"},
        {"type": "object", "additionalProperties": {"type": "string"},
         "description": "One text per language code, e.g. {en: …, de: …, fr: …}."},
    ]
}


_SAME_IN_EVERY_LANGUAGE = re.compile(r"[^\s@]+@[^\s@]+|https?://\S+")


def needs_translation(text: str) -> bool:
    """An e-mail or web address alone reads the same in every language."""
    return not _SAME_IN_EVERY_LANGUAGE.fullmatch(text.strip())


# -- one language's view ---------------------------------------------------------------------


def language_view(value: Any, language: str, *, fallback: bool = False) -> Any:
    """A copy of `value` with every `LocalText` replaced by its text in `language`.

    A text missing in `language` is an error (`MissingTranslation`), unless `fallback` is
    set: then the default-language text is used, marked with `FALLBACK_MARK`."""
    if isinstance(value, LocalText):
        text = value.translations.get(language)
        if text is not None:
            return text
        if not needs_translation(value):
            return str(value)
        if not fallback:
            raise KeyError(language)
        return FALLBACK_MARK + str(value)
    if isinstance(value, BaseModel):
        update = {name: language_view(getattr(value, name), language, fallback=fallback)
                  for name in type(value).model_fields}
        return value.model_copy(update=update)
    if isinstance(value, list):
        return [language_view(item, language, fallback=fallback) for item in value]
    if isinstance(value, dict):
        return {key: language_view(item, language, fallback=fallback) for key, item in value.items()}
    return value


def missing_translations(value: Any, language: str) -> list[str]:
    """Field paths of customer-facing texts (and durations counted from an event) that have
    no text in `language`. Staff-only fields (`internal()`) are never customer-facing."""
    return missing_by_language(value, [language])[language]


def missing_by_language(value: Any, languages: Iterable[str]) -> dict[str, list[str]]:
    """`missing_translations` for several languages in one walk over `value`: a profile with
    hundreds of systems has tens of thousands of fields, almost all of them translated, so a
    path is only written out for a text that is missing."""
    texts: list[tuple[tuple, LocalText | Duration]] = []
    _collect(value, (), texts)
    return {language: [_dotted(parts) for parts, text in texts if _lacks(text, language)] for language in languages}


def _lacks(text: LocalText | Duration, language: str) -> bool:
    if type(text) is LocalText:
        return language not in text.translations and needs_translation(text)
    return language not in dict(text.texts)


_LEAVES = (str, int, float, bool, type(None))  # LocalText is a str subclass: exact types only


def _collect(value: Any, parts: tuple, texts: list[tuple[tuple, LocalText | Duration]]) -> None:
    """Every customer-facing text under `value` that a translation could be missing from."""
    kind = type(value)
    if kind in _LEAVES:
        return
    if kind is LocalText or (kind is Duration and value.after):
        texts.append((parts, value))
    elif isinstance(value, BaseModel):
        for name in _customer_fields(kind):
            _collect(getattr(value, name), (*parts, name), texts)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect(item, (*parts, index), texts)
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect(item, (*parts, key), texts)


@functools.cache
def _customer_fields(model: type[BaseModel]) -> tuple[str, ...]:
    from generator.visibility import is_internal

    return tuple(name for name in model.model_fields if not is_internal(model, name))


def _dotted(parts: tuple) -> str:
    """("ai_systems", 0, "purpose") → "ai_systems[0].purpose" (dict keys joined with dots as well)."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out.lstrip(".")


def with_texts(duration: Duration, texts: Mapping[str, str]) -> Duration:
    return dataclasses.replace(duration, texts=tuple(sorted(texts.items())))


def missing_pages(project_dir: Path | None, language: str) -> Iterator[str]:
    """Hand-written pages (`content/pages/*.md`) with no `content/pages/<language>/` version."""
    if project_dir is None:
        return
    folder = project_dir / "content" / "pages"
    for page in sorted(folder.glob("*.md")):
        if not (folder / language / page.name).is_file():
            yield f"content/pages/{language}/{page.name}"
