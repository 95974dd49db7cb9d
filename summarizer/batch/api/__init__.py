"""Batches through a provider's Batch API (OpenAI, or any server with the endpoints).

run.py       BatchApiRun: ingest, rounds of jobs, collect, results in input order
options.py   BatchApiOptions (limits, polling, retries) and progress reporting
jobs.py      the provider's jobs: create, re-attach after a crash, poll, cancel
transfer.py  part files written and uploaded; output and error files downloaded
answers.py   each article's request body, and what its answer becomes (as live)
lines.py     request lines and answers through the live code path (instructor + SDK)
store.py     the run's state on disk (SQLite), so a re-run re-attaches
exchange.py  export/import for self-hosted engines (vLLM's ``run_batch``)
"""

from __future__ import annotations

from summarizer.batch.api.options import (
    BATCH_PRICE_FACTOR,
    MAX_BYTES,
    MAX_LINES,
    BatchApiOptions,
)
from summarizer.batch.api.run import BatchApiRun, RunReport
from summarizer.batch.api.store import state_dir

__all__ = [
    "BATCH_PRICE_FACTOR",
    "MAX_BYTES",
    "MAX_LINES",
    "BatchApiOptions",
    "BatchApiRun",
    "RunReport",
    "state_dir",
]
