"""Stage 7: render a result for people (rich text) or programs (JSON)."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summarizer.schema import ArticleSummary, Figure, FigureCheck, VerificationReport

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
    if summary.verification is not None:
        parts.append(verdict_counts_line(summary.verification))
    return Group(*parts)


def verdict_counts_line(report: VerificationReport) -> Text:
    """One line counting the checked claims by verdict: the last thing a reader sees."""
    line = Text(f"{report.total} claims checked: ")
    line.append(f"{report.verified} verified", style="green")
    line.append(", ")
    line.append(f"{report.unconfirmed} unconfirmed", style="yellow")
    line.append(", ")
    line.append(f"{report.contradicted} contradicted", style="red")
    return line


def print_text(summary: ArticleSummary, console: Console) -> None:
    console.print(render_text(summary))


def _mark(check: FigureCheck | None) -> str:
    if check is None:
        return ""
    return "[green]✓[/]" if check.ok else "[red]✗[/]"


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
    table = Table(title=f"Figures: {report.verified}/{report.total} verified", expand=True)
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


def _uncovered(report: VerificationReport) -> Table:
    table = Table(title="Casualty figures in the article that no event reports", expand=True)
    table.add_column("figure")
    table.add_column("sentence", overflow="fold")
    for gap in report.uncovered:
        table.add_row(f"{gap.mention.role}: {gap.mention.text}", gap.sentence)
    return table
