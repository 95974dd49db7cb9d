"""Request and response bodies. Library models (ArticleSummary, VerificationReport,
MentionRef) are used as they are, so the OpenAPI document states the real contract."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.checks.incidents import Incident
from summarizer.schema import ArticleSummary, MentionRef

# Longest article accepted (the chunker refuses past max_article_chars x max_chunks, 96,000
# characters by default); the body limit is checked first, in bytes.
MAX_TEXT = 200_000
MAX_ITEMS = 10_000  # articles per stream or batch in the schema; settings.max_batch_requests lower
ARTICLE = r"\S"  # at least one non-space character


class _Body(BaseModel):
    # Strict: `true` is not a temperature and "3" is not a count.
    model_config = ConfigDict(extra="forbid", strict=True)


class ModelOptions(_Body):
    """Per-request model options; anything left out comes from the server's settings."""

    max_retries: int | None = Field(None, ge=0, le=10, description="Re-asks after bad output.")
    reask_unverified: bool | None = Field(None, description="Re-ask when a figure fails.")
    temperature: float | None = Field(None, ge=0.0, le=2.0)
    max_tokens: int | None = Field(None, ge=64, le=32768)


class SummaryRequest(_Body):
    text: str = Field(
        min_length=1, max_length=MAX_TEXT, pattern=ARTICLE, description="The article, plain text."
    )
    prompt: str | None = Field(
        None, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", description="Prompt id."
    )
    options: ModelOptions | None = None


class VerifyRequest(_Body):
    text: str = Field(
        min_length=1, max_length=MAX_TEXT, pattern=ARTICLE, description="The article, plain text."
    )
    summary: ArticleSummary = Field(
        description="A summary (a /v1/summaries result, or just the draft fields) to check."
    )


class NumbersRequest(_Body):
    text: str = Field(min_length=1, max_length=MAX_TEXT, pattern=ARTICLE)


class NumbersResponse(_Body):
    numbers: list[MentionRef]


class IncidentsRequest(NumbersRequest):
    """The same body as /v1/numbers: the article."""


class IncidentsResponse(_Body):
    incidents: list[Incident] = Field(
        description="The happenings the article reports, in order; each with its numbers."
    )


class StreamItem(_Body):
    custom_id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=MAX_TEXT, pattern=ARTICLE)
    prompt: str | None = Field(None, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class StreamRequest(_Body):
    requests: list[StreamItem] = Field(
        min_length=1, max_length=MAX_ITEMS, description="Articles; custom_id unique."
    )
    options: ModelOptions | None = None


class LineError(_Body):
    code: str
    message: str
    status: int = Field(description="The HTTP status the same failure gets on /v1/summaries.")


class StreamLine(_Body):
    """One line of the stream (JSONL) or one SSE ``result`` event's data."""

    custom_id: str
    status: Literal["succeeded", "failed"]
    summary_id: str | None = Field(None, description="GET /v1/summaries/{summary_id}(.html)")
    result: ArticleSummary | None = None
    error: LineError | None = None


# --- Batches: the OpenAI Batch shape -------------------------------------------------


class BatchRequestLine(_Body):
    """One input line, as in an OpenAI batch input file."""

    custom_id: str = Field(min_length=1, max_length=200)
    method: Literal["POST"] = "POST"
    url: Literal["/v1/summaries"] = "/v1/summaries"
    body: SummaryRequest


class BatchCreate(_Body):
    requests: list[BatchRequestLine] = Field(
        min_length=1, max_length=MAX_ITEMS, description="custom_id unique."
    )
    endpoint: Literal["/v1/summaries"] = "/v1/summaries"
    completion_window: Literal["24h"] = "24h"
    metadata: dict[str, str] | None = Field(None, max_length=16)


class RequestCounts(_Body):
    total: int
    completed: int
    failed: int


BatchStatus = Literal[
    "validating",
    "in_progress",
    "finalizing",
    "completed",
    "failed",
    "expired",
    "cancelling",
    "cancelled",
]


class Batch(_Body):
    id: str
    object: Literal["batch"] = "batch"
    endpoint: str
    errors: None = None
    input_file_id: str | None = None
    completion_window: str
    status: BatchStatus
    output_file_id: str | None = Field(None, description="GET /v1/batches/{id}/results")
    error_file_id: str | None = Field(None, description="GET /v1/batches/{id}/errors")
    created_at: int
    in_progress_at: int | None = None
    expires_at: int | None = None
    finalizing_at: int | None = None
    completed_at: int | None = None
    failed_at: int | None = None
    expired_at: int | None = None
    cancelling_at: int | None = None
    cancelled_at: int | None = None
    request_counts: RequestCounts
    metadata: dict[str, str] | None = None


class ResultResponse(_Body):
    status_code: int
    request_id: str
    body: ArticleSummary


class ResultLine(_Body):
    """One line of /results or /errors (the OpenAI batch output shape)."""

    id: str
    custom_id: str
    response: ResultResponse | None = None
    error: LineError | None = None


class Problem(_Body):
    """Every error body: a one-line message (the CLI's wording) and a stable code."""

    model_config = ConfigDict(extra="allow")
    detail: str
    code: str | None = None


class Health(_Body):
    status: Literal["ok", "starting", "failed", "unavailable"]
    detail: str | None = None
    database: Literal["ok", "unavailable"] | None = Field(
        None, description="The state store (SQLite file or Postgres), on /readyz."
    )


__all__ = [
    "Batch",
    "BatchCreate",
    "BatchRequestLine",
    "Health",
    "IncidentsRequest",
    "IncidentsResponse",
    "LineError",
    "ModelOptions",
    "NumbersRequest",
    "NumbersResponse",
    "Problem",
    "RequestCounts",
    "ResultLine",
    "ResultResponse",
    "StreamItem",
    "StreamLine",
    "StreamRequest",
    "SummaryRequest",
    "VerifyRequest",
]
