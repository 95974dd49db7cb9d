"""Chunks: split an article, and merge the chunk drafts back into one (pure).

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

The pipeline runs every article through the same path: a plan of chunks (one for most
articles, see :mod:`summarizer.pipeline.plan`), one model call per chunk, then one finish
(:mod:`summarizer.pipeline.finish`).

An article longer than ``max_article_chars * max_chunks`` is refused with an
:class:`~summarizer.errors.InputError` that states the limit, before any model call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.config import Settings
from summarizer.errors import InputError
from summarizer.schema import (
    MAX_ACTORS,
    MAX_EVENTS,
    MAX_EVIDENCE,
    MAX_FIGURES,
    MAX_KEY_FIGURES,
    Event,
    Figure,
    SummaryDraft,
)
from summarizer.text.dates import parse_dateline
from summarizer.text.sentences import sentence_ends

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_SPACE = re.compile(r"\s+")
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


def plan_chunks(text: str, settings: Settings) -> list[Chunk]:
    """The chunks ``text`` is summarized in: itself, whole, unless it is over the limit.

    Refuses (InputError) an article no ``max_chunks`` chunks can cover.
    """
    check_length(text, settings)
    if not needs_chunking(text, settings):
        return [Chunk(0, len(text), text, text)]
    return split_article(text, settings.max_article_chars)


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
    for separator in (_PARAGRAPH, None, _SPACE):
        spans = (
            _sentences(text, start, end)
            if separator is None
            else _split_spans(text, start, end, separator)
        )
        if len(spans) > 1:
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


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` (:mod:`summarizer.text.sentences`), each with the
    whitespace after it, so a chunk ends after a sentence's space, not before."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for cut in sentence_ends(text, start, end):
        while cut < end and text[cut].isspace():
            cut += 1
        if cut > cursor:
            spans.append((cursor, cut))
            cursor = cut
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


__all__ = [
    "Chunk",
    "check_length",
    "merge_drafts",
    "needs_chunking",
    "plan_chunks",
    "split_article",
]
