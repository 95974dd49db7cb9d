"""``summarizer batch INPUT --out results.jsonl``: many articles, concurrently, resumable.

INPUT is a folder of ``.txt`` files, a glob (``'news/**/*.txt'``), or a JSONL file with
one ``{"id": ..., "text": ...}`` object per line. The output gets one JSON line per
article (``id``, ``summary``, ``verification``, ``meta`` or ``error``), written, flushed
and fsynced as each article finishes, so a crash loses nothing that was done.

Resume: running again with the same ``--out`` skips every id already in it (a truncated
last line from a crash is dropped and redone); ``--retry-failed`` redoes the errors.
Ctrl-C starts nothing new and lets the articles in flight finish (Ctrl-C again abandons
them); the file stays valid JSONL and the exit code is 130 (143 for SIGTERM, which
abandons at once).

Exit codes: 0 every article summarized; 1 some failed (their lines carry ``error``);
2 bad input or options; 130/143 interrupted.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import json
import os
import signal
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
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

from summarizer.batch import (
    BatchItem,
    BatchResult,
    BatchTotals,
    asummarize_many,
    default_concurrency,
    duplicate_ids,
)
from summarizer.cli.app import app, cli_errors, stderr
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
)
from summarizer.costs import has_prices
from summarizer.errors import InputError
from summarizer.pipeline import Summarizer
from summarizer.reading import read_article
from summarizer.redaction import configure_logging

JSONL_SUFFIXES = (".jsonl", ".ndjson")
EXIT_SOME_FAILED = 1
EXIT_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143}


# ---------------------------------------------------------------------------
# Input: a folder, a glob, or a JSONL file.
# ---------------------------------------------------------------------------


def load_inputs(spec: str) -> list[BatchItem]:
    """The articles INPUT names, ids checked unique. Texts of files are read lazily."""
    path = Path(spec).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
        if not files:
            raise InputError(f"{path}: no .txt files in this folder")
        items = [_file_item(p.stem, p) for p in files]
    elif path.is_file() and path.suffix.lower() in JSONL_SUFFIXES:
        items = read_jsonl(path)
    elif path.is_file():
        items = [_file_item(path.stem, path)]
    elif glob.has_magic(spec):
        files = sorted(
            Path(p)
            for p in glob.glob(os.path.expanduser(spec), recursive=True)
            if Path(p).is_file()
        )
        if not files:
            raise InputError(f"{spec}: the pattern matches no files")
        root = Path(os.path.commonpath([str(p.parent.resolve()) for p in files]))
        items = [
            _file_item(p.resolve().relative_to(root).with_suffix("").as_posix(), p) for p in files
        ]
    else:
        raise InputError(f"{spec}: no such file, folder or matching pattern")
    if not items:
        raise InputError(f"{spec}: no articles")
    dupes = duplicate_ids(item.id for item in items)
    if dupes:
        shown = ", ".join(repr(d) for d in dupes[:5])
        raise InputError(
            f"{spec}: duplicate id{'s' if len(dupes) > 1 else ''} {shown}: ids must be unique"
        )
    return items


def _file_item(item_id: str, path: Path) -> BatchItem:
    return BatchItem(id=item_id, load=lambda: read_article(path).text, source=str(path))


def read_jsonl(path: Path) -> list[BatchItem]:
    """``{"id": ..., "text": ...}`` per line; a bad line is an error naming its number."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    items: list[BatchItem] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{where}: not valid JSON ({getattr(exc, 'msg', exc)})") from None
        if not isinstance(obj, dict):
            raise InputError(f'{where}: expected an object like {{"id": "a1", "text": "..."}}')
        item_id = obj.get("id")
        if isinstance(item_id, bool) or not isinstance(item_id, (str, int)) or item_id == "":
            raise InputError(f'{where}: needs an "id" (a non-empty string or an integer)')
        if not isinstance(obj.get("text"), str):
            raise InputError(f'{where}: needs a "text" string')
        key = str(item_id)
        if key in first_line:
            raise InputError(f"{where}: id {item_id!r} already used on line {first_line[key]}")
        first_line[key] = number
        items.append(BatchItem(id=item_id, text=obj["text"], source=f"{path.name}:{number}"))
    if not items:
        raise InputError(f"{path}: no articles (empty JSONL file)")
    return items


# ---------------------------------------------------------------------------
# Output: append-only JSONL, resumable.
# ---------------------------------------------------------------------------


@dataclass
class ResultsFile:
    """The --out file: what is already done, and durable appends."""

    path: Path
    status: dict[str, bool] = field(default_factory=dict)  # str(id) -> ok (last record wins)
    notes: list[str] = field(default_factory=list)
    _handle: Any = None

    @classmethod
    def open(cls, path: Path, *, overwrite: bool = False) -> ResultsFile:
        if path.is_dir():
            raise InputError(f"{path}: is a folder, expected a .jsonl file for --out")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if overwrite and path.exists():
                path.unlink()
        except OSError as exc:
            raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        results = cls(path)
        if path.exists():
            results._load()
        return results

    def _load(self) -> None:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise InputError(f"{self.path}: cannot read ({exc.strerror or exc})") from None
        lines = data.split(b"\n")
        # After the last "\n" there is b"" (a clean file) or the torn tail of a crashed write.
        good_bytes = 0
        last_content = max((n for n, raw in enumerate(lines, start=1) if raw.strip()), default=0)
        for number, raw in enumerate(lines, start=1):
            is_last = number == len(lines)
            if not raw.strip():
                good_bytes += len(raw) + (0 if is_last else 1)
                continue
            record = _parse_record(raw)
            if record is None:
                if (
                    number == last_content
                ):  # a truncated last line from a crash: drop it, it will be redone
                    self._truncate(good_bytes)
                    self.notes.append(
                        f"{self.path}: dropped an incomplete last line (line {number}) left by an interrupted run"
                    )
                    return
                raise InputError(
                    f"{self.path}: line {number} is not a result line; fix or delete it, "
                    "or pass --overwrite to start over"
                )
            self.status[str(record["id"])] = not record.get("error")
            good_bytes += len(raw) + (0 if is_last else 1)
            if is_last:  # complete JSON but no newline: finish the line
                with self.path.open("ab") as handle:
                    handle.write(b"\n")
                    handle.flush()
                    os.fsync(handle.fileno())

    def _truncate(self, size: int) -> None:
        with self.path.open("r+b") as handle:
            handle.truncate(size)
            handle.flush()
            os.fsync(handle.fileno())

    def done(self) -> set[str]:
        return {key for key, ok in self.status.items() if ok}

    def failed(self) -> set[str]:
        return {key for key, ok in self.status.items() if not ok}

    def drop(self, keys: set[str]) -> None:
        """Rewrite the file without the records of ``keys`` (atomically: temp file + rename)."""
        if not keys or not self.path.exists():
            return
        kept = []
        for raw in self.path.read_bytes().split(b"\n"):
            record = _parse_record(raw) if raw.strip() else None
            if record is not None and str(record["id"]) not in keys:
                kept.append(raw + b"\n")
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.writelines(kept)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        for key in keys:
            self.status.pop(key, None)

    def append(self, record: dict[str, Any]) -> None:
        """One whole line, flushed and fsynced before the next article is recorded."""
        if self._handle is None:
            try:
                self._handle = self.path.open("a", encoding="utf-8", newline="\n")
            except OSError as exc:
                raise InputError(f"{self.path}: cannot write ({exc.strerror or exc})") from None
        self._handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self.status[str(record["id"])] = "error" not in record

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _parse_record(raw: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(record, dict) or "id" not in record:
        return None
    return record


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


@app.command("batch")
@cli_errors
def batch_command(
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
    """Summarize many articles into a JSONL file: concurrent, cached, resumable."""
    configure_logging(verbose)
    items = load_inputs(input)
    if out.exists() and Path(input).is_file() and out.resolve() == Path(input).resolve():
        raise InputError(f"{out}: --out must not be the input file")
    results = ResultsFile.open(out, overwrite=overwrite)
    for note in results.notes:
        stderr.print(f"[yellow]note:[/] {note}", highlight=False)

    summarizer = Summarizer(
        **model_options(
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
        ),
        price_in=price_in,
        price_out=price_out,
        cache=False if no_cache else (cache_dir or True),
    )
    try:
        wanted = {str(item.id) for item in items}
        done = results.done() & wanted
        failed_before = results.failed() & wanted
        if retry_failed and failed_before:
            results.drop(failed_before)
        skip = done | (set() if retry_failed else failed_before)
        todo = [item for item in items if str(item.id) not in skip]

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

    _print_summary(totals, len(todo), len(skip), out, settings, interrupted)
    if interrupted is not None:
        raise typer.Exit(EXIT_SIGNAL.get(interrupted, 130))
    if totals.failed:
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


def _print_summary(
    totals: BatchTotals, todo: int, skipped: int, out: Path, settings: Any, interrupted: int | None
) -> None:
    lines = []
    head = f"{totals.done} of {todo} article(s) in {totals.wall_s:.1f}s: {totals.ok} ok ({totals.cached} cached), {totals.failed} failed"
    if skipped:
        head += f"; {skipped} skipped (already in {out.name})"
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
    if totals.failures:
        lines.append("re-run with --retry-failed to redo the failed articles")
    if interrupted is not None:
        lines.append("re-run the same command to continue where it stopped")
    lines.append(f"results: {out}")
    for line in lines:
        stderr.print(line, highlight=False, markup=False)


def iter_records(path: Path) -> Iterator[dict[str, Any]]:
    """Every parseable record of a results file (for tools and tests)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
