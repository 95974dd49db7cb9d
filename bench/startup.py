"""CPU a fresh ``summarizer`` process spends before doing anything: the fast-loop figures.

Run: ``python -m bench.startup [--runs 7]``. For each command line it starts a new
interpreter ``--runs`` times and prints the median CPU (user + sys, from the kernel's
accounting of the child, so a busy machine inflates it less than wall time) and wall time,
then the slowest imports of ``import summarizer.cli`` (``python -X importtime``).
The target for ``summarizer --help`` is under 0.3 s of CPU.

Then one whole ``summarizer summarize`` against a fake model server
(``tests.fakes.fake_batch_server``, its own process): through the entry point, which freezes
the heap once the model SDKs are in (``summarizer.backends.sdk``), and through the same app without
that, alternating, with the ratio of the two medians.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "belgorod-kharkiv-2024-01-01.txt"
TARGET_HELP_CPU_S = 0.3
CLI = [
    sys.executable,
    "-c",
    "import sys; from summarizer.cli import main; sys.argv[0] = 'summarizer'; main()",
]
CASES = {
    "summarizer --help": ["--help"],
    "summarizer summarize --help": ["summarize", "--help"],
    "summarizer numbers SEED --format json": ["numbers", str(SEED), "--format", "json"],
    "summarizer summarize missing.txt (bad input)": ["summarize", "missing.txt"],
}


def run_child(
    command: list[str], env: dict[str, str]
) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """(CPU seconds, wall seconds, what it returned) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, wall, done


def measure(args: list[str], runs: int) -> tuple[float, float]:
    """Median (CPU seconds, wall seconds) of ``runs`` fresh processes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cpu, wall, _ = zip(*(run_child([*CLI, *args], env) for _ in range(runs)), strict=True)
    return statistics.median(cpu), statistics.median(wall)


FAKE_SERVER = "tests.fakes.fake_batch_server"  # run with -m from ROOT
# The same app; only the entry point (summarizer.cli.main) asks for the freeze.
WITHOUT_FREEZE = [
    sys.executable,
    "-c",
    "import sys; from summarizer.cli import app, expand_strict; app(args=expand_strict(sys.argv[1:]))",
]


def measure_summarize(runs: int) -> tuple[float, float]:
    """Median CPU of a whole `summarize` (fresh cache each time), with and without the freeze."""
    server = subprocess.Popen(
        [sys.executable, "-m", FAKE_SERVER, "--fixed-article", str(SEED)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline().strip()
        if not line.startswith("READY "):
            raise SystemExit(f"fake server did not start: {line!r}")
        base_url = line.split()[1]
        argv = ["summarize", str(SEED), "--base-url", base_url, "--model", "fake", "--no-cache"]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SUMMARIZER_CONFIG": "/nonexistent.toml"}
        cpu: dict[str, list[float]] = {"with": [], "without": []}
        for _ in range(runs):
            for label, command in (("with", CLI), ("without", WITHOUT_FREEZE)):
                seconds, _, done = run_child([*command, *argv], env)
                if done.returncode != 0:
                    raise SystemExit(f"summarize failed: {done.stderr.decode()[-500:]}")
                cpu[label].append(seconds)
        return statistics.median(cpu["with"]), statistics.median(cpu["without"])
    finally:
        server.kill()
        server.wait()


def slowest_imports(count: int) -> list[str]:
    """The ``count`` largest cumulative entries of ``python -X importtime``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import summarizer.cli"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    rows.sort(reverse=True)
    return [f"{cumulative / 1000:8.1f} ms {name}" for cumulative, name in rows[:count]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}, {args.runs} runs each, medians")
    for label, argv in CASES.items():
        cpu, wall = measure(argv, args.runs)
        print(f"{cpu:6.3f} s CPU {wall:6.3f} s wall  {label}")
        if argv == ["--help"]:
            verdict = "ok" if cpu < TARGET_HELP_CPU_S else "OVER"
            print(f"       target: --help under {TARGET_HELP_CPU_S} s CPU: {verdict}")
    frozen, plain = measure_summarize(args.runs)
    print(f"{frozen:6.3f} s CPU  summarizer summarize SEED (fake model server)")
    print(f"{plain:6.3f} s CPU  the same without the heap freeze: x{frozen / plain:.2f}")
    print("slowest imports of `import summarizer.cli` (cumulative, wall clock):")
    for row in slowest_imports(8):
        print(row)


if __name__ == "__main__":
    main()
