"""The article's path through the stages, in order:

    read (reading.py) -> prompt (prompts.py) -> model (backends.py + model_call.py)
    -> schema (schema.py) -> verify (numbers.py, grounding.py, crosscheck.py)
    -> re-ask or return (verification.py) -> render (render.py)

:class:`Summarizer` holds the configuration and the backend (and so the embedded
server) across calls; :func:`summarize` is the one-shot convenience.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from pydantic import BaseModel, ValidationError

from summarizer import chunking
from summarizer.backends import Backend, open_backend
from summarizer.cache import BackendIdentity, CacheOption, backend_identity, open_cache
from summarizer.config import Settings, load_settings
from summarizer.costs import estimate_cost
from summarizer.crosscheck import verify
from summarizer.dates import parse_dateline
from summarizer.errors import InputError, ModelOutputError, VerificationFailed
from summarizer.model_call import ModelAnswer, acall_model, call_model
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.prompts import PromptTemplate, load_prompt, schema_hash
from summarizer.redaction import register_secret
from summarizer.schema import ArticleSummary, Meta, SummaryDraft, Timings
from summarizer.verification import make_verified_model, report_of

log = logging.getLogger("summarizer.pipeline")

RESPONSE_MODEL: type[SummaryDraft] = make_verified_model(SummaryDraft)


@dataclass(frozen=True)
class PreparedRequest:
    """Everything decided before the model is called (pure: no I/O)."""

    text: str
    prompt: PromptTemplate
    prompt_hash: str
    messages: list[dict[str, str]]
    context: dict[str, Any]
    headers: dict[str, str]
    mentions: list[NumberMention]
    dateline: dt.date | None


def prepare(
    text: str, prompt: PromptTemplate, *, reask: bool = True, backend_kind: str = ""
) -> PreparedRequest:
    if not text.strip():
        raise InputError("empty input, nothing to summarize")
    dateline = parse_dateline(text)
    body = text[dateline.end :] if dateline else text
    mentions = extract_numbers(text)
    prompt_hash = prompt.content_hash(RESPONSE_MODEL)
    messages = prompt.render(
        article=body.strip(),
        dateline=dateline.date.isoformat() if dateline else "unknown",
        numbers=numbers_checklist(mentions),
    )
    context = {
        "article": text,
        "mentions": mentions,
        "dateline": dateline.date if dateline else None,
        "reask": reask,
    }
    headers = {
        # Carried into every cassette: which prompt a recording belongs to.
        "X-Summarizer-Prompt-Id": prompt.id,
        "X-Summarizer-Prompt-Version": prompt.version,
        "X-Summarizer-Prompt-Hash": prompt_hash,
        "X-Summarizer-Backend": backend_kind,
    }
    return PreparedRequest(
        text, prompt, prompt_hash, messages, context, headers, mentions, context["dateline"]
    )


def numbers_checklist(mentions: list[NumberMention]) -> str:
    """The rule-extracted numbers as a short list a prompt may offer the model."""
    lines = []
    for mention in mentions:
        if mention.role in ("date_or_year", "time", "ordinal"):
            continue
        lines.append(
            f"- {mention.text} ({mention.qualifier}, {mention.role}, {mention.noun or '?'})"
        )
    return "\n".join(lines) or "- (none)"


class Summarizer:
    """Reusable summarizer: configuration, client and embedded server live across calls.

    >>> with Summarizer(base_url="http://localhost:11434/v1", model="llama3.2") as s:  # doctest: +SKIP
    ...     result = s.summarize(article_text)
    """

    def __init__(
        self, settings: Settings | None = None, *, cache: CacheOption = None, **options: Any
    ) -> None:
        if settings is None:
            settings = load_settings(**options)
        elif options:
            settings = settings.model_copy(update=options)
        self.settings = settings
        register_secret(settings.api_key.get_secret_value() if settings.api_key else None)
        self._backend: Backend | None = None
        self._server_start_s: float | None = None
        # Optional response cache (summarizer.cache): True, a folder, or a ResponseCache.
        self.cache = open_cache(cache, settings)
        self._owns_cache = self.cache is not None and self.cache is not cache

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            started = time.monotonic()
            self._backend = open_backend(self.settings)
            if self._backend.server is not None:
                self._server_start_s = time.monotonic() - started
        return self._backend

    def prepare(self, text: str, prompt: str | None = None) -> PreparedRequest:
        template = load_prompt(prompt or self.settings.prompt, self.settings.prompts_dir)
        return prepare(
            text,
            template,
            reask=self.settings.reask_unverified,
            backend_kind=self.settings.resolved_backend(),
        )

    def summarize(self, text: str, *, prompt: str | None = None) -> ArticleSummary:
        """Summarize one article; figures are verified and re-asked per the settings."""
        if chunking.needs_chunking(text, self.settings):  # long article: see summarizer.chunking
            return chunking.summarize_chunks(self, text, prompt)
        started = time.monotonic()
        request = self.prepare(text, prompt)
        key, hit = self._cache_lookup(request)
        answer = hit or call_model(
            self.backend, request.messages, RESPONSE_MODEL, request.context, request.headers
        )
        return self._finish(request, answer, started, cached=hit is not None, cache_key=key)

    async def asummarize(self, text: str, *, prompt: str | None = None) -> ArticleSummary:
        if chunking.needs_chunking(text, self.settings):
            return await chunking.asummarize_chunks(self, text, prompt)
        started = time.monotonic()
        request = self.prepare(text, prompt)
        key, hit = self._cache_lookup(request)
        answer = hit or await acall_model(
            self.backend, request.messages, RESPONSE_MODEL, request.context, request.headers
        )
        return self._finish(request, answer, started, cached=hit is not None, cache_key=key)

    def _cache_lookup(self, request: PreparedRequest) -> tuple[str | None, ModelAnswer | None]:
        if self.cache is None:
            return None, None
        key = self.cache.key_for(request, self.settings, RESPONSE_MODEL)
        return key, self.cache.get(key)

    def _identity(self) -> BackendIdentity:
        # A cache hit must not start the embedded server just to fill in meta.
        if self._backend is None:
            return backend_identity(self.settings)
        return BackendIdentity(self._backend.kind, self._backend.model, self._backend.base_url)

    def _finish(
        self,
        request: PreparedRequest,
        answer: ModelAnswer,
        started: float,
        *,
        cached: bool = False,
        cache_key: str | None = None,
    ) -> ArticleSummary:
        verify_started = time.monotonic()
        draft = answer.draft if answer.draft is not None else _salvage(answer, request)
        # Validation already cross-checked this draft against the same article and mentions.
        report = report_of(draft)
        if report is None:
            report = verify(request.text, draft, request.mentions)
        backend = self._identity()
        meta = Meta(
            model=backend.model,
            backend=backend.kind,
            base_url=backend.base_url if backend.kind != "openai" else None,
            prompt_id=request.prompt.id,
            prompt_version=request.prompt.version,
            prompt_hash=request.prompt_hash,
            schema_hash=schema_hash(RESPONSE_MODEL),
            usage=answer.usage,
            attempts=answer.attempts,
            reasks=answer.reasks,
            timings=Timings(
                total_s=round(time.monotonic() - started, 4),
                model_s=round(answer.elapsed, 4),
                verify_s=round(time.monotonic() - verify_started, 4),
                server_start_s=round(self._server_start_s, 3) if self._server_start_s else None,
            ),
            created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            summarizer_version=_package_version(),
            cost_usd=estimate_cost(answer.usage, self.settings, cached=cached),
            cached=cached,
        )
        summary = ArticleSummary.model_validate(
            {**draft.model_dump(), "meta": meta, "verification": report},
            context={"dateline": request.dateline},
        )
        if self.cache is not None and cache_key is not None and not cached:
            self.cache.put(cache_key, answer)  # only answers that made a summary are stored
        if self.settings.strict and not report.all_verified:
            raise VerificationFailed(
                f"{report.total - report.verified} of {report.total} claims failed verification (--strict)",
                summary,
            )
        return summary

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
            self._backend = None
        if self.cache is not None and self._owns_cache:
            self.cache.close()

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._backend is not None:
            await self._backend.aclose()
        self.close()


def _salvage(answer: ModelAnswer, request: PreparedRequest) -> BaseModel:
    """Re-asks ran out on unverified figures: keep the last answer, flagged by its report."""
    assert answer.raw_text is not None
    context = {**request.context, "reask": False}
    try:
        return RESPONSE_MODEL.model_validate_json(answer.raw_text, context=context)
    except ValidationError as exc:
        errors = "; ".join(answer.errors[-1:]) or str(exc.errors()[0]["msg"])
        raise ModelOutputError(
            f"model did not return a valid summary after {answer.attempts} attempts: {errors}"
        ) from None


def _package_version() -> str:
    try:
        return version("summarizer")
    except PackageNotFoundError:
        return "0+unknown"


def summarize(text: str, **options: Any) -> ArticleSummary:
    """One-shot: summarize ``text`` with a fresh :class:`Summarizer` (options as in :class:`Settings`)."""
    with Summarizer(**options) as summarizer:
        return summarizer.summarize(text)


async def asummarize(text: str, **options: Any) -> ArticleSummary:
    async with Summarizer(**options) as summarizer:
        return await summarizer.asummarize(text)
