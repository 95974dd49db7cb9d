"""Cross-check every claim of a summary against the article and the rule-based numbers.

Pure functions, no I/O. Every check ends in one of three verdicts (see
:func:`summarizer.schema.verdict_of`): ``verified`` when the rules confirm value, quote,
qualifier, role and unit; ``unconfirmed`` when the value is grounded but the rules cannot
confirm the role (the article's number is an ``other_count``); ``contradicted`` for every
other status,
each with a reason a human (or the model, through :func:`reask_message`) can act on.

Figure statuses, from the first test that fails:

    value appears in no mention of the article             -> not_in_article
    quote not found, or found fuzzily with other numbers   -> quote_not_found
    quote found, value not among the numbers in it         -> not_in_quote
    value in quote, but only with a clashing role          -> role_mismatch
    value and role in quote, qualifier not implied         -> qualifier_mismatch
    value, role and qualifier agree, unit does not         -> unit_mismatch
    a casualty slot filled from a background sentence      -> other_event
    role undecided (the article's number is other_count)   -> unconfirmed
    otherwise                                               -> verified

The comparison rules live in :mod:`summarizer.checks.agreement`; numbers in prose, names, dates and
event types are checked by :mod:`summarizer.checks.claims` with the same rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, get_args

from pydantic import ValidationError

from summarizer.checks import claims as claim_checks
from summarizer.checks import injection
from summarizer.checks.agreement import (
    QUALIFIER_SUPPORT as QUALIFIER_SUPPORT,
)
from summarizer.checks.agreement import (
    RANGE_HIGH_SUPPORTS as RANGE_HIGH_SUPPORTS,
)
from summarizer.checks.agreement import (
    RANGE_LOW_SUPPORTS as RANGE_LOW_SUPPORTS,
)
from summarizer.checks.agreement import (
    fair_reading,
    qualifier_ok,
    role_agreement,
    same,
    same_measure,
    scaled_claim,
    supported_qualifiers,
    toll_in_words,
    toll_of_places,
    unit_beside,
    unit_problem,
    value_match,
)
from summarizer.checks.agreement import (
    roles_compatible as roles_compatible,
)
from summarizer.checks.claims import ArticleFacts, background_anchor, mention_ref
from summarizer.checks.grounding import QuoteAligner
from summarizer.errors import InputError
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.schema import (
    ArticleSummary,
    ClaimCheck,
    ClaimStatus,
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
from summarizer.text.lazy_regex import lazy_compile
from summarizer.text.numerals import format_number as _num  # every value in a reason
from summarizer.vocabulary import CASUALTY_ROLES, COUNT_ROLES, COVERAGE_ROLES

__all__ = [
    "COUNT_ROLES",
    "COVERAGE_ROLES",
    "QUALIFIER_SUPPORT",
    "STATUSES",
    "check_figure",
    "context_snippet",
    "coverage_gaps",
    "mention_ref",
    "parse_summary",
    "qualifier_ok",
    "reask_message",
    "roles_compatible",
    "supported_qualifiers",
    "value_match",
    "verify",
]

STATUSES: tuple[str, ...] = (
    "verified",
    "unconfirmed",
    "qualifier_mismatch",
    "role_mismatch",
    "unit_mismatch",
    "other_event",
    "not_in_quote",
    "quote_not_found",
    "not_in_article",
)


# ---------------------------------------------------------------------------
# verify
# ---------------------------------------------------------------------------


def verify(
    article_text: str,
    summary: SummaryDraft | Mapping[str, Any],
    mentions: Sequence[NumberMention] | None = None,
    *,
    dateline: dt.date | None = None,
    repairs: Sequence[ClaimCheck] = (),
) -> VerificationReport:
    """Check every figure, number in prose, name, date and evidence quote of ``summary``.

    ``mentions`` are the rule-extracted numbers of the same text (extracted when None);
    ``dateline`` defaults to the one at the top of the article. A dict (loaded JSON) is
    validated as an :class:`ArticleSummary` first; an invalid one raises :class:`InputError`
    naming the bad field. ``repairs``: claims about the answer's form made while reading it
    (:mod:`summarizer.checks.salvage`), reported with the rest. Usable as ``summarizer.verify``.
    """
    draft = summary if isinstance(summary, SummaryDraft) else parse_summary(summary)
    if mentions is None:
        mentions = extract_numbers(article_text)
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    # Numbers inside instruction-like passages ("ignore previous instructions...") are not reports.
    ordered, instructions = injection.screen_mentions(article_text, ordered)
    facts = ArticleFacts.of(article_text, ordered, dateline)
    aligner = facts.aligner

    figures: list[FigureCheck] = []
    for event_index, event in enumerate(draft.events):
        event_year, event_date = facts.event_time(event)
        for suffix, figure in event.all_figures():
            check = check_figure(
                f"events[{event_index}].{suffix}",
                figure,
                article_text,
                ordered,
                aligner,
                event_year=event_year,
                event_date=event_date,
                dateline=facts.dateline,
            )
            figures.append(injection.flag(check, article_text, instructions))
    for index, figure in enumerate(draft.key_figures):
        check = check_figure(f"key_figures[{index}]", figure, article_text, ordered, aligner)
        figures.append(injection.flag(check, article_text, instructions))
    evidence = [check_evidence(path, quote, facts) for path, quote in draft.iter_evidence()]
    claims = [*claim_checks.check_claims(draft, facts), *repairs]
    uncovered = coverage_gaps(ordered, [figure for _, figure in draft.iter_figures()])
    return VerificationReport(
        figures=figures,
        claims=claims,
        evidence=evidence,
        uncovered=uncovered,
        counts=_counts(figures, claims, evidence, uncovered),
    )


def parse_summary(data: Any, source: str = "summary") -> ArticleSummary:
    """Validate loaded JSON as an :class:`ArticleSummary`, or raise an InputError.

    The message is one line; with more than one problem it counts them and ``details``
    lists every one ("events[0].event_type: Input should be ... (got 'flood')").
    """
    try:
        return ArticleSummary.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc)
        if len(problems) == 1:
            raise InputError(f"{source}: invalid summary: {problems[0]}") from None
        raise InputError(
            f"{source}: invalid summary, {len(problems)} problems:", details=problems
        ) from None


# The last part of a location that names a member of a union ("value.int",
# "value.float"), not a field: pydantic's type names, or a model's class name.
_UNION_MEMBER = {"int", "float", "str", "bool", "bytes", "none", "decimal"}


def _union_member(part: object) -> bool:
    return isinstance(part, str) and (part in _UNION_MEMBER or "[" in part or part[:1].isupper())


def validation_problems(exc: ValidationError) -> list[str]:
    """One line per problem: where (``events[0].figures[1].value``), what, and the value given.

    A value that fits no member of a union is one problem ("Input should be a valid
    integer or a valid number"), not one per member.
    """
    grouped: dict[tuple[int | str, ...], list[dict[str, Any]]] = {}
    for detail in exc.errors(include_url=False):
        key = tuple(detail.get("loc", ()))
        if key and _union_member(key[-1]):
            key = key[:-1]
        grouped.setdefault(key, []).append(dict(detail))
    problems = []
    for loc, errors in grouped.items():
        where = ""
        for part in loc:
            where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        messages = [str(error.get("msg", "invalid")) for error in errors]
        prefix = "Input should be "
        if len(messages) > 1 and all(m.startswith(prefix) for m in messages):
            message = prefix + " or ".join(m[len(prefix) :] for m in dict.fromkeys(messages))
        else:
            message = "; ".join(dict.fromkeys(messages))
        got = ""
        error = errors[0]
        if error.get("type") != "missing" and "input" in error:
            shown = repr(error["input"])
            simple = not isinstance(error["input"], (dict, list))
            if simple and len(shown) <= 40 and shown not in message:
                got = f" (got {shown})"
        problems.append(f"{where or '<root>'}: {message}{got}")
    return problems or ["invalid summary"]


def describe_validation_error(exc: ValidationError) -> str:
    """Every problem of ``exc`` on one line, separated by "; " (for one-line contexts)."""
    return "invalid summary: " + "; ".join(validation_problems(exc))


def check_figure(
    path: str,
    figure: Figure,
    article_text: str,
    mentions: Sequence[NumberMention],
    aligner: QuoteAligner | None = None,
    *,
    event_year: int | None = None,
    event_date: dt.date | None = None,
    dateline: dt.date | None = None,
) -> FigureCheck:
    """One figure's status, reason, grounding and the mention it was matched with.

    ``event_year`` is the year of the event whose casualty slot holds the figure (its
    ``event_date`` when known): a toll from a sentence anchored to another time cannot fill
    it (``other_event``); ``dateline`` resolves "last year" and "three years ago".
    """
    aligner = aligner or QuoteAligner(article_text)
    groundings = aligner.ground_all(figure.quote)
    original = figure  # the report shows the figure as written
    scaled = scaled_claim(figure.value, figure.noun)
    if scaled is not None:  # 26 "thousand people" claims 26,000
        figure = figure.model_copy(update={"value": scaled})

    def stated_elsewhere() -> list[NumberMention]:  # only needed to explain a failure
        return [
            m
            for m in mentions
            if not m.negated and value_match(figure.value, m) in ("value", "low", "high")
        ]

    unbound = ""
    if groundings[0].match == "fuzzy":
        unbound = quote_numbers_differ(figure.quote, groundings[0], mentions)
    if groundings[0].match == "none" or unbound:
        grounding = groundings[0]
        elsewhere = stated_elsewhere()
        if not elsewhere:
            reason = (
                f"the quote is not in the article and {_num(figure.value)} appears nowhere in it"
            )
            if unbound:
                reason = f"{unbound}; {_num(figure.value)} appears nowhere in the article"
            return _check(path, original, "not_in_article", reason, grounding)
        lead = unbound or f"the quote is not in the article{_score_note(grounding)}"
        reason = f"{lead}; {_num(figure.value)} appears at {_where(elsewhere, article_text)}"
        return _check(path, original, "quote_not_found", reason, grounding)

    best: _Judgement | None = None
    for grounding in groundings:
        judgement = _judge_span(figure, grounding, mentions, article_text)
        if best is None or judgement.rank < best.rank:
            best = judgement
        if best.rank == 0:
            break
    assert best is not None
    grounding = best.grounding
    fuzzy = (
        f" (quote matched fuzzily, score {grounding.score:.2f})"
        if grounding.match == "fuzzy"
        else ""
    )

    if best.status == "not_in_quote":
        in_words = _toll_in_words(figure, groundings, article_text)
        if in_words is not None:
            reason = f"the quote says {_num(figure.value)} in words: {in_words[1]!r}"
            return _check(path, original, "verified", reason, in_words[0])
        plus_one = _one_named_plus(figure, groundings, mentions, article_text)
        if plus_one is not None:
            reason = f"the quote's {_said(plus_one[1], 'value')} plus the one named before it"
            return _check(path, original, "verified", reason, plus_one[0], plus_one[1])
        derived = _fair_reading(figure, groundings, mentions, event_year, event_date, dateline)
        if derived is not None:
            span, how, used = derived
            reason = f"{_num(figure.value)} is a fair reading of the quote: {how}"
            return _check(path, original, "verified", reason, span, used[0])
        inside = _inside(grounding, mentions)
        has = (
            "the quote's numbers are " + ", ".join(_brief(m) for m in inside)
            if inside
            else "the quote contains no number"
        )
        elsewhere = stated_elsewhere()
        if not elsewhere:
            reason = f"{_num(figure.value)} appears nowhere in the article; {has}{fuzzy}"
            return _check(path, original, "not_in_article", reason, grounding)
        reason = f"{has}; {_num(figure.value)} appears at {_where(elsewhere, article_text)}{fuzzy}"
        return _check(path, original, "not_in_quote", reason, grounding)

    mention, how = best.mention, best.how
    assert mention is not None
    said = _said(mention, how)
    status: FigureStatus = best.status
    binds = status in ("verified", "unconfirmed") and (
        figure.role in CASUALTY_ROLES
        or (figure.role in _OWNED_ROLES and not _OTHER_TIME.search(figure.noun))
    )
    anchor = (
        background_anchor(mention, event_year, event_date, dateline) if binds and event_year else ""
    )
    if anchor and figure.role not in CASUALTY_ROLES and not _owns_figure(anchor, mention):
        anchor = ""
    if anchor:
        reason = (
            f"{said} is in a sentence about another time ({anchor!r}), not this "
            f"event of {event_year}{fuzzy}"
        )
        return _check(path, original, "other_event", reason, grounding, mention)
    if (
        status == "role_mismatch"
        and figure.role in CASUALTY_ROLES
        and toll_of_places(figure.role, figure.noun, mention)
    ):
        reason = f"the quote's {said} counts {mention.noun} (places), not people {figure.role}"
    elif status == "role_mismatch":
        reason = f"the quote's {said} counts {mention.role}, not {figure.role}{fuzzy}"
    elif status == "qualifier_mismatch":
        supported = supported_qualifiers(mention.qualifier, how)
        reason = (
            f"the quote says {said} ({mention.qualifier}), which supports "
            f"{_or(supported)}, not {figure.qualifier}{fuzzy}"
        )
    elif status in ("unit_mismatch", "unconfirmed"):
        reason = f"{best.note}{fuzzy}"
    else:
        note = "" if mention.role == figure.role else f", article role {mention.role}"
        reason = f"matches {said} in the quote ({mention.qualifier}{note}){fuzzy}"
    if scaled is not None:
        reason += f" (the value read with its noun's scale: {_num(scaled)})"
    return _check(path, original, status, reason, grounding, mention)


class _Judgement:
    """The best reading of one grounded span for one figure (lower rank is better)."""

    __slots__ = ("grounding", "how", "mention", "note", "rank", "status")

    def __init__(
        self,
        rank: int,
        status: FigureStatus,
        grounding: Grounding,
        mention: NumberMention | None = None,
        how: str = "",
        note: str = "",
    ) -> None:
        self.rank, self.status, self.grounding = rank, status, grounding
        self.mention, self.how, self.note = mention, how, note


def _judge_span(
    figure: Figure, grounding: Grounding, mentions: Sequence[NumberMention], article_text: str
) -> _Judgement:
    """Verified, unconfirmed, unit, qualifier, role or not-in-quote, for one grounded span."""
    best = _Judgement(6, "not_in_quote", grounding)
    inside = _inside(grounding, mentions)
    for mention in inside:
        if mention.negated:
            continue  # "nobody was hurt": which tolls it rules out is _toll_in_words's call
        how = value_match(figure.value, mention)
        if how is None:
            continue
        agreement = role_agreement(figure.role, mention.role)
        if figure.role in CASUALTY_ROLES and toll_of_places(figure.role, figure.noun, mention):
            agreement = "clash"  # "taken to 7 hospitals" counts no one
        elif is_age(mention) and not (
            same_measure(figure.noun, mention) or _AGE_NOUN.search(figure.noun)
        ):
            agreement = "clash"  # "the 19-year-old striker" counts no goals
        elif figure.role == "other_count" and same_measure(figure.noun, mention):
            agreement = "agree"  # "31,400 hectares" labelled a count: the article's measure
        elif unit_beside(figure.role, mention):
            agreement = "agree"  # "Sh 2.5 million": money, whatever the reading left open
        problem = None
        if agreement == "clash":
            judgement = _Judgement(5, "role_mismatch", grounding, mention, how)
        elif not qualifier_ok(figure.qualifier, mention, how):
            judgement = _Judgement(4, "qualifier_mismatch", grounding, mention, how)
        elif problem := unit_problem(figure.noun, mention, how):
            judgement = _Judgement(3, "unit_mismatch", grounding, mention, how, problem)
        elif agreement == "undecided":
            note = (
                f"the quote's {_said(mention, how)} is a number the rules could not classify "
                f"({mention.role}); {figure.role} is not confirmed"
            )
            judgement = _Judgement(2, "unconfirmed", grounding, mention, how, note)
        else:
            return _Judgement(0, "verified", grounding, mention, how)
        if judgement.rank < best.rank:
            best = judgement
    return best


_AGE_NOUN = lazy_compile(r"(?i)\b(?:age[sd]?|years?\s+old|year-olds?)\b")


def is_age(mention: NumberMention) -> bool:
    """The mention is a person's age ("a 45-year-old", "aged 45"): noun "years old"."""
    return mention.noun.strip().lower() == "years old"


def _toll_in_words(
    figure: Figure, groundings: Sequence[Grounding], article_text: str
) -> tuple[Grounding, str] | None:
    """A toll of none or one the quote states in words ("nobody was hurt", "a man died")."""
    if figure.role not in CASUALTY_ROLES or figure.value not in (0, 1):
        return None
    for grounding in groundings:
        if grounding.start is None or grounding.end is None:
            continue
        found = toll_in_words(article_text[grounding.start : grounding.end], figure.role)
        if found is not None and found[0] == figure.value:
            return grounding, found[1]
    return None


# A figure's noun that says its number is of another time ("seats won in 2015", "last
# year's profit", "previous record") makes no claim about the event's own time.
_OTHER_TIME = lazy_compile(
    r"(?i)\b(?:1[5-9]\d\d|20\d\d|previous|prior|last|earlier|ago|before|former|record"
    r"|since|then|cumulative|total\s+since|year-earlier|a\s+year\s+earlier)\b"
)
_OWNED_ROLES = COUNT_ROLES | {"money", "percentage"}  # not years, times, lengths, ordinals
_YEAR_ANCHOR = lazy_compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")


def _owns_figure(anchor: str, mention: NumberMention) -> bool:
    """Whether a time anchor makes a figure (not a toll) another time's: a year that stands
    before the number in its sentence ("In 2015 it won 56 seats") or right after it ("56 in
    2015"). "Since 2012" is a stretch up to now, and a year later in the sentence is a
    comparison ("47.3 per cent, down from 52 in 2020")."""
    if anchor.lower().startswith("since") or not _YEAR_ANCHOR.search(anchor):
        return False
    if mention.text in anchor:
        return False  # the number is the anchor's own year
    sentence = mention.sentence
    at, where = sentence.find(mention.text), sentence.find(anchor)
    if at < 0 or where < 0:
        return False
    if where < at:
        return True
    between = sentence[at + len(mention.text) : where]
    return len(between.split()) <= 4 and "," not in between


_ONE_AND = lazy_compile(
    r"(?i)\b(?:the|a|an|his|her|their|its)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+and\s+(?:(?:his|her|their)\s+)?$"
)


_CLAUSE_START = lazy_compile(r"[.;:!?]\s|,\s+(?:and|but|while|as)\s")
# "in the collapse and five were injured": a determiner after a preposition or after the
# clause's own toll verb starts no subject.
_NOT_A_SUBJECT = lazy_compile(
    r"(?i)\b(?:in|at|on|of|from|by|after|during|into|near|with|for|to|under)\s*$"
    r"|\b(?:died|killed|injured|wounded|hurt|arrested|dead|missing)\b"
)


def _one_named_plus(
    figure: Figure,
    groundings: Sequence[Grounding],
    mentions: Sequence[NumberMention],
    article_text: str,
) -> tuple[Grounding, NumberMention] | None:
    """'The pilot and three passengers were killed' is 4 killed: one named, plus a count."""
    if figure.role not in CASUALTY_ROLES:
        return None
    for grounding in groundings:
        for mention in _inside(grounding, mentions):
            if mention.role != figure.role or not same(mention.value + 1, figure.value):
                continue
            lead = _ONE_AND.search(article_text, max(0, mention.start - 60), mention.start)
            if lead is None:
                continue
            clause = _CLAUSE_START.split(article_text[max(0, lead.start() - 120) : lead.start()])
            if not _NOT_A_SUBJECT.search(clause[-1]):
                return grounding, mention
    return None


def _fair_reading(
    figure: Figure,
    groundings: Sequence[Grounding],
    mentions: Sequence[NumberMention],
    event_year: int | None,
    event_date: dt.date | None,
    dateline: dt.date | None,
) -> tuple[Grounding, str, list[NumberMention]] | None:
    """A value the quote implies without stating it: a range's midpoint, a rounding that
    stays true, a sum of parts (see :func:`summarizer.checks.agreement.fair_reading`)."""
    for grounding in groundings:
        inside = _inside(grounding, mentions)
        found = fair_reading(figure.value, figure.qualifier, figure.role, inside, figure.noun)
        if found is None:
            continue
        how, used = found
        if len(used) == 1 and unit_problem(figure.noun, used[0], "value"):
            continue
        if (
            figure.role in CASUALTY_ROLES
            and event_year
            and any(background_anchor(m, event_year, event_date, dateline) for m in used)
        ):
            continue
        return grounding, how, used
    return None


def quote_numbers_differ(
    quote: str, grounding: Grounding, mentions: Sequence[NumberMention]
) -> str:
    """Why a fuzzily matched quote does not bind (its numbers are not the span's), or ""."""
    if grounding.start is None or grounding.end is None:
        return ""
    quoted = sorted(m.value for m in extract_numbers(quote))
    found = sorted(m.value for m in _inside(grounding, mentions))
    if len(quoted) == len(found) and all(same(a, b) for a, b in zip(quoted, found, strict=True)):
        return ""
    return (
        f"the quote matches the article only fuzzily (score {grounding.score:.2f}) at chars "
        f"{grounding.start}-{grounding.end}, and its numbers ({_values(quoted)}) are not the "
        f"article's there ({_values(found)})"
    )


def check_evidence(path: str, quote: str, facts: ArticleFacts) -> EvidenceCheck:
    """An evidence quote grounds like a figure's quote: a fuzzy match must keep its numbers."""
    grounding = facts.aligner.ground(quote)
    reason = ""
    if grounding.match == "fuzzy":
        reason = quote_numbers_differ(quote, grounding, facts.mentions)
        if reason:
            grounding = Grounding(match="none", score=grounding.score)
    elif grounding.match == "none":
        reason = f"the quote is not in the article{_score_note(grounding)}"
    return EvidenceCheck(path=path, quote=quote, grounding=grounding, reason=reason)


def _values(values: Sequence[float]) -> str:
    return ", ".join(_num(v) for v in values) or "none"


def _inside(grounding: Grounding, mentions: Iterable[NumberMention]) -> list[NumberMention]:
    """Mentions overlapping the span (overlap, not containment: fuzzy edges are soft)."""
    if grounding.start is None or grounding.end is None:
        return []
    return [m for m in mentions if m.start < grounding.end and m.end > grounding.start]


def coverage_gaps(
    mentions: Sequence[NumberMention], figures: Sequence[Figure]
) -> list[CoverageGap]:
    """Casualty mentions no figure reports (same value and same role), one per value+role;
    a toll of none ("no deaths") needs no figure."""
    gaps: list[CoverageGap] = []
    seen: set[tuple[float, str]] = set()
    for mention in mentions:
        if mention.role not in COVERAGE_ROLES or mention.value == 0:
            continue  # "no one was hurt": a toll of none asks no figure to report it
        key = (mention.value, mention.role)
        if key in seen:
            continue
        seen.add(key)
        if any(
            f.role == mention.role and value_match(f.value, mention) in ("value", "low", "high")
            for f in figures
        ):
            continue
        gaps.append(CoverageGap(mention=mention_ref(mention), sentence=mention.sentence.strip()))
    return gaps


def _check(
    path: str,
    figure: Figure,
    status: FigureStatus,
    reason: str,
    grounding: Grounding,
    mention: NumberMention | None = None,
) -> FigureCheck:
    return FigureCheck.model_construct(  # every field is built here from checked values
        path=path,
        figure=figure,
        status=status,
        reason=reason,
        grounding=grounding,
        mention=mention_ref(mention) if mention is not None else None,
    )


def _counts(
    figures: Sequence[FigureCheck],
    claims: Sequence[ClaimCheck],
    evidence: Sequence[EvidenceCheck],
    uncovered: Sequence[CoverageGap],
) -> dict[str, int]:
    """Checks per status over every check (as the verdict totals are), then sizes.

    ``counts["verified"]`` is the report's ``verified``: an evidence quote found counts as
    verified, one not found as ``quote_not_found``. The ``figures_verified``,
    ``claims_verified`` and ``evidence_grounded`` keys give each kind's share.
    """
    counts = dict.fromkeys((*STATUSES, *get_args(ClaimStatus)), 0)
    for status in (
        *(check.status for check in figures),
        *(claim.status for claim in claims),
        *("verified" if e.ok else "quote_not_found" for e in evidence),
    ):
        counts[status] += 1
    counts["figures"] = len(figures)
    counts["figures_verified"] = sum(1 for check in figures if check.ok)
    counts["claims"] = len(claims)
    counts["claims_verified"] = sum(1 for c in claims if c.ok)
    counts["evidence"] = len(evidence)
    counts["evidence_grounded"] = sum(1 for e in evidence if e.ok)
    counts["uncovered"] = len(uncovered)
    return counts


# ---------------------------------------------------------------------------
# Wording
# ---------------------------------------------------------------------------


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
    if mention.value_high is not None and same(value, mention.value_high):
        return "high"
    return "value"


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
