"""The order tests/support/schedule.py gives parallel workers: every test once, slow ones first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import pytest

from tests.support.schedule import deal, share_sizes


@dataclass
class FakeMark:
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass
class FakeItem:
    nodeid: str
    marks: dict[str, FakeMark] = field(default_factory=dict)

    def get_closest_marker(self, name: str) -> FakeMark | None:
        return self.marks.get(name)


def items(module: str, quick: int, slow: list[float | None] | None = None) -> list[FakeItem]:
    made = [FakeItem(f"tests/{module}.py::test_q{n}") for n in range(quick)]
    for n, seconds in enumerate(slow or []):
        kwargs = {} if seconds is None else {"seconds": seconds}
        made.append(FakeItem(f"tests/{module}.py::test_s{n}", {"slow": FakeMark(kwargs)}))
    return made


def shares(ordered: list[FakeItem], workers: int) -> list[list[FakeItem]]:
    out, start = [], 0
    for size in share_sizes(len(ordered), workers):
        out.append(ordered[start : start + size])
        start += size
    return out


def test_share_sizes_match_an_even_deal() -> None:
    assert share_sizes(10, 4) == [2, 2, 3, 3]
    assert share_sizes(3, 4) == [0, 1, 1, 1]
    assert sum(share_sizes(1235, 4)) == 1235


@pytest.mark.parametrize("workers", [2, 3, 4])
def test_every_test_once_slow_first_in_each_share_modules_whole(workers: int) -> None:
    collected = [
        *items("test_a", 40, [12, 5, 5]),  # one long module: 22 s
        *items("test_b", 30, [None] * 4),  # four at the default guess
        *items("test_c", 60),
        *items("test_d", 5, [8]),
        *items("test_e", 25, [3, 3, 3, 3, 3]),
    ]
    ordered = cast(list[FakeItem], deal(cast(list[Any], collected), workers))
    assert sorted(i.nodeid for i in ordered) == sorted(i.nodeid for i in collected)
    for share in shares(ordered, workers):
        kinds = ["slow" if i.get_closest_marker("slow") else "quick" for i in share]
        assert kinds == sorted(kinds, key=lambda k: k == "quick"), "slow tests lead each share"
    for module in ("test_a", "test_b", "test_e"):  # a module's slow tests stay together
        owners = {
            n
            for n, share in enumerate(shares(ordered, workers))
            for i in share
            if i.nodeid.startswith(f"tests/{module}.py::test_s")
        }
        assert len(owners) == 1, module
    # Quick tests keep their file order.
    quick = [i.nodeid for i in ordered if not i.get_closest_marker("slow")]
    assert quick == [i.nodeid for i in collected if not i.get_closest_marker("slow")]


def test_the_longest_modules_go_to_different_workers() -> None:
    collected = [*items("test_a", 10, [12]), *items("test_b", 10, [11]), *items("test_c", 10, [2])]
    first, second = shares(cast(list[FakeItem], deal(cast(list[Any], collected), 2)), 2)
    assert first[0].nodeid == "tests/test_a.py::test_s0"
    assert second[0].nodeid == "tests/test_b.py::test_s0"
    assert any(i.nodeid == "tests/test_c.py::test_s0" for i in second), "to the lighter share"
