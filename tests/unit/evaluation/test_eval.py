"""``summarizer eval`` replayed offline from the recorded cassettes, and ``summarizer prompts``.

The replay runs once per module (every seed x every locked prompt); the CLI tests run
it again through typer. Nothing here starts a model or touches the real prompts/.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import BackendUnavailable, ModelOutputError
from summarizer.evaluation import run as evaluation
from summarizer.evaluation.cassettes import CASSETTES_DIR, RERECORD_COMMAND, cassette_path
from summarizer.evaluation.lock import LOCK_NAME
from summarizer.evaluation.run import (
    EvalReport,
    compare_with_baseline,
    default_prompt_ids,
    discover_seeds,
    run_eval,
)
from summarizer.evaluation.scoring import FIELDS
from summarizer.prompting.templates import PROMPTS_DIR, load_prompt

runner = CliRunner()
PROMPTS = default_prompt_ids()
SEED_IDS = [seed.id for seed in discover_seeds()]
MISSING = [
    str(cassette_path(p, s).relative_to(CASSETTES_DIR.parent))
    for p in PROMPTS
    for s in SEED_IDS
    if not cassette_path(p, s).is_file()
]
needs_cassettes = pytest.mark.skipif(
    bool(MISSING),
    reason=f"cassettes not recorded yet ({len(MISSING)} missing, e.g. {MISSING[:1]}); run: {RERECORD_COMMAND}",
)
REPLAY_BUDGET_S = 10.0


@pytest.fixture(scope="module")
def replayed() -> tuple[EvalReport, float]:
    if MISSING:
        pytest.skip(f"cassettes not recorded yet; run: {RERECORD_COMMAND}")
    started = time.monotonic()
    report = run_eval()
    return report, time.monotonic() - started


@pytest.fixture
def report(replayed: tuple[EvalReport, float]) -> EvalReport:
    return replayed[0].model_copy(deep=True)


def copy_prompts(tmp_path: Path) -> Path:
    folder = tmp_path / "prompts"
    shutil.copytree(PROMPTS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    return folder


def eval_cli(*args: str):
    return runner.invoke(app, ["eval", *args])


# ---------------------------------------------------------------------------
# Replay of the real cassettes.
# ---------------------------------------------------------------------------


def test_at_least_two_prompts_and_five_seeds_are_evaluated() -> None:
    assert {"event-summary", "event-summary-checklist"} <= set(PROMPTS)
    assert len(SEED_IDS) >= 5


@needs_cassettes
def test_every_seed_and_prompt_is_scored(report: EvalReport) -> None:
    assert [run.prompt_id for run in report.prompts] == PROMPTS
    assert report.mode == "replay" and report.seeds == SEED_IDS
    for run in report.prompts:
        prompt = load_prompt(run.prompt_id)
        assert run.version == prompt.version
        assert [r.seed_id for r in run.results] == SEED_IDS
        for result in run.results:
            # "failed": the recorded model never produced a valid summary; it is still a
            # measurement (scored as an empty prediction), unlike "unmeasured".
            assert result.status in ("scored", "failed"), (
                f"{run.prompt_id}/{result.seed_id}: {result.error}"
            )
            assert result.score is not None and result.score.seed_id == result.seed_id
            assert 0.0 <= result.score.overall <= 1.0
            assert result.requests >= 1
        assert set(run.means) == set(FIELDS) and run.means["overall"] is not None


@needs_cassettes
def test_replay_is_fast_and_deterministic(replayed: tuple[EvalReport, float]) -> None:
    first, seconds = replayed
    assert seconds < REPLAY_BUDGET_S, (
        f"replaying {len(first.results)} cassettes took {seconds:.1f}s"
    )
    again = run_eval(seed_ids=SEED_IDS[:2])
    for run in again.prompts:
        old = first.prompt(run.prompt_id)
        assert old is not None
        for result in run.results:
            before = next(r for r in old.results if r.seed_id == result.seed_id)
            assert result.score == before.score


@needs_cassettes
def test_report_json_round_trips(report: EvalReport, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    report.save(path)
    loaded = EvalReport.load(path)
    assert loaded == report
    assert loaded.to_json() == path.read_text()
    data = json.loads(path.read_text())
    assert {r["seed_id"] for r in data["prompts"][0]["results"]} == set(SEED_IDS)
    assert all(r["score"]["overall"] is not None for run in data["prompts"] for r in run["results"])


@needs_cassettes
def test_baseline_classifies_each_field(report: EvalReport) -> None:
    doctored = report.model_copy(deep=True)
    run = doctored.prompts[0]
    for result in run.results:  # baseline was worse on F1 and better on dates
        assert result.score is not None
        result.score.event_f1 = max(0.0, result.score.event_f1 - 0.2)
        result.score.dates = None if result.score.dates is None else result.score.dates + 0.5
    if all(r.score is not None and r.score.dates is None for r in run.results):
        pytest.skip("no matched events, so no dates to doctor")
    changes = compare_with_baseline(report, doctored)
    first = changes[report.prompts[0].prompt_id]
    assert first["event_f1"].status == "improved"
    assert first["dates"].status == "regressed"
    assert first["locations"].status == "unchanged"
    for other in report.prompts[1:]:
        assert {c.status for c in changes[other.prompt_id].values()} <= {"unchanged"}
    assert evaluation.exit_code(report, changes) == 1
    assert evaluation.exit_code(report, compare_with_baseline(report, report)) == 0


@pytest.mark.slow
@needs_cassettes
def test_cli_prints_the_table_and_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = eval_cli("--json", str(out))
    assert result.exit_code == 0, result.output
    for name in (*PROMPTS, *SEED_IDS, "mean", "overall", "Totals"):
        assert name in result.stdout
    saved = EvalReport.load(out)
    assert [run.prompt_id for run in saved.prompts] == PROMPTS

    again = eval_cli("--baseline", str(out))
    assert again.exit_code == 0, again.output
    assert "unchanged" in again.stdout and "regressed" not in again.stdout


@needs_cassettes
def test_cli_baseline_regression_exits_1(report: EvalReport, tmp_path: Path) -> None:
    doctored = report.model_copy(deep=True)
    for result in doctored.prompts[0].results:  # the baseline was better on F1, worse overall
        assert result.score is not None
        result.score.event_f1 += 0.5
        result.score.overall -= 0.5
    baseline = tmp_path / "old.json"
    baseline.write_text(doctored.to_json())
    result = eval_cli("--prompt", report.prompts[0].prompt_id, "--baseline", str(baseline))
    assert result.exit_code == 1, result.output
    assert (
        "regressed" in result.stdout
        and "improved" in result.stdout
        and "unchanged" in result.stdout
    )
    [line] = [x for x in result.stderr.splitlines() if x.startswith("regression:")]
    assert f"{report.prompts[0].prompt_id} event_f1" in line


@needs_cassettes
def test_min_score_above_one_exits_1() -> None:
    result = eval_cli("--min-score", "1.01", "--seed", SEED_IDS[0])
    assert result.exit_code == 1, result.output
    assert "below --min-score 1.01" in result.stderr
    assert eval_cli("--min-score", "0", "--seed", SEED_IDS[0]).exit_code == 0


def test_missing_cassette_exits_2_naming_the_command(tmp_path: Path) -> None:
    result = eval_cli("--cassettes-dir", str(tmp_path / "empty"), "--seed", SEED_IDS[0])
    assert result.exit_code == 2, result.output
    assert "not measured" in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == len(PROMPTS)
    assert all("no cassette" in line and RERECORD_COMMAND in line for line in lines)
    assert "Traceback" not in result.output


@needs_cassettes
def test_cassette_of_a_changed_prompt_exits_2(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    path = folder / "event-summary.md"
    path.write_text(path.read_text().replace("Never invent numbers", "Never guess numbers", 1))
    result = eval_cli(
        "--prompts-dir", str(folder), "--prompt", "event-summary", "--seed", SEED_IDS[0]
    )
    assert result.exit_code == 2, result.output
    assert "event-summary" in result.stderr and RERECORD_COMMAND in result.stderr
    assert "prompt changed" in result.stderr


def test_unreachable_backend_is_not_measured_and_a_model_failure_is(
    monkeypatch, tmp_path: Path
) -> None:
    cassettes = tmp_path / "cassettes"
    seeds = ["belgorod-kharkiv-2024-01-01", "explosion-tianjin-2015"]
    for seed_id in seeds:
        path = cassette_path("event-summary", seed_id, cassettes)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("interactions: []\nversion: 1\n")  # never read: summarize is faked

    def fake_summarize(self, text: str, **kwargs):
        if "Belgorod" in text:
            raise BackendUnavailable("cannot connect to http://127.0.0.1:9/v1")
        raise ModelOutputError("model did not return a valid summary after 3 attempts: boom")

    monkeypatch.setattr(evaluation.Summarizer, "summarize", fake_summarize)
    report = run_eval(["event-summary"], seed_ids=seeds, cassettes_dir=cassettes)
    unreachable, failed = report.prompts[0].results
    assert unreachable.status == "unmeasured" and unreachable.score is None
    assert unreachable.error_type == "BackendUnavailable"
    assert failed.status == "failed" and failed.error_type == "ModelOutputError"
    assert failed.score is not None and failed.score.event_recall == 0.0  # measured: costs recall
    assert evaluation.exit_code(report) == 2
    only_failed = run_eval(["event-summary"], seed_ids=seeds[1:], cassettes_dir=cassettes)
    assert evaluation.exit_code(only_failed) == 0
    assert evaluation.exit_code(only_failed, min_score=0.1) == 1


def test_bad_baseline_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "old.json"
    bad.write_text('{"prompts": 3}')
    result = eval_cli("--baseline", str(bad))
    assert result.exit_code == 2
    assert "not a summarizer eval report" in result.stderr


def test_unknown_prompt_exits_2() -> None:
    result = eval_cli("--prompt", "no-such-prompt")
    assert result.exit_code == 2
    assert "unknown prompt 'no-such-prompt'" in result.stderr


# ---------------------------------------------------------------------------
# summarizer prompts check / lock / list
# ---------------------------------------------------------------------------


def prompts_cli(*args: str):
    return runner.invoke(app, ["prompts", *args])


def test_prompts_check_fails_on_a_changed_word_and_passes_after_bump_and_relock(
    tmp_path: Path,
) -> None:
    folder = copy_prompts(tmp_path)
    assert prompts_cli("check", "--prompts-dir", str(folder)).exit_code == 0

    path = folder / "event-summary-checklist.md"
    path.write_text(path.read_text().replace("Use only facts", "Use just facts", 1))
    failed = prompts_cli("check", "--prompts-dir", str(folder))
    assert failed.exit_code == 1
    [line] = failed.stderr.strip().splitlines()
    assert "event-summary-checklist" in line and "bump" in line

    refused = prompts_cli("lock", "--prompts-dir", str(folder))
    assert refused.exit_code == 2 and "bump" in refused.stderr

    version = load_prompt(str(path)).version
    path.write_text(
        path.read_text().replace(f"version: {version}\n", f"version: {int(version) + 1}\n", 1)
    )
    bumped = prompts_cli("check", "--prompts-dir", str(folder))
    assert bumped.exit_code == 1 and "lock was not updated" in bumped.stderr

    locked = prompts_cli("lock", "--prompts-dir", str(folder))
    assert locked.exit_code == 0, locked.output
    assert "event-summary-checklist" in locked.stdout and RERECORD_COMMAND in locked.stdout
    assert prompts_cli("check", "--prompts-dir", str(folder)).exit_code == 0
    lock = json.loads((folder / LOCK_NAME).read_text())
    assert lock["event-summary-checklist"]["version"] == str(int(version) + 1)


def test_prompts_check_flags_a_prompt_missing_from_the_lock(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    shutil.copy(folder / "event-summary.md", folder / "event-summary-new.md")
    new = folder / "event-summary-new.md"
    new.write_text(new.read_text().replace("id: event-summary\n", "id: event-summary-new\n", 1))
    result = prompts_cli("check", "--prompts-dir", str(folder))
    assert result.exit_code == 1
    assert "event-summary-new" in result.stderr and "not in the lock" in result.stderr


def test_prompts_list_shows_versions_hashes_and_cassettes() -> None:
    result = runner.invoke(app, ["prompts", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for prompt_id in PROMPTS:
        prompt = load_prompt(prompt_id)
        assert prompt_id in result.stdout
        from summarizer.pipeline.plan import hash_model_for

        assert prompt.content_hash(hash_model_for(prompt)) in result.stdout
    assert "locked" in result.stdout
    if not MISSING:
        assert "SmolLM2-135M-Instruct.Q4_1" in result.stdout


def test_prompts_list_flags_cassettes_of_another_hash(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    cassettes = tmp_path / "cassettes"
    source = cassette_path("event-summary", SEED_IDS[0])
    if not source.is_file():
        pytest.skip(f"cassette {source.name} not recorded yet; run: {RERECORD_COMMAND}")
    target = cassette_path("event-summary", SEED_IDS[0], cassettes)
    target.parent.mkdir(parents=True)
    shutil.copy(source, target)
    listing = ["prompts", "list", "--prompts-dir", str(folder), "--cassettes-dir", str(cassettes)]
    fresh = runner.invoke(app, listing, env={"COLUMNS": "200"})
    assert fresh.exit_code == 0, fresh.output
    assert "stale" not in fresh.stdout

    path = folder / "event-summary.md"
    path.write_text(path.read_text().replace("Never invent numbers", "Never guess numbers", 1))
    version = load_prompt(str(path)).version
    path.write_text(
        path.read_text().replace(f"version: {version}\n", f"version: {int(version) + 1}\n", 1)
    )
    assert prompts_cli("lock", "--prompts-dir", str(folder)).exit_code == 0
    stale = runner.invoke(app, listing, env={"COLUMNS": "200"})
    assert stale.exit_code == 0, stale.output
    assert "1 (1 stale)" in stale.stdout


@needs_cassettes
def test_a_failed_seed_still_counts_its_tokens() -> None:
    """The baseline never produced a valid summary for this seed; its tokens were spent."""
    report = run_eval(["event-summary"], seed_ids=["rockets-gaza-2012"])
    [result] = report.results
    if result.status != "failed":
        pytest.skip("this recording produced a summary")
    assert result.requests == 3
    assert result.prompt_tokens > 0 and result.completion_tokens > 0
