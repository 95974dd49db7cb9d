"""``summarizer summarize PATH|-``: one article in, a verified summary out."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from summarizer.cli.app import ReportFormat, app, cli_errors, stderr, stdout
from summarizer.cli.options import (
    BackendOpt,
    BaseUrlOpt,
    MaxTokensOpt,
    ModelOpt,
    ModelPathOpt,
    NoReaskOpt,
    PromptOpt,
    RetriesOpt,
    TimeoutOpt,
    VerboseOpt,
    model_options,
)
from summarizer.errors import InputError, VerificationFailed
from summarizer.pipeline import Summarizer
from summarizer.reading import read_article
from summarizer.redaction import configure_logging
from summarizer.render import render_json, render_text
from summarizer.report_html import render_html
from summarizer.schema import ArticleSummary


@app.command("summarize")
@cli_errors
def summarize_command(
    path: Annotated[str, typer.Argument(help="Article text file, or - for stdin.")],
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="Output format (html: the grounding report page)."),
    ] = ReportFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the result to FILE.")
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    backend: BackendOpt = None,
    prompt: PromptOpt = None,
    max_retries: RetriesOpt = None,
    max_tokens: MaxTokensOpt = None,
    timeout: TimeoutOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 3 if any figure is unverified.")
    ] = False,
    no_reask: NoReaskOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Summarize one news article into verified, structured events."""
    configure_logging(verbose)
    article = read_article(path)
    summarizer = Summarizer(
        **model_options(
            model=model,
            base_url=base_url,
            model_path=model_path,
            backend=backend,
            prompt=prompt,
            max_retries=max_retries,
            max_tokens=max_tokens,
            timeout=timeout,
            strict=strict,
            no_reask=no_reask,
        )
    )
    failure: VerificationFailed | None = None
    with summarizer, _spinner(f"Summarizing {article.source}"):
        try:
            result = summarizer.summarize(article.text)
        except VerificationFailed as exc:
            if not isinstance(exc.summary, ArticleSummary):
                raise
            failure, result = exc, exc.summary
    emit(result, format, output, article.text)
    if failure is not None:
        raise failure


def emit(
    result: ArticleSummary, format: ReportFormat, output: Path | None, article: str = ""
) -> None:
    """Print or write the result; a file is replaced atomically, never left half-written."""
    if format is ReportFormat.html:
        page = render_html(result, article)
        if output is None:
            sys.stdout.write(page)
        else:
            write_atomic(output, page)
            stderr.print(f"wrote {output}", highlight=False)
        return
    if output is None:
        if format is ReportFormat.json:
            stdout.print_json(render_json(result)) if stdout.is_terminal else print(
                render_json(result)
            )
        else:
            stdout.print(render_text(result))
        return
    if format is ReportFormat.json:
        content = render_json(result) + "\n"
    else:
        capture = Console(record=True, width=120, file=open(os.devnull, "w"))  # noqa: SIM115
        capture.print(render_text(result))
        content = capture.export_text()
    write_atomic(output, content)
    stderr.print(f"wrote {output}", highlight=False)


def write_atomic(path: Path, content: str) -> None:
    if path.is_dir():
        raise InputError(f"{path}: is a directory")
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None


@contextlib.contextmanager
def _spinner(message: str) -> Iterator[None]:
    if stderr.is_terminal:
        with stderr.status(message, spinner="dots"):
            yield
    else:
        yield
