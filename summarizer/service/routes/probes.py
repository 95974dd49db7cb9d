"""The page and the probes: ``GET /``, ``/healthz``, ``/readyz``, ``/metrics`` (no key needed)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from summarizer.service.models import Health
from summarizer.service.page import PAGE
from summarizer.service.routes.contract import E500
from summarizer.service.runtime import Service
from summarizer.service.state import StateUnavailable

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def index() -> HTMLResponse:
    return HTMLResponse(PAGE)


@router.get("/healthz", response_model=Health, responses=E500, tags=["probes"])
async def healthz() -> Health:
    """Alive: the process answers."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    responses={
        503: {"model": Health, "description": "The model is starting or failed."},
        **E500,
    },
    tags=["probes"],
)
async def readyz(service: Service) -> Response:
    """Ready to summarize: 503 while the embedded model server is starting, or while
    the state database does not answer."""
    try:
        await service.call(service.store.ping)
    except StateUnavailable as exc:
        body = Health(status="unavailable", detail=str(exc), database="unavailable")
        return JSONResponse(body.model_dump(), status_code=503)
    engine = service.engine
    body = Health(status=engine.readiness, detail=engine.readiness_detail, database="ok")
    return JSONResponse(body.model_dump(), status_code=200 if engine.readiness == "ok" else 503)


@router.get(
    "/metrics",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}, **E500},
    tags=["probes"],
)
async def metrics_route(service: Service) -> Response:
    """Prometheus text format: requests, latency, model time, tokens, verdicts, limits."""
    return Response(
        service.metrics.exposition(), media_type="text/plain; version=0.0.4; charset=utf-8"
    )


__all__ = ["router"]
