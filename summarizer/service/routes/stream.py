"""``/v1/summaries:stream``: many articles in, one line out per article as each finishes.

Lines are JSONL, or SSE ``result`` events then one ``done`` event (``Accept:
text/event-stream``). The articles share half the model slots (the rest stay free for
single requests); a client that disconnects cancels the articles not yet done. The route
reads a request body: the app includes :data:`body_router` with the larger body limit.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from starlette.requests import Request

from summarizer.errors import SummarizerError
from summarizer.service.engine import background_slots, wait_for_disconnect
from summarizer.service.models import LineError, StreamItem, StreamLine, StreamRequest
from summarizer.service.problems import ServiceError, problem_of
from summarizer.service.routes.contract import BODY_ERRORS, JSONL, SSE, check_many
from summarizer.service.runtime import Caller, Service, ServiceState
from summarizer.service.state import StateUnavailable

body_router = APIRouter(tags=["summaries"])


@body_router.post(
    "/v1/summaries:stream",
    responses={
        200: {
            "description": "One line per article as each finishes (JSONL), or SSE `result` events then one `done` event.",
            "content": {
                JSONL: {"schema": {"$ref": "#/components/schemas/StreamLine"}},
                SSE: {"schema": {"type": "string"}},
            },
        },
        **BODY_ERRORS,
    },
    response_class=StreamingResponse,
)
async def stream_summaries(
    request: Request, body: StreamRequest, service: Service, who: Caller
) -> StreamingResponse:
    """Many articles in; results out one per line as they finish. Disconnecting cancels the rest."""
    check_many([item.custom_id for item in body.requests], service.settings.max_batch_requests)
    sse = SSE in (request.headers.get("accept") or "")
    return StreamingResponse(
        _lines(request, body, service, who, sse),
        media_type=SSE if sse else JSONL,
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _lines(
    request: Request, body: StreamRequest, service: ServiceState, who: str, sse: bool
) -> AsyncIterator[str]:
    limit = asyncio.Semaphore(background_slots(service.library, service.settings))
    tasks = [asyncio.create_task(_one(item, body, service, who, limit)) for item in body.requests]
    watcher = asyncio.create_task(wait_for_disconnect(request))
    counts = {"succeeded": 0, "failed": 0}
    try:
        pending: set[asyncio.Task[Any]] = set(tasks)
        while pending:
            done, _ = await asyncio.wait({*pending, watcher}, return_when=asyncio.FIRST_COMPLETED)
            if watcher in done:  # the client went away
                return
            for task in done:
                pending.discard(task)
                line: StreamLine = task.result()
                counts[line.status] += 1
                data = line.model_dump_json()
                yield f"event: result\ndata: {data}\n\n" if sse else data + "\n"
        if sse:
            yield f"event: done\ndata: {json.dumps(counts)}\n\n"
    finally:  # done, client gone, or cancelled by Starlette on disconnect
        watcher.cancel()
        unfinished = [task for task in tasks if not task.done()]
        for task in unfinished:
            task.cancel()
        if unfinished:
            service.metrics.cancelled.inc(len(unfinished))


async def _one(
    item: StreamItem,
    body: StreamRequest,
    service: ServiceState,
    who: str,
    limit: asyncio.Semaphore,
) -> StreamLine:
    """One article's line: its summary (held for GET when the database answers) or error."""
    try:
        async with limit:
            summary = await service.engine.summarize(
                item.text, item.prompt, body.options, wait=True
            )
    except (SummarizerError, ServiceError) as exc:
        problem = problem_of(exc)
        return StreamLine(
            custom_id=item.custom_id,
            status="failed",
            error=LineError(code=problem.code, message=problem.message, status=problem.status),
        )
    try:
        summary_id = await service.call(
            service.store.put_summary, who, item.text, summary.model_dump_json()
        )
    except StateUnavailable:
        summary_id = None  # the result still goes out; only GET /v1/summaries/{id} misses it
    return StreamLine(
        custom_id=item.custom_id, status="succeeded", summary_id=summary_id, result=summary
    )


__all__ = ["body_router"]
