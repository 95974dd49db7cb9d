"""Every check of a summary against its article, assembled into one verification report.

:func:`verify` (``summarizer.verify``) runs the figure checks (:mod:`summarizer.checks.figures`),
the claims outside the figures (:mod:`summarizer.checks.claims`), the evidence quotes and
the coverage of the article's casualty numbers, and counts the checks by status. Every
check ends in one of three verdicts (:func:`summarizer.vocabulary.verdict_of`): ``verified``
when the rules confirm it, ``unconfirmed`` when they cannot decide (a grounded value whose
role the article leaves open), ``contradicted`` for every other status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from summarizer.checks import injection
from summarizer.checks.binding import bind_claims, bind_figures, event_incidents
from summarizer.checks.claims import check_claims
from summarizer.checks.facts import ArticleFacts
from summarizer.checks.figures import (
    check_evidence,
    check_figure,
    check_key_figure,
    coverage_gaps,
)
from summarizer.checks.summary_json import parse_summary
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.schema import (
    ClaimCheck,
    CoverageGap,
    EvidenceCheck,
    FigureCheck,
    SummaryDraft,
    VerificationReport,
)
from summarizer.vocabulary import CLAIM_STATUSES, FIGURE_STATUSES

__all__ = ["verify"]


def verify(
    article_text: str,
    summary: SummaryDraft | Mapping[str, Any],
    mentions: Sequence[NumberMention] | None = None,
    *,
    dateline: dt.date | None = None,
    repairs: Sequence[ClaimCheck] = (),
) -> VerificationReport:
    """Check every figure, number in prose, name, date and evidence quote of ``summary``.

    ``mentions`` are the rule-extracted numbers of the same text (extracted when None);
    ``dateline`` defaults to the one at the top of the article. A dict (loaded JSON) is
    validated as an :class:`ArticleSummary` first; an invalid one raises :class:`InputError`
    naming the bad field. ``repairs``: claims about the answer's form made while reading it
    (:mod:`summarizer.checks.salvage`), reported with the rest. Usable as ``summarizer.verify``.
    """
    draft = summary if isinstance(summary, SummaryDraft) else parse_summary(summary)
    if mentions is None:
        mentions = extract_numbers(article_text)
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    # Numbers inside instruction-like passages ("ignore previous instructions...") are not reports.
    ordered, instructions = injection.screen_mentions(article_text, ordered)
    facts = ArticleFacts.of(article_text, ordered, dateline)
    aligner = facts.aligner

    figures: list[FigureCheck] = []
    for event_index, event in enumerate(draft.events):
        event_year, event_date = facts.event_time(event)
        for suffix, figure in event.all_figures():
            check = check_figure(
                f"events[{event_index}].{suffix}",
                figure,
                article_text,
                ordered,
                aligner,
                event_year=event_year,
                event_date=event_date,
                dateline=facts.dateline,
                event_words=f"{event.description} {event.date_text or ''}",
            )
            figures.append(injection.flag(check, article_text, instructions))
    # Key figures stand for the main event: its time, else the dateline's year.
    key_year, key_date = (
        facts.event_time(draft.events[0]) if draft.events else (facts.year_of(None), None)
    )
    for index, figure in enumerate(draft.key_figures):
        check = check_key_figure(
            f"key_figures[{index}]",
            figure,
            article_text,
            ordered,
            aligner,
            event_year=key_year,
            event_date=key_date,
            dateline=facts.dateline,
        )
        figures.append(injection.flag(check, article_text, instructions))
    homes = event_incidents(draft, figures, facts)
    figures = bind_figures(draft, figures, facts, homes)
    evidence = [check_evidence(path, quote, facts) for path, quote in draft.iter_evidence()]
    claims = [*bind_claims(draft, check_claims(draft, facts), figures, facts, homes), *repairs]
    uncovered = coverage_gaps(
        ordered,
        [figure for _, figure in draft.iter_figures()],
        lambda mention: facts.incident_at(mention.start, mention.end),
    )
    return VerificationReport(
        figures=figures,
        claims=claims,
        evidence=evidence,
        uncovered=uncovered,
        counts=_counts(figures, claims, evidence, uncovered),
    )


def _counts(
    figures: Sequence[FigureCheck],
    claims: Sequence[ClaimCheck],
    evidence: Sequence[EvidenceCheck],
    uncovered: Sequence[CoverageGap],
) -> dict[str, int]:
    """Checks per status over every check (as the verdict totals are), then sizes.

    ``counts["verified"]`` is the report's ``verified``: an evidence quote found counts as
    verified, one not found as ``quote_not_found``. The ``figures_verified``,
    ``claims_verified`` and ``evidence_grounded`` keys give each kind's share.
    """
    counts: dict[str, int] = dict.fromkeys((*FIGURE_STATUSES, *CLAIM_STATUSES), 0)
    for status in (
        *(check.status for check in figures),
        *(claim.status for claim in claims),
        *("verified" if e.ok else "quote_not_found" for e in evidence),
    ):
        counts[status] += 1
    counts["figures"] = len(figures)
    counts["figures_verified"] = sum(1 for check in figures if check.ok)
    counts["claims"] = len(claims)
    counts["claims_verified"] = sum(1 for c in claims if c.ok)
    counts["evidence"] = len(evidence)
    counts["evidence_grounded"] = sum(1 for e in evidence if e.ok)
    counts["uncovered"] = len(uncovered)
    return counts
