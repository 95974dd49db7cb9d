"""The number mentions the rules find in an article (``numbers``): a table, or a JSON list.

The table highlights each number in its sentence; the JSON list carries every
:class:`NumberMention` field.
"""

from __future__ import annotations

import dataclasses
import json

from rich.console import Group
from rich.table import Table
from rich.text import Text

from summarizer.numbers import NumberMention
from summarizer.render.layout import Responsive, stacked
from summarizer.text.numerals import format_range

CONTEXT_CHARS = 60  # sentence text kept on each side of the number in the table


def mentions_json(mentions: list[NumberMention]) -> str:
    """JSON list of every dataclass field, in extraction order (sorted by start)."""
    return json.dumps([dataclasses.asdict(m) for m in mentions], indent=2, ensure_ascii=False)


NUMBER_HEADERS = ("value", "qualifier", "role", "noun", "context")


def mentions_table(mentions: list[NumberMention], article: str, title: str) -> Responsive:
    """One row per mention: value, qualifier, role, noun and the highlighted context.

    A table when its words fit the terminal, else one block per mention (never a cut word).
    """
    rows = [
        (
            format_value(mention),
            mention.qualifier,
            mention.role,
            mention.noun,
            highlighted_context(mention, article),
        )
        for mention in mentions
    ]

    def table() -> Table:
        table = Table(title=title, expand=True)
        for name in NUMBER_HEADERS:
            table.add_column(name, justify="right" if name == "value" else "left")
        for row in rows:
            table.add_row(*row)
        if not rows:
            table.caption = "no numbers found"
        return table

    def blocks() -> Group:
        if not rows:
            return Group(Text(title, style="italic"), Text("no numbers found"))
        return stacked(Text(title, style="italic"), NUMBER_HEADERS, rows, heading=(0, 1, 2))

    return Responsive(table, blocks)


def format_value(mention: NumberMention) -> str:
    """ "340,000", "4,290,000,000", "12–13", "0.5": integers get separators, floats stay short."""
    return format_range(mention.value, mention.value_high)


def highlighted_context(mention: NumberMention, article: str) -> Text:
    """The sentence around the number, trimmed to ~CONTEXT_CHARS a side, the number in bold."""
    sentence = mention.sentence
    token = " ".join(mention.text.split())
    at = token_offset(sentence, token, article[max(0, mention.start - 400) : mention.start])
    if at < 0:
        return Text(sentence)
    lo = max(0, at - CONTEXT_CHARS)
    hi = min(len(sentence), at + len(token) + CONTEXT_CHARS)
    if lo > 0 and " " in sentence[lo:at]:
        lo = sentence.index(" ", lo) + 1  # cut between words
    if hi < len(sentence) and " " in sentence[at + len(token) : hi]:
        hi = sentence.rindex(" ", at + len(token), hi)
    text = Text("…" if lo > 0 else "")
    text.append(sentence[lo:at])
    text.append(token, style="bold reverse")
    text.append(sentence[at + len(token) : hi])
    if hi < len(sentence):
        text.append("…")
    return text


def token_offset(sentence: str, token: str, raw_before: str) -> int:
    """Where ``token`` sits in the whitespace-normalised ``sentence`` (-1 if absent).

    The same figure can occur twice in a sentence ("25 percent, or 25 per cent"), so the
    occurrence whose preceding sentence text matches the article text before the mention wins.
    """
    left = " ".join(raw_before.split())
    first = -1
    at = sentence.find(token)
    while at >= 0:
        prefix = sentence[:at].rstrip()
        if left.endswith(prefix) or prefix.endswith(left):
            return at
        first = at if first < 0 else first
        at = sentence.find(token, at + 1)
    return first


__all__ = [
    "format_value",
    "highlighted_context",
    "mentions_json",
    "mentions_table",
    "token_offset",
]
