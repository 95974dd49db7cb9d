"""CPU a fresh ``summarizer`` process spends before doing anything: the fast-loop figures.

Run: ``python bench/startup.py [--runs 7]``. For each command line it starts a new
interpreter ``--runs`` times and prints the median CPU (user + sys, from the kernel's
accounting of the child, so a busy machine inflates it less than wall time) and wall time,
then the slowest imports of ``import summarizer.cli`` (``python -X importtime``).
The target for ``summarizer --help`` is under 0.3 s of CPU.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This folder holds numbers.py, which would shadow the standard library's `numbers` module
# (statistics needs it): take the folder off sys.path, as bench/numbers.py does.
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() not in (HERE, ROOT)]

import argparse
import os
import resource
import statistics
import subprocess
import time

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


def measure(args: list[str], runs: int) -> tuple[float, float]:
    """Median (CPU seconds, wall seconds) of ``runs`` fresh processes."""
    cpu, wall = [], []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([*CLI, *args], env=env, cwd=ROOT, capture_output=True, check=False)
        wall.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


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
    print("slowest imports of `import summarizer.cli` (cumulative, wall clock):")
    for row in slowest_imports(8):
        print(row)


if __name__ == "__main__":
    main()
