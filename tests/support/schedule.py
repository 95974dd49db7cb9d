"""Order the tests for `make test`'s parallel workers so the long ones start first.

pytest-xdist's ``worksteal`` scheduler hands each of N workers one contiguous quarter
(for 4) of the collected tests, then moves the *last half* of the longest queue — longest
by count, not by time — to whichever worker runs dry. In file order, the slow tests
(servers, processes, the wheel, the browser) sit in the last files, so they ran last, in
one or two workers' queues, and the run ended with ~15 s of one core idle while one
worker worked through a restart test and a fault row on its own.

So each worker's share starts with slow tests — whole modules of them, which keeps a
module's shared server or wheel in one worker — dealt longest-first to the share with the
least slow work so far, and ends with quick tests: what another worker steals from the
end of a queue is then quick tests, fine-grained enough to even out the finish. Run in one
process (``-n 0``), the order stays the file order.
"""

from __future__ import annotations

import pytest

# A first guess at a test's wall time, which is what the dealing balances: slow tests take
# 1-4 s on a busy 2-core machine, and those that know better say so (``slow(seconds=12)``);
# a test on its module's shared live server ~0.5 s.
SLOW_SECONDS = 2.5
SERVICE_SECONDS = 0.5


def guess_seconds(item: pytest.Item) -> float | None:
    """None for a quick test, which stays in file order to fill the shares."""
    slow = item.get_closest_marker("slow")
    if slow is not None:
        return float(slow.kwargs.get("seconds", SLOW_SECONDS))
    if item.get_closest_marker("service"):  # on the module's server: keep them together
        return SERVICE_SECONDS
    return None


def worker_count(config: pytest.Config) -> int:
    workerinput = getattr(config, "workerinput", None)
    return int(workerinput["workercount"]) if workerinput else 0


def share_sizes(total: int, workers: int) -> list[int]:
    """The sizes of worksteal's first deal: each idle worker in turn gets an equal part
    of what is left (xdist.scheduler.worksteal.WorkStealingScheduling.check_schedule)."""
    sizes, left = [], total
    for remaining in range(workers, 0, -1):
        sizes.append(left // remaining)
        left -= sizes[-1]
    return sizes


def deal(items: list[pytest.Item], workers: int) -> list[pytest.Item]:
    slow_by_module: dict[str, list[pytest.Item]] = {}
    seconds: dict[str, float] = {}
    quick: list[pytest.Item] = []
    for item in items:
        guess = guess_seconds(item)
        if guess is None:
            quick.append(item)
            continue
        module = item.nodeid.split("::")[0]
        slow_by_module.setdefault(module, []).append(item)
        seconds[module] = seconds.get(module, 0.0) + guess
    shares: list[list[pytest.Item]] = [[] for _ in range(workers)]
    load = [0.0] * workers
    for module in sorted(slow_by_module, key=lambda m: -seconds[m]):  # stable: file order
        target = min(range(workers), key=lambda n: (load[n], len(shares[n])))
        shares[target].extend(slow_by_module[module])
        load[target] += seconds[module]
    # Quick tests fill each share up to the size worksteal deals it, in file order; a share
    # with too many slow tests for its size spills its quick part into the next.
    ordered: list[pytest.Item] = []
    queue = iter(quick)
    for share, size in zip(shares, share_sizes(len(items), workers), strict=True):
        ordered.extend(share)
        ordered.extend(item for _, item in zip(range(size - len(share)), queue, strict=False))
    ordered.extend(queue)
    return ordered


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    workers = worker_count(config)
    if workers > 1:
        items[:] = deal(items, workers)
