"""The gold events of a seed (``seeds/<id>.gold.json``), read and validated.

A gold event keeps what the schema's :class:`Event` has no field for (``date_end``); it
converts to an :class:`Event` for the perfect prediction. Format and rules: docs/prompt-regression.md#how-a-summary-is-scored.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.schema import Actor, Casualties, Event, Figure, SummaryDraft, clip
from summarizer.vocabulary import EVENT_TYPES, MENTION_QUALIFIERS, ROLES

__all__ = [
    "GoldEvent",
    "GoldFigure",
    "gold_event_to_event",
    "gold_events",
    "gold_to_summary",
    "load_gold",
    "parse_date",
    "parse_gold_events",
    "value_key",
]


@dataclass(frozen=True, slots=True)
class GoldFigure:
    role: str
    value: float
    qualifier: str
    noun: str = ""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event as annotated; keeps ``date_end``, which :class:`Event` has no field for."""

    summary: str
    event_type: str
    date: dt.date | None
    date_end: dt.date | None
    location: str
    perpetrator: str | None
    killed: GoldFigure | None
    injured: GoldFigure | None
    other_figures: tuple[GoldFigure, ...]
    attribution: str | None

    def slot(self, name: str) -> GoldFigure | None:
        return self.killed if name == "killed" else self.injured if name == "injured" else None

    def values(self) -> set[float]:
        figures = [f for f in (self.killed, self.injured, *self.other_figures) if f is not None]
        return {value_key(f.value) for f in figures}

    def label(self, index: int) -> str:
        return f"gold[{index}] {self.event_type} {self.date or '?'} {self.location or '(no place)'}"


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a ``*.gold.json`` file (the only I/O of the scoring)."""
    with Path(path).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def parse_gold_events(gold: Mapping[str, Any], key: str = "events") -> list[GoldEvent]:
    """The gold file's ``events`` (or ``optional_events``) as :class:`GoldEvent`, validated."""
    return [_parse_gold_event(raw, f"{key}[{i}]") for i, raw in enumerate(gold.get(key) or [])]


def _parse_gold_event(raw: Mapping[str, Any], where: str) -> GoldEvent:
    event_type = raw.get("event_type")
    if event_type not in EVENT_TYPES:
        raise ValueError(f"{where}: unknown event_type {event_type!r}")
    start = parse_date(raw.get("date"), f"{where}.date")
    end = parse_date(raw.get("date_end"), f"{where}.date_end")
    if start is not None and end is not None and end < start:
        raise ValueError(f"{where}: date_end {end} is before date {start}")
    return GoldEvent(
        summary=str(raw.get("summary") or ""),
        event_type=event_type,
        date=start,
        date_end=end,
        location=str(raw.get("location") or ""),
        perpetrator=raw.get("perpetrator") or None,
        killed=_parse_slot(raw.get("killed"), "killed", f"{where}.killed"),
        injured=_parse_slot(raw.get("injured"), "injured", f"{where}.injured"),
        other_figures=tuple(
            _parse_gold_figure(f, None, f"{where}.other_figures[{j}]")
            for j, f in enumerate(raw.get("other_figures") or [])
        ),
        attribution=raw.get("attribution") or None,
    )


def _parse_slot(raw: Mapping[str, Any] | None, slot: str, where: str) -> GoldFigure | None:
    return None if raw is None else _parse_gold_figure(raw, slot, where)


def _parse_gold_figure(raw: Mapping[str, Any], slot: str | None, where: str) -> GoldFigure:
    role = slot or raw.get("role")
    if role not in ROLES:
        raise ValueError(f"{where}: unknown role {role!r}")
    value = raw.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{where}: value must be a finite number, got {value!r}")
    qualifier = raw.get("qualifier") or "exact"
    if qualifier not in MENTION_QUALIFIERS:
        raise ValueError(f"{where}: unknown qualifier {qualifier!r}")
    return GoldFigure(role=role, value=value, qualifier=qualifier, noun=str(raw.get("noun") or ""))


def parse_date(value: Any, where: str) -> dt.date | None:
    """An ISO date of the gold file (None when empty); ``where`` names it in the error."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{where}: not an ISO date: {value!r}") from exc


def gold_event_to_event(gold: GoldEvent) -> Event:
    """Our schema's view of a gold event; quotes are the gold summary (scoring ignores them)."""
    quote = clip(Figure, "quote", gold.summary or "gold")

    def figure(f: GoldFigure) -> Figure:
        # The schema has no "range" qualifier; a range's value is its lower end.
        qualifier = "at_least" if f.qualifier == "range" else f.qualifier
        return Figure.model_validate(
            {
                "value": f.value,
                "qualifier": qualifier,
                "role": f.role,
                "noun": clip(Figure, "noun", f.noun),
                "quote": quote,
            }
        )

    return Event.model_validate(
        {
            "event_type": gold.event_type,
            "date": gold.date,
            "location": clip(Event, "location", gold.location),
            "actors": [Actor(name=clip(Actor, "name", gold.perpetrator), role="perpetrator")]
            if gold.perpetrator
            else [],
            "description": clip(Event, "description", gold.summary or gold.event_type),
            "casualties": Casualties(
                killed=figure(gold.killed) if gold.killed else None,
                injured=figure(gold.injured) if gold.injured else None,
            ),
            "figures": [figure(f) for f in gold.other_figures],
            "attribution": clip(Event, "attribution", gold.attribution)
            if gold.attribution
            else None,
        }
    )


def gold_events(gold: Mapping[str, Any]) -> list[Event]:
    """The gold file's events as schema :class:`Event` objects."""
    return [gold_event_to_event(g) for g in parse_gold_events(gold)]


def gold_to_summary(gold: Mapping[str, Any]) -> SummaryDraft:
    """A :class:`SummaryDraft` holding the gold events: the perfect prediction."""
    events = gold_events(gold)
    headline = str(gold.get("id") or (events[0].description if events else "gold summary"))
    summary = " ".join(e.description for e in events) or headline
    return SummaryDraft(
        headline=clip(SummaryDraft, "headline", headline),
        summary=clip(SummaryDraft, "summary", summary),
        article_date=parse_date(gold.get("date"), "date"),
        events=events,
    )


def value_key(value: float) -> float:
    """A value to compare by: 13.76e9 computed two ways must be equal (12 significant
    digits are plenty)."""
    return float(f"{float(value):.12g}")
