"""Faults from the model server: one table, run through the library, the async API and the CLI.

Every row scripts the FAKE OpenAI-compatible server (``tests/fakes/fake_openai_server.py``),
then asserts the outcome (success, or error class / exit code / message), how many
requests the server saw, and the elapsed time. Backoff is tiny (``FAST``) so the
matrix runs in seconds; Retry-After is still honoured and capped.

Defaults these rows exercise (``summarizer/config.py``): connect_timeout 5 s,
timeout 180 s per response (the whole response: a slow drip times out too),
transient_attempts 4, backoff 0.5 s doubling to 8 s (+ jitter), retry_after_cap 30 s,
max_retries 2 (re-asks after invalid/unverified output), deadline 600 s per article
(retries, re-asks and chunks included).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import summarizer.cli  # noqa: F401  (registers the commands)
from summarizer.cli.app import app
from summarizer.errors import (
    BackendRejected,
    BackendUnavailable,
    ModelOutputError,
    SummarizerError,
    VerificationFailed,
)
from summarizer.pipeline.summarizer import Summarizer
from summarizer.schema import ArticleSummary
from tests.fakes.fake_openai_server import (
    BAD_QUOTE_DRAFT,
    BELGOROD_DRAFT,
    BELGOROD_JSON,
    INVENTED_DRAFT,
    SCHEMA_VIOLATION,
    Behaviour,
    Completion,
    Drip,
    FakeOpenAIServer,
    Hang,
    Raw,
    Reset,
    Status,
    closed_port,
)
from tests.support.fault_fixtures import (
    BELGOROD,
    BELGOROD_PATH,
    FAKE_KEY,
    FAST,
    write_config,
)


@dataclass(frozen=True)
class Row:
    """One fault: what the server does, what the user must get, how many requests, how long."""

    id: str
    script: Callable[[], list[Behaviour]]
    requests: int | tuple[int, int]  # exact, or (min, max)
    max_s: float
    min_s: float = 0.0
    settings: dict[str, Any] = field(default_factory=dict)
    error: type[SummarizerError] | None = None  # None: a summary comes back
    exit_code: int = 0
    message: str = ""  # regex the error / stderr line must match
    statuses: dict[str, str] = field(default_factory=dict)  # figure path -> status, on success
    attempts: int | tuple[int, int] | None = None  # meta.attempts on success: exact or (min, max)
    refused: bool = False  # point the client at a closed port instead of the fake
    retries_logged: int | None = None  # transport retries seen in the log (when the fake sees none)
    claims: dict[str, str] = field(default_factory=dict)  # format claims: path -> status


def ok(content: Any = BELGOROD_DRAFT, **kw: Any) -> Completion:
    return Completion(content, **kw)


KILLED = "events[1].casualties.killed"
ROWS: list[Row] = [
    # -- transient: retried, then success or BackendUnavailable (exit 4) --------------
    Row("429-no-retry-after", lambda: [Status(429), ok()], 2, 1.5),
    Row("429-retry-after-1s", lambda: [Status(429, {"Retry-After": "1"}), ok()], 2, 3.0, min_s=1.0),
    Row(
        "429-retry-after-100s-capped",
        lambda: [Status(429, {"Retry-After": "100"}), ok()],
        2,
        2.0,
        min_s=0.2,
        settings={"retry_after_cap": 0.2},
    ),
    Row(  # a Retry-After that would outlive the deadline is not slept: fail now, clearly
        "429-retry-after-beyond-deadline",
        lambda: [Status(429, {"Retry-After": "5"}), ok()],
        1,
        1.0,
        settings={"deadline": 2.0},
        error=BackendUnavailable,
        exit_code=4,
        message=r"rate limited by http://127\.0\.0\.1:\d+/v1 \(HTTP 429\)",
    ),
    Row(
        "429-always",
        lambda: [Status(429)],
        4,
        2.0,
        error=BackendUnavailable,
        exit_code=4,
        message=r"rate limited by http://127\.0\.0\.1:\d+/v1 \(HTTP 429\)",
    ),
    Row("500-then-ok", lambda: [Status(500), ok()], 2, 1.5),
    Row("502-then-ok", lambda: [Status(502), ok()], 2, 1.5),
    Row("503-then-ok", lambda: [Status(503), ok()], 2, 1.5),
    Row("504-then-ok", lambda: [Status(504), ok()], 2, 1.5),
    Row(
        "503-always",
        lambda: [Status(503)],
        4,
        2.0,
        error=BackendUnavailable,
        exit_code=4,
        message=r"server error from http://127\.0\.0\.1:\d+/v1 \(HTTP 503\)",
    ),
    Row(
        "connection-refused",
        lambda: [ok()],
        0,
        2.0,
        refused=True,
        retries_logged=3,  # 4 attempts, all refused before reaching any server
        error=BackendUnavailable,
        exit_code=4,
        message=r"cannot connect to http://127\.0\.0\.1:\d+/v1",
    ),
    Row("reset-mid-body-then-ok", lambda: [Reset(BELGOROD_DRAFT), ok()], 2, 1.5),
    Row(
        "reset-mid-body-always",
        lambda: [Reset(BELGOROD_DRAFT)],
        4,
        2.0,
        error=BackendUnavailable,
        exit_code=4,
        message=r"lost the connection to http://127\.0\.0\.1:\d+/v1: .*(reset|closed|incomplete|peer)",
    ),
    Row(
        "never-answers",
        lambda: [Hang()],
        2,
        3.0,
        min_s=0.5,
        settings={"timeout": 0.25, "transient_attempts": 2},
        error=BackendUnavailable,
        exit_code=4,
        message=r"no answer from fake at http://127\.0\.0\.1:\d+/v1 within 0\.25s.*raise it with --timeout",
    ),
    Row(  # ~10 chunks 0.03 s apart: 0.3 s, inside the 1 s timeout
        "slow-drip-within-timeout",
        lambda: [Drip(BELGOROD_DRAFT, chunk=300, interval=0.03)],
        1,
        1.5,
        settings={"timeout": 1.0},
    ),
    Row(  # ~0.6 s of dripping against a 0.25 s timeout: every attempt times out
        "slow-drip-beyond-timeout",
        lambda: [Drip(BELGOROD_DRAFT, chunk=300, interval=0.06)],
        2,
        3.0,
        min_s=0.5,
        settings={"timeout": 0.25, "transient_attempts": 2},
        error=BackendUnavailable,
        exit_code=4,
        message=r"no answer from fake at http://127\.0\.0\.1:\d+/v1 within 0\.25s.*raise it with --timeout",
    ),
    Row(  # retries and re-asks never outlive the per-article deadline
        "deadline-cuts-retries",
        lambda: [Hang()],
        (2, 3),
        2.5,
        # two 0.5 s timeouts at least; it may stop short of 1.2 s when the next backoff
        # sleep would already end past the deadline ("no time left for another attempt")
        min_s=1.0,
        settings={"timeout": 0.5, "transient_attempts": 10, "deadline": 1.2},
        error=BackendUnavailable,
        exit_code=4,
        message=r"the 1\.2s deadline per article ran out",
    ),
    Row(  # each answer takes 0.4 s and is re-asked; the deadline stops the loop, the last answer is kept
        "deadline-cuts-reasks",
        lambda: [ok(BAD_QUOTE_DRAFT, delay=0.4)],
        (2, 3),  # 3 when the machine is idle
        2.5,
        min_s=1.0,
        settings={"deadline": 1.0, "max_retries": 5},
        statuses={KILLED: "quote_not_found"},
        attempts=(2, 3),
    ),
    # -- 200 with bad model output: re-asked (max_retries=2), then ModelOutputError (exit 4) --
    Row(
        "200-invalid-json-body",
        lambda: [Raw("{not json")],
        3,
        1.5,
        error=ModelOutputError,
        exit_code=4,
        message=r"model did not return a valid summary after 3 attempts: invalid JSON",
    ),
    Row(  # stops before the summary: nothing a summary can be made of
        "200-truncated-json",
        lambda: [ok(BELGOROD_JSON[:60])],
        3,
        1.5,
        error=ModelOutputError,
        exit_code=4,
        message=r"after 3 attempts: answer: Invalid JSON: EOF while parsing.*raise --max-tokens",
    ),
    Row(  # stops inside the summary, every time: what it finished is kept, flagged
        "200-truncated-json-salvaged",
        lambda: [ok(BELGOROD_JSON[:200])],
        3,
        1.5,
        attempts=3,
        claims={"summary": "cut", "answer": "cut"},
    ),
    Row(  # still refused after the re-asks: the event is dropped, flagged; the rest is kept
        "200-schema-violation",
        lambda: [ok(SCHEMA_VIOLATION)],
        3,
        1.5,
        attempts=3,
        claims={"events[0]": "malformed"},
    ),
    Row("200-schema-violation-then-ok", lambda: [ok(SCHEMA_VIOLATION), ok()], 2, 1.5, attempts=2),
    Row(
        "200-empty-choices",
        lambda: [ok(choices=[])],
        1,
        1.5,
        error=ModelOutputError,
        exit_code=4,
        message=r"returned an empty completion \(no choices\)",
    ),
    Row(  # cut at max_tokens: no re-ask (it would be cut too); the finished part is kept
        "200-finish-reason-length",
        lambda: [ok(BELGOROD_JSON[:300], finish_reason="length")],
        1,
        1.5,
        attempts=1,
        claims={"answer": "cut", "events[0]": "malformed"},
    ),
    Row(  # cut at max_tokens before anything usable: the error says what to raise
        "200-finish-reason-length-nothing-kept",
        lambda: [ok(BELGOROD_JSON[:60], finish_reason="length")],
        1,
        1.5,
        error=ModelOutputError,
        exit_code=4,
        message=r"cut off at max_tokens=3072 \(finish_reason=length\).*raise --max-tokens",
    ),
    # -- unverified figures: re-asked, then returned flagged (exit 0; --strict: exit 3) --
    Row(
        "200-quote-not-in-article",
        lambda: [ok(BAD_QUOTE_DRAFT)],
        3,
        1.5,
        statuses={KILLED: "quote_not_found"},
        attempts=3,
    ),
    Row(
        "200-quote-not-in-article-strict",
        lambda: [ok(BAD_QUOTE_DRAFT)],
        3,
        1.5,
        settings={"strict": True},
        error=VerificationFailed,
        exit_code=3,
        message=r"1 of \d+ claims failed verification \(--strict\)",
    ),
    Row(
        "200-figure-not-in-article",
        lambda: [ok(INVENTED_DRAFT)],
        3,
        1.5,
        statuses={"events[0].casualties.killed": "not_in_article"},
        attempts=3,
    ),
    Row("200-bad-quote-fixed-on-reask", lambda: [ok(BAD_QUOTE_DRAFT), ok()], 2, 1.5, attempts=2),
    # -- rejected: never retried (exactly 1 request), one clear line, exit 4 ------------
    Row(
        "400",
        lambda: [Status(400, message=f"bad request for key {FAKE_KEY}")],
        1,
        1.0,
        error=BackendRejected,
        exit_code=4,
        message=r"rejected the request \(HTTP 400\): bad request for key \[REDACTED\]",
    ),
    Row(  # a server's words are printed literally: no rich markup crash, still one line
        "400-markup-in-message",
        lambda: [Status(400, message="unexpected token [/] near [bold]x")],
        1,
        1.0,
        error=BackendRejected,
        exit_code=4,
        message=r"\(HTTP 400\): unexpected token \[/\] near \[bold\]x",
    ),
    Row(
        "401",
        lambda: [Status(401, message=f"Incorrect API key provided: {FAKE_KEY}")],
        1,
        1.0,
        error=BackendRejected,
        exit_code=4,
        message=r"rejected the API key \(HTTP 401\); check OPENAI_API_KEY",
    ),
    Row(
        "403",
        lambda: [Status(403, message="project has no access to model fake")],
        1,
        1.0,
        error=BackendRejected,
        exit_code=4,
        message=r"denied access \(HTTP 403\): project has no access",
    ),
    Row(
        "404",
        lambda: [Status(404)],
        1,
        1.0,
        error=BackendRejected,
        exit_code=4,
        message=r"not found \(HTTP 404\) at http://127\.0\.0\.1:\d+/v1: check --base-url and that model 'fake' exists",
    ),
]
# The async API runs the same transport code through AsyncRetryTransport; a cross-section.
ASYNC_ROWS = [
    row
    for row in ROWS
    if row.id
    in {
        "429-retry-after-1s",
        "503-always",
        "reset-mid-body-then-ok",
        "slow-drip-beyond-timeout",
        "deadline-cuts-retries",
        "200-quote-not-in-article",
        "401",
    }
]
MEASURED: list[str] = []


@pytest.fixture(autouse=True)
def api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row runs with a (fake) key in the environment, as a user would."""
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)


@pytest.fixture(scope="module", autouse=True)
def _warm(warm_up: None) -> None:
    """Timed rows start warm."""


def _url(fake: FakeOpenAIServer, row: Row) -> str:
    return f"http://127.0.0.1:{closed_port()}/v1" if row.refused else fake.url


def _check_requests(fake: FakeOpenAIServer, row: Row) -> None:
    if isinstance(row.requests, tuple):
        assert row.requests[0] <= fake.count <= row.requests[1], fake.count
    else:
        assert fake.count == row.requests
    for request in fake.requests:  # the key went where it belongs: the Authorization header
        assert request.headers.get("authorization") == f"Bearer {FAKE_KEY}"


def _check_time(elapsed: float, row: Row) -> None:
    assert row.min_s <= elapsed < row.max_s, (
        f"{row.id}: {elapsed:.2f}s not in [{row.min_s}, {row.max_s})"
    )


def _check_summary(summary: ArticleSummary, row: Row) -> None:
    assert summary.verification is not None and summary.meta is not None
    statuses = {check.path: check.status for check in summary.verification.figures}
    expected = {path: "verified" for path in statuses} | row.statuses
    assert statuses == expected
    if isinstance(row.attempts, tuple):
        assert row.attempts[0] <= summary.meta.attempts <= row.attempts[1]
    else:
        assert summary.meta.attempts == (row.attempts or 1)
    assert summary.meta.reasks == summary.meta.attempts - 1
    form = {c.path: c.status for c in summary.verification.claims if c.kind == "format"}
    assert form == row.claims
    dumped = summary.model_dump_json()
    assert FAKE_KEY not in dumped and "Bearer" not in dumped


def params(rows: list[Row]) -> list[Any]:
    """One pytest param per row; rows that wait a second or more by design are ``slow``."""
    return [
        pytest.param(
            row,
            id=row.id,
            # seconds: what tests/support/schedule.py deals by (the row's wait, plus the run itself)
            marks=[pytest.mark.slow(seconds=row.min_s + 0.2)] if row.min_s >= 1.0 else [],
        )
        for row in rows
    ]


def _measure(kind: str, row: Row, fake: FakeOpenAIServer, elapsed: float, outcome: str) -> None:
    MEASURED.append(f"{kind:5} {row.id:34} requests={fake.count} elapsed={elapsed:.2f}s {outcome}")
    print(MEASURED[-1])


@pytest.mark.parametrize("row", params(ROWS))
def test_fault_library(
    row: Row,
    fake_server: FakeOpenAIServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="summarizer.backends.transport")
    fake_server.script(*row.script())
    options = {**FAST, **row.settings}
    started = time.monotonic()
    with Summarizer(
        backend="compatible", base_url=_url(fake_server, row), model="fake", **options
    ) as summarizer:
        if row.error is None:
            summary = summarizer.summarize(BELGOROD)
            outcome = "ok"
        else:
            with pytest.raises(row.error) as caught:
                summarizer.summarize(BELGOROD)
            outcome = f"{type(caught.value).__name__}: {caught.value}"
    elapsed = time.monotonic() - started
    _measure("lib", row, fake_server, elapsed, outcome)
    if row.error is None:
        _check_summary(summary, row)
    else:
        assert re.search(row.message, str(caught.value)), str(caught.value)
        assert caught.value.exit_code == row.exit_code
        assert FAKE_KEY not in str(caught.value)
        if isinstance(caught.value, VerificationFailed):  # the flagged summary rides along
            assert isinstance(caught.value.summary, ArticleSummary)
            checks = {c.path: c.status for c in caught.value.summary.verification.figures}
            assert checks[KILLED] == "quote_not_found"
    _check_requests(fake_server, row)
    _check_time(elapsed, row)
    if row.retries_logged is not None:
        retries = [
            r
            for r in caplog.records
            if r.name == "summarizer.backends.transport" and "retry" in r.getMessage()
        ]
        assert len(retries) == row.retries_logged


async def _async_run(row: Row, url: str) -> ArticleSummary:
    options = {**FAST, **row.settings}
    async with Summarizer(
        backend="compatible", base_url=url, model="fake", **options
    ) as summarizer:
        return await summarizer.asummarize(BELGOROD)


@pytest.mark.parametrize("row", params(ASYNC_ROWS))
def test_fault_async(row: Row, fake_server: FakeOpenAIServer) -> None:
    import asyncio

    fake_server.script(*row.script())
    started = time.monotonic()
    if row.error is None:
        summary = asyncio.run(_async_run(row, _url(fake_server, row)))
        outcome = "ok"
    else:
        with pytest.raises(row.error) as caught:
            asyncio.run(_async_run(row, _url(fake_server, row)))
        outcome = f"{type(caught.value).__name__}: {caught.value}"
    elapsed = time.monotonic() - started
    _measure("async", row, fake_server, elapsed, outcome)
    if row.error is None:
        _check_summary(summary, row)
    else:
        assert re.search(row.message, str(caught.value)), str(caught.value)
    _check_requests(fake_server, row)
    _check_time(elapsed, row)


@pytest.mark.parametrize("row", params(ROWS))
def test_fault_cli(row: Row, fake_server: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_server.script(*row.script())
    settings = {**FAST, **row.settings}
    strict = settings.pop("strict", False)
    config = write_config(tmp_path / "config.toml", **settings)
    args = [
        "summarize",
        str(BELGOROD_PATH),
        "--backend",
        "compatible",
        "--base-url",
        _url(fake_server, row),
    ]
    args += ["--model", "fake", "--format", "json"] + (["--strict"] if strict else [])
    started = time.monotonic()
    result = CliRunner().invoke(
        app, args, env={"SUMMARIZER_CONFIG": str(config), "OPENAI_API_KEY": FAKE_KEY}
    )
    elapsed = time.monotonic() - started
    _measure("cli", row, fake_server, elapsed, f"exit {result.exit_code}: {result.stderr.strip()}")

    assert result.exit_code == row.exit_code, (result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    assert FAKE_KEY not in result.stdout + result.stderr
    if row.exit_code in (0, 3):
        summary = ArticleSummary.model_validate(json.loads(result.stdout))
        if row.exit_code == 0:
            _check_summary(summary, row)
    if row.error is not None:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
        assert re.search(row.message, lines[0]), lines[0]
    _check_requests(fake_server, row)
    _check_time(elapsed, row)


def test_matrix_covers_every_fault_class() -> None:
    ids = {row.id for row in ROWS}
    for needed in (
        "429-no-retry-after",
        "429-retry-after-1s",
        "429-retry-after-100s-capped",
        "connection-refused",
        "reset-mid-body-then-ok",
        "never-answers",
        "slow-drip-within-timeout",
        "slow-drip-beyond-timeout",
        "200-invalid-json-body",
        "200-truncated-json",
        "200-schema-violation",
        "200-empty-choices",
        "200-finish-reason-length",
        "200-quote-not-in-article",
        "400",
        "401",
        "403",
        "404",
    ):
        assert needed in ids
    for status in (500, 502, 503, 504):
        assert any(row.id.startswith(str(status)) for row in ROWS)
