"""An event type is confirmed when the article has one of its cue words ("quake" for an
earthquake), else unconfirmed; the cue words are the vocabulary's
(:data:`summarizer.vocabulary.EVENT_TYPE_CUES`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from summarizer.checks.records import claim_check
from summarizer.checks.wording import with_article
from summarizer.schema import ClaimCheck, ClaimStatus
from summarizer.text.lazy_regex import lazy_compile
from summarizer.vocabulary import EVENT_TYPE_CUES

if TYPE_CHECKING:  # the facts search the article with cue_pattern: a type, not an import
    from summarizer.checks.facts import ArticleFacts

__all__ = ["check_event_type", "cue_pattern"]


def check_event_type(path: str, event_type: str, facts: ArticleFacts) -> ClaimCheck | None:
    """An event type with none of its cue words in the article is unconfirmed."""
    found = facts.derived.has_cue(event_type)
    if found is None:
        return None
    if found:
        status: ClaimStatus = "verified"
        reason = f"the article has words of {with_article(event_type)}"
    else:
        status = "unconfirmed"
        reason = f"no word of {with_article(event_type.replace('_', ' '))} occurs in the article"
    return claim_check(path, "event_type", event_type, status, reason)


@cache
def cue_pattern(event_type: str) -> Any:
    """The pattern (like ``re.Pattern``) of ``event_type``'s cue words, matched on folded
    text; None when the type has none."""
    stems = EVENT_TYPE_CUES.get(event_type)  # type: ignore[call-overload]
    if not stems:
        return None
    return lazy_compile(r"\b(?:" + "|".join(stem.replace(" ", r"\s+") for stem in stems) + ")")
