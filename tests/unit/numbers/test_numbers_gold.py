"""The number extractor against the hand-made seed gold (``seeds/*.gold.json``).

Scoring (pooled over all seeds, every gold mention counted, soft ones included):

* **value + span**: a predicted mention matches a gold one when start, end and value agree
  (values compare with a 1e-9 relative tolerance); precision = matched / predicted, recall =
  matched / gold. Both must be >= 0.98.
* **qualifier** and **role**: precision and recall on (start, end, value, qualifier) and on
  (start, end, value, role) tuples; both must be >= 0.95. This is stricter than accuracy over
  matched pairs: a missed or spurious mention also counts against qualifier and role.

Failure messages list every miss, false positive and mismatch with its context, so a failing
run says what to fix. Expected values come from the gold files only.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from summarizer.numbers import NumberMention, extract_numbers
from summarizer.vocabulary import MENTION_QUALIFIERS as QUALIFIERS
from summarizer.vocabulary import ROLES
from tests.support.paths import ROOT

SEEDS = ROOT / "seeds"
GOLD_FILES = sorted(SEEDS.glob("*.gold.json"))
SPAN_THRESHOLD = 0.98
LABEL_THRESHOLD = 0.95


@dataclass(frozen=True)
class Seed:
    name: str
    text: str
    gold: list[dict[str, Any]]
    predicted: list[NumberMention]


def _load(path: Path) -> Seed:
    name = path.name.removesuffix(".gold.json")
    text = path.with_name(f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads(path.read_text(encoding="utf-8"))["numbers"]
    return Seed(name, text, gold, extract_numbers(text))


@pytest.fixture(scope="module")
def seeds() -> list[Seed]:
    assert GOLD_FILES, f"no gold files in {SEEDS}"
    return [_load(p) for p in GOLD_FILES]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _key(start: int, end: int) -> tuple[int, int]:
    return (start, end)


def _context(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 30) : end + 30].split())


def _score(seeds: list[Seed], field: str | None) -> tuple[float, float, list[str]]:
    """Pooled precision, recall and a readable list of every disagreement."""
    matched = n_pred = n_gold = 0
    problems: list[str] = []
    for seed in seeds:
        gold = {_key(g["start"], g["end"]): g for g in seed.gold}
        pred = {_key(m.start, m.end): m for m in seed.predicted}
        n_pred += len(pred)
        n_gold += len(gold)
        for span, g in gold.items():
            m = pred.get(span)
            where = f"{seed.name} {span} {_context(seed.text, *span)!r}"
            if m is None or not _close(m.value, g["value"]):
                got = "nothing" if m is None else f"value {m.value}"
                problems.append(
                    f"MISS {where}: gold {g['value']} {g['qualifier']} {g['role']}, got {got}"
                )
            elif field is not None and getattr(m, field) != g[field]:
                problems.append(
                    f"{field.upper()} {where}: gold {g[field]}, got {getattr(m, field)}"
                )
            else:
                matched += 1
        for span, m in pred.items():
            g = gold.get(span)
            if g is None or not _close(m.value, g["value"]):
                problems.append(
                    f"FALSE POSITIVE {seed.name} {span} {_context(seed.text, *span)!r}: "
                    f"{m.value} {m.qualifier} {m.role}"
                )
    return matched / max(n_pred, 1), matched / max(n_gold, 1), problems


@pytest.mark.parametrize(
    ("field", "threshold"),
    [(None, SPAN_THRESHOLD), ("qualifier", LABEL_THRESHOLD), ("role", LABEL_THRESHOLD)],
    ids=["value+span", "qualifier", "role"],
)
def test_pooled_precision_and_recall(
    seeds: list[Seed], field: str | None, threshold: float
) -> None:
    precision, recall, problems = _score(seeds, field)
    label = field or "value+span"
    report = "\n  ".join(problems) or "(none)"
    assert precision >= threshold and recall >= threshold, (
        f"{label}: precision {precision:.3f}, recall {recall:.3f} (need >= {threshold})\n  {report}"
    )


def test_ranges_carry_their_high_end(seeds: list[Seed]) -> None:
    """ "12-13%": value and value_high both as annotated, qualifier range."""
    wrong = []
    for seed in seeds:
        pred = {_key(m.start, m.end): m for m in seed.predicted}
        for g in seed.gold:
            m = pred.get(_key(g["start"], g["end"]))
            if m is not None and not _close(m.value_high, g["value_high"]):
                wrong.append(f"{seed.name} {m.text!r}: gold {g['value_high']}, got {m.value_high}")
    assert not wrong, "\n".join(wrong)


def test_mentions_are_well_formed(seeds: list[Seed]) -> None:
    for seed in seeds:
        body_start = len(" date 2000-01-01 ")
        previous_end = body_start
        for m in seed.predicted:
            assert seed.text[m.start : m.end] == m.text, m
            assert m.start >= previous_end, f"{seed.name}: overlapping or unsorted at {m}"
            assert m.qualifier in QUALIFIERS and m.role in ROLES, m
            assert (m.qualifier == "range") == (m.value_high is not None), m
            assert m.text in m.sentence or " ".join(m.text.split()) in m.sentence, m
            previous_end = m.end


def test_dateline_is_not_a_mention(seeds: list[Seed]) -> None:
    for seed in seeds:
        assert seed.text.startswith(" date ")
        assert all(m.start >= len(" date 2000-01-01 ") for m in seed.predicted), seed.name


@pytest.mark.parametrize(
    ("name", "snippet", "token"),
    [
        ("microsoft-profit-us-2007", "Halo 3", "3"),
        ("microsoft-profit-us-2007", "Xbox 360", "360"),
        ("wildfires-california-2017", "no one fire", "one"),
    ],
)
def test_documented_non_numbers_are_skipped(
    seeds: list[Seed], name: str, snippet: str, token: str
) -> None:
    seed = next(s for s in seeds if s.name == name)
    at = seed.text.find(snippet)
    assert at >= 0
    start = at + snippet.find(token)
    hits = [m for m in seed.predicted if m.start < start + len(token) and start < m.end]
    assert not hits, hits


def _check_gold_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_gold", SEEDS / "check_gold.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.name for p in GOLD_FILES])
def test_gold_files_are_valid(path: Path) -> None:
    """The yardstick itself: seeds/check_gold.py finds no error in any gold file."""
    errors = _check_gold_module().check(path)
    assert not errors, "\n".join(errors)
