"""instructor's own log records, demoted to our DEBUG inside our calls.

instructor logs every failed attempt at ERROR with the whole validation dump; our -v
lines already say it in one line, and our errors say it once."""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator

from summarizer.redaction import redact

log = logging.getLogger("summarizer.backends.call")


_in_our_call: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "summarizer_in_model_call", default=False
)
QUIETED_LOGGERS = ("instructor",)


class DemoteToDebug(logging.Filter):
    """Inside our calls, a third-party record goes to our logger at DEBUG instead.

    instructor logs every failed attempt at ERROR with the whole validation dump; with
    no logging configured Python prints that to stderr. Our -v lines already say it in
    one line, and our errors say it once. Outside our calls the record passes untouched.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not _in_our_call.get():
            return True
        log.debug("%s: %s", record.name, redact(record.getMessage()))
        return False


_DEMOTE = DemoteToDebug()


def demote_third_party_loggers() -> None:
    """Put the filter on every instructor logger that exists (some appear on first use)."""
    for name in list(logging.root.manager.loggerDict):
        if name.split(".")[0] in QUIETED_LOGGERS:
            logger = logging.getLogger(name)
            if _DEMOTE not in logger.filters:
                logger.addFilter(_DEMOTE)


@contextlib.contextmanager
def quiet_third_party() -> Iterator[None]:
    """Mark the code inside as our call; every instructor logger carries the demoting filter."""
    import instructor  # noqa: F401 - its loggers exist once it is imported

    demote_third_party_loggers()
    token = _in_our_call.set(True)
    try:
        yield
    finally:
        _in_our_call.reset(token)


__all__ = [
    "DemoteToDebug",
    "demote_third_party_loggers",
    "quiet_third_party",
]
