"""``summarizer batch`` and ``summarize_many``: the real code against a FAKE local server.

The server (``tests/fakes/fake_batch_server.py``) answers ``/v1/chat/completions`` with a valid,
verifying summary built from the article in the request, after a configurable delay,
and counts requests. CLI runs that must be interrupted run in a subprocess (SIGINT,
SIGKILL); the rest run in-process through typer's CliRunner. No timed assertions beyond
generous bounds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import summarizer
from summarizer.batch.io import ResultsFile, load_inputs
from summarizer.batch.live import (
    BatchItem,
    BatchTotals,
    default_concurrency,
    summarize_all,
    summarize_many,
)
from summarizer.checks.report import verify
from summarizer.cli.app import app
from summarizer.cli.batch import BatchProgress
from summarizer.config import Settings
from summarizer.errors import EXIT_SOME_FAILED, InputError
from summarizer.pipeline import summarizer as pipeline
from summarizer.pipeline.cache import ResponseCache, backend_identity
from summarizer.pipeline.costs import token_cost
from summarizer.pipeline.plan import RESPONSE_MODEL
from summarizer.pipeline.summarizer import Summarizer
from tests.fakes.fake_batch_server import FakeBatchServer, synthetic_draft
from tests.support.paths import ROOT

SEEDS = ROOT / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def make_article(n: int, extra: str = "") -> str:
    """A small, unique article whose numbers the extractor reads and the fake server quotes."""
    return (
        f" date 2024-03-{n % 28 + 1:02d} TESTVILLE — At least {n + 3} people were killed and "
        f"{2 * n + 5} were injured when a storm hit the coast on Monday, officials said.{extra}\n\n"
        f"Rescue teams said {n + 40} homes were damaged."
    )


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in list(os.environ):
        if var.startswith(("SUMMARIZER_", "OPENAI_")):
            monkeypatch.delenv(var)
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def server() -> Iterator[FakeBatchServer]:
    with FakeBatchServer(delay=0.0) as fake:
        yield fake


def write_articles(folder: Path, count: int, prefix: str = "a") -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for n in range(count):
        article_id = f"{prefix}-{n:03d}"
        (folder / f"{article_id}.txt").write_text(
            make_article(n + (1000 if prefix != "a" else 0)), encoding="utf-8"
        )
        ids.append(article_id)
    return ids


def run_batch(server: FakeBatchServer, *args: str):
    result = CliRunner().invoke(
        app, ["batch", *args, "--base-url", server.base_url, "--model", "fake"]
    )
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def records(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]  # every line must parse


def ids_of(path: Path) -> list:
    return [record["id"] for record in records(path)]


# ---------------------------------------------------------------------------
# The fake server itself: its answer is a real, verifying SummaryDraft.
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEED_IDS)
def test_fake_reply_is_a_valid_verifying_summary(seed: str) -> None:
    text = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
    draft = synthetic_draft(text)
    report = verify(text, draft)
    assert draft.key_figures, "the fake reply should carry figures"
    assert report.all_verified
    for figure in draft.key_figures:
        assert figure.quote in text


# ---------------------------------------------------------------------------
# Inputs: folder, glob, JSONL.
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_folder_of_all_seeds_end_to_end(server: FakeBatchServer, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    result = run_batch(server, str(SEEDS), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # nothing on stdout
    assert f"{len(SEED_IDS)}/{len(SEED_IDS)} done" in result.stderr
    got = records(out)
    assert sorted(r["id"] for r in got) == SEED_IDS
    for record in got:
        assert record["summary"]["headline"]
        assert record["verification"]["figures"]
        assert all(check["status"] == "verified" for check in record["verification"]["figures"])
        assert record["meta"]["backend"] == "compatible" and record["meta"]["model"] == "fake"
        assert record["meta"]["usage"]["total_tokens"] > 0
        assert "error" not in record
    assert server.requests == len(SEED_IDS)


def test_glob_input_ids_are_relative_paths(server: FakeBatchServer, tmp_path: Path) -> None:
    root = tmp_path / "news"
    write_articles(root, 2)
    write_articles(root / "more", 1, prefix="b")
    (root / "notes.md").write_text("not an article")
    out = tmp_path / "out.jsonl"
    result = run_batch(server, f"{root}/**/*.txt", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(ids_of(out)) == ["a-000", "a-001", "more/b-000"]
    flat = run_batch(server, f"{root}/*.txt", "--out", str(tmp_path / "flat.jsonl"))
    assert flat.exit_code == 0
    assert sorted(ids_of(tmp_path / "flat.jsonl")) == ["a-000", "a-001"]


def test_jsonl_input_keeps_ids(server: FakeBatchServer, tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    rows = [
        {"id": 7, "text": make_article(7)},
        {"id": "x-1", "text": make_article(8), "url": "ignored"},
    ]
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_batch(server, str(source), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(ids_of(out), key=str) == [7, "x-1"]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            ['{"id": 1, "text": "ok"}', '{"id": 2, "text": "ok"}', "{not json"],
            "line 3: not valid JSON",
        ),
        (['{"id": 1, "text": "ok"}', '{"id": 2}'], 'line 2: needs a "text" string'),
        (['{"text": "no id"}'], 'line 1: needs an "id"'),
        (['["a", "b"]'], "line 1: expected an object"),
        (
            ['{"id": "a", "text": "x"}', "", '{"id": "a", "text": "y"}'],
            "line 3: id 'a' already used on line 1",
        ),
    ],
)
def test_bad_jsonl_line_is_a_clear_error(
    server: FakeBatchServer, tmp_path: Path, lines: list[str], message: str
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_batch(server, str(source), "--out", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert server.requests == 0
    assert not (tmp_path / "out.jsonl").exists() or not records(tmp_path / "out.jsonl")


def test_missing_input_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_inputs(str(tmp_path / "nope"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no \.txt files"):
        load_inputs(str(tmp_path / "empty"))
    with pytest.raises(InputError, match="matches no files"):
        load_inputs(str(tmp_path / "*.txt"))


# ---------------------------------------------------------------------------
# Per-article errors never abort the batch.
# ---------------------------------------------------------------------------


def test_errors_per_article_do_not_abort(server: FakeBatchServer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good = write_articles(folder, 4)
    (folder / "rejected.txt").write_text(make_article(50, " REJECT-ME"), encoding="utf-8")
    (folder / "garbage.txt").write_text(make_article(51, " GARBAGE-ME"), encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"%PDF-1.7\x00\x01binary")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    server.reject.add("REJECT-ME")
    server.garbage.add("GARBAGE-ME")
    out = tmp_path / "out.jsonl"
    result = run_batch(server, str(folder), "--out", str(out), "--concurrency", "3")
    assert result.exit_code == EXIT_SOME_FAILED == 5
    by_id = {r["id"]: r for r in records(out)}
    assert sorted(by_id) == sorted([*good, "rejected", "garbage", "binary", "empty"])
    for article_id in good:
        assert "error" not in by_id[article_id] and by_id[article_id]["summary"]["headline"]
    assert by_id["rejected"]["error"]["type"] == "BackendRejected"
    assert by_id["garbage"]["error"]["type"] == "ModelOutputError"
    assert by_id["binary"]["error"]["type"] == "InputError"
    assert "binary" in by_id["binary"]["error"]["message"]
    assert by_id["empty"]["error"]["type"] == "InputError"
    assert "4 ok" in result.stderr and "4 failed" in result.stderr
    assert "--retry-failed" in result.stderr


# ---------------------------------------------------------------------------
# Resume, truncated lines, --retry-failed.
# ---------------------------------------------------------------------------


def test_resume_skips_done_ids(server: FakeBatchServer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 3)
    out = tmp_path / "out.jsonl"
    assert run_batch(server, str(folder), "--out", str(out), "--no-cache").exit_code == 0
    assert server.requests == 3
    write_articles(folder, 2, prefix="b")
    result = run_batch(server, str(folder), "--out", str(out), "--no-cache")
    assert result.exit_code == 0
    assert "3 already done" in result.stderr
    assert server.requests == 5  # only the two new articles
    ids = ids_of(out)
    assert len(ids) == len(set(ids)) == 5


def test_truncated_last_line_is_dropped_and_redone(server: FakeBatchServer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    ids = write_articles(folder, 3)
    out = tmp_path / "out.jsonl"
    assert run_batch(server, str(folder), "--out", str(out), "--no-cache").exit_code == 0
    lines = out.read_bytes().splitlines(keepends=True)
    torn = lines[2][: len(lines[2]) // 2]  # a crash in the middle of writing the third line
    out.write_bytes(lines[0] + lines[1] + torn)
    server.reset_counters()
    result = run_batch(server, str(folder), "--out", str(out), "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert "incomplete last line" in result.stderr
    assert server.requests == 1
    assert sorted(ids_of(out)) == ids  # every line parses, each id once


def test_complete_last_line_without_newline_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(
        '{"id": "a", "summary": {}}\n{"id": "b", "error": {"type": "X", "message": "m"}}',
        encoding="utf-8",
    )
    results = ResultsFile.open(out)
    assert results.done() == {"a"} and results.failed() == {"b"}
    assert out.read_text(encoding="utf-8").endswith("}\n")


def test_corrupt_line_in_the_middle_is_an_error(server: FakeBatchServer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 2)
    out = tmp_path / "out.jsonl"
    before = '{"id": "a-000", "summary": {}}\nGARBAGE\n{"id": "a-001", "summary": {}}\n'
    out.write_text(before, encoding="utf-8")
    result = run_batch(server, str(folder), "--out", str(out))
    assert result.exit_code == 2
    assert "line 2" in result.stderr
    assert out.read_text(encoding="utf-8") == before  # never rewritten behind the user's back
    assert server.requests == 0


def test_retry_failed_redoes_errors_only(server: FakeBatchServer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good = write_articles(folder, 3)
    (folder / "flaky.txt").write_text(make_article(77, " FLAKY"), encoding="utf-8")
    server.reject.add("FLAKY")
    out = tmp_path / "out.jsonl"
    first = run_batch(server, str(folder), "--out", str(out))
    assert first.exit_code == EXIT_SOME_FAILED
    assert {r["id"] for r in records(out) if "error" in r} == {"flaky"}
    assert server.requests == 4

    again = run_batch(server, str(folder), "--out", str(out))  # errors are skipped without the flag
    # The file still holds the error line: not a success, and the way to redo it is given.
    assert again.exit_code == EXIT_SOME_FAILED
    assert "1 failed before" in again.stderr
    said = " ".join(again.stderr.split())
    assert "4 skipped (already in out.jsonl: 3 done, 1 with an error line)" in said
    assert "1 error line in" in said and "(1 from an earlier run)" in said
    assert server.requests == 4

    server.reject.clear()
    retried = run_batch(server, str(folder), "--out", str(out), "--retry-failed")
    assert retried.exit_code == 0, retried.stderr
    assert server.requests == 5  # only the failed one
    got = records(out)
    assert sorted(r["id"] for r in got) == sorted([*good, "flaky"])  # each id exactly once
    assert all("error" not in r for r in got)


def test_the_printed_retry_command_redoes_the_error_lines(
    server: FakeBatchServer, tmp_path: Path
) -> None:
    """The command the batch prints is the user's own command line plus --retry-failed."""
    folder = tmp_path / "in dir"  # a space: the command must quote it
    write_articles(folder, 2)
    (folder / "flaky.txt").write_text(make_article(78, " FLAKY"), encoding="utf-8")
    server.reject.add("FLAKY")
    out = tmp_path / "out.jsonl"
    first = run_batch(server, str(folder), "--out", str(out), "--no-cache")
    assert first.exit_code == EXIT_SOME_FAILED
    said = " ".join(first.stderr.split())
    match = re.search(r"1 error line in \S+; redo it: (summarizer batch .*--retry-failed)", said)
    assert match, said
    argv = shlex.split(match[1])
    assert "--no-cache" in argv and server.base_url in argv  # what the run needed is kept
    server.reject.clear()
    retried = CliRunner().invoke(app, argv[1:])
    assert retried.exit_code == 0, retried.stderr
    assert all("error" not in r for r in records(out)) and len(records(out)) == 3


def test_failed_articles_tokens_are_counted(server: FakeBatchServer, tmp_path: Path) -> None:
    """An article whose answers never validate spent tokens: its line and the total say so."""
    folder = tmp_path / "in"
    write_articles(folder, 2)
    (folder / "garbage.txt").write_text(make_article(52, " GARBAGE-ME"), encoding="utf-8")
    server.garbage.add("GARBAGE-ME")
    out = tmp_path / "out.jsonl"
    result = run_batch(
        server, str(folder), "--out", str(out), "--no-cache", "--price-in", "1", "--price-out", "2"
    )
    assert result.exit_code == EXIT_SOME_FAILED
    by_id = {r["id"]: r for r in records(out)}
    spent = by_id["garbage"]["error"]["usage"]
    assert spent["completion_tokens"] > 0 and spent["prompt_tokens"] > 0
    assert by_id["garbage"]["error"]["cost_usd"] == pytest.approx(
        token_cost(spent["prompt_tokens"], spent["completion_tokens"], 1, 2)
    )
    ok_usage = [r["meta"]["usage"] for r in by_id.values() if "meta" in r]
    total = sum(u["total_tokens"] for u in ok_usage) + spent["total_tokens"]
    assert f"= {total:,}" in result.stderr, result.stderr


def test_overwrite_starts_over(server: FakeBatchServer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 2)
    out = tmp_path / "out.jsonl"
    assert run_batch(server, str(folder), "--out", str(out), "--no-cache").exit_code == 0
    assert (
        run_batch(server, str(folder), "--out", str(out), "--no-cache", "--overwrite").exit_code
        == 0
    )
    assert server.requests == 4
    assert len(records(out)) == 2


# ---------------------------------------------------------------------------
# Cache and cost.
# ---------------------------------------------------------------------------


def test_cache_hit_makes_zero_requests_and_is_fast(server: FakeBatchServer, tmp_path: Path) -> None:
    server.delay = 0.2
    cache = tmp_path / "responses"
    first = run_batch(
        server, str(SEEDS), "--out", str(tmp_path / "one.jsonl"), "--cache-dir", str(cache)
    )
    assert first.exit_code == 0
    assert server.requests == len(SEED_IDS)
    started = time.monotonic()
    second = run_batch(
        server, str(SEEDS), "--out", str(tmp_path / "two.jsonl"), "--cache-dir", str(cache)
    )
    elapsed = time.monotonic() - started
    assert second.exit_code == 0, second.stderr
    assert server.requests == len(SEED_IDS)  # zero new requests
    assert elapsed < 5.0  # generous: five cache hits take milliseconds
    assert f"{len(SEED_IDS)} ok ({len(SEED_IDS)} cached)" in second.stderr
    cached = records(tmp_path / "two.jsonl")
    assert all(r["meta"]["cached"] is True for r in cached)
    assert all(
        check["status"] == "verified" for r in cached for check in r["verification"]["figures"]
    )
    fresh = {r["id"]: r for r in records(tmp_path / "one.jsonl")}
    for record in cached:  # the same answer, re-verified
        assert record["summary"] == fresh[record["id"]]["summary"]
        assert fresh[record["id"]]["meta"]["cached"] is False
    bypass = run_batch(server, str(SEEDS), "--out", str(tmp_path / "three.jsonl"), "--no-cache")
    assert bypass.exit_code == 0
    assert server.requests == 2 * len(SEED_IDS)


def test_cache_default_dir_from_environment(server: FakeBatchServer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 1)
    assert run_batch(server, str(folder), "--out", str(tmp_path / "o.jsonl")).exit_code == 0
    with ResponseCache() as cache:
        assert cache.directory == tmp_path / "cache"
        assert len(cache) == 1


def test_summarizer_cache_hit_never_opens_the_backend(
    server: FakeBatchServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (SEEDS / f"{SEED_IDS[0]}.txt").read_text(encoding="utf-8")
    options = {"backend": "compatible", "base_url": server.base_url, "model": "fake"}
    with Summarizer(cache=tmp_path / "c", **options) as first:
        fresh = first.summarize(text)
    assert server.requests == 1 and fresh.meta.cached is False

    def no_backend(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cache hit must not open the backend")

    monkeypatch.setattr(pipeline, "open_backend", no_backend)
    with Summarizer(cache=tmp_path / "c", **options) as second:
        hit = second.summarize(text)
    assert server.requests == 1
    assert hit.meta.cached is True and hit.meta.model == "fake" and hit.meta.backend == "compatible"
    assert hit.model_dump(exclude={"meta"}) == fresh.model_dump(exclude={"meta"})


def test_cache_key_parts(tmp_path: Path) -> None:
    settings = Settings(backend="compatible", base_url="http://x/v1", model="m")
    with Summarizer(settings, cache=tmp_path / "c") as s:
        request = s.prepare(make_article(1))
        key = s.cache.key_for(request, settings, RESPONSE_MODEL)
        assert key.split("|")[:4] == ["v1", "compatible", "m", request.prompt_hash]
        other = settings.model_copy(update={"model": "m2"})
        assert s.cache.key_for(request, other, RESPONSE_MODEL) != key
        warmer = settings.model_copy(update={"temperature": 0.7})
        assert s.cache.key_for(request, warmer, RESPONSE_MODEL) != key
        assert s.cache.key_for(s.prepare(make_article(2)), settings, RESPONSE_MODEL) != key
    # A named GGUF gives the embedded identity without the `local` extra installed.
    identity = backend_identity(
        Settings(backend="embedded", model_path=tmp_path / "tiny-model.Q4.gguf")
    )
    assert (identity.kind, identity.model) == ("embedded", "tiny-model.Q4")


def test_token_cost_arithmetic() -> None:
    assert token_cost(1_000_000, 0, 0.15, 0.60) == pytest.approx(0.15)
    assert token_cost(2_000_000, 500_000, 0.15, 0.60) == pytest.approx(0.30 + 0.30)
    assert token_cost(1234, 567, 2.5, None) == pytest.approx(1234 * 2.5 / 1e6)


def test_cost_per_article_and_total(server: FakeBatchServer, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_batch(
        server,
        str(SEEDS),
        "--out",
        str(out),
        "--price-in",
        "2.5",
        "--price-out",
        "10",
        "--no-cache",
    )
    assert result.exit_code == 0
    total = 0.0
    tokens_in = tokens_out = 0
    for record in records(out):
        usage = record["meta"]["usage"]
        expected = (usage["prompt_tokens"] * 2.5 + usage["completion_tokens"] * 10) / 1_000_000
        assert record["meta"]["cost_usd"] == pytest.approx(expected)
        total += expected
        tokens_in += usage["prompt_tokens"]
        tokens_out += usage["completion_tokens"]
    text = " ".join(result.stderr.split())
    assert f"est. cost ${total:.4f}" in text
    assert f"tokens: {tokens_in:,} in + {tokens_out:,} out" in text

    cached = run_batch(
        server,
        str(SEEDS),
        "--out",
        str(tmp_path / "c.jsonl"),
        "--price-in",
        "2.5",
        "--price-out",
        "10",
    )
    assert cached.exit_code == 0  # the first run did not write the cache (--no-cache): fills it now
    again = run_batch(
        server,
        str(SEEDS),
        "--out",
        str(tmp_path / "d.jsonl"),
        "--price-in",
        "2.5",
        "--price-out",
        "10",
    )
    assert all(
        r["meta"]["cost_usd"] == 0.0 and r["meta"]["cached"] for r in records(tmp_path / "d.jsonl")
    )
    assert "est. cost $0.0000" in again.stderr


def test_no_price_means_no_cost(server: FakeBatchServer, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_batch(server, str(SEEDS), "--out", str(out))
    assert all(r["meta"]["cost_usd"] is None for r in records(out))
    assert "set --price-in/--price-out" in result.stderr


# ---------------------------------------------------------------------------
# The library: summarize_many.
# ---------------------------------------------------------------------------


def test_summarize_many_sync_with_texts_and_pairs(server: FakeBatchServer) -> None:
    texts = [make_article(n) for n in range(4)]
    with Summarizer(backend="compatible", base_url=server.base_url, model="fake") as shared:
        results = list(summarize_many(texts, summarizer=shared, concurrency=2))
        assert sorted(r.id for r in results) == [0, 1, 2, 3]
        assert all(r.ok and r.index == r.id for r in results)
        pairs = summarize_all([("x", texts[0]), ("y", texts[1])], summarizer=shared)
        assert [r.id for r in pairs] == ["x", "y"]
        # the shared summarizer still works after its batches' private loops are gone
        assert shared.summarize(texts[2]).headline
    assert summarizer.summarize_many is summarize_many and "summarize_many" in summarizer.__all__


@pytest.mark.slow
def test_summarize_many_async_yields_as_completed(server: FakeBatchServer) -> None:
    server.delays = {"SLOWPOKE": 1.0}
    texts = [make_article(0, " SLOWPOKE")] + [make_article(n) for n in range(1, 5)]

    async def collect() -> list:
        order = []
        async with Summarizer(
            backend="compatible", base_url=server.base_url, model="fake"
        ) as shared:
            async for result in summarize_many(texts, summarizer=shared, concurrency=5):
                order.append(result.id)
        return order

    order = asyncio.run(collect())
    assert sorted(order) == [0, 1, 2, 3, 4]
    assert order[-1] == 0  # the slow first article comes last


def test_concurrency_is_bounded_and_one_backend_is_shared(
    server: FakeBatchServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.delay = 0.1
    opened = []
    real_open = pipeline.open_backend
    monkeypatch.setattr(
        pipeline,
        "open_backend",
        lambda settings, transport=None: opened.append(1) or real_open(settings, transport),
    )
    texts = [make_article(n) for n in range(12)]
    results = list(
        summarize_many(
            texts, concurrency=3, backend="compatible", base_url=server.base_url, model="fake"
        )
    )
    assert len(results) == 12 and all(r.ok for r in results)
    assert server.max_in_flight == 3
    assert len(opened) == 1


def test_stop_event_starts_nothing_new_and_finishes_in_flight(server: FakeBatchServer) -> None:
    server.delay = 0.2
    texts = [make_article(n) for n in range(12)]

    async def collect() -> list:
        stop = asyncio.Event()
        got = []
        async with Summarizer(
            backend="compatible", base_url=server.base_url, model="fake"
        ) as shared:
            async for result in summarize_many(texts, summarizer=shared, concurrency=2, stop=stop):
                got.append(result)
                stop.set()
        return got

    got = asyncio.run(collect())
    assert 1 <= len(got) <= 4 and all(r.ok for r in got)  # only those already in flight
    assert server.requests == len(got)  # none abandoned


@pytest.mark.parametrize("ramp", [0.0, 0.05])
def test_ramp_up_keeps_every_article_and_the_bound(server: FakeBatchServer, ramp: float) -> None:
    server.delay = 0.05
    texts = [make_article(n) for n in range(10)]
    results = list(
        summarize_many(
            texts,
            concurrency=4,
            ramp=ramp,
            backend="compatible",
            base_url=server.base_url,
            model="fake",
        )
    )
    assert sorted(r.id for r in results) == list(range(10)) and all(r.ok for r in results)
    assert server.max_in_flight <= 4


def test_errors_become_results_in_the_library(server: FakeBatchServer) -> None:
    server.reject.add("NOPE")
    items = [("good", make_article(1)), ("bad", make_article(2, " NOPE")), ("empty", ""), 42]
    with Summarizer(backend="compatible", base_url=server.base_url, model="fake") as shared:
        by_id = {r.id: r for r in summarize_many(items, summarizer=shared)}
    assert by_id["good"].ok
    assert by_id["bad"].error_type == "BackendRejected" and not by_id["bad"].ok
    assert by_id["empty"].error_type == "InputError"
    assert "expected a str or an (id, text) pair" in by_id[3].error
    record = by_id["bad"].to_record()
    assert (
        record["id"] == "bad"
        and record["error"]["type"] == "BackendRejected"
        and "summary" not in record
    )


def test_breaking_out_early_cancels_the_rest(server: FakeBatchServer) -> None:
    server.delays = {"SLOW": 5.0}
    texts = [make_article(0)] + [make_article(n, " SLOW") for n in range(1, 4)]
    started = time.monotonic()
    with Summarizer(backend="compatible", base_url=server.base_url, model="fake") as shared:
        for result in summarize_many(texts, summarizer=shared, concurrency=4):
            assert result.id == 0
            break
    assert time.monotonic() - started < 4.5  # did not wait for the slow ones


def test_lazy_item_loading_errors_are_per_article(server: FakeBatchServer) -> None:
    def boom() -> str:
        raise InputError("cannot read this one")

    items = [BatchItem(id="ok", text=make_article(3)), BatchItem(id="broken", load=boom)]
    with Summarizer(backend="compatible", base_url=server.base_url, model="fake") as shared:
        by_id = {r.id: r for r in summarize_many(items, summarizer=shared)}
    assert by_id["ok"].ok and by_id["broken"].error == "cannot read this one"


def test_default_concurrency() -> None:
    assert default_concurrency(Settings(backend="embedded")) == 1
    assert default_concurrency(Settings(backend="embedded", n_parallel=2)) == 2
    assert default_concurrency(Settings(backend="llama-cpp", base_url="http://x/v1")) == 1
    assert (
        default_concurrency(Settings(backend="compatible", base_url="http://x/v1", model="m")) == 8
    )


# ---------------------------------------------------------------------------
# Progress.
# ---------------------------------------------------------------------------


def test_progress_bar_on_a_terminal() -> None:
    buffer = StringIO()
    console = Console(file=buffer, force_terminal=True, width=120)
    totals = BatchTotals(ok=2, failed=1, cached=1)
    with BatchProgress(console, 3, mode="bar", interval=0) as bar:
        bar.advance(totals)
    text = buffer.getvalue()
    assert "3/3" in text and "1 failed" in text and "1 cached" in text and "summarizing" in text


def test_plain_progress_lines_otherwise(server: FakeBatchServer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 4)
    result = run_batch(
        server, str(folder), "--out", str(tmp_path / "o.jsonl"), "--progress-interval", "0"
    )
    lines = [
        line
        for line in result.stderr.splitlines()
        if line.startswith("batch: ") and "/4 done" in line
    ]
    assert [line.split()[1] for line in lines] == ["1/4", "2/4", "3/4", "4/4"]
    assert "ETA" in lines[0] and "articles/s" in lines[0]
    assert result.stdout == ""


# ---------------------------------------------------------------------------
# Crashes and interrupts: the CLI in a subprocess.
# ---------------------------------------------------------------------------


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env["SUMMARIZER_CONFIG"] = str(tmp_path / "no-config.toml")
    env["SUMMARIZER_CACHE_DIR"] = str(tmp_path / "cache")
    env["PYTHONPATH"] = str(ROOT)
    return env


@contextlib.contextmanager
def spawn_batch(server: FakeBatchServer, tmp_path: Path, *args: str) -> Iterator[subprocess.Popen]:
    log = (tmp_path / "stderr.log").open("ab")
    command = [sys.executable, "-c", "from summarizer.cli import main; main()", "batch", *args]
    command += ["--base-url", server.base_url, "--model", "fake"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=log, env=_env(tmp_path), cwd=tmp_path
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        log.close()


def complete_lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def wait_for_lines(path: Path, count: int, process: subprocess.Popen, timeout: float = 90.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the batch ended before it could be interrupted"
        have = complete_lines(path)
        if have >= count:
            return have
        time.sleep(0.01)
    raise AssertionError(f"fewer than {count} lines after {timeout}s")


def test_each_result_is_on_disk_before_it_is_yielded(
    server: FakeBatchServer, tmp_path: Path
) -> None:
    """The library writes (flush + fsync) every line before handing the result on.

    In-process on purpose: what a crash leaves behind is exactly what was written when the
    result was yielded; the kill tests below check the process boundary itself.
    """
    out = tmp_path / "out.jsonl"
    texts = [(f"a-{n}", make_article(n)) for n in range(4)]
    options = {"backend": "compatible", "base_url": server.base_url, "model": "fake"}
    seen = []
    for result in summarize_many(texts, out=out, concurrency=1, **options):
        seen.append(result.id)
        assert ids_of(out) == seen  # whole lines, already on disk
    again = list(summarize_many([*texts, ("a-9", make_article(9))], out=out, **options))
    assert [r.id for r in again] == ["a-9"]  # a re-run resumes: only the new article
    assert server.requests == 5 and sorted(ids_of(out)) == sorted([*seen, "a-9"])


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGINT", "SIGKILL"])
def test_kill_half_way_then_rerun_gives_every_article_once(
    server: FakeBatchServer, tmp_path: Path, how: str
) -> None:
    server.delay = 0.1
    folder = tmp_path / "in"
    ids = write_articles(folder, 12)
    out = tmp_path / "out.jsonl"
    args = (str(folder), "--out", str(out), "--concurrency", "3", "--no-cache")
    with spawn_batch(server, tmp_path, *args) as process:
        wait_for_lines(out, 3, process)
        process.send_signal(getattr(signal, how))
        code = process.wait(timeout=60)
    if how == "SIGINT":
        assert code == 130
        log = (tmp_path / "stderr.log").read_text()
        assert "interrupted" in log and "re-run the same command" in log
    else:
        assert code == -signal.SIGKILL
    partial = complete_lines(out)
    assert 3 <= partial < 12
    if how == "SIGINT":
        assert len(records(out)) == partial  # the file is valid JSONL, every line whole
        assert server.requests == partial  # in-flight articles were finished, none was abandoned

    # The re-run reads what the killed process left on disk: it needs no process of its own.
    assert run_batch(server, *args).exit_code == 0
    got = ids_of(out)
    assert sorted(got) == ids  # complete, and every id exactly once
    if how == "SIGINT":
        assert server.requests == 12  # nothing was summarized twice


@pytest.mark.slow
def test_second_ctrl_c_abandons_in_flight_cleanly(server: FakeBatchServer, tmp_path: Path) -> None:
    server.delay = 0.1
    folder = tmp_path / "in"
    ids = write_articles(folder, 8)
    out = tmp_path / "out.jsonl"
    args = (str(folder), "--out", str(out), "--concurrency", "2", "--no-cache")
    with spawn_batch(server, tmp_path, *args) as process:
        wait_for_lines(out, 2, process)
        server.delay = 30.0  # the next answers would take long: abandon them
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=20)
    assert code == 130
    assert "abandoned" in (tmp_path / "stderr.log").read_text()
    partial = records(out)
    assert len(partial) == complete_lines(out) < 8
    server.delay = 0.0
    assert run_batch(server, *args).exit_code == 0  # the re-run, in this process
    assert sorted(ids_of(out)) == ids
