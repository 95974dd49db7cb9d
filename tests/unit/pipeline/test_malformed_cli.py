"""A small model's malformed answer never fails an article (issue #20).

Two FAKE model servers (tests/fakes/fake_openai_server.py) answer the same malformed answer every
time: one an event date that does not exist (2024-02-30), one a raw line break inside the
headline. Through the installed ``summarizer`` script: the summary comes back (exit 0;
exit 3 with --strict, the summary still on stdout), the flagged claim says why, and the
re-asks differ from the first request.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

from summarizer.batch.api.lines import Answer, LivePath
from summarizer.config import Settings
from summarizer.pipeline.finish import draft_from_answer
from summarizer.pipeline.summarizer import Summarizer
from summarizer.schema import ArticleSummary, ClaimCheck
from tests.fakes.fake_model import FAKE_URL, FakeModel
from tests.fakes.fake_openai_server import (
    BELGOROD_DRAFT,
    Completion,
    Dynamic,
    FakeOpenAIServer,
    RecordedRequest,
    article_in,
    belgorod_draft,
    chunk_draft,
    completion_body,
)
from tests.support.fault_fixtures import (
    BELGOROD,
    BELGOROD_PATH,
    FAST,
    Run,
    long_article,
    run_cli_subprocess,
    write_config,
)
from tests.support.service_fixtures import LiveService

BAD_DATE = belgorod_draft()
BAD_DATE["events"][0]["date"] = "2024-02-30"
# The headline with a raw line break: not JSON (strict parsers refuse it), every time.
RAW_NEWLINE = json.dumps(BELGOROD_DRAFT).replace("strikes Kharkiv", "strikes\nKharkiv", 1)


def summarize(fake: FakeOpenAIServer, tmp_path: Path, *extra: str) -> Run:
    config = write_config(tmp_path / "config.toml", **FAST)
    args = ["summarize", str(BELGOROD_PATH), "--backend", "compatible", "--base-url", fake.url]
    args += ["--model", "fake", "--format", "json", "--no-cache", *extra]
    return run_cli_subprocess(args, env={"SUMMARIZER_CONFIG": str(config)})


def flagged(summary: ArticleSummary) -> list[ClaimCheck]:
    assert summary.verification is not None
    return [check for check in summary.verification.checks() if check.verdict != "verified"]


def test_a_date_that_does_not_exist_every_time(
    fake_server: FakeOpenAIServer, tmp_path: Path
) -> None:
    fake_server.script(Completion(BAD_DATE))
    run = summarize(fake_server, tmp_path)
    assert run.exit_code == 0, run.stderr
    summary = ArticleSummary.model_validate_json(run.stdout)
    # The date is emptied, the rest of the answer kept: both events, every figure verified.
    assert summary.events[0].date is None
    assert [event.description for event in summary.events] == [
        event["description"] for event in BAD_DATE["events"]
    ]
    assert summary.verification is not None
    assert [check.status for check in summary.verification.figures] == ["verified"] * 5
    # One flag, and it says why.
    [claim] = flagged(summary)
    assert (claim.path, claim.kind, claim.status, claim.verdict) == (
        "events[0].date",
        "format",
        "malformed",
        "contradicted",
    )
    assert claim.text == "2024-02-30" and "February 2024 has 29 days" in claim.reason
    assert summary.meta is not None and summary.meta.attempts == 3


def test_the_reasks_differ_from_the_first_request(
    fake_server: FakeOpenAIServer, tmp_path: Path
) -> None:
    fake_server.script(Completion(BAD_DATE))
    assert summarize(fake_server, tmp_path).exit_code == 0
    bodies = [request.json or {} for request in fake_server.requests]
    assert len(bodies) == 3
    temperatures = [body["temperature"] for body in bodies]
    assert temperatures[0] == 0 and temperatures[0] < temperatures[1] < temperatures[2]
    first, second = bodies[0]["messages"], bodies[1]["messages"]
    assert second[: len(first)] == first
    # The re-ask shows the model its answer and says, in words, what was wrong with it.
    assert [m["role"] for m in second[len(first) :]] == ["assistant", "user"]
    reask = second[-1]["content"]
    assert "events[0].date" in reask and "February 2024 has 29 days" in reask
    assert "validation error" not in reask and "input_value" not in reask


def test_the_async_api_reasks_and_salvages_alike() -> None:
    fake = FakeModel().script(Completion(BAD_DATE))  # in process: no socket needed here

    async def run() -> ArticleSummary:
        async with Summarizer(
            backend="compatible", base_url=FAKE_URL, model="fake", transport=fake.transport, **FAST
        ) as summarizer:
            return await summarizer.asummarize(BELGOROD)

    summary = asyncio.run(run())
    assert [request.json["temperature"] for request in fake.requests] == [0, 0.3, 0.6]  # type: ignore[index]
    assert summary.events[0].date is None
    [claim] = flagged(summary)
    assert claim.path == "events[0].date" and "February 2024 has 29 days" in claim.reason


def test_a_date_that_does_not_exist_fails_strict_with_the_summary(
    fake_server: FakeOpenAIServer, tmp_path: Path
) -> None:
    fake_server.script(Completion(BAD_DATE))
    run = summarize(fake_server, tmp_path, "--strict")
    assert run.exit_code == 3, run.stderr
    assert re.fullmatch(
        r"error: 1 of \d+ claims failed verification \(--strict\)", run.stderr.strip()
    )
    [claim] = flagged(ArticleSummary.model_validate_json(run.stdout))
    assert claim.path == "events[0].date"


def test_a_raw_line_break_in_the_headline_every_time(
    fake_server: FakeOpenAIServer, tmp_path: Path
) -> None:
    fake_server.script(Completion(RAW_NEWLINE))
    run = summarize(fake_server, tmp_path)
    assert run.exit_code == 0, run.stderr
    summary = ArticleSummary.model_validate_json(run.stdout)
    assert summary.headline == BELGOROD_DRAFT["headline"].replace(" Kharkiv", "\nKharkiv", 1)
    [claim] = flagged(summary)
    assert (claim.path, claim.status, claim.verdict) == ("headline", "repaired", "unconfirmed")
    assert "raw line break" in claim.reason
    # Read as meant at once: there is nothing to re-ask.
    assert fake_server.count == 1


def test_a_raw_line_break_fails_strict_with_the_summary(
    fake_server: FakeOpenAIServer, tmp_path: Path
) -> None:
    fake_server.script(Completion(RAW_NEWLINE))
    run = summarize(fake_server, tmp_path, "--strict")
    assert run.exit_code == 3, run.stderr
    [claim] = flagged(ArticleSummary.model_validate_json(run.stdout))
    assert claim.path == "headline"


def test_an_answer_that_is_never_json_names_the_cause_and_what_to_do(
    fake_server: FakeOpenAIServer, tmp_path: Path
) -> None:
    fake_server.script(Completion(json.dumps(BELGOROD_DRAFT)[:60]))  # no summary yet
    run = summarize(fake_server, tmp_path)
    assert run.exit_code == 4
    [line] = run.stderr.strip().splitlines()
    assert "after 3 attempts" in line and "EOF while parsing" in line
    assert "raise --max-tokens" in line


def test_prompt_marks_never_reach_the_summary(fake_server: FakeOpenAIServer) -> None:
    """The selection prompt marks ids and resolved weekday dates; a model that copies them
    into its prose does not get them into the summary."""
    answer = {
        "headline": "Russia strikes Kharkiv on Saturday (2023-12-30) [M2]",
        "summary": "At least 26 [M2] people were injured on Saturday (2023-12-30).",
        "events": [
            {
                "event_type": "missile_strike",
                "date": "2023-12-30",
                "date_text": "Saturday (2023-12-30)",
                "location": "Kharkiv [M2]",
                "description": "Missile strikes [M2] on Kharkiv on Saturday (2023-12-30).",
            }
        ],
    }
    fake_server.script(Completion(answer))
    with Summarizer(
        backend="compatible",
        base_url=fake_server.url,
        model="fake",
        prompt="event-summary-select",
        **FAST,
    ) as summarizer:
        summary = summarizer.summarize(BELGOROD)
    sent = fake_server.requests[0].first_user_content
    assert "(2023-12-30)" in sent and "[M2]" in sent  # the prompt did add them
    event = summary.events[0]
    prose = [summary.headline, summary.summary, event.description, event.location]
    prose.append(event.date_text or "")
    for text in prose:
        assert "[M" not in text and "(2023-12-30)" not in text, text
    assert summary.headline == "Russia strikes Kharkiv on Saturday"
    assert event.date_text == "Saturday"


def test_a_chunks_dropped_date_is_flagged_in_the_merged_report(
    fake_server: FakeOpenAIServer,
) -> None:
    """A long article is summarized in chunks and verified merged: a date one chunk's answer
    had dropped is still reported, under that chunk's path."""

    def answer(request: RecordedRequest) -> Completion:
        draft = chunk_draft(article_in(request))
        for event in draft["events"]:
            if event["location"] == "Tianjin":
                event["date"] = "2015-02-29"  # 2015 is no leap year
        return Completion(draft)

    fake_server.script(Dynamic(answer))
    with Summarizer(
        backend="compatible",
        base_url=fake_server.url,
        model="fake",
        max_article_chars=1500,
        max_chunks=16,
        **FAST,
    ) as summarizer:
        summary = summarizer.summarize(long_article())
    assert summary.meta is not None and summary.meta.chunks > 1
    tianjin = next(event for event in summary.events if event.location == "Tianjin")
    assert tianjin.date is None
    assert summary.verification is not None
    dropped = [c for c in summary.verification.claims if c.status == "malformed"]
    assert len(dropped) == 1 and re.fullmatch(
        r"chunks\[\d+\]\.events\[\d+\]\.date", dropped[0].path
    )
    assert "February 2015 has 28 days" in dropped[0].reason


def test_batch_gets_the_summary_back(fake_server: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_server.script(Completion(BAD_DATE))
    out = tmp_path / "out.jsonl"
    args = ["batch", "run", str(BELGOROD_PATH), "--out", str(out), "--backend", "compatible"]
    args += ["--base-url", fake_server.url, "--model", "fake", "--no-cache"]
    run = run_cli_subprocess(args, env={"SUMMARIZER_CONFIG": str(tmp_path / "none.toml")})
    assert run.exit_code == 0, run.stderr
    [line] = [json.loads(text) for text in out.read_text(encoding="utf-8").splitlines()]
    assert line["summary"]["events"][0]["date"] is None
    dropped = [c for c in line["verification"]["claims"] if c["status"] == "malformed"]
    assert [c["path"] for c in dropped] == ["events[0].date"]


def test_serve_gets_the_summary_back(fake_server: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_server.script(Completion(BAD_DATE))
    with LiveService(fake_server.url, tmp_path) as service, service.client() as client:
        response = client.post("/v1/summaries", json={"text": BELGOROD})
    assert response.status_code == 200, response.text
    summary = ArticleSummary.model_validate_json(response.text)
    assert summary.events[0].date is None
    [claim] = flagged(summary)
    assert claim.path == "events[0].date" and "February 2024 has 29 days" in claim.reason


def test_batch_api_follow_up_lines_are_the_live_reasks() -> None:
    """Batch API: each re-ask round's line asks warmer, as live, and is no drift."""
    settings = Settings(backend="compatible", base_url="http://127.0.0.1:9/v1", model="fake")
    live = LivePath(settings)
    with Summarizer(settings) as summarizer:
        request = summarizer.prepare(BELGOROD)
    answer = Answer(200, json.dumps(completion_body(BAD_DATE)).encode())
    sent = live.request_body(request)
    temperatures = [sent["temperature"]]
    for reasks_left in (2, 1):
        outcome = live.evaluate(request, sent, answer, reasks_left)
        assert outcome.error is None and outcome.reask is not None
        sent = outcome.reask
        temperatures.append(sent["temperature"])
        assert "February 2024 has 29 days" in sent["messages"][-1]["content"]
    assert temperatures == [0, 0.3, 0.6]
    last = live.evaluate(request, sent, answer, 0)
    assert last.error is None and last.answer is not None
    draft = draft_from_answer(last.answer, request)
    assert draft.events[0].date is None and len(draft.events) == 2
