"""The JSON-schema cache stays bounded: instructor wraps the response model anew per request."""

from __future__ import annotations

import json

from pydantic import BaseModel

from summarizer import schema
from summarizer.pipeline.plan import RESPONSE_MODEL
from summarizer.schema import ArticleSummary, SummaryDraft, schema_owner


def test_wrappers_share_their_models_schema_and_one_cache_entry() -> None:
    from instructor.v2.core.response_model import prepare_response_model

    wrappers = [prepare_response_model(RESPONSE_MODEL) for _ in range(20)]
    assert len({id(w) for w in wrappers}) == 20  # a new class per request
    before = len(schema._SCHEMA_JSON)
    for wrapper in wrappers:
        assert schema_owner(wrapper) is SummaryDraft
        cached = wrapper.model_json_schema()
        fresh = BaseModel.model_json_schema.__func__(wrapper)  # pydantic's own, uncached
        for name in schema.FIGURE_FIELDS_OURS:  # ours, never asked of the model
            fresh["$defs"]["Figure"]["properties"].pop(name)
        assert json.dumps(cached, sort_keys=True) == json.dumps(fresh, sort_keys=True)
    assert len(schema._SCHEMA_JSON) <= before + 1


def test_a_subclass_with_other_fields_keeps_its_own_schema() -> None:
    class SummaryDraftPlus(SummaryDraft):
        extra: int = 0

    assert schema_owner(SummaryDraftPlus) is SummaryDraftPlus
    assert schema_owner(ArticleSummary) is ArticleSummary
    assert "extra" in SummaryDraftPlus.model_json_schema()["properties"]
