"""The closed vocabularies, defined once: qualifiers, roles, event types, actor roles, and
the statuses of checks with the verdict each stands for (and how checks are counted by it).

The response schema (:mod:`summarizer.schema`), the number extractor, the cross-check and
the scorer all import from here, so a word added to a vocabulary reaches every part at once
(``tests/unit/test_vocabulary.py`` checks that every enum of the JSON schema comes from here).
Groups of roles are named sets, never slices, so their meaning does not depend on order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol, get_args

# How an article hedges a number: "at least 26" -> at_least.
Qualifier = Literal["exact", "at_least", "more_than", "approximately", "at_most", "less_than"]
# The extractor also reads ranges ("12-13%"), which a figure states as two bounds instead.
MentionQualifier = Literal[
    "exact", "at_least", "more_than", "approximately", "at_most", "less_than", "range"
]

# What a number counts; shared by model figures and rule-extracted mentions, so the
# cross-check compares like with like.
Role = Literal[
    "killed",
    "injured",
    "missing",
    "displaced",
    "arrested",
    "launched",
    "intercepted",
    "damaged",
    "population",
    "distance",
    "duration",
    "money",
    "percentage",
    "date_or_year",
    "time",
    "ordinal",
    "other_count",
]

# A closed vocabulary inspired by ACLED's event types and sub-event types.
EventType = Literal[
    "missile_strike",
    "drone_strike",
    "air_strike",
    "shelling",
    "armed_clash",
    "bombing",
    "attack",
    "protest",
    "riot",
    "arrest",
    "meeting",
    "statement",
    "natural_disaster",
    "accident",
    "fire",
    "explosion",
    "economic",
    "other",
]

ActorRole = Literal["perpetrator", "target", "victim", "responder", "mediator", "other"]

QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
MENTION_QUALIFIERS: tuple[MentionQualifier, ...] = get_args(MentionQualifier)
ROLES: tuple[Role, ...] = get_args(Role)
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)
ACTOR_ROLES: tuple[ActorRole, ...] = get_args(ActorRole)

# What each word means, for people: docs/vocabulary.md is generated from these
# (tools/vocabulary_doc.py) and tests/unit/test_vocabulary.py checks every word has one.
QUALIFIER_MEANINGS: dict[MentionQualifier, str] = {
    "exact": "the number as stated: '26 people'",
    "at_least": "a lower bound: 'at least 26', 'no fewer than 26'",
    "more_than": "strictly above: 'more than 100', 'over 100'",
    "approximately": "a rounded or hedged number: 'about 40', 'nearly 40', 'some 40'",
    "at_most": "an upper bound: 'up to 12', 'at most 12'",
    "less_than": "strictly below: 'fewer than 10', 'under 10'",
    "range": "two numbers read as one span: '12-13%' (extractor only; a figure states two bounds)",
}
ROLE_MEANINGS: dict[Role, str] = {
    "killed": "people killed or dead",
    "injured": "people injured or wounded",
    "missing": "people missing or unaccounted for",
    "displaced": "people displaced, evacuated or left homeless",
    "arrested": "people arrested or detained",
    "launched": "missiles, drones, rockets or shells launched or fired",
    "intercepted": "missiles or drones intercepted or shot down",
    "damaged": "buildings, homes or vehicles damaged or destroyed",
    "population": "the people living in a place",
    "distance": "a length: miles, kilometres, metres",
    "duration": "a span of time: years, days, hours",
    "money": "an amount of money: '$4.29 billion'",
    "percentage": "a percent or percentage points",
    "date_or_year": "a year or a date",
    "time": "a clock time: '6:30 a.m.'",
    "ordinal": "a rank: 'the third', '2nd'",
    "other_count": "a count of something else (a figure of this role claims no role)",
}
EVENT_TYPE_MEANINGS: dict[EventType, str] = {
    "missile_strike": "missiles or rockets hit a place",
    "drone_strike": "drones hit a place",
    "air_strike": "aircraft bombed a place",
    "shelling": "artillery or mortar fire",
    "armed_clash": "fighting between armed groups",
    "bombing": "a bomb or explosive device set off",
    "attack": "an assault, shooting or raid not covered above",
    "protest": "a demonstration, rally or march",
    "riot": "violent unrest",
    "arrest": "people arrested or detained",
    "meeting": "talks, a summit or negotiations",
    "statement": "something announced, said or forecast",
    "natural_disaster": "an earthquake, flood, storm, wildfire...",
    "accident": "a crash, collapse, capsizing or derailment",
    "fire": "a fire or blaze",
    "explosion": "an explosion not caused by an attack",
    "economic": "profits, markets, prices, jobs",
    "other": "anything else (never confirmed or contradicted by cue words)",
}
ACTOR_ROLE_MEANINGS: dict[ActorRole, str] = {
    "perpetrator": "who did it",
    "target": "who or what it was aimed at",
    "victim": "who suffered it",
    "responder": "who responded: rescuers, police, officials",
    "mediator": "who mediated or negotiated",
    "other": "anyone else named",
}

# The toll of an event: the slots of ``Casualties``, in display order.
CASUALTY_ROLES: tuple[Role, ...] = ("killed", "injured", "missing", "displaced", "arrested")
# Roles that cue words in the text decide ("killed", "shot down"); the rest follow from form.
EVENT_ROLES: frozenset[Role] = frozenset(
    {"killed", "injured", "missing", "displaced", "arrested", "launched", "intercepted", "damaged"}
)
# Roles that count people.
PEOPLE_ROLES: frozenset[Role] = EVENT_ROLES | {"population"}
# Roles that count things (as opposed to measuring them: money, distance, time...).
COUNT_ROLES: frozenset[Role] = EVENT_ROLES | {"population", "other_count"}
# Roles whose value the form of the number fixes (a unit, a sign, a date shape).
FORM_ROLES: frozenset[Role] = frozenset(ROLES) - COUNT_ROLES
# Mentions a summary should report; arrests are not a toll of the event itself.
COVERAGE_ROLES: tuple[Role, ...] = ("killed", "injured", "missing", "displaced")
# Figures a reader expects an event (or a key figure) to carry; the ones no event reports
# are listed per incident, so a summary that leaves out every money figure shows it.
GAP_ROLES: tuple[Role, ...] = (
    *CASUALTY_ROLES,
    "launched",
    "intercepted",
    "damaged",
    "money",
    "percentage",
)

# Words that show an event of a type happened; a summary's event type with none of its
# words in the article cannot be confirmed. Stems: matched at the start of a word.
EVENT_TYPE_CUES: dict[EventType, tuple[str, ...]] = {
    "missile_strike": ("missile", "rocket", "ballistic", "cruise", "warhead", "projectile"),
    "drone_strike": ("drone", "uav", "unmanned", "shahed", "kamikaze"),
    "air_strike": (
        "airstrike",
        "air strike",
        "air raid",
        "warplane",
        "jet",
        "bomber",
        "aerial",
        "aircraft",
        "air force",
    ),
    "shelling": ("shell", "artillery", "mortar", "howitzer", "bombard"),
    "armed_clash": (
        "clash",
        "fighting",
        "firefight",
        "gunfight",
        "gun duel",
        "shootout",
        "shoot-out",
        "exchange of fire",
        "exchanged fire",
        "battle",
        "skirmish",
    ),
    "bombing": ("bomb", "explosive", "blast", "suicide", "ied", "detonat"),
    "attack": ("attack", "assault", "strike", "struck", "raid", "gunm", "shoot", "stab"),
    "protest": (
        "protest",
        "demonstrat",
        "rally",
        "march",
        "strike",
        "sit-in",
        "dispers",
        "crowd",
        "agitat",
        "dharna",
        "slogan",
        "picket",
        "tear gas",
        "teargas",
        "water cannon",
    ),
    "riot": (
        "riot",
        "unrest",
        "looting",
        "clash",
        "violence",
        "mob",
        "arson",
        "vandal",
        "torched",
        "scuffle",
        "brawl",
        "melee",
        "fracas",
        "stone-pelting",
        "stone pelting",
    ),
    "arrest": ("arrest", "detain", "custody", "apprehend", "jail"),
    "meeting": ("meet", "talks", "summit", "negotiat", "conference"),
    "statement": (
        "said",
        "say",
        "statement",
        "announc",
        "declar",
        "told",
        "report",
        "forecast",
        "expect",
        "predict",
        "warn",
    ),
    "natural_disaster": (
        "earthquake",
        "quake",
        "flood",
        "storm",
        "hurricane",
        "cyclone",
        "typhoon",
        "tsunami",
        "landslide",
        "drought",
        "wildfire",
        "volcan",
        "tornado",
        "avalanche",
        "mudslide",
        "heatwave",
        "heat wave",
        "heat-wave",
        "extreme heat",
        "cold wave",
        "cold snap",
        "blizzard",
        "bushfire",
        "bush fire",
        "forest fire",
        "brush fire",
        "grass fire",
        "veld fire",
        "wildland fire",
        "monsoon",
        "eruption",
        "natural hazard",
        "natural disaster",
    ),
    "accident": (
        "accident",
        "crash",
        "collision",
        "capsiz",
        "sank",
        "sink",
        "derail",
        "collaps",
        "overturn",
        "mishap",
        "stampede",
        "crush",
        # transport and work accidents told by what happened, not by the word
        "turbulence",
        "emergency landing",
        "electrocut",
        "plung",
        "aground",
        "skid",
        "veer",
        "toppl",
        "fell from",
        "fell into",
    ),
    "fire": ("fire", "blaze", "flame", "burn", "wildfire", "inferno"),
    "explosion": ("explo", "blast", "detonat", "blew up"),
    "economic": (
        "profit",
        "revenue",
        "share",
        "stock",
        "market",
        "econom",
        "price",
        "inflation",
        "index",
        "earning",
        "sales",
        "gdp",
        "trade",
        "investor",
        "jobs",
    ),
    "other": (),
}


# ---------------------------------------------------------------------------
# Statuses of checks, and the verdict each stands for
# ---------------------------------------------------------------------------

MatchKind = Literal["exact", "normalized", "fuzzy", "none"]
FigureStatus = Literal[
    "verified",
    "unconfirmed",
    "qualifier_mismatch",
    "role_mismatch",
    "unit_mismatch",
    "other_event",
    "not_in_quote",
    "quote_not_found",
    "not_in_article",
]
# Claims outside figures: numbers in prose, names, dates, event types.
ClaimStatus = Literal[
    "verified",
    "unconfirmed",
    "qualifier_mismatch",
    "role_mismatch",
    "unit_mismatch",
    "not_in_article",
    "quote_not_found",
    "name_not_in_article",
    "date_not_in_article",
    "date_mismatch",
    # The answer's form (kind "format"): a value the schema refused after the re-asks ran
    # out, dropped (malformed); a text that stops at its length limit (cut); invalid JSON
    # read as meant (repaired).
    "malformed",
    "cut",
    "repaired",
    "other_event",
]
ClaimKind = Literal["number", "name", "date", "event_type", "evidence", "format"]
# Every status, in the order a report counts them (``VerificationReport.counts``).
FIGURE_STATUSES: tuple[FigureStatus, ...] = get_args(FigureStatus)
CLAIM_STATUSES: tuple[ClaimStatus, ...] = get_args(ClaimStatus)


# What a reader is told about a claim: the rules confirmed it, could not confirm it
# (grounded value, role or unit undecidable), or found it wrong (any other status).
Verdict = Literal["verified", "unconfirmed", "contradicted"]
# What ``--strict`` fails on: anything not verified, or only contradictions.
StrictLevel = Literal["unverified", "contradicted"]
# A cut or repaired text is kept as the model wrote it: not wrong, but not confirmed whole.
UNCONFIRMED_STATUSES: frozenset[str] = frozenset({"unconfirmed", "cut", "repaired"})
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)


def verdict_of(status: str) -> Verdict:
    """The verdict a status stands for: only ``verified`` is verified."""
    if status == "verified":
        return "verified"
    return "unconfirmed" if status in UNCONFIRMED_STATUSES else "contradicted"


class HasVerdict(Protocol):
    @property
    def verdict(self) -> Verdict: ...


@dataclass(frozen=True, slots=True)
class Tally:
    """Checks counted by verdict: the one count every output (text, JSON, HTML, metrics)
    shows, so no two of them can disagree about the same summary."""

    verified: int = 0
    unconfirmed: int = 0
    contradicted: int = 0

    @property
    def total(self) -> int:
        return self.verified + self.unconfirmed + self.contradicted

    def __getitem__(self, verdict: Verdict) -> int:
        return int(getattr(self, verdict))

    def items(self) -> list[tuple[Verdict, int]]:
        """(verdict, count) in the order verified, unconfirmed, contradicted."""
        return [(verdict, self[verdict]) for verdict in VERDICTS]


def tally(checks: Iterable[HasVerdict]) -> Tally:
    """Count ``checks`` by verdict: every count of checks in any output comes from here."""
    counts = dict.fromkeys(VERDICTS, 0)
    for check in checks:
        counts[check.verdict] += 1
    return Tally(**counts)


__all__ = [
    "ACTOR_ROLES",
    "ACTOR_ROLE_MEANINGS",
    "CASUALTY_ROLES",
    "CLAIM_STATUSES",
    "COUNT_ROLES",
    "COVERAGE_ROLES",
    "EVENT_ROLES",
    "EVENT_TYPES",
    "EVENT_TYPE_CUES",
    "EVENT_TYPE_MEANINGS",
    "FIGURE_STATUSES",
    "FORM_ROLES",
    "GAP_ROLES",
    "MENTION_QUALIFIERS",
    "PEOPLE_ROLES",
    "QUALIFIERS",
    "QUALIFIER_MEANINGS",
    "ROLES",
    "ROLE_MEANINGS",
    "UNCONFIRMED_STATUSES",
    "VERDICTS",
    "ActorRole",
    "ClaimKind",
    "ClaimStatus",
    "EventType",
    "FigureStatus",
    "HasVerdict",
    "MatchKind",
    "MentionQualifier",
    "Qualifier",
    "Role",
    "StrictLevel",
    "Tally",
    "Verdict",
    "tally",
    "verdict_of",
]
