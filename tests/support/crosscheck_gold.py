"""Build correct summaries (and their mentions) from the seed gold files, for cross-check tests.

Independent of the code under test: sentences are found by a plain regex and figures
come straight from the hand-made gold annotations.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from dataclasses import dataclass

from summarizer.numbers import NumberMention
from summarizer.schema import MAX_FIGURES, Event, Figure, SummaryDraft, clip
from tests.support.paths import ROOT

SEEDS = ROOT / "seeds"
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


def draft_from_figures(
    figures: list[Figure], years: list[int | None] | None = None
) -> SummaryDraft:
    """Events of at most MAX_FIGURES figures each, in gold order (see :func:`figure_paths`).

    ``years`` gives, per figure, the year of the event it belongs to when that is not the
    article's own time (a historical toll): consecutive figures of one year share an event
    dated in that year, so a correct summary does not put a past toll in the current event.
    """
    return SummaryDraft(
        headline="gold", summary="Built from the gold file.", events=_events(figures, years)
    )


def _groups(
    figures: list[Figure], years: list[int | None] | None
) -> list[tuple[int | None, list[int]]]:
    groups: list[tuple[int | None, list[int]]] = []
    for index in range(len(figures)):
        year = years[index] if years else None
        if groups and groups[-1][0] == year and len(groups[-1][1]) < MAX_FIGURES:
            groups[-1][1].append(index)
        else:
            groups.append((year, [index]))
    return groups


def _events(figures: list[Figure], years: list[int | None] | None) -> list[Event]:
    return [
        Event(
            event_type="other",
            description="part",
            date=dt.date(year, 1, 1) if year else None,
            figures=[figures[i] for i in members],
        )
        for year, members in _groups(figures, years)
    ]


def figure_paths(figures: list[Figure], years: list[int | None] | None = None) -> list[str]:
    """The path of each figure in :func:`draft_from_figures`, by figure index."""
    paths = [""] * len(figures)
    for event, (_, members) in enumerate(_groups(figures, years)):
        for slot, index in enumerate(members):
            paths[index] = f"events[{event}].figures[{slot}]"
    return paths


def figure_path(index: int) -> str:
    return f"events[{index // MAX_FIGURES}].figures[{index % MAX_FIGURES}]"


# "In 2019, ...", "the 2010 collapse": a sentence about another year than the article's.
_OTHER_YEAR = re.compile(
    r"(?:\b[Ii]n|\b[Tt]he|\b(?:fires?|floods?|quakes?|storms?|elections?)\s+of|^)\s+"
    r"(1[5-9]\d\d|20\d\d)\b"
)


def event_years(seed: Seed) -> list[int | None]:
    """Per gold number, the year its sentence is anchored to when it is not the dateline's."""
    dateline_year = int(seed.text[6:10])
    years: list[int | None] = []
    for n in seed.gold:
        s, _ = sentence_of(seed.text, n["start"])
        # the year named nearest before the number in its sentence
        found = [int(m[1]) for m in _OTHER_YEAR.finditer(" " + seed.text[s : n["start"]])]
        year = found[-1] if found else None
        years.append(year if year != dateline_year else None)
    return years
