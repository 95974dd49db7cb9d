"""``summarizer incidents``: JSON and table output, stdin, and clear input errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.checks.incidents import Incident, incidents
from summarizer.cli.app import app

ARTICLE = (
    " date 2031-05-07 A bridge collapsed in Leeds on Tuesday, killing 4 people. "
    "In 2012, a bridge collapse in Hull killed 2 people.\n"
)


@pytest.fixture(autouse=True)
def _no_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUMMARIZER_RAISE_ERRORS", raising=False)


def run(*args: str, stdin: str | None = None) -> object:
    return CliRunner().invoke(app, ["incidents", *args], input=stdin)


def test_json_is_the_library_answer(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run(str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [Incident.model_validate(item) for item in data] == incidents(ARTICLE)
    assert [item["background"] for item in data] == [False, True]


def test_text_table_shows_each_incident_and_its_numbers() -> None:
    result = run("-", stdin=ARTICLE)
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if "i1" in line or "i2" in line]
    assert len(rows) == 2
    assert "2031-05-06" in rows[0] and "Leeds" in rows[0]
    assert "background" in rows[1]
    assert "(killed)" in result.stdout  # the role, not swallowed as markup


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_format_is_refused() -> None:
    result = run("-", "--format", "html", stdin=ARTICLE)
    assert result.exit_code == 2
