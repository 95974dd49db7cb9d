"""Command-line entry point: ``summarizer COMMAND``. Each command lives in its own module."""

from __future__ import annotations

import sys

from summarizer.cli import batch as _batch  # noqa: F401
from summarizer.cli import eval as _eval  # noqa: F401
from summarizer.cli import numbers as _numbers  # noqa: F401
from summarizer.cli import prompts as _prompts  # noqa: F401
from summarizer.cli import serve as _serve  # noqa: F401

# Importing a command module registers its command on `app`.
from summarizer.cli import summarize as _summarize  # noqa: F401
from summarizer.cli import verify as _verify
from summarizer.cli.app import app


def main() -> None:
    app(args=_verify.expand_strict(sys.argv[1:]))


__all__ = ["app", "main"]
