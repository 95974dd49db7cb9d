"""The re-ask hook: a response model that cross-checks itself under a validation context."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from summarizer.checks import reask as verification
from summarizer.checks.reask import check_draft, make_verified_model, report_of
from summarizer.errors import InputError
from summarizer.schema import SummaryDraft
from tests.support.crosscheck_gold import load_seed

SEED = load_seed("belgorod-kharkiv-2024-01-01")
Verified = make_verified_model(SummaryDraft)

GOOD = {"value": 24, "role": "killed", "quote": "killed 24 people"}
WRONG_ROLE = {
    "value": 26,
    "qualifier": "at_least",
    "role": "killed",
    "quote": "At least 26 people were injured",
}


def draft_json(*figures: dict, evidence: list[str] | None = None) -> str:
    return json.dumps(
        {
            "headline": "h",
            "summary": "s",
            "events": [
                {
                    "event_type": "attack",
                    "description": "d",
                    "figures": list(figures),
                    "evidence": evidence or [],
                }
            ],
        }
    )


def context(**extra: object) -> dict:
    return {"article": SEED.text, "mentions": SEED.mentions, "dateline": None, **extra}


def test_schema_is_identical_to_the_base() -> None:
    assert Verified.model_json_schema() == SummaryDraft.model_json_schema()
    assert Verified.model_json_schema()["title"] == "SummaryDraft"
    assert Verified.__name__ == "SummaryDraft"
    assert Verified.__doc__ == SummaryDraft.__doc__
    assert issubclass(Verified, SummaryDraft)


def test_instructor_sees_the_same_tool() -> None:
    instructor = pytest.importorskip("instructor")
    assert (
        instructor.openai_schema(Verified).openai_schema
        == instructor.openai_schema(SummaryDraft).openai_schema
    )


def test_failing_figure_raises_the_reask_message() -> None:
    with pytest.raises(ValidationError) as info:
        Verified.model_validate_json(draft_json(GOOD, WRONG_ROLE), context=context())
    message = str(info.value)
    assert "events[0].figures[1]" in message
    assert "counts injured, not killed" in message
    assert "events[0].figures[0]" not in message


def test_passing_draft_keeps_its_report() -> None:
    draft = Verified.model_validate_json(draft_json(GOOD), context=context())
    report = report_of(draft)
    assert report is not None and report.all_verified and len(report.figures) == 1


def test_reask_false_records_without_raising() -> None:
    draft = Verified.model_validate_json(draft_json(GOOD, WRONG_ROLE), context=context(reask=False))
    report = report_of(draft)
    assert report is not None
    assert [c.status for c in report.figures] == ["verified", "role_mismatch"]


def test_no_article_in_context_is_a_no_op() -> None:
    draft = Verified.model_validate_json(draft_json(WRONG_ROLE))
    assert report_of(draft) is None
    draft = Verified.model_validate_json(draft_json(WRONG_ROLE), context={"dateline": None})
    assert report_of(draft) is None


def test_strict_reask_also_covers_evidence_and_coverage() -> None:
    text = draft_json(GOOD, evidence=["Belgorod was hit by 400 missiles"])
    Verified.model_validate_json(text, context=context())  # lenient: only figures count
    with pytest.raises(ValidationError) as info:
        Verified.model_validate_json(text, context=context(strict_reask=True))
    message = str(info.value)
    assert "events[0].evidence[0]" in message
    assert "no figure of any event reports" in message and "26" in message


def test_mentions_are_extracted_once_and_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def fake_extract(text: str) -> list:
        calls.append(text)
        return SEED.mentions

    monkeypatch.setattr(verification, "extract_numbers", fake_extract)
    ctx = {"article": SEED.text}
    draft = SummaryDraft.model_validate_json(draft_json(GOOD))
    check_draft(draft, ctx)
    check_draft(draft, ctx)
    assert calls == [SEED.text]
    assert ctx["mentions"] is SEED.mentions


def test_public_verify_accepts_dicts_and_names_bad_fields() -> None:
    report = verification.verify(SEED.text, json.loads(draft_json(GOOD)), SEED.mentions)
    assert report.all_verified
    bad = json.loads(draft_json({**GOOD, "qualifier": "roughly"}))
    with pytest.raises(InputError, match=r"events\[0\]\.figures\[0\]\.qualifier"):
        verification.verify(SEED.text, bad, SEED.mentions)
