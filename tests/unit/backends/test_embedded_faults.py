"""A dead embedded server is named at once: which death, why, what to do, one attempt.

The stand-in server executables (tests/fakes/fake_llama_server.py) are real processes:
one dies of SIGILL inside the first chat request, one exits at start, one cannot load its
model. Each test runs the real CLI in this process (so the backend's server class can be
swapped for the stand-in) and counts, in the stand-in's own log, what reached it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.backends import backend as backends
from summarizer.backends.embedded import EmbeddedServer, check_gguf, describe_exit
from summarizer.cli.app import app
from summarizer.errors import ConfigError
from tests.fakes.fake_llama_server import write_header_only_gguf
from tests.support.paths import FAKES, ROOT

SEED = ROOT / "seeds" / "ferry-capsize-kivu-2025.txt"


class StandIn(EmbeddedServer):
    server_module = "tests.fakes.fake_llama_server"

    def command(self, port: int) -> list[str]:
        return [sys.executable, str(FAKES / "fake_llama_server.py"), *super().command(port)[3:]]


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The embedded backend starts the stand-in; returns the log of what reached it."""
    log = tmp_path / "server.log"
    monkeypatch.setattr(backends, "EmbeddedServer", StandIn)
    monkeypatch.setenv("FAKE_LLAMA_LOG", str(log))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(tmp_path / "no-config.toml"))
    return log


def run_summarize(gguf: Path, *extra: str) -> tuple[int, str, float]:
    started = time.monotonic()
    result = CliRunner().invoke(
        app,
        ["summarize", str(SEED), "--model-path", str(gguf), "--backend", "embedded", *extra],
    )
    return result.exit_code, result.output, time.monotonic() - started


def seen(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


@pytest.mark.slow
def test_death_by_sigill_during_a_request_is_named_after_one_attempt(
    stand_in: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LLAMA_MODE", "sigill")
    gguf = tmp_path / "model.gguf"
    write_header_only_gguf(gguf)
    code, output, seconds = run_summarize(gguf, "-v")
    assert code == 4, output
    assert "died of SIGILL (illegal instruction) during a request" in output
    assert "rebuild llama-cpp-python for a portable CPU baseline" in output
    assert "AVX-512 kernel" in output, "-v shows the tail of the server's output"
    assert "retry" not in output.lower(), "no transient retries against a dead process"
    assert seen(stand_in) == ["start", "request"], "exactly one request reached the server"
    assert seconds < 10


@pytest.mark.slow
def test_exit_at_start_is_named_and_nothing_is_retried(
    stand_in: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LLAMA_MODE", "crash")
    gguf = tmp_path / "model.gguf"
    write_header_only_gguf(gguf)
    code, output, seconds = run_summarize(gguf)
    assert code == 4, output
    assert "embedded model server exited with code 3 while starting" in output
    assert "fake crash at start" in output
    assert seen(stand_in) == ["start"], "started once, no request sent to a dead process"
    assert seconds < 10


@pytest.mark.slow
def test_a_model_the_server_cannot_load_is_a_config_error_naming_the_file(
    stand_in: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LLAMA_MODE", "badmodel")
    gguf = tmp_path / "truncated.gguf"
    write_header_only_gguf(gguf)
    code, output, seconds = run_summarize(gguf)
    assert code == 2, output
    assert str(gguf) in output.replace("\n", "")
    assert "cannot load this model file" in output
    assert seen(stand_in) == ["start"]
    assert seconds < 10


def test_random_bytes_as_the_model_stop_before_any_server_starts(
    stand_in: Path, tmp_path: Path
) -> None:
    junk = tmp_path / "random.gguf"
    junk.write_bytes(os.urandom(4096))
    code, output, _ = run_summarize(junk)
    assert code == 2, output
    assert "random.gguf" in output and "not a GGUF model file" in output
    assert seen(stand_in) == [], "no server was started on it"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"GGUF\x03\x00\x00\x00", "damaged GGUF"),
        (b"GGUF\x09\x00\x00\x00" + bytes(16), "damaged GGUF"),
        (b"version https://git-lfs.github.com/spec/v1\noid sha256:ab", "Git LFS pointer"),
        (b"<!DOCTYPE html><html>", "not a GGUF model file"),
    ],
)
def test_gguf_header_check(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "m.gguf"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=message) as caught:
        check_gguf(path)
    assert str(path) in str(caught.value)


def test_gguf_header_check_accepts_a_valid_header_and_refuses_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "ok.gguf"
    write_header_only_gguf(path)
    check_gguf(path)
    with pytest.raises(ConfigError, match="is a folder"):
        check_gguf(tmp_path)


def test_exit_descriptions_name_the_signal_and_what_to_do() -> None:
    what, hint = describe_exit(-4)
    assert what == "died of SIGILL (illegal instruction)"
    assert "GGML_NATIVE=OFF" in hint
    assert describe_exit(-9)[0] == "died of SIGKILL (killed)"
    assert "memory" in describe_exit(-9)[1]
    assert describe_exit(1) == ("exited with code 1", "")
