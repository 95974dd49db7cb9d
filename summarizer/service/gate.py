"""At most N model calls in flight; the rest wait in a bounded queue for a bounded time.

A request that cannot get a slot in time (or finds the queue full) gets 503 with
Retry-After instead of piling up behind the model until every client times out.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections.abc import AsyncIterator

from summarizer.service.problems import Problem, ServiceError


class ModelGate:
    def __init__(self, max_in_flight: int, max_queue: int, queue_wait: float) -> None:
        self.max_in_flight = max_in_flight
        self.max_queue = max_queue
        self.queue_wait = queue_wait
        self.in_flight = 0
        self.waiting = 0
        self._semaphore = asyncio.Semaphore(max_in_flight)

    def retry_after(self) -> int:
        return max(1, math.ceil(self.queue_wait or 1))

    @contextlib.asynccontextmanager
    async def slot(self, *, wait: bool = False) -> AsyncIterator[None]:
        """A model slot; ``wait=True`` (batch jobs) waits as long as it takes."""
        if not wait and self._semaphore.locked() and self.waiting >= self.max_queue:
            raise ServiceError(
                Problem(
                    503,
                    "overloaded",
                    f"server busy: {self.in_flight} model calls in flight and "
                    f"{self.waiting} waiting; retry later",
                    self.retry_after(),
                )
            )
        self.waiting += 0 if wait else 1  # background work does not fill the bounded queue
        try:
            if wait:
                await self._semaphore.acquire()
            else:
                try:
                    await asyncio.wait_for(self._semaphore.acquire(), self.queue_wait)
                except TimeoutError:
                    raise ServiceError(
                        Problem(
                            503,
                            "overloaded",
                            f"server busy: no model slot free within {self.queue_wait:g}s; retry later",
                            self.retry_after(),
                        )
                    ) from None
        finally:
            self.waiting -= 0 if wait else 1
        self.in_flight += 1
        try:
            yield
        finally:
            self.in_flight -= 1
            self._semaphore.release()


__all__ = [
    "ModelGate",
]
