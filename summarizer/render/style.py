"""How a verdict looks, in every output: its mark, colour and label, and its class in HTML.

The terminal tables, the report and the HTML page all show a check's verdict; they take its
look from :data:`VERDICT_STYLES` so no two of them can disagree. A verdict is told apart by
its mark and its words as well as its colour (a reader may not see colour, a file has none).

The three tones (:data:`GOOD`, :data:`DOUBTFUL`, :data:`BAD`) are the verdicts' terminal
colours; a command that shows another kind of status (a prompt's lock, a score against a
baseline) colours it with the tone it means.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.vocabulary import Verdict, verdict_of

__all__ = [
    "BAD",
    "DOUBTFUL",
    "GOOD",
    "VERDICT_STYLES",
    "VerdictStyle",
    "verdict_legend",
    "verdict_style",
]

# Rich colour names: what the rules confirmed, could not decide, or found wrong.
GOOD = "green"
DOUBTFUL = "yellow"
BAD = "red"


@dataclass(frozen=True, slots=True, kw_only=True)
class VerdictStyle:
    """One verdict's look: for a terminal (mark, colour), for words (label) and for HTML."""

    verdict: Verdict
    mark: str  # ✓ ? ✗: the verdict without colour
    colour: str  # a rich colour name
    label: str  # "Verified": the word after the mark
    meaning: str  # what the mark says, for a legend: "verified by the rules"
    severity: int  # a span several claims cover shows the most severe of their verdicts
    css_var: str  # the HTML page's colour variables: --<css_var> and --<css_var>-bg
    html_colour: str  # text, border and underline colour on the page
    html_background: str  # the fill of a marked span and of the verdict's count
    underline: str  # a marked span's underline, distinct per verdict even in grey

    @property
    def css_class(self) -> str:
        """The HTML class of anything showing this verdict: ``v-verified``."""
        return f"v-{self.verdict}"

    @property
    def markup(self) -> str:
        """The mark in its colour, as rich markup: ``[green]✓[/]``."""
        return f"[{self.colour}]{self.mark}[/]"


VERDICT_STYLES: dict[Verdict, VerdictStyle] = {
    style.verdict: style
    for style in (
        VerdictStyle(
            verdict="verified",
            mark="✓",
            colour=GOOD,
            label="Verified",
            meaning="verified by the rules",
            severity=0,
            css_var="ok",
            html_colour="#1a7f37",
            html_background="#dafbe1",
            underline="2px solid",
        ),
        VerdictStyle(
            verdict="unconfirmed",
            mark="?",
            colour=DOUBTFUL,
            label="Unconfirmed",
            meaning="not confirmed",
            severity=1,
            css_var="un",
            html_colour="#9a6700",
            html_background="#fff8c5",
            underline="2px dashed",
        ),
        VerdictStyle(
            verdict="contradicted",
            mark="✗",
            colour=BAD,
            label="Contradicted",
            meaning="contradicted by the article",
            severity=2,
            css_var="bad",
            html_colour="#cf222e",
            html_background="#ffebe9",
            underline="3px double",
        ),
    )
}


def verdict_style(verdict: str) -> VerdictStyle:
    """The look of a verdict, or of the verdict a check's status stands for.

    Anything else is shown as contradicted, as :func:`~summarizer.vocabulary.verdict_of` reads it:
    an output never shows an unknown verdict as confirmed.
    """
    return VERDICT_STYLES[verdict_of(verdict)]


def verdict_legend() -> str:
    """ "✓ verified by the rules · ? not confirmed · ✗ contradicted by the article"."""
    return " · ".join(f"{style.mark} {style.meaning}" for style in VERDICT_STYLES.values())
