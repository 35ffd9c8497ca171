"""Durations are written as people say them and printed back the same way."""

import datetime as dt

import pytest

from generator.durations import Duration


@pytest.mark.parametrize(("text", "amount", "unit", "after"), [
    ("30 days", 30, "day", None),
    ("1 day", 1, "day", None),
    ("2 business days", 2, "business day", None),
    ("6 Months", 6, "month", None),
    ("1 year after your account closes", 1, "year", "after your account closes"),
    ("  90 days after the chat ends ", 90, "day", "after the chat ends"),
])
def test_accepted_forms(text, amount, unit, after):
    assert Duration.parse(text) == Duration(amount, unit, after)


@pytest.mark.parametrize("text", ["forever", "30", "days", "0 days", "thirty days", "30 days until", "-1 days"])
def test_rejected_forms_say_what_is_accepted(text):
    with pytest.raises(ValueError) as error:
        Duration.parse(text)
    assert str(error.value).startswith('expected a duration like "30 days"')
    assert f'got "{text}"' in str(error.value)


def test_printed_in_plain_words():
    assert str(Duration.parse("1 years")) == "1 year"
    assert str(Duration.parse("2 business day")) == "2 business days"
    assert str(Duration.parse("7 years after the order")) == "7 years after the order"
    assert Duration.parse("90 days after the chat ends").period == "90 days"


def test_calendar_arithmetic():
    start = dt.date(2026, 1, 31)
    assert Duration.parse("1 month").add_to(start) == dt.date(2026, 2, 28)
    assert Duration.parse("1 year").add_to(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert Duration.parse("2 weeks").add_to(start) == dt.date(2026, 2, 14)
    # Friday + 2 business days is Tuesday.
    assert Duration.parse("2 business days").add_to(dt.date(2026, 11, 27)) == dt.date(2026, 12, 1)
