"""When two locations name the same place: "Kharkiv" is "Kharkiv, Ukraine" and "U.N." is "UN".

Case, accents and punctuation are folded, aliases and generic words ("region", "strip")
applied, lower-case words of position dropped ("near", "central", "south of"); a location
answers to its whole, its first comma part and any place it lists in parentheses. Rules: docs/prompt-regression.md#how-a-summary-is-scored.
"""

from __future__ import annotations

import re

from summarizer.text.fold import fold

__all__ = ["location_keys", "locations_equal", "normalize_location"]

_LOCATION_ALIASES: tuple[tuple[str, str], ...] = (
    ("united nations", "un"),
    ("united states of america", "us"),
    ("united states", "us"),
    ("usa", "us"),
    ("united kingdom", "uk"),
)
# Words that name the kind of place, not the place: "Belgorod region" is Belgorod.
_GENERIC_PLACE_WORDS = frozenset(
    {
        "city",
        "county",
        "counties",
        "province",
        "oblast",
        "region",
        "district",
        "governorate",
        "prefecture",
        "municipality",
        "strip",
        "state",
        "tehsil",
        "area",
        "town",
        "village",
    }
)
# Words that say where within or near a place, written in lower case: "near Tahta",
# "central Manchester", "south of Nouadhibou", "the city centre". Capitalised, they are part
# of a name ("South Africa", "West Sulawesi", "Northern Ireland") and stay.
_POSITION_WORDS = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?(?:\s+of)?|central|downtown"
    r"|near|outside|off|outskirts\s+of|(?:city\s+)?cent(?:re|er))\b"
)
_PARENS = re.compile(r"\(([^()]*)\)")
_PAREN_ITEM_SPLIT = re.compile(r",|;|/|&|\band\b")
_PART_SPLIT = re.compile(r"[,;]")


def normalize_location(text: str | None) -> str:
    """Canonical words of a place: no case, accents, punctuation, generic words; aliases applied."""
    if not text:
        return ""
    folded = fold(_POSITION_WORDS.sub(" ", text))  # typographic apostrophes are "'" from here on
    # Dots and apostrophes join ("U.N." -> "un", "d'Ivoire" -> "divoire"); other marks split.
    folded = re.sub(r"[.']", "", folded)
    folded = re.sub(r"[\W_]+", " ", folded)
    joined = " ".join(folded.split())
    for phrase, alias in _LOCATION_ALIASES:
        joined = re.sub(rf"\b{phrase}\b", alias, joined)
    words = [w for w in joined.split() if w != "the"]
    kept = [w for w in words if w not in _GENERIC_PLACE_WORDS]
    return " ".join(kept or words)


def location_keys(text: str | None) -> frozenset[str]:
    """Names a location answers to: the whole, its first comma part, places listed in parentheses."""
    if not text:
        return frozenset()
    keys: set[str] = set()
    for inner in _PARENS.findall(text):
        keys.update(normalize_location(item) for item in _PAREN_ITEM_SPLIT.split(inner))
    base = _PARENS.sub(" ", text)
    parts = [p for p in (normalize_location(part) for part in _PART_SPLIT.split(base)) if p]
    if parts:
        keys.add(" ".join(parts))
        keys.add(parts[0])
    keys.discard("")
    return frozenset(keys)


def locations_equal(pred: str | None, gold: str | None) -> bool:
    """The location field rule: both empty, or they share a key (see :func:`location_keys`)."""
    pred_keys, gold_keys = location_keys(pred), location_keys(gold)
    if not pred_keys or not gold_keys:
        return not pred_keys and not gold_keys
    return bool(pred_keys & gold_keys)
