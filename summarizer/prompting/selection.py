"""Selection prompts: the model picks numbers by id, the rules supply every number.

A selection prompt (front matter ``response: selection``) shows the model the article
with an id after every rule-extracted number (``$marked_article``: "At least 26 [M1]
people were injured", :func:`mark_article`), or the mentions as a list with their
clauses (``$mentions``, :func:`render_list`)::

    [M1] "At least 26 people were injured"
    [M2] "it shot down 21 of 49 drones"

The model answers in a *per-article* schema (:func:`response_model`): wherever a figure
goes it may only write one of that article's ids, listed as a JSON-schema ``enum``, so
llama.cpp's grammar and OpenAI's strict ``json_schema`` cannot produce anything else; a
server that ignores the schema gets a validation error naming the valid ids, and
instructor re-asks with it. Value, qualifier, noun, quote and span of every figure are
then copied from the mention (:func:`to_draft`), never from the model, and the usual
cross-check runs on the result, so the claimed role is still checked against the rules.

Three slot designs (``slots:`` in the front matter), measured against each other:

* ``rule-role`` (shipped): one slot per role the rules found in the article; a slot's
  enum holds only the ids the rules read with that role (casualty slots: one id or
  null; other roles: a list). The slot is the claim, so a claim can only disagree with
  the rules if the rules themselves change (or a later check, e.g. event binding, objects).
* ``claimed-role``: each event has a list of ``{"mention": id, "role": role}``; any id,
  any role. The cross-check flags the roles the rules do not support.
* ``incident``: the rule-role slots, per incident the rules found; type, place and date
  chosen from that incident's candidates (:mod:`summarizer.prompting.incident_slots`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, create_model, model_validator

from summarizer.checks.reask import make_verified_model, report_of
from summarizer.errors import ConfigError
from summarizer.iso_dates import DateValue
from summarizer.numbers import NumberMention
from summarizer.schema import (
    MAX_DESCRIPTION,
    MAX_EVENTS,
    MAX_FIGURES,
    QUALIFIERS,
    ROLES,
    Figure,
    LenientJSON,
    SummaryDraft,
    VerificationReport,
    clip,
)
from summarizer.text.dates import find_weekdays
from summarizer.text.marks import date_mark, mention_mark
from summarizer.text.sentences import sentence_at, sentence_spans
from summarizer.vocabulary import CASUALTY_ROLES, EventType, Role

SlotDesign = Literal["rule-role", "claimed-role", "incident"]
SLOT_DESIGNS: tuple[str, ...] = ("rule-role", "claimed-role", "incident")
DEFAULT_DESIGN: SlotDesign = "rule-role"

# Mentions a summary never cites as a figure: the event's date is a field of its own.
UNLISTED_ROLES = frozenset({"date_or_year", "time", "ordinal"})
# A clause shorter than this many words borrows the next part of its sentence.
MIN_CLAUSE_WORDS = 4
# Words kept around the number: enough to say what it counts ("At least 26 people were
# injured"), short enough that 20 listed numbers cost ~200 prompt tokens.
WORDS_BEFORE = 3
WORDS_AFTER = 3
MAX_LISTED = 200  # ids beyond this are not offered (bounds the grammar's enums)

# Clause breaks inside a sentence: commas, semicolons, colons, brackets, dashes.
_BREAK = re.compile(r"\s*(?:[,;:()\[\]]|\s--?\s|—|–(?=\s))\s*")

VERIFIED_DRAFT: type[SummaryDraft] = make_verified_model(SummaryDraft)


@dataclass(frozen=True, slots=True)
class ListedMention:
    """One mention as the prompt shows it: id, clause, and the mention it stands for."""

    id: str
    mention: NumberMention
    clause_start: int
    clause_end: int
    clause: str

    def line(self) -> str:
        return f'[{self.id}] "{self.clause}"'


# ---------------------------------------------------------------------------
# The list (pure)
# ---------------------------------------------------------------------------


def list_mentions(text: str, mentions: Sequence[NumberMention]) -> list[ListedMention]:
    """The mentions a summary may cite, numbered M1, M2, ... in article order."""
    listed: list[ListedMention] = []
    sentences = sentence_spans(text)
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        if mention.role in UNLISTED_ROLES or len(listed) >= MAX_LISTED:
            continue
        start, end = clause_span(text, mention.start, mention.end, sentences)
        clause = " ".join(text[start:end].split())
        listed.append(ListedMention(f"M{len(listed) + 1}", mention, start, end, clause))
    return listed


def render_list(listed: Sequence[ListedMention]) -> str:
    """One line per listed mention: ``[M1] "At least 26 people were injured"``."""
    return "\n".join(item.line() for item in listed) or "(no numbers)"


def mark_article(
    text: str, listed: Sequence[ListedMention], start: int = 0, dateline: dt.date | None = None
) -> str:
    """``text[start:]`` with each listed number followed by its id: "At least 26 [M1] people".

    Every id then sits in its own clause at the cost of ~4 tokens, where a separate
    list line costs ~15 (the seed article's 20 numbers: 1,313 prompt tokens as a list,
    about 1,000 marked in place). With a dateline, the first mention of each weekday
    also gets the date the rules resolve it to: "Saturday (2023-12-30)".
    """
    inserts = [(item.mention.end, mention_mark(item.id)) for item in listed]
    inserts += weekday_marks(text, start, dateline)
    out: list[str] = []
    cursor = start
    for end, mark in sorted(inserts, key=lambda pair: pair[0]):
        if end < cursor:
            continue
        out.append(text[cursor:end])
        out.append(mark)
        cursor = end
    out.append(text[cursor:])
    return "".join(out).strip()


def weekday_marks(text: str, start: int, dateline: dt.date | None) -> list[tuple[int, str]]:
    """(offset, " (YYYY-MM-DD)") after the first mention of each distinct weekday date."""
    if dateline is None:
        return []
    marks: list[tuple[int, str]] = []
    seen: set[dt.date] = set()
    for weekday in find_weekdays(text[start:], dateline):
        if weekday.date in seen:
            continue
        seen.add(weekday.date)
        end = start + weekday.end
        if text[end : end + 2] in ("'s", "’s"):
            end += 2
        marks.append((end, date_mark(weekday.date)))
    return marks


def clause_span(
    text: str, start: int, end: int, sentences: Sequence[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """The clause of ``text`` around ``[start, end)``: sentence part between breaks.

    A part shorter than :data:`MIN_CLAUSE_WORDS` words takes in the following part
    (then the preceding one), so "are 25" becomes "are 25 -- including six children";
    the result keeps :data:`WORDS_BEFORE` words before the number and :data:`WORDS_AFTER`
    after it at most. ``sentences`` (``text``'s :func:`~summarizer.text.sentences.sentence_spans`)
    saves splitting the text again for every number.
    """
    sent_start, sent_end = _sentence_bounds(text, start, end, sentences)
    parts = _parts(text, sent_start, sent_end)
    index = next(
        (i for i, (s, e) in enumerate(parts) if s <= start < e or s < end <= e),
        0,
    )
    lo = hi = index
    while _words_in(text, parts[lo][0], parts[hi][1]) < MIN_CLAUSE_WORDS:
        if hi + 1 < len(parts):
            hi += 1
        elif lo > 0:
            lo -= 1
        else:
            break
    clause_start, clause_end = parts[lo][0], parts[hi][1]
    clause_start = min(clause_start, start)
    clause_end = max(clause_end, end)
    return _cut_words(text, clause_start, clause_end, start, end)


def _sentence_bounds(
    text: str, start: int, end: int, sentences: Sequence[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """The number's sentence from its first word, without its closing mark and quotes."""
    left, right = sentence_at(sentence_spans(text) if sentences is None else sentences, start)
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1] in "\"”’')]":  # closers the splitter keeps
        right -= 1
    while right > end and text[right - 1] in ".!?\"'”’ \n":
        right -= 1
    return left, max(right, end)


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    cursor = start
    for match in _BREAK.finditer(text, start, end):
        if match.start() > cursor:
            parts.append((cursor, match.start()))
        cursor = match.end()
    if cursor < end:
        parts.append((cursor, end))
    return parts or [(start, end)]


def _words_in(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _cut_words(
    text: str, clause_start: int, clause_end: int, start: int, end: int
) -> tuple[int, int]:
    """The number's words plus at most WORDS_BEFORE before and WORDS_AFTER after it."""
    words = [
        (m.start() + clause_start, m.end() + clause_start)
        for m in re.finditer(r"\S+", text[clause_start:clause_end])
    ]
    first = next(i for i, (s, e) in enumerate(words) if e > start)
    last = max(i for i, (s, e) in enumerate(words) if s < end)
    lo = max(0, first - WORDS_BEFORE)
    hi = min(len(words) - 1, last + WORDS_AFTER)
    return _strip_start(text, words[lo][0], words[lo][1]), _strip_end(
        text, words[hi][0], words[hi][1]
    )


def _strip_start(text: str, start: int, end: int) -> int:
    while start < end - 1 and text[start] in "\"'“‘(":
        start += 1
    return start


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1] in ",;:.\"'”’)":
        end -= 1
    return end


# ---------------------------------------------------------------------------
# The per-article response model
# ---------------------------------------------------------------------------


class SelectionAnswer(LenientJSON, BaseModel):
    """Base of every per-article answer model: maps itself to a :class:`SummaryDraft`.

    Validated with a context holding ``listed`` (the article's :class:`ListedMention`
    list), the answer is mapped, and the mapped draft cross-checked like any other
    (re-ask on failure when ``context["reask"]``). :meth:`to_draft` returns it.
    """

    # Per-article schemas are built (validators, JSON schema) on first use, not when the
    # class is made: ingesting a batch prepares every article for its messages alone.
    model_config = ConfigDict(extra="forbid", defer_build=True)
    _draft: SummaryDraft | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _map_and_check(self, info: Any) -> SelectionAnswer:
        context = info.context
        if not isinstance(context, dict) or "listed" not in context:
            return self
        draft = to_draft(self, context["listed"], context)
        report = report_of(draft)
        if context.get("reask", True) and report is not None:
            message = selection_reask(report, context["listed"], context)
            if message:
                raise ValueError(message)
        self._draft = draft
        return self

    def to_draft(self) -> SummaryDraft:
        """The mapped draft; only an answer validated with a ``listed`` context has one."""
        if self._draft is None:
            raise ValueError(
                "a selection answer maps to a draft only when validated with its mentions"
            )
        return self._draft


def response_model(
    listed: Sequence[ListedMention], design: SlotDesign = DEFAULT_DESIGN
) -> type[SelectionAnswer]:
    """The answer schema for one article: its ids (and no others) wherever a figure goes."""
    if design == "claimed-role":
        event_fields = _claimed_role_fields(listed)
    elif design == "incident":
        raise ConfigError(
            "the incident slot design is built from the article's incidents: "
            "summarizer.prompting.incident_slots.response_model"
        )
    elif design == "rule-role":
        event_fields = _rule_role_fields(listed)
    else:
        raise ConfigError(f"unknown slot design {design!r} (known: {', '.join(SLOT_DESIGNS)})")
    event = create_model(
        "SelectedEvent",
        __config__=ConfigDict(extra="forbid", defer_build=True),
        event_type=(EventType, ...),
        date=(
            DateValue | None,
            Field(default=None, description="ISO date the event happened (YYYY-MM-DD)."),
        ),
        date_text=(str | None, Field(default=None, max_length=60)),
        location=(str, Field(default="", max_length=100)),
        description=(str, Field(min_length=1, max_length=MAX_DESCRIPTION)),
        **event_fields,
    )
    # At least one: "no events" is never a summary of a news article, and a small model
    # under a grammar takes the empty list when it may (0 events on the seed).
    return answer_model("EventSelection", (list[event], Field(min_length=1, max_length=MAX_EVENTS)))


def answer_model(name: str, events: tuple[Any, Any]) -> type[SelectionAnswer]:
    """A per-article answer schema: headline, summary and ``events`` (its type and field)."""
    return cast(
        type[SelectionAnswer],
        create_model(
            name,
            __base__=SelectionAnswer,
            headline=(str, Field(min_length=1, max_length=160)),
            summary=(str, Field(min_length=1, max_length=700, description="2 to 4 sentences.")),
            events=events,
        ),
    )


def slot_design(name: str) -> SlotDesign:
    """A prompt's ``slots:`` front matter as a design ("" means the default)."""
    if not name:
        return DEFAULT_DESIGN
    if name not in SLOT_DESIGNS:
        raise ConfigError(
            f"unknown slots {name!r} in a selection prompt (known: {', '.join(SLOT_DESIGNS)})"
        )
    return cast(SlotDesign, name)


@functools.cache
def template_model(design: SlotDesign = DEFAULT_DESIGN) -> type[SelectionAnswer]:
    """The schema with placeholder ids: what a selection prompt's hash covers."""
    return response_model(placeholder_listing(), design)


def placeholder_listing() -> list[ListedMention]:
    """One placeholder id per listable role: a schema built from it shows every slot."""
    return [
        ListedMention(f"M{i + 1}", _placeholder_mention(role), 0, 0, "")
        for i, role in enumerate(ROLES)
        if role not in UNLISTED_ROLES
    ]


def _placeholder_mention(role: Role) -> NumberMention:
    return NumberMention(0.0, None, "0", 0, 0, "exact", "", role, "")


def _ids(listed: Sequence[ListedMention], roles: Sequence[str] | None = None) -> tuple[str, ...]:
    return tuple(item.id for item in listed if roles is None or item.mention.role in roles)


def _enum(ids: tuple[str, ...]) -> Any:
    return Literal[ids]


def _claimed_role_fields(listed: Sequence[ListedMention]) -> dict[str, Any]:
    ids = _ids(listed)
    if not ids:
        return {}
    cited = create_model(
        "CitedFigure",
        __config__=ConfigDict(extra="forbid", defer_build=True),
        mention=(_enum(ids), Field(description="Id of a number in the list.")),
        role=(Role, Field(description="What the number counts.")),
    )
    return {"figures": (list[cited], Field(default_factory=list, max_length=MAX_FIGURES))}


def _rule_role_fields(listed: Sequence[ListedMention]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for role in ROLES:
        ids = _ids(listed, (role,))
        if not ids:
            continue
        if role in CASUALTY_ROLES:
            fields[role] = (_enum(ids) | None, Field(default=None))
        else:
            fields[role] = (list[_enum(ids)], Field(default_factory=list, max_length=MAX_FIGURES))  # type: ignore[misc]
    return fields


# ---------------------------------------------------------------------------
# Answer -> draft (pure)
# ---------------------------------------------------------------------------


def figure_from(item: ListedMention, role: str) -> Figure:
    """A figure whose every number and word comes from the mention; ``role`` is the claim."""
    mention = item.mention
    qualifier = mention.qualifier if mention.qualifier in QUALIFIERS else "at_least"  # a range
    return Figure(
        value=mention.value,
        qualifier=qualifier,
        role=role,
        noun=clip(Figure, "noun", mention.noun),
        quote=item.clause,
        mention=item.id,
        span=(mention.start, mention.end),
    )


def cited_figures(event: BaseModel, by_id: dict[str, ListedMention]) -> list[tuple[str, str]]:
    """(id, claimed role) for every figure an answer's event cites, in answer order."""
    data = event.model_dump()
    out: list[tuple[str, str]] = [(f["mention"], f["role"]) for f in data.get("figures") or []]
    for role in ROLES:
        value = data.get(role)
        if value is None:
            continue
        out += [
            (mention_id, role) for mention_id in (value if isinstance(value, list) else [value])
        ]
    return [(mid, role) for mid, role in out if mid in by_id]


def to_draft(
    answer: BaseModel, listed: Sequence[ListedMention], context: dict[str, Any] | None = None
) -> SummaryDraft:
    """The :class:`SummaryDraft` an answer stands for, cross-checked when ``context`` has the article.

    Per event, the first figure of each casualty role fills that casualty slot; every other
    figure goes to ``figures``. An id cited twice in one event counts once.
    """
    by_id = {item.id: item for item in listed}
    events: list[dict[str, Any]] = []
    reported: set[str] = set()  # incident ids (the incident design): each is one event
    for event in getattr(answer, "events", []):
        if event is None:  # an incident the model chose not to report (incident design)
            continue
        incident = getattr(event, "incident", None)
        if incident is not None:
            if incident in reported:
                continue
            reported.add(incident)
        casualties: dict[str, Figure] = {}
        figures: list[Figure] = []
        seen: set[str] = set()
        for mention_id, role in cited_figures(event, by_id):
            if mention_id in seen:
                continue
            seen.add(mention_id)
            figure = figure_from(by_id[mention_id], role)
            if role in CASUALTY_ROLES and role not in casualties:
                casualties[role] = figure
            elif len(figures) < MAX_FIGURES:
                figures.append(figure)
        events.append(
            {
                "event_type": event.event_type,
                "date": event.date,
                "date_text": getattr(event, "date_text", None) or None,
                "location": getattr(event, "location", ""),
                "description": event.description,
                "casualties": casualties,
                "figures": figures,
            }
        )
    data = {
        "headline": answer.headline,  # type: ignore[attr-defined]
        "summary": answer.summary,  # type: ignore[attr-defined]
        "events": events,
    }
    check_context = {**context, "reask": False} if context and "article" in context else context
    return VERIFIED_DRAFT.model_validate(data, context=check_context)


def rebase(draft: SummaryDraft, listed: Sequence[ListedMention]) -> SummaryDraft:
    """``draft`` with each cited figure's id and span taken from ``listed`` (the whole article).

    A long article is summarized in chunks, each with its own ids and offsets; the merged
    draft is finished against the whole text, so its figures are matched back to the
    whole article's listing by clause and value (same id when it still fits). A figure
    that matches nothing there keeps its quote and loses id and span.
    """
    by_clause: dict[tuple[str, float], list[ListedMention]] = {}
    for item in listed:
        by_clause.setdefault((item.clause, item.mention.value), []).append(item)

    def fix(figure: Figure) -> Figure:
        if figure.mention is None:
            return figure
        found = by_clause.get((figure.quote, float(figure.value)), [])
        item = next((i for i in found if i.id == figure.mention), found[0] if found else None)
        if item is None:
            return figure.model_copy(update={"mention": None, "span": None})
        span = (item.mention.start, item.mention.end)
        if (item.id, span) == (figure.mention, figure.span):
            return figure
        return figure.model_copy(update={"mention": item.id, "span": span})

    events = []
    changed = False
    for event in draft.events:
        casualties = event.casualties.model_copy(
            update={slot: fix(f) for slot, f in event.casualties.items()}
        )
        figures = [fix(f) for f in event.figures]
        changed = changed or casualties != event.casualties or figures != event.figures
        events.append(event.model_copy(update={"casualties": casualties, "figures": figures}))
    key_figures = [fix(f) for f in draft.key_figures]
    if not changed and key_figures == draft.key_figures:
        return draft
    return draft.model_copy(update={"events": events, "key_figures": key_figures})


def selection_reask(
    report: VerificationReport, listed: Sequence[ListedMention], context: dict[str, Any]
) -> str | None:
    """What to tell the model when a cited figure fails: by id, with the rules' reading."""
    failing = [check for check in report.figures if not check.ok]
    if not failing:
        return None
    by_id = {item.id: item for item in listed}
    lines = [
        f"{len(failing)} of {len(report.figures)} cited numbers do not check out against the article:"
    ]
    for check in failing:
        item = by_id.get(check.figure.mention or "")
        if item is not None and check.status == "role_mismatch":
            lines.append(
                f"- {check.path}: {item.id} {item.line()[len(item.id) + 3 :]} counts "
                f"{item.mention.role}, not {check.figure.role}; "
                f"cite it as {item.mention.role} or drop it."
            )
        else:
            lines.append(f"- {check.path} ({check.figure.mention}): {check.reason}.")
    lines.append("Cite only ids from the list, in a slot that says what the number counts.")
    return "\n".join(lines)


__all__ = [
    "SLOT_DESIGNS",
    "UNLISTED_ROLES",
    "ListedMention",
    "SelectionAnswer",
    "answer_model",
    "cited_figures",
    "clause_span",
    "figure_from",
    "list_mentions",
    "mark_article",
    "placeholder_listing",
    "rebase",
    "render_list",
    "response_model",
    "selection_reask",
    "slot_design",
    "template_model",
    "to_draft",
    "weekday_marks",
]
