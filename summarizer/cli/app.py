"""The typer app every command registers on, and the one place errors become exit codes."""

from __future__ import annotations

import enum
import functools
import os
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from summarizer.errors import SummarizerError
from summarizer.redaction import redact

app = typer.Typer(
    name="summarizer",
    help="Turn a news article into a verified, structured event summary.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

# stdout carries results only (JSON stays clean); everything else goes to stderr.
stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)


class OutputFormat(enum.StrEnum):
    """--format for every command: rich text for people, JSON for programs."""

    text = "text"
    json = "json"


class ReportFormat(enum.StrEnum):
    """--format for summarize and verify: also the self-contained HTML grounding report."""

    text = "text"
    json = "json"
    html = "html"


P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    # Messages can quote a server's words: never markup, never a secret.
    stderr.print(f"[bold red]error:[/] {escape(redact(message))}", markup=True, highlight=False)
    return typer.Exit(code)


def cli_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into one stderr line and an exit code, never a traceback.

    Set ``SUMMARIZER_RAISE_ERRORS=1`` to get the real exception (for debugging and tests).
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except SummarizerError as exc:
            if os.environ.get("SUMMARIZER_RAISE_ERRORS"):
                raise
            raise fail(_one_line(str(exc)), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except Exception as exc:
            if os.environ.get("SUMMARIZER_RAISE_ERRORS"):
                raise
            raise fail(
                f"unexpected {type(exc).__name__}: {_one_line(str(exc))} "
                "(set SUMMARIZER_RAISE_ERRORS=1 for a traceback)",
                1,
            ) from None

    return wrapper


def _one_line(message: str) -> str:
    return " ".join(message.split()) or "failed"
