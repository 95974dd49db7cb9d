"""Time to verify one summary with its article's mentions given (the re-ask loop's cost).

Run: ``python -m bench.verify [--seconds 2]``. For every seed it builds the correct summary
of bench.mutations (one event per gold event, the gold's own prose as summary and
descriptions: figures, prose numbers, names, dates and event types all checked) and calls
``verify(article, summary, mentions)`` repeatedly. Prints CPU time per summary per seed and
pooled. Target: <= 1 ms per summary.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.mutations import event_summary, figure_summary, load_seeds
from summarizer.checks.report import verify

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 1.0


def _time(label: str, seeds: list, build: object, seconds: float) -> float:
    """CPU ms per verify of each seed's summary; prints a table and returns the pooled mean."""
    budget = seconds / len(seeds)
    per_seed: list[float] = []
    total_runs = 0
    print(label)
    print(f"  {'seed':<30} {'checks':>6} {'runs':>6} {'ms/summary (CPU)':>17}")
    for seed in seeds:
        draft = build(seed)  # type: ignore[operator]
        report = verify(seed.text, draft, seed.mentions)  # warm-up: lazy regexes, caches
        runs = 0
        cpu0 = time.process_time()
        while time.process_time() - cpu0 < budget:
            verify(seed.text, draft, seed.mentions)
            runs += 1
        cpu = time.process_time() - cpu0
        total_runs += runs
        per_seed.append(1000 * cpu / runs)
        print(f"  {seed.id:<30} {report.total:>6} {runs:>6} {per_seed[-1]:>17.3f}")
    mean = sum(per_seed) / len(per_seed)  # each seed's summary counts once
    print(f"  {'MEAN over seeds':<30} {'':>6} {total_runs:>6} {mean:>17.3f}")
    return mean


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="CPU seconds in total")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    args = parser.parse_args(argv)
    seeds = load_seeds(args.seeds)
    ok = True
    for label, build in (
        ("event summaries (gold prose, events, names, dates)", event_summary),
        (
            "figure summaries (every gold number a figure)",
            lambda seed: figure_summary(seed)[0],
        ),
    ):
        mean = _time(label, seeds, build, args.seconds / 2)
        ok = ok and mean <= TARGET_MS
    print(
        f"target        : <= {TARGET_MS:.1f} ms per summary (CPU time) -> {'OK' if ok else 'ABOVE TARGET'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
