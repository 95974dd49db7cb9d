"""Events by construction: the rules list the incidents, the model picks among them.

A small model picks well among candidates the rules offer and badly wherever it must
invent: event boundaries, types, places, dates. The ``incident`` slot design (front
matter ``slots: incident`` of a selection prompt) therefore offers it the article's
incidents as the incident reader (:mod:`summarizer.checks.incidents`) finds them::

    [I1] where: Belgorod; when: 2023-12-30; types: attack, drone_strike; numbers: M4 M5
      "An attack on the Russian border city of Belgorod on Saturday killed 24 people"

and answers in a per-article schema where each event is one incident's own variant: its
``incident`` id, then type and date as enums of *that* incident's candidates, its place
(the one the reader finds: offered a choice of the places an incident names, the model
picked a worse one than the reader's first, locations .37 against .48 on the dev split),
and role slots holding only the ids of that incident's numbers. A figure of another
incident cannot be cited in the event, and a place the article never names cannot be
written.
The answer maps to a :class:`~summarizer.schema.SummaryDraft` through the same
:func:`~summarizer.prompting.selection.to_draft` as every selection answer, so values,
quotes and spans still come from the mentions, and the usual checks run on the result.

Offered are the incidents of the article's own time (background incidents, "the 2009
quake", are context, not events to report) that name a happening or carry a figure. An
article where the reader finds none is offered as one incident.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from summarizer.checks.facts import article_text
from summarizer.checks.incidents import Incident, event_types_in
from summarizer.numbers import NumberMention
from summarizer.prompting.selection import (
    UNLISTED_ROLES,
    ListedMention,
    SelectionAnswer,
    answer_model,
    placeholder_listing,
)
from summarizer.schema import MAX_DESCRIPTION, MAX_EVENTS, MAX_FIGURES, ROLES
from summarizer.text.dates import parse_dateline
from summarizer.text.gazetteer import place_kind
from summarizer.text.places import country_phrases
from summarizer.text.sentences import sentence_at, sentence_spans
from summarizer.vocabulary import CASUALTY_ROLES, EventType

__all__ = [
    "OfferedIncident",
    "offer_incidents",
    "render_incidents",
    "response_model",
    "template_model",
]

# Types whose cue words name no happening ("said", "talks"): offered only when nothing else is.
_SAYING_TYPES: frozenset[str] = frozenset({"statement", "meeting", "other"})
MAX_TYPES = 4  # candidates per incident: the likeliest few, "other" last
MAX_DATES = 3
EXCERPT_WORDS = 30  # words of the incident's first sentence shown under it
# Words of happenings the vocabulary has no type for, which news reports as events: a vote,
# a trial or a sentence, a match, a company's or a count's results. They rank "other".
OTHER_HAPPENINGS = re.compile(
    r"\b(?:elect(?:ion|ed|s)?|vot(?:e|es|ed|ing|ers?)|polls?|ballots?|constituenc(?:y|ies)|"
    r"seats?|courts?|judges?|verdicts?|sentenc(?:e|ed|ing)|convict(?:ed|ion)|trials?|jury|"
    r"acquitt(?:al|ed)|guilty|ruling|ruled|match(?:es)?|goals?|scored|semi-?finals?|finals?|"
    r"championships?|tournament|marathon|race|results)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class OfferedIncident:
    """One incident as the prompt offers it: its id, candidates and the ids of its numbers."""

    id: str
    excerpt: str
    event_types: tuple[EventType, ...]
    place: str  # where it happened, as the article writes it; "" when unknown
    dates: tuple[str, ...]  # ISO dates, the incident's own first
    listed: tuple[ListedMention, ...]

    def line(self) -> str:
        numbers = " ".join(item.id for item in self.listed) or "none"
        parts = [
            f"where: {self.place or 'unknown'}",
            f"when: {' | '.join(self.dates) or 'unknown'}",
            f"types: {', '.join(self.event_types)}",
            f"numbers: {numbers}",
        ]
        return f'[{self.id}] {"; ".join(parts)}\n  "{self.excerpt}"'


# ---------------------------------------------------------------------------
# The offer (pure)
# ---------------------------------------------------------------------------


def offer_incidents(
    text: str,
    listed: Sequence[ListedMention],
    dateline: dt.date | None = None,
    mentions: Sequence[NumberMention] | None = None,
) -> list[OfferedIncident]:
    """The incidents a summary may report, numbered I1, I2, ... in article order.

    ``mentions``: ``extract_numbers(text)``, if at hand. The reading is the checks' own
    (:func:`~summarizer.checks.facts.article_text`): verifying the answer reads it no more.
    """
    read = article_text(text).read_incidents(mentions)
    lead = next((i for i in read if not i.background), None)
    found = [i for i in read if i is lead or _reportable(i)][:MAX_EVENTS]
    if not found:
        return [_whole_article(text, read, listed, dateline)]
    by_span = {(item.mention.start, item.mention.end): item for item in listed}
    sentences = _body_sentences(text)
    # for an incident that names no place of its own: the country the article is about,
    # else the first place its incidents name
    everywhere = _article_place(read, _article_country(text))
    offered: list[OfferedIncident] = []
    for incident in found:
        own = tuple(
            by_span[(m.start, m.end)] for m in incident.mentions if (m.start, m.end) in by_span
        )
        spans = [(s.start, s.end) for s in incident.spans]
        offered.append(
            OfferedIncident(
                id=f"I{len(offered) + 1}",
                excerpt=_excerpt(text, sentences, spans[0][0]),
                event_types=_likely_types(text, spans),
                place=_place(incident) or everywhere,
                dates=_dates(incident, dateline),
                listed=own,
            )
        )
    return offered


def _reportable(incident: Incident) -> bool:
    """Of the article's time, and naming a happening or carrying a figure (the lead always is)."""
    if incident.background:
        return False
    happening = any(t not in _SAYING_TYPES for t in incident.event_types)
    return happening or any(m.role not in UNLISTED_ROLES for m in incident.mentions)


def _whole_article(
    text: str,
    read: Sequence[Incident],
    listed: Sequence[ListedMention],
    dateline: dt.date | None,
) -> OfferedIncident:
    sentences = _body_sentences(text)
    start = sentences[0][0] if sentences else 0
    return OfferedIncident(
        id="I1",
        excerpt=_excerpt(text, sentences, start),
        event_types=_likely_types(text, [(0, len(text))]),
        place=_article_place(read, _article_country(text)),
        dates=(dateline.isoformat(),) if dateline else (),
        listed=tuple(listed),
    )


def _likely_types(text: str, spans: Sequence[tuple[int, int]]) -> tuple[EventType, ...]:
    """The incident's cue types, most cue words first (ties: first seen).

    "other" counts the words of happenings the vocabulary has no type for (an election, a
    trial, a match: :data:`OTHER_HAPPENINGS`) and is always offered, first when those
    words outnumber every type's; a type of saying ("said", "talks") only when nothing else
    is found.
    """
    counts: Counter[EventType] = Counter()
    for start, end in spans:
        counts.update(t for _, _, t in event_types_in(text[start:end]))
        counts["other"] += len(OTHER_HAPPENINGS.findall(text, start, end))
    ranked = [t for t, n in counts.most_common() if n]  # stable: ties keep first-seen order
    happening = [t for t in ranked if t not in _SAYING_TYPES or t == "other"]
    chosen = (happening or ranked)[:MAX_TYPES]
    if "other" not in chosen:
        chosen = [*chosen[: MAX_TYPES - 1], "other"]
    return tuple(chosen)


def _place(incident: Incident) -> str:
    """Where it happened: the reader's place, else the first place it names that is not a
    country, else its country; "" when it names none."""
    if incident.place:
        return incident.place
    ordered = [p for p in incident.places if p.type != "country"]
    ordered += [p for p in incident.places if p.type == "country"]
    return next((p.refers_to or p.text for p in ordered), "")


def _article_place(read: Sequence[Incident], country: str = "") -> str:
    """The ``country`` the article is about, else the first place its incidents name."""
    return country or next((p for p in map(_place, read) if p), "")


def _article_country(text: str) -> str:
    """The country the article names most often ("Kenya", "Kenyan"), as the article writes
    its name; "" when it never writes the name. A national figure (a rate, a budget, a
    count of cases) happens there."""
    counts: Counter[int] = Counter()
    written: dict[int, str] = {}
    spaced = " ".join(text.split())  # the offsets country_phrases gives are of this text
    for start, end, country in country_phrases(text):
        counts[country] += 1
        name = spaced[start:end]
        if place_kind(name) == "country":
            written.setdefault(country, name)
    if not counts:
        return ""
    (top, _), *_ = counts.most_common(1)
    return written.get(top, "")


def _dates(incident: Incident, dateline: dt.date | None) -> tuple[str, ...]:
    """Its own date first, then the other dates it names; the dateline when it names none."""
    days: list[str] = []
    for day in (incident.date, *(d.date for d in incident.dates)):
        if day is not None and day.isoformat() not in days:
            days.append(day.isoformat())
    if not days and dateline is not None:
        days.append(dateline.isoformat())
    return tuple(days[:MAX_DATES])


def _body_sentences(text: str) -> list[tuple[int, int]]:
    """The article's sentences after its dateline line (``date YYYY-MM-DD``), if any."""
    found = parse_dateline(text)
    body = found.end if found else 0
    return [(max(s, body), e) for s, e in sentence_spans(text) if e > body]


def _excerpt(text: str, sentences: Sequence[tuple[int, int]], start: int) -> str:
    if sentences:
        start = max(start, sentences[0][0])
    left, right = sentence_at(sentences, start) if sentences else (0, len(text))
    words = text[max(left, 0) : right].split()
    cut = words[:EXCERPT_WORDS]
    return " ".join(cut) + (" ..." if len(words) > len(cut) else "")


def render_incidents(offered: Sequence[OfferedIncident]) -> str:
    """The ``$incidents`` block of a prompt: one entry per offered incident."""
    return "\n".join(item.line() for item in offered)


# ---------------------------------------------------------------------------
# The per-article response model
# ---------------------------------------------------------------------------


def response_model(offered: Sequence[OfferedIncident]) -> type[SelectionAnswer]:
    """The answer schema: one slot per offered incident, in order, each its own variant.

    The first incident (the article's lead) is always an event; every later one is its
    event or null, the model's choice. Positions rather than a free list: under a grammar a
    small model that may stop after one event does (recall .38 on the dev split), and one
    that may repeat an incident does too.
    """
    variants: list[Any] = [_variant(item) for item in offered]
    slots = tuple([variants[0], *(variant | None for variant in variants[1:])])
    return answer_model(
        "IncidentSelection",
        (tuple[slots], Field(description="One per listed incident, in order.")),  # type: ignore[valid-type]
    )


def _variant(item: OfferedIncident) -> type[BaseModel]:
    """One incident's event. Every field is required (nullable where it may be empty): under
    a grammar a small model skips optional fields, and a skipped date or toll is lost."""
    fields: dict[str, Any] = {
        "incident": (Literal[item.id], Field(description="Which listed incident this is.")),
        "event_type": (Literal[item.event_types], ...),
        "location": (Literal[item.place], ...),
        "date": (Literal[item.dates] | None if item.dates else None, Field(...)),
        "description": (str, Field(min_length=1, max_length=MAX_DESCRIPTION)),
    }
    for role in ROLES:
        ids = tuple(i.id for i in item.listed if i.mention.role == role)
        if not ids:
            continue
        if role in CASUALTY_ROLES:
            fields[role] = (Literal[ids] | None, ...)
        else:
            fields[role] = (list[Literal[ids]], Field(..., max_length=MAX_FIGURES))  # type: ignore[valid-type]
    variant: type[BaseModel] = create_model(
        f"Incident{item.id[1:]}Event",
        __config__=ConfigDict(extra="forbid", defer_build=True),
        **fields,
    )
    return variant


@functools.cache
def template_model() -> type[SelectionAnswer]:
    """The schema with placeholder incidents and ids: what the prompt's hash covers."""
    listed = tuple(placeholder_listing())
    placeholder = OfferedIncident(
        id="I1",
        excerpt="",
        event_types=("attack", "other"),
        place="Place",
        dates=("2000-01-01",),
        listed=tuple(i for i in listed if i.mention.role not in UNLISTED_ROLES),
    )
    return response_model([placeholder])
