"""One count everywhere: text, JSON and HTML of the same summary report the same totals.

The summaries are real: recorded answers of the embedded model (cassettes) run through the
whole pipeline, with and without events, one with no check at all. The reference count is
taken from the JSON's own lists (each check carries its verdict), not from the totals any
renderer prints; every output must agree with it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest

import summarizer
from summarizer.render.formats import RenderContext, get_format
from summarizer.schema import ArticleSummary
from summarizer.vocabulary import VERDICTS, verdict_of
from tests.conftest import SEEDS
from tests.support.verdict_counts import Counts, html_counts, listed

# (prompt, seed): summaries with events, one without events but with checked numbers in
# its headline and summary, one without any check.
RECORDED = [
    ("event-summary", "belgorod-kharkiv-2024-01-01"),  # events; numbers in the summary
    ("event-summary", "stocks-selloff-2024"),  # events, evidence quotes
    ("event-summary-checklist", "explosion-tianjin-2015"),  # two events, evidence not found
    ("event-summary-select", "rockets-gaza-2012"),  # many claims in prose
]


def without_events(summary: ArticleSummary, article: str, *, plain: bool) -> ArticleSummary:
    """A recorded summary with its events taken out, checked again for real: the shape of an
    answer that reports no event. ``plain`` also rewrites headline and summary without
    numbers or names, so nothing is left to check."""
    update: dict[str, Any] = {"events": [], "key_figures": []}
    if plain:
        update |= {"headline": "a report", "summary": "the article reports what happened."}
    draft = summary.model_copy(update=update)
    report = summarizer.verify(article, draft, dateline=summary.article_date)
    return draft.model_copy(update={"verification": report})


def json_counts(data: dict[str, Any]) -> Counts:
    """The totals the JSON states."""
    return {name: data["verification"][name] for name in (*VERDICTS, "total")}


def json_status_counts(data: dict[str, Any]) -> Counts:
    """The JSON's per-status counts, folded into verdicts."""
    folded = Counter[str]()
    statuses = {
        key: n
        for key, n in data["verification"]["counts"].items()
        if not key.startswith(("figures", "claims", "evidence", "uncovered"))
    }
    for status, n in statuses.items():
        folded[verdict_of(status)] += n
    counts = {verdict: folded[verdict] for verdict in VERDICTS}
    return {**counts, "total": sum(counts.values())}


def flat(text: str) -> str:
    return " ".join(text.split())


def text_counts(text: str) -> tuple[Counts, Counts, Counts]:
    """(last line, verdict line, sum of the section titles) of the text view."""
    last = [line for line in text.splitlines() if line.strip()][-1]
    found = re.fullmatch(
        r"(\d+) claims? checked: (\d+) verified, (\d+) unconfirmed, (\d+) contradicted", last
    )
    assert found, last
    total, *by_verdict = map(int, found.groups())
    final = {**dict(zip(VERDICTS, by_verdict, strict=True)), "total": total}

    line = re.search(
        r"(\d+) verified · (\d+) unconfirmed · (\d+) contradicted of (\d+) checks?", flat(text)
    )
    assert line, text
    *by_verdict, total = map(int, line.groups())
    stated = {**dict(zip(VERDICTS, by_verdict, strict=True)), "total": total}

    sections = {"verified": 0, "unconfirmed": 0, "contradicted": 0, "total": 0}
    titles = re.findall(
        r"^(?:Figures|Text, names and dates|Evidence quotes): (\d+)/(\d+) verified"
        r"(?:, (\d+) not confirmed)?(?:, (\d+) contradicted)?",
        text,
        flags=re.MULTILINE,
    )
    for verified, total, unconfirmed, contradicted in titles:
        sections["verified"] += int(verified)
        sections["total"] += int(total)
        sections["unconfirmed"] += int(unconfirmed or 0)
        sections["contradicted"] += int(contradicted or 0)
    return final, stated, sections


def report_text_counts(text: str) -> Counts:
    """The totals line of ``verify``'s text report."""
    found = re.search(
        r"(\d+) verified · (\d+) unconfirmed · (\d+) contradicted of (\d+) claims?", flat(text)
    )
    assert found, text
    *by_verdict, total = map(int, found.groups())
    return {**dict(zip(VERDICTS, by_verdict, strict=True)), "total": total}


@pytest.fixture
def summaries(
    use_cassette: Callable[[str, str], AbstractContextManager[Any]],
    replay_options: dict[str, Any],
) -> list[tuple[str, ArticleSummary, str]]:
    """(name, summary, article) of each recorded pair, run through the real pipeline."""
    out = []
    for prompt, seed in RECORDED:
        article = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
        with use_cassette(prompt, seed):
            summary = summarizer.summarize(article, prompt=prompt, **replay_options)
        out.append((f"{prompt}/{seed}", summary, article))
    name, first, article = out[0]
    return [
        (f"{name} without events", without_events(first, article, plain=False), article),
        (f"{name} without claims", without_events(first, article, plain=True), article),
        *out,
    ]


def test_text_json_and_html_report_the_same_counts(
    summaries: list[tuple[str, ArticleSummary, str]],
) -> None:
    shapes = set()
    for name, summary, article in summaries:
        context = RenderContext(article_text=article, title=name, summary=summary)
        data = json.loads(get_format("json").render_str("summary", summary, context))
        expected = listed(data)
        shapes.add((bool(data["events"]), expected["total"] > 0))

        assert json_counts(data) == expected, name
        assert json_status_counts(data) == expected, name

        final, stated, sections = text_counts(
            get_format("text").render_str("summary", summary, context)
        )
        assert final == stated == sections == expected, name

        report = summary.verification
        assert report is not None
        verify_text = get_format("text").render_str("report", report, context)
        assert report_text_counts(verify_text) == expected, name

        for page in (
            get_format("html").render_str("summary", summary, context),
            get_format("html").render_str("report", report, context),
        ):
            parsed = html_counts(page)
            shown = {key: parsed.counts[key] for key in (*VERDICTS, "total")}
            assert shown == expected, name
            # Every claim is in the side list once, with the verdict the counts count.
            side = Counter(parsed.side.values())
            assert {v: side[v] for v in VERDICTS} == {v: expected[v] for v in VERDICTS}, name
            numbers = {str(n) for n in range(1, expected["total"] + 1)}
            assert set(parsed.side) == numbers, name
            # ... and marked in the article or listed as not located, never both.
            assert parsed.marked | set(parsed.unlocated) == numbers, name
            assert not parsed.marked & set(parsed.unlocated), name
            assert parsed.counts["unlocated"] == len(parsed.unlocated), name
            if parsed.unlocated:
                assert "Every claim was located." not in parsed.empty, name
            if expected["total"]:
                assert "No claims to check." not in parsed.empty, name
            else:
                assert "No claims to check." in parsed.empty, name
    # The recordings cover what the counts must survive: events or none, checks or none.
    assert shapes == {(True, True), (False, True), (False, False)}


def test_the_headline_and_summary_of_a_summary_without_events_are_claims(
    summaries: list[tuple[str, ArticleSummary, str]],
) -> None:
    name, summary, article = summaries[0]
    assert not summary.events and summary.verification is not None
    prose = [c for c in summary.verification.claims if c.path in ("headline", "summary")]
    assert prose, name
    page = get_format("html").render_str("summary", summary, RenderContext(article_text=article))
    assert "Headline and summary" in page
    for claim in prose:
        assert f"<code>{claim.path}</code>" in page or f">{claim.path}</a>" in page
