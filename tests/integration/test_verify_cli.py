"""``summarizer verify``: table and JSON output, --strict exit code, clear input errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summarizer.cli.verify as verify_cli
from summarizer.cli import expand_strict
from summarizer.cli.app import app
from summarizer.schema import VerificationReport
from tests.support.crosscheck_gold import SEEDS, load_seed

BELGOROD = "belgorod-kharkiv-2024-01-01"
ARTICLE = SEEDS / f"{BELGOROD}.txt"

GOOD = {"value": 24, "role": "killed", "quote": "killed 24 people"}
BAD = {"value": 100, "qualifier": "exact", "role": "injured", "quote": "injured over 100"}


@pytest.fixture(autouse=True)
def gold_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the gold mentions as the extractor's output: the CLI test is about the CLI."""
    seed = load_seed(BELGOROD)

    def fake_extract(text: str) -> list:
        assert text == seed.text
        return seed.mentions

    monkeypatch.setattr(verify_cli, "extract_numbers", fake_extract)
    monkeypatch.delenv("SUMMARIZER_RAISE_ERRORS", raising=False)


def summary_file(
    tmp_path: Path,
    *figures: dict,
    evidence: list[str] | None = None,
    event_type: str = "missile_strike",
    summary: str = "Missiles hit Kharkiv after the Belgorod attack.",
) -> Path:
    data = {
        "headline": "Russia strikes Kharkiv",
        "summary": summary,
        "events": [
            {
                "event_type": event_type,
                "description": "Strike on Belgorod",
                "figures": list(figures),
                "evidence": evidence or [],
            }
        ],
    }
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(app, ["verify", *args])


def test_text_table_marks_each_figure(tmp_path: Path) -> None:
    path = summary_file(tmp_path, GOOD, BAD, evidence=["Saturday’s attack on Belgorod"])
    result = run(str(ARTICLE), str(path))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "✓" in out and "✗" in out
    assert "events[0].figures[0]" in out and "events[0].figures[1]" in out
    assert "qualifier_mismatch" in out and "verified" in out
    assert "Figures: 1/2 verified, 1 contradicted" in out
    assert "Evidence: 1/1 verified" in out
    assert "Figures in the article that no figure reports" in out
    assert "no event reports" in out.splitlines()[-1]  # counted in the totals line


def test_json_is_the_report(tmp_path: Path) -> None:
    path = summary_file(tmp_path, GOOD, BAD)
    result = run(str(ARTICLE), str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    report = VerificationReport.model_validate_json(result.stdout)
    assert [c.status for c in report.figures] == ["verified", "qualifier_mismatch"]
    assert report.counts["figures"] == 2 and report.counts["figures_verified"] == 1
    assert report.counts["verified"] == report.verified  # per status over every check
    assert any(g.mention.text == "26" for g in report.uncovered)


def test_strict_exits_3_only_when_a_figure_fails(tmp_path: Path) -> None:
    failing = summary_file(tmp_path, GOOD, BAD)
    result = run(str(ARTICLE), str(failing), "--strict", "--format", "json")
    assert result.exit_code == 3
    assert VerificationReport.model_validate_json(result.stdout).figures  # report still printed
    assert "claims not verified, first events[0].figures[1] (--strict)" in result.stderr
    passing = summary_file(tmp_path, GOOD)
    assert run(str(ARTICLE), str(passing), "--strict").exit_code == 0, run(
        str(ARTICLE), str(passing), "--strict"
    ).output


def test_strict_contradicted_lets_unconfirmed_claims_pass(tmp_path: Path) -> None:
    """No word of a natural disaster in the article: the event type is unconfirmed."""
    path = summary_file(tmp_path, GOOD, event_type="natural_disaster")
    plain = run(str(ARTICLE), str(path), "--strict")
    assert plain.exit_code == 3 and "not verified" in plain.stderr
    argv = expand_strict([str(ARTICLE), str(path), "--strict=contradicted"])
    assert argv[-3:] == ["--strict", "--strict-level", "contradicted"]
    assert run(*argv).exit_code == 0
    contradicted = summary_file(tmp_path, GOOD, BAD, event_type="natural_disaster")
    failed = run(*expand_strict([str(ARTICLE), str(contradicted), "--strict=contradicted"]))
    assert failed.exit_code == 3 and "1 of" in failed.stderr and "contradicted" in failed.stderr
    bogus = run(*expand_strict([str(ARTICLE), str(path), "--strict=maybe"]))
    assert bogus.exit_code == 2 and "--strict=maybe" in bogus.stderr


def test_text_output_shows_three_verdicts_and_prose_claims(tmp_path: Path) -> None:
    path = summary_file(tmp_path, GOOD, summary="Missiles killed 240 people in Belgorod.")
    result = run(str(ARTICLE), str(path))
    assert result.exit_code == 0, result.output
    assert "Claims in text, names and dates" in result.output
    assert "summary" in result.output and "not_in_article" in result.output
    assert "unconfirmed" in result.output and "contradicted" in result.output
    report = VerificationReport.model_validate_json(
        run(str(ARTICLE), str(path), "-f", "json").stdout
    )
    [claim] = [c for c in report.claims if c.path == "summary" and c.kind == "number"]
    assert claim.value == 240 and claim.verdict == "contradicted"
    data = json.loads(run(str(ARTICLE), str(path), "-f", "json").stdout)
    assert {"verified", "unconfirmed", "contradicted", "total"} <= set(data)
    assert data["claims"][0]["verdict"] in ("verified", "unconfirmed", "contradicted")


def test_full_summarize_output_is_accepted(tmp_path: Path) -> None:
    data = json.loads(summary_file(tmp_path, GOOD).read_text())
    data["verification"] = {"figures": [], "counts": {}}  # stale report: ignored, re-checked
    path = tmp_path / "full.json"
    path.write_text(json.dumps(data))
    result = run(str(ARTICLE), str(path), "-f", "json")
    assert result.exit_code == 0, result.output
    assert VerificationReport.model_validate_json(result.stdout).all_verified


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "headline": "x",\n  "summary": oops\n}')
    result = run(str(ARTICLE), str(path))
    assert result.exit_code == 2
    assert "invalid JSON at line 3, column 14" in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_invalid_field_is_named(tmp_path: Path) -> None:
    path = summary_file(tmp_path, {"value": "many", "role": "killed", "quote": "killed 24 people"})
    result = run(str(ARTICLE), str(path))
    assert result.exit_code == 2
    assert "events[0].figures[0].value" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_role_is_named(tmp_path: Path) -> None:
    path = summary_file(tmp_path, {"value": 24, "role": "dead", "quote": "killed 24 people"})
    result = run(str(ARTICLE), str(path))
    assert result.exit_code == 2
    assert "events[0].figures[0].role" in result.stderr


def test_missing_files(tmp_path: Path) -> None:
    result = run(str(ARTICLE), str(tmp_path / "nope.json"))
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = run(str(tmp_path / "nope.txt"), str(summary_file(tmp_path, GOOD)))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_real_extractor_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.numbers import extract_numbers

    try:
        extract_numbers("At least 3 people were killed.")
    except NotImplementedError:
        pytest.skip("the number extractor is not implemented yet")
    monkeypatch.setattr(verify_cli, "extract_numbers", extract_numbers)
    path = summary_file(tmp_path, GOOD, {**GOOD, "role": "injured"})
    result = run(str(ARTICLE), str(path), "-f", "json")
    assert result.exit_code == 0, result.output
    report = VerificationReport.model_validate_json(result.stdout)
    assert report.figures[0].status == "verified", report.figures[0].reason
    assert report.figures[1].status == "role_mismatch", report.figures[1].reason


def test_summary_from_stdin(tmp_path: Path) -> None:
    text = summary_file(tmp_path, GOOD).read_text()
    result = CliRunner().invoke(app, ["verify", str(ARTICLE), "-", "-f", "json"], input=text)
    assert result.exit_code == 0, result.output
    assert VerificationReport.model_validate_json(result.stdout).all_verified
    both = CliRunner().invoke(app, ["verify", "-", "-"], input=text)
    assert both.exit_code == 2 and "stdin" in both.stderr


def test_empty_summary_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text("  \n")
    result = run(str(ARTICLE), str(path))
    assert result.exit_code == 2 and "empty file" in result.stderr
