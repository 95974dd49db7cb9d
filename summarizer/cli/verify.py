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

from summarizer.cli.app import app, cli_errors
from summarizer.cli.output import ReportFormatOpt, emit
from summarizer.errors import InputError, VerificationFailed
from summarizer.formats import RenderContext
from summarizer.numbers import extract_numbers
from summarizer.reading import read_article
from summarizer.schema import ArticleSummary
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
    format: ReportFormatOpt = "text",
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 3 if any figure is unverified.")
    ] = False,
) -> None:
    """Check every figure of a summary against the article it summarizes."""
    if article == "-" and summary_json == "-":
        raise InputError("ARTICLE and SUMMARY_JSON cannot both be read from stdin")
    source = read_article(article)
    summary = load_summary(summary_json)
    report = verify(source.text, summary, extract_numbers(source.text))
    context = RenderContext(
        article_text=source.text,
        title=f"{summary_json} against {source.source}",
        summary=summary,
    )
    emit("report", report, format, context)
    if strict and not report.all_verified:
        failed = report.total - report.verified
        raise VerificationFailed(
            f"{failed} of {report.total} figures unverified (--strict)", report
        )


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
