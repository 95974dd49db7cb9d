"""What no event reports is shown for every kind of figure, by incident (issue #23, part 5).

Invented articles: an economic one whose summary leaves out its money and percentages, and
one with two incidents whose summary reports one of them.
"""

from __future__ import annotations

from summarizer.checks.reask import reask_text
from summarizer.checks.report import verify
from summarizer.render.formats import RenderContext, get_format
from summarizer.schema import SummaryDraft

RESULTS = (
    "SEATTLE, 2025-02-06 — Orlan Systems reported quarterly revenue of $4.2 billion on "
    "Thursday, up 12% from a year earlier. Net profit rose to $610 million. The company "
    "said it would cut 900 jobs in its hardware unit."
)

TWO_INCIDENTS = (
    "KATHMANDU, 2025-04-05 — A landslide struck a village outside Pokhara on Saturday, "
    "killing 14 people. Two days earlier, floods in Biratnagar killed 7 people and "
    "destroyed 300 homes."
)


def draft(headline: str, summary: str, events: list[dict[str, object]]) -> SummaryDraft:
    return SummaryDraft.model_validate(
        {"headline": headline, "summary": summary, "events": events, "key_figures": []}
    )


def test_money_and_percentages_no_event_reports_are_listed_and_counted() -> None:
    summary = draft(
        "Orlan Systems reports quarterly results",
        "The company reported its quarterly results and announced job cuts.",
        [],
    )
    report = verify(RESULTS, summary)
    roles = sorted(gap.mention.role for gap in report.uncovered)
    assert "money" in roles and "percentage" in roles
    assert report.counts["uncovered"] == len(report.uncovered) >= 3


def test_a_gap_names_its_incident() -> None:
    summary = draft(
        "Landslide near Pokhara kills 14",
        "A landslide outside Pokhara killed 14 people on Saturday.",
        [
            {
                "event_type": "natural_disaster",
                "date": "2025-04-05",
                "location": "Pokhara, Nepal",
                "description": "A landslide struck a village outside Pokhara.",
                "casualties": {
                    "killed": {
                        "value": 14,
                        "qualifier": "exact",
                        "role": "killed",
                        "noun": "people",
                        "quote": "killing 14 people",
                    }
                },
            }
        ],
    )
    report = verify(TWO_INCIDENTS, summary)
    left_out = {gap.mention.value: gap for gap in report.uncovered}
    assert 14 not in left_out  # reported
    assert {7, 300} <= set(left_out)
    assert left_out[7].incident is not None and "Biratnagar" in left_out[7].incident
    assert left_out[7].incident == left_out[300].incident
    page = get_format("text", "report").render_str(
        "report", report, RenderContext(article_text=TWO_INCIDENTS), width=160
    )
    assert "Biratnagar" in page and "no event reports" in page


def test_a_strict_reask_still_asks_only_for_tolls() -> None:
    summary = draft(
        "Orlan Systems reports quarterly results",
        "The company reported its quarterly results.",
        [],
    )
    report = verify(RESULTS, summary)
    assert report.uncovered  # money and percentages no event reports
    assert reask_text(report, RESULTS, strict=True) is None  # none of them is a toll


def test_the_html_report_lists_the_gaps_by_incident() -> None:
    summary = draft(
        "Orlan Systems reports quarterly results",
        "The company reported its quarterly results.",
        [],
    )
    from summarizer.render.html import render_html

    page = render_html(summary_with_report(summary, RESULTS), RESULTS)
    assert "Figures in the article that no event reports" in page
    assert "money: 4.2 billion" in page and "the revenue on 2025-02-06" in page


def summary_with_report(summary: SummaryDraft, article: str) -> object:
    from summarizer.schema import ArticleSummary

    return ArticleSummary.model_validate(
        {**summary.model_dump(), "verification": verify(article, summary).model_dump()}
    )
