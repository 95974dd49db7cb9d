"""Replicas sharing one Postgres: throughput, latency and database round trips per request.

Run: ``python -m bench.replicas [--replicas 1 2 3] [--requests 300] [--concurrency 32]
[--delay 0.3] [--batch 300]``. Needs Debian's postgresql (initdb/pg_ctl) and the
``postgres`` extra.

Processes: a throwaway Postgres cluster (tests/support/pg_fixtures.py, with pg_stat_statements
loaded), the fake model server (``tests.fakes.fake_batch_server``, synthetic verifying answers
after ``--delay`` seconds), N ``summarizer serve --state-url`` replicas, and this client,
which spreads requests over the replicas round-robin as a load balancer would.

Printed per replica count:

* ``POST /v1/summaries``: requests/s and client latency p50/p95;
* Postgres round trips per request on that path (statements from pg_stat_statements,
  less the runners' idle polling measured just before);
* a batch of ``--batch`` requests submitted to one replica and run by all of them:
  requests/s and round trips per batch request (claims, finishes, settles, heartbeats);
* CPU seconds used by the replicas and by Postgres per request, and the machine's load,
  which on 2 cores is what bounds the figure (see the last line).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx2 as httpx
import psycopg

from summarizer.backends.transport import tls_context
from summarizer.service.pg_store import upgrade_database
from tests.support.pg_fixtures import PgCluster, find_pg_bin
from tests.support.service_fixtures import LiveService, percentile, seed_texts

ROOT = Path(__file__).resolve().parent.parent
FAKE_SERVER = "tests.fakes.fake_batch_server"  # run with -m from ROOT
IDLE_SAMPLE = 2.0  # seconds of idle polling measured before each load


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def postgres_pids(cluster: PgCluster) -> list[int]:
    """The postmaster and its backends (children)."""
    head = int((cluster.data / "postmaster.pid").read_text().split()[0])
    pids = [head]
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == head:
                pids.append(int(proc.name))
    return pids


def statements(url: str) -> int:
    """Statements run in this database so far (each a round trip from the service)."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements s "
            "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() "
            "AND s.query NOT ILIKE '%pg_stat_statements%'"
        ).fetchone()
    return int(row[0]) if row else 0


async def spread_load(
    urls: list[str], headers: dict[str, str], texts: list[str], requests: int, concurrency: int
) -> tuple[list[float], list[int], float]:
    """POST /v1/summaries ``requests`` times, round-robin over ``urls``."""
    latencies: list[float] = []
    statuses: list[int] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(requests):
        queue.put_nowait(number)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        verify=tls_context(), headers=headers, timeout=120.0, limits=limits
    ) as client:

        async def worker() -> None:
            while True:
                try:
                    number = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                started = time.perf_counter()
                response = await client.post(
                    f"{urls[number % len(urls)]}/v1/summaries",
                    json={"text": texts[number % len(texts)]},
                )
                latencies.append(time.perf_counter() - started)
                statuses.append(response.status_code)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return latencies, statuses, wall


def run_batch(replica: LiveService, texts: list[str], n: int) -> float:
    """Seconds from submitting a batch of ``n`` to its completion."""
    body = {
        "requests": [
            {"custom_id": f"b{i}", "body": {"text": texts[i % len(texts)]}} for i in range(n)
        ]
    }
    with replica.client(timeout=60.0) as client:
        started = time.perf_counter()
        batch_id = client.post("/v1/batches", json=body).json()["id"]
        while True:
            status = client.get(f"/v1/batches/{batch_id}").json()["status"]
            if status not in ("validating", "in_progress", "finalizing"):
                break
            time.sleep(0.05)
        wall = time.perf_counter() - started
    if status != "completed":
        raise SystemExit(f"batch ended {status}")
    return wall


def run(
    args: argparse.Namespace, count: int, cluster: PgCluster, fake_url: str, folder: Path
) -> dict[str, float]:
    url = cluster.create_database(f"bench_{count}_{secrets.token_hex(3)}")
    upgrade_database(url)
    config = {"max_in_flight": max(args.concurrency, 8), "queue_wait": 120.0}
    replicas = [
        LiveService(fake_url, folder / f"n{count}-r{i}", state_url=url, config=config)
        for i in range(count)
    ]
    texts = seed_texts()
    for replica in replicas:
        replica.launch()
    try:
        for replica in replicas:
            replica.wait_ready(120.0)
        urls = [replica.url for replica in replicas]
        pids = [replica.process.pid for replica in replicas if replica.process]
        headers = replicas[0].headers
        asyncio.run(spread_load(urls, headers, texts, args.concurrency * 2, args.concurrency))

        before = statements(url)
        time.sleep(IDLE_SAMPLE)
        idle_rate = (statements(url) - before - 1) / IDLE_SAMPLE  # less our own query

        before = statements(url)
        cpu_svc, cpu_pg = cpu_seconds(pids), cpu_seconds(postgres_pids(cluster))
        latencies, statuses, wall = asyncio.run(
            spread_load(urls, headers, texts, args.requests, args.concurrency)
        )
        cpu_svc = cpu_seconds(pids) - cpu_svc
        cpu_pg = cpu_seconds(postgres_pids(cluster)) - cpu_pg
        trips = (statements(url) - before - 1 - idle_rate * wall) / args.requests

        before = statements(url)
        batch_wall = run_batch(replicas[0], texts, args.batch) if args.batch else 0.0
        batch_trips = (statements(url) - before - 1) / args.batch if args.batch else 0.0
    finally:
        for replica in replicas:
            replica.stop(signal.SIGTERM)
    return {
        "replicas": count,
        "errors": sum(1 for status in statuses if status != 200),
        "rate": len(statuses) / wall,
        "p50": percentile(latencies, 50) * 1000,
        "p95": percentile(latencies, 95) * 1000,
        "trips": trips,
        "idle": idle_rate,
        "batch_rate": args.batch / batch_wall if batch_wall else 0.0,
        "batch_trips": batch_trips,
        "cpu_svc": cpu_svc / args.requests * 1000,
        "cpu_pg": cpu_pg / args.requests * 1000,
        "load": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--delay", type=float, default=0.3)
    parser.add_argument("--batch", type=int, default=300, help="batch size (0: skip)")
    args = parser.parse_args()

    bindir = find_pg_bin()
    if bindir is None:
        raise SystemExit("Postgres binaries not found: apt-get install postgresql")
    cluster = PgCluster(bindir, Path(tempfile.mkdtemp(prefix="summarizer-bench-pg-")))
    os.chmod(cluster.root, 0o755)
    cluster.extra_options = "-c shared_preload_libraries=pg_stat_statements"
    fake = subprocess.Popen(
        [sys.executable, "-m", FAKE_SERVER, "--delay", str(args.delay)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    rows: list[dict[str, Any]] = []
    try:
        cluster.init()
        cluster.start()
        with psycopg.connect(cluster.url("template1"), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION pg_stat_statements")  # in every database made
        assert fake.stdout is not None
        ready = fake.stdout.readline().split()
        if not ready or ready[0] != "READY":
            raise SystemExit("fake model server did not start")
        with tempfile.TemporaryDirectory() as folder:
            for count in args.replicas:
                rows.append(run(args, count, cluster, ready[1], Path(folder)))
    finally:
        fake.terminate()
        fake.wait(10)
        cluster.destroy()

    print(
        f"summarizer serve replicas on one Postgres: {args.requests} requests at concurrency "
        f"{args.concurrency} (round-robin), fake model {args.delay * 1000:.0f} ms, batch of "
        f"{args.batch}; {os.cpu_count()} CPUs"
    )
    print(
        f"{'replicas':>8} {'errors':>6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'PG trips/req':>12} {'idle polls/s':>12} {'batch req/s':>11} {'trips/batch req':>15} "
        f"{'CPU ms/req svc':>14} {'PG':>5} {'load':>5}"
    )
    for row in rows:
        print(
            f"{row['replicas']:>8.0f} {row['errors']:>6.0f} {row['rate']:>6.1f} {row['p50']:>7.0f} "
            f"{row['p95']:>7.0f} {row['trips']:>12.2f} {row['idle']:>12.1f} "
            f"{row['batch_rate']:>11.1f} {row['batch_trips']:>15.2f} {row['cpu_svc']:>14.1f} "
            f"{row['cpu_pg']:>5.1f} {row['load']:>5.1f}"
        )
    if rows:
        cores = os.cpu_count() or 1
        cpu = rows[-1]["cpu_svc"] + rows[-1]["cpu_pg"]
        print(
            f"bound: {cpu:.1f} ms of CPU per request (service + Postgres) on {cores} cores "
            f"caps the whole machine near {cores * 1000 / cpu:.0f} req/s, whatever the "
            "replica count; the model's 300 ms only sets the concurrency needed to reach it"
        )


if __name__ == "__main__":
    main()
