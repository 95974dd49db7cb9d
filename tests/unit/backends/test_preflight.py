"""Configuration mistakes are told at once (exit 2, the fix named), not retried as network failures."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summarizer.cli  # noqa: F401  (registers the commands)
from summarizer import BackendRejected, ConfigError, NotAnOpenAIServer, Summarizer
from summarizer.cli.app import app
from tests.conftest import BELGOROD
from tests.fakes.fake_openai_server import FakeOpenAIServer, Raw
from tests.support.fault_fixtures import FAST

runner = CliRunner()
HTML_501 = (
    '<!DOCTYPE HTML><html lang="en"><head><title>Error response</title></head>'
    "<body><h1>Error response</h1><p>Error code: 501</p></body></html>"
)


def test_asked_for_model_without_key_or_url_is_refused_in_the_library() -> None:
    with pytest.raises(ConfigError, match=r"^gpt-4o-mini needs OPENAI_API_KEY or --base-url"):
        Summarizer(model="gpt-4o-mini")


def test_asked_for_model_without_key_or_url_is_refused_in_the_cli() -> None:
    started = time.monotonic()
    result = runner.invoke(app, ["summarize", str(BELGOROD), "--model", "gpt-4o-mini"])
    assert result.exit_code == 2, result.output
    assert "error: gpt-4o-mini needs OPENAI_API_KEY or --base-url" in result.output
    assert time.monotonic() - started < 5, "refused before any server starts"


def test_model_from_the_environment_is_checked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_MODEL", "llama3.2")
    with pytest.raises(ConfigError, match=r"^llama3.2 needs OPENAI_API_KEY or --base-url"):
        Summarizer()


def test_with_a_key_the_asked_for_model_goes_to_openai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-abcdefgh")
    summarizer = Summarizer(model="gpt-4o-mini")
    assert summarizer.settings.resolved_backend() == "openai"


def test_embedded_model_by_its_own_name_is_accepted() -> None:
    Summarizer(model="SmolLM2-135M-Instruct.Q4_1")
    Summarizer(model="smollm2-135m-instruct.q4_1.gguf")


def test_embedded_model_path_sets_the_name_it_serves(tmp_path: Path) -> None:
    gguf = tmp_path / "Qwen2.5-0.5B-Instruct-Q4_K_M.gguf"
    Summarizer(model_path=gguf, model="Qwen2.5-0.5B-Instruct-Q4_K_M")
    with pytest.raises(ConfigError, match=r"serves Qwen2.5-0.5B-Instruct-Q4_K_M .*not llama3"):
        Summarizer(backend="embedded", model_path=gguf, model="llama3")


def test_a_gguf_passed_as_model_points_at_model_path() -> None:
    with pytest.raises(ConfigError, match=r"pass --model-path models/tiny.gguf"):
        Summarizer(model="models/tiny.gguf")


@pytest.mark.parametrize(
    ("url", "hint"),
    [
        ("not-a-url", "is not an http(s) URL"),
        ("localhost:8080/v1", "did you mean http://localhost:8080/v1?"),
        ("ftp://example.org/v1", "is not an http(s) URL"),
        ("http://", "is not an http(s) URL"),
        ("http://localhost:80a/v1", "invalid port"),
    ],
)
def test_base_url_that_is_not_a_url_is_a_config_error(url: str, hint: str) -> None:
    started = time.monotonic()
    result = runner.invoke(app, ["summarize", str(BELGOROD), "--base-url", url, "--model", "m"])
    assert result.exit_code == 2, result.output
    assert hint in result.output and "e.g. http://localhost:8080/v1" in result.output
    assert time.monotonic() - started < 2, "no retries: nothing was sent"


@pytest.mark.parametrize(
    ("code", "content_type", "what"),
    [
        (501, "text/html", "an HTML page"),
        (200, "text/html", "an HTML page"),
        (405, "text/plain", "text/plain"),
    ],
)
def test_server_that_answers_non_json_is_a_config_error(
    fake_server: FakeOpenAIServer, code: int, content_type: str, what: str
) -> None:
    fake_server.script(
        Raw(HTML_501 if "html" in content_type else "Method Not Allowed", code, content_type)
    )
    result = runner.invoke(
        app, ["summarize", str(BELGOROD), "--base-url", fake_server.url, "--model", "m"]
    )
    assert result.exit_code == 2, result.output
    assert f"answered HTTP {code} with {what}, not JSON" in result.output
    assert "check --base-url" in result.output
    assert "<!DOCTYPE" not in result.output and "<html" not in result.output
    assert fake_server.count == 1, "told at the first answer: no retries, no re-asks"


def test_non_json_server_in_the_library(fake_server: FakeOpenAIServer) -> None:
    fake_server.script(Raw(HTML_501, 501, "text/html"))
    with (
        Summarizer(backend="compatible", base_url=fake_server.url, model="m", **FAST) as s,
        pytest.raises(NotAnOpenAIServer, match=r"not an OpenAI-compatible API") as caught,
    ):
        s.summarize(BELGOROD.read_text(encoding="utf-8"))
    assert caught.value.exit_code == 2, "a configuration mistake for the CLI"
    assert isinstance(caught.value, BackendRejected), "an upstream failure for the service"
