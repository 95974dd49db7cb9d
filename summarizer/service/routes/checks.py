"""``/v1/verify``, ``/v1/numbers``, ``/v1/incidents``: the rule-based checks, no model call.

Every route here reads a request body: the app includes :data:`body_router` with the
body limit.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter

from summarizer.checks.incidents import incidents
from summarizer.checks.records import mention_ref
from summarizer.checks.report import verify
from summarizer.numbers import extract_numbers
from summarizer.schema import VerificationReport
from summarizer.service.models import (
    IncidentsRequest,
    IncidentsResponse,
    NumbersRequest,
    NumbersResponse,
    VerifyRequest,
)
from summarizer.service.routes.contract import BODY_ERRORS

body_router = APIRouter(tags=["checks"])


@body_router.post("/v1/verify", response_model=VerificationReport, responses=BODY_ERRORS)
async def verify_route(body: VerifyRequest) -> VerificationReport:
    """Check a summary from anywhere against its article; no model is called."""
    text = body.text
    return await asyncio.to_thread(lambda: verify(text, body.summary, extract_numbers(text)))


@body_router.post("/v1/numbers", response_model=NumbersResponse, responses=BODY_ERRORS)
async def numbers_route(body: NumbersRequest) -> NumbersResponse:
    """Every number the rule-based extractor finds, with offsets into ``text``."""
    mentions = await asyncio.to_thread(extract_numbers, body.text)
    return NumbersResponse(numbers=[mention_ref(m) for m in mentions])


@body_router.post("/v1/incidents", response_model=IncidentsResponse, responses=BODY_ERRORS)
async def incidents_route(body: IncidentsRequest) -> IncidentsResponse:
    """The incidents the article reports and which numbers belong to each (rule-based)."""
    found = await asyncio.to_thread(incidents, body.text)
    return IncidentsResponse(incidents=found)


__all__ = ["body_router"]
