"""Claims outside the figures: numbers in prose, names, dates, event types, cut texts.

:func:`check_claims` finds every such claim of a summary and sends it to its check:
numbers in prose to :mod:`summarizer.checks.prose_numbers`, names to
:mod:`summarizer.checks.names`, dates to :mod:`summarizer.checks.dates`, event types to
:mod:`summarizer.checks.event_types`. A text cut off at its length limit is a claim too
(:func:`check_cut_texts`).
"""

from __future__ import annotations

from summarizer.checks.dates import check_article_date, check_date
from summarizer.checks.event_types import check_event_type
from summarizer.checks.facts import ArticleFacts
from summarizer.checks.names import check_name, check_prose_names, name_fields
from summarizer.checks.prose_numbers import check_prose_numbers, prose_fields
from summarizer.checks.records import claim_check
from summarizer.schema import ClaimCheck, Event, SummaryDraft, max_length_of
from summarizer.text.lazy_regex import lazy_compile

__all__ = ["check_claims", "check_cut_texts"]


def check_claims(draft: SummaryDraft, facts: ArticleFacts) -> list[ClaimCheck]:
    """Every number in prose, every name, date and event type of ``draft``."""
    times = {f"events[{i}]": facts.event_time(event) for i, event in enumerate(draft.events)}
    checks = check_prose_numbers(prose_fields(draft), facts, times)
    checks += check_prose_names(name_fields(draft), facts)
    wrong_date = draft.article_date is not None and draft.article_date != facts.dateline
    if wrong_date and draft.article_date is not None and facts.dateline is not None:
        # Only a wrong one is reported: the pipeline writes the dateline there itself, so a
        # stored result and a fresh one carry the same checks.
        checks.append(check_article_date(draft.article_date, facts.dateline))
    for index, event in enumerate(draft.events):
        where = f"events[{index}]"
        for number, actor in enumerate(event.actors):
            checks.append(check_name(f"{where}.actors[{number}]", actor.name, facts))
        if event.location.strip():
            checks.append(check_name(f"{where}.location", event.location, facts, place=True))
        if event.date is not None or event.date_text:
            others = [e.date for e in draft.events if e is not event and e.date is not None]
            checks.append(check_date(f"{where}.date", event.date, event.date_text, facts, others))
        if event.event_type != "other":
            type_check = check_event_type(f"{where}.event_type", event.event_type, facts)
            if type_check is not None:
                checks.append(type_check)
    return checks + check_cut_texts(draft)


# A text that ends a sentence: its last mark (before closing quotes or brackets).
_SENTENCE_END = lazy_compile(r"[.!?…][\"'”’)\]]*\s*\Z")


def check_cut_texts(draft: SummaryDraft) -> list[ClaimCheck]:
    """Headline, summary and descriptions that stop at their length limit mid-sentence.

    A grammar bounds every string (llama.cpp turns maxLength into the grammar), so a model
    that runs long is cut off there ("... The death toll is "), and the text is still
    valid. The reader is told, as a ``cut`` claim; the text is kept.
    """
    fields = [("headline", draft.headline, "headline"), ("summary", draft.summary, "summary")]
    fields += [
        (f"events[{index}].description", event.description, "description")
        for index, event in enumerate(draft.events)
    ]
    checks = []
    for path, text, name in fields:
        owner = SummaryDraft if name != "description" else Event
        limit = max_length_of(owner, name)
        if limit is None or len(text) < limit or _SENTENCE_END.search(text):
            continue
        checks.append(
            claim_check(
                path,
                "format",
                "..." + text[-40:].lstrip(),
                "cut",
                f"stops at its {limit}-character limit in mid-sentence; the rest was never written",
            )
        )
    return checks
