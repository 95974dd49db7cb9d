"""Long articles: split, summarize each chunk, merge, verify against the whole text.

An article longer than ``Settings.max_article_chars`` is cut into chunks of at most
that many characters, on paragraph boundaries when it can, else on sentence
boundaries, else on whitespace. Each chunk (with the article's dateline in front,
so "Saturday" still resolves) is summarized like a short article: same prompt,
same re-asks against that chunk. The chunk drafts are then merged:

* events: concatenated, and merged when they share event type, date and location
  (casualty slots, figures, actors and evidence are united, first chunk first);
* key figures: united, deduplicated by value, role and quote;
* headline from the first chunk; summaries joined while they fit.

The merged draft is verified against the ORIGINAL full text, so every grounding
offset in the result indexes the original article (``meta.chunks`` says how many
chunks were used). One deadline (``Settings.deadline``) covers the model calls of all
chunks together, retries and re-asks included.

An article longer than ``max_article_chars * max_chunks`` is refused with an
:class:`~summarizer.errors.InputError` that states the limit, before any model call.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summarizer.config import Settings
from summarizer.dates import parse_dateline
from summarizer.errors import BackendUnavailable, InputError, VerificationFailed
from summarizer.schema import (
    MAX_ACTORS,
    MAX_EVENTS,
    MAX_EVIDENCE,
    MAX_FIGURES,
    MAX_KEY_FIGURES,
    ArticleSummary,
    Event,
    Figure,
    SummaryDraft,
    Usage,
)
from summarizer.transport import deadline_scope

if TYPE_CHECKING:
    from summarizer.backends import Backend
    from summarizer.model_call import ModelAnswer
    from summarizer.pipeline import PreparedRequest, Summarizer

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_SUMMARY_LIMIT = next(
    m.max_length for m in SummaryDraft.model_fields["summary"].metadata if hasattr(m, "max_length")
)


@dataclass(frozen=True, slots=True)
class Chunk:
    """``text`` is ``article[start:end]``; ``prompt_text`` is what the model sees."""

    start: int
    end: int
    text: str
    prompt_text: str


# ---------------------------------------------------------------------------
# Limits and splitting (pure)
# ---------------------------------------------------------------------------


def needs_chunking(text: str, settings: Settings) -> bool:
    return len(text) > settings.max_article_chars


def check_length(text: str, settings: Settings) -> None:
    """Refuse an article no number of chunks can cover, naming the limit and the knobs."""
    limit = settings.max_article_chars * settings.max_chunks
    if len(text) > limit:
        raise InputError(
            f"article too long: {len(text):,} characters; the limit is {limit:,} "
            f"({settings.max_chunks} chunks of max_article_chars={settings.max_article_chars:,}; "
            "raise max_chunks or max_article_chars in the config file to allow more)"
        )


def split_article(text: str, budget: int) -> list[Chunk]:
    """Cut ``text`` into chunks of at most ``budget`` characters, at the best boundaries.

    The dateline (if any) stays in the first chunk and is prefixed to the others.
    Offsets of every chunk are in ``text``; chunk texts cover the article in order.
    """
    if budget < 1:
        raise ValueError("budget must be positive")
    dateline = parse_dateline(text)
    prefix = f"date {dateline.date.isoformat()} " if dateline else ""
    body_budget = max(1, budget - len(prefix))
    pieces = _pieces(text, 0, len(text), body_budget)
    chunks: list[Chunk] = []
    start = end = pieces[0][0] if pieces else 0
    for piece_start, piece_end in pieces:
        if end > start and piece_end - start > body_budget:
            chunks.append(_chunk(text, start, end, prefix))
            start = piece_start
        end = piece_end
    if end > start:
        chunks.append(_chunk(text, start, end, prefix))
    return chunks


def _chunk(text: str, start: int, end: int, prefix: str) -> Chunk:
    body = text[start:end]
    has_dateline = start == 0 or not prefix
    return Chunk(start, end, body, body if has_dateline else prefix + body)


def _pieces(text: str, start: int, end: int, budget: int) -> list[tuple[int, int]]:
    """Spans no longer than ``budget``: paragraphs, else sentences, else words, else characters."""
    out: list[tuple[int, int]] = []
    for level in (_PARAGRAPH, _SENTENCE_END, re.compile(r"\s+")):
        spans = _split_spans(text, start, end, level)
        if len(spans) > 1 or level.pattern == r"\s+":
            break
    for span_start, span_end in spans:
        if span_end - span_start <= budget:
            out.append((span_start, span_end))
        elif (span_start, span_end) != (start, end):
            out.extend(_pieces(text, span_start, span_end, budget))
        else:  # one unbreakable run of characters
            out.extend((i, min(i + budget, span_end)) for i in range(span_start, span_end, budget))
    return out


def _split_spans(
    text: str, start: int, end: int, separator: re.Pattern[str]
) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between separators; each span keeps its trailing separator."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in separator.finditer(text, start, end):
        if match.end() <= cursor or match.start() == start:
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans or [(start, end)]


# ---------------------------------------------------------------------------
# Merging (pure)
# ---------------------------------------------------------------------------


def merge_drafts(drafts: list[SummaryDraft]) -> SummaryDraft:
    """One draft from the chunk drafts, in chunk order (see the module docstring)."""
    if not drafts:
        raise ValueError("nothing to merge")
    events: list[Event] = []
    by_key: dict[tuple[str, str, str], int] = {}
    for draft in drafts:
        for event in draft.events:
            key = _event_key(event)
            if key in by_key:
                events[by_key[key]] = _merge_event(events[by_key[key]], event)
            elif len(events) < MAX_EVENTS:
                by_key[key] = len(events)
                events.append(event.model_copy(deep=True))
    key_figures = _unique_figures([f for draft in drafts for f in draft.key_figures])[
        :MAX_KEY_FIGURES
    ]
    summary = drafts[0].summary
    for draft in drafts[1:]:
        joined = f"{summary} {draft.summary}"
        if len(joined) > _SUMMARY_LIMIT:
            break
        summary = joined
    return SummaryDraft(
        headline=drafts[0].headline,
        summary=summary,
        article_date=next((d.article_date for d in drafts if d.article_date), None),
        events=events,
        key_figures=key_figures,
    )


def _event_key(event: Event) -> tuple[str, str, str]:
    location = re.sub(r"[\W_]+", " ", event.location.casefold()).strip()
    return (event.event_type, event.date.isoformat() if event.date else "", location)


def _merge_event(first: Event, other: Event) -> Event:
    casualties = first.casualties.model_copy()
    for slot, figure in other.casualties.items():
        if getattr(casualties, slot) is None:
            setattr(casualties, slot, figure)
    names = {actor.name.casefold() for actor in first.actors}
    actors = first.actors + [a for a in other.actors if a.name.casefold() not in names]
    evidence = first.evidence + [q for q in other.evidence if q not in first.evidence]
    return first.model_copy(
        update={
            "casualties": casualties,
            "figures": _unique_figures(first.figures + other.figures)[:MAX_FIGURES],
            "actors": actors[:MAX_ACTORS],
            "evidence": evidence[:MAX_EVIDENCE],
            "date_text": first.date_text or other.date_text,
            "attribution": first.attribution or other.attribution,
        }
    )


def _unique_figures(figures: list[Figure]) -> list[Figure]:
    seen: set[tuple[float, str, str]] = set()
    out: list[Figure] = []
    for figure in figures:
        key = (float(figure.value), figure.role, " ".join(figure.quote.split()).casefold())
        if key not in seen:
            seen.add(key)
            out.append(figure)
    return out


# ---------------------------------------------------------------------------
# Running it (hooked from Summarizer.summarize / asummarize)
# ---------------------------------------------------------------------------


def summarize_chunks(
    summarizer: Summarizer, text: str, prompt: str | None = None
) -> ArticleSummary:
    from summarizer.model_call import call_model

    started = time.monotonic()
    check_length(text, summarizer.settings)
    budget = _Budget(summarizer.settings.deadline)
    answers: list[ModelAnswer] = []
    drafts: list[SummaryDraft] = []
    for chunk in split_article(text, summarizer.settings.max_article_chars):
        request = summarizer.prepare(chunk.prompt_text, prompt)
        key, hit = summarizer._cache_lookup(request)
        cached = hit is not None
        if hit is None:
            backend = summarizer.backend  # may start the embedded server: not model time
            with budget.scope(backend):
                hit = call_model(
                    backend,
                    request.messages,
                    request.response_model,
                    request.context,
                    request.headers,
                )
        drafts.append(_chunk_draft(summarizer, request, hit, key, cached=cached))
        answers.append(hit)
    return _finish(summarizer, text, prompt, drafts, answers, started)


async def asummarize_chunks(
    summarizer: Summarizer, text: str, prompt: str | None = None
) -> ArticleSummary:
    from summarizer.model_call import acall_model

    started = time.monotonic()
    check_length(text, summarizer.settings)
    budget = _Budget(summarizer.settings.deadline)
    answers: list[ModelAnswer] = []
    drafts: list[SummaryDraft] = []
    for chunk in split_article(text, summarizer.settings.max_article_chars):
        request = summarizer.prepare(chunk.prompt_text, prompt)
        key, hit = summarizer._cache_lookup(request)
        cached = hit is not None
        if hit is None:
            backend = summarizer.backend  # may start the embedded server: not model time
            with budget.scope(backend):
                hit = await acall_model(
                    backend,
                    request.messages,
                    request.response_model,
                    request.context,
                    request.headers,
                )
        drafts.append(_chunk_draft(summarizer, request, hit, key, cached=cached))
        answers.append(hit)
    return _finish(summarizer, text, prompt, drafts, answers, started)


class _Budget:
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


def _chunk_draft(
    summarizer: Summarizer,
    request: PreparedRequest,
    answer: ModelAnswer,
    key: str | None,
    *,
    cached: bool,
) -> SummaryDraft:
    from summarizer.pipeline import _salvage, as_draft

    draft = as_draft(answer.draft if answer.draft is not None else _salvage(answer, request))
    if summarizer.cache is not None and key is not None and not cached:
        summarizer.cache.put(key, answer)
    return SummaryDraft.model_validate(draft.model_dump())


def _finish(
    summarizer: Summarizer,
    text: str,
    prompt: str | None,
    drafts: list[SummaryDraft],
    answers: list[ModelAnswer],
    started: float,
) -> ArticleSummary:
    from summarizer.model_call import ModelAnswer

    merged = merge_drafts(drafts)
    usage = sum((a.usage for a in answers), Usage())
    errors = [error for a in answers for error in a.errors]
    answer = ModelAnswer(
        merged,
        None,
        usage,
        sum(a.attempts for a in answers),
        errors,
        sum(a.elapsed for a in answers),
    )
    # The whole original text: grounding offsets and the cross-check refer to it.
    request = summarizer.prepare(text, prompt)
    chunks = len(drafts)
    try:
        summary = summarizer._finish(request, answer, started)
    except VerificationFailed as exc:
        if isinstance(exc.summary, ArticleSummary):
            exc.summary = _with_chunks(exc.summary, chunks)
        raise
    return _with_chunks(summary, chunks)


def _with_chunks(summary: ArticleSummary, chunks: int) -> ArticleSummary:
    if summary.meta is None:
        return summary
    update: dict[str, Any] = {"chunks": chunks, "reasks": max(0, summary.meta.attempts - chunks)}
    return summary.model_copy(update={"meta": summary.meta.model_copy(update=update)})
