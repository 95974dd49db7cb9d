"""Claims outside the figures (issue 14): numbers in prose, units, names, dates, background."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.checks.agreement import currency_of, scale_of, unit_problem, value_match
from summarizer.checks.report import verify
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.schema import Actor, Event, Figure, SummaryDraft
from summarizer.text.dates import resolve_date_text

ARTICLE = (
    " date 2024-03-15 A cyclone struck the coast of Bangladesh on Thursday, killing at least "
    "40 people and injuring 120, officials said. Some 2,000 homes were damaged. "
    "In 1991, a cyclone killed nearly 140,000 people in the same region. "
    "The government pledged $240 billion for reconstruction and inflation rose 0.5 percentage "
    "points. Revenue rose 10.7% this year, already up 10% last quarter."
)


def report_for(**fields: object):
    draft = SummaryDraft.model_validate(
        {"headline": "Cyclone hits Bangladesh", "summary": "A cyclone hit.", **fields}
    )
    return verify(ARTICLE, draft)


def claim(report, path: str, text: str):
    return next(c for c in report.claims if c.path == path and c.text == text)


@pytest.mark.parametrize(
    ("summary", "text", "status"),
    [
        ("The cyclone killed at least 40 people.", "40", "verified"),
        ("The cyclone killed 20 people.", "20", "not_in_article"),
        ("The cyclone killed 120 people.", "120", "role_mismatch"),
        ("The cyclone killed more than 40 people.", "40", "qualifier_mismatch"),
        ("Dozens of people were killed.", "Dozens", "verified"),  # implied by "at least 40"
        ("Tens of thousands were killed.", "Tens of thousands", "not_in_article"),  # 1991 toll
        ("It pledged 240 billion euros.", "240 billion", "unit_mismatch"),
        ("Inflation rose 0.5%.", "0.5", "unit_mismatch"),  # points, not percent
    ],
)
def test_numbers_in_prose_are_claims(summary: str, text: str, status: str) -> None:
    report = report_for(summary=summary)
    assert claim(report, "summary", text).status == status


@pytest.mark.parametrize(
    ("summary", "claimed"),
    [
        ("It was the deadliest cyclone since the previous one in 1991.", {"1991"}),  # a pronoun
        ("A new one is forecast, officials said.", set()),
        ("The cyclone killed one man in Khulna.", {"one"}),  # a count
        ("One of the dead was a fisherman.", {"One"}),
        ("A storm that killed one in Khulna.", {"one"}),
    ],
)
def test_one_standing_for_a_noun_is_no_number(summary: str, claimed: set[str]) -> None:
    report = report_for(summary=summary)
    texts = {c.text for c in report.claims if c.path == "summary" and c.kind == "number"}
    assert texts == claimed


@pytest.mark.parametrize(
    ("summary", "text", "status"),
    [
        ("Revenue growth was 10.7 this year.", "10.7", "verified"),  # a share, "%" left out
        ("Revenue growth was 10 last quarter.", "10", "unconfirmed"),  # a whole number may count
    ],
)
def test_a_bare_decimal_in_prose_is_the_articles_share(
    summary: str, text: str, status: str
) -> None:
    assert claim(report_for(summary=summary), "summary", text).status == status


def test_every_generated_string_is_read() -> None:
    event = Event(
        event_type="natural_disaster",
        description="A storm with 300 dead.",
        location="7 coastal towns",
        actors=[Actor(name="9 fire brigades", role="responder")],
        attribution="13 officials",
        figures=[
            Figure(
                value=40,
                qualifier="at_least",
                role="killed",
                quote="killing at least 40 people",
                noun="people in 5 villages",
            )
        ],
    )
    report = verify(ARTICLE, SummaryDraft(headline="6 dead", summary="s", events=[event]))
    paths = {(c.path, c.text) for c in report.claims if c.kind == "number"}
    assert {
        ("headline", "6"),
        ("events[0].description", "300"),
        ("events[0].location", "7"),
        ("events[0].actors[0].name", "9"),
        ("events[0].attribution", "13"),
        ("events[0].figures[0].noun", "5"),
    } <= paths
    assert report.contradicted >= 6 and not report.all_verified


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("Bangladesh", "verified"),
        ("Bangladeshi officials", "verified"),  # stem and generic word
        ("the government", "verified"),
        ("Myanmar", "name_not_in_article"),
        ("Viktor Halloran", "name_not_in_article"),
        ("volunteer divers", "unconfirmed"),  # common words the article does not use
    ],
)
def test_names_must_ground(name: str, status: str) -> None:
    event = Event(
        event_type="natural_disaster", description="A cyclone.", actors=[Actor(name=name)]
    )
    report = report_for(events=[event.model_dump()])
    assert claim(report, "events[0].actors[0]", name).status == status


def test_initials_ground_a_name() -> None:
    article = " date 2024-01-01 The US said it would send aid."
    event = Event(event_type="statement", description="Aid.", location="United States")
    report = verify(article, SummaryDraft(headline="Aid", summary="Aid.", events=[event]))
    assert claim(report, "events[0].location", "United States").status == "verified"


def test_event_type_without_a_cue_word_is_unconfirmed() -> None:
    event = Event(event_type="drone_strike", description="A strike.")
    report = report_for(events=[event.model_dump()])
    check = next(c for c in report.claims if c.kind == "event_type")
    assert check.verdict == "unconfirmed"
    ok = next(
        c
        for c in report_for(
            events=[event.model_copy(update={"event_type": "natural_disaster"}).model_dump()]
        ).claims
        if c.kind == "event_type"
    )
    assert ok.status == "verified"


def test_background_toll_cannot_fill_this_events_slot() -> None:
    figure = Figure(
        value=140000,
        qualifier="approximately",
        role="killed",
        quote="a cyclone killed nearly 140,000 people",
    )
    now = Event(
        event_type="natural_disaster",
        description="Cyclone.",
        date=dt.date(2024, 3, 14),
        casualties={"killed": figure},
    )
    then = now.model_copy(update={"date": dt.date(1991, 4, 29)})
    assert report_for(events=[now.model_dump()]).figures[0].status == "other_event"
    assert report_for(events=[then.model_dump()]).figures[0].status == "verified"


def test_fuzzy_quote_must_keep_its_numbers() -> None:
    good = Figure(
        value=40,
        qualifier="at_least",
        role="killed",
        quote="struck the coast of Bangladesh on Thursday, killing at least 40 peple",
    )
    bad = good.model_copy(update={"value": 41, "quote": good.quote.replace("40", "41")})
    event = Event(event_type="natural_disaster", description="Cyclone.", figures=[good, bad])
    first, second = report_for(events=[event.model_dump()]).figures
    assert first.grounding.match == "fuzzy" and first.status == "verified", first.reason
    assert second.status == "not_in_article" and "fuzzily" in second.reason


def test_units_scale_currency_points() -> None:
    [billions] = [m for m in extract_numbers(ARTICLE) if m.text == "240 billion"]
    assert value_match(240, billions) == "scaled"
    assert unit_problem("USD", billions, "scaled")  # mantissa without its scale
    assert unit_problem("USD billion", billions, "scaled") is None
    assert unit_problem("EUR", billions, "value")
    assert currency_of("US dollars") == "USD" and scale_of("bn USD") == 1e9
    [points] = [m for m in extract_numbers(ARTICLE) if m.text == "0.5"]
    assert (
        unit_problem("percent", points, "value")
        and unit_problem("percentage points", points, "value") is None
    )
    cents = NumberMention(45, None, "45", 0, 2, "exact", "USD cents", "money", "")
    assert unit_problem("USD", cents, "value") and unit_problem("cents", cents, "value") is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Thursday", dt.date(2024, 3, 14)),
        ("Thursday, March 14", dt.date(2024, 3, 14)),
        ("March 14, 2023", dt.date(2023, 3, 14)),
        ("Dec. 30", dt.date(2023, 12, 30)),
        ("March 20th", dt.date(2024, 3, 20)),  # days ahead: "polls on March 20th"
        ("the 2nd of May", dt.date(2024, 5, 2)),
        ("June 29", dt.date(2023, 6, 29)),  # more than three months ahead: last year's
        ("yesterday", dt.date(2024, 3, 14)),
        ("overnight", None),
    ],
)
def test_date_phrases_resolve_against_the_dateline(phrase: str, expected: dt.date | None) -> None:
    assert resolve_date_text(phrase, dt.date(2024, 3, 15)) == expected


def test_dates_are_verified_not_rewritten() -> None:
    wrong = Event(
        event_type="natural_disaster",
        description="Cyclone.",
        date=dt.date(2024, 3, 7),
        date_text="Thursday",
    )
    report = report_for(events=[wrong.model_dump()])
    date = next(c for c in report.claims if c.kind == "date")
    assert date.status == "date_mismatch" and "2024-03-14" in date.reason
    invented = wrong.model_copy(update={"date_text": "Tuesday morning"})
    date = next(c for c in report_for(events=[invented.model_dump()]).claims if c.kind == "date")
    assert date.status == "date_not_in_article"


def test_summarize_text_output_shows_the_three_verdicts_and_prose_claims() -> None:
    from rich.console import Console

    from summarizer.render.text import render_text
    from summarizer.schema import ArticleSummary

    event = Event(
        event_type="drone_strike",  # no drone in the article: unconfirmed
        description="A cyclone.",
        figures=[
            Figure(
                value=40, qualifier="at_least", role="killed", quote="killing at least 40 people"
            )
        ],
    )
    draft = SummaryDraft(headline="Cyclone kills 20", summary="A cyclone.", events=[event])
    summary = ArticleSummary(**draft.model_dump(), verification=verify(ARTICLE, draft))
    console = Console(record=True, width=160)
    console.print(render_text(summary))
    out = console.export_text()
    assert "Text, names and dates" in out and "headline" in out and "not_in_article" in out
    assert "✓" in out and "?" in out and "✗" in out
    assert "1 unconfirmed" in out and "contradicted of" in out


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Severe turbulence threw passengers against the cabin roof.", "verified"),
        ("A worker was electrocuted at the market.", "verified"),
        ("The bus plunged into a gorge.", "verified"),
        ("Officials met to discuss the budget.", "unconfirmed"),
    ],
)
def test_an_accident_told_by_what_happened_confirms_the_type(sentence: str, status: str) -> None:
    article = f" date 2026-05-02 {sentence}"
    event = Event(event_type="accident", description="An accident.")
    report = verify(
        article, SummaryDraft(headline="Accident", summary="It happened.", events=[event])
    )
    assert next(c for c in report.claims if c.kind == "event_type").status == status
