"""``/metrics`` counts the verdicts of the summaries served as their JSON does.

A live ``summarizer serve`` (real uvicorn) answers every seed article through the fake
model server of tests/fakes/fake_batch_server.py; the verdicts listed in the JSON it returns
are counted here, then compared with ``summarizer_claims_total`` and with the counts of
the grounding report it serves for the same summary.
"""

from __future__ import annotations

from collections import Counter

import pytest

from summarizer.vocabulary import VERDICTS
from tests.support.service_fixtures import LiveService, seed_texts
from tests.support.verdict_counts import html_counts, listed

pytestmark = pytest.mark.service


def claims_metric(service: LiveService) -> dict[str, float]:
    return {
        verdict: service.metric("summarizer_claims_total", f'verdict="{verdict}"')
        for verdict in VERDICTS
    }


def test_metrics_and_the_html_report_count_the_served_json(service: LiveService) -> None:
    before = claims_metric(service)
    served: Counter[str] = Counter()
    figures = 0
    with service.client() as client:
        for text in seed_texts():
            made = client.post("/v1/summaries", json={"text": text})
            assert made.status_code == 200, made.text
            data = made.json()
            counted = listed(data)
            assert {name: data["verification"][name] for name in counted} == counted
            served.update({verdict: counted[verdict] for verdict in VERDICTS})
            figures += len(data["verification"]["figures"])

            page = client.get(f"/v1/summaries/{made.headers['X-Summary-Id']}.html")
            assert page.status_code == 200
            shown = html_counts(page.text).counts
            assert {name: shown[name] for name in counted} == counted
    after = claims_metric(service)
    assert {v: after[v] - before[v] for v in VERDICTS} == {v: float(served[v]) for v in VERDICTS}
    # The JSON counts more than figures (numbers in the headline and summary, evidence):
    # a metric of figures alone would fail here.
    assert sum(served.values()) > figures > 0


def test_every_verdict_is_exposed(service: LiveService) -> None:
    """A dashboard can graph all three from the start (a counter with no sample is absent)."""
    with service.client() as client:
        exposition = client.get("/metrics").text
    for verdict in VERDICTS:
        assert f'summarizer_claims_total{{verdict="{verdict}"}}' in exposition
