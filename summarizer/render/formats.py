"""Output formats: the one registry every command (and the service) looks a format up in.

A format renders up to four kinds of result, its *subjects*: a ``summary``
(:class:`~summarizer.schema.ArticleSummary`), a verification ``report``
(:class:`~summarizer.schema.VerificationReport`), the ``numbers`` of an article (a list of
:class:`~summarizer.numbers.NumberMention`) and its ``incidents`` (a list of
:class:`~summarizer.checks.incidents.Incident`). A renderer returns a string (JSON, HTML) or a
rich renderable (text for a terminal); :meth:`OutputFormat.render_str` turns either into a
string for a file or an HTTP body.

Renderers are imported on first use, so listing the formats (``--help``, choices of
``--format``) costs no import of the pipeline, the extractor or pydantic.

Adding a format is one :class:`OutputFormat` entry in :data:`FORMATS`; its renderers take
``(value, context)`` and import their module inside, like the text and JSON ones below.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from summarizer.errors import InputError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from summarizer.checks.incidents import Incident
    from summarizer.numbers import NumberMention
    from summarizer.schema import ArticleSummary, VerificationReport

Subject = Literal["summary", "report", "numbers", "incidents"]
SUBJECTS: tuple[Subject, ...] = get_args(Subject)
FILE_WIDTH = 120  # columns of rich text written to a file or an HTTP body


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderContext:
    """What a renderer may need besides the result: the article it came from, a heading,
    and for a report the summary it checked (a page that shows the claims needs it)."""

    article_text: str = ""
    title: str = ""
    summary: ArticleSummary | None = None


Renderer = Callable[[Any, RenderContext], "str | RenderableType"]


@dataclass(frozen=True, kw_only=True)
class OutputFormat:
    """One output format: its name on the command line, its media type, what it renders."""

    name: str
    media_type: str
    description: str
    renderers: Mapping[Subject, Renderer]

    def supports(self, subject: Subject) -> bool:
        return subject in self.renderers

    def render(
        self, subject: Subject, value: Any, context: RenderContext | None = None
    ) -> str | RenderableType:
        """The rendered result: a string, or a rich renderable for a terminal."""
        renderer = self.renderers.get(subject)
        if renderer is None:
            raise InputError(
                f"format {self.name!r} cannot show a {subject} "
                f"(formats for it: {', '.join(format_names(subject))})"
            )
        return renderer(value, context or RenderContext())

    def render_str(
        self,
        subject: Subject,
        value: Any,
        context: RenderContext | None = None,
        *,
        width: int = FILE_WIDTH,
    ) -> str:
        """The rendered result as text ending in a newline: for a file or an HTTP body."""
        rendered = self.render(subject, value, context)
        if not isinstance(rendered, str):
            rendered = plain_text(rendered, width)
        return rendered if rendered.endswith("\n") else rendered + "\n"


def plain_text(renderable: RenderableType, width: int = FILE_WIDTH) -> str:
    """A rich renderable as plain text at a fixed width (no colour, no terminal needed)."""
    from rich.console import Console

    with open(os.devnull, "w", encoding="utf-8") as sink:
        console = Console(record=True, width=width, file=sink)
        console.print(renderable)
    return console.export_text()


# --- text: rich renderables for people ---------------------------------------------------


def text_summary(summary: ArticleSummary, context: RenderContext) -> RenderableType:
    from summarizer.render.text import render_text

    return render_text(summary)


def text_report(report: VerificationReport, context: RenderContext) -> RenderableType:
    from summarizer.render.report import render_report

    return render_report(report, context.article_text, title=context.title)


def text_numbers(mentions: list[NumberMention], context: RenderContext) -> RenderableType:
    from summarizer.render.numbers import mentions_table

    return mentions_table(mentions, context.article_text, title=context.title)


def text_incidents(found: list[Incident], context: RenderContext) -> RenderableType:
    from summarizer.render.incidents import incidents_table

    return incidents_table(found, title=context.title)


# --- json: for programs --------------------------------------------------------------------


def json_model(model: ArticleSummary | VerificationReport, context: RenderContext) -> str:
    """The model's own JSON, the shape the schema documents (two-space indent)."""
    return model.model_dump_json(indent=2)


def json_numbers(mentions: list[NumberMention], context: RenderContext) -> str:
    from summarizer.render.numbers import mentions_json

    return mentions_json(mentions)


def json_incidents(found: list[Incident], context: RenderContext) -> str:
    from summarizer.render.incidents import incidents_json

    return incidents_json(found)


# --- html: the grounding report, one self-contained page --------------------------------


def html_summary(summary: ArticleSummary, context: RenderContext) -> str:
    from summarizer.render.html import render_html

    return render_html(summary, context.article_text)


def html_report(report: VerificationReport, context: RenderContext) -> str:
    from summarizer.render.html import render_html

    if context.summary is None:
        raise InputError("an HTML report needs the summary it checked")
    checked = context.summary.model_copy(update={"verification": report})
    return render_html(checked, context.article_text)


FORMATS: dict[str, OutputFormat] = {
    fmt.name: fmt
    for fmt in (
        OutputFormat(
            name="text",
            media_type="text/plain",
            description="tables for people",
            renderers={
                "summary": text_summary,
                "report": text_report,
                "numbers": text_numbers,
                "incidents": text_incidents,
            },
        ),
        OutputFormat(
            name="json",
            media_type="application/json",
            description="for programs",
            renderers={
                "summary": json_model,
                "report": json_model,
                "numbers": json_numbers,
                "incidents": json_incidents,
            },
        ),
        OutputFormat(
            name="html",
            media_type="text/html",
            description="the grounding report, one self-contained page",
            renderers={"summary": html_summary, "report": html_report},
        ),
    )
}


def format_names(subject: Subject | None = None) -> list[str]:
    """Names of the formats (that can render ``subject``), in registry order."""
    return [name for name, fmt in FORMATS.items() if subject is None or fmt.supports(subject)]


def get_format(name: str, subject: Subject | None = None) -> OutputFormat:
    """The format called ``name``; an InputError naming the choices if there is none."""
    fmt = FORMATS.get(name)
    if fmt is None or (subject is not None and not fmt.supports(subject)):
        what = f" for a {subject}" if subject else ""
        raise InputError(
            f"unknown output format {name!r}{what} (available: {', '.join(format_names(subject))})"
        )
    return fmt


__all__ = [
    "FORMATS",
    "SUBJECTS",
    "OutputFormat",
    "RenderContext",
    "Subject",
    "format_names",
    "get_format",
    "html_report",
    "html_summary",
    "json_incidents",
    "json_model",
    "json_numbers",
    "plain_text",
    "text_incidents",
    "text_numbers",
    "text_report",
    "text_summary",
]
