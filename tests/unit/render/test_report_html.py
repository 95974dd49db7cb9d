"""The HTML grounding report: pure, deterministic, escaped, spans split into flat segments."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner, Result

from summarizer.checks.report import verify
from summarizer.cli.app import app
from summarizer.render.html import claims_of, embed_json, render_html, segments
from summarizer.schema import (
    ArticleSummary,
    Figure,
    FigureCheck,
    Grounding,
    SummaryDraft,
    VerificationReport,
)
from tests.fakes.fake_openai_server import (
    BELGOROD_DRAFT,
    BELGOROD_JSON,
    Completion,
    FakeOpenAIServer,
)
from tests.support.paths import ROOT

BELGOROD_PATH = ROOT / "seeds" / "belgorod-kharkiv-2024-01-01.txt"
BELGOROD = BELGOROD_PATH.read_text(encoding="utf-8")
ARTICLE = "Officials said 12 people died and 30 were hurt; 5 others are missing."


class MarkParser(HTMLParser):
    """Collects <mark> elements and the deepest <mark> nesting seen."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.max_depth = 0
        self.marks: list[dict[str, str]] = []
        self.text: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name in ("src", "href", "action"):
            if name in values and not values[name].startswith("#"):
                self.urls.append(values[name])
        if tag == "mark":
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
            self.marks.append(values)
            self.text.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and self.text:
            self.text[-1] += data


def check(path: str, start: int | None, end: int | None, status: str = "verified") -> FigureCheck:
    grounding = Grounding(
        match="exact" if start is not None else "none", start=start, end=end, score=1.0
    )
    figure = Figure(value=12, role="killed", quote=ARTICLE[start:end] if start is not None else "x")
    # model_construct: statuses added later (e.g. "unconfirmed") render like any other.
    return FigureCheck.model_construct(
        path=path,
        figure=figure,
        status=status,
        reason=f"reason for {path} <b>",
        grounding=grounding,
        mention=None,
    )


def summary_with(*checks: FigureCheck, headline: str = "Deaths reported") -> ArticleSummary:
    return ArticleSummary.model_construct(
        headline=headline,
        summary="Twelve died.",
        article_date=None,
        events=[],
        key_figures=[],
        meta=None,
        verification=VerificationReport.model_construct(
            figures=list(checks), evidence=[], uncovered=[], counts={}
        ),
    )


def parse(page: str) -> MarkParser:
    parser = MarkParser()
    parser.feed(page)
    return parser


def test_crossing_spans_become_flat_segments() -> None:
    # a: "12 people died and 30" ; b: "30 were hurt; 5" : they cross on "30".
    a_start = ARTICLE.index("12")
    a_end = ARTICLE.index(" were hurt")
    b_start = ARTICLE.index("30")
    b_end = ARTICLE.index(" others")
    checks = [
        check("events[0].casualties.killed", a_start, a_end),
        check("events[0].casualties.injured", b_start, b_end, "not_in_quote"),
    ]
    claims = claims_of(summary_with(*checks).verification, ARTICLE)  # type: ignore[arg-type]
    pieces = [(s.start, s.end, s.claims) for s in segments(len(ARTICLE), claims) if s.claims]
    assert pieces == [(a_start, b_start, (1,)), (b_start, a_end, (1, 2)), (a_end, b_end, (2,))]

    page = render_html(summary_with(*checks), ARTICLE)
    parsed = parse(page)
    assert parsed.max_depth == 1, "marks never nest"
    assert [m["data-claims"] for m in parsed.marks] == ["1", "1 2", "2"]
    # The shared piece shows the worse verdict; each piece names every claim covering it.
    assert [m["data-verdict"] for m in parsed.marks] == ["verified", "contradicted", "contradicted"]
    assert "reason for events[0].casualties.killed" in parsed.marks[1]["title"]
    assert "reason for events[0].casualties.injured" in parsed.marks[1]["title"]
    # The article text is intact once the marks' own labels are taken out.
    body = page.split('<article class="article"', 1)[1].split("</article>", 1)[0]
    visible = re.sub(r'<span class="(icon|sr)"[^>]*>.*?</span>', "", body)
    assert re.sub(r"<[^>]+>", "", visible.split(">", 1)[1]) == ARTICLE


def test_three_verdicts_icons_text_counts_and_unlocated_panel() -> None:
    checks = [
        check("events[0].casualties.killed", 15, 17),
        check("summary", 34, 36, "unconfirmed"),
        check("events[0].casualties.missing", 48, 49, "quote_not_found"),
        check("key_figures[0]", None, None, "not_in_article"),
    ]
    page = render_html(summary_with(*checks), ARTICLE)
    parsed = parse(page)
    verdicts = [m["data-verdict"] for m in parsed.marks]
    assert verdicts == ["verified", "unconfirmed", "contradicted"]
    for mark, icon, label in zip(
        parsed.marks, ["✓", "?", "✗"], ["Verified", "Unconfirmed", "Contradicted"], strict=True
    ):
        assert mark["tabindex"] == "0"  # reason on keyboard focus too
        assert mark["title"].startswith(f"{icon} {label}")
        assert mark["aria-label"].startswith(label)
    counts = dict(
        re.findall(r'data-verdict="(\w+)"><span[^>]*>.</span> <strong class="n">(\d+)', page)
    )
    assert counts == {"verified": "1", "unconfirmed": "1", "contradicted": "2"}
    unlocated = page.split('aria-label="Claims not located"', 1)[1]
    assert 'id="unlocated-4"' in unlocated and "key_figures[0]" in unlocated
    assert "reason for key_figures[0] &lt;b&gt;" in unlocated  # escaped, not markup
    assert parsed.urls == [], "no request leaves the page"


def test_json_is_escaped_and_output_is_deterministic() -> None:
    hostile = "</script><script>alert(1)</script> & \u2028"
    summary = summary_with(check("summary", 15, 17), headline=hostile)
    page = render_html(summary, ARTICLE)
    assert page == render_html(summary, ARTICLE)
    data = page.split('<script type="application/json" id="report-data">', 1)[1]
    data = data.split("</script>", 1)[0]
    assert "<" not in data and "\\u003c/script" in data
    assert json.loads(data)["summary"]["headline"] == hostile
    assert "<script>alert(1)" not in page
    assert embed_json({"a": "<&>"}) == '{"a":"\\u003c\\u0026\\u003e"}'


def test_real_report_of_the_seed_marks_or_lists_every_claim() -> None:
    draft = ArticleSummary.model_validate(BELGOROD_DRAFT)
    report = verify(BELGOROD, draft)
    summary = draft.model_copy(update={"verification": report})
    page = render_html(summary, BELGOROD)
    parsed = parse(page)
    assert parsed.max_depth == 1
    covered = {n for m in parsed.marks for n in m["data-claims"].split()}
    unlocated = set(re.findall(r'id="unlocated-(\d+)"', page))
    # Figures, numbers in prose, names, dates, evidence: each marked or listed, never both.
    assert len(report.claims) > 0 and len(report.evidence) > 0
    assert covered | unlocated == {str(i) for i in range(1, report.total + 1)}
    assert not covered & unlocated
    figures = {str(i) for i in range(1, len(report.figures) + 1)}
    assert figures <= covered, "every figure of the seed's draft grounds"
    # "shot down 21 of 49 drones" grounds two figures: one segment names both.
    assert any({"2", "3"} <= set(m["data-claims"].split()) for m in parsed.marks)
    for index in sorted(covered):
        assert f'href="#claim-{index}"' in page and f'id="claim-{index}"' in page


def run_cli(*args: str) -> Result:
    """The CLI in this process: what it writes is the point here, not its process."""
    return CliRunner().invoke(app, list(args))


def test_cli_verify_and_summarize_format_html(tmp_path: Path) -> None:
    summary_path = tmp_path / "summary.json"
    summary_path.write_text(BELGOROD_JSON, encoding="utf-8")
    verified = run_cli("verify", str(BELGOROD_PATH), str(summary_path), "--format", "html")
    assert verified.exit_code == 0, verified.stderr
    assert verified.stdout.startswith("<!DOCTYPE html>")
    assert len(parse(verified.stdout).marks) >= 4

    with FakeOpenAIServer() as fake:
        fake.script(Completion(BELGOROD_DRAFT))
        out = tmp_path / "report.html"
        made = run_cli(
            "summarize",
            str(BELGOROD_PATH),
            "--format",
            "html",
            "-o",
            str(out),
            "--backend",
            "compatible",
            "--base-url",
            fake.url,
            "--model",
            "fake",
        )
    assert made.exit_code == 0, made.stderr
    page = out.read_text(encoding="utf-8")
    assert "<dt>Model</dt><dd>fake (compatible)</dd>" in page
    assert page.count('data-verdict="verified"') >= 5


def test_names_and_dates_are_marked_where_their_words_stand() -> None:
    article = "Officials in Kharkiv told us on Saturday night that 12 people died."
    draft = SummaryDraft.model_validate(
        {
            "headline": "Twelve die in Kharkiv",
            "summary": "12 people died.",
            "events": [
                {
                    "event_type": "other",
                    "description": "Deaths.",
                    "location": "kharkiv",  # another case: still its words
                    "date_text": "Saturday  night",  # another spacing
                    "actors": [{"name": "US"}, {"name": "Kharkivans"}],  # "us" is no "US"
                }
            ],
        }
    )
    report = verify(article, draft)
    claims = {(c.path, c.kind): c for c in claims_of(report, article)}
    located = {path: article[c.start : c.end] for (path, _), c in claims.items() if c.located}
    assert located["events[0].location"] == "Kharkiv"
    assert located["events[0].date"] == "Saturday night"
    assert located["summary"] == "12"
    assert "events[0].actors[0]" not in located and "events[0].actors[1]" not in located
    page = render_html(ArticleSummary.model_validate(draft.model_dump()), article)
    unlocated = page.split('aria-label="Claims not located"', 1)[1]
    assert "events[0].actors[0]" in unlocated and "events[0].actors[1]" in unlocated
    assert "Every claim was located." not in page
