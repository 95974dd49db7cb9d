from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from summarizer.schema import ArticleSummary, Casualties, Event, Figure, SummaryDraft

QUOTE = "killed 24 people"


def figure(**overrides: object) -> dict[str, object]:
    return {
        "value": 24,
        "qualifier": "exact",
        "role": "killed",
        "noun": "people",
        "quote": QUOTE,
        **overrides,
    }


def test_figure_field_names_are_fixed() -> None:
    fields = ["value", "qualifier", "role", "noun", "quote", "mention", "span"]
    assert list(Figure.model_fields) == fields


def test_mention_and_span_are_ours_not_the_models() -> None:
    """Filled from a rule-extracted mention (selection prompts); the model is never asked."""
    schema = json.dumps(SummaryDraft.model_json_schema())
    assert '"mention"' not in schema and '"span"' not in schema
    figure = Figure(value=26, role="injured", quote="At least 26", mention="M1", span=(9, 11))
    assert Figure.model_validate_json(figure.model_dump_json()) == figure


def test_float_values_that_are_whole_become_int() -> None:
    assert Figure.model_validate(figure(value=24.0)).value == 24
    assert isinstance(Figure.model_validate(figure(value=24.0)).value, int)
    assert Figure.model_validate(figure(value=7.6)).value == 7.6


@pytest.mark.parametrize(
    "bad", [{"qualifier": "roughly"}, {"role": "deaths"}, {"quote": ""}, {"value": "many"}]
)
def test_invalid_figures_are_rejected(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Figure.model_validate(figure(**bad))


def test_casualty_slot_sets_the_role() -> None:
    casualties = Casualties.model_validate({"injured": figure(role="killed")})
    assert casualties.injured is not None and casualties.injured.role == "injured"


def test_the_models_date_is_kept_and_a_wrong_weekday_is_reported_not_rewritten() -> None:
    """Dates are verified, never rewritten (issue 14): the mismatch shows in the report."""
    from summarizer.checks.report import verify

    event = {
        "event_type": "attack",
        "date_text": "late Saturday",
        "description": "x",
        "date": "2024-01-06",
    }
    kept = Event.model_validate(event, context={"dateline": dt.date(2024, 1, 1)})
    assert kept.date == dt.date(2024, 1, 6)
    article = " date 2024-01-01 The attack came late Saturday, officials said."
    draft = SummaryDraft(headline="Attack", summary="An attack.", events=[kept])
    report = verify(article, draft)
    [date_check] = [c for c in report.claims if c.kind == "date"]
    assert date_check.status == "date_mismatch" and "2023-12-30" in date_check.reason
    assert date_check.verdict == "contradicted"
    fixed = draft.model_copy(
        update={"events": [kept.model_copy(update={"date": dt.date(2023, 12, 30)})]}
    )
    [ok] = [c for c in verify(article, fixed).claims if c.kind == "date"]
    assert ok.status == "verified", ok.reason


def test_dateline_overrides_the_models_article_date() -> None:
    draft = {"headline": "h", "summary": "s", "article_date": "1999-01-01"}
    assert SummaryDraft.model_validate(
        draft, context={"dateline": dt.date(2024, 1, 1)}
    ).article_date == dt.date(2024, 1, 1)


def test_extra_keys_are_rejected() -> None:
    with pytest.raises(ValidationError, match="extra"):
        SummaryDraft.model_validate({"headline": "h", "summary": "s", "bogus": 1})


def test_figure_paths_are_stable() -> None:
    draft = ArticleSummary.model_validate(
        {
            "headline": "h",
            "summary": "s",
            "events": [
                {
                    "event_type": "attack",
                    "description": "d",
                    "casualties": {"killed": figure()},
                    "figures": [figure(role="damaged", value=3)],
                }
            ],
            "key_figures": [figure()],
        }
    )
    assert [path for path, _ in draft.iter_figures()] == [
        "events[0].casualties.killed",
        "events[0].figures[0]",
        "key_figures[0]",
    ]


def test_raw_newlines_inside_json_strings_are_read_as_text() -> None:
    raw = '{"headline": "Two\nlines", "summary": "tab\there", "events": [], "key_figures": []}'
    draft = SummaryDraft.model_validate_json(raw)
    assert draft.headline == "Two\nlines" and draft.summary == "tab\there"


@pytest.mark.parametrize("raw", ['{"headline": "cut off', "not json at all", '{"headline": 1, }'])
def test_json_that_is_really_broken_still_fails(raw: str) -> None:
    with pytest.raises(ValidationError, match=r"(?i)json"):
        SummaryDraft.model_validate_json(raw)


def test_lenient_parse_still_validates_the_schema() -> None:
    with pytest.raises(ValidationError, match="summary"):
        SummaryDraft.model_validate_json('{"headline": "a\nb"}')


def test_lenient_parse_keeps_strict_json_rules() -> None:
    raw = '{"headline": "a\nb", "summary": "s", "article_date": "2024-01-01", "events": [], "key_figures": []}'
    assert str(SummaryDraft.model_validate_json(raw, strict=True).article_date) == "2024-01-01"


def test_schema_cache_does_not_keep_derived_classes_alive() -> None:
    """A class made on the fly (another name: not a mere wrapper) is not kept alive by the cache."""
    import gc
    import weakref

    from pydantic import create_model

    from summarizer.schema import SummaryDraft

    derived = create_model("Derived", __base__=SummaryDraft)
    assert derived.model_json_schema() == derived.model_json_schema()  # cached, fresh copies
    alive = weakref.ref(derived)
    del derived
    gc.collect()
    assert alive() is None
