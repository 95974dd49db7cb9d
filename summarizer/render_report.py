"""Stage 7 for ``verify``: a verification report as rich tables for people.

Figures with their status and reason, evidence quotes with where they were found, and the
casualty numbers of the article that no figure reports.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from summarizer.crosscheck import STATUSES, context_snippet
from summarizer.schema import VerificationReport


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
    verified = sum(1 for check in report.figures if check.ok)
    table = Table(
        title=f"Figures: {verified}/{len(report.figures)} verified",
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
        where.append(f"\n{check.status}", style=_VERDICT_STYLE[check.verdict])
        table.add_row(
            _verdict_mark(check.verdict),
            where,
            Text(f"{_number(figure.value)}\n{figure.qualifier}\n{figure.role}"),
            Text(check.reason),
        )
    return table


_VERDICT_STYLE = {"verified": "green", "unconfirmed": "yellow", "contradicted": "red"}
_VERDICT_MARK = {"verified": "✓", "unconfirmed": "?", "contradicted": "✗"}


def _verdict_mark(verdict: str) -> Text:
    return Text(_VERDICT_MARK[verdict], style=f"bold {_VERDICT_STYLE[verdict]}")


def _claims(report: VerificationReport) -> Table:
    """Numbers in prose, names, dates and event types, one row each."""
    verified = sum(1 for claim in report.claims if claim.ok)
    table = Table(
        title=f"Claims in text, names and dates: {verified}/{len(report.claims)} verified",
        expand=True,
    )
    table.add_column("", no_wrap=True)
    table.add_column("path / status", no_wrap=True)
    table.add_column("claim", overflow="fold")
    table.add_column("reason", overflow="fold", ratio=1, min_width=24)
    for claim in report.claims:
        where = Text(claim.path)
        where.append(f"\n{claim.status}", style=_VERDICT_STYLE[claim.verdict])
        table.add_row(_verdict_mark(claim.verdict), where, Text(claim.text), Text(claim.reason))
    return table


def _evidence(report: VerificationReport) -> Table:
    grounded = sum(1 for e in report.evidence if e.grounding.match != "none")
    table = Table(title=f"Evidence: {grounded}/{len(report.evidence)} grounded", expand=True)
    for column in ("", "path", "match", "span"):
        table.add_column(column, no_wrap=True)
    table.add_column("quote", overflow="fold", ratio=1, min_width=24)
    for check in report.evidence:
        g = check.grounding
        found = g.match != "none"
        table.add_row(
            Text("✓", style="green") if found else Text("✗", style="bold red"),
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
    table = Table(title="Casualty numbers in the article that no figure reports", expand=True)
    table.add_column("role", no_wrap=True)
    table.add_column("number", no_wrap=True)
    table.add_column("qualifier", no_wrap=True)
    table.add_column("context", overflow="fold", ratio=1, min_width=24)
    for gap in report.uncovered:
        m = gap.mention
        table.add_row(
            Text(m.role),
            Text(m.text),
            Text(m.qualifier),
            Text(context_snippet(article_text, m.start, m.end, 50)),
        )
    return table


def _counts_line(report: VerificationReport) -> str:
    counts = report.counts
    failing = ", ".join(
        f"{status} {counts[status]}" for status in STATUSES[1:] if counts.get(status)
    )
    evidence = f"evidence {counts.get('evidence_grounded', 0)}/{counts.get('evidence', len(report.evidence))} grounded"
    figures = sum(1 for check in report.figures if check.ok)
    line = (
        f"{report.verified} verified · {report.unconfirmed} unconfirmed · "
        f"{report.contradicted} contradicted of {report.total} claims · "
        f"figures {figures}/{len(report.figures)} verified"
    )
    if failing:
        line += f" ({failing})"
    return f"{line} · {evidence} · {counts.get('uncovered', len(report.uncovered))} uncovered casualty mention(s)"


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"
