"""Replicas sharing one Postgres: real ``summarizer serve`` processes, a real cluster
(tests/support/pg_fixtures.py) and the fake model server of tests/fakes/fake_batch_server.py.

* three replicas, one SIGKILLed half-way through a 500-request batch: every request is
  answered exactly once, in input order, from any replica;
* one Idempotency-Key sent to two replicas at once: one batch;
* a rate limit shared by two replicas; summaries and reports from any replica;
* Postgres restarted in the middle of a batch: 503 + Retry-After meanwhile, then the
  batch completes and nothing is lost;
* ``summarizer db upgrade``, and a service that refuses an older schema in one line.
"""

from __future__ import annotations

import concurrent.futures
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import psycopg
import pytest

from summarizer.backends.transport import tls_context
from summarizer.config import ENV_VARS, SERVICE_ENV_VARS
from summarizer.service.models import Batch
from tests.support.pg_fixtures import PgCluster
from tests.support.service_fixtures import API_KEY, LiveService, jsonl, wait_for_batch

pytestmark = [pytest.mark.service, pytest.mark.slow(seconds=10)]

LEASE = 2.0  # seconds: a killed replica's requests go to another this long after its last heartbeat


def article(i: int) -> str:
    """Short articles: the test is about the state, not the pipeline's CPU."""
    return (
        f"Report {i}: a fire at a warehouse in Springfield injured {i % 40 + 2} people on "
        f"Monday, officials said. {i % 7 + 3} fire engines were sent to the scene."
    )


def body(n: int, prefix: str) -> dict[str, Any]:
    return {
        "requests": [{"custom_id": f"{prefix}{i}", "body": {"text": article(i)}} for i in range(n)]
    }


def start_replicas(
    n: int, fake_model: Any, url: str, root: Path, **config: Any
) -> list[LiveService]:
    replicas = [
        LiveService(
            fake_model.base_url,
            root / f"replica{i}",
            state_url=url,
            config={"job_lease": LEASE, **config},
        )
        for i in range(n)
    ]
    for replica in replicas:  # side by side: start-up is mostly imports
        replica.launch()
    try:
        for replica in replicas:
            replica.wait_ready(60.0)
    except BaseException:
        for replica in replicas:
            replica.stop(signal.SIGKILL)
        raise
    return replicas


@pytest.fixture(scope="module")
def fake_model() -> Iterator[Any]:
    from tests.fakes.fake_batch_server import FakeBatchServer

    with FakeBatchServer(delay=0.02) as server:
        yield server


@pytest.fixture(scope="module")
def trio(
    fake_model: Any, pg_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[LiveService]]:
    """Three replicas for the module; the SIGKILL test (last in the file) kills one."""
    started = start_replicas(3, fake_model, pg_url, tmp_path_factory.mktemp("trio"), cache=True)
    yield started
    for replica in started:
        replica.stop(signal.SIGKILL)  # no drain needed: state is in Postgres


def request_rows(url: str, batch_id: str) -> list[tuple[int, str, int]]:
    """(idx, status, attempts) per request, straight from the database."""
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT idx, status, attempts FROM batch_requests WHERE batch_id = %s ORDER BY idx",
            (batch_id,),
        ).fetchall()


def leases_held(url: str, pid: int) -> list[int]:
    """The requests a replica's runner (owner ``host:pid:token``) holds right now."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT idx FROM batch_requests WHERE status = 'running' AND lease_owner LIKE %s",
            (f"%:{pid}:%",),
        ).fetchall()
    return [row[0] for row in rows]


def assert_answered_once_in_order(replica: LiveService, batch_id: str, n: int, prefix: str) -> None:
    with replica.client() as client:
        batch = wait_for_batch(client, batch_id, timeout=120.0)
        assert batch.status == "completed", batch
        assert batch.request_counts.total == n and batch.request_counts.completed == n
        lines = jsonl(client.get(f"/v1/batches/{batch_id}/results"))
        errors = jsonl(client.get(f"/v1/batches/{batch_id}/errors"))
    assert errors == []
    assert [line.custom_id for line in lines] == [f"{prefix}{i}" for i in range(n)]
    request_ids = [line.response.request_id for line in lines if line.response]
    assert len(set(request_ids)) == n  # one summary per request, none recorded twice
    for i, line in enumerate(lines):  # each answer is its own article's
        assert line.response is not None
        assert line.response.body.headline.startswith(f"Report {i}:")


# -- one key, two replicas; limits; reads from anywhere ------------------------------------


def test_same_idempotency_key_on_two_replicas_is_one_batch(trio: list[LiveService]) -> None:
    replicas = trio[:2]
    payload = body(20, "i")

    def send(replica: LiveService) -> httpx.Response:
        with replica.client() as client:
            return client.post("/v1/batches", json=payload, headers={"Idempotency-Key": "one"})

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(send, replicas * 2))
    assert {answer.status_code for answer in answers} == {202}
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert sum("idempotent-replayed" not in answer.headers for answer in answers) == 1
    conflict = send_other_body(replicas[1])
    assert conflict.status_code == 409
    assert_answered_once_in_order(replicas[1], answers[0].json()["id"], 20, "i")


def send_other_body(replica: LiveService) -> httpx.Response:
    with replica.client() as client:
        return client.post("/v1/batches", json=body(3, "x"), headers={"Idempotency-Key": "one"})


def test_summaries_reports_and_cached_answers_come_from_any_replica(
    trio: list[LiveService], fake_model: Any
) -> None:
    one, two, _ = trio
    text = article(10_007)  # an article no other test sends
    with one.client() as client:
        made = client.post("/v1/summaries", json={"text": text})
    assert made.status_code == 200 and made.json()["meta"]["cached"] is False
    summary_id = made.headers["X-Summary-Id"]
    calls = fake_model.requests
    with two.client() as client:
        again = client.get(f"/v1/summaries/{summary_id}")
        report = client.get(f"/v1/summaries/{summary_id}.html")
        cached = client.post("/v1/summaries", json={"text": text})
    assert again.status_code == 200 and again.json() == made.json()
    assert report.status_code == 200 and "Report 10007" in report.text
    assert cached.status_code == 200 and cached.json()["meta"]["cached"] is True
    assert fake_model.requests == calls  # the answer came from the shared response cache


def test_rate_limit_holds_per_key_across_replicas(
    fake_model: Any, pg_url: str, tmp_path: Path
) -> None:
    pair = start_replicas(2, fake_model, pg_url, tmp_path, rate_limit=1.0, rate_burst=5)
    try:
        check_shared_rate_limit(*pair)
    finally:
        for replica in pair:
            replica.stop(signal.SIGKILL)


def check_shared_rate_limit(one: LiveService, two: LiveService) -> None:
    statuses = []
    for i in range(5):  # the burst, spent on both replicas
        replica = (one, two)[i % 2]
        with replica.client() as client:
            statuses.append(client.post("/v1/numbers", json={"text": "3 people"}).status_code)
    assert statuses == [200] * 5
    for replica in (one, two):
        with replica.client() as client:
            limited = client.post("/v1/numbers", json={"text": "3 people"})
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    other = {"Authorization": f"Bearer {one.keys[1]}"}  # another key has its own bucket
    with httpx.Client(base_url=two.url, headers=other, verify=tls_context()) as client:
        assert client.post("/v1/numbers", json={"text": "3 people"}).status_code == 200


# -- the database goes away -----------------------------------------------------------------


def test_postgres_restart_mid_batch_loses_nothing(
    trio: list[LiveService], pg_cluster: PgCluster
) -> None:
    one, two, _ = trio
    n = 120
    with one.client() as client:
        batch_id = client.post("/v1/batches", json=body(n, "p")).json()["id"]
        while (
            Batch.model_validate(
                client.get(f"/v1/batches/{batch_id}").json()
            ).request_counts.completed
            < 20
        ):
            time.sleep(0.01)
    pg_cluster.stop("fast")
    try:
        with two.client(timeout=30.0) as client:
            down = client.get(f"/v1/batches/{batch_id}")
            assert down.status_code == 503, down.text
            assert (
                down.json()["code"] == "state_unavailable" and int(down.headers["Retry-After"]) >= 1
            )
            ready = client.get("/readyz")
            assert ready.status_code == 503 and ready.json()["database"] == "unavailable"
            assert client.get("/healthz").status_code == 200  # alive, only not ready
        time.sleep(1.0)  # the runners back off; finished answers wait in memory
    finally:
        pg_cluster.start()
    deadline = time.monotonic() + 30  # the pool reconnects with backoff: 503 until then
    while httpx.get(f"{two.url}/readyz", verify=tls_context()).status_code != 200:
        assert time.monotonic() < deadline, "never reconnected"
        time.sleep(0.1)
    assert_answered_once_in_order(two, batch_id, n, "p")
    with two.client() as client:
        assert client.get("/readyz").json()["database"] == "ok"


# -- schema ---------------------------------------------------------------------------------


def cli(*args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {*ENV_VARS, *SERVICE_ENV_VARS}}
    env["SUMMARIZER_API_KEYS"] = API_KEY
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_serve_refuses_an_older_schema_until_db_upgrade(pg_cluster: PgCluster) -> None:
    url = pg_cluster.create_database(f"empty_{os.getpid()}_{time.monotonic_ns()}")
    refused = cli("serve", "--port", "0", "--base-url", "http://127.0.0.1:9/v1", "--state-url", url)
    assert refused.returncode == 2
    (line,) = refused.stderr.strip().splitlines()
    assert "schema is at version 0" in line and "summarizer db upgrade" in line
    upgraded = cli("db", "upgrade", "--state-url", url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert "from version 0 to" in upgraded.stdout
    again = cli("db", "upgrade", "--state-url", url)
    assert again.returncode == 0 and "already at version" in again.stdout
    status = cli("db", "status", "--state-url", url)
    assert status.returncode == 0 and "up to date" in status.stdout


def test_unreachable_database_is_one_line() -> None:
    from tests.support.service_fixtures import free_port

    url = f"postgresql://postgres@127.0.0.1:{free_port()}/nothing"
    result = cli("db", "upgrade", "--state-url", url)
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert "cannot reach the state database" in line and "Traceback" not in result.stderr


# -- a replica dies -----------------------------------------------------------------------


def test_sigkilled_replica_loses_nothing_and_every_request_is_answered_once(
    trio: list[LiveService], pg_url: str
) -> None:
    first, doomed, last = trio
    assert doomed.process is not None
    pid = doomed.process.pid
    n = 500
    with first.client() as client:
        created = client.post("/v1/batches", json=body(n, "k"))
        assert created.status_code == 202, created.text
        batch_id = created.json()["id"]
        deadline = time.monotonic() + 120
        while True:  # half-way, and frozen (SIGSTOP) while it holds leases
            done = Batch.model_validate(client.get(f"/v1/batches/{batch_id}").json())
            assert done.status == "in_progress" and time.monotonic() < deadline
            if done.request_counts.completed >= n // 2:
                os.kill(pid, signal.SIGSTOP)
                held = leases_held(pg_url, pid)
                if held:
                    break
                os.kill(pid, signal.SIGCONT)
            time.sleep(0.01)
    doomed.stop(signal.SIGKILL)
    assert_answered_once_in_order(last, batch_id, n, "k")
    rows = {idx: (status, attempts) for idx, status, attempts in request_rows(pg_url, batch_id)}
    assert {status for status, _ in rows.values()} == {"succeeded"}
    for idx in held:  # what the dead replica held was taken over, and answered once
        assert rows[idx][1] >= 2
    with first.client() as client:  # the same results from another replica
        assert [
            line.custom_id for line in jsonl(client.get(f"/v1/batches/{batch_id}/results"))
        ] == [f"k{i}" for i in range(n)]
