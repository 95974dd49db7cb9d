"""Pass 3, linking: each number's counted noun and its ties to the number before it.

The noun is read after the number ("26 people", "21 of 49 drones"); a partitive ("21 of
49") makes the second number the total of the first, a bracket after a measure ("300 sq
miles (777 sq km)") makes it a conversion, and "between Rs 45 lakh and Rs 1.2 crore" two
bounds of one range.
"""

from __future__ import annotations

from summarizer.numbers.lexicon import (
    CUE_NOUNS,
    CUE_ROLE,
    NOUN_SKIP_LEAD,
    NOUN_STOP,
    POPULATION_NOUNS,
)
from summarizer.numbers.mention import Candidate
from summarizer.numbers.patterns import (
    BETWEEN_AND,
    BRACKETED_COUNT_HEAD,
    CONVERSION_GAP,
    LIVE_AFTER,
    NOUN_RUN,
    PARTITIVE_GAP,
)

__all__ = ["link"]


def link(text: str, cands: list[Candidate]) -> None:
    """Counted nouns, partitive totals ("21 of 49") and conversions ("(777 sq km)")."""
    for index, cand in enumerate(cands):
        _read_noun(text, cand, cands[index + 1].start if index + 1 < len(cands) else len(text))
        if cand.role == "" and cand.noun.lower() == "times":
            cand.role, cand.locked = "other_count", True  # a frequency, never a casualty count
        if index == 0:
            continue
        prev = cands[index - 1]
        if (
            prev.before.bare[-1:] == ["between"]
            and prev.qualifier == "exact"
            and cand.qualifier == "exact"
            and BETWEEN_AND.fullmatch(text, prev.unit_end, cand.start)
        ):
            # "between Rs 45 lakh and Rs 1.2 crore": two bounds the range reader did not join
            prev.qualifier, cand.qualifier = "at_least", "at_most"
        if PARTITIVE_GAP.fullmatch(text, prev.end, cand.start) and not (prev.locked or cand.locked):
            cand.total_of = index - 1
            prev.noun = prev.noun or cand.noun
        elif CONVERSION_GAP.fullmatch(text, prev.end, cand.start):
            cand.conversion = True


def _read_noun(text: str, cand: Candidate, limit: int) -> None:
    """The counted noun: up to four content words after the number, stopping at a verb."""
    pos = max(cand.unit_end, cand.end, cand.post_end)
    words: list[str] = []
    noun_end = pos
    end = min(limit, pos + 60)
    blank = text.find("\n\n", pos, end)  # a noun never runs into the next paragraph
    run = NOUN_RUN.match(text, pos, end if blank < 0 else blank)
    offset = run.start(1) if run else pos
    for word in run.group(1).split() if run else ():
        offset = text.index(word, offset) + len(word)
        low = word.lower()
        if not words and low in NOUN_SKIP_LEAD:
            continue
        if low in NOUN_STOP or low in CUE_NOUNS:
            break
        if words and low.endswith(("ed", "ing")) and not words[-1].endswith(("ed", "ing")):
            break  # "drones fired overnight"
        words.append(word)
        noun_end = offset
        if len(words) == 4 or (low.endswith("s") and not low.endswith("ss") and len(low) > 3):
            break  # a plural ends the noun phrase
    while words and words[-1].lower().endswith(("ed", "ing", "ly")):
        words.pop()
    if not cand.noun:
        cand.noun = " ".join(words) or _bracketed_head(text, cand)
    cand.noun_end = max(noun_end if words else pos, cand.unit_end, cand.end)
    if cand.role == "" and words:
        head = words[-1].lower()
        cand.population_noun = (head in POPULATION_NOUNS and _owned(cand.before.bare)) or (
            head in ("people", "persons") and bool(LIVE_AFTER.match(text, noun_end))
        )


def _bracketed_head(text: str, cand: Candidate) -> str:
    """ "the most cases (37)": a bare number alone in brackets counts the plural noun right
    before them (a cue word there, "deaths (7)", is left to the cues)."""
    if text[cand.end : cand.end + 1] != ")" or cand.unit_end > cand.end:
        return ""
    head = BRACKETED_COUNT_HEAD.search(text, max(0, cand.start - 40), cand.start)
    word: str = head.group("word") if head is not None else ""
    return "" if word in CUE_ROLE else word


def _owned(bare: list[str]) -> bool:
    """ "the city's 5,000 residents", "its 300 inhabitants": a possessive or a determiner
    before the number makes the residents a place's population; "two residents who refused
    to leave" or "residents fled" count some of them (the cues then decide)."""
    if not bare:
        return False
    last = bare[-1]
    if last in ("’", "s") and len(bare) > 1 and bare[-2].endswith(("’", "s")):
        return True  # "the city’s" and "the towns’": the curly mark is split off
    return last.endswith(("'s", "s'")) or last in _DETERMINERS


_DETERMINERS = frozenset(
    {
        "the",
        "its",
        "their",
        "his",
        "her",
        "our",
        "all",
        "whose",
        "total",
        "has",
        "have",
        "had",
        "with",
    }
)
