"""The state of a Batch API run, on disk next to the results: what re-attaching needs.

One SQLite file (``results.jsonl.batch-api/state.sqlite``, beside the part files) holds
every article (id, text, the messages of its outstanding request, its answer, tokens and
attempts so far, its result line) and every job (its part file, uploaded file id, batch
id, status). Every step commits before the next starts, so a re-run after Ctrl-C,
SIGKILL or a reboot finds the jobs it created and collects them instead of submitting
again. Memory stays flat in the number of articles: rows are streamed in position order,
never loaded all at once.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import InputError

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    position INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,          -- JSON: ids keep their type (7 vs "7")
    source TEXT,
    text TEXT,                         -- NULL when the input could not be read
    state TEXT NOT NULL,               -- queued | submitted | answered | final | written | parked
    round INTEGER NOT NULL DEFAULT 0,  -- 0: first request; n: n-th follow-up
    messages TEXT,                     -- JSON messages of the outstanding request
    job TEXT,                          -- the job holding the outstanding request
    answer_status INTEGER,
    answer_body BLOB,
    attempts INTEGER NOT NULL DEFAULT 0,
    reasks_used INTEGER NOT NULL DEFAULT 0,
    line_retries INTEGER NOT NULL DEFAULT 0,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    total_tokens INTEGER NOT NULL DEFAULT 0,
    result TEXT                        -- the JSON result line, once final
);
CREATE INDEX IF NOT EXISTS articles_state ON articles (state, position);
CREATE INDEX IF NOT EXISTS articles_job ON articles (job, position);
CREATE TABLE IF NOT EXISTS input_ids (
    key TEXT PRIMARY KEY,              -- str(id): 7 and "7" are the same id
    source TEXT                        -- where it was first seen (file:line)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS jobs (
    name TEXT PRIMARY KEY,             -- r<round>-p<part>
    round INTEGER NOT NULL,
    part INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    path TEXT NOT NULL,
    input_file_id TEXT,
    batch_id TEXT,
    status TEXT NOT NULL DEFAULT 'written',
    output_file_id TEXT,
    error_file_id TEXT,
    message TEXT,
    collected INTEGER NOT NULL DEFAULT 0
);
"""


@dataclass
class Article:
    """One row of ``articles``."""

    position: int
    article_id: Any
    source: str | None
    text: str | None
    state: str
    round: int
    messages: list[dict[str, Any]] | None
    job: str | None
    answer_status: int | None
    answer_body: bytes | None
    attempts: int
    reasks_used: int
    line_retries: int
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int

    @property
    def custom_id(self) -> str:
        return custom_id(self.position, self.round)


@dataclass
class Job:
    """One row of ``jobs``: a part file and, once created, its batch at the provider."""

    name: str
    round: int
    part: int
    lines: int
    bytes: int
    path: str
    input_file_id: str | None
    batch_id: str | None
    status: str
    output_file_id: str | None
    error_file_id: str | None
    message: str | None
    collected: int


def state_dir(out: Path) -> Path:
    """Where a run keeps its state and request files: next to ``out``."""
    return out.with_name(out.name + ".batch-api")


def remove_state(directory: Path) -> None:
    """Delete a run's state folder: the state file and every part file in it."""
    if not directory.exists():
        return
    for path in directory.iterdir():
        path.unlink()
    directory.rmdir()


def custom_id(position: int, round_: int) -> str:
    """``"17"`` for the first request of article 17, ``"17.r1"`` for its first follow-up."""
    return str(position) if round_ == 0 else f"{position}.r{round_}"


def parse_custom_id(value: str) -> tuple[int, int] | None:
    head, _, tail = str(value).partition(".r")
    try:
        return int(head), int(tail) if tail else 0
    except ValueError:
        return None


_ARTICLE_COLUMNS = (
    "position, article_id, source, text, state, round, messages, job, answer_status, "
    "answer_body, attempts, reasks_used, line_retries, prompt_tokens, completion_tokens, "
    "total_tokens"
)
_JOB_COLUMNS = (
    "name, round, part, lines, bytes, path, input_file_id, batch_id, status, output_file_id, "
    "error_file_id, message, collected"
)


class BatchStore:
    """The SQLite state file. Not thread-safe: one run owns it at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"{path}: cannot open the batch state ({exc})") from None
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    # -- meta ---------------------------------------------------------------------------

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def run_id(self) -> str:
        """A random id for this state: tags the jobs so a re-run can find them at the provider."""
        value = self.get("run_id")
        if value is None:
            value = uuid.uuid4().hex
            self.put("run_id", value)
        return value

    @property
    def ingested(self) -> bool:
        return self.get("ingested") == "1"

    # -- articles -----------------------------------------------------------------------

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction: all of the block's writes land, or none (a crash rolls back)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def add_article(
        self,
        position: int,
        article_id: Any,
        source: str | None,
        text: str | None,
        messages: list[dict[str, Any]] | None,
        result: dict[str, Any] | None = None,
    ) -> None:
        self.db.execute(
            "INSERT INTO articles (position, article_id, source, text, state, messages, result)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                position,
                json.dumps(article_id),
                source,
                text,
                "final" if result is not None else "queued",
                json.dumps(messages, ensure_ascii=False) if messages is not None else None,
                json.dumps(result, ensure_ascii=False) if result is not None else None,
            ),
        )

    def claim_id(self, key: str, source: str | None) -> str | None:
        """Record an input id; if it was already seen, return where (the input is streamed,
        so ids are checked unique here, on disk, not in a set in memory)."""
        try:
            self.db.execute("INSERT INTO input_ids (key, source) VALUES (?, ?)", (key, source))
        except sqlite3.IntegrityError:
            row = self.db.execute("SELECT source FROM input_ids WHERE key = ?", (key,)).fetchone()
            return str(row[0]) if row and row[0] else "an earlier line"
        return None

    def articles(
        self, where: str, params: tuple[Any, ...] = (), chunk: int = 256
    ) -> Iterator[Article]:
        """Rows matching ``where``, in position order, fetched ``chunk`` at a time."""
        last = -1
        while True:
            rows = self.db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE position > ? AND ({where})"
                " ORDER BY position LIMIT ?",
                (last, *params, chunk),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _article(row)
            last = rows[-1][0]

    def article(self, position: int) -> Article | None:
        row = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE position = ?", (position,)
        ).fetchone()
        return _article(row) if row else None

    def count(self, where: str = "1", params: tuple[Any, ...] = ()) -> int:
        return int(
            self.db.execute(f"SELECT COUNT(*) FROM articles WHERE {where}", params).fetchone()[0]
        )

    def update(self, position: int, **values: Any) -> None:
        if "messages" in values and values["messages"] is not None:
            values["messages"] = json.dumps(values["messages"], ensure_ascii=False)
        if "result" in values and values["result"] is not None:
            values["result"] = json.dumps(values["result"], ensure_ascii=False)
        assignments = ", ".join(f"{name} = ?" for name in values)
        self.db.execute(
            f"UPDATE articles SET {assignments} WHERE position = ?", (*values.values(), position)
        )

    def store_answer(self, position: int, round_: int, status: int, body: bytes) -> bool:
        """Keep an answer for the outstanding request of ``position``; False if stale/unknown."""
        cursor = self.db.execute(
            "UPDATE articles SET answer_status = ?, answer_body = ?, state = 'answered'"
            " WHERE position = ? AND round = ? AND state = 'submitted'",
            (status, body, position, round_),
        )
        return cursor.rowcount == 1

    def results_from(self, position: int) -> Iterator[tuple[int, dict[str, Any]]]:
        """Final results from ``position`` on, stopping at the first article not final yet."""
        expected = position
        for row in self._iter_rows(
            "SELECT position, state, result FROM articles WHERE position >= ? ORDER BY position",
            (position,),
        ):
            if row[0] != expected or row[1] != "final":
                return
            yield row[0], json.loads(row[2])
            expected += 1

    def _iter_rows(self, sql: str, params: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
        cursor = self.db.execute(sql, params)
        while rows := cursor.fetchmany(256):
            yield from rows

    # -- jobs ---------------------------------------------------------------------------

    def add_job(self, job: Job) -> None:
        self.db.execute(
            f"INSERT INTO jobs ({_JOB_COLUMNS}) VALUES ({', '.join('?' * 13)})",
            (
                job.name,
                job.round,
                job.part,
                job.lines,
                job.bytes,
                job.path,
                job.input_file_id,
                job.batch_id,
                job.status,
                job.output_file_id,
                job.error_file_id,
                job.message,
                job.collected,
            ),
        )

    def update_job(self, name: str, **values: Any) -> None:
        assignments = ", ".join(f"{key} = ?" for key in values)
        self.db.execute(f"UPDATE jobs SET {assignments} WHERE name = ?", (*values.values(), name))

    def jobs(self, where: str = "1", params: tuple[Any, ...] = ()) -> list[Job]:
        rows = self.db.execute(
            f"SELECT {_JOB_COLUMNS} FROM jobs WHERE {where} ORDER BY round, part", params
        ).fetchall()
        return [Job(*row) for row in rows]

    def close(self) -> None:
        self.db.close()


def _article(row: tuple[Any, ...]) -> Article:
    values = list(row)
    values[1] = json.loads(values[1])
    values[6] = json.loads(values[6]) if values[6] is not None else None
    return Article(*values)


__all__ = [
    "Article",
    "BatchStore",
    "Job",
    "custom_id",
    "parse_custom_id",
    "remove_state",
    "state_dir",
]
