"""Words that tie a clause to another time than the event's: "In 2019", "last year".

"In 1999, a cyclone killed nearly 10,000 people": a toll from such a sentence is background,
not this event's. Both the figure check and the prose number check ask
:func:`background_anchor` which anchor, if any, makes a mention another time's; an event's
own time is read from the same anchors (:meth:`summarizer.checks.facts.ArticleFacts.event_time`).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from summarizer.numbers import NumberMention
from summarizer.text.dates import MONTH_NUMBERS, WEEKDAYS, resolve_date_text
from summarizer.text.lazy_regex import lazy_compile
from summarizer.text.sentences import CLAUSE_TURN

__all__ = [
    "AGO_WORDS",
    "MONTH_NAME",
    "TIME_ANCHOR",
    "YEAR",
    "Period",
    "anchor_period",
    "background_anchor",
    "month_number",
    "overlaps",
    "period_of",
]

# Patterns (sources, not compiled) of a year as news writes one, and of a month's name.
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTH_DAY = rf"{MONTH_NAME}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
# Words that tie a clause to a time: a year ("in 2019", "since August 2023", "a 2018 quake"),
# a time counted back from the dateline ("last year", "three years ago", "last week"), or
# one with no date at all ("in the past", "the previous quake").
TIME_ANCHOR = lazy_compile(
    r"\b(?:in|during|since|back\s+in|by|until|(?:fires?|floods?|(?:earth)?quakes?|storms?"
    r"|cyclones?|hurricanes?|typhoons?|riots?|protests?|elections?|war|attacks?|bombings?"
    r"|blasts?|explosions?|outbreaks?|epidemic|pandemic|crisis|drought|famine|summer|winter"
    r"|spring|autumn|season|massacre|tsunami|eruption)\s+of)\s+(?:(?:early|late|mid|mid-)\s*)?"
    rf"(?:{_MONTH_DAY})?(?P<year>{YEAR})(?:[-–/](?P<until>\d\d(?!\d)|{YEAR}))?\b"
    rf"|\b{_MONTH_DAY}(?P<year4>{YEAR})\b"
    rf"|\b(?:the|a|an|its|their)\s+(?P<year2>{YEAR})\b(?!\s*[-–]\s*\d)"
    rf"|^\W*(?P<year3>{YEAR})\b"
    r"|\b(?P<this>this|last)\s+(?P<last>year|month|week|summer|winter|spring|autumn)\b"
    rf"|\blast\s+(?-i:(?=[A-Z]))(?P<month>{MONTH_NAME})\b"
    r"|\b(?P<ago>\w+|\d+)\s+years?\s+(?:ago|earlier)\b"
    r"|\ba\s+decade\s+ago\b"
    r"|\bin\s+the\s+past\b(?!\s+(?:[\w-]+\s+){0,2}(?:hours?|days?|weeks?|months?|year)\b)"
    r"|\b(?:previous|earlier|last|prior|past)\s+(?:\w+\s+)?(?:quake|earthquake|storm|cyclone"
    r"|hurricane|typhoon|attack|attacks|disaster|war|sinking|fire|blast|explosion|flood|floods"
    r"|collapse|conflict|accident|crash|tragedy|eruption|tsunami|outbreak)\b",
    flags=2,  # re.IGNORECASE
)
# Counts in words of a time counted back ("three years ago", "two days ago").
AGO_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
Period = tuple[dt.date, dt.date]
_SEASONS = frozenset({"summer", "winter", "spring", "autumn"})
_CLOSE = lazy_compile(r"[^\W\d_]*(?:\s+[^\W\d_]+){0,3}\s*")  # up to four words, no comma


@lru_cache(maxsize=1024)
def background_anchor(
    mention: NumberMention,
    event_year: int,
    event_date: dt.date | None = None,
    dateline: dt.date | None = None,
) -> str:
    """The words that anchor ``mention``'s clause to another time than the event's.

    "In 1999, a cyclone killed nearly 10,000 people": a toll from such a sentence is
    background, not this event's. The anchor nearest before the number wins (else the
    nearest after it), so "In 2019 ... claimed 104 lives, and ... in 1996 killed 800" gives
    each toll its own year; an anchor a few words after the number, in its clause, wins over
    both ("57 so far this year, compared with 66 last year"). A time counted back from the ``dateline`` ("last year", "three
    years ago", "last week") is resolved and compared with the event's year, or with its
    ``event_date`` when known. Returns "" when the sentence is about the event's time.
    """
    sentence = mention.sentence
    anchors = [
        a
        for a in TIME_ANCHOR.finditer(sentence)
        if not _reporting_period(sentence, a) and not _compared_since(sentence, a)
    ]
    if not anchors:
        return ""
    at = sentence.find(mention.text)
    end = at + len(mention.text)
    right_after = [
        a for a in anchors if a.start() >= end and _CLOSE.fullmatch(sentence[end : a.start()])
    ]
    # An anchor before the number holds within its clause: "... from 36.9 per cent in 2021,
    # while the LPF's share slipped to 36.5 per cent" dates the 36.9 and not the 36.5.
    before = [
        a for a in anchors if a.start() < at and not CLAUSE_TURN.search(sentence, a.end(), at)
    ]
    later = [
        a
        for a in anchors
        if a.start() >= end
        and not CLAUSE_TURN.search(sentence, end, a.start())
        and not _COMPARED_COUNT.search(sentence, end, a.start())
    ]
    if not (right_after or before or later):
        return ""  # the sentence's times belong to its other clauses
    if dateline is not None and _own_day_is_event(sentence, end, event_year, event_date, dateline):
        return ""  # "... fell ill last week, and one of them died on Monday"
    anchor = right_after[0] if right_after else before[-1] if before else later[0]
    period = anchor_period(anchor, dateline)
    if period is not None:
        event: Period = (
            (event_date, event_date)
            if event_date is not None
            else (dt.date(event_year, 1, 1), dt.date(event_year, 12, 31))
        )
        if overlaps(period, event):
            return ""
    return str(anchor.group())


# "killed 47 people since March, up from 31 in the same period last year": a time after a
# count compared with this one dates that count, not this one; so does the time after a
# comparative ("reached 112, 9 per cent higher than at the same time last year", "compared
# with the same period last year"). "more than 30" before a number is its qualifier.
_COMPARED_COUNT = lazy_compile(
    r"\b(?:(?:up|down)\s+from|as\s+against|against)\s+(?:an?\s+|the\s+)?[\w,.]*\d"
    r"|\bcompared\s+(?:with|to)\b"
    r"|\b(?:higher|lower|more|fewer|less|greater|bigger|smaller|up|down)\s+than\b"
    r"(?!\s+(?:an?\s+)?[\w,.]*\d)",
    flags=2,  # re.IGNORECASE
)
# "died on Monday", "was killed on March 3": the day the number's own verb happened, a few
# words after it in its clause.
_OWN_DAY_AFTER = lazy_compile(
    r"\s*(?:[\w'’-]+,?\s+){0,8}?(?:on|late|early)\s+(?:(?:the\s+)?(?:morning|night|evening"
    rf"|afternoon)\s+of\s+)?(?P<day>{'|'.join(WEEKDAYS)}"
    rf"|{MONTH_NAME}\s+\d{{1,2}}\b|\d{{1,2}}\s+{MONTH_NAME})",
    flags=2,  # re.IGNORECASE
)


def _own_day_is_event(
    sentence: str, end: int, event_year: int, event_date: dt.date | None, dateline: dt.date
) -> bool:
    """A day told right after the number, in its clause ("one of them died on Monday"), is
    the number's own time: when it falls on the event's day (or in its year, undated), an
    anchor elsewhere in the sentence ("fell ill last week") dates another part of it."""
    found = _OWN_DAY_AFTER.match(sentence, end)
    if found is None or CLAUSE_TURN.search(sentence, end, found.end()):
        return False
    day = resolve_date_text(found["day"], dateline)
    if day is None:
        return False
    return day == event_date if event_date is not None else day.year == event_year


# "in the year to December 2025", "for the quarter ended June 30, 2024", "in the 12 months
# through March 2026": the period a report covers, which is the report's own time.
_PERIOD_BEFORE = lazy_compile(
    r"(?i)\b(?:year|quarter|half|months?|period|weeks?)\s+(?:to|ended|ending|through|till)"
    r"\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?$"
)


def _reporting_period(sentence: str, anchor: re.Match[str]) -> bool:
    return bool(_PERIOD_BEFORE.search(sentence[max(0, anchor.start() - 40) : anchor.start()]))


# "the highest annual count since 1992", "the first time since 2019", "not seen since 2008":
# a "since" after a superlative compares with that time; the clause is not about it, unless
# a "when" goes on to tell of that time ("the worst since 2017, when four died").
_SUPERLATIVE_BEFORE = lazy_compile(
    r"(?i)\b(?:highest|lowest|biggest|largest|smallest|worst|best|deadliest|strongest|weakest"
    r"|fastest|slowest|heaviest|hottest|coldest|wettest|driest|warmest|longest|shortest"
    r"|steepest|sharpest|greatest|fewest|most|least|first|record|seen)\b[^,;.]{0,40}$"
)

_WHEN_AFTER = lazy_compile(r"\s*,?\s*(?:when|in\s+which|that\s+killed|which\s+killed)\b", flags=2)


def _compared_since(sentence: str, anchor: re.Match[str]) -> bool:
    if not anchor.group().lower().startswith("since") or _WHEN_AFTER.match(sentence, anchor.end()):
        return False
    return bool(_SUPERLATIVE_BEFORE.search(sentence[max(0, anchor.start() - 60) : anchor.start()]))


def overlaps(a: Period, b: Period) -> bool:
    """Whether two stretches of days share a day."""
    return a[0] <= b[1] and b[0] <= a[1]


def period_of(anchor: str, dateline: dt.date | None) -> Period | None:
    """The days the words of a time anchor (as :func:`background_anchor` returns them) can
    mean; None when they name none to compare."""
    found = TIME_ANCHOR.search(anchor)
    return anchor_period(found, dateline) if found else None


def month_number(name: str) -> int:
    """1 to 12 for a month's name as :data:`MONTH_NAME` matches it ("Sept.", "june")."""
    return MONTH_NUMBERS[name.rstrip(".").lower()]


def _last_month_named(name: str, dateline: dt.date) -> Period:
    """ "last May": that month of the year before, and of the dateline's own year too when it
    is over by the dateline (writers mean either, months before)."""
    month = month_number(name)
    start = dt.date(dateline.year - 1, month, 1)
    year = dateline.year if month < dateline.month else dateline.year - 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def anchor_period(anchor: re.Match[str], dateline: dt.date | None) -> Period | None:
    """The days a time anchor can mean (None: another time, with no date to compare)."""
    year = anchor["year"] or anchor["year2"] or anchor["year3"] or anchor["year4"]
    if year is not None:
        until = anchor["until"]  # "in 2023-24", "in 2023–2024": both years
        final = int(year[:2] + until if until and len(until) == 2 else until or year)
        return dt.date(int(year), 1, 1), dt.date(max(final, int(year)), 12, 31)
    if dateline is None:
        return None
    if anchor["month"]:
        return _last_month_named(anchor["month"], dateline)
    last = (anchor["last"] or "").lower()
    if last in _SEASONS:
        # "last summer": the latest such season over before the dateline's own, wherever
        # the article is from; "this summer" the one the dateline is in or near
        if anchor["this"].lower() == "this":
            return dateline - dt.timedelta(days=120), dateline + dt.timedelta(days=120)
        return dateline - dt.timedelta(days=550), dateline - dt.timedelta(days=45)
    if last and anchor["this"].lower() == "this":  # "so far this year": the dateline's time
        start = {
            "year": dateline.replace(month=1, day=1),
            "month": dateline.replace(day=1),
            "week": dateline - dt.timedelta(days=dateline.weekday()),
        }[last]
        return start, dateline
    if last == "year":
        return dt.date(dateline.year - 1, 1, 1), dt.date(dateline.year - 1, 12, 31)
    if last == "month":
        end = dateline.replace(day=1) - dt.timedelta(days=1)
        return end.replace(day=1), end
    if last == "week":  # the calendar week before the dateline's
        monday = dateline - dt.timedelta(days=dateline.weekday())
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    ago = (anchor["ago"] or "").lower()
    count = int(ago) if ago.isdigit() else AGO_WORDS.get(ago)
    if count is not None:
        return dt.date(dateline.year - count, 1, 1), dt.date(dateline.year - count, 12, 31)
    if anchor.group().lower().startswith("a decade"):
        return dt.date(dateline.year - 10, 1, 1), dt.date(dateline.year - 10, 12, 31)
    return None
