"""Options shared by every command that calls the model, and how they become settings."""

from __future__ import annotations

import datetime as dt
import enum
import shlex
from pathlib import Path
from typing import Annotated, Any

import typer

from summarizer.backend_registry import BACKEND_CHOICES
from summarizer.errors import InputError

# The --backend choices, from the one backend registry (members named like the values).
BackendChoice = enum.StrEnum(  # type: ignore[misc]  # members come from the registry at run time
    "BackendChoice", {name: name for name in BACKEND_CHOICES}
)


DatelineOpt = Annotated[
    str | None,
    typer.Option(
        "--dateline",
        metavar="YYYY-MM-DD",
        help=(
            "Publication date, against which 'Saturday', 'yesterday' and 'March 14' resolve "
            "(default: the article's first line, when it starts with 'date YYYY-MM-DD')."
        ),
        show_default=False,
    ),
]


def parse_date_option(value: str | None) -> dt.date | None:
    """``--dateline``'s date; a bad one is a one-line InputError (exit 2)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"--dateline {value!r}: expected a date as YYYY-MM-DD") from None


ModelOpt = Annotated[
    str | None,
    typer.Option("--model", "-m", metavar="NAME", help="Model name (env SUMMARIZER_MODEL)."),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url", metavar="URL", help="OpenAI-compatible server URL (env OPENAI_BASE_URL)."
    ),
]
ModelPathOpt = Annotated[
    Path | None,
    typer.Option(
        "--model-path",
        metavar="GGUF",
        help="GGUF for the embedded server (env SUMMARIZER_MODEL_PATH).",
    ),
]
BackendOpt = Annotated[
    BackendChoice | None,
    typer.Option(
        "--backend",
        metavar="NAME",
        help=f"Force a backend: {', '.join(BACKEND_CHOICES)} (default: auto).",
        show_default=False,
    ),
]
PromptOpt = Annotated[
    str | None,
    typer.Option(
        "--prompt",
        "-p",
        metavar="ID",
        help="Prompt id (shipped, or in --prompts-dir) or a .md path [default: the backend's: event-summary-select on the embedded model, event-summary elsewhere].",
    ),
]
RetriesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-retries",
        metavar="N",
        min=0,
        max=10,
        help="Re-asks after invalid or unverified output (default 2).",
    ),
]
VerboseOpt = Annotated[
    int,
    typer.Option(
        "--verbose",
        "-v",
        count=True,
        show_default=False,
        help="Log to stderr: -v each step and attempt, -vv each HTTP request, -vvv library debug.",
    ),
]
MaxTokensOpt = Annotated[
    int | None, typer.Option("--max-tokens", metavar="N", help="Cap on each answer (default 3072).")
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout", metavar="SECONDS", help="Seconds to wait for one response (default 180)."
    ),
]
DeadlineOpt = Annotated[
    float | None,
    typer.Option(
        "--deadline",
        metavar="SECONDS",
        help="Seconds for the whole article, re-asks included (default 600; env SUMMARIZER_DEADLINE).",
    ),
]
NoReaskOpt = Annotated[
    bool, typer.Option("--no-reask", help="Flag unverified figures without re-asking.")
]


def model_options(
    *,
    model: str | None,
    base_url: str | None,
    model_path: Path | None,
    backend: BackendChoice | None,
    prompt: str | None,
    max_retries: int | None,
    max_tokens: int | None,
    timeout: float | None,
    strict: bool,
    no_reask: bool,
    deadline: float | None = None,
) -> dict[str, Any]:
    """Summarizer keyword options; None means "not given" so env and config file still apply."""
    return {
        "model": model,
        "base_url": base_url,
        "model_path": model_path,
        "backend": backend.value if backend else None,
        "prompt": prompt,
        "max_retries": max_retries,
        "max_tokens": max_tokens,
        "timeout": timeout,
        "strict": strict or None,
        "reask_unverified": False if no_reask else None,
        "deadline": deadline,
    }


def retry_command(ctx: typer.Context) -> str:
    """This command line again with ``--retry-failed``: what the user typed, nothing dropped.

    Rebuilt from the options given on the command line (the context knows which were), so
    a ``--base-url`` or ``--model`` the run needed is in it; defaults and ``--overwrite``
    (which would start over) are left out.
    """
    words = ["summarizer", *ctx.command_path.split()[1:]]
    for param in ctx.command.params:
        name = param.name or ""
        source = ctx.get_parameter_source(name)
        if name in ("retry_failed", "overwrite") or getattr(source, "name", "") != "COMMANDLINE":
            continue
        value = ctx.params.get(name)
        if param.param_type_name == "argument":
            words.append(_plain(value))
        elif param.param_type_name == "option":
            words += _option_words(param, value)
    words.append("--retry-failed")
    return shlex.join(words)


def _option_words(option: Any, value: Any) -> list[str]:
    if option.count:
        return [option.opts[0]] * int(value or 0)
    if option.is_flag:
        if value:
            return [option.opts[0]]
        return [option.secondary_opts[0]] if option.secondary_opts else []
    if option.multiple:
        return [word for item in value or () for word in (option.opts[0], _plain(item))]
    return [option.opts[0], _plain(value)]


def _plain(value: Any) -> str:
    return str(value.value if isinstance(value, enum.Enum) else value)


__all__ = [
    "BackendChoice",
    "BackendOpt",
    "BaseUrlOpt",
    "DatelineOpt",
    "DeadlineOpt",
    "MaxTokensOpt",
    "ModelOpt",
    "ModelPathOpt",
    "NoReaskOpt",
    "PromptOpt",
    "RetriesOpt",
    "TimeoutOpt",
    "VerboseOpt",
    "model_options",
    "parse_date_option",
    "retry_command",
]
