"""mypy on summarizer/ against a baseline that only shrinks.

    python tools/typecheck.py            # fail on any error not in mypy-baseline.txt
    python tools/typecheck.py --update   # rewrite the baseline after fixing errors

The baseline holds the errors the code had when the checker arrived, one per line as
``path: [code] message`` (no line numbers, so unrelated edits do not churn it). A new error
fails the check; a fixed one is reported so the baseline is shrunk with ``--update``, which
refuses to add errors: silence a deliberate one in the code with ``# type: ignore[code]``
and a reason instead. mypy's settings are in pyproject.toml ([tool.mypy]); a change to
them is the one time to start a new baseline: delete the file, then ``--update``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
ERROR = re.compile(
    r"^(?P<path>[^:\s]+):(?P<line>\d+)(?::\d+)?: error: (?P<message>.*?)(?:  \[(?P<code>[\w-]+)\])?$"
)
HEADER = (
    "# mypy errors the code still has; `make typecheck-baseline` shrinks it (never grows it).\n"
)


def run_mypy() -> tuple[Counter[str], dict[str, list[str]]]:
    """The current errors as baseline keys (with counts) and where each one is."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--show-error-codes", "--no-pretty"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode not in (0, 1) or proc.stderr.strip():
        sys.exit(f"mypy failed to run (exit {proc.returncode}):\n{proc.stderr or proc.stdout}")
    errors: Counter[str] = Counter()
    where: dict[str, list[str]] = {}
    for line in proc.stdout.splitlines():
        match = ERROR.match(line)
        if match is None:
            continue  # notes and hints belong to the error above them
        key = f"{match['path']}: [{match['code'] or 'misc'}] {match['message']}"
        errors[key] += 1
        where.setdefault(key, []).append(f"{match['path']}:{match['line']}")
    return errors, where


def read_baseline() -> Counter[str]:
    if not BASELINE.exists():
        return Counter()
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    return Counter(line for line in lines if line.strip() and not line.startswith("#"))


def write_baseline(errors: Counter[str]) -> None:
    BASELINE.write_text(HEADER + "".join(f"{key}\n" for key in sorted(errors.elements())), "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--update", action="store_true", help="shrink the baseline to the current errors"
    )
    args = parser.parse_args()

    current, where = run_mypy()
    baseline = read_baseline()
    new = current - baseline
    fixed = baseline - current
    if args.update and not BASELINE.exists():
        write_baseline(current)  # the checker's first run: the baseline is what there is
        print(f"mypy: baseline created with {sum(current.values())} error(s)")
        return 0
    if new:
        print(f"mypy: {sum(new.values())} error(s) not in {BASELINE.name}:", file=sys.stderr)
        for key, count in sorted(new.items()):
            print(f"  {', '.join(where[key])}: {key.split(': ', 1)[1]} (x{count})", file=sys.stderr)
        if args.update:
            print(
                "the baseline only shrinks: fix these or silence them with a reason",
                file=sys.stderr,
            )
        return 1
    if args.update:
        write_baseline(current)
        print(
            f"mypy: baseline now {sum(current.values())} error(s) ({sum(fixed.values())} removed)"
        )
        return 0
    if fixed:
        print(
            f"mypy: {sum(fixed.values())} baseline error(s) fixed; shrink the baseline with "
            "`make typecheck-baseline`:"
        )
        for key in sorted(fixed):
            print(f"  {key}")
    print(f"mypy: no new errors ({sum(current.values())} in the baseline still to fix)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
