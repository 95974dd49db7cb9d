"""Command-line entry point: ``summarizer COMMAND``. Each command lives in its own module.

Command modules are imported when their command runs (see :class:`LazyCommands`), so
``summarizer --help`` and a cheap command never pay for the pipeline.
"""

from __future__ import annotations

import sys

from summarizer.backends.sdk import freeze_after_sdk_import
from summarizer.cli.app import app


def main() -> None:
    freeze_after_sdk_import()  # this process is ours: see summarizer.backends.sdk
    app(args=expand_strict(sys.argv[1:]))


def expand_strict(argv: list[str]) -> list[str]:
    """``--strict=contradicted`` as the parser takes it: ``--strict --strict-level contradicted``.

    The option parser has no options with an optional value, so the entry point rewrites this
    one spelling before parsing; ``--strict`` alone stays a plain flag.
    """
    out: list[str] = []
    for arg in argv:
        if arg == "--":
            out += argv[len(out) :]
            break
        if arg.startswith("--strict="):
            out += ["--strict", "--strict-level", arg.removeprefix("--strict=")]
        else:
            out.append(arg)
    return out


__all__ = ["app", "expand_strict", "main"]
