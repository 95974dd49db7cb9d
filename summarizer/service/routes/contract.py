"""What the routes promise in the OpenAPI document, which schemathesis holds them to.

Every route documents every error status it can answer (the ``responses`` maps below);
the document gains the schemas only JSONL lines and error bodies refer to; and the rules a
JSON schema cannot state (how many articles, each ``custom_id`` once) are checked here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from summarizer.service.models import Problem as ProblemBody
from summarizer.service.models import ResultLine, StreamLine
from summarizer.service.problems import Problem, ServiceError

JSONL = "application/jsonl"
SSE = "text/event-stream"
ID_PATTERN = r"^[a-z]+_[0-9a-f]{24}$"

Responses = dict[int | str, dict[str, Any]]  # a route's ``responses``: status -> OpenAPI entry


def error_response(description: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    """An error status's entry: explicit JSON content, as routes answering HTML or JSONL
    still fail in JSON."""
    out: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if headers:
        out["headers"] = {
            name: {"description": text, "schema": {"type": "integer"}}
            for name, text in headers.items()
        }
    return out


RETRY = {"Retry-After": "Seconds to wait before retrying."}
E400: Responses = {400: error_response("Unknown prompt, or a body that is not JSON.")}
E401: Responses = {401: error_response("Missing or invalid API key (the key is never echoed).")}
E404: Responses = {404: error_response("No such resource for this API key.")}
E409: Responses = {409: error_response("Idempotency-Key reused with a different body.")}
E413: Responses = {413: error_response("Request body larger than the limit.")}
E422: Responses = {422: error_response("Invalid request body or article (the CLI's wording).")}
E429: Responses = {429: error_response("Rate limit for this API key exceeded.", RETRY)}
E500: Responses = {500: error_response("Internal error (no details leak).")}
E502: Responses = {
    502: error_response("The model backend failed or answered invalid output after retries.")
}
E503: Responses = {
    503: error_response(
        "Too many model calls in flight, not ready, backend rate-limited, or the state "
        "database unavailable.",
        RETRY,
    )
}
E504: Responses = {504: error_response("The model backend did not answer in time.")}
COMMON: Responses = {**E401, **E429, **E500}
BODY_ERRORS: Responses = {**COMMON, **E400, **E413, **E422, **E503}
MODEL_ERRORS: Responses = {**BODY_ERRORS, **E502, **E503, **E504}
READ_ERRORS: Responses = {**COMMON, **E404, **E422, **E503}


BEARER = HTTPBearer(auto_error=False, description="An API key from the server's settings.")


async def documented_auth(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> None:
    """Declares the scheme in OpenAPI; GuardMiddleware has already checked the key."""


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document plus the schemas only JSONL lines and error bodies refer to."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    document = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
    )
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for model in (ProblemBody, StreamLine, ResultLine):
        schema = model.model_json_schema(
            ref_template="#/components/schemas/{model}", mode="serialization"
        )
        for name, definition in schema.pop("$defs", {}).items():
            schemas.setdefault(name, definition)
        schemas.setdefault(model.__name__, schema)
    app.openapi_schema = document
    return document


def check_many(custom_ids: list[str], max_requests: int) -> None:
    """A stream's or batch's articles: at most ``max_requests``, each ``custom_id`` once."""
    if len(custom_ids) > max_requests:
        raise ServiceError(
            Problem(
                422,
                "too_many_requests_in_body",
                f"{len(custom_ids)} articles; at most {max_requests} per request",
            )
        )
    seen: set[str] = set()
    for custom_id in custom_ids:
        if custom_id in seen:
            raise ServiceError(
                Problem(422, "duplicate_custom_id", f"custom_id {custom_id!r} appears twice")
            )
        seen.add(custom_id)


__all__ = [
    "BODY_ERRORS",
    "COMMON",
    "E409",
    "E500",
    "ID_PATTERN",
    "JSONL",
    "MODEL_ERRORS",
    "READ_ERRORS",
    "SSE",
    "Responses",
    "check_many",
    "documented_auth",
    "error_response",
    "openapi_document",
]
