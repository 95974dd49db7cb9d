"""What a new user sees: quiet by default, -v per attempt, -vv per request, messages that
name the setting to change, the deadline's partial result, the cache, the help text.

Against the FAKE model server (``tests/fakes/fake_openai_server.py``: scripted replies, never a
model). Where logging is the point (quiet by default, -v, -vv, a plain script), the
installed ``summarizer`` script runs in a process of its own (real stdout/stderr, real
logging); messages, deadlines and the cache run the same CLI in this process.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli.app import app
from tests.fakes.fake_openai_server import (
    BAD_QUOTE_DRAFT,
    BELGOROD_DRAFT,
    Completion,
    FakeOpenAIServer,
    Hang,
)
from tests.support.fault_fixtures import BELGOROD_PATH, Run, run_cli_subprocess, write_config
from tests.support.paths import ROOT

NOISE = ("Max retries exceeded", "validation error", "API call failed", "errors.pydantic.dev")


def summarize_call(
    fake: FakeOpenAIServer, tmp_path: Path, args: tuple[str, ...], config: dict[str, object]
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of `summarizer summarize` on the seed article."""
    env = {
        "SUMMARIZER_CONFIG": str(write_config(tmp_path / "config.toml", **config)),
        "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache"),
        "COLUMNS": "80",
    }
    base = ["summarize", str(BELGOROD_PATH), "--base-url", fake.url, "--model", "fake"]
    return [*base, *args], env


def cli(fake: FakeOpenAIServer, tmp_path: Path, *args: str, **config: object) -> Run:
    """The installed script in a process of its own (real stdout/stderr, real logging)."""
    argv, env = summarize_call(fake, tmp_path, args, config)
    return run_cli_subprocess(argv, env)


def cli_here(fake: FakeOpenAIServer, tmp_path: Path, *args: str, **config: object) -> Run:
    """As :func:`cli`, in this process (typer's runner): for what needs no process of its own."""
    argv, env = summarize_call(fake, tmp_path, args, config)
    started = time.monotonic()
    result = CliRunner().invoke(app, argv, env=env)
    return Run(result.exit_code, result.stdout, result.stderr, time.monotonic() - started)


FAST_CONFIG = {"backoff_initial": 0.01, "backoff_max": 0.05}


@pytest.mark.slow
def test_library_prints_nothing_when_the_model_is_re_asked() -> None:
    """No logging configured (a plain script): instructor's retry dumps must not reach stderr."""
    script = f"""
import sys; sys.path.insert(0, {str(ROOT)!r})
from tests.fakes.fake_openai_server import FakeOpenAIServer, Completion, BAD_QUOTE_DRAFT
from summarizer import Summarizer
with FakeOpenAIServer() as fake:
    fake.script(Completion(BAD_QUOTE_DRAFT))
    with Summarizer(backend="compatible", base_url=fake.url, model="m", backoff_initial=0.01) as s:
        result = s.summarize(open({str(BELGOROD_PATH)!r}).read())
    print(result.meta.attempts, fake.count)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "3"], "re-asked twice: the noisy path ran"
    assert done.stderr == "", done.stderr


# One process per level, so parallel workers run them side by side (each is a full CLI start).
@pytest.mark.slow
@pytest.mark.parametrize("verbosity", ["quiet", "-v", "-vv"])
def test_cli_quiet_by_default_then_attempts_at_v_and_requests_at_vv(
    tmp_path: Path, verbosity: str
) -> None:
    with FakeOpenAIServer() as fake:
        fake.script(Completion(BAD_QUOTE_DRAFT))
        args = () if verbosity == "quiet" else (verbosity,)
        run = cli(fake, tmp_path, *args, **FAST_CONFIG)
    assert run.exit_code == 0, run.stderr
    if verbosity == "quiet":
        assert not any(noise in run.stderr for noise in NOISE), run.stderr
        assert run.stderr.strip() == "", run.stderr
    elif verbosity == "-v":
        for n in (1, 2, 3):
            assert f"attempt {n}/3: asking fake" in run.stderr
        assert "attempt 1 rejected:" in run.stderr and "re-asking" in run.stderr
        assert "POST" not in run.stderr, "-v: steps, not requests"
    else:
        assert run.stderr.count("POST http://127.0.0.1:") == 3, run.stderr
        assert "Authorization" not in run.stderr and "Bearer" not in run.stderr


@pytest.mark.slow
def test_deadline_message_names_the_setting_and_what_was_happening(tmp_path: Path) -> None:
    with FakeOpenAIServer() as fake:
        fake.script(Hang())
        run = cli_here(fake, tmp_path, "--deadline", "1.2", "--timeout", "0.5", **FAST_CONFIG)
    assert run.exit_code == 4
    message = run.stderr.strip()
    assert message.startswith("error: gave up on fake at http://127.0.0.1:")
    assert "the 1.2s deadline per article ran out; attempt 1/3, 0 tokens so far;" in message
    assert "raise it with --deadline SECONDS (or SUMMARIZER_DEADLINE" in message
    assert len(message.splitlines()) == 1


@pytest.mark.slow
def test_deadline_run_prints_the_last_answer_with_its_checks(tmp_path: Path) -> None:
    with FakeOpenAIServer() as fake:
        # Always re-asked, 0.6 s per answer: six attempts would take 3.6 s, the deadline is 3 s
        # (room for a slow first answer on a loaded machine: the SDK import may run inside it).
        fake.script(Completion(BAD_QUOTE_DRAFT, delay=0.6))
        run = cli_here(fake, tmp_path, "--deadline", "3", "--max-retries", "5", **FAST_CONFIG)
    assert run.exit_code == 0, run.stderr
    assert "Figures: 4/5 verified" in run.stdout, run.stdout
    assert "note: the 3s deadline per article ran out" in " ".join(run.stdout.split())
    assert "warning: the 3s deadline per article ran out" in run.stderr
    assert "--deadline" in run.stderr and "tokens so far" in run.stderr


def test_summarize_cache_makes_the_second_run_instant(tmp_path: Path) -> None:
    # The cache lives on disk, so each run may as well be in this process (a run builds its
    # own Summarizer from the command line, the config file and the environment).
    with FakeOpenAIServer() as fake:
        fake.script(Completion(BELGOROD_DRAFT))
        first = cli_here(fake, tmp_path, "--cache")
        again = cli_here(fake, tmp_path, "--cache", "--format", "json")
        assert fake.count == 1, "the second run is answered from the cache"
        without = cli_here(fake, tmp_path)
        assert fake.count == 2, "off by default"
        by_config = cli_here(fake, tmp_path, cache=True)
        assert fake.count == 2, "the `cache` config key turns it on"
        refused = cli_here(fake, tmp_path, "--no-cache", cache=True)
        assert fake.count == 3, "--no-cache wins over the config key"
    assert all(r.exit_code == 0 for r in (first, again, without, by_config, refused))
    assert "(from the response cache)" in " ".join(by_config.stdout.split()[:20])
    assert '"cached": true' in again.stdout


def test_help_shows_flags_as_flags() -> None:
    done = run_cli_subprocess(["summarize", "--help"], {"COLUMNS": "100"})
    assert done.exit_code == 0
    assert "--strict" in done.stdout and "--cache" in done.stdout and "--deadline" in done.stdout
    assert "<bool>" not in done.stdout and "<int>  " not in done.stdout.split("--verbose")[1][:30]
