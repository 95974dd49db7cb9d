"""Prose numbers the article states without writing them: a bound it implies, a toll in
words, people it lists, "one week" for "a single week", and the fair readings of its
numbers (a rounding, a range's midpoint, a sum, what is left of a whole).

:mod:`summarizer.checks.prose_numbers` asks these when a number in a summary's prose is not
one of the article's as written.
"""

from __future__ import annotations

import datetime as dt
import re

from summarizer.checks.agreement import fair_reading, same, unit_problem
from summarizer.checks.facts import ArticleFacts
from summarizer.checks.people_lists import count_plus_one, people_listed
from summarizer.checks.records import mention_brief
from summarizer.checks.time_anchors import background_anchor
from summarizer.checks.tolls_in_words import toll_in_words
from summarizer.numbers import NumberMention, noun_head
from summarizer.text.lazy_regex import lazy_compile
from summarizer.text.sentences import sentence_index
from summarizer.vocabulary import CASUALTY_ROLES, EVENT_ROLES, FORM_ROLES

__all__ = ["fair_prose_reading", "told_otherwise"]

_VAGUE_OK = frozenset({"at_least", "more_than", "at_most", "less_than"})


def told_otherwise(
    claim: NumberMention, facts: ArticleFacts
) -> tuple[str, NumberMention | None] | None:
    """(reason, mention) when the article states the claim without its number as written:
    implied by another of its numbers, or a toll told in words ("a man was killed")."""
    implied = _implied(claim, facts)
    if implied is not None:
        return f"implied by the article's {mention_brief(implied)}", implied
    in_words = _toll_in_words(claim, facts)
    if in_words:
        return in_words, None
    listed = _listed(claim, facts)
    if listed:
        return f"the article lists them: {listed!r}", None
    article = _one_by_article(claim, facts)
    return (f"the article says it with an article: {article!r}", None) if article else None


def _one_by_article(claim: NumberMention, facts: ArticleFacts) -> str:
    """The article's "a single week" for the prose's "in one week": one of a noun, said
    with "a", "an" or "single" (a count of none or one of people is a toll, judged by
    :func:`_toll_in_words`), or ""."""
    if claim.value != 1 or claim.role in CASUALTY_ROLES or any(c.isdigit() for c in claim.text):
        return ""
    head = noun_head(claim.noun)
    if not head:
        return ""
    pattern = rf"(?i)\b(?:an?|single|one)\s+(?:[\w'’-]+\s+){{0,2}}?{re.escape(head)}\b"
    found = re.search(pattern, facts.text)
    return found.group() if found else ""


def _listed(claim: NumberMention, facts: ArticleFacts) -> str:
    """The article's words that list the claim's people one by one ("the pickup's driver,
    a 31-year-old man, and his passenger, 29, were taken to hospital" for "two other people
    were injured") or tell a count and one person beside it, or ""."""
    if claim.role not in CASUALTY_ROLES or claim.qualifier != "exact" or claim.value < 2:
        return ""
    for start, end in facts.sentences:
        found = people_listed(facts.text, start, end, facts.mentions, claim.role)
        if found is not None and same(found[0], claim.value):
            return found[1]
        # "Two firefighters were treated ..., and a 67-year-old villager ... was taken to
        # hospital": a count and one person told beside it
        plus = count_plus_one(facts.text, start, end, facts.mentions, claim.role, claim.value)
        if plus is not None:
            return " ".join(facts.text[start:end].split())
    return ""


def _implied(claim: NumberMention, facts: ArticleFacts) -> NumberMention | None:
    """An article count that implies a vague bound in prose ("dozens killed" from "at least
    40 killed"); a toll from a sentence about another time implies nothing."""
    if claim.qualifier not in _VAGUE_OK or claim.role not in EVENT_ROLES:
        return None
    if any(ch.isdigit() for ch in claim.text):
        return None  # "at least 233" is a number of its own, not a paraphrase
    year = facts.year_of(None)
    lower = claim.qualifier in ("at_least", "more_than")
    inclusive = claim.qualifier in ("at_least", "at_most")
    allowed = _LOWER_BOUNDS if lower else _UPPER_BOUNDS
    for mention in facts.mentions:
        if mention.role != claim.role or mention.qualifier not in allowed:
            continue
        beyond = mention.value > claim.value if lower else mention.value < claim.value
        if (beyond or (inclusive and same(mention.value, claim.value))) and not (
            year and background_anchor(mention, year, None, facts.dateline)
        ):
            return mention
    return None


_LOWER_BOUNDS = frozenset({"exact", "at_least", "more_than", "range"})
_UPPER_BOUNDS = frozenset({"exact", "at_most", "less_than"})


def _toll_in_words(claim: NumberMention, facts: ArticleFacts) -> str:
    """A toll of none or one the article states in words ("a constable was martyred" for
    "one policeman killed"), as the reason, or ""."""
    if claim.role not in CASUALTY_ROLES or claim.value not in (0, 1):
        return ""
    found = toll_in_words(facts.text, claim.role)
    if found is None or found[0] != claim.value:
        return ""
    return f"the article says it in words: {found[1]!r}"


def fair_prose_reading(
    claim: NumberMention,
    facts: ArticleFacts,
    when: tuple[int | None, dt.date | None] | None,
) -> tuple[str, list[NumberMention]] | None:
    """A range's midpoint, a rounding or a sum of the article's own numbers, leaving out
    tolls of another time (see :func:`summarizer.checks.agreement.fair_reading`)."""
    year, date = when or (facts.year_of(None), None)
    current = [
        m
        for m in facts.mentions
        if not (
            m.role in CASUALTY_ROLES and year and background_anchor(m, year, date, facts.dateline)
        )
    ]
    found = fair_reading(claim.value, claim.qualifier, claim.role, current, claim.noun)
    if found is not None and len(found[1]) == 1 and unit_problem(claim.noun, found[1][0], "value"):
        return None
    return found or _remainder(claim, current, facts) or _over_incidents(claim, current, facts)


def _over_incidents(
    claim: NumberMention, mentions: list[NumberMention], facts: ArticleFacts
) -> tuple[str, list[NumberMention]] | None:
    """ "Five others were wounded" over a weekend's three shootings that wounded three and
    two: a toll of the article's own time summed over its incidents, each incident's largest
    count of that role (two incidents at least; every incident that tells one counts)."""
    if claim.role not in CASUALTY_ROLES or claim.qualifier != "exact" or claim.value < 2:
        return None
    largest: dict[str, NumberMention] = {}  # incident id -> its largest count of the role
    for mention in mentions:
        if mention.role != claim.role or mention.qualifier != "exact":
            continue
        incident = facts.incident_at(mention.start, mention.end)
        if incident is None or incident.background:
            continue
        best = largest.get(incident.id)
        if best is None or mention.value > best.value:
            largest[incident.id] = mention
    parts = sorted(largest.values(), key=lambda m: m.start)
    if len(parts) < 2 or not same(claim.value, sum(m.value for m in parts)):
        return None
    return " + ".join(repr(m.text) for m in parts) + " over the article's incidents", parts


def _remainder(
    claim: NumberMention, mentions: list[NumberMention], facts: ArticleFacts
) -> tuple[str, list[NumberMention]] | None:
    """ "the 22 escapees not yet recaptured" for "63 escaped ... Of the inmates who fled, 41
    had been recaptured": the prose says it counts what is left of a whole, and the article
    tells the whole and then, a few sentences on, a part of it ("of the", "of them")."""
    if claim.qualifier != "exact" or not _LEFT_OVER.search(claim.sentence):
        return None
    text, spans = facts.text, facts.sentences
    for whole in mentions:
        if whole.qualifier == "range" or whole.role in FORM_ROLES:
            continue
        for part in mentions:
            if (
                part.start > whole.end
                and part.role not in FORM_ROLES
                and part.qualifier != "range"
                and same(claim.value, whole.value - part.value)
                and sentence_index(spans, part.start) - sentence_index(spans, whole.start) <= 8
                and _PARTITIVE_BEFORE.search(text, max(0, part.start - 120), part.start)
            ):
                return f"{whole.text!r} - {part.text!r}", [whole, part]
    return None


_PARTITIVE_BEFORE = lazy_compile(r"(?i)\bof\s+(?:the|them|those|whom)\b[^.;:]*$")
# Words that say a count is what is left of a whole: "not yet recaptured", "still missing",
# "the remaining", "the rest".
_LEFT_OVER = lazy_compile(
    r"(?i)\b(?:not\s+yet|still|remaining|remain|remains|the\s+rest|yet\s+to\s+be|at\s+large"
    r"|unaccounted)\b"
)
