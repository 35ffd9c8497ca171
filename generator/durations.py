"""Durations as people write them in a profile: "30 days", "6 months after the case closes".

Retention periods, response targets and review cadences are all durations. Keeping them as
one small value type lets the notices print them in plain words and lets the calendar add
them to dates, without either side parsing strings again.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

UNITS = {
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "business day": "business days",
    "week": "weeks",
    "month": "months",
    "year": "years",
}
_SINGULAR = {plural: singular for singular, plural in UNITS.items()}
_PATTERN = re.compile(
    r"^\s*(?P<amount>\d{1,4})\s+(?P<unit>business days?|minutes?|hours?|days?|weeks?|months?|years?)"
    r"(?:\s+(?P<after>after\s+\S.*?))?\s*$",
    re.IGNORECASE,
)
EXAMPLE = '"30 days"'
ACCEPTED = (
    'expected a duration like "30 days", "2 business days", "6 months" or '
    '"1 year after your account closes"'
)


@dataclass(frozen=True, order=True)
class Duration:
    """A whole number of one unit, optionally counted from an event ("after the chat ends")."""

    amount: int
    unit: str
    """Singular unit name: minute, hour, day, business day, week, month, year."""
    after: str | None = None
    """The event the period runs from, in the customer's words, starting with "after"."""
    texts: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)
    """The whole phrase per language, (language, text) pairs, when the profile gives one
    ({en: "90 days after the chat ends", de: "90 Tage nach Ende des Chats"}); only a duration
    counted from an event needs it, the others are worded from the language's catalogue."""

    @classmethod
    def parse(cls, text: str) -> Duration:
        match = _PATTERN.match(text)
        if not match:
            raise ValueError(f'{ACCEPTED}, got "{text}"')
        unit = match["unit"].lower()
        unit = _SINGULAR.get(unit, unit)
        amount = int(match["amount"])
        if amount == 0:
            raise ValueError(f'{ACCEPTED}, got "{text}" (a duration must be at least 1)')
        return cls(amount, unit, match["after"])

    @property
    def period(self) -> str:
        """The length alone: "30 days", "1 year"."""
        unit = self.unit if self.amount == 1 else UNITS[self.unit]
        return f"{self.amount} {unit}"

    def __str__(self) -> str:
        return f"{self.period} {self.after}" if self.after else self.period

    def approx_days(self) -> float:
        """Rough length in days, only for comparing durations (e.g. against a legal maximum)."""
        per = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "business day": 1.4,
               "week": 7, "month": 30.44, "year": 365.25}
        return self.amount * per[self.unit]

    def add_to(self, start: dt.date) -> dt.date:
        """The date this duration after `start` (calendar arithmetic; months clamp to month end)."""
        if self.unit in ("minute", "hour"):
            return start
        if self.unit == "day":
            return start + dt.timedelta(days=self.amount)
        if self.unit == "week":
            return start + dt.timedelta(weeks=self.amount)
        if self.unit == "business day":
            return _add_business_days(start, self.amount)
        months = self.amount * (12 if self.unit == "year" else 1)
        return add_months(start, months)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        def validate(value: Any) -> Duration:
            if isinstance(value, Duration):
                return value
            if isinstance(value, Mapping):
                return cls._from_mapping(value)
            if not isinstance(value, str):
                raise ValueError(f"{ACCEPTED}, got {_as_yaml(value)}")
            return cls.parse(value)

        return core_schema.no_info_plain_validator_function(
            validate, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def _from_mapping(cls, value: Mapping) -> Duration:
        """{en: "90 days after the chat ends", de: "90 Tage nach Ende des Chats", …}: the text
        in the profile's first language (or, failing that, in English) is parsed; the others
        are kept as that language's wording."""
        from generator.localtext import DEFAULT_LANGUAGE

        texts = {str(k): v for k, v in value.items()}
        if not all(isinstance(v, str) and v.strip() for v in texts.values()):
            raise ValueError(f"{ACCEPTED}, one text per language code")
        default = DEFAULT_LANGUAGE.get()
        source = texts.get(default) or texts.get("en")
        if source is None:
            raise ValueError(f'give the duration in "{default}", the profile\'s first language, e.g. {EXAMPLE}')
        try:
            parsed = cls.parse(source)
        except ValueError:
            if "en" not in texts or source == texts["en"]:
                raise
            parsed = cls.parse(texts["en"])
        return cls(parsed.amount, parsed.unit, parsed.after, tuple(sorted((k, v.strip()) for k, v in texts.items())))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string", "pattern": _PATTERN.pattern, "examples": ["30 days", "1 year after your account closes"]}


def _as_yaml(value: Any) -> str:
    """A non-text value as the profile author wrote it (true, 30, 2026-09-01), not as Python shows it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, int, float)):
        return str(value)
    return "a list or mapping" if isinstance(value, (list, dict)) else str(value)


def add_months(start: dt.date, months: int) -> dt.date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def _add_business_days(start: dt.date, days: int) -> dt.date:
    current = start
    while days:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current
