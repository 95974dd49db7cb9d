"""The typer app every command registers on, and the one place errors become exit codes."""

from __future__ import annotations

import enum
import functools
import os
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from summarizer.errors import SummarizerError
from summarizer.redaction import redact


def show_flags_as_flags(command: Any, ctx: typer.Context) -> None:
    """``--strict``, not ``--strict <bool>``: typer 0.29 labels on/off and counted flags
    with a type; an empty metavar makes its help show the bare flag."""
    for param in command.get_params(ctx):
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            param.metavar = ""


class FlagsAsFlagsGroup(TyperGroup):
    """The command group class for every typer app here: help shows flags as flags."""

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            show_flags_as_flags(command, ctx)
        return command

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:
        show_flags_as_flags(self, ctx)
        super().format_help(ctx, formatter)


app = typer.Typer(
    cls=FlagsAsFlagsGroup,
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
