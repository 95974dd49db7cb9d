"""What each article's request is, and what its answer becomes: exactly a live call's.

An answer is replayed through the live path (:class:`~summarizer.batch.api.lines.LivePath`)
and finished by the pipeline, as a live call would be. It becomes the article's result; or
instructor's re-ask, queued for the next round (bounded by ``max_retries``, as live); or,
for a failed line (5xx, expired, missing), the same request queued once more. ``retry_live``
makes what is still queued live calls instead. Results are priced at the batch price.
"""

from __future__ import annotations

import gc
import time
from typing import Any

from summarizer.backends.call import ModelAnswer, call_model
from summarizer.batch.api.lines import Answer, LivePath
from summarizer.batch.api.options import BatchApiOptions
from summarizer.batch.api.store import Article, BatchStore
from summarizer.batch.live import BatchResult, record_failure
from summarizer.config import Settings
from summarizer.errors import SummarizerError
from summarizer.pipeline.cache import backend_identity
from summarizer.pipeline.costs import estimate_cost
from summarizer.pipeline.finish import ChunkResult, Endpoint, draft_from_answer, finish_article
from summarizer.pipeline.plan import RESPONSE_MODEL, ArticlePlan, PreparedRequest
from summarizer.pipeline.summarizer import Summarizer
from summarizer.schema import ArticleSummary, Usage

# Evaluating an answer leaves garbage in reference cycles (exceptions caught on the live
# path keep their frames: instructor's retries, the replay transport's captures, rejected
# number candidates in verification; jinja environments). CPython frees cycles that reach
# the oldest generation only when it has grown by a quarter, which on a run's large heap is
# tens of MB later: collected every this many articles, memory stays flat in their number.
COLLECT_EVERY = 1024
EVALUATE_AT_ONCE = 256  # answers read from the state, then evaluated in one transaction


class AnswerEvaluator:
    """Requests and answers of one state's articles, through the live code path."""

    def __init__(
        self,
        settings: Settings,
        store: BatchStore,
        options: BatchApiOptions,
        summarizer: Summarizer,
        live: LivePath,
    ) -> None:
        self.settings = settings
        self.store = store
        self.options = options
        self.summarizer = summarizer
        self.live = live
        self.final_round = False  # import: no more rounds can be sent, re-asks end here
        # Prepared once when every article answers in one schema (not a selection prompt).
        self.fixed_schema_request: PreparedRequest | None = None
        self._since_collect = 0  # articles evaluated since the last full garbage collection
        identity, spec = backend_identity(settings), settings.backend_spec()
        self.endpoint = Endpoint(
            identity.kind, identity.model, identity.base_url if spec.reports_base_url else None
        )

    # -- requests ------------------------------------------------------------------------

    def body(self, article: Article, request: PreparedRequest | None = None) -> dict[str, Any]:
        """The body of the article's outstanding request: what a live call would POST.

        ``request``: the article's prepared request, when the caller has it already. Else
        one request serves every article when they share one schema, and a selection
        prompt's article is prepared for its own.
        """
        if request is None:
            request = self.fixed_schema_request or self.summarizer.prepare(article.text or "")
            if request.response_model is RESPONSE_MODEL:  # one schema for every article
                self.fixed_schema_request = request
        return self.live.body_with(request, article.messages)

    # -- answers -------------------------------------------------------------------------

    def evaluate_job(self, name: str) -> None:
        """Evaluate every answered article of the job ``name``."""
        self._evaluate_rows("job = ? AND state = 'answered'", (name,))

    def evaluate_answered(self) -> None:
        """Evaluate every answered article (an import: every output file is in)."""
        self._evaluate_rows("state = 'answered'", ())

    def _evaluate_rows(self, where: str, params: tuple[Any, ...]) -> None:
        """A few hundred articles read, then evaluated in one transaction; and again."""
        batch: list[Article] = []
        for article in self.store.articles(where, params):
            batch.append(article)
            if len(batch) == EVALUATE_AT_ONCE:
                self._evaluate_some(batch)
                batch = []
        self._evaluate_some(batch)

    def _evaluate_some(self, articles: list[Article]) -> None:
        with self.store.atomic():
            for article in articles:
                self.evaluate_one(article)
        self._since_collect += len(articles)
        if self._since_collect >= COLLECT_EVERY:  # ~50 ms per 1,024 articles (~1-2% CPU)
            gc.collect()
            self._since_collect = 0

    def evaluate_one(self, article: Article) -> None:
        """The article's answer becomes its result, its re-ask, or its request once more."""
        started = time.monotonic()
        assert article.answer_status is not None and article.answer_body is not None
        answer = Answer(article.answer_status, bytes(article.answer_body))
        request = self.summarizer.prepare(article.text or "")
        reasks_left = 0 if self.final_round else self.settings.max_retries - article.reasks_used
        outcome = self.live.evaluate_line(request, article.messages, answer, reasks_left)
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
            self.finish(article, request, final, started, batch_usage=usage)
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
            self.final_error(article, outcome.error)

    def finish(
        self,
        article: Article,
        request: PreparedRequest,
        answer: ModelAnswer,
        started: float,
        *,
        batch_usage: Usage,
        live_usage: Usage | None = None,
    ) -> None:
        """Finish an accepted answer as the pipeline does; the article becomes final."""
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

    def final_error(self, article: Article, error: BaseException) -> None:
        """The article is final with ``error`` as its result."""
        result = BatchResult(id=article.article_id, index=article.position, source=article.source)
        record_failure(result, error)
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
                        self.final_error(article, exc)
                        continue
                    combined = ModelAnswer(
                        answer.draft,
                        answer.raw_text,
                        batch_usage + answer.usage,
                        article.attempts + answer.attempts,
                        answer.errors,
                        answer.elapsed,
                    )
                    self.finish(
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


__all__ = ["COLLECT_EVERY", "AnswerEvaluator"]
