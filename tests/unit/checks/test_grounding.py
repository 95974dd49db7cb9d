"""Quote grounding: exact, normalised and fuzzy matches, with offsets in the original text."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from summarizer.checks.grounding import (
    FUZZY_THRESHOLD,
    QuoteAligner,
    ground,
    ground_all,
    normalize,
    normalize_quote,
)
from tests.support.paths import ROOT

SEEDS = ROOT / "seeds"
BELGOROD = (SEEDS / "belgorod-kharkiv-2024-01-01.txt").read_text(encoding="utf-8")
GAZA = (SEEDS / "rockets-gaza-2012.txt").read_text(encoding="utf-8")


def span(article: str, quote: str) -> str:
    g = ground(quote, article)
    assert g.start is not None and g.end is not None, g
    return article[g.start : g.end]


# ---------------------------------------------------------------------------
# exact
# ---------------------------------------------------------------------------


def test_exact_offsets() -> None:
    quote = "killed 24 people, including children"
    g = ground(quote, BELGOROD)
    assert (g.match, g.score) == ("exact", 1.0)
    assert BELGOROD[g.start : g.end] == quote
    assert g.start == BELGOROD.index(quote)


def test_exact_ignores_surrounding_whitespace() -> None:
    g = ground("  At least 26 people were injured \n", BELGOROD)
    assert g.match == "exact"
    assert BELGOROD[g.start : g.end] == "At least 26 people were injured"


def test_exact_after_astral_and_non_latin_text() -> None:
    article = "😀🚀 Взрыв в Белгороде: 24 погибших. 北京 报道 12 人死亡。 قتل 5 أشخاص"
    for quote in ("24 погибших", "12 人死亡", "قتل 5 أشخاص"):
        g = ground(quote, article)
        assert g.match == "exact"
        assert article[g.start : g.end] == quote


def test_ground_all_returns_every_occurrence() -> None:
    article = "Tianjin: 12 firefighters died. Later, the 12 firefighters were named."
    found = ground_all("12 firefighters", article)
    assert [article[g.start : g.end] for g in found] == ["12 firefighters", "12 firefighters"]
    assert found[0].start < found[1].start


def test_empty_quote_is_none() -> None:
    assert ground("   ", BELGOROD).match == "none"


def test_quote_of_invisible_characters_only_is_none() -> None:
    """Soft hyphens and zero-width spaces normalise to nothing: such a quote grounds
    nowhere (it once made the normalised search index past the article's end)."""
    for article in ("", "x", "Five people were killed.", "\u00ad", BELGOROD):
        for quote in ("\u00ad", " \u200b\u00ad ", "\ufeff"):
            assert [g.match for g in ground_all(quote, article)] == ["none"]


# ---------------------------------------------------------------------------
# normalized
# ---------------------------------------------------------------------------


def test_case_and_whitespace_including_nbsp() -> None:
    article = "Officials said\u00a0at least\u202f26  people\nwere injured on Sunday."
    g = ground("AT LEAST 26 PEOPLE WERE INJURED", article)
    assert g.match == "normalized"
    assert article[g.start : g.end] == "at least\u202f26  people\nwere injured"


def test_curly_and_straight_quote_marks() -> None:
    # The article has curly quotes; the model typed straight ones.
    quote = '"Despite the continuous barrage of mortars and artillery shells'
    g = ground(quote, GAZA)
    assert g.match == "normalized"
    assert (
        GAZA[g.start : g.end] == "“Despite the continuous barrage of mortars and artillery shells"
    )
    assert (
        span(GAZA, "Israel's Iron Dome missile defense system")
        == "Israel’s Iron Dome missile defense system"
    )


def test_dashes_en_em_and_double_hyphen() -> None:
    for typed in (
        "Belgorod — the deadliest",
        "Belgorod—the deadliest",
        "Belgorod – the deadliest",
        "Belgorod - the deadliest",
    ):
        g = ground(typed, BELGOROD)
        assert g.match == "normalized", typed
        assert BELGOROD[g.start : g.end] == "Belgorod -- the deadliest"
    article = "The blast — in the port — killed 44."
    assert span(article, "port -- killed 44") == "port — killed 44"


def test_ellipsis_forms() -> None:
    article = "He said: “We will respond…” Then 12 drones were launched."
    assert span(article, '"We will respond..."') == "“We will respond…”"


def test_elided_quote_spans_the_gap() -> None:
    g = ground("At least 20 Palestinians ... have been killed", GAZA)
    assert g.match == "normalized"
    assert (
        GAZA[g.start : g.end]
        == "At least 20 Palestinians, including two civilians, have been killed"
    )


def test_wrapping_quote_marks_and_final_stop_are_tolerated() -> None:
    assert span(BELGOROD, '"killed 24 people."') == "killed 24 people"


def test_non_latin_normalized_offsets() -> None:
    article = "Новости 😀: «В Белгороде\u00a0погибли 24\u00a0человека» — сообщил губернатор. 東京\u3000で 3 人"
    g = ground('"в белгороде погибли 24 человека" - сообщил', article)
    assert g.match == "normalized"
    assert article[g.start : g.end] == "«В Белгороде\u00a0погибли 24\u00a0человека» — сообщил"
    g = ground("東京 で 3 人", article)
    assert g.match == "normalized"
    assert article[g.start : g.end] == "東京\u3000で 3 人"


def test_composed_and_decomposed_accents() -> None:
    article = "Le pre\u0301fet a confirme\u0301 12 morts."
    g = ground("préfet a confirmé 12 morts", article)
    assert g.match == "normalized"
    assert article[g.start : g.end] == "pre\u0301fet a confirme\u0301 12 morts"


def test_zero_width_and_fullwidth_characters() -> None:
    article = "Casualties: twenty\u200b-six people; ２６ injured."
    assert span(article, "twenty-six people") == "twenty\u200b-six people"
    assert span(article, "26 injured") == "２６ injured"


def test_normalize_offset_map_is_monotonic_and_in_bounds() -> None:
    text = "A\u00a0 “b” -- c—d … ß İ 😀"
    norm = normalize(text)
    assert norm.text == "a 'b'-c-d ... ss i̇ 😀"
    assert len(norm.text) == len(norm.starts) == len(norm.ends)
    assert list(norm.starts) == sorted(norm.starts)
    assert all(0 <= s < e <= len(text) for s, e in zip(norm.starts, norm.ends, strict=True))


# ---------------------------------------------------------------------------
# fuzzy
# ---------------------------------------------------------------------------


def test_fuzzy_match_covers_the_passage() -> None:
    quote = "Ukraine's government said it shot down 21 of the 49 drones fired overnight"
    g = ground(quote, BELGOROD)
    assert g.match == "fuzzy"
    assert FUZZY_THRESHOLD <= g.score < 1.0
    assert (
        BELGOROD[g.start : g.end]
        == "Ukraine's government said it shot down 21 of 49 drones fired overnight"
    )


def test_fuzzy_window_never_cuts_a_number() -> None:
    g = ground("in the city of around 340,000 people", BELGOROD)
    assert g.match == "fuzzy"
    assert "340,000" in BELGOROD[g.start : g.end]


def test_paraphrase_is_not_grounded() -> None:
    g = ground("The Pope visited Kyiv on Tuesday with four hundred cardinals", BELGOROD)
    assert g.match == "none" and g.start is None
    assert 0.0 < g.score < FUZZY_THRESHOLD


def test_short_quotes_never_match_fuzzily() -> None:
    assert ground("killed 25", BELGOROD).match == "none"


def test_threshold_is_configurable() -> None:
    quote = "killing more than 40 people across the country"
    assert ground(quote, BELGOROD).match == "none"
    loose = QuoteAligner(BELGOROD, threshold=0.8).ground(quote)
    assert loose.match == "fuzzy"
    assert "killing over 40 people across the country" in BELGOROD[loose.start : loose.end]


def test_long_article_stays_fast() -> None:
    article = BELGOROD * 150  # ~570k characters
    quote = "a fabricated sentence that appears nowhere in the article, " * 6
    started = time.perf_counter()
    aligner = QuoteAligner(article)
    for _ in range(3):
        assert aligner.ground(quote).match == "none"
    assert time.perf_counter() - started < 5.0


# ---------------------------------------------------------------------------
# property: a perturbed substring grounds to a span that normalises to the quote
# ---------------------------------------------------------------------------

ALPHABET = [
    *"abcXYZ 0123456789.,'\"-",
    "\u00a0",
    "’",
    "“",
    "”",
    "–",
    "—",
    "…",
    "é",
    "e\u0301",
    "д",
    "Ж",
    "中",
    "😀",
    "ß",
    "\n",
]
SWAPS = {" ": "\u00a0", "'": "’", '"': "“", "-": "—", "…": "...", "’": "'", "—": "--"}


@given(
    pieces=st.lists(st.sampled_from(ALPHABET), min_size=5, max_size=80),
    data=st.data(),
)
def test_property_perturbed_quote_grounds(pieces: list[str], data: st.DataObject) -> None:
    article = "".join(pieces)
    start = data.draw(st.integers(0, len(article) - 1))
    end = data.draw(st.integers(start + 1, len(article)))
    original = article[start:end]
    if not normalize_quote(original):
        return
    perturbed = "".join(SWAPS.get(ch, ch) for ch in original)
    if data.draw(st.booleans()):
        perturbed = perturbed.upper()
    g = ground(perturbed, article)
    assert g.match in ("exact", "normalized"), (original, perturbed)
    assert g.start is not None and g.end is not None and 0 <= g.start < g.end <= len(article)
    assert normalize_quote(perturbed) in normalize(article[g.start : g.end]).text


@given(article=st.text(max_size=60), quote=st.text(max_size=20))
def test_property_any_quote_against_any_article_gives_spans_inside_it(
    article: str, quote: str
) -> None:
    """Whatever a client posts (schemathesis sends arbitrary unicode): never an exception,
    and every span lies inside the article."""
    for grounding in ground_all(quote, article):
        if grounding.match != "none":
            assert grounding.start is not None and grounding.end is not None
            assert 0 <= grounding.start <= grounding.end <= len(article)
