"""``/v1/batches``: batch jobs in the OpenAI Batch shape, kept in the state store.

A batch survives restarts: the runner (:mod:`summarizer.service.jobs`) works through its
requests whichever worker or replica accepted it. :data:`body_router` holds the route
that reads a request body (the app includes it with the larger body limit); :data:`router`
the ones that read none.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, Header
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response, StreamingResponse

from summarizer.service.models import Batch, BatchCreate
from summarizer.service.problems import Problem, ServiceError
from summarizer.service.routes.contract import (
    BODY_ERRORS,
    E409,
    ID_PATTERN,
    JSONL,
    READ_ERRORS,
    Responses,
    check_many,
)
from summarizer.service.runtime import Caller, Service
from summarizer.service.state import IdempotencyConflict

body_router = APIRouter(tags=["batches"])
router = APIRouter(tags=["batches"])

BatchId = Annotated[str, PathParam(pattern=ID_PATTERN)]
RESULTS_DOC: Responses = {
    200: {
        "description": "JSONL, one ResultLine per request, in input order.",
        "content": {JSONL: {"schema": {"$ref": "#/components/schemas/ResultLine"}}},
    },
    **READ_ERRORS,
}


@body_router.post(
    "/v1/batches", status_code=202, response_model=Batch, responses={**BODY_ERRORS, **E409}
)
async def create_batch(
    body: BatchCreate,
    service: Service,
    who: Caller,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=200,
            description="Same key and body: the same batch. Same key, other body: 409.",
        ),
    ] = None,
) -> JSONResponse:
    """Queue articles as a batch job (OpenAI Batch shape); it survives restarts."""
    check_many([line.custom_id for line in body.requests], service.settings.max_batch_requests)
    canonical = body.model_dump_json()
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    try:
        batch_id, created = await service.call(
            service.store.create_batch,
            who,
            idempotency_key,
            digest,
            [(line.custom_id, line.body.model_dump_json()) for line in body.requests],
            endpoint=body.endpoint,
            completion_window=body.completion_window,
            metadata=body.metadata,
            options=None,
        )
    except IdempotencyConflict:
        raise ServiceError(
            Problem(
                409,
                "idempotency_conflict",
                "Idempotency-Key was already used with a different body",
            )
        ) from None
    service.runner.wake.set()
    batch = await service.call(service.store.batch, batch_id)
    headers = {"Location": f"/v1/batches/{batch_id}"}
    if not created:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(batch, status_code=202, headers=headers)


@router.get("/v1/batches/{batch_id}", response_model=Batch, responses=READ_ERRORS)
async def get_batch(batch_id: BatchId, service: Service, who: Caller) -> JSONResponse:
    """Status and request counts."""
    return JSONResponse(found(await service.call(service.store.batch, batch_id, who), batch_id))


@router.post("/v1/batches/{batch_id}/cancel", response_model=Batch, responses=READ_ERRORS)
async def cancel_batch(batch_id: BatchId, service: Service, who: Caller) -> JSONResponse:
    """Stop a batch: requests not started are cancelled, running ones finish."""
    found(await service.call(service.store.batch, batch_id, who), batch_id)
    await service.call(service.store.cancel_batch, batch_id)
    return JSONResponse(found(await service.call(service.store.batch, batch_id, who), batch_id))


@router.get(
    "/v1/batches/{batch_id}/results", response_class=StreamingResponse, responses=RESULTS_DOC
)
async def batch_results(batch_id: BatchId, service: Service, who: Caller) -> Response:
    """Succeeded requests so far (complete once the batch is ``completed``)."""
    found(await service.call(service.store.batch, batch_id, who), batch_id)
    store = service.store
    return jsonl(await service.call(lambda: list(store.result_lines(batch_id, errors=False))))


@router.get(
    "/v1/batches/{batch_id}/errors", response_class=StreamingResponse, responses=RESULTS_DOC
)
async def batch_errors(batch_id: BatchId, service: Service, who: Caller) -> Response:
    """Failed and cancelled requests, each with its error code and message."""
    found(await service.call(service.store.batch, batch_id, who), batch_id)
    store = service.store
    return jsonl(await service.call(lambda: list(store.result_lines(batch_id, errors=True))))


def found(batch: dict[str, Any] | None, batch_id: str) -> dict[str, Any]:
    """The batch, or 404 (another key's batch is not found either)."""
    if batch is None:
        raise ServiceError(Problem(404, "not_found", f"no batch {batch_id}"))
    return batch


def jsonl(lines: Any) -> Response:
    """Result lines as one JSONL body."""
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    return Response(body, media_type=JSONL)


__all__ = ["body_router", "router"]
