"""What a prompt adds to the article for the model, and how it comes out of the answer again.

A selection prompt's marked article carries an id after every listed number ("At least 26
[M1] people") and the date the rules resolve a weekday to after its first mention
("Saturday (2023-12-30)"). Both help the model; neither is the article's. A small model
copies them into its prose, and nothing the prompt added may reach the summary, so
:func:`strip_marks` takes out every such mark that the article itself does not hold.
"""

from __future__ import annotations

import datetime as dt
import re

from summarizer.schema import SummaryDraft

_MENTION_MARK = re.compile(r"\s?\[M\d+\]")
_DATE_MARK = re.compile(r"\s?\(\d{4}-\d{2}-\d{2}\)")


def mention_mark(mention_id: str) -> str:
    """The mark after a listed number in the marked article: ``" [M1]"``."""
    return f" [{mention_id}]"


def date_mark(date: dt.date) -> str:
    """The mark after a weekday in the marked article: ``" (2023-12-30)"``."""
    return f" ({date.isoformat()})"


def strip_marks(text: str, article: str | None = None) -> str:
    """``text`` without the marks a prompt adds, except those ``article`` itself holds.

    Whitespace is tidied only where a mark went; any number the model wrote stays (and is
    checked as prose).
    """
    if "[M" not in text and "(" not in text:
        return text

    def drop(match: re.Match[str]) -> str:
        mark = match.group(0)
        return mark if article is not None and mark.strip() in article else ""

    stripped = _DATE_MARK.sub(drop, _MENTION_MARK.sub(drop, text))
    return text if stripped == text else " ".join(stripped.split())


def strip_draft_marks(draft: SummaryDraft, article: str) -> None:
    """Take the prompt's marks out of every text of the draft a reader sees (headline,
    summary, event texts, actor names, figure nouns), in place; a required text that would
    be left empty is kept as written."""
    draft.headline = strip_marks(draft.headline, article) or draft.headline
    draft.summary = strip_marks(draft.summary, article) or draft.summary
    for event in draft.events:
        event.description = strip_marks(event.description, article) or event.description
        event.location = strip_marks(event.location, article)
        event.date_text = strip_marks(event.date_text, article) or None if event.date_text else None
        if event.attribution:
            event.attribution = strip_marks(event.attribution, article) or None
        for actor in event.actors:
            actor.name = strip_marks(actor.name, article) or actor.name
    for _, figure in draft.iter_figures():
        figure.noun = strip_marks(figure.noun, article)


__all__ = [
    "date_mark",
    "mention_mark",
    "strip_draft_marks",
    "strip_marks",
]
