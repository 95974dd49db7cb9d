"""summarizer: turn a news article into a verified, structured event summary.

    >>> import summarizer
    >>> result = summarizer.summarize(text)            # doctest: +SKIP
    >>> result.events[0].casualties.killed             # doctest: +SKIP
    >>> summarizer.verify(text, summary_from_elsewhere)  # doctest: +SKIP
    >>> page = summarizer.render_html(result, text)     # doctest: +SKIP

No number reaches the output unchecked: every figure carries a verification status.
"""

from __future__ import annotations

from summarizer.batch import BatchResult, asummarize_many, summarize_many
from summarizer.batch_api import BatchApiOptions, BatchApiRun
from summarizer.batch_io import ResultsFile, load_inputs
from summarizer.cache import ResponseCache
from summarizer.config import Settings, load_settings
from summarizer.crosscheck import verify
from summarizer.errors import (
    BackendError,
    BackendRejected,
    BackendUnavailable,
    BatchJobError,
    CassetteMiss,
    ConfigError,
    InputError,
    ModelOutputError,
    SummarizerError,
    VerificationFailed,
)
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.pipeline import Summarizer, asummarize, summarize
from summarizer.report_html import render_html
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
    "InputError",
    "Meta",
    "ModelOutputError",
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
    "load_inputs",
    "load_settings",
    "render_html",
    "summarize",
    "summarize_many",
    "verify",
]
