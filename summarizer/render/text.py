"""A summary as rich text for people: its events, each figure's verdict, the checks, the counts.

The text view works from 80 columns up: tables get widths that keep words whole, and
below the width a table needs they stack (one block per row) rather than squeeze.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from summarizer.backend_registry import BACKENDS
from summarizer.checks.wording import counted_noun, how_many
from summarizer.render.layout import Responsive, stacked
from summarizer.render.style import VERDICT_STYLES, verdict_legend, verdict_style
from summarizer.schema import (
    ArticleSummary,
    ClaimCheck,
    CoverageGap,
    EvidenceCheck,
    Figure,
    FigureCheck,
    Meta,
    VerificationReport,
)
from summarizer.text.numerals import format_number
from summarizer.vocabulary import HasVerdict, tally

QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "approximately": "about ",
    "at_most": "at most ",
    "less_than": "fewer than ",
}
EVENT_HEADERS = ("#", "type", "date", "location", "actors", "what happened", "figures")
FIGURE_HEADERS = ("", "figure", "where", "status", "reason")
CLAIM_HEADERS = ("", "claim", "where", "status", "reason")
EVIDENCE_HEADERS = ("", "quote", "where", "match", "reason")


def format_figure(figure: Figure) -> str:
    noun = f" {counted_noun(figure.noun, figure.value)}" if figure.noun else ""
    return f"{QUALIFIER_WORDS.get(figure.qualifier, '')}{format_number(figure.value)}{noun}"


def backend_line(meta: Meta) -> Text:
    """What answered, first: a user who asked for one model must see which one ran."""
    spec = BACKENDS.get(meta.backend)
    # The embedded server's URL is a port we picked: no use to the reader.
    where = f" at {meta.base_url}" if meta.base_url and not (spec and spec.embedded) else ""
    cached = " (from the response cache)" if meta.cached else ""
    return Text(f"model {meta.model} · backend {meta.backend}{where}{cached}", style="dim")


def render_text(summary: ArticleSummary) -> RenderableType:
    parts: list[RenderableType] = []
    if summary.meta is not None:
        parts.append(backend_line(summary.meta))
        parts += [Text(f"note: {note}", style="yellow") for note in summary.meta.notes]
    parts.append(Text(summary.headline, style="bold"))
    if summary.article_date:
        parts.append(Text(f"Dateline {summary.article_date.isoformat()}", style="dim"))
    parts += [Text(""), Text(summary.summary), Text("")]
    checks = {
        check.path: check
        for check in (summary.verification.figures if summary.verification else [])
    }
    if summary.events:
        parts.append(events_view(summary, checks))
    if summary.verification is not None:
        parts.append(figures_view(summary.verification))
        if summary.verification.claims:
            parts.append(claims_view(summary.verification))
        if summary.verification.evidence:
            parts.append(evidence_view(summary.verification))
        parts.append(Text(verdict_line(summary.verification)))
        if summary.verification.uncovered:
            parts.append(uncovered_view(summary.verification))
    if summary.meta is not None:
        meta = summary.meta
        parts.append(
            Text(
                f"prompt {meta.prompt_id}@{meta.prompt_version} · {meta.usage.total_tokens:,} tokens"
                f" · {meta.attempts} attempt(s) · {meta.timings.total_s:.1f}s",
                style="dim",
            )
        )
    if summary.verification is not None:
        parts.append(verdict_counts_line(summary.verification))
    return Group(*parts)


def verdict_counts_line(report: VerificationReport) -> Text:
    """One line counting the checked claims by verdict: the last thing a reader sees."""
    counts = report.tally()
    counted = Text(", ").join(
        Text(f"{count} {verdict}", style=VERDICT_STYLES[verdict].colour)
        for verdict, count in counts.items()
    )
    return Text.assemble(f"{how_many(counts.total, 'claim')} checked: ", counted)


def print_text(summary: ArticleSummary, console: Console) -> None:
    console.print(render_text(summary), soft_wrap=False)


def mark(check: HasVerdict | None) -> str:
    """✓ verified, ? unconfirmed (the rules cannot decide), ✗ contradicted."""
    return "" if check is None else verdict_style(check.verdict).markup


def verdict_line(report: VerificationReport) -> str:
    """ "31 verified · 2 unconfirmed · 1 contradicted of 34 checks (figures, text, ...)"."""
    counts = report.tally()
    return (
        f"{counts.verified} verified · {counts.unconfirmed} unconfirmed · "
        f"{counts.contradicted} contradicted of {how_many(counts.total, 'check')} "
        "(figures, numbers in text, names, dates, event types, evidence)"
    )


def _marked(check: FigureCheck | None, text: str) -> Text:
    line = Text.from_markup(mark(check)) if check is not None else Text()
    if line:
        line.append(" ")
    line.append(text)
    return line


def event_rows(
    summary: ArticleSummary, checks: dict[str, FigureCheck]
) -> list[tuple[RenderableType, ...]]:
    rows: list[tuple[RenderableType, ...]] = []
    for i, event in enumerate(summary.events):
        figures = Text("\n").join(
            _marked(checks.get(f"events[{i}].{suffix}"), f"{fig.role}: {format_figure(fig)}")
            for suffix, fig in event.all_figures()
        )
        date = Text(event.date.isoformat() if event.date else "")
        if event.date_text and event.date_text != date.plain:
            if date:
                date.append(" ")
            date.append(f"({event.date_text})", style="dim")
        actors = ", ".join(f"{a.name} ({a.role})" for a in event.actors)
        rows.append(
            (str(i + 1), event.event_type, date, event.location, actors, event.description, figures)
        )
    return rows


def events_view(summary: ArticleSummary, checks: dict[str, FigureCheck]) -> Responsive:
    rows = event_rows(summary, checks)

    def table() -> Table:
        table = Table(title="Events", title_justify="left", show_lines=True, expand=True)
        for column in EVENT_HEADERS:
            table.add_column(column)
        for row in rows:
            table.add_row(*row)
        return table

    def blocks() -> Group:
        titled = [(f"Event {row[0]}", *row[1:]) for row in rows]
        return stacked(Text("Events", style="italic"), EVENT_HEADERS, titled, heading=(0, 1, 2))

    return Responsive(table, blocks)


def verdict_counts(checks: list[FigureCheck] | list[ClaimCheck] | list[EvidenceCheck]) -> str:
    """ "3/5 verified, 1 not confirmed, 1 contradicted" over ``checks`` alone (one section)."""
    counted = tally(checks)
    counts = f"{counted.verified}/{counted.total} verified"
    if counted.unconfirmed:
        counts += f", {counted.unconfirmed} not confirmed"
    if counted.contradicted:
        counts += f", {counted.contradicted} contradicted"
    return counts


def figures_title(report: VerificationReport) -> str:
    return f"Figures: {verdict_counts(report.figures)}"


def figures_view(report: VerificationReport) -> RenderableType:
    if not report.figures:
        return Text("Figures: 0/0 verified (no figures reported)", style="italic")
    rows = [
        (
            mark(check),
            f"{check.figure.role}: {format_figure(check.figure)}",
            check.path,
            check.status,
            check.reason,
        )
        for check in report.figures
    ]
    title = figures_title(report)
    caption = verdict_legend()

    def table() -> Table:
        table = Table(
            title=title, title_justify="left", caption=caption, caption_justify="left", expand=True
        )
        for column in FIGURE_HEADERS:
            table.add_column(column)
        for row in rows:
            table.add_row(*row)
        return table

    def blocks() -> Group:
        block = stacked(
            Text(title, style="italic"), FIGURE_HEADERS, rows, heading=(0, 1), separator=" "
        )
        block.renderables.append(Text(caption, style="dim"))
        return block

    return Responsive(table, blocks)


def claims_view(report: VerificationReport) -> Responsive:
    """Numbers in the headline, summary and other text, names, dates and event types."""
    rows = [
        (mark(claim), claim.text, claim.path, claim.status, claim.reason) for claim in report.claims
    ]
    title = f"Text, names and dates: {verdict_counts(report.claims)}"
    return checks_view(title, CLAIM_HEADERS, rows)


def evidence_view(report: VerificationReport) -> Responsive:
    """Each event's evidence quotes: found in the article (verified) or not (contradicted)."""
    rows = [
        (mark(check), check.quote, check.path, check.grounding.match, check.reason)
        for check in report.evidence
    ]
    title = f"Evidence quotes: {verdict_counts(report.evidence)}"
    return checks_view(title, EVIDENCE_HEADERS, rows)


def checks_view(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[RenderableType]]
) -> Responsive:
    """A titled table of checks, one per row; stacked blocks when it does not fit."""

    def table() -> Table:
        table = Table(title=title, title_justify="left", expand=True)
        for column in headers:
            table.add_column(column)
        for row in rows:
            table.add_row(*row)
        return table

    def blocks() -> Group:
        return stacked(Text(title, style="italic"), headers, rows, heading=(0, 1), separator=" ")

    return Responsive(table, blocks)


def uncovered_figure(gap: CoverageGap) -> str:
    """'killed: about 24 people': the article's own hedge stays with its number."""
    mention = gap.mention
    words = QUALIFIER_WORDS.get(mention.qualifier, "")
    lowered = mention.text.lower()
    if words and lowered.startswith(words.strip().split()[0]):
        words = ""  # the mention text already carries it ("about 24")
    noun = mention.noun
    counted = f" {noun}" if noun and noun.lower() not in lowered else ""
    return f"{mention.role}: {words}{mention.text}{counted}"


def gap_incident(gap: CoverageGap) -> str:
    """Where a figure no event reports belongs: its incident, marked when it is background."""
    where = gap.incident or "no incident the rules can tell"
    return f"{where}, background" if gap.background else where


def gap_groups(report: VerificationReport) -> dict[str, list[CoverageGap]]:
    """The figures no event reports, by where they belong (placed incidents first): the
    one order and grouping every format shows them in."""
    groups: dict[str, list[CoverageGap]] = {}
    for gap in sorted(report.uncovered, key=lambda g: (g.incident is None, g.incident or "")):
        groups.setdefault(gap_incident(gap), []).append(gap)
    return groups


def uncovered_view(report: VerificationReport) -> Responsive:
    title = f"Figures in the article that no event reports ({len(report.uncovered)})"
    rows = [
        (
            uncovered_figure(gap),
            where,
            gap.sentence,
        )
        for where, gaps in gap_groups(report).items()
        for gap in gaps
    ]
    headers = ("figure", "incident", "sentence")

    def table() -> Table:
        table = Table(title=title, title_justify="left", expand=True)
        for header in headers:
            table.add_column(header)
        for row in rows:
            table.add_row(*row)
        return table

    def blocks() -> Group:
        return stacked(Text(title, style="italic"), headers, rows)

    return Responsive(table, blocks)


__all__ = [
    "backend_line",
    "checks_view",
    "claims_view",
    "event_rows",
    "events_view",
    "evidence_view",
    "figures_title",
    "figures_view",
    "format_figure",
    "gap_groups",
    "gap_incident",
    "mark",
    "print_text",
    "render_text",
    "uncovered_figure",
    "uncovered_view",
    "verdict_counts",
    "verdict_counts_line",
    "verdict_line",
]
