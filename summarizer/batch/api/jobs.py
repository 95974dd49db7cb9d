"""The provider's side of a run: create, re-attach to, poll and cancel its batch jobs.

Each part file becomes one job (``completion_window`` 24h) tagged with the run's id and
the part's name, and every step is recorded in the state before the next: a crash
between "created" and "recorded" is healed by finding the job in the provider's list
instead of submitting it again. Polling backs off until every job is terminal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx2 as httpx

from summarizer.backends.backend import PLACEHOLDER_KEY
from summarizer.backends.sdk import importing_sdks
from summarizer.backends.transport import tls_context
from summarizer.batch.api.lines import ENDPOINT
from summarizer.batch.api.options import COMPLETION_WINDOW, BatchApiOptions, Progress
from summarizer.batch.api.store import BatchStore, Job
from summarizer.batch.api.transfer import upload
from summarizer.config import Settings
from summarizer.errors import BackendRejected, BackendUnavailable, SummarizerError
from summarizer.redaction import redact

if TYPE_CHECKING:
    import openai

TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
OPEN = "collected = 0 AND batch_id IS NOT NULL"  # jobs at the provider not yet collected
LIST_LIMIT = 100  # the provider's most recent jobs searched when re-attaching

Collect = Callable[[Job, Any], None]  # a terminal job and its batch object


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


class ProviderJobs:
    """A run's jobs at the provider, as recorded in its state."""

    def __init__(
        self,
        settings: Settings,
        store: BatchStore,
        options: BatchApiOptions,
        progress: Progress,
        sleep: Callable[[float], None],
        *,
        client: openai.OpenAI | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.options = options
        self.progress = progress
        self.sleep = sleep
        self._client = client

    @property
    def client(self) -> openai.OpenAI:
        """The files/batches client, made on first use (an export never needs one)."""
        if self._client is None:
            self._client = openai_client(self.settings)
        return self._client

    def create(self, job: Job) -> None:
        """Upload a written part file and create its job, or find the one a crash left."""
        client = self.client
        if job.input_file_id is None:
            file_id = upload(client, job.path)
            self.store.update_job(job.name, input_file_id=file_id, status="uploaded")
            job.input_file_id = file_id
        metadata = {"summarizer_run": self.store.run_id, "summarizer_job": job.name}
        batch = None
        if job.status == "creating":  # a crash between create and record: find it, do not resubmit
            batch = self.find(metadata)
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

    def find(self, metadata: dict[str, str]) -> Any:
        """The provider's job carrying ``metadata`` (this run's and part's tags), or None."""
        for batch in self.client.batches.list(limit=LIST_LIMIT):
            tags = batch.metadata or {}
            if all(tags.get(key) == value for key, value in metadata.items()):
                return batch
        return None

    def wait(self, collect: Collect) -> None:
        """Poll every open job with backoff until all are terminal (and collected)."""
        delay = self.options.poll_initial
        while True:
            open_jobs, changed = self.poll(collect)
            if not open_jobs:
                return
            self.sleep(delay)
            delay = (
                self.options.poll_initial if changed else min(delay * 1.5, self.options.poll_max)
            )

    def poll(self, collect: Collect) -> tuple[int, bool]:
        """Look at every open job once, collecting the terminal ones: (jobs still open, changed)."""
        changed = False
        for job in self.store.jobs(OPEN):
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
                collect(job, batch)
        return len(self.store.jobs(OPEN)), changed

    def cancel(self) -> list[str]:
        """Ask the provider to cancel every open job; their finished lines are still collected."""
        cancelled = []
        for job in self.store.jobs(OPEN):
            with contextlib.suppress(Exception):
                self.client.batches.cancel(job.batch_id)  # type: ignore[arg-type]
                cancelled.append(job.batch_id or "")
        return cancelled


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


def job_message(batch: Any) -> str:
    """The first few errors the provider gives for a job (its lines' errors), redacted."""
    errors = getattr(batch, "errors", None)
    data = getattr(errors, "data", None) or []
    parts = []
    for error in data[:3]:
        line = f" (line {error.line})" if getattr(error, "line", None) else ""
        parts.append(
            f"{getattr(error, 'code', None) or 'error'}: {getattr(error, 'message', '')}{line}"
        )
    return redact("; ".join(parts)) if parts else ""


def terminal_message(batch: Any, message: str) -> str:
    """What the run's report says about a job that ended other than ``completed``."""
    counts = batch.request_counts
    done = f"{counts.completed} of {counts.total} requests answered" if counts else ""
    what = {
        "failed": "failed: the provider rejected the job",
        "expired": f"expired ({COMPLETION_WINDOW} window passed); unanswered requests go to a follow-up",
        "cancelled": "was cancelled; re-run the same command to submit its unanswered requests again",
    }.get(batch.status, batch.status)
    detail = f" ({message})" if message else ""
    return f"batch job {batch.id} {what}{detail}" + (f"; {done}" if done else "")


__all__ = [
    "OPEN",
    "TERMINAL",
    "ProviderJobs",
    "api_error",
    "job_message",
    "openai_client",
    "terminal_message",
]
