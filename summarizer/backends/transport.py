"""Transient-failure retries at the HTTP transport: the one place requests are retried.

The openai SDK's own retries are switched off (``max_retries=0``) so that this
policy is the only one: bounded attempts, exponential backoff with jitter,
``Retry-After`` honoured up to a cap, and a total deadline. Only failures that
can heal are retried: connection errors, timeouts, 408/409/429 and 5xx.
400/401/403/404 and friends pass straight through to become one clear error.

The body is read inside the retry loop, so a connection reset mid-body is
retried like any other transport failure.

Time bounds: the read timeout also bounds one whole response (a server that
trickles bytes slower than that times out like one that never answers), and
:func:`deadline_scope` sets one deadline for every request inside it (all
re-asks of one article): no attempt starts, sleeps or waits past it.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import email.utils
import functools
import logging
import ssl
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx2 as httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
    stop_any,
    wait_exponential,
    wait_random,
)
from tenacity.stop import stop_base

from summarizer.errors import NotAnOpenAIServer

log = logging.getLogger("summarizer.backends.transport")

RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 4
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    retry_after_cap: float = 30.0
    deadline: float = 600.0


_deadline_at: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "summarizer_deadline", default=None
)


class DeadlineExceeded(httpx.TimeoutException):
    """The :func:`deadline_scope` ran out: no more attempts, whatever the policy says."""


@contextlib.contextmanager
def deadline_scope(seconds: float | None) -> Iterator[None]:
    """Every request inside shares one deadline ``seconds`` from now (nested: earliest wins)."""
    if seconds is None:
        yield
        return
    at = time.monotonic() + seconds
    outer = _deadline_at.get()
    token = _deadline_at.set(at if outer is None else min(at, outer))
    try:
        yield
    finally:
        _deadline_at.reset(token)


def _begin_attempt(request: httpx.Request, timeouts: dict[str, float | None]) -> float | None:
    """Before an attempt: refuse past the deadline, clamp socket timeouts, return its expiry."""
    now = time.monotonic()
    read = timeouts.get("read")
    expires = now + read if read is not None else None
    at = _deadline_at.get()
    if at is not None:
        remaining = at - now
        if remaining <= 0:
            raise DeadlineExceeded("deadline reached before the request was sent", request=request)
        request.extensions["timeout"] = {
            k: (min(v, remaining) if v is not None else remaining) for k, v in timeouts.items()
        }
        expires = at if expires is None else min(expires, at)
    return expires


def _timed_out(request: httpx.Request, exc: httpx.TimeoutException) -> httpx.TimeoutException:
    at = _deadline_at.get()
    if at is not None and time.monotonic() >= at and not isinstance(exc, DeadlineExceeded):
        return DeadlineExceeded("deadline reached while waiting for the response", request=request)
    return exc


class _TimedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """The body stream of one attempt, cut off when the attempt's expiry passes."""

    def __init__(self, inner: object, expires: float | None, request: httpx.Request) -> None:
        self.inner, self.expires, self.request = inner, expires, request

    def _check(self) -> None:
        if self.expires is not None and time.monotonic() > self.expires:
            slow = httpx.ReadTimeout("response body too slow", request=self.request)
            raise _timed_out(self.request, slow)

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.inner:  # type: ignore[attr-defined]
            self._check()
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self.inner:  # type: ignore[attr-defined]
            self._check()
            yield chunk

    def close(self) -> None:
        self.inner.close()  # type: ignore[attr-defined]

    async def aclose(self) -> None:
        await self.inner.aclose()  # type: ignore[attr-defined]


class RetryableStatus(Exception):
    """A response whose status says "try again"; carries it for the last attempt."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


class StopWhen(stop_base):
    """A tenacity stop condition from a plain predicate (so it composes with the others)."""

    def __init__(self, predicate: Callable[[RetryCallState], bool]) -> None:
        self.predicate = predicate

    def __call__(self, retry_state: RetryCallState) -> bool:
        return self.predicate(retry_state)


class _RetryMixin:
    policy: RetryPolicy

    def _wait(self, state: RetryCallState) -> float:
        backoff = (
            wait_exponential(multiplier=self.policy.backoff_initial, max=self.policy.backoff_max)
            + wait_random(0, self.policy.backoff_initial)  # jitter: spread out synchronized clients
        )(state)
        outcome = state.outcome
        exc = outcome.exception() if outcome is not None else None
        if isinstance(exc, RetryableStatus):
            retry_after = parse_retry_after(exc.response.headers.get("retry-after"))
            if retry_after is not None:
                return min(retry_after, self.policy.retry_after_cap)
        return backoff

    def _before_sleep(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome is not None else None
        sleep = state.next_action.sleep if state.next_action is not None else 0.0
        log.info(
            "transient failure (%s), retry %d/%d in %.2fs",
            _describe(exc),
            state.attempt_number,
            self.policy.attempts - 1,
            sleep,
        )

    def _stop_at_deadline(self, state: RetryCallState) -> bool:
        """Never sleep past the policy's deadline or the scope's deadline.

        When the last attempt timed out, it is the deadline that ends the retries, so that
        is what the caller hears (raise the deadline), not the per-attempt timeout.
        """
        sleep = state.upcoming_sleep
        at = _deadline_at.get()
        if (state.seconds_since_start or 0.0) + sleep < self.policy.deadline and (
            at is None or time.monotonic() + sleep < at
        ):
            return False
        exc = state.outcome.exception() if state.outcome is not None else None
        if isinstance(exc, httpx.TimeoutException) and not isinstance(exc, DeadlineExceeded):
            try:
                request: httpx.Request | None = exc.request
            except RuntimeError:
                request = None
            raise DeadlineExceeded(
                "deadline reached: no time left for another attempt", request=request
            ) from exc
        return True

    def _retry_args(self) -> dict[str, Any]:
        return {
            "stop": stop_any(
                stop_after_attempt(self.policy.attempts),
                stop_after_delay(self.policy.deadline),
                StopWhen(self._stop_at_deadline),
            ),
            "wait": self._wait,
            "retry": retry_if_exception_type((httpx.TransportError, RetryableStatus)),
            "before_sleep": self._before_sleep,
            "reraise": True,
        }


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context (the system's CA bundle, as httpx would load it) for every client.

    httpx builds a fresh context per client otherwise, re-reading the CA bundle: ~20 ms of
    CPU each time a Summarizer, a batch or a health probe opens a client. A context is safe
    to share between clients and threads.
    """
    return httpx.create_ssl_context()


class RetryTransport(_RetryMixin, httpx.BaseTransport):
    """Wraps a transport; retries transient failures per :class:`RetryPolicy`."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        liveness: Callable[[], None] | None = None,
    ) -> None:
        self.inner = inner or httpx.HTTPTransport(verify=tls_context())
        self.policy = policy or RetryPolicy()
        self.liveness = liveness

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        timeouts = dict(request.extensions.get("timeout") or {})
        try:
            for attempt in Retrying(**self._retry_args()):
                with attempt:
                    expires = _begin_attempt(request, timeouts)
                    sent = time.monotonic()
                    try:
                        response = self.inner.handle_request(request)
                        response.stream = _TimedStream(response.stream, expires, request)
                        try:
                            response.read()
                        finally:
                            response.close()
                        _log_exchange(request, response, sent)
                    except httpx.TimeoutException as exc:
                        if (replaced := _timed_out(request, exc)) is exc:
                            raise
                        raise replaced from exc
                    except httpx.TransportError:
                        if self.liveness is not None:
                            self.liveness()  # a dead server: its own error, no retries
                        raise
                    if response.status_code in RETRY_STATUS:
                        raise RetryableStatus(response)
                    if (mistake := not_an_api(request, response)) is not None:
                        raise mistake
                    return response
        except RetryableStatus as exc:
            return exc.response
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        self.inner.close()


class AsyncRetryTransport(_RetryMixin, httpx.AsyncBaseTransport):
    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | None = None,
        policy: RetryPolicy | None = None,
        liveness: Callable[[], None] | None = None,
    ) -> None:
        self.inner = inner or httpx.AsyncHTTPTransport(verify=tls_context())
        self.policy = policy or RetryPolicy()
        self.liveness = liveness

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeouts = dict(request.extensions.get("timeout") or {})
        try:
            async for attempt in AsyncRetrying(**self._retry_args()):
                with attempt:
                    expires = _begin_attempt(request, timeouts)
                    sent = time.monotonic()
                    try:
                        response = await self.inner.handle_async_request(request)
                        response.stream = _TimedStream(response.stream, expires, request)
                        try:
                            await response.aread()
                        finally:
                            await response.aclose()
                        _log_exchange(request, response, sent)
                    except httpx.TimeoutException as exc:
                        if (replaced := _timed_out(request, exc)) is exc:
                            raise
                        raise replaced from exc
                    except httpx.TransportError:
                        if self.liveness is not None:  # waits for the exit status: off the loop
                            await asyncio.to_thread(self.liveness)
                        raise
                    if response.status_code in RETRY_STATUS:
                        raise RetryableStatus(response)
                    if (mistake := not_an_api(request, response)) is not None:
                        raise mistake
                    return response
        except RetryableStatus as exc:
            return exc.response
        raise AssertionError("unreachable")  # pragma: no cover

    async def aclose(self) -> None:
        await self.inner.aclose()


API_PATHS = ("/chat/completions", "/completions", "/models", "/batches", "/files")


def not_an_api(request: httpx.Request, response: httpx.Response) -> NotAnOpenAIServer | None:
    """A final answer that is not JSON (an HTML page, plain text) means the URL is wrong.

    A plain web server, a proxy's login page or a URL without ``/v1`` answers every
    request the same way; retrying or quoting its HTML helps nobody. Retryable statuses
    (502/503 from a proxy while a server starts) are not judged here: they are retried.
    """
    if response.status_code in RETRY_STATUS or response.status_code == 204:
        return None
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    body = response.content.lstrip()[:1]
    if "json" in content_type or content_type == "text/event-stream":
        return None
    if not content_type and body != b"<":
        return None  # nothing says what it is: leave it to the SDK
    what = "an HTML page" if "html" in content_type or body == b"<" else content_type
    url = str(request.url)
    for path in API_PATHS:
        if request.url.path.endswith(path):
            url = url[: url.rindex(path)]
            break
    return NotAnOpenAIServer(
        f"{url} answered HTTP {response.status_code} with {what}, not JSON: it is not an "
        "OpenAI-compatible API; check --base-url (the API root, usually ending in /v1, "
        "e.g. http://localhost:8080/v1)",
        response.status_code,
    )


def _log_exchange(request: httpx.Request, response: httpx.Response, sent: float) -> None:
    """-vv: one line per HTTP request (never headers: they carry the key)."""
    log.debug(
        "%s %s -> HTTP %d, %s bytes in %.2fs",
        request.method,
        request.url,
        response.status_code,
        f"{len(response.content):,}",
        time.monotonic() - sent,
    )


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


__all__ = [
    "AsyncRetryTransport",
    "DeadlineExceeded",
    "RetryPolicy",
    "RetryTransport",
    "RetryableStatus",
    "StopWhen",
    "deadline_scope",
    "not_an_api",
    "parse_retry_after",
    "tls_context",
]
