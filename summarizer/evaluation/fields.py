"""The field rules on one matched pair of events (casualties, other figures, date, place,
type), and the measures of an answer against its article (figure verdicts, numbers in
prose the article lacks). Rules: docs/prompt-regression.md#how-a-summary-is-scored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from summarizer.evaluation.gold import GoldEvent, GoldFigure, parse_date, value_key
from summarizer.evaluation.locations import locations_equal
from summarizer.numbers import extract_numbers
from summarizer.schema import Event, Figure, SummaryDraft, VerificationReport
from summarizer.text.numerals import format_number
from summarizer.vocabulary import tally

__all__ = [
    "GOLD_CASUALTY_SLOTS",
    "PAIR_FIELDS",
    "PairTally",
    "SlotOutcome",
    "casualty_slot_outcome",
    "date_correct",
    "figure_equal",
    "figure_recall",
    "number_in_gold",
    "prose_numbers",
    "score_pair",
    "verdict_counts",
]

# The gold annotates these two slots; others (missing, displaced, ...) go in other_figures.
GOLD_CASUALTY_SLOTS: tuple[str, ...] = ("killed", "injured")


def date_correct(pred: dt.date | None, start: dt.date | None, end: dt.date | None = None) -> bool:
    """The date field rule: the gold date, or any day of the gold span."""
    if start is None:
        return pred is None
    if pred is None:
        return False
    last = end if end is not None and end >= start else start
    return start <= pred <= last


def figure_equal(pred: Figure, gold: GoldFigure, *, qualifier: bool = True) -> bool:
    """Same value (to 12 significant digits) and, unless told otherwise, same qualifier."""
    same_value = value_key(pred.value) == value_key(gold.value)
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
    return f"{format_number(figure.value)} ({figure.qualifier})"


def prose_numbers(predicted: SummaryDraft) -> list[tuple[float, float | None]]:
    """(value, high end) of every number the extractor reads in the prediction's prose."""
    texts = [predicted.headline, predicted.summary]
    texts += [event.description for event in predicted.events]
    return [(m.value, m.value_high) for text in texts for m in extract_numbers(text or "")]


def number_in_gold(number: tuple[float, float | None], gold: Mapping[str, Any]) -> bool:
    """Does the article (its hand-annotated gold ``numbers``, or its dateline) have this value?"""
    wanted = {value_key(v) for v in number if v is not None}
    dateline = parse_date(gold.get("date"), "date")
    if dateline is not None and wanted & {dateline.year, dateline.month, dateline.day}:
        return True  # the dateline is the article's too (its numbers are not annotated)
    for entry in gold.get("numbers") or []:
        values = {entry.get("value"), entry.get("value_high")} - {None}
        if wanted & {value_key(float(v)) for v in values}:
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
