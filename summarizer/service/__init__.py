"""The HTTP service (``summarizer serve``): a thin FastAPI layer over the library.

app.py       routes and the app factory
models.py    request and response bodies (the OpenAPI document is built from them)
problems.py  library errors -> HTTP statuses, one wording with the CLI
guard.py     API keys, per-key rate limit (ASGI middleware, before any body is read)
gate.py      bounded model calls in flight, bounded queue wait
metrics.py   Prometheus metrics and per-request timing
store.py     SQLite: batch jobs, their requests, held summaries (survives restarts)
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
