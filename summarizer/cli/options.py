"""Options shared by every command that calls the model, and how they become settings."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any

import typer

from summarizer.backend_registry import BACKEND_CHOICES

# The --backend choices, from the one backend registry (members named like the values).
BackendChoice = enum.StrEnum("BackendChoice", {name: name for name in BACKEND_CHOICES})


ModelOpt = Annotated[
    str | None, typer.Option("--model", "-m", help="Model name (env SUMMARIZER_MODEL).")
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option("--base-url", help="OpenAI-compatible server URL (env OPENAI_BASE_URL)."),
]
ModelPathOpt = Annotated[
    Path | None,
    typer.Option("--model-path", help="GGUF for the embedded server (env SUMMARIZER_MODEL_PATH)."),
]
BackendOpt = Annotated[
    BackendChoice | None,
    typer.Option("--backend", help="Force a backend (default: auto).", show_default=False),
]
PromptOpt = Annotated[
    str | None,
    typer.Option("--prompt", "-p", help="Prompt id (shipped, or in --prompts-dir) or a .md path."),
]
RetriesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-retries",
        min=0,
        max=10,
        help="Re-asks after invalid or unverified output (default 2).",
    ),
]
VerboseOpt = Annotated[
    int, typer.Option("--verbose", "-v", count=True, help="Log steps to stderr (-vv: HTTP too).")
]
MaxTokensOpt = Annotated[
    int | None, typer.Option("--max-tokens", help="Cap on each answer (default 3072).")
]
TimeoutOpt = Annotated[
    float | None, typer.Option("--timeout", help="Seconds to wait for one response (default 180).")
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
    }
