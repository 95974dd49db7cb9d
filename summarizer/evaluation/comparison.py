"""Compare two eval runs field by field: improved, regressed, unchanged or incomparable.

A run's fields are its seeds' means (figure shares pooled over figures); lower is better
for the unconfirmed and contradicted shares and for ``prose_flagged``. Rules:
docs/prompt-regression.md#how-a-summary-is-scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel

from summarizer.evaluation.scoring import FIELDS, FIGURE_SHARE_FIELDS, LOWER_IS_BETTER, SeedScore

__all__ = ["ChangeStatus", "FieldChange", "classify_change", "compare_reports", "field_means"]

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
