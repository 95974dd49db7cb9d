"""``summarizer batch``: a command group whose default is ``run``.

``summarizer batch INPUT --out results.jsonl`` is ``summarizer batch run INPUT --out ...``;
``summarizer batch export`` and ``summarizer batch import`` are its other subcommands. A
folder literally named ``export``, ``import`` or ``run`` is reached as ``./export``.
"""

from __future__ import annotations

import click
import typer

from summarizer.cli.app import FlagsAsFlagsGroup, app

DEFAULT_COMMAND = "run"


class DefaultCommandGroup(FlagsAsFlagsGroup):
    """A group that runs :data:`DEFAULT_COMMAND` when the first word is not a subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


batch_app = typer.Typer(
    cls=DefaultCommandGroup,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help=(
        "Summarize many articles: [bold]summarizer batch INPUT --out results.jsonl[/] "
        "(live calls, or --via batch-api for a provider's Batch API); "
        "[bold]export[/]/[bold]import[/] request files for self-hosted engines."
    ),
)
app.add_typer(batch_app, name="batch")

__all__ = ["DEFAULT_COMMAND", "DefaultCommandGroup", "batch_app"]
