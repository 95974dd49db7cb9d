"""Before any I/O: what the model will be asked for one article (pure).

Every article becomes an :class:`ArticlePlan`: the request for the whole text (what the
result is verified against) and the requests the model is sent, one per chunk. Most
articles are one chunk, and then the two are the same request, so a short article's
request body, cassette and cache key do not depend on chunking at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from summarizer.checks.reask import make_verified_model
from summarizer.config import Settings
from summarizer.errors import InputError
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.pipeline.chunks import plan_chunks
from summarizer.prompting import incident_slots, selection
from summarizer.prompting.templates import PromptTemplate
from summarizer.schema import SummaryDraft
from summarizer.text.dates import parse_dateline

# The model answers in this: a SummaryDraft whose validator cross-checks every figure.
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
    # What the model answers in: RESPONSE_MODEL, or a selection prompt's per-article schema.
    response_model: type[BaseModel] = RESPONSE_MODEL


def hash_model_for(prompt: PromptTemplate) -> type[BaseModel]:
    """The response schema a prompt's content hash covers (selection: placeholder ids)."""
    if prompt.response != "selection":
        return RESPONSE_MODEL
    design = selection.slot_design(prompt.slots)
    if design == "incident":
        return incident_slots.template_model()
    return selection.template_model(design)


@dataclass(frozen=True)
class ArticlePlan:
    """``article``: the whole text, for verification; ``requests``: what the model is asked."""

    article: PreparedRequest
    requests: tuple[PreparedRequest, ...]

    @property
    def chunks(self) -> int:
        return len(self.requests)


def plan_article(
    text: str,
    prompt: PromptTemplate,
    settings: Settings,
    *,
    backend_kind: str = "",
    dateline: dt.date | None = None,
) -> ArticlePlan:
    """The plan for ``text``: one request, or one per chunk past ``max_article_chars``.

    ``dateline`` overrides the article's own (``date YYYY-MM-DD`` on its first line) for
    every chunk. Refuses (InputError) an empty article, or one longer than ``max_chunks``.
    """
    if not text.strip():
        raise InputError("empty input, nothing to summarize")
    chunks = plan_chunks(text, settings)
    reask = settings.reask_unverified
    article = prepare(text, prompt, reask=reask, backend_kind=backend_kind, dateline=dateline)
    if len(chunks) == 1:
        return ArticlePlan(article, (article,))
    requests = tuple(
        prepare(
            chunk.prompt_text, prompt, reask=reask, backend_kind=backend_kind, dateline=dateline
        )
        for chunk in chunks
    )
    return ArticlePlan(article, requests)


def prepare(
    text: str,
    prompt: PromptTemplate,
    *,
    reask: bool = True,
    backend_kind: str = "",
    dateline: dt.date | None = None,
) -> PreparedRequest:
    """The messages, validation context and cassette headers for one model request.

    The publication date is ``dateline`` if given, else the article's own dateline line.
    """
    if not text.strip():
        raise InputError("empty input, nothing to summarize")
    found = parse_dateline(text)
    body = text[found.end :] if found else text
    dateline_date = dateline or (found.date if found else None)
    mentions = extract_numbers(text)
    listed = selection.list_mentions(text, mentions)
    response_model: type[BaseModel] = RESPONSE_MODEL
    offered: list[incident_slots.OfferedIncident] = []
    if prompt.response == "selection":  # the article's own ids: see summarizer.prompting.selection
        design = selection.slot_design(prompt.slots)
        if design == "incident":
            offered = incident_slots.offer_incidents(text, listed, dateline_date, mentions)
            response_model = incident_slots.response_model(offered)
        else:
            response_model = selection.response_model(listed, design)
    prompt_hash = prompt.content_hash(hash_model_for(prompt))
    messages = prompt.render(
        article=body.strip(),
        dateline=dateline_date.isoformat() if dateline_date else "unknown",
        numbers=numbers_checklist(mentions),
        mentions=selection.render_list(listed),
        marked_article=selection.mark_article(
            text, listed, found.end if found else 0, dateline_date
        ),
        incidents=incident_slots.render_incidents(offered),
    )
    context: dict[str, Any] = {
        "article": text,
        "mentions": mentions,
        "listed": listed,
        "dateline": dateline_date,
        "reask": reask,
        # This request's answers checked so far (summarizer.checks.reask.check_draft): one
        # answer validated twice is cross-checked once. Shared by the context's copies.
        "reports": {},
    }
    headers = {
        # Carried into every cassette: which prompt a recording belongs to.
        "X-Summarizer-Prompt-Id": prompt.id,
        "X-Summarizer-Prompt-Version": prompt.version,
        "X-Summarizer-Prompt-Hash": prompt_hash,
        "X-Summarizer-Backend": backend_kind,
    }
    return PreparedRequest(
        text,
        prompt,
        prompt_hash,
        messages,
        context,
        headers,
        mentions,
        dateline_date,
        response_model,
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


__all__ = [
    "RESPONSE_MODEL",
    "ArticlePlan",
    "PreparedRequest",
    "hash_model_for",
    "numbers_checklist",
    "plan_article",
    "prepare",
]
