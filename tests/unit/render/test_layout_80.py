"""Every command's text output in an 80-column terminal: nothing wider, no word cut, every score.

Each test renders real output (recorded model answers, the real extractor, the real eval
report) at a fixed width of 80 and checks it against the data it was rendered from:
every word of every cell must appear whole somewhere in the screen (a word folded
across lines, squeezed to nothing or cut with "…" does not), and no line is wider.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

import summarizer.cli  # noqa: F401  (registers the commands)
from summarizer.checks.report import verify
from summarizer.cli.app import app, stdout
from summarizer.evaluation import cassettes
from summarizer.evaluation.run import EvalReport
from summarizer.evaluation.scoring import FIELDS
from summarizer.numbers import extract_numbers
from summarizer.render.text import format_figure, render_text
from summarizer.schema import ArticleSummary
from tests.conftest import BELGOROD, SEEDS
from tests.fakes.fake_openai_server import BELGOROD_DRAFT

WIDTH = 80
runner = CliRunner()
WORD = re.compile(r"\S+")


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    monkeypatch.setattr(stdout, "width", WIDTH)
    yield


def words(texts: Iterable[str]) -> set[str]:
    """The words a reader must be able to read whole (punctuation kept: it is printed too)."""
    return {w for text in texts for w in WORD.findall(text or "") if len(w) > 1}


def assert_fits(screen: str, expected_words: set[str], width: int = WIDTH) -> None:
    lines = screen.splitlines()
    too_wide = [line for line in lines if cell_len(line.rstrip()) > width]
    assert not too_wide, f"{len(too_wide)} lines wider than {width}: {too_wide[:2]}"
    flat = " ".join(" ".join(line.replace("│", " ").split()) for line in lines)
    missing = sorted(w for w in expected_words if w not in flat)
    assert not missing, f"words cut or dropped at {WIDTH} columns: {missing[:10]}"


def summary_words(summary: ArticleSummary) -> set[str]:
    texts: list[str] = [summary.headline, summary.summary]
    for event in summary.events:
        texts += [event.event_type, event.location, event.description, event.date_text or ""]
        texts += [f"{a.name} ({a.role})" for a in event.actors]
        texts += [f"{fig.role}: {format_figure(fig)}" for _, fig in event.all_figures()]
    assert summary.verification is not None
    for check in summary.verification.figures:
        texts += [check.path, check.status, check.reason, format_figure(check.figure)]
    for gap in summary.verification.uncovered:
        texts += [gap.sentence, gap.mention.role]
    return words(texts)


def render(renderable: object, width: int = WIDTH) -> str:
    console = Console(width=width, record=True, file=open("/dev/null", "w"), color_system=None)  # noqa: SIM115
    console.print(renderable, soft_wrap=False)
    return console.export_text()


@pytest.mark.parametrize("width", [WIDTH, 100, 132, 200])
def test_summary_with_events_figures_and_uncovered_fits(width: int) -> None:
    text = BELGOROD.read_text(encoding="utf-8")
    report = verify(text, BELGOROD_DRAFT)
    summary = ArticleSummary.model_validate({**BELGOROD_DRAFT, "verification": report})
    assert summary.events and report.figures and report.uncovered, "a summary with every part"
    screen = render(render_text(summary), width)
    assert_fits(screen, summary_words(summary), width)
    if width >= 132:
        assert "┃ # ┃ type" in screen, "wide terminals get the events table"
    if width == WIDTH:  # stacked: the text view shows what happened, not only the numbers
        for event in summary.events:
            assert " ".join(event.description.split()[:4]) in " ".join(screen.split())


def test_uncovered_figures_keep_their_qualifier() -> None:
    text = BELGOROD.read_text(encoding="utf-8")
    report = verify(text, {**BELGOROD_DRAFT, "events": BELGOROD_DRAFT["events"][:1]})
    screen = " ".join(render(render_text(ArticleSummary.model_validate(
        {**BELGOROD_DRAFT, "events": BELGOROD_DRAFT["events"][:1], "verification": report}
    ))).split())  # fmt: skip
    hedged = [g for g in report.uncovered if g.mention.qualifier != "exact"]
    assert hedged, "the article hedges some uncovered casualty figure"
    for gap in hedged:  # "injured: more than 100", not "injured: 100"
        assert re.search(
            rf"{gap.mention.role}: (at least|more than|about|at most|fewer than) ", screen
        )


@pytest.mark.parametrize(
    ("prompt_id", "seed_id"),
    [
        ("event-summary-checklist", "wildfires-california-2017"),
        ("event-summary-checklist", "rockets-gaza-2012"),
        ("event-summary", "belgorod-kharkiv-2024-01-01"),
    ],
)
def test_summarize_command_fits(prompt_id: str, seed_id: str) -> None:
    args = ["--backend", "llama-cpp", "--base-url", cassettes.REPLAY_BASE_URL]
    args += ["--model", cassettes.EMBEDDED_MODEL, "--prompt", prompt_id]
    path = str(SEEDS / f"{seed_id}.txt")
    with cassettes.make_vcr("none").use_cassette(str(cassettes.cassette_path(prompt_id, seed_id))):
        as_json = runner.invoke(app, ["summarize", path, "--format", "json", *args])
    with cassettes.make_vcr("none").use_cassette(str(cassettes.cassette_path(prompt_id, seed_id))):
        as_text = runner.invoke(app, ["summarize", path, *args])
    assert as_json.exit_code == 0 and as_text.exit_code == 0, as_text.output
    summary = ArticleSummary.model_validate_json(as_json.stdout)
    assert_fits(as_text.stdout, summary_words(summary))
    assert as_text.stdout.splitlines()[0].startswith(f"model {cassettes.EMBEDDED_MODEL}")


def test_eval_shows_every_score(tmp_path: Path) -> None:
    report_path = tmp_path / "eval.json"
    result = runner.invoke(app, ["eval", "--json", str(report_path)])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(report_path.read_text())
    score_cells = sum(
        value is not None
        for run in report["prompts"]
        for seed in run["results"]
        for name, value in (seed["score"] or {}).items()
        if name in FIELDS
    )
    means = sum(v is not None for run in report["prompts"] for v in run["means"].values())
    shown = re.findall(r"(?<![+\-\d.])\d\.\d\d\b", result.stdout)
    assert len(shown) >= score_cells + means, (len(shown), score_cells, means)
    seeds = words(report["seeds"])
    prompts = words(run["prompt_id"] for run in report["prompts"])
    assert_fits(result.stdout, seeds | prompts)


EVAL_HEADER_WORDS = {"req", "figures", "verified", "unconf", "contra", "prompt", "tok", "compl"}


@pytest.fixture(scope="module")
def eval_report(tmp_path_factory: pytest.TempPathFactory) -> EvalReport:
    """The real eval report (cassette replay), run once for the rendering tests below."""
    path = tmp_path_factory.mktemp("eval") / "eval.json"
    result = runner.invoke(app, ["eval", "--json", str(path)])
    assert result.exit_code in (0, 1), result.output
    return EvalReport.load(path)


def eval_words(report: EvalReport) -> set[str]:
    """Every word any eval table must show whole: ids, field names, headers, token counts."""
    expected = words(report.seeds) | words(run.prompt_id for run in report.prompts)
    expected |= set(FIELDS) | EVAL_HEADER_WORDS
    expected |= {run.hash[:8] for run in report.prompts}
    for run in report.prompts:
        expected |= {str(r.prompt_tokens) for r in run.results}
        expected |= {str(r.completion_tokens) for r in run.results}
        expected.add(str(sum(r.prompt_tokens for r in run.results)))
    return expected


def test_eval_command_keeps_every_column_of_every_table(eval_report: EvalReport) -> None:
    """`COLUMNS=80 summarizer eval`: the cost table keeps its eight numeric columns, the
    totals table its prompt names (no "event-summary-c…")."""
    result = runner.invoke(app, ["eval"])
    assert result.exit_code in (0, 1), result.output
    assert "…" not in result.stdout
    assert_fits(result.stdout, eval_words(eval_report))
    rows = [line for line in result.stdout.splitlines() if re.match(r"│ (s\d+|total) ", line)]
    cost_rows = [row for row in rows if len(row.split("│")) == 11]  # label + 8 numbers
    per_seed = sum(len(run.results) for run in eval_report.prompts)
    assert len(cost_rows) >= per_seed + len(eval_report.prompts), "a cost row per seed and total"
    for row in cost_rows:
        cells = [cell.strip() for cell in row.split("│")[2:-1]]
        assert all(re.fullmatch(r"\d+(\.\d)?", cell) for cell in cells), row


@pytest.mark.parametrize("width", [WIDTH, 100, 132, 200])
def test_every_eval_table_fits_at_any_width(eval_report: EvalReport, width: int) -> None:
    from summarizer.cli.eval import baseline_view, report_view
    from summarizer.evaluation.run import compare_with_baseline

    screen = render(report_view(eval_report), width)
    assert_fits(screen, eval_words(eval_report), width)
    older = eval_report.model_copy(deep=True)
    for run in older.prompts:
        run.means = {name: (value or 0.0) + 0.25 for name, value in run.means.items()}
    comparisons = compare_with_baseline(eval_report, older)
    screen = render(baseline_view(comparisons, Path("baseline-from-last-week.json")), width)
    changes = {c.status for changes in comparisons.values() for c in changes.values()}
    assert_fits(screen, set(FIELDS) | words(comparisons) | changes, width)


def test_verify_fits(tmp_path: Path) -> None:
    summary = tmp_path / "summary.json"
    summary.write_text(json.dumps(BELGOROD_DRAFT), encoding="utf-8")
    result = runner.invoke(app, ["verify", str(BELGOROD), str(summary)])
    assert result.exit_code == 0, result.output
    report = verify(BELGOROD.read_text(encoding="utf-8"), BELGOROD_DRAFT)
    texts = [f"{c.path} {c.status} {c.reason} {c.figure.role}" for c in report.figures]
    texts += [f"{c.path} {c.status} {c.text} {c.reason}" for c in report.claims]
    texts += [f"{e.path} {e.quote}" for e in report.evidence]
    texts += [f"{g.mention.role} {g.mention.text} {g.mention.qualifier}" for g in report.uncovered]
    assert report.figures and report.claims and report.evidence and report.uncovered
    assert_fits(result.stdout, words(texts))


def test_prompts_list_fits() -> None:
    result = runner.invoke(app, ["prompts", "list"])
    assert result.exit_code == 0, result.output
    expected = words(["event-summary", "event-summary-checklist", "locked", "last recorded"])
    expected |= words([cassettes.EMBEDDED_MODEL])
    assert_fits(result.stdout, expected)
    assert re.search(r"\b[0-9a-f]{16}\b", result.stdout), "full prompt hashes are shown"


def test_numbers_fits() -> None:
    result = runner.invoke(app, ["numbers", str(BELGOROD)])
    assert result.exit_code == 0, result.output
    mentions = extract_numbers(BELGOROD.read_text(encoding="utf-8"))
    expected = words(m.noun for m in mentions) | words(m.role for m in mentions)
    expected |= words(m.qualifier for m in mentions)
    assert_fits(result.stdout, expected)


def test_stacked_blocks_skip_empty_cells_and_keep_words_whole() -> None:
    from rich.text import Text

    from summarizer.render.layout import Responsive, stacked

    rows = [("1", Text(""), "a_very_long_identifier_that_is_one_word", "short words here " * 8)]
    block = stacked("Things", ("#", "date", "name", "notes"), rows)
    screen = render(Responsive(lambda: block))
    assert "date" not in screen, "an empty cell gets no line"
    assert "a_very_long_identifier_that_is_one_word" in screen
    assert all(cell_len(line.rstrip()) <= WIDTH for line in screen.splitlines())


def test_a_table_whose_words_do_not_fit_is_replaced_not_squeezed() -> None:
    from rich.table import Table

    from summarizer.render.layout import Responsive, fit_table

    headers = [f"column_{i}" for i in range(8)]
    row = [f"value_number_{i}" for i in range(8)]  # 8 x 14 characters: cannot fit in 80

    def table() -> Table:
        t = Table()
        for header in headers:
            t.add_column(header)
        t.add_row(*row)
        return t

    console = Console(width=WIDTH, file=open("/dev/null", "w"))  # noqa: SIM115
    assert not fit_table(table(), console, WIDTH)
    screen = render(Responsive(table, lambda: stacked_rows(headers, row)))
    assert all(value in screen for value in row) and "┃" not in screen


def stacked_rows(headers: list[str], row: list[str]) -> object:
    from summarizer.render.layout import stacked

    return stacked(None, headers, [row])
