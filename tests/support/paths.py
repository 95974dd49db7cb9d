"""Where things are, for tests at any depth of tests/."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
SEEDS = ROOT / "seeds"
FAKES = TESTS / "fakes"
DATA = TESTS / "data"

__all__ = ["DATA", "FAKES", "ROOT", "SEEDS", "TESTS"]
