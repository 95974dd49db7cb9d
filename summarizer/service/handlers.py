"""Exceptions -> responses: every error the app answers is a JSON problem body.

Passed to FastAPI as ``exception_handlers``. Library errors keep the CLI's wording
(:func:`~summarizer.service.problems.problem_for`); an unexpected one is logged and
answered with no details.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from summarizer.errors import SummarizerError
from summarizer.service.engine import ClientGone
from summarizer.service.problems import Problem, ServiceError, problem_for
from summarizer.service.runtime import state_of
from summarizer.service.state import StateUnavailable

log = logging.getLogger("summarizer.service")


def problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(problem.body(), status_code=problem.status, headers=problem.headers())


async def on_service_error(request: Request, exc: ServiceError) -> Response:
    if exc.problem.status in (429, 503):
        state_of(request.app).metrics.rejected.labels(exc.problem.code).inc()
    return problem_response(exc.problem)


async def on_state_unavailable(request: Request, exc: StateUnavailable) -> Response:
    state_of(request.app).metrics.rejected.labels("state_unavailable").inc()
    return problem_response(
        Problem(
            503,
            "state_unavailable",
            "the state database is unavailable; retry later",
            StateUnavailable.retry_after,
        )
    )


async def on_library_error(request: Request, exc: SummarizerError) -> Response:
    return problem_response(problem_for(exc))


async def on_client_gone(request: Request, exc: ClientGone) -> Response:
    return Response(status_code=499)  # nobody is listening; for the access log only


async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
    errors = jsonable_encoder(exc.errors(), exclude={"input", "ctx", "url"})
    first = errors[0] if errors else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "request"
    return JSONResponse(
        {
            "detail": f"invalid request: {where}: {first.get('msg', 'invalid')}",
            "code": "invalid_request",
            "errors": errors,
        },
        status_code=422,
    )


async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
    detail = exc.detail if isinstance(exc.detail, str) else "error"
    return JSONResponse(
        {"detail": detail, "code": f"http_{exc.status_code}"},
        status_code=exc.status_code,
        headers=exc.headers,
    )


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    return JSONResponse({"detail": "internal error", "code": "internal_error"}, status_code=500)


# Starlette answers with the handler of the exception's nearest class (its MRO).
EXCEPTION_HANDLERS: dict[
    int | type[Exception], Callable[[Request, Any], Coroutine[Any, Any, Response]]
] = {
    ServiceError: on_service_error,
    StateUnavailable: on_state_unavailable,
    SummarizerError: on_library_error,
    ClientGone: on_client_gone,
    RequestValidationError: on_invalid,
    StarletteHTTPException: on_http,
    Exception: on_unexpected,
}

__all__ = ["EXCEPTION_HANDLERS", "problem_response"]
