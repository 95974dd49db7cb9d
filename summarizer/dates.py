"""Datelines and weekday mentions, resolved by rule (no LLM).

A weekday in a news story ("Saturday", "late Saturday", "Saturday's attack")
means the latest such day on or before the dateline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from summarizer.lazy_regex import lazy_compile

WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

# The seed format: " date YYYY-MM-DD " before the first sentence. Also accept a
# bare ISO date or "Date: YYYY-MM-DD" at the very start of the text.
_DATELINE = lazy_compile(r"^\s*(?:date:?\s+)?(\d{4})-(\d{2})-(\d{2})\b\s*", re.IGNORECASE)
_WEEKDAY = lazy_compile(r"\b(" + "|".join(WEEKDAYS) + r")(?:'s|’s)?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Dateline:
    date: dt.date
    start: int
    end: int  # offset just past the dateline; the article body starts here


@dataclass(frozen=True, slots=True)
class WeekdayMention:
    text: str
    start: int
    end: int
    date: dt.date
    context: str


def parse_dateline(text: str) -> Dateline | None:
    """The publication date at the top of the article, if it has one."""
    match = _DATELINE.match(text)
    if not match:
        return None
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return Dateline(date=day, start=match.start(1), end=match.end())


def latest_weekday_on_or_before(weekday: int, dateline: dt.date) -> dt.date:
    """``weekday`` is 0 for Monday, as in :meth:`datetime.date.weekday`."""
    return dateline - dt.timedelta(days=(dateline.weekday() - weekday) % 7)


def resolve_weekday_phrase(phrase: str, dateline: dt.date) -> dt.date | None:
    """Resolve the first weekday named in ``phrase`` ("late Saturday") against the dateline."""
    match = _WEEKDAY.search(phrase)
    if not match:
        return None
    return latest_weekday_on_or_before(WEEKDAYS.index(match[1].lower()), dateline)


def find_weekdays(text: str, dateline: dt.date | None = None) -> list[WeekdayMention]:
    """Every weekday mention with the date it refers to (needs a dateline)."""
    dateline = dateline or (parsed.date if (parsed := parse_dateline(text)) else None)
    if dateline is None:
        return []
    mentions = []
    for match in _WEEKDAY.finditer(text):
        day = latest_weekday_on_or_before(WEEKDAYS.index(match[1].lower()), dateline)
        context = text[max(0, match.start() - 20) : match.end() + 20].replace("\n", " ")
        mentions.append(
            WeekdayMention(match[1], match.start(1), match.end(1), day, context.strip())
        )
    return mentions
