"""``summarizer verify ARTICLE SUMMARY_JSON``: re-check a stored summary against its article.

No model is called: every figure of the summary is cross-checked against the article
and the rule-based numbers, and the report is printed (rich table or JSON).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from summarizer.checks.report import verify
from summarizer.checks.summary_json import parse_summary
from summarizer.cli.app import app, cli_errors
from summarizer.cli.options import DatelineOpt, parse_date_option
from summarizer.cli.output import ReportFormatOpt, emit
from summarizer.errors import InputError, VerificationFailed
from summarizer.numbers import extract_numbers
from summarizer.render.formats import RenderContext
from summarizer.schema import ArticleSummary
from summarizer.text.reading import read_article, refuse_url
from summarizer.vocabulary import StrictLevel


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
    format: ReportFormatOpt = "text",
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
    dateline: DatelineOpt = None,
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
    context = RenderContext(
        article_text=source.text,
        title=f"{summary_json} against {source.source}",
        summary=summary,
    )
    emit("report", report, format, context)
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


def strict_level(value: str | None) -> StrictLevel | None:
    """``--strict`` (anything not verified) or ``--strict=contradicted``; None without it."""
    if value is None:
        return None
    if value in ("unverified", "all", ""):
        return "unverified"
    if value == "contradicted":
        return "contradicted"
    raise InputError(f"--strict={value}: expected --strict or --strict=contradicted")


def load_summary(path: str | Path) -> ArticleSummary:
    """Read and validate a summary file (``-`` for stdin); every failure is one InputError line."""
    source = "<stdin>" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read()
        else:
            refuse_url(path, "the summary")
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


__all__ = [
    "load_summary",
    "strict_level",
    "verify_command",
]
