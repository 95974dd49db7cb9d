"""``summarizer batch INPUT --out results.jsonl``: many articles, concurrently, resumable.

``--via live`` (the default) sends one request per article from this machine, concurrently.
``--via batch-api`` sends them through the provider's Batch API instead (see
:mod:`summarizer.cli.batch_api`): same input, same result lines.

INPUT is a folder of ``.txt`` files, a glob (``'news/**/*.txt'``), or a JSONL file with
one ``{"id": ..., "text": ...}`` object per line. The output gets one JSON line per
article (``id``, ``summary``, ``verification``, ``meta`` or ``error``), written, flushed
and fsynced as each article finishes, so a crash loses nothing that was done.

Resume: running again with the same ``--out`` skips every id already in it (a truncated
last line from a crash is dropped and redone); ``--retry-failed`` redoes the errors.
Ctrl-C starts nothing new and lets the articles in flight finish (Ctrl-C again abandons
them); the file stays valid JSONL and the exit code is 130 (143 for SIGTERM, which
abandons at once).

Exit codes: 0 every article of INPUT has a summary in the results file; 5 finished, but
some have an error line (this run's, or an earlier run's not retried: the closing lines
count them and give the command that redoes them); 1 unexpected error; 2 bad input or
options; 130/143 interrupted.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import signal
import time
from pathlib import Path
from typing import Annotated, Any, Self

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
)
from rich.text import Text

from summarizer.batch.api import MAX_BYTES, MAX_LINES, BatchApiOptions
from summarizer.batch.io import BatchItem, ResultsFile, ResumePlan, load_inputs, plan_resume
from summarizer.batch.live import BatchResult, BatchTotals, asummarize_many, default_concurrency
from summarizer.cli.app import cli_errors, stderr
from summarizer.cli.batch_api import CANCEL_GRACE_S, run_batch_api
from summarizer.cli.batch_group import batch_app
from summarizer.cli.options import (
    BackendOpt,
    BaseUrlOpt,
    MaxTokensOpt,
    ModelOpt,
    ModelPathOpt,
    NoReaskOpt,
    PromptOpt,
    RetriesOpt,
    TimeoutOpt,
    VerboseOpt,
    model_options,
    retry_command,
)
from summarizer.config import load_settings
from summarizer.errors import EXIT_SOME_FAILED, InputError
from summarizer.pipeline.costs import has_prices
from summarizer.pipeline.summarizer import Summarizer
from summarizer.redaction import configure_logging

JSONL_SUFFIXES = (".jsonl", ".ndjson")
EXIT_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143}


# ---------------------------------------------------------------------------
# Progress: a rich bar on a terminal, plain periodic lines otherwise (stderr only).
# ---------------------------------------------------------------------------


def _rate(done: float, elapsed: float | None) -> float:
    """Articles per second over the whole run (rich's windowed speed needs two samples)."""
    return done / elapsed if done and elapsed else 0.0


def _eta(left: float, rate: float) -> str:
    if not left:
        return "0s"
    if not rate:
        return "?"
    seconds = int(left / rate + 0.5)
    return (
        f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        if seconds >= 3600
        else (f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s")
    )


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        rate = _rate(task.completed, task.elapsed)
        return Text(f"{rate:.2f}/s" if rate else "–/s", style="progress.data.speed")


class _EtaColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        left = (task.total or 0) - task.completed
        return Text(
            f"ETA {_eta(left, _rate(task.completed, task.elapsed))}", style="progress.remaining"
        )


class BatchProgress:
    def __init__(self, console: Console, total: int, *, mode: str, interval: float) -> None:
        self.console = console
        self.total = total
        self.mode = mode  # "bar" | "lines" | "off"
        self.interval = interval
        self.started = time.monotonic()
        self._last_line = self.started
        self._bar: Progress | None = None
        self._task: Any = None

    def __enter__(self) -> Self:
        if self.mode == "bar":
            self._bar = Progress(
                TextColumn("[bold]summarizing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("•"),
                _RateColumn(),
                TextColumn("•"),
                _EtaColumn(),
                TextColumn("• [red]{task.fields[failed]} failed[/] • {task.fields[cached]} cached"),
                console=self.console,
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("batch", total=self.total, failed=0, cached=0)
        return self

    def advance(self, totals: BatchTotals) -> None:
        if self._bar is not None:
            self._bar.update(
                self._task, completed=totals.done, failed=totals.failed, cached=totals.cached
            )
        elif self.mode == "lines":
            now = time.monotonic()
            if now - self._last_line >= self.interval or totals.done == self.total:
                self._last_line = now
                self.console.print(self.line(totals), highlight=False, markup=False)

    def line(self, totals: BatchTotals) -> str:
        rate = _rate(totals.done, time.monotonic() - self.started)
        return (
            f"batch: {totals.done}/{self.total} done, {totals.failed} failed, {totals.cached} cached, "
            f"{rate:.2f} articles/s, ETA {_eta(self.total - totals.done, rate)}"
        )

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.stop()


# ---------------------------------------------------------------------------
# The command.
# ---------------------------------------------------------------------------


class Via(enum.StrEnum):
    live = "live"
    batch_api = "batch-api"


@batch_app.command("run")
@cli_errors
def batch_command(
    ctx: typer.Context,
    input: Annotated[
        str,
        typer.Argument(
            metavar="INPUT", help="Folder of .txt files, a quoted glob, or a JSONL file."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Results JSONL (appended to; re-runs resume).")
    ],
    concurrency: Annotated[
        int | None,
        typer.Option(
            "--concurrency",
            "-j",
            min=1,
            max=256,
            help="Articles in flight (default: 8 remote; 1 for the embedded llama.cpp server, which serializes).",
            show_default=False,
        ),
    ] = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Redo articles whose earlier result is an error.")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Start a new --out file instead of resuming.")
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Bypass the on-disk response cache.")
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Response cache folder (env SUMMARIZER_CACHE_DIR; default ~/.cache/summarizer/responses).",
        ),
    ] = None,
    price_in: Annotated[
        float | None,
        typer.Option("--price-in", min=0, help="USD per million prompt tokens (cost estimate)."),
    ] = None,
    price_out: Annotated[
        float | None,
        typer.Option("--price-out", min=0, help="USD per million completion tokens."),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress on stderr (default: a bar on a terminal, plain lines otherwise).",
            show_default=False,
        ),
    ] = None,
    progress_interval: Annotated[
        float, typer.Option("--progress-interval", min=0, hidden=True)
    ] = 5.0,
    via: Annotated[
        Via,
        typer.Option(
            "--via",
            help="live: one request per article from here; batch-api: the provider's Batch API (half price, up to 24 h).",
        ),
    ] = Via.live,
    no_wait: Annotated[
        bool,
        typer.Option("--no-wait", help="batch-api: submit (or collect what is done) and exit."),
    ] = False,
    retry_live: Annotated[
        bool,
        typer.Option(
            "--retry-live",
            help="batch-api: re-asks and failed lines as live calls instead of a follow-up job.",
        ),
    ] = False,
    poll_interval: Annotated[
        float,
        typer.Option(
            "--poll-interval",
            min=0,
            help="batch-api: first poll delay in seconds (backs off to 60).",
        ),
    ] = 5.0,
    max_lines: Annotated[
        int, typer.Option("--max-lines", min=1, help="batch-api: requests per job file.")
    ] = MAX_LINES,
    cancel_grace: Annotated[
        float, typer.Option("--cancel-grace", min=0, hidden=True)
    ] = CANCEL_GRACE_S,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1024, help="batch-api: bytes per job file.")
    ] = MAX_BYTES,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    backend: BackendOpt = None,
    prompt: PromptOpt = None,
    max_retries: RetriesOpt = None,
    max_tokens: MaxTokensOpt = None,
    timeout: TimeoutOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="An unverified figure makes that article an error.")
    ] = False,
    no_reask: NoReaskOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Summarize many articles into a JSONL file: concurrent, cached, resumable.

    With --via batch-api the requests go through the provider's Batch API (OpenAI, or the
    --base-url server): re-running the same command re-attaches to the submitted job.
    """
    configure_logging(verbose)
    options = model_options(
        model=model,
        base_url=base_url,
        model_path=model_path,
        backend=backend,
        prompt=prompt,
        max_retries=max_retries,
        max_tokens=max_tokens,
        timeout=timeout,
        strict=strict,
        no_reask=no_reask,
    )
    if via is Via.batch_api:
        run_batch_api(
            input=input,
            out=out,
            settings=load_settings(**options, price_in=price_in, price_out=price_out),
            options=BatchApiOptions(
                max_lines=max_lines,
                max_bytes=max_bytes,
                wait=not no_wait,
                retry_live=retry_live,
                poll_initial=poll_interval,
                poll_max=max(60.0, poll_interval),
            ),
            overwrite=overwrite,
            retry_failed=retry_failed,
            progress=progress,
            progress_interval=progress_interval,
            cancel_grace=cancel_grace,
            ctx=ctx,
        )
        return
    items = load_inputs(input)
    if out.exists() and Path(input).is_file() and out.resolve() == Path(input).resolve():
        raise InputError(f"{out}: --out must not be the input file")
    results = ResultsFile.open(out, overwrite=overwrite)
    for note in results.notes:
        stderr.print(f"[yellow]note:[/] {note}", highlight=False)

    summarizer = Summarizer(
        **options,
        price_in=price_in,
        price_out=price_out,
        cache=False if no_cache else (cache_dir or True),
    )
    try:
        plan = plan_resume(items, results, retry_failed=retry_failed)
        todo, done, failed_before = plan.todo, plan.done, plan.failed_before

        settings = summarizer.settings
        limit = concurrency or default_concurrency(settings)
        kind = settings.resolved_backend()
        cache_note = f"cache {summarizer.cache.directory}" if summarizer.cache else "no cache"
        stderr.print(
            f"batch: {len(items)} article(s) in {input}; {len(done)} already done"
            + (
                f", {len(failed_before)} failed before ({'redoing' if retry_failed else 'skipped; --retry-failed redoes them'})"
                if failed_before
                else ""
            )
            + f"; {len(todo)} to do · {kind} backend · concurrency {limit} · {cache_note}",
            highlight=False,
            markup=False,
        )

        totals = BatchTotals()
        mode = "off" if progress is False else ("bar" if stderr.is_terminal else "lines")
        interrupted: int | None = None
        if todo:
            with BatchProgress(stderr, len(todo), mode=mode, interval=progress_interval) as bar:
                interrupted = asyncio.run(_run(todo, summarizer, limit, results, totals, bar))
    finally:
        summarizer.close()
        results.close()

    wanted = {str(item.id) for item in items}
    error_lines = len(results.failed() & wanted)
    _print_summary(totals, len(todo), plan, out, settings, interrupted)
    if interrupted is not None:
        raise typer.Exit(EXIT_SIGNAL.get(interrupted, 130))
    if error_lines:
        _print_retry(error_lines, totals.failed, out, retry_command(ctx))
        raise typer.Exit(EXIT_SOME_FAILED)


async def _run(
    todo: list[BatchItem],
    summarizer: Summarizer,
    concurrency: int,
    results: ResultsFile,
    totals: BatchTotals,
    bar: BatchProgress,
) -> int | None:
    """Run the batch; return the signal that interrupted it, if any."""
    loop = asyncio.get_running_loop()
    main = asyncio.current_task()
    assert main is not None
    stop = asyncio.Event()
    state: dict[str, Any] = {"signal": None, "abandon": False}

    def on_signal(signum: int) -> None:
        if state["abandon"]:
            return
        state["signal"] = state["signal"] or signum
        if signum == signal.SIGINT and not stop.is_set():
            stop.set()
            stderr.print(
                "\ninterrupted: starting no new article; finishing those in flight (Ctrl-C again to abandon them)",
                highlight=False,
                markup=False,
            )
            return
        state["abandon"] = True
        main.cancel()

    installed = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, on_signal, signum)
            installed.append(signum)
    totals.started = time.monotonic()
    try:
        async with (
            summarizer,
            contextlib.aclosing(
                asummarize_many(todo, summarizer=summarizer, concurrency=concurrency, stop=stop)
            ) as stream,
        ):
            async for result in stream:
                _record(result, results, totals, bar)
    except asyncio.CancelledError:
        if not state["abandon"]:
            raise
        main.uncancel()
        stderr.print("abandoned the articles in flight", highlight=False, markup=False)
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)
    return state["signal"]


def _record(
    result: BatchResult, results: ResultsFile, totals: BatchTotals, bar: BatchProgress
) -> None:
    results.append(result.to_record())
    totals.add(result)
    bar.advance(totals)


def _print_retry(error_lines: int, failed_now: int, out: Path, command: str) -> None:
    """How many articles of INPUT have an error line in ``out``, and the command that redoes them."""
    earlier = error_lines - failed_now
    what = f"{error_lines} error line{'s' if error_lines != 1 else ''} in {out}"
    if earlier > 0:
        what += f" ({earlier} from an earlier run{', not retried' if failed_now else ''})"
    stderr.print(
        f"{what}; redo {'them' if error_lines != 1 else 'it'}: {command}",
        highlight=False,
        markup=False,
    )


def _print_summary(
    totals: BatchTotals,
    todo: int,
    plan: ResumePlan,
    out: Path,
    settings: Any,
    interrupted: int | None,
) -> None:
    lines = []
    head = f"{totals.done} of {todo} article(s) in {totals.wall_s:.1f}s: {totals.ok} ok ({totals.cached} cached), {totals.failed} failed"
    if plan.skipped:
        old_errors = 0 if plan.retrying else len(plan.failed_before)
        kinds = f"{len(plan.done)} done" + (
            f", {old_errors} with an error line" if old_errors else ""
        )
        head += f"; {plan.skipped} skipped (already in {out.name}: {kinds})"
    if interrupted is not None:
        head = f"interrupted ({signal.Signals(interrupted).name}) after " + head
    lines.append(head)
    usage = totals.usage
    tokens = f"tokens: {usage.prompt_tokens:,} in + {usage.completion_tokens:,} out = {usage.total_tokens:,}"
    if totals.cached:
        tokens += " (cache hits cost none)"
    if has_prices(settings):
        cost = totals.cost_usd or 0.0
        tokens += f" · est. cost ${cost:.4f} (at ${settings.price_in or 0:g} in / ${settings.price_out or 0:g} out per 1M tokens)"
    else:
        tokens += " · cost: set --price-in/--price-out for an estimate"
    lines.append(tokens)
    for failure in totals.failures[:5]:
        lines.append(f"  failed {failure.id}: {failure.error}")
    if len(totals.failures) > 5:
        lines.append(f"  ... and {len(totals.failures) - 5} more (see the error lines in {out})")
    if interrupted is not None:
        lines.append("re-run the same command to continue where it stopped")
    lines.append(f"results: {out}")
    for line in lines:
        stderr.print(line, highlight=False, markup=False)


__all__ = [
    "BatchProgress",
    "Via",
    "batch_command",
]
