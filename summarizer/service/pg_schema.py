"""The Postgres schema, as numbered migrations applied by ``summarizer db upgrade``.

Plain SQL, numbered, each applied in one transaction together with its row in
``schema_version``; an advisory lock makes two replicas upgrading at once take turns.
(Why not alembic: it needs SQLAlchemy for a handful of tables this code reaches with
psycopg only, and its autogenerate would compare against models we do not have.)

The service never changes the schema itself: it checks the version at start and
refuses to run against an older one (``SchemaOutdated``, naming the command).
Migrations are append-only (a released one is never edited, a change is a new number)
and only add, so the previous release keeps running on the new schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summarizer.service.state import SchemaOutdated

UPGRADE_COMMAND = "summarizer db upgrade"
LOCK_ID = 0x5355_4D4D  # pg_advisory_xact_lock key: "SUMM"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "service state: summaries, batches and leased requests, rate limits, response cache",
        """
CREATE TABLE summaries (
    id text PRIMARY KEY,
    caller text NOT NULL,
    created double precision NOT NULL,
    held boolean NOT NULL DEFAULT false,
    article text NOT NULL,
    summary text NOT NULL
);
CREATE INDEX summaries_unheld_created ON summaries (created) WHERE NOT held;

CREATE TABLE batches (
    id text PRIMARY KEY,
    seq bigserial NOT NULL,
    caller text NOT NULL,
    idem_key text,
    body_hash text NOT NULL,
    status text NOT NULL,
    endpoint text NOT NULL,
    completion_window text NOT NULL,
    metadata text,
    options text,
    created_at bigint NOT NULL,
    expires_at bigint,
    in_progress_at bigint,
    finalizing_at bigint,
    completed_at bigint,
    failed_at bigint,
    cancelling_at bigint,
    cancelled_at bigint,
    expired_at bigint,
    UNIQUE (caller, idem_key)
);
CREATE INDEX batches_active ON batches (seq) WHERE status IN ('validating', 'in_progress', 'cancelling');

CREATE TABLE batch_requests (
    batch_id text NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    idx integer NOT NULL,
    custom_id text NOT NULL,
    body text NOT NULL,
    status text NOT NULL,
    summary_id text,
    error text,
    attempts integer NOT NULL DEFAULT 0,
    lease_owner text,
    lease_until double precision,
    PRIMARY KEY (batch_id, idx)
);
CREATE INDEX batch_requests_open ON batch_requests (batch_id, idx)
    WHERE status IN ('pending', 'running');
CREATE INDEX batch_requests_owner ON batch_requests (lease_owner) WHERE status = 'running';

CREATE TABLE rate_buckets (
    caller text PRIMARY KEY,
    tokens double precision NOT NULL,
    updated double precision NOT NULL,
    allowed boolean NOT NULL
);

CREATE TABLE response_cache (
    key text PRIMARY KEY,
    value text NOT NULL,
    stored double precision NOT NULL
);
""",
    ),
)

HEAD = MIGRATIONS[-1].version

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


def current_version(conn: Any) -> int:
    """The newest applied migration; 0 for an empty database."""
    exists = _value(conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone())
    if not exists:
        return 0
    return int(
        _value(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone())
    )


def _value(row: Any) -> Any:
    """The one column of ``row``, whichever row factory the connection uses."""
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


def upgrade(conn: Any) -> list[Migration]:
    """Apply every migration newer than the database, each in its own transaction."""
    applied: list[Migration] = []
    for migration in MIGRATIONS:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_ID,))
            conn.execute(_VERSION_TABLE)
            if current_version(conn) >= migration.version:
                continue
            conn.execute(migration.sql)
            conn.execute(
                "INSERT INTO schema_version (version, name) VALUES (%s, %s)",
                (migration.version, migration.name),
            )
            applied.append(migration)
    return applied


def check(conn: Any) -> int:
    """The database's version; :class:`SchemaOutdated` if it is older than this code.

    A newer schema is accepted: migrations only add (columns with defaults, tables,
    indexes), so replicas of the previous release keep working during a rolling upgrade.
    """
    version = current_version(conn)
    if version < HEAD:
        raise SchemaOutdated(
            f"the state database's schema is at version {version}, this code needs {HEAD}: "
            f"run `{UPGRADE_COMMAND}`"
        )
    return version


__all__ = [
    "HEAD",
    "Migration",
    "check",
    "current_version",
    "upgrade",
]
