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
