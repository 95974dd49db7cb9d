"""Which predicted event is which gold event: a weighted similarity of date, place, type
and content, then the one-to-one assignment that keeps the most pairs.

The rules and weights: docs/prompt-regression.md#how-a-summary-is-scored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from summarizer.evaluation.gold import GoldEvent, value_key
from summarizer.evaluation.locations import locations_equal, normalize_location
from summarizer.schema import Event
from summarizer.text.fold import fold

__all__ = [
    "DATE_IN_SPAN",
    "DATE_OFF_BY_ONE",
    "EXACT_LIMIT",
    "LOCATION_OVERLAP_WEIGHT",
    "MIN_SIMILARITY",
    "ONE_SIDE_UNKNOWN",
    "TYPE_FAMILIES",
    "TYPE_FAMILY_SIMILARITY",
    "WEIGHT_CONTENT",
    "WEIGHT_DATE",
    "WEIGHT_LOCATION",
    "WEIGHT_TYPE",
    "EventMatch",
    "Similarity",
    "assign",
    "content_similarity",
    "date_similarity",
    "event_similarity",
    "location_similarity",
    "match_events",
    "type_family",
    "type_similarity",
]

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

_LOCATION_STOPWORDS = frozenset({"the", "of", "and", "in", "near", "on", "at", "outside", "around"})
_TEXT_STOPWORDS = frozenset(
    {
        "the", "and", "for", "with", "from", "that", "this", "were", "was", "has", "have", "had",
        "its", "their", "his", "her", "said", "says", "into", "over", "after", "about", "more",
        "than", "least", "which", "who", "also", "been", "are", "but", "not", "they", "them",
        "on", "in", "of", "at", "by", "to", "a", "an", "as", "it", "is",
    }
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


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


def _jaccard(a: set[Any], b: set[Any]) -> float:
    # Two empty sets agree (two events with no numbers are alike in that).
    return len(a & b) / len(a | b) if a | b else 1.0


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if len(w) >= 3 and w not in _TEXT_STOPWORDS}


def _event_values(event: Event) -> set[float]:
    return {value_key(f.value) for _, f in event.all_figures()}


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
