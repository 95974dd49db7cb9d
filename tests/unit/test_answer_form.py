"""The form of a model's answer: calendar dates, control characters, cut texts, prompt marks.

Unit tests of the rules the schema, the llama.cpp grammar and the salvage apply; the
end-to-end runs against fake model servers are in tests/unit/pipeline/test_malformed_cli.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError

from summarizer.backends.backend import grammar_schema, json_text_pattern
from summarizer.checks.claims import check_cut_texts
from summarizer.checks.salvage import cut_at_word, read_cut_answer, salvage
from summarizer.iso_dates import CALENDAR_DATE_PATTERN, not_a_date
from summarizer.pipeline.plan import RESPONSE_MODEL
from summarizer.prompting.selection import template_model
from summarizer.schema import Event, SummaryDraft, lenient_json
from summarizer.text.marks import strip_marks
from tests.fakes.fake_openai_server import BELGOROD_DRAFT, belgorod_draft

CALENDAR_DATE = re.compile(CALENDAR_DATE_PATTERN)
ARTICLE = (
    "date 2024-01-01\n\nAt least 26 people were injured in strikes on Kharkiv on Saturday night, "
    "officials said. An attack on Belgorod killed 24 people.\n"
)


def real_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


# -- calendar dates ------------------------------------------------------------------


@pytest.mark.parametrize("year", [2024, 2023, 1900, 2000, 2100, 1600, 1004, 9996])
def test_every_day_of_the_year_and_none_more(year: int) -> None:
    """Each (month, day) 01-00..13-32 matches exactly when the date exists that year."""
    for month in range(0, 14):
        for day in range(0, 33):
            text = f"{year:04d}-{month:02d}-{day:02d}"
            assert bool(CALENDAR_DATE.fullmatch(text)) == real_date(year, month, day), text
            assert (not_a_date(text) is None) == real_date(year, month, day), text


@pytest.mark.parametrize(
    ("year", "leap"), [(1900, False), (2000, True), (2024, True), (2100, False), (2023, False)]
)
def test_february_29_only_in_leap_years(year: int, leap: bool) -> None:
    assert bool(CALENDAR_DATE.fullmatch(f"{year}-02-29")) is leap
    assert calendar.isleap(year) is leap


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_date_matches(date: dt.date) -> None:
    assert CALENDAR_DATE.fullmatch(date.isoformat())
    assert Event(event_type="attack", description="x", date=date.isoformat()).date == date


@given(st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"))
def test_a_date_shaped_text_matches_exactly_when_it_is_a_date(text: str) -> None:
    year, month, day = (int(part) for part in text.split("-"))
    exists = year >= 1000 and real_date(year, month, day)
    assert bool(CALENDAR_DATE.fullmatch(text)) == exists
    if exists:
        assert Event(event_type="attack", description="x", date=text).date == dt.date.fromisoformat(
            text
        )
    else:
        with pytest.raises(ValidationError, match="is not a date"):
            Event(event_type="attack", description="x", date=text)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2024-02-30", "February 2024 has 29 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2024-04-31", "April 2024 has 30 days"),
        ("2024-13-01", "there is no month 13"),
        ("20240101", "not a date as YYYY-MM-DD"),  # fromisoformat would take it
        ("2024-W01-1", "not a date as YYYY-MM-DD"),  # and this
    ],
)
def test_validation_says_why_a_date_is_refused(text: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why):
        Event(event_type="attack", description="x", date=text)


def dates_in(schema: Any) -> list[dict[str, Any]]:
    """Every schema node of a date in ``schema``."""
    found: list[dict[str, Any]] = []
    if isinstance(schema, dict):
        if schema.get("format") == "date":
            found.append(schema)
        for value in schema.values():
            found += dates_in(value)
    elif isinstance(schema, list):
        for value in schema:
            found += dates_in(value)
    return found


@pytest.mark.parametrize("model", [RESPONSE_MODEL, template_model()], ids=["draft", "selection"])
def test_the_schema_and_the_grammar_the_model_gets_hold_the_calendar_pattern(model: Any) -> None:
    for schema in (model.model_json_schema(), grammar_schema(model)):
        dates = dates_in(schema)
        assert dates and all(node["pattern"] == CALENDAR_DATE_PATTERN for node in dates)


def test_the_pattern_uses_only_what_llama_cpp_compiles() -> None:
    """json-schema-to-grammar: anchors, groups, |, classes, {n}; no (?:, lookarounds, \\d."""
    assert CALENDAR_DATE_PATTERN.startswith("^") and CALENDAR_DATE_PATTERN.endswith("$")
    assert "(?" not in CALENDAR_DATE_PATTERN and "\\" not in CALENDAR_DATE_PATTERN


def test_llama_cpp_compiles_the_grammar_with_the_calendar_and_string_rules() -> None:
    """With the `local` extra: the real converter turns the patterns into grammar rules."""
    llama_grammar = pytest.importorskip("llama_cpp.llama_grammar")
    gbnf = llama_grammar.json_schema_to_gbnf(json.dumps(grammar_schema(RESPONSE_MODEL)))
    assert "date-string" not in gbnf  # its own date rule admits 2024-02-30
    assert "[0-8]" in gbnf  # days 01-28 of every month, 29-31 where they exist
    assert "\\x00-\\x1F" in gbnf  # no raw control character in a string


# -- control characters ------------------------------------------------------------------

TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), max_codepoint=0xFFFF, blacklist_characters="\x7f"),
    max_size=40,
)


@given(TEXT, st.integers(0, 5), st.integers(5, 50))
def test_a_grammar_string_is_any_json_text_of_its_length(text: str, low: int, high: int) -> None:
    """The pattern matches a string's JSON text (escapes included) iff its length fits."""
    pattern = re.compile(json_text_pattern(low, high))
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    assert bool(pattern.fullmatch(body)) == (low <= len(text) <= high)


@given(TEXT, st.sampled_from(["\n", "\t", "\r", "\x00", "\x1f"]), st.data())
def test_a_grammar_string_holds_no_raw_control_character(
    text: str, control: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(text)))
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    body = body[: min(at, len(body))] + control + body[min(at, len(body)) :]
    assert not re.fullmatch(json_text_pattern(0, 200), body)


def test_every_plain_string_of_the_grammar_has_the_pattern() -> None:
    strings: list[dict[str, Any]] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string" and not {"enum", "const"} & node.keys():
                strings.append(node)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(grammar_schema(RESPONSE_MODEL))
    headline = grammar_schema(RESPONSE_MODEL)["properties"]["headline"]
    assert headline["pattern"] == json_text_pattern(1, 160)
    assert strings and all("pattern" in node for node in strings)


@given(
    st.dictionaries(
        st.sampled_from(["headline", "summary", "other"]),
        st.text(st.characters(max_codepoint=0x2FF), max_size=20),
        min_size=1,
    )
)
@example({"headline": "\\b", "summary": "tab\tand \\\n"})  # escapes next to raw ones
def test_raw_control_characters_are_read_as_written_and_reported(data: dict[str, str]) -> None:
    # A model that writes control characters raw, every other character as JSON escapes it
    # (character by character: undoing escapes in the dumped text would misread "\\b").
    def raw_string(text: str) -> str:
        return (
            '"'
            + "".join(c if c < " " else json.dumps(c, ensure_ascii=False)[1:-1] for c in text)
            + '"'
        )

    raw = "{" + ", ".join(f"{raw_string(k)}: {raw_string(v)}" for k, v in data.items()) + "}"
    read, repairs = lenient_json(raw)
    assert read == data
    controlled = {key for key, value in data.items() if re.search(r"[\x00-\x1f]", value)}
    assert {claim.path for claim in repairs} == controlled
    assert all(c.status == "repaired" and c.verdict == "unconfirmed" for c in repairs)


def test_an_escaped_line_break_is_no_repair() -> None:
    assert lenient_json(json.dumps({"headline": "Two\nlines"})) == ({"headline": "Two\nlines"}, [])


def test_a_raw_line_break_in_a_selection_answer_is_read_too() -> None:
    answer = template_model()
    raw = '{"headline": "Blast\nkills 12", "summary": "s", "events": [{"event_type": "explosion", "date": null, "date_text": null, "location": "", "description": "d"}]}'
    assert answer.model_validate_json(raw).headline == "Blast\nkills 12"  # type: ignore[attr-defined]


# -- salvage -------------------------------------------------------------------------------


def context() -> dict[str, Any]:
    return {"article": ARTICLE, "dateline": dt.date(2024, 1, 1), "reask": False}


def format_claims(draft: SummaryDraft) -> dict[str, tuple[str, str]]:
    from summarizer.checks.reask import report_of

    report = report_of(draft)
    assert report is not None
    return {c.path: (c.status, c.reason) for c in report.claims if c.kind == "format"}


def test_a_date_that_does_not_exist_is_emptied_and_flagged_the_rest_kept() -> None:
    draft = belgorod_draft()
    draft["events"][0]["date"] = "2024-02-30"
    kept = salvage(json.dumps(draft), RESPONSE_MODEL, context())
    assert isinstance(kept, SummaryDraft)
    assert kept.events[0].date is None and kept.events[1].date == dt.date(2023, 12, 30)
    assert kept.headline == BELGOROD_DRAFT["headline"] and len(kept.iter_figures()) == 5
    status, reason = format_claims(kept)["events[0].date"]
    assert status == "malformed" and "February 2024 has 29 days" in reason


def test_a_required_field_refused_drops_its_item_once() -> None:
    draft = belgorod_draft()
    draft["events"][1]["event_type"] = "volcano"
    kept = salvage(json.dumps(draft), RESPONSE_MODEL, context())
    assert isinstance(kept, SummaryDraft) and len(kept.events) == 1
    claims = format_claims(kept)
    assert list(claims) == ["events[1]"]
    status, reason = claims["events[1]"]
    assert status == "malformed" and "'volcano'" in reason and "dropped" in reason


def test_a_text_past_its_limit_is_cut_at_a_word_and_flagged() -> None:
    draft = belgorod_draft(headline="Russia strikes Kharkiv " * 10)
    kept = salvage(json.dumps(draft), RESPONSE_MODEL, context())
    assert isinstance(kept, SummaryDraft)
    assert len(kept.headline) <= 160 and kept.headline.endswith("Kharkiv")
    assert format_claims(kept)["headline"][0] == "cut"


@pytest.mark.parametrize(
    "raw",
    ['{"headline": "cut off', '{"summary": "no headline", "events": []}', "[1, 2]"],
)
def test_an_answer_with_nothing_to_keep_still_fails(raw: str) -> None:
    with pytest.raises(ValidationError):
        salvage(raw, RESPONSE_MODEL, context())


def test_cut_at_word() -> None:
    assert cut_at_word("one two three", 9) == "one two"
    assert cut_at_word("one two three", 7) == "one two"
    assert cut_at_word("onetwothree", 5) == "onetw"
    assert cut_at_word("short", 9) == "short"


# -- cut texts and prompt marks ------------------------------------------------------------


def test_a_headline_cut_at_its_limit_mid_sentence_is_noted() -> None:
    headline = ("Blast in the city centre. " * 10)[:142] + "The death toll is "
    assert len(headline) == 160
    checks = check_cut_texts(SummaryDraft(headline=headline, summary="s."))
    assert [(c.path, c.status, c.verdict) for c in checks] == [("headline", "cut", "unconfirmed")]
    assert "160-character limit" in checks[0].reason


def test_a_headline_that_ends_its_sentence_at_the_limit_is_not_noted() -> None:
    headline = "x" * 159 + "."
    assert check_cut_texts(SummaryDraft(headline=headline, summary="s.")) == []
    assert check_cut_texts(SummaryDraft(headline="Short and cut", summary="s.")) == []


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Strikes on Monday (2021-03-15) hit Kharkiv.", "Strikes on Monday hit Kharkiv."),
        ("On Saturday's (2023-12-30), 24 [M3] died.", "On Saturday's, 24 died."),
        ("24 [M12] people", "24 people"),
        ("A plain text", "A plain text"),
    ],
)
def test_marks_the_prompt_adds_are_stripped(text: str, clean: str) -> None:
    assert strip_marks(text, ARTICLE) == clean


def test_what_the_article_itself_writes_is_kept() -> None:
    article = "The law (2021-03-15) took effect."
    assert strip_marks("The law (2021-03-15) [M1] took effect.", article) == (
        "The law (2021-03-15) took effect."
    )


# -- answers cut off before their end ---------------------------------------------------------


def test_a_cut_answer_keeps_what_it_finished_and_the_cut_text_to_its_last_word() -> None:
    raw = json.dumps(BELGOROD_DRAFT)
    cut = raw[: raw.index('"summary"') + 60]  # inside the summary
    kept = salvage(cut, RESPONSE_MODEL, {**context(), "reask": False})
    whole = SummaryDraft.model_validate(BELGOROD_DRAFT)
    assert isinstance(kept, SummaryDraft) and kept.headline == whole.headline
    assert whole.summary.startswith(kept.summary) and len(kept.summary) < len(whole.summary)
    assert not kept.summary.endswith(" ")  # cut at a word boundary, not inside a word
    assert kept.events == []
    assert {path: status for path, (status, _) in format_claims(kept).items()} == {
        "summary": "cut",
        "answer": "cut",
    }


def test_a_number_the_answer_was_writing_is_dropped_not_read() -> None:
    data, repairs = read_cut_answer('{"headline": "h", "summary": "s", "n": 12')
    assert data == {"headline": "h", "summary": "s"}  # "12" may be the start of "120"
    assert [(r.path, r.status) for r in repairs] == [("answer", "cut")]


def test_a_cut_answer_reads_raw_line_breaks_too() -> None:
    data, repairs = read_cut_answer('{"headline": "two\nlines", "summary": "half a sen')
    assert data == {"headline": "two\nlines", "summary": "half a"}
    assert [(r.path, r.status) for r in repairs] == [
        ("headline", "repaired"),
        ("summary", "cut"),
        ("answer", "cut"),
    ]


@pytest.mark.parametrize("raw", ["not json", "[1, 2", ""])
def test_what_is_not_the_start_of_an_object_is_still_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        read_cut_answer(raw)
