"""API keys and the per-key rate limit, checked before any route reads a body.

ASGI middleware rather than a FastAPI dependency: a dependency runs after the body is
parsed, so an anonymous client could learn our validation rules (422) before its 401.
The routes also declare the bearer scheme, for the OpenAPI document only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import time
from dataclasses import dataclass

from starlette.middleware.body_limit import MAX_BODY_SIZE_SCOPE_KEY
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from summarizer.config import ServiceSettings
from summarizer.service.state import Limiter, Offload, StateUnavailable

PROTECTED_PREFIX = "/v1/"
MAX_TRACKED = 10_000  # callers remembered by the rate limiter before idle ones are dropped


@dataclass
class Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """A token bucket per caller: ``burst`` at once, then ``per_minute``."""

    def __init__(self, per_minute: float, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = burst
        self.buckets: dict[str, Bucket] = {}

    def take(self, caller: str, now: float | None = None) -> int | None:
        """None if allowed, else the seconds to wait (for Retry-After)."""
        now = time.monotonic() if now is None else now
        bucket = self.buckets.get(caller)
        if bucket is None:
            if len(self.buckets) >= MAX_TRACKED:
                self._forget_full(now)
            bucket = self.buckets[caller] = Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return None
        return max(1, math.ceil((1.0 - bucket.tokens) / self.rate))

    def _forget_full(self, now: float) -> None:
        full_after = self.burst / self.rate
        for caller in [c for c, b in self.buckets.items() if now - b.updated > full_after]:
            del self.buckets[caller]


def key_id(key: str) -> str:
    """A stable, non-secret name for a key (jobs are owned by it; logs may show it)."""
    return "key_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


class GuardMiddleware:
    """Auth, then the rate limit: in memory per process, or the state store's shared one
    (``limiter``, called through ``offload`` when it does network I/O)."""

    def __init__(
        self,
        app: ASGIApp,
        settings: ServiceSettings,
        limiter: Limiter | None = None,
        offload: Offload | None = None,
    ) -> None:
        self.app = app
        self.keys = [k.get_secret_value().encode("utf-8") for k in settings.api_keys]
        self.limiter = limiter or RateLimiter(settings.rate_limit, settings.rate_burst)
        self.offload = offload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PROTECTED_PREFIX):
            await self.app(scope, receive, send)
            return
        caller = self.authenticate(scope)
        if caller is None:
            await _reply(
                send,
                401,
                "missing or invalid API key: send Authorization: Bearer <key>",
                "unauthorized",
                {"WWW-Authenticate": 'Bearer realm="summarizer"'},
            )
            return
        try:
            wait = (
                await self.offload(self.limiter.take, caller)
                if self.offload is not None
                else self.limiter.take(caller)
            )
        except StateUnavailable:
            await _reply(
                send,
                503,
                "the state database is unavailable; retry later",
                "state_unavailable",
                {"Retry-After": str(StateUnavailable.retry_after)},
            )
            return
        if wait is not None:
            await _reply(
                send,
                429,
                f"rate limit exceeded for this API key; retry in {wait}s",
                "rate_limited",
                {"Retry-After": str(wait)},
            )
            return
        scope.setdefault("state", {})["caller"] = caller
        await self.app(scope, receive, _json_413(scope, send))

    def authenticate(self, scope: Scope) -> str | None:
        if not self.keys:  # no keys configured: loopback-only service, callers by address
            client = scope.get("client")
            return f"addr_{client[0] if client else 'unknown'}"
        header = b""
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                header = value
                break
        scheme, _, token = header.partition(b" ")
        token = token.strip()
        if scheme.lower() != b"bearer" or not token:
            return None
        matched = None
        for key in self.keys:  # every key compared, in constant time
            if hmac.compare_digest(key, token):
                matched = key
        return key_id(matched.decode("utf-8")) if matched is not None else None


def _json_413(scope: Scope, send: Send) -> Send:
    """The body limit answers in plain text; every error of ours is a JSON problem."""
    replacing = False

    async def wrapped(message: Message) -> None:
        nonlocal replacing
        if message["type"] == "http.response.start" and message["status"] == 413:
            headers = dict(message.get("headers", []))
            if not headers.get(b"content-type", b"").startswith(b"application/json"):
                replacing = True
                limit = scope.get(MAX_BODY_SIZE_SCOPE_KEY)
                where = f" of {limit} bytes" if isinstance(limit, int) else ""
                await _reply(
                    send, 413, f"request body larger than the limit{where}", "body_too_large", {}
                )
                return
        if replacing:
            return  # the plain-text body is dropped; ours was sent whole
        await send(message)

    return wrapped


async def _reply(send: Send, status: int, message: str, code: str, headers: dict[str, str]) -> None:
    body = json.dumps({"detail": message, "code": code}).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


__all__ = [
    "Bucket",
    "GuardMiddleware",
    "RateLimiter",
    "key_id",
]
