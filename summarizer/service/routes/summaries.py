"""``/v1/summaries``: summarize one article; read back a summary this server holds.

:data:`body_router` holds the route that reads a request body (the app includes it with
the body limit); :data:`router` the ones that read none.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from starlette.requests import Request

from summarizer.render.formats import RenderContext, get_format
from summarizer.schema import ArticleSummary
from summarizer.service.models import SummaryRequest
from summarizer.service.problems import Problem, ServiceError
from summarizer.service.routes.contract import ID_PATTERN, MODEL_ERRORS, READ_ERRORS
from summarizer.service.runtime import Caller, Service
from summarizer.service.state import StateUnavailable, StoredSummary

log = logging.getLogger("summarizer.service")

body_router = APIRouter(tags=["summaries"])
router = APIRouter(tags=["summaries"])

SummaryId = Annotated[str, PathParam(pattern=ID_PATTERN)]


@body_router.post(
    "/v1/summaries",
    response_model=ArticleSummary,
    responses={
        200: {
            "headers": {
                "X-Summary-Id": {
                    "description": "GET /v1/summaries/{id}(.html); absent when the "
                    "state database was unreachable (the summary is sent, not held)",
                    "schema": {"type": "string"},
                }
            }
        },
        **MODEL_ERRORS,
    },
)
async def create_summary(
    request: Request, body: SummaryRequest, service: Service, who: Caller
) -> Response:
    """Summarize one article; every figure carries its verification."""
    summary = await service.engine.summarize_for(request, body.text, body.prompt, body.options)
    payload = summary.model_dump_json()
    try:
        summary_id = await service.call(service.store.put_summary, who, body.text, payload)
    except StateUnavailable as exc:  # the answer is paid for: send it, unheld
        log.warning("summary not held for GET /v1/summaries/{id}: %s", exc)
        return Response(payload, media_type="application/json")
    return Response(
        payload,
        media_type="application/json",
        headers={"X-Summary-Id": summary_id, "Location": f"/v1/summaries/{summary_id}"},
    )


@router.get(
    "/v1/summaries/{summary_id}.html",
    response_class=HTMLResponse,
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}, **READ_ERRORS},
)
async def summary_html(summary_id: SummaryId, service: Service, who: Caller) -> HTMLResponse:
    """The grounding report of a summary this server holds (self-contained HTML)."""
    held = found(await service.call(service.store.get_summary, summary_id, who), summary_id)
    summary = ArticleSummary.model_validate_json(held.summary_json)
    page = get_format("html", "summary").render_str(
        "summary", summary, RenderContext(article_text=held.article)
    )
    return HTMLResponse(page)


@router.get("/v1/summaries/{summary_id}", response_model=ArticleSummary, responses=READ_ERRORS)
async def get_summary(summary_id: SummaryId, service: Service, who: Caller) -> Response:
    """A summary this server holds (the last ``keep_summaries``, and every batch result)."""
    held = found(await service.call(service.store.get_summary, summary_id, who), summary_id)
    return Response(held.summary_json, media_type="application/json")


def found(held: StoredSummary | None, summary_id: str) -> StoredSummary:
    """The held summary, or 404 (another key's summary is not found either)."""
    if held is None:
        raise ServiceError(Problem(404, "not_found", f"no summary {summary_id}"))
    return held


__all__ = ["body_router", "router"]
