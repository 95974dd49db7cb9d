"""The Postgres backend of :class:`~summarizer.service.state.StateStore`: state shared by replicas.

Every replica (and every worker process of one) keeps a small psycopg connection pool to
the same database. What makes sharing safe is in the SQL, not in a process:

* batch requests are leased with ``SELECT ... FOR UPDATE SKIP LOCKED``: each goes to one
  runner at a time, until it finishes, or its lease (extended by heartbeats) runs out
  because the runner died; an outcome is recorded only by the lease's holder;
* an Idempotency-Key is a unique (caller, key) row: two replicas racing on one key
  make one batch;
* the rate limit is one token bucket row per caller, refilled and spent in one UPSERT;
* leases and buckets use the database's clock, so replicas' clocks need not agree.

Statements run in autocommit, one round trip each where one statement can do the work.
A lost connection is retried (the pool reconnects in the background, with backoff);
while the database stays away, calls raise :class:`StateUnavailable` (HTTP 503).
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from summarizer.errors import ConfigError
from summarizer.service.pg_schema import HEAD, Migration, check, current_version, upgrade
from summarizer.service.state import (
    ACTIVE,
    CANCELLED_ERROR,
    EXPIRED_ERROR,
    Claim,
    IdempotencyConflict,
    StateUnavailable,
    StoredSummary,
    batch_view,
    describe_url,
    new_id,
    result_line,
)

log = logging.getLogger("summarizer.service.pg_store")

T = TypeVar("T")
NOW = "extract(epoch from clock_timestamp())"
POOL_WAIT = 3.0  # seconds a call waits for a pooled connection before giving up (503)
DOWN_WAIT = 0.5  # the same while the database is known to be away: fail fast
# The pool retries a lost connection with backoff (1 s, 2 s, 4 s) for this long, then waits
# for the next call to try again at once: a long outage never grows the backoff to minutes.
RECONNECT_FOR = 6.0
CONNECT_TIMEOUT = 3  # seconds to open one connection
PRUNE_EVERY = 50  # unheld summaries (cache entries) beyond the kept number go every N writes
CACHE_KEEP = 100_000  # response-cache entries kept (the disk cache's bound is 1 GiB)
ACTIVE_SQL = "(" + ", ".join(f"'{status}'" for status in ACTIVE) + ")"


def import_psycopg() -> tuple[Any, Any]:
    """psycopg and psycopg_pool, or a one-line error naming the extra to install."""
    try:
        import psycopg
        import psycopg_pool
    except ImportError:
        raise ConfigError(
            "Postgres state needs psycopg 3: pip install 'summarizer[postgres]'"
        ) from None
    return psycopg, psycopg_pool


def connect(url: str, **kwargs: Any) -> Any:
    """One plain connection (``summarizer db``, the start-up check); StateUnavailable if down."""
    psycopg, _ = import_psycopg()
    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT, **kwargs)
    except psycopg.OperationalError as exc:
        raise StateUnavailable(
            f"cannot reach the state database {describe_url(url)}: {first_line(exc)}"
        ) from None


def upgrade_database(url: str) -> tuple[int, list[Migration]]:
    """``summarizer db upgrade``: (version before, migrations applied)."""
    with connect(url, autocommit=True) as conn:
        before = current_version(conn)
        return before, upgrade(conn)


def schema_version(url: str) -> tuple[int, int]:
    """(the database's schema version, this code's)."""
    with connect(url, autocommit=True) as conn:
        return current_version(conn), HEAD


def verify_schema(url: str) -> None:
    """Before serving: one line and no start when the database is away or behind the code."""
    with connect(url, autocommit=True) as conn:
        check(conn)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class PostgresStore:
    """State in Postgres through a psycopg connection pool (see module docstring)."""

    blocking = True
    shared = True

    def __init__(self, url: str, *, keep_summaries: int = 1000, pool_size: int = 8) -> None:
        self.url = url
        self.keep_summaries = keep_summaries
        self.pool_size = pool_size
        self.healthy = True
        self._pool: Any = None
        self._psycopg: Any = None
        self._inserts = 0
        self._count_lock = threading.Lock()

    # -- connections ------------------------------------------------------------------

    def open(self) -> None:
        """Start the pool and check the schema (SchemaOutdated / StateUnavailable)."""
        psycopg, psycopg_pool = import_psycopg()
        from psycopg.rows import dict_row

        self._psycopg = psycopg
        self._unavailable: tuple[type[BaseException], ...] = (
            psycopg.OperationalError,
            psycopg_pool.PoolTimeout,
            psycopg_pool.PoolClosed,
        )
        self._pool = psycopg_pool.ConnectionPool(
            self.url,
            min_size=1,
            max_size=self.pool_size,
            kwargs={
                "autocommit": True,
                "row_factory": dict_row,
                "connect_timeout": CONNECT_TIMEOUT,
                "application_name": "summarizer",
            },
            timeout=POOL_WAIT,
            reconnect_timeout=RECONNECT_FOR,
            name="summarizer-state",
            open=False,
        )
        # Its reconnection attempts would log a warning each; the runner logs the outage once.
        logging.getLogger("psycopg.pool").setLevel(logging.ERROR)
        self._pool.open(wait=False)
        version = self.run(check)
        if version > HEAD:
            log.warning(
                "state database schema %d is newer than this code's %d (a rolling upgrade?)",
                version,
                HEAD,
            )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def run(self, work: Callable[[Any], T], *, quick: bool = False) -> T:
        """``work(connection)`` with a pooled connection; a lost connection is retried once.

        Retrying is safe for every call here: each is one transaction, and each is written
        so that running it again after an unknown outcome changes nothing twice. ``quick``
        (the response cache, called on the event loop) never retries or waits long.
        """
        if self._pool is None:
            raise StateUnavailable("the state database is not open")
        healthy = self.healthy and not quick
        attempts = 2 if healthy else 1  # known down: fail fast, the pool keeps trying
        error: BaseException | None = None
        for attempt in range(attempts):
            try:
                with self._pool.connection(POOL_WAIT if healthy else DOWN_WAIT) as conn:
                    result = work(conn)
            except self._unavailable as exc:
                error = exc
                if not quick:  # a cache call's short wait proves nothing about the database
                    self.healthy = False
                if attempt + 1 < attempts:
                    self._pool.check()  # drop every dead idle connection, not one per retry
                continue
            self.healthy = True
            return result
        assert error is not None
        raise StateUnavailable(f"state database unavailable: {first_line(error)}") from None

    def ping(self) -> None:
        self.run(lambda conn: conn.execute("SELECT 1").fetchone())

    # -- summaries --------------------------------------------------------------------

    def put_summary(
        self, caller: str, article: str, summary_json: str, *, held: bool = False
    ) -> str:
        summary_id = new_id("sum")
        self.run(
            lambda conn: conn.execute(
                f"INSERT INTO summaries (id, caller, created, held, article, summary) "
                f"VALUES (%s, %s, {NOW}, %s, %s, %s) ON CONFLICT (id) DO NOTHING",
                (summary_id, caller, held, article, summary_json),
            )
        )
        with self._count_lock:
            self._inserts += 1
            prune = not held and self._inserts % PRUNE_EVERY == 0
        if prune:
            self.run(
                lambda conn: conn.execute(
                    "DELETE FROM summaries WHERE NOT held AND created < ("
                    "SELECT created FROM summaries WHERE NOT held "
                    "ORDER BY created DESC OFFSET %s LIMIT 1)",
                    (max(0, self.keep_summaries - 1),),
                )
            )
        return summary_id

    def get_summary(self, summary_id: str, caller: str) -> StoredSummary | None:
        row = self.run(
            lambda conn: conn.execute(
                "SELECT id, caller, article, summary FROM summaries WHERE id = %s AND caller = %s",
                (summary_id, caller),
            ).fetchone()
        )
        return (
            StoredSummary(row["id"], row["caller"], row["article"], row["summary"]) if row else None
        )

    # -- batches ----------------------------------------------------------------------

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
        """(batch id, created): the unique (caller, idem_key) row settles races between replicas."""

        def work(conn: Any) -> tuple[str, bool]:
            batch_id = new_id("batch")
            now = int(time.time())
            with conn.transaction():
                row = conn.execute(
                    "INSERT INTO batches (id, caller, idem_key, body_hash, status, endpoint, "
                    "completion_window, metadata, options, created_at, expires_at, in_progress_at) "
                    "VALUES (%s, %s, %s, %s, 'in_progress', %s, %s, %s, %s, %s, %s, %s) "
                    "ON CONFLICT (caller, idem_key) DO NOTHING RETURNING id",
                    (
                        batch_id,
                        caller,
                        idem_key,
                        body_hash,
                        endpoint,
                        completion_window,
                        json.dumps(metadata) if metadata is not None else None,
                        json.dumps(options) if options is not None else None,
                        now,
                        now + 24 * 3600,
                        now,
                    ),
                ).fetchone()
                if row is None:  # the key was used: by this body, or another
                    existing = conn.execute(
                        "SELECT id, body_hash FROM batches WHERE caller = %s AND idem_key = %s",
                        (caller, idem_key),
                    ).fetchone()
                    if existing["body_hash"] != body_hash:
                        raise IdempotencyConflict(idem_key)
                    return str(existing["id"]), False
                with conn.cursor().copy(
                    "COPY batch_requests (batch_id, idx, custom_id, body, status) FROM STDIN"
                ) as copy:
                    for idx, (custom_id, body) in enumerate(requests):
                        copy.write_row((batch_id, idx, custom_id, body, "pending"))
            return batch_id, True

        return self.run(work)

    def batch(self, batch_id: str, caller: str | None = None) -> dict[str, Any] | None:
        row = self.run(
            lambda conn: conn.execute(
                "SELECT b.*, (SELECT COALESCE(json_object_agg(status, n), '{}') FROM "
                "(SELECT status, COUNT(*) AS n FROM batch_requests WHERE batch_id = b.id "
                "GROUP BY status) c) AS counts FROM batches b WHERE b.id = %s",
                (batch_id,),
            ).fetchone()
        )
        if row is None or (caller is not None and row["caller"] != caller):
            return None
        return batch_view(row, {str(k): int(v) for k, v in row["counts"].items()})

    def cancel_batch(self, batch_id: str) -> None:
        def work(conn: Any) -> None:
            with conn.transaction():
                conn.execute(
                    "UPDATE batches SET status = 'cancelling', cancelling_at = %s "
                    "WHERE id = %s AND status IN ('validating', 'in_progress')",
                    (int(time.time()), batch_id),
                )
                conn.execute(
                    "UPDATE batch_requests SET status = 'cancelled', error = %s "
                    "WHERE batch_id = %s AND status = 'pending'",
                    (json.dumps(CANCELLED_ERROR), batch_id),
                )

        self.run(work)
        self.settle(batch_id)

    def settle(self, batch_id: str) -> None:
        """One statement: final status once no request is pending or running."""
        self._settle("b.id = %(id)s", batch_id)

    def settle_idle(self) -> None:
        self._settle("TRUE", None)

    def _settle(self, which: str, batch_id: str | None) -> None:
        self.run(
            lambda conn: conn.execute(
                f"UPDATE batches b SET "
                f"status = CASE WHEN status = 'cancelling' THEN 'cancelled' ELSE 'completed' END, "
                f"cancelled_at = CASE WHEN status = 'cancelling' THEN %(now)s END, "
                f"finalizing_at = CASE WHEN status = 'cancelling' THEN NULL ELSE %(now)s END, "
                f"completed_at = CASE WHEN status = 'cancelling' THEN NULL ELSE %(now)s END "
                f"WHERE {which} AND b.status IN {ACTIVE_SQL} AND NOT EXISTS ("
                f"SELECT 1 FROM batch_requests r WHERE r.batch_id = b.id "
                f"AND r.status IN ('pending', 'running'))",
                {"now": int(time.time()), "id": batch_id},
            )
        )

    def expire_due(self, now: float | None = None) -> int:
        stamp = int(time.time() if now is None else now)

        def work(conn: Any) -> int:
            with conn.transaction():
                due = conn.execute(
                    "UPDATE batches SET status = 'expired', expired_at = %s "
                    "WHERE status = 'in_progress' AND expires_at <= %s RETURNING id",
                    (stamp, stamp),
                ).fetchall()
                if due:
                    conn.execute(
                        "UPDATE batch_requests SET status = 'failed', error = %s "
                        "WHERE batch_id = ANY(%s) AND status = 'pending'",
                        (json.dumps(EXPIRED_ERROR), [row["id"] for row in due]),
                    )
            return len(due)

        return self.run(work)

    def recover(self) -> int:
        """Nothing to requeue by hand: a dead replica's leases run out and are claimed again."""
        return 0

    def claim(self, owner: str, limit: int, lease: float) -> list[Claim]:
        rows = self.run(
            lambda conn: conn.execute(
                f"WITH picked AS ("
                f"SELECT r.batch_id, r.idx FROM batch_requests r "
                f"JOIN batches b ON b.id = r.batch_id "
                f"WHERE b.status = 'in_progress' AND (r.status = 'pending' OR "
                f"(r.status = 'running' AND r.lease_until < {NOW})) "
                f"ORDER BY b.seq, r.idx LIMIT %(limit)s FOR UPDATE OF r SKIP LOCKED) "
                f"UPDATE batch_requests r SET status = 'running', attempts = r.attempts + 1, "
                f"lease_owner = %(owner)s, lease_until = {NOW} + %(lease)s "
                f"FROM picked, batches b "
                f"WHERE r.batch_id = picked.batch_id AND r.idx = picked.idx AND b.id = r.batch_id "
                f"RETURNING r.batch_id, r.idx, r.custom_id, r.body, b.caller, b.options, b.seq",
                {"limit": limit, "owner": owner, "lease": lease},
            ).fetchall()
        )
        rows.sort(key=lambda row: (row["seq"], row["idx"]))
        return [
            Claim(
                row["batch_id"],
                row["idx"],
                row["custom_id"],
                row["body"],
                row["caller"],
                json.loads(row["options"]) if row["options"] else None,
            )
            for row in rows
        ]

    def heartbeat(self, owner: str, lease: float) -> int:
        return int(
            self.run(
                lambda conn: (
                    conn.execute(
                        f"UPDATE batch_requests SET lease_until = {NOW} + %s "
                        f"WHERE lease_owner = %s AND status = 'running'",
                        (lease, owner),
                    ).rowcount
                )
            )
        )

    def finish(
        self,
        claim: Claim,
        owner: str,
        *,
        article: str = "",
        summary_json: str | None = None,
        error: dict[str, Any] | None = None,
    ) -> bool:
        """One statement: the row moves on and (on success) its summary is stored, or neither."""
        key = {"batch": claim.batch_id, "idx": claim.idx, "owner": owner}
        held = "WHERE batch_id = %(batch)s AND idx = %(idx)s AND status = 'running' AND lease_owner = %(owner)s"
        if summary_json is None:
            done = self.run(
                lambda conn: (
                    conn.execute(
                        f"UPDATE batch_requests SET status = 'failed', error = %(error)s, "
                        f"lease_owner = NULL, lease_until = NULL {held}",
                        {**key, "error": json.dumps(error) if error is not None else None},
                    ).rowcount
                )
            )
            return bool(done)
        summary_id = new_id("sum")
        done = self.run(
            lambda conn: (
                conn.execute(
                    f"WITH moved AS (UPDATE batch_requests SET status = 'succeeded', "
                    f"summary_id = %(sid)s, error = NULL, lease_owner = NULL, lease_until = NULL "
                    f"{held} RETURNING 1) "
                    f"INSERT INTO summaries (id, caller, created, held, article, summary) "
                    f"SELECT %(sid)s, %(caller)s, {NOW}, true, %(article)s, %(summary)s FROM moved",
                    {
                        **key,
                        "sid": summary_id,
                        "caller": claim.caller,
                        "article": article,
                        "summary": summary_json,
                    },
                ).rowcount
            )
        )
        return bool(done)

    def release(self, claim: Claim, owner: str) -> None:
        self.run(
            lambda conn: conn.execute(
                "UPDATE batch_requests SET status = 'pending', lease_owner = NULL, "
                "lease_until = NULL WHERE batch_id = %s AND idx = %s AND status = 'running' "
                "AND lease_owner = %s",
                (claim.batch_id, claim.idx, owner),
            )
        )

    def result_lines(self, batch_id: str, *, errors: bool) -> Iterator[dict[str, Any]]:
        wanted = ["failed", "cancelled"] if errors else ["succeeded"]
        rows = self.run(
            lambda conn: conn.execute(
                "SELECT r.idx, r.custom_id, r.summary_id, r.error, s.summary "
                "FROM batch_requests r LEFT JOIN summaries s ON s.id = r.summary_id "
                "WHERE r.batch_id = %s AND r.status = ANY(%s) ORDER BY r.idx",
                (batch_id, wanted),
            ).fetchall()
        )
        for row in rows:
            yield result_line(batch_id, row, errors=errors)

    # -- shared by every replica ------------------------------------------------------

    def rate_limiter(self, per_minute: float, burst: int) -> PostgresRateLimiter:
        return PostgresRateLimiter(self, per_minute, burst)

    def cache_backend(self) -> PostgresCache:
        return PostgresCache(self)


class PostgresRateLimiter:
    """The token bucket of summarizer.service.guard.RateLimiter, one row per caller."""

    def __init__(self, store: PostgresStore, per_minute: float, burst: int) -> None:
        self.store = store
        self.rate = per_minute / 60.0
        self.burst = float(burst)

    def take(self, caller: str) -> int | None:
        refilled = "LEAST(%(burst)s, b.tokens + (EXCLUDED.updated - b.updated) * %(rate)s)"
        row = self.store.run(
            lambda conn: conn.execute(
                f"INSERT INTO rate_buckets AS b (caller, tokens, updated, allowed) "
                f"VALUES (%(caller)s, %(burst)s - 1, {NOW}, true) "
                f"ON CONFLICT (caller) DO UPDATE SET "
                f"allowed = {refilled} >= 1, "
                f"tokens = {refilled} - CASE WHEN {refilled} >= 1 THEN 1 ELSE 0 END, "
                f"updated = EXCLUDED.updated "
                f"RETURNING allowed, tokens",
                {"caller": caller, "burst": self.burst, "rate": self.rate},
            ).fetchone()
        )
        if row["allowed"]:
            return None
        return max(1, math.ceil((1.0 - float(row["tokens"])) / self.rate))


class PostgresCache:
    """Response-cache storage (summarizer.pipeline.cache) in one table. The pipeline calls it on
    the event loop, so it is quick and best effort: no retry, a short wait, and while the
    database is away a miss and nothing stored. Bounded like the disk cache: every
    ``PRUNE_EVERY`` writes, entries beyond the newest ``keep`` are deleted."""

    def __init__(self, store: PostgresStore, keep: int = CACHE_KEEP) -> None:
        self.store = store
        self.keep = keep
        self._writes = 0

    def get(self, key: str) -> str | None:
        if not self.store.healthy:
            return None
        try:
            row = self.store.run(
                lambda conn: conn.execute(
                    "SELECT value FROM response_cache WHERE key = %s", (key,)
                ).fetchone(),
                quick=True,
            )
        except StateUnavailable:
            return None
        return str(row["value"]) if row else None

    def set(self, key: str, value: str) -> None:
        if not self.store.healthy:
            return
        try:
            self.store.run(
                lambda conn: conn.execute(
                    f"INSERT INTO response_cache (key, value, stored) VALUES (%s, %s, {NOW}) "
                    f"ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, stored = EXCLUDED.stored",
                    (key, value),
                ),
                quick=True,
            )
        except StateUnavailable:
            log.warning("response cache: the state database is unavailable; answer not stored")
            return
        self._writes += 1
        if self._writes % PRUNE_EVERY == 0:
            self.prune()

    def prune(self) -> None:
        """Delete all but the newest ``keep`` entries."""
        self.store.run(
            lambda conn: conn.execute(
                "DELETE FROM response_cache WHERE stored < ("
                "SELECT stored FROM response_cache ORDER BY stored DESC OFFSET %s LIMIT 1)",
                (max(0, self.keep - 1),),
            )
        )

    def __len__(self) -> int:
        row = self.store.run(
            lambda conn: conn.execute("SELECT COUNT(*) AS n FROM response_cache").fetchone()
        )
        return int(row["n"])

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def clear(self) -> None:
        self.store.run(lambda conn: conn.execute("DELETE FROM response_cache"))

    def close(self) -> None:
        """The store owns the connections."""


__all__ = [
    "PostgresCache",
    "PostgresRateLimiter",
    "PostgresStore",
    "connect",
    "first_line",
    "import_psycopg",
    "schema_version",
    "upgrade_database",
    "verify_schema",
]
