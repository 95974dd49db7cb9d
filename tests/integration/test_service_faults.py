"""Faults through the API on a live uvicorn process.

* backend 429 / 5xx / timeout -> clear HTTP errors worded exactly like the CLI's error line
* a client that disconnects cancels its model call
* SIGTERM drains the request in flight, then the process exits 0
* restarts in the middle of a batch (a crash, then SIGTERM) lose no result, duplicate none
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from typer.testing import CliRunner

from summarizer.cli.app import app
from summarizer.service.models import Batch
from tests.fakes.fake_openai_server import FakeOpenAIServer, Hang, Status
from tests.support.service_fixtures import (
    BELGOROD_TEXT,
    LiveService,
    batch_body,
    jsonl,
    wait_for_batch,
)

pytestmark = [pytest.mark.service, pytest.mark.slow]

FAST = {
    "transient_attempts": 2,
    "backoff_initial": 0.01,
    "backoff_max": 0.05,
    "retry_after_cap": 0.1,
    "timeout": 0.6,
    "connect_timeout": 1.0,
}


@pytest.fixture(scope="module")
def scripted() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


@pytest.fixture(scope="module")
def fault_service(
    scripted: FakeOpenAIServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveService]:
    with LiveService(scripted.url, tmp_path_factory.mktemp("faults"), config=FAST) as live:
        yield live


def cli_error_line(live: LiveService, article: Path) -> str:
    """What `summarizer summarize` prints for the same fault, with the same settings
    (the CLI run in this process: its wording is the point, not its process)."""
    result = CliRunner().invoke(
        app,
        [
            "summarize",
            str(article),
            "--backend",
            "compatible",
            "--base-url",
            live.base_url,
            "--model",
            live.model,
        ],
        env={
            "SUMMARIZER_CONFIG": str(live.state_dir / "config.toml"),
            "SUMMARIZER_CACHE_DIR": str(live.state_dir / "cli-cache"),
        },
    )
    assert result.exit_code == 4, result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("error: ")
    return line.removeprefix("error: ")


@pytest.mark.parametrize(
    ("behaviour", "status", "code"),
    [
        (Status(429, message="slow down"), 503, "backend_rate_limited"),
        (Status(500, message="boom"), 502, "backend_unavailable"),
        (Hang(), 504, "backend_timeout"),
    ],
    ids=["429", "500", "timeout"],
)
def test_backend_faults_map_to_http_errors_worded_like_the_cli(
    fault_service: LiveService,
    scripted: FakeOpenAIServer,
    tmp_path: Path,
    behaviour: Any,
    status: int,
    code: str,
) -> None:
    scripted.script(behaviour)
    with fault_service.client() as client:
        response = client.post("/v1/summaries", json={"text": BELGOROD_TEXT})
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code
    if status == 503:
        assert int(response.headers["Retry-After"]) >= 1
    article = tmp_path / "article.txt"
    article.write_text(BELGOROD_TEXT, encoding="utf-8")
    scripted.script(behaviour)
    assert body["detail"] == cli_error_line(fault_service, article)


@pytest.mark.slow(seconds=5)  # what tests/support/schedule.py deals by
def test_client_disconnect_cancels_the_model_call(
    scripted: FakeOpenAIServer, tmp_path: Path
) -> None:
    scripted.script(Status(400), Hang())  # one quick failure warms the client up, then silence
    with LiveService(scripted.url, tmp_path, config={"timeout": 60.0}) as live:
        with live.client() as client:
            assert client.post("/v1/summaries", json={"text": BELGOROD_TEXT}).status_code == 502
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(
                f"{live.url}/v1/summaries",
                json={"text": BELGOROD_TEXT},
                headers=live.headers,
                timeout=1.0,
            )
        deadline = time.monotonic() + 5
        while live.metric("summarizer_model_calls_cancelled_total") < 1:
            assert time.monotonic() < deadline, "the model call was not cancelled"
            time.sleep(0.05)
        # Long before the 60 s model timeout: the call is gone, not waiting.
        assert live.metric("summarizer_model_calls_in_flight") == 0
        assert scripted.count == 2  # the hung call did reach the model

        # A stream: disconnecting cancels every article still running.
        body = {"requests": [{"custom_id": f"s{i}", "text": BELGOROD_TEXT} for i in range(3)]}
        with pytest.raises(httpx.ReadTimeout), live.client(timeout=1.0) as client:
            client.post("/v1/summaries:stream", json=body)
        deadline = time.monotonic() + 5
        while live.metric("summarizer_model_calls_cancelled_total") < 4:
            assert time.monotonic() < deadline, "the stream's model calls were not cancelled"
            time.sleep(0.05)
        assert live.metric("summarizer_model_calls_in_flight") == 0
        assert scripted.count >= 3  # at least one of them was at the model


@pytest.mark.slow(seconds=5)  # what tests/support/schedule.py deals by
def test_sigterm_drains_in_flight_requests_then_exits(fake_model: Any, tmp_path: Path) -> None:
    fake_model.delay = 1.5
    live = LiveService(fake_model.base_url, tmp_path).start()
    results: list[httpx.Response] = []
    try:
        thread = threading.Thread(
            target=lambda: results.append(
                httpx.post(
                    f"{live.url}/v1/summaries",
                    json={"text": BELGOROD_TEXT},
                    headers=live.headers,
                    timeout=30,
                )
            )
        )
        thread.start()
        deadline = time.monotonic() + 20
        while fake_model.in_flight < 1:  # the request is at the model: SIGTERM now
            assert time.monotonic() < deadline, "the request never reached the model"
            time.sleep(0.02)
        assert live.process is not None
        live.process.send_signal(signal.SIGTERM)
        thread.join(30)
    finally:
        fake_model.delay = 0.0
        code = live.stop()
    # uvicorn re-raises the signal once it has shut down cleanly: killed by SIGTERM, on purpose.
    assert code in (0, -signal.SIGTERM), live.log()
    assert [r.status_code for r in results] == [200]
    log = live.log()
    assert log.index("Shutting down") < log.index('"POST /v1/summaries HTTP/1.1" 200')
    assert "Application shutdown complete" in log


@pytest.mark.slow(seconds=12)  # what tests/support/schedule.py deals by
def test_restarts_mid_batch_lose_and_duplicate_nothing(fake_model: Any, tmp_path: Path) -> None:
    """A crash (SIGKILL) mid-batch, a restart, a clean stop (SIGTERM) mid-batch, a restart:
    the job resumes each time and ends with every result exactly once."""
    config = {"max_in_flight": 2, "drain_timeout": 0.1}
    fake_model.delay = 0.15
    live = LiveService(fake_model.base_url, tmp_path, config=config)
    try:
        live.start()
        with live.client() as client:
            batch_id = client.post("/v1/batches", json=batch_body(20)).json()["id"]
        for how, completed in ((signal.SIGKILL, 3), (signal.SIGTERM, 8)):
            with live.client() as client:
                deadline = time.monotonic() + 30
                while True:
                    batch = Batch.model_validate(client.get(f"/v1/batches/{batch_id}").json())
                    if batch.request_counts.completed >= completed:
                        break
                    assert time.monotonic() < deadline
                    time.sleep(0.05)
            live.stop(how)
            assert batch.status == "in_progress", f"the batch ended before {how!r}"
            live.start()  # same state folder: the job resumes
        with live.client() as client:
            done = wait_for_batch(client, batch_id)
            results = jsonl(client.get(f"/v1/batches/{batch_id}/results"))
            errors = jsonl(client.get(f"/v1/batches/{batch_id}/errors"))
        live.stop()
    finally:
        fake_model.delay = 0.0
        live.stop(signal.SIGKILL)  # a failed assertion above must not leave the server running
    assert done.status == "completed"
    assert done.request_counts.completed == 20 and done.request_counts.failed == 0
    assert errors == []
    assert [line.custom_id for line in results] == [f"r{i}" for i in range(20)]
    summary_ids = [line.response.request_id for line in results if line.response]
    assert len(set(summary_ids)) == 20
