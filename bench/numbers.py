"""Throughput of the rule-based number extractor on the seed articles (single process).

Run: ``python -m bench.numbers [--seconds 2.5]``. Repeats the seed articles until about the
requested wall time has passed, then prints articles/s, MB/s and mentions/s. The target is
1,500 seed-sized articles per second on one core.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from summarizer.numbers import extract_numbers

ROOT = Path(__file__).resolve().parent.parent
TARGET_ARTICLES_PER_S = 1_500


def load_seeds(folder: Path) -> list[str]:
    """The seed article texts; the benchmark is meaningless without them."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no seed articles (*.txt) in {folder}")
    return texts


def run(texts: list[str], seconds: float) -> tuple[int, int, float, float]:
    """(articles, mentions, wall seconds, CPU seconds) after repeating ``texts`` for ~``seconds``."""
    for text in texts:  # warm-up: regex compilation and caches are not what we measure
        extract_numbers(text)
    articles = mentions = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    wall = 0.0
    while wall < seconds:
        for text in texts:
            mentions += len(extract_numbers(text))
        articles += len(texts)
        wall = time.perf_counter() - wall0
    return articles, mentions, wall, time.process_time() - cpu0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.5, help="wall time to run (default 2.5)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of *.txt")
    args = parser.parse_args(argv)
    texts = load_seeds(args.seeds)
    articles, mentions, wall, cpu = run(texts, args.seconds)
    size = sum(len(t.encode("utf-8")) for t in texts) / len(texts)
    megabytes = articles * size / 1e6
    print(
        f"seed articles : {len(texts)} (mean {size / 1000:.1f} kB, "
        f"{mentions / articles:.1f} mentions each)"
    )
    print(f"processed     : {articles:,} articles in {wall:.2f} s wall, {cpu:.2f} s CPU")
    for label, seconds in (("wall clock", wall), ("CPU time", cpu)):
        print(
            f"{label:<14}: {articles / seconds:,.0f} articles/s, {megabytes / seconds:.2f} MB/s, "
            f"{mentions / seconds:,.0f} mentions/s"
        )
    # One process on one core: CPU time is the per-core figure even when other work shares
    # the machine; wall clock is what a caller sees on this machine right now.
    rate = articles / cpu
    verdict = "OK" if rate >= TARGET_ARTICLES_PER_S else "BELOW TARGET"
    print(f"target        : {TARGET_ARTICLES_PER_S:,} articles/s per core (CPU time) -> {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
