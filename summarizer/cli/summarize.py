"""``summarizer summarize PATH|-``: one article in, a verified summary out."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.text import Text

from summarizer.backends.progress import CallProgress, tracking
from summarizer.cli.app import app, cli_errors, stderr
from summarizer.cli.options import (
    BackendOpt,
    BaseUrlOpt,
    DatelineOpt,
    DeadlineOpt,
    MaxTokensOpt,
    ModelOpt,
    ModelPathOpt,
    NoReaskOpt,
    PromptOpt,
    RetriesOpt,
    TimeoutOpt,
    VerboseOpt,
    model_options,
    parse_date_option,
)
from summarizer.cli.output import SummaryFormatOpt, emit
from summarizer.errors import VerificationFailed
from summarizer.redaction import configure_logging
from summarizer.render.formats import RenderContext
from summarizer.text.reading import read_article


@app.command("summarize")
@cli_errors
def summarize_command(
    path: Annotated[str, typer.Argument(help="Article text file, or - for stdin.")],
    format: SummaryFormatOpt = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the result to FILE."),
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    backend: BackendOpt = None,
    prompt: PromptOpt = None,
    max_retries: RetriesOpt = None,
    max_tokens: MaxTokensOpt = None,
    timeout: TimeoutOpt = None,
    deadline: DeadlineOpt = None,
    cache: Annotated[
        bool | None,
        typer.Option(
            "--cache/--no-cache",
            help="Reuse the answer of an earlier run with the same article and settings "
            "(config key `cache`, env SUMMARIZER_CACHE; default off).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 3 if any figure is unverified.")
    ] = False,
    no_reask: NoReaskOpt = False,
    dateline: DatelineOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Summarize one news article into verified, structured events."""
    configure_logging(verbose)
    published = parse_date_option(dateline)
    article = read_article(path)
    # The pipeline (and the model SDKs) load only once the input is known to be good.
    from summarizer.pipeline.summarizer import Summarizer
    from summarizer.schema import ArticleSummary

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
            deadline=deadline,
        ),
        cache=cache,
    )
    failure: VerificationFailed | None = None
    with summarizer, tracking() as progress, _spinner(article.source, progress):
        try:
            result = summarizer.summarize(article.text, dateline=published)
        except VerificationFailed as exc:
            if not isinstance(exc.summary, ArticleSummary):
                raise
            failure, result = exc, exc.summary
    emit("summary", result, format, RenderContext(article_text=article.text), output=output)
    for note in result.meta.notes if result.meta else []:
        stderr.print(f"[yellow]warning:[/] {escape(note)}", highlight=False)
    if failure is not None:
        raise failure


class ProgressLine:
    """The spinner's text, re-read on every refresh: elapsed time, attempt, tokens so far."""

    def __init__(self, source: str, progress: CallProgress) -> None:
        self.source, self.progress = source, progress

    def __rich__(self) -> Text:
        # What changes comes first: at 80 columns a long file name is what gets cut.
        return Text(
            f"{self.progress.describe()} · {Path(self.source).name}",
            overflow="ellipsis",
            no_wrap=True,
        )


@contextlib.contextmanager
def _spinner(source: str, progress: CallProgress) -> Iterator[None]:
    if stderr.is_terminal:
        with stderr.status(ProgressLine(source, progress), spinner="dots"):
            yield
    else:
        yield


__all__ = [
    "ProgressLine",
    "summarize_command",
]
