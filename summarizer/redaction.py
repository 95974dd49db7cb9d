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


def configure_logging(verbose: int) -> None:
    """--verbose logging to stderr, scrubbed. -v: our steps; -vv: HTTP and SDK debug too."""
    if verbose <= 0:
        # Keep third-party warnings (instructor logs every failed attempt) off the
        # user's terminal: the CLI already prints one clear line per failure.
        for name in ("instructor", "openai", "httpx2", "httpx"):
            logging.getLogger(name).addHandler(logging.NullHandler())
            logging.getLogger(name).propagate = False
        return
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(name)s %(levelname)s %(message)s", "%H:%M:%S")
    )
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    logging.getLogger("summarizer").setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    if verbose > 1:
        root.setLevel(logging.DEBUG)
    else:
        root.setLevel(logging.WARNING)
