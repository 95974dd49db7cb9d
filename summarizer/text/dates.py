"""Datelines and weekday mentions, resolved by rule (no LLM).

A weekday in a news story ("Saturday", "late Saturday", "Saturday's attack")
means the latest such day on or before the dateline.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from summarizer.text.lazy_regex import lazy_compile

WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

# Month names, each with the abbreviations news writes ("Sept."), lower case: the project's
# one list of them (the number extractor and the sentence splitter read them too).
_MONTHS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTH_NUMBERS: dict[str, int] = {
    name: index for index, names in enumerate(_MONTHS, start=1) for name in names
}
MONTH_ABBREVIATIONS = frozenset(name for names in _MONTHS for name in names[1:])

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


_MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
# "March 14 last year", "on 14 March next year": the year told by its distance from now.
_RELATIVE_YEAR = r"(?:,?\s+(?P<{}>last|this|next)\s+year\b)"
_MONTH_DAY = lazy_compile(
    rf"\b(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b"
    rf"|{_RELATIVE_YEAR.format('rel')})?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.replace('month', 'month2')}"
    rf"(?:,?\s+(?P<year2>\d{{4}})\b|{_RELATIVE_YEAR.format('rel2')})?)",
    re.IGNORECASE,
)
_YEAR_STEP = {"last": -1, "this": 0, "next": 1}
_ISO_DATE = lazy_compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SAME_DAY = lazy_compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I)
_DAY_BEFORE = lazy_compile(r"\b(?:yesterday|last\s+night)\b", re.IGNORECASE)


# How far after the dateline a day and month without a year may fall and keep its year.
_AHEAD = dt.timedelta(days=92)


def resolve_date_text(phrase: str, dateline: dt.date | None) -> dt.date | None:
    """The calendar date a date phrase names, or None when the rules cannot tell.

    An ISO date or "March 14, 2024" resolves alone, "March 14 last year" the year before the
    dateline's; "March 14" takes the dateline's year (the
    year before when that would fall more than three months after the dateline: news names
    the weeks ahead, "polls on March 20", but not the months ahead of a year's end); a weekday is the latest such day on
    or before the dateline; "today"/"tonight" is the dateline, "yesterday"/"last night" the
    day before it.
    """
    iso = _ISO_DATE.search(phrase)
    if iso:
        return _date(int(iso[1]), int(iso[2]), int(iso[3]))
    day = _MONTH_DAY.search(phrase)
    if day:
        month = MONTH_NUMBERS[(day["month"] or day["month2"]).lower()]
        number = int(day["day"] or day["day2"])
        year_text = day["year"] or day["year2"]
        if year_text:
            return _date(int(year_text), month, number)
        if dateline is None:
            return None
        relative = day["rel"] or day["rel2"]
        if relative:
            return _date(dateline.year + _YEAR_STEP[relative.lower()], month, number)
        found = _date(dateline.year, month, number)
        if found is not None and found > dateline + _AHEAD:
            found = _date(dateline.year - 1, month, number)
        return found
    if dateline is None:
        return None
    weekday = resolve_weekday_phrase(phrase, dateline)
    if weekday is not None:
        return weekday
    if _DAY_BEFORE.search(phrase):
        return dateline - dt.timedelta(days=1)
    if _SAME_DAY.search(phrase):
        return dateline
    return None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase of the article ("Saturday", "March 14", "yesterday") and its date."""

    text: str
    start: int
    end: int
    date: dt.date | None  # None when the rules cannot tell (no dateline for "Saturday")


def find_dates(text: str, dateline: dt.date | None) -> list[DateMention]:
    """Every date phrase in ``text`` with its offsets, resolved as :func:`resolve_date_text`
    resolves it; a phrase inside another one already found is not counted twice."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []  # sorted, disjoint
    for pattern in (_ISO_DATE, _MONTH_DAY, _WEEKDAY, _DAY_BEFORE, _SAME_DAY):
        for match in pattern.finditer(text):
            start, end = match.span()
            at = bisect.bisect_left(taken, (start, start))
            if (at < len(taken) and taken[at][0] < end) or (at and taken[at - 1][1] > start):
                continue
            if pattern is _WEEKDAY:
                start, end = match.span(1)
            bisect.insort(taken, (start, end))
            phrase = text[start:end]
            found.append(DateMention(phrase, start, end, resolve_date_text(phrase, dateline)))
    return sorted(found, key=lambda mention: mention.start)


def article_dates(text: str, dateline: dt.date | None) -> set[dt.date]:
    """Every date the article names: its dateline, weekdays, month-day dates, ISO dates."""
    found: set[dt.date] = set()
    if dateline is not None:
        found.add(dateline)
        found.update(mention.date for mention in find_weekdays(text, dateline))
        if _DAY_BEFORE.search(text):
            found.add(dateline - dt.timedelta(days=1))
    for match in _MONTH_DAY.finditer(text):
        resolved = resolve_date_text(match.group(), dateline)
        if resolved is not None:
            found.add(resolved)
    for match in _ISO_DATE.finditer(text):
        resolved = _date(int(match[1]), int(match[2]), int(match[3]))
        if resolved is not None:
            found.add(resolved)
    return found


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


__all__ = [
    "MONTH_ABBREVIATIONS",
    "MONTH_NUMBERS",
    "WEEKDAYS",
    "DateMention",
    "Dateline",
    "WeekdayMention",
    "article_dates",
    "find_dates",
    "find_weekdays",
    "latest_weekday_on_or_before",
    "parse_dateline",
    "resolve_date_text",
    "resolve_weekday_phrase",
]
