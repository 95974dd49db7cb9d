"""Service throughput and our own overhead per request, against a 300 ms fake model.

Run: ``python -m bench.service [--requests 200] [--concurrency 32] [--delay 0.3] [--workers 1 2]``.

Three processes, so nobody's CPU is counted for someone else: the fake model server
(``tests.fakes.fake_batch_server``, synthetic verifying answers after ``--delay`` seconds),
``summarizer serve`` (real uvicorn, 1 or more workers), and this client (httpx, N requests
at concurrency C, the seed articles in turn, after a warm-up round).

Printed per worker count:

* requests/s, and client latency p50/p95;
* **our overhead per request**: server time minus model time, from the ``Server-Timing``
  header each response carries (``app`` = request in to response out inside the server,
  ``model`` = the library's own measure of the model call). Target: p50 <= 15 ms;
* the service's CPU per request (from /proc), which bounds what one worker can serve:
  at concurrency C and model time d, one worker needs C / d x CPU per request of a core.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.service_fixtures import LiveService, percentile, run_load, seed_texts

ROOT = Path(__file__).resolve().parent.parent
FAKE_SERVER = "tests.fakes.fake_batch_server"  # run with -m from ROOT
TARGET_OVERHEAD_MS = 15.0


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its live child processes (uvicorn workers)."""
    total = 0.0
    pids = [pid]
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                pids.append(int(proc.name))
    for each in pids:
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def run(args: argparse.Namespace, workers: int, fake_url: str) -> dict[str, float]:
    config = {
        "max_in_flight": max(args.concurrency, 8),
        "queue_wait": 120.0,
        "workers": workers,
    }
    texts = seed_texts()
    with tempfile.TemporaryDirectory() as folder:
        live = LiveService(fake_url, Path(folder), config=config).start(timeout=60)
        try:
            assert live.process is not None
            pid = live.process.pid
            asyncio.run(
                run_load(live.url, live.headers, texts, args.concurrency * 2, args.concurrency)
            )
            cpu_before = process_cpu(pid)
            result = asyncio.run(
                run_load(live.url, live.headers, texts, args.requests, args.concurrency)
            )
            cpu = process_cpu(pid) - cpu_before
        finally:
            live.stop()
    return {
        "workers": workers,
        "errors": result.errors,
        "rate": result.rate,
        "p50": percentile(result.latencies, 50) * 1000,
        "p95": percentile(result.latencies, 95) * 1000,
        "over50": percentile(result.overheads, 50) * 1000,
        "over95": percentile(result.overheads, 95) * 1000,
        "cpu": cpu / args.requests * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--delay", type=float, default=0.3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    fake = subprocess.Popen(
        [sys.executable, "-m", FAKE_SERVER, "--delay", str(args.delay)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert fake.stdout is not None
        ready = fake.stdout.readline().split()
        if not ready or ready[0] != "READY":
            raise SystemExit("fake model server did not start")
        rows = [run(args, workers, ready[1]) for workers in args.workers]
    finally:
        fake.terminate()
        fake.wait(10)

    print(
        f"summarizer serve: {args.requests} requests at concurrency {args.concurrency}, "
        f"fake model {args.delay * 1000:.0f} ms, load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    print(
        f"{'workers':>7} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'overhead p50':>12} {'p95':>7} {'CPU/req ms':>10}"
    )
    for row in rows:
        print(
            f"{row['workers']:>7.0f} {row['errors']:>6.0f} {row['rate']:>7.1f} {row['p50']:>7.0f} "
            f"{row['p95']:>7.0f} {row['over50']:>12.1f} {row['over95']:>7.1f} {row['cpu']:>10.1f}"
        )
    best = min(row["over50"] for row in rows)
    verdict = "meets" if best <= TARGET_OVERHEAD_MS else "misses"
    print(f"our overhead p50 (best): {best:.1f} ms; {verdict} the {TARGET_OVERHEAD_MS:g} ms target")


if __name__ == "__main__":
    main()
