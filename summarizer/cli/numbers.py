"""``summarizer numbers PATH|-``: show the rule-based number mentions of an article.

No model is called. ``--format text`` prints a rich table with each number highlighted in its
sentence; ``--format json`` prints a list of objects with every :class:`NumberMention` field.
"""

from __future__ import annotations

from typing import Annotated

import typer

from summarizer.cli.app import app, cli_errors
from summarizer.cli.output import NumbersFormatOpt, emit
from summarizer.numbers import extract_numbers
from summarizer.render.formats import RenderContext
from summarizer.text.reading import read_article


@app.command("numbers")
@cli_errors
def numbers_command(
    path: Annotated[str, typer.Argument(metavar="PATH", help="Article file, or - for stdin.")],
    format: NumbersFormatOpt = "text",
) -> None:
    """List every number in an article with its qualifier, role and counted noun."""
    article = read_article(path)
    mentions = extract_numbers(article.text)
    context = RenderContext(article_text=article.text, title=f"Numbers in {article.source}")
    emit("numbers", mentions, format, context)


__all__ = [
    "numbers_command",
]
