"""``--via batch-api``, ``summarizer batch export`` and ``summarizer batch import``.

Thin: the work is :class:`summarizer.batch.api.BatchApiRun`. Here: options, progress on
stderr, Ctrl-C (the job keeps running at the provider; a second Ctrl-C offers to cancel
it), and the closing summary.

Exit codes: 0 every article summarized (or, with --no-wait, submitted); 5 finished, some
failed (their lines carry ``error``); 1 unexpected error; 2 bad input or options;
130 interrupted (a re-run re-attaches).
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from summarizer.batch.api import BatchApiOptions, BatchApiRun, RunReport, state_dir
from summarizer.batch.api.exchange import stored_settings
from summarizer.batch.api.store import Job
from summarizer.batch.io import iter_inputs
from summarizer.cli.app import cli_errors, stderr
from summarizer.cli.batch_group import batch_app
from summarizer.cli.options import (
    BackendOpt,
    BaseUrlOpt,
    MaxTokensOpt,
    ModelOpt,
    NoReaskOpt,
    PromptOpt,
    RetriesOpt,
    TimeoutOpt,
    VerboseOpt,
    model_options,
    retry_command,
)
from summarizer.config import Settings, load_settings
from summarizer.errors import EXIT_SOME_FAILED, InputError
from summarizer.pipeline.costs import has_prices
from summarizer.redaction import configure_logging

CANCEL_GRACE_S = 5.0


class BatchApiProgress:
    """Jobs' request counts: a rich bar per job on a terminal, plain lines otherwise."""

    def __init__(self, console: Console, *, mode: str, interval: float) -> None:
        self.console = console
        self.mode = mode  # "bar" | "lines" | "off"
        self.interval = interval
        self._last: dict[str, tuple[str, int, int]] = {}
        self._last_line = 0.0
        self._bar: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> BatchApiProgress:
        if self.mode == "bar":
            self._bar = Progress(
                TextColumn("[bold]{task.fields[job]}"),
                TextColumn("{task.fields[status]}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("• [red]{task.fields[failed]} failed"),
                console=self.console,
            )
            self._bar.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop drawing (before asking a question, or at the end)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def note(self, message: str) -> None:
        if self.mode != "off":
            self.console.print(message, highlight=False, markup=False)

    def job(self, job: Job, completed: int, failed: int, total: int) -> None:
        label = f"{job.name} {job.batch_id}"
        if self._bar is not None:
            if job.name not in self._tasks:
                self._tasks[job.name] = self._bar.add_task(
                    label, total=total, job=label, status=job.status, failed=0
                )
            self._bar.update(
                self._tasks[job.name], completed=completed, status=job.status, failed=failed
            )
            return
        if self.mode != "lines":
            return
        state = (job.status, completed, failed)
        now = time.monotonic()
        if self._last.get(job.name) != state and (
            now - self._last_line >= self.interval
            or job.status != self._last.get(job.name, ("",))[0]
        ):
            self._last[job.name] = state
            self._last_line = now
            self.note(f"batch-api: {label} {job.status}: {completed}/{total} done, {failed} failed")


def run_batch_api(
    *,
    input: str,
    out: Path,
    settings: Settings,
    options: BatchApiOptions,
    overwrite: bool,
    retry_failed: bool,
    progress: bool | None,
    progress_interval: float,
    cancel_grace: float = CANCEL_GRACE_S,
    ctx: typer.Context | None = None,
) -> None:
    """``summarizer batch INPUT --out FILE --via batch-api`` (see the module docstring)."""
    items = iter_inputs(input)
    if out.exists() and Path(input).is_file() and out.resolve() == Path(input).resolve():
        raise InputError(f"{out}: --out must not be the input file")
    mode = "off" if progress is False else ("bar" if stderr.is_terminal else "lines")
    with BatchApiProgress(stderr, mode=mode, interval=progress_interval) as shown:
        run = BatchApiRun(
            settings,
            out,
            options,
            progress=shown,
            overwrite=overwrite,
            retry_failed=retry_failed,
        )
        for note in run.results.notes if run.results else []:
            stderr.print(f"[yellow]note:[/] {note}", highlight=False)
        try:
            report = run.run(items)
        except KeyboardInterrupt:
            _interrupted(run, shown, cancel_grace)
            raise typer.Exit(130) from None
        finally:
            run.close()
    _print_report(report, out, settings, options)
    if report.failed:
        if ctx is not None:
            stderr.print(
                f"redo the failed articles: {retry_command(ctx)}", highlight=False, markup=False
            )
        raise typer.Exit(EXIT_SOME_FAILED)


def _interrupted(run: BatchApiRun, shown: BatchApiProgress, grace: float) -> None:
    """First Ctrl-C: leave the jobs running. Second, within a few seconds: offer to cancel."""
    shown.stop()
    open_jobs = run.store.jobs("collected = 0 AND batch_id IS NOT NULL")
    if not open_jobs:
        stderr.print("interrupted; re-run the same command to continue", highlight=False)
        return
    ids = ", ".join(job.batch_id or "" for job in open_jobs)
    stderr.print(
        f"\ninterrupted: batch job(s) {ids} keep running at the provider; re-run the same "
        f"command to collect them. Press Ctrl-C again within {grace:g} s to cancel them.",
        highlight=False,
        markup=False,
    )
    try:
        time.sleep(grace)
        return
    except KeyboardInterrupt:
        pass
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        confirmed = typer.confirm(
            f"Cancel batch job(s) {ids}? Answers already made are still collected on a re-run",
            default=False,
            err=True,
        )
    except (KeyboardInterrupt, typer.Abort, EOFError):
        confirmed = False
    finally:
        signal.signal(signal.SIGINT, previous)
    if confirmed:
        cancelled = run.cancel()
        stderr.print(
            f"cancel requested for {', '.join(cancelled) or 'no job'}; re-run the same command "
            "to collect the finished answers (and resubmit the rest)",
            highlight=False,
            markup=False,
        )
    else:
        stderr.print("not cancelled; the jobs keep running", highlight=False, markup=False)


def _print_report(
    report: RunReport, out: Path, settings: Settings, options: BatchApiOptions
) -> None:
    lines = [
        f"{report.written} article(s) written: {report.ok} ok, {report.failed} failed"
        + (f"; {report.skipped} skipped (already in {out.name})" if report.skipped else "")
    ]
    usage = report.usage
    tokens = f"tokens: {usage.prompt_tokens:,} in + {usage.completion_tokens:,} out = {usage.total_tokens:,}"
    if has_prices(settings):
        tokens += (
            f" · est. cost ${report.cost_usd or 0.0:.4f} (batch price: x{options.price_factor:g} of "
            f"${settings.price_in or 0:g} in / ${settings.price_out or 0:g} out per 1M tokens)"
        )
    else:
        tokens += " · cost: set --price-in/--price-out for an estimate"
    lines.append(tokens)
    lines.extend(report.messages)
    for article_id, message in report.failures[:5]:
        lines.append(f"  failed {article_id}: {message}")
    if len(report.failures) > 5:
        lines.append(f"  ... and {len(report.failures) - 5} more (see the error lines in {out})")
    if report.pending:
        open_ids = ", ".join(
            j.batch_id or "" for j in report.jobs if not j.collected and j.batch_id
        )
        lines.append(
            f"{report.pending} article(s) still at the provider (batch {open_ids}); "
            "re-run the same command to collect them"
        )
    if report.parked:
        lines.append(
            f"{report.parked} article(s) of a cancelled job not done; re-run to submit them again"
        )
    lines.append(f"results: {out} · state: {state_dir(out)}")
    for line in lines:
        stderr.print(line, highlight=False, markup=False)


# ---------------------------------------------------------------------------
# export / import
# ---------------------------------------------------------------------------


@batch_app.command("export")
@cli_errors
def export_command(
    input: Annotated[
        str,
        typer.Argument(
            metavar="INPUT", help="Folder of .txt files, a quoted glob, or a JSONL file."
        ),
    ],
    requests: Annotated[
        Path, typer.Argument(metavar="REQUESTS", help="Batch API request file to write (.jsonl).")
    ],
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    backend: BackendOpt = None,
    prompt: PromptOpt = None,
    max_retries: RetriesOpt = None,
    max_tokens: MaxTokensOpt = None,
    timeout: TimeoutOpt = None,
    no_reask: NoReaskOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Write one Batch API request per article, for vLLM's run_batch or any engine with the format.

    The bodies are exactly what a live call sends to the model named by --model (with
    --base-url/--backend deciding how structured output is requested). The input mapping is
    kept next to REQUESTS; `summarizer batch import` reads it back.
    """
    configure_logging(verbose)
    items = iter_inputs(input)
    settings = load_settings(
        **_model_options(
            model, base_url, backend, prompt, max_retries, max_tokens, timeout, no_reask
        )
    )
    run = BatchApiRun(settings, None, state=state_dir(requests), overwrite=True)
    try:
        count = run.export(items, requests)
    finally:
        run.close()
    stderr.print(
        f"wrote {count} request(s) to {requests} (model {settings.model or 'default'}); "
        f"run them, then: summarizer batch import {requests} OUTPUTS.jsonl --out results.jsonl",
        highlight=False,
        markup=False,
    )


@batch_app.command("import")
@cli_errors
def import_command(
    requests: Annotated[
        Path, typer.Argument(metavar="REQUESTS", help="The file `summarizer batch export` wrote.")
    ],
    outputs: Annotated[
        list[Path], typer.Argument(metavar="OUTPUTS...", help="The engine's output file(s).")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Results JSONL (appended to).")],
    retry_live: Annotated[
        bool,
        typer.Option(
            "--retry-live",
            help="Re-ask unverified answers and redo failed lines with live calls (needs the server).",
        ),
    ] = False,
    base_url: BaseUrlOpt = None,
    price_in: Annotated[
        float | None, typer.Option("--price-in", min=0, help="USD per million prompt tokens.")
    ] = None,
    price_out: Annotated[
        float | None, typer.Option("--price-out", min=0, help="USD per million completion tokens.")
    ] = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Verify an engine's outputs for REQUESTS into --out: the same result lines as a live batch.

    Answers are validated and verified exactly as a live call's. Without --retry-live an
    answer that fails the cross-check is kept with its figures flagged (no re-ask is
    possible offline), and a request with no output line becomes an error line.
    """
    configure_logging(verbose)
    state = state_dir(requests)
    settings = stored_settings(state, base_url=base_url, price_in=price_in, price_out=price_out)
    run = BatchApiRun(
        settings, out, BatchApiOptions(retry_live=retry_live, price_factor=1.0), state=state
    )
    try:
        report = run.import_outputs(outputs)
    finally:
        run.close()
    _print_report(report, out, settings, BatchApiOptions(price_factor=1.0))
    if report.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _model_options(
    model: str | None,
    base_url: str | None,
    backend: Any,
    prompt: str | None,
    max_retries: int | None,
    max_tokens: int | None,
    timeout: float | None,
    no_reask: bool,
) -> dict[str, Any]:
    return model_options(
        model=model,
        base_url=base_url,
        model_path=None,
        backend=backend,
        prompt=prompt,
        max_retries=max_retries,
        max_tokens=max_tokens,
        timeout=timeout,
        strict=False,
        no_reask=no_reask,
    )


__all__ = [
    "CANCEL_GRACE_S",
    "BatchApiProgress",
    "export_command",
    "import_command",
    "run_batch_api",
]
