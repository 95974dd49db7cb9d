"""The one style table: every verdict and every status a check can have gets one look."""

from __future__ import annotations

from typing import get_args

import pytest
from rich.console import Console
from rich.text import Text

from summarizer.render import html
from summarizer.render.report import render_report
from summarizer.render.style import VERDICT_STYLES, verdict_legend, verdict_style
from summarizer.render.text import figures_view
from summarizer.schema import Figure, FigureCheck, Grounding, VerificationReport
from summarizer.vocabulary import VERDICTS, ClaimStatus, FigureStatus, verdict_of

STATUSES = sorted({*get_args(FigureStatus), *get_args(ClaimStatus)})


def test_one_style_per_verdict_in_the_schemas_order() -> None:
    assert tuple(VERDICT_STYLES) == VERDICTS
    assert all(style.verdict == verdict for verdict, style in VERDICT_STYLES.items())


@pytest.mark.parametrize("status", STATUSES)
def test_every_status_a_check_can_have_is_styled_as_its_verdict(status: str) -> None:
    assert verdict_style(status) is VERDICT_STYLES[verdict_of(status)]


def test_verdicts_are_told_apart_without_colour() -> None:
    styles = list(VERDICT_STYLES.values())
    for field in ("mark", "colour", "label", "meaning", "css_class", "underline", "css_var"):
        values = [getattr(style, field) for style in styles]
        assert len(set(values)) == len(values), field
    assert [style.severity for style in styles] == sorted({style.severity for style in styles})


def test_an_unknown_verdict_is_never_shown_as_confirmed() -> None:
    assert verdict_style("no_such_status").verdict == "contradicted"


def test_the_legend_and_the_markup_come_from_the_table() -> None:
    assert verdict_legend() == (
        "✓ verified by the rules · ? not confirmed · ✗ contradicted by the article"
    )
    assert [Text.from_markup(style.markup).plain for style in VERDICT_STYLES.values()] == [
        "✓",
        "?",
        "✗",
    ]


def test_the_html_page_has_a_rule_for_each_verdicts_class_and_colours() -> None:
    for style in VERDICT_STYLES.values():
        assert f".mark.{style.css_class}{{" in html.CSS
        assert f".claim.{style.css_class}{{" in html.CSS
        assert f"--{style.css_var}:{style.html_colour};" in html.CSS
        assert f"border-bottom:{style.underline} var(--{style.css_var})" in html.CSS


def figure_check(status: str) -> FigureCheck:
    return FigureCheck(
        path="events[0].casualties.killed",
        figure=Figure(value=24, role="killed", quote="killed 24"),
        status=status,  # type: ignore[arg-type]
        reason="",
        grounding=Grounding(match="exact", start=0, end=9, score=1.0),
    )


def test_the_text_and_the_report_mark_each_verdict_in_its_colour() -> None:
    checks = [figure_check(status) for status in ("verified", "unconfirmed", "role_mismatch")]
    report = VerificationReport(figures=checks)
    console = Console(width=120, color_system="standard")
    rendered = [
        *console.render(render_report(report, "They killed 24.")),
        *console.render(figures_view(report)),
    ]
    segments = [segment for segment in rendered if segment.text.strip()]
    for style in VERDICT_STYLES.values():
        marked = [s for s in segments if s.text.strip() == style.mark]
        assert len(marked) == 2, style.verdict  # once in the report, once in the text view
        assert all(s.style and s.style.color and s.style.color.name == style.colour for s in marked)
