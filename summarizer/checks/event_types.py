"""An event type is confirmed when the article has one of its cue words ("quake" for an
earthquake), else unconfirmed; the cue words are the vocabulary's
(:data:`summarizer.vocabulary.EVENT_TYPE_CUES`).
"""

from __future__ import annotations

from summarizer.checks.facts import ArticleFacts
from summarizer.checks.records import claim_check
from summarizer.checks.wording import with_article
from summarizer.schema import ClaimCheck
from summarizer.vocabulary import ClaimStatus

__all__ = ["check_event_type"]


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
