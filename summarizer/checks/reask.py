"""Glue between the cross-check and instructor: re-ask when a figure fails.

Instructor re-asks when validating the response model raises. :func:`make_verified_model`
returns a subclass of :class:`SummaryDraft` whose after-validator runs the cross-check
with the validation context and raises a :func:`reask_message` when figures fail.
The subclass has the same name, docstring and JSON schema as its base, so prompts,
tool names and cassettes hash the same.

Validation context keys (all optional; without ``article`` the validator does nothing)::

    article       str                     the full article text the offsets refer to
    mentions      list[NumberMention]     rule-extracted numbers (extracted once if absent)
    dateline      datetime.date | None    used by the schema's own validators
    reask         bool = True             False: only record the report, never raise
    strict_reask  bool = False            True: also re-ask for evidence quotes not found
                                          in the article and casualty numbers no figure reports
    repairs       list[ClaimCheck]        what reading the answer repaired or dropped
                                          (schema.lenient_json, summarizer.checks.salvage): reported
    reports       dict                    reports of the answers already checked against this
                                          context's article, by answer: one answer validated
                                          twice (the Batch API's first try, then instructor's;
                                          a salvaged last answer) is cross-checked once
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ConfigDict, PrivateAttr, ValidationInfo, model_validator

from summarizer.checks.agreement import same, supported_qualifiers
from summarizer.checks.report import verify
from summarizer.numbers import extract_numbers
from summarizer.schema import FigureCheck, MentionRef, SummaryDraft, VerificationReport
from summarizer.text.marks import strip_draft_marks
from summarizer.text.numerals import format_number
from summarizer.vocabulary import COVERAGE_ROLES

__all__ = [
    "check_draft",
    "make_verified_model",
    "reask_message",
    "reask_text",
    "report_of",
]


def check_draft(draft: SummaryDraft, context: dict[str, Any]) -> VerificationReport:
    """Cross-check ``draft`` against ``context["article"]``.

    Extracted mentions are cached back into ``context`` so re-asks do not extract again; a
    ``reports`` dict in the context keeps each answer's report (verify is pure: the same
    draft, article, mentions, dateline and repairs give the same report).
    """
    article = context["article"]
    mentions = context.get("mentions")
    if mentions is None:
        mentions = extract_numbers(article)
        context["mentions"] = mentions
    dateline = context.get("dateline")
    repairs = context.get("repairs") or ()
    reports = context.get("reports")
    key: tuple[Any, ...] | None = None
    if isinstance(reports, dict):
        key = (
            id(article),
            id(mentions),
            dateline,
            draft.model_dump_json(),
            tuple(repair.model_dump_json() for repair in repairs),
        )
        if key in reports:
            return reports[key]  # type: ignore[no-any-return]
    report = verify(
        article,
        draft,
        mentions,
        dateline=dateline if isinstance(dateline, dt.date) else None,
        repairs=repairs,
    )
    if key is not None:
        reports[key] = report  # type: ignore[index]
    return report


def reask_text(report: VerificationReport, article: str, *, strict: bool = False) -> str | None:
    """The re-ask message for ``report``; with ``strict`` also evidence and coverage problems."""
    parts: list[str] = []
    figures = reask_message(report, article)
    if figures:
        parts.append(figures)
    if strict:
        lost = [e for e in report.evidence if e.grounding.match == "none"]
        if lost:
            parts.append(
                "These evidence quotes are not in the article (or change its numbers); copy "
                "them verbatim or drop them:\n"
                + "\n".join(f'- {e.path}: "{e.quote}"' for e in lost)
            )
        tolls = [gap for gap in report.uncovered if gap.mention.role in COVERAGE_ROLES]
        if tolls:
            parts.append(
                "The article reports these casualty numbers that no figure of any event reports:\n"
                + "\n".join(
                    f"- {gap.mention.text} ({gap.mention.role}, {gap.mention.qualifier}) in: "
                    f'"{gap.sentence}"'
                    for gap in tolls
                )
            )
    return "\n\n".join(parts) or None


def reask_message(report: VerificationReport, article_text: str) -> str | None:
    """What to tell the model so it can fix each contradicted claim; None when there is none.

    Unconfirmed claims are reported to the reader, not re-asked: the model cannot make the
    rules decide a role the article leaves open.
    """
    failing = [check for check in report.figures if check.verdict == "contradicted"]
    # Numbers in prose are re-asked like figures; names, dates and event types are flagged.
    prose = [
        check
        for check in report.claims
        if check.verdict == "contradicted" and check.kind == "number"
    ]
    if not failing and not prose:
        return None
    lines: list[str] = []
    if failing:
        lines.append(
            f"{len(failing)} of {len(report.figures)} figures failed the check against the "
            "article. Every figure needs a `quote` copied verbatim from the article that "
            "contains the number, and a value, qualifier, role and unit that match what that "
            "quote says."
        )
        for check in failing:
            lines.append(f"- {check.path}: {_problem(check, article_text)}")
    if prose:
        lines.append(
            "These numbers in your text are not supported by the article; "
            "state them as the article does or leave them out:"
        )
        for claim in prose:
            lines.append(f'- {claim.path}: "{claim.text}": {claim.reason}.')
    lines.append("Correct these (or remove what the article does not support) and answer again.")
    return "\n".join(lines)


def _problem(check: FigureCheck, article_text: str) -> str:
    figure = check.figure
    claim = (
        f"you reported value={format_number(figure.value)}, qualifier={figure.qualifier}, role={figure.role} "
        f'with quote "{_shorten(figure.quote)}"'
    )
    g = check.grounding
    quoted = ""
    if g.start is not None and g.end is not None:
        quoted = f' The quote matches the article at "{_shorten(article_text[g.start : g.end])}".'
    mention = check.mention
    if check.status == "qualifier_mismatch" and mention is not None:
        return (
            f"{claim}. Wrong qualifier: the article says '{mention.text}' as {mention.qualifier}; "
            f"use one of: {', '.join(supported_qualifiers(mention.qualifier, _end_of(mention, figure.value)))}."
        )
    if check.status == "role_mismatch" and mention is not None:
        return f"{claim}. Wrong role: in the article '{mention.text}' counts {mention.role}, not {figure.role}."
    return f"{claim}. {check.status.replace('_', ' ').capitalize()}: {check.reason}.{quoted}"


def _end_of(mention: MentionRef, value: float) -> str:
    if mention.value_high is not None and same(value, mention.value_high):
        return "high"
    return "value"


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def make_verified_model(base: type[SummaryDraft] = SummaryDraft) -> type[SummaryDraft]:
    """A subclass of ``base`` that cross-checks itself when validated with an article context.

    The report is kept on the instance (see :func:`report_of`). Raises ``ValueError`` with
    the re-ask message when figures fail and ``context.get("reask", True)``.
    """

    class Verified(base):  # type: ignore[valid-type,misc]
        model_config = ConfigDict(title=base.model_config.get("title") or base.__name__)
        _report: VerificationReport | None = PrivateAttr(default=None)

        @model_validator(mode="after")
        def _cross_check(self, info: ValidationInfo) -> Verified:
            context = info.context
            if not isinstance(context, dict) or not isinstance(context.get("article"), str):
                return self
            strip_draft_marks(self, context["article"])  # the prompt's, never the summary's
            report = check_draft(self, context)
            self._report = report
            if context.get("reask", True):
                message = reask_text(
                    report, context["article"], strict=bool(context.get("strict_reask"))
                )
                if message:
                    raise ValueError(message)
            return self

    Verified.__name__ = base.__name__
    Verified.__qualname__ = base.__qualname__
    Verified.__doc__ = base.__doc__
    Verified.__module__ = base.__module__
    return Verified


def report_of(draft: SummaryDraft) -> VerificationReport | None:
    """The report a verified model stored while validating, if any."""
    private = getattr(draft, "__pydantic_private__", None) or {}
    report = private.get("_report")
    return report if isinstance(report, VerificationReport) else None
