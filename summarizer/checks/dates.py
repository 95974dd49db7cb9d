"""A date the summary gives must be one the article gives, resolved against its dateline.

``date_text`` ("on Saturday", "March 2021") must ground in the article, and the event's
``date`` must be what it resolves to; the summary's ``article_date`` is the dateline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from summarizer.checks.facts import ArticleFacts
from summarizer.checks.records import claim_check
from summarizer.checks.time_anchors import (
    AGO_WORDS,
    MONTH_NAME,
    TIME_ANCHOR,
    YEAR,
    Period,
    anchor_period,
    month_number,
    overlaps,
)
from summarizer.schema import ClaimCheck
from summarizer.text.dates import resolve_date_text
from summarizer.text.lazy_regex import lazy_compile
from summarizer.vocabulary import ClaimStatus

__all__ = ["check_article_date", "check_date"]


def check_date(
    path: str,
    date: dt.date | None,
    date_text: str | None,
    facts: ArticleFacts,
    others: Sequence[dt.date] = (),
) -> ClaimCheck:
    """``date_text`` must ground in the article and ``date`` equal its resolution.

    ``others``: the dates of the summary's other events, which a date text counted from
    another day ("a day earlier") may be counted from."""
    status, reason = _judge_date(date, date_text, facts, others)
    text = date_text or (date.isoformat() if date else "")
    return claim_check(path, "date", text, status, reason)


def _judge_date(
    date: dt.date | None,
    date_text: str | None,
    facts: ArticleFacts,
    others: Sequence[dt.date] = (),
) -> tuple[ClaimStatus, str]:
    against = f" against the dateline {facts.dateline}" if facts.dateline else ""
    if date_text and date_text.strip():
        missing = _ungrounded(date_text, facts)
        if missing is not None:
            return "date_not_in_article", f"{missing!r} is not in the article"
        resolved = resolve_date_text(date_text, facts.dateline)
        if resolved is not None:
            night_before = resolved - dt.timedelta(days=1)
            if date == night_before and _OVERNIGHT.search(date_text):
                return "verified", (  # "overnight into Sunday" began on Saturday
                    f"{date_text!r} runs from the night of {night_before.isoformat()}{against}"
                )
            if date is not None and resolved != date:
                return "date_mismatch", (
                    f"{date_text!r} resolves to {resolved.isoformat()}{against}, "
                    f"not {date.isoformat()}"
                )
            return "verified", f"{date_text!r} resolves to {resolved.isoformat()}{against}"
        if date is None:
            return "verified", f"{date_text!r} is in the article"
        coarse = _coarse_date(date_text)
        if coarse is not None and date is not None:
            year, month = coarse
            if date.year == year and (month is None or date.month == month):
                unit = "month" if month else "year"
                return "verified", f"{date_text!r} names the {unit} of {date.isoformat()}"
        period = _named_period(date_text, facts)
        if period is not None and date is not None:
            named = f"{date_text!r} names {period[0].isoformat()} to {period[1].isoformat()}"
            if period[0] <= date <= period[1]:
                return "verified", f"{named}{against}, which holds {date.isoformat()}"
            # outside it, the date may still be one the article gives: a report's day
            # beside the month it covers ("December" jobs, released on January 5)
        counted = _counted_from(date_text, date, facts, others)
        if counted:
            return "verified", counted
    assert date is not None
    if date in facts.dates:
        return "verified", f"{date.isoformat()} is a date the article gives{against}"
    return "unconfirmed", f"no date in the article resolves to {date.isoformat()}{against}"


# A day counted from another: "a day earlier", "two days after", "the day before", "the
# next day", "the previous day".
_COUNTED_DAYS = lazy_compile(
    r"(?i)\b(?:(?P<count>a|one|two|three|four|five|six|seven|\d{1,2})\s+days?|the\s+day)\s+"
    r"(?P<way>earlier|before|later|after)\b|\bthe\s+(?P<side>previous|next|following)\s+day\b"
)


def _counted_from(
    date_text: str, date: dt.date | None, facts: ArticleFacts, others: Sequence[dt.date]
) -> str:
    """Why ``date`` is the day ``date_text`` counts from another ("A day earlier": a day from
    a date of another event of the summary, or one the article gives), or ""."""
    found = _COUNTED_DAYS.search(date_text)
    if found is None or date is None:
        return ""
    count = found["count"]
    days = (int(count) if count.isdigit() else AGO_WORDS[count.lower()]) if count else 1
    back = (found["way"] or found["side"]).lower() in ("earlier", "before", "previous")
    # Either way: a summary copies the article's words, and "the assault came two days
    # after militants overran a base" dates the base two days before the assault.
    for base in (
        date + dt.timedelta(days=days if back else -days),
        date + dt.timedelta(days=-days if back else days),
    ):
        if base in others or base in facts.dates:
            return f"{date_text!r}: {days} day(s) from {base.isoformat()}, another date told"
    return ""


# Where a date text joins its pieces: "early Sunday, shortly after 1:30 a.m.", "Monday night
# at about 9.40pm" (the day and the hour, which articles tell in different sentences).
_PIECES = lazy_compile(r"\s*[,;]\s*|\s+(?:at|and)\s+")


def _ungrounded(date_text: str, facts: ArticleFacts) -> str | None:
    """The date text, or the piece of it, that the article does not say; None when it does.
    A summary writes the day and the hour together though the article tells them apart: each
    piece must ground, not the whole."""
    if _grounds(date_text, facts):
        return None
    pieces = [p for p in _PIECES.split(date_text) if p.strip()]
    if len(pieces) < 2:
        return date_text
    return next((piece for piece in pieces if not _grounds(piece, facts)), None)


_DIGITS = lazy_compile(r"\d+")


def _grounds(text: str, facts: ArticleFacts) -> bool:
    """The article says ``text``; a loose match only with the same figures ("10.40pm" is not
    the article's "11.40pm", however alike the words around it)."""
    grounding = facts.aligner.ground(text)
    if grounding.match == "none":
        return False
    if grounding.match != "fuzzy" or grounding.start is None or grounding.end is None:
        return True
    span = facts.text[grounding.start : grounding.end]
    return bool(_DIGITS.findall(text) == _DIGITS.findall(span))


_COARSE_DATE = lazy_compile(
    rf"\b(?:(?P<month>{MONTH_NAME})\s+)?(?P<year>{YEAR})\b(?!\s*[-–]\s*\d)", flags=2
)


def _coarse_date(date_text: str) -> tuple[int, int | None] | None:
    """(year, month or None) of a date text naming no day: "March 2021", "the 2019 vote"."""
    match = _COARSE_DATE.search(date_text)
    if match is None:
        return None
    month = match["month"]
    number = None
    if month:
        number = month_number(month)
    return int(match["year"]), number


def _named_period(date_text: str, facts: ArticleFacts) -> Period | None:
    """The days a date text names when it names a period, not a day: "last year", "in
    January last year", "last month", "two years ago" (a month's name narrows the period
    to that month), "over the weekend", "three days ago", "in June"."""
    dateline = facts.dateline
    for anchor in TIME_ANCHOR.finditer(date_text):
        period = anchor_period(anchor, dateline)
        if period is None:
            continue
        month = _MONTH_WORD.search(date_text)
        return period if month is None else _month_within(month.group(), period)
    if dateline is None:
        return None
    if _WEEKEND.search(date_text):  # the last weekend up to the dateline
        sunday = dateline - dt.timedelta(days=(dateline.weekday() + 1) % 7)
        return sunday - dt.timedelta(days=1), sunday
    ago = _DAYS_AGO.search(date_text)
    if ago is not None:
        count = int(ago[1]) if ago[1].isdigit() else AGO_WORDS.get(ago[1].lower())
        if count is not None:
            day = dateline - dt.timedelta(days=count)
            return day, day
    month = _BARE_MONTH.fullmatch(date_text.strip())
    if month is None:  # "since January", "since the long rains began in March"
        month = _SINCE_MONTH.fullmatch(date_text.strip())
    if month is not None:  # "in June": the last June up to the dateline
        year = dateline.year
        number = month_number(month["month"])
        # "last April" is the April before the dateline's month, a year back in April
        behind = number > dateline.month or (number == dateline.month and bool(month["last"]))
        return _month_within(month["month"], (dt.date(year - behind, 1, 1), dateline))
    return None


def _month_within(month: str, period: Period) -> Period | None:
    """The month named ``month`` that overlaps ``period``, as its first and last days."""
    number = month_number(month)
    for year in range(period[0].year, period[1].year + 1):
        first = dt.date(year, number, 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        if overlaps((first, last), period):
            return first, last
    return None


_WEEKEND = lazy_compile(r"(?i)\b(?:the|this|last)\s+weekend\b")
_DAYS_AGO = lazy_compile(r"(?i)\b(\d+|one|two|three|four|five|six|seven)\s+days?\s+ago\b")
_OVERNIGHT = lazy_compile(r"(?i)\bovernight\b")
_BARE_MONTH = lazy_compile(
    rf"(?i)(?:in\s+|during\s+|(?P<last>last)\s+)?(?:(?:early|mid|late)[-\s]+)?(?P<month>{MONTH_NAME})"
)
# A stretch that began in a month the date text names, with no year: the month it began.
_SINCE_MONTH = lazy_compile(
    rf"(?i)since\s+(?:[^\W\d]+\s+){{0,6}}?(?:in\s+)?(?P<last>)(?P<month>{MONTH_NAME})"
)
_MONTH_WORD = lazy_compile(rf"(?i)\b{MONTH_NAME}(?!\w)")


def check_article_date(article_date: dt.date, dateline: dt.date) -> ClaimCheck:
    """The summary's ``article_date`` is the article's dateline, nothing else."""
    text = article_date.isoformat()
    if article_date == dateline:
        return claim_check("article_date", "date", text, "verified", "the article's dateline")
    reason = f"the article's dateline is {dateline.isoformat()}, not {text}"
    return claim_check("article_date", "date", text, "date_mismatch", reason)
