"""Fixtures and helpers for the fault-injection, secrets and hostile-input tests.

The synthetic "model" replies live in :mod:`tests.fakes.fake_openai_server` (the explicitly fake
server), not here. Import the fixtures into a test module::

    from tests.support.fault_fixtures import fake_server  # noqa: F401  (pytest fixture)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.fake_openai_server import FakeOpenAIServer
from tests.support.paths import ROOT

SEEDS = ROOT / "seeds"
BELGOROD_PATH = SEEDS / "belgorod-kharkiv-2024-01-01.txt"
BELGOROD = BELGOROD_PATH.read_text(encoding="utf-8")
SUMMARIZER_BIN = Path(sys.executable).parent / "summarizer"

FAKE_KEY = "sk-test-SECRET123456"  # a fake key: must never show up in any output

# Small backoff so the matrix runs in seconds; Retry-After is still honoured (capped).
FAST = {"backoff_initial": 0.01, "backoff_max": 0.05, "timeout": 2.0, "connect_timeout": 1.0}


def seed_body(name: str) -> str:
    """A seed article without its ``date YYYY-MM-DD`` line prefix."""
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    return re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s+", "", text)


def long_article() -> str:
    """Belgorod (with its dateline) followed by the bodies of the other seeds."""
    others = [
        "explosion-tianjin-2015",
        "microsoft-profit-us-2007",
        "rockets-gaza-2012",
        "wildfires-california-2017",
    ]
    return (
        "\n\n".join([BELGOROD.rstrip("\n")] + [seed_body(name).rstrip("\n") for name in others])
        + "\n"
    )


# ---------------------------------------------------------------------------
# Fixtures and runners
# ---------------------------------------------------------------------------


@pytest.fixture
def fake_server() -> Iterator[FakeOpenAIServer]:
    """The fake OpenAI-compatible server, started on a free port and stopped after the test."""
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture(scope="module")
def warm_up() -> None:
    """Pay the one-off import and client-setup costs (~1 s) before timed tests."""
    from summarizer.pipeline.summarizer import Summarizer
    from tests.fakes.fake_openai_server import BELGOROD_DRAFT, Completion

    with FakeOpenAIServer() as fake:
        fake.script(Completion(BELGOROD_DRAFT))
        with Summarizer(
            backend="compatible", base_url=fake.url, model="fake", **FAST
        ) as summarizer:
            summarizer.summarize(BELGOROD)


def write_config(path: Path, **settings: Any) -> Path:
    """A TOML config file (how a CLI user sets backoff, attempts, deadline...)."""
    lines = []
    for key, value in settings.items():
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, (int, float)):
            lines.append(f"{key} = {value}")
        else:
            lines.append(f"{key} = {json.dumps(str(value))}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    elapsed: float


def run_cli_subprocess(args: list[str], env: dict[str, str], timeout: float = 60) -> Run:
    """The installed ``summarizer`` script in a child process (real stdout/stderr, real logging)."""
    started = time.monotonic()
    full_env = {**os.environ, **env}
    full_env.pop("SUMMARIZER_RAISE_ERRORS", None)
    done = subprocess.run(
        [str(SUMMARIZER_BIN), *args],
        check=False,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        cwd=str(ROOT),
    )
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - started)
