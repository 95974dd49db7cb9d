"""Load, bounded: 200 requests at concurrency 32 against a fake model answering in 300 ms.

0 errors, p50/p95 printed (run with -s to see them; bench/service.py prints the same
figures standalone), and the service's memory stable between the first and second half.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.fakes.fake_batch_server import FakeBatchServer
from tests.support.service_fixtures import LiveService, percentile, rss_mb, run_load, seed_texts

pytestmark = [pytest.mark.service, pytest.mark.slow]

REQUESTS = 200
CONCURRENCY = 32
MODEL_DELAY = 0.3


@pytest.mark.slow(seconds=8)  # what tests/support/schedule.py deals by
def test_200_requests_at_concurrency_32(tmp_path: Path) -> None:
    config = {"max_in_flight": CONCURRENCY, "queue_wait": 60.0}
    texts = seed_texts()
    with (
        FakeBatchServer(delay=MODEL_DELAY) as fake,
        LiveService(fake.base_url, tmp_path, config=config) as live,
    ):
        assert live.process is not None
        pid = live.process.pid
        asyncio.run(run_load(live.url, live.headers, texts, CONCURRENCY, CONCURRENCY))  # warm-up
        first = asyncio.run(run_load(live.url, live.headers, texts, REQUESTS // 2, CONCURRENCY))
        after_first = rss_mb(pid)
        second = asyncio.run(run_load(live.url, live.headers, texts, REQUESTS // 2, CONCURRENCY))
        after_second = rss_mb(pid)
        in_flight_max = fake.max_in_flight
    latencies = first.latencies + second.latencies
    overheads = first.overheads + second.overheads
    print(
        f"\nload: {REQUESTS} requests at concurrency {CONCURRENCY}, model {MODEL_DELAY * 1000:.0f} ms: "
        f"p50 {percentile(latencies, 50) * 1000:.0f} ms, p95 {percentile(latencies, 95) * 1000:.0f} ms, "
        f"{(first.rate + second.rate) / 2:.1f} req/s; server overhead p50 "
        f"{percentile(overheads, 50) * 1000:.1f} ms; RSS {after_first:.0f} -> {after_second:.0f} MB"
    )
    assert first.errors == 0 and second.errors == 0, first.statuses + second.statuses
    assert len(latencies) == REQUESTS
    assert in_flight_max >= CONCURRENCY // 2, "requests must reach the model concurrently"
    assert percentile(latencies, 50) >= MODEL_DELAY
    assert after_second - after_first < 30, "memory grows with requests"
