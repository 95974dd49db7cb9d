"""``summarizer summarize PATH|-``: one article in, a verified summary out."""

from __future__ import annotations

import contextlib
import enum
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from summarizer.cli.app import app, cli_errors, stderr, stdout
from summarizer.errors import InputError, VerificationFailed
from summarizer.pipeline import Summarizer
from summarizer.reading import read_article
from summarizer.redaction import configure_logging
from summarizer.render import render_json, render_text
from summarizer.schema import ArticleSummary


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"


class BackendChoice(str, enum.Enum):
    auto = "auto"
    openai = "openai"
    compatible = "compatible"
    llama_cpp = "llama-cpp"
    embedded = "embedded"


# Shared option declarations, reused by other commands that call the model.
ModelOpt = Annotated[Optional[str], typer.Option("--model", "-m", help="Model name [env: SUMMARIZER_MODEL].")]
BaseUrlOpt = Annotated[
    Optional[str], typer.Option("--base-url", help="OpenAI-compatible server URL [env: OPENAI_BASE_URL].")
]
ModelPathOpt = Annotated[
    Optional[Path], typer.Option("--model-path", help="GGUF for the embedded server [env: SUMMARIZER_MODEL_PATH].")
]
BackendOpt = Annotated[
    Optional[BackendChoice], typer.Option("--backend", help="Force a backend (default: auto).", show_default=False)
]
PromptOpt = Annotated[Optional[str], typer.Option("--prompt", "-p", help="Prompt id from prompts/ (or a .md path).")]
RetriesOpt = Annotated[
    Optional[int], typer.Option("--max-retries", min=0, max=10, help="Re-asks after invalid or unverified output [default: 2].")
]
VerboseOpt = Annotated[int, typer.Option("--verbose", "-v", count=True, help="Log steps to stderr (-vv: HTTP too).")]


@app.command("summarize")
@cli_errors
def summarize_command(
    path: Annotated[str, typer.Argument(help="Article text file, or - for stdin.")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the result to FILE.")] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    backend: BackendOpt = None,
    prompt: PromptOpt = None,
    max_retries: RetriesOpt = None,
    max_tokens: Annotated[Optional[int], typer.Option("--max-tokens", help="Cap on the model's answer [default: 3072].")] = None,
    timeout: Annotated[Optional[float], typer.Option("--timeout", help="Seconds to wait for one response [default: 180].")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 3 if any figure is unverified.")] = False,
    no_reask: Annotated[bool, typer.Option("--no-reask", help="Flag unverified figures without re-asking.")] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Summarize one news article into verified, structured events."""
    configure_logging(verbose)
    article = read_article(path)
    summarizer = Summarizer(
        model=model,
        base_url=base_url,
        model_path=model_path,
        backend=backend.value if backend else None,
        prompt=prompt,
        max_retries=max_retries,
        max_tokens=max_tokens,
        timeout=timeout,
        strict=strict or None,
        reask_unverified=False if no_reask else None,
    )
    failure: VerificationFailed | None = None
    with summarizer, _spinner(f"Summarizing {article.source}"):
        try:
            result = summarizer.summarize(article.text)
        except VerificationFailed as exc:
            if not isinstance(exc.summary, ArticleSummary):
                raise
            failure, result = exc, exc.summary
    emit(result, format, output)
    if failure is not None:
        raise failure


def emit(result: ArticleSummary, format: OutputFormat, output: Path | None) -> None:
    """Print or write the result; a file is replaced atomically, never left half-written."""
    if output is None:
        if format is OutputFormat.json:
            stdout.print_json(render_json(result)) if stdout.is_terminal else print(render_json(result))
        else:
            stdout.print(render_text(result))
        return
    if format is OutputFormat.json:
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
