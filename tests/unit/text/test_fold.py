"""The one folding (summarizer.text.fold): case, accents and quote marks, and its callers.

The name check, the country names, the gazetteer and the eval's place rule fold with
:func:`fold`, so a word that matches in one matches in all of them; quote grounding uses
its first step, :func:`caseless`, and keeps accents.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.checks.grounding import ground, normalize
from summarizer.checks.report import verify
from summarizer.evaluation.locations import locations_equal, normalize_location
from summarizer.schema import Event, SummaryDraft
from summarizer.text.fold import caseless, fold
from tests.support.paths import ROOT

SOURCE = ROOT / "summarizer"


@pytest.mark.parametrize(
    ("a", "b", "folded"),
    [
        ("Diyarbakır", "DİYARBAKIR", "diyarbakir"),  # Turkish dotless ı and dotted İ
        ("DIYARBAKIR", "diyarbakir", "diyarbakir"),
        ("Straße", "STRASSE", "strasse"),  # German ß is "ss", capital ẞ too
        ("ẞ", "ss", "ss"),
        ("École", "ECOLE", "ecole"),  # É, composed or decomposed
        ("E\u0301cole", "École", "ecole"),
        ("O’Neill", "O'Neill", "o'neill"),  # curly apostrophe, modifier letter, backtick
        ("Oʼ Neill", "O' Neill", "o' neill"),
        ("O`Neill", "O'Neill", "o'neill"),
        ("“Kyiv”", '"Kyiv"', '"kyiv"'),
        ("ﬁre ﬂood", "fire flood", "fire flood"),  # ligatures are their letters
        ("São Paulo", "Sao Paulo", "sao paulo"),
        ("Łódź", "Lodz", "lodz"),  # a letter with a stroke is its plain letter
        ("Tromsø", "TROMSO", "tromso"),
        ("２６ ＫＭ", "26 km", "26 km"),  # fullwidth forms
    ],
)
def test_fold_makes_both_spellings_one(a: str, b: str, folded: str) -> None:
    assert fold(a) == fold(b) == folded


def test_an_acute_accent_used_as_an_apostrophe_is_one() -> None:
    """NFKD would split "´" into a space and a combining accent: it is read as "'" first."""
    assert fold("d´Ivoire") == "d'ivoire"


def test_ascii_text_is_only_lowered() -> None:
    text = "At least 12 people were killed in Kharkiv, officials said."
    assert fold(text) == text.lower()


@given(st.text(max_size=40))
def test_every_character_folds_on_its_own(text: str) -> None:
    """Folding a text is folding its characters: where folding keeps the length (nearly
    always), the name check reads capitals from the original at the same offsets."""
    assert fold(text) == "".join(fold(ch) for ch in text)


def test_caseless_is_unicodes_caseless_form_and_keeps_accents() -> None:
    assert caseless("STRASSE") == caseless("straße") == "strasse"
    assert caseless("ﬁre") == "fire" and caseless("Ǆ") == "dz\u030c"
    assert caseless("É") == caseless("e\u0301") == "e\u0301"
    assert caseless("İ") == "i\u0307"


@given(st.text(max_size=40))
def test_folding_twice_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_the_name_check_folds_case_accents_and_apostrophes() -> None:
    article = (
        " date 2024-05-02 Aoife O’Neill told reporters in São Paulo, and mayor Ayşe Işık "
        "in Diyarbakır."
    )
    draft = SummaryDraft(
        headline="Statement",
        summary="Officials spoke.",
        events=[
            Event(
                event_type="other",
                description="A statement.",
                location="Sao Paulo",
                actors=[{"name": "Aoife O'Neill", "role": "other"}],
            ),
            Event(
                event_type="other",
                description="A statement.",
                location="DIYARBAKIR",
                actors=[{"name": "Ayse Isik", "role": "other"}],
            ),
        ],
    )
    claims = {c.path: c.status for c in verify(article, draft).claims if c.kind == "name"}
    assert claims == {
        "events[0].actors[0]": "verified",
        "events[0].location": "verified",
        "events[1].actors[0]": "verified",
        "events[1].location": "verified",
    }


def test_grounding_folds_case_but_keeps_accents_and_offsets() -> None:
    article = "Le PRÉFET de la Straße a dit: « 12 morts »."
    g = ground("le préfet de la strasse a dit", article)
    assert g.match == "normalized"
    assert article[g.start : g.end] == "Le PRÉFET de la Straße a dit"
    norm = normalize("Straße")  # one letter may fold to two: both map back to it
    assert norm.text == "strasse" and norm.original_span(4, 6) == (4, 5)
    # An accent left out changes the quote: only the fuzzy step may still find it.
    assert ground("le prefet de la strasse a dit", article).match != "normalized"


def test_the_eval_place_rule_folds_the_same_way() -> None:
    assert normalize_location("Diyarbakır Province") == normalize_location("DIYARBAKIR")
    assert locations_equal("Côte d’Ivoire", "Cote d'Ivoire")
    assert locations_equal("Łódź, Poland", "Lodz")


def test_no_other_module_folds_text_its_own_way() -> None:
    """Decomposing Unicode to drop accents is the fold module's job alone."""
    offenders = [
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        if path.name != "fold.py" and re.search(r"unicodedata\.normalize\(", path.read_text())
    ]
    assert offenders == []
