"""What the checks know of one article: its text folded and indexed, mentions and dates.

Derived once per article and shared by every check of a summary (and by the re-asks,
which verify the same article again): folding the text, indexing its words and resolving
its dates are most of a verify's cost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

from summarizer.checks.agreement import value_match
from summarizer.checks.currency import own_currency
from summarizer.checks.grounding import QuoteAligner
from summarizer.checks.incidents import Incident, IncidentMention, incidents
from summarizer.checks.time_anchors import TIME_ANCHOR, anchor_period
from summarizer.numbers import NumberMention
from summarizer.schema import Event
from summarizer.text.dates import article_dates, parse_dateline, resolve_date_text
from summarizer.text.fold import fold
from summarizer.text.lazy_regex import lazy_compile
from summarizer.text.places import countries_by_place, country_forms, country_of_currency
from summarizer.text.sentences import sentence_spans
from summarizer.vocabulary import EVENT_TYPE_CUES

__all__ = [
    "WORDS",
    "ArticleFacts",
    "ArticleText",
    "article_text",
    "cue_pattern",
]

# A date text that opens a span running to the dateline ("since January", "so far this year").
_SPAN_OPENING = lazy_compile(
    r"\s*(?:ever\s+)?since\b|\s*(?:so\s+far|to\s+date|until\s+now|up\s+to\s+now)\b", flags=2
)
# A word: letters, with one inner apostrophe ("O'Neill", "don't"); no digits.
WORDS = lazy_compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def cue_pattern(event_type: str) -> Any:
    """The pattern (like ``re.Pattern``) of ``event_type``'s cue words, matched on folded
    text; None when the type has none."""
    stems = EVENT_TYPE_CUES.get(event_type)  # type: ignore[call-overload]
    if not stems:
        return None
    return lazy_compile(r"\b(?:" + "|".join(stem.replace(" ", r"\s+") for stem in stems) + ")")


class ArticleText:
    """What the checks derive from an article's text alone, computed once per article.

    Cached across calls (:func:`article_text`): a re-ask verifies the same article again,
    and folding it, indexing its words and resolving its dates are most of a verify's cost.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.aligner = QuoteAligner(text)
        self.folded = " " + " ".join(fold(text).split()) + " "
        self.words = frozenset(WORDS.findall(self.folded))
        # the article's words by their first five letters ("ukrai": ukraine, ukrainian)
        stems: dict[str, list[str]] = {}
        for word in self.words:
            if len(word) >= 5:
                stems.setdefault(word[:5], []).append(word)
        self.stems = {stem: tuple(words) for stem, words in stems.items()}
        self._dates: dict[dt.date | None, set[dt.date]] = {}
        self._cues: dict[str, bool] = {}
        self._countries: set[int] | None = None
        self._countries_by_place: set[int] | None = None
        self._incidents: list[Incident] | None = None
        self._mention_at: dict[tuple[int, int], tuple[Incident, IncidentMention]] | None = None

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The article's sentences (:func:`summarizer.text.sentences.sentence_spans`), split
        once for every check that looks past a number's own sentence."""
        return sentence_spans(self.text)

    @property
    def incidents(self) -> list[Incident]:
        """The article's incidents (:func:`summarizer.incidents`), read on first use."""
        return self.read_incidents()

    def read_incidents(self, mentions: Sequence[NumberMention] | None = None) -> list[Incident]:
        """The article's incidents, read once: by the prompt that offers them and then by
        the checks of the answer. ``mentions``: ``extract_numbers(text)``, if at hand."""
        if self._incidents is None:
            self._incidents = incidents(self.text, mentions=mentions)
        return self._incidents

    def mention_at(self, start: int, end: int) -> tuple[Incident, IncidentMention] | None:
        """The incident a number mention at ``text[start:end]`` belongs to, with the reader's
        record of it (None: in no incident)."""
        if self._mention_at is None:
            self._mention_at = {
                (m.start, m.end): (incident, m)
                for incident in self.incidents
                for m in incident.mentions
            }
        return self._mention_at.get((start, end))

    def incident_at(self, start: int, end: int) -> Incident | None:
        """The incident a number mention at ``text[start:end]`` belongs to (None: none)."""
        found = self.mention_at(start, end)
        return None if found is None else found[0]

    @property
    def countries(self) -> set[int]:
        """The countries the article names in any form (name, short form, adjectival)."""
        if self._countries is None:
            self._countries = country_forms(self.text)
        return self._countries

    @property
    def countries_by_place(self) -> set[int]:
        """The countries whose provinces, capitals or large cities the article names."""
        if self._countries_by_place is None:
            self._countries_by_place = countries_by_place(self.text)
        return self._countries_by_place

    def dates(self, dateline: dt.date | None) -> set[dt.date]:
        found = self._dates.get(dateline)
        if found is None:
            found = self._dates[dateline] = article_dates(self.text, dateline)
        return found

    def has_cue(self, event_type: str) -> bool | None:
        """Whether a cue word of ``event_type`` occurs (None: the type has no cue words)."""
        if event_type not in self._cues:
            pattern = cue_pattern(event_type)
            if pattern is None:
                return None
            self._cues[event_type] = bool(pattern.search(self.folded))
        return self._cues[event_type]


@lru_cache(maxsize=16)
def article_text(text: str) -> ArticleText:
    return ArticleText(text)


@dataclass
class ArticleFacts:
    """One article with its (screened) mentions and dateline, as the checks need them."""

    text: str
    mentions: Sequence[NumberMention]
    dateline: dt.date | None
    derived: ArticleText
    by_value: dict[float, list[NumberMention]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls, text: str, mentions: Sequence[NumberMention], dateline: dt.date | None = None
    ) -> ArticleFacts:
        if dateline is None:
            parsed = parse_dateline(text)
            dateline = parsed.date if parsed else None
        facts = cls(text, mentions, dateline, article_text(text))
        for mention in mentions:  # every value a mention states, ends of ranges included
            facts.by_value.setdefault(float(mention.value), []).append(mention)
            if mention.value_high is not None:
                facts.by_value.setdefault(float(mention.value_high), []).append(mention)
        return facts

    @property
    def aligner(self) -> QuoteAligner:
        return self.derived.aligner

    @property
    def folded(self) -> str:
        return self.derived.folded

    @property
    def sentences(self) -> list[tuple[int, int]]:
        return self.derived.sentences

    @property
    def words(self) -> frozenset[str]:
        return self.derived.words

    @property
    def stems(self) -> dict[str, tuple[str, ...]]:
        return self.derived.stems

    @property
    def dates(self) -> set[dt.date]:
        return self.derived.dates(self.dateline)

    @cached_property
    def implied_countries(self) -> set[int]:
        """The countries the article implies without naming them: those of the places it
        names (:attr:`ArticleText.countries_by_place`) and those whose own currency it
        prices in, written as only that currency is ("GH¢", "naira"; not "$" or "Rs")."""
        found = set(self.derived.countries_by_place)
        for mention in self.mentions:
            code = own_currency(mention, self.text)
            country = country_of_currency(code) if code else None
            if country is not None:
                found.add(country)
        return found

    @property
    def incidents(self) -> list[Incident]:
        return self.derived.incidents

    def incident_at(self, start: int, end: int) -> Incident | None:
        return self.derived.incident_at(start, end)

    def told_of(self, start: int, end: int) -> tuple[str | None, dt.date | None] | None:
        """The place and day the mention at ``text[start:end]`` is told of (its clause's)."""
        found = self.derived.mention_at(start, end)
        return None if found is None else (found[1].place, found[1].date)

    def stating(self, value: float) -> list[NumberMention]:
        """Mentions that state ``value`` (as written, or as one end of a range)."""
        found = self.by_value.get(float(value))
        if found is not None or float(value).is_integer():
            return found or []
        return [m for m in self.mentions if value_match(value, m) in ("value", "low", "high")]

    def year_of(self, date: dt.date | None) -> int | None:
        """The year an event happened: its own date, else the dateline's."""
        if date is not None:
            return date.year
        return self.dateline.year if self.dateline else None

    def event_time(self, event: Event) -> tuple[int | None, dt.date | None]:
        """(year, date) of an event, from the first of: its date; the date its ``date_text``
        resolves to; a time its ``date_text`` or (undated) description names ("July 2023",
        "last year", "the 2019 vote"); the dateline's year. An event of another year owns
        that year's tolls."""
        if event.date_text and _SPAN_OPENING.match(event.date_text):
            # "since the outbreak was identified on Jan. 27", "so far this year": the event
            # runs from that time to the dateline, so no one day of it is its time; the
            # year it started is.
            start = event.date or resolve_date_text(event.date_text, self.dateline)
            return self.year_of(start), None
        if event.date is not None:
            return event.date.year, event.date
        for text in (event.date_text or "", event.description):
            if not text:
                continue
            if text is event.date_text:
                resolved = resolve_date_text(text, self.dateline)
                if resolved is not None:
                    return resolved.year, resolved
            for anchor in TIME_ANCHOR.finditer(text):
                period = anchor_period(anchor, self.dateline)
                if period is not None and period[0].year == period[1].year:
                    return period[0].year, (period[0] if period[0] == period[1] else None)
        return self.year_of(None), None
