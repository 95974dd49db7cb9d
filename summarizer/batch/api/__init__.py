"""Batches through a provider's Batch API (OpenAI, or any server with the endpoints).

:class:`BatchApiRun` submits, re-attaches, polls and collects; :mod:`.transfer` writes
request files for self-hosted engines (vLLM's ``run_batch``) and reads their outputs back.
Every answer is validated and verified here with the same code as a live call.
"""

from __future__ import annotations

from summarizer.batch.api.engine import (
    BATCH_PRICE_FACTOR,
    MAX_BYTES,
    MAX_LINES,
    BatchApiOptions,
    BatchApiRun,
    RunReport,
    state_dir,
)

__all__ = [
    "BATCH_PRICE_FACTOR",
    "MAX_BYTES",
    "MAX_LINES",
    "BatchApiOptions",
    "BatchApiRun",
    "RunReport",
    "state_dir",
]
