"""Whatever went wrong talking to the model, told once: one clear, secret-free message.

Every third-party exception (openai, httpx, instructor, vcrpy) is translated here into
:mod:`summarizer.errors`, with the hint that says what to do."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx2 as httpx
from pydantic import ValidationError

from summarizer.backends.backend import Backend
from summarizer.backends.reasks import describe_parse_error, first_line
from summarizer.backends.transport import DeadlineExceeded
from summarizer.errors import (
    BackendError,
    BackendRejected,
    BackendUnavailable,
    CassetteMiss,
    ModelOutputError,
    SummarizerError,
)
from summarizer.redaction import redact

if TYPE_CHECKING:
    import openai

    from summarizer.backends.tally import (
        Tally,  # imported where used: the SDKs cost ~0.7 s, and cache hits never call them
    )


def model_description(backend: Backend) -> str:
    """'the embedded model X' or 'X at URL': what the user chose, not an internal port."""
    if backend.spec.embedded:
        return f"the embedded model {backend.model}"
    return f"{backend.model} at {backend.base_url or 'the OpenAI API'}"


def deadline_message(backend: Backend, tally: Tally | None = None) -> str:
    doing = f" ({tally.describe()})" if tally is not None and tally.attempts else ""
    return (
        f"the {backend.settings.deadline:g}s deadline per article ran out waiting for "
        f"{model_description(backend)}{doing}; raise it with --deadline SECONDS "
        "(or SUMMARIZER_DEADLINE, or `deadline` in the config file)"
    )


def gave_up_message(backend: Backend, tally: Tally | None = None) -> str:
    doing = f"; {tally.describe()}" if tally is not None and tally.attempts else ""
    return (
        f"gave up on {model_description(backend)}: the {backend.settings.deadline:g}s deadline "
        f"per article ran out{doing}; raise it with --deadline SECONDS "
        "(or SUMMARIZER_DEADLINE, or `deadline` in the config file)"
    )


def timeout_message(backend: Backend, tally: Tally | None, tries: str) -> str:
    doing = f" ({tally.describe()})" if tally is not None and tally.attempts else ""
    return (
        f"no answer from {model_description(backend)} within {backend.settings.timeout:g}s"
        f"{tries}{doing}; raise it with --timeout SECONDS (or SUMMARIZER_TIMEOUT)"
    )


def cut_off(backend: Backend) -> str:
    """What an answer that stopped at the token limit is, in the words every message uses."""
    return f"cut off at max_tokens={backend.settings.max_tokens} (finish_reason=length)"


def malformed_hint(problem: str) -> str:
    """What to do about an answer that stayed unusable through the re-asks, by its cause."""
    lowered = problem.lower()
    if "eof while parsing" in lowered or "unterminated" in lowered or "expecting" in lowered:
        return "the answer stops before its JSON ends: raise --max-tokens, or shorten the article"
    if "json" in lowered:
        return (
            "the server does not hold the model to JSON: use a server that supports "
            "response_format (with llama.cpp: --backend llama-cpp), or allow more re-asks "
            "with --max-retries N"
        )
    return (
        "allow more re-asks with --max-retries N, or try a larger model (--model, or "
        "--base-url for another server); -v shows each attempt"
    )


def translate_error(
    exc: BaseException, backend: Backend, attempts: int = 0, tally: Tally | None = None
) -> SummarizerError:
    """One clear, secret-free message for whatever went wrong talking to the model."""
    import openai
    from instructor.core.exceptions import (
        IncompleteOutputException,
        InstructorError,
        InstructorRetryException,
    )

    where = (
        "the embedded model server"
        if backend.spec.embedded
        else backend.base_url or "the OpenAI API"
    )
    tries = f" after {attempts} attempt{'s' if attempts != 1 else ''}" if attempts > 1 else ""
    chain = list(cause_chain(exc))

    for item in chain:  # ours, raised below the SDK: before its wrapper (a "connection error")
        if isinstance(item, SummarizerError):
            return item

    if any(isinstance(item, DeadlineExceeded) for item in chain):
        return BackendUnavailable(gave_up_message(backend, tally))

    for item in chain:
        if type(item).__name__ == "CannotOverwriteExistingCassetteException":
            return CassetteMiss(
                redact(" ".join(str(item).split())[:2000] + " " + _matcher_hint(str(item)))
            )
    for item in chain:
        if isinstance(item, SummarizerError):
            return item
        if isinstance(item, IncompleteOutputException):
            return ModelOutputError(
                f"model output was {cut_off(backend)}; raise --max-tokens or shorten the article"
            )
        if isinstance(item, openai.APIStatusError):
            return _status_error(item, backend, where, tries)
        if isinstance(item, openai.APITimeoutError):
            return BackendUnavailable(timeout_message(backend, tally, tries))
        if isinstance(item, openai.APIConnectionError):
            root = chain[-1]
            detail = "" if root is item else f": {first_line(str(root)) or type(root).__name__}"
            connected = not any(
                isinstance(i, (httpx.ConnectError, ConnectionRefusedError)) for i in chain
            )
            what = f"lost the connection to {where}" if connected else f"cannot connect to {where}"
            return BackendUnavailable(redact(f"{what}{tries}{detail}"))
        if isinstance(item, httpx.TimeoutException):
            return BackendUnavailable(timeout_message(backend, tally, tries))
    if isinstance(exc, InstructorRetryException):
        if getattr(exc.last_completion, "choices", None) == []:
            return ModelOutputError(f"{where} returned an empty completion (no choices){tries}")
        detail = describe_parse_error(exc.__cause__ or exc)
        return ModelOutputError(
            redact(
                f"model did not return a valid summary{tries}: {detail}; {malformed_hint(detail)}"
            )
        )
    if isinstance(
        exc,
        (InstructorError, ValidationError, json.JSONDecodeError, IndexError, KeyError, TypeError),
    ):
        return ModelOutputError(
            redact(
                f"model returned an unusable response: {first_line(str(exc)) or type(exc).__name__}"
            )
        )
    return BackendError(redact(f"{type(exc).__name__}: {first_line(str(exc))}"))


def _status_error(
    err: openai.APIStatusError, backend: Backend, where: str, tries: str
) -> SummarizerError:
    status = err.status_code
    detail = redact(_server_message(err))
    if status == 401:
        return BackendRejected(
            f"{where} rejected the API key (HTTP 401); check OPENAI_API_KEY", status
        )
    if status == 403:
        return BackendRejected(f"{where} denied access (HTTP 403): {detail}", status)
    if status == 404:
        return BackendRejected(
            f"not found (HTTP 404) at {where}: check --base-url and that model {backend.model!r} exists",
            status,
        )
    if status == 429:
        return BackendUnavailable(f"rate limited by {where} (HTTP 429){tries}: {detail}")
    if status >= 500:
        return BackendUnavailable(f"server error from {where} (HTTP {status}){tries}: {detail}")
    return BackendRejected(f"{where} rejected the request (HTTP {status}): {detail}", status)


def _server_message(err: openai.APIStatusError) -> str:
    body = err.body
    if isinstance(body, str) and body.lstrip().startswith("<"):
        return "an HTML page, not an API answer (check --base-url)"
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return first_line(str(inner["message"]))[:300]
        if isinstance(inner, str):
            return inner[:300]
    return first_line(err.message)[:300]


def cause_chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _matcher_hint(message: str) -> str:
    return "" if "re-record" in message else "(re-record with: make record)"


__all__ = [
    "cause_chain",
    "cut_off",
    "deadline_message",
    "gave_up_message",
    "malformed_hint",
    "model_description",
    "timeout_message",
    "translate_error",
]
