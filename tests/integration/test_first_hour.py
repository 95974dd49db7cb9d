"""What a new user met in the first hour (issue #20, part 6), each through the real CLI.

A URL given as the article, files written with the user's umask, every problem of an
invalid summary, ``--dateline``, and messages whose words follow the numbers and nouns
in them ("an accident", "2 years"). The model, where one is needed, is the FAKE server
(``tests/fakes/fake_openai_server.py``), never a real model.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import summarizer.cli  # noqa: F401  (registers the commands)
from summarizer.batch.io import ResultsFile
from summarizer.checks.report import verify
from summarizer.checks.wording import counted_noun, indefinite_article
from summarizer.cli.app import app, stdout
from summarizer.files import new_file_mode, write_atomic
from summarizer.render.text import format_figure
from summarizer.schema import Figure
from summarizer.text.dates import parse_dateline
from summarizer.vocabulary import EVENT_TYPES
from tests.fakes.fake_openai_server import BELGOROD_DRAFT, Completion, FakeOpenAIServer, article_in
from tests.support.fault_fixtures import BELGOROD_PATH, FAST, seed_body, write_config

runner = CliRunner()
URL = "https://example.com/news/2024/01/01/belgorod.html"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in list(os.environ):
        if var.startswith(("SUMMARIZER_", "OPENAI_")):
            monkeypatch.delenv(var)
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(write_config(tmp_path / "config.toml", **FAST)))
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))


def run(*argv: str) -> Result:
    return runner.invoke(app, list(argv))


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---------------------------------------------------------------------------
# A URL where a file was expected.
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["summarize", URL],
        ["numbers", URL],
        ["verify", URL, str(BELGOROD_PATH)],
        ["batch", URL, "--out", "results.jsonl"],
        ["batch", "export", URL, "requests.jsonl"],
        ["summarize", "HTTP://EXAMPLE.COM/a.txt"],
    ],
)
def test_a_url_is_refused_with_what_to_do(argv: list[str], tmp_path: Path) -> None:
    result = run(*[arg if arg != "results.jsonl" else str(tmp_path / arg) for arg in argv])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "URLs are not fetched: save" in lines[0] and "to a file" in lines[0]
    url = argv[2] if argv[1] == "export" else argv[1]
    assert url in lines[0], "the address as given: no slash collapsed"
    assert "no such file" not in lines[0]


def test_a_url_as_the_summary_json_is_refused(tmp_path: Path) -> None:
    result = run("verify", str(BELGOROD_PATH), URL)
    assert result.exit_code == 2
    assert f"{URL}: URLs are not fetched: save the summary to a file" in result.stderr


def test_a_file_whose_name_merely_contains_http_is_read(tmp_path: Path) -> None:
    path = tmp_path / "http_notes.txt"
    path.write_text("At least 5 people were killed.", encoding="utf-8")
    result = run("numbers", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["value"] == 5


# ---------------------------------------------------------------------------
# Files written for the user get the user's umask.
# ---------------------------------------------------------------------------


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


def summarize(
    fake: FakeOpenAIServer, *args: str, path: Path = BELGOROD_PATH, draft: dict | None = None
) -> Result:
    fake.script(Completion(draft or BELGOROD_DRAFT))
    return run("summarize", str(path), "--base-url", fake.url, "--model", "fake", *args)


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_html_report_gets_the_umask_not_0600(
    fake: FakeOpenAIServer, tmp_path: Path, mask: int
) -> None:
    report = tmp_path / "report.html"
    with umask(mask):
        result = summarize(fake, "--format", "html", "--output", str(report))
    assert result.exit_code == 0, result.stderr
    assert report.read_text(encoding="utf-8").startswith("<!")
    assert mode_of(report) == 0o666 & ~mask
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report.html.")]


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "summary.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o604)
    with umask(0o077):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and mode_of(target) == 0o604
    with umask(0o027):
        assert new_file_mode() == 0o640


def test_rewriting_the_results_file_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(
        '{"id": "a", "summary": {}}\n{"id": "b", "error": {"type": "X", "message": "m"}}\n',
        encoding="utf-8",
    )
    out.chmod(0o644)
    results = ResultsFile.open(out)
    with umask(0o077):
        results.drop({"b"})
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a"]
    assert mode_of(out) == 0o644


# ---------------------------------------------------------------------------
# An invalid summary: every problem, one per line.
# ---------------------------------------------------------------------------


def test_verify_lists_every_problem_of_an_invalid_summary(tmp_path: Path) -> None:
    bad = {
        "headline": "x",
        "summary": "y",
        "events": [
            {
                "event_type": "flood",
                "date": "2024-13-01",
                "actors": [{"name": "A", "role": "villain"}],
            }
        ],
        "key_figures": [{"value": "many", "qualifier": "roughly", "role": "killed", "quote": "q"}],
    }
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = run("verify", str(BELGOROD_PATH), str(path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"error: {path}: invalid summary, 6 problems:"
    assert len(lines) == 7, lines
    wanted = {
        "events[0].event_type": "'flood'",
        "events[0].date": "2024-13-01",
        "events[0].actors[0].role": "'villain'",
        "events[0].description": "Field required",
        # One problem, not one per member of the int | float union.
        "key_figures[0].value": "a valid integer or a valid number (got 'many')",
        "key_figures[0].qualifier": "'roughly'",
    }
    for line, (where, value) in zip(lines[1:], wanted.items(), strict=True):
        assert line.startswith(f"  {where}: ") and value in line, line
    assert "more error" not in result.stderr


def test_one_problem_stays_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "summary.json"
    path.write_text(json.dumps({"headline": "", "summary": "y"}), encoding="utf-8")
    result = run("verify", str(BELGOROD_PATH), str(path))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "invalid summary: headline: String should have at least 1 character" in result.stderr


# ---------------------------------------------------------------------------
# --dateline for summarize.
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first_line",
    [" date 2024-01-01 KYIV — Strikes", "Date: 2024-01-01\nKYIV — Strikes", "2024-01-01 KYIV"],
)
def test_the_documented_dateline_forms_are_read(first_line: str) -> None:
    """The forms docs/cli.md (and the README) give for the dateline line."""
    text = first_line + " hit the city on Saturday."
    found = parse_dateline(text)
    assert found is not None and found.date.isoformat() == "2024-01-01"
    assert text[found.end :].startswith("KYIV"), "the rest of the line is the article"


def test_summarize_dateline_for_an_article_without_one(
    fake: FakeOpenAIServer, tmp_path: Path
) -> None:
    article = tmp_path / "no-dateline.txt"
    article.write_text(seed_body("belgorod-kharkiv-2024-01-01"), encoding="utf-8")
    undated = {**BELGOROD_DRAFT, "article_date": None}  # the model guesses no date
    without = summarize(fake, "--format", "json", path=article, draft=undated)
    assert without.exit_code == 0, without.stderr
    assert json.loads(without.stdout)["article_date"] is None
    assert "unknown" in fake.requests[-1].first_user_content
    with_date = summarize(
        fake, "--format", "json", "--dateline", "2024-01-01", path=article, draft=undated
    )
    assert with_date.exit_code == 0, with_date.stderr
    result = json.loads(with_date.stdout)
    assert result["article_date"] == "2024-01-01"
    prompt = fake.requests[-1].first_user_content
    assert (
        "2024-01-01" in prompt and "unknown" not in prompt.split(article_in(fake.requests[-1]))[0]
    )
    # "Saturday night" in the article now resolves against the date given.
    dated = [c for c in result["verification"]["claims"] if c["kind"] == "date"]
    assert any("2023-12-30" in c["reason"] for c in dated), dated


def test_summarize_dateline_overrides_the_articles_own(fake: FakeOpenAIServer) -> None:
    result = summarize(fake, "--format", "json", "--dateline", "2024-02-03")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["article_date"] == "2024-02-03"


@pytest.mark.parametrize("bad", ["2024-13-01", "01/02/2024", "yesterday"])
def test_a_bad_dateline_is_one_line_exit_2(fake: FakeOpenAIServer, bad: str) -> None:
    result = summarize(fake, "--dateline", bad)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: --dateline {bad!r}: expected a date as YYYY-MM-DD"
    assert fake.count == 0, "refused before any model call"


# ---------------------------------------------------------------------------
# Words that follow their numbers and nouns.
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "article"),
    [
        ("accident", "an"),
        ("explosion", "an"),
        ("air_strike", "an"),
        ("armed clash", "an"),
        ("drone_strike", "a"),
        ("natural disaster", "a"),
        ("hour", "an"),
        ("unit", "a"),
        ("euro", "a"),
        ("unarmed", "an"),
        ("one-off", "a"),
    ],
)
def test_indefinite_article_by_sound(phrase: str, article: str) -> None:
    assert indefinite_article(phrase) == article


def test_event_type_reasons_take_the_right_article() -> None:
    text = "date 2024-05-01 A bus crash killed 4 people. An explosion followed the crash."
    for event_type in ("accident", "explosion", "fire"):
        draft = {
            "headline": "Crash",
            "summary": "A bus crashed.",
            "events": [{"event_type": event_type, "description": "A bus crashed."}],
        }
        claims = [c for c in verify(text, draft).claims if c.kind == "event_type"]
        assert len(claims) == 1
        wanted = f" {indefinite_article(event_type)} {event_type.replace('_', ' ')}"
        assert wanted in claims[0].reason.replace("_", " "), claims[0].reason
        assert " a accident" not in claims[0].reason and " a explosion" not in claims[0].reason
    for event_type in EVENT_TYPES:  # every vowel-initial type reads "an ..."
        if event_type[0] in "aeio":
            assert indefinite_article(event_type) == "an", event_type


@pytest.mark.parametrize(
    ("value", "noun", "shown"),
    [
        (2, "year", "2 years"),
        (1, "year", "1 year"),
        (3, "inch", "3 inches"),
        (6, "foot", "6 feet"),
        (1.5, "hour", "1.5 hours"),
        (10, "km", "10 km"),
        (24, "people", "24 people"),
        (5, "days", "5 days"),
        (2, "missile", "2 missile"),  # not a unit: the model's or article's word, as written
    ],
)
def test_a_unit_after_a_number_takes_its_plural(value: float, noun: str, shown: str) -> None:
    assert counted_noun(noun, value) == shown.split(" ", 1)[1]
    figure = Figure(value=value, role="duration", noun=noun, quote=f"{value} {noun}")
    assert format_figure(figure) == shown


def test_summary_text_shows_durations_in_the_plural(
    fake: FakeOpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stdout, "width", 160)  # one figure per line: the words stay together
    article = tmp_path / "sentence.txt"
    article.write_text(
        "date 2024-05-01 A court handed the driver a 2-year sentence on Monday.", encoding="utf-8"
    )
    draft = {
        "headline": "Driver sentenced",
        "summary": "A court sentenced a driver.",
        "events": [],
        "key_figures": [
            {"value": 2, "role": "duration", "noun": "year", "quote": "a 2-year sentence"}
        ],
    }
    fake.script(Completion(draft))
    result = run("summarize", str(article), "--base-url", fake.url, "--model", "fake")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "duration: 2 years" in flat and "2 year " not in flat + " ", flat


@pytest.mark.parametrize("command", ["summarize", "verify"])
def test_dateline_help_says_the_default_whole(command: str) -> None:
    """The help's default is in parentheses: rich markup swallowed a bracketed one."""
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert "--dateline YYYY-MM-DD Publication date" in flat
    assert "(default: the article's first line, when it starts with 'date YYYY-MM-DD')" in flat


def test_counts_of_claims_agree_with_their_number() -> None:
    from summarizer.checks.wording import how_many

    assert how_many(1, "claim") == "1 claim"
    assert how_many(0, "claim") == "0 claims"
    assert how_many(58, "claim") == "58 claims"
