"""Check one figure of a summary against the article: its quote, value, role, qualifier, unit.

Pure functions, no I/O. Figure statuses, from the first test that fails:

    value appears in no mention of the article             -> not_in_article
    quote not found, or found fuzzily with other numbers   -> quote_not_found
    quote found, value not among the numbers in it         -> not_in_quote
    value in quote, but only with a clashing role          -> role_mismatch
    value and role in quote, qualifier not implied         -> qualifier_mismatch
    value, role and qualifier agree, unit does not         -> unit_mismatch
    a casualty slot filled from a background sentence      -> other_event
    role undecided (other_count, its clause not telling)   -> unconfirmed
    otherwise                                               -> verified

Each status comes with a reason a human (or the model, through
:func:`summarizer.checks.reask.reask_message`) can act on; its verdict is
:func:`summarizer.vocabulary.verdict_of`'s. The comparison rules live in
:mod:`summarizer.checks.agreement`. Evidence quotes ground like a figure's quote, and
casualty mentions no figure reports are coverage gaps.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence

from summarizer.checks.agreement import (
    clock_claim,
    confirm_in_clause,
    fair_reading,
    qualifier_ok,
    role_agreement,
    same,
    same_measure,
    same_noun,
    scaled_claim,
    supported_qualifiers,
    toll_of_places,
    unit_beside,
    unit_problem,
    value_match,
)
from summarizer.checks.binding import describe_incident
from summarizer.checks.facts import ArticleFacts
from summarizer.checks.grounding import QuoteAligner
from summarizer.checks.incidents import Incident
from summarizer.checks.people_lists import count_plus_one, people_listed
from summarizer.checks.records import mention_brief, mention_ref
from summarizer.checks.time_anchors import (
    MONTH_NAME,
    TIME_ANCHOR,
    YEAR,
    anchor_period,
    background_anchor,
    overlaps,
    period_of,
)
from summarizer.checks.tolls_in_words import nth_of_toll, toll_in_words
from summarizer.checks.wording import context_snippet
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.schema import CoverageGap, EvidenceCheck, Figure, FigureCheck, Grounding
from summarizer.text.lazy_regex import lazy_compile
from summarizer.text.numerals import format_number
from summarizer.text.sentences import sentence_at, sentence_spans
from summarizer.vocabulary import CASUALTY_ROLES, COUNT_ROLES, GAP_ROLES, FigureStatus

__all__ = [
    "check_evidence",
    "check_figure",
    "check_key_figure",
    "coverage_gaps",
    "is_age",
    "quote_numbers_differ",
]


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
    event_words: str = "",
) -> FigureCheck:
    """One figure's status, reason, grounding and the mention it was matched with.

    ``event_year`` is the year of the event whose casualty slot holds the figure (its
    ``event_date`` when known): a toll from a sentence anchored to another time cannot fill
    it (``other_event``); ``dateline`` resolves "last year" and "three years ago".
    ``event_words``: the event's description and date text; a count or sum of a time they
    name is the event's own ("jailed for thefts between March 2020 and January 2024").
    """
    aligner = aligner or QuoteAligner(article_text)
    groundings = aligner.ground_all(figure.quote)
    original = figure  # the report shows the figure as written
    scaled = scaled_claim(figure.value, figure.noun)
    if scaled is not None:  # 26 "thousand people" claims 26,000
        figure = figure.model_copy(update={"value": scaled})
    clock = (
        clock_claim(figure.value, figure.noun) if figure.role in ("time", "other_count") else None
    )
    if clock is not None:  # 7 "p.m." claims the article's 19:00 (1900)
        figure = figure.model_copy(update={"value": clock})

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
            reason = f"the quote is not in the article and {format_number(figure.value)} appears nowhere in it"
            if unbound:
                reason = f"{unbound}; {format_number(figure.value)} appears nowhere in the article"
            return _check(path, original, "not_in_article", reason, grounding)
        lead = unbound or f"the quote is not in the article{_score_note(grounding)}"
        reason = (
            f"{lead}; {format_number(figure.value)} appears at {_where(elsewhere, article_text)}"
        )
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

    if best.status in ("role_mismatch", "not_in_quote"):
        nth = _toll_in_words(figure, groundings, article_text, nth_of_toll)
        if nth is not None:
            reason = f"the quote counts {format_number(figure.value)} by its ordinal: {nth[1]!r}"
            return _check(path, original, "verified", reason, nth[0])
    if best.status == "not_in_quote":
        in_words = _toll_in_words(figure, groundings, article_text)
        if in_words is not None:
            anchor = _words_of_another_time(
                figure, in_words, article_text, event_year, event_date, dateline
            )
            if anchor:  # "In May 2024, a 73-year-old British man died": that year's toll
                reason = (
                    f"the quote's {in_words[1]!r} is in a sentence about another time "
                    f"({anchor!r}), not this event of {event_year}"
                )
                return _check(path, original, "other_event", reason, in_words[0])
            reason = f"the quote says {format_number(figure.value)} in words: {in_words[1]!r}"
            return _check(path, original, "verified", reason, in_words[0])
        label = _label(figure, groundings, article_text)
        if label is not None:
            reason = f"the quote labels it {format_number(figure.value)}: {label[1]!r}"
            return _check(path, original, "verified", reason, label[0])
        plus_one = _one_named_plus(figure, groundings, mentions, article_text)
        if plus_one is not None:
            reason = f"the quote's {_said(plus_one[1], 'value')} plus the one named before it"
            return _check(path, original, "verified", reason, plus_one[0], plus_one[1])
        listed = _listed(figure, groundings, mentions, article_text)
        if listed is not None:
            reason = f"the quote lists {format_number(figure.value)} people: {listed[1]!r}"
            return _check(path, original, "verified", reason, listed[0])
        derived = _fair_reading(figure, groundings, mentions, event_year, event_date, dateline)
        if derived is not None:
            span, how, used = derived
            reason = f"{format_number(figure.value)} is a fair reading of the quote: {how}"
            return _check(path, original, "verified", reason, span, used[0])
        inside = _inside(grounding, mentions)
        has = (
            "the quote's numbers are " + ", ".join(mention_brief(m) for m in inside)
            if inside
            else "the quote contains no number"
        )
        elsewhere = stated_elsewhere()
        if not elsewhere:
            reason = f"{format_number(figure.value)} appears nowhere in the article; {has}{fuzzy}"
            return _check(path, original, "not_in_article", reason, grounding)
        reason = f"{has}; {format_number(figure.value)} appears at {_where(elsewhere, article_text)}{fuzzy}"
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
    if (
        anchor
        and figure.role not in CASUALTY_ROLES
        and (not _owns_figure(anchor, mention) or _names_time(event_words, anchor, dateline))
    ):
        anchor = ""
    if anchor and "figures[" in path and _names_time(figure.noun, anchor, dateline):
        anchor = ""  # "31 killed (deaths in the same period last year)": told as that time's
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
        reason += f" (the value read with its noun's scale: {format_number(scaled)})"
    return _check(path, original, status, reason, grounding, mention)


def check_key_figure(
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
    """A key figure: held, like an event's figure, to the time of the summary's main event
    (``event_year``), so "the 2023 season's 2.8 million hectares" is no key figure of a 2025
    fire; unless its noun says the other time ("hectares burned in 2023", "previous record").
    "Since June 23" with no year is a stretch of this year, no other time."""
    if _OTHER_TIME.search(_SINCE_THIS_YEAR.sub(" ", figure.noun)):
        event_year = event_date = None
    return check_figure(
        path,
        figure,
        article_text,
        mentions,
        aligner,
        event_year=event_year,
        event_date=event_date,
        dateline=dateline,
    )


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
        agreement = confirm_in_clause(
            role_agreement(figure.role, mention.role), figure.role, mention, mentions
        )
        if figure.role in CASUALTY_ROLES and toll_of_places(figure.role, figure.noun, mention):
            agreement = "clash"  # "taken to 7 hospitals" counts no one
        elif is_age(mention) and not (
            same_measure(figure.noun, mention) or _AGE_NOUN.search(figure.noun)
        ):
            agreement = "clash"  # "the 19-year-old striker" counts no goals
        elif (
            figure.role == "other_count"
            or (figure.role, mention.role) == ("distance", "other_count")
        ) and same_measure(figure.noun, mention):
            agreement = "agree"  # "31,400 hectares" labelled a count, or a length: the measure
        elif unit_beside(figure.role, mention):
            agreement = "agree"  # "Sh 2.5 million": money, whatever the reading left open
        elif agreement != "agree" and same_noun(figure.role, figure.noun, mention):
            agreement = "agree"  # "about 2,700" inmates as a population: the article's noun
        problem = None
        if agreement == "clash":
            judgement = _Judgement(5, "role_mismatch", grounding, mention, how)
        elif not qualifier_ok(figure.qualifier, mention, how) and not _names_the_end(
            figure, mention, how
        ):
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


# A figure's noun that names which end of a range it is: "forecast, low end", "upper bound".
_RANGE_END = {
    "low": lazy_compile(r"(?i)\b(?:low(?:er)?\s+(?:end|bound|limit)|bottom|minimum|floor)\b"),
    "high": lazy_compile(
        r"(?i)\b(?:high(?:er)?\s+(?:end|bound|limit)|upper\s+(?:end|bound|limit)|top|maximum|ceiling)\b"
    ),
}


def _names_the_end(figure: Figure, mention: NumberMention, how: str) -> bool:
    """An exact figure that is one end of the article's range and says which ("revenue
    forecast, low end" for "between $5.05 billion and $5.25 billion") claims no more than
    the article: the end is stated exactly."""
    pattern = _RANGE_END.get(how)
    return (
        mention.qualifier == "range"
        and figure.qualifier == "exact"
        and pattern is not None
        and pattern.search(figure.noun) is not None
    )


def is_age(mention: NumberMention) -> bool:
    """The mention is a person's age ("a 45-year-old", "aged 45"): noun "years old"."""
    return mention.noun.strip().lower() == "years old"


def _toll_in_words(
    figure: Figure,
    groundings: Sequence[Grounding],
    article_text: str,
    read: Callable[[str, str], tuple[int, str] | None] = toll_in_words,
) -> tuple[Grounding, str] | None:
    """A toll the quote states without its numeral, as ``read`` finds it in each grounding:
    none or one ("nobody was hurt", "a man died": :func:`toll_in_words`), or a count by its
    ordinal ("a third person was arrested": :func:`nth_of_toll`)."""
    if figure.role not in CASUALTY_ROLES:
        return None
    for grounding in groundings:
        if grounding.start is None or grounding.end is None:
            continue
        found = read(article_text[grounding.start : grounding.end], figure.role)
        if found is not None and found[0] == figure.value:
            return grounding, found[1]
    return None


def _words_of_another_time(
    figure: Figure,
    found: tuple[Grounding, str],
    article_text: str,
    event_year: int | None,
    event_date: dt.date | None,
    dateline: dt.date | None,
) -> str:
    """The anchor to another time of the sentence that tells a toll in words, as
    :func:`background_anchor` reads it for a number, or ""."""
    grounding, words = found
    if not event_year or grounding.start is None:
        return ""
    low, high = sentence_at(sentence_spans(article_text), grounding.start)
    sentence = article_text[low:high].strip()
    at = sentence.find(words)
    if at < 0:
        return ""
    told = NumberMention(
        figure.value, None, words, low + at, low + at + len(words), "exact", "", figure.role,
        sentence,
    )  # fmt: skip
    return background_anchor(told, event_year, event_date, dateline)


# A figure's noun that says its number is of another time ("seats won in 2015", "last
# year's profit", "previous record") makes no claim about the event's own time.
_OTHER_TIME = lazy_compile(
    r"(?i)\b(?:1[5-9]\d\d|20\d\d|previous|prior|last|earlier|ago|before|former|record"
    r"|since|then|cumulative|total\s+since|year-earlier|a\s+year\s+earlier)\b"
)
_SINCE_THIS_YEAR = lazy_compile(
    rf"(?i)\bsince\s+{MONTH_NAME}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?\b(?!,?\s*\d{{4}})"
    rf"|\bsince\s+\d{{1,2}}\s+{MONTH_NAME}\b(?!,?\s*\d{{4}})"
)
_OWNED_ROLES = COUNT_ROLES | {"money", "percentage"}  # not years, times, lengths, ordinals
_YEAR_ANCHOR = lazy_compile(rf"\b{YEAR}\b")


def _names_time(words: str, anchor: str, dateline: dt.date | None) -> bool:
    """``words`` (an event's own) name times whose stretch, first to last ("between 2018
    and 2020"), overlaps the ``anchor``'s."""
    period = period_of(anchor, dateline)
    if period is None or not words:
        return False
    named = [p for m in TIME_ANCHOR.finditer(words) if (p := anchor_period(m, dateline))]
    if not named:
        return False
    return overlaps((min(p[0] for p in named), max(p[1] for p in named)), period)


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


def _listed(
    figure: Figure,
    groundings: Sequence[Grounding],
    mentions: Sequence[NumberMention],
    article_text: str,
) -> tuple[Grounding, str] | None:
    """A toll the quote tells by listing its people (:func:`people_listed`)."""
    if figure.role not in CASUALTY_ROLES:
        return None
    for grounding in groundings:
        if grounding.start is None or grounding.end is None:
            continue
        found = people_listed(article_text, grounding.start, grounding.end, mentions, figure.role)
        if found is not None and same(found[0], figure.value):
            return grounding, found[1]
    return None


def _label(
    figure: Figure, groundings: Sequence[Grounding], article_text: str
) -> tuple[Grounding, str] | None:
    """ "to Level 4 (Awas)", "was an EF-3", "a Category 5 storm": a number that names a
    step of a scale is no count the extractor reads, but a figure with no role of its own
    ("alert level 4") may quote it."""
    if figure.role != "other_count" or not float(figure.value).is_integer():
        return None
    pattern = _LABELLED.format(number=int(figure.value))
    for grounding in groundings:
        if grounding.start is None or grounding.end is None:
            continue
        found = re.search(pattern, article_text[grounding.start : grounding.end])
        if found is not None:
            return grounding, found.group()
    return None


# A capitalised word, then the number after a space or a hyphen ("Level 4", "EF-3").
_LABELLED = r"\b[A-Z][A-Za-z]*[ -]{number}(?![\d.,])"


def _one_named_plus(
    figure: Figure,
    groundings: Sequence[Grounding],
    mentions: Sequence[NumberMention],
    article_text: str,
) -> tuple[Grounding, NumberMention] | None:
    """'The pilot and three passengers were killed' is 4 killed: one named, plus a count; so
    is 'three passengers were killed, and a 67-year-old farmer died in hospital' (a count,
    then one person told apart in the same quote): :func:`count_plus_one`."""
    if figure.role not in CASUALTY_ROLES:
        return None
    for grounding in groundings:
        if grounding.start is None or grounding.end is None:
            continue
        found = count_plus_one(
            article_text, grounding.start, grounding.end, mentions, figure.role, figure.value
        )
        if found is not None:
            return grounding, found
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
    return ", ".join(format_number(v) for v in values) or "none"


def _inside(grounding: Grounding, mentions: Iterable[NumberMention]) -> list[NumberMention]:
    """Mentions overlapping the span (overlap, not containment: fuzzy edges are soft)."""
    if grounding.start is None or grounding.end is None:
        return []
    return [m for m in mentions if m.start < grounding.end and m.end > grounding.start]


def coverage_gaps(
    mentions: Sequence[NumberMention],
    figures: Sequence[Figure],
    incident_of: Callable[[NumberMention], Incident | None] = lambda _: None,
) -> list[CoverageGap]:
    """Figures of the article no figure of the summary reports (same value and same role),
    one per value+role, each with its incident; a toll of none ("no deaths") needs none."""
    gaps: list[CoverageGap] = []
    seen: set[tuple[float, str]] = set()
    for mention in mentions:
        if mention.role not in GAP_ROLES or mention.value == 0:
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
        incident = incident_of(mention)
        gaps.append(
            CoverageGap(
                mention=mention_ref(mention),
                sentence=mention.sentence.strip(),
                incident=describe_incident(incident) if incident is not None else None,
                background=incident is not None and incident.background,
            )
        )
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


def _or(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _score_note(grounding: Grounding) -> str:
    if grounding.score > 0:
        return f" (best fuzzy score {grounding.score:.2f})"
    return ""
