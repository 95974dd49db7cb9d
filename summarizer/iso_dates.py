"""Dates and times as a model must write them: ISO text, and only real calendar dates.

The answer schema's date type carries a pattern that admits every calendar date and
nothing else, so a grammar-constrained model cannot write 2024-02-30, and validation
refuses what the pattern refuses, with the reason in words for the re-ask.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema


def iso_text(
    parse: Callable[[str], Any], number_error: str, text_error: str
) -> Callable[[Any], Any]:
    """A before-validator: ISO text parsed with ``parse``, a number refused.

    Lax pydantic reads 1700000000 as a date or a time; here either is ISO text (or already
    a date/datetime object).
    """

    def validate(value: Any) -> Any:
        if isinstance(value, int | float):
            raise ValueError(number_error)
        if isinstance(value, str):
            try:
                return parse(value)
            except ValueError:
                raise ValueError(f"{value[:40]!r} {text_error}") from None
        return value

    return validate


# Every calendar date from 1000-01-01 to 9999-12-31 as YYYY-MM-DD, and nothing else: day 29
# of February only in leap years (divisible by 4; of the centuries only those divisible by
# 400). Written in the regex subset llama.cpp's json-schema-to-grammar compiles into a
# grammar (anchors, groups, alternation, classes, {n}; no (?:...) or lookarounds), so the
# model cannot even write 2024-02-30; validation applies the same pattern.
_YEAR = "[1-9][0-9]{3}"
_LEAP_YEAR = "([1-9][0-9](0[48]|[2468][048]|[13579][26])|([2468][048]|[13579][26])00)"
CALENDAR_DATE_PATTERN = (
    f"^({_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
    f"|{_YEAR}-(0[13-9]|1[0-2])-(29|30)"
    f"|{_YEAR}-(0[13578]|1[02])-31"
    f"|{_LEAP_YEAR}-02-29)$"
)
_CALENDAR_DATE = re.compile(CALENDAR_DATE_PATTERN)
_DATE_SHAPE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def not_a_date(text: str) -> str | None:
    """Why ``text`` is not a calendar date as YYYY-MM-DD, in words (None: it is one).

    "'2024-02-30' is not a date: February 2024 has 29 days": what a re-ask tells the
    model and what a dropped date's flag tells the reader.
    """
    if _CALENDAR_DATE.fullmatch(text):
        return None
    shown = repr(text[:40])
    shape = _DATE_SHAPE.fullmatch(text)
    if shape is None:
        return f"{shown} is not a date as YYYY-MM-DD"
    year, month, day = (int(part) for part in shape.groups())
    if year < 1000:
        return f"{shown} is not a date: years before 1000 are not accepted"
    if not 1 <= month <= 12:
        return f"{shown} is not a date: there is no month {month:02d}"
    days = calendar.monthrange(year, month)[1]
    if day < 1:
        return f"{shown} is not a date: there is no day 00"
    return f"{shown} is not a date: {calendar.month_name[month]} {year} has {days} days"


def _calendar_date(text: str) -> dt.date:
    problem = not_a_date(text)
    if problem is not None:
        raise ValueError(problem)
    return dt.date.fromisoformat(text)


def _date_as_text(value: Any) -> Any:
    """A before-validator: a calendar date as YYYY-MM-DD text (or a date object), no number."""
    if isinstance(value, int | float):
        raise ValueError("a date is written as text (YYYY-MM-DD), not a number")
    if isinstance(value, str):
        return _calendar_date(value)
    return value


_time_as_text = iso_text(
    dt.datetime.fromisoformat,
    "a time is written as ISO 8601 text, not a number",
    "is not an ISO 8601 date and time",
)

# The schema the model is given says what validation says: a calendar date (the pattern).
DateValue = Annotated[
    dt.date,
    BeforeValidator(_date_as_text),
    WithJsonSchema({"type": "string", "format": "date", "pattern": CALENDAR_DATE_PATTERN}),
]
TimeValue = Annotated[dt.datetime, BeforeValidator(_time_as_text)]


__all__ = ["CALENDAR_DATE_PATTERN", "DateValue", "TimeValue", "iso_text", "not_a_date"]
