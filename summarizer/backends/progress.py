"""What a model call is doing right now, for whoever shows progress (the CLI's spinner).

A run on a small CPU takes minutes; "Summarizing..." alone cannot tell a slow run from
a stuck one. The library fills in a :class:`CallProgress` (phase, attempt, tokens so
far) when someone is :func:`tracking` it, and does nothing when nobody is.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class CallProgress:
    """Read from another thread (a spinner): plain fields, each write atomic."""

    phase: str = "starting"
    model: str = ""
    attempt: int = 0
    max_attempts: int = 0
    tokens: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def describe(self) -> str:
        """'asking SmolLM2 · attempt 2/3 · 1,830 tokens · 41s'."""
        parts = [self.phase]
        if self.attempt:
            limit = f"/{self.max_attempts}" if self.max_attempts else ""
            parts.append(f"attempt {self.attempt}{limit}")
        if self.tokens:
            parts.append(f"{self.tokens:,} tokens so far")
        parts.append(f"{self.elapsed:.0f}s")
        return " · ".join(parts)


_current: contextvars.ContextVar[CallProgress | None] = contextvars.ContextVar(
    "summarizer_progress", default=None
)


@contextlib.contextmanager
def tracking(progress: CallProgress | None = None) -> Iterator[CallProgress]:
    """Everything the library does inside reports into the returned :class:`CallProgress`."""
    progress = progress or CallProgress()
    token = _current.set(progress)
    try:
        yield progress
    finally:
        _current.reset(token)


def current() -> CallProgress | None:
    """The progress being tracked here, or None (then there is nothing to update)."""
    return _current.get()


def update(**changes: object) -> None:
    progress = _current.get()
    if progress is not None:
        for name, value in changes.items():
            setattr(progress, name, value)


__all__ = [
    "CallProgress",
    "current",
    "tracking",
    "update",
]
