"""Many articles at once: bounded concurrency over one shared :class:`Summarizer`.

    >>> async for result in summarize_many(texts, concurrency=8):     # doctest: +SKIP
    ...     print(result.id, result.ok, result.error)
    >>> for result in summarize_many([("a", text_a), ("b", text_b)]):  # doctest: +SKIP
    ...     ...

:func:`summarize_many` accepts an iterable of texts (ids are their 0-based positions)
or of ``(id, text)`` pairs, and is both an async iterator and (as a sync wrapper that
drives its own event loop) a plain iterator. Results come *as they complete*, each
tagged with its ``id`` and ``index``. One article failing never stops the batch: its
result carries ``error`` instead. The input is consumed lazily, one item per free slot.

Concurrency: N workers pull from the input, all sharing one Summarizer, so one HTTP
client (connection pool) and at most one embedded server. Defaults
(:func:`default_concurrency`):

* remote servers (``openai``, ``compatible``): 8 requests in flight (:data:`REMOTE_CONCURRENCY`).
* one llama.cpp server on this machine (``local_server`` in
  :mod:`summarizer.backend_registry`): ``settings.n_parallel`` (default 1). llama-cpp-python's
  server (0.3.x) has no parallel slots: every completion takes one global lock
  (``llama_outer_lock``/``llama_inner_lock`` in ``llama_cpp/server/app.py``; there is no
  ``--parallel`` option), so a second request only waits in the server's queue, where
  its wait counts against the client timeout, and two decodes would fight over the same
  cores anyway. One in flight keeps the CPU busy and every timeout honest.

Ramp-up: workers start one by one, :data:`RAMP_SECONDS` apart (0.15 s for 16) and
self-clocked (the next starts that long after the event loop got back to the launcher). Each
article costs our event loop some CPU (~12 ms: prompt, instructor, HTTP, validation,
verification), and the path to the actual socket send yields once inside httpx/anyio.
Started together, all N requests go out together, come back together, and asyncio's FIFO
ready queue then processes all N answers before any next request is sent: the batch runs
in waves of ``delay + N x 12 ms``. Staggered starts keep answers apart, each worker's next
request leaves as soon as its answer is processed, and the stagger sustains itself
(measured with 16 workers and a 300 ms server: 2.85 s -> about 2.3 s for 100 articles).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncGenerator, AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.batch.io import BatchItem, ResultsFile, duplicate_ids, plan_resume
from summarizer.config import Settings
from summarizer.errors import SummarizerError, VerificationFailed
from summarizer.pipeline.costs import estimate_cost
from summarizer.pipeline.summarizer import Summarizer
from summarizer.redaction import redact
from summarizer.schema import ArticleSummary, Usage

REMOTE_CONCURRENCY = 8
MAX_CONCURRENCY = 256
RAMP_SECONDS = 0.01  # between worker starts: see "Ramp-up" in the module docstring


def default_concurrency(settings: Settings) -> int:
    """Requests in flight when the caller does not say (see the module docstring)."""
    if settings.backend_spec().local_server:
        return settings.n_parallel
    return REMOTE_CONCURRENCY


@dataclass
class BatchResult:
    """The outcome for one article: a summary, an error, or (``--strict``) both."""

    id: Any
    index: int
    summary: ArticleSummary | None = None
    error: str | None = None
    error_type: str | None = None
    source: str | None = None
    elapsed: float = 0.0
    # What a failed article's model calls spent (a summary's own meta says it otherwise).
    spent: Usage | None = None
    spent_cost_usd: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.summary is not None

    @property
    def cached(self) -> bool:
        return bool(
            self.summary is not None and self.summary.meta is not None and self.summary.meta.cached
        )

    @property
    def usage(self) -> Usage:
        """Tokens this article took: its summary's, or what its failed calls spent."""
        if self.summary is None or self.summary.meta is None:
            return self.spent or Usage()
        return self.summary.meta.usage

    @property
    def cost_usd(self) -> float | None:
        if self.summary is not None and self.summary.meta is not None:
            return self.summary.meta.cost_usd
        return self.spent_cost_usd

    def to_record(self) -> dict[str, Any]:
        """The JSONL record: ``id``, then ``summary``/``verification``/``meta`` and/or ``error``."""
        record: dict[str, Any] = {"id": self.id}
        if self.source is not None:
            record["source"] = self.source
        if self.summary is not None:
            data = self.summary.model_dump(mode="json")
            verification = data.pop("verification", None)
            meta = data.pop("meta", None)
            record["summary"] = data
            record["verification"] = verification
            record["meta"] = meta
        if self.error is not None:
            record["error"] = {"type": self.error_type or "Error", "message": self.error}
            if self.summary is None and self.spent is not None and self.spent.total_tokens:
                record["error"]["usage"] = self.spent.model_dump(mode="json")
                if self.spent_cost_usd is not None:
                    record["error"]["cost_usd"] = self.spent_cost_usd
        return record


@dataclass
class BatchTotals:
    """Running totals over results; what the CLI prints at the end."""

    ok: int = 0
    failed: int = 0
    cached: int = 0
    usage: Usage = field(default_factory=Usage)  # tokens spent on this run (cache hits excluded)
    cost_usd: float | None = None
    started: float = field(default_factory=time.monotonic)
    failures: list[BatchResult] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.ok + self.failed

    def add(self, result: BatchResult) -> None:
        if result.ok:
            self.ok += 1
        else:
            self.failed += 1
            self.failures.append(result)
        if result.cached:
            self.cached += 1
        else:  # a failed article's calls count too: they were made and billed
            self.usage = self.usage + result.usage
        if result.cost_usd is not None:
            self.cost_usd = round((self.cost_usd or 0.0) + result.cost_usd, 10)

    @property
    def wall_s(self) -> float:
        return time.monotonic() - self.started


# ---------------------------------------------------------------------------
# The engine.
# ---------------------------------------------------------------------------


def _as_item(index: int, raw: Any) -> BatchItem:
    if isinstance(raw, BatchItem):
        return raw
    if isinstance(raw, str):
        return BatchItem(id=index, text=raw)
    if isinstance(raw, tuple) and len(raw) == 2 and isinstance(raw[1], str):
        return BatchItem(id=raw[0], text=raw[1])
    return BatchItem(
        id=index,
        error=SummarizerError(f"expected a str or an (id, text) pair, got {type(raw).__name__}"),
    )


async def _summarize_one(
    summarizer: Summarizer, index: int, item: BatchItem, prompt: str | None
) -> BatchResult:
    started = time.monotonic()
    result = BatchResult(id=item.id, index=index, source=item.source)
    try:
        result.summary = await summarizer.asummarize(item.read(), prompt=prompt)
    except Exception as exc:  # noqa: BLE001 - one article's failure is its result, never the batch's
        record_failure(result, exc)
        if result.spent is not None:
            result.spent_cost_usd = estimate_cost(result.spent, summarizer.settings)
    result.elapsed = time.monotonic() - started
    return result


def record_failure(result: BatchResult, exc: BaseException) -> None:
    """Put ``exc`` on ``result`` as every batch path reports it (secret-free, one line).

    ``--strict``'s :class:`VerificationFailed` keeps its summary alongside the error.
    """
    if isinstance(exc, VerificationFailed):
        if isinstance(exc.summary, ArticleSummary):
            result.summary = exc.summary
        result.error, result.error_type = str(exc), type(exc).__name__
        return
    if isinstance(exc, SummarizerError) and exc.usage is not None:
        result.spent = exc.usage
    details = exc.details if isinstance(exc, SummarizerError) else ()
    message = " ".join(" ".join([str(exc), *details]).split()) or type(exc).__name__
    result.error = redact(
        message if isinstance(exc, SummarizerError) else f"{type(exc).__name__}: {message}"
    )
    result.error_type = type(exc).__name__


async def asummarize_many(
    items: Iterable[Any],
    *,
    summarizer: Summarizer | None = None,
    concurrency: int | None = None,
    prompt: str | None = None,
    stop: asyncio.Event | None = None,
    ramp: float = RAMP_SECONDS,
    out: str | Path | ResultsFile | None = None,
    retry_failed: bool = False,
    **options: Any,
) -> AsyncGenerator[BatchResult, None]:
    """Summarize ``items`` with at most ``concurrency`` in flight; yield results as they complete.

    Workers start one by one, ``ramp`` seconds apart (see the module docstring; 0: all at once).

    ``out``: a results JSONL file (path or open :class:`ResultsFile`). Ids already in it are
    skipped (errors too, unless ``retry_failed``), and each result is appended, flushed and
    fsynced before it is yielded: a re-run after a crash resumes where this one stopped.

    ``summarizer`` is shared by every article (one is made from ``options`` and closed at the
    end if not given). Setting ``stop`` starts no new article; those in flight finish and are
    yielded. Closing the iterator early (``break``, cancellation) cancels those in flight.
    """
    owned = summarizer is None
    if summarizer is None:
        summarizer = Summarizer(**options)
    elif options:
        raise TypeError("pass options either to the Summarizer or here, not both")
    limit = concurrency if concurrency is not None else default_concurrency(summarizer.settings)
    if not 1 <= limit <= MAX_CONCURRENCY:
        raise ValueError(f"concurrency must be between 1 and {MAX_CONCURRENCY}, got {limit}")

    results_file: ResultsFile | None = None
    if out is not None:
        results_file = out if isinstance(out, ResultsFile) else ResultsFile.open(Path(out))
        plan = plan_resume(
            (_as_item(n, raw) for n, raw in enumerate(items)),
            results_file,
            retry_failed=retry_failed,
        )
        items = plan.todo
    source = enumerate(items)
    exhausted = False
    results: asyncio.Queue[BatchResult | None] = asyncio.Queue()

    def next_item() -> tuple[int, BatchItem] | None:
        nonlocal exhausted
        if exhausted or (stop is not None and stop.is_set()):
            return None
        try:
            index, raw = next(source)
        except StopIteration:
            exhausted = True
            return None
        return index, _as_item(index, raw)

    async def worker() -> None:
        try:
            while (job := next_item()) is not None:
                await results.put(await _summarize_one(summarizer, job[0], job[1], prompt))
        finally:
            await results.put(None)  # this worker is done

    tasks: list[asyncio.Task[None]] = []
    running = 1  # the launcher itself, plus every worker it starts

    async def launcher() -> None:
        # Self-clocked ramp-up: the next worker starts `ramp` seconds after this loop actually
        # got back here, so a busy event loop spaces starts out instead of bunching them.
        nonlocal running
        try:
            for n in range(limit):
                if n and ramp > 0:
                    await asyncio.sleep(ramp)
                if exhausted or (stop is not None and stop.is_set()):
                    break
                running += 1
                tasks.append(asyncio.create_task(worker(), name=f"summarize-worker-{n}"))
        finally:
            await results.put(None)

    tasks.append(asyncio.create_task(launcher(), name="summarize-launcher"))
    try:
        while running:
            result = await results.get()
            if result is None:
                running -= 1
            else:
                if results_file is not None:
                    results_file.append(result.to_record())
                yield result
        for task in tasks:
            task.result()  # surface a bug in the engine itself (items never raise)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if owned:
            await summarizer.__aexit__(None, None, None)
        if results_file is not None and results_file is not out:
            results_file.close()


class summarize_many:
    """Batch summarization, iterable both ways (see the module docstring).

    ``async for result in summarize_many(items, concurrency=8)`` runs in the caller's loop;
    ``for result in summarize_many(items)`` (sync wrapper) drives a private event loop in the
    calling thread and still yields each result as soon as it completes.
    """

    def __init__(
        self,
        items: Iterable[Any],
        *,
        summarizer: Summarizer | None = None,
        concurrency: int | None = None,
        prompt: str | None = None,
        stop: asyncio.Event | None = None,
        out: str | Path | ResultsFile | None = None,
        retry_failed: bool = False,
        **options: Any,
    ) -> None:
        self._args: dict[str, Any] = {
            "items": items,
            "summarizer": summarizer,
            "concurrency": concurrency,
            "prompt": prompt,
            "stop": stop,
            "out": out,
            "retry_failed": retry_failed,
            **options,
        }

    def __aiter__(self) -> AsyncIterator[BatchResult]:
        return asummarize_many(**self._args)

    def __iter__(self) -> Iterator[BatchResult]:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            raise RuntimeError("summarize_many: inside a running event loop, use `async for`")
        return self._sync_iter()

    def _sync_iter(self) -> Iterator[BatchResult]:
        loop = asyncio.new_event_loop()
        shared: Summarizer | None = self._args["summarizer"]
        results = asummarize_many(**self._args)
        try:
            while True:
                try:
                    yield loop.run_until_complete(anext(results))
                except StopAsyncIteration:
                    break
        finally:
            with contextlib.suppress(Exception):
                loop.run_until_complete(results.aclose())
            # The caller's Summarizer outlives this loop: drop its async client bound to it.
            if shared is not None and shared._backend is not None:
                with contextlib.suppress(Exception):
                    loop.run_until_complete(shared._backend.aclose())
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()


def summarize_all(items: Iterable[Any], **kwargs: Any) -> list[BatchResult]:
    """Convenience: every result, in input order."""
    return sorted(summarize_many(items, **kwargs), key=lambda result: result.index)


__all__ = [
    "REMOTE_CONCURRENCY",
    "BatchItem",
    "BatchResult",
    "BatchTotals",
    "asummarize_many",
    "default_concurrency",
    "duplicate_ids",
    "record_failure",
    "summarize_all",
    "summarize_many",
]
