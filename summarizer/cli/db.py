"""``summarizer db``: the Postgres state database of ``summarizer serve --state-url``.

``summarizer db upgrade`` applies the schema migrations (summarizer.service.pg_schema);
run it once per release before starting replicas of the new code, which refuse to start
on an older schema. ``summarizer db status`` says where a database stands.
"""

from __future__ import annotations

from typing import Annotated

import typer

from summarizer.cli.app import FlagsAsFlagsGroup, app, cli_errors, stderr, stdout
from summarizer.config import load_service_settings
from summarizer.errors import ConfigError

db_app = typer.Typer(
    cls=FlagsAsFlagsGroup,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="The Postgres state database of [bold]summarizer serve --state-url[/]: "
    "[bold]upgrade[/] its schema, or show its [bold]status[/].",
)
app.add_typer(db_app, name="db")

StateUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--state-url",
        help="postgresql://user@host/db (default: SUMMARIZER_STATE_URL or state_url in the config file).",
    ),
]


def _url(state_url: str | None) -> str:
    url = load_service_settings(state_url=state_url).state_database()
    if not url:
        raise ConfigError(
            "no state database: pass --state-url postgresql://... or set SUMMARIZER_STATE_URL"
        )
    return url


@db_app.command("upgrade")
@cli_errors
def upgrade_command(state_url: StateUrlOpt = None) -> None:
    """Apply every schema migration the database lacks (safe to run again, and from two places at once)."""
    from summarizer.service.pg_store import upgrade_database
    from summarizer.service.state import describe_url

    url = _url(state_url)
    before, applied = upgrade_database(url)
    for migration in applied:
        stderr.print(f"applied {migration.version:04d}: {migration.name}", highlight=False)
    after = applied[-1].version if applied else before
    where = describe_url(url)
    if applied:
        stdout.print(f"{where}: schema upgraded from version {before} to {after}", highlight=False)
    else:
        stdout.print(f"{where}: schema already at version {after}", highlight=False)


@db_app.command("status")
@cli_errors
def status_command(state_url: StateUrlOpt = None) -> None:
    """The database's schema version and this code's; exit 1 when an upgrade is due."""
    from summarizer.service.pg_store import schema_version
    from summarizer.service.state import describe_url

    url = _url(state_url)
    version, head = schema_version(url)
    state = "up to date" if version == head else "run `summarizer db upgrade`"
    stdout.print(
        f"{describe_url(url)}: schema version {version}, this code {head} ({state})",
        highlight=False,
    )
    if version != head:
        raise typer.Exit(1)


__all__ = ["db_app"]
