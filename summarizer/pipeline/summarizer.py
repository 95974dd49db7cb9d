"""The article's path through the stages, in order:

    read (text/reading) -> plan (pipeline/plan, pipeline/chunks) -> prompt
    (prompting/templates, prompting/selection) -> model (backends/backend, backends/call)
    -> schema (schema) -> check (numbers, checks/figures, checks/claims, checks/grounding)
    -> re-ask or return (checks/reask) -> finish (pipeline/finish) -> render (render/)

Every article takes one path: a plan of chunks (usually one), one model call per chunk
(or a cache hit), one finish. Planning, drafting and finishing are pure functions;
:meth:`Summarizer.summarize` and :meth:`Summarizer.asummarize` only do the I/O between
them (as httpx's Client and AsyncClient share everything but the sending), so sync and
async cannot drift apart. :func:`summarize` is the one-shot convenience.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from summarizer.backends.backend import Backend, open_backend
from summarizer.backends.call import ModelAnswer, acall_model, call_model
from summarizer.backends.preflight import check_settings
from summarizer.backends.transport import deadline_scope
from summarizer.config import Settings, load_settings, with_options
from summarizer.errors import BackendUnavailable, SummarizerError
from summarizer.pipeline.cache import CacheOption, backend_identity, open_cache
from summarizer.pipeline.finish import ChunkResult, Endpoint, draft_from_answer, finish_article
from summarizer.pipeline.plan import (
    ArticlePlan,
    PreparedRequest,
    plan_article,
    prepare,
)
from summarizer.prompting.templates import PromptTemplate, load_prompt
from summarizer.redaction import register_secret
from summarizer.schema import ArticleSummary, Usage

if TYPE_CHECKING:  # the HTTP stack is imported where a request is sent, never for a cache hit
    import httpx2 as httpx

log = logging.getLogger("summarizer.pipeline.summarizer")

__all__ = ["Summarizer", "asummarize", "summarize"]


class Summarizer:
    """Reusable summarizer: configuration, client and embedded server live across calls.

    ``Summarizer(settings, **options)`` applies ``options`` on top of ``settings`` and
    validates the result (an unknown option or a bad value is a ConfigError).
    ``cache``: a response cache (True, a folder, or a ResponseCache). ``transport``: an httpx
    transport every model request goes through instead of the network (``httpx.MockTransport``
    in your tests, a proxy's transport); retries, timeouts and the checks still apply.

    >>> with Summarizer(base_url="http://localhost:11434/v1", model="llama3.2") as s:  # doctest: +SKIP
    ...     result = s.summarize(article_text)
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        cache: CacheOption = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        **options: Any,
    ) -> None:
        if settings is None:
            settings = load_settings(**options)
        else:
            settings = with_options(settings, **options)
        self.settings = settings
        check_settings(settings)  # configuration mistakes fail here, before any request
        register_secret(settings.api_key.get_secret_value() if settings.api_key else None)
        self._backend: Backend | None = None
        self.transport = transport
        self._server_start_s: float | None = None
        # Optional response cache (summarizer.pipeline.cache): True, a folder, or a ResponseCache.
        self.cache = open_cache(cache, settings)
        self._owns_cache = self.cache is not None and self.cache is not cache

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            started = time.monotonic()
            self._backend = open_backend(self.settings, self.transport)
            if self._backend.server is not None:
                self._server_start_s = time.monotonic() - started
        return self._backend

    # -- pure steps, shared by summarize and asummarize ----------------------------------

    def prepare(
        self, text: str, prompt: str | None = None, dateline: dt.date | None = None
    ) -> PreparedRequest:
        """The request for ``text`` as one piece (what a one-chunk plan sends)."""
        return prepare(
            text,
            self._template(prompt),
            dateline=dateline,
            reask=self.settings.reask_unverified,
            backend_kind=self.settings.resolved_backend(),
        )

    def plan(
        self, text: str, prompt: str | None = None, dateline: dt.date | None = None
    ) -> ArticlePlan:
        """What the model will be asked for ``text``: one request per chunk, usually one.

        ``dateline``: the publication date, when the article has no ``date YYYY-MM-DD``
        line of its own (or to override it); weekdays and "yesterday" resolve against it.
        """
        return plan_article(
            text,
            self._template(prompt),
            self.settings,
            backend_kind=self.settings.resolved_backend(),
            dateline=dateline,
        )

    # -- the I/O shells -------------------------------------------------------------------

    def summarize(
        self, text: str, *, prompt: str | None = None, dateline: dt.date | None = None
    ) -> ArticleSummary:
        """Summarize one article; figures are verified and re-asked per the settings."""
        started = time.monotonic()
        plan = self.plan(text, prompt, dateline)
        budget = _DeadlineBudget(self.settings.deadline)
        results: list[ChunkResult] = []
        with _charging(results):
            for request in plan.requests:
                key, hit = self._lookup(request)
                if hit is None:
                    backend = self.backend  # may start the embedded server: not model time
                    with budget.scope(backend):
                        answer = call_model(
                            backend,
                            request.messages,
                            request.response_model,
                            request.context,
                            request.headers,
                        )
                    results.append(self._accept(request, answer, key))
                else:
                    results.append(ChunkResult(hit, draft_from_answer(hit, request), cached=True))
        return self._finish(plan, results, started)

    async def asummarize(
        self, text: str, *, prompt: str | None = None, dateline: dt.date | None = None
    ) -> ArticleSummary:
        """:meth:`summarize` for asyncio: the same steps, the model called without blocking."""
        started = time.monotonic()
        plan = self.plan(text, prompt, dateline)
        budget = _DeadlineBudget(self.settings.deadline)
        results: list[ChunkResult] = []
        with _charging(results):
            for request in plan.requests:
                key, hit = self._lookup(request)
                if hit is None:
                    backend = self.backend  # may start the embedded server: not model time
                    with budget.scope(backend):
                        answer = await acall_model(
                            backend,
                            request.messages,
                            request.response_model,
                            request.context,
                            request.headers,
                        )
                    results.append(self._accept(request, answer, key))
                else:
                    results.append(ChunkResult(hit, draft_from_answer(hit, request), cached=True))
        return self._finish(plan, results, started)

    # -- helpers of the shells --------------------------------------------------------------

    def _template(self, prompt: str | None) -> PromptTemplate:
        return load_prompt(prompt or self.settings.resolved_prompt(), self.settings.prompts_dir)

    def _lookup(self, request: PreparedRequest) -> tuple[str | None, ModelAnswer | None]:
        if self.cache is None:
            return None, None
        key = self.cache.key_for(request, self.settings, request.response_model)
        hit = self.cache.get(key)
        log.info("response cache %s (%s)", "hit" if hit is not None else "miss", key[:12])
        return key, hit

    def _accept(
        self, request: PreparedRequest, answer: ModelAnswer, key: str | None
    ) -> ChunkResult:
        """A fresh answer's draft; the one place answers are cached (only usable ones)."""
        draft = draft_from_answer(answer, request)
        if self.cache is not None and key is not None and not answer.note:
            self.cache.put(key, answer)  # a deadline-cut answer is not the model's last word
        return ChunkResult(answer, draft, cached=False)

    def _finish(
        self, plan: ArticlePlan, results: list[ChunkResult], started: float
    ) -> ArticleSummary:
        return finish_article(
            plan,
            results,
            self.settings,
            self._endpoint(),
            started=started,
            server_start_s=self._server_start_s,
        )

    def _endpoint(self) -> Endpoint:
        # A cache hit must not start the embedded server just to fill in meta.
        spec = self.settings.backend_spec()
        if self._backend is None:
            identity = backend_identity(self.settings)
            kind, model, base_url = identity.kind, identity.model, identity.base_url
        else:
            kind, model, base_url = self._backend.kind, self._backend.model, self._backend.base_url
        return Endpoint(kind, model, base_url if spec.reports_base_url else None)

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


@contextlib.contextmanager
def _charging(results: list[ChunkResult]) -> Iterator[None]:
    """A failure of one article carries every token it spent (earlier chunks and the failed call).

    The failed call's own tokens are already on the error (:mod:`summarizer.backends.call`);
    a batch counts ``error.usage`` in its totals, since the provider bills them all the same.
    """
    try:
        yield
    except SummarizerError as exc:
        earlier = sum((r.answer.usage for r in results if not r.cached), Usage())
        exc.usage = earlier + (exc.usage or Usage())
        raise


class _DeadlineBudget:
    """One ``deadline`` for the model time of all chunks (starting a server does not count)."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.spent = 0.0

    @contextlib.contextmanager
    def scope(self, backend: Backend) -> Iterator[None]:
        remaining = self.deadline - self.spent
        if remaining <= 0:
            where = backend.base_url or "the OpenAI API"
            raise BackendUnavailable(
                f"gave up on {where}: the {self.deadline:g}s deadline per article ran out"
            )
        started = time.monotonic()
        try:
            with deadline_scope(remaining):
                yield
        finally:
            self.spent += time.monotonic() - started


def summarize(text: str, *, dateline: dt.date | None = None, **options: Any) -> ArticleSummary:
    """One-shot: summarize ``text`` with a fresh :class:`Summarizer` (options as in :class:`Settings`)."""
    with Summarizer(**options) as summarizer:
        return summarizer.summarize(text, dateline=dateline)


async def asummarize(
    text: str, *, dateline: dt.date | None = None, **options: Any
) -> ArticleSummary:
    async with Summarizer(**options) as summarizer:
        return await summarizer.asummarize(text, dateline=dateline)
