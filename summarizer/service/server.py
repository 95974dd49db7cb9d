"""Run the app on uvicorn: one process, or N workers; SIGTERM drains, then exits.

uvicorn owns the signals: on SIGTERM it stops accepting connections, lets in-flight
requests finish for up to ``drain_timeout`` seconds, then runs our lifespan shutdown
(the batch runner requeues whatever it had not finished) and exits 0.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from summarizer.config import ServiceSettings, Settings, load_service_settings, load_settings
from summarizer.errors import ConfigError
from summarizer.service.app import create_app
from summarizer.service.runtime import default_state_dir
from summarizer.service.state import describe_url

OVERRIDES_ENV = "SUMMARIZER_SERVE_OVERRIDES"  # command-line options handed to worker processes


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    settings: Settings,
    service: ServiceSettings,
    overrides: dict[str, Any] | None = None,
    service_overrides: dict[str, Any] | None = None,
    *,
    log_level: str = "info",
) -> None:
    """Serve until SIGTERM. ``overrides`` and ``service_overrides``: the command line's
    options, which worker processes apply again over their own config file and env."""
    if not service.api_keys and not is_loopback(service.host):
        raise ConfigError(
            f"refusing to serve on {service.host} without API keys: set SUMMARIZER_API_KEYS "
            "(or api_keys in the config file), or bind 127.0.0.1"
        )
    if service.workers > 1 and settings.backend_spec().embedded:
        raise ConfigError(
            "the embedded model runs one llama.cpp server per worker: use --workers 1, "
            "or serve the model yourself and pass --base-url"
        )
    state_dir = service.state_dir or default_state_dir()
    url = service.state_database()
    if url is not None:
        from summarizer.service.pg_store import verify_schema

        verify_schema(url)  # one line, and no start, when it is away or behind
        where = describe_url(url)
    else:
        check_state_dir(state_dir)
        where = str(state_dir)
    import uvicorn

    auth = f"{len(service.api_keys)} API key(s)" if service.api_keys else "off (loopback only)"
    print(
        f"summarizer serve: backend {settings.resolved_backend()}, auth {auth}, "
        f"{service.workers} worker(s), state in {where}",
        file=sys.stderr,
        flush=True,
    )

    common: dict[str, Any] = {
        "host": service.host,
        "port": service.port,
        "timeout_graceful_shutdown": service.drain_timeout,
        "log_level": log_level,
        "server_header": False,
    }
    if service.workers == 1:
        uvicorn.run(create_app(settings, service), **common)
        return
    # Workers are fresh processes: they rebuild the same settings from env, file and these options.
    os.environ[OVERRIDES_ENV] = json.dumps(
        {"settings": overrides or {}, "service": service_overrides or {}}, default=str
    )
    uvicorn.run(
        "summarizer.service.server:app_from_environment",
        factory=True,
        workers=service.workers,
        **common,
    )


def check_state_dir(state_dir: Path) -> None:
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        probe = state_dir / ".writable"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise ConfigError(
            f"{state_dir}: cannot use as state folder ({exc.strerror or exc})"
        ) from None


def app_from_environment() -> FastAPI:
    """uvicorn's factory in each worker process."""
    overrides = json.loads(os.environ.get(OVERRIDES_ENV) or "{}")
    return create_app(
        load_settings(**overrides.get("settings", {})),
        load_service_settings(**overrides.get("service", {})),
    )


__all__ = [
    "OVERRIDES_ENV",
    "app_from_environment",
    "check_state_dir",
    "is_loopback",
    "serve",
]
