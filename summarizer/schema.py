"""The output schema: what the model must answer, and what we add to it.

Two layers on purpose:

* :class:`SummaryDraft` is the *response model* sent to the LLM (its JSON schema
  constrains decoding on llama.cpp). It holds only what the model can know.
* :class:`ArticleSummary` is the draft plus what *we* measured: ``meta``
  (model, prompt, usage, timings) and ``verification`` (the figure cross-check).

Field names of :class:`Figure` are fixed: other tools read them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import weakref
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationError,
    ValidationInfo,
    computed_field,
    field_validator,
    model_validator,
)

from summarizer.iso_dates import DateValue, TimeValue

# The vocabularies live in one module; re-exported here because the schema is where
# readers look for them.
from summarizer.vocabulary import (
    CASUALTY_ROLES,
    ActorRole,
    ClaimKind,
    ClaimStatus,
    EventType,
    FigureStatus,
    MatchKind,
    MentionQualifier,
    Qualifier,
    Role,
    StrictLevel,
    Tally,
    Verdict,
    tally,
    verdict_of,
)
from summarizer.vocabulary import (
    EVENT_TYPES as EVENT_TYPES,
)
from summarizer.vocabulary import (
    QUALIFIERS as QUALIFIERS,
)
from summarizer.vocabulary import (
    ROLES as ROLES,
)

# Numbers are StrictInt / StrictFloat (and flags StrictBool) throughout: JSON `true` is not
# the number 1. Lax pydantic would read it as one, and a summary posted to the service or
# read by `verify` would then carry a figure, offset or token count nobody wrote
# (schemathesis found it).

# Length bounds are part of the JSON schema, so on llama.cpp they bound the grammar
# too: without them a small model can loop inside one string until max_tokens.
# (llama.cpp expands maxLength=N into N nested rules; keep N in the hundreds.)
# Room for every event and figure a careful human lists in the seed golds (5 events,
# 6 other figures); a small model's grammar is capped lower (config.grammar_list_cap).
MAX_QUOTE = 300
MAX_NOUN = 60
MAX_DESCRIPTION = 300
MAX_EVENTS = 8
MAX_FIGURES = 8
MAX_KEY_FIGURES = 8
MAX_ACTORS = 4
MAX_EVIDENCE = 3


Quote = Annotated[str, Field(min_length=1, max_length=MAX_QUOTE)]


# owner class -> {(args, kwargs): schema JSON}; weak keys, so a class made on the fly
# (a wrapper with another name, a test's model) is not kept alive by its cached schema.
_SCHEMA_JSON: weakref.WeakKeyDictionary[type, dict[tuple[Any, ...], str]] = (
    weakref.WeakKeyDictionary()
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Reported(_Model):
    """A report model whose computed fields (verdicts, counts) are written to JSON.

    Reading its own JSON back (``summarizer verify`` on a stored result) must not fail on
    them, so they are dropped on input: they are recomputed from the stored statuses.
    """

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:
        if isinstance(data, dict) and cls.model_computed_fields:
            return {k: v for k, v in data.items() if k not in cls.model_computed_fields}
        return data


class Figure(_Model):
    """One number the summary states, tied to the article by a verbatim quote."""

    value: StrictInt | StrictFloat = Field(
        description="The number as a numeral, e.g. 26 for 'twenty-six'."
    )
    qualifier: Qualifier = Field(
        default="exact",
        description="How the article hedges the number ('at least 26' -> at_least).",
    )
    role: Role = Field(description="What the number counts.")
    noun: str = Field(
        default="", max_length=MAX_NOUN, description="The counted noun or unit, e.g. 'people'."
    )
    quote: str = Field(
        min_length=1,
        max_length=MAX_QUOTE,
        description="A verbatim span of the article that contains the number.",
    )
    # Filled by us, never by the model (so not in the schema the model is given, see
    # SummaryDraft.model_json_schema): the id of the rule-extracted mention a selection
    # prompt's answer cited, and the number's character span in the article.
    mention: str | None = None
    span: tuple[StrictInt, StrictInt] | None = None

    @field_validator("value")
    @classmethod
    def _finite(cls, value: int | float) -> int | float:
        if isinstance(value, float):
            if not math.isfinite(value):
                raise ValueError("value must be a finite number")
            if value.is_integer():
                return int(value)
        return value


class Casualties(_Model):
    """Human toll of one event. The slot decides the role of its figure."""

    killed: Figure | None = None
    injured: Figure | None = None
    missing: Figure | None = None
    displaced: Figure | None = None
    arrested: Figure | None = None

    @model_validator(mode="after")
    def _slot_is_role(self) -> Casualties:
        # A figure in the `killed` slot *is* a count of killed; keep its role in step
        # so the cross-check checks the claim the slot makes.
        for slot in CASUALTY_ROLES:
            figure = getattr(self, slot)
            if figure is not None and figure.role != slot:
                setattr(self, slot, figure.model_copy(update={"role": slot}))
        return self

    def items(self) -> list[tuple[str, Figure]]:
        return [(slot, f) for slot in CASUALTY_ROLES if (f := getattr(self, slot)) is not None]


class Actor(_Model):
    name: str = Field(min_length=1, max_length=80)
    role: ActorRole = "other"


class Event(_Model):
    """One thing that happened, with where, when, who and how many."""

    event_type: EventType
    date: DateValue | None = Field(
        default=None, description="ISO date the event happened (YYYY-MM-DD)."
    )
    date_text: str | None = Field(
        default=None,
        max_length=60,
        description="The article's own words for the date, e.g. 'Saturday night'.",
    )
    location: str = Field(default="", max_length=100)
    actors: list[Actor] = Field(default_factory=list, max_length=MAX_ACTORS)
    description: str = Field(min_length=1, max_length=MAX_DESCRIPTION)
    casualties: Casualties = Field(default_factory=Casualties)
    figures: list[Figure] = Field(default_factory=list, max_length=MAX_FIGURES)
    attribution: str | None = Field(
        default=None, max_length=120, description="Who reports or claims it."
    )
    evidence: list[Quote] = Field(default_factory=list, max_length=MAX_EVIDENCE)

    def all_figures(self) -> list[tuple[str, Figure]]:
        """(path suffix, figure) for casualties then other figures."""
        out = [(f"casualties.{slot}", f) for slot, f in self.casualties.items()]
        out += [(f"figures[{i}]", f) for i, f in enumerate(self.figures)]
        return out


_CONTROL = re.compile(r"[\x00-\x1f]")


def field_path(loc: tuple[str | int, ...] | list[str | int]) -> str:
    """``("events", 0, "date")`` as ``events[0].date``: the path a check names."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def with_repairs(context: Any, repairs: list[ClaimCheck]) -> Any:
    """``context`` (a validation context) carrying ``repairs`` for the cross-check to report."""
    if not repairs:
        return context
    base = context if isinstance(context, dict) else {}
    return {**base, "repairs": [*base.get("repairs", ()), *repairs]}


def lenient_json(json_data: str | bytes | bytearray) -> tuple[Any, list[ClaimCheck]]:
    """JSON read with raw control characters (line breaks, tabs) allowed inside strings,
    and a ``repaired`` claim for each string that holds one. ValueError if still not JSON."""
    try:
        return json.loads(json_data), []  # strict JSON: an escaped "\n" is no repair
    except ValueError:
        data = json.loads(json_data, strict=False)
    return data, control_repairs(data)


def control_repairs(data: Any) -> list[ClaimCheck]:
    """A ``repaired`` claim for each string of ``data`` that holds a control character."""
    repairs: list[ClaimCheck] = []

    def visit(node: Any, loc: tuple[str | int, ...]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                visit(value, (*loc, str(key)))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                visit(value, (*loc, index))
        elif isinstance(node, str) and _CONTROL.search(node):
            repairs.append(
                ClaimCheck(
                    path=field_path(loc),
                    kind="format",
                    text=node[:80],
                    status="repaired",
                    reason=(
                        "the answer wrote a raw line break or other control character inside "
                        "this text, which JSON does not allow; read as written"
                    ),
                )
            )

    visit(data, ())
    return repairs


class LenientJSON(BaseModel):
    """A model's answer: JSON, except that raw control characters inside strings are read.

    Small models copy line breaks into strings and llama-cpp-python's grammar for a plain
    string lets them through; ``json.loads(strict=False)`` reads them as the text meant, and
    each string that held one is reported (a ``repaired`` claim, through the validation
    context). Anything else that is not JSON still fails with pydantic's own error.
    """

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        context: Any = None,
        **kwargs: Any,
    ) -> Self:
        try:
            return super().model_validate_json(json_data, strict=strict, context=context, **kwargs)
        except ValidationError as exc:
            if not any(error["type"] == "json_invalid" for error in exc.errors()):
                raise
            try:
                data, repairs = lenient_json(json_data)
            except ValueError:
                raise exc from None
            # Re-encoded, it is plain JSON again: the same (strict) JSON rules apply to it.
            return super().model_validate_json(
                json.dumps(data), strict=strict, context=with_repairs(context, repairs), **kwargs
            )


# Figure fields we fill from a rule-extracted mention; the model is never asked for them.
FIGURE_FIELDS_OURS: tuple[str, ...] = ("mention", "span")


class SummaryDraft(LenientJSON, _Model):
    """What the model answers: the response model given to instructor."""

    # The JSON schema of a model-facing class leaves out FIGURE_FIELDS_OURS; the output
    # (ArticleSummary) documents them, so the service's OpenAPI matches what it returns.
    model_facing: ClassVar[bool] = True

    headline: str = Field(min_length=1, max_length=160)
    summary: str = Field(min_length=1, max_length=700, description="2 to 4 sentences.")
    article_date: DateValue | None = Field(
        default=None, description="The dateline date (YYYY-MM-DD)."
    )
    events: list[Event] = Field(default_factory=list, max_length=MAX_EVENTS)
    key_figures: list[Figure] = Field(default_factory=list, max_length=MAX_KEY_FIGURES)

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Built once per class and arguments, a fresh copy per call.

        Each article asks for it three times (prompt hash, schema hash, instructor's
        response_format); building it costs ~2.5 ms, most of our per-article overhead.
        """
        built = _SCHEMA_JSON.setdefault(schema_owner(cls), {})
        key = (args, tuple(sorted(kwargs.items())))
        if key not in built:
            schema = super().model_json_schema(*args, **kwargs)
            if cls.model_facing:
                figure = schema.get("$defs", {}).get("Figure", {})
                for name in FIGURE_FIELDS_OURS:
                    figure.get("properties", {}).pop(name, None)
            built[key] = json.dumps(schema)
        cached: dict[str, Any] = json.loads(built[key])
        return cached

    @field_validator("article_date", mode="after")
    @classmethod
    def _dateline_wins(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        # The dateline is read by rule from the article; the model's guess never overrides it.
        dateline = _context_dateline(info)
        return dateline if dateline is not None else value

    def iter_figures(self) -> list[tuple[str, Figure]]:
        """Every figure with a stable path like ``events[0].casualties.killed``."""
        out: list[tuple[str, Figure]] = []
        for i, event in enumerate(self.events):
            out += [(f"events[{i}].{suffix}", f) for suffix, f in event.all_figures()]
        out += [(f"key_figures[{i}]", f) for i, f in enumerate(self.key_figures)]
        return out

    def iter_evidence(self) -> list[tuple[str, str]]:
        return [
            (f"events[{i}].evidence[{j}]", quote)
            for i, event in enumerate(self.events)
            for j, quote in enumerate(event.evidence)
        ]


def schema_owner(cls: type[BaseModel]) -> type[BaseModel]:
    """The class whose JSON schema ``cls`` has: itself, or the model it only wraps.

    instructor wraps the response model in a new subclass on every request (same name,
    same fields), as make_verified_model does once: keyed by class, the schema cache would
    grow by one entry per request in a long-running service and never hit.
    """
    owner = cls
    for parent in cls.__mro__[1:]:
        if (
            not issubclass(parent, BaseModel)
            or parent.__name__ != owner.__name__
            or _field_types(parent) != _field_types(owner)
        ):
            break
        owner = parent
    return owner


def _field_types(model: type[BaseModel]) -> dict[str, Any]:
    return {name: field.annotation for name, field in model.model_fields.items()}


def max_length_of(model: type[BaseModel], field: str) -> int | None:
    """The field's max_length (None: unbounded)."""
    for constraint in model.model_fields[field].metadata:
        limit = getattr(constraint, "max_length", None)
        if limit is not None:
            return int(limit)
    return None


def clip(model: type[BaseModel], field: str, text: str) -> str:
    """``text`` cut to the field's max_length: for building schema objects from other data."""
    limit = max_length_of(model, field)
    return text if limit is None else text[:limit]


def _context_dateline(info: ValidationInfo) -> dt.date | None:
    context: Any = info.context
    if isinstance(context, dict):
        value = context.get("dateline")
        if isinstance(value, dt.date):
            return value
    return None


# ---------------------------------------------------------------------------
# What we add: meta and verification.
# ---------------------------------------------------------------------------


class Usage(_Model):
    prompt_tokens: StrictInt = 0
    completion_tokens: StrictInt = 0
    total_tokens: StrictInt = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class Timings(_Model):
    total_s: StrictFloat = 0.0
    model_s: StrictFloat = 0.0
    verify_s: StrictFloat = 0.0
    server_start_s: StrictFloat | None = None


class Meta(_Model):
    """How a summary was made. Never holds a key or an auth header."""

    model: str
    backend: str
    base_url: str | None = None
    prompt_id: str
    prompt_version: str
    prompt_hash: str
    schema_hash: str
    usage: Usage = Field(default_factory=Usage)
    attempts: StrictInt = 0
    reasks: StrictInt = 0
    timings: Timings = Field(default_factory=Timings)
    cost_usd: StrictFloat | None = None
    cached: StrictBool = False
    chunks: StrictInt = 1
    created_at: TimeValue | None = None
    summarizer_version: str = ""
    # Anything the reader must know about how this result was cut short (a deadline).
    notes: list[str] = Field(default_factory=list)


class Grounding(_Model):
    """Where a quote sits in the article, and how sure the match is."""

    match: MatchKind
    start: StrictInt | None = None
    end: StrictInt | None = None
    score: StrictFloat = Field(default=0.0, ge=0.0, le=1.0)


class MentionRef(_Model):
    """A rule-extracted number mention, as recorded in a report."""

    value: StrictFloat
    value_high: StrictFloat | None = None
    text: str
    start: StrictInt
    end: StrictInt
    qualifier: MentionQualifier
    role: Role
    noun: str = ""


class _Checked(_Reported):
    """A figure or claim check: its verdict (written to JSON) follows from its status."""

    if TYPE_CHECKING:  # each subclass declares its own status vocabulary
        status: str

    @property
    def ok(self) -> bool:
        return self.status == "verified"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.status)


class FigureCheck(_Checked):
    path: str
    figure: Figure
    status: FigureStatus
    reason: str
    grounding: Grounding
    mention: MentionRef | None = None


class ClaimCheck(_Checked):
    """A claim outside the figures: a number in prose, a name, a date, an event type.

    ``path`` names the field (``summary``, ``events[1].description``, ``events[0].actors[1]``);
    ``text`` is the claim as the summary writes it (the number token, the name, the date).
    """

    path: str
    kind: ClaimKind
    text: str
    status: ClaimStatus
    reason: str
    value: StrictFloat | None = None
    qualifier: MentionQualifier | None = None
    role: Role | None = None
    mention: MentionRef | None = None


class EvidenceCheck(_Reported):
    path: str
    quote: str
    grounding: Grounding
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.grounding.match != "none"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def verdict(self) -> Verdict:
        return "verified" if self.ok else "contradicted"


class CoverageGap(_Model):
    """A figure of the article (a toll, a count of drones or homes, money, a percentage)
    that no event and no key figure reports, with the incident it belongs to."""

    mention: MentionRef
    sentence: str
    # "the flood in Biratnagar on 2025-04-03 (incident 2)"; None: the rules place it nowhere.
    incident: str | None = None
    # The incident is another time's (last year's quake, the 2008 toll): context, not news.
    background: StrictBool = False


class VerificationReport(_Reported):
    """Every check of one summary. Verdict counts cover figures, claims and evidence alike:
    a number in the headline is held to the same rule as a figure."""

    figures: list[FigureCheck] = Field(default_factory=list)
    claims: list[ClaimCheck] = Field(default_factory=list)
    evidence: list[EvidenceCheck] = Field(default_factory=list)
    uncovered: list[CoverageGap] = Field(default_factory=list)
    counts: dict[str, StrictInt] = Field(default_factory=dict)

    def checks(self) -> list[FigureCheck | ClaimCheck | EvidenceCheck]:
        """Every check with a verdict, figures first: what every count is a count of."""
        return [*self.figures, *self.claims, *self.evidence]

    def tally(self) -> Tally:
        """Every check counted by verdict (figures, numbers in prose, names, dates, event
        types, evidence): the totals text, JSON, HTML and ``/metrics`` all report."""
        return tally(self.checks())

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> int:
        return self.tally().total

    @computed_field  # type: ignore[prop-decorator]
    @property
    def verified(self) -> int:
        return self.tally().verified

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unconfirmed(self) -> int:
        return self.tally().unconfirmed

    @computed_field  # type: ignore[prop-decorator]
    @property
    def contradicted(self) -> int:
        return self.tally().contradicted

    @property
    def all_verified(self) -> bool:
        return self.verified == self.total

    def failing(
        self, strict: StrictLevel = "unverified"
    ) -> list[FigureCheck | ClaimCheck | EvidenceCheck]:
        """Checks that fail ``--strict`` (anything not verified) or ``--strict=contradicted``."""
        if strict == "contradicted":
            return [check for check in self.checks() if check.verdict == "contradicted"]
        return [check for check in self.checks() if check.verdict != "verified"]


class ArticleSummary(SummaryDraft):
    """The result: the model's draft plus how it was made and how it checked out."""

    model_facing: ClassVar[bool] = False

    meta: Meta | None = None
    verification: VerificationReport | None = None


__all__ = [
    "FIGURE_FIELDS_OURS",
    "MAX_ACTORS",
    "MAX_DESCRIPTION",
    "MAX_EVENTS",
    "MAX_EVIDENCE",
    "MAX_FIGURES",
    "MAX_KEY_FIGURES",
    "Actor",
    "ArticleSummary",
    "Casualties",
    "ClaimCheck",
    "CoverageGap",
    "Event",
    "EvidenceCheck",
    "Figure",
    "FigureCheck",
    "Grounding",
    "LenientJSON",
    "MentionRef",
    "Meta",
    "SummaryDraft",
    "Timings",
    "Usage",
    "VerificationReport",
    "clip",
    "control_repairs",
    "field_path",
    "lenient_json",
    "max_length_of",
    "schema_owner",
    "with_repairs",
]
