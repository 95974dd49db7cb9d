"""Exceptions a caller can catch. Third-party errors never leak past the library.

SummarizerError                 base; ``exit_code`` is what the CLI exits with
├── InputError                  empty, binary, undecodable, missing input (exit 2)
├── ConfigError                 bad option, missing extra, unknown prompt (exit 2)
├── BackendError                the model server failed us (exit 4)
│   ├── BackendUnavailable      cannot connect / timed out / 5xx after retries
│   ├── BackendRejected         400/401/403/404: never retried
│   │   └── NotAnOpenAIServer   the URL answers HTML or plain text, not the API (exit 2)
│   ├── ModelOutputError        the model never produced a valid summary
│   └── BatchJobError           a Batch API job failed, expired or was cancelled
├── VerificationFailed          --strict and some figure is unverified (exit 3)
└── CassetteMiss                a test replayed a request no cassette holds (exit 2)

Every error's message is one line. ``details`` holds further lines when one line cannot
say it all (every problem of an invalid summary); the CLI prints them one per line below
the message. ``usage`` is what the model calls spent before the failure (tokens count
even when no summary came of them: a batch's totals include them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.schema import Usage


# `summarizer batch` (every path: live, --via batch-api, batch import) finished, and the
# results file holds an error line for some article: not an unexpected error (1).
EXIT_SOME_FAILED = 5


class SummarizerError(Exception):
    exit_code: int = 1
    usage: Usage | None = None

    def __init__(self, message: str = "", *, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.details: tuple[str, ...] = tuple(details)


class InputError(SummarizerError):
    exit_code = 2


class ConfigError(SummarizerError):
    exit_code = 2


class BackendError(SummarizerError):
    exit_code = 4


class BackendUnavailable(BackendError):
    pass


class BackendRejected(BackendError):
    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class NotAnOpenAIServer(BackendRejected):
    """The base URL answers, but not as an OpenAI-compatible API (a web page, plain text).

    A configuration mistake (exit 2, fix ``--base-url``), found at the first answer; for
    the service it is still an upstream failure (502), not a bad request.
    """

    exit_code = 2


class ModelOutputError(BackendError):
    pass


class VerificationFailed(SummarizerError):
    """Strict mode: the summary exists but some figure is unverified. It rides along."""

    exit_code = 3

    def __init__(self, message: str, summary: object | None = None) -> None:
        super().__init__(message)
        self.summary = summary


class CassetteMiss(SummarizerError):
    exit_code = 2


class BatchJobError(BackendError):
    """A provider batch job failed, expired or was cancelled (Batch API)."""


__all__ = [
    "EXIT_SOME_FAILED",
    "BackendError",
    "BackendRejected",
    "BackendUnavailable",
    "BatchJobError",
    "CassetteMiss",
    "ConfigError",
    "InputError",
    "ModelOutputError",
    "NotAnOpenAIServer",
    "SummarizerError",
    "VerificationFailed",
]
