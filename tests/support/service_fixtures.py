"""A live ``summarizer serve`` process (real uvicorn) for the service tests.

The service runs in its own process, configured like a user would: a TOML config file
and SUMMARIZER_API_KEYS, pointed at a fake model server by ``--base-url``. Stopped with
SIGTERM (or SIGKILL to simulate a crash) by the fixture that started it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from summarizer.backends.transport import (
    tls_context,  # httpx re-reads the CA bundle per client otherwise
)
from summarizer.config import ENV_VARS, SERVICE_ENV_VARS
from summarizer.service.models import Batch, ResultLine
from tests.support.paths import ROOT

SEEDS = ROOT / "seeds"
BELGOROD_TEXT = (SEEDS / "belgorod-kharkiv-2024-01-01.txt").read_text(encoding="utf-8")
API_KEY = "svc-test-key-0123456789"
OTHER_KEY = "svc-other-key-9876543210"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]


class LiveService:
    """``python -m summarizer serve`` in a subprocess on a free port."""

    def __init__(
        self,
        base_url: str,
        state_dir: Path,
        *,
        keys: tuple[str, ...] = (API_KEY, OTHER_KEY),
        config: dict[str, Any] | None = None,
        model: str = "fake",
        state_url: str | None = None,
    ) -> None:
        self.base_url = base_url
        self.state_dir = state_dir
        self.keys = keys
        self.config = {"rate_limit": 100_000.0, "rate_burst": 100_000, **(config or {})}
        self.model = model
        self.state_url = state_url  # Postgres state shared with other replicas (--state-url)
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = state_dir / "service.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[0]}"} if self.keys else {}

    def client(self, **kwargs: Any) -> httpx.Client:
        kwargs.setdefault("timeout", 30.0)
        kwargs.setdefault("verify", tls_context())
        return httpx.Client(base_url=self.url, headers=self.headers, **kwargs)

    def start(self, timeout: float = 30.0) -> LiveService:
        self.launch()
        return self.wait_ready(timeout)

    def launch(self) -> None:
        """Start the process without waiting (several replicas start side by side)."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        config_path = self.state_dir / "config.toml"
        config_path.write_text(
            "".join(f"{key} = {json.dumps(value)}\n" for key, value in self.config.items()),
            encoding="utf-8",
        )
        ours = {*ENV_VARS, *SERVICE_ENV_VARS, "OPENAI_API_KEY"}
        env = {k: v for k, v in os.environ.items() if k not in ours}
        env["SUMMARIZER_CONFIG"] = str(config_path)
        env["SUMMARIZER_CACHE_DIR"] = str(self.state_dir / "cache")
        env["SUMMARIZER_API_KEYS"] = ",".join(self.keys)
        command = [
            sys.executable,
            "-m",
            "summarizer",
            "serve",
            "--port",
            str(self.port),
            "--state-dir",
            str(self.state_dir / "state"),
            "--backend",
            "compatible",
            "--base-url",
            self.base_url,
            "--model",
            self.model,
            *(["--state-url", self.state_url] if self.state_url else []),
        ]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=self.state_dir
        )
        log.close()

    def wait_ready(self, timeout: float = 30.0) -> LiveService:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"service exited at start:\n{self.log()}")
            try:
                ready = httpx.get(f"{self.url}/readyz", timeout=1.0, verify=tls_context())
                if ready.status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.02)
        self.stop(signal.SIGKILL)
        raise RuntimeError(f"service did not become ready:\n{self.log()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        code = self.process.returncode
        self.process = None
        return code

    def log(self) -> str:
        return (
            self.log_path.read_text(encoding="utf-8", errors="replace")
            if self.log_path.exists()
            else ""
        )

    def metric(self, name: str, labels: str = "") -> float:
        """One sample from /metrics, e.g. metric("summarizer_model_calls_in_flight")."""
        text = httpx.get(f"{self.url}/metrics", timeout=5.0, verify=tls_context()).text
        wanted = f"{name}{{{labels}}}" if labels else name
        for line in text.splitlines():
            if line.startswith(wanted + " "):
                return float(line.rsplit(" ", 1)[1])
        return 0.0

    def __enter__(self) -> LiveService:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def batch_body(n: int, prefix: str = "r") -> dict[str, Any]:
    texts = seed_texts()
    return {
        "requests": [
            {"custom_id": f"{prefix}{i}", "body": {"text": texts[i % len(texts)]}} for i in range(n)
        ],
        "metadata": {"purpose": "test"},
    }


def wait_for_batch(client: httpx.Client, batch_id: str, timeout: float = 60.0) -> Batch:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        batch = Batch.model_validate(client.get(f"/v1/batches/{batch_id}").json())
        if batch.status in ("completed", "cancelled", "failed", "expired"):
            return batch
        time.sleep(0.02)
    raise AssertionError(f"batch {batch_id} did not finish: {batch}")


def jsonl(response: httpx.Response) -> list[ResultLine]:
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/jsonl")
    return [ResultLine.model_validate_json(line) for line in response.text.splitlines() if line]


@pytest.fixture(scope="module")
def fake_model() -> Iterator[Any]:
    """The fake model server of tests/fakes/fake_batch_server.py (synthetic, verifying answers)."""
    from tests.fakes.fake_batch_server import FakeBatchServer

    with FakeBatchServer(delay=0.0) as server:
        yield server


@pytest.fixture(scope="module")
def service(fake_model: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    with LiveService(fake_model.base_url, tmp_path_factory.mktemp("service")) as live:
        yield live


# -- load: N requests at concurrency C, shared by tests/integration/test_service_load.py and bench/service.py


@dataclass
class LoadResult:
    latencies: list[float]  # client-side seconds per request
    overheads: list[float]  # server time minus model time (Server-Timing), seconds
    statuses: list[int]
    wall: float

    @property
    def errors(self) -> int:
        return sum(1 for status in self.statuses if status != 200)

    @property
    def rate(self) -> float:
        return len(self.statuses) / self.wall if self.wall else 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def server_timing(header: str) -> dict[str, float]:
    """{'app': ms, 'model': ms} from 'app;dur=1.0, model;dur=0.5'."""
    out: dict[str, float] = {}
    for part in header.split(","):
        name, _, duration = part.strip().partition(";dur=")
        if duration:
            out[name] = float(duration)
    return out


async def run_load(
    url: str, headers: dict[str, str], texts: list[str], requests: int, concurrency: int
) -> LoadResult:
    """POST /v1/summaries ``requests`` times with ``concurrency`` clients in flight."""
    import asyncio

    result = LoadResult([], [], [], 0.0)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(requests):
        queue.put_nowait(number)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        verify=tls_context(), base_url=url, headers=headers, timeout=120.0, limits=limits
    ) as client:

        async def worker() -> None:
            while True:
                try:
                    number = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                started = time.perf_counter()
                response = await client.post(
                    "/v1/summaries", json={"text": texts[number % len(texts)]}
                )
                result.latencies.append(time.perf_counter() - started)
                result.statuses.append(response.status_code)
                timing = server_timing(response.headers.get("server-timing", ""))
                if response.status_code == 200 and "app" in timing:
                    result.overheads.append((timing["app"] - timing.get("model", 0.0)) / 1000)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        result.wall = time.perf_counter() - started
    return result


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")
