"""``--format`` and ``--output`` for every command: look the format up, print or write it.

The formats themselves live in :mod:`summarizer.render.formats`; a command names its subject
("summary", "report", "numbers", "incidents") and gets exactly the formats that can render it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from summarizer.cli.app import stderr, stdout
from summarizer.errors import InputError
from summarizer.files import write_atomic as write_file
from summarizer.render.formats import RenderContext, Subject, format_names, get_format


def format_option(subject: Subject) -> Any:
    """The ``--format/-f`` option of a command whose result is a ``subject``."""
    names = format_names(subject)
    choices = Literal[tuple(names)]  # type: ignore[valid-type]
    described = "; ".join(f"{name}: {get_format(name).description}" for name in names)
    return Annotated[choices, typer.Option("--format", "-f", help=f"Output format ({described}).")]


# Static checkers see plain strings; typer sees the registry's names as choices.
if TYPE_CHECKING:
    SummaryFormatOpt = str
    ReportFormatOpt = str
    NumbersFormatOpt = str
    IncidentsFormatOpt = str
else:
    SummaryFormatOpt = format_option("summary")
    ReportFormatOpt = format_option("report")
    NumbersFormatOpt = format_option("numbers")
    IncidentsFormatOpt = format_option("incidents")


def emit(
    subject: Subject,
    value: Any,
    format: str,
    context: RenderContext | None = None,
    output: Path | None = None,
) -> None:
    """Print the result on stdout, or write it to ``output`` (replaced atomically)."""
    fmt = get_format(format, subject)
    if output is not None:
        write_atomic(output, fmt.render_str(subject, value, context))
        stderr.print(f"wrote {output}", highlight=False)
        return
    rendered = fmt.render(subject, value, context)
    if not isinstance(rendered, str):
        stdout.print(rendered, soft_wrap=False)
    elif fmt.media_type == "application/json" and stdout.is_terminal:
        stdout.print_json(rendered)
    else:
        typer.echo(rendered)


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` whole (temporary file + rename), with the user's umask."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory")
    try:
        write_file(path, content)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None


__all__ = [
    "emit",
    "format_option",
    "write_atomic",
]
