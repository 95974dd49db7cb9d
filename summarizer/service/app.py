"""The app factory: the service's parts, its middleware, and the routers of summarizer.service.routes.

Every route documents every error status it can answer, so the OpenAPI document is the
contract schemathesis checks against a live server (:mod:`summarizer.service.routes.contract`).
"""

from __future__ import annotations

from fastapi import Depends, FastAPI

from summarizer.config import ServiceSettings, Settings, load_service_settings, load_settings
from summarizer.redaction import register_secret
from summarizer.service.guard import GuardMiddleware
from summarizer.service.handlers import EXCEPTION_HANDLERS
from summarizer.service.metrics import TimingMiddleware
from summarizer.service.routes import batches, checks, probes, stream, summaries
from summarizer.service.routes.contract import documented_auth, openapi_document
from summarizer.service.runtime import ServiceState
from summarizer.service.state import url_password


def create_app(
    settings: Settings | None = None, service_settings: ServiceSettings | None = None
) -> FastAPI:
    """The app for the library's ``settings`` and the service's own ``service_settings``
    (defaults: :func:`load_settings`, :func:`load_service_settings`: config file and env)."""
    config = service_settings or load_service_settings()
    for key in config.api_keys:  # scrubbed from every message and log line
        register_secret(key.get_secret_value())
    if (url := config.state_database()) is not None:
        register_secret(url_password(url))
    service = ServiceState.build(config, settings or load_settings())
    app = FastAPI(
        title="summarizer",
        summary="News article -> verified, structured event summary.",
        description=(
            "Every number in a summary is cross-checked against the article. Authenticate "
            "with `Authorization: Bearer <key>` when the server has API keys. Limits: "
            f"{config.rate_limit:g} requests/minute per key (burst {config.rate_burst}), "
            f"{config.max_in_flight} model calls in flight per worker (per replica: "
            "in-flight limits are never shared), body "
            f"{config.max_body_bytes} bytes ({config.max_batch_body_bytes} for stream and batches)."
        ),
        version=_version(),
        lifespan=lambda app: service.running(),
        exception_handlers=EXCEPTION_HANDLERS,
    )
    app.state.service = service
    app.add_middleware(
        GuardMiddleware,
        settings=config,
        limiter=service.store.rate_limiter(config.rate_limit, config.rate_burst),
        offload=service.call if service.store.blocking else None,
    )
    app.add_middleware(TimingMiddleware, metrics=service.metrics)

    auth = [Depends(documented_auth)] if config.api_keys else []
    one, many = config.max_body_bytes, config.max_batch_body_bytes
    app.include_router(probes.router)
    app.include_router(summaries.body_router, dependencies=auth, max_body_size=one)
    app.include_router(summaries.router, dependencies=auth)
    app.include_router(checks.body_router, dependencies=auth, max_body_size=one)
    app.include_router(stream.body_router, dependencies=auth, max_body_size=many)
    app.include_router(batches.body_router, dependencies=auth, max_body_size=many)
    app.include_router(batches.router, dependencies=auth)
    app.openapi = lambda: openapi_document(app)  # type: ignore[method-assign]
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("summarizer")
    except PackageNotFoundError:
        return "0+unknown"


__all__ = ["create_app"]
