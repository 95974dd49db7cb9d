"""Tests for the scoring of summarizer.evaluation: the rules, the matching, and damaged copies of the gold.

Expected numbers are derived from the rules and from counts in the gold files (events,
non-null casualty slots, other figures), never copied from a run of the scorer.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evaluation.comparison import classify_change, compare_reports, field_means
from summarizer.evaluation.fields import casualty_slot_outcome, date_correct, figure_recall
from summarizer.evaluation.gold import (
    GoldFigure,
    gold_events,
    gold_to_summary,
    load_gold,
    parse_gold_events,
)
from summarizer.evaluation.locations import locations_equal, normalize_location
from summarizer.evaluation.matching import (
    MIN_SIMILARITY,
    TYPE_FAMILIES,
    assign,
    date_similarity,
    location_similarity,
    match_events,
    type_family,
    type_similarity,
)
from summarizer.evaluation.scoring import (
    CHECK_FIELDS,
    FIELDS,
    OVERALL_FIELDS,
    precision_recall_f1,
    score_summary,
)
from summarizer.schema import (
    EVENT_TYPES,
    ArticleSummary,
    Figure,
    FigureCheck,
    Grounding,
    SummaryDraft,
    VerificationReport,
)
from tests.support.paths import ROOT

SEEDS_DIR = ROOT / "seeds"
SEED_PATHS = sorted(SEEDS_DIR.glob("*.gold.json"))
SEED_IDS = [p.name.removesuffix(".gold.json") for p in SEED_PATHS]
GOLDS: dict[str, dict[str, Any]] = {
    sid: load_gold(p) for sid, p in zip(SEED_IDS, SEED_PATHS, strict=True)
}
SCORED_FIELDS = [f for f in FIELDS if f not in CHECK_FIELDS]

# A type outside every family and a place on no seed's map.
FAR_TYPES = ("protest", "economic")
FAR_PLACE = "Reykjavik, Iceland"
BOGUS_EVENT: dict[str, Any] = {
    "summary": "A bogus protest that no article mentions.",
    "event_type": "protest",
    "date": "1999-01-01",
    "date_end": None,
    "location": FAR_PLACE,
    "perpetrator": None,
    "killed": None,
    "injured": None,
    "other_figures": [],
    "attribution": None,
}


def test_seeds_are_present() -> None:
    assert len(SEED_PATHS) >= 5


# ---------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------


def events_of(gold: dict[str, Any]) -> list[dict[str, Any]]:
    return gold["events"]


def casualty_slots(gold: dict[str, Any]) -> int:
    return sum(e[slot] is not None for e in events_of(gold) for slot in ("killed", "injured"))


def other_figure_count(gold: dict[str, Any]) -> int:
    return sum(len(e["other_figures"]) for e in events_of(gold))


def score_damaged(sid: str, damage: Callable[[dict[str, Any]], None]) -> tuple[Any, dict[str, Any]]:
    """Score a damaged copy of the gold (turned into a prediction) against the intact gold."""
    gold = GOLDS[sid]
    damaged = copy.deepcopy(gold)
    damage(damaged)
    return score_summary(gold_to_summary(damaged), gold), gold


def assert_only(score: Any, expected: dict[str, float]) -> None:
    """The named fields have the expected values; every other scored field is exactly 1.0."""
    for field in SCORED_FIELDS:
        if field == "overall":
            continue
        value = getattr(score, field)
        if field in expected:
            assert value == pytest.approx(expected[field]), (field, value, score.notes)
        else:
            assert value == 1.0, (field, value, score.notes)
    parts = [getattr(score, f) for f in OVERALL_FIELDS]
    assert score.overall == pytest.approx(sum(parts) / len(parts))


def seed_event_pairs(predicate: Callable[[dict[str, Any]], bool] = lambda e: True) -> list[Any]:
    return [
        pytest.param(sid, i, id=f"{sid}-e{i}")
        for sid in SEED_IDS
        for i, event in enumerate(events_of(GOLDS[sid]))
        if predicate(event)
    ]


def draft(events: list[dict[str, Any]]) -> SummaryDraft:
    return gold_to_summary({"id": "t", "date": "2024-01-01", "events": events})


def event(**over: Any) -> dict[str, Any]:
    base = {
        "summary": "Something happened.",
        "event_type": "missile_strike",
        "date": "2024-01-01",
        "date_end": None,
        "location": "Kharkiv, Ukraine",
        "perpetrator": None,
        "killed": None,
        "injured": None,
        "other_figures": [],
        "attribution": None,
    }
    base.update(over)
    return base


# ---------------------------------------------------------------------------
# Gold conversion and self-scoring.
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("sid", SEED_IDS)
def test_gold_events_keep_gold_content(sid: str) -> None:
    gold = GOLDS[sid]
    events = gold_events(gold)
    assert len(events) == len(gold["events"])
    for ev, raw in zip(events, gold["events"], strict=True):
        assert ev.event_type == raw["event_type"]
        assert ev.date == dt.date.fromisoformat(raw["date"])
        assert ev.location == (raw["location"] or "")
        for slot in ("killed", "injured"):
            fig = getattr(ev.casualties, slot)
            if raw[slot] is None:
                assert fig is None
            else:
                assert (fig.value, fig.qualifier, fig.role) == (
                    raw[slot]["value"],
                    raw[slot]["qualifier"],
                    slot,
                )
        assert [(f.role, f.value, f.qualifier) for f in ev.figures] == [
            (f["role"], f["value"], f["qualifier"]) for f in raw["other_figures"]
        ]
        assert ev.attribution == raw["attribution"]
    summary = gold_to_summary(gold)
    assert summary.article_date == dt.date.fromisoformat(gold["date"])
    assert len(summary.events) == len(events)


@pytest.mark.parametrize("sid", SEED_IDS)
def test_gold_against_itself_scores_one_everywhere(sid: str) -> None:
    gold = GOLDS[sid]
    score = score_summary(gold_to_summary(gold), gold)
    for field in SCORED_FIELDS:
        assert getattr(score, field) == 1.0, field
    assert score.figures_verified is None  # a draft has no verification report
    n = len(gold["events"])
    assert [(m.pred_index, m.gold_index) for m in score.matches] == [(i, i) for i in range(n)]
    assert score.unmatched_gold == [] and score.unmatched_pred == []
    assert score.notes == []
    assert score.seed_id == gold["id"]


@pytest.mark.parametrize("sid", SEED_IDS)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_event_order_does_not_matter(sid: str, data: st.DataObject) -> None:
    gold = GOLDS[sid]
    order = data.draw(st.permutations(range(len(gold["events"]))))
    shuffled = copy.deepcopy(gold)
    shuffled["events"] = [gold["events"][i] for i in order]
    score = score_summary(gold_to_summary(shuffled), gold)
    for field in SCORED_FIELDS:
        assert getattr(score, field) == 1.0, field
    assert sorted((m.pred_index, m.gold_index) for m in score.matches) == sorted(
        (p, g) for p, g in enumerate(order)
    )


def test_unknown_event_type_in_gold_is_rejected() -> None:
    with pytest.raises(ValueError, match="event_type"):
        parse_gold_events({"events": [event(event_type="volcano")]})


def test_date_end_before_date_is_rejected() -> None:
    with pytest.raises(ValueError, match="date_end"):
        parse_gold_events({"events": [event(date="2024-01-05", date_end="2024-01-01")]})


# ---------------------------------------------------------------------------
# Damaged copies lower exactly the damaged field.
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("sid", "i"), seed_event_pairs())
def test_dropping_an_event_lowers_recall_only(sid: str, i: int) -> None:
    score, gold = score_damaged(sid, lambda g: g["events"].pop(i))
    n = len(gold["events"])
    recall = (n - 1) / n
    assert_only(score, {"event_recall": recall, "event_f1": 2 * recall / (1 + recall)})
    assert score.event_precision == 1.0
    assert score.unmatched_gold == [i]


@pytest.mark.parametrize("sid", SEED_IDS)
def test_a_bogus_event_lowers_precision_only(sid: str) -> None:
    score, gold = score_damaged(sid, lambda g: g["events"].append(copy.deepcopy(BOGUS_EVENT)))
    n = len(gold["events"])
    precision = n / (n + 1)
    assert_only(score, {"event_precision": precision, "event_f1": 2 * precision / (1 + precision)})
    assert score.unmatched_pred == [n]
    assert any(note.field == "event_precision" and note.pred_index == n for note in score.notes)


@pytest.mark.parametrize(("sid", "i"), seed_event_pairs())
def test_a_duplicated_event_matches_once(sid: str, i: int) -> None:
    """One-to-one: two identical predictions cannot both take the same gold event."""
    score, gold = score_damaged(sid, lambda g: g["events"].append(copy.deepcopy(g["events"][i])))
    n = len(gold["events"])
    assert len(score.matches) == n
    assert len({m.gold_index for m in score.matches}) == n
    assert score.event_precision == pytest.approx(n / (n + 1))
    assert score.event_recall == 1.0


@pytest.mark.parametrize(("sid", "i"), seed_event_pairs(lambda e: e["killed"] is not None))
def test_a_wrong_killed_value_lowers_casualties_only(sid: str, i: int) -> None:
    def damage(g: dict[str, Any]) -> None:
        g["events"][i]["killed"]["value"] += 1000

    score, gold = score_damaged(sid, damage)
    slots = casualty_slots(gold)
    assert_only(score, {"casualties": (slots - 1) / slots})
    assert any(
        n.field == "casualties" and n.gold_index == i and "killed" in n.message for n in score.notes
    )


@pytest.mark.parametrize(("sid", "i"), seed_event_pairs(lambda e: e["injured"] is not None))
def test_a_wrong_injured_value_lowers_casualties_only(sid: str, i: int) -> None:
    def damage(g: dict[str, Any]) -> None:
        g["events"][i]["injured"]["value"] += 1000

    score, gold = score_damaged(sid, damage)
    slots = casualty_slots(gold)
    assert_only(score, {"casualties": (slots - 1) / slots})


@pytest.mark.parametrize(("sid", "i"), seed_event_pairs(lambda e: e["killed"] is not None))
def test_a_wrong_qualifier_lowers_casualties_only(sid: str, i: int) -> None:
    def damage(g: dict[str, Any]) -> None:
        fig = g["events"][i]["killed"]
        fig["qualifier"] = "approximately" if fig["qualifier"] != "approximately" else "exact"

    score, gold = score_damaged(sid, damage)
    slots = casualty_slots(gold)
    assert_only(score, {"casualties": (slots - 1) / slots})


def test_swapped_qualifiers_cost_both_slots() -> None:
    sid = "belgorod-kharkiv-2024-01-01"
    belgorod = next(
        i for i, e in enumerate(events_of(GOLDS[sid])) if e["location"] == "Belgorod, Russia"
    )

    def damage(g: dict[str, Any]) -> None:
        ev = g["events"][belgorod]
        ev["killed"]["qualifier"], ev["injured"]["qualifier"] = (
            ev["injured"]["qualifier"],
            ev["killed"]["qualifier"],
        )

    score, gold = score_damaged(sid, damage)
    assert (
        events_of(gold)[belgorod]["killed"]["qualifier"]
        != events_of(gold)[belgorod]["injured"]["qualifier"]
    )
    slots = casualty_slots(gold)
    assert_only(score, {"casualties": (slots - 2) / slots})


@pytest.mark.parametrize(("sid", "i"), seed_event_pairs(lambda e: e["injured"] is None))
def test_a_casualty_slot_gold_leaves_empty_is_penalised(sid: str, i: int) -> None:
    def damage(g: dict[str, Any]) -> None:
        g["events"][i]["injured"] = {"value": 7, "qualifier": "exact"}

    score, gold = score_damaged(sid, damage)
    slots = casualty_slots(gold)
    assert_only(score, {"casualties": slots / (slots + 1)})


@pytest.mark.parametrize(("sid", "i"), seed_event_pairs(lambda e: bool(e["other_figures"])))
def test_a_wrong_other_figure_lowers_other_figures_only(sid: str, i: int) -> None:
    def damage(g: dict[str, Any]) -> None:
        g["events"][i]["other_figures"][0]["value"] += 1000

    score, gold = score_damaged(sid, damage)
    total = other_figure_count(gold)
    assert_only(score, {"other_figures": (total - 1) / total})


@pytest.mark.parametrize(("sid", "i"), seed_event_pairs())
def test_a_shifted_date_lowers_dates_only(sid: str, i: int) -> None:
    def damage(g: dict[str, Any]) -> None:
        ev = g["events"][i]
        ev["date"] = (dt.date.fromisoformat(ev["date"]) - dt.timedelta(days=30)).isoformat()
        ev["date_end"] = None

    score, gold = score_damaged(sid, damage)
    n = len(gold["events"])
    assert_only(score, {"dates": (n - 1) / n})
    assert any(note.field == "dates" and note.gold_index == i for note in score.notes)


@pytest.mark.parametrize(("sid", "i"), seed_event_pairs())
def test_another_city_lowers_locations_only(sid: str, i: int) -> None:
    score, gold = score_damaged(sid, lambda g: g["events"][i].update(location=FAR_PLACE))
    n = len(gold["events"])
    assert_only(score, {"locations": (n - 1) / n})


@pytest.mark.parametrize(("sid", "i"), seed_event_pairs())
def test_another_type_lowers_event_types_only(sid: str, i: int) -> None:
    def damage(g: dict[str, Any]) -> None:
        ev = g["events"][i]
        ev["event_type"] = next(t for t in FAR_TYPES if t != ev["event_type"])

    score, gold = score_damaged(sid, damage)
    n = len(gold["events"])
    assert_only(score, {"event_types": (n - 1) / n})


def test_same_family_type_still_matches_but_is_not_exact() -> None:
    gold = {"id": "t", "events": [event(event_type="missile_strike")]}
    score = score_summary(draft([event(event_type="drone_strike")]), gold)
    assert score.event_recall == 1.0
    assert score.event_types == 0.0


def test_empty_prediction() -> None:
    gold = GOLDS["rockets-gaza-2012"]
    score = score_summary(SummaryDraft(headline="h", summary="s"), gold)
    assert (score.event_recall, score.event_precision, score.event_f1) == (0.0, 0.0, 0.0)
    for field in ("casualties", "other_figures", "dates", "locations", "event_types"):
        assert getattr(score, field) is None
    assert score.overall == 0.0
    assert score.unmatched_gold == list(range(len(gold["events"])))


def test_unrelated_event_does_not_match() -> None:
    gold = {"id": "t", "events": [event()]}
    pred = draft([event(event_type="protest", date="2020-06-01", location="Lima, Peru")])
    score = score_summary(pred, gold)
    assert score.matches == [] and score.unmatched_pred == [0] and score.unmatched_gold == [0]


def test_figure_in_a_casualty_slot_counts_for_other_figures() -> None:
    """Tianjin's '36 missing firefighters' may land in casualties.missing."""
    gold = GOLDS["explosion-tianjin-2015"]
    pred = gold_to_summary(gold).model_dump()
    first = pred["events"][0]
    missing = next(f for f in first["figures"] if f["role"] == "missing")
    first["figures"].remove(missing)
    first["casualties"]["missing"] = missing
    score = score_summary(SummaryDraft.model_validate(pred), gold)
    assert score.other_figures == 1.0
    assert score.casualties == 1.0


def test_a_casualty_slot_used_for_gold_is_not_reused_for_other_figures() -> None:
    both = {"value": 12, "qualifier": "exact"}
    gold = {
        "id": "t",
        "events": [event(killed=both, other_figures=[{"role": "killed", "noun": "", **both}])],
    }
    pred = draft([event(killed=both)])
    score = score_summary(pred, gold)
    assert score.casualties == 1.0
    assert score.other_figures == 0.0


def test_optional_gold_events_are_neither_hits_nor_false_positives() -> None:
    extra = event(
        event_type="drone_strike",
        date="2023-12-28",
        location="Moscow, Russia",
        summary="Drones on Moscow.",
    )
    gold = {"id": "t", "events": [event()], "optional_events": [extra]}
    score = score_summary(draft([event(), extra]), gold)
    assert score.event_precision == 1.0 and score.event_recall == 1.0
    assert [(m.pred_index, m.gold_index) for m in score.optional_matches] == [(1, 0)]
    score_without = score_summary(draft([event(), extra]), {"id": "t", "events": [event()]})
    assert score_without.event_precision == 0.5


# ---------------------------------------------------------------------------
# Small rules.
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("U.N. Security Council", "United Nations Security Council"),
        ("UN Security Council", "u.n. security council"),
        ("the U.S.", "United States"),
        ("USA", "united states of america"),
        ("Kharkív", "Kharkiv"),
        ("  KHARKIV!! ", "kharkiv"),
        ("Belgorod region", "Belgorod"),
        ("Kano State", "Kano"),
        ("the Ojodu area", "Ojodu"),
        ("Kulachi tehsil", "Kulachi"),
        ("Gaza Strip", "The Gaza Strip"),
        ("Israel-Gaza border", "Israel Gaza border"),
    ],
)
def test_normalize_location_equal(a: str, b: str) -> None:
    assert normalize_location(a) == normalize_location(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Kyiv", "Kharkiv"), ("Niger", "Nigeria"), ("UN", "UK"), ("Napa Valley", "Napa")],
)
def test_normalize_location_distinct(a: str, b: str) -> None:
    assert normalize_location(a) != normalize_location(b)


@pytest.mark.parametrize(
    ("pred", "gold"),
    [
        ("Kharkiv", "Kharkiv, Ukraine"),
        ("Kharkiv, Ukraine", "Kharkiv"),
        ("Kharkiv, Kharkiv Oblast", "Kharkiv, Ukraine"),
        ("kharkiv,ukraine", "Kharkiv, Ukraine"),
        ("Belgorod region, Russia", "Belgorod, Russia"),
        ("UN Security Council, New York", "United Nations Security Council"),
        ("Gaza", "Gaza Strip"),
        ("Beersheba", "Southern Israel (Beersheba, Ashdod)"),
        ("Southern Israel", "Southern Israel (Beersheba, Ashdod)"),
        (
            "Sonoma County, California",
            "Northern California (Sonoma and Napa counties), United States",
        ),
        ("Calistoga, California", "Calistoga, Napa Valley, California"),
        ("Tahta", "near Tahta, Sohag"),
        ("Manchester", "central Manchester"),
        ("Nouadhibou", "south of Nouadhibou"),
        ("Oklahoma", "northeastern Oklahoma"),
        ("Durban", "Durban city centre"),
        ("", None),
        (None, ""),
    ],
)
def test_locations_equal(pred: str | None, gold: str | None) -> None:
    assert locations_equal(pred, gold)


@pytest.mark.parametrize(
    ("pred", "gold"),
    [
        ("Ukraine", "Kharkiv, Ukraine"),
        ("Kyiv, Ukraine", "Kharkiv, Ukraine"),
        ("Israel", "Southern Israel (Beersheba, Ashdod)"),
        ("California", "Calistoga, Napa Valley, California"),
        ("Redmond, Washington", None),
        ("Africa", "South Africa"),
        ("Sulawesi", "West Sulawesi, Indonesia"),
        ("Ireland", "Northern Ireland"),
        ("Sohag", "near Tahta, Sohag"),
        ("", "Tianjin, China"),
    ],
)
def test_locations_not_equal(pred: str | None, gold: str | None) -> None:
    assert not locations_equal(pred, gold)


def test_location_similarity_orders_near_misses() -> None:
    exact = location_similarity("Kharkiv", "Kharkiv, Ukraine")
    country = location_similarity("Ukraine", "Kharkiv, Ukraine")
    sibling = location_similarity("Kyiv, Ukraine", "Kharkiv, Ukraine")
    unknown = location_similarity("", "Kharkiv, Ukraine")
    unrelated = location_similarity("Lima, Peru", "Kharkiv, Ukraine")
    assert exact == 1.0
    assert 1.0 > country > sibling > unrelated == 0.0
    assert 0.0 < unknown < country


def test_date_rules() -> None:
    d = dt.date(2023, 12, 30)
    end = dt.date(2023, 12, 31)
    assert date_similarity(d, d) == 1.0
    assert date_similarity(end, d, end) < 1.0
    assert date_similarity(end, d, end) > date_similarity(d + dt.timedelta(days=2), d, end) > 0.0
    assert date_similarity(d - dt.timedelta(days=1), d) > 0.0
    assert date_similarity(d - dt.timedelta(days=2), d) == 0.0
    assert 0.0 < date_similarity(None, d) < date_similarity(d - dt.timedelta(days=1), d)
    assert date_correct(d, d) and date_correct(end, d, end)
    assert not date_correct(d + dt.timedelta(days=1), d)
    assert not date_correct(None, d)
    assert date_correct(None, None) and not date_correct(d, None)


def test_type_rules() -> None:
    strikes = ("missile_strike", "drone_strike", "air_strike", "shelling", "bombing", "attack")
    assert set(strikes) == TYPE_FAMILIES["strikes"]
    for a, b in itertools.combinations(strikes, 2):
        assert 0.0 < type_similarity(a, b) < 1.0
    assert type_similarity("protest", "protest") == 1.0
    assert type_similarity("missile_strike", "meeting") == 0.0
    assert type_family("other") == "other"
    assert all(t in EVENT_TYPES for members in TYPE_FAMILIES.values() for t in members)


def test_casualty_slot_rule() -> None:
    gold = GoldFigure(role="killed", value=24, qualifier="exact")
    right = Figure(value=24, qualifier="exact", role="killed", quote="24 killed")
    hedged = Figure(value=24, qualifier="at_least", role="killed", quote="at least 24")
    assert casualty_slot_outcome("killed", right, gold).correct
    assert not casualty_slot_outcome("killed", hedged, gold).correct
    assert casualty_slot_outcome("killed", hedged, gold).counted
    assert not casualty_slot_outcome("killed", None, gold).correct
    spurious = casualty_slot_outcome("killed", right, None)
    assert spurious.counted and not spurious.correct
    assert not casualty_slot_outcome("killed", None, None).counted


def test_figure_recall_is_role_and_value_one_to_one() -> None:
    gold = [
        GoldFigure("damaged", 3, "exact"),
        GoldFigure("damaged", 3, "exact"),
        GoldFigure("money", 4.29e9, "exact"),
    ]
    pool = [
        Figure(value=3, role="damaged", qualifier="approximately", quote="3"),
        Figure(value=4_290_000_000, role="money", quote="4.29 billion"),
        Figure(value=3, role="launched", quote="3"),
    ]
    hits, missed = figure_recall(pool, gold)
    assert hits == 2
    assert missed == [GoldFigure("damaged", 3, "exact")]


def test_precision_recall_f1_rule() -> None:
    assert precision_recall_f1(3, 4, 6) == pytest.approx((0.5, 0.75, 0.6))
    assert precision_recall_f1(0, 0, 0) == (1.0, 1.0, 1.0)
    assert precision_recall_f1(0, 3, 0) == (0.0, 0.0, 0.0)


# ---------------------------------------------------------------------------
# Assignment.
# ---------------------------------------------------------------------------


def brute_force(weights: list[list[float | None]]) -> tuple[int, int]:
    """Best (pairs, micro-weight) over every one-to-one partial assignment."""
    rows, cols = len(weights), len(weights[0]) if weights else 0
    best = (0, 0)
    for choice in itertools.product(range(-1, cols), repeat=rows):
        used = [c for c in choice if c >= 0]
        if len(used) != len(set(used)) or any(
            c >= 0 and weights[r][c] is None for r, c in enumerate(choice)
        ):
            continue
        key = (
            len(used),
            sum(round(weights[r][c] * 1_000_000) for r, c in enumerate(choice) if c >= 0),
        )
        best = max(best, key)
    return best


@given(
    st.integers(1, 5).flatmap(
        lambda rows: st.integers(1, 5).flatmap(
            lambda cols: st.lists(
                st.lists(
                    st.one_of(st.none(), st.integers(50, 100).map(lambda v: v / 100)),
                    min_size=cols,
                    max_size=cols,
                ),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
def test_assign_is_optimal_and_one_to_one(weights: list[list[float | None]]) -> None:
    pairs = assign(weights)
    assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})
    assert all(weights[r][c] is not None for r, c in pairs)
    got = (len(pairs), sum(round((weights[r][c] or 0.0) * 1_000_000) for r, c in pairs))
    assert got == brute_force(weights)


def test_assign_prefers_total_similarity_over_greedy() -> None:
    # Greedy would take (0, 0) = 0.9 and leave row 1 alone; the optimum pairs both.
    weights = [[0.9, 0.8], [0.85, None]]
    assert assign(weights) == [(0, 1), (1, 0)]


def test_assign_breaks_ties_by_list_order() -> None:
    assert assign([[0.7, 0.7], [0.7, 0.7]]) == [(0, 0), (1, 1)]
    assert assign([[0.7, 0.7, 0.7]]) == [(0, 0)]
    assert assign([[0.6], [0.6], [0.6]]) == [(0, 0)]
    # Row 1 may take column 0 or 1 at the same weight: the nearer position wins.
    assert assign([[None, None, 0.6, 0.7], [0.7, 0.7, 0.6, 0.7]]) == [(0, 3), (1, 1)]


def test_assign_handles_empty_and_wide_inputs() -> None:
    assert assign([]) == []
    assert assign([[None, None]]) == []
    wide = [[None] * 9 + [0.7]]
    assert assign(wide) == [(0, 9)]


def test_two_predictions_cannot_share_one_gold_event() -> None:
    gold = parse_gold_events({"events": [event()]})
    pred = draft([event(), event(location="Kharkiv")]).events
    matches = match_events(pred, gold)
    assert len(matches) == 1
    assert all(m.similarity >= MIN_SIMILARITY for m in matches)


# ---------------------------------------------------------------------------
# figures_verified and compare_reports.
# ---------------------------------------------------------------------------


def _check(status: str) -> FigureCheck:
    fig = Figure(value=26, qualifier="at_least", role="injured", quote="at least 26")
    return FigureCheck.model_validate(
        {
            "path": "events[0].casualties.injured",
            "figure": fig,
            "status": status,
            "reason": "",
            "grounding": Grounding(match="exact"),
        }
    )


def test_figures_verified_share_is_reported_but_not_in_overall() -> None:
    gold = GOLDS["belgorod-kharkiv-2024-01-01"]
    base = gold_to_summary(gold)
    report = VerificationReport(
        figures=[_check("verified"), _check("verified"), _check("not_in_article")]
    )
    checked = ArticleSummary(**base.model_dump(), verification=report)
    score = score_summary(checked, gold)
    assert score.figures_verified == pytest.approx(2 / 3)
    assert score.overall == 1.0
    assert score_summary(ArticleSummary(**base.model_dump()), gold).figures_verified is None


def test_an_answer_without_figures_never_scores_all_verified() -> None:
    gold = GOLDS["belgorod-kharkiv-2024-01-01"]
    silent = ArticleSummary(headline="h", summary="s", verification=VerificationReport())
    score = score_summary(silent, gold)
    assert score.figures_verified is None and score.figures == 0
    # Pooled with an answer that has figures, it adds nothing to the verified count.
    report = VerificationReport(figures=[_check("verified"), _check("not_in_article")])
    talking = score_summary(ArticleSummary(headline="h", summary="s", verification=report), gold)
    means = field_means([score, talking])
    assert means["figures_verified"] == pytest.approx(1 / 2)
    assert field_means([score])["figures_verified"] is None


def test_figure_shares_pool_figures_not_seeds() -> None:
    gold = GOLDS["belgorod-kharkiv-2024-01-01"]
    one = VerificationReport(figures=[_check("verified")])
    nine = VerificationReport(figures=[_check("role_mismatch")] * 9)
    scores = [
        score_summary(ArticleSummary(headline="h", summary="s", verification=r), gold)
        for r in (one, nine)
    ]
    assert scores[0].figures_verified == 1.0 and scores[1].figures_verified == 0.0
    means = field_means(scores)
    assert means["figures_verified"] == pytest.approx(1 / 10)  # not (1.0 + 0.0) / 2
    assert (
        means["figures_verified"] + means["figures_unconfirmed"] + means["figures_contradicted"]
    ) == pytest.approx(1.0)
    assert scores[1].contradicted == 9 and scores[1].figures == 9


def test_more_contradicted_figures_is_a_regression() -> None:
    current = {"figures_contradicted": 0.4, "figures_unconfirmed": 0.1, "figures_verified": 0.5}
    baseline = {"figures_contradicted": 0.2, "figures_unconfirmed": 0.3, "figures_verified": 0.5}
    out = compare_reports(current, baseline)
    assert out["figures_contradicted"].status == "regressed"
    assert out["figures_unconfirmed"].status == "improved"
    assert classify_change(0.1, 0.3, lower_is_better=True) == "improved"


def test_classify_change() -> None:
    assert classify_change(0.8, 0.7) == "improved"
    assert classify_change(0.7, 0.8) == "regressed"
    assert classify_change(0.755, 0.75) == "unchanged"  # exactly at the tolerance
    assert classify_change(0.7549, 0.75, tolerance=0.005) == "unchanged"
    assert classify_change(0.7551 + 0.001, 0.75, tolerance=0.005) == "improved"
    assert classify_change(0.75, 0.75, tolerance=0.0) == "unchanged"
    assert classify_change(None, 0.5) == "incomparable"
    assert classify_change(None, None) == "unchanged"


def test_compare_reports_on_field_maps() -> None:
    current = {"event_recall": 0.9, "dates": 0.5, "locations": 0.8, "casualties": None}
    baseline = {"event_recall": 0.8, "dates": 0.6, "locations": 0.803, "casualties": 0.4}
    out = compare_reports(current, baseline)
    assert {k: v.status for k, v in out.items()} == {
        "event_recall": "improved",
        "dates": "regressed",
        "locations": "unchanged",
        "casualties": "incomparable",
    }
    assert out["dates"].delta == pytest.approx(-0.1)


def test_compare_reports_on_seed_scores() -> None:
    sid = "rockets-gaza-2012"
    gold = GOLDS[sid]
    perfect = score_summary(gold_to_summary(gold), gold)
    worse, _ = score_damaged(sid, lambda g: g["events"].pop())
    out = compare_reports(worse, perfect)
    assert out["event_recall"].status == "regressed"
    assert out["event_precision"].status == "unchanged"
    assert out["dates"].status == "unchanged"
    assert compare_reports(perfect, worse)["event_recall"].status == "improved"
    # Mappings of seeds compare on the seeds both runs have.
    other_sid = "explosion-tianjin-2015"
    other_worse, _ = score_damaged(other_sid, lambda g: g["events"].pop())
    out = compare_reports({sid: perfect}, {sid: perfect, other_sid: other_worse})
    assert all(change.status == "unchanged" for change in out.values())
    out = compare_reports([perfect, other_worse], [perfect, perfect])
    assert out["event_recall"].current == pytest.approx((1.0 + 0.5) / 2)
    assert out["event_recall"].status == "regressed"


def test_field_means_skip_missing_fields() -> None:
    gold = GOLDS["wildfires-california-2017"]
    perfect = score_summary(gold_to_summary(gold), gold)
    empty = score_summary(SummaryDraft(headline="h", summary="s"), gold)
    means = field_means([perfect, empty])
    assert means["dates"] == 1.0  # the empty run has no dates to judge
    assert means["event_recall"] == pytest.approx(0.5)
    assert means["figures_verified"] is None


def test_prose_numbers_the_article_does_not_have_are_flagged() -> None:
    gold = GOLDS["belgorod-kharkiv-2024-01-01"]
    honest = SummaryDraft(headline="At least 26 injured in Kharkiv", summary="It killed 24 people.")
    invented = SummaryDraft(headline="20 dead", summary="A 20-month war; over 100 injured.")
    scores = [score_summary(draft, gold) for draft in (honest, invented)]
    assert (scores[0].prose_numbers, scores[0].prose_unsupported) == (2, 0)
    assert scores[0].prose_flagged == 0.0
    assert (scores[1].prose_numbers, scores[1].prose_unsupported) == (3, 2)
    assert field_means(scores)["prose_flagged"] == pytest.approx(2 / 5)  # pooled numbers
    silent = score_summary(SummaryDraft(headline="Strikes", summary="Russia struck."), gold)
    assert silent.prose_flagged is None
    # The dateline's year is the article's own number.
    dated = score_summary(SummaryDraft(headline="h", summary="On 1 January 2024."), gold)
    assert dated.prose_unsupported == 0
