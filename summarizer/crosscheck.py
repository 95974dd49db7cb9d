"""Cross-check every figure of a summary against the article and the rule-based numbers.

Pure functions, no I/O. A figure is ``verified`` only when its quote grounds in the
article AND a number mention inside that span has the figure's value, a compatible
qualifier and a compatible role. Anything else gets a status and a reason a human
(or the model, through :func:`reask_message`) can act on.

Status precedence, from the first test that fails:

    value appears in no mention of the article           -> not_in_article
    quote not found in the article (value is elsewhere)  -> quote_not_found
    quote found, value not among the numbers in it       -> not_in_quote
    value in quote, but only with an incompatible role   -> role_mismatch
    value and role in quote, qualifier incompatible      -> qualifier_mismatch
    otherwise                                             -> verified

Qualifier rule (:data:`QUALIFIER_SUPPORT`): the article's wording must *imply* the
figure's claim. "exactly 24" implies "at least 24", but "over 100" does not imply
"exactly 100". ``approximately`` is the loose claim every wording supports. One
tolerance: ``at_least`` and ``more_than`` support each other, since writers (and
models) use "over" and "at least" interchangeably and both keep the lower bound.
A range "12-13" supports ``at_least 12``, ``at_most 13`` and ``approximately`` either.

Role rule (:func:`roles_compatible`): equal roles agree; ``other_count`` (nobody could
say what is counted) agrees with every count role; ``population`` agrees with
``other_count`` and ``displaced``; every other pair clashes, so 26 injured reported as
killed, launched vs intercepted, or money vs percentage are ``role_mismatch``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from summarizer import injection
from summarizer.errors import InputError
from summarizer.grounding import QuoteAligner
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.schema import (
    ArticleSummary,
    CoverageGap,
    EvidenceCheck,
    Figure,
    FigureCheck,
    FigureStatus,
    Grounding,
    MentionRef,
    SummaryDraft,
    VerificationReport,
)
from summarizer.vocabulary import COUNT_ROLES, COVERAGE_ROLES, MENTION_QUALIFIERS

STATUSES: tuple[str, ...] = (
    "verified",
    "qualifier_mismatch",
    "role_mismatch",
    "not_in_quote",
    "quote_not_found",
    "not_in_article",
)

_ALL_QUALIFIERS = frozenset(MENTION_QUALIFIERS)

# figure qualifier -> mention qualifiers (the article's wording) that support it.
# A range mention supports by end instead: see supported_qualifiers.
QUALIFIER_SUPPORT: dict[str, frozenset[str]] = {
    "exact": frozenset({"exact"}),
    "at_least": frozenset({"exact", "at_least", "more_than"}),
    "more_than": frozenset({"more_than", "at_least"}),
    "at_most": frozenset({"exact", "at_most", "less_than"}),
    "less_than": frozenset({"less_than", "at_most"}),
    "approximately": _ALL_QUALIFIERS,
}
RANGE_LOW_SUPPORTS = frozenset({"at_least", "approximately"})
RANGE_HIGH_SUPPORTS = frozenset({"at_most", "approximately"})

_LOOSE_PAIRS = frozenset({frozenset({"population", "displaced"})})


_SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_SCALE_WORD = re.compile(r"(?i)(?<=[\d\s])(thousand|million|billion|trillion|mn|bn|tn|m|k)\b")

# ---------------------------------------------------------------------------
# Comparison rules
# ---------------------------------------------------------------------------


def value_match(value: float, mention: NumberMention) -> str | None:
    """How ``value`` matches ``mention``: "value", "low", "high", "scaled", or None.

    "scaled" accepts the number as written before its scale word: 4.29 for "4.29 billion".
    """
    if mention.qualifier == "range" and mention.value_high is not None:
        if _same(value, mention.value):
            return "low"
        if _same(value, mention.value_high):
            return "high"
    elif _same(value, mention.value):
        return "value"
    scale = _scale_of(mention.text)
    if scale is not None and _same(value * scale, mention.value):
        return "scaled"
    return None


def qualifier_ok(figure_qualifier: str, mention: NumberMention, how: str) -> bool:
    """Does the article's wording (``mention``) imply the figure's qualifier?"""
    return figure_qualifier in supported_qualifiers(mention.qualifier, how)


def roles_compatible(figure_role: str, mention_role: str) -> bool:
    """Equal roles, or a vague count role on either side (see the module docstring)."""
    if figure_role == mention_role:
        return True
    if "other_count" in (figure_role, mention_role):
        return figure_role in COUNT_ROLES and mention_role in COUNT_ROLES
    return frozenset({figure_role, mention_role}) in _LOOSE_PAIRS


def _same(a: float, b: float) -> bool:
    """Whole numbers compare exactly (13,760,000,001 is not 13.76 billion); fractions loosely."""
    a, b = float(a), float(b)
    if a.is_integer() and b.is_integer():
        return a == b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _scale_of(text: str) -> float | None:
    match = _SCALE_WORD.search(text)
    return _SCALES[match[1].lower()] if match else None


# ---------------------------------------------------------------------------
# verify
# ---------------------------------------------------------------------------


def verify(
    article_text: str,
    summary: SummaryDraft | Mapping[str, Any],
    mentions: Sequence[NumberMention] | None = None,
) -> VerificationReport:
    """Check every figure and evidence quote of ``summary`` against ``article_text``.

    ``mentions`` are the rule-extracted numbers of the same text (extracted when None).
    A dict (loaded JSON) is validated as an :class:`ArticleSummary` first; an invalid one
    raises :class:`InputError` naming the bad field. Usable as ``summarizer.verify``.
    """
    draft = summary if isinstance(summary, SummaryDraft) else parse_summary(summary)
    if mentions is None:
        mentions = extract_numbers(article_text)
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    # Numbers inside instruction-like passages ("ignore previous instructions...") are not reports.
    ordered, instructions = injection.screen_mentions(article_text, ordered)
    aligner = QuoteAligner(article_text)

    figures = [
        injection.flag(
            check_figure(path, figure, article_text, ordered, aligner), article_text, instructions
        )
        for path, figure in draft.iter_figures()
    ]
    evidence = [
        EvidenceCheck(path=path, quote=quote, grounding=aligner.ground(quote))
        for path, quote in draft.iter_evidence()
    ]
    uncovered = coverage_gaps(ordered, [figure for _, figure in draft.iter_figures()])
    return VerificationReport(
        figures=figures,
        evidence=evidence,
        uncovered=uncovered,
        counts=_counts(figures, evidence, uncovered),
    )


def parse_summary(data: Any, source: str = "summary") -> ArticleSummary:
    """Validate loaded JSON as an :class:`ArticleSummary`, or raise a one-line InputError."""
    try:
        return ArticleSummary.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{source}: {describe_validation_error(exc)}") from None


def describe_validation_error(exc: ValidationError) -> str:
    """'invalid summary: events[0].figures[1].value: Input should be ... (and 2 more errors)'."""
    errors = exc.errors(include_url=False)
    if not errors:
        return "invalid summary"
    first = errors[0]
    where = ""
    for part in first.get("loc", ()):
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    count = len(errors) - 1
    more = f" (and {count} more error{'s' if count > 1 else ''})" if count else ""
    return f"invalid summary: {where or '<root>'}: {first.get('msg', 'invalid')}{more}"


def check_figure(
    path: str,
    figure: Figure,
    article_text: str,
    mentions: Sequence[NumberMention],
    aligner: QuoteAligner | None = None,
) -> FigureCheck:
    """One figure's status, reason, grounding and the mention it was matched with."""
    aligner = aligner or QuoteAligner(article_text)
    groundings = aligner.ground_all(figure.quote)
    elsewhere = [m for m in mentions if value_match(figure.value, m)]

    if groundings[0].match == "none":
        grounding = groundings[0]
        if not elsewhere:
            reason = (
                f"the quote is not in the article and {_num(figure.value)} appears nowhere in it"
            )
            return _check(path, figure, "not_in_article", reason, grounding)
        reason = (
            f"the quote is not in the article{_score_note(grounding)}; "
            f"{_num(figure.value)} appears at {_where(elsewhere, article_text)}"
        )
        return _check(path, figure, "quote_not_found", reason, grounding)

    best: tuple[int, Grounding, NumberMention | None, str] | None = None
    for grounding in groundings:
        outcome = _judge_span(figure, grounding, mentions)
        if best is None or outcome[0] < best[0]:
            best = (outcome[0], grounding, outcome[1], outcome[2])
        if best[0] == 0:
            break
    assert best is not None
    rank, grounding, mention, how = best
    status = _BY_RANK[rank]
    fuzzy = (
        f" (quote matched fuzzily, score {grounding.score:.2f})"
        if grounding.match == "fuzzy"
        else ""
    )

    if status == "not_in_quote":
        inside = _inside(grounding, mentions)
        has = (
            "the quote's numbers are " + ", ".join(_brief(m) for m in inside)
            if inside
            else "the quote contains no number"
        )
        if not elsewhere:
            reason = f"{_num(figure.value)} appears nowhere in the article; {has}{fuzzy}"
            return _check(path, figure, "not_in_article", reason, grounding)
        reason = f"{has}; {_num(figure.value)} appears at {_where(elsewhere, article_text)}{fuzzy}"
        return _check(path, figure, "not_in_quote", reason, grounding)

    assert mention is not None
    said = _said(mention, how)
    if status == "role_mismatch":
        reason = f"the quote's {said} counts {mention.role}, not {figure.role}{fuzzy}"
    elif status == "qualifier_mismatch":
        supported = supported_qualifiers(mention.qualifier, how)
        reason = (
            f"the quote says {said} ({mention.qualifier}), which supports "
            f"{_or(supported)}, not {figure.qualifier}{fuzzy}"
        )
    else:
        note = "" if mention.role == figure.role else f", article role {mention.role}"
        reason = f"matches {said} in the quote ({mention.qualifier}{note}){fuzzy}"
    return _check(path, figure, status, reason, grounding, mention)


_BY_RANK: tuple[FigureStatus, ...] = (
    "verified",
    "qualifier_mismatch",
    "role_mismatch",
    "not_in_quote",
)


def _judge_span(
    figure: Figure, grounding: Grounding, mentions: Sequence[NumberMention]
) -> tuple[int, NumberMention | None, str]:
    """Rank 0 verified, 1 qualifier, 2 role, 3 not in quote, for one grounded span."""
    best: tuple[int, NumberMention | None, str] = (3, None, "")
    for mention in _inside(grounding, mentions):
        how = value_match(figure.value, mention)
        if how is None:
            continue
        if not roles_compatible(figure.role, mention.role):
            rank = 2
        elif not qualifier_ok(figure.qualifier, mention, how):
            rank = 1
        else:
            return (0, mention, how)
        if rank < best[0]:
            best = (rank, mention, how)
    return best


def _inside(grounding: Grounding, mentions: Iterable[NumberMention]) -> list[NumberMention]:
    """Mentions overlapping the span (overlap, not containment: fuzzy edges are soft)."""
    if grounding.start is None or grounding.end is None:
        return []
    return [m for m in mentions if m.start < grounding.end and m.end > grounding.start]


def coverage_gaps(
    mentions: Sequence[NumberMention], figures: Sequence[Figure]
) -> list[CoverageGap]:
    """Casualty mentions no figure reports (same value and same role), one per value+role."""
    gaps: list[CoverageGap] = []
    seen: set[tuple[float, str]] = set()
    for mention in mentions:
        if mention.role not in COVERAGE_ROLES:
            continue
        key = (mention.value, mention.role)
        if key in seen:
            continue
        seen.add(key)
        if any(f.role == mention.role and value_match(f.value, mention) for f in figures):
            continue
        gaps.append(CoverageGap(mention=mention_ref(mention), sentence=mention.sentence.strip()))
    return gaps


def mention_ref(mention: NumberMention) -> MentionRef:
    return MentionRef(
        value=mention.value,
        value_high=mention.value_high,
        text=mention.text,
        start=mention.start,
        end=mention.end,
        qualifier=mention.qualifier,
        role=mention.role,
        noun=mention.noun,
    )


def _check(
    path: str,
    figure: Figure,
    status: FigureStatus,
    reason: str,
    grounding: Grounding,
    mention: NumberMention | None = None,
) -> FigureCheck:
    return FigureCheck(
        path=path,
        figure=figure,
        status=status,
        reason=reason,
        grounding=grounding,
        mention=mention_ref(mention) if mention is not None else None,
    )


def _counts(
    figures: Sequence[FigureCheck],
    evidence: Sequence[EvidenceCheck],
    uncovered: Sequence[CoverageGap],
) -> dict[str, int]:
    counts = {status: 0 for status in STATUSES}
    for check in figures:
        counts[check.status] += 1
    counts["figures"] = len(figures)
    counts["evidence"] = len(evidence)
    counts["evidence_grounded"] = sum(1 for e in evidence if e.grounding.match != "none")
    counts["uncovered"] = len(uncovered)
    return counts


# ---------------------------------------------------------------------------
# Wording
# ---------------------------------------------------------------------------


def _num(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1e6 else repr(float(value))


def _brief(mention: NumberMention) -> str:
    value = _num(mention.value)
    if mention.qualifier == "range" and mention.value_high is not None:
        value = f"{value}-{_num(mention.value_high)}"
    return f"'{mention.text}' = {value} ({mention.qualifier}, {mention.role})"


def _said(mention: NumberMention, how: str) -> str:
    if mention.qualifier == "range" and mention.value_high is not None:
        end = "upper end" if how == "high" else "lower end"
        return f"'{mention.text}' ({end} of the range)"
    return f"'{mention.text}'"


def supported_qualifiers(mention_qualifier: str, end: str = "value") -> list[str]:
    """Figure qualifiers the article's wording supports (``end`` is "high" for a range's top)."""
    if mention_qualifier == "range":
        allowed = RANGE_HIGH_SUPPORTS if end == "high" else RANGE_LOW_SUPPORTS
    else:
        allowed = frozenset(q for q, ok in QUALIFIER_SUPPORT.items() if mention_qualifier in ok)
    return [q for q in QUALIFIER_SUPPORT if q in allowed]


def _where(mentions: Sequence[NumberMention], article_text: str, limit: int = 2) -> str:
    """'chars 190-192 ("...At least 26 people were injured...")' for the first few."""
    parts = [
        f'chars {m.start}-{m.end} ("{context_snippet(article_text, m.start, m.end)}")'
        for m in mentions[:limit]
    ]
    more = f" and {len(mentions) - limit} more place(s)" if len(mentions) > limit else ""
    return "; ".join(parts) + more


def context_snippet(article_text: str, start: int, end: int, width: int = 40) -> str:
    """One line of about ``width`` characters either side of a span, cut between words."""
    left = max(0, start - width)
    right = min(len(article_text), end + width)
    while 0 < left < start and not article_text[left - 1].isspace():
        left += 1
    while end < right < len(article_text) and not article_text[right].isspace():
        right -= 1
    text = " ".join(article_text[left:right].split())
    return ("..." if left > 0 else "") + text + ("..." if right < len(article_text) else "")


def _or(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _score_note(grounding: Grounding) -> str:
    if grounding.score > 0:
        return f" (best fuzzy score {grounding.score:.2f})"
    return ""


# ---------------------------------------------------------------------------
# Re-ask
# ---------------------------------------------------------------------------


def reask_message(report: VerificationReport, article_text: str) -> str | None:
    """What to tell the model so it can fix each failing figure; None when all verified."""
    failing = [check for check in report.figures if not check.ok]
    if not failing:
        return None
    lines = [
        (
            f"{len(failing)} of {len(report.figures)} figures failed the check against the article. "
            "Every figure needs a `quote` copied verbatim from the article that contains the number, "
            "and a value, qualifier and role that match what that quote says."
        ),
    ]
    for check in failing:
        lines.append(f"- {check.path}: {_problem(check, article_text)}")
    lines.append(
        "Correct these figures (or remove those the article does not support) and answer again."
    )
    return "\n".join(lines)


def _problem(check: FigureCheck, article_text: str) -> str:
    figure = check.figure
    claim = (
        f"you reported value={_num(figure.value)}, qualifier={figure.qualifier}, role={figure.role} "
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
    if mention.value_high is not None and _same(value, mention.value_high):
        return "high"
    return "value"


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
