"""``summarizer incidents PATH|-``: the happenings an article reports, and whose numbers.

No model is called. ``--format text`` prints one table row per incident (its date, place,
event types and the numbers that belong to it); ``--format json`` prints a list of
:class:`~summarizer.checks.incidents.Incident` objects, offsets into the article included.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

import typer

from summarizer.cli.app import app, cli_errors, stdout
from summarizer.text.reading import read_article


@app.command("incidents")
@cli_errors
def incidents_command(
    path: Annotated[str, typer.Argument(metavar="PATH", help="Article file, or - for stdin.")],
    format: Annotated[
        Literal["text", "json"],
        typer.Option(
            "--format",
            "-f",
            help="Output format (text: a table for people; json: a list of incidents).",
        ),
    ] = "text",
) -> None:
    """Split an article into the incidents it reports and show which numbers belong to each."""
    from summarizer.checks.incidents import incidents

    article = read_article(path)
    found = incidents(article.text)
    if format == "json":
        rendered = json.dumps([i.model_dump(mode="json") for i in found], ensure_ascii=False)
        if stdout.is_terminal:
            stdout.print_json(rendered)
        else:
            typer.echo(rendered)
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Incidents in {article.source}", show_lines=True)
    for column in ("id", "when", "where", "what", "numbers"):
        table.add_column(column, overflow="fold")
    for incident in found:
        when = incident.date.isoformat() if incident.date else "—"
        if incident.background:
            when += " (background)"
        numbers = ", ".join(f"{m.text} ({m.role})" for m in incident.mentions) or "—"
        table.add_row(
            incident.id,
            when,
            escape(incident.place or "—"),
            ", ".join(incident.event_types) or "—",
            escape(numbers),
        )
    if not found:
        stdout.print("No incidents: the article has no sentences.", highlight=False)
        return
    stdout.print(table)
