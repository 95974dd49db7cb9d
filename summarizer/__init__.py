"""summarizer: turn a news article into a verified, structured event summary.

    >>> import summarizer
    >>> result = summarizer.summarize(text)            # doctest: +SKIP
    >>> result.events[0].casualties.killed             # doctest: +SKIP
    >>> summarizer.verify(text, summary_from_elsewhere)  # doctest: +SKIP
    >>> page = summarizer.render_html(result, text)     # doctest: +SKIP

No number reaches the output unchecked: every figure carries a verification status.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.batch.api import BatchApiOptions, BatchApiRun
    from summarizer.batch.io import ResultsFile, load_inputs
    from summarizer.batch.live import BatchResult, asummarize_many, summarize_many
    from summarizer.checks.incidents import Incident, incidents
    from summarizer.checks.report import verify
    from summarizer.config import Settings, load_settings
    from summarizer.errors import (
        BackendError,
        BackendRejected,
        BackendUnavailable,
        BatchJobError,
        CassetteMiss,
        ConfigError,
        InputError,
        ModelOutputError,
        NotAnOpenAIServer,
        SummarizerError,
        VerificationFailed,
    )
    from summarizer.numbers import NumberMention, extract_numbers
    from summarizer.pipeline.cache import ResponseCache
    from summarizer.pipeline.summarizer import Summarizer, asummarize, summarize
    from summarizer.render.html import render_html
    from summarizer.schema import (
        Actor,
        ArticleSummary,
        Casualties,
        Event,
        Figure,
        FigureCheck,
        Meta,
        SummaryDraft,
        VerificationReport,
    )

# Names are imported on first use (PEP 562), so `import summarizer.cli` and
# `summarizer --help` do not pay for the pipeline, the extractor or the model SDKs.
EXPORTS: dict[str, str] = {
    "Actor": "summarizer.schema",
    "ArticleSummary": "summarizer.schema",
    "BackendError": "summarizer.errors",
    "BackendRejected": "summarizer.errors",
    "BackendUnavailable": "summarizer.errors",
    "BatchApiOptions": "summarizer.batch.api",
    "BatchApiRun": "summarizer.batch.api",
    "BatchJobError": "summarizer.errors",
    "BatchResult": "summarizer.batch.live",
    "CassetteMiss": "summarizer.errors",
    "Casualties": "summarizer.schema",
    "ConfigError": "summarizer.errors",
    "Event": "summarizer.schema",
    "Figure": "summarizer.schema",
    "FigureCheck": "summarizer.schema",
    "Incident": "summarizer.checks.incidents",
    "InputError": "summarizer.errors",
    "Meta": "summarizer.schema",
    "ModelOutputError": "summarizer.errors",
    "NotAnOpenAIServer": "summarizer.errors",
    "NumberMention": "summarizer.numbers",
    "ResponseCache": "summarizer.pipeline.cache",
    "ResultsFile": "summarizer.batch.io",
    "Settings": "summarizer.config",
    "Summarizer": "summarizer.pipeline.summarizer",
    "SummarizerError": "summarizer.errors",
    "SummaryDraft": "summarizer.schema",
    "VerificationFailed": "summarizer.errors",
    "VerificationReport": "summarizer.schema",
    "asummarize": "summarizer.pipeline.summarizer",
    "asummarize_many": "summarizer.batch.live",
    "extract_numbers": "summarizer.numbers",
    "incidents": "summarizer.checks.incidents",
    "load_inputs": "summarizer.batch.io",
    "load_settings": "summarizer.config",
    "render_html": "summarizer.render.html",
    "summarize": "summarizer.pipeline.summarizer",
    "summarize_many": "summarizer.batch.live",
    "verify": "summarizer.checks.report",
}

__all__ = [
    "Actor",
    "ArticleSummary",
    "BackendError",
    "BackendRejected",
    "BackendUnavailable",
    "BatchApiOptions",
    "BatchApiRun",
    "BatchJobError",
    "BatchResult",
    "CassetteMiss",
    "Casualties",
    "ConfigError",
    "Event",
    "Figure",
    "FigureCheck",
    "Incident",
    "InputError",
    "Meta",
    "ModelOutputError",
    "NotAnOpenAIServer",
    "NumberMention",
    "ResponseCache",
    "ResultsFile",
    "Settings",
    "Summarizer",
    "SummarizerError",
    "SummaryDraft",
    "VerificationFailed",
    "VerificationReport",
    "asummarize",
    "asummarize_many",
    "extract_numbers",
    "incidents",
    "load_inputs",
    "load_settings",
    "render_html",
    "summarize",
    "summarize_many",
    "verify",
]


def __getattr__(name: str) -> Any:
    module = EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
