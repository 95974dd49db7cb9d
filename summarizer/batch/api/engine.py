"""Run a batch through an OpenAI-compatible Batch API: submit, re-attach, poll, collect.

    >>> run = BatchApiRun(settings, Path("results.jsonl"))           # doctest: +SKIP
    >>> report = run.run(iter_inputs("articles/"))                   # doctest: +SKIP

The steps, each committed to the state file (:mod:`summarizer.batch.api.store`) before the
next starts, so a re-run re-attaches instead of submitting again:

1. **Ingest**: every article not already in the results file gets a row with the messages
   of its first request (:class:`~summarizer.pipeline.summarizer.Summarizer.prepare`).
2. **Write and submit**: request lines (:mod:`summarizer.batch.api.lines`) go to part files
   of at most :data:`MAX_LINES` lines and :data:`MAX_BYTES` bytes; each is uploaded with the
   files API and becomes one job (``completion_window`` 24h) tagged with the run's id, so a
   crash between "created" and "recorded" is healed by finding the job in the list.
3. **Poll** with backoff until every job is terminal: ``completed``, ``failed``,
   ``expired`` or ``cancelled``.
4. **Collect**: the output and error files are streamed line by line into the state; each
   answer is replayed through the live path and finished by the pipeline, exactly as a live
   call. An answer that fails validation yields instructor's re-ask, sent in one follow-up
   job per round (bounded by ``max_retries``, as live); a failed line (5xx, expired) is sent
   once more. ``retry_live`` makes those live calls instead.
5. **Write results** in input order, the same lines as ``summarizer batch`` (cost at the
   batch price: :data:`BATCH_PRICE_FACTOR`).
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import httpx2 as httpx

from summarizer.backends.backend import PLACEHOLDER_KEY
from summarizer.backends.call import ModelAnswer, call_model
from summarizer.backends.sdk import importing_sdks
from summarizer.backends.transport import tls_context
from summarizer.batch.api.lines import ENDPOINT, Answer, LivePath, answer_of, request_line
from summarizer.batch.api.store import Article, BatchStore, Job, parse_custom_id
from summarizer.batch.io import BatchItem, ResultsFile
from summarizer.batch.live import BatchResult, record_failure
from summarizer.config import Settings, load_settings
from summarizer.errors import (
    BackendRejected,
    BackendUnavailable,
    BatchJobError,
    ConfigError,
    InputError,
    SummarizerError,
)
from summarizer.pipeline.cache import backend_identity
from summarizer.pipeline.costs import estimate_cost
from summarizer.pipeline.finish import ChunkResult, Endpoint, draft_from_answer, finish_article
from summarizer.pipeline.plan import RESPONSE_MODEL, ArticlePlan, PreparedRequest
from summarizer.pipeline.summarizer import Summarizer
from summarizer.redaction import redact
from summarizer.schema import ArticleSummary, Usage

if TYPE_CHECKING:
    import openai

log = logging.getLogger("summarizer.batch.api")

MAX_LINES = 50_000  # OpenAI: requests per batch input file
MAX_BYTES = 200 * 1024 * 1024  # OpenAI: bytes per batch input file
COMPLETION_WINDOW = "24h"
BATCH_PRICE_FACTOR = 0.5  # OpenAI bills Batch API tokens at half the live price
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
DOWNLOAD_ATTEMPTS = 5
# Evaluating an answer leaves garbage in reference cycles (exceptions caught on the live
# path keep their frames: instructor's retries, the replay transport's captures, rejected
# number candidates in verification; jinja environments). CPython frees cycles that reach
# the oldest generation only when it has grown by a quarter, which on a run's large heap is
# tens of MB later: collected every this many articles, memory stays flat in their number.
COLLECT_EVERY = 1024


@dataclass(frozen=True)
class BatchApiOptions:
    """How a run splits, waits and retries (the defaults are OpenAI's limits)."""

    max_lines: int = MAX_LINES
    max_bytes: int = MAX_BYTES
    completion_window: str = COMPLETION_WINDOW
    wait: bool = True
    retry_live: bool = False
    line_retries: int = 1  # a failed line (5xx, expired, missing) is sent this many more times
    poll_initial: float = 5.0
    poll_max: float = 60.0
    price_factor: float = BATCH_PRICE_FACTOR


class Progress(Protocol):
    """What a run reports while it works (the CLI draws it with rich)."""

    def note(self, message: str) -> None: ...

    def job(self, job: Job, completed: int, failed: int, total: int) -> None: ...


class LogProgress:
    def note(self, message: str) -> None:
        log.info("%s", message)

    def job(self, job: Job, completed: int, failed: int, total: int) -> None:
        log.info("%s %s: %d/%d done, %d failed", job.name, job.status, completed, total, failed)


@dataclass
class RunReport:
    """What a run did: results written, and whether jobs are still out there."""

    ok: int = 0
    failed: int = 0
    usage: Usage = field(default_factory=Usage)
    cost_usd: float | None = None
    skipped: int = 0
    pending: int = 0  # articles whose requests are still at the provider (--no-wait)
    parked: int = 0  # articles of a cancelled job: a re-run submits them again
    jobs: list[Job] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    failures: list[tuple[Any, str]] = field(default_factory=list)

    @property
    def written(self) -> int:
        return self.ok + self.failed


def state_dir(out: Path) -> Path:
    """Where a run keeps its state and request files: next to ``out``."""
    return out.with_name(out.name + ".batch-api")


def fingerprint(settings: Settings, summarizer: Summarizer) -> str:
    """What must not change between submitting and collecting (the answers depend on it)."""
    template = summarizer.prepare("fingerprint 1.", None)
    return json.dumps(
        {
            "backend": settings.resolved_backend(),
            "model": settings.model,
            "base_url": settings.base_url,
            "prompt": template.prompt.id,
            "prompt_hash": template.prompt_hash,
            "max_retries": settings.max_retries,
            "max_tokens": settings.max_tokens,
            "temperature": settings.temperature,
        },
        sort_keys=True,
    )


def settings_json(settings: Settings) -> str:
    """The settings a state was made with, minus the key (never written anywhere)."""
    return settings.model_dump_json(exclude={"api_key"})


def stored_settings(state: Path, **overrides: Any) -> Settings:
    """The settings an export was made with (``state``: its state folder), plus ``overrides``."""
    path = state / "state.sqlite"
    if not path.is_file():
        raise InputError(
            f"{state}: no export state here; write the requests with `summarizer batch export`"
        )
    store = BatchStore(path)
    try:
        saved = store.get("settings")
    finally:
        store.close()
    if saved is None:
        raise InputError(f"{state}: the export state is incomplete; export again")
    values = json.loads(saved)
    values.update({key: value for key, value in overrides.items() if value is not None})
    return load_settings(**values)  # the key comes from the environment or config file


def openai_client(settings: Settings) -> openai.OpenAI:
    """The files/batches client: OpenAI, or the ``base_url`` server (the SDK's own retries)."""
    with importing_sdks():  # the SDK's first import: see summarizer.backends.sdk
        import openai

    key = settings.api_key.get_secret_value() if settings.api_key else PLACEHOLDER_KEY
    return openai.OpenAI(
        api_key=key,
        base_url=settings.base_url,
        max_retries=4,
        timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
        # The SDK's own client defaults, with the shared TLS context (no CA bundle re-read).
        http_client=openai.DefaultHttpxClient(verify=tls_context()),
    )


class BatchApiRun:
    """One results file's Batch API run; ``run()`` is re-entrant across processes."""

    def __init__(
        self,
        settings: Settings,
        out: Path | None,
        options: BatchApiOptions | None = None,
        *,
        state: Path | None = None,
        client: openai.OpenAI | None = None,
        progress: Progress | None = None,
        overwrite: bool = False,
        retry_failed: bool = False,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.out = out
        self.options = options or BatchApiOptions()
        self.progress: Progress = progress or LogProgress()
        self.retry_failed = retry_failed
        self.sleep = sleep
        self.final_round = False  # import: no more rounds can be sent, re-asks end here
        if state is None and out is None:
            raise ValueError("BatchApiRun needs out= or state=")
        self.dir = state if state is not None else state_dir(out)  # type: ignore[arg-type]
        if overwrite:
            _remove_state(self.dir)
        self.results = ResultsFile.open(out, overwrite=overwrite) if out is not None else None
        self.summarizer = Summarizer(settings)
        self.live = LivePath(settings)
        # Prepared once when every article answers in one schema (not a selection prompt).
        self.fixed_schema_request: PreparedRequest | None = None
        self.store = BatchStore(self.dir / "state.sqlite")
        self._client = client
        self.report = RunReport()
        self._since_collect = 0  # articles evaluated since the last full garbage collection
        identity, spec = backend_identity(settings), settings.backend_spec()
        self.endpoint = Endpoint(
            identity.kind, identity.model, identity.base_url if spec.reports_base_url else None
        )

    @property
    def client(self) -> openai.OpenAI:
        if self._client is None:
            self._client = openai_client(self.settings)
        return self._client

    # -- the whole run -------------------------------------------------------------------

    def run(self, items: Iterable[BatchItem]) -> RunReport:
        """Ingest (first run only), submit, wait, collect, write; return what happened."""
        with importing_sdks():  # the SDK's first import: see summarizer.backends.sdk
            import openai

        try:
            return self._run(items)
        except openai.APIError as exc:
            raise api_error(exc, self.settings.base_url or "the OpenAI API") from None

    def _run(self, items: Iterable[BatchItem]) -> RunReport:
        self.ingest(items)
        self.write_results()
        while True:
            self.submit()
            if not self.options.wait:  # look once, collect what is done, submit follow-ups
                self.poll()
                self.submit()
                break
            self.wait()
            if self.store.count("state = 'queued'") == 0 and not self.options.retry_live:
                break
            if self.options.retry_live:
                self.run_live()
                break
        self.write_results()
        self.report.pending = self.store.count("state IN ('submitted', 'answered')")
        self.report.parked = self.store.count("state = 'parked'")
        self.report.jobs = self.store.jobs()
        return self.report

    def ingest(self, items: Iterable[BatchItem]) -> None:
        """Record every article still to do with its first request (once per state)."""
        mark = fingerprint(self.settings, self.summarizer)
        if self.store.ingested and self.finished():  # all written: a new run, for new articles
            self.store.close()
            _remove_state(self.dir)
            self.store = BatchStore(self.dir / "state.sqlite")
        if self.store.ingested:
            if self.store.get("fingerprint") != mark:
                raise ConfigError(
                    f"{self.dir}: a Batch API run with other settings (model, prompt or options) "
                    "is in progress for this --out; use the same options, or --overwrite to start over"
                )
            with self.store.atomic():  # a cancelled job's articles go out again
                self.store.db.execute("UPDATE articles SET state = 'queued' WHERE state = 'parked'")
            self.progress.note(f"re-attaching to the Batch API run in {self.dir}")
            return
        # Streamed: each item goes to the state as it is read; nothing per article stays in
        # memory (ids are checked unique in the state, the results file is looked up by id).
        status = self.results.status if self.results is not None else {}
        failed_before: set[str] = set()
        position = 0
        with self.store.atomic():
            for item in items:
                key = str(item.id)
                first = self.store.claim_id(key, item.source)
                if first is not None:
                    raise InputError(
                        f"{item.source or 'input'}: id {item.id!r} already used ({first})"
                    )
                previous = status.get(key)
                if previous is True or (previous is False and not self.retry_failed):
                    self.report.skipped += 1
                    continue
                if previous is False:
                    failed_before.add(key)
                self._add(position, item)
                position += 1
            if failed_before and self.results is not None:
                self.results.drop(failed_before)  # redone articles appear exactly once
            self.store.put("fingerprint", mark)
            self.store.put("settings", settings_json(self.settings))
            self.store.put("written_upto", "0")
            self.store.put("ingested", "1")

    def finished(self) -> bool:
        """Every article final and written to the results file: nothing left to re-attach to."""
        written = int(self.store.get("written_upto") or "0")
        return self.store.count("state != 'final'") == 0 and written >= self.store.count()

    def _add(self, position: int, item: BatchItem) -> None:
        try:
            text = item.read()
            plan = self.summarizer.plan(text)
            if plan.chunks > 1:
                self._add_long(position, item, text)
                return
            request = plan.article
        except Exception as exc:  # noqa: BLE001 - an unreadable article is its own error line
            result = BatchResult(id=item.id, index=position, source=item.source)
            record_failure(result, exc)
            self.store.add_article(position, item.id, item.source, None, None, result.to_record())
            return
        self.store.add_article(position, item.id, item.source, text, request.messages)

    def _add_long(self, position: int, item: BatchItem, text: str) -> None:
        """A long article needs chunks (several requests merged): live only, if allowed."""
        if self.options.retry_live:
            self.store.add_article(position, item.id, item.source, text, None)
            self.store.update(position, state="live")
            return
        error = InputError(
            f"article is longer than max_article_chars={self.settings.max_article_chars:,} and "
            "needs chunking, which the Batch API path does not do; add --retry-live to summarize "
            "such articles with live calls, or run them with --via live"
        )
        result = BatchResult(id=item.id, index=position, source=item.source)
        record_failure(result, error)
        self.store.add_article(position, item.id, item.source, None, None, result.to_record())

    # -- submitting ----------------------------------------------------------------------

    def submit(self) -> None:
        """Write part files for queued requests, upload them and create their jobs."""
        self._write_parts()
        for job in self.store.jobs("batch_id IS NULL AND status != 'failed'"):
            self._create_job(job)

    def _write_parts(self) -> None:
        if self.store.count("state = 'queued'") == 0:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        round_ = int(self.store.get("round") or "0")
        if self.store.jobs("round = ?", (round_,)):
            round_ += 1
        self.store.put("round", str(round_))
        part = -1
        handle: Any = None
        lines = size = 0
        first = last = -1  # the part's positions: every article queued between them is in it

        def close_part() -> None:
            nonlocal handle
            if handle is None:
                return
            handle.flush()
            handle.close()
            handle = None
            name = f"r{round_}-p{part}"
            with self.store.atomic():
                self.store.add_job(
                    Job(
                        name,
                        round_,
                        part,
                        lines,
                        size,
                        str(self.dir / f"{name}.jsonl"),
                        None,
                        None,
                        "written",
                        None,
                        None,
                        None,
                        0,
                    )
                )
                self.store.db.execute(  # one statement, not a list of members in memory
                    "UPDATE articles SET state = 'submitted', job = ?, round = ?"
                    " WHERE state = 'queued' AND position BETWEEN ? AND ?",
                    (name, round_, first, last),
                )

        for article in self.store.articles("state = 'queued'"):
            article.round = round_
            line = request_line(article.custom_id, self._body(article))
            if len(line) > self.options.max_bytes:
                self._final_error(
                    article,
                    InputError(
                        f"request is {len(line):,} bytes, over the {self.options.max_bytes:,}-byte file limit"
                    ),
                )
                continue
            if (
                handle is None
                or lines + 1 > self.options.max_lines
                or size + len(line) > self.options.max_bytes
            ):
                close_part()
                part += 1
                lines = size = 0
                first = article.position
                handle = (self.dir / f"r{round_}-p{part}.jsonl").open("wb")
            handle.write(line)
            lines += 1
            size += len(line)
            last = article.position
        close_part()

    def _body(self, article: Article) -> dict[str, Any]:
        request = self.fixed_schema_request
        if request is None:
            request = self.summarizer.prepare(article.text or "")
            if request.response_model is RESPONSE_MODEL:  # one schema for every article
                self.fixed_schema_request = request
        return self.live.body_with(request, article.messages)

    def _create_job(self, job: Job) -> None:
        client = self.client
        if job.input_file_id is None:
            with open(job.path, "rb") as handle:
                uploaded = client.files.create(file=(Path(job.path).name, handle), purpose="batch")
            self.store.update_job(job.name, input_file_id=uploaded.id, status="uploaded")
            job.input_file_id = uploaded.id
        metadata = {"summarizer_run": self.store.run_id, "summarizer_job": job.name}
        batch = None
        if job.status == "creating":  # a crash between create and record: find it, do not resubmit
            batch = self._find_batch(metadata)
        if batch is None:
            self.store.update_job(job.name, status="creating")
            batch = client.batches.create(
                input_file_id=job.input_file_id,
                endpoint=ENDPOINT,
                completion_window=self.options.completion_window,
                metadata=metadata,
            )
        self.store.update_job(job.name, batch_id=batch.id, status=batch.status)
        self.progress.note(f"submitted {job.name}: batch {batch.id} ({job.lines:,} requests)")

    def _find_batch(self, metadata: dict[str, str]) -> Any:
        for batch in self.client.batches.list(limit=100):
            tags = batch.metadata or {}
            if all(tags.get(key) == value for key, value in metadata.items()):
                return batch
        return None

    # -- waiting -------------------------------------------------------------------------

    def wait(self) -> None:
        """Poll every open job with backoff until all are terminal (and collected)."""
        delay = self.options.poll_initial
        while True:
            open_jobs, changed = self.poll()
            if not open_jobs:
                return
            self.sleep(delay)
            delay = (
                self.options.poll_initial if changed else min(delay * 1.5, self.options.poll_max)
            )

    def poll(self) -> tuple[int, bool]:
        """Look at every open job once, collecting the terminal ones: (jobs still open, changed)."""
        changed = False
        for job in self.store.jobs("collected = 0 AND batch_id IS NOT NULL"):
            batch = self.client.batches.retrieve(job.batch_id)  # type: ignore[arg-type]
            if batch.status != job.status:
                changed = True
                self.store.update_job(job.name, status=batch.status)
                job.status = batch.status
            counts = batch.request_counts
            self.progress.job(
                job,
                counts.completed if counts else 0,
                counts.failed if counts else 0,
                counts.total if counts else job.lines,
            )
            if batch.status in TERMINAL:
                self.collect(job, batch)
        return len(self.store.jobs("collected = 0 AND batch_id IS NOT NULL")), changed

    def cancel(self) -> list[str]:
        """Ask the provider to cancel every open job; their finished lines are still collected."""
        cancelled = []
        for job in self.store.jobs("collected = 0 AND batch_id IS NOT NULL"):
            with contextlib.suppress(Exception):
                self.client.batches.cancel(job.batch_id)  # type: ignore[arg-type]
                cancelled.append(job.batch_id or "")
        return cancelled

    # -- collecting ----------------------------------------------------------------------

    def collect(self, job: Job, batch: Any) -> None:
        """Store every answer of a terminal job, evaluate them, write what is final."""
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id:
                self._download(file_id)
        status = batch.status
        message = _job_message(batch)
        if status in ("completed", "expired"):
            missing = Answer(
                503,
                json.dumps(
                    {
                        "error": {
                            "message": f"the batch job {status} without an answer for this request"
                        }
                    }
                ).encode(),
            )
            for article in self.store.articles("job = ? AND state = 'submitted'", (job.name,)):
                self.store.store_answer(
                    article.position, article.round, missing.status, missing.body
                )
        elif status == "failed":
            error = BatchJobError(f"batch job {batch.id} failed: {message}")
            for article in self.store.articles("job = ? AND state = 'submitted'", (job.name,)):
                self._final_error(article, error)
        elif status == "cancelled":
            with self.store.atomic():
                self.store.db.execute(
                    "UPDATE articles SET state = 'parked' WHERE job = ? AND state = 'submitted'",
                    (job.name,),
                )
        self._evaluate(job.name)
        self.store.update_job(
            job.name,
            collected=1,
            status=status,
            message=message,
            output_file_id=batch.output_file_id,
            error_file_id=batch.error_file_id,
        )
        if status != "completed":
            self.report.messages.append(_terminal_message(batch, message))
        self.progress.note(f"collected {job.name} (batch {batch.id}, {status})")
        self.write_results()

    def _download(self, file_id: str) -> None:
        import openai

        for attempt in range(1, DOWNLOAD_ATTEMPTS + 1):
            try:
                with self.client.files.with_streaming_response.content(file_id) as response:
                    self._store_lines(response.iter_lines())
                return
            except (
                openai.PermissionDeniedError,
                openai.NotFoundError,
                openai.InternalServerError,
            ) as exc:
                # A file can lag a moment behind its job's "completed": wait and ask again.
                if attempt == DOWNLOAD_ATTEMPTS:
                    raise BatchJobError(
                        f"cannot download batch file {file_id} (HTTP {exc.status_code}); "
                        "re-run the same command to try again"
                    ) from None
                self.sleep(min(self.options.poll_initial * attempt, self.options.poll_max))

    def _store_lines(self, lines: Iterable[str]) -> None:
        pending = 0
        self.store.db.execute("BEGIN IMMEDIATE")
        try:
            for raw in lines:
                if not raw.strip():
                    continue
                try:
                    line = json.loads(raw)
                    where = parse_custom_id(line["custom_id"])
                except (ValueError, KeyError, TypeError):
                    log.warning("skipping an unreadable line of a batch output file")
                    continue
                if where is None:
                    continue
                answer = answer_of(line)
                self.store.store_answer(where[0], where[1], answer.status, answer.body)
                pending += 1
                if pending % 2000 == 0:
                    self.store.db.execute("COMMIT")
                    self.store.db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.store.db.execute("ROLLBACK")
            raise
        self.store.db.execute("COMMIT")

    def _evaluate(self, job_name: str) -> None:
        batch: list[Article] = []
        for article in self.store.articles("job = ? AND state = 'answered'", (job_name,)):
            batch.append(article)
            if len(batch) == 256:
                self._evaluate_some(batch)
                batch = []
        self._evaluate_some(batch)

    def _evaluate_some(self, articles: list[Article]) -> None:
        with self.store.atomic():
            for article in articles:
                self._evaluate_one(article)
        self._since_collect += len(articles)
        if self._since_collect >= COLLECT_EVERY:  # ~50 ms per 1,024 articles (~1-2% CPU)
            gc.collect()
            self._since_collect = 0

    def _evaluate_one(self, article: Article) -> None:
        started = time.monotonic()
        assert article.answer_status is not None and article.answer_body is not None
        answer = Answer(article.answer_status, bytes(article.answer_body))
        request = self.summarizer.prepare(article.text or "")
        reasks_left = 0 if self.final_round else self.settings.max_retries - article.reasks_used
        outcome = self.live.evaluate(request, self._body(article), answer, reasks_left)
        usage = Usage(
            prompt_tokens=article.prompt_tokens + outcome.usage.prompt_tokens,
            completion_tokens=article.completion_tokens + outcome.usage.completion_tokens,
            total_tokens=article.total_tokens + outcome.usage.total_tokens,
        )
        tokens = {
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
            "total_tokens": usage.total_tokens,
        }
        if outcome.answer is not None:
            final = ModelAnswer(
                outcome.answer.draft,
                outcome.answer.raw_text,
                usage,
                article.attempts + outcome.answer.attempts,
                outcome.answer.errors,
                outcome.answer.elapsed,
            )
            self._finish(article, request, final, started, batch_usage=usage)
        elif outcome.reask is not None:
            self.store.update(
                article.position,
                state="queued",
                messages=outcome.reask["messages"],
                reasks_used=article.reasks_used + 1,
                attempts=article.attempts + 1,
                answer_status=None,
                answer_body=None,
                **tokens,
            )
        elif (
            outcome.transient
            and article.line_retries < self.options.line_retries
            and (not self.final_round or self.options.retry_live)
        ):
            self.store.update(
                article.position,
                state="queued",
                line_retries=article.line_retries + 1,
                answer_status=None,
                answer_body=None,
                **tokens,
            )
        else:
            assert outcome.error is not None
            self._final_error(article, outcome.error)

    def _finish(
        self,
        article: Article,
        request: PreparedRequest,
        answer: ModelAnswer,
        started: float,
        *,
        batch_usage: Usage,
        live_usage: Usage | None = None,
    ) -> None:
        result = BatchResult(id=article.article_id, index=article.position, source=article.source)
        try:
            chunk = ChunkResult(answer, draft_from_answer(answer, request), cached=False)
            result.summary = finish_article(
                ArticlePlan(request, (request,)),
                [chunk],
                self.settings,
                self.endpoint,
                started=started,
            )
        except Exception as exc:  # noqa: BLE001 - the article's failure is its result
            record_failure(result, exc)
            if result.spent is not None:  # the failed answers were billed all the same
                result.spent_cost_usd = self._cost(batch_usage, live_usage)
        if result.summary is not None:
            result.summary = self._priced(result.summary, batch_usage, live_usage)
        self.store.update(article.position, state="final", result=result.to_record(), job=None)

    def _cost(self, batch_usage: Usage, live_usage: Usage | None) -> float | None:
        """What the article's calls cost: the batch price for the job, list price for live."""
        batch = estimate_cost(batch_usage, self.settings)
        if batch is None:
            return None
        live = (estimate_cost(live_usage, self.settings) or 0.0) if live_usage else 0.0
        return round(batch * self.options.price_factor + live, 10)

    def _priced(
        self, summary: ArticleSummary, batch_usage: Usage, live_usage: Usage | None
    ) -> ArticleSummary:
        if summary.meta is None or summary.meta.cost_usd is None:
            return summary
        cost = self._cost(batch_usage, live_usage) or 0.0
        return summary.model_copy(
            update={"meta": summary.meta.model_copy(update={"cost_usd": cost})}
        )

    def _final_error(self, article: Article, error: BaseException) -> None:
        result = BatchResult(id=article.article_id, index=article.position, source=article.source)
        record_failure(result, error)
        self.store.update(article.position, state="final", result=result.to_record(), job=None)

    # -- live follow-ups -----------------------------------------------------------------

    def run_live(self) -> None:
        """``retry_live``: continue every queued article with live calls, from where it is."""
        from summarizer.backends.backend import open_backend

        for article in self.store.articles("state = 'live'"):  # long articles: the whole path
            result = BatchResult(
                id=article.article_id, index=article.position, source=article.source
            )
            try:
                result.summary = self.summarizer.summarize(article.text or "")
            except Exception as exc:  # noqa: BLE001 - the article's failure is its result
                record_failure(result, exc)
            with self.store.atomic():
                self.store.update(article.position, state="final", result=result.to_record())
        backends: dict[int, Any] = {}
        try:
            for article in self.store.articles("state = 'queued'"):
                started = time.monotonic()
                request = self.summarizer.prepare(article.text or "")
                reasks_left = max(0, self.settings.max_retries - article.reasks_used)
                if reasks_left not in backends:
                    backends[reasks_left] = open_backend(
                        self.settings.model_copy(update={"max_retries": reasks_left})
                    )
                batch_usage = Usage(
                    prompt_tokens=article.prompt_tokens,
                    completion_tokens=article.completion_tokens,
                    total_tokens=article.total_tokens,
                )
                with self.store.atomic():
                    try:
                        answer = call_model(
                            backends[reasks_left],
                            article.messages or request.messages,
                            request.response_model,
                            dict(request.context),
                            request.headers,
                        )
                    except SummarizerError as exc:
                        self._final_error(article, exc)
                        continue
                    combined = ModelAnswer(
                        answer.draft,
                        answer.raw_text,
                        batch_usage + answer.usage,
                        article.attempts + answer.attempts,
                        answer.errors,
                        answer.elapsed,
                    )
                    self._finish(
                        article,
                        request,
                        combined,
                        started,
                        batch_usage=batch_usage,
                        live_usage=answer.usage,
                    )
        finally:
            for backend in backends.values():
                backend.close()

    # -- results -------------------------------------------------------------------------

    def write_results(self) -> None:
        """Append final results in input order, as far as every earlier article is final."""
        if self.results is None:
            return
        upto = int(self.store.get("written_upto") or "0")
        start = upto
        for position, record in self.store.results_from(upto):
            if str(record["id"]) not in self.results.status:  # a crash after append, before mark
                self.results.append(record, sync=False, remember=False)
                self._count(record)
            upto = position + 1
            if upto - start >= 1024:  # durable in the results file before marked written
                self.results.sync()
                self.store.put("written_upto", str(upto))
                start = upto
        self.results.sync()
        self.store.put("written_upto", str(upto))

    def _count(self, record: dict[str, Any]) -> None:
        report = self.report
        if "error" in record:
            report.failed += 1
            if len(report.failures) < 20:  # the first few, for the summary; the file has all
                report.failures.append((record["id"], record["error"]["message"]))
        else:
            report.ok += 1
        # A failed article's calls count too (``error.usage``, ``error.cost_usd``).
        meta = record.get("meta") or record.get("error") or {}
        usage = meta.get("usage")
        if usage:
            report.usage = report.usage + Usage(**usage)
        if meta.get("cost_usd") is not None:
            report.cost_usd = round((report.cost_usd or 0.0) + meta["cost_usd"], 10)

    # -- export and import (self-hosted engines) ------------------------------------------

    def export(self, items: Iterable[BatchItem], requests: Path) -> int:
        """Write every article's first request to ``requests`` (one file); return the count."""
        self.ingest(items)
        with self.store.atomic():
            self.store.db.execute("DELETE FROM jobs WHERE name = 'export'")
            self.store.add_job(
                Job(
                    "export", 0, 0, 0, 0, str(requests), None, None, "exported", None, None, None, 1
                )
            )
        count = 0
        try:
            with requests.open("wb") as handle, self.store.atomic():
                for article in self.store.articles("state IN ('queued', 'submitted')"):
                    handle.write(request_line(article.custom_id, self._body(article)))
                    self.store.update(article.position, state="submitted", job="export", round=0)
                    count += 1
        except OSError as exc:
            raise InputError(f"{requests}: cannot write ({exc.strerror or exc})") from None
        return count

    def import_outputs(self, outputs: Iterable[Path]) -> RunReport:
        """Verify a self-hosted engine's output file(s) into the results file."""
        if not self.store.ingested:
            raise InputError(
                f"{self.dir}: no export state here; write the requests with `summarizer batch export`"
            )
        self.final_round = True
        for path in outputs:
            try:
                with path.open(encoding="utf-8") as handle:
                    self._store_lines(handle)
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"{path}: cannot read ({exc})") from None
        missing = Answer(
            503, json.dumps({"error": {"message": "no output line for this request"}}).encode()
        )
        with self.store.atomic():
            for article in self.store.articles("state = 'submitted'"):
                self.store.store_answer(
                    article.position, article.round, missing.status, missing.body
                )
        self._evaluate_all()
        if self.options.retry_live:
            self.run_live()
        self.write_results()
        return self.report

    def _evaluate_all(self) -> None:
        batch: list[Article] = []
        for article in self.store.articles("state = 'answered'"):
            batch.append(article)
            if len(batch) == 256:
                self._evaluate_some(batch)
                batch = []
        self._evaluate_some(batch)

    def close(self) -> None:
        if self.results is not None:
            self.results.close()
        self.summarizer.close()
        self.store.close()


def api_error(exc: Exception, where: str) -> SummarizerError:
    """A files/batches API failure as one clear error (the state is kept: a re-run resumes)."""
    import openai

    again = "; the state is kept, re-run the same command to continue"
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        detail = redact(" ".join(str(exc.message).split())[:300])
        if status == 404:
            return BackendRejected(
                f"{where} has no such Batch API resource (HTTP 404: {detail}); does it implement "
                "/v1/files and /v1/batches?",
                status,
            )
        if status in (401, 403):
            return BackendRejected(
                f"{where} refused the Batch API request (HTTP {status}): {detail}", status
            )
        if status == 429 or status >= 500:
            return BackendUnavailable(
                f"the Batch API at {where} failed (HTTP {status}): {detail}{again}"
            )
        return BackendRejected(
            f"{where} rejected the Batch API request (HTTP {status}): {detail}", status
        )
    return BackendUnavailable(f"cannot reach the Batch API at {where}{again}")


def _job_message(batch: Any) -> str:
    errors = getattr(batch, "errors", None)
    data = getattr(errors, "data", None) or []
    parts = []
    for error in data[:3]:
        line = f" (line {error.line})" if getattr(error, "line", None) else ""
        parts.append(
            f"{getattr(error, 'code', None) or 'error'}: {getattr(error, 'message', '')}{line}"
        )
    return redact("; ".join(parts)) if parts else ""


def _terminal_message(batch: Any, message: str) -> str:
    counts = batch.request_counts
    done = f"{counts.completed} of {counts.total} requests answered" if counts else ""
    what = {
        "failed": "failed: the provider rejected the job",
        "expired": f"expired ({COMPLETION_WINDOW} window passed); unanswered requests go to a follow-up",
        "cancelled": "was cancelled; re-run the same command to submit its unanswered requests again",
    }.get(batch.status, batch.status)
    detail = f" ({message})" if message else ""
    return f"batch job {batch.id} {what}{detail}" + (f"; {done}" if done else "")


def _remove_state(directory: Path) -> None:
    if not directory.exists():
        return
    for path in directory.iterdir():
        path.unlink()
    directory.rmdir()


__all__ = [
    "BATCH_PRICE_FACTOR",
    "MAX_BYTES",
    "MAX_LINES",
    "BatchApiOptions",
    "BatchApiRun",
    "LogProgress",
    "Progress",
    "RunReport",
    "openai_client",
    "settings_json",
    "state_dir",
    "stored_settings",
]
