"""The extractor: the passes in order over one article's body (see :mod:`summarizer.numbers`)."""

from __future__ import annotations

from summarizer.numbers.lexing import lex
from summarizer.numbers.linking import link
from summarizer.numbers.measures import extend_age_lists
from summarizer.numbers.mention import NumberMention, to_mention
from summarizer.numbers.reading import read_all
from summarizer.numbers.roles import (
    assign_roles,
    borrow_elided_projectiles,
    borrow_missing_nouns,
    find_cues,
)
from summarizer.numbers.zeros import find_zero_tolls, with_zero_tolls
from summarizer.text import sentences
from summarizer.text.dates import parse_dateline

__all__ = ["extract_numbers", "sentence_spans"]


def extract_numbers(text: str) -> list[NumberMention]:
    """Every numeric mention in ``text`` (the dateline excluded), sorted by start."""
    body_start = _body_start(text)
    starts, cue_spans = lex(text, body_start)
    zeros = find_zero_tolls(text, cue_spans, body_start)
    cands = read_all(text, starts)
    extend_age_lists(text, cands)
    if not cands and not zeros:
        return []
    spans = sentences.sentence_spans(text, body_start)
    if zeros:  # "none of the three occupants were injured": the cue says nobody was
        cue_spans = [c for c in cue_spans if not any(z.start <= c[0] < z.end for z in zeros)]
    link(text, cands)
    borrow_elided_projectiles(text, cands, spans)
    assign_roles(text, cands, spans, find_cues(text, cue_spans, cands))
    borrow_missing_nouns(cands, spans)
    cache: dict[int, str] = {}
    mentions = [to_mention(text, c, spans, cache) for c in cands]
    if zeros:
        mentions = with_zero_tolls(text, mentions, zeros, spans, cache)
    return mentions


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The article body's sentences as (start, end) offsets (the dateline skipped), split by
    :func:`summarizer.text.sentences.sentence_spans` as :func:`extract_numbers` splits them."""
    return sentences.sentence_spans(text, _body_start(text))


def _body_start(text: str) -> int:
    dateline = parse_dateline(text)
    return dateline.end if dateline else 0
