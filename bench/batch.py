"""Batch throughput: concurrency 1 vs 16 against a local server that answers in a fixed 300 ms.

Run: ``python -m bench.batch [--articles 100] [--delay 0.3] [--concurrency 16]``.

The server is ``tests.fakes.fake_batch_server`` in its own process (so its CPU is not ours),
answering every completion with a *recorded* response body: the first interaction of a
cassette ``cassettes/<prompt-id>/<seed>.yaml`` recorded from the embedded model (read with
PyYAML). Until one is recorded it falls back, with a note, to the fake server's synthetic
(valid, verifying) reply. The articles are that seed article, ``--articles`` times.

What is measured, in one process and one event loop:

* wall time at concurrency 1 and 16, and the speedup. Ideal: ``articles x delay`` vs
  ``ceil(articles / 16) x delay`` (14.3x for 100 articles); never above 16x.
  Target >= 12x.
* our own CPU per article: ``time.process_time()`` of this process over the run divided
  by the articles (request building, HTTP, parsing, validation, verification). Target < 20 ms.

Caching is off (``cache=None``) and so are figure re-asks (``reask_unverified=False``): a
recorded answer is replayed for every request, so a re-ask would get the same answer back;
one request per article keeps the two runs comparable (checked against the server's count).
A short warm-up (imports, client set-up, schema building) runs before the clock starts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

from summarizer.backend_registry import get_backend
from summarizer.batch.live import asummarize_many
from summarizer.evaluation.cassettes import CASSETTES_DIR, load_yaml
from summarizer.pipeline.plan import RESPONSE_MODEL
from summarizer.pipeline.summarizer import Summarizer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FAKE_SERVER = "tests.fakes.fake_batch_server"  # run with -m from ROOT
TARGET_SPEEDUP = 12.0
TARGET_CPU_MS = 20.0
WARMUP_ARTICLES = 3


@dataclass
class Reply:
    body: bytes | None  # a recorded body, or None: the fake server's synthetic reply
    article: Path
    prompt: str
    origin: str


# The prompt the bench's backend (compatible) uses when none is named: the registry's.
DEFAULT_PROMPT = get_backend("compatible").default_prompt


def recorded_reply() -> Reply | None:
    """The first usable recorded response: ``cassettes/<prompt>/<seed>.yaml``, interaction 1."""
    folders = sorted(p for p in CASSETTES_DIR.glob("*") if p.is_dir())
    folders.sort(key=lambda p: p.name != DEFAULT_PROMPT)  # the default prompt first
    for folder in folders:
        for cassette in sorted(folder.glob("*.yaml")):
            article = SEEDS / f"{cassette.stem}.txt"
            if not article.is_file():
                continue
            try:
                data = load_yaml(cassette)
                interactions = data.get("interactions") or []
            except (OSError, yaml.YAMLError):
                continue
            for number, interaction in enumerate(interactions, start=1):
                body = ((interaction.get("response") or {}).get("body") or {}).get("string")
                if isinstance(body, str):
                    body = body.encode("utf-8")
                if not body or not _usable(body):
                    continue
                where = f"{cassette.relative_to(ROOT)} (interaction {number})"
                if number > 1:
                    print(
                        f"note: the first recorded answer in {cassette.name} is not a valid summary; using #{number}"
                    )
                return Reply(body, article, folder.name, where)
    return None


def _usable(body: bytes) -> bool:
    """A chat completion whose content validates as the response schema (no re-ask needed)."""
    try:
        content = json.loads(body)["choices"][0]["message"]["content"]
        RESPONSE_MODEL.model_validate_json(content)
    except Exception:  # noqa: BLE001 - anything unusable falls back
        return False
    return True


def start_server(reply: Reply, delay: float, workdir: Path) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", FAKE_SERVER, "--delay", str(delay)]
    if reply.body is not None:
        body_file = workdir / "response.json"
        body_file.write_bytes(reply.body)
        command += ["--response-file", str(body_file)]
    else:
        command += ["--fixed-article", str(reply.article)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith("READY "):
        process.kill()
        raise SystemExit(f"fake server did not start: {line!r}")
    return process, line.split()[1]


def server_requests(base_url: str) -> int:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/stats", timeout=5) as response:
        return int(json.load(response)["requests"])


@dataclass
class Run:
    concurrency: int
    articles: int
    ok: int
    wall_s: float
    cpu_s: float
    requests: int

    @property
    def cpu_ms_per_article(self) -> float:
        return 1000 * self.cpu_s / self.articles


async def measure(
    summarizer: Summarizer, text: str, count: int, concurrency: int, base_url: str
) -> Run:
    items = [(f"article-{n:03d}", text) for n in range(count)]
    before = server_requests(base_url)
    ok = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    async for result in asummarize_many(items, summarizer=summarizer, concurrency=concurrency):
        ok += result.ok
        if not result.ok:
            print(f"  article {result.id} failed: {result.error}")
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return Run(concurrency, count, ok, wall, cpu, server_requests(base_url) - before)


async def bench(reply: Reply, base_url: str, count: int, levels: list[int]) -> list[Run]:
    text = reply.article.read_text(encoding="utf-8")
    options = {
        "backend": "compatible",
        "base_url": base_url,
        "model": "bench",
        "prompt": reply.prompt,
    }
    async with Summarizer(reask_unverified=False, cache=None, **options) as summarizer:
        await measure(summarizer, text, WARMUP_ARTICLES, 1, base_url)  # warm-up, not reported
        return [await measure(summarizer, text, count, level, base_url) for level in levels]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.3, help="server seconds per answer")
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    reply = recorded_reply()
    if reply is None:
        first_seed = min(SEEDS.glob("*.txt"))
        reply = Reply(None, first_seed, DEFAULT_PROMPT, f"synthetic reply for {first_seed.name}")
        print(
            "note: no recorded cassette in cassettes/<prompt-id>/<seed>.yaml yet; the server replays "
            "the fake server's synthetic (valid, verifying) reply instead"
        )

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        server, base_url = start_server(reply, args.delay, Path(tmp))
        try:
            runs = asyncio.run(bench(reply, base_url, args.articles, [1, args.concurrency]))
        finally:
            server.terminate()
            server.wait(timeout=10)

    serial, parallel = runs
    ideal_serial = args.articles * args.delay
    ideal_parallel = math.ceil(args.articles / args.concurrency) * args.delay
    speedup = serial.wall_s / parallel.wall_s
    cpu_ms = max(run.cpu_ms_per_article for run in runs)

    print(
        f"\nbatch benchmark: {args.articles} articles, server answers after {args.delay * 1000:.0f} ms (separate process)"
    )
    print(
        f"answer: {reply.origin}; prompt {reply.prompt}; article {reply.article.name}; cache off, re-asks off"
    )
    print(
        f"{'concurrency':>11} {'ok':>5} {'requests':>9} {'wall s':>8} {'ideal s':>8} {'articles/s':>11} {'CPU ms/article':>15}"
    )
    for run, ideal in ((serial, ideal_serial), (parallel, ideal_parallel)):
        print(
            f"{run.concurrency:>11} {run.ok:>5} {run.requests:>9} {run.wall_s:>8.2f} {ideal:>8.2f} "
            f"{run.articles / run.wall_s:>11.1f} {run.cpu_ms_per_article:>15.2f}"
        )
    print(
        f"speedup {args.concurrency} vs 1: {speedup:.1f}x  (ideal {ideal_serial / ideal_parallel:.1f}x, "
        f"limit {args.concurrency}x, target >= {TARGET_SPEEDUP:g}x: {'PASS' if speedup >= TARGET_SPEEDUP else 'MISS'})"
    )
    print(
        f"our CPU per article: {cpu_ms:.2f} ms (worst of both runs; target < {TARGET_CPU_MS:g} ms: "
        f"{'PASS' if cpu_ms < TARGET_CPU_MS else 'MISS'})"
    )
    problems = [r for r in runs if r.ok != r.articles or r.requests != r.articles]
    if problems:
        raise SystemExit(
            "some articles failed or needed more than one request; the figures above are not comparable"
        )


if __name__ == "__main__":
    main()
