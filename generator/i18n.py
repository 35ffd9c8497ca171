"""Languages of the public site: catalogues, per-language formats and the gettext callables.

The English templates are the single structure of every page. Their customer-facing text is
marked for translation with Jinja's i18n extension (`{% trans %}…{% endtrans %}`, `_()`), so a
translation can replace words but never drop a section or a `data-req` clause marker.

A language is data only, two files on the template search path (the project's own
`templates/` first, Candor's packaged ones second):

- `templates/locales/<code>.yaml`: the language's name, Material's `theme.language`, the
  formats (month names, date pattern, list conjunctions, duration wording) and `messages`,
  every English message id of the templates → its translation;
- `templates/strings/<code>.yaml`: the vocabulary (legal bases, channels, countries …),
  with the same keys as `strings/en.yaml`.

`load_catalogue` reads and checks them; `install` puts a language's gettext callables and
date/duration filters on a Jinja environment; `template_messages` extracts every message id
from the templates, so a test can prove each shipped language translates all of them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.durations import UNITS, Duration
from generator.errors import CandorError
from generator.localtext import FALLBACK_MARK
from generator.resources import resource
from generator.textfilters import md

if TYPE_CHECKING:
    import jinja2

PUBLIC_TEMPLATES = ("public/", "channel/", "partials/public.md.j2", "partials/clause.md.j2", "partials/notices.md.j2")
"""Templates whose text is translated (the staff site stays in one language)."""

DURATION_FORMS = ("plain", "within", "every")
"""How a duration is worded: alone ("30 days"), after "within" (German needs the dative:
"innerhalb von 30 Tagen"), and as a repetition ("every week", "alle 3 Monate")."""


_TIGHT_PUNCTUATION = re.compile(r"[;:!?](?=\s|$)", re.M)
"""Punctuation at the end of a word (`typeset` checks the character before it): looking for
the punctuation first, not for every letter that might precede one, is five times faster."""
_WORD_END = frozenset(")»*_")
"""Besides letters and digits, what `typeset` takes for the end of a word."""
_ARTICLE = re.compile(r"(?P<article>\d+[A-Z]?)(?P<paragraphs>(?:\(\d+\))*)(?P<points>(?:\([a-z]\))*)")
_ENTITY_BEFORE = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+)$")
_LONGEST_ENTITY = 40
"""Characters an HTML entity can span before its `;` (the longest named one, `&` included,
has 32): how far back `typeset` looks for its `&`, rather than from the start of the page at
every semicolon, which made a long French page take quadratic time."""


class MissingTranslation(CandorError):
    """A template text has no translation in a language the site is built in."""


@dataclass(frozen=True)
class Catalogue:
    """Everything one language needs: its formats and its translated messages."""

    code: str
    name: str
    """The language's own name, for the language switcher ("Deutsch")."""
    theme_language: str
    """Material's `theme.language` (labels such as "Search", and `<html lang>`)."""
    months: tuple[str, ...]
    date: str
    """Date pattern with {day}, {month}, {year}: "{day}. {month} {year}"."""
    day_one: str | None
    """How the first day of a month is written when it differs ("1er" in French)."""
    lower_first: bool
    """Whether a profile text may lose its capital letter mid-sentence (not in German)."""
    conjunctions: Mapping[str, str]
    """The words for "and" and "or" in lists."""
    durations: Mapping[str, Mapping[str, tuple[str, str]]]
    """form → unit → (singular, plural) patterns with {n}; see DURATION_FORMS."""
    space_before: str = ""
    """French typography: the (narrow no-break) space put before ; : ! ? (see `typeset`)."""
    messages: Mapping[str, Any] = field(default_factory=dict)
    """English message id → translation (a {one, other} mapping for plural messages)."""
    article_number: Mapping[str, str] = field(default_factory=dict)
    """How an article number's paragraph and point are written ({paragraph: " Abs. {n}",
    point: " lit. {n}"} in German); empty keeps the English "22(3)(a)"."""
    language_names: Mapping[str, str] = field(default_factory=dict)
    """Other languages' names in this language ("Englisch"), for the notices that name the
    default language; a language missing here is called by its own name."""
    source: str = ""

    @property
    def is_source_language(self) -> bool:
        """English is the templates' own language: its message ids are its texts."""
        return self.code == "en"

    # -- gettext ------------------------------------------------------------------------

    def gettext(self, message: str) -> str:
        if self.is_source_language:
            return message
        try:
            text = self.messages[message]
        except KeyError:
            raise MissingTranslation(
                f"the template text {message!r} has no translation in {self.source}",
                hint=f'add it under `messages:` in {self.source} (English id: translation)',
            ) from None
        return text if isinstance(text, str) else text["one"]

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self.is_source_language:
            return singular if n == 1 else plural
        text = self.messages.get(singular)
        if text is None:
            self.gettext(singular)
        if isinstance(text, str):
            return text
        return text["one"] if self._singular(n) else text["other"]

    def _singular(self, n: int) -> bool:
        return n <= 1 if self.code == "fr" else n == 1

    # -- formats --------------------------------------------------------------------------

    def typeset(self, markdown: str) -> str:
        """A page's punctuation as the language sets it: in French a narrow no-break space
        before ; : ! ? that follow a word (not in URLs, Markdown syntax or the templates' own
        spacing, which already has one)."""
        if not self.space_before:
            return markdown

        def spaced(match: re.Match[str]) -> str:
            start = match.start()
            before = markdown[start - 1] if start else " "
            if not (before.isalnum() or before in _WORD_END):  # the same as the regex class [\w)»*]
                return match[0]
            if match[0] == ";" and _ENTITY_BEFORE.search(markdown, max(0, start - _LONGEST_ENTITY), start):
                return match[0]  # the end of an HTML entity such as &gt; or &#39;
            return self.space_before + match[0]

        return _TIGHT_PUNCTUATION.sub(spaced, markdown)

    def language_name(self, code: str, project_dir: Path | None = None) -> str:
        """`code`'s name in this language: "Englisch" on a German page."""
        return self.language_names.get(code) or load_catalogue(code, project_dir).name

    def cite_number(self, number: str) -> str:
        """ "22(3)" as the language cites it ("22 Abs. 3"); a number of another shape is left as written."""
        match = _ARTICLE.fullmatch(number)
        if not self.article_number or not match:
            return number
        text = match["article"]
        for paragraph in re.findall(r"\((\d+)\)", match["paragraphs"] or ""):
            text += self.article_number["paragraph"].format(n=paragraph)
        for point in re.findall(r"\(([a-z])\)", match["points"] or ""):
            text += self.article_number["point"].format(n=point)
        return text

    def long_date(self, value: dt.date) -> str:
        day = self.day_one if value.day == 1 and self.day_one else str(value.day)
        return self.date.format(day=day, month=self.months[value.month - 1], year=value.year)

    def period(self, value: Duration, form: str = "plain") -> str:
        patterns = self.durations.get(form) or self.durations["plain"]
        one, other = patterns.get(value.unit) or self.durations["plain"][value.unit]
        return (one if self._singular(value.amount) else other).format(n=value.amount)

    def join(self, items: Iterable[str], conjunction: str = "and") -> str:
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        word = self.conjunctions.get(conjunction, conjunction)
        return f"{', '.join(items[:-1])} {word} {items[-1]}"


# -- loading ---------------------------------------------------------------------------------


def search_path(project_dir: Path | None) -> list[Path]:
    """Template folders, the project's own first: where catalogues and vocabularies are found."""
    folders = []
    if project_dir is not None and (project_dir / "templates").is_dir():
        folders.append((project_dir / "templates").resolve())
    packaged = resource("templates").resolve()
    if packaged not in folders:
        folders.append(packaged)
    return folders


def available_languages(project_dir: Path | None = None) -> list[str]:
    codes = {p.stem for folder in search_path(project_dir) for p in (folder / "locales").glob("*.yaml")}
    return sorted(codes)


def load_catalogue(code: str, project_dir: Path | None = None) -> Catalogue:
    for folder in search_path(project_dir):
        path = folder / "locales" / f"{code}.yaml"
        if path.is_file():
            return _catalogue(code, path)
    raise CandorError(
        f'no catalogue for the language "{code}" (company.languages or site.internal_language)',
        hint=f"available: {', '.join(available_languages(project_dir))}; "
             f"to add a language, add templates/locales/{code}.yaml and templates/strings/{code}.yaml",
    )


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (ten times faster on the catalogues), else PyYAML's."""


@functools.cache
def _read(path: Path, mtime: float) -> dict:
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_YAML_LOADER)
    if not isinstance(data, dict):
        raise CandorError(f"{path}: expected a mapping", hint="see templates/locales/de.yaml for the shape")
    return data


def _catalogue(code: str, path: Path) -> Catalogue:
    data = _read(path, path.stat().st_mtime)
    try:
        formats = data["formats"]
        durations = {form: {unit: tuple(pair) for unit, pair in units.items()}
                     for form, units in formats["durations"].items()}
        if set(durations.get("plain", {})) != set(UNITS):
            raise KeyError("formats.durations.plain needs every unit: " + ", ".join(UNITS))
        months = tuple(formats["months"])
        if len(months) != 12:
            raise KeyError("formats.months needs 12 names")
        return Catalogue(
            code=code, name=data["name"], theme_language=data.get("theme_language", code),
            months=months, date=formats["date"], day_one=formats.get("day_one"),
            lower_first=bool(formats.get("lower_first", True)),
            space_before=formats.get("space_before_punctuation", ""),
            conjunctions=formats["conjunctions"], durations=durations,
            messages=data.get("messages") or {}, source=str(path),
            language_names=formats.get("language_names") or {},
            article_number=formats.get("article_number") or {},
        )
    except (KeyError, TypeError, ValueError) as error:
        raise CandorError(f"{path}: incomplete language catalogue ({error})",
                          hint="compare it with templates/locales/de.yaml") from None


def load_strings(code: str, project_dir: Path | None = None) -> dict[str, Any]:
    """The vocabulary labels (legal bases, channels, countries …) for one language."""
    for folder in search_path(project_dir):
        path = folder / "strings" / f"{code}.yaml"
        if path.is_file():
            return _read(path, path.stat().st_mtime)
    raise CandorError(f'no vocabulary for the language "{code}"',
                      hint=f"add templates/strings/{code}.yaml with the keys of strings/en.yaml")


# -- the Jinja side --------------------------------------------------------------------------


def install(env: jinja2.Environment, catalogue: Catalogue, *, default: str) -> None:
    """Make `env` render in `catalogue`'s language: gettext callables and the filters that
    word dates, durations and lists. English output is exactly that of `textfilters`.

    `default` is the profile's first language: a duration counted from an event is printed
    from the profile's own text in it, and from the per-language texts in the others (marked
    as fallback when one is missing; see `editions.py`)."""
    env.install_gettext_callables(catalogue.gettext, catalogue.ngettext, newstyle=True)
    env.globals.update(_direct_gettext(catalogue))
    env.filters.update(
        long_date=catalogue.long_date,
        duration=functools.partial(_duration, catalogue, default),
        every=functools.partial(_every, catalogue),
        join_and=catalogue.join,
        article_number=catalogue.cite_number,
    )
    if not catalogue.lower_first:
        env.filters["lower_first"] = _unchanged
    env.candor_catalogue = catalogue  # type: ignore[attr-defined]


def _direct_gettext(catalogue: Catalogue) -> dict[str, Any]:
    """`_`, `gettext` and `ngettext` as Jinja's newstyle callables behave without autoescaping
    (translate, then always `%`-format with the keyword values), but as plain functions.

    Jinja's own are context functions that call the catalogue through the template context,
    and `_` is one more that looks `gettext` up first: three context calls per message, a
    fifth of rendering a large site. A plain function is called once."""
    translate, plural = catalogue.gettext, catalogue.ngettext

    def gettext(__string: str, **variables: Any) -> str:
        return translate(__string) % variables

    def ngettext(__singular: str, __plural: str, __num: int, **variables: Any) -> str:
        variables.setdefault("num", __num)
        return plural(__singular, __plural, __num) % variables

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


def catalogue_of(env: jinja2.Environment) -> Catalogue:
    return env.candor_catalogue  # type: ignore[attr-defined]


def _unchanged(value: str) -> str:
    """German capitalises nouns: a text keeps its first letter mid-sentence."""
    return value


def _duration(catalogue: Catalogue, default: str, value: Duration, form: str = "plain") -> str:
    if catalogue.code != default and value.after:
        text = dict(value.texts).get(catalogue.code)
        if text is not None:
            return md(text)
        return FALLBACK_MARK + md(str(value))
    text = catalogue.period(value, form)
    return md(f"{text} {value.after}" if value.after else text)


def _every(catalogue: Catalogue, value: Duration) -> str:
    """ "every week", "every 3 months", "every business day"."""
    one, other = catalogue.durations["every"][value.unit]
    text = (one if value.amount == 1 else other).format(n=value.amount)
    return md(f"{text} {value.after}" if value.after else text)


def template_messages(env: jinja2.Environment, prefixes: Iterable[str] = PUBLIC_TEMPLATES) -> dict[str, list[str]]:
    """Every message id marked for translation in the templates → where it is used."""
    found: dict[str, list[str]] = {}
    for name in env.list_templates(filter_func=lambda n: n.startswith(tuple(prefixes)) and not n.startswith("candor/")):
        source = env.loader.get_source(env, name)[0]
        for line, _function, message in env.extract_translations(source):
            for text in [message] if isinstance(message, str) else [m for m in message if m]:
                found.setdefault(text, []).append(f"{name}:{line}")
    return found


def python_messages() -> list[str]:
    """Message ids that `render` and `editions` translate in Python rather than in a template."""
    from generator import editions, render

    source = Path(render.__file__).read_text(encoding="utf-8")
    found = re.findall(r'_text\(\w+, "([^"]+)"', source)
    return [*render.PUBLIC_SECTIONS, *found, *editions.SITE_MESSAGES]


def english_fragments(messages: Iterable[str], min_words: int = 3) -> Iterator[str]:
    """The literal English pieces of message ids (between placeholders), long enough that
    finding one on a translated page means an untranslated string."""

    for message in messages:
        for piece in re.split(r"%\([a-z_0-9]+\)s|\[|\]\([^)]*\)|\*\*|[:;()]", message):
            piece = piece.strip(" .,")
            if len(piece.split()) >= min_words:
                yield piece
