"""The text view ends with one line counting the checked claims by verdict."""

from __future__ import annotations

from rich.console import Console

from summarizer.render.text import print_text
from summarizer.schema import (
    ArticleSummary,
    Figure,
    FigureCheck,
    Grounding,
    VerificationReport,
)


def check(status: str, value: int) -> FigureCheck:
    figure = Figure(value=value, role="killed", quote=f"killed {value}")
    return FigureCheck(
        path="events[0].casualties.killed",
        figure=figure,
        status=status,  # type: ignore[arg-type]
        reason="",
        grounding=Grounding(match="exact", start=0, end=5, score=1.0),
    )


def test_text_output_ends_with_the_verdict_counts() -> None:
    report = VerificationReport(
        figures=[check("verified", 24), check("verified", 26), check("role_mismatch", 40)]
    )
    summary = ArticleSummary(headline="h", summary="s", verification=report)
    console = Console(record=True, width=80)
    print_text(summary, console)
    lines = [line for line in console.export_text().splitlines() if line.strip()]
    assert lines[-1] == "3 claims checked: 2 verified, 0 unconfirmed, 1 contradicted"


def test_no_report_no_counts_line() -> None:
    console = Console(record=True, width=80)
    print_text(ArticleSummary(headline="h", summary="s"), console)
    assert "claims checked" not in console.export_text()
