"""The FastAPI app: routes over the library, typed with its own models.

Every route documents every error status it can answer (the ``responses`` maps below),
so the OpenAPI document is the contract schemathesis checks against a live server.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request, Security
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from summarizer.checks.incidents import incidents
from summarizer.checks.records import mention_ref
from summarizer.checks.report import verify
from summarizer.config import Settings, load_settings
from summarizer.errors import SummarizerError
from summarizer.numbers import extract_numbers
from summarizer.pipeline.cache import ResponseCache
from summarizer.redaction import register_secret
from summarizer.render.html import render_html
from summarizer.schema import ArticleSummary, VerificationReport
from summarizer.service.engine import (
    ClientGone,
    Engine,
    background_slots,
    wait_for_disconnect,
)
from summarizer.service.guard import GuardMiddleware
from summarizer.service.jobs import JobRunner
from summarizer.service.metrics import Metrics, TimingMiddleware
from summarizer.service.models import (
    Batch,
    BatchCreate,
    Health,
    IncidentsRequest,
    IncidentsResponse,
    LineError,
    NumbersRequest,
    NumbersResponse,
    ResultLine,
    StreamLine,
    StreamRequest,
    SummaryRequest,
    VerifyRequest,
)
from summarizer.service.models import (
    Problem as ProblemBody,
)
from summarizer.service.page import PAGE
from summarizer.service.problems import Problem, ServiceError, problem_for
from summarizer.service.state import (
    IdempotencyConflict,
    Offload,
    StateStore,
    StateUnavailable,
    StoredSummary,
    url_password,
)

log = logging.getLogger("summarizer.service")

JSONL = "application/jsonl"
SSE = "text/event-stream"
ID_PATTERN = r"^[a-z]+_[0-9a-f]{24}$"


def _err(description: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    # Explicit JSON content: routes answering HTML or JSONL still fail in JSON.
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
E400 = {400: _err("Unknown prompt, or a body that is not JSON.")}
E401 = {401: _err("Missing or invalid API key (the key is never echoed).")}
E404 = {404: _err("No such resource for this API key.")}
E409 = {409: _err("Idempotency-Key reused with a different body.")}
E413 = {413: _err("Request body larger than the limit.")}
E422 = {422: _err("Invalid request body or article (the CLI's wording).")}
E429 = {429: _err("Rate limit for this API key exceeded.", RETRY)}
E500 = {500: _err("Internal error (no details leak).")}
E502 = {502: _err("The model backend failed or answered invalid output after retries.")}
E503 = {
    503: _err(
        "Too many model calls in flight, not ready, backend rate-limited, or the state "
        "database unavailable.",
        RETRY,
    )
}
E504 = {504: _err("The model backend did not answer in time.")}
COMMON = {**E401, **E429, **E500}
BODY_ERRORS = {**COMMON, **E400, **E413, **E422, **E503}
MODEL_ERRORS = {**BODY_ERRORS, **E502, **E503, **E504}
READ_ERRORS = {**COMMON, **E404, **E422, **E503}


BEARER = HTTPBearer(auto_error=False, description="An API key from the server's settings.")


async def documented_auth(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> None:
    """Declares the scheme in OpenAPI; GuardMiddleware has already checked the key."""


def default_state_dir() -> Path:
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "summarizer"


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app for ``settings`` (default: :func:`load_settings`, i.e. config file and env)."""
    settings = settings or load_settings()
    for key in settings.api_keys:  # scrubbed from every message and log line
        register_secret(key.get_secret_value())
    if (url := settings.state_database()) is not None:
        register_secret(url_password(url))
    metrics = Metrics()
    state_dir = settings.state_dir or default_state_dir()
    store = open_store(settings, state_dir)
    call = Offload(store, settings.state_pool_size + 2)
    engine = Engine(settings, metrics, cache=shared_cache(settings, store))
    runner = JobRunner(
        store,
        call,
        engine,
        background_slots(settings),
        lock_path=state_dir / "runner.lock",
        lease=settings.job_lease,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await call(store.open)
        await engine.start()
        runner.start()
        try:
            yield
        finally:
            await runner.stop(settings.drain_timeout)
            await engine.close()
            await call(store.close)
            call.close()

    app = FastAPI(
        title="summarizer",
        summary="News article -> verified, structured event summary.",
        description=(
            "Every number in a summary is cross-checked against the article. Authenticate "
            "with `Authorization: Bearer <key>` when the server has API keys. Limits: "
            f"{settings.rate_limit:g} requests/minute per key (burst {settings.rate_burst}), "
            f"{settings.max_in_flight} model calls in flight per worker (per replica: "
            "in-flight limits are never shared), body "
            f"{settings.max_body_bytes} bytes ({settings.max_batch_body_bytes} for stream and batches)."
        ),
        version=_version(),
        lifespan=lifespan,
    )
    body_limit = settings.max_body_bytes
    many_limit = settings.max_batch_body_bytes
    app.add_middleware(
        GuardMiddleware,
        settings=settings,
        limiter=store.rate_limiter(settings.rate_limit, settings.rate_burst),
        offload=call if store.blocking else None,
    )
    app.add_middleware(TimingMiddleware, metrics=metrics)

    auth = [Depends(documented_auth)] if settings.api_keys else []

    def caller(request: Request) -> str:
        return str(request.scope.get("state", {}).get("caller", "anonymous"))

    # -- errors ------------------------------------------------------------------------

    @app.exception_handler(ServiceError)
    async def on_service_error(request: Request, exc: ServiceError) -> Response:
        if exc.problem.status in (429, 503):
            metrics.rejected.labels(exc.problem.code).inc()
        return problem_response(exc.problem)

    @app.exception_handler(StateUnavailable)
    async def on_state_unavailable(request: Request, exc: StateUnavailable) -> Response:
        metrics.rejected.labels("state_unavailable").inc()
        return problem_response(
            Problem(
                503,
                "state_unavailable",
                "the state database is unavailable; retry later",
                StateUnavailable.retry_after,
            )
        )

    @app.exception_handler(SummarizerError)
    async def on_library_error(request: Request, exc: SummarizerError) -> Response:
        return problem_response(problem_for(exc))

    @app.exception_handler(ClientGone)
    async def on_client_gone(request: Request, exc: ClientGone) -> Response:
        return Response(status_code=499)  # nobody is listening; for the access log only

    @app.exception_handler(RequestValidationError)
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

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        return JSONResponse(
            {"detail": detail, "code": f"http_{exc.status_code}"},
            status_code=exc.status_code,
            headers=exc.headers,
        )

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return JSONResponse({"detail": "internal error", "code": "internal_error"}, status_code=500)

    # -- pages and probes --------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(PAGE)

    @app.get("/healthz", response_model=Health, responses=E500, tags=["probes"])
    async def healthz() -> Health:
        """Alive: the process answers."""
        return Health(status="ok")

    @app.get(
        "/readyz",
        response_model=Health,
        responses={
            503: {"model": Health, "description": "The model is starting or failed."},
            **E500,
        },
        tags=["probes"],
    )
    async def readyz() -> Response:
        """Ready to summarize: 503 while the embedded model server is starting, or while
        the state database does not answer."""
        try:
            await call(store.ping)
        except StateUnavailable as exc:
            body = Health(status="unavailable", detail=str(exc), database="unavailable")
            return JSONResponse(body.model_dump(), status_code=503)
        body = Health(status=engine.readiness, detail=engine.readiness_detail, database="ok")
        return JSONResponse(body.model_dump(), status_code=200 if engine.readiness == "ok" else 503)

    @app.get(
        "/metrics",
        response_class=PlainTextResponse,
        responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}, **E500},
        tags=["probes"],
    )
    async def metrics_route() -> Response:
        """Prometheus text format: requests, latency, model time, tokens, verdicts, limits."""
        return Response(metrics.exposition(), media_type="text/plain; version=0.0.4; charset=utf-8")

    # -- summaries --------------------------------------------------------------------

    @app.post(
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
        dependencies=auth,
        tags=["summaries"],
        max_body_size=body_limit,
    )
    async def create_summary(request: Request, body: SummaryRequest) -> Response:
        """Summarize one article; every figure carries its verification."""
        summary = await engine.summarize_for(request, body.text, body.prompt, body.options)
        payload = summary.model_dump_json()
        try:
            summary_id = await call(store.put_summary, caller(request), body.text, payload)
        except StateUnavailable as exc:  # the answer is paid for: send it, unheld
            log.warning("summary not held for GET /v1/summaries/{id}: %s", exc)
            return Response(payload, media_type="application/json")
        return Response(
            payload,
            media_type="application/json",
            headers={"X-Summary-Id": summary_id, "Location": f"/v1/summaries/{summary_id}"},
        )

    @app.get(
        "/v1/summaries/{summary_id}.html",
        response_class=HTMLResponse,
        responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}, **READ_ERRORS},
        dependencies=auth,
        tags=["summaries"],
    )
    async def summary_html(
        request: Request, summary_id: Annotated[str, PathParam(pattern=ID_PATTERN)]
    ) -> HTMLResponse:
        """The grounding report of a summary this server holds (self-contained HTML)."""
        held = _held(await call(store.get_summary, summary_id, caller(request)), summary_id)
        summary = ArticleSummary.model_validate_json(held.summary_json)
        return HTMLResponse(render_html(summary, held.article))

    @app.get(
        "/v1/summaries/{summary_id}",
        response_model=ArticleSummary,
        responses=READ_ERRORS,
        dependencies=auth,
        tags=["summaries"],
    )
    async def get_summary(
        request: Request, summary_id: Annotated[str, PathParam(pattern=ID_PATTERN)]
    ) -> Response:
        """A summary this server holds (the last ``keep_summaries``, and every batch result)."""
        held = _held(await call(store.get_summary, summary_id, caller(request)), summary_id)
        return Response(held.summary_json, media_type="application/json")

    @app.post(
        "/v1/verify",
        response_model=VerificationReport,
        responses=BODY_ERRORS,
        dependencies=auth,
        tags=["checks"],
        max_body_size=body_limit,
    )
    async def verify_route(body: VerifyRequest) -> VerificationReport:
        """Check a summary from anywhere against its article; no model is called."""
        text = body.text
        return await asyncio.to_thread(lambda: verify(text, body.summary, extract_numbers(text)))

    @app.post(
        "/v1/numbers",
        response_model=NumbersResponse,
        responses=BODY_ERRORS,
        dependencies=auth,
        tags=["checks"],
        max_body_size=body_limit,
    )
    async def numbers_route(body: NumbersRequest) -> NumbersResponse:
        """Every number the rule-based extractor finds, with offsets into ``text``."""
        mentions = await asyncio.to_thread(extract_numbers, body.text)
        return NumbersResponse(numbers=[mention_ref(m) for m in mentions])

    @app.post(
        "/v1/incidents",
        response_model=IncidentsResponse,
        responses=dict(BODY_ERRORS.items()),
        dependencies=auth,
        tags=["checks"],
        max_body_size=body_limit,
    )
    async def incidents_route(body: IncidentsRequest) -> IncidentsResponse:
        """The incidents the article reports and which numbers belong to each (rule-based)."""
        found = await asyncio.to_thread(incidents, body.text)
        return IncidentsResponse(incidents=found)

    @app.post(
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
        dependencies=auth,
        tags=["summaries"],
        max_body_size=many_limit,
    )
    async def stream_summaries(request: Request, body: StreamRequest) -> StreamingResponse:
        """Many articles in; results out one per line as they finish. Disconnecting cancels the rest."""
        _check_many([item.custom_id for item in body.requests], settings)
        sse = SSE in (request.headers.get("accept") or "")
        who = caller(request)
        limit = asyncio.Semaphore(background_slots(settings))

        async def one(item: Any) -> StreamLine:
            try:
                async with limit:
                    summary = await engine.summarize(
                        item.text, item.prompt, body.options, wait=True
                    )
            except (SummarizerError, ServiceError) as exc:
                problem = exc.problem if isinstance(exc, ServiceError) else problem_for(exc)
                return StreamLine(
                    custom_id=item.custom_id,
                    status="failed",
                    error=LineError(
                        code=problem.code, message=problem.message, status=problem.status
                    ),
                )
            try:
                summary_id = await call(
                    store.put_summary, who, item.text, summary.model_dump_json()
                )
            except StateUnavailable:
                summary_id = (
                    None  # the result still goes out; only GET /v1/summaries/{id} misses it
                )
            return StreamLine(
                custom_id=item.custom_id, status="succeeded", summary_id=summary_id, result=summary
            )

        async def lines() -> AsyncIterator[str]:
            tasks = [asyncio.create_task(one(item)) for item in body.requests]
            watcher = asyncio.create_task(wait_for_disconnect(request))
            counts = {"succeeded": 0, "failed": 0}
            try:
                pending: set[asyncio.Task[Any]] = set(tasks)
                while pending:
                    done, _ = await asyncio.wait(
                        {*pending, watcher}, return_when=asyncio.FIRST_COMPLETED
                    )
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
                    metrics.cancelled.inc(len(unfinished))

        return StreamingResponse(
            lines(),
            media_type=SSE if sse else JSONL,
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    # -- batches ----------------------------------------------------------------------

    @app.post(
        "/v1/batches",
        status_code=202,
        response_model=Batch,
        responses={**BODY_ERRORS, **E409},
        dependencies=auth,
        tags=["batches"],
        max_body_size=many_limit,
    )
    async def create_batch(
        request: Request,
        body: BatchCreate,
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
        _check_many([line.custom_id for line in body.requests], settings)
        canonical = body.model_dump_json()
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        try:
            batch_id, created = await call(
                store.create_batch,
                caller(request),
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
        runner.wake.set()
        batch = await call(store.batch, batch_id)
        headers = {"Location": f"/v1/batches/{batch_id}"}
        if not created:
            headers["Idempotent-Replayed"] = "true"
        return JSONResponse(batch, status_code=202, headers=headers)

    @app.get(
        "/v1/batches/{batch_id}",
        response_model=Batch,
        responses=READ_ERRORS,
        dependencies=auth,
        tags=["batches"],
    )
    async def get_batch(
        request: Request, batch_id: Annotated[str, PathParam(pattern=ID_PATTERN)]
    ) -> JSONResponse:
        """Status and request counts."""
        return JSONResponse(_batch(await call(store.batch, batch_id, caller(request)), batch_id))

    @app.post(
        "/v1/batches/{batch_id}/cancel",
        response_model=Batch,
        responses=READ_ERRORS,
        dependencies=auth,
        tags=["batches"],
    )
    async def cancel_batch(
        request: Request, batch_id: Annotated[str, PathParam(pattern=ID_PATTERN)]
    ) -> JSONResponse:
        """Stop a batch: requests not started are cancelled, running ones finish."""
        _batch(await call(store.batch, batch_id, caller(request)), batch_id)
        await call(store.cancel_batch, batch_id)
        return JSONResponse(_batch(await call(store.batch, batch_id, caller(request)), batch_id))

    results_doc = {
        200: {
            "description": "JSONL, one ResultLine per request, in input order.",
            "content": {JSONL: {"schema": {"$ref": "#/components/schemas/ResultLine"}}},
        },
        **READ_ERRORS,
    }

    @app.get(
        "/v1/batches/{batch_id}/results",
        response_class=StreamingResponse,
        responses=results_doc,
        dependencies=auth,
        tags=["batches"],
    )
    async def batch_results(
        request: Request, batch_id: Annotated[str, PathParam(pattern=ID_PATTERN)]
    ) -> Response:
        """Succeeded requests so far (complete once the batch is ``completed``)."""
        _batch(await call(store.batch, batch_id, caller(request)), batch_id)
        return _jsonl(await call(lambda: list(store.result_lines(batch_id, errors=False))))

    @app.get(
        "/v1/batches/{batch_id}/errors",
        response_class=StreamingResponse,
        responses=results_doc,
        dependencies=auth,
        tags=["batches"],
    )
    async def batch_errors(
        request: Request, batch_id: Annotated[str, PathParam(pattern=ID_PATTERN)]
    ) -> Response:
        """Failed and cancelled requests, each with its error code and message."""
        _batch(await call(store.batch, batch_id, caller(request)), batch_id)
        return _jsonl(await call(lambda: list(store.result_lines(batch_id, errors=True))))

    app.state.engine = engine
    app.state.metrics = metrics
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
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


def problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(problem.body(), status_code=problem.status, headers=problem.headers())


def open_store(settings: Settings, state_dir: Path) -> StateStore:
    """The configured backend, not yet opened: Postgres with ``state_url``, else SQLite."""
    url = settings.state_database()
    if url is not None:
        from summarizer.service.pg_store import PostgresStore

        return PostgresStore(
            url,
            keep_summaries=settings.keep_summaries,
            pool_size=settings.state_pool_size,
        )
    from summarizer.service.store import Store

    return Store(state_dir / "service.sqlite3", settings.keep_summaries)


def shared_cache(settings: Settings, store: StateStore) -> ResponseCache | None:
    """The response cache in the state store when it has one (Postgres); None: the
    Summarizer's own (the ``cache`` setting's folder, or off)."""
    backend = store.cache_backend() if settings.cache else None
    return ResponseCache(backend=backend) if backend is not None else None


def _held(held: StoredSummary | None, summary_id: str) -> StoredSummary:
    if held is None:
        raise ServiceError(Problem(404, "not_found", f"no summary {summary_id}"))
    return held


def _batch(batch: dict[str, Any] | None, batch_id: str) -> dict[str, Any]:
    if batch is None:
        raise ServiceError(Problem(404, "not_found", f"no batch {batch_id}"))
    return batch


def _check_many(custom_ids: list[str], settings: Settings) -> None:
    if len(custom_ids) > settings.max_batch_requests:
        raise ServiceError(
            Problem(
                422,
                "too_many_requests_in_body",
                f"{len(custom_ids)} articles; at most {settings.max_batch_requests} per request",
            )
        )
    seen: set[str] = set()
    for custom_id in custom_ids:
        if custom_id in seen:
            raise ServiceError(
                Problem(422, "duplicate_custom_id", f"custom_id {custom_id!r} appears twice")
            )
        seen.add(custom_id)


def _jsonl(lines: Any) -> Response:
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    return Response(body, media_type=JSONL)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("summarizer")
    except PackageNotFoundError:
        return "0+unknown"
