"""Batch API at scale: our CPU per article and peak memory, against the Batch API stand-in.

Run: ``python -m bench.batch_api [--articles 20000] [--sizes 2000,5000] [--reask-share 0.01]``.

The stand-in is ``tests.fakes.fake_batch_api`` in its own process (its CPU and memory are not
ours), answering every request line from the cassettes' RECORDED response bodies. Each size
runs in a fresh child process (``--child``) so peak RSS (``ru_maxrss``) belongs to that size
alone; the child runs ``summarizer batch INPUT --out ... --via batch-api`` in-process (the
CLI's code path, including input loading, the state file, upload, polling, streaming
download, validation, verification and writing results).

The articles: the seed ``belgorod-kharkiv-2024-01-01`` (its recorded answer verifies at the
first ask) with ``--reask-share`` of the articles drawn from the other seeds, whose recorded
answers need two re-ask rounds (follow-up jobs, each answer replayed through instructor).

Printed per size: articles, our CPU seconds and ms per article (``time.process_time`` over
the run, imports excluded), peak RSS in MB, and its growth over the next smaller size; then
the growth per extra article between consecutive sizes (e.g. 5,000 -> 20,000).
Target: memory flat in the number of articles (files and state are streamed).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_ROUND_SEED = "belgorod-kharkiv-2024-01-01"


def write_input(path: Path, count: int, reask_share: float) -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    one = (ROOT / "seeds" / f"{ONE_ROUND_SEED}.txt").read_text(encoding="utf-8")
    others = [p.read_text(encoding="utf-8") for p in seeds if p.stem != ONE_ROUND_SEED]
    every = round(1 / reask_share) if reask_share > 0 else 0
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            text = others[(n // every) % len(others)] if every and n % every == every - 1 else one
            handle.write(json.dumps({"id": f"a-{n:06d}", "text": text}) + "\n")


def child(base_url: str, articles: int, reask_share: float) -> None:
    """One measured run (in its own process); prints one JSON line of figures."""
    from typer.testing import CliRunner

    from summarizer.cli import app
    from summarizer.evaluation import cassettes

    with tempfile.TemporaryDirectory(prefix="bench-batch-api-") as tmp:
        source, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        write_input(source, articles, reask_share)
        os.environ["SUMMARIZER_CONFIG"] = str(Path(tmp) / "none.toml")
        args = ["batch", str(source), "--out", str(out), "--via", "batch-api"]
        args += ["--poll-interval", "0.05", "--base-url", base_url, "--backend", "llama-cpp"]
        args += ["--model", cassettes.EMBEDDED_MODEL, "--no-progress"]
        import instructor  # noqa: F401
        import openai  # noqa: F401

        import summarizer.batch.api.run  # noqa: F401 - imports are not per-article work

        cpu, wall = time.process_time(), time.monotonic()
        result = CliRunner().invoke(app, args)
        cpu, wall = time.process_time() - cpu, time.monotonic() - wall
        lines = sum(1 for _ in out.open(encoding="utf-8"))
        ok = sum(1 for line in out.open(encoding="utf-8") if '"error":' not in line)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "articles": articles,
                "exit": result.exit_code,
                "lines": lines,
                "ok": ok,
                "cpu_s": round(cpu, 2),
                "wall_s": round(wall, 2),
                "peak_mb": round(peak_kb / 1024, 1),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--sizes", default="2000,5000", help="smaller sizes to compare memory with")
    parser.add_argument("--reask-share", type=float, default=0.01)
    parser.add_argument(
        "--child", nargs=2, metavar=("BASE_URL", "ARTICLES"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.reask_share)
        return

    server = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.fake_batch_api", "--polls", "2"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert server.stdout is not None
        ready = server.stdout.readline().split()
        if not ready or ready[0] != "READY":
            raise SystemExit("the Batch API stand-in did not start")
        base_url = ready[1]
        sizes = sorted({*(int(s) for s in args.sizes.split(",") if s), args.articles})
        rows = []
        for size in sizes:
            output = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.batch_api",
                    "--child",
                    base_url,
                    str(size),
                    "--reask-share",
                    str(args.reask_share),
                ],
                capture_output=True,
                text=True,
                check=False,
                cwd=ROOT,
            )
            lines = [line for line in output.stdout.splitlines() if line.startswith("{")]
            if not lines:
                raise SystemExit(f"run of {size} failed:\n{output.stderr[-2000:]}")
            rows.append(json.loads(lines[-1]))
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"Batch API stand-in, re-ask share {args.reask_share:g} (two follow-up rounds each)")
    print(
        f"{'articles':>9} {'exit':>4} {'ok':>7} {'CPU s':>8} {'ms/article':>10} {'wall s':>8}"
        f" {'peak MB':>8} {'growth':>8}"
    )
    previous = None
    for row in rows:  # growth: peak MB over the next smaller size
        growth = f"{row['peak_mb'] - previous['peak_mb']:>+8.1f}" if previous else f"{'-':>8}"
        print(
            f"{row['articles']:>9,} {row['exit']:>4} {row['ok']:>7,} {row['cpu_s']:>8.1f} "
            f"{1000 * row['cpu_s'] / row['articles']:>10.2f} {row['wall_s']:>8.1f} "
            f"{row['peak_mb']:>8.1f} {growth}"
        )
        previous = row
    for small, large in itertools.pairwise(rows):
        extra = max(1, large["articles"] - small["articles"])
        delta = large["peak_mb"] - small["peak_mb"]
        print(
            f"memory {small['articles']:,} -> {large['articles']:,} articles: {delta:+.1f} MB "
            f"({delta * 1024 / extra:+.2f} KB per extra article; flat: ~0)"
        )


if __name__ == "__main__":
    main()
