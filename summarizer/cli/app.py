"""The typer app every command registers on, and the one place errors become exit codes."""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, ParamSpec, TypeVar

import typer
import typer.main
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from summarizer.errors import SummarizerError
from summarizer.redaction import redact


def show_flags_as_flags(command: Any, ctx: Any) -> None:
    """``--strict``, not ``--strict <bool>``: typer 0.29 labels on/off and counted flags
    with a type; an empty metavar makes its help show the bare flag."""
    for param in command.get_params(ctx):
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            param.metavar = ""


class FlagsAsFlagsGroup(TyperGroup):
    """The command group class for every typer app here: help shows flags as flags."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            show_flags_as_flags(command, ctx)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        show_flags_as_flags(self, ctx)
        super().format_help(ctx, formatter)


class LazyCommand(NamedTuple):
    """What ``summarizer --help`` shows for a command without importing it, and the
    modules that register it on ``app`` (a group may keep subcommands in several)."""

    help: str
    modules: tuple[str, ...]


# Every command, in --help order. A test checks each help line against the command's own
# and that every module registering a command under summarizer/cli/ is listed here.
COMMANDS: dict[str, LazyCommand] = {
    "batch": LazyCommand(
        "Summarize many articles: [bold]summarizer batch INPUT --out results.jsonl[/] "
        "(live calls, or --via batch-api for a provider's Batch API); "
        "[bold]export[/]/[bold]import[/] request files for self-hosted engines.",
        ("summarizer.cli.batch_group", "summarizer.cli.batch", "summarizer.cli.batch_api"),
    ),
    "db": LazyCommand(
        "The Postgres state database of [bold]summarizer serve --state-url[/]: "
        "[bold]upgrade[/] its schema, or show its [bold]status[/].",
        ("summarizer.cli.db",),
    ),
    "eval": LazyCommand(
        "Score prompts on the seed articles against their gold events (prompt regression).",
        ("summarizer.cli.eval",),
    ),
    "numbers": LazyCommand(
        "List every number in an article with its qualifier, role and counted noun.",
        ("summarizer.cli.numbers",),
    ),
    "incidents": LazyCommand(
        "Split an article into the incidents it reports and show which numbers belong to each.",
        ("summarizer.cli.incidents",),
    ),
    "serve": LazyCommand(
        "Serve the HTTP API (see docs/service.md). API keys: SUMMARIZER_API_KEYS or the config file.",
        ("summarizer.cli.serve",),
    ),
    "summarize": LazyCommand(
        "Summarize one news article into verified, structured events.",
        ("summarizer.cli.summarize",),
    ),
    "verify": LazyCommand(
        "Check every figure, number, name and date of a summary against its article.",
        ("summarizer.cli.verify",),
    ),
    "prompts": LazyCommand(
        "Prompt versions, content hashes and the lock file (prompts.lock beside the prompts).",
        ("summarizer.cli.prompts",),
    ),
}


class CommandStub(TyperCommand):
    """Stands for a command in help listings until the command itself is needed."""


class LazyCommands(FlagsAsFlagsGroup):
    """The command group: imports a command's module only when that command runs.

    ``summarizer --help`` shows :data:`COMMANDS` and imports none of them; ``summarizer
    numbers`` imports the numbers command, not the pipeline, the model SDKs or the batch code.
    """

    listing = False

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for name, entry in COMMANDS.items():
            self.commands.setdefault(name, CommandStub(name=name, help=entry.help))

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if isinstance(command, CommandStub) and not self.listing:
            for module in COMMANDS[cmd_name].modules:  # importing registers it on `app`
                importlib.import_module(module)
            command = typer.main.get_group(app).commands[cmd_name]
            self.commands[cmd_name] = command
            show_flags_as_flags(command, ctx)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False


app = typer.Typer(
    cls=LazyCommands,
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


P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = 1, details: Sequence[str] = ()) -> typer.Exit:
    """Print the message on one stderr line (and each detail on its own) and return the Exit."""
    # Messages can quote a server's words: never markup, never a secret.
    stderr.print(f"[bold red]error:[/] {escape(redact(message))}", markup=True, highlight=False)
    for detail in details:
        stderr.print(f"  {_one_line(redact(detail))}", markup=False, highlight=False)
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
            raise fail(_one_line(str(exc)), exc.exit_code, exc.details) from None
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


@app.callback()
def root() -> None:
    """Turn a news article into a verified, structured event summary."""
    # A callback keeps `app` a command group even while only one command module is loaded.


__all__ = [
    "COMMANDS",
    "CommandStub",
    "FlagsAsFlagsGroup",
    "LazyCommand",
    "LazyCommands",
    "app",
    "cli_errors",
    "fail",
    "root",
    "show_flags_as_flags",
    "stderr",
    "stdout",
]
