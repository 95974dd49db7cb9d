"""Transient-failure retries at the transport, against httpx2's MockTransport (no sockets)."""

from __future__ import annotations

import time

import httpx2 as httpx
import pytest

from summarizer.backends.transport import RetryPolicy, RetryTransport, parse_retry_after

FAST = RetryPolicy(
    attempts=4, backoff_initial=0.0, backoff_max=0.0, retry_after_cap=0.3, deadline=10
)


def scripted(*steps: object) -> tuple[RetryTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []
    queue = list(steps)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        step = queue.pop(0)
        if isinstance(step, Exception):
            raise step
        assert isinstance(step, httpx.Response)
        return step

    return RetryTransport(httpx.MockTransport(handler), FAST), seen


def post(transport: RetryTransport) -> httpx.Response:
    with httpx.Client(transport=transport) as client:
        return client.post("http://model.test/v1/chat/completions", json={"x": 1})


def test_retries_5xx_then_succeeds() -> None:
    transport, seen = scripted(
        httpx.Response(503), httpx.Response(502), httpx.Response(200, json={"ok": True})
    )
    response = post(transport)
    assert response.status_code == 200 and response.json() == {"ok": True}
    assert len(seen) == 3


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_are_never_retried(status: int) -> None:
    transport, seen = scripted(httpx.Response(status), httpx.Response(200))
    assert post(transport).status_code == status
    assert len(seen) == 1


def test_gives_up_after_bounded_attempts_and_returns_the_last_response() -> None:
    transport, seen = scripted(*[httpx.Response(500) for _ in range(10)])
    assert post(transport).status_code == 500
    assert len(seen) == FAST.attempts


def test_connection_errors_are_retried_then_raised() -> None:
    transport, seen = scripted(*[httpx.ConnectError("refused") for _ in range(10)])
    with pytest.raises(httpx.ConnectError):
        post(transport)
    assert len(seen) == FAST.attempts


def test_retry_after_is_honoured_and_capped() -> None:
    transport, _seen = scripted(
        httpx.Response(429, headers={"retry-after": "0.2"}), httpx.Response(200)
    )
    started = time.monotonic()
    assert post(transport).status_code == 200
    assert 0.2 <= time.monotonic() - started < 2
    transport, _ = scripted(
        httpx.Response(429, headers={"retry-after": "120"}), httpx.Response(200)
    )
    started = time.monotonic()
    assert post(transport).status_code == 200
    assert time.monotonic() - started < FAST.retry_after_cap + 1.5, (
        "Retry-After above the cap must be capped"
    )


def test_the_body_is_sent_again_on_retry() -> None:
    transport, seen = scripted(httpx.Response(503), httpx.Response(200))
    post(transport)
    assert len(seen) == 2 and seen[0].content == seen[1].content == b'{"x":1}'


@pytest.mark.parametrize(
    ("header", "expected"),
    [("3", 3.0), ("0.5", 0.5), ("-4", 0.0), ("", None), (None, None), ("soon", None)],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header) == expected


def test_parse_retry_after_http_date() -> None:
    import email.utils

    future = email.utils.formatdate(time.time() + 30, usegmt=True)
    value = parse_retry_after(future)
    assert value is not None and 25 <= value <= 31


def test_a_timeout_with_no_time_left_for_another_attempt_is_reported_as_the_deadline() -> None:
    """The retries end because of the deadline, so the deadline is what to raise."""
    from summarizer.backends.transport import DeadlineExceeded, deadline_scope

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        raise httpx.ReadTimeout("slow", request=request)

    slow_backoff = RetryPolicy(attempts=5, backoff_initial=1.0, backoff_max=1.0, deadline=10)
    transport = RetryTransport(httpx.MockTransport(handler), slow_backoff)
    with deadline_scope(0.5), pytest.raises(DeadlineExceeded) as caught:
        post(transport)
    assert len(seen) == 1, "the 1 s backoff would cross the 0.5 s deadline: no second try"
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


def test_a_rejection_with_no_time_left_keeps_its_own_error() -> None:
    """A 429 whose Retry-After outlives the deadline stays a 429: that says more."""
    from summarizer.backends.transport import deadline_scope

    transport, seen = scripted(httpx.Response(429, headers={"Retry-After": "5"}))
    transport.policy = RetryPolicy(attempts=3, retry_after_cap=30, deadline=10)
    with deadline_scope(1.0):
        assert post(transport).status_code == 429
    assert len(seen) == 1
