"""Service state in one SQLite file: held summaries, batch jobs and their requests.

Each batch request is one row whose status moves pending -> running -> succeeded/failed
in its own transaction, so a crash or restart at any point loses nothing already
finished and never records a request twice: results are read from the rows, one per
request. Rows left ``running`` by a dead process go back to ``pending`` on start (one runner per
state folder, behind a file lock: summarizer.service.jobs). The interface is
summarizer.service.state.StateStore; summarizer.service.pg_store is the shared backend.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from summarizer.service.state import (
    ACTIVE,
    CANCELLED_ERROR,
    EXPIRED_ERROR,
    CacheBackend,
    Claim,
    IdempotencyConflict,
    Limiter,
    StoredSummary,
    batch_view,
    new_id,
    result_line,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS summaries (
    id TEXT PRIMARY KEY, caller TEXT NOT NULL, created REAL NOT NULL,
    held INTEGER NOT NULL DEFAULT 0, article TEXT NOT NULL, summary TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS summaries_created ON summaries(held, created);
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY, caller TEXT NOT NULL, idem_key TEXT, body_hash TEXT NOT NULL,
    status TEXT NOT NULL, endpoint TEXT NOT NULL, completion_window TEXT NOT NULL,
    metadata TEXT, options TEXT, created_at INTEGER NOT NULL, expires_at INTEGER,
    in_progress_at INTEGER, finalizing_at INTEGER, completed_at INTEGER, failed_at INTEGER,
    cancelling_at INTEGER, cancelled_at INTEGER, expired_at INTEGER,
    UNIQUE (caller, idem_key));
CREATE TABLE IF NOT EXISTS batch_requests (
    batch_id TEXT NOT NULL, idx INTEGER NOT NULL, custom_id TEXT NOT NULL, body TEXT NOT NULL,
    status TEXT NOT NULL, summary_id TEXT, error TEXT, attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (batch_id, idx));
CREATE INDEX IF NOT EXISTS batch_requests_status ON batch_requests(batch_id, status);
"""


class Store:
    """The SQLite backend: one file, one batch runner at a time (see module docstring)."""

    blocking = False
    shared = False

    def __init__(self, path: Path, keep_summaries: int = 1000) -> None:
        self.path = path
        self.keep_summaries = keep_summaries
        self._lock = threading.Lock()
        self._inserts = 0

    def open(self) -> None:
        """Open (or create) the file and its tables."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._db.executescript(SCHEMA)

    def ping(self) -> None:
        with self._lock:
            self._db.execute("SELECT 1").fetchone()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- summaries --------------------------------------------------------------------

    def put_summary(
        self, caller: str, article: str, summary_json: str, *, held: bool = False
    ) -> str:
        summary_id = new_id("sum")
        with self.tx() as db:
            db.execute(
                "INSERT INTO summaries (id, caller, created, held, article, summary) VALUES (?,?,?,?,?,?)",
                (summary_id, caller, time.time(), int(held), article, summary_json),
            )
            self._inserts += 1
            if not held and self._inserts % 50 == 0:
                db.execute(
                    "DELETE FROM summaries WHERE held = 0 AND id NOT IN "
                    "(SELECT id FROM summaries WHERE held = 0 ORDER BY created DESC LIMIT ?)",
                    (self.keep_summaries,),
                )
        return summary_id

    def get_summary(self, summary_id: str, caller: str) -> StoredSummary | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, caller, article, summary FROM summaries WHERE id = ? AND caller = ?",
                (summary_id, caller),
            ).fetchone()
        return (
            StoredSummary(row["id"], row["caller"], row["article"], row["summary"]) if row else None
        )

    # -- batches ------------------------------------------------------------------------

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
        with self.tx() as db:
            if idem_key is not None:
                row = db.execute(
                    "SELECT id, body_hash FROM batches WHERE caller = ? AND idem_key = ?",
                    (caller, idem_key),
                ).fetchone()
                if row is not None:
                    if row["body_hash"] != body_hash:
                        raise IdempotencyConflict(idem_key)
                    return row["id"], False
            batch_id = new_id("batch")
            now = int(time.time())
            db.execute(
                "INSERT INTO batches (id, caller, idem_key, body_hash, status, endpoint, "
                "completion_window, metadata, options, created_at, expires_at, in_progress_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    batch_id,
                    caller,
                    idem_key,
                    body_hash,
                    "in_progress",
                    endpoint,
                    completion_window,
                    json.dumps(metadata) if metadata is not None else None,
                    json.dumps(options) if options is not None else None,
                    now,
                    now + 24 * 3600,
                    now,
                ),
            )
            db.executemany(
                "INSERT INTO batch_requests (batch_id, idx, custom_id, body, status) VALUES (?,?,?,?,'pending')",
                [(batch_id, i, custom_id, body) for i, (custom_id, body) in enumerate(requests)],
            )
        return batch_id, True

    def batch(self, batch_id: str, caller: str | None = None) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
            if row is None or (caller is not None and row["caller"] != caller):
                return None
            counts = dict(
                self._db.execute(
                    "SELECT status, COUNT(*) FROM batch_requests WHERE batch_id = ? GROUP BY status",
                    (batch_id,),
                ).fetchall()
            )
        return batch_view(row, counts)

    def cancel_batch(self, batch_id: str) -> None:
        now = int(time.time())
        with self.tx() as db:
            db.execute(
                "UPDATE batches SET status = 'cancelling', cancelling_at = ? "
                "WHERE id = ? AND status IN ('validating', 'in_progress')",
                (now, batch_id),
            )
            db.execute(
                "UPDATE batch_requests SET status = 'cancelled', error = ? "
                "WHERE batch_id = ? AND status = 'pending'",
                (json.dumps(CANCELLED_ERROR), batch_id),
            )
        self.settle(batch_id)

    def settle(self, batch_id: str) -> None:
        """Move a batch with no request left to run to its final status."""
        now = int(time.time())
        with self.tx() as db:
            row = db.execute("SELECT status FROM batches WHERE id = ?", (batch_id,)).fetchone()
            if row is None or row["status"] not in ACTIVE:
                return
            left = db.execute(
                "SELECT COUNT(*) FROM batch_requests WHERE batch_id = ? AND status IN ('pending', 'running')",
                (batch_id,),
            ).fetchone()[0]
            if left:
                return
            if row["status"] == "cancelling":
                db.execute(
                    "UPDATE batches SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
                    (now, batch_id),
                )
            else:
                db.execute(
                    "UPDATE batches SET status = 'completed', finalizing_at = ?, completed_at = ? WHERE id = ?",
                    (now, now, batch_id),
                )

    def settle_idle(self) -> None:
        with self._lock:
            rows = self._db.execute(
                f"SELECT id FROM batches WHERE status IN ({','.join('?' * len(ACTIVE))})", ACTIVE
            ).fetchall()
        for row in rows:
            self.settle(row["id"])

    def expire_due(self, now: float | None = None) -> int:
        """Batches past their completion window: requests not run fail as expired."""
        now = int(time.time() if now is None else now)
        error = json.dumps(EXPIRED_ERROR)
        with self.tx() as db:
            due = [
                row["id"]
                for row in db.execute(
                    "SELECT id FROM batches WHERE status = 'in_progress' AND expires_at <= ?",
                    (now,),
                ).fetchall()
            ]
            for batch_id in due:
                db.execute(
                    "UPDATE batch_requests SET status = 'failed', error = ? "
                    "WHERE batch_id = ? AND status = 'pending'",
                    (error, batch_id),
                )
                db.execute(
                    "UPDATE batches SET status = 'expired', expired_at = ? WHERE id = ?",
                    (now, batch_id),
                )
        return len(due)

    def recover(self) -> int:
        """After a restart: requests a dead process was running go back to the queue."""
        with self.tx() as db:
            return db.execute(
                "UPDATE batch_requests SET status = 'pending' WHERE status = 'running'"
            ).rowcount

    def claim(self, owner: str, limit: int, lease: float) -> list[Claim]:
        """Mark up to ``limit`` pending requests running, oldest batch first.

        The runner holds the state folder's lock, so ``owner`` and ``lease`` need no
        record here: rows a dead runner left running are requeued by :meth:`recover`.
        """
        with self.tx() as db:
            rows = db.execute(
                "SELECT r.batch_id, r.idx, r.custom_id, r.body, b.caller, b.options "
                "FROM batch_requests r JOIN batches b ON b.id = r.batch_id "
                "WHERE b.status = 'in_progress' AND r.status = 'pending' "
                "ORDER BY b.created_at, b.rowid, r.idx LIMIT ?",
                (limit,),
            ).fetchall()
            db.executemany(
                "UPDATE batch_requests SET status = 'running', attempts = attempts + 1 "
                "WHERE batch_id = ? AND idx = ?",
                [(row["batch_id"], row["idx"]) for row in rows],
            )
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
        """Nothing to extend: the sole runner's claims never expire (see :meth:`claim`)."""
        return 0

    def finish(
        self,
        claim: Claim,
        owner: str,
        *,
        article: str = "",
        summary_json: str | None = None,
        error: dict[str, Any] | None = None,
    ) -> bool:
        """Record one request's outcome (summary and row in one transaction)."""
        with self.tx() as db:
            summary_id = None
            if summary_json is not None:
                summary_id = new_id("sum")
                db.execute(
                    "INSERT INTO summaries (id, caller, created, held, article, summary) VALUES (?,?,?,1,?,?)",
                    (summary_id, claim.caller, time.time(), article, summary_json),
                )
            done = db.execute(
                "UPDATE batch_requests SET status = ?, summary_id = ?, error = ? "
                "WHERE batch_id = ? AND idx = ? AND status = 'running'",
                (
                    "succeeded" if summary_json is not None else "failed",
                    summary_id,
                    json.dumps(error) if error is not None else None,
                    claim.batch_id,
                    claim.idx,
                ),
            ).rowcount
            if not done and summary_id is not None:  # cancelled or expired meanwhile
                db.execute("DELETE FROM summaries WHERE id = ?", (summary_id,))
        return bool(done)

    def release(self, claim: Claim, owner: str) -> None:
        """A request interrupted by shutdown goes back to the queue."""
        with self.tx() as db:
            db.execute(
                "UPDATE batch_requests SET status = 'pending' WHERE batch_id = ? AND idx = ? AND status = 'running'",
                (claim.batch_id, claim.idx),
            )

    def result_lines(self, batch_id: str, *, errors: bool) -> Iterator[dict[str, Any]]:
        wanted = ("failed", "cancelled") if errors else ("succeeded",)
        marks = ",".join("?" * len(wanted))
        with self._lock:
            rows = self._db.execute(
                f"SELECT r.idx, r.custom_id, r.summary_id, r.error, s.summary FROM batch_requests r "
                f"LEFT JOIN summaries s ON s.id = r.summary_id "
                f"WHERE r.batch_id = ? AND r.status IN ({marks}) ORDER BY r.idx",
                (batch_id, *wanted),
            ).fetchall()
        for row in rows:
            yield result_line(batch_id, row, errors=errors)

    # -- per process: one machine, one file ---------------------------------------------

    def rate_limiter(self, per_minute: float, burst: int) -> Limiter:
        """In memory, per worker process (SQLite state is one machine's)."""
        from summarizer.service.guard import RateLimiter

        return RateLimiter(per_minute, burst)

    def cache_backend(self) -> CacheBackend | None:
        return None  # the response cache's own folder (summarizer.pipeline.cache)


__all__ = [
    "Store",
]
