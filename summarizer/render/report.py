"""A verification report as rich tables for people (``verify``): one table per kind of check.

Figures with their status and reason, evidence quotes with where they were found, and the
figures of the article that no figure of the summary reports, by incident.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from summarizer.checks.wording import context_snippet, how_many
from summarizer.render.style import verdict_style
from summarizer.render.text import gap_groups
from summarizer.schema import VerificationReport
from summarizer.text.numerals import format_number
from summarizer.vocabulary import HasVerdict, tally


def render_report(report: VerificationReport, article_text: str, title: str = "") -> RenderableType:
    """The report as rich tables: figures, evidence, uncovered mentions, counts."""
    parts: list[RenderableType] = []
    if title:
        parts.append(Text(f"Verification of {title}", style="bold"))
    parts.append(_figures(report))
    if report.claims:
        parts.append(_claims(report))
    if report.evidence:
        parts.append(_evidence(report))
    if report.uncovered:
        parts.append(_uncovered(report, article_text))
    parts.append(Text(_counts_line(report)))
    return Group(*parts)


def _figures(report: VerificationReport) -> Table | Text:
    if not report.figures:
        return Text("No figures to check.", style="dim")
    table = Table(
        title=f"Figures: {_section_counts(report.figures)}",
        show_lines=True,
        expand=True,
    )
    table.add_column("", no_wrap=True)
    table.add_column("path / status", no_wrap=True)
    table.add_column("figure", no_wrap=True)
    table.add_column("reason", overflow="fold", ratio=1, min_width=24)
    for check in report.figures:
        figure = check.figure
        where = Text(check.path)
        where.append(f"\n{check.status}", style=verdict_style(check.verdict).colour)
        table.add_row(
            _verdict_mark(check.verdict),
            where,
            Text(f"{format_number(figure.value)}\n{figure.qualifier}\n{figure.role}"),
            Text(check.reason),
        )
    return table


def _verdict_mark(verdict: str) -> Text:
    style = verdict_style(verdict)
    return Text(style.mark, style=f"bold {style.colour}")


def _claims(report: VerificationReport) -> Table:
    """Numbers in prose, names, dates and event types, one row each."""
    table = Table(
        title=f"Claims in text, names and dates: {_section_counts(report.claims)}",
        expand=True,
    )
    table.add_column("", no_wrap=True)
    table.add_column("path / status", no_wrap=True)
    table.add_column("claim", overflow="fold")
    table.add_column("reason", overflow="fold", ratio=1, min_width=24)
    for claim in report.claims:
        where = Text(claim.path)
        where.append(f"\n{claim.status}", style=verdict_style(claim.verdict).colour)
        table.add_row(_verdict_mark(claim.verdict), where, Text(claim.text), Text(claim.reason))
    return table


def _evidence(report: VerificationReport) -> Table:
    table = Table(title=f"Evidence: {_section_counts(report.evidence)}", expand=True)
    for column in ("", "path", "match", "span"):
        table.add_column(column, no_wrap=True)
    table.add_column("quote", overflow="fold", ratio=1, min_width=24)
    for check in report.evidence:
        g = check.grounding
        found = g.match != "none"
        table.add_row(
            _verdict_mark(check.verdict),
            Text(check.path),
            Text(
                g.match
                if g.match in ("exact", "normalized", "none")
                else f"{g.match} {g.score:.2f}"
            ),
            Text(f"{g.start}-{g.end}" if found else ""),
            Text(check.quote),
        )
    return table


def _uncovered(report: VerificationReport, article_text: str) -> Table:
    table = Table(title="Figures in the article that no figure reports", expand=True)
    table.add_column("role", no_wrap=True)
    table.add_column("number", no_wrap=True)
    table.add_column("qualifier", no_wrap=True)
    table.add_column("incident", overflow="fold", ratio=1, min_width=16)
    table.add_column("context", overflow="fold", ratio=2, min_width=24)
    for where, gaps in gap_groups(report).items():
        for gap in gaps:
            m = gap.mention
            table.add_row(
                Text(m.role),
                Text(m.text),
                Text(m.qualifier),
                Text(where),
                Text(context_snippet(article_text, m.start, m.end, 50)),
            )
    return table


def _section_counts(checks: Sequence[HasVerdict]) -> str:
    """ "3/5 verified, 1 unconfirmed, 1 contradicted": one table's share of the totals."""
    counts = tally(checks)
    line = f"{counts.verified}/{counts.total} verified"
    for verdict in ("unconfirmed", "contradicted"):
        if counts[verdict]:
            line += f", {counts[verdict]} {verdict}"
    return line


def _counts_line(report: VerificationReport) -> str:
    """The totals (every check, as text, JSON and HTML count them), then what failed how."""
    counts = report.tally()
    statuses: Counter[str] = Counter(check.status for check in report.figures if not check.ok)
    statuses.update(claim.status for claim in report.claims if not claim.ok)
    statuses.update("quote_not_found" for check in report.evidence if not check.ok)
    failing = ", ".join(f"{status} {n}" for status, n in sorted(statuses.items()))
    line = (
        f"{counts.verified} verified · {counts.unconfirmed} unconfirmed · "
        f"{counts.contradicted} contradicted of {how_many(counts.total, 'claim')}"
    )
    if failing:
        line += f" ({failing})"
    return f"{line} · {how_many(len(report.uncovered), 'figure')} no event reports"


__all__ = [
    "render_report",
]
