"""The report's records of a check (claims, mentions), built from values already checked.

``model_construct`` with every field given: a summary has hundreds of claims and a re-ask
verifies it again, so pydantic has nothing to default, copy or validate here.
"""

from __future__ import annotations

from functools import lru_cache

from summarizer.numbers import NumberMention
from summarizer.schema import ClaimCheck, MentionRef
from summarizer.text.numerals import format_number
from summarizer.vocabulary import ClaimKind, ClaimStatus

__all__ = ["claim_check", "mention_brief", "mention_ref"]


def claim_check(
    path: str, kind: ClaimKind, text: str, status: ClaimStatus, reason: str
) -> ClaimCheck:
    """A claim without a number (every field given: nothing for pydantic to default)."""
    return ClaimCheck.model_construct(
        path=path,
        kind=kind,
        text=text,
        status=status,
        reason=reason,
        value=None,
        qualifier=None,
        role=None,
        mention=None,
    )


@lru_cache(maxsize=1024)
def mention_ref(mention: NumberMention) -> MentionRef:
    """The report's copy of a mention (shared: the same article is checked again on re-asks)."""
    return MentionRef.model_construct(
        value=mention.value,
        value_high=mention.value_high,
        text=mention.text,
        start=mention.start,
        end=mention.end,
        qualifier=mention.qualifier,
        role=mention.role,
        noun=mention.noun,
    )


def mention_brief(mention: NumberMention) -> str:
    """A mention as a reason quotes it: "'40' = 40 (at_least, killed)"."""
    value = format_number(mention.value)
    if mention.qualifier == "range" and mention.value_high is not None:
        value = f"{value}-{format_number(mention.value_high)}"
    return f"'{mention.text}' = {value} ({mention.qualifier}, {mention.role})"
