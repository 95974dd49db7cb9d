"""``summarizer batch --via batch-api``, ``batch export``/``import``: the real code, the real
``openai`` SDK, against an explicitly FAKE Batch API (``tests/fakes/fake_batch_api.py``) that answers
from the cassettes' recorded bodies. The live batch runs against the same server's chat
endpoint, so both paths see the same recorded answers and their result lines must agree.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from summarizer.batch.api import state_dir
from summarizer.batch.api.lines import Answer, LivePath
from summarizer.cli.app import app
from summarizer.config import Settings
from summarizer.errors import EXIT_SOME_FAILED
from summarizer.evaluation import cassettes
from summarizer.pipeline.summarizer import Summarizer
from tests.fakes.fake_batch_api import FakeBatchApi, load_recordings
from tests.support.paths import ROOT

SEEDS = ROOT / "seeds"
PROMPT_ID = "event-summary"
# The seeds with a recorded answer (a new seed has none until the embedded model records it).
SEED_IDS = sorted(
    p.stem for p in SEEDS.glob("*.txt") if cassettes.cassette_path(PROMPT_ID, p.stem).exists()
)
REPLAY = ["--backend", "llama-cpp", "--model", cassettes.EMBEDDED_MODEL]


def rounds_of(prompt: str, seed: str) -> int:
    """How many model calls the recording of ``seed`` under ``prompt`` holds."""
    path = cassettes.cassette_path(prompt, seed)
    return len(cassettes.load_yaml(path)["interactions"]) if path.exists() else 0


def one_round_recording() -> tuple[str, str]:
    """A (prompt, seed) whose recorded first answer verifies: no re-ask.

    Taken from the recordings rather than named, so re-recording the cassettes (which may
    change which answers need a re-ask) cannot silently turn these tests into re-ask tests.
    """
    prompts = sorted(p.name for p in cassettes.CASSETTES_DIR.iterdir() if p.is_dir())
    for prompt in [PROMPT_ID, *(p for p in prompts if p != PROMPT_ID)]:
        for seed in sorted(p.stem for p in SEEDS.glob("*.txt")):
            if rounds_of(prompt, seed) == 1:
                return prompt, seed
    raise AssertionError("no recording answers in one round: re-record the cassettes")


# Most tests here are about jobs, not re-asks: they run a recording answered in one round.
ONE_ROUND_PROMPT, ONE_ROUND_SEED = one_round_recording()
PRICES = ["--price-in", "1", "--price-out", "2"]
VOLATILE_META = ("timings", "created_at", "cost_usd", "base_url")


@pytest.fixture(scope="module")
def recordings() -> dict[str, bytes]:
    return load_recordings()


@pytest.fixture
def api(recordings: dict[str, bytes]) -> Iterator[FakeBatchApi]:
    with FakeBatchApi(recordings) as fake:
        yield fake


def seed_text(seed: str) -> str:
    return (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")


def interactions(seed: str) -> list[dict[str, Any]]:
    path = cassettes.cassette_path(PROMPT_ID, seed)
    return cassettes.load_yaml(path)["interactions"]


def write_input(path: Path, count: int, seeds: list[str] | None = None) -> list[str]:
    """A JSONL input of ``count`` articles cycling through ``seeds`` (ids a-00000, ...)."""
    seeds = seeds or SEED_IDS
    texts = [seed_text(seed) for seed in seeds]
    ids = [f"a-{n:05d}" for n in range(count)]
    with path.open("w", encoding="utf-8") as handle:
        for n, article_id in enumerate(ids):
            handle.write(json.dumps({"id": article_id, "text": texts[n % len(texts)]}) + "\n")
    return ids


def batch(api: FakeBatchApi, *args: str, prompt: str = ONE_ROUND_PROMPT) -> Any:
    result = CliRunner().invoke(
        app, ["batch", *args, "--base-url", api.base_url, *REPLAY, "--prompt", prompt]
    )
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def via_api(
    api: FakeBatchApi, source: Path, out: Path, *args: str, prompt: str = ONE_ROUND_PROMPT
) -> Any:
    return batch(
        api,
        str(source),
        "--out",
        str(out),
        "--via",
        "batch-api",
        "--poll-interval",
        "0.01",
        *args,
        prompt=prompt,
    )


def records(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A result line without what differs between any two runs (ids and sources kept)."""
    record = json.loads(json.dumps(record))
    for key in VOLATILE_META:
        (record.get("meta") or {}).pop(key, None)
    (record.get("error") or {}).pop("cost_usd", None)  # the batch price: checked on its own
    return record


def text_of(source: Path) -> dict[str, str]:
    return {
        json.loads(line)["id"]: json.loads(line)["text"] for line in source.read_text().splitlines()
    }


# ---------------------------------------------------------------------------
# The request lines are the live requests.
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEED_IDS)
def test_line_bodies_equal_the_recorded_live_requests(seed: str) -> None:
    """First request and every re-ask body equal what the live pipeline sent when recording."""
    recorded = interactions(seed)
    settings = Settings(
        backend="llama-cpp", base_url="http://127.0.0.1:9/v1", model=cassettes.EMBEDDED_MODEL
    )
    live = LivePath(settings)
    with Summarizer(settings) as summarizer:
        request = summarizer.prepare(seed_text(seed))
        other = summarizer.prepare(seed_text(SEED_IDS[0] if seed != SEED_IDS[0] else SEED_IDS[1]))
    live.request_body(other)  # the template comes from another article
    body = live.request_body(request)
    assert body == json.loads(recorded[0]["request"]["body"])
    assert body == live.live_body(request)  # template path == the real path
    for round_, interaction in enumerate(recorded[:-1]):
        answer = Answer(200, interaction["response"]["body"]["string"].encode())
        sent = json.loads(interaction["request"]["body"])
        outcome = live.evaluate(request, sent, answer, settings.max_retries - round_)
        assert outcome.reask == json.loads(recorded[round_ + 1]["request"]["body"])


def test_template_survives_hostile_articles() -> None:
    """Articles with Jinja braces or odd characters: the swapped-in messages are still exact."""
    settings = Settings(backend="compatible", base_url="http://x/v1", model="m")
    live = LivePath(settings)
    texts = [
        seed_text(ONE_ROUND_SEED),
        "KYIV — {{ 7 * 7 }} people {% if x %}were{% endif %} hurt; 12 homes burned.\n\n{#c#}",
        "Zürich — „Über 30“ Menschen 😀 were evacuated on 3 May.\u2028Another line.",
    ]
    with Summarizer(settings) as summarizer:
        for text in texts:
            request = summarizer.prepare(text)
            assert live.request_body(request) == live.live_body(request)


# ---------------------------------------------------------------------------
# End to end, identical to the live batch.
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_seeds_with_reasks_identical_to_live_batch(api: FakeBatchApi, tmp_path: Path) -> None:
    """Re-asks go to follow-up jobs and end exactly where the live re-asks end."""
    source = tmp_path / "in.jsonl"
    write_input(source, len(SEED_IDS))
    live = batch(
        api,
        str(source),
        "--out",
        str(tmp_path / "live.jsonl"),
        "-j",
        "1",
        "--no-cache",
        *PRICES,
        prompt=PROMPT_ID,
    )
    assert api.chat_requests > len(SEED_IDS)  # the recordings hold re-asks
    chats = api.chat_requests
    result = via_api(api, source, tmp_path / "api.jsonl", *PRICES, prompt=PROMPT_ID)
    assert result.exit_code == live.exit_code, result.stderr
    assert api.chat_requests == chats  # the Batch API run made no live call
    rounds = max(len(interactions(seed)) for seed in SEED_IDS)
    assert api.batches_created == rounds  # one job per round: first asks, then each re-ask round
    got, want = records(tmp_path / "api.jsonl"), records(tmp_path / "live.jsonl")
    assert [comparable(r) for r in got] == [comparable(r) for r in want]
    for mine, theirs in zip(got, want, strict=True):
        if "meta" in theirs:
            assert mine["meta"]["cost_usd"] == pytest.approx(theirs["meta"]["cost_usd"] / 2)
    assert "0.5" in result.stderr or "x0.5" in result.stderr


def test_selection_prompt_lines_carry_each_articles_schema(
    api: FakeBatchApi, tmp_path: Path
) -> None:
    """A selection prompt answers in a schema of the article's own number ids: each line
    carries its article's schema, and the results equal the live batch's."""
    prompt = "event-summary-select"
    seeds = [seed for seed in SEED_IDS if rounds_of(prompt, seed)]
    assert len(seeds) >= 2
    source = tmp_path / "in.jsonl"
    write_input(source, len(seeds), seeds)
    live = batch(
        api,
        str(source),
        "--out",
        str(tmp_path / "live.jsonl"),
        "-j",
        "1",
        "--no-cache",
        prompt=prompt,
    )
    result = via_api(api, source, tmp_path / "api.jsonl", prompt=prompt)
    assert result.exit_code == live.exit_code == 0, result.stderr
    sent = [
        json.loads(line)["body"]["response_format"]
        for line in (state_dir(tmp_path / "api.jsonl") / "r0-p0.jsonl").read_text().splitlines()
    ]
    assert len({json.dumps(schema, sort_keys=True) for schema in sent}) == len(seeds)
    got, want = records(tmp_path / "api.jsonl"), records(tmp_path / "live.jsonl")
    assert [comparable(r) for r in got] == [comparable(r) for r in want]


# The large job: 2,000 articles in CI; 300 in the quick profile a developer runs
# (tests/conftest.py), which goes through the same rounds, only fewer times. 300 still
# crosses the engine's 256-article evaluation batches, so a partial last batch is covered.
LARGE_JOB = 2000 if settings.get_current_profile_name() == "ci" else 300


@pytest.mark.slow
def test_large_job_end_to_end_identical_to_live(api: FakeBatchApi, tmp_path: Path) -> None:
    """Every recorded seed (re-ask rounds included), 20 times, among the quickest one.

    Each re-ask round costs instructor's real path per article (~20 ms); the mix keeps the
    test quick while every round, the ordering across rounds and the identity are exercised.
    """
    source = tmp_path / "in.jsonl"
    filler = min(SEED_IDS, key=lambda seed: (rounds_of(PROMPT_ID, seed), seed))
    reasking = [seed for seed in SEED_IDS if seed != filler]
    ids = [f"a-{n:05d}" for n in range(LARGE_JOB)]
    step = LARGE_JOB // 20
    with source.open("w", encoding="utf-8") as handle:
        for n, article_id in enumerate(ids):
            seed = reasking[n // step % len(reasking)] if n % step == 7 else filler
            handle.write(json.dumps({"id": article_id, "text": seed_text(seed)}) + "\n")
    texts = text_of(source)
    reference_in = tmp_path / "ref.jsonl"
    write_input(reference_in, len(SEED_IDS))  # one article per distinct text
    live = batch(
        api,
        str(reference_in),
        "--out",
        str(tmp_path / "live.jsonl"),
        "-j",
        "1",
        "--no-cache",
        *PRICES,
        prompt=PROMPT_ID,
    )
    by_text: dict[str, dict[str, Any]] = {}
    for record in records(tmp_path / "live.jsonl"):
        by_text[text_of(reference_in)[record["id"]]] = record

    started = time.monotonic()
    result = via_api(api, source, tmp_path / "api.jsonl", *PRICES, prompt=PROMPT_ID)
    elapsed = time.monotonic() - started
    assert result.exit_code == live.exit_code, result.stderr
    got = records(tmp_path / "api.jsonl")
    assert [r["id"] for r in got] == ids  # input order, each article exactly once
    for record in got:
        expected = dict(by_text[texts[record["id"]]])
        expected["id"], expected["source"] = record["id"], record["source"]
        assert comparable(record) == comparable(expected)
        if "meta" in expected:
            assert record["meta"]["cost_usd"] == pytest.approx(expected["meta"]["cost_usd"] / 2)
        elif "cost_usd" in expected["error"]:  # a failed article's calls, at the batch price
            assert record["error"]["cost_usd"] == pytest.approx(expected["error"]["cost_usd"] / 2)
    assert api.batches_created == max(len(interactions(seed)) for seed in SEED_IDS)
    assert f"{LARGE_JOB} article(s) written" in result.stderr
    print(f"{LARGE_JOB:,} articles through the Batch API stand-in: {elapsed:.1f}s")


# ---------------------------------------------------------------------------
# Terminal states, partial errors, follow-ups.
# ---------------------------------------------------------------------------


def test_partial_errors_go_to_one_follow_up_job(api: FakeBatchApi, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    ids = write_input(source, 9, [ONE_ROUND_SEED])
    api.script.fail_every = 3  # lines 3, 6, 9 come back as HTTP 500
    api.script.polls_in_progress = 2
    out = tmp_path / "out.jsonl"

    first = via_api(api, source, out, "--no-wait")
    assert first.exit_code == 0 and api.batches_created == 1
    assert "still at the provider" in first.stderr
    api.script.fail_every = 0
    result = via_api(api, source, out)
    assert result.exit_code == 0, result.stderr
    assert api.batches_created == 2
    follow_up = (state_dir(out) / "r1-p0.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["custom_id"] for line in follow_up) == ["2.r1", "5.r1", "8.r1"]
    got = records(out)
    assert [r["id"] for r in got] == ids and all("error" not in r for r in got)


def test_a_line_failing_twice_is_an_error_line(api: FakeBatchApi, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_input(source, 2, [ONE_ROUND_SEED])
    api.script.fail_articles = frozenset({"1"})  # the second article fails in every job
    api.script.polls_in_progress = 0
    out = tmp_path / "out.jsonl"
    result = via_api(api, source, out)
    assert result.exit_code == EXIT_SOME_FAILED
    assert "redo the failed articles: summarizer batch run" in result.stderr
    assert "--via batch-api" in result.stderr and "--retry-failed" in result.stderr
    assert api.batches_created == 2  # bounded: one follow-up, then the error stands
    got = {r["id"]: r for r in records(out)}
    assert "summary" in got["a-00000"]
    assert got["a-00001"]["error"]["type"] == "BackendUnavailable"
    assert "HTTP 500" in got["a-00001"]["error"]["message"]


def test_expired_job_sends_the_rest_to_a_follow_up(api: FakeBatchApi, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    ids = write_input(source, 6, [ONE_ROUND_SEED])
    api.script.outcome = "expired"
    api.script.polls_in_progress = 0
    out = tmp_path / "out.jsonl"
    assert via_api(api, source, out, "--no-wait").exit_code == 0  # submit under "expired"
    api.script.outcome = "completed"  # the follow-up job runs normally
    result = via_api(api, source, out)
    assert result.exit_code == 0, result.stderr
    assert "expired" in result.stderr
    assert api.batches_created == 2
    assert len((state_dir(out) / "r1-p0.jsonl").read_text().splitlines()) == 3
    assert [r["id"] for r in records(out)] == ids


def test_failed_job_is_a_clear_error_per_article(api: FakeBatchApi, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_input(source, 3, [ONE_ROUND_SEED])
    api.script.outcome = "failed"
    out = tmp_path / "out.jsonl"
    result = via_api(api, source, out)
    assert result.exit_code == EXIT_SOME_FAILED
    text = " ".join(result.stderr.split())
    assert "failed: the provider rejected the job" in text and "Scripted failure" in text
    got = records(out)
    assert len(got) == 3 and all(r["error"]["type"] == "BatchJobError" for r in got)
    assert api.batches_created == 1  # a rejected input is not resubmitted


def test_cancelled_job_keeps_answers_and_a_rerun_submits_the_rest(
    api: FakeBatchApi, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    ids = write_input(source, 4, [ONE_ROUND_SEED])
    api.script.polls_in_progress = 10**6
    api.script.answered_before_cancel = 2
    out = tmp_path / "out.jsonl"
    assert via_api(api, source, out, "--no-wait").exit_code == 0
    job = next(iter(api.batches.values()))
    import openai

    openai.OpenAI(api_key="x", base_url=api.base_url).batches.cancel(job.id)
    api.script.polls_in_progress = 0
    result = via_api(api, source, out)
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stderr.split())
    assert "cancelled" in text and "2 article(s) of a cancelled job not done" in text
    assert [r["id"] for r in records(out)] == ids[:2]  # the answers made before the cancel
    assert api.batches_created == 1  # a cancel is the user's word: not undone in the same run
    again = via_api(api, source, out)  # a re-run submits the rest
    assert again.exit_code == 0, again.stderr
    assert [r["id"] for r in records(out)] == ids
    assert api.batches_created == 2


def test_output_download_403_once_is_retried(api: FakeBatchApi, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_input(source, 2, [ONE_ROUND_SEED])
    api.script.forbid_first_download = True
    out = tmp_path / "out.jsonl"
    result = via_api(api, source, out)
    assert result.exit_code == 0, result.stderr
    assert api.downloads == 2 and len(records(out)) == 2


# ---------------------------------------------------------------------------
# Splitting.
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_split_at_the_line_limit(api: FakeBatchApi, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    ids = write_input(source, 10, [ONE_ROUND_SEED])
    out = tmp_path / "out.jsonl"
    result = via_api(api, source, out, "--max-lines", "4")
    assert result.exit_code == 0, result.stderr
    parts = sorted(state_dir(out).glob("r0-p*.jsonl"))
    assert [len(p.read_text().splitlines()) for p in parts] == [4, 4, 2]
    assert api.batches_created == 3
    assert [r["id"] for r in records(out)] == ids


@pytest.mark.slow
def test_split_at_the_byte_limit(api: FakeBatchApi, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    ids = write_input(source, 7, [ONE_ROUND_SEED])
    out = tmp_path / "out.jsonl"
    probe = via_api(api, source, tmp_path / "probe.jsonl", "--max-lines", "1")
    assert probe.exit_code == 0
    line_bytes = (state_dir(tmp_path / "probe.jsonl") / "r0-p0.jsonl").stat().st_size
    limit = line_bytes * 3 + line_bytes // 2  # room for three lines, not four
    result = via_api(api, source, out, "--max-bytes", str(limit))
    assert result.exit_code == 0, result.stderr
    parts = sorted(state_dir(out).glob("r0-p*.jsonl"))
    assert [len(p.read_text().splitlines()) for p in parts] == [3, 3, 1]
    assert all(p.stat().st_size <= limit for p in parts)
    assert [r["id"] for r in records(out)] == ids


# ---------------------------------------------------------------------------
# Re-attach after SIGKILL mid-poll: the process boundary is the point.
# ---------------------------------------------------------------------------


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env["SUMMARIZER_CONFIG"] = str(tmp_path / "no-config.toml")
    env["SUMMARIZER_CACHE_DIR"] = str(tmp_path / "cache")
    env["PYTHONPATH"] = str(ROOT)
    return env


def _batch_ids(state: Path) -> list[str]:
    if not state.exists():
        return []
    with sqlite3.connect(state) as db:
        try:
            return [
                row[0] for row in db.execute("SELECT batch_id FROM jobs WHERE batch_id IS NOT NULL")
            ]
        except sqlite3.OperationalError:
            return []


@pytest.mark.slow
def test_reattach_after_sigkill_mid_poll(api: FakeBatchApi, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    ids = write_input(source, 6, [ONE_ROUND_SEED])
    out = tmp_path / "out.jsonl"
    api.script.polls_in_progress = 10**6  # stays in progress until we say
    command = [
        sys.executable,
        "-c",
        "from summarizer.cli import main; main()",
        "batch",
        str(source),
    ]
    command += ["--out", str(out), "--via", "batch-api", "--poll-interval", "0.05"]
    command += ["--base-url", api.base_url, *REPLAY, "--prompt", ONE_ROUND_PROMPT]
    process = subprocess.Popen(
        command, env=_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not (_batch_ids(state_dir(out) / "state.sqlite") and api.retrievals >= 2):
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, "the job was never submitted"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()
    assert not out.exists() or not records(out)
    api.script.polls_in_progress = 0  # the provider finishes, follow-up jobs too
    for job in api.batches.values():
        job.script.polls_in_progress = 0
    result = via_api(api, source, out)
    assert result.exit_code == 0, result.stderr
    assert "re-attaching" in result.stderr
    assert api.batches_created == 1  # no second job
    assert [r["id"] for r in records(out)] == ids  # every article exactly once
    again = via_api(api, source, out)  # a third run has nothing left to do
    assert again.exit_code == 0 and api.batches_created == 1 and len(records(out)) == len(ids)


def test_job_created_but_not_recorded_is_found_not_resubmitted(
    api: FakeBatchApi, tmp_path: Path
) -> None:
    """A crash between 'create batch' and 'record its id': the re-run finds it by its tags."""
    source = tmp_path / "in.jsonl"
    ids = write_input(source, 3, [ONE_ROUND_SEED])
    out = tmp_path / "out.jsonl"
    assert via_api(api, source, out, "--no-wait").exit_code == 0
    state = state_dir(out) / "state.sqlite"
    with sqlite3.connect(state) as db:  # forget the id, as if the process died right after create
        db.execute("UPDATE jobs SET batch_id = NULL, status = 'creating'")
    result = via_api(api, source, out)
    assert result.exit_code == 0, result.stderr
    assert api.batches_created == 1
    assert [r["id"] for r in records(out)] == ids


def test_other_settings_for_the_same_out_are_refused(api: FakeBatchApi, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_input(source, 2, [ONE_ROUND_SEED])
    out = tmp_path / "out.jsonl"
    assert via_api(api, source, out, "--no-wait").exit_code == 0
    other = via_api(api, source, out, "--max-tokens", "1000")
    assert other.exit_code == 2 and "other settings" in " ".join(other.stderr.split())


# ---------------------------------------------------------------------------
# Export -> (a self-hosted engine) -> import.
# ---------------------------------------------------------------------------


def run_engine(requests: Path, outputs: Path, recordings: dict[str, bytes]) -> None:
    """What vLLM's run_batch does with the file: one output line per request (any order)."""
    from tests.fakes.fake_batch_api import canonical

    lines = [json.loads(line) for line in requests.read_text(encoding="utf-8").splitlines()]
    with outputs.open("w", encoding="utf-8") as handle:
        for n, line in enumerate(reversed(lines)):
            body = recordings[canonical(line["body"])]
            handle.write(
                json.dumps(
                    {
                        "id": f"vllm-{n}",
                        "custom_id": line["custom_id"],
                        "response": {
                            "status_code": 200,
                            "request_id": f"r{n}",
                            "body": json.loads(body),
                        },
                        "error": None,
                    }
                )
                + "\n"
            )


def test_export_import_round_trip(
    api: FakeBatchApi, tmp_path: Path, recordings: dict[str, bytes]
) -> None:
    source = tmp_path / "in.jsonl"
    ids = write_input(source, 10)
    requests = tmp_path / "requests.jsonl"
    exported = CliRunner().invoke(app, ["batch", "export", str(source), str(requests), *REPLAY])
    assert exported.exit_code == 0, exported.stderr
    lines = [json.loads(line) for line in requests.read_text().splitlines()]
    assert len(lines) == 10 and {line["url"] for line in lines} == {"/v1/chat/completions"}
    cycled = [SEED_IDS[n % len(SEED_IDS)] for n in range(len(lines))]  # as write_input cycles
    for line, seed in zip(lines, cycled, strict=True):
        assert line["method"] == "POST"
        assert line["body"] == json.loads(interactions(seed)[0]["request"]["body"])

    outputs = tmp_path / "outputs.jsonl"
    run_engine(requests, outputs, recordings)
    out = tmp_path / "results.jsonl"
    imported = CliRunner().invoke(
        app, ["batch", "import", str(requests), str(outputs), "--out", str(out)]
    )
    # Offline there is no re-ask: the live equivalent is --max-retries 0.
    live = batch(
        api,
        str(source),
        "--out",
        str(tmp_path / "live.jsonl"),
        "-j",
        "1",
        "--no-cache",
        "--max-retries",
        "0",
        prompt=PROMPT_ID,
    )
    assert imported.exit_code == live.exit_code, imported.stderr
    got = records(out)
    assert [r["id"] for r in got] == ids
    assert [comparable(r) for r in got] == [comparable(r) for r in records(tmp_path / "live.jsonl")]


def test_import_without_export_state_is_a_clear_error(tmp_path: Path) -> None:
    requests = tmp_path / "requests.jsonl"
    requests.write_text("")
    result = CliRunner().invoke(
        app, ["batch", "import", str(requests), str(requests), "--out", str(tmp_path / "o.jsonl")]
    )
    assert result.exit_code == 2
    assert "summarizer batch export" in result.stderr


def test_embedded_backend_cannot_use_the_batch_api(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_input(source, 1, [ONE_ROUND_SEED])
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(source),
            "--out",
            str(tmp_path / "o.jsonl"),
            "--via",
            "batch-api",
            "--backend",
            "embedded",
        ],
    )
    assert result.exit_code == 2
    assert "--base-url" in result.stderr


def test_retry_live_sends_failed_lines_as_live_calls(api: FakeBatchApi, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    ids = write_input(source, 3, [ONE_ROUND_SEED])
    api.script.fail_articles = frozenset({"1"})
    out = tmp_path / "out.jsonl"
    result = via_api(api, source, out, "--retry-live")
    assert result.exit_code == 0, result.stderr
    assert api.batches_created == 1  # no follow-up job:
    assert api.chat_requests == 1  # the failed line went live
    got = records(out)
    assert [r["id"] for r in got] == ids and all("error" not in r for r in got)


def test_long_articles_need_live_calls(api: FakeBatchApi, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    long_text = seed_text(ONE_ROUND_SEED) + "\n\nMore text follows here." * 600
    rows = [{"id": "short", "text": seed_text(ONE_ROUND_SEED)}, {"id": "long", "text": long_text}]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = via_api(api, source, out)
    assert result.exit_code == EXIT_SOME_FAILED
    got = {r["id"]: r for r in records(out)}
    assert "summary" in got["short"]
    assert got["long"]["error"]["type"] == "InputError"
    assert "--retry-live" in got["long"]["error"]["message"]


def as_at_a_terminal() -> None:
    """In the child before exec: Ctrl-C and Ctrl-\\ do what they do at a terminal.

    An ignored signal stays ignored across exec, and Python then leaves SIGINT alone (as
    it should: that is how a shell runs a background job). A parallel CI run once handed
    this child SIGINT and SIGQUIT ignored (SigIgn 0x81001006 in /proc), so the first
    Ctrl-C was never seen; the test is about a user at a terminal.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def signal_state(pid: int) -> str:
    """The kernel's view of a process's signals (pending, blocked, ignored, caught)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "(no /proc status)"
    return " ".join(
        line for line in status.splitlines() if line.startswith(("State", "Sig", "ShdPnd"))
    )


def _wait_for(predicate: Any, process: subprocess.Popen, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert process.poll() is None, f"the batch ended before {what}"
        assert time.monotonic() < deadline, f"no {what} after {timeout}s"
        time.sleep(0.02)


@pytest.mark.slow
@pytest.mark.parametrize("answer", ["y", "n"])
def test_second_ctrl_c_asks_before_cancelling(
    api: FakeBatchApi, tmp_path: Path, answer: str
) -> None:
    source = tmp_path / "in.jsonl"
    write_input(source, 3, [ONE_ROUND_SEED])
    out = tmp_path / "out.jsonl"
    api.script.polls_in_progress = 10**6
    log_path = tmp_path / "stderr.log"
    command = [
        sys.executable,
        "-c",
        "from summarizer.cli import main; main()",
        "batch",
        str(source),
    ]
    command += ["--out", str(out), "--via", "batch-api", "--poll-interval", "0.05"]
    command += ["--cancel-grace", "30", "--base-url", api.base_url, *REPLAY]
    command += ["--prompt", ONE_ROUND_PROMPT]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            env=_env(tmp_path),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=log,
            preexec_fn=as_at_a_terminal,
        )
    try:
        _wait_for(lambda: api.retrievals >= 2, process, "polling")
        process.send_signal(signal.SIGINT)
        try:
            _wait_for(lambda: "Ctrl-C again" in log_path.read_text(), process, "the first notice")
        except AssertionError as exc:
            # Seen twice in a parallel CI run, never alone: say what the process did with it.
            raise AssertionError(f"{exc}\n{signal_state(process.pid)}") from None
        assert api.cancels == 0  # one Ctrl-C never cancels
        process.send_signal(signal.SIGINT)
        _wait_for(lambda: "Cancel batch job" in log_path.read_text(), process, "the question")
        assert process.stdin is not None
        process.stdin.write(f"{answer}\n".encode())
        process.stdin.flush()
        assert process.wait(timeout=30) == 130
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert api.cancels == (1 if answer == "y" else 0)
    text = log_path.read_text()
    assert ("cancel requested" in text) if answer == "y" else ("not cancelled" in text)
    assert api.batches_created == 1


def test_a_finished_run_then_new_articles_submits_only_those(
    api: FakeBatchApi, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    write_input(source, 2, [ONE_ROUND_SEED])
    out = tmp_path / "out.jsonl"
    assert via_api(api, source, out).exit_code == 0
    ids = write_input(source, 4, [ONE_ROUND_SEED])  # two more articles
    result = via_api(api, source, out)
    assert result.exit_code == 0, result.stderr
    assert "2 skipped" in result.stderr
    assert api.batches_created == 2
    lines = (state_dir(out) / "r0-p0.jsonl").read_text().splitlines()
    assert len(lines) == 2  # the second job holds only the new articles
    assert [r["id"] for r in records(out)] == ids


def test_progress_shows_each_jobs_request_counts() -> None:
    from io import StringIO

    from rich.console import Console

    from summarizer.batch.api.store import Job
    from summarizer.cli.batch_api import BatchApiProgress

    job = Job("r0-p0", 0, 0, 10, 100, "x", "file-1", "batch_7", "in_progress", None, None, None, 0)
    buffer = StringIO()
    with BatchApiProgress(
        Console(file=buffer, force_terminal=True, width=120), mode="bar", interval=0
    ) as shown:
        shown.job(job, 4, 1, 10)
    text = buffer.getvalue()
    assert "batch_7" in text and "in_progress" in text and "4/10" in text and "1 failed" in text
    plain = StringIO()
    with BatchApiProgress(Console(file=plain, width=120), mode="lines", interval=0) as shown:
        shown.job(job, 4, 1, 10)
        shown.job(job, 4, 1, 10)  # unchanged: not repeated
    assert plain.getvalue().count("4/10 done, 1 failed") == 1


def test_a_server_without_the_batch_api_is_one_clear_error(tmp_path: Path) -> None:
    from tests.fakes.fake_batch_server import FakeBatchServer  # chat completions only

    source = tmp_path / "in.jsonl"
    write_input(source, 1, [ONE_ROUND_SEED])
    with FakeBatchServer(delay=0.0) as server:
        result = CliRunner().invoke(
            app,
            [
                "batch",
                str(source),
                "--out",
                str(tmp_path / "o.jsonl"),
                "--via",
                "batch-api",
                "--base-url",
                server.base_url,
                *REPLAY,
            ],
        )
    assert result.exit_code == 4
    assert "does it implement /v1/files and /v1/batches" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


def test_streamed_input_with_a_duplicate_id_is_one_clear_error(
    api: FakeBatchApi, tmp_path: Path
) -> None:
    """The input is streamed into the state: a bad line deep in it still stops the run
    before anything is submitted, and the fixed input then runs from scratch."""
    source = tmp_path / "in.jsonl"
    ids = write_input(source, 5, [ONE_ROUND_SEED])
    text = seed_text(ONE_ROUND_SEED)
    with source.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": ids[1], "text": text}) + "\n")
    out = tmp_path / "out.jsonl"
    result = via_api(api, source, out)
    assert result.exit_code == 2
    assert "in.jsonl:6: id 'a-00001' already used (in.jsonl:2)" in " ".join(result.stderr.split())
    assert api.batches_created == 0 and api.files_uploaded == 0
    write_input(source, 5, [ONE_ROUND_SEED])
    fixed = via_api(api, source, out)
    assert fixed.exit_code == 0, fixed.stderr
    assert [r["id"] for r in records(out)] == ids


def test_streamed_input_with_a_bad_line_is_one_clear_error(
    api: FakeBatchApi, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    write_input(source, 3, [ONE_ROUND_SEED])
    with source.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "x"}\n')
    result = via_api(api, source, tmp_path / "out.jsonl")
    assert result.exit_code == 2
    assert 'line 4: needs a "text" string' in " ".join(result.stderr.split())
    assert api.batches_created == 0
