"""After the model: drafts from answers, and one verified ArticleSummary from a plan (pure).

:func:`draft_from_answer` turns one model answer into a draft (salvaging the last answer
when re-asks ran out on unverified figures). :func:`finish_article` merges the chunk
drafts (one chunk: that draft as it is), verifies the result against the WHOLE article,
and fills in ``meta``. Nothing here does I/O; the clock is read for timings only.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from pydantic import BaseModel, ValidationError

from summarizer.backends.call import ModelAnswer
from summarizer.backends.failures import malformed_hint
from summarizer.checks.reask import report_of
from summarizer.checks.report import verify
from summarizer.checks.salvage import salvage
from summarizer.config import Settings
from summarizer.errors import ModelOutputError, VerificationFailed
from summarizer.pipeline.chunks import merge_drafts
from summarizer.pipeline.costs import estimate_cost
from summarizer.pipeline.plan import ArticlePlan, PreparedRequest
from summarizer.prompting.selection import SelectionAnswer, rebase
from summarizer.prompting.templates import schema_hash
from summarizer.schema import ArticleSummary, ClaimCheck, Meta, SummaryDraft, Timings, Usage


@dataclass(frozen=True)
class ChunkResult:
    """One chunk's answer and the draft made from it; ``cached``: served by the cache."""

    answer: ModelAnswer
    draft: SummaryDraft
    cached: bool


@dataclass(frozen=True)
class Endpoint:
    """Who answered, for ``meta``: backend name, model, and the base URL to report (or None)."""

    backend: str
    model: str
    base_url: str | None


def draft_from_answer(answer: ModelAnswer, request: PreparedRequest) -> SummaryDraft:
    """The answer's draft; when re-asks ran out, what can be kept of the last answer.

    Unverified figures are kept and flagged by the verification report; a field the schema
    refuses is repaired or dropped, field by field, and flagged too (:mod:`summarizer.checks.salvage`).
    Only an answer with nothing to keep (not JSON, no headline) fails the article.
    """
    if answer.draft is not None:
        return as_draft(answer.draft)
    assert answer.raw_text is not None
    context = {**request.context, "reask": False}
    try:
        return as_draft(salvage(answer.raw_text, request.response_model, context))
    except ValidationError as exc:
        errors = "; ".join(answer.errors[-1:]) or str(exc.errors()[0]["msg"])
        error = ModelOutputError(
            f"model did not return a valid summary after {answer.attempts} attempts: "
            f"{errors}; {malformed_hint(errors)}"
        )
        error.usage = answer.usage
        raise error from None


def chunk_repairs(results: Sequence[ChunkResult]) -> list[ClaimCheck]:
    """What reading each chunk's answer repaired or dropped, for the merged report: a merged
    draft is verified afresh and these (unlike a cut text) cannot be seen in it any more.
    Their paths name the chunk: ``chunks[1].events[0].date``."""
    repairs = []
    for number, result in enumerate(results):
        report = report_of(result.draft)
        for claim in report.claims if report is not None else ():
            if claim.kind == "format" and claim.status in ("malformed", "repaired"):
                repairs.append(claim.model_copy(update={"path": f"chunks[{number}].{claim.path}"}))
    return repairs


def as_draft(answer: BaseModel) -> SummaryDraft:
    """A validated answer as a SummaryDraft (a selection answer maps itself)."""
    if isinstance(answer, SelectionAnswer):
        return answer.to_draft()
    assert isinstance(answer, SummaryDraft)
    return answer


def finish_article(
    plan: ArticlePlan,
    results: Sequence[ChunkResult],
    settings: Settings,
    endpoint: Endpoint,
    *,
    started: float,
    server_start_s: float | None = None,
) -> ArticleSummary:
    """The verified summary of the planned article (VerificationFailed under ``strict``)."""
    if len(results) != plan.chunks or not results:
        raise ValueError(f"{len(results)} chunk results for a plan of {plan.chunks} chunks")
    verify_started = time.monotonic()
    article = plan.article
    if len(results) == 1:
        draft = results[0].draft
        # Validation already cross-checked this draft against the same article and mentions.
        report = report_of(draft)
    else:
        draft = merge_drafts([SummaryDraft.model_validate(r.draft.model_dump()) for r in results])
        report = None  # merged: verify against the whole original text, offsets included
    if article.prompt.response == "selection" and len(results) > 1:
        draft = rebase(draft, article.context["listed"])  # chunk ids -> the article's ids
    if report is None:
        report = verify(
            article.text,
            draft,
            article.mentions,
            dateline=article.dateline,
            repairs=chunk_repairs(results),
        )
    answers = [r.answer for r in results]
    attempts = sum(a.attempts for a in answers)
    cached = all(r.cached for r in results)
    fresh_usage = sum((r.answer.usage for r in results if not r.cached), Usage())
    meta = Meta(
        model=endpoint.model,
        backend=endpoint.backend,
        base_url=endpoint.base_url,
        prompt_id=article.prompt.id,
        prompt_version=article.prompt.version,
        prompt_hash=article.prompt_hash,
        schema_hash=schema_hash(article.response_model),
        usage=sum((a.usage for a in answers), Usage()),
        attempts=attempts,
        reasks=max(0, attempts - len(results)),
        timings=Timings(
            total_s=round(time.monotonic() - started, 4),
            model_s=round(sum(a.elapsed for a in answers), 4),
            verify_s=round(time.monotonic() - verify_started, 4),
            server_start_s=round(server_start_s, 3) if server_start_s else None,
        ),
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        summarizer_version=package_version(),
        cost_usd=estimate_cost(fresh_usage, settings, cached=cached),
        cached=cached,
        chunks=len(results),
        notes=[a.note for a in answers if a.note],
    )
    summary = ArticleSummary.model_validate(
        {**draft.model_dump(), "meta": meta, "verification": report},
        context={"dateline": article.dateline},
    )
    if settings.strict and not report.all_verified:
        raise VerificationFailed(
            f"{report.total - report.verified} of {report.total} claims failed verification (--strict)",
            summary,
        )
    return summary


@functools.cache  # importlib.metadata reads the dist-info each time: ~1 ms per article
def package_version() -> str:
    try:
        return version("summarizer")
    except PackageNotFoundError:
        return "0+unknown"


__all__ = [
    "ChunkResult",
    "Endpoint",
    "as_draft",
    "chunk_repairs",
    "draft_from_answer",
    "finish_article",
    "package_version",
]
