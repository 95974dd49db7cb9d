"""The one sentence splitter (summarizer.text.sentences): the shapes news text takes."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from summarizer.numbers import extract_numbers
from summarizer.numbers import sentence_spans as body_sentence_spans
from summarizer.text.dates import parse_dateline
from summarizer.text.sentences import (
    opens_sentence,
    part_between,
    sentence_at,
    sentence_ends,
    sentence_index,
    sentence_spans,
)
from tests.support.paths import ROOT

SEEDS = ROOT / "seeds"


def split(text: str) -> list[str]:
    """The sentences of ``text`` as the reader sees them (outer whitespace dropped)."""
    return [text[start:end].strip() for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        pytest.param(
            "Rockets hit the city. 12 people died! Was it over? No.",
            ["Rockets hit the city.", "12 people died!", "Was it over?", "No."],
            id="marks before a capital or a digit",
        ),
        pytest.param(
            "Dr. Smith and Gen. Lee met Mr. Jones. They left.",
            ["Dr. Smith and Gen. Lee met Mr. Jones.", "They left."],
            id="titles",
        ),
        pytest.param(
            "The U.S. Army said 4 died. The U.N. agreed.",
            ["The U.S. Army said 4 died.", "The U.N. agreed."],
            id="initialisms",
        ),
        pytest.param(
            "Police chief J. R. Smith said 4 died. Then 12 were hurt.",
            ["Police chief J. R. Smith said 4 died.", "Then 12 were hurt."],
            id="initials of a name",
        ),
        pytest.param(
            "It struck at 5 a.m. Friday, on Sept. 5, near No. 10 Downing St. Nobody was hurt.",
            ["It struck at 5 a.m. Friday, on Sept. 5, near No. 10 Downing St. Nobody was hurt."],
            id="a period that ends an abbreviation ends no sentence, even before a capital",
        ),
        pytest.param(
            'He said "4 people died." Then 12 were hurt.',
            ['He said "4 people died."', "Then 12 were hurt."],
            id="closing quote after the mark",
        ),
        pytest.param(
            "(Four people died.) Then 12 were hurt. [Sources said so.] Later ‘more’ came.",
            [
                "(Four people died.)",
                "Then 12 were hurt.",
                "[Sources said so.]",
                "Later ‘more’ came.",
            ],
            id="closing brackets after the mark",
        ),
        pytest.param(
            'Four people died. "Then 12 were hurt," he said. (Nobody else was.)',
            ["Four people died.", '"Then 12 were hurt," he said.', "(Nobody else was.)"],
            id="opening quote or bracket before the capital",
        ),
        pytest.param(
            "Four people died... Then 12 were hurt... and 3 fled.",
            ["Four people died...", "Then 12 were hurt... and 3 fled."],
            id="three periods: an end before a capital only",
        ),
        pytest.param(
            "Four people died… Then 12 were hurt.",
            ["Four people died… Then 12 were hurt."],
            id="the ellipsis character is no mark",
        ),
        pytest.param(
            "Four people died. then 12 were hurt, e.g. in the blast. Rescuers came.",
            ["Four people died. then 12 were hurt, e.g. in the blast.", "Rescuers came."],
            id="a mark before a lower-case word",
        ),
        pytest.param(
            "Prices rose 3.5 percent and 0.7 points. Shares fell 2.25%.",
            ["Prices rose 3.5 percent and 0.7 points.", "Shares fell 2.25%."],
            id="decimals",
        ),
        pytest.param(
            "Heading without a mark\n\nFour people died\n  \nin the blast.\nThen 12 were hurt.",
            ["Heading without a mark", "Four people died", "in the blast.", "Then 12 were hurt."],
            id="a blank line ends a paragraph, a single newline only after a mark",
        ),
        pytest.param(
            "Each family gets Rs. 100,000 and Tk. 500. Aid came.",
            ["Each family gets Rs. 100,000 and Tk. 500.", "Aid came."],
            id="an abbreviated currency's period",
        ),
        pytest.param(
            "Four people died.", ["Four people died."], id="one sentence, no trailing break"
        ),
        pytest.param("", [""], id="empty text"),
    ],
)
def test_sentence_shapes(text: str, sentences: list[str]) -> None:
    assert split(text) == sentences


def test_spans_cover_the_text_and_ends_say_where_marks_end() -> None:
    text = 'Four died. "Then 12 were hurt."  Rescuers came.\n\nA new paragraph'
    spans = sentence_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    ends = sentence_ends(text)
    assert [end for _, end in spans[:-1]] == ends == sorted(set(ends))
    assert [text[end - 1] for end in ends] == [".", '"', "."]  # closers stay with the mark
    assert text[ends[-1] : ends[-1] + 2] == "\n\n"  # "came.\n\n": one end, at the newline
    assert sentence_ends("A heading\n\nBody text.") == [len("A heading")]  # no mark: the newline


def test_start_and_end_bound_the_split() -> None:
    text = "date 2024-01-01 Four died. Then 12 were hurt. Rescuers came."
    start = text.index("Four")
    assert sentence_spans(text, start)[0] == (start, text.index(" Then"))
    end = text.index(" Rescuers")
    # Read as if the text stopped at ``end``: the last mark before it has nothing after it.
    assert sentence_spans(text, start, end) == [
        (start, text.index(" Then")),
        (text.index(" Then"), end),
    ]
    assert sentence_ends(text, start, end) == [text.index(" Then")]


def test_sentence_at_and_index_find_the_sentence_of_an_offset() -> None:
    text = "Four died. Then 12 were hurt. Rescuers came."
    spans = sentence_spans(text)
    at = text.index("12")
    assert sentence_at(spans, at) == spans[1] == spans[sentence_index(spans, at)]
    assert sentence_at(spans, 0) == spans[0] and sentence_at(spans, len(text)) == spans[-1]
    assert sentence_at(spans, spans[1][0]) == spans[1]  # a sentence holds its first offset


ARTICLES = sorted(SEEDS.glob("*.txt")) + sorted((SEEDS / "corpus").glob("*.txt"))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_the_extractor_reads_the_sentences_of_sentence_spans(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    dateline = parse_dateline(text)
    body = sentence_spans(text, dateline.end if dateline else 0)
    assert body_sentence_spans(text) == body
    for mention in extract_numbers(text):
        start, end = sentence_at(body, mention.start)
        assert mention.sentence == " ".join(text[start:end].split())


@pytest.mark.parametrize(
    ("text", "word", "opens"),
    [
        ("Police said two died.", "Police", True),
        ("It rained. Police said two died.", "Police", True),
        ('He said: "Mobile phones failed."', "Mobile", True),
        ("Rescuers (Red Cross teams) came.", "Red", True),
        ("Officials in Davao said.", "Davao", False),
        ("The mayor of Reading said.", "Reading", False),
    ],
)
def test_a_word_opens_a_sentence_after_an_end_mark_a_quote_or_a_bracket(
    text: str, word: str, opens: bool
) -> None:
    assert opens_sentence(text, text.index(word)) is opens


def test_the_part_between_cuts_holds_the_span_and_stops_at_the_nearest_cut_each_side() -> None:
    text = "Shelling killed five in Odesa; a strike injured 12, while 40 fled."
    cuts = re.compile(r";|,\s+while\b")
    twelve = text.index("12")
    low, high = part_between(text, twelve, twelve + 2, cuts)
    assert text[low:high] == " a strike injured 12"
    assert part_between(text, 0, 8, cuts) == (0, text.index(";"))
    assert part_between(text, twelve, twelve + 2, re.compile("nowhere")) == (0, len(text))
