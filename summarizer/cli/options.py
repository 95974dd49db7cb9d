"""Options shared by every command that calls the model, and how they become settings."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any

import typer

from summarizer.backend_registry import BACKEND_CHOICES

# The --backend choices, from the one backend registry (members named like the values).
BackendChoice = enum.StrEnum(  # type: ignore[misc]  # members come from the registry at run time
    "BackendChoice", {name: name for name in BACKEND_CHOICES}
)


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
