"""``summarizer incidents PATH|-``: the happenings an article reports, and whose numbers.

No model is called. ``--format text`` prints one table row per incident (its date, place,
event types and the numbers that belong to it); ``--format json`` prints a list of
:class:`~summarizer.checks.incidents.Incident` objects, offsets into the article included.
"""

from __future__ import annotations

from typing import Annotated

import typer

from summarizer.cli.app import app, cli_errors
from summarizer.cli.output import IncidentsFormatOpt, emit
from summarizer.render.formats import RenderContext
from summarizer.text.reading import read_article


@app.command("incidents")
@cli_errors
def incidents_command(
    path: Annotated[str, typer.Argument(metavar="PATH", help="Article file, or - for stdin.")],
    format: IncidentsFormatOpt = "text",
) -> None:
    """Split an article into the incidents it reports and show which numbers belong to each."""
    from summarizer.checks.incidents import incidents

    article = read_article(path)
    context = RenderContext(article_text=article.text, title=f"Incidents in {article.source}")
    emit("incidents", incidents(article.text), format, context)


__all__ = [
    "incidents_command",
]
