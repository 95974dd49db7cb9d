"""The batch runner: leases pending batch requests from the state store and runs them.

SQLite state (one machine): one runner per state folder (an exclusive file lock), so with
several uvicorn workers exactly one of them runs jobs while all of them accept and
answer; on start it puts rows a dead process left ``running`` back to ``pending``.

Shared state (Postgres): every worker of every replica runs a runner. Each claims rows
with a lease it renews by heartbeat while it works; a replica that dies stops renewing,
and its rows go to whichever runner claims next. An outcome is recorded only while its
lease is held, so every request is answered exactly once, whoever ran it.

Either way a restart resumes every unfinished job, losing no finished result. While the
database is away the runner backs off (0.25 s doubling to 5 s) and keeps finished
results in memory until they can be recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import secrets
import socket
import time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summarizer.errors import SummarizerError
from summarizer.redaction import redact
from summarizer.service.engine import Engine
from summarizer.service.models import ModelOptions, SummaryRequest
from summarizer.service.problems import ServiceError, problem_of
from summarizer.service.state import Claim, Offload, StateStore, StateUnavailable

log = logging.getLogger("summarizer.service.jobs")

IDLE_POLL = 0.25  # seconds between looks for new work when idle (jobs from other workers)
SWEEP_EVERY = 2.0  # seconds between expiry / settle sweeps
BACKOFF_FIRST = 0.25
BACKOFF_MAX = 5.0


class JobRunner:
    def __init__(
        self,
        store: StateStore,
        offload: Offload,
        engine: Engine,
        concurrency: int,
        *,
        lock_path: Path,
        lease: float,
    ) -> None:
        self.store = store
        self.call = offload
        self.engine = engine
        self.lock_path = lock_path
        self.concurrency = concurrency
        self.lease = lease
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.wake = asyncio.Event()
        self._lock_fd: int | None = None
        self._loop_task: asyncio.Task[None] | None = None
        self._heartbeat_task: asyncio.Task[None] | None = None
        self._running: set[asyncio.Task[None]] = set()
        self._stopping = False
        self._down_since: float | None = None

    @property
    def active(self) -> bool:
        return self._loop_task is not None

    def start(self) -> bool:
        """Start running jobs; False if the state is a folder another process runs already."""
        if not self.store.shared:
            fd = os.open(self.lock_path, os.O_CREAT | os.O_RDWR, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
            self._lock_fd = fd
            requeued = self.store.recover()
            if requeued:
                log.info("resuming %d batch request(s) interrupted by the last shutdown", requeued)
        else:
            self._heartbeat_task = asyncio.create_task(self._heartbeat())
        self._loop_task = asyncio.create_task(self._loop())
        return True

    async def stop(self, drain_timeout: float) -> None:
        """Stop claiming; give running requests ``drain_timeout`` s, then requeue the rest."""
        self._stopping = True
        self.wake.set()
        if self._running:
            await asyncio.wait(self._running, timeout=drain_timeout)
        for task in list(self._running):
            task.cancel()
        if self._running:
            await asyncio.wait(self._running)
        for background in (self._loop_task, self._heartbeat_task):
            if background is not None:
                background.cancel()
                with contextlib.suppress(BaseException):
                    await background
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- the loop ----------------------------------------------------------------------

    async def _loop(self) -> None:
        backoff = BACKOFF_FIRST
        last_sweep = 0.0
        while not self._stopping:
            if self.engine.readiness != "ok":  # e.g. the embedded model is still starting
                await asyncio.sleep(IDLE_POLL)
                continue
            try:
                if time.monotonic() - last_sweep >= SWEEP_EVERY:
                    await self.call(self.store.expire_due)
                    await self.call(self.store.settle_idle)
                    last_sweep = time.monotonic()
                free = self.concurrency - len(self._running)
                claims = (
                    await self.call(self.store.claim, self.owner, free, self.lease)
                    if free > 0
                    else []
                )
            except StateUnavailable as exc:
                self._down(exc)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, BACKOFF_MAX)
                continue
            self._up()
            backoff = BACKOFF_FIRST
            for claim in claims:
                task = asyncio.create_task(self._run_one(claim))
                self._running.add(task)
                task.add_done_callback(self._running.discard)
            if claims:
                continue
            if self._running:
                await asyncio.wait(
                    self._running, timeout=IDLE_POLL, return_when=asyncio.FIRST_COMPLETED
                )
                continue
            self.wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), IDLE_POLL)

    async def _heartbeat(self) -> None:
        """Renew this runner's leases at a third of their length, while it holds any."""
        while True:
            await asyncio.sleep(self.lease / 3)
            if not self._running:
                continue
            try:
                await self.call(self.store.heartbeat, self.owner, self.lease)
            except StateUnavailable as exc:
                self._down(exc)

    def _down(self, exc: StateUnavailable) -> None:
        if self._down_since is None:
            self._down_since = time.monotonic()
            log.warning("batch runner waiting for the state database: %s", exc)

    def _up(self) -> None:
        if self._down_since is not None:
            log.info(
                "state database back after %.1fs; batch runner resumes",
                time.monotonic() - self._down_since,
            )
            self._down_since = None

    # -- one request ------------------------------------------------------------------

    async def _run_one(self, claim: Claim) -> None:
        try:
            outcome = await self._outcome(claim)
        except asyncio.CancelledError:
            with contextlib.suppress(StateUnavailable):  # else its lease runs out
                await self.call(self.store.release, claim, self.owner)
            raise
        await self._record(claim, outcome)

    async def _outcome(self, claim: Claim) -> dict[str, Any]:
        """finish()'s keyword arguments: the summary, or the error a client would get."""
        try:
            request = SummaryRequest.model_validate_json(claim.body)
            options = request.options
            if options is None and claim.options:
                options = ModelOptions.model_validate(claim.options)
            summary = await self.engine.summarize(request.text, request.prompt, options, wait=True)
        except (SummarizerError, ServiceError) as exc:
            problem = problem_of(exc)
            return {
                "error": {
                    "code": problem.code,
                    "message": problem.message,
                    "status": problem.status,
                }
            }
        except ValidationError as exc:
            return {
                "error": {
                    "code": "invalid_request",
                    "message": redact(str(exc.errors()[0]["msg"])),
                    "status": 422,
                }
            }
        return {"article": request.text, "summary_json": summary.model_dump_json()}

    async def _record(self, claim: Claim, outcome: dict[str, Any]) -> None:
        """finish() then settle(), retried with backoff while the database is away."""
        delay = BACKOFF_FIRST
        while True:
            try:
                held = await self.call(self.store.finish, claim, self.owner, **outcome)
                if not held:
                    log.info(
                        "batch %s request %d: lease lost (taken over or cancelled); "
                        "this outcome is dropped",
                        claim.batch_id,
                        claim.idx,
                    )
                await self.call(self.store.settle, claim.batch_id)
                return
            except StateUnavailable as exc:
                if self._stopping:  # shutting down: the lease runs out, another runner redoes it
                    log.warning(
                        "batch %s request %d not recorded: %s", claim.batch_id, claim.idx, exc
                    )
                    return
                self._down(exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, BACKOFF_MAX)


__all__ = [
    "JobRunner",
]
