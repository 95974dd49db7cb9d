"""``summarizer serve``: the HTTP API and the report page (summarizer.service)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.app import app, cli_errors
from summarizer.cli.options import (
    BackendOpt,
    BaseUrlOpt,
    MaxTokensOpt,
    ModelOpt,
    ModelPathOpt,
    PromptOpt,
    RetriesOpt,
    TimeoutOpt,
    VerboseOpt,
    model_options,
)
from summarizer.config import load_service_settings, load_settings
from summarizer.errors import ConfigError
from summarizer.redaction import configure_logging


@app.command("serve")
@cli_errors
def serve_command(
    host: Annotated[
        str | None, typer.Option("--host", help="Bind address (default 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (default 8000).")] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Worker processes (default 1).")
    ] = None,
    max_in_flight: Annotated[
        int | None,
        typer.Option("--max-in-flight", help="Model calls in flight per worker (default 8)."),
    ] = None,
    queue_wait: Annotated[
        float | None,
        typer.Option("--queue-wait", help="Seconds a request waits for a model slot (default 10)."),
    ] = None,
    rate_limit: Annotated[
        float | None,
        typer.Option("--rate-limit", help="Requests per minute per API key (default 60)."),
    ] = None,
    state_dir: Annotated[
        Path | None, typer.Option("--state-dir", help="Batch jobs and held summaries (SQLite).")
    ] = None,
    state_url: Annotated[
        str | None,
        typer.Option(
            "--state-url",
            help="postgresql://... : all state in Postgres, shared by replicas "
            "(env SUMMARIZER_STATE_URL; run `summarizer db upgrade` first).",
        ),
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    backend: BackendOpt = None,
    prompt: PromptOpt = None,
    max_retries: RetriesOpt = None,
    max_tokens: MaxTokensOpt = None,
    timeout: TimeoutOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Serve the HTTP API (see docs/service.md). API keys: SUMMARIZER_API_KEYS or the config file."""
    configure_logging(verbose)
    try:
        from summarizer.service.server import serve
    except ImportError as exc:  # pragma: no cover - fastapi/uvicorn are core dependencies
        raise ConfigError(f"the service needs fastapi and uvicorn: {exc}") from None
    overrides = model_options(
        model=model,
        base_url=base_url,
        model_path=model_path,
        backend=backend,
        prompt=prompt,
        max_retries=max_retries,
        max_tokens=max_tokens,
        timeout=timeout,
        strict=False,
        no_reask=False,
    )
    service_overrides = {
        "host": host,
        "port": port,
        "workers": workers,
        "max_in_flight": max_in_flight,
        "queue_wait": queue_wait,
        "rate_limit": rate_limit,
        "state_dir": state_dir,
        "state_url": state_url,
    }
    overrides = {key: value for key, value in overrides.items() if value is not None}
    service_overrides = {k: v for k, v in service_overrides.items() if v is not None}
    serve(
        load_settings(**overrides),
        load_service_settings(**service_overrides),
        overrides,
        service_overrides,
        log_level="debug" if verbose > 1 else "info",
    )


__all__ = [
    "serve_command",
]
