"""Batch API at scale: our CPU per article and per model answer, and peak memory.

Run: ``python -m bench.batch_api [--articles 20000] [--sizes 2000,5000] [--prompt NAME]``.

The stand-in is ``tests.fakes.fake_batch_api --corpus`` in its own process (its CPU and
memory are not ours), answering every request line from the cassettes' RECORDED response
bodies. Each size runs in a fresh child process (``--child``) so peak RSS (``ru_maxrss``)
belongs to that size alone; the child runs ``summarizer batch INPUT --out ... --via
batch-api`` in-process (the CLI's code path, including input loading, the state file,
upload, polling, streaming download, validation, verification and writing results).

The articles: every text with a recording for the prompt (the seeds, and the corpus
articles for the prompts recorded on the corpus), in turn. How many rounds an article
takes is its recording's: an answer that does not verify is re-asked in a follow-up job,
at most ``max_retries`` (2) times, and every round's answer is validated and verified
again. So the figures are given per article AND per model answer (one per round), with
how many articles took 1, 2 or 3 rounds. The texts repeat: what is cached per article
text (the checks' :func:`~summarizer.checks.facts.article_text`, 16 texts, with the
incidents read from them) is computed once per text when the prompt has at most that many
texts (the seeds alone), and again for every article when it has more (the corpus: the
honest figure for a stream of distinct articles, but for the lead words of the article's
mentions, kept for 4,096 mentions, a fraction of a millisecond per article).

Printed per size: articles, rounds, our CPU seconds, ms per article and per answer
(``time.process_time`` over the run, imports excluded), peak RSS in MB, and its growth over
the next smaller size; then the growth per extra article between consecutive sizes.
Targets: CPU <= 15 ms per article (issue #22), memory flat in the number of articles.
"""

from __future__ import annotations

import argparse
import collections
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
TARGET_MS = 15.0


def default_prompt() -> str:
    """The prompt the bench's backend (llama-cpp at a base URL) uses when none is given."""
    from summarizer.backend_registry import get_backend

    return get_backend("llama-cpp").default_prompt


def recorded_texts(prompt: str) -> list[str]:
    """Every article text with a recording for ``prompt``: seeds, then corpus articles."""
    found = []
    for folder, recordings in (
        (ROOT / "seeds", ROOT / "cassettes" / prompt),
        (ROOT / "seeds" / "corpus", ROOT / "cassettes" / "corpus" / prompt),
    ):
        for path in sorted(folder.glob("*.txt")):
            if (recordings / f"{path.stem}.yaml").exists():
                found.append(path.read_text(encoding="utf-8"))
    if not found:
        raise SystemExit(f"no recordings for the prompt {prompt!r} under cassettes/")
    return found


def write_input(path: Path, count: int, texts: list[str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": f"a-{n:06d}", "text": texts[n % len(texts)]}) + "\n")


def child(base_url: str, articles: int, prompt: str) -> None:
    """One measured run (in its own process); prints one JSON line of figures."""
    from typer.testing import CliRunner

    from summarizer.cli import app
    from summarizer.evaluation import cassettes

    with tempfile.TemporaryDirectory(prefix="bench-batch-api-") as tmp:
        source, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        texts = recorded_texts(prompt)
        write_input(source, articles, texts)
        os.environ["SUMMARIZER_CONFIG"] = str(Path(tmp) / "none.toml")
        args = ["batch", str(source), "--out", str(out), "--via", "batch-api"]
        args += ["--poll-interval", "0.05", "--base-url", base_url, "--backend", "llama-cpp"]
        args += ["--model", cassettes.EMBEDDED_MODEL, "--no-progress", "--prompt", prompt]
        import instructor  # noqa: F401
        import openai  # noqa: F401

        import summarizer.batch.api.run  # noqa: F401 - imports are not per-article work

        cpu, wall = time.process_time(), time.monotonic()
        result = CliRunner().invoke(app, args)
        cpu, wall = time.process_time() - cpu, time.monotonic() - wall
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # Rounds: the model answers an article took (its first ask and each re-ask).
        rounds: collections.Counter[int] = collections.Counter()
        lines = ok = 0
        with out.open(encoding="utf-8") as results:
            for line in results:  # streamed: the results are not held in memory
                record = json.loads(line)
                meta = record.get("meta") or record.get("error") or {}
                rounds[int(meta.get("attempts") or 0)] += 1
                lines += 1
                ok += "error" not in record
    print(
        json.dumps(
            {
                "articles": articles,
                "exit": result.exit_code,
                "texts": len(texts),
                "lines": lines,
                "ok": ok,
                "rounds": {str(k): v for k, v in sorted(rounds.items())},
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
    parser.add_argument("--prompt", default=None, help="prompt id (default: the backend's)")
    parser.add_argument(
        "--child", nargs=2, metavar=("BASE_URL", "ARTICLES"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.prompt or default_prompt())
        return

    server = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.fake_batch_api", "--polls", "2", "--corpus"],
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
                    "--prompt",
                    args.prompt or default_prompt(),
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

    first = rows[0]
    print(
        f"Batch API stand-in, prompt {args.prompt or default_prompt()}: "
        f"{first['texts']} recorded texts in turn"
    )
    print(
        f"{'articles':>9} {'exit':>4} {'ok':>7} {'rounds 1/2/3':>14} {'answers':>8} {'CPU s':>8}"
        f" {'ms/article':>10} {'ms/answer':>9} {'wall s':>8} {'peak MB':>8} {'growth':>8}"
    )
    previous = None
    for row in rows:  # growth: peak MB over the next smaller size
        growth = f"{row['peak_mb'] - previous['peak_mb']:>+8.1f}" if previous else f"{'-':>8}"
        rounds = {int(k): v for k, v in row["rounds"].items()}
        answers = sum(k * v for k, v in rounds.items())
        split = "/".join(str(rounds.get(n, 0)) for n in (1, 2, 3))
        print(
            f"{row['articles']:>9,} {row['exit']:>4} {row['ok']:>7,} {split:>14} {answers:>8,} "
            f"{row['cpu_s']:>8.1f} {1000 * row['cpu_s'] / row['articles']:>10.2f} "
            f"{1000 * row['cpu_s'] / max(1, answers):>9.2f} {row['wall_s']:>8.1f} "
            f"{row['peak_mb']:>8.1f} {growth}"
        )
        previous = row
    last = rows[-1]
    per_article = 1000 * last["cpu_s"] / last["articles"]
    verdict = "OK" if per_article <= TARGET_MS else "ABOVE TARGET"
    print(f"target: <= {TARGET_MS:.0f} ms CPU per article -> {verdict}")
    for small, large in itertools.pairwise(rows):
        extra = max(1, large["articles"] - small["articles"])
        delta = large["peak_mb"] - small["peak_mb"]
        print(
            f"memory {small['articles']:,} -> {large['articles']:,} articles: {delta:+.1f} MB "
            f"({delta * 1024 / extra:+.2f} KB per extra article; flat: ~0)"
        )


if __name__ == "__main__":
    main()
