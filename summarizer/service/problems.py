"""Library errors -> HTTP statuses. The message is the CLI's own line (redacted), never a key."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.errors import (
    BackendRejected,
    BackendUnavailable,
    CassetteMiss,
    ConfigError,
    InputError,
    ModelOutputError,
    SummarizerError,
    VerificationFailed,
)
from summarizer.redaction import redact


@dataclass(frozen=True)
class Problem:
    status: int
    code: str
    message: str
    retry_after: int | None = None

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)} if self.retry_after is not None else {}

    def body(self) -> dict[str, str]:
        return {"detail": self.message, "code": self.code}


class ServiceError(Exception):
    """Raised by routes and limits; turned into a response by the app's handler."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# What an upstream 429 tells our client to wait; the backend already retried for us.
UPSTREAM_RETRY_AFTER = 5


def problem_for(exc: SummarizerError) -> Problem:
    """The status a library error gets (the same mapping for every route and stream line)."""
    message = redact(" ".join(str(exc).split()) or type(exc).__name__)
    if isinstance(exc, InputError):
        return Problem(422, "invalid_input", message)
    if isinstance(exc, ConfigError):
        return Problem(400, "invalid_request", message)
    if isinstance(exc, VerificationFailed):
        return Problem(422, "verification_failed", message)
    if isinstance(exc, BackendRejected):
        return Problem(502, "backend_rejected", message)
    if isinstance(exc, ModelOutputError):
        return Problem(502, "model_output_invalid", message)
    if isinstance(exc, BackendUnavailable):
        if "(HTTP 429)" in message:
            return Problem(503, "backend_rate_limited", message, UPSTREAM_RETRY_AFTER)
        if message.startswith(("no answer from", "gave up on")):
            return Problem(504, "backend_timeout", message)
        return Problem(502, "backend_unavailable", message)
    if isinstance(exc, CassetteMiss):
        return Problem(500, "cassette_miss", message)
    return Problem(502, "backend_error", message)


def problem_of(exc: SummarizerError | ServiceError) -> Problem:
    """What one article's failure reports, as a response or as a stream or batch line."""
    return exc.problem if isinstance(exc, ServiceError) else problem_for(exc)


__all__ = [
    "Problem",
    "ServiceError",
    "problem_for",
    "problem_of",
]
