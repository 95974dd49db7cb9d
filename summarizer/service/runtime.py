"""What the routes share while the app runs: one :class:`ServiceState` on ``app.state``.

Built once per app by :func:`~summarizer.service.app.create_app` (one per worker process),
started and stopped by the app's lifespan, and handed to each route by the
:data:`Service` dependency: the settings, the state store and the thread pool that
calls it, the engine that summarizes, the batch runner, the metrics.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, cast

from fastapi import Depends, Request
from starlette.applications import Starlette

from summarizer.config import ServiceSettings, Settings
from summarizer.pipeline.cache import ResponseCache
from summarizer.service.engine import Engine, background_slots
from summarizer.service.jobs import JobRunner
from summarizer.service.metrics import Metrics
from summarizer.service.state import Offload, StateStore


def default_state_dir() -> Path:
    """``$XDG_STATE_HOME/summarizer`` (``~/.local/state/summarizer``)."""
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "summarizer"


def open_store(settings: ServiceSettings, state_dir: Path) -> StateStore:
    """The configured backend, not yet opened: Postgres with ``state_url``, else SQLite."""
    url = settings.state_database()
    if url is not None:
        from summarizer.service.pg_store import PostgresStore

        return PostgresStore(
            url,
            keep_summaries=settings.keep_summaries,
            pool_size=settings.state_pool_size,
        )
    from summarizer.service.store import Store

    return Store(state_dir / "service.sqlite3", settings.keep_summaries)


def shared_cache(settings: Settings, store: StateStore) -> ResponseCache | None:
    """The response cache in the state store when it has one (Postgres); None: the
    Summarizer's own (the ``cache`` setting's folder, or off)."""
    backend = store.cache_backend() if settings.cache else None
    return ResponseCache(backend=backend) if backend is not None else None


@dataclass(frozen=True)
class ServiceState:
    """One app's parts: ``settings`` the service's own, ``library`` what the model calls
    use; ``call`` runs a store method (in a thread when it does I/O)."""

    settings: ServiceSettings
    library: Settings
    metrics: Metrics
    store: StateStore
    call: Offload
    engine: Engine
    runner: JobRunner

    @classmethod
    def build(cls, settings: ServiceSettings, library: Settings) -> ServiceState:
        """The parts for these settings; nothing is opened or started yet."""
        metrics = Metrics()
        state_dir = settings.state_dir or default_state_dir()
        store = open_store(settings, state_dir)
        call = Offload(store, settings.state_pool_size + 2)
        engine = Engine(library, settings, metrics, cache=shared_cache(library, store))
        runner = JobRunner(
            store,
            call,
            engine,
            background_slots(library, settings),
            lock_path=state_dir / "runner.lock",
            lease=settings.job_lease,
        )
        return cls(settings, library, metrics, store, call, engine, runner)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Open the store, start the engine and the runner; on the way out, drain and close."""
        await self.call(self.store.open)
        await self.engine.start()
        self.runner.start()
        try:
            yield
        finally:
            await self.runner.stop(self.settings.drain_timeout)
            await self.engine.close()
            await self.call(self.store.close)
            self.call.close()


def state_of(app: Starlette) -> ServiceState:
    """The app's :class:`ServiceState` (set by ``create_app``)."""
    return cast(ServiceState, app.state.service)


def service_state(request: Request) -> ServiceState:
    """The :data:`Service` dependency."""
    return state_of(request.app)


def caller(request: Request) -> str:
    """Who is asking: the API key's id (set by the guard), or the client's address."""
    return str(request.scope.get("state", {}).get("caller", "anonymous"))


Service = Annotated[ServiceState, Depends(service_state)]
Caller = Annotated[str, Depends(caller)]

__all__ = [
    "Caller",
    "Service",
    "ServiceState",
    "caller",
    "default_state_dir",
    "open_store",
    "service_state",
    "shared_cache",
    "state_of",
]
