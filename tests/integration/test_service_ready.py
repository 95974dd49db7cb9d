"""/readyz with the embedded model: 503 while its server starts, 200 once it answers.

uvicorn runs in this process (a real server on a real port) so the embedded server's
binary can be swapped for the fake of tests/fakes (no llama.cpp needed).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from summarizer.backends import backend as backends
from summarizer.backends.embedded import EmbeddedServer
from summarizer.backends.transport import tls_context
from summarizer.config import ServiceSettings, Settings
from tests.support.paths import FAKES
from tests.support.service_fixtures import BELGOROD_TEXT, free_port

pytestmark = pytest.mark.service

FAKE = FAKES / "fake_llama_server.py"


class FakeServer(EmbeddedServer):
    server_module = "tests.fakes.fake_llama_server"

    def command(self, port: int) -> list[str]:
        return [sys.executable, str(FAKE), *super().command(port)[3:]]


def serve(settings: Settings, state_dir: Path) -> Iterator[httpx.Client]:
    """The app on a real port; a client for it (one TLS context: no CA bundle per request)."""
    import uvicorn  # here, not at collection: FastAPI and uvicorn load only where they run

    from summarizer.service import create_app

    port = free_port()
    app = create_app(settings, ServiceSettings(state_dir=state_dir))
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", verify=tls_context())
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            client.get("/healthz", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.05)
    try:
        yield client
    finally:
        client.close()
        server.should_exit = True
        thread.join(20)


@pytest.fixture
def embedded_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    gguf = tmp_path / "tiny-model.Q4.gguf"
    gguf.write_bytes(b"GGUF" + (3).to_bytes(4, "little") + bytes(16))
    monkeypatch.setattr(backends, "EmbeddedServer", FakeServer)
    return Settings(backend="embedded", model_path=gguf)


@pytest.mark.slow
def test_readyz_is_503_while_the_model_starts_then_200(
    embedded_settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FAKE_LLAMA_MODE", "slow")
    monkeypatch.setenv("FAKE_LLAMA_DELAY", "2")
    for client in serve(embedded_settings, tmp_path / "state"):
        starting = client.get("/readyz")
        assert starting.status_code == 503
        assert starting.json()["status"] == "starting"
        assert client.get("/healthz").status_code == 200
        early = client.post("/v1/summaries", json={"text": BELGOROD_TEXT})
        assert early.status_code == 503 and early.json()["code"] == "not_ready"
        assert int(early.headers["Retry-After"]) >= 1
        deadline = time.monotonic() + 30
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "never became ready"
            time.sleep(0.1)
        assert client.get("/readyz").json() == {"status": "ok", "detail": None, "database": "ok"}

        # The fake serves no completions (404): enough to see which server a request reached.
        plain = client.post("/v1/summaries", json={"text": BELGOROD_TEXT}, timeout=30)
        tuned = client.post(
            "/v1/summaries",
            json={"text": BELGOROD_TEXT, "options": {"max_tokens": 512}},
            timeout=30,
        )
        assert plain.status_code == tuned.status_code == 502
        assert "127.0.0.1" in plain.json()["detail"]
        assert tuned.json()["detail"] == plain.json()["detail"], "options must not start a server"


def test_readyz_says_why_when_the_model_cannot_start(
    embedded_settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FAKE_LLAMA_MODE", "crash")
    for client in serve(embedded_settings, tmp_path / "state"):
        deadline = time.monotonic() + 30
        while (body := client.get("/readyz").json())["status"] == "starting":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert body["status"] == "failed"
        assert "fake crash" in body["detail"]
        assert client.get("/readyz").status_code == 503
