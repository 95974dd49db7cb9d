"""The real path (CLI and library) against real recordings of the embedded model."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import summarizer
from summarizer.cli import app
from summarizer.evaluation import cassettes
from summarizer.pipeline.plan import RESPONSE_MODEL
from summarizer.prompting.templates import load_prompt
from summarizer.schema import ArticleSummary
from tests.conftest import BELGOROD

SEED_ID = BELGOROD.stem
PROMPT_ID = "event-summary"
runner = CliRunner()


def recorded_interactions() -> list[dict[str, Any]]:
    data = cassettes.load_yaml(cassettes.cassette_path(PROMPT_ID, SEED_ID))
    return data["interactions"]


def replay_args(options: dict[str, Any]) -> list[str]:
    return [
        "--backend",
        options["backend"],
        "--base-url",
        options["base_url"],
        "--model",
        options["model"],
    ]


def test_cli_json_validates_with_meta(use_cassette, replay_options) -> None:
    with use_cassette(PROMPT_ID, SEED_ID):
        result = runner.invoke(
            app, ["summarize", str(BELGOROD), "--format", "json", *replay_args(replay_options)]
        )
    assert result.exit_code == 0, result.output
    summary = ArticleSummary.model_validate_json(result.stdout)
    meta = summary.meta
    assert meta is not None
    prompt = load_prompt(PROMPT_ID)
    assert (meta.prompt_id, meta.prompt_version) == (prompt.id, prompt.version)
    assert meta.prompt_hash == prompt.content_hash(RESPONSE_MODEL)
    assert meta.model == cassettes.EMBEDDED_MODEL and meta.backend == "llama-cpp"
    assert str(summary.article_date) == "2024-01-01", "the dateline is read by rule"
    assert summary.verification is not None
    assert len(summary.verification.figures) == len(summary.iter_figures())


def test_meta_counts_every_recorded_attempt_and_token(use_cassette, replay_options) -> None:
    interactions = recorded_interactions()
    with use_cassette(PROMPT_ID, SEED_ID):
        result = summarizer.summarize(BELGOROD.read_text(), **replay_options)
    assert result.meta is not None
    assert result.meta.attempts == len(interactions)
    recorded_tokens = sum(
        json.loads(i["response"]["body"]["string"])["usage"]["total_tokens"] for i in interactions
    )
    assert result.meta.usage.total_tokens == recorded_tokens
    assert result.meta.reasks == len(interactions) - 1


def test_stdin_and_output_file(use_cassette, replay_options, tmp_path: Path) -> None:
    out = tmp_path / "summary.json"
    with use_cassette(PROMPT_ID, SEED_ID):
        result = runner.invoke(
            app,
            [
                "summarize",
                "-",
                "--format",
                "json",
                "--output",
                str(out),
                *replay_args(replay_options),
            ],
            input=BELGOROD.read_text(),
        )
    assert result.exit_code == 0, result.output
    assert result.stdout == "", "with --output nothing goes to stdout"
    ArticleSummary.model_validate_json(out.read_text())
    assert not list(tmp_path.glob(".summary.json.*")), "no temp file left behind"


def test_text_rendering_shows_events_and_figure_checks(use_cassette, replay_options) -> None:
    with use_cassette(PROMPT_ID, SEED_ID):
        result = runner.invoke(app, ["summarize", str(BELGOROD), *replay_args(replay_options)])
    assert result.exit_code == 0, result.output
    assert "Figures:" in result.stdout and "verified" in result.stdout
    assert "prompt event-summary@" in result.stdout


def test_strict_exits_3_but_still_prints_the_summary(use_cassette, replay_options) -> None:
    with use_cassette(PROMPT_ID, SEED_ID):
        result = summarizer.summarize(BELGOROD.read_text(), **replay_options)
    assert result.verification is not None
    if result.verification.all_verified:
        pytest.skip("this recording has every figure verified; nothing for --strict to reject")
    with use_cassette(PROMPT_ID, SEED_ID):
        cli = runner.invoke(
            app,
            [
                "summarize",
                str(BELGOROD),
                "--format",
                "json",
                "--strict",
                *replay_args(replay_options),
            ],
        )
    assert cli.exit_code == 3
    ArticleSummary.model_validate_json(cli.stdout)
    assert "failed verification" in cli.stderr


def test_library_reuses_one_backend_across_calls(use_cassette, replay_options) -> None:
    text = BELGOROD.read_text()
    with summarizer.Summarizer(**replay_options) as s:
        with use_cassette(PROMPT_ID, SEED_ID):
            first = s.summarize(text)
        backend = s.backend
        with use_cassette(PROMPT_ID, SEED_ID):
            second = s.summarize(text)
        assert s.backend is backend
    assert first.model_dump(exclude={"meta"}) == second.model_dump(exclude={"meta"})


def test_async_api_matches_sync(use_cassette, replay_options) -> None:
    text = BELGOROD.read_text()
    with use_cassette(PROMPT_ID, SEED_ID):
        sync_result = summarizer.summarize(text, **replay_options)
    with use_cassette(PROMPT_ID, SEED_ID):
        async_result = asyncio.run(summarizer.asummarize(text, **replay_options))
    assert sync_result.model_dump(exclude={"meta"}) == async_result.model_dump(exclude={"meta"})


def test_caller_messages_are_never_mutated(use_cassette, replay_options) -> None:
    with summarizer.Summarizer(**replay_options) as s:
        request = s.prepare(BELGOROD.read_text())
        snapshot = json.dumps(request.messages)
        with use_cassette(PROMPT_ID, SEED_ID):
            from summarizer.backends.call import call_model

            call_model(
                s.backend,
                request.messages,
                RESPONSE_MODEL,
                request.context,
                request.headers,
            )
    assert json.dumps(request.messages) == snapshot


def test_changed_prompt_fails_with_prompt_name_and_rerecord_command(
    use_cassette, replay_options, tmp_path: Path
) -> None:
    source = load_prompt(PROMPT_ID).path.read_text()
    (tmp_path / f"{PROMPT_ID}.md").write_text(source.replace("Never invent", "Do not invent", 1))
    with use_cassette(PROMPT_ID, SEED_ID):
        result = runner.invoke(
            app,
            ["summarize", str(BELGOROD), "--format", "json", *replay_args(replay_options)],
            env={"SUMMARIZER_PROMPTS_DIR": str(tmp_path)},
        )
    assert result.exit_code == 2
    assert "prompt changed" in result.stderr and f"'{PROMPT_ID}'" in result.stderr
    assert cassettes.RERECORD_COMMAND in result.stderr
    recorded_hash = cassettes.cassette_metadata(cassettes.cassette_path(PROMPT_ID, SEED_ID))["hash"]
    changed = load_prompt(PROMPT_ID, tmp_path).content_hash(RESPONSE_MODEL)
    message = " ".join(result.stderr.split())
    version = load_prompt(PROMPT_ID).version
    assert (
        f"recorded '{PROMPT_ID}' v{version} #{recorded_hash}, now '{PROMPT_ID}' v{version} #{changed}"
        in message
    )
    assert "Traceback" not in result.output


def test_cassettes_hold_no_secrets() -> None:
    files = list(cassettes.CASSETTES_DIR.rglob("*.yaml"))
    assert files, "expected recorded cassettes"
    for path in files:
        text = path.read_text()
        lowered = text.lower()
        assert "authorization" not in lowered and "bearer " not in lowered, path
        assert "sk-" not in text and "api-key" not in lowered, path


def test_cassette_metadata_names_prompt_model_and_date() -> None:
    meta = cassettes.cassette_metadata(cassettes.cassette_path(PROMPT_ID, SEED_ID))
    assert meta["id"] == PROMPT_ID and meta["version"] == load_prompt(PROMPT_ID).version
    assert meta["model"] == cassettes.EMBEDDED_MODEL
    assert meta["recorded"], "the response's date header records when"
