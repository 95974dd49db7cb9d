"""Stage 7: render a result for people (rich text) or programs (JSON)."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summarizer.schema import ArticleSummary, ClaimCheck, Figure, FigureCheck, VerificationReport

QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "approximately": "about ",
    "at_most": "at most ",
    "less_than": "fewer than ",
}


def render_json(summary: ArticleSummary) -> str:
    return summary.model_dump_json(indent=2)


def format_figure(figure: Figure) -> str:
    value = (
        f"{figure.value:,}"
        if isinstance(figure.value, int)
        else f"{figure.value:,.2f}".rstrip("0").rstrip(".")
    )
    noun = f" {figure.noun}" if figure.noun else ""
    return f"{QUALIFIER_WORDS.get(figure.qualifier, '')}{value}{noun}"


def render_text(summary: ArticleSummary) -> RenderableType:
    parts: list[RenderableType] = [Text(summary.headline, style="bold")]
    if summary.article_date:
        parts.append(Text(f"Dateline {summary.article_date.isoformat()}", style="dim"))
    parts += [Text(""), Text(summary.summary), Text("")]
    checks = {
        check.path: check
        for check in (summary.verification.figures if summary.verification else [])
    }
    if summary.events:
        parts.append(_events_table(summary, checks))
    if summary.verification is not None:
        parts.append(_figures_table(summary.verification))
        if summary.verification.claims:
            parts.append(_claims_table(summary.verification))
        parts.append(Text(verdict_line(summary.verification)))
        if summary.verification.uncovered:
            parts.append(_uncovered(summary.verification))
    if summary.meta is not None:
        meta = summary.meta
        parts.append(
            Text(
                f"{meta.backend}:{meta.model} · prompt {meta.prompt_id}@{meta.prompt_version} · "
                f"{meta.usage.total_tokens} tokens · {meta.attempts} attempt(s) · {meta.timings.total_s:.1f}s",
                style="dim",
            )
        )
    return Group(*parts)


def print_text(summary: ArticleSummary, console: Console) -> None:
    console.print(render_text(summary))


_MARKS = {"verified": "[green]✓[/]", "unconfirmed": "[yellow]?[/]", "contradicted": "[red]✗[/]"}


def _mark(check: FigureCheck | ClaimCheck | None) -> str:
    """✓ verified, ? unconfirmed (the rules cannot decide), ✗ contradicted."""
    if check is None:
        return ""
    return _MARKS[check.verdict]


def verdict_line(report: VerificationReport) -> str:
    """ "31 verified · 2 unconfirmed · 1 contradicted of 34 checks (figures, text, names, dates)"."""
    return (
        f"{report.verified} verified · {report.unconfirmed} unconfirmed · "
        f"{report.contradicted} contradicted of {report.total} checks "
        "(figures, numbers in text, names, dates, evidence)"
    )


def _events_table(summary: ArticleSummary, checks: dict[str, FigureCheck]) -> Table:
    table = Table(title="Events", show_lines=True, expand=True)
    for column in ("#", "type", "date", "location", "actors", "casualties", "other figures"):
        table.add_column(column, overflow="fold")
    for i, event in enumerate(summary.events):
        casualties = "\n".join(
            f"{_mark(checks.get(f'events[{i}].casualties.{slot}'))} {slot}: {format_figure(fig)}"
            for slot, fig in event.casualties.items()
        )
        others = "\n".join(
            f"{_mark(checks.get(f'events[{i}].figures[{j}]'))} {fig.role}: {format_figure(fig)}"
            for j, fig in enumerate(event.figures)
        )
        date = event.date.isoformat() if event.date else ""
        if event.date_text:
            date = f"{date}\n[dim]{event.date_text}[/]" if date else event.date_text
        actors = ", ".join(f"{a.name} ({a.role})" for a in event.actors)
        table.add_row(
            str(i + 1), event.event_type, date, event.location, actors, casualties, others
        )
    return table


def _figures_table(report: VerificationReport) -> Panel | Table:
    verified = sum(1 for check in report.figures if check.ok)
    table = Table(title=f"Figures: {verified}/{len(report.figures)} verified", expand=True)
    for column in ("", "where", "figure", "status", "reason"):
        table.add_column(column, overflow="fold")
    for check in report.figures:
        table.add_row(
            _mark(check),
            check.path,
            f"{check.figure.role}: {format_figure(check.figure)}",
            check.status,
            check.reason,
        )
    return table


def _claims_table(report: VerificationReport) -> Table:
    """Numbers in the headline, summary and other text, names, dates and event types."""
    verified = sum(1 for claim in report.claims if claim.ok)
    table = Table(
        title=f"Text, names and dates: {verified}/{len(report.claims)} verified", expand=True
    )
    for column in ("", "where", "claim", "status", "reason"):
        table.add_column(column, overflow="fold")
    for claim in report.claims:
        table.add_row(_mark(claim), claim.path, claim.text, claim.status, claim.reason)
    return table


def _uncovered(report: VerificationReport) -> Table:
    table = Table(title="Casualty figures in the article that no event reports", expand=True)
    table.add_column("figure")
    table.add_column("sentence", overflow="fold")
    for gap in report.uncovered:
        table.add_row(f"{gap.mention.role}: {gap.mention.text}", gap.sentence)
    return table
