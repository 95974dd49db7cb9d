"""Score a predicted summary against a seed's gold events, for prompt regression.

Pure functions over :class:`~summarizer.schema.SummaryDraft` and the gold dict of a
``seeds/<id>.gold.json`` file; the only I/O is :func:`load_gold`. Every rule below is
one small function so a test can pin it down.

Matching (which predicted event is which gold event)
----------------------------------------------------
* ``event_similarity`` = 0.35 x date + 0.30 x location + 0.25 x type + 0.10 x content,
  each part in [0, 1]:

  - date (:func:`date_similarity`): 1.0 on the gold ``date``; 0.8 inside the gold span
    ``date..date_end``; 0.5 one day off the span; 0.0 further; 0.25 when exactly one
    side has no date (unknown is weak evidence, not counter-evidence); 1.0 when both lack one.
  - location (:func:`location_similarity`): 1.0 when :func:`locations_equal`; 0.25 when
    exactly one side is empty; else 0.6 x token overlap (shared / smaller token set).
  - type (:func:`type_similarity`): 1.0 exact; 0.6 same family (:data:`TYPE_FAMILIES`:
    "strikes" = missile/drone/air strike, shelling, bombing, attack; "disasters" =
    natural_disaster, accident, fire, explosion; "unrest" = protest, riot); else 0.0.
  - content (:func:`content_similarity`): mean of the Jaccard overlap of figure values
    and of content words (description vs gold summary; two empty sets count as 1.0).
    A tie-breaker: gold events of one story often share date, place and type (the
    Microsoft seed), and only the numbers and words tell them apart.

* A pair can match only if its similarity is at least :data:`MIN_SIMILARITY` (0.5): so
  one wrong attribute (date, or place, or type) keeps the match, two do not.
* The assignment is one-to-one and exact (:func:`assign`): it maximises the number of
  matched pairs, then the summed similarity, then keeps events in list order (smallest
  total index distance). It is a dynamic programme over subsets of the smaller side
  (``scipy`` is not available); with more than :data:`EXACT_LIMIT` events on both sides
  it falls back to greedy by similarity (never the case with ``MAX_EVENTS`` = 8).
* Gold files may list ``optional_events`` (same format): they are matched after the
  required ones, and a predicted event that matches one is neither a hit nor a false
  positive. (The current seeds only name optional events in free-text ``notes``.)

Field scores (each in [0, 1])
-----------------------------
* ``event_recall`` = matched gold / gold events; ``event_precision`` = matched /
  predicted events not matched to an optional gold event (1.0 when both are empty, 0.0
  when nothing is predicted against a non-empty gold); ``event_f1`` their harmonic mean.
* The rest are judged on matched pairs only, so a missing event costs recall but not
  also dates, places and figures. Counts are pooled over the seed's matched pairs (an
  event with six gold figures weighs six times one with one figure). With no matched
  pair these fields are ``None``; with matched pairs but nothing to check they are 1.0
  (nothing was to be found, nothing was missed).

  - ``casualties`` (:func:`casualty_slot_outcome`): for each matched pair and each of the
    gold's slots ``killed``/``injured``: a gold figure counts correct when the predicted
    slot has the same value AND qualifier; a predicted slot where gold has null counts
    as an error. Score = correct / (gold non-null slots + spurious predicted slots).
  - ``other_figures`` (:func:`figure_recall`): recall of gold ``other_figures`` by
    role + value (qualifier and noun ignored), one-to-one, from the matched predicted
    event's ``figures`` plus its casualty slots not already used for a gold slot (a
    model may put "36 missing" in ``casualties.missing``).
  - ``dates`` (:func:`date_correct`): the predicted date is the gold ``date`` or lies in
    ``date..date_end``; a null gold date wants a null prediction.
  - ``locations`` (:func:`locations_equal`): normalised (case, accents, punctuation,
    "U.N."/"UN"/"United Nations", "U.S."/"USA"/"United States", generic words such as
    "region" or "strip" dropped) and then equal as a whole, by first comma part
    ("Kharkiv" = "Kharkiv, Ukraine" = "Kharkiv, Kharkiv Oblast"), or by a place the gold
    lists in parentheses ("Beersheba" for "Southern Israel (Beersheba, Ashdod)"). A null
    gold location wants an empty prediction.
  - ``event_types``: exact type equality (families only help matching).

* ``figures_verified``, ``figures_unconfirmed``, ``figures_contradicted`` = the share of
  the prediction's figures whose :attr:`~summarizer.schema.FigureCheck.verdict` is that
  verdict, from its ``verification`` report (an :class:`~summarizer.schema.ArticleSummary`);
  ``None`` without a report or without figures (an answer that reports no figure is
  never "all verified"). Over several seeds (:func:`field_means`) they are pooled:
  verified figures over all figures of all answers. They measure the model against the
  article, not the gold, so they are excluded from ``overall``; for unconfirmed and
  contradicted lower is better (:data:`LOWER_IS_BETTER`).
* ``prose_flagged`` = share of the numbers in headline, summary and event descriptions
  (read by :func:`summarizer.numbers.extract_numbers`) whose value is not among the
  gold's annotated ``numbers`` of the article (pooled like the figure shares; lower is
  better; not in ``overall``).
* ``overall`` = unweighted mean of the non-``None`` scores among ``event_f1`` (standing
  for recall and precision), ``casualties``, ``other_figures``, ``dates``,
  ``locations`` and ``event_types``.

:func:`compare_reports` classifies each field of two reports as improved / regressed /
unchanged (``|delta| <= tolerance``) or incomparable (a side is ``None``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.schema import (
    Actor,
    Casualties,
    Event,
    Figure,
    SummaryDraft,
    VerificationReport,
    clip,
    tally,
)
from summarizer.text.fold import fold
from summarizer.vocabulary import EVENT_TYPES, MENTION_QUALIFIERS, ROLES

# ---------------------------------------------------------------------------
# Constants (the rules' numbers, in one place).
# ---------------------------------------------------------------------------

WEIGHT_DATE = 0.35
WEIGHT_LOCATION = 0.30
WEIGHT_TYPE = 0.25
WEIGHT_CONTENT = 0.10
MIN_SIMILARITY = 0.5
EXACT_LIMIT = 12

DATE_IN_SPAN = 0.8
DATE_OFF_BY_ONE = 0.5
ONE_SIDE_UNKNOWN = 0.25
LOCATION_OVERLAP_WEIGHT = 0.6
TYPE_FAMILY_SIMILARITY = 0.6

TYPE_FAMILIES: dict[str, frozenset[str]] = {
    "strikes": frozenset(
        {"missile_strike", "drone_strike", "air_strike", "shelling", "bombing", "attack"}
    ),
    "disasters": frozenset({"natural_disaster", "accident", "fire", "explosion"}),
    "unrest": frozenset({"protest", "riot"}),
}

# The gold annotates these two slots; others (missing, displaced, ...) go in other_figures.
GOLD_CASUALTY_SLOTS: tuple[str, ...] = ("killed", "injured")

# Fields in report order; OVERALL_FIELDS are averaged into ``overall``.
FIELDS: tuple[str, ...] = (
    "event_recall",
    "event_precision",
    "event_f1",
    "casualties",
    "other_figures",
    "dates",
    "locations",
    "event_types",
    "figures_verified",
    "figures_unconfirmed",
    "figures_contradicted",
    "prose_flagged",
    "overall",
)
# Shares of the answer's own figures by verdict: pooled over seeds (figures, not seeds,
# are counted), and for unconfirmed / contradicted lower is better.
FIGURE_SHARE_FIELDS: dict[str, str] = {
    "figures_verified": "verified",
    "figures_unconfirmed": "unconfirmed",
    "figures_contradicted": "contradicted",
}
# Fields that measure the answer against the article, not against the gold events.
CHECK_FIELDS: tuple[str, ...] = (*FIGURE_SHARE_FIELDS, "prose_flagged")
LOWER_IS_BETTER: frozenset[str] = frozenset(
    {"figures_unconfirmed", "figures_contradicted", "prose_flagged"}
)
OVERALL_FIELDS: tuple[str, ...] = (
    "event_f1",
    "casualties",
    "other_figures",
    "dates",
    "locations",
    "event_types",
)

_LOCATION_ALIASES: tuple[tuple[str, str], ...] = (
    ("united nations", "un"),
    ("united states of america", "us"),
    ("united states", "us"),
    ("usa", "us"),
    ("united kingdom", "uk"),
)
# Words that name the kind of place, not the place: "Belgorod region" is Belgorod.
_GENERIC_PLACE_WORDS = frozenset(
    {
        "city",
        "county",
        "counties",
        "province",
        "oblast",
        "region",
        "district",
        "governorate",
        "prefecture",
        "municipality",
        "strip",
    }
)
_LOCATION_STOPWORDS = frozenset({"the", "of", "and", "in", "near", "on", "at", "outside", "around"})
_TEXT_STOPWORDS = frozenset(
    {
        "the", "and", "for", "with", "from", "that", "this", "were", "was", "has", "have", "had",
        "its", "their", "his", "her", "said", "says", "into", "over", "after", "about", "more",
        "than", "least", "which", "who", "also", "been", "are", "but", "not", "they", "them",
        "on", "in", "of", "at", "by", "to", "a", "an", "as", "it", "is",
    }
)  # fmt: skip
_PARENS = re.compile(r"\(([^()]*)\)")
_PAREN_ITEM_SPLIT = re.compile(r",|;|/|&|\band\b")
_PART_SPLIT = re.compile(r"[,;]")
_WORD = re.compile(r"[a-z0-9]+")


# ---------------------------------------------------------------------------
# Gold events.
# ---------------------------------------------------------------------------


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
        return {_value_key(f.value) for f in figures}

    def label(self, index: int) -> str:
        return f"gold[{index}] {self.event_type} {self.date or '?'} {self.location or '(no place)'}"


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a ``*.gold.json`` file (the module's only I/O)."""
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
    start = _parse_date(raw.get("date"), f"{where}.date")
    end = _parse_date(raw.get("date_end"), f"{where}.date_end")
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


def _parse_date(value: Any, where: str) -> dt.date | None:
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
        article_date=_parse_date(gold.get("date"), "date"),
        events=events,
    )


# ---------------------------------------------------------------------------
# Similarity rules (for matching).
# ---------------------------------------------------------------------------


def date_similarity(
    pred: dt.date | None, start: dt.date | None, end: dt.date | None = None
) -> float:
    """1 on the gold date, 0.8 inside its span, 0.5 one day off, 0.25 one side unknown, else 0."""
    if pred is None or start is None:
        return 1.0 if pred is None and start is None else ONE_SIDE_UNKNOWN
    if pred == start:
        return 1.0
    last = end if end is not None and end >= start else start
    if start <= pred <= last:
        return DATE_IN_SPAN
    gap = min(abs((pred - start).days), abs((pred - last).days))
    return DATE_OFF_BY_ONE if gap == 1 else 0.0


def date_correct(pred: dt.date | None, start: dt.date | None, end: dt.date | None = None) -> bool:
    """The date field rule: the gold date, or any day of the gold span."""
    if start is None:
        return pred is None
    if pred is None:
        return False
    last = end if end is not None and end >= start else start
    return start <= pred <= last


def normalize_location(text: str | None) -> str:
    """Canonical words of a place: no case, accents, punctuation, generic words; aliases applied."""
    if not text:
        return ""
    folded = fold(text)  # typographic apostrophes are "'" from here on
    # Dots and apostrophes join ("U.N." -> "un", "d'Ivoire" -> "divoire"); other marks split.
    folded = re.sub(r"[.']", "", folded)
    folded = re.sub(r"[\W_]+", " ", folded)
    joined = " ".join(folded.split())
    for phrase, alias in _LOCATION_ALIASES:
        joined = re.sub(rf"\b{phrase}\b", alias, joined)
    words = [w for w in joined.split() if w != "the"]
    kept = [w for w in words if w not in _GENERIC_PLACE_WORDS]
    return " ".join(kept or words)


def location_keys(text: str | None) -> frozenset[str]:
    """Names a location answers to: the whole, its first comma part, places listed in parentheses."""
    if not text:
        return frozenset()
    keys: set[str] = set()
    for inner in _PARENS.findall(text):
        keys.update(normalize_location(item) for item in _PAREN_ITEM_SPLIT.split(inner))
    base = _PARENS.sub(" ", text)
    parts = [p for p in (normalize_location(part) for part in _PART_SPLIT.split(base)) if p]
    if parts:
        keys.add(" ".join(parts))
        keys.add(parts[0])
    keys.discard("")
    return frozenset(keys)


def locations_equal(pred: str | None, gold: str | None) -> bool:
    """The location field rule: both empty, or they share a key (see :func:`location_keys`)."""
    pred_keys, gold_keys = location_keys(pred), location_keys(gold)
    if not pred_keys or not gold_keys:
        return not pred_keys and not gold_keys
    return bool(pred_keys & gold_keys)


def _location_tokens(text: str | None) -> set[str]:
    return {w for w in normalize_location(text).split() if w not in _LOCATION_STOPWORDS}


def location_similarity(pred: str | None, gold: str | None) -> float:
    """1 when equal, 0.25 when one side is empty, else 0.6 x share of the smaller token set."""
    if locations_equal(pred, gold):
        return 1.0
    pred_tokens, gold_tokens = _location_tokens(pred), _location_tokens(gold)
    if not pred_tokens or not gold_tokens:
        return ONE_SIDE_UNKNOWN
    overlap = len(pred_tokens & gold_tokens) / min(len(pred_tokens), len(gold_tokens))
    return LOCATION_OVERLAP_WEIGHT * overlap


def type_family(event_type: str) -> str:
    """The family an event type belongs to, or the type itself when it has none."""
    for family, members in TYPE_FAMILIES.items():
        if event_type in members:
            return family
    return event_type


def type_similarity(pred: str, gold: str) -> float:
    """1 for the same type, 0.6 for the same family ("strikes", ...), else 0."""
    if pred == gold:
        return 1.0
    return TYPE_FAMILY_SIMILARITY if type_family(pred) == type_family(gold) else 0.0


def _value_key(value: float) -> float:
    # 13.76e9 computed two ways must compare equal: 12 significant digits is plenty.
    return float(f"{float(value):.12g}")


def _jaccard(a: set[Any], b: set[Any]) -> float:
    # Two empty sets agree (two events with no numbers are alike in that).
    return len(a & b) / len(a | b) if a | b else 1.0


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if len(w) >= 3 and w not in _TEXT_STOPWORDS}


def _event_values(event: Event) -> set[float]:
    return {_value_key(f.value) for _, f in event.all_figures()}


def content_similarity(pred: Event, gold: GoldEvent) -> float:
    """Mean Jaccard overlap of figure values and of content words (a tie-breaker)."""
    values = _jaccard(_event_values(pred), gold.values())
    words = _jaccard(_content_words(pred.description), _content_words(gold.summary))
    return (values + words) / 2


class Similarity(BaseModel):
    """How alike a predicted and a gold event are, part by part."""

    model_config = ConfigDict(frozen=True)

    date: float
    location: float
    event_type: float
    content: float

    @property
    def total(self) -> float:
        return (
            WEIGHT_DATE * self.date
            + WEIGHT_LOCATION * self.location
            + WEIGHT_TYPE * self.event_type
            + WEIGHT_CONTENT * self.content
        )


def event_similarity(pred: Event, gold: GoldEvent) -> Similarity:
    """The weighted similarity used to match events (see the module docstring)."""
    return Similarity(
        date=date_similarity(pred.date, gold.date, gold.date_end),
        location=location_similarity(pred.location, gold.location),
        event_type=type_similarity(pred.event_type, gold.event_type),
        content=content_similarity(pred, gold),
    )


# ---------------------------------------------------------------------------
# One-to-one assignment.
# ---------------------------------------------------------------------------

_Key = tuple[int, int, int]  # (pairs, similarity in micro-units, -index distance)


def assign(weights: Sequence[Sequence[float | None]]) -> list[tuple[int, int]]:
    """Best one-to-one matching of rows to columns; ``None`` marks a forbidden pair.

    Maximises the number of pairs, then the summed weight, then closeness of indices
    (events listed in the same order). Exact by DP over subsets of the smaller side.
    """
    rows = len(weights)
    cols = max((len(r) for r in weights), default=0)
    if rows == 0 or cols == 0:
        return []
    grid = [[r[c] if c < len(r) else None for c in range(cols)] for r in weights]
    if min(rows, cols) > EXACT_LIMIT:
        return _assign_greedy(grid)
    if cols > rows:  # keep the bitmask on the smaller side
        transposed = [[grid[r][c] for r in range(rows)] for c in range(cols)]
        return sorted((r, c) for c, r in _assign_exact(transposed))
    return _assign_exact(grid)


def _assign_exact(grid: list[list[float | None]]) -> list[tuple[int, int]]:
    rows, cols = len(grid), len(grid[0])
    size = 1 << cols
    best: list[_Key | None] = [None] * size
    best[0] = (0, 0, 0)
    parents: list[list[tuple[int, int]]] = []  # per row: mask -> (previous mask, column or -1)
    for r in range(rows):
        nxt: list[_Key | None] = list(best)
        parent = [(mask, -1) for mask in range(size)]
        for mask in range(size):
            key = best[mask]
            if key is None:
                continue
            for c in range(cols):
                weight = grid[r][c]
                if weight is None or mask >> c & 1:
                    continue
                cand = (key[0] + 1, key[1] + round(weight * 1_000_000), key[2] - abs(r - c))
                new_mask = mask | 1 << c
                current = nxt[new_mask]
                if current is None or cand > current:
                    nxt[new_mask] = cand
                    parent[new_mask] = (mask, c)
        best = nxt
        parents.append(parent)
    mask = max((m for m in range(size) if best[m] is not None), key=lambda m: (best[m], -m))
    pairs: list[tuple[int, int]] = []
    for r in range(rows - 1, -1, -1):
        previous, c = parents[r][mask]
        if c >= 0:
            pairs.append((r, c))
        mask = previous
    return sorted(pairs)


def _assign_greedy(grid: list[list[float | None]]) -> list[tuple[int, int]]:
    candidates = sorted(
        ((w, r, c) for r, row in enumerate(grid) for c, w in enumerate(row) if w is not None),
        key=lambda t: (-t[0], abs(t[1] - t[2]), t[1], t[2]),
    )
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    pairs = []
    for _, r, c in candidates:
        if r not in used_rows and c not in used_cols:
            used_rows.add(r)
            used_cols.add(c)
            pairs.append((r, c))
    return sorted(pairs)


class EventMatch(BaseModel):
    """A predicted event paired with a gold event, and why."""

    pred_index: int
    gold_index: int
    similarity: float
    parts: Similarity


def match_events(
    predicted: Sequence[Event],
    gold: Sequence[GoldEvent],
    min_similarity: float = MIN_SIMILARITY,
) -> list[EventMatch]:
    """One-to-one matches with similarity >= ``min_similarity``, by :func:`assign`."""
    parts = [[event_similarity(p, g) for g in gold] for p in predicted]
    weights = [[s.total if s.total >= min_similarity else None for s in row] for row in parts]
    return [
        EventMatch(pred_index=r, gold_index=c, similarity=parts[r][c].total, parts=parts[r][c])
        for r, c in assign(weights)
    ]


# ---------------------------------------------------------------------------
# Field rules on one matched pair.
# ---------------------------------------------------------------------------


def figure_equal(pred: Figure, gold: GoldFigure, *, qualifier: bool = True) -> bool:
    """Same value (to 12 significant digits) and, unless told otherwise, same qualifier."""
    same_value = _value_key(pred.value) == _value_key(gold.value)
    return same_value and (not qualifier or pred.qualifier == gold.qualifier)


@dataclass(frozen=True, slots=True)
class SlotOutcome:
    """Result of one casualty slot: counted in the denominator? correct? why not?"""

    counted: bool
    correct: bool
    note: str | None = None


def casualty_slot_outcome(slot: str, pred: Figure | None, gold: GoldFigure | None) -> SlotOutcome:
    """Gold figure: right iff value and qualifier match. Gold null: a prediction is an error."""
    if gold is None:
        if pred is None:
            return SlotOutcome(counted=False, correct=False)
        return SlotOutcome(True, False, f"{slot}: predicted {_fmt(pred)} but gold has none")
    if pred is None:
        return SlotOutcome(True, False, f"{slot}: missing, gold {_fmt(gold)}")
    if figure_equal(pred, gold):
        return SlotOutcome(True, True)
    return SlotOutcome(True, False, f"{slot}: predicted {_fmt(pred)}, gold {_fmt(gold)}")


def figure_recall(
    pool: Sequence[Figure], gold: Sequence[GoldFigure]
) -> tuple[int, list[GoldFigure]]:
    """How many gold figures a pool recalls by role + value, one-to-one; and the missed ones."""
    used: set[int] = set()
    missed: list[GoldFigure] = []
    for figure in gold:
        hit = next(
            (
                i
                for i, candidate in enumerate(pool)
                if i not in used
                and candidate.role == figure.role
                and figure_equal(candidate, figure, qualifier=False)
            ),
            None,
        )
        if hit is None:
            missed.append(figure)
        else:
            used.add(hit)
    return len(gold) - len(missed), missed


def _fmt(figure: Figure | GoldFigure) -> str:
    value = int(figure.value) if float(figure.value).is_integer() else figure.value
    return f"{value} ({figure.qualifier})"


def figures_verified(report: VerificationReport | None) -> float | None:
    """Share of checked figures that verified; None without a report or without figures.

    Never 1.0 for an answer with no figures: saying nothing verifies nothing.
    """
    if report is None or not report.figures:
        return None
    # Figures only: the verdict counts of a report also cover prose, names and dates.
    return sum(1 for check in report.figures if check.ok) / len(report.figures)


def prose_numbers(predicted: SummaryDraft) -> list[tuple[float, float | None]]:
    """(value, high end) of every number the extractor reads in the prediction's prose."""
    from summarizer.numbers import extract_numbers

    texts = [predicted.headline, predicted.summary]
    texts += [event.description for event in predicted.events]
    return [(m.value, m.value_high) for text in texts for m in extract_numbers(text or "")]


def number_in_gold(number: tuple[float, float | None], gold: Mapping[str, Any]) -> bool:
    """Does the article (its hand-annotated gold ``numbers``, or its dateline) have this value?"""
    wanted = {_value_key(v) for v in number if v is not None}
    dateline = _parse_date(gold.get("date"), "date")
    if dateline is not None and wanted & {dateline.year, dateline.month, dateline.day}:
        return True  # the dateline is the article's too (its numbers are not annotated)
    for entry in gold.get("numbers") or []:
        values = {entry.get("value"), entry.get("value_high")} - {None}
        if wanted & {_value_key(float(v)) for v in values}:
            return True
    return False


def verdict_counts(report: VerificationReport | None) -> dict[str, int]:
    """Figures per verdict (and in total) of one answer's report; zeros without one."""
    if report is None:
        return {"figures": 0, "verified": 0, "unconfirmed": 0, "contradicted": 0}
    # Figures only (the eval's shares are of figures): the report's own tally also covers
    # prose numbers, names, dates and evidence. Counted by the same function.
    counts = tally(report.figures)
    return {"figures": counts.total, **dict(counts.items())}


# Fields judged on matched pairs, in report order.
PAIR_FIELDS: tuple[str, ...] = ("casualties", "other_figures", "dates", "locations", "event_types")


@dataclass(frozen=True, slots=True)
class PairTally:
    """One matched pair's (hits, checked) per field, and (field, message) per mismatch."""

    counts: dict[str, tuple[int, int]]
    notes: list[tuple[str, str]]


def score_pair(pred: Event, ref: GoldEvent) -> PairTally:
    """Apply the per-pair field rules to one matched predicted/gold event."""
    notes: list[tuple[str, str]] = []
    casualty_hits = casualty_total = 0
    consumed: set[str] = set()
    for slot in GOLD_CASUALTY_SLOTS:
        outcome = casualty_slot_outcome(slot, getattr(pred.casualties, slot), ref.slot(slot))
        casualty_total += outcome.counted
        casualty_hits += outcome.correct
        if outcome.correct:
            consumed.add(slot)
        if outcome.note:
            notes.append(("casualties", outcome.note))

    pool = [f for slot, f in pred.casualties.items() if slot not in consumed] + list(pred.figures)
    figure_hits, missed = figure_recall(pool, ref.other_figures)
    notes += [
        ("other_figures", f"missing figure {f.role}={_fmt(f)} {f.noun}".rstrip()) for f in missed
    ]

    span = f"{ref.date}" + (f"..{ref.date_end}" if ref.date_end else "")
    checks = {
        "dates": (
            date_correct(pred.date, ref.date, ref.date_end),
            f"date {pred.date} vs gold {span}",
        ),
        "locations": (
            locations_equal(pred.location, ref.location),
            f"location {pred.location!r} vs gold {ref.location!r}",
        ),
        "event_types": (
            pred.event_type == ref.event_type,
            f"type {pred.event_type} vs gold {ref.event_type}",
        ),
    }
    notes += [(field, message) for field, (ok, message) in checks.items() if not ok]
    counts = {
        "casualties": (casualty_hits, casualty_total),
        "other_figures": (figure_hits, len(ref.other_figures)),
        **{field: (int(ok), 1) for field, (ok, _) in checks.items()},
    }
    return PairTally(counts=counts, notes=notes)


# ---------------------------------------------------------------------------
# The seed score.
# ---------------------------------------------------------------------------


class ScoreNote(BaseModel):
    """One human-readable mismatch, tied to a field and the events involved."""

    field: str
    message: str
    gold_index: int | None = None
    pred_index: int | None = None


class SeedScore(BaseModel):
    """Every field score for one seed, with the matching and the notes that explain it."""

    seed_id: str = ""
    n_gold: int
    n_pred: int
    event_recall: float
    event_precision: float
    event_f1: float
    casualties: float | None
    other_figures: float | None
    dates: float | None
    locations: float | None
    event_types: float | None
    figures_verified: float | None
    figures_unconfirmed: float | None = None
    figures_contradicted: float | None = None
    prose_flagged: float | None = None
    overall: float
    # The answer's figures by verdict: what the pooled shares over seeds are made of.
    figures: int = 0
    verified: int = 0
    unconfirmed: int = 0
    contradicted: int = 0
    # Numbers written in headline, summary and event descriptions, and those the article
    # (its gold ``numbers``) does not have: prose the figure checks never see.
    prose_numbers: int = 0
    prose_unsupported: int = 0
    matches: list[EventMatch] = Field(default_factory=list)
    optional_matches: list[EventMatch] = Field(default_factory=list)
    unmatched_gold: list[int] = Field(default_factory=list)
    unmatched_pred: list[int] = Field(default_factory=list)
    notes: list[ScoreNote] = Field(default_factory=list)

    def field_scores(self) -> dict[str, float | None]:
        """Field name -> score, in :data:`FIELDS` order."""
        return {name: getattr(self, name) for name in FIELDS}


def _ratio(hits: int, total: int, has_pairs: bool) -> float | None:
    if not has_pairs:
        return None
    return hits / total if total else 1.0


def precision_recall_f1(matched: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    """Event precision, recall and F1 (see the module docstring for the empty cases)."""
    recall = matched / n_gold if n_gold else 1.0
    precision = matched / n_pred if n_pred else float(n_gold == 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def overall_score(scores: Mapping[str, float | None]) -> float:
    """Unweighted mean of the non-None :data:`OVERALL_FIELDS`."""
    values = [v for name in OVERALL_FIELDS if (v := scores.get(name)) is not None]
    return sum(values) / len(values) if values else 0.0


def score_summary(predicted: SummaryDraft, gold: Mapping[str, Any]) -> SeedScore:
    """Score a prediction against one gold file's events (rules in the module docstring)."""
    required = parse_gold_events(gold)
    optional = parse_gold_events(gold, "optional_events")
    events = list(predicted.events)
    notes: list[ScoreNote] = []

    matches = match_events(events, required)
    taken = {m.pred_index for m in matches}
    rest = [i for i in range(len(events)) if i not in taken]
    optional_matches = [
        m.model_copy(update={"pred_index": rest[m.pred_index]})
        for m in match_events([events[i] for i in rest], optional)
    ]
    taken_optional = {m.pred_index for m in optional_matches}
    unmatched_gold = sorted(set(range(len(required))) - {m.gold_index for m in matches})
    unmatched_pred = [i for i in rest if i not in taken_optional]

    precision, recall, f1 = precision_recall_f1(
        len(matches), len(required), len(events) - len(taken_optional)
    )
    for g in unmatched_gold:
        notes.append(
            ScoreNote(
                field="event_recall", message=f"{required[g].label(g)} not predicted", gold_index=g
            )
        )
    for p in unmatched_pred:
        e = events[p]
        label = f"pred[{p}] {e.event_type} {e.date or '?'} {e.location or '(no place)'}"
        notes.append(
            ScoreNote(
                field="event_precision", message=f"{label} matches no gold event", pred_index=p
            )
        )

    counts = {name: [0, 0] for name in PAIR_FIELDS}
    for m in matches:
        tally = score_pair(events[m.pred_index], required[m.gold_index])
        for name, (hits, total) in tally.counts.items():
            counts[name][0] += hits
            counts[name][1] += total
        prefix = f"{required[m.gold_index].label(m.gold_index)} / pred[{m.pred_index}]: "
        notes += [
            ScoreNote(
                field=f, message=prefix + msg, gold_index=m.gold_index, pred_index=m.pred_index
            )
            for f, msg in tally.notes
        ]

    has_pairs = bool(matches)
    scores: dict[str, float | None] = {
        "event_recall": recall,
        "event_precision": precision,
        "event_f1": f1,
        **{field: _ratio(hit, total, has_pairs) for field, (hit, total) in counts.items()},
    }
    verification = getattr(predicted, "verification", None)
    verdicts = verdict_counts(verification)
    prose = prose_numbers(predicted)
    unsupported = [number for number in prose if not number_in_gold(number, gold)]
    shares = {
        name: (verdicts[verdict] / verdicts["figures"] if verdicts["figures"] else None)
        for name, verdict in FIGURE_SHARE_FIELDS.items()
    }
    return SeedScore(
        seed_id=str(gold.get("id") or ""),
        n_gold=len(required),
        n_pred=len(events),
        event_recall=recall,
        event_precision=precision,
        event_f1=f1,
        casualties=scores["casualties"],
        other_figures=scores["other_figures"],
        dates=scores["dates"],
        locations=scores["locations"],
        event_types=scores["event_types"],
        figures_verified=shares["figures_verified"],
        figures_unconfirmed=shares["figures_unconfirmed"],
        figures_contradicted=shares["figures_contradicted"],
        prose_flagged=len(unsupported) / len(prose) if prose else None,
        prose_numbers=len(prose),
        prose_unsupported=len(unsupported),
        overall=overall_score(scores),
        **verdicts,
        matches=matches,
        optional_matches=optional_matches,
        unmatched_gold=unmatched_gold,
        unmatched_pred=unmatched_pred,
        notes=notes,
    )


# ---------------------------------------------------------------------------
# Comparing runs.
# ---------------------------------------------------------------------------

ChangeStatus = Literal["improved", "regressed", "unchanged", "incomparable"]
Report = SeedScore | Mapping[str, SeedScore] | Sequence[SeedScore] | Mapping[str, float | None]


class FieldChange(BaseModel):
    field: str
    status: ChangeStatus
    current: float | None
    baseline: float | None
    delta: float | None


def field_means(scores: Iterable[SeedScore]) -> dict[str, float | None]:
    """Per-field mean over seeds, skipping None (None when no seed has the field).

    The figure shares are pooled instead: verified (unconfirmed, contradicted) figures
    over all figures of all answers, so a seed with one figure weighs less than one
    with ten, and answers without figures add nothing to the numerator.
    """
    scores = list(scores)
    collected: dict[str, list[float]] = {name: [] for name in FIELDS}
    for score in scores:
        for name, value in score.field_scores().items():
            if value is not None:
                collected[name].append(value)
    means = {name: (sum(v) / len(v) if v else None) for name, v in collected.items()}
    total = sum(score.figures for score in scores)
    for name, verdict in FIGURE_SHARE_FIELDS.items():
        means[name] = sum(getattr(score, verdict) for score in scores) / total if total else None
    prose = sum(score.prose_numbers for score in scores)
    means["prose_flagged"] = (
        sum(score.prose_unsupported for score in scores) / prose if prose else None
    )
    return means


def _as_fields(report: Report, seeds: set[str] | None) -> dict[str, float | None]:
    if isinstance(report, SeedScore):
        return report.field_scores()
    if isinstance(report, Mapping):
        values = list(report.values())
        if values and all(isinstance(v, SeedScore) for v in values):
            return field_means(
                v
                for k, v in report.items()
                if isinstance(v, SeedScore) and (seeds is None or k in seeds)
            )
        return {
            str(k): (None if v is None else float(v))
            for k, v in report.items()
            if not isinstance(v, SeedScore)
        }
    return field_means(report)


def _seed_keys(report: Report) -> set[str] | None:
    if (
        isinstance(report, Mapping)
        and report
        and all(isinstance(v, SeedScore) for v in report.values())
    ):
        return set(report.keys())
    return None


def classify_change(
    current: float | None,
    baseline: float | None,
    tolerance: float = 0.005,
    *,
    lower_is_better: bool = False,
) -> ChangeStatus:
    """Improved / regressed beyond ``tolerance`` (inclusive band), else unchanged."""
    if current is None or baseline is None:
        return "unchanged" if current is None and baseline is None else "incomparable"
    delta = current - baseline
    if abs(delta) <= tolerance + 1e-9:  # 0.755 - 0.75 is a hair above 0.005 in floats
        return "unchanged"
    return "improved" if (delta > 0) != lower_is_better else "regressed"


def compare_reports(
    current: Report, baseline: Report, tolerance: float = 0.005
) -> dict[str, FieldChange]:
    """Field by field: did ``current`` improve on ``baseline``? (Higher is better, except
    the unconfirmed and contradicted shares: :data:`LOWER_IS_BETTER`.)

    A report is a :class:`SeedScore`, seed id -> SeedScore (only seeds in both reports
    are compared), a sequence of SeedScores (field means), or field -> score.
    """
    cur_seeds, base_seeds = _seed_keys(current), _seed_keys(baseline)
    shared = cur_seeds & base_seeds if cur_seeds is not None and base_seeds is not None else None
    cur, base = _as_fields(current, shared), _as_fields(baseline, shared)
    names = [n for n in FIELDS if n in cur or n in base]
    names += sorted((set(cur) | set(base)) - set(FIELDS))
    out: dict[str, FieldChange] = {}
    for name in names:
        c, b = cur.get(name), base.get(name)
        out[name] = FieldChange(
            field=name,
            status=classify_change(c, b, tolerance, lower_is_better=name in LOWER_IS_BETTER),
            current=c,
            baseline=b,
            delta=None if c is None or b is None else c - b,
        )
    return out
