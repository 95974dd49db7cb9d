"""How a Batch API run splits, waits and retries, and what it reports while it works.

Every other module of :mod:`summarizer.batch.api` reads these; none of them owns them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from summarizer.batch.api.store import Job

log = logging.getLogger("summarizer.batch.api")

MAX_LINES = 50_000  # OpenAI: requests per batch input file
MAX_BYTES = 200 * 1024 * 1024  # OpenAI: bytes per batch input file
COMPLETION_WINDOW = "24h"
BATCH_PRICE_FACTOR = 0.5  # OpenAI bills Batch API tokens at half the live price


@dataclass(frozen=True)
class BatchApiOptions:
    """How a run splits, waits and retries (the defaults are OpenAI's limits)."""

    max_lines: int = MAX_LINES
    max_bytes: int = MAX_BYTES
    completion_window: str = COMPLETION_WINDOW
    wait: bool = True
    retry_live: bool = False
    line_retries: int = 1  # a failed line (5xx, expired, missing) is sent this many more times
    poll_initial: float = 5.0
    poll_max: float = 60.0
    price_factor: float = BATCH_PRICE_FACTOR


class Progress(Protocol):
    """What a run reports while it works (the CLI draws it with rich)."""

    def note(self, message: str) -> None: ...

    def job(self, job: Job, completed: int, failed: int, total: int) -> None: ...


class LogProgress:
    """The default :class:`Progress`: log lines (a library caller without a screen)."""

    def note(self, message: str) -> None:
        log.info("%s", message)

    def job(self, job: Job, completed: int, failed: int, total: int) -> None:
        log.info("%s %s: %d/%d done, %d failed", job.name, job.status, completed, total, failed)


__all__ = [
    "BATCH_PRICE_FACTOR",
    "COMPLETION_WINDOW",
    "MAX_BYTES",
    "MAX_LINES",
    "BatchApiOptions",
    "LogProgress",
    "Progress",
]
