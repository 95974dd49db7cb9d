"""Numbers in a summary's prose (headline, summary, descriptions) checked like figures.

What a reader sees first carries numbers too, so every generated string is read by the same
extractor as the article, and each number found is a claim with a path (``summary``,
``events[1].description``) checked against the article's mentions with the rules of
:mod:`summarizer.checks.agreement`: value with scale, qualifier, role when the prose gives
one, and unit. A vague paraphrase of an event count is accepted when the article implies
it ("dozens killed" when the article says "at least 40 killed").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace

from summarizer.checks.agreement import (
    Agreement,
    confirm_in_clause,
    counts_places,
    qualifier_ok,
    role_agreement,
    same,
    same_measure,
    same_noun,
    toll_of_places,
    unit_problem,
    value_match,
)
from summarizer.checks.facts import ArticleFacts
from summarizer.checks.prose_derivations import fair_prose_reading, told_otherwise
from summarizer.checks.records import mention_brief, mention_ref
from summarizer.checks.time_anchors import (
    TIME_ANCHOR,
    anchor_period,
    background_anchor,
    overlaps,
    period_of,
)
from summarizer.numbers import (
    NumberMention,
    extract_numbers,
    hospital_after,
    role_cue_near,
)
from summarizer.numbers.lexicon import NOUN_STOP, word_set
from summarizer.schema import ClaimCheck, SummaryDraft
from summarizer.text.lazy_regex import lazy_compile
from summarizer.vocabulary import CASUALTY_ROLES, EVENT_ROLES, FORM_ROLES, ClaimStatus

__all__ = ["check_prose_number", "check_prose_numbers", "prose_fields"]

_TEXT_FIELDS = ("description", "location", "attribution")


def prose_fields(draft: SummaryDraft) -> list[tuple[str, str]]:
    """(path, text) of every generated string that may state a number."""
    fields = [("headline", draft.headline), ("summary", draft.summary)]
    for index, event in enumerate(draft.events):
        where = f"events[{index}]"
        for name in _TEXT_FIELDS:
            value = getattr(event, name)
            if value:
                fields.append((f"{where}.{name}", value))
        for number, actor in enumerate(event.actors):
            fields.append((f"{where}.actors[{number}].name", actor.name))
        for suffix, figure in event.all_figures():
            if figure.noun:
                fields.append((f"{where}.{suffix}.noun", figure.noun))
    for index, figure in enumerate(draft.key_figures):
        if figure.noun:
            fields.append((f"key_figures[{index}].noun", figure.noun))
    return fields


def check_prose_numbers(
    fields: list[tuple[str, str]],
    facts: ArticleFacts,
    times: dict[str, tuple[int | None, dt.date | None]] | None = None,
) -> list[ClaimCheck]:
    """Read every field with the extractor (in one pass) and check each number found.

    A text repeated in several fields (a summary copied into a description) is read once;
    ``times`` gives the (year, date) of an event by its path prefix (``events[2]``), so a
    number in that event's fields is judged against that event's time, not the dateline's.
    """
    unique: dict[str, int] = {}
    for _, text in fields:
        if text not in unique and _MAY_HOLD_NUMBER.search(text):
            unique[text] = len(unique)
    if not unique:
        return []
    # One extractor call over all texts, paragraphs apart so no sentence spans two of them.
    offsets: list[int] = []
    position = len(_PREFIX)
    for text in unique:
        offsets.append(position)
        position += len(text) + len(_SEPARATOR)
    joined = _PREFIX + _SEPARATOR.join(unique)
    found: list[list[NumberMention]] = [[] for _ in unique]
    index = 0
    for mention in extract_numbers(joined):
        while index + 1 < len(offsets) and mention.start >= offsets[index + 1]:
            index += 1
        if not _pronoun_one(joined, mention):
            found[index].append(mention)
    judged: dict[tuple[int, tuple[int | None, dt.date | None] | None], list[ClaimCheck]] = {}
    checks: list[ClaimCheck] = []
    for path, text in fields:
        number = unique.get(text)
        if number is None:
            continue
        when = (times or {}).get(path.split(".", 1)[0]) if path.startswith("events[") else None
        key = (number, when)
        if key not in judged:
            claims = found[number]
            judged[key] = [
                _in_context(
                    check_prose_number("", m, facts, prose=joined, when=when),
                    m,
                    claims,
                    joined,
                    facts,
                )
                for m in claims
            ]
        checks += [check.model_copy(update={"path": path}) for check in judged[key]]
    return checks


# "the previous one to hit", "a new one", "this one": "one" standing for a noun told before,
# counting nothing (not "one of the dead", "one person").
_ONE_PRONOUN_BEFORE = lazy_compile(
    r"(?i)\b(?:the|this|a|an|any|each|which|every)\s+(?:(?:previous|last|first|next|only|new|other"
    r"|same|latest|earlier|older|big|bigger|biggest|worst|deadliest|largest|smaller|recent)\s+)?$"
)
_ONE_PRONOUN_AFTER = lazy_compile(
    r"\s*(?:[,.;:)]|$|(?:to|that|which|who|in|on|at|for|from|since|is|was|has|had)\b)"
)


def _pronoun_one(prose: str, mention: NumberMention) -> bool:
    """The mention is the pronoun "one" ("the previous one to hit Renfrew County")."""
    if mention.text.lower() != "one":
        return False
    before = _ONE_PRONOUN_BEFORE.search(prose, max(0, mention.start - 30), mention.start)
    return before is not None and _ONE_PRONOUN_AFTER.match(prose, mention.end) is not None


def _in_context(
    check: ClaimCheck,
    claim: NumberMention,
    claims: list[NumberMention],
    prose: str,
    facts: ArticleFacts,
) -> ClaimCheck:
    """A verified number whose words in the prose are the article's words for another
    number is unconfirmed: "fined each convict N20 million" where the article fined each
    convict N5 million (N20 million was the bail), "profit jumps 28% to Rs 1,742 crore"
    where the article's Rs 1,742 crore came with a 38 per cent rise."""
    if check.status != "verified" or claim.role in _CALENDAR_ROLES:
        return check
    reason = _borrowed_lead(claim, prose, facts) or _parted_pair(claim, claims, prose, facts)
    if not reason:
        return check
    return check.model_copy(update={"status": "unconfirmed", "reason": reason})


_RANKED_NOUN = lazy_compile(r"[-\s]([a-z]+)\b")
_CALENDAR_ROLES = frozenset({"date_or_year", "time", "ordinal"})
_WEAK_LAST = word_set(
    "and or but to from of by with in on at for than per cent percent about nearly over "
    "around some only just rs"
)
_JOINS = frozenset({"and", "or", "but", "while", "whereas", "then"})
_PRONOUNS = word_set("them they he she it we us him whom")
_LEAD_WORD = lazy_compile(r"[\w'’-]+")
_LEAD_STOP = lazy_compile(r"[.;:!?,()\n]")


def _lead(text: str, start: int, words: int = 3) -> tuple[str, ...]:
    """The ``words`` words before the token at ``start`` in its clause, lower-cased ("" for
    fewer): a currency glued to the digits ("N20 million") is part of the token."""
    head = text[max(0, start - 80) : start]
    head = head[: len(head) - len(head.split()[-1])] if head and not head[-1].isspace() else head
    stop = max((m.end() for m in _LEAD_STOP.finditer(head)), default=0)
    found = _LEAD_WORD.findall(head[stop:].lower())
    return tuple(found[-words:]) if len(found) >= words else ()


@functools.lru_cache(maxsize=4096)
def _article_lead(text: str, start: int) -> tuple[str, ...]:
    """:func:`_lead` of an article's mention: every number of the prose compares its lead
    with every mention's, and a re-ask checks the same article again."""
    return _lead(text, start)


def _borrowed_lead(claim: NumberMention, prose: str, facts: ArticleFacts) -> str:
    """The prose's three words before the number stand before another number of the
    article, of the same role, and before none that states the prose's value."""
    lead = _lead(prose, claim.start)
    if not lead or lead[-1] in _WEAK_LAST or not all(word.isalpha() for word in lead):
        return ""  # "... and 12", "per cent to 286m": a list or a change, no phrase of its own
    if all(word in NOUN_STOP or word in _PRONOUNS for word in lead):
        return ""  # "among them a": words of no content say nothing of which number it is
    other: NumberMention | None = None
    for mention in facts.mentions:
        if _article_lead(facts.text, mention.start) != lead:
            continue
        if value_match(claim.value, mention) is not None:
            return ""
        if mention.role == claim.role:
            other = other or mention
    if other is None:
        return ""
    return f"the article says {' '.join(lead)!r} of {other.text!r}, not of {claim.text!r}"


def _parted_pair(
    claim: NumberMention, claims: list[NumberMention], prose: str, facts: ArticleFacts
) -> str:
    """A number the prose sets right beside another ("jumps 28% to Rs 1,742 crore", "second
    term with 81.2%") where the article's sentences with that other number never state this
    one but state another of its role (the 38 per cent rise to Rs 1,742 crore)."""
    if claim.role not in ("percentage", "money"):
        return ""
    for partner in claims:
        if partner is claim or partner.role in ("date_or_year", "time", claim.role):
            continue  # "Rs 1,742 crore from Rs 1,262 crore": a comparison, told apart
        if partner.role != "ordinal" and not any(ch.isdigit() for ch in partner.text):
            continue  # "half-year profit falls 41%": no number the article pins down
        lo, hi = sorted((claim, partner), key=lambda m: m.start)
        gap = prose[lo.end : hi.start]
        words = _LEAD_WORD.findall(gap.lower())
        if _LEAD_STOP.search(gap) or len(words) > 3 or _JOINS.intersection(words):
            continue  # "fined £1.2m and ordered to pay £84,500": two claims, not one
        sentences = {
            m.sentence
            for m in facts.stating(partner.value)
            if partner.role != "ordinal" or m.role == "ordinal"
        }
        if not sentences:
            continue
        beside = [m for m in facts.mentions if m.sentence in sentences]
        if any(value_match(claim.value, m) is not None for m in beside):
            continue
        rival = next((m for m in beside if m.role == claim.role), None)
        if rival is not None:
            return (
                f"the article gives {partner.text!r} with {rival.text!r}, not with {claim.text!r}"
            )
    return ""


_PREFIX = "Summary.\n\n"  # keeps a leading ISO date of the headline from reading as a dateline
_SEPARATOR = "\n\n"
_MAY_HOLD_NUMBER = lazy_compile(
    r"\d|[¼½¾⅓⅔]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozens?|scores|"
    r"half|third|quarter|first|second|fourth|fifth|sixth|seventh|eighth|ninth|tenth|several|"
    r"hundreds|thousands|millions|lakh|crore)\b",
    flags=2,  # re.IGNORECASE
)


def check_prose_number(
    path: str,
    claim: NumberMention,
    facts: ArticleFacts,
    *,
    prose: str | None = None,
    when: tuple[int | None, dt.date | None] | None = None,
) -> ClaimCheck:
    """One number read from a generated string (``prose``, the text ``claim`` was read
    from), against the article's mentions.

    A role clash is a contradiction only when a cue of the role stands right beside the
    number in the prose ("40 were killed"); a role the extractor inferred across a clause is
    compared too, but a clash is then ``unconfirmed`` (the prose may not say it). ``when`` is
    the (year, date) of the event the prose describes (default: the dateline's).
    """
    status, reason, mention = _judge_prose(claim, facts, when)
    if (
        status != "verified"
        and prose is not None
        and claim.role in EVENT_ROLES
        and not role_cue_near(prose, claim.start, claim.end, claim.role)
        and not (claim.role == "injured" and hospital_after(prose, claim.end))
    ):
        # "Three workers died and 46 people, 19 of them ..., were taken to hospital": the
        # reading carried "died" across the clause; the prose states no role for the 46,
        # so the article's 46, whatever it counts, bears it out
        bare = _judge_prose(replace(claim, role="other_count"), facts, when)
        if bare[0] == "verified":
            status, reason, mention = bare
    if status in ("role_mismatch", "unconfirmed") and prose is not None:
        # "Man killed, four injured", "kills three workers, 46 taken to hospital": a cue of
        # another role stands right beside the number too; the prose says what the article
        # says, whichever cue the reading picked. ("killed 26 people and injured over 100"
        # is no such case: two words away.)
        for role in sorted(EVENT_ROLES - {claim.role}):
            if not role_cue_near(prose, claim.start, claim.end, role, words=1):
                continue
            again = _judge_prose(replace(claim, role=role), facts, when)
            if again[0] == "verified":
                status, reason, mention = again
                break
    if status == "role_mismatch" and not (
        claim.role in EVENT_ROLES
        and (prose is None or role_cue_near(prose, claim.start, claim.end, claim.role))
    ):
        status = "unconfirmed"
    return ClaimCheck.model_construct(  # every field given: nothing to default or copy
        path=path,
        kind="number",
        text=claim.text,
        status=status,
        reason=reason,
        value=claim.value,
        qualifier=claim.qualifier,
        role=claim.role,
        mention=mention_ref(mention) if mention is not None else None,
    )


def _judge_prose(
    claim: NumberMention,
    facts: ArticleFacts,
    when: tuple[int | None, dt.date | None] | None = None,
) -> tuple[ClaimStatus, str, NumberMention | None]:
    if claim.role in CASUALTY_ROLES and counts_places(claim):
        claim = replace(claim, role="other_count")  # "28 deaths in 26 states": 26 is places
    said = f"{claim.text!r} ({claim.qualifier}, {claim.role})"
    if claim.role in ("date_or_year", "time", "ordinal"):
        return _judge_calendar(claim, facts)
    if claim.qualifier == "range" and claim.value_high is not None:
        return _judge_range(claim, facts)
    found = facts.stating(claim.value)
    if not found and _M_SUFFIX.fullmatch(claim.text) and claim.value >= 1e6:
        # "m" is metres or millions: "world-leading 1500m" where the article has only
        # the women's 1500m race is the distance
        metres = replace(claim, value=claim.value / 1e6, role="distance", noun="metres")
        if any(m.role == "distance" for m in facts.stating(metres.value)):
            return _judge_prose(metres, facts, when)
    if not found:
        told = told_otherwise(claim, facts)
        if told is not None:
            return "verified", *told
        derived = fair_prose_reading(claim, facts, when)
        if derived is not None:
            return "verified", f"a fair reading of the article: {derived[0]}", derived[1][0]
        return "not_in_article", f"{said} appears nowhere in the article", None
    undecided: NumberMention | None = None
    background: tuple[NumberMention, str] | None = None
    clash: NumberMention | None = None
    wrong_qualifier: NumberMention | None = None
    wrong_unit: tuple[NumberMention, str] | None = None
    for mention in found:
        how = value_match(claim.value, mention) or "value"
        agreement = confirm_in_clause(
            _prose_role_agreement(claim, mention.role), claim.role, mention, facts.mentions
        )
        if claim.role in CASUALTY_ROLES and toll_of_places(claim.role, claim.noun, mention):
            agreement = "clash"  # "7 injured" is not "taken to 7 hospitals"
        elif agreement != "agree" and (
            same_noun(claim.role, claim.noun, mention)
            or (claim.role == "other_count" and same_measure(claim.noun, mention))
        ):
            # "about 2,700" inmates as a population; "about 35 years old" read as a count,
            # in the article an age: the noun is the article's either way
            agreement = "agree"
        if agreement == "clash":
            clash = clash or mention
            continue
        if not _prose_qualifier_ok(claim, mention, how):
            wrong_qualifier = wrong_qualifier or mention
            continue
        problem = unit_problem(claim.noun, mention, how)
        if problem:
            wrong_unit = wrong_unit or (mention, problem)
            continue
        if agreement == "undecided":
            undecided = undecided or mention
            continue
        anchor = _background_toll(claim, mention, facts, when)
        if anchor:
            background = background or (mention, anchor)
            continue
        return "verified", f"matches the article's {mention_brief(mention)}", mention
    told = told_otherwise(claim, facts)
    if told is not None:
        return "verified", *told
    if background is not None:
        mention, anchor = background
        reason = (
            f"{said} is the article's {mention_brief(mention)} from a sentence about another time "
            f"({anchor!r}), told here as this event's"
        )
        return "other_event", reason, mention
    if undecided is not None:
        reason = (
            f"{said} matches the article's {mention_brief(undecided)}, a number the rules could not "
            f"classify; {claim.role} is not confirmed"
        )
        return "unconfirmed", reason, undecided
    if wrong_unit is not None:
        return "unit_mismatch", f"{said}: {wrong_unit[1]}", wrong_unit[0]
    if wrong_qualifier is not None:
        reason = f"{said} but the article says {mention_brief(wrong_qualifier)}"
        return "qualifier_mismatch", reason, wrong_qualifier
    assert clash is not None
    return "role_mismatch", f"{said} but in the article it counts {clash.role}", clash


def _background_toll(
    claim: NumberMention,
    mention: NumberMention,
    facts: ArticleFacts,
    when: tuple[int | None, dt.date | None] | None = None,
) -> str:
    """The anchor that makes a toll in prose another event's, or "".

    A casualty count in prose that the article gives only in a sentence about another time
    ("In 2019 a cyclone killed 77") is that event's toll, unless the prose sentence says so
    itself ("77 died in 2019").
    """
    if mention.role not in CASUALTY_ROLES or claim.role not in (mention.role, "other_count"):
        return ""
    year, date = when or (facts.year_of(None), None)
    if year is None:
        return ""
    anchor = background_anchor(mention, year, date, facts.dateline)
    if not anchor or _tells_that_time(claim.sentence, anchor, facts.dateline):
        return ""
    return anchor


def _tells_that_time(sentence: str, anchor: str, dateline: dt.date | None) -> bool:
    """The prose sentence gives a time of its own that can be the anchor's ("77 died in
    2019"); a time that cannot ("the 2024 riot, in which 13 were hurt", for a toll of 2023)
    says the toll is another event's. A time with no date to compare gives it the benefit."""
    told = list(TIME_ANCHOR.finditer(sentence))
    if not told:
        return False
    period = period_of(anchor, dateline)
    if period is None:
        return True
    for match in told:
        said = anchor_period(match, dateline)
        if said is None or overlaps(said, period):
            return True
    return False


def _prose_qualifier_ok(claim: NumberMention, mention: NumberMention, how: str) -> bool:
    """A bare number in prose repeats the article's approximate one ("31,400 hectares" for
    "about 31,400 hectares") or its lower bound ("16 hurt" for "at least 16 injured"): the
    hedge is the article's, and the prose claims no precision it lacks. Only a word of
    precision ("exactly 31,400") would."""
    if qualifier_ok(claim.qualifier, mention, how):
        return True
    if claim.qualifier == "exact" and _labels_a_measure(claim.sentence, claim.text):
        return True  # "the four-hour target" names the article's "within four hours"
    # "Storms kill 16" over "killed at least 16": prose (headlines above all) drops a
    # lower bound the number itself meets; "more than 16" excludes 16 and stays a mismatch
    return (
        claim.qualifier == "exact"
        and mention.qualifier in ("approximately", "at_least")
        and not _PRECISE.search(claim.sentence)
    )


_M_SUFFIX = lazy_compile(r"\d[\d,.]*m")
_PRECISE = lazy_compile(r"(?i)\b(?:exactly|precisely|just)\b")


def _labels_a_measure(sentence: str, number: str) -> bool:
    """The number is glued to its unit as a modifier ("the four-hour target", "a 26-week
    wait"): a label for the article's measure, claiming no precision about it."""
    return re.search(rf"(?<![\w.,-]){re.escape(number)}-[a-z]+\s+[a-z]", sentence) is not None


def _prose_role_agreement(claim: NumberMention, stated: str) -> Agreement:
    """Prose states a role only through its own cue words; without one it claims none. A
    bare amount may be the article's money ("Sh387 million" as "387 million"), and a bare
    decimal its share ("led 52.6 to 47.4": "%" left out); a bare whole number no share."""
    claimed = claim.role
    if claimed == "other_count":
        if stated == "money" or (stated == "percentage" and not float(claim.value).is_integer()):
            return "agree"
        return "clash" if stated in FORM_ROLES else "agree"
    if claimed == "population" and stated not in FORM_ROLES:
        return "agree" if stated in ("population", "other_count", "displaced") else "clash"
    return role_agreement(claimed, stated)


def _judge_range(
    claim: NumberMention, facts: ArticleFacts
) -> tuple[ClaimStatus, str, NumberMention | None]:
    assert claim.value_high is not None
    for mention in facts.mentions:
        if (
            mention.qualifier == "range"
            and mention.value_high is not None
            and same(mention.value, claim.value)
            and same(mention.value_high, claim.value_high)
        ):
            return "verified", f"matches the article's {mention_brief(mention)}", mention
    bounds = _bounds_of_range(claim, facts)
    if bounds is not None:
        low, high = bounds
        reason = f"matches the article's bounds {low.text!r} and {high.text!r} of one range"
        return "verified", reason, low
    ends = [bool(facts.stating(v)) for v in (claim.value, claim.value_high)]
    if all(ends):
        return (
            "unconfirmed",
            f"both ends of {claim.text!r} are in the article, not as a range",
            None,
        )
    return "not_in_article", f"the range {claim.text!r} is not in the article", None


def _bounds_of_range(
    claim: NumberMention, facts: ArticleFacts
) -> tuple[NumberMention, NumberMention] | None:
    """ "between 4.5pc and 5.5pc", "from Rs 45 lakh to Rs 1.2 crore": the article wrote the
    range as two bounds, each with its unit, read as at least the low and at most the high
    one of one sentence; the prose's "4.5-5.5 percent" is that range."""
    assert claim.value_high is not None
    for low in facts.stating(claim.value):
        if low.qualifier != "at_least":
            continue
        for high in facts.stating(claim.value_high):
            if (
                high.qualifier == "at_most"
                and high.start > low.end
                and len(facts.text[low.end : high.start].split()) <= 3  # "4.5pc and 5.5"
                and not unit_problem(claim.noun, low, "value")
            ):
                return low, high
    return None


def _judge_calendar(
    claim: NumberMention, facts: ArticleFacts
) -> tuple[ClaimStatus, str, NumberMention | None]:
    """Years, days of the month, times and ordinals: the article must state the value."""
    for mention in facts.mentions:
        if same(mention.value, claim.value) and (
            mention.role == claim.role or (claim.role == "ordinal" and _any_rank(claim, mention))
        ):
            return "verified", f"matches the article's {mention_brief(mention)}", mention
    if claim.role == "date_or_year":
        days = {d.day for d in facts.dates} if "day" in claim.noun else set()
        years = {d.year for d in facts.dates}
        if claim.value in days or claim.value in years:
            return "verified", f"{claim.text!r} matches a date the article gives", None
        told = _year_told_back(claim.value, facts)
        if told:
            return "verified", f"{claim.text!r} is the year the article calls {told!r}", None
    if claim.role == "ordinal":
        return "unconfirmed", f"the article states no ordinal {claim.text!r}", None
    return "not_in_article", f"{claim.text!r} ({claim.role}) appears nowhere in the article", None


def _year_told_back(year: float, facts: ArticleFacts) -> str:
    """The article's words for ``year`` counted from its dateline ("last year", "two years
    ago"), which a summary may write as the year itself; "" when it has none."""
    if facts.dateline is None:
        return ""
    for anchor in TIME_ANCHOR.finditer(facts.text):
        if anchor.group("last") != "year" and anchor.group("ago") is None:
            continue
        period = anchor_period(anchor, facts.dateline)
        if period is not None and period[0].year == period[1].year == year:
            return str(anchor.group())
    return ""


def _any_rank(claim: NumberMention, mention: NumberMention) -> bool:
    """An ordinal in prose may be any number of the article's ("the 17th" for "on 17"), but
    one that ranks a noun ("17th-minute header", "fifth count") needs the article's ordinal
    or date: "fifth on 17 points" is no 17th minute."""
    return mention.role == "date_or_year" or not (claim.noun or _ranks_a_noun(claim))


def _ranks_a_noun(claim: NumberMention) -> bool:
    """ "a 17th-minute header", "the sixth count": a word after the ordinal that is its noun."""
    at = claim.sentence.find(claim.text)
    if at < 0:
        return False
    after = _RANKED_NOUN.match(claim.sentence, at + len(claim.text))
    return after is not None and after[1].lower() not in NOUN_STOP
