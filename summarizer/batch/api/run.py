"""Run a batch through an OpenAI-compatible Batch API: submit, re-attach, poll, collect.

    >>> run = BatchApiRun(settings, Path("results.jsonl"))           # doctest: +SKIP
    >>> report = run.run(iter_inputs("articles/"))                   # doctest: +SKIP

The steps, each committed to the state file (:mod:`summarizer.batch.api.store`) before the
next starts, so a re-run re-attaches instead of submitting again:

1. **Ingest**: every article not already in the results file gets a row with the messages
   of its first request (:class:`~summarizer.pipeline.summarizer.Summarizer.prepare`).
2. **Write and submit**: request lines (:mod:`summarizer.batch.api.lines`) go to part files
   (:mod:`summarizer.batch.api.transfer`); each becomes one job at the provider
   (:mod:`summarizer.batch.api.jobs`).
3. **Poll** with backoff until every job is terminal: ``completed``, ``failed``,
   ``expired`` or ``cancelled``.
4. **Collect**: the output and error files are streamed line by line into the state; each
   answer is evaluated as a live call's (:mod:`summarizer.batch.api.answers`). Re-asks and
   failed lines go out in one follow-up job per round; ``retry_live`` makes those live
   calls instead.
5. **Write results** in input order, the same lines as ``summarizer batch`` (cost at the
   batch price: :data:`~summarizer.batch.api.options.BATCH_PRICE_FACTOR`).

Export and import (:mod:`summarizer.batch.api.exchange`) are the same run with a request
file and an engine's output files in place of the provider's jobs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.backends.sdk import importing_sdks
from summarizer.batch.api.answers import AnswerEvaluator
from summarizer.batch.api.exchange import read_outputs, settings_json, write_requests
from summarizer.batch.api.jobs import ProviderJobs, api_error, job_message, terminal_message
from summarizer.batch.api.lines import Answer, LivePath
from summarizer.batch.api.options import BatchApiOptions, LogProgress, Progress
from summarizer.batch.api.store import BatchStore, Job, remove_state, state_dir
from summarizer.batch.api.transfer import download, write_parts
from summarizer.batch.io import BatchItem, ResultsFile
from summarizer.batch.live import BatchResult, record_failure
from summarizer.config import Settings
from summarizer.errors import BatchJobError, ConfigError, InputError
from summarizer.pipeline.summarizer import Summarizer
from summarizer.schema import Usage

if TYPE_CHECKING:
    import openai

WRITE_SYNC_EVERY = 1024  # results appended between fsyncs (then marked written in the state)
FAILURES_KEPT = 20  # failures a report lists (the results file has all)


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
        if state is None and out is None:
            raise ValueError("BatchApiRun needs out= or state=")
        self.dir = state if state is not None else state_dir(out)  # type: ignore[arg-type]
        if overwrite:
            remove_state(self.dir)
        self.results = ResultsFile.open(out, overwrite=overwrite) if out is not None else None
        self.summarizer = Summarizer(settings)
        self.live = LivePath(settings)
        self._given_client = client
        self.report = RunReport()
        self._attach(BatchStore(self.dir / "state.sqlite"))

    def _attach(self, store: BatchStore) -> None:
        """Work on ``store``: its jobs at the provider, its articles' answers."""
        self.store = store
        self.jobs = ProviderJobs(
            self.settings,
            store,
            self.options,
            self.progress,
            self.sleep,
            client=self._given_client,
        )
        self.answers = AnswerEvaluator(
            self.settings, store, self.options, self.summarizer, self.live
        )

    @property
    def client(self) -> openai.OpenAI:
        return self.jobs.client

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

    # -- ingesting -----------------------------------------------------------------------

    def ingest(self, items: Iterable[BatchItem]) -> None:
        """Record every article still to do with its first request (once per state)."""
        mark = fingerprint(self.settings, self.summarizer)
        if self.store.ingested and self.finished():  # all written: a new run, for new articles
            self.store.close()
            remove_state(self.dir)
            self._attach(BatchStore(self.dir / "state.sqlite"))
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

    # -- the provider's jobs -------------------------------------------------------------

    def submit(self) -> None:
        """Write part files for queued requests, upload them and create their jobs."""
        write_parts(self.store, self.dir, self.options, self.answers.body, self.answers.final_error)
        for job in self.store.jobs("batch_id IS NULL AND status != 'failed'"):
            self.jobs.create(job)

    def wait(self) -> None:
        """Poll every open job with backoff until all are terminal (and collected)."""
        self.jobs.wait(self.collect)

    def poll(self) -> tuple[int, bool]:
        """Look at every open job once, collecting the terminal ones: (jobs still open, changed)."""
        return self.jobs.poll(self.collect)

    def cancel(self) -> list[str]:
        """Ask the provider to cancel every open job; their finished lines are still collected."""
        return self.jobs.cancel()

    def collect(self, job: Job, batch: Any) -> None:
        """Store every answer of a terminal job, evaluate them, write what is final."""
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id:
                download(self.client, file_id, self.store, self.options, self.sleep)
        status = batch.status
        message = job_message(batch)
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
                self.answers.final_error(article, error)
        elif status == "cancelled":
            with self.store.atomic():
                self.store.db.execute(
                    "UPDATE articles SET state = 'parked' WHERE job = ? AND state = 'submitted'",
                    (job.name,),
                )
        self.answers.evaluate_job(job.name)
        self.store.update_job(
            job.name,
            collected=1,
            status=status,
            message=message,
            output_file_id=batch.output_file_id,
            error_file_id=batch.error_file_id,
        )
        if status != "completed":
            self.report.messages.append(terminal_message(batch, message))
        self.progress.note(f"collected {job.name} (batch {batch.id}, {status})")
        self.write_results()

    def run_live(self) -> None:
        """``retry_live``: continue every queued article with live calls, from where it is."""
        self.answers.run_live()

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
            if upto - start >= WRITE_SYNC_EVERY:  # durable in the results file before marked
                self.results.sync()
                self.store.put("written_upto", str(upto))
                start = upto
        self.results.sync()
        self.store.put("written_upto", str(upto))

    def _count(self, record: dict[str, Any]) -> None:
        report = self.report
        if "error" in record:
            report.failed += 1
            if len(report.failures) < FAILURES_KEPT:  # the first few, for the summary
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
        return write_requests(self.store, requests, self.answers.body)

    def import_outputs(self, outputs: Iterable[Path]) -> RunReport:
        """Verify a self-hosted engine's output file(s) into the results file."""
        if not self.store.ingested:
            raise InputError(
                f"{self.dir}: no export state here; write the requests with `summarizer batch export`"
            )
        self.answers.final_round = True  # no more rounds can be sent: re-asks end here
        read_outputs(self.store, outputs)
        self.answers.evaluate_answered()
        if self.options.retry_live:
            self.run_live()
        self.write_results()
        return self.report

    def close(self) -> None:
        if self.results is not None:
            self.results.close()
        self.summarizer.close()
        self.store.close()


__all__ = ["BatchApiRun", "RunReport", "fingerprint"]
