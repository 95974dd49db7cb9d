"""The mutation benchmark (bench.mutations) in a fast form: nothing slips, few false alarms."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

from tests.support.paths import ROOT


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return importlib.import_module("bench.mutations")


def test_every_mutation_class_is_caught_on_every_seed(bench: ModuleType) -> None:
    results = bench.run(bench.load_seeds(ROOT / "seeds"), fast=True)
    assert len(results.classes) >= 15, sorted(results.classes)
    slipped = {
        name: tally.slipped
        for name, tally in results.classes.items()
        if tally.slipped and name not in bench.TOLERATED
    }
    assert not slipped, slipped
    assert all(tally.tried > 0 for tally in results.classes.values())
    alarms = len(results.figure_alarms)
    assert alarms <= 0.02 * results.figures, results.figure_alarms


def test_a_slip_would_be_reported(bench: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark can fail: with a verifier that confirms everything, every class slips."""
    from summarizer.schema import VerificationReport

    monkeypatch.setattr(bench, "verify", lambda *args, **kwargs: VerificationReport())
    results = bench.run(bench.load_seeds(ROOT / "seeds", ["rockets-gaza-2012"]), fast=True)
    assert all(tally.caught == 0 for tally in results.classes.values())
    assert sum(len(t.slipped) for t in results.classes.values()) > 20


def test_moved_figures_are_built_from_the_gold_incidents(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A figure moved to another incident's event keeps role, value and quote; the rate can
    fail (a verifier that confirms everything catches none) and does catch some today."""
    seeds = bench.load_seeds(ROOT / "seeds", ["rockets-gaza-2012", "belgorod-kharkiv-2024-01-01"])
    mutations = [
        m for seed in seeds for m in bench.moved_figure_mutations(seed, bench.event_summary(seed))
    ]
    assert mutations and all(name == "moved_figure" for name, _, _ in mutations)
    for _, path, draft in mutations:
        index, slot = int(path[7 : path.index("]")]), path.rsplit(".", 1)[1]
        figure = getattr(draft.events[index].casualties, slot)
        assert figure is not None and figure.role == slot and figure.quote
    assert bench.run_moved(seeds).caught > 0
    from summarizer.schema import VerificationReport

    monkeypatch.setattr(bench, "verify", lambda *args, **kwargs: VerificationReport())
    tally = bench.run_moved(seeds)
    assert tally.caught == 0 and tally.tried == len(mutations)
