"""Transient-failure retries at the HTTP transport: the one place requests are retried.

The openai SDK's own retries are switched off (``max_retries=0``) so that this
policy is the only one: bounded attempts, exponential backoff with jitter,
``Retry-After`` honoured up to a cap, and a total deadline. Only failures that
can heal are retried: connection errors, timeouts, 408/409/429 and 5xx.
400/401/403/404 and friends pass straight through to become one clear error.

The body is read inside the retry loop, so a connection reset mid-body is
retried like any other transport failure.
"""

from __future__ import annotations

import email.utils
import logging
import time
from dataclasses import dataclass

import httpx2 as httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

log = logging.getLogger("summarizer.transport")

RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 4
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    retry_after_cap: float = 30.0
    deadline: float = 600.0


class RetryableStatus(Exception):
    """A response whose status says "try again"; carries it for the last attempt."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


class _RetryMixin:
    policy: RetryPolicy

    def _wait(self, state: RetryCallState) -> float:
        backoff = wait_exponential_jitter(
            initial=self.policy.backoff_initial, max=self.policy.backoff_max
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

    def _retry_args(self) -> dict[str, object]:
        return {
            "stop": stop_after_attempt(self.policy.attempts) | stop_after_delay(self.policy.deadline),
            "wait": self._wait,
            "retry": retry_if_exception_type((httpx.TransportError, RetryableStatus)),
            "before_sleep": self._before_sleep,
            "reraise": True,
        }


class RetryTransport(_RetryMixin, httpx.BaseTransport):
    """Wraps a transport; retries transient failures per :class:`RetryPolicy`."""

    def __init__(self, inner: httpx.BaseTransport | None = None, policy: RetryPolicy | None = None) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.policy = policy or RetryPolicy()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            for attempt in Retrying(**self._retry_args()):
                with attempt:
                    response = self.inner.handle_request(request)
                    try:
                        response.read()
                    finally:
                        response.close()
                    if response.status_code in RETRY_STATUS:
                        raise RetryableStatus(response)
                    return response
        except RetryableStatus as exc:
            return exc.response
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        self.inner.close()


class AsyncRetryTransport(_RetryMixin, httpx.AsyncBaseTransport):
    def __init__(
        self, inner: httpx.AsyncBaseTransport | None = None, policy: RetryPolicy | None = None
    ) -> None:
        self.inner = inner or httpx.AsyncHTTPTransport()
        self.policy = policy or RetryPolicy()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            async for attempt in AsyncRetrying(**self._retry_args()):
                with attempt:
                    response = await self.inner.handle_async_request(request)
                    try:
                        await response.aread()
                    finally:
                        await response.aclose()
                    if response.status_code in RETRY_STATUS:
                        raise RetryableStatus(response)
                    return response
        except RetryableStatus as exc:
            return exc.response
        raise AssertionError("unreachable")  # pragma: no cover

    async def aclose(self) -> None:
        await self.inner.aclose()


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
