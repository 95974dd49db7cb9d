"""The HTTP service (``summarizer serve``): a thin FastAPI layer over the library.

app.py       the app factory: middleware, routers, the OpenAPI document
routes/      the routes, one module per area (probes, summaries, checks, stream, batches)
runtime.py   what the routes share on app.state (store, engine, runner, metrics, settings)
handlers.py  exceptions -> JSON problem responses
models.py    request and response bodies (the OpenAPI document is built from them)
problems.py  library errors -> HTTP statuses, one wording with the CLI
guard.py     API keys, per-key rate limit (ASGI middleware, before any body is read)
engine.py    the one way the service summarizes: shared Summarizers, the model gate
gate.py      bounded model calls in flight, bounded queue wait
metrics.py   Prometheus metrics and per-request timing
state.py     the state store's interface; store.py: SQLite (one machine), pg_store.py and
             pg_schema.py: Postgres (replicas): batch jobs, held summaries, rate limits
jobs.py      the batch runner: resumes unfinished jobs after a restart
page.py      the GET / page
server.py    uvicorn: workers, SIGTERM drain
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.service.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    """``create_app`` on first use: the request and response models (``service.models``)
    import without FastAPI, for clients that only read or build bodies."""
    if name == "create_app":
        from summarizer.service.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
