"""Score a predicted summary against a seed's gold events, for prompt regression.

Events are matched one-to-one (:mod:`summarizer.evaluation.matching`), the matched pairs
judged field by field (:mod:`summarizer.evaluation.fields`), and the fields combined into
one :class:`SeedScore` per seed. Every rule, with its numbers, is specified in
docs/prompt-regression.md#how-a-summary-is-scored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from summarizer.evaluation.fields import (
    PAIR_FIELDS,
    number_in_gold,
    prose_numbers,
    score_pair,
    verdict_counts,
)
from summarizer.evaluation.gold import parse_gold_events
from summarizer.evaluation.matching import EventMatch, match_events
from summarizer.schema import SummaryDraft

__all__ = [
    "CHECK_FIELDS",
    "FIELDS",
    "FIGURE_SHARE_FIELDS",
    "LOWER_IS_BETTER",
    "OVERALL_FIELDS",
    "ScoreNote",
    "SeedScore",
    "overall_score",
    "precision_recall_f1",
    "score_summary",
]

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
