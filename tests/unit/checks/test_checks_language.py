"""Flags a reader can trust (issue 22, part 4): shapes of language the checks must read.

Every article here is written for the test; none is a seed or corpus article.
"""

from __future__ import annotations

from typing import Any

import pytest

from summarizer.checks.figures import coverage_gaps
from summarizer.checks.report import verify
from summarizer.numbers import NumberMention
from summarizer.schema import SummaryDraft, VerificationReport

FLOOD = (
    " date 2024-06-12 Heavy rain flooded the river town of Marlowe on Tuesday, killing 12 "
    "people and forcing 3,400 from their homes, officials said. "
    "Last year's floods, in July 2023, had claimed 41 lives in the same valley. "
    "Since August 2021, when a dam burst upstream and drowned 63 villagers, the valley has "
    "had no warning sirens. A 2018 storm in the region killed 9 people. "
    "Road deaths in the county reached 57 so far this year, compared with 66 last year."
)


def check(article: str, **fields: Any) -> VerificationReport:
    draft = SummaryDraft.model_validate({"headline": "Floods", "summary": "Rain fell.", **fields})
    return verify(article, draft)


def event(killed: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"event_type": "natural_disaster", "description": "Floods.", **fields}
    if killed is not None:
        out["casualties"] = {"killed": {"role": "killed", **killed}}
    return out


def claims(report: VerificationReport, path: str) -> dict[str, str]:
    return {c.text: c.status for c in report.claims if c.path == path}


# --- Historical events take their own year's tolls -------------------------------------


@pytest.mark.parametrize(
    ("quote", "value", "fields"),
    [
        ("had claimed 41 lives", 41, {"date_text": "July 2023"}),  # year in date_text
        ("had claimed 41 lives", 41, {"date_text": "last year"}),  # counted back
        ("had claimed 41 lives", 41, {"description": "The 2023 floods in the valley."}),
        ("drowned 63 villagers", 63, {"date": "2021-08-03"}),  # "Since August 2021, when"
        ("killed 9 people", 9, {"date_text": "in 2018"}),  # "A 2018 storm"
    ],
)
def test_an_event_of_another_year_owns_that_years_tolls(
    quote: str, value: int, fields: dict[str, Any]
) -> None:
    then = event({"value": value, "quote": quote}, **fields)
    now = event({"value": value, "quote": quote}, date="2024-06-11")
    assert check(FLOOD, events=[then]).figures[0].status == "verified"
    assert check(FLOOD, events=[now]).figures[0].status == "other_event"


def test_this_year_anchors_to_the_dateline() -> None:
    # "so far this year, compared with 66 last year": 57 is this year's, 66 last year's.
    report = check(
        FLOOD,
        events=[
            event({"value": 57, "quote": "reached 57 so far this year"}, date="2024-06-11"),
            event({"value": 66, "quote": "compared with 66 last year"}, date="2024-06-11"),
        ],
    )
    assert [f.status for f in report.figures] == ["verified", "other_event"]


@pytest.mark.parametrize(
    ("sentence", "quote", "value", "status"),
    [
        # the recent past up to the dateline is the event's own time
        (
            "Officials recorded 73 deaths in the past week.",
            "73 deaths in the past week",
            73,
            "verified",
        ),
        (
            "Officials recorded 73 deaths in the past 24 hours.",
            "73 deaths in the past 24 hours",
            73,
            "verified",
        ),
        # the past with no period is another time
        (
            "Floods had killed 73 people in the past.",
            "killed 73 people in the past",
            73,
            "other_event",
        ),
        # the period a report covers is the report's time
        (
            "Profit fell to $73 million in the year to December 2030.",
            "73 million in the year to December 2030",
            73000000,
            "verified",
        ),
        (
            "Profit was $73 million in December 2030.",
            "73 million in December 2030",
            73000000,
            "other_event",
        ),
    ],
)
def test_a_recent_period_or_a_reporting_period_is_the_events_time(
    sentence: str, quote: str, value: int, status: str
) -> None:
    article = f" date 2031-02-20 {sentence}"
    role = "money" if value > 1000 else "killed"
    figure = {
        "value": value,
        "role": role,
        "quote": quote,
        "noun": "USD" if role == "money" else "people",
    }
    report = check(
        article, events=[event(description="A report.", figures=[figure], date="2031-02-19")]
    )
    assert report.figures[0].status == status, report.figures[0].reason


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # a "since" after a superlative compares; the clause is this year's
        ("Cases hit 900 in 2024, the most since 1995, and 7 people died.", "verified"),
        ("Cases hit 900 in 2024, the first rise since 1995, and 7 people died.", "verified"),
        # ... unless "when" tells of that time
        ("It was the worst outbreak since 1995, when 7 people died.", "other_event"),
        # a plain "since" still anchors the clause to that time
        ("Since 1995, 7 people have died of it.", "other_event"),
    ],
)
def test_since_after_a_superlative_compares_and_anchors_nothing(sentence: str, status: str) -> None:
    article = f" date 2024-12-20 Measles spread in the county. {sentence}"
    toll = event({"value": 7, "quote": "7 people"}, date="2024-12-19")
    assert check(article, events=[toll]).figures[0].status == status


@pytest.mark.parametrize("date_text", ["since the outbreak began on Jan. 27", "so far this year"])
def test_an_event_that_runs_to_the_dateline_owns_its_months(date_text: str) -> None:
    # "died last month": within an outbreak that began in January, not another time
    article = (
        " date 2024-03-20 Measles cases in the county rose to 87 since the outbreak began on "
        "Jan. 27. One unvaccinated child died last month."
    )
    ongoing = event({"value": 1, "quote": "One unvaccinated child died"}, date_text=date_text)
    one_day = event({"value": 1, "quote": "One unvaccinated child died"}, date="2024-01-27")
    assert check(article, events=[ongoing]).figures[0].status == "verified"
    assert check(article, events=[one_day]).figures[0].status == "other_event"


def test_a_day_told_after_the_number_is_its_own_time() -> None:
    # "fell ill last week, and one of them died on Monday": the death is Monday's
    article = (
        " date 2024-06-13 A cholera outbreak spread in the district. Eleven pupils fell ill "
        "last week, and one of them, a 9-year-old girl, died on Monday in hospital."
    )
    death = {"value": 1, "quote": "one of them, a 9-year-old girl, died on Monday"}
    assert check(article, events=[event(death, date="2024-06-10")]).figures[0].status == (
        "verified"
    )
    # the day must be the event's: dated to another day, the week's anchor stands
    assert check(article, events=[event(death, date="2024-06-13")]).figures[0].status == (
        "other_event"
    )


def test_a_time_after_a_compared_count_dates_that_count() -> None:
    # "killed 52 people since April, up from 40 in the same period last year": 52 is this
    # year's; the 40 is last year's
    article = (
        " date 2024-06-12 Floods have killed 52 people across the country since April, up "
        "from 40 in the same period last year."
    )
    season = event({"value": 52, "quote": "killed 52 people across the country"}, date="2024-06-12")
    assert check(article, events=[season]).figures[0].status == "verified"
    last = event(
        {"value": 40, "quote": "up from 40 in the same period last year"}, date="2024-06-12"
    )
    assert check(article, events=[last]).figures[0].status == "other_event"


def test_a_figure_that_names_the_other_time_tells_it_as_that_times() -> None:
    # an event's side figure "31 deaths in the same period last year" says whose toll it
    # is; the same 31 as the event's own toll is another time's
    article = (
        " date 2024-06-12 Floods have killed 52 people since April, up from 31 in the same "
        "period last year."
    )
    told = {"role": "killed", "value": 31, "quote": "up from 31 in the same period last year"}
    said = event(
        {"value": 52, "quote": "killed 52 people"},
        date="2024-06-12",
        figures=[{**told, "noun": "deaths in the same period last year"}],
    )
    assert [f.status for f in check(article, events=[said]).figures] == ["verified"] * 2
    unsaid = event(date="2024-06-12", figures=[{**told, "noun": "deaths since April"}])
    assert check(article, events=[unsaid]).figures[0].status == "other_event"


@pytest.mark.parametrize(
    "sentence",
    [
        "Floods have killed 52 people since April, 9 per cent more than at the same time "
        "last year.",
        "Floods have killed 52 people since April, a figure higher than last year's.",
        "Floods have killed 52 people since April, compared with the same period last year.",
    ],
)
def test_a_time_after_a_comparative_dates_the_compared_count(sentence: str) -> None:
    article = f" date 2024-06-12 {sentence}"
    season = event({"value": 52, "quote": "killed 52 people"}, date="2024-06-12")
    assert check(article, events=[season]).figures[0].status == "verified"


def test_last_week_is_another_event_than_yesterdays() -> None:
    article = (
        " date 2024-06-12 A landslide on Tuesday buried 4 homes. Last week, 19 people were "
        "killed when a bridge collapsed in the next district."
    )
    bridge = {"value": 19, "quote": "19 people were killed"}
    assert check(article, events=[event(bridge, date="2024-06-11")]).figures[0].status == (
        "other_event"
    )
    assert check(article, events=[event(bridge, date="2024-06-05")]).figures[0].status == (
        "verified"
    )


def test_a_background_toll_told_as_this_events_is_flagged_in_prose() -> None:
    report = check(FLOOD, headline="Marlowe flood toll rises to 63")
    assert claims(report, "headline")["63"] == "other_event"
    # Said as background, with its own time, it is fine.
    report = check(FLOOD, summary="A dam burst in 2021 drowned 63 villagers.")
    assert claims(report, "summary")["63"] == "verified"
    # A time of its own that cannot be the toll's does not make it so.
    report = check(FLOOD, summary="Floods in June 2024 drowned 63 villagers.")
    assert claims(report, "summary")["63"] == "other_event"
    # In the description of the event it belongs to, it is fine too.
    report = check(
        FLOOD,
        events=[event(description="The dam burst drowned 63 villagers.", date="2021-08-03")],
    )
    assert claims(report, "events[0].description")["63"] == "verified"


@pytest.mark.parametrize(
    ("date_text", "date", "status"),
    [
        ("July 2023", "2023-07-01", "verified"),  # a month: its first day stands for it
        ("in 2021", "2021-01-01", "verified"),
        ("July 2023", "2023-08-01", "unconfirmed"),
        ("in 2021", "2020-01-01", "unconfirmed"),
    ],
)
def test_a_month_or_year_date_text_is_the_date_it_names(
    date_text: str, date: str, status: str
) -> None:
    article = " date 2024-06-12 Floods in July 2023 and a fire in 2021 left scars."
    report = check(article, events=[event(date_text=date_text, date=date)])
    assert claims(report, "events[0].date")[date_text] == status


@pytest.mark.parametrize(
    ("date_text", "date", "status"),
    [
        ("A day earlier", "2026-09-15", "verified"),  # the day before the raid's
        ("two days after", "2026-09-14", "verified"),  # copied from "came two days after"
        ("A day earlier", "2026-09-12", "unconfirmed"),  # a day from no date told
    ],
)
def test_a_day_counted_from_another_events_date_is_that_many_days_from_it(
    date_text: str, date: str, status: str
) -> None:
    article = (
        " date 2026-09-17 Militants raided a police post on Wednesday. A day earlier, a bomb "
        "hit a patrol. The raid came two days after a clash in the hills."
    )
    raid = event(date="2026-09-16", date_text="on Wednesday", description="A raid.")
    report = check(article, events=[raid, event(date_text=date_text, date=date)])
    assert claims(report, "events[1].date")[date_text] == status


@pytest.mark.parametrize(
    ("date", "status"),
    [("2025-03-14", "verified"), ("2026-03-14", "date_mismatch")],
)
def test_a_day_and_month_last_year_is_of_the_year_before_the_dateline(
    date: str, status: str
) -> None:
    article = (
        " date 2026-09-26 The court heard the car struck the pair at about 4.20pm on March 14 "
        "last year."
    )
    date_text = "at about 4.20pm on March 14 last year"
    report = check(article, events=[event(date_text=date_text, date=date)])
    assert claims(report, "events[0].date")[date_text] == status


@pytest.mark.parametrize(
    ("summary", "status"),
    [
        ("Floods in the city last May killed nine people.", "verified"),  # its own time said
        ("Floods in the city in May 2025 killed nine people.", "verified"),
        ("Floods in the city killed nine people.", "other_event"),  # told as this event's
    ],
)
def test_a_toll_of_another_time_in_prose_is_fine_when_the_prose_says_that_time(
    summary: str, status: str
) -> None:
    article = (
        " date 2026-05-06 Floods swept through the city on Tuesday, killing two people. The "
        "city was hit by similar floods in May last year, when nine people died."
    )
    draft = SummaryDraft.model_validate(
        {"headline": "Floods", "summary": f"Two people died on Tuesday. {summary}", "events": []}
    )
    assert claims(verify(article, draft), "summary")["nine"] == status


@pytest.mark.parametrize(
    ("date_text", "status"),
    [
        # the day and the hour, told in two sentences, written together
        ("early Sunday, shortly after 2:15 a.m.", "verified"),
        ("Sunday night at about 11.40pm", "verified"),
        # a piece the article never says
        ("early Saturday, shortly after 2:15 a.m.", "date_not_in_article"),
        ("Sunday night at about 10.40pm", "date_not_in_article"),
    ],
)
def test_a_date_text_is_grounded_piece_by_piece(date_text: str, status: str) -> None:
    article = (
        " date 2031-03-17 Gunmen opened fire at a bar in Lenworth early Sunday. Police were "
        "called shortly after 2:15 a.m. A second shooting followed on Sunday night, at about "
        "11.40pm, near the station."
    )
    report = check(article, events=[event(date_text=date_text, date="2031-03-16")])
    assert claims(report, "events[0].date")[date_text] == status


# --- Names: quote marks, countries in any form, places by their names -------------------

HARBOUR = (
    " date 2025-03-04 Dutch coastguards and a Kenyan-flagged tug towed the ferry into "
    "Holyhead, on the Welsh coast, on Monday. Captain Aoife O’Neill said the 212 passengers "
    "were safe. The crew had sailed from New Mexico Bay."
)


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("Aoife O'Neill", "verified"),  # straight apostrophe for the article's curly one
        ("Netherlands coastguard", "verified"),  # "Dutch" names the Netherlands
        ("the Netherlands", "verified"),
        ("Kenya", "verified"),  # "Kenyan-flagged"
        ("Aoife O'Brien", "name_not_in_article"),
        ("Mexican navy", "name_not_in_article"),  # "New Mexico Bay" is not Mexico
        ("Norwegian coastguard", "name_not_in_article"),
        ("Dutch-crewed tug", "verified"),  # a word hyphened to a name says how, names nothing
        ("Dutch-crewed Sealion", "name_not_in_article"),
    ],
)
def test_names_fold_quotes_and_read_countries_in_any_form(name: str, status: str) -> None:
    report = check(HARBOUR, events=[event(actors=[{"name": name}])])
    assert claims(report, "events[0].actors[0]")[name] == status


@pytest.mark.parametrize(
    ("location", "status"),
    [
        ("Frankfurt, Germany", "verified"),  # the one country with a city called Frankfurt
        ("Frankfurt Stock Exchange, Germany", "verified"),
        ("Tulsa County Courthouse, Oklahoma", "verified"),  # the one state with a Tulsa
        ("Frankfurt, Austria", "unconfirmed"),  # no Frankfurt there
        ("Tulsa, Texas", "unconfirmed"),
        # England's and Massachusetts': the name alone says neither
        ("Shrewsbury Crown Court, England", "unconfirmed"),
    ],
)
def test_a_country_a_writer_adds_to_a_town_the_article_names_is_grounded_by_the_gazetteer(
    location: str, status: str
) -> None:
    article = (
        " date 2026-11-06 Shares fell on the Frankfurt Stock Exchange. At Shrewsbury Crown "
        "Court, a driver was jailed. The Tulsa County Courthouse closed."
    )
    report = check(article, events=[event(location=location)])
    assert claims(report, "events[0].location")[location] == status


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("Jordan Pike", "verified"),  # the whole name, before a comma: no country Jordan
        ("Jordan Police", "name_not_in_article"),  # a country that opens a body's name
    ],
)
def test_a_name_the_article_writes_whole_is_grounded_whatever_its_words(
    name: str, status: str
) -> None:
    article = (
        " date 2026-09-26 A jury found Jordan Pike, aged 23, of Sutton Way, guilty. Pike "
        "told police he had been driving."
    )
    report = check(article, events=[event(actors=[{"name": name}])], summary=f"{name} spoke.")
    assert claims(report, "events[0].actors[0]")[name] == status


@pytest.mark.parametrize(
    ("location", "status"),
    [
        ("Holyhead, Wales", "verified"),  # "Welsh" names Wales
        ("Holyhead, including its harbour approaches", "verified"),  # names, not words
        ("Holyhead, United Kingdom", "unconfirmed"),  # a country the article never names
        ("Fishguard, Wales", "name_not_in_article"),
        ("British Columbia", "name_not_in_article"),  # a name of its own, not "British"
    ],
)
def test_a_location_is_judged_on_its_names(location: str, status: str) -> None:
    report = check(HARBOUR, events=[event(location=location)])
    assert claims(report, "events[0].location")[location] == status


SPELLINGS = (
    " date 2025-03-04 Shelling hit Kyiv and Mumbai's port on Monday, officials in Beijing said."
)


@pytest.mark.parametrize(
    ("location", "status"),
    [
        ("Kiev", "verified"),  # the article's Kyiv, spelled the older way
        ("Bombay", "verified"),  # Mumbai
        ("Peking", "verified"),  # Beijing
        ("Kharkov", "name_not_in_article"),  # another city: Kharkiv is not in the article
        ("Odessa", "name_not_in_article"),
    ],
)
def test_a_city_may_be_named_by_another_of_its_spellings(location: str, status: str) -> None:
    report = check(SPELLINGS, events=[event(location=location)])
    assert claims(report, "events[0].location")[location] == status


PORTS = (
    " date 2025-05-20 A cargo ship bound for Britain ran aground off the Nepali-owned "
    "terminal on Friday. Indian and Saudi inspectors boarded her; American insurers and "
    "Burmese crew members said nobody was hurt."
)


@pytest.mark.parametrize(
    ("location", "status"),
    [
        ("United Kingdom", "verified"),  # "Britain": a short form countryinfo lacks
        ("Dover, Britain", "name_not_in_article"),  # the country alone grounds no town
        ("Nepal", "verified"),  # "Nepali" beside "Nepalese"
        ("India", "verified"),  # "Indian" is India, not the British Indian Ocean Territory
        ("Saudi Arabia", "verified"),  # "Saudi"
        ("United States", "verified"),  # "American": the most populous entry, not the Marianas
        ("Myanmar", "verified"),  # "Burmese": countryinfo's Burma and Myanmar are one country
        ("Northern Mariana Islands", "unconfirmed"),
        ("Pakistan", "unconfirmed"),
    ],
)
def test_a_country_is_named_by_its_short_forms_and_shared_adjectivals(
    location: str, status: str
) -> None:
    report = check(PORTS, events=[event(location=location)])
    assert claims(report, "events[0].location")[location] == status


def test_britain_and_the_united_kingdom_are_one_country_either_way_round() -> None:
    article = " date 2025-05-20 Regulators in the United Kingdom fined the bank on Friday."
    report = check(article, events=[event(location="Britain")], summary="A British bank was fined.")
    assert claims(report, "events[0].location")["Britain"] == "verified"
    assert claims(report, "summary").get("British", "verified") == "verified"


# --- Proper names in prose are claims ------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "text", "flagged"),
    [
        (
            "summary",
            "The country's King Alberto Ruiz vowed to rebuild Holyhead.",
            "King Alberto Ruiz",
        ),
        ("headline", "Ferry towed to Holyhead by Irish Navy", "Irish Navy"),
        ("summary", "Dutch coastguards helped, Captain O'Neill said.", None),
        ("summary", "The Netherlands coastguard and Aoife O’Neill's crew were praised.", None),
        ("summary", "Passengers were safe. Rescuers praised the crew.", None),  # first words
        ("headline", "Dutch Coastguards Tow Ferry Into Holyhead Harbour", None),  # title case
    ],
)
def test_names_in_prose_are_checked_like_actors(field: str, text: str, flagged: str | None) -> None:
    report = check(HARBOUR, **{field: text})
    names = {c.text: c.status for c in report.claims if c.path == field and c.kind == "name"}
    wrong = {name for name, status in names.items() if status == "name_not_in_article"}
    assert wrong == ({flagged} if flagged else set())


def test_initials_and_possessives_ground_a_name() -> None:
    article = " date 2025-03-04 The Peoples Democratic Party won, the High Court ruled."
    report = check(article, summary="The HC backed the PDP’s candidate.")
    names = {c.text: c.status for c in report.claims if c.kind == "name"}
    assert names == {"HC": "verified", "PDP": "verified"}


@pytest.mark.parametrize(("name", "status"), [("NPA", "verified"), ("NPF", "name_not_in_article")])
def test_initials_stand_for_a_name_with_a_possessive_in_it(name: str, status: str) -> None:
    article = " date 2025-03-04 Soldiers were ambushed by the New People’s Army on Monday."
    report = check(article, summary=f"The {name} ambushed soldiers.")
    assert {c.text: c.status for c in report.claims if c.kind == "name"} == {name: status}


@pytest.mark.parametrize(
    ("summary", "name", "status"),
    [
        # three or more initials stand for words the article writes in lower case
        ("The CPI rose again.", "CPI", "verified"),
        ("The CPX rose again.", "CPX", "name_not_in_article"),
        # two would match any pair of words: they must be capitals as written
        ("The CP rose again.", "CP", "name_not_in_article"),
        # the generic head of a body's name
        ("The Dunmore Police Department said so.", "Dunmore Police Department", "verified"),
        (
            "The Dunmore Harbour Department said so.",
            "Dunmore Harbour Department",
            "name_not_in_article",
        ),
    ],
)
def test_initials_in_lower_case_and_generic_heads_of_bodies(
    summary: str, name: str, status: str
) -> None:
    article = " date 2031-05-07 The consumer prices index rose 3.1% in April, Dunmore police said."
    report = check(article, summary=summary)
    names = {c.text: c.status for c in report.claims if c.kind == "name"}
    assert names[name] == status


# --- Tolls in words, places counted, scales in nouns -------------------------------------

BLAST = (
    " date 2025-05-06 A gas blast tore through a depot in Ravensholt on Monday. The 30 "
    "injured were taken to 7 hospitals. A night guard in his fifties has died. Nobody was "
    "hurt in a second, smaller blast at a nearby yard, and no arrests were made. "
    "Some 26,000 residents were told to stay indoors; 4 people were treated at the scene."
)


def toll(slot: str, value: int, quote: str, **extra: Any) -> dict[str, Any]:
    return {"casualties": {slot: {"value": value, "role": slot, "quote": quote, **extra}}}


@pytest.mark.parametrize(
    ("slot", "value", "quote", "status"),
    [
        ("killed", 0, "Nobody was hurt in a second, smaller blast", "verified"),
        ("injured", 0, "Nobody was hurt in a second, smaller blast", "verified"),
        ("arrested", 0, "no arrests were made", "verified"),
        ("killed", 1, "A night guard in his fifties has died", "verified"),
        ("injured", 1, "A night guard in his fifties has died", "not_in_article"),
        ("killed", 2, "A night guard in his fifties has died", "not_in_article"),
        ("missing", 0, "Nobody was hurt in a second, smaller blast", "not_in_article"),
    ],
)
def test_tolls_of_none_or_one_in_words(slot: str, value: int, quote: str, status: str) -> None:
    report = check(
        BLAST,
        events=[{"event_type": "explosion", "description": "Blast."} | toll(slot, value, quote)],
    )
    assert report.figures[0].status == status


SHOOTINGS = (
    " date 2031-06-02 A 27-year-old man was shot in the arm on Elm Street late Friday. "
    "Hours later a 52-year-old woman was shot and killed outside a store, and a 30-year-old "
    "man was taken into custody. The driver of the van is still missing. A 19-year-old "
    "suspect was in custody on Sunday. The gunman was arrested hours later at a checkpoint."
)


@pytest.mark.parametrize(
    ("slot", "value", "quote", "status"),
    [
        ("injured", 1, "A 27-year-old man was shot in the arm", "verified"),  # shot: a wound
        ("killed", 1, "A 27-year-old man was shot in the arm", "not_in_article"),
        ("killed", 1, "a 52-year-old woman was shot and killed", "verified"),
        ("injured", 1, "a 52-year-old woman was shot and killed", "not_in_article"),
        ("arrested", 1, "a 30-year-old man was taken into custody", "verified"),
        ("missing", 1, "The driver of the van is still missing", "verified"),
        ("arrested", 1, "A 19-year-old suspect was in custody", "verified"),
        ("arrested", 1, "was arrested hours later at a checkpoint", "verified"),  # one subject
    ],
)
def test_a_person_shot_or_taken_into_custody_is_a_toll_of_one(
    slot: str, value: int, quote: str, status: str
) -> None:
    report = check(
        SHOOTINGS,
        events=[{"event_type": "attack", "description": "Shootings."} | toll(slot, value, quote)],
    )
    assert report.figures[0].status == status, report.figures[0].reason


def test_a_count_of_places_is_no_toll() -> None:
    report = check(
        BLAST,
        summary="Seven people were injured.",
        events=[
            {"event_type": "explosion", "description": "Blast."}
            | toll("injured", 7, "were taken to 7 hospitals")
        ],
    )
    assert report.figures[0].status == "role_mismatch"
    assert "hospitals" in report.figures[0].reason
    assert claims(report, "summary")["Seven"] == "role_mismatch"


@pytest.mark.parametrize(
    ("value", "noun", "quote", "status"),
    [
        (26, "thousand residents", "Some 26,000 residents", "verified"),  # 26 thousand
        (4, "thousand people", "4 people were treated", "not_in_article"),  # not 4,000
        (4, "people", "4 people were treated", "verified"),
    ],
)
def test_a_scale_word_in_the_noun_multiplies_the_value(
    value: int, noun: str, quote: str, status: str
) -> None:
    figure = {
        "value": value,
        "qualifier": "approximately",
        "role": "other_count",
        "noun": noun,
        "quote": quote,
    }
    report = check(BLAST, key_figures=[figure])
    assert report.figures[0].status == status
    assert not [c for c in report.claims if c.path.endswith(".noun") and not c.ok]


def test_a_place_count_in_prose_claims_no_toll() -> None:
    article = " date 2025-05-06 Cases were reported from 26 states; 28 people died."
    report = check(article, headline="Outbreak reaches 28 deaths in 26 states")
    assert claims(report, "headline") == {"28": "verified", "26": "verified"}


# --- Numbers that are fair readings --------------------------------------------------------

POLL = (
    " date 2025-04-02 Between 100 and 200 families fled the district. The winner took 7,942 "
    "votes on a turnout of 61.48%. Twelve people were killed in Arden and 7 were killed in "
    "Brill, police said. In Colby, 5 people were injured."
)


@pytest.mark.parametrize(
    ("value", "qualifier", "role", "quote", "status", "how"),
    [
        (
            150,
            "approximately",
            "displaced",
            "Between 100 and 200 families fled",
            "verified",
            "midpoint",
        ),
        (150, "exact", "displaced", "Between 100 and 200 families fled", "not_in_article", ""),
        (8000, "at_most", "other_count", "The winner took 7,942 votes", "verified", "rounded up"),
        (
            8000,
            "approximately",
            "other_count",
            "The winner took 7,942 votes",
            "verified",
            "rounded",
        ),
        (
            7900,
            "more_than",
            "other_count",
            "The winner took 7,942 votes",
            "verified",
            "rounded down",
        ),
        (8000, "more_than", "other_count", "The winner took 7,942 votes", "not_in_article", ""),
        (8000, "exact", "other_count", "The winner took 7,942 votes", "not_in_article", ""),
        (
            10000,
            "approximately",
            "other_count",
            "The winner took 7,942 votes",
            "not_in_article",
            "",
        ),
        (61.5, "approximately", "percentage", "a turnout of 61.48%", "verified", "rounded"),
        (62, "approximately", "percentage", "a turnout of 61.48%", "not_in_article", ""),
        (
            19,
            "exact",
            "killed",
            "Twelve people were killed in Arden and 7 were killed in Brill",
            "verified",
            "+",
        ),
        (
            24,
            "exact",
            "killed",
            "Twelve people were killed in Arden and 7 were killed in Brill",
            "not_in_article",
            "",
        ),
    ],
)
def test_fair_readings_are_verified_with_their_derivation(
    value: float, qualifier: str, role: str, quote: str, status: str, how: str
) -> None:
    figure = {"value": value, "qualifier": qualifier, "role": role, "quote": quote}
    report = check(POLL, key_figures=[figure])
    assert report.figures[0].status == status
    assert how in report.figures[0].reason


@pytest.mark.parametrize(
    ("summary", "text", "status"),
    [
        ("About 150 families fled.", "150", "verified"),  # midpoint
        ("The winner took nearly 8,000 votes.", "8,000", "verified"),
        ("Police said 19 people were killed.", "19", "verified"),  # 12 + 7, one sentence
        ("Police said 24 people were killed.", "24", "not_in_article"),  # 12 + 7 + 5: injured
    ],
)
def test_fair_readings_in_prose(summary: str, text: str, status: str) -> None:
    assert claims(check(POLL, summary=summary), "summary")[text] == status


def test_a_subset_is_not_a_part_of_a_sum() -> None:
    article = " date 2025-04-02 Two workers died and five were injured, one of them seriously."
    figure = {"value": 6, "role": "injured", "quote": "five were injured, one of them seriously"}
    assert check(article, key_figures=[figure]).figures[0].status == "not_in_article"


@pytest.mark.parametrize(
    ("article_date", "status"), [("2025-04-02", "verified"), ("2025-04-01", "date_mismatch")]
)
def test_article_date_is_the_dateline(article_date: str, status: str) -> None:
    report = check(POLL, article_date=article_date)
    expected = {article_date: status} if status != "verified" else {}  # only a wrong one shows
    assert claims(report, "article_date") == expected


CRASH = (
    " date 2025-07-14 The pilot and three passengers were killed when the plane came down on "
    "Sunday. A marshal was taken to hospital with burns. About 31,400 hectares burned nearby. "
    "Spectator Ana Ruiz was taken to Mersey Valley Hospital. A steward was taken to the town hall. "
    "Two firefighters were treated for smoke inhalation, and a 67-year-old farmer who fought "
    "the flames was taken to hospital."
)


@pytest.mark.parametrize(
    ("slot", "value", "quote", "status"),
    [
        ("killed", 4, "The pilot and three passengers were killed", "verified"),
        ("killed", 5, "The pilot and three passengers were killed", "not_in_article"),
        ("injured", 1, "A marshal was taken to hospital with burns", "verified"),
        ("injured", 1, "Spectator Ana Ruiz was taken to Mersey Valley Hospital", "verified"),
        ("injured", 1, "A steward was taken to the town hall", "not_in_article"),
        # a count, then one person told apart in the same quote
        (
            "injured",
            3,
            "Two firefighters were treated for smoke inhalation, and a 67-year-old farmer who "
            "fought the flames was taken to hospital",
            "verified",
        ),
        (
            "injured",
            4,
            "Two firefighters were treated for smoke inhalation, and a 67-year-old farmer who "
            "fought the flames was taken to hospital",
            "not_in_article",
        ),
    ],
)
def test_one_named_plus_a_count_and_one_taken_to_hospital(
    slot: str, value: int, quote: str, status: str
) -> None:
    draft_event = {"event_type": "accident", "description": "Crash."} | toll(slot, value, quote)
    assert check(CRASH, events=[draft_event]).figures[0].status == status


@pytest.mark.parametrize(
    ("headline", "status"),
    [
        ("Fire burns 31,400 hectares", "verified"),  # the article's own hedged number
        ("Fire burns exactly 31,400 hectares", "qualifier_mismatch"),
        ("Fire burns more than 31,400 hectares", "qualifier_mismatch"),
    ],
)
def test_a_bare_number_in_prose_repeats_an_approximate_one(headline: str, status: str) -> None:
    assert claims(check(CRASH, headline=headline), "headline")["31,400"] == status


@pytest.mark.parametrize(
    ("headline", "status"),
    [
        ("Storms kill one, 16 hurt", "verified"),  # the bound the number itself meets
        ("Storms kill one, exactly 16 hurt", "qualifier_mismatch"),
        ("Storms kill one, 17 hurt", "not_in_article"),
    ],
)
def test_a_bare_number_in_prose_may_drop_the_articles_at_least(headline: str, status: str) -> None:
    article = " date 2026-05-20 Storms killed one person and injured at least 16 people."
    assert claims(check(article, headline=headline), "headline")[headline.split()[-2]] == status


def test_a_bare_number_in_prose_for_more_than_is_a_qualifier_mismatch() -> None:
    article = " date 2026-05-20 Storms killed one person and injured more than 16 people."
    assert claims(check(article, headline="Storms kill one, 16 hurt"), "headline")["16"] == (
        "qualifier_mismatch"
    )


def test_evacuated_villages_count_places_not_displaced_people() -> None:
    """Displaced counts people; "nine villages were evacuated" counts villages (issue 22:
    counted nouns that are not the people). A summary that calls the villages displaced is
    told the article gives no count of people; one that calls them people is wrong."""
    article = " date 2025-05-06 Nine villages were evacuated as the fire spread."
    as_villages = {
        "value": 9,
        "role": "displaced",
        "noun": "villages",
        "quote": "Nine villages were evacuated",
    }
    as_people = as_villages | {"noun": "people"}
    report = check(article, events=[event() | {"casualties": {"displaced": as_villages}}])
    assert report.figures[0].status == "unconfirmed"
    report = check(article, events=[event() | {"casualties": {"displaced": as_people}}])
    assert report.figures[0].status == "role_mismatch"
    as_count = as_villages | {"role": "other_count"}
    report = check(article, events=[event() | {"figures": [as_count]}])
    assert report.figures[0].status == "verified"


SEATS = (
    " date 2020-03-11 The party won 44 seats on Tuesday, 12 fewer than the 56 it won in 2015. "
    "In 2015 it also took 61 per cent of the vote. Turnout was 47.3 per cent, down from 52.1 "
    "per cent in the 2015 election. Its share has been rising since 2012, to 39 per cent."
)


@pytest.mark.parametrize(
    ("value", "role", "noun", "quote", "status"),
    [
        (56, "other_count", "seats", "the 56 it won in 2015", "other_event"),
        (56, "other_count", "seats won in 2015", "the 56 it won in 2015", "verified"),
        (61, "percentage", "per cent of the vote", "took 61 per cent", "other_event"),
        (47.3, "percentage", "per cent turnout", "Turnout was 47.3 per cent", "verified"),
        (39, "percentage", "per cent share", "to 39 per cent", "verified"),  # "since 2012"
    ],
)
def test_a_figure_of_another_year_is_another_events(
    value: float, role: str, noun: str, quote: str, status: str
) -> None:
    figure = {"value": value, "role": role, "noun": noun, "quote": quote}
    now = event(date="2020-03-10") | {"event_type": "other", "figures": [figure]}
    assert check(SEATS, events=[now]).figures[0].status == status


@pytest.mark.parametrize(
    ("description", "status"),
    [
        ("She was jailed for thefts she began in 2018 and hid until 2020.", "verified"),
        ("She was jailed on Tuesday.", "other_event"),
    ],
)
def test_an_event_whose_words_name_another_time_owns_its_counts(
    description: str, status: str
) -> None:
    article = (
        " date 2024-05-08 A carer was jailed on Tuesday for stealing from residents. "
        "In 2019, an audit found 300 withdrawals with no receipts."
    )
    figure = {
        "value": 300,
        "role": "other_count",
        "noun": "withdrawals",
        "quote": "300 withdrawals",
    }
    now = event(date="2024-05-07") | {
        "event_type": "other",
        "description": description,
        "figures": [figure],
    }
    assert check(article, events=[now]).figures[0].status == status


@pytest.mark.parametrize(
    ("value", "status"),
    [(41.2, "other_event"), (36.5, "verified")],
)
def test_a_year_dates_its_own_clause_not_the_next(value: float, status: str) -> None:
    article = (
        " date 2026-05-05 The alliance took 44.0 per cent of the vote, up from 41.2 per cent "
        "in 2021, while the front's share slipped to 36.5 per cent."
    )
    figure = {"value": value, "role": "percentage", "noun": "per cent of the vote"}
    figure["quote"] = f"{value} per cent"
    now = event(date="2026-05-04") | {"event_type": "other", "figures": [figure]}
    assert check(article, events=[now]).figures[0].status == status


@pytest.mark.parametrize(
    ("value", "noun", "status"),
    [
        (5.05, "USD billion revenue forecast, low end", "verified"),
        (5.25, "USD billion revenue forecast, upper end", "verified"),
        (5.05, "USD billion revenue forecast", "qualifier_mismatch"),
        (5.25, "USD billion revenue forecast, low end", "qualifier_mismatch"),
    ],
)
def test_an_exact_end_of_a_range_that_says_which_end(value: float, noun: str, status: str) -> None:
    article = " date 2025-11-20 The firm expects revenue of between $5.05 and $5.25 billion."
    figure = {
        "value": value * 1e9,
        "role": "money",
        "noun": noun,
        "quote": "between $5.05 and $5.25 billion",
    }
    assert check(article, key_figures=[figure]).figures[0].status == status


def test_a_determiner_after_a_toll_verb_names_no_one() -> None:
    article = " date 2025-07-14 Two workers died in the collapse and five were injured."
    figure = {"value": 6, "role": "injured", "quote": "died in the collapse and five were injured"}
    assert check(article, key_figures=[figure]).figures[0].status == "not_in_article"


@pytest.mark.parametrize(
    ("location", "status"),
    [
        ("Patna, Bihar, India", "verified"),  # Bihar is a state of India
        ("Patna, Bihar, Nepal", "unconfirmed"),  # a country of none of the article's places
        ("Gaya, India", "name_not_in_article"),  # Gaya is not in the article
    ],
)
def test_a_country_is_the_one_its_provinces_name(location: str, status: str) -> None:
    article = " date 2024-08-02 Floods in Patna, the capital of Bihar, displaced 3,000 people."
    report = check(article, events=[event(location=location)])
    assert claims(report, "events[0].location")[location] == status


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("Indian Army", "verified"),  # Patna is in India; the article names the Army
        ("Indian Ministry of Health", "verified"),  # "the health ministry"
        ("Nepal Army", "name_not_in_article"),  # a country of none of its places
        ("Indian Police Service", "name_not_in_article"),  # a body the article never names
    ],
)
def test_a_country_owns_a_body_the_article_names_without_it(actor: str, status: str) -> None:
    article = (
        " date 2024-08-02 Floods in Patna, the capital of Bihar, displaced 3,000 people, the "
        "health ministry said. Army boats rescued 40 villagers."
    )
    report = check(article, events=[event(actors=[{"name": actor, "role": "responder"}])])
    assert claims(report, "events[0].actors[0]")[actor] == status


@pytest.mark.parametrize(
    ("place", "location", "status"),
    [
        ("Tamale", "Tamale, Ghana", "verified"),  # a city of 100,000 or more in Ghana
        ("Tamale", "Tamale, Togo", "unconfirmed"),  # the country of none of its places
        ("Cartagena", "Cartagena, Colombia", "unconfirmed"),  # Colombia's and Spain's
        ("Cartagena", "Cartagena, Spain", "unconfirmed"),
    ],
)
def test_a_country_is_the_one_its_large_cities_name(place: str, location: str, status: str) -> None:
    article = f" date 2025-02-11 Flash floods swept through {place} on Sunday, killing 3 people."
    report = check(article, events=[event(location=location)])
    assert claims(report, "events[0].location")[location] == status


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("Hamish Tregear", "verified"),
        ("Hamish Tregenza", "name_not_in_article"),  # five letters shared, another name
        ("Ukrainian", "verified"),  # Ukraine, another ending
        ("Manitobans", "verified"),
        ("Catalan", "verified"),  # Catalonia
    ],
)
def test_a_word_grounds_by_its_stem_only_with_an_ending_of_the_same_word(
    name: str, status: str
) -> None:
    article = (
        " date 2026-03-11 Hamish Tregear won in Ukraine's east, Manitoba and Catalonia "
        "officials said."
    )
    report = check(article, summary=f"It was said by {name} officials on Monday.")
    names = {c.text: c.status for c in report.claims if c.kind == "name"}
    assert names[name] == status


@pytest.mark.parametrize(
    ("location", "status"),
    [
        ("Masvingo, Zimbabwe", "verified"),  # a town of 15,000 or more only Zimbabwe has
        ("Masvingo, Zambia", "unconfirmed"),  # the country of none of its places
    ],
)
def test_a_country_is_the_one_a_town_of_its_alone_names(location: str, status: str) -> None:
    article = " date 2026-02-11 Cholera has killed 3 people in Masvingo since Sunday."
    report = check(article, events=[event(location=location)])
    assert claims(report, "events[0].location")[location] == status


@pytest.mark.parametrize(
    ("article_place", "location", "status"),
    [
        ("Lucknow", "Lucknow, Uttar Pradesh, India", "verified"),  # a state of India
        ("Lucknow", "Lucknow, Uttar Pradesh", "verified"),
        ("Lucknow", "Lucknow, Punjab Province, India", "verified"),  # India has a Punjab
        ("Lucknow", "Lucknow, Sindh, India", "unconfirmed"),  # Sindh is Pakistan's
        ("Lucknow", "Lucknow, Ruritania", "unconfirmed"),  # a region of no country
        ("Winnipeg", "Winnipeg, Manitoba", "verified"),  # a province of Canada
        ("Winnipeg", "Winnipeg, Queensland", "unconfirmed"),  # Australia's
    ],
)
def test_a_region_a_writer_adds_is_one_of_the_places_country(
    article_place: str, location: str, status: str
) -> None:
    article = f" date 2026-03-11 A gas cylinder exploded in {article_place}, injuring 6 people."
    report = check(article, events=[event(location=location)])
    assert claims(report, "events[0].location")[location] == status


@pytest.mark.parametrize(
    ("summary", "name", "status"),
    [
        ("Floods in Tamale, Ghana, killed three.", "Ghana", "verified"),
        ("Floods in Tamale, Togo, killed three.", "Togo", "name_not_in_article"),  # invented
    ],
)
def test_a_country_its_large_cities_name_is_the_articles_in_prose(
    summary: str, name: str, status: str
) -> None:
    article = " date 2025-02-11 Flash floods swept through Tamale on Sunday, killing 3 people."
    assert claims(check(article, summary=summary), "summary")[name] == status


@pytest.mark.parametrize(
    ("sum_", "location", "status"),
    [
        ("GH¢5,000", "Marlowe, Ghana", "verified"),  # the cedi is Ghana's alone
        ("5,000 cedis", "Marlowe, Ghana", "verified"),
        ("N5m", "Marlowe, Nigeria", "verified"),  # the naira
        ("R25,000", "Marlowe, South Africa", "verified"),  # the rand
        ("KSh 50,000", "Marlowe, Kenya", "verified"),
        ("GH¢5,000", "Marlowe, Nigeria", "unconfirmed"),  # another nation's currency
        ("Sh 50,000", "Marlowe, Kenya", "unconfirmed"),  # Uganda's and Tanzania's papers too
        ("Rs 50,000", "Marlowe, India", "unconfirmed"),  # Pakistan's and Nepal's too
        ("$5,000", "Marlowe, United States", "unconfirmed"),  # any dollar
    ],
)
def test_a_country_is_the_one_whose_own_currency_the_article_pays_in(
    sum_: str, location: str, status: str
) -> None:
    article = (
        f" date 2025-02-11 The council in Marlowe will pay {sum_} to each family that lost "
        "a home in the fire, an independent inquiry was told."
    )
    report = check(article, events=[event(location=location)])
    assert claims(report, "events[0].location")[location] == status


@pytest.mark.parametrize(
    ("summary", "name", "status"),
    [
        ("Fire razed homes in Ghana's Marlowe district.", "Ghana's Marlowe", "verified"),
        ("Fire razed homes in Marlowe, Togo.", "Togo", "name_not_in_article"),
        # not a possessive: a name of its own, which the article never gives
        ("An inquiry was called by Independent Ghana.", "Independent Ghana", "name_not_in_article"),
    ],
)
def test_a_country_whose_currency_the_article_pays_in_is_its_in_prose(
    summary: str, name: str, status: str
) -> None:
    article = (
        " date 2025-02-11 The council in Marlowe will pay GH¢5,000 to each family that lost "
        "a home in the fire, an independent inquiry was told."
    )
    assert claims(check(article, summary=summary), "summary")[name] == status


@pytest.mark.parametrize(
    ("value", "noun", "quote", "status"),
    [
        (31400, "hectares", "an estimated 31,400 hectares burned", "verified"),
        (31400, "acres", "an estimated 31,400 hectares burned", "unit_mismatch"),  # an area
        (19, "age of the striker", "the 19-year-old striker", "verified"),
        (19, "goals", "the 19-year-old striker", "role_mismatch"),
    ],
)
def test_a_figure_without_a_role_may_name_the_articles_measure(
    value: int, noun: str, quote: str, status: str
) -> None:
    article = (
        " date 2025-08-01 Fire crews said an estimated 31,400 hectares burned. "
        "Later the 19-year-old striker scored."
    )
    qualifier = "approximately" if "estimated" in quote else "exact"
    figure = {"value": value, "qualifier": qualifier, "role": "other_count", "noun": noun}
    report = check(article, key_figures=[figure | {"quote": quote}])
    assert report.figures[0].status == status


def test_a_cue_of_the_articles_role_beside_a_prose_number_agrees() -> None:
    article = " date 2025-06-01 A man was killed and four people were injured in the crash."
    report = check(article, headline="Man killed, four injured in crash")
    assert claims(report, "headline")["four"] == "verified"
    report = check(article, headline="Crash kills four")
    assert claims(report, "headline")["four"] == "role_mismatch"


def test_currency_codes_units_and_abbreviated_months_are_no_names() -> None:
    article = " date 2025-06-01 Profit rose to $210 million on September 3, Arden Power said."
    report = check(article, summary="Arden Power made USD 210 million in Q2 (to Sept 3).")
    assert {c.text for c in report.claims if c.kind == "name"} == {"Arden Power"}


@pytest.mark.parametrize(("value", "status"), [(32, "verified"), (28, "not_in_article")])
def test_a_length_of_time_in_one_unit_for_two(value: int, status: str) -> None:
    article = " date 2025-06-01 The driver was jailed for two years and eight months."
    figure = {
        "value": value,
        "role": "duration",
        "noun": "months",
        "quote": "jailed for two years and eight months",
    }
    assert check(article, key_figures=[figure]).figures[0].status == status


@pytest.mark.parametrize(
    ("value", "role", "quote", "status"),
    [
        (2500000, "money", "took home Sh 2.5 million", "verified"),
        (510, "percentage", "expanded by 510 basis points", "verified"),
        (40, "money", "The 40 buses left", "role_mismatch"),
    ],
)
def test_a_unit_beside_an_unclassified_number_confirms_money_or_percent(
    value: int, role: str, quote: str, status: str
) -> None:
    article = (
        " date 2025-06-01 The winners each took home Sh 2.5 million. The margin expanded by "
        "510 basis points. The 40 buses left."
    )
    figure = {"value": value, "role": role, "quote": quote}
    assert check(article, key_figures=[figure]).figures[0].status == status


def test_a_toll_of_none_is_no_coverage_gap() -> None:
    sentence = "No one was killed, and 4 people were hurt."
    none = NumberMention(
        0.0, None, "No one was killed", 0, 17, "exact", "people", "killed", sentence
    )
    four = NumberMention(4.0, None, "4", 23, 24, "exact", "people", "injured", sentence)
    assert [gap.mention.text for gap in coverage_gaps([none, four], [])] == ["4"]


def test_a_cue_two_words_away_belongs_to_another_number() -> None:
    article = " date 2025-06-01 The strike killed 4 people and injured 26."
    report = check(article, summary="The strike killed at least 26 people and injured over 100.")
    assert claims(report, "summary")["26"] == "role_mismatch"


@pytest.mark.parametrize(
    ("summary", "text", "status"),
    [
        ("One policeman was killed in the raid.", "One", "verified"),
        ("Two policemen were killed in the raid.", "Two", "not_in_article"),
    ],
)
def test_a_prose_toll_of_one_the_article_says_in_words(
    summary: str, text: str, status: str
) -> None:
    article = " date 2025-06-01 A police constable was martyred in the raid on Monday."
    assert claims(check(article, summary=summary), "summary")[text] == status


@pytest.mark.parametrize(
    ("role", "noun", "quote", "status"),
    [
        ("other_count", "hectares burned", "about 6,200 hectares", "verified"),
        ("distance", "hectares burned", "about 6,200 hectares", "verified"),  # the old reading
        ("distance", "acres burned", "about 6,200 hectares", "role_mismatch"),
        ("damaged", "hectares of crops", "about 6,200 hectares", "unconfirmed"),
        ("other_count", "km/h winds", "gusts of 110 km/h", "verified"),
        ("other_count", "mph winds", "gusts of 110 km/h", "unit_mismatch"),
    ],
)
def test_an_area_or_a_speed_is_checked_by_its_unit(
    role: str, noun: str, quote: str, status: str
) -> None:
    article = (
        " date 2025-01-09 The grass fire spread over about 6,200 hectares, driven by gusts "
        "of 110 km/h, before crews contained it on Wednesday."
    )
    value = 110 if "km/h" in quote else 6200
    figure = {"value": value, "qualifier": "approximately", "role": role, "noun": noun}
    report = check(article, key_figures=[figure | {"quote": quote}])
    assert report.figures[0].status == status


@pytest.mark.parametrize(
    ("value", "noun", "quote", "status"),
    [
        (7, "p.m.", "shortly before 7 p.m.", "verified"),  # the article's 19:00
        (7, "pm", "shortly before 7 p.m.", "verified"),
        (1900, "time of day", "shortly before 7 p.m.", "verified"),
        (8, "p.m.", "shortly before 7 p.m.", "not_in_article"),
        (7, "a.m.", "shortly before 7 p.m.", "not_in_article"),  # 07:00 is not 19:00
        (6.45, "am", "at 6.45am", "verified"),
        (12, "p.m. (noon)", "by 12pm", "verified"),
    ],
)
def test_a_clock_time_with_am_or_pm_in_its_noun_is_the_articles_24_hour_time(
    value: float, noun: str, quote: str, status: str
) -> None:
    article = (
        " date 2025-02-11 The market fire broke out at 6.45am, was under control by 12pm "
        "and flared again shortly before 7 p.m. on Monday."
    )
    figure = {"value": value, "qualifier": "approximately", "role": "time", "noun": noun}
    figure["qualifier"] = "approximately" if "shortly" in quote else "exact"
    report = check(article, key_figures=[figure | {"quote": quote}])
    assert report.figures[0].status == status


@pytest.mark.parametrize(
    ("noun", "quote", "status"),
    [
        ("Australian dollars", "A$1.2bn", "verified"),
        ("AUD", "A$1.2bn", "verified"),
        ("US dollars", "A$1.2bn", "unit_mismatch"),  # the sign says whose dollar
        ("Australian dollars", "$310 million", "verified"),  # a bare sign: any dollar
        ("Canadian dollars", "$310 million", "verified"),
        ("euros", "$310 million", "unit_mismatch"),
        ("Kenyan shillings", "Sh 4.5 billion", "verified"),
        ("Egyptian pounds", "Sh 4.5 billion", "unit_mismatch"),
    ],
)
def test_a_claim_names_a_nations_currency_and_a_bare_dollar_sign_is_any_dollar(
    noun: str, quote: str, status: str
) -> None:
    article = (
        " date 2025-08-20 The miner reported net profit of A$1.2bn on Wednesday. "
        "It will spend $310 million on a new mine. Its Kenyan unit lost Sh 4.5 billion."
    )
    value = {"A$1.2bn": 1.2e9, "$310 million": 3.1e8, "Sh 4.5 billion": 4.5e9}[quote]
    figure = {"value": value, "qualifier": "exact", "role": "money", "noun": noun}
    report = check(article, key_figures=[figure | {"quote": quote}])
    assert report.figures[0].status == status


@pytest.mark.parametrize(
    ("noun", "quote", "status"),
    [
        ("PKR", "Rs 35bn", "verified"),  # "Rs" alone: any rupee
        ("Nepalese rupees", "Rs 35bn", "verified"),
        ("Sri Lankan rupees", "12 million rupees", "verified"),
        ("USD", "Rs 35bn", "unit_mismatch"),  # a rupee is still no dollar
        ("PKR", "₹900 crore", "unit_mismatch"),  # the sign says whose rupee
        ("NPR", "60 crore Indian rupees", "unit_mismatch"),
    ],
)
def test_rupees_written_without_a_nation_are_any_rupee(noun: str, quote: str, status: str) -> None:
    article = (
        " date 2025-08-20 The storm caused losses put at Rs 35bn. The board paid 12 million "
        "rupees to the contractor. A partner in Delhi had pledged ₹900 crore. A donor gave "
        "60 crore Indian rupees."
    )
    value = {"Rs 35bn": 3.5e10, "12 million rupees": 1.2e7, "₹900 crore": 9e9}.get(quote, 6e8)
    figure = {"value": value, "qualifier": "exact", "role": "money", "noun": noun}
    report = check(article, key_figures=[figure | {"quote": quote}])
    assert report.figures[0].status == status


def test_a_sentence_that_says_us_dollars_holds_a_bare_sign_to_them() -> None:
    article = " date 2025-08-20 The loan, in US dollars, is $310 million, officials said."
    figure = {"value": 3.1e8, "qualifier": "exact", "role": "money", "noun": "Canadian dollars"}
    report = check(article, key_figures=[figure | {"quote": "$310 million"}])
    assert report.figures[0].status == "unit_mismatch"


@pytest.mark.parametrize(
    ("article", "event_type"),
    [
        ("Police used batons to disperse about 200 supporters outside the office.", "protest"),
        ("Officers fired tear gas at a crowd of traders on Monday.", "protest"),
        ("Farmers continued their dharna outside the collectorate on Monday.", "protest"),
        ("Students staged an agitation against the fee rise.", "protest"),
        ("A mob set vehicles alight and torched two shops on Monday.", "riot"),
        ("Rival fans were hurt in a brawl outside the ground.", "riot"),
        ("Two canvassers were injured in a scuffle at the polling station.", "riot"),
        ("A week-long heatwave left three farm workers dead.", "natural_disaster"),
        ("The cold snap killed two rough sleepers in the capital.", "natural_disaster"),
    ],
)
def test_the_words_of_a_protest_a_riot_or_a_disaster_in_other_house_styles(
    article: str, event_type: str
) -> None:
    text = f" date 2025-03-04 {article}"
    report = check(text, events=[event(event_type=event_type)])
    (found,) = [c for c in report.claims if c.kind == "event_type"]
    assert found.status == "verified"


@pytest.mark.parametrize(
    ("summary", "status"),
    [
        ("Economists expect growth of 2.5-3.5 percent.", "verified"),  # the bounds, one range
        ("Economists expect growth of 2.5-4 percent.", "not_in_article"),
        ("Exports grew 3.5-6 percent.", "unconfirmed"),  # ends of two ranges, not one
    ],
)
def test_a_range_written_as_two_bounds_with_units_is_one_range(summary: str, status: str) -> None:
    article = (
        " date 2025-03-04 The bank expects growth of between 2.5pc and 3.5pc this year. "
        "Exports grew 6pc, after 3.5pc a year earlier."
    )
    report = check(article, summary=summary)
    (found,) = [c for c in report.claims if c.path == "summary" and c.kind == "number"]
    assert found.status == status


_RESULTS = (
    " date 2025-03-04 Brackwell Foods reported a 22 per cent rise in quarterly profit to "
    "£410m. For the full year, profit was up 15 per cent. The court fined the director "
    "£60,000 and set his bail at £250,000."
)


@pytest.mark.parametrize(
    ("summary", "token", "status"),
    [
        ("Quarterly profit rose 22% to £410m.", "22", "verified"),
        ("Quarterly profit rose 15% to £410m.", "15", "unconfirmed"),  # £410m came with 22%
        ("The court fined the director £60,000.", "60,000", "verified"),
        ("The court fined the director £250,000.", "250,000", "unconfirmed"),  # the bail
        ("Profit rose 15% for the year; bail was £250,000.", "15", "verified"),
        ("Profit rose 15% for the year; bail was £250,000.", "250,000", "verified"),
    ],
)
def test_prose_that_takes_the_articles_words_for_another_number_is_unconfirmed(
    summary: str, token: str, status: str
) -> None:
    report = check(_RESULTS, summary=summary)
    (found,) = [c for c in report.claims if c.path == "summary" and c.text == token]
    assert found.status == status


@pytest.mark.parametrize(
    ("summary", "status"),
    [
        ("Hale scored a 9th-minute opener.", "verified"),
        ("Hale scored a 14th-minute opener.", "unconfirmed"),  # 14 is a points total
        ("Rovers sit 14th after the defeat.", "verified"),  # ranks no noun: the standing
    ],
)
def test_an_ordinal_that_ranks_a_noun_needs_the_articles_ordinal(summary: str, status: str) -> None:
    article = (
        " date 2025-03-04 Hale headed in after nine minutes, the 9th-minute goal his first. "
        "Rovers are on 14 points from 12 games."
    )
    report = check(article, summary=summary)
    (found,) = [c for c in report.claims if c.path == "summary" and c.kind == "number"]
    assert found.status == status


# --- Shapes from the development corpus's sixth batch -----------------------------------

ARRESTS = (
    " date 2025-09-23 Officers stopped a van on the M9 on Monday. The driver, a 44-year-old "
    "man, has been arrested. Two women were detained in Perth later that day, and a third "
    "person, a man aged 27, was arrested on Tuesday. A fourth suspect was seen leaving."
)


@pytest.mark.parametrize(
    ("slot", "value", "quote", "status"),
    [
        ("arrested", 1, "The driver, a 44-year-old man, has been arrested", "verified"),
        ("arrested", 3, "a third person, a man aged 27, was arrested", "verified"),
        ("arrested", 4, "A fourth suspect was seen leaving", "role_mismatch"),
    ],
)
def test_a_toll_named_past_an_apposition_or_counted_by_its_ordinal(
    slot: str, value: int, quote: str, status: str
) -> None:
    draft_event = {"event_type": "arrest", "description": "Arrests."} | toll(slot, value, quote)
    assert check(ARRESTS, events=[draft_event]).figures[0].status == status


WAITS = (
    " date 2025-11-27 One in five admitted patients waited more than two days for a bed, "
    "and only three of 38 departments met the target of seeing patients within four hours."
)


@pytest.mark.parametrize(
    ("summary", "status"),
    [
        ("A fifth of admitted patients waited over two days.", "verified"),
        ("20% of admitted patients waited over two days.", "verified"),
        ("A quarter of admitted patients waited over two days.", "not_in_article"),
    ],
)
def test_a_share_written_x_in_y_reads_as_a_fraction_or_a_percentage(
    summary: str, status: str
) -> None:
    found = claims(check(WAITS, summary=summary), "summary")
    share = next(text for text in found if text not in ("two",))
    assert found[share] == status, found


@pytest.mark.parametrize(
    ("summary", "status"),
    [
        ("Three departments met the four-hour target.", "verified"),
        ("Patients were seen in four hours.", "qualifier_mismatch"),
    ],
)
def test_a_number_glued_to_its_unit_labels_a_measure(summary: str, status: str) -> None:
    assert claims(check(WAITS, summary=summary), "summary").get("four") == status


# The dateline is Monday, 6 July 2026.
PERIODS = (
    " date 2026-07-06 Storms hit the coast over the weekend and overnight into Sunday, "
    "killing 9 people. Three days ago a bridge fell. In June, 40 died on the roads. In "
    "January last year, a crash at the same spot killed 12. Last year 1,200 people died. "
    "Last July a ferry sank. Since the rains began in March, 80 people have died."
)


@pytest.mark.parametrize(
    ("date_text", "date", "status"),
    [
        ("last year", "2025-01-01", "verified"),  # a day to stand for the year it names
        ("In January last year", "2025-01-01", "verified"),
        ("In January last year", "2025-03-01", "unconfirmed"),  # not the month it names
        ("last year", "2024-06-01", "unconfirmed"),  # not the year it names
        ("last year", "2026-07-06", "verified"),  # the dateline: the day of the report
        ("over the weekend", "2026-07-04", "verified"),  # Saturday
        ("over the weekend", "2026-07-01", "unconfirmed"),  # a Wednesday
        ("three days ago", "2026-07-03", "verified"),
        ("overnight into Sunday", "2026-07-04", "verified"),  # the night began on Saturday
        ("overnight into Sunday", "2026-07-02", "date_mismatch"),
        ("in June", "2026-06-12", "verified"),
        ("in June", "2025-06-12", "unconfirmed"),
        # "last July" in July is a year back; a stretch "since" a month began in it
        ("Last July", "2025-07-01", "verified"),
        ("Last July", "2026-07-01", "unconfirmed"),
        ("since the rains began in March", "2026-03-01", "verified"),
        ("since the rains began in March", "2025-03-01", "unconfirmed"),
    ],
)
def test_a_date_text_naming_a_period_holds_a_date_inside_it(
    date_text: str, date: str, status: str
) -> None:
    report = check(PERIODS, events=[event(date_text=date_text, date=date)])
    assert claims(report, "events[0].date")[date_text] == status


@pytest.mark.parametrize(
    ("years", "date", "status"),
    [
        ("2023-24", "2024-02-01", "verified"),
        ("2023–2024", "2024-02-01", "verified"),
        ("2023-24", "2025-02-01", "other_event"),
    ],
)
def test_a_span_of_years_is_the_time_of_both(years: str, date: str, status: str) -> None:
    article = f" date 2026-03-01 Cholera spread again this week. In {years}, 400 people died of it."
    toll = event({"value": 400, "quote": "400 people died"}, date=date)
    assert check(article, events=[toll]).figures[0].status == status


def test_a_rounding_of_a_count_its_clause_gives_a_role_is_a_fair_reading() -> None:
    # the extractor leaves 51,870 unread; "evacuation centers" in its clause says displaced
    article = (
        " date 2026-11-03 A typhoon swept the north on Sunday. As of Tuesday, 51,870 people "
        "were still staying in 372 evacuation centers."
    )
    report = check(article, headline="Over 51,000 still in evacuation centers")
    assert claims(report, "headline")["51,000"] == "verified"


# The court fined each convict N5 million; N20 million was the bail.
COURT = (
    " date 2026-03-10 The court fined each convict N5 million on Monday. Bail had been set at "
    "N20 million each. Nine people died in the riot, among them a 19-year-old student. Among "
    "the dead was a 12-year-old boy."
)


@pytest.mark.parametrize(
    ("summary", "number", "status"),
    [
        # the prose's words before the number stand before another number of the article
        ("The court fined each convict N20 million.", "20 million", "unconfirmed"),
        ("The court fined each convict N5 million.", "5 million", "verified"),
        # words of no content say nothing of which number it is
        ("Nine died, among them a 12-year-old boy.", "12", "verified"),
    ],
)
def test_a_number_after_the_articles_words_for_another_is_unconfirmed(
    summary: str, number: str, status: str
) -> None:
    assert claims(check(COURT, summary=summary), "summary")[number] == status


def test_prose_states_a_role_only_where_its_words_say_it() -> None:
    # the reading carries "died" across the clause to the 46; the prose states no role
    # for it, and the article's 46 (a count the rules leave unread) bears the number out
    article = (
        " date 2024-06-12 A gas leak at a plant killed two workers on Tuesday. Doctors "
        "examined 46 people, 19 of them from a nearby village."
    )
    inferred = (
        "The leak killed two workers at the plant on Tuesday night, and 46 people, 19 of them "
        "villagers, were examined."
    )
    assert claims(check(article, summary=inferred), "summary")["46"] == "verified"
    # a role the prose states beside the number is still held to the article
    stated = "Two workers died and 46 people were injured."
    assert claims(check(article, summary=stated), "summary")["46"] != "verified"
    # ... and so is one it states by sending the people to a hospital by name
    sent = "Two workers died. 46 people were taken to Central Hospital."
    assert claims(check(article, summary=sent), "summary")["46"] != "verified"


def test_a_year_the_article_counts_back_from_its_dateline_may_be_written_out() -> None:
    article = " date 2024-06-12 Floods killed 9 people on Tuesday. Last year, storms killed 31."
    assert claims(check(article, summary="Storms killed 31 in 2023."), "summary")["2023"] == (
        "verified"
    )
    assert claims(check(article, summary="Storms killed 31 in 2022."), "summary")["2022"] != (
        "verified"
    )


def test_last_summer_is_another_time_than_the_datelines() -> None:
    article = (
        " date 2026-08-10 A wildfire near the town burned 900 hectares on Sunday. Last "
        "summer, fires in the region killed 4 people."
    )
    toll = {"value": 4, "quote": "fires in the region killed 4 people"}
    assert check(article, events=[event(toll, date="2026-08-09")]).figures[0].status == (
        "other_event"
    )
    assert check(article, events=[event(toll, date="2025-07-20")]).figures[0].status == ("verified")


def test_a_cue_beside_a_prose_number_says_its_role_whatever_the_reading_picked() -> None:
    article = (
        " date 2024-06-12 A blast killed three workers and 46 people were taken to hospital "
        "on Tuesday. Of the 46, most were discharged."
    )
    report = check(article, headline="Blast kills three workers, 46 taken to hospital")
    assert claims(report, "headline")["46"] == "verified"
    report = check(article, headline="Blast kills three workers, 46 taken to court")
    assert claims(report, "headline")["46"] != "verified"


def test_people_shifted_to_a_school_were_displaced() -> None:
    article = (
        " date 2024-06-12 After the leak, about 400 residents were shifted to a school for "
        "the night."
    )
    moved = {
        "role": "displaced",
        "value": 400,
        "qualifier": "approximately",
        "quote": "about 400 residents were shifted to a school",
    }
    report = check(
        article,
        events=[
            {"event_type": "accident", "description": "A leak.", "casualties": {"displaced": moved}}
        ],
    )
    assert report.figures[0].status == "verified"


@pytest.mark.parametrize(("value", "status"), [(3, "verified"), (4, "not_in_article")])
def test_one_named_plus_a_count_the_rules_left_unread(value: int, status: str) -> None:
    # "two" is unread (the verb is a clause away), but its clause says they were killed
    article = (
        " date 2025-07-14 In Nebbi, a 29-year-old mother and her two children, aged nine and "
        "six, died when lightning struck their hut on Sunday evening."
    )
    quote = "a 29-year-old mother and her two children"
    draft_event = {"event_type": "natural_disaster", "description": "Lightning."} | toll(
        "killed", value, quote
    )
    assert check(article, events=[draft_event]).figures[0].status == status


@pytest.mark.parametrize(
    ("value", "quote", "status"),
    [
        (4, "raised the alert to Level 4", "verified"),
        (3, "the tornado was an EF-3", "verified"),
        (5, "raised the alert to Level 4", "not_in_article"),
    ],
)
def test_a_figure_may_quote_a_step_of_a_scale(value: int, quote: str, status: str) -> None:
    article = (
        " date 2025-07-14 Officials raised the alert to Level 4 on Sunday. Surveyors said "
        "the tornado was an EF-3."
    )
    figure = {"role": "other_count", "value": value, "noun": "alert level", "quote": quote}
    draft_event = {"event_type": "natural_disaster", "description": "A storm.", "figures": [figure]}
    assert check(article, events=[draft_event]).figures[0].status == status


def test_a_noun_of_people_opening_a_sentence_is_no_part_of_the_name_after_it() -> None:
    article = " date 2025-07-14 The 19-year-old Brennan scored 112 at Taunton on Sunday."
    report = check(article, headline="Teenager Brennan hits 112 at Taunton")
    assert claims(report, "headline").get("Brennan") == "verified"
    assert "Teenager Brennan" not in claims(report, "headline")
    # the name after the noun is still checked
    report = check(article, headline="Teenager Gallagher hits 112 at Taunton")
    assert claims(report, "headline").get("Gallagher") == "name_not_in_article"


@pytest.mark.parametrize(("value", "status"), [(7900, "verified"), (8100, "not_in_article")])
def test_two_measures_of_one_thing_may_be_summed_wherever_told(value: int, status: str) -> None:
    article = (
        " date 2025-07-14 A fire near Alcarras had burned 5,600 hectares by Thursday. "
        "Officials said 40 homes were evacuated.\n\nAnother fire in Las Hurdes has scorched "
        "2,300 hectares since Tuesday."
    )
    summary = f"Two wildfires have burned some {value:,} hectares."
    assert claims(check(article, summary=summary), "summary")[f"{value:,}"] == status


@pytest.mark.parametrize(
    ("summary", "status"),
    [
        ("Six mineworkers were killed in one week.", "verified"),
        ("Six mineworkers were killed in one month.", "not_in_article"),
    ],
)
def test_one_of_a_noun_in_prose_is_the_articles_a_or_single(summary: str, status: str) -> None:
    article = (
        " date 2026-05-08 The minister said the deaths of six mineworkers in a single week "
        "were a tragedy."
    )
    checked = claims(check(article, summary=summary), "summary")
    assert checked["one"] == status


@pytest.mark.parametrize(
    ("figure", "status"),
    [
        # a horse's length is a length, and a ransom in bitcoin is money
        (
            {"value": 9, "role": "distance", "noun": "lengths", "quote": "by nine lengths"},
            "verified",
        ),
        (
            {"value": 9, "role": "distance", "noun": "furlongs", "quote": "by nine lengths"},
            "unit_mismatch",
        ),
        (
            {
                "value": 45,
                "role": "money",
                "noun": "bitcoin ransom",
                "quote": "demanding 45 bitcoin",
            },
            "verified",
        ),
        (
            {"value": 45, "role": "killed", "noun": "bitcoin", "quote": "demanding 45 bitcoin"},
            "role_mismatch",
        ),
        # people the reader left unread, claimed as a population with the article's noun
        (
            {
                "value": 2700,
                "role": "population",
                "noun": "inmates held",
                "quote": "about 2,700 inmates",
            },
            "verified",
        ),
        (
            {
                "value": 2700,
                "role": "population",
                "noun": "residents",
                "quote": "about 2,700 inmates",
            },
            "unconfirmed",
        ),
    ],
)
def test_lengths_bitcoin_and_unread_people_under_the_claims_label(
    figure: dict[str, Any], status: str
) -> None:
    article = (
        " date 2026-05-20 Gleann Mor won the race by nine lengths. The gang is demanding 45 "
        "bitcoin. The jail was built for 1,200 but held about 2,700 inmates."
    )
    qualifier = "approximately" if figure["value"] == 2700 else "exact"
    found = check(article, key_figures=[{"qualifier": qualifier, **figure}]).figures[0]
    assert found.status == status, found.reason


@pytest.mark.parametrize(
    ("headline", "status"),
    [
        ("Chepngeno sets world-leading 1500m mark", "verified"),  # the race, in metres
        ("Chepngeno sets world-leading 800m mark", "not_in_article"),
    ],
)
def test_a_bare_m_in_prose_is_metres_when_the_article_has_only_the_distance(
    headline: str, status: str
) -> None:
    article = " date 2026-05-31 Chepngeno smashed the record in the women's 1500m on Sunday."
    (found,) = claims(check(article, headline=headline), "headline").values()
    assert found == status


@pytest.mark.parametrize(
    ("summary", "status"),
    [
        ("Police sought the 22 escapees not yet recaptured.", "verified"),
        ("Police sought the 20 escapees not yet recaptured.", "not_in_article"),
        ("Police said 22 inmates escaped.", "not_in_article"),  # no word of what is left
    ],
)
def test_what_is_left_of_a_whole_is_the_whole_less_its_part(summary: str, status: str) -> None:
    article = (
        " date 2026-07-20 At least 27 inmates were killed and 63 escaped during a riot. Of "
        "the inmates who fled, 41 had been recaptured by Monday afternoon."
    )
    assert (
        claims(check(article, summary=summary), "summary")["22" if "22" in summary else "20"]
        == status
    )


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # a happening "of" a year, and a time counted back "earlier", are another time
        ("Towns still rebuild from the fires of 2019, which killed 26 people.", "other_event"),
        ("Five years earlier, a flood killed 26 people.", "other_event"),
        ("A flood killed 26 people on Monday.", "verified"),
    ],
)
def test_a_happening_of_a_year_and_years_earlier_are_another_time(
    sentence: str, status: str
) -> None:
    article = f" date 2026-11-30 {sentence}"
    toll = event({"value": 26, "quote": "killed 26 people"}, date="2026-11-30")
    assert check(article, events=[toll]).figures[0].status == status


@pytest.mark.parametrize(
    ("date", "status"),
    [("2026-08-11", "other_event"), ("2024-05-20", "verified")],
)
def test_a_toll_told_in_words_in_a_sentence_about_another_time_is_that_times(
    date: str, status: str
) -> None:
    article = (
        " date 2026-08-12 Turbulence injured 31 people on Tuesday. In May 2024, a 73-year-old "
        "British man died when another flight hit turbulence."
    )
    toll = event({"value": 1, "quote": "a 73-year-old British man died"}, date=date)
    assert check(article, events=[toll]).figures[0].status == status


@pytest.mark.parametrize(
    ("noun", "status"),
    [
        ("people killed since June 23", "other_event"),  # this year's stretch: no other time
        ("people killed in the 2024 protests", "verified"),
        ("people killed since June 2024", "verified"),
    ],
)
def test_a_key_figures_since_a_day_this_year_names_no_other_time(noun: str, status: str) -> None:
    article = (
        " date 2026-07-09 Protests have killed 31 people since June 23. In 2024, more than "
        "50 people were killed in weeks of protests."
    )
    figure = {
        "value": 50,
        "qualifier": "more_than",
        "role": "killed",
        "noun": noun,
        "quote": "more than 50 people were killed",
    }
    assert check(article, key_figures=[figure]).figures[0].status == status
