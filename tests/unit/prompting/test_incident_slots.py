"""Events by construction: incidents offered by the rules, chosen by the model
(summarizer.prompting.incident_slots)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from summarizer.backends.backend import grammar_schema
from summarizer.checks.reask import report_of
from summarizer.numbers import extract_numbers
from summarizer.pipeline.plan import hash_model_for, prepare
from summarizer.prompting import incident_slots, selection
from summarizer.prompting.templates import load_prompt
from tests.conftest import SEEDS

PROMPT_ID = "event-summary-incidents"
DATELINE = dt.date(2025, 3, 10)
# Two incidents of the article's own time and one of another year (background).
ARTICLE = """date 2025-03-10
A landslide buried homes in the village of Ambalavayal in Kerala on Sunday, killing 14 people and injuring 9 others. Rescue teams were still searching on Monday.

Separately, a bus crash near Pune on Saturday killed 6 passengers.

In 2018, floods in the state killed 480 people.
"""


def offer(text: str = ARTICLE) -> tuple[list[selection.ListedMention], list[Any]]:
    listed = selection.list_mentions(text, extract_numbers(text))
    return listed, incident_slots.offer_incidents(text, listed, DATELINE)


def listed_id(listed: list[selection.ListedMention], number: str) -> str:
    return next(item.id for item in listed if item.mention.text == number)


def answer(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"headline": "Landslide in Kerala", "summary": "A landslide hit.", "events": events}


def landslide_event(listed: list[selection.ListedMention], **changes: Any) -> dict[str, Any]:
    event = {
        "incident": "I1",
        "event_type": "natural_disaster",
        "location": "Ambalavayal",
        "date": "2025-03-09",
        "description": "A landslide buried homes.",
        "killed": listed_id(listed, "14"),
        "injured": listed_id(listed, "9"),
    }
    return {**event, **changes}


def test_each_incident_of_the_articles_time_is_offered_with_its_own_anchors() -> None:
    _, offered = offer()
    assert [o.id for o in offered] == ["I1", "I2"]  # the 2018 floods are background
    landslide, crash = offered
    assert landslide.place == "Ambalavayal"  # not "Kerala": one place, the incident's own
    assert landslide.dates[0] == "2025-03-09"
    assert landslide.event_types[0] == "natural_disaster" and landslide.event_types[-1] == "other"
    assert [i.mention.text for i in landslide.listed] == ["14", "9"]
    assert (crash.place, crash.dates, crash.event_types[0]) == (
        "Pune",
        ("2025-03-08",),
        "accident",
    )
    assert [i.mention.text for i in crash.listed] == ["6"]
    assert "480" not in {i.mention.text for o in offered for i in o.listed}


def test_the_listing_names_each_incident_with_its_candidates_and_first_sentence() -> None:
    _, offered = offer()
    text = incident_slots.render_incidents(offered)
    lines = text.splitlines()
    assert lines[0].startswith("[I1] where: Ambalavayal; when: 2025-03-09")
    assert lines[1].strip().startswith('"A landslide buried homes')
    assert "date 2025" not in text  # the dateline line is not an excerpt
    assert lines[2].startswith("[I2] where: Pune")


def test_an_article_with_no_incident_is_offered_whole() -> None:
    text = "date 2025-03-10\nThe central bank kept its rate at 4.5 per cent.\n"
    listed, offered = offer(text)
    assert len(offered) == 1 and offered[0].id == "I1"
    assert offered[0].listed == tuple(listed)
    assert offered[0].dates == ("2025-03-10",)


def test_a_national_figure_is_placed_in_the_country_the_article_is_about() -> None:
    # no town of its own: the country the article names most, as it writes the name
    text = (
        "date 2025-03-10\nGhana's central bank kept its rate at 27 per cent, the Bank of "
        "Ghana said. Ghanaian inflation eased to 23.5 per cent, and Russia's wheat cost more.\n"
    )
    _, offered = offer(text)
    assert offered[0].place == "Ghana"
    # a country named only by an adjective is not written out for the model
    _, offered = offer("date 2025-03-10\nThe Ghanaian central bank kept its rate at 27 per cent.\n")
    assert offered[0].place != "Ghana"


def test_an_event_may_cite_only_its_own_incidents_numbers() -> None:
    listed, offered = offer()
    model = incident_slots.response_model(offered)
    crash_toll = listed_id(listed, "6")
    with pytest.raises(ValidationError):
        model.model_validate(answer([landslide_event(listed, killed=crash_toll), None]))
    ok = model.model_validate(answer([landslide_event(listed), None]))
    assert ok.events[0].incident == "I1"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("location", "Pune"),
        ("date", "2025-03-08"),
        ("event_type", "accident"),
        ("location", "Delhi"),
        ("location", "Kerala"),  # named in the incident, but wider than its own place
    ],
)
def test_type_place_and_date_come_from_the_incidents_own_candidates(field: str, value: str) -> None:
    listed, offered = offer()
    model = incident_slots.response_model(offered)
    with pytest.raises(ValidationError):
        model.model_validate(answer([landslide_event(listed, **{field: value}), None]))


def test_under_the_grammar_each_incident_has_its_slot_the_lead_always_reported() -> None:
    _, offered = offer()
    schema = grammar_schema(incident_slots.response_model(offered))
    lead, crash_or_null = schema["properties"]["events"]["prefixItems"]
    assert [option.get("type") for option in crash_or_null["anyOf"]][-1] == "null"
    names = [lead["$ref"], crash_or_null["anyOf"][0]["$ref"]]
    defs = [schema["$defs"][name.rsplit("/", 1)[-1]]["properties"] for name in names]
    assert [d["incident"]["const"] for d in defs] == ["I1", "I2"]
    crash = defs[1]
    assert crash["location"].get("enum", [crash["location"].get("const")]) == ["Pune"]
    assert set(crash) >= {"incident", "event_type", "location", "date", "description", "killed"}
    assert "injured" not in crash  # the crash has no injury figure to cite


def test_an_answer_maps_to_a_checked_draft_and_an_unreported_incident_is_left_out() -> None:
    listed, offered = offer()
    model = incident_slots.response_model(offered)
    context = {"article": ARTICLE, "listed": listed, "dateline": DATELINE, "reask": False}
    crash = {
        "incident": "I2",
        "event_type": "accident",
        "location": "Pune",
        "date": "2025-03-08",
        "description": "A bus crashed near Pune.",
        "killed": listed_id(listed, "6"),
    }
    draft = model.model_validate(
        answer([landslide_event(listed), crash]), context=context
    ).to_draft()  # type: ignore[attr-defined]
    assert [(e.location, str(e.date)) for e in draft.events] == [
        ("Ambalavayal", "2025-03-09"),
        ("Pune", "2025-03-08"),
    ]
    assert draft.events[0].casualties.killed.value == 14
    assert draft.events[1].casualties.killed.quote.endswith("killed 6 passengers")
    report = report_of(draft)
    assert report is not None and all(check.ok for check in report.figures)
    alone = model.model_validate(answer([landslide_event(listed), None]), context=context)
    assert [e.location for e in alone.to_draft().events] == ["Ambalavayal"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "events",
    [[None, None], [{"incident": "I1"}], [None], []],
    ids=["lead-null", "short", "one", "none"],
)
def test_the_lead_is_always_reported_and_every_incident_has_its_slot(events: list[Any]) -> None:
    listed, offered = offer()
    model = incident_slots.response_model(offered)
    full = [landslide_event(listed) if e == {"incident": "I1"} else e for e in events]
    with pytest.raises(ValidationError):
        model.model_validate(answer(full))


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        ("Voters elected a new council on Sunday; turnout in the polls was 61 per cent.", "other"),
        ("The court sentenced him to 12 years after a jury found him guilty.", "other"),
        ("Drones struck the depot on Sunday and a drone hit a school.", "drone_strike"),
        (
            "The flood cut roads; floods also hit a rail line and the storm went on.",
            "natural_disaster",
        ),
    ],
)
def test_types_are_ranked_by_their_words_and_untyped_happenings_rank_other(
    sentence: str, first: str
) -> None:
    _, offered = offer(f"date 2025-03-10\n{sentence}\n")
    assert offered[0].event_types[0] == first
    assert "other" in offered[0].event_types


def test_the_prompt_sends_the_incidents_and_its_hash_covers_the_incident_schema() -> None:
    prompt = load_prompt(PROMPT_ID)
    request = prepare(ARTICLE, prompt)
    assert "[I1] where: Ambalavayal" in request.messages[1]["content"]
    assert request.response_model.__name__ == "IncidentSelection"
    assert hash_model_for(prompt) is incident_slots.template_model()
    assert prompt.content_hash(hash_model_for(prompt)) == request.prompt_hash


@pytest.mark.parametrize("seed", sorted(p.stem for p in SEEDS.glob("*.txt")))
def test_every_seed_offers_at_least_one_incident_and_no_id_twice(seed: str) -> None:
    text = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
    listed, offered = offer(text)
    assert offered
    cited = [i.id for o in offered for i in o.listed]
    assert len(cited) == len(set(cited)) and set(cited) <= {i.id for i in listed}
