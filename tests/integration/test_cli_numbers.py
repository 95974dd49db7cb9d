"""``summarizer numbers``: JSON and table output, stdin, and clear input errors."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli.app import app
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.render import numbers as render_numbers
from tests.support.paths import ROOT

SEEDS = ROOT / "seeds"
ARTICLE = SEEDS / "belgorod-kharkiv-2024-01-01.txt"
FIELDS = [f.name for f in dataclasses.fields(NumberMention)]


@pytest.fixture(autouse=True)
def _no_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUMMARIZER_RAISE_ERRORS", raising=False)


def run(*args: str, stdin: str | None = None) -> object:
    return CliRunner().invoke(app, ["numbers", *args], input=stdin)


def test_json_lists_every_field_of_every_mention() -> None:
    result = run(str(ARTICLE), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = extract_numbers(ARTICLE.read_text(encoding="utf-8"))
    assert [list(item) for item in data] == [FIELDS] * len(expected)
    assert [NumberMention(**item) for item in data] == expected
    assert any(item["text"] == "340,000" and item["role"] == "population" for item in data)


def test_text_table_shows_values_roles_and_context() -> None:
    result = run(str(ARTICLE))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Numbers in" in out
    for expected in ("340,000", "population", "intercepted", "launched", "at_least", "drones"):
        assert expected in out, expected


def test_reads_stdin() -> None:
    result = run("-", "-f", "json", stdin="Officials said at least 12 people were killed.\n")
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.stdout)
    assert (item["text"], item["value"], item["qualifier"], item["role"]) == (
        "12",
        12,
        "at_least",
        "killed",
    )


def test_article_without_numbers() -> None:
    result = run("-", stdin="Nothing to count here.\n")
    assert result.exit_code == 0, result.output
    assert "no numbers found" in result.stdout
    assert json.loads(run("-", "--format", "json", stdin="Nothing here.\n").stdout) == []


def test_missing_file_is_one_error_line(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "no such file" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_empty_input_is_an_input_error() -> None:
    result = run("-", stdin="")
    assert result.exit_code == 2 and "empty" in result.stderr


def test_bad_format_is_rejected() -> None:
    result = run(str(ARTICLE), "--format", "xml")
    assert result.exit_code == 2


def test_context_highlights_the_right_occurrence() -> None:
    text = "Prices rose 25 percent, or 25 per cent, they said."
    second = extract_numbers(text)[1]
    context = render_numbers.highlighted_context(second, text)
    bold = [span for span in context.spans if "bold" in str(span.style)]
    assert len(bold) == 1
    assert context.plain[bold[0].start : bold[0].end] == "25"
    assert context.plain[: bold[0].start].endswith("or ")


@pytest.mark.parametrize(
    ("value", "high", "shown"),
    [(340000.0, None, "340,000"), (0.5, None, "0.5"), (12.0, 13.0, "12–13"), (7.6, None, "7.6")],
)
def test_format_value(value: float, high: float | None, shown: str) -> None:
    mention = NumberMention(value, high, "x", 0, 1, "exact", "", "other_count", "x")
    assert render_numbers.format_value(mention) == shown
