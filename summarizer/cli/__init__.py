"""Command-line entry point: ``summarizer COMMAND``. Each command lives in its own module.

Command modules are imported when their command runs (see :class:`LazyCommands`), so
``summarizer --help`` and a cheap command never pay for the pipeline.
"""

from __future__ import annotations

from summarizer.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
