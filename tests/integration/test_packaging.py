"""Install-time experience: no setuptools warnings from our metadata, and the long build says
it is alive (``make demo`` runs pip through scripts/heartbeat.sh)."""

from __future__ import annotations

import re
import subprocess
import tomllib

import pytest

from tests.support.paths import ROOT

HEARTBEAT = ROOT / "scripts" / "heartbeat.sh"


def test_license_is_an_spdx_string_with_a_setuptools_that_reads_it() -> None:
    """setuptools >= 77 warns (three times per install) about the ``{ text = ... }`` table."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(pyproject["project"]["license"], str)
    requires = " ".join(pyproject["build-system"]["requires"])
    match = re.search(r"setuptools>=(\d+)", requires)
    assert match and int(match.group(1)) >= 77, requires
    classifiers = pyproject["project"].get("classifiers", [])
    assert not any(c.startswith("License ::") for c in classifiers), "PEP 639: one or the other"


@pytest.mark.slow(seconds=4)  # what tests/support/schedule.py deals by
def test_heartbeat_reports_a_quiet_command_while_it_runs_and_keeps_its_status() -> None:
    done = subprocess.run(
        [str(HEARTBEAT), "1", "building thing", "--", "bash", "-c", "sleep 2.5; exit 0"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0
    beats = [line for line in done.stdout.splitlines() if "still working" in line]
    assert len(beats) >= 2 and beats[0].startswith("building thing: still working, 0m0")
    assert done.stdout.splitlines()[-1].startswith("building thing: done in 0m0")
    failed = subprocess.run(
        [str(HEARTBEAT), "1", "x", "--", "bash", "-c", "exit 3"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert failed.returncode == 3 and "x: failed (exit 3)" in failed.stderr


def test_make_demo_installs_through_the_heartbeat() -> None:
    dry = subprocess.run(
        ["make", "-n", "demo", "VENV=/nonexistent-venv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert "scripts/heartbeat.sh 30" in dry.stdout and "4-15 minutes" in dry.stdout
    assert "tools/install_embedded.py" in dry.stdout, "llama-cpp-python: the portable build"
    assert "--no-install-package llama-cpp-python" in dry.stdout, "never uv's own build of it"
    assert "--locked" in dry.stdout
