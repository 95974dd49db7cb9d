"""``summarizer eval``: score every prompt on every seed; compare with a baseline.

Replays the cassettes by default (offline, deterministic, seconds); ``--record`` runs
the embedded model live and re-records them (minutes per seed on a small CPU).

Exit codes: 0 pass; 1 a field regressed against ``--baseline`` or a prompt's mean
overall score is under ``--min-score``; 2 something could not be measured (missing
or stale cassette, unreachable backend, bad option).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from summarizer.cli.app import app, cli_errors, stderr, stdout
from summarizer.evaluation.comparison import FieldChange
from summarizer.evaluation.run import (
    EvalReport,
    PromptRun,
    SeedResult,
    below_threshold,
    compare_with_baseline,
    exit_code,
    regressions,
    run_eval,
)
from summarizer.evaluation.scoring import FIELDS, SeedScore
from summarizer.redaction import configure_logging
from summarizer.render.layout import Responsive
from summarizer.render.style import BAD, DOUBTFUL, GOOD

# Short column headers for the per-seed table, in FIELDS order.
FIELD_LABELS: dict[str, str] = {
    "event_recall": "recall",
    "event_precision": "prec",
    "event_f1": "F1",
    "casualties": "casualt",
    "other_figures": "figures",
    "dates": "dates",
    "locations": "places",
    "event_types": "types",
    "figures_verified": "verif",
    "figures_unconfirmed": "unconf",
    "figures_contradicted": "contra",
    "prose_flagged": "prose✗",
    "overall": "overall",
}
# Off a terminal (a pipe, a file, CI logs) the tables get room instead of rich's 80 columns.
PIPE_WIDTH = 160
STATUS_STYLE = {
    "improved": GOOD,
    "regressed": f"bold {BAD}",
    "unchanged": "dim",
    "incomparable": DOUBTFUL,
}


@app.command("eval")
@cli_errors
def eval_command(
    prompt: Annotated[
        list[str] | None,
        typer.Option(
            "--prompt",
            "-p",
            help="Prompt id to evaluate; repeat to compare prompts side by side [default: every prompt in prompts.lock].",
        ),
    ] = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record", help="Run the embedded model live and re-record the cassettes (slow)."
        ),
    ] = False,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write the full report (scores, notes) to FILE.")
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="An earlier --json report: print improved / regressed / unchanged per field.",
        ),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score", min=0.0, help="Exit 1 if a prompt's mean overall score is below X."
        ),
    ] = None,
    tolerance: Annotated[
        float,
        typer.Option(
            "--tolerance", min=0.0, help="Score changes within this band count as unchanged."
        ),
    ] = 0.005,
    seed: Annotated[
        list[str] | None, typer.Option("--seed", help="Only this seed id (repeatable).")
    ] = None,
    seeds_dir: Annotated[
        Path | None, typer.Option("--seeds-dir", help="Folder of <id>.txt + <id>.gold.json.")
    ] = None,
    prompts_dir: Annotated[
        Path | None,
        typer.Option(
            "--prompts-dir",
            envvar="SUMMARIZER_PROMPTS_DIR",
            help="Prompt folder [default: the prompts shipped with the package].",
        ),
    ] = None,
    cassettes_dir: Annotated[
        Path | None, typer.Option("--cassettes-dir", help="Cassette folder [default: cassettes/].")
    ] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="Log steps to stderr.")
    ] = 0,
) -> None:
    """Score prompts on the seed articles against their gold events (prompt regression)."""
    configure_logging(verbose)
    old = EvalReport.load(baseline) if baseline is not None else None  # fail fast on a bad file
    progress = (
        (lambda message: stderr.print(message, highlight=False)) if record or verbose else None
    )
    report = run_eval(
        prompt,
        record=record,
        seeds_dir=seeds_dir,
        seed_ids=seed or (),
        prompts_dir=prompts_dir,
        cassettes_dir=cassettes_dir,
        progress=progress,
    )
    out = table_console()
    out.print(report_view(report), soft_wrap=False)
    comparisons = compare_with_baseline(report, old, tolerance) if old is not None else None
    if comparisons is not None:
        out.print(baseline_view(comparisons, baseline), soft_wrap=False)
    if json_path is not None:
        report.save(json_path)
        stderr.print(f"wrote {json_path}", highlight=False)
    code = exit_code(report, comparisons, min_score)
    for line in problems(report, comparisons, min_score):
        stderr.print(line, highlight=False, markup=False)
    if code:
        raise typer.Exit(code)


def table_console() -> Console:
    """The shared stdout console on a terminal; a wider one when piped (unless COLUMNS is set)."""
    if stdout.is_terminal or os.environ.get("COLUMNS"):
        return stdout
    return Console(soft_wrap=True, width=PIPE_WIDTH)


def problems(
    report: EvalReport,
    comparisons: dict[str, dict[str, FieldChange]] | None,
    min_score: float | None,
) -> list[str]:
    """One stderr line per reason the run did not pass."""
    lines = [
        f"error: not measured: {r.prompt_id} / {r.seed_id}: {r.error}"
        for r in report.results
        if r.status == "unmeasured"
    ]
    for prompt_id, change in regressions(comparisons or {}):
        lines.append(
            f"regression: {prompt_id} {change.field} {change.baseline:.3f} -> {change.current:.3f}"
            f" ({change.delta:+.3f})"
        )
    for run in below_threshold(report, min_score):
        lines.append(
            f"below --min-score {min_score:g}: {run.prompt_id} overall {run.means.get('overall') or 0.0:.3f}"
        )
    return lines


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _prompt_label(run: PromptRun) -> str:
    return f"{run.prompt_id} v{run.version}"


CAPTION = (
    "req = model requests (first ask + re-asks); "
    "verif/unconf/contra = shares of the answer's figures by verdict (means pooled over "
    "figures); prose✗ = share of numbers in headline/summary/descriptions not in the "
    "article; * = no valid summary after the re-asks (scored as an empty prediction)"
)


def report_view(report: EvalReport) -> Responsive:
    """Scores per seed, totals, cost per seed: wide tables where they fit, else narrow ones.

    Every table keeps every column and every word whole (see :mod:`summarizer.render.layout`).
    The two per-seed views change form together, so that both name the seeds the same
    way: by id in the wide tables, as s1, s2, ... (listed once, above) in the narrow ones.
    """
    return Responsive(
        lambda: Group(seed_table(report), totals_view(report), cost_table(report)),
        lambda: Group(
            seed_tables_by_prompt(report), totals_view(report), cost_tables_by_prompt(report)
        ),
    )


def seed_view(report: EvalReport) -> Responsive:
    """Seeds x fields in one table when it fits; else one table per prompt, fields as rows."""
    return Responsive(lambda: seed_table(report), lambda: seed_tables_by_prompt(report))


def _seed_cells(run: PromptRun, seed_id: str) -> tuple[list[str | Text], str] | None:
    """(one cell per field, requests) for ``seed_id`` under ``run``; None if it was not run."""
    result = next((r for r in run.results if r.seed_id == seed_id), None)
    if result is None:
        return None
    if result.status == "unmeasured" or result.score is None:
        return [Text("n/m", style=f"bold {BAD}")] * len(FIELDS), str(result.requests or "")
    cells: list[str | Text] = [_cell(v) for v in result.score.field_scores().values()]
    if result.status == "failed":
        cells[-1] = Text(f"{cells[-1]}*", style=BAD)
    return cells, str(result.requests or "")


def seed_tables_by_prompt(report: EvalReport) -> Group:
    """The narrow form: seeds become numbered columns (s1, s2, ...), every score stays visible."""
    labels = [f"s{i}" for i in range(1, len(report.seeds) + 1)]
    legend = Table.grid(padding=(0, 1))
    legend.add_column(style="bold", no_wrap=True)
    legend.add_column()
    for label, seed_id in zip(labels, report.seeds, strict=True):
        legend.add_row(label, seed_id)
    parts: list[RenderableType] = [
        Text(
            f"Prompt regression: {len(report.seeds)} seeds, {report.mode} ({report.model})",
            style="italic",
        ),
        legend,
    ]
    for run in report.prompts:
        table = Table(title=_prompt_label(run), title_justify="left")
        table.add_column("field", no_wrap=True)
        for label in labels:
            table.add_column(label, justify="right", no_wrap=True)
        table.add_column("mean", justify="right", no_wrap=True, style="bold")
        per_seed = [_seed_cells(run, seed_id) for seed_id in report.seeds]
        for index, name in enumerate(FIELDS):
            row: list[str | Text] = [FIELD_LABELS[name]]
            row += [cells[0][index] if cells else "" for cells in per_seed]
            row.append(_cell(run.means.get(name)))
            table.add_row(*row)
        table.add_section()
        requests = [cells[1] if cells else "" for cells in per_seed]
        table.add_row("req", *requests, str(sum(r.requests for r in run.results) or ""))
        parts.append(table)
    parts.append(
        Text(
            f"{len(report.results)} prompt x seed runs in {report.elapsed_s:.1f}s; "
            f"n/m = not measured; {CAPTION}",
            style="dim",
        )
    )
    return Group(*parts)


def seed_table(report: EvalReport) -> Table:
    """Rows: seed x prompt (and each prompt's mean); columns: the field scores."""
    table = Table(
        title=f"Prompt regression: {len(report.seeds)} seeds, {report.mode} ({report.model})",
        title_justify="left",
        caption=f"{len(report.results)} prompt x seed runs in {report.elapsed_s:.1f}s; {CAPTION}",
        caption_justify="left",
    )
    table.add_column("seed", no_wrap=True)
    table.add_column("prompt", no_wrap=True)
    for name in FIELDS:
        table.add_column(FIELD_LABELS[name], justify="right")
    table.add_column("req", justify="right")
    multi = len(report.prompts) > 1
    for index, seed_id in enumerate(report.seeds):
        for position, run in enumerate(report.prompts):
            result = next((r for r in run.results if r.seed_id == seed_id), None)
            label = seed_id if position == 0 else ""
            if result is None:
                continue
            if result.status == "unmeasured" or result.score is None:
                # In the prompt column, which never wraps: a score cell is too narrow for it.
                cells: list[str | Text] = [""] * len(FIELDS)
            else:
                cells = [_cell(v) for v in result.score.field_scores().values()]
                if result.status == "failed":
                    cells[-1] = Text(f"{cells[-1]}*", style=BAD)
            last_of_seed = position == len(report.prompts) - 1
            table.add_row(
                label,
                Text.assemble(
                    _prompt_label(run),
                    (" not measured", f"bold {BAD}") if result.score is None else "",
                ),
                *cells,
                str(result.requests or ""),
                end_section=multi and last_of_seed and index < len(report.seeds) - 1,
            )
    table.add_section()
    for position, run in enumerate(report.prompts):
        table.add_row(
            Text("mean" if position == 0 else "", style="bold"),
            _prompt_label(run),
            *[Text(_cell(run.means.get(name)), style="bold") for name in FIELDS],
            str(sum(r.requests for r in run.results) or ""),
        )
    return table


def _verdict_cells(score: SeedScore | None) -> list[str]:
    if score is None:
        return ["", "", "", ""]
    return [
        str(score.figures),
        str(score.verified),
        str(score.unconfirmed),
        str(score.contradicted),
    ]


def cost_table(report: EvalReport) -> Table:
    """Per seed and prompt: requests, figures by verdict, tokens and seconds."""
    live = report.mode == "record"
    table = Table(
        title="Cost per seed: tokens over all requests (first ask + re-asks)",
        title_justify="left",
        caption=_cost_caption(live),
        caption_justify="left",
    )
    for name in ("seed", "prompt"):
        table.add_column(name, no_wrap=True)
    for name in COST_HEADERS:
        table.add_column(name, justify="right")
    for seed_id in report.seeds:
        for position, run in enumerate(report.prompts):
            result = next((r for r in run.results if r.seed_id == seed_id), None)
            if result is None:
                continue
            table.add_row(
                seed_id if position == 0 else "",
                _prompt_label(run),
                *_cost_cells(result, live),
                end_section=position == len(report.prompts) - 1,
            )
    for position, run in enumerate(report.prompts):
        table.add_row(
            Text("total" if position == 0 else "", style="bold"),
            _prompt_label(run),
            *_cost_total_cells(run, live),
        )
    return table


COST_HEADERS = ("req", "figures", "verified", "unconf", "contra", "prompt tok", "compl tok", "s")


def _cost_caption(live: bool) -> str:
    if live:
        return "s = model seconds, live"
    return "s = replay seconds (model time is measured when recording: --record)"


def _cost_cells(result: SeedResult, live: bool) -> list[str]:
    return [
        str(result.requests),
        *_verdict_cells(result.score),
        str(result.prompt_tokens),
        str(result.completion_tokens),
        f"{result.model_s if live else result.elapsed_s:.1f}",
    ]


def _cost_total_cells(run: PromptRun, live: bool) -> list[str]:
    scores = [r.score for r in run.results if r.score is not None]
    return [
        str(sum(r.requests for r in run.results)),
        *[
            str(sum(getattr(s, name) for s in scores))
            for name in ("figures", "verified", "unconfirmed", "contradicted")
        ],
        str(sum(r.prompt_tokens for r in run.results)),
        str(sum(r.completion_tokens for r in run.results)),
        f"{sum(r.model_s if live else r.elapsed_s for r in run.results):.1f}",
    ]


def cost_tables_by_prompt(report: EvalReport) -> Group:
    """The narrow form of :func:`cost_table`: one table per prompt, seeds as s1, s2, ..."""
    live = report.mode == "record"
    labels = [f"s{i}" for i in range(1, len(report.seeds) + 1)]
    parts: list[RenderableType] = [
        Text("Cost per seed: tokens over all requests (first ask + re-asks)", style="italic")
    ]
    for run in report.prompts:
        table = Table(title=_prompt_label(run), title_justify="left")
        table.add_column("seed", no_wrap=True)
        for name in COST_HEADERS:
            table.add_column(name, justify="right")
        for label, seed_id in zip(labels, report.seeds, strict=True):
            result = next((r for r in run.results if r.seed_id == seed_id), None)
            if result is not None:
                table.add_row(label, *_cost_cells(result, live))
        table.add_section()
        table.add_row(Text("total", style="bold"), *_cost_total_cells(run, live))
        parts.append(table)
    parts.append(Text(_cost_caption(live), style="dim"))
    return Group(*parts)


def totals_view(report: EvalReport) -> Responsive:
    """Prompts side by side by name when they fit; else as p1, p2, ... under a legend."""
    return Responsive(lambda: totals_table(report), lambda: totals_by_number(report))


def totals_by_number(report: EvalReport) -> Group:
    """The narrow form of :func:`totals_table`: full field names, prompts numbered."""
    labels = [f"p{i}" for i in range(1, len(report.prompts) + 1)]
    legend = Table.grid(padding=(0, 1))
    legend.add_column(style="bold", no_wrap=True)
    legend.add_column()
    for label, run in zip(labels, report.prompts, strict=True):
        legend.add_row(label, f"{run.prompt_id} v{run.version} #{run.hash[:8]}")
    return Group(
        Text("Totals (mean over seeds)", style="italic"),
        legend,
        totals_table(report, labels=labels, title=None),
    )


def totals_table(
    report: EvalReport,
    *,
    labels: list[str] | None = None,
    title: str | None = "Totals (mean over seeds)",
) -> Table:
    """Field means, prompts side by side (with the difference to the first prompt).

    ``labels`` head the prompt columns instead of their names (the narrow form's p1, p2).
    """
    table = Table(title=title, title_justify="left")
    table.add_column("field")
    for index, run in enumerate(report.prompts):
        header = labels[index] if labels else f"{run.prompt_id}\nv{run.version} #{run.hash[:8]}"
        table.add_column(header, justify="right")
    first = report.prompts[0] if report.prompts else None
    if len(report.prompts) > 1:
        table.add_column("delta", justify="right")
    for name in FIELDS:
        values = [run.means.get(name) for run in report.prompts]
        row: list[str | Text] = [name, *[_cell(v) for v in values]]
        if len(report.prompts) > 1 and first is not None:
            base, last = values[0], values[-1]
            if base is None or last is None:
                row.append("-")
            else:
                delta = last - base
                row.append(
                    Text(
                        f"{delta:+.2f}",
                        style=GOOD if delta > 0.005 else BAD if delta < -0.005 else "dim",
                    )
                )
        table.add_row(*row)
    table.add_section()
    table.add_row(
        "seeds measured",
        *[
            f"{sum(r.status != 'unmeasured' for r in run.results)}/{len(run.results)}"
            for run in report.prompts
        ],
    )
    return table


def baseline_view(comparisons: dict[str, dict[str, FieldChange]], path: Path | None) -> Responsive:
    """One table with a prompt column where it fits; else one table per prompt."""
    return Responsive(
        lambda: baseline_table(comparisons, path),
        lambda: Group(
            Text(f"Against baseline {path}", style="italic"),
            *[
                _baseline_changes(changes, title=prompt_id)
                for prompt_id, changes in comparisons.items()
            ],
        ),
    )


def _baseline_changes(changes: dict[str, FieldChange], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("field")
    table.add_column("baseline", justify="right")
    table.add_column("now", justify="right")
    table.add_column("delta", justify="right")
    table.add_column("change")
    for change in changes.values():
        table.add_row(
            change.field,
            _cell(change.baseline),
            _cell(change.current),
            "-" if change.delta is None else f"{change.delta:+.3f}",
            Text(change.status, style=STATUS_STYLE[change.status]),
        )
    return table


def baseline_table(comparisons: dict[str, dict[str, FieldChange]], path: Path | None) -> Table:
    table = Table(title=f"Against baseline {path}", title_justify="left")
    table.add_column("prompt")
    table.add_column("field")
    table.add_column("baseline", justify="right")
    table.add_column("now", justify="right")
    table.add_column("delta", justify="right")
    table.add_column("change")
    for prompt_id, changes in comparisons.items():
        for index, change in enumerate(changes.values()):
            table.add_row(
                prompt_id if index == 0 else "",
                change.field,
                _cell(change.baseline),
                _cell(change.current),
                "-" if change.delta is None else f"{change.delta:+.3f}",
                Text(change.status, style=STATUS_STYLE[change.status]),
                end_section=index == len(changes) - 1,
            )
    return table


__all__ = [
    "baseline_table",
    "baseline_view",
    "cost_table",
    "cost_tables_by_prompt",
    "eval_command",
    "problems",
    "report_view",
    "seed_table",
    "seed_tables_by_prompt",
    "seed_view",
    "table_console",
    "totals_by_number",
    "totals_table",
    "totals_view",
]
