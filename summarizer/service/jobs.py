"""The batch runner: works through pending batch requests, one row at a time.

One runner per state folder (an exclusive file lock), so with several uvicorn workers
exactly one of them runs jobs while all of them accept and answer. On start it puts
rows a dead process left ``running`` back to ``pending`` and carries on: a restart
resumes every unfinished job, losing no finished result and duplicating none.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from pathlib import Path

from pydantic import ValidationError

from summarizer.errors import SummarizerError
from summarizer.redaction import redact
from summarizer.service.engine import Engine
from summarizer.service.models import ModelOptions, SummaryRequest
from summarizer.service.problems import ServiceError, problem_for
from summarizer.service.store import Store

log = logging.getLogger("summarizer.service.jobs")

IDLE_POLL = 0.25  # seconds between looks for new work when idle (jobs from other workers)


class JobRunner:
    def __init__(self, store: Store, engine: Engine, lock_path: Path, concurrency: int) -> None:
        self.store = store
        self.engine = engine
        self.lock_path = lock_path
        self.concurrency = concurrency
        self.wake = asyncio.Event()
        self._lock_fd: int | None = None
        self._loop_task: asyncio.Task[None] | None = None
        self._running: set[asyncio.Task[None]] = set()
        self._stopping = False

    @property
    def active(self) -> bool:
        return self._loop_task is not None

    def start(self) -> bool:
        """Become the runner if no other process is; False if another one is."""
        fd = os.open(self.lock_path, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._lock_fd = fd
        requeued = self.store.requeue_running()
        if requeued:
            log.info("resuming %d batch request(s) interrupted by the last shutdown", requeued)
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
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(BaseException):
                await self._loop_task
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    async def _loop(self) -> None:
        while not self._stopping:
            if self.engine.readiness != "ok":  # e.g. the embedded model is still starting
                await asyncio.sleep(IDLE_POLL)
                continue
            claimed = 0
            self.store.expire_due()
            for batch_id in self.store.active_batches():
                free = self.concurrency - len(self._running)
                if free <= 0:
                    break
                for idx, custom_id, body in self.store.claim(batch_id, free):
                    claimed += 1
                    task = asyncio.create_task(self._run_one(batch_id, idx, custom_id, body))
                    self._running.add(task)
                    task.add_done_callback(self._running.discard)
                if not self._running:
                    self.store.settle(batch_id)
            if self._running and claimed == 0:
                await asyncio.wait(self._running, return_when=asyncio.FIRST_COMPLETED)
                continue
            if claimed == 0:
                self.wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wake.wait(), IDLE_POLL)

    async def _run_one(self, batch_id: str, idx: int, custom_id: str, body: str) -> None:
        caller = self.store.batch_caller(batch_id)
        try:
            request = SummaryRequest.model_validate_json(body)
            options = request.options
            if options is None and (stored := self.store.batch_options(batch_id)):
                options = ModelOptions.model_validate(stored)
            summary = await self.engine.summarize(request.text, request.prompt, options, wait=True)
        except asyncio.CancelledError:
            self.store.release(batch_id, idx)  # shutdown: back to the queue for the next start
            raise
        except (SummarizerError, ServiceError) as exc:
            problem = exc.problem if isinstance(exc, ServiceError) else problem_for(exc)
            self.store.finish(
                batch_id,
                idx,
                caller=caller,
                error={"code": problem.code, "message": problem.message, "status": problem.status},
            )
        except ValidationError as exc:
            self.store.finish(
                batch_id,
                idx,
                caller=caller,
                error={
                    "code": "invalid_request",
                    "message": redact(str(exc.errors()[0]["msg"])),
                    "status": 422,
                },
            )
        else:
            self.store.finish(
                batch_id,
                idx,
                caller=caller,
                article=request.text,
                summary_json=summary.model_dump_json(),
            )
        self.store.settle(batch_id)
