"""The demo as a person sees it: a real 80x40 terminal (tmux), the spinner while the model
works, then the final screen. Kept fast by the FAKE model server (``fake_openai_server``:
scripted replies, never a model), which answers after a delay so the spinner is on screen.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.fakes.fake_openai_server import (
    BAD_QUOTE_DRAFT,
    BELGOROD_DRAFT,
    Completion,
    FakeOpenAIServer,
)
from tests.support.fault_fixtures import BELGOROD_PATH, ROOT, SUMMARIZER_BIN

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt install tmux)"),
    pytest.mark.slow,
]

WIDTH, HEIGHT = 80, 40


class Terminal:
    """One tmux session on a private server socket (ours alone: killed when done)."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return done.stdout

    def start(self, command: str, env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        shell = f"cd {shlex.quote(str(ROOT))} && env {exports} {command}; echo EXIT=$?; sleep 60"
        self.tmux(
            "new-session", "-d", "-x", str(WIDTH), "-y", str(HEIGHT), "-s", "demo", shell
        )  # fmt: skip

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "demo")

    def history(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "demo")

    def wait_for(self, pattern: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if re.search(pattern, screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} not on screen after {timeout}s:\n{self.screen()}")


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal(f"summarizer-test-{os.getpid()}")
    try:
        yield term
    finally:
        term.tmux("kill-server")


def demo_env(tmp_path: Path) -> dict[str, str]:
    return {
        "TERM": "xterm-256color",
        "SUMMARIZER_CONFIG": str(tmp_path / "absent.toml"),
        "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache"),
        "PATH": os.environ.get("PATH", ""),
    }


@pytest.mark.slow(seconds=5)  # what tests/support/schedule.py deals by
def test_spinner_then_final_screen_at_80_columns(terminal: Terminal, tmp_path: Path) -> None:
    with FakeOpenAIServer() as fake:
        # First answer has a wrong quote (re-asked), the second is right: two attempts to watch.
        fake.script(Completion(BAD_QUOTE_DRAFT, delay=1.2), Completion(BELGOROD_DRAFT, delay=1.2))
        command = f"{SUMMARIZER_BIN} summarize {BELGOROD_PATH.relative_to(ROOT)} "
        command += f"--base-url {fake.url} --model fake"
        terminal.start(command, demo_env(tmp_path))

        first = terminal.wait_for(r"attempt 1/3", timeout=20)
        spinner = next(line for line in first.splitlines() if "attempt 1/3" in line)
        assert "belgorod-kharkiv-2024-01-01.txt" in spinner and "asking fake" in spinner
        assert re.search(r"· \d+s", spinner), spinner  # elapsed seconds
        later = terminal.wait_for(r"attempt 2/3 · [\d,]+ tokens so far · \d+s", timeout=20)
        assert "re-asking" in later or "asking fake" in later

        terminal.wait_for(r"EXIT=\d+", timeout=30)
    screen = terminal.history()
    lines = [line.rstrip() for line in screen.splitlines()]
    assert "EXIT=0" in lines, screen
    assert all(cell_len(line) <= WIDTH for line in lines), "nothing wider than the terminal"
    top = next(i for i, line in enumerate(lines) if line.startswith("model fake · backend"))
    assert lines[top + 1].startswith("Russia"), "the backend line comes first, then the headline"
    assert "Figures: 5/5 verified" in screen
    assert not any("attempt 2/3" in line for line in lines[top:]), "the spinner is cleared"
    assert "2 attempt(s)" in screen
