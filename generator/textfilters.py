"""Jinja filters that turn profile values into safe, readable Markdown text.

Profile text is data, never markup: `md` escapes everything Markdown or HTML would read as
syntax, so a company name like `<script>` or `[click](javascript:…)` prints as itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Iterable
from typing import Any

from generator.durations import Duration

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|])")
_LINE_START = re.compile(r"^(\s*)([-+>]|\d+[.)])")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
"""Runs of ordinary white space; no-break spaces (U+00A0, U+202F) are kept, so "150\u00a0€" or
a French « guillemet » never breaks across lines."""
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def md(value: Any) -> str:
    """Escape a profile value for Markdown inline text (and the HTML it becomes)."""
    return _escaped(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escaped(value: str) -> str:
    """`md` of one text, remembered: the pages of a profile print the same few thousand texts
    over a hundred thousand times (names, labels, sentences repeated on every page)."""
    text = _WHITESPACE.sub(" ", value).strip()
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    """A leading `-`, `+`, `>` or `1.` would start a list or quote: escape its last character."""
    marker = match[2]
    return f"{match[1]}{marker[:-1]}\\{marker[-1]}"


def attr(value: Any) -> str:
    """Escape a value for a double-quoted HTML attribute."""
    return html.escape(_WHITESPACE.sub(" ", str(value)).strip(), quote=True)


def long_date(value: dt.date) -> str:
    """`1 September 2026`: unambiguous for readers on both sides of the Atlantic."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def duration(value: Duration) -> str:
    return md(str(value))


def join_and(items: Iterable[str], conjunction: str = "and") -> str:
    """`a, b and c` — items are inserted as given (escape them first)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


_CLOSING_QUOTES = ('"', "'", "\u201d", "\u2019")


def sentence(value: Any) -> str:
    """Escape and make sure the text ends like a sentence (`plain_sentence` of the escaped text)."""
    return plain_sentence(md(value))


def plain_sentence(text: str) -> str:
    """`text` with a full stop unless it already ends like a sentence.

    A full stop, `!` or `?` just inside a closing quote already ends the sentence
    (`…talk to a person."`), so no second full stop is added after the quote.
    """
    body = text.rstrip("".join(_CLOSING_QUOTES)) if text.endswith(_CLOSING_QUOTES) else text
    return text if body.endswith((".", "!", "?")) else text + "."


def capitalised(value: Any) -> str:
    """`chat on our website` → `Chat on our website`: a label that opens a sentence."""
    text = str(value)
    return text[:1].upper() + text[1:]


def lower_first(value: str) -> str:
    """`It does not…` → `it does not…` for mid-sentence use, leaving acronyms (`AI`) alone."""
    if len(value) > 1 and value[0].isupper() and not value[1].isupper():
        return value[0].lower() + value[1:]
    return value


def article_number(number: str) -> str:
    """English cites "22(3)(a)" as written; other languages format it (see `i18n.Catalogue.cite_number`)."""
    return number


TEMPLATE_FUNCTIONS = {
    "as_sentence": sentence,
    "capitalised": capitalised,
}
"""Filters the public templates also call as functions (`sent(…)`, `cap(…)`, bound in
`partials/public.md.j2`): a template macro costs a page several times what a Python call
does, and these two run some eighty thousand times for a profile with hundreds of systems."""

FILTERS = {
    "md": md,
    "attr": attr,
    "long_date": long_date,
    "duration": duration,
    "join_and": join_and,
    "sentence": sentence,
    "lower_first": lower_first,
    "article_number": article_number,
}
