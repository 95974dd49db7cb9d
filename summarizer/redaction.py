"""Keep secrets out of messages and logs: the configured key and anything key-shaped."""

from __future__ import annotations

import logging
import re

_KEY_SHAPED = re.compile(r"(sk-[A-Za-z0-9_*\-]{6,}|(?i:bearer)\s+[A-Za-z0-9._~+/=\-]{6,})")
_known_secrets: set[str] = set()


def register_secret(secret: str | None) -> None:
    """Remember a secret so every later message and log line has it scrubbed."""
    if secret and len(secret) >= 4:
        _known_secrets.add(secret)


def redact(text: str) -> str:
    for secret in _known_secrets:
        text = text.replace(secret, "[REDACTED]")
    return _KEY_SHAPED.sub("[REDACTED]", text)


class RedactingFilter(logging.Filter):
    """A logging filter that scrubs the final message of every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class RedactingFormatter(logging.Formatter):
    """Scrubs the whole formatted record: message, traceback and stack alike."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class CliLogHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The one stderr handler --verbose installs (replaced, not stacked, on a second call)."""


def configure_logging(verbose: int) -> None:
    """--verbose logging to stderr, scrubbed.

    -v: our steps (server start and its threads, each attempt: asked, answered, rejected);
    -vv: each HTTP request too, and what third-party libraries logged during our calls;
    -vvv: every library's own debug output. Without -v nothing is configured: third-party
    loggers stay as they are, and their records during our calls are demoted to our
    DEBUG (see :class:`summarizer.backends.call.DemoteToDebug`), so nothing is dumped.
    """
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, CliLogHandler)]:
        root.removeHandler(old)
    if verbose <= 0:
        return
    handler = CliLogHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(name)s %(levelname)s %(message)s", "%H:%M:%S")
    )
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    logging.getLogger("summarizer").setLevel(logging.INFO if verbose == 1 else logging.DEBUG)
    root.setLevel(logging.DEBUG if verbose >= 3 else logging.WARNING)


__all__ = [
    "CliLogHandler",
    "RedactingFilter",
    "RedactingFormatter",
    "configure_logging",
    "redact",
    "register_secret",
]
