"""Time to verify one summary with its article's mentions given (the re-ask loop's cost).

Run: ``python bench/verify.py [--seconds 2]``. For every seed it builds the correct summary
of bench/mutations.py (one event per gold event, the gold's own prose as summary and
descriptions: figures, prose numbers, names, dates and event types all checked) and calls
``verify(article, summary, mentions)`` repeatedly. Prints CPU time per summary per seed and
pooled. Target: <= 1 ms per summary.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() not in (HERE, ROOT)]

import argparse
import importlib.util
import time
from types import ModuleType

from summarizer.checks.figures import verify

TARGET_MS = 1.0


def _mutations_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_mutations", HERE / "mutations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


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
    bench = _mutations_module()
    seeds = bench.load_seeds(args.seeds)
    ok = True
    for label, build in (
        ("event summaries (gold prose, events, names, dates)", bench.event_summary),
        (
            "figure summaries (every gold number a figure)",
            lambda seed: bench.figure_summary(seed)[0],
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
