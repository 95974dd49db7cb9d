"""``summarizer verify ARTICLE SUMMARY_JSON``: re-check a stored summary against its article.

No model is called: every figure of the summary is cross-checked against the article
and the rule-based numbers, and the report is printed (rich table or JSON).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from summarizer.cli.app import ReportFormat, app, cli_errors, stdout
from summarizer.crosscheck import STATUSES, context_snippet
from summarizer.errors import InputError, VerificationFailed
from summarizer.numbers import extract_numbers
from summarizer.reading import read_article
from summarizer.report_html import render_html
from summarizer.schema import ArticleSummary, StrictLevel, VerificationReport
from summarizer.verification import parse_summary, verify


@app.command("verify")
@cli_errors
def verify_command(
    article: Annotated[
        str, typer.Argument(metavar="ARTICLE", help="Article text file, or - for stdin.")
    ],
    summary_json: Annotated[
        str,
        typer.Argument(
            metavar="SUMMARY_JSON",
            help="Summary JSON (a `summarize --format json` result or a bare draft), or - for stdin.",
        ),
    ],
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="Output format (html: the grounding report page)."),
    ] = ReportFormat.text,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help=(
                "Exit 3 if any claim is not verified; --strict=contradicted only if one is "
                "contradicted (unconfirmed claims pass)."
            ),
        ),
    ] = False,
    strict_on: Annotated[
        str | None,
        typer.Option("--strict-level", hidden=True, help="What --strict fails on."),
    ] = None,
    dateline: Annotated[
        str | None,
        typer.Option(
            "--dateline",
            metavar="YYYY-MM-DD",
            help="Publication date for resolving 'Saturday' etc. (default: the article's own).",
        ),
    ] = None,
) -> None:
    """Check every figure, number, name and date of a summary against its article."""
    level = strict_level(strict_on) if strict_on is not None else None
    if strict and level is None:
        level = "unverified"
    if article == "-" and summary_json == "-":
        raise InputError("ARTICLE and SUMMARY_JSON cannot both be read from stdin")
    published = parse_date_option(dateline)
    source = read_article(article)
    summary = load_summary(summary_json)
    report = verify(source.text, summary, extract_numbers(source.text), dateline=published)
    if format is ReportFormat.json:
        typer.echo(report.model_dump_json(indent=2))
    elif format is ReportFormat.html:
        checked = summary.model_copy(update={"verification": report})
        sys.stdout.write(render_html(checked, source.text))
    else:
        stdout.print(
            render_report(report, source.text, title=f"{summary_json} against {source.source}")
        )
    if level is not None:
        failing = report.failing(level)
        if failing:
            what = "contradicted" if level == "contradicted" else "not verified"
            option = "--strict=contradicted" if level == "contradicted" else "--strict"
            raise VerificationFailed(
                f"{len(failing)} of {report.total} claims {what}, first {failing[0].path} "
                f"({option})",
                report,
            )


def expand_strict(argv: list[str]) -> list[str]:
    """``--strict=contradicted`` as the parser takes it: ``--strict --strict-level contradicted``.

    The option parser has no options with an optional value, so the entry point rewrites this
    one spelling before parsing; ``--strict`` alone stays a plain flag.
    """
    out: list[str] = []
    for arg in argv:
        if arg == "--":
            out += argv[len(out) :]
            break
        if arg.startswith("--strict="):
            out += ["--strict", "--strict-level", arg.removeprefix("--strict=")]
        else:
            out.append(arg)
    return out


def strict_level(value: str | None) -> StrictLevel | None:
    """``--strict`` (anything not verified) or ``--strict=contradicted``; None without it."""
    if value is None:
        return None
    if value in ("unverified", "all", ""):
        return "unverified"
    if value == "contradicted":
        return "contradicted"
    raise InputError(f"--strict={value}: expected --strict or --strict=contradicted")


def parse_date_option(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--dateline {value!r}: expected a date as YYYY-MM-DD") from None


def load_summary(path: str | Path) -> ArticleSummary:
    """Read and validate a summary file (``-`` for stdin); every failure is one InputError line."""
    source = "<stdin>" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read()
        else:
            file = Path(path)
            if not file.exists():
                raise InputError(f"{file}: no such file")
            if file.is_dir():
                raise InputError(f"{file}: is a directory, expected a JSON file")
            data = file.read_bytes()
        raw = data.decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{source}: not UTF-8 text, expected a JSON file") from None
    if not raw.strip():
        raise InputError(f"{source}: empty file, expected a summary JSON")
    try:
        loaded: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{source}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    return parse_summary(loaded, source=source)


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
