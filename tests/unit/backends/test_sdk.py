"""summarizer.backends.sdk: the SDK import pauses the collector; only an application freezes the heap.

Each check runs in a fresh interpreter: a freeze would otherwise hold this test process's
heap for the rest of the run, and the state under test is per process.
"""

from __future__ import annotations

import subprocess
import sys

import pytest


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    out = run(
        "import gc\n"
        "from summarizer.backends.sdk import importing_sdks\n"
        "with importing_sdks(): inside = gc.isenabled()\n"
        "after = gc.isenabled()\n"
        "gc.disable()\n"
        "with importing_sdks(): pass\n"
        "print(inside, after, gc.isenabled(), gc.get_freeze_count())"
    )
    # Paused inside; enabled again after; left disabled when it was; nothing frozen (a library).
    assert out == "False True False 0"


def test_an_application_freezes_once_after_the_first_import() -> None:
    out = run(
        "import gc\n"
        "from summarizer.backends.sdk import freeze_after_sdk_import, importing_sdks\n"
        "freeze_after_sdk_import()\n"
        "with importing_sdks(): kept = [object() for _ in range(3)]\n"
        "first = gc.get_freeze_count()\n"
        "later = [[] for _ in range(1000)]\n"
        "with importing_sdks(): pass\n"
        "print(first > 0, gc.get_freeze_count() == first, gc.isenabled())"
    )
    # What is alive after the second import (a run's working data) stays collectable.
    assert out == "True True True"


@pytest.mark.parametrize("raises", [False, True])
def test_an_error_inside_still_restores_the_collector(raises: bool) -> None:
    body = "raise KeyError('x')" if raises else "pass"
    out = run(
        "import gc\n"
        "from summarizer.backends.sdk import importing_sdks\n"
        "try:\n"
        f"    with importing_sdks(): {body}\n"
        "except KeyError:\n"
        "    pass\n"
        "print(gc.isenabled())"
    )
    assert out == "True"


def test_the_cli_asks_for_the_freeze() -> None:
    out = run(
        "import gc, sys\n"
        "from summarizer.cli import main\n"
        "from summarizer.backends.sdk import importing_sdks\n"
        "sys.argv = ['summarizer', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "with importing_sdks(): pass\n"
        "print(gc.get_freeze_count() > 0)"
    )
    assert out.splitlines()[-1] == "True"
