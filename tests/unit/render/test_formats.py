"""The output-format registry: every command's --format is looked up there, nowhere else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.checks.incidents import Incident, incidents
from summarizer.checks.report import verify
from summarizer.cli.app import app
from summarizer.errors import InputError
from summarizer.numbers import extract_numbers
from summarizer.render import formats
from summarizer.render.formats import FORMATS, SUBJECTS, RenderContext, format_names, get_format
from summarizer.schema import ArticleSummary, VerificationReport
from tests.support.paths import ROOT

ARTICLE = ROOT / "seeds" / "belgorod-kharkiv-2024-01-01.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")
SUMMARY = ArticleSummary.model_validate(
    {
        "headline": "Russia strikes Kharkiv after Belgorod attack",
        "summary": "Missiles hit Kharkiv a day after the attack on Belgorod.",
        "events": [
            {
                "event_type": "missile_strike",
                "description": "Strike on Belgorod",
                "location": "Belgorod",
                "casualties": {"killed": {"value": 24, "role": "killed", "quote": "killed 24"}},
                "figures": [
                    {"value": 100, "qualifier": "exact", "role": "injured", "quote": "over 100"}
                ],
            }
        ],
    }
)
MENTIONS = extract_numbers(TEXT)
REPORT = verify(TEXT, SUMMARY, MENTIONS)
INCIDENTS = incidents(TEXT)
VALUES = {"summary": SUMMARY, "report": REPORT, "numbers": MENTIONS, "incidents": INCIDENTS}
CONTEXT = RenderContext(article_text=TEXT, title="the seed", summary=SUMMARY)
COMMAND = {
    "summary": "summarize",
    "report": "verify",
    "numbers": "numbers",
    "incidents": "incidents",
}


@pytest.mark.parametrize(
    ("name", "subject"),
    [
        (name, subject)
        for name, fmt in FORMATS.items()
        for subject in SUBJECTS
        if fmt.supports(subject)
    ],
)
def test_every_registered_renderer_renders_a_real_result(name: str, subject: str) -> None:
    out = get_format(name).render_str(subject, VALUES[subject], CONTEXT)  # type: ignore[arg-type]
    assert out.endswith("\n") and out.strip()
    expected = {
        "summary": SUMMARY.headline,
        "report": "events[0].figures[0]",  # each checked figure is named by its path
        "numbers": "340,000",  # a number the extractor finds in the seed
        "incidents": "Belgorod",  # a place of one of the seed's incidents
    }[subject]
    assert expected in out


def test_text_and_json_render_every_subject() -> None:
    for subject in SUBJECTS:
        assert {"text", "json"} <= set(format_names(subject)), subject


def test_json_round_trips_to_the_model() -> None:
    fmt = get_format("json")
    assert ArticleSummary.model_validate_json(fmt.render_str("summary", SUMMARY)) == SUMMARY
    assert VerificationReport.model_validate_json(fmt.render_str("report", REPORT)) == REPORT
    items = json.loads(fmt.render_str("numbers", MENTIONS))
    assert [item["start"] for item in items] == [m.start for m in MENTIONS]
    found = json.loads(fmt.render_str("incidents", INCIDENTS))
    assert [Incident.model_validate(item) for item in found] == INCIDENTS


def test_text_for_a_file_is_plain_at_a_fixed_width() -> None:
    out = get_format("text").render_str("report", REPORT, CONTEXT, width=100)
    assert "\x1b[" not in out  # no terminal colour codes in a file
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "Verification of the seed" in out
    figures_ok = sum(1 for check in REPORT.figures if check.ok)
    assert f"Figures: {figures_ok}/{len(REPORT.figures)} verified" in out


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(InputError, match=r"unknown output format 'xml' \(available: text, json"):
        get_format("xml")


def test_a_format_refuses_a_subject_it_cannot_render() -> None:
    only_summaries = formats.OutputFormat(
        name="summary-only",
        media_type="text/plain",
        description="test",
        renderers={"summary": formats.text_summary},
    )
    assert not only_summaries.supports("numbers")
    with pytest.raises(InputError, match="cannot show a numbers"):
        only_summaries.render("numbers", MENTIONS)


@pytest.mark.parametrize("subject", ["report", "numbers", "incidents"])
def test_each_command_offers_exactly_the_registry_formats(subject: str, tmp_path: Path) -> None:
    """--format accepts every registered name for the command's subject, and nothing else."""
    summary_path = tmp_path / "summary.json"
    summary_path.write_text(SUMMARY.model_dump_json(), encoding="utf-8")
    args = [str(ARTICLE), str(summary_path)] if subject == "report" else [str(ARTICLE)]
    for name in format_names(subject):  # type: ignore[arg-type]
        result = CliRunner().invoke(app, [COMMAND[subject], *args, "--format", name])
        assert result.exit_code == 0, (name, result.output)
        if name == "json":
            assert result.stdout == get_format(name).render_str(subject, VALUES[subject], CONTEXT)  # type: ignore[arg-type]
    result = CliRunner().invoke(app, [COMMAND[subject], *args, "--format", "xml"])
    assert result.exit_code == 2
    assert "xml" in result.output
