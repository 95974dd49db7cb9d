"""Cross-check: statuses, rules, coverage, re-ask text, and mutation tests on all seeds."""

from __future__ import annotations

import pytest

from summarizer.checks import report as report_module
from summarizer.checks.agreement import (
    QUALIFIER_SUPPORT,
    qualifier_ok,
    roles_compatible,
    value_match,
)
from summarizer.checks.reask import reask_message
from summarizer.checks.report import verify
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.schema import QUALIFIERS, Casualties, Event, Figure, FigureCheck, SummaryDraft
from summarizer.vocabulary import FIGURE_STATUSES
from tests.support.crosscheck_gold import (
    SEED_IDS,
    Seed,
    draft_from_figures,
    event_years,
    figure_paths,
    figure_qualifier,
    gold_figure,
    load_seed,
    quote_span,
    sentence_spans,
)

BELGOROD = "belgorod-kharkiv-2024-01-01"
MICROSOFT = "microsoft-profit-us-2007"
TIANJIN = "explosion-tianjin-2015"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Seed]:
    return {seed_id: load_seed(seed_id) for seed_id in SEED_IDS}


def one(seed: Seed, **figure: object) -> FigureCheck:
    draft = SummaryDraft(
        headline="h",
        summary="s",
        events=[Event(event_type="other", description="d", figures=[Figure(**figure)])],
    )
    report = verify(seed.text, draft, seed.mentions)
    assert len(report.figures) == 1
    return report.figures[0]


def mention(
    value: float,
    qualifier: str = "exact",
    role: str = "killed",
    text: str = "x",
    high: float | None = None,
) -> NumberMention:
    return NumberMention(value, high, text, 0, len(text), qualifier, "", role, "")


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def test_qualifier_table_is_implication() -> None:
    # exact is supported only by exact; approximately by exact and approximately, not by
    # a bound ("about 57" does not restate "at least 57": issue 22).
    assert qualifier_ok("exact", mention(1, "exact"), "value")
    for q in ("at_least", "more_than", "approximately", "at_most", "less_than"):
        assert not qualifier_ok("exact", mention(1, q), "value"), q
    for q in ("exact", "approximately"):
        assert qualifier_ok("approximately", mention(1, q), "value"), q
    for q in ("at_least", "more_than", "at_most", "less_than"):
        assert not qualifier_ok("approximately", mention(1, q), "value"), q
    assert qualifier_ok("at_least", mention(1, "exact"), "value")
    assert qualifier_ok("at_least", mention(1, "more_than"), "value")
    # issue 14: no leniency beyond implication
    assert not qualifier_ok("more_than", mention(1, "at_least"), "value")  # no fewer than 31
    assert not qualifier_ok("less_than", mention(1, "at_most"), "value")  # up to 150
    assert qualifier_ok("at_most", mention(1, "less_than"), "value")
    assert not qualifier_ok("more_than", mention(1, "exact"), "value")
    assert not qualifier_ok("at_least", mention(1, "at_most"), "value")
    assert not qualifier_ok("at_most", mention(1, "more_than"), "value")
    assert set(QUALIFIER_SUPPORT) == set(QUALIFIERS)


def test_range_ends() -> None:
    rng = mention(12, "range", "percentage", "12-13", high=13)
    assert value_match(12, rng) == "low" and value_match(13, rng) == "high"
    assert value_match(12.5, rng) is None
    assert qualifier_ok("at_least", rng, "low") and qualifier_ok("approximately", rng, "low")
    assert qualifier_ok("at_most", rng, "high") and not qualifier_ok("at_least", rng, "high")
    assert not qualifier_ok("exact", rng, "low") and not qualifier_ok("exact", rng, "high")


def test_value_match_scale_words_and_large_integers() -> None:
    money = mention(4_290_000_000, role="money", text="4.29 billion")
    assert value_match(4.29, money) == "scaled"
    assert value_match(4_290_000_000, money) == "value"
    assert value_match(4_290_000_001, money) is None
    assert value_match(4.3, money) is None
    assert value_match(300, mention(300_000_000, role="money", text="300m")) == "scaled"
    assert value_match(26, mention(26, text="26")) == "value"
    assert value_match(26, mention(260, text="260")) is None


def test_roles() -> None:
    assert not roles_compatible("killed", "injured")
    assert not roles_compatible("injured", "killed")
    assert not roles_compatible("launched", "intercepted")
    assert not roles_compatible("money", "percentage")
    assert roles_compatible("killed", "other_count") and roles_compatible("other_count", "injured")
    assert not roles_compatible("other_count", "money")
    assert roles_compatible("population", "displaced")
    assert not roles_compatible("population", "killed")


# ---------------------------------------------------------------------------
# Each status on a real article
# ---------------------------------------------------------------------------


def test_verified_with_digits(seeds: dict[str, Seed]) -> None:
    check = one(
        seeds[BELGOROD],
        value=26,
        qualifier="at_least",
        role="injured",
        quote="At least 26 people were injured",
    )
    assert check.status == "verified", check.reason
    assert check.mention is not None and check.mention.text == "26"
    assert check.grounding.match == "exact"


def test_verified_with_number_words(seeds: dict[str, Seed]) -> None:
    check = one(
        seeds[TIANJIN], value=36, role="missing", quote="Thirty-six firefighters are missing"
    )
    assert check.status == "verified", check.reason


def test_over_100_reported_as_exactly_100(seeds: dict[str, Seed]) -> None:
    check = one(
        seeds[BELGOROD], value=100, qualifier="exact", role="injured", quote="injured over 100"
    )
    assert check.status == "qualifier_mismatch"
    assert "more_than" in check.reason


def test_injured_reported_as_killed(seeds: dict[str, Seed]) -> None:
    check = one(
        seeds[BELGOROD],
        value=26,
        qualifier="at_least",
        role="killed",
        quote="At least 26 people were injured",
    )
    assert check.status == "role_mismatch"
    assert "injured" in check.reason


def test_not_in_quote_names_the_quote_numbers_and_the_place(seeds: dict[str, Seed]) -> None:
    seed = seeds[BELGOROD]
    check = one(seed, value=26, qualifier="at_least", role="injured", quote="killed 24 people")
    assert check.status == "not_in_quote"
    assert "'24'" in check.reason
    start = seed.text.index("26 people")
    assert f"chars {start}-{start + 2}" in check.reason


def test_quote_not_found_but_value_elsewhere(seeds: dict[str, Seed]) -> None:
    check = one(
        seeds[BELGOROD],
        value=24,
        role="killed",
        quote="The Kremlin confirmed that 24 people died in Belgorod",
    )
    assert check.status == "quote_not_found"
    assert check.grounding.match == "none"
    assert "appears at chars" in check.reason


def test_not_in_article(seeds: dict[str, Seed]) -> None:
    seed = seeds[BELGOROD]
    grounded = one(
        seed,
        value=27,
        qualifier="at_least",
        role="injured",
        quote="At least 26 people were injured",
    )
    assert grounded.status == "not_in_article"
    assert grounded.grounding.match == "exact"
    lost = one(
        seed,
        value=999,
        role="killed",
        quote="Nine hundred and ninety-nine people were killed in Paris",
    )
    assert lost.status == "not_in_article"
    assert lost.grounding.match == "none"


def test_wrong_number_in_fuzzy_quote_is_not_verified(seeds: dict[str, Seed]) -> None:
    check = one(
        seeds[BELGOROD],
        value=27,
        qualifier="at_least",
        role="injured",
        quote="At least 27 people were injured in ballistic missile and drone strikes",
    )
    assert check.grounding.match == "fuzzy"
    assert check.status == "not_in_article"


def test_fuzzy_quote_with_right_number_verifies(seeds: dict[str, Seed]) -> None:
    check = one(
        seeds[BELGOROD],
        value=24,
        role="killed",
        quote="killed 24 people including children and injured over 100",
    )
    assert check.grounding.match == "fuzzy"
    assert check.status == "verified", check.reason


def test_repeated_quote_picks_the_occurrence_with_the_number(seeds: dict[str, Seed]) -> None:
    seed = seeds[BELGOROD]
    # "24" first occurs inside the dateline "2024-01-01", which is no mention.
    check = one(seed, value=24, role="killed", quote="24")
    assert check.status == "verified", check.reason
    assert seed.text[check.grounding.start : check.grounding.end] == "24"
    assert check.grounding.start == seed.text.index("killed 24") + len("killed ")


def test_range_and_money_on_microsoft(seeds: dict[str, Seed]) -> None:
    seed = seeds[MICROSOFT]
    quote = "a range of 12-13%"
    assert (
        one(seed, value=12, qualifier="at_least", role="percentage", quote=quote).status
        == "verified"
    )
    assert (
        one(seed, value=13, qualifier="at_most", role="percentage", quote=quote).status
        == "verified"
    )
    assert (
        one(seed, value=13, qualifier="at_least", role="percentage", quote=quote).status
        == "qualifier_mismatch"
    )
    assert (
        one(seed, value=12, qualifier="exact", role="percentage", quote=quote).status
        == "qualifier_mismatch"
    )
    assert (
        one(seed, value=12, qualifier="at_least", role="money", quote=quote).status
        == "role_mismatch"
    )
    scaled = one(
        seed, value=4.29, role="money", noun="billion USD", quote="a net profit of $4.29 billion"
    )
    assert scaled.status == "verified", scaled.reason


def test_casualty_slot_is_checked_with_its_role(seeds: dict[str, Seed]) -> None:
    seed = seeds[BELGOROD]
    draft = SummaryDraft(
        headline="h",
        summary="s",
        events=[
            Event(
                event_type="missile_strike",
                description="d",
                casualties=Casualties(
                    killed=Figure(value=24, role="killed", quote="killed 24 people"),
                    # In the killed slot the figure claims killed, whatever role it says.
                    injured=Figure(
                        value=26,
                        qualifier="at_least",
                        role="injured",
                        quote="At least 26 people were injured",
                    ),
                ),
            )
        ],
        key_figures=[
            Figure(
                value=26,
                qualifier="at_least",
                role="killed",
                quote="At least 26 people were injured",
            )
        ],
    )
    report = verify(seed.text, draft, seed.mentions)
    by_path = {c.path: c for c in report.figures}
    assert by_path["events[0].casualties.killed"].status == "verified"
    assert by_path["events[0].casualties.injured"].status == "verified"
    assert by_path["key_figures[0]"].status == "role_mismatch"
    assert (
        report.counts["figures_verified"] == 2
        and report.counts["role_mismatch"] == 1
        and report.counts["figures"] == 3
    )


# ---------------------------------------------------------------------------
# Evidence, coverage, counts
# ---------------------------------------------------------------------------


def test_evidence_grounding(seeds: dict[str, Seed]) -> None:
    seed = seeds[BELGOROD]
    draft = SummaryDraft(
        headline="h",
        summary="s",
        events=[
            Event(
                event_type="missile_strike",
                description="d",
                evidence=[
                    "Saturday’s attack on Belgorod — the deadliest in Russia",
                    "Paris was hit by 12 missiles",
                ],
            )
        ],
    )
    report = verify(seed.text, draft, seed.mentions)
    first, second = report.evidence
    assert first.path == "events[0].evidence[0]" and first.grounding.match == "normalized"
    assert (
        seed.text[first.grounding.start : first.grounding.end]
        == "Saturday's attack on Belgorod -- the deadliest in Russia"
    )
    assert second.grounding.match == "none"
    assert report.counts["evidence_grounded"] == 1 and report.counts["evidence"] == 2


def test_coverage_reports_unreported_casualties(seeds: dict[str, Seed]) -> None:
    seed = seeds[TIANJIN]
    draft = SummaryDraft(
        headline="h",
        summary="s",
        events=[
            Event(
                event_type="explosion",
                description="d",
                casualties=Casualties(
                    killed=Figure(
                        value=44, qualifier="at_least", role="killed", quote="at least 44 people"
                    )
                ),
            )
        ],
    )
    report = verify(seed.text, draft, seed.mentions)
    gaps = {(g.mention.value, g.mention.role) for g in report.uncovered}
    expected = {
        (m.value, m.role)
        for m in seed.mentions
        if m.role in ("killed", "injured", "missing", "displaced")
    } - {(44.0, "killed")}
    assert gaps == expected
    assert (12.0, "killed") in gaps and (36.0, "missing") in gaps and (500.0, "injured") in gaps
    # "12 firefighters" occurs twice; it is reported once.
    assert len(report.uncovered) == len(gaps)
    assert report.counts["uncovered"] == len(gaps)
    gap = next(g for g in report.uncovered if g.mention.role == "missing")
    assert "Thirty-six firefighters are missing" in gap.sentence


def test_counts_have_every_status(seeds: dict[str, Seed]) -> None:
    report = verify(
        seeds[BELGOROD].text, SummaryDraft(headline="h", summary="s"), seeds[BELGOROD].mentions
    )
    for key in (*FIGURE_STATUSES, "figures", "verified", "evidence_grounded", "uncovered"):
        assert key in report.counts
    assert report.counts["figures"] == 0 and report.all_verified


def test_verify_accepts_a_dict_and_extracts_when_no_mentions(
    seeds: dict[str, Seed], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = seeds[BELGOROD]
    calls: list[str] = []

    def fake_extract(text: str) -> list[NumberMention]:
        calls.append(text)
        return seed.mentions

    monkeypatch.setattr(report_module, "extract_numbers", fake_extract)
    data = {
        "headline": "h",
        "summary": "s",
        "events": [
            {
                "event_type": "attack",
                "description": "d",
                "casualties": {
                    "killed": {"value": 24, "role": "killed", "quote": "killed 24 people"}
                },
            }
        ],
    }
    report = verify(seed.text, data)
    assert calls == [seed.text]
    assert report.figures[0].status == "verified"


# ---------------------------------------------------------------------------
# Re-ask message
# ---------------------------------------------------------------------------


def test_reask_message_is_none_when_all_verified(seeds: dict[str, Seed]) -> None:
    seed = seeds[BELGOROD]
    draft = draft_from_figures([Figure(value=24, role="killed", quote="killed 24 people")])
    assert reask_message(verify(seed.text, draft, seed.mentions), seed.text) is None


def test_reask_message_names_path_problem_and_quote_numbers(seeds: dict[str, Seed]) -> None:
    seed = seeds[BELGOROD]
    draft = draft_from_figures(
        [
            Figure(value=24, role="killed", quote="killed 24 people"),
            Figure(value=26, qualifier="at_least", role="injured", quote="killed 24 people"),
            Figure(value=100, role="injured", quote="injured over 100"),
            Figure(
                value=26,
                qualifier="at_least",
                role="killed",
                quote="At least 26 people were injured",
            ),
        ]
    )
    report = verify(seed.text, draft, seed.mentions)
    message = reask_message(report, seed.text)
    assert message is not None
    assert "events[0].figures[0]" not in message
    lines = {
        line.split(":", 1)[0].strip("- "): line
        for line in message.splitlines()
        if line.startswith("- ")
    }
    assert set(lines) == {"events[0].figures[1]", "events[0].figures[2]", "events[0].figures[3]"}
    assert "'24'" in lines["events[0].figures[1]"]  # what the quote actually holds
    assert "chars" in lines["events[0].figures[1]"]  # where 26 really is
    assert "more_than" in lines["events[0].figures[2]"]
    assert "injured, not killed" in lines["events[0].figures[3]"]


# ---------------------------------------------------------------------------
# Mutation tests: correct gold figures verify; each perturbation is caught.
# ---------------------------------------------------------------------------

ROLE_SWAP = {
    "killed": "injured",
    "injured": "killed",
    "missing": "killed",
    "displaced": "killed",
    "arrested": "killed",
    "launched": "intercepted",
    "intercepted": "launched",
    "damaged": "killed",
    "population": "killed",
    "other_count": "money",
    "money": "percentage",
    "percentage": "money",
    "distance": "duration",
    "duration": "distance",
    "date_or_year": "time",
    "time": "date_or_year",
    "ordinal": "other_count",
}


def _supported_by_gold(seed: Seed, span: tuple[int, int], figure: Figure) -> bool:
    """Does a gold mention inside the quote state exactly this claim? (Then it is no error.)"""
    for n in seed.gold:
        if n["end"] <= span[0] or n["start"] >= span[1]:
            continue
        claims = {(n["value"], figure_qualifier(n["qualifier"]))}
        if n["value_high"] is not None:
            claims.add((n["value_high"], "at_most"))
        if (figure.value, figure.qualifier) in claims and n["role"] == figure.role:
            return True
    return False


def _mutations(seed: Seed, n: dict, figure: Figure, kind: str) -> list[tuple[str, Figure]]:
    out = []
    for name, value in (
        ("plus_one", figure.value + 1),
        ("minus_one", figure.value - 1),
        ("times_ten", figure.value * 10),
    ):
        out.append((name, figure.model_copy(update={"value": value})))
    out.append(("swap_role", figure.model_copy(update={"role": ROLE_SWAP[figure.role]})))
    if figure.qualifier != "exact":
        out.append(("drop_qualifier", figure.model_copy(update={"qualifier": "exact"})))
    # A quote from another sentence that holds no number of this value.
    own = quote_span(seed, n, kind)
    for s, e in sentence_spans(seed.text):
        if e <= own[0] or s >= own[1]:
            inside = [g for g in seed.gold if s <= g["start"] < e]
            values = {g["value"] for g in inside} | {g["value_high"] for g in inside}
            if figure.value not in values and "date " not in seed.text[s:e]:
                out.append(("other_sentence", figure.model_copy(update={"quote": seed.text[s:e]})))
                break
    return out


def _mentions(seed: Seed, source: str) -> list[NumberMention]:
    if source == "gold":
        return seed.mentions
    try:
        return extract_numbers(seed.text)
    except NotImplementedError:
        pytest.skip("the number extractor is not implemented yet")


@pytest.mark.parametrize("source", ["gold", "extractor"])
@pytest.mark.parametrize("kind", ["phrase", "sentence"])
@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_gold_figures_verify_and_mutations_are_caught(
    seeds: dict[str, Seed], seed_id: str, kind: str, source: str
) -> None:
    """Mentions come from the gold file (tests the rules) or the real extractor (end to end)."""
    seed = seeds[seed_id]
    mentions = _mentions(seed, source)
    figures = [gold_figure(seed, n, kind) for n in seed.gold]
    years = event_years(seed)
    paths = figure_paths(figures, years)
    report = verify(seed.text, draft_from_figures(figures, years), mentions)
    contradicted = [
        (c.path, c.status, c.reason) for c in report.figures if c.verdict == "contradicted"
    ]
    assert not contradicted, contradicted
    unconfirmed = [(c.path, c.reason) for c in report.figures if c.verdict == "unconfirmed"]
    assert not unconfirmed, unconfirmed
    assert report.counts["figures_verified"] == len(seed.gold)
    assert report.uncovered == []  # every casualty number is reported by some figure

    caught = skipped = 0
    for index, n in enumerate(seed.gold):
        for name, mutant in _mutations(seed, n, figures[index], kind):
            span = quote_span(seed, n, kind) if name != "other_sentence" else None
            if span is not None and _supported_by_gold(seed, span, mutant):
                skipped += 1  # the perturbed claim is what the quote really says
                continue
            mutated = [*figures[:index], mutant, *figures[index + 1 :]]
            checks = verify(seed.text, draft_from_figures(mutated, years), mentions).figures
            target = next(c for c in checks if c.path == paths[index])
            assert not target.ok, (name, n["text"], mutant, target.reason)
            if name == "swap_role":
                assert target.status == "role_mismatch", (n["text"], target.reason)
            if name == "drop_qualifier":
                assert target.status == "qualifier_mismatch", (n["text"], target.reason)
            if name == "other_sentence":
                assert target.status == "not_in_quote", (n["text"], target.reason)
            others = [
                (c.path, c.reason)
                for c in checks
                if c.path != paths[index] and c.verdict == "contradicted"
            ]
            assert not others, (name, others)
            caught += 1
    assert caught >= 4 * len(seed.gold)
    assert skipped <= len(seed.gold)
