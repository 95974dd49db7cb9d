"""What the service keeps, behind one interface: SQLite on one machine, Postgres for replicas.

:class:`StateStore` is the contract both backends meet (summarizer.service.store for
SQLite, summarizer.service.pg_store for Postgres), and the same tests run against each.
Everything here is synchronous: the app calls a store that does network I/O
(``blocking`` true) in a worker thread, so a slow or lost database never stalls the
event loop; SQLite calls stay inline.

Batch requests are handed out as :class:`Claim` leases: a runner claims pending rows
(or rows whose lease ran out), extends its leases with :meth:`StateStore.heartbeat`
while it works, and records each outcome with :meth:`StateStore.finish`, which only
counts while the claimant still holds the lease. A runner that dies simply stops
heartbeating; its rows become claimable again, and no request is answered twice.
"""

from __future__ import annotations

import asyncio
import functools
import json
import secrets
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from summarizer.errors import ConfigError, SummarizerError

T = TypeVar("T")

ACTIVE = ("validating", "in_progress", "finalizing", "cancelling")
TIMESTAMPS = (
    "created_at",
    "expires_at",
    "in_progress_at",
    "finalizing_at",
    "completed_at",
    "failed_at",
    "cancelling_at",
    "cancelled_at",
    "expired_at",
)
CANCELLED_ERROR = {
    "code": "batch_cancelled",
    "message": "batch cancelled before this request ran",
    "status": 409,
}
EXPIRED_ERROR = {
    "code": "batch_expired",
    "message": "the batch's completion window ended first",
    "status": 410,
}


class IdempotencyConflict(Exception):
    """Same Idempotency-Key, different body."""


class StateUnavailable(SummarizerError):
    """The state database cannot be reached now (the service answers 503, Retry-After)."""

    retry_after = 2


class SchemaOutdated(ConfigError):
    """The database's schema is older (or newer) than this code."""


@dataclass(frozen=True)
class StoredSummary:
    id: str
    caller: str
    article: str
    summary_json: str


@dataclass(frozen=True)
class Claim:
    """One batch request leased to one runner, with what it needs to run it."""

    batch_id: str
    idx: int
    custom_id: str
    body: str
    caller: str
    options: dict[str, Any] | None


class Limiter(Protocol):
    """A per-caller rate limit: None if allowed, else the seconds to wait (Retry-After)."""

    def take(self, caller: str) -> int | None: ...


class CacheBackend(Protocol):
    """Key -> text storage for the response cache (summarizer.pipeline.cache.ResponseCache)."""

    def get(self, key: str) -> Any: ...

    def set(self, key: str, value: str) -> Any: ...

    def __len__(self) -> int: ...

    def __contains__(self, key: object) -> bool: ...

    def clear(self) -> Any: ...

    def close(self) -> None: ...


class StateStore(Protocol):
    """Held summaries, batch jobs and their requests, idempotency keys, rate limits, cache."""

    blocking: bool  # network I/O: call from a worker thread, never on the event loop
    shared: bool  # other processes may run batch requests from the same state at once

    def open(self) -> None:
        """Connect (and check the schema); raises SchemaOutdated or StateUnavailable."""

    def close(self) -> None: ...

    def ping(self) -> None:
        """One round trip; raises StateUnavailable when the database is gone."""

    # -- summaries
    def put_summary(
        self, caller: str, article: str, summary_json: str, *, held: bool = False
    ) -> str: ...

    def get_summary(self, summary_id: str, caller: str) -> StoredSummary | None: ...

    # -- batches
    def create_batch(
        self,
        caller: str,
        idem_key: str | None,
        body_hash: str,
        requests: list[tuple[str, str]],
        *,
        endpoint: str,
        completion_window: str,
        metadata: dict[str, str] | None,
        options: dict[str, Any] | None,
    ) -> tuple[str, bool]:
        """(batch id, created). The same key and body give the same batch; another body raises."""
        ...

    def batch(self, batch_id: str, caller: str | None = None) -> dict[str, Any] | None: ...

    def cancel_batch(self, batch_id: str) -> None: ...

    def settle(self, batch_id: str) -> None:
        """Move a batch with no request left to run to its final status."""

    def settle_idle(self) -> None:
        """:meth:`settle` every active batch (one whose last runner died before settling)."""

    def expire_due(self, now: float | None = None) -> int:
        """Batches past their completion window: requests not run fail as expired."""
        ...

    def recover(self) -> int:
        """At a sole runner's start: requests a dead process left running go back to the queue."""
        ...

    def claim(self, owner: str, limit: int, lease: float) -> list[Claim]:
        """Lease up to ``limit`` runnable requests to ``owner`` for ``lease`` seconds."""
        ...

    def heartbeat(self, owner: str, lease: float) -> int:
        """Extend every lease ``owner`` holds; the number still held."""
        ...

    def finish(
        self,
        claim: Claim,
        owner: str,
        *,
        article: str = "",
        summary_json: str | None = None,
        error: dict[str, Any] | None = None,
    ) -> bool:
        """Record one request's outcome; False if ``owner`` no longer held its lease."""
        ...

    def release(self, claim: Claim, owner: str) -> None:
        """A request interrupted by shutdown goes back to the queue."""

    def result_lines(self, batch_id: str, *, errors: bool) -> Iterator[dict[str, Any]]: ...

    # -- shared by replicas when the backend is shared
    def rate_limiter(self, per_minute: float, burst: int) -> Limiter: ...

    def cache_backend(self) -> CacheBackend | None:
        """Where the response cache lives; None: the configured cache folder."""
        ...


class Offload:
    """Awaitable store calls: inline for SQLite, in the store's own threads for a network
    database (its own threads: an outage must not starve asyncio's default executor,
    which the routes use for CPU work)."""

    def __init__(self, store: StateStore, threads: int) -> None:
        self.store = store
        self._executor = (
            ThreadPoolExecutor(threads, thread_name_prefix="state") if store.blocking else None
        )

    async def __call__(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self._executor is None:
            return fn(*args, **kwargs)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


def batch_view(row: Any, counts: dict[str, int]) -> dict[str, Any]:
    """The Batch object (OpenAI Batch shape) from a batches row and its request counts."""
    out = {name: row[name] for name in TIMESTAMPS}
    total = sum(counts.values())
    metadata = json.loads(row["metadata"]) if row["metadata"] else None
    out.update(
        id=row["id"],
        object="batch",
        endpoint=row["endpoint"],
        completion_window=row["completion_window"],
        status=row["status"],
        metadata=metadata,
        request_counts={
            "total": total,
            "completed": counts.get("succeeded", 0),
            "failed": counts.get("failed", 0) + counts.get("cancelled", 0),
        },
        output_file_id=f"{row['id']}/results" if counts.get("succeeded") else None,
        error_file_id=f"{row['id']}/errors"
        if counts.get("failed") or counts.get("cancelled")
        else None,
    )
    return out


def result_line(batch_id: str, row: Any, *, errors: bool) -> dict[str, Any]:
    """One JSONL line of /results or /errors from a joined request row."""
    line: dict[str, Any] = {"id": f"{batch_id}_req_{row['idx']}", "custom_id": row["custom_id"]}
    if errors:
        line["response"] = None
        line["error"] = json.loads(row["error"]) if row["error"] else None
    else:
        line["response"] = {
            "status_code": 200,
            "request_id": row["summary_id"],
            "body": json.loads(row["summary"]),
        }
        line["error"] = None
    return line


def describe_url(url: str) -> str:
    """A state URL fit for a log line: the password masked."""
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at:
        return url
    user = creds.partition(":")[0]
    return f"{scheme}{sep}{user}:***@{host}" if ":" in creds else url


def url_password(url: str) -> str | None:
    """The password in a state URL, to scrub from logs (summarizer.redaction)."""
    from urllib.parse import unquote, urlsplit

    password = urlsplit(url).password
    return unquote(password) if password else None


__all__ = [
    "ACTIVE",
    "CANCELLED_ERROR",
    "EXPIRED_ERROR",
    "CacheBackend",
    "Claim",
    "IdempotencyConflict",
    "Limiter",
    "Offload",
    "SchemaOutdated",
    "StateStore",
    "StateUnavailable",
    "StoredSummary",
    "batch_view",
    "describe_url",
    "new_id",
    "result_line",
    "url_password",
]
