"""The HTTP API on a live uvicorn process: endpoints, auth, limits, stream lines, batches."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from summarizer.schema import ArticleSummary, VerificationReport
from summarizer.service.models import Batch, StreamLine
from tests.support.service_fixtures import (
    API_KEY,
    BELGOROD_TEXT,
    OTHER_KEY,
    LiveService,
    batch_body,
    jsonl,
    seed_texts,
    wait_for_batch,
)

pytestmark = pytest.mark.service


# -- probes and auth --------------------------------------------------------------------


def test_probes_and_metrics_need_no_key(service: LiveService) -> None:
    assert httpx.get(f"{service.url}/healthz").json()["status"] == "ok"
    assert httpx.get(f"{service.url}/readyz").status_code == 200
    metrics = httpx.get(f"{service.url}/metrics")
    assert metrics.status_code == 200
    assert "summarizer_http_request_duration_seconds_bucket" in metrics.text


def test_startup_warms_up_then_freezes_the_heap(service: LiveService) -> None:
    """The model client is built and the startup heap frozen before the first request:
    full collections then never walk the SDKs' objects (a ~100 ms stall each)."""
    assert service.metric("summarizer_gc_frozen_objects") > 100_000


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer sk-wrong-key-SECRET42"},
        {"Authorization": "Basic sk-wrong-key-SECRET42"},
        {"Authorization": "Bearer"},
    ],
)
def test_401_without_a_valid_key_never_echoes_it(
    service: LiveService, headers: dict[str, str]
) -> None:
    response = httpx.post(
        f"{service.url}/v1/summaries", json={"text": BELGOROD_TEXT}, headers=headers
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    raw = response.text + json.dumps(dict(response.headers))
    assert "SECRET42" not in raw and API_KEY not in raw
    assert "SECRET42" not in service.log()


# -- one article --------------------------------------------------------------------------


def test_summary_is_an_article_summary_held_for_json_and_html(service: LiveService) -> None:
    with service.client() as client:
        response = client.post("/v1/summaries", json={"text": BELGOROD_TEXT})
        assert response.status_code == 200, response.text
        summary = ArticleSummary.model_validate_json(response.text)
        assert summary.verification is not None and summary.verification.total > 0
        assert summary.meta is not None and summary.meta.model == "fake"
        timing = response.headers["Server-Timing"]
        assert "app;dur=" in timing and "model;dur=" in timing
        summary_id = response.headers["X-Summary-Id"]
        assert response.headers["Location"] == f"/v1/summaries/{summary_id}"

        again = client.get(f"/v1/summaries/{summary_id}")
        assert again.status_code == 200
        assert ArticleSummary.model_validate_json(again.text) == summary

        page = client.get(f"/v1/summaries/{summary_id}.html")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert page.text.count('class="mark v-') >= 1

        # Another key cannot read it.
        other = client.get(
            f"/v1/summaries/{summary_id}", headers={"Authorization": f"Bearer {OTHER_KEY}"}
        )
        assert other.status_code == 404


def test_bad_article_and_unknown_prompt_get_the_cli_wording(service: LiveService) -> None:
    with service.client() as client:
        empty = client.post("/v1/summaries", json={"text": "   \n "})
        assert empty.status_code == 422
        prompt = client.post("/v1/summaries", json={"text": BELGOROD_TEXT, "prompt": "nope"})
        assert prompt.status_code == 400
        assert prompt.json()["detail"].startswith("unknown prompt 'nope'")
        not_json = client.post(
            "/v1/summaries", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        assert not_json.status_code in (400, 422)
        assert "detail" in not_json.json()


def test_verify_and_numbers(service: LiveService) -> None:
    with service.client() as client:
        summary = client.post("/v1/summaries", json={"text": BELGOROD_TEXT}).json()
        report = client.post("/v1/verify", json={"text": BELGOROD_TEXT, "summary": summary})
        assert report.status_code == 200
        checked = VerificationReport.model_validate(report.json())
        assert len(checked.figures) == len(summary["verification"]["figures"])

        summary["events"][0]["figures"] = [
            {"value": 999, "role": "killed", "quote": "999 people were killed"}
        ]
        wrong = VerificationReport.model_validate(
            client.post("/v1/verify", json={"text": BELGOROD_TEXT, "summary": summary}).json()
        )
        assert wrong.contradicted >= 1

        numbers = client.post("/v1/numbers", json={"text": "At least 26 people were injured."})
        assert numbers.status_code == 200
        (mention,) = [n for n in numbers.json()["numbers"] if n["value"] == 26]
        assert mention["qualifier"] == "at_least"
        assert "At least 26 people were injured."[mention["start"] : mention["end"]] == "26"


def test_body_limit_is_413_json(service: LiveService) -> None:
    with service.client() as client:
        big = client.post("/v1/numbers", json={"text": "1 " * 600_000})
        assert big.status_code == 413
        assert big.json()["code"] == "body_too_large"


# -- the stream -----------------------------------------------------------------------------


def test_stream_lines_validate_one_by_one_and_come_as_they_finish(
    service: LiveService, fake_model: Any
) -> None:
    texts = seed_texts()[:3]
    fake_model.delays = {texts[0].strip()[-40:]: 1.0}  # the first article is the slowest
    try:
        requests = [{"custom_id": f"a{i}", "text": text} for i, text in enumerate(texts)]
        requests.append({"custom_id": "bad", "text": "x", "prompt": "missing-prompt"})
        arrivals: list[tuple[float, StreamLine]] = []
        started = time.monotonic()
        with (
            service.client() as client,
            client.stream("POST", "/v1/summaries:stream", json={"requests": requests}) as response,
        ):
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("application/jsonl")
            for raw in response.iter_lines():
                if raw:
                    # Every line is one complete StreamLine (schemathesis cannot check these).
                    arrivals.append(
                        (time.monotonic() - started, StreamLine.model_validate_json(raw))
                    )
    finally:
        fake_model.delays = {}
    lines = [line for _, line in arrivals]
    assert sorted(line.custom_id for line in lines) == sorted(r["custom_id"] for r in requests)
    by_id = {line.custom_id: line for line in lines}
    assert by_id["bad"].status == "failed" and by_id["bad"].error is not None
    assert by_id["bad"].error.status == 400 and by_id["bad"].result is None
    for i in range(3):
        line = by_id[f"a{i}"]
        assert line.status == "succeeded" and line.result is not None and line.summary_id
    assert lines[-1].custom_id == "a0", "the slow article must come last"
    assert arrivals[0][0] < arrivals[-1][0] - 0.5, "lines must stream, not arrive together"


def test_stream_as_server_sent_events(service: LiveService) -> None:
    body = {"requests": [{"custom_id": "one", "text": BELGOROD_TEXT}]}
    with service.client() as client:
        response = client.post(
            "/v1/summaries:stream", json=body, headers={"Accept": "text/event-stream"}
        )
    assert response.headers["content-type"].startswith("text/event-stream")
    events = [block for block in response.text.split("\n\n") if block.strip()]
    assert events[0].startswith("event: result\ndata: ")
    line = StreamLine.model_validate_json(events[0].split("data: ", 1)[1])
    assert line.custom_id == "one" and line.status == "succeeded"
    assert events[-1] == 'event: done\ndata: {"succeeded": 1, "failed": 0}'


def test_stream_rejects_duplicate_custom_ids(service: LiveService) -> None:
    body = {"requests": [{"custom_id": "x", "text": "a 1"}, {"custom_id": "x", "text": "b 2"}]}
    with service.client() as client:
        response = client.post("/v1/summaries:stream", json=body)
    assert response.status_code == 422 and response.json()["code"] == "duplicate_custom_id"


# -- batches --------------------------------------------------------------------------------


def test_batch_runs_with_idempotency(service: LiveService) -> None:
    body = batch_body(4)
    with service.client() as client:
        first = client.post("/v1/batches", json=body, headers={"Idempotency-Key": "job-1"})
        assert first.status_code == 202, first.text
        batch = Batch.model_validate(first.json())
        assert batch.object == "batch" and batch.request_counts.total == 4

        replay = client.post("/v1/batches", json=body, headers={"Idempotency-Key": "job-1"})
        assert replay.status_code == 202 and replay.json()["id"] == batch.id
        assert replay.headers["Idempotent-Replayed"] == "true"

        conflict = client.post(
            "/v1/batches", json=batch_body(2), headers={"Idempotency-Key": "job-1"}
        )
        assert conflict.status_code == 409 and conflict.json()["code"] == "idempotency_conflict"

        # Keys are scoped per API key: the other key's "job-1" is a new batch.
        other = client.post(
            "/v1/batches",
            json=body,
            headers={"Idempotency-Key": "job-1", "Authorization": f"Bearer {OTHER_KEY}"},
        )
        assert other.status_code == 202 and other.json()["id"] != batch.id
        assert client.get(f"/v1/batches/{other.json()['id']}").status_code == 404

        done = wait_for_batch(client, batch.id)
        assert done.status == "completed" and done.completed_at is not None
        assert done.request_counts.completed == 4 and done.request_counts.failed == 0
        results = jsonl(client.get(f"/v1/batches/{batch.id}/results"))
        assert [line.custom_id for line in results] == [f"r{i}" for i in range(4)]
        for line in results:
            assert line.response is not None and line.response.status_code == 200
            held = client.get(f"/v1/summaries/{line.response.request_id}.html")
            assert held.status_code == 200
        assert jsonl(client.get(f"/v1/batches/{batch.id}/errors")) == []


def test_batch_errors_file_and_cancel(service: LiveService, fake_model: Any) -> None:
    body = batch_body(2, "ok")
    body["requests"].append({"custom_id": "bad", "body": {"text": "x", "prompt": "missing"}})
    with service.client() as client:
        batch = client.post("/v1/batches", json=body).json()
        done = wait_for_batch(client, batch["id"])
        assert done.request_counts.completed == 2 and done.request_counts.failed == 1
        (error,) = jsonl(client.get(f"/v1/batches/{batch['id']}/errors"))
        assert error.custom_id == "bad" and error.error is not None
        assert error.error.code == "invalid_request" and error.response is None

        fake_model.delay = 0.5
        try:
            slow = client.post("/v1/batches", json=batch_body(40, "slow")).json()
            time.sleep(0.3)
            cancelled = client.post(f"/v1/batches/{slow['id']}/cancel")
            assert cancelled.status_code == 200
            assert cancelled.json()["status"] in ("cancelling", "cancelled")
            final = wait_for_batch(client, slow["id"])
        finally:
            fake_model.delay = 0.0
        assert final.status == "cancelled" and final.cancelled_at is not None
        counts = final.request_counts
        assert counts.completed < 40 and counts.completed + counts.failed == 40
        errors = jsonl(client.get(f"/v1/batches/{slow['id']}/errors"))
        assert {e.error.code for e in errors if e.error} == {"batch_cancelled"}
        assert client.post("/v1/batches/batch_000000000000000000000000/cancel").status_code == 404


# -- limits ---------------------------------------------------------------------------------


# One server holds both limits (a server costs ~1.5 s of CPU to start): the rate limit is
# per key, so each test spends its own key's bucket and never meets the other's.
LIMITS = {"rate_limit": 6.0, "rate_burst": 3, "max_in_flight": 1, "max_queue": 1, "queue_wait": 0.3}
RATE_KEY, OVERLOAD_KEY = "svc-rate-key-0123456789", "svc-overload-key-0123456789"


@pytest.fixture(scope="module")
def limited(fake_model: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    keys = (RATE_KEY, OTHER_KEY, OVERLOAD_KEY)
    with LiveService(
        fake_model.base_url, tmp_path_factory.mktemp("limited"), keys=keys, config=LIMITS
    ) as live:
        yield live


@pytest.mark.slow
def test_rate_limit_per_key_with_retry_after(limited: LiveService) -> None:
    statuses = []
    with limited.client() as client:
        for _ in range(4):
            statuses.append(client.post("/v1/numbers", json={"text": "2 dogs"}))
        other = client.post(
            "/v1/numbers",
            json={"text": "2 dogs"},
            headers={"Authorization": f"Bearer {OTHER_KEY}"},
        )
        health = [client.get("/healthz").status_code for _ in range(10)]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    limited_response = statuses[-1]
    assert limited_response.json()["code"] == "rate_limited"
    assert 1 <= int(limited_response.headers["Retry-After"]) <= 10
    assert other.status_code == 200, "the limit is per key"
    assert set(health) == {200}, "health is exempt"


@pytest.mark.slow
def test_overload_is_503_with_retry_after(limited: LiveService, fake_model: Any) -> None:
    fake_model.delay = 1.5
    rejected_before = limited.metric("summarizer_rejected_total", 'reason="overloaded"')
    try:
        results: list[httpx.Response] = []

        def call() -> None:
            with limited.client() as client:
                results.append(
                    client.post(
                        "/v1/summaries",
                        json={"text": BELGOROD_TEXT},
                        headers={"Authorization": f"Bearer {OVERLOAD_KEY}"},
                    )
                )

        threads = [threading.Thread(target=call) for _ in range(3)]
        for thread in threads:
            thread.start()
            time.sleep(0.05)
        for thread in threads:
            thread.join()
        rejected = limited.metric("summarizer_rejected_total", 'reason="overloaded"')
        assert rejected - rejected_before == 2
    finally:
        fake_model.delay = 0.0
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 503, 503]
    for response in results:
        if response.status_code == 503:
            assert response.json()["code"] == "overloaded"
            assert int(response.headers["Retry-After"]) >= 1


def test_refuses_public_bind_without_keys(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "serve", "--host", "0.0.0.0", "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "without API keys" in result.stderr and "Traceback" not in result.stderr


def test_unusable_state_folder_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "serve", "--state-dir", str(blocker / "state")],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "cannot use as state folder" in result.stderr
    assert "Traceback" not in result.stderr
