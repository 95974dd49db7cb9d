"""Selection prompts: ids in, numbers from the rules out (summarizer.prompting.selection)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from summarizer.backends.backend import grammar_schema
from summarizer.checks.reask import report_of
from summarizer.numbers import extract_numbers
from summarizer.pipeline.plan import prepare
from summarizer.pipeline.summarizer import Summarizer
from summarizer.prompting import selection
from summarizer.prompting.templates import load_prompt
from summarizer.schema import CASUALTY_ROLES
from summarizer.text.marks import strip_marks
from tests.conftest import BELGOROD, SEEDS
from tests.fakes.fake_openai_server import Completion, FakeOpenAIServer
from tests.support.fault_fixtures import FAST

SEED_TEXTS = {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
ARTICLE = BELGOROD.read_text(encoding="utf-8")
PROMPT_ID = "event-summary-select"
# The designs built from the listing alone (the incident design: test_incident_slots.py).
LISTING_DESIGNS = [design for design in selection.SLOT_DESIGNS if design != "incident"]


def listed_for(text: str) -> list[selection.ListedMention]:
    return selection.list_mentions(text, extract_numbers(text))


def by_text(listed: list[selection.ListedMention], number: str) -> selection.ListedMention:
    return next(item for item in listed if item.mention.text == number)


def enums(node: Any) -> list[list[str]]:
    """Every enum (and const) in a JSON schema."""
    found: list[list[str]] = []
    if isinstance(node, dict):
        if "enum" in node:
            found.append(list(node["enum"]))
        if "const" in node:
            found.append([node["const"]])
        for value in node.values():
            found += enums(value)
    elif isinstance(node, list):
        for value in node:
            found += enums(value)
    return found


# ---------------------------------------------------------------------------
# The list: ids and clauses
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", sorted(SEED_TEXTS))
def test_every_clause_is_verbatim_and_holds_its_number(seed: str) -> None:
    text = SEED_TEXTS[seed]
    listed = listed_for(text)
    assert [item.id for item in listed] == [f"M{i}" for i in range(1, len(listed) + 1)]
    for item in listed:
        assert item.clause_start <= item.mention.start < item.mention.end <= item.clause_end
        assert " ".join(text[item.clause_start : item.clause_end].split()) == item.clause
        assert item.mention.text in item.clause
        assert len(item.clause.split()) <= 12, item.clause
        assert item.mention.role not in selection.UNLISTED_ROLES


def test_clause_reads_like_the_issue_example() -> None:
    listed = listed_for(ARTICLE)
    assert by_text(listed, "26").line() == '[M1] "At least 26 people were injured"'
    assert by_text(listed, "24").clause == "killed 24 people, including children"


def test_a_short_clause_borrows_the_next_part_of_its_sentence() -> None:
    text = "The wounded, are 25 -- including six children -- who were hurt."
    start = text.index("25")
    span = selection.clause_span(text, start, start + 2)
    assert text[span[0] : span[1]] == "are 25 -- including six"


def test_marked_article_puts_each_id_after_its_number_and_changes_nothing_else() -> None:
    listed = listed_for(ARTICLE)
    marked = selection.mark_article(ARTICLE, listed)
    assert "At least 26 [M1] people were injured" in marked
    assert "shot down 21 [M2] of 49 [M3] drones" in marked
    unmarked = marked
    for item in listed:
        unmarked = unmarked.replace(f" [{item.id}]", "", 1)
    assert unmarked == ARTICLE.strip()


# ---------------------------------------------------------------------------
# The per-article schema: only this article's ids are possible
# ---------------------------------------------------------------------------


def test_rule_role_slots_offer_only_the_ids_the_rules_read_with_that_role() -> None:
    listed = listed_for(ARTICLE)
    schema = selection.response_model(listed, "rule-role").model_json_schema()
    event = schema["$defs"]["SelectedEvent"]["properties"]
    for role in ("killed", "injured", "launched", "intercepted", "damaged"):
        expected = sorted(item.id for item in listed if item.mention.role == role)
        slot = event[role]
        found = enums(slot)
        assert len(found) == 1 and sorted(found[0]) == expected, role
        if role in CASUALTY_ROLES:
            assert {"type": "null"} in slot["anyOf"], "a casualty slot may stay empty"
    # A role the rules did not find in the article has no slot at all.
    assert "missing" not in event and "arrested" not in event


def test_claimed_role_figures_take_any_id_of_the_article_and_no_other() -> None:
    listed = listed_for(ARTICLE)
    schema = selection.response_model(listed, "claimed-role").model_json_schema()
    cited = schema["$defs"]["CitedFigure"]["properties"]
    assert enums(cited["mention"]) == [[item.id for item in listed]]


@pytest.mark.parametrize("design", LISTING_DESIGNS)
def test_an_id_not_in_the_article_cannot_be_sent_under_the_grammar(design: str) -> None:
    """What llama.cpp turns into a grammar: every id position is an enum of this article's ids."""
    listed = listed_for(ARTICLE)
    ids = {item.id for item in listed}
    sent = grammar_schema(selection.response_model(listed, design), list_cap=2)  # type: ignore[arg-type]
    id_enums = [values for values in enums(sent) if all(v.startswith("M") for v in values)]
    assert id_enums, "the figure slots are enums"
    assert all(set(values) <= ids for values in id_enums)
    assert "M99" not in json.dumps(sent)


@pytest.mark.parametrize("design", LISTING_DESIGNS)
def test_an_id_not_in_the_article_fails_validation_naming_the_valid_ids(design: str) -> None:
    listed = listed_for(ARTICLE)
    model = selection.response_model(listed, design)  # type: ignore[arg-type]
    event: dict[str, Any] = {"event_type": "attack", "description": "x"}
    if design == "rule-role":
        event["killed"] = "M99"
    else:
        event["figures"] = [{"mention": "M99", "role": "killed"}]
    with pytest.raises(ValidationError) as caught:
        model.model_validate({"headline": "h", "summary": "s", "events": [event]})
    message = str(caught.value)
    killed_ids = [item.id for item in listed if item.mention.role == "killed"]
    named = killed_ids if design == "rule-role" else [item.id for item in listed]
    assert all(f"'{mention_id}'" in message for mention_id in named), message


def test_an_article_without_numbers_has_no_figure_slots() -> None:
    model = selection.response_model([], "rule-role")
    event = model.model_json_schema()["$defs"]["SelectedEvent"]["properties"]
    assert set(event) == {"event_type", "date", "date_text", "location", "description"}
    assert selection.render_list([]) == "(no numbers)"


def test_events_may_not_be_empty() -> None:
    model = selection.response_model(listed_for(ARTICLE), "rule-role")
    with pytest.raises(ValidationError):
        model.model_validate({"headline": "h", "summary": "s", "events": []})


def test_unknown_slot_design_is_a_config_error() -> None:
    from summarizer.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown slots 'free'"):
        selection.slot_design("free")


# ---------------------------------------------------------------------------
# Answer -> draft: every number from the mention
# ---------------------------------------------------------------------------


def validated(answer: dict[str, Any], design: str = "rule-role") -> Any:
    request = prepare(ARTICLE, load_prompt(PROMPT_ID))
    model = selection.response_model(request.context["listed"], design)  # type: ignore[arg-type]
    return model.model_validate(answer, context={**request.context, "reask": False})


def test_figures_are_filled_from_the_mention_and_verify() -> None:
    listed = listed_for(ARTICLE)
    injured, killed = by_text(listed, "26"), by_text(listed, "24")
    answer = validated(
        {
            "headline": "Strikes on Kharkiv and Belgorod",
            "summary": "Russia struck Kharkiv.",
            "events": [
                {
                    "event_type": "missile_strike",
                    "location": "Kharkiv",
                    "description": "Russia struck Kharkiv.",
                    "injured": injured.id,
                    "killed": None,
                    "damaged": [],
                },
                {
                    "event_type": "attack",
                    "location": "Belgorod",
                    "description": "An attack on Belgorod.",
                    "killed": killed.id,
                },
            ],
        }
    )
    draft = answer.to_draft()
    figure = draft.events[0].casualties.injured
    assert (figure.value, figure.qualifier, figure.role) == (26, "at_least", "injured")
    assert figure.quote == injured.clause and figure.mention == injured.id
    assert figure.span == (injured.mention.start, injured.mention.end)
    assert ARTICLE[figure.span[0] : figure.span[1]] == "26"
    assert draft.events[1].casualties.killed.value == 24
    report = report_of(draft)
    assert report is not None
    assert [check.status for check in report.figures] == ["verified", "verified"]


def test_a_claimed_role_the_rules_do_not_support_is_flagged() -> None:
    listed = listed_for(ARTICLE)
    injured = by_text(listed, "26")
    answer = validated(
        {
            "headline": "h",
            "summary": "s",
            "events": [
                {
                    "event_type": "attack",
                    "description": "x",
                    "figures": [{"mention": injured.id, "role": "killed"}],
                }
            ],
        },
        design="claimed-role",
    )
    draft = answer.to_draft()
    assert draft.events[0].casualties.killed.value == 26  # the claim, kept and flagged
    report = report_of(draft)
    assert report is not None
    assert [check.status for check in report.figures] == ["role_mismatch"]
    message = selection.selection_reask(report, listed, {})
    assert message is not None and f"{injured.id}" in message and "counts injured" in message


# ---------------------------------------------------------------------------
# End to end over HTTP: a server that ignores the schema is re-asked
# ---------------------------------------------------------------------------


def test_a_server_ignoring_the_schema_is_re_asked_with_the_valid_ids(
    fake_server: FakeOpenAIServer,
) -> None:
    listed = listed_for(ARTICLE)
    injured = by_text(listed, "26")
    event = {
        "event_type": "missile_strike",
        "date": "2023-12-30",
        "date_text": None,
        "location": "Kharkiv",
        "description": "Russia struck Kharkiv with missiles and drones.",
    }
    wrong = {
        "headline": "Kharkiv struck",
        "summary": "Russia struck Kharkiv.",
        "events": [{**event, "injured": "M99"}],
    }
    right = {**wrong, "events": [{**event, "injured": injured.id}]}
    fake_server.script(Completion(wrong), Completion(right))
    with Summarizer(
        backend="compatible", base_url=fake_server.url, model="fake", prompt=PROMPT_ID, **FAST
    ) as summarizer:
        result = summarizer.summarize(ARTICLE)

    first, second = fake_server.requests
    # Strict json_schema: the ids are in the schema the server was given.
    sent = first.json["response_format"]["json_schema"]["schema"]
    assert [item.id for item in listed if item.mention.role == "injured"] in enums(sent)
    # The re-ask names the valid ids for the slot.
    reask = second.user_content
    assert "M99" in reask
    assert all(f"'{item.id}'" in reask for item in listed if item.mention.role == "injured")
    figure = result.events[0].casualties.injured
    assert figure is not None and (figure.value, figure.mention) == (26, injured.id)
    assert result.verification is not None
    assert [check.status for check in result.verification.figures] == ["verified"]
    assert result.meta is not None and result.meta.attempts == 2


def test_the_prompt_stays_within_its_token_budget_on_the_seed_article() -> None:
    """1,100 tokens on the seed article; checked by characters here (no tokenizer offline)."""
    request = prepare(ARTICLE, load_prompt(PROMPT_ID))
    chars = sum(len(message["content"]) for message in request.messages)
    baseline = prepare(ARTICLE, load_prompt("event-summary"))
    # Measured with the SmolLM2 tokenizer: select 1,080 tokens, event-summary 1,113.
    assert chars <= sum(len(message["content"]) for message in baseline.messages)


def test_markers_copied_into_prose_are_dropped_but_its_numbers_stay() -> None:
    assert strip_marks("after 12 [M3] firefighters died [M4].") == "after 12 firefighters died."
    assert strip_marks("no markers, 12 numbers") == "no markers, 12 numbers"
    answer = validated(
        {
            "headline": "12 [M3] dead",
            "summary": "At least 26 [M1] people were injured.",
            "events": [{"event_type": "attack", "description": "26 [M1] hurt", "location": ""}],
        }
    )
    draft = answer.to_draft()
    assert (draft.headline, draft.summary) == ("12 dead", "At least 26 people were injured.")
    assert draft.events[0].description == "26 hurt"


def test_the_first_mention_of_each_weekday_carries_its_resolved_date() -> None:
    import datetime as dt

    from summarizer.text.dates import parse_dateline

    dateline = parse_dateline(ARTICLE)
    assert dateline is not None
    marked = selection.mark_article(ARTICLE, [], dateline.end, dateline.date)
    assert "city Saturday (2023-12-30) night and Sunday (2023-12-31) morning" in marked
    assert marked.count("(2023-12-30)") == 1, "only the first mention of a day"
    assert "Friday (2023-12-29)" in marked
    assert selection.weekday_marks(ARTICLE, 0, None) == []
    assert dt.date(2023, 12, 30).weekday() == 5  # a Saturday, as the article says


def test_rebase_moves_a_chunks_ids_and_offsets_onto_the_whole_article() -> None:
    """A later chunk numbers its mentions from M1 and counts offsets in its own text."""
    cut = ARTICLE.index("Russia on Friday carried out")
    chunk = "date 2024-01-01 " + ARTICLE[cut:]
    chunk_listed = listed_for(chunk)
    forty = by_text(chunk_listed, "40")
    assert forty.id == "M1"
    request = prepare(chunk, load_prompt(PROMPT_ID))
    model = selection.response_model(request.context["listed"], "rule-role")
    answer = model.model_validate(
        {
            "headline": "h",
            "summary": "s",
            "events": [{"event_type": "missile_strike", "description": "x", "killed": "M1"}],
        },
        context={**request.context, "reask": False},
    )
    whole = listed_for(ARTICLE)
    rebased = selection.rebase(answer.to_draft(), whole)
    figure = rebased.events[0].casualties.killed
    assert figure is not None and figure.mention == by_text(whole, "40").id != "M1"
    assert figure.span is not None and ARTICLE[figure.span[0] : figure.span[1]] == "40"
    # Unchanged when ids already are the article's.
    same = selection.rebase(rebased, whole)
    assert same is rebased
