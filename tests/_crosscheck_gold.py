"""Build correct summaries (and their mentions) from the seed gold files, for cross-check tests.

Independent of the code under test: sentences are found by a plain regex and figures
come straight from the hand-made gold annotations.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from summarizer.numbers import NumberMention
from summarizer.schema import MAX_FIGURES, Event, Figure, SummaryDraft, clip

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_IDS = sorted(p.name.removesuffix(".gold.json") for p in SEEDS.glob("*.gold.json"))

# A sentence ends at . ! ? (and a closing quote mark) before whitespace and an upper-case
# letter or opening quote, or at a paragraph break.
_BOUNDARY = re.compile(r"[.!?][\"”’]?(?=\s+[A-Z\"“‘])|\n\s*\n")


@dataclass(frozen=True)
class Seed:
    id: str
    text: str
    gold: list[dict]
    mentions: list[NumberMention]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(text)] + [len(text)]
    out = []
    for s, e in itertools.pairwise(cuts):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    for s, e in sentence_spans(text):
        if s <= pos < e:
            return s, e
    raise AssertionError(f"no sentence holds offset {pos}")


def load_seed(seed_id: str) -> Seed:
    text = (SEEDS / f"{seed_id}.txt").read_text(encoding="utf-8")
    gold = json.loads((SEEDS / f"{seed_id}.gold.json").read_text(encoding="utf-8"))["numbers"]
    mentions = []
    for n in gold:
        s, e = sentence_of(text, n["start"])
        mentions.append(
            NumberMention(
                value=float(n["value"]),
                value_high=None if n["value_high"] is None else float(n["value_high"]),
                text=text[n["start"] : n["end"]],
                start=n["start"],
                end=n["end"],
                qualifier=n["qualifier"],
                noun=n["noun"],
                role=n["role"],
                sentence=text[s:e],
            )
        )
    return Seed(seed_id, text, gold, mentions)


def figure_qualifier(gold_qualifier: str) -> str:
    """Figures cannot say "range": a range is reported by its lower bound."""
    return "at_least" if gold_qualifier == "range" else gold_qualifier


def phrase_span(seed: Seed, n: dict) -> tuple[int, int]:
    """The gold "text" phrase around the number (it is verbatim in the article)."""
    phrase = n["text"]
    index = seed.text.find(phrase)
    while index != -1:
        if index <= n["start"] and index + len(phrase) >= n["end"]:
            return index, index + len(phrase)
        index = seed.text.find(phrase, index + 1)
    return sentence_of(seed.text, n["start"])


def quote_span(seed: Seed, n: dict, kind: str) -> tuple[int, int]:
    return phrase_span(seed, n) if kind == "phrase" else sentence_of(seed.text, n["start"])


def gold_figure(seed: Seed, n: dict, kind: str) -> Figure:
    s, e = quote_span(seed, n, kind)
    return Figure(
        value=n["value"],
        qualifier=figure_qualifier(n["qualifier"]),
        role=n["role"],
        noun=clip(Figure, "noun", n["noun"]),
        quote=seed.text[s:e],
    )


def draft_from_figures(figures: list[Figure]) -> SummaryDraft:
    """Events of at most MAX_FIGURES figures each, in gold order: paths are events[i].figures[j]."""
    events = [
        Event(
            event_type="other",
            description=f"part {i // MAX_FIGURES}",
            figures=figures[i : i + MAX_FIGURES],
        )
        for i in range(0, len(figures), MAX_FIGURES)
    ]
    return SummaryDraft(headline="gold", summary="Built from the gold file.", events=events)


def figure_path(index: int) -> str:
    return f"events[{index // MAX_FIGURES}].figures[{index % MAX_FIGURES}]"
