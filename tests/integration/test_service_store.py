"""The state store contract (summarizer.service.state.StateStore), run against both backends:
SQLite in a temp folder, and Postgres in a throwaway cluster (tests/support/pg_fixtures.py)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.service.state import IdempotencyConflict, StateStore

pytestmark = pytest.mark.slow(seconds=0.3)  # starts a Postgres cluster (once per worker)

OPTS: dict[str, Any] = {
    "endpoint": "/v1/summaries",
    "completion_window": "24h",
    "metadata": None,
    "options": None,
}


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StateStore]:
    yield from opened(request.param, request, tmp_path)


@pytest.fixture
def pg_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StateStore]:
    """For what only a shared store promises (leases between replicas, races)."""
    yield from opened("postgres", request, tmp_path)


def opened(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StateStore]:
    if kind == "sqlite":
        from summarizer.service.store import Store

        made: StateStore = Store(tmp_path / "state.sqlite3", keep_summaries=3)
    else:
        import psycopg

        from summarizer.service.pg_store import PostgresStore

        url = request.getfixturevalue("pg_url")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                "TRUNCATE summaries, batches, batch_requests, rate_buckets, response_cache"
            )
        made = PostgresStore(url, keep_summaries=3, pool_size=4)
    made.open()
    yield made
    made.close()


def requests(n: int) -> list[tuple[str, str]]:
    return [(f"c{i}", json.dumps({"text": f"article {i}"})) for i in range(n)]


def new_batch(store: StateStore, n: int, key: str | None = None, caller: str = "key_a") -> str:
    batch_id, created = store.create_batch(caller, key, f"hash{n}", requests(n), **OPTS)
    assert created
    return batch_id


def test_summaries_are_held_per_caller(store: StateStore) -> None:
    summary_id = store.put_summary("key_a", "the article", '{"x": 1}')
    held = store.get_summary(summary_id, "key_a")
    assert held is not None and (held.article, held.summary_json) == ("the article", '{"x": 1}')
    assert store.get_summary(summary_id, "key_b") is None  # another key never sees it
    assert store.get_summary("sum_" + "0" * 24, "key_a") is None


def test_idempotency_key_gives_one_batch_and_refuses_another_body(store: StateStore) -> None:
    first, created = store.create_batch("key_a", "k1", "h", requests(2), **OPTS)
    again, created_again = store.create_batch("key_a", "k1", "h", requests(2), **OPTS)
    assert created and not created_again and again == first
    with pytest.raises(IdempotencyConflict):
        store.create_batch("key_a", "k1", "other", requests(2), **OPTS)
    other_caller, created_other = store.create_batch("key_b", "k1", "h", requests(2), **OPTS)
    assert created_other and other_caller != first  # keys are per caller
    assert store.batch(first, "key_b") is None


def test_claims_lease_each_request_once_and_results_keep_input_order(store: StateStore) -> None:
    batch_id = new_batch(store, 5)
    first = store.claim("runner-1", 3, 30.0)
    second = store.claim("runner-2", 10, 30.0)
    assert [c.idx for c in first] == [0, 1, 2] and [c.idx for c in second] == [3, 4]
    assert {c.caller for c in first + second} == {"key_a"}
    assert store.claim("runner-3", 10, 30.0) == []  # nothing left to lease
    for claim in reversed(first + second):  # finished out of order
        owner = "runner-1" if claim in first else "runner-2"
        assert store.finish(claim, owner, article="a", summary_json=json.dumps({"i": claim.idx}))
        store.settle(batch_id)
    batch = store.batch(batch_id, "key_a")
    assert batch is not None and batch["status"] == "completed"
    assert batch["request_counts"] == {"total": 5, "completed": 5, "failed": 0}
    lines = list(store.result_lines(batch_id, errors=False))
    assert [line["custom_id"] for line in lines] == [f"c{i}" for i in range(5)]
    assert [line["response"]["body"]["i"] for line in lines] == list(range(5))
    held = store.get_summary(lines[0]["response"]["request_id"], "key_a")
    assert held is not None  # batch results are held summaries, kept past keep_summaries


def test_a_failed_request_goes_to_the_errors_file(store: StateStore) -> None:
    batch_id = new_batch(store, 2)
    one, two = store.claim("r", 2, 30.0)
    store.finish(one, "r", error={"code": "model_output", "message": "bad", "status": 502})
    store.finish(two, "r", article="a", summary_json="{}")
    store.settle(batch_id)
    (line,) = store.result_lines(batch_id, errors=True)
    assert line["custom_id"] == "c0" and line["error"]["code"] == "model_output"
    assert [line["custom_id"] for line in store.result_lines(batch_id, errors=False)] == ["c1"]


def test_released_request_is_claimed_again(store: StateStore) -> None:
    new_batch(store, 1)
    (claim,) = store.claim("r1", 1, 30.0)
    store.release(claim, "r1")
    (again,) = store.claim("r2", 1, 30.0)
    assert again.idx == claim.idx


def test_cancel_fails_what_did_not_start_and_settles(store: StateStore) -> None:
    batch_id = new_batch(store, 3)
    (running,) = store.claim("r", 1, 30.0)
    store.cancel_batch(batch_id)
    assert store.claim("r", 5, 30.0) == []  # a cancelling batch hands out nothing
    batch = store.batch(batch_id)
    assert batch is not None and batch["status"] == "cancelling"
    store.finish(running, "r", article="a", summary_json="{}")
    store.settle(batch_id)
    batch = store.batch(batch_id)
    assert batch is not None and batch["status"] == "cancelled"
    assert batch["request_counts"] == {"total": 3, "completed": 1, "failed": 2}


def test_expired_batch_fails_what_did_not_run(store: StateStore) -> None:
    batch_id = new_batch(store, 2)
    (claim,) = store.claim("r", 1, 30.0)
    assert claim.custom_id == "c0"
    assert store.expire_due() == 0
    assert store.expire_due(now=time.time() + 25 * 3600) == 1
    store.finish(claim, "r", article="x", summary_json="{}")  # the running one still counts
    batch = store.batch(batch_id)
    assert batch is not None and batch["status"] == "expired" and batch["expired_at"]
    assert batch["request_counts"] == {"total": 2, "completed": 1, "failed": 1}
    (line,) = store.result_lines(batch_id, errors=True)
    assert line["custom_id"] == "c1" and line["error"]["code"] == "batch_expired"


def test_settle_idle_completes_a_batch_whose_runner_died_before_settling(
    store: StateStore,
) -> None:
    batch_id = new_batch(store, 1)
    (claim,) = store.claim("r", 1, 30.0)
    store.finish(claim, "r", article="a", summary_json="{}")  # then the process died
    batch = store.batch(batch_id)
    assert batch is not None and batch["status"] == "in_progress"
    store.settle_idle()
    batch = store.batch(batch_id)
    assert batch is not None and batch["status"] == "completed"


def test_rate_limiter_spends_the_burst_then_says_how_long_to_wait(store: StateStore) -> None:
    limiter = store.rate_limiter(per_minute=6.0, burst=3)
    assert [limiter.take("key_a") for _ in range(3)] == [None, None, None]
    wait = limiter.take("key_a")
    assert wait is not None and 1 <= wait <= 10  # one token per 10 s
    assert limiter.take("key_b") is None  # per caller


# -- what only a shared store promises ------------------------------------------------


def test_expired_lease_is_taken_over_and_the_old_holder_cannot_finish(
    pg_store: StateStore,
) -> None:
    batch_id = new_batch(pg_store, 1)
    (claim,) = pg_store.claim("dead", 1, 0.2)
    assert pg_store.claim("alive", 1, 30.0) == []  # leased
    time.sleep(0.3)
    (taken,) = pg_store.claim("alive", 1, 30.0)
    assert taken.idx == claim.idx
    assert not pg_store.finish(claim, "dead", article="a", summary_json='{"by": "dead"}')
    assert pg_store.finish(taken, "alive", article="a", summary_json='{"by": "alive"}')
    pg_store.settle(batch_id)
    (line,) = pg_store.result_lines(batch_id, errors=False)
    assert line["response"]["body"] == {"by": "alive"}


def test_heartbeat_keeps_a_lease(pg_store: StateStore) -> None:
    new_batch(pg_store, 1)
    pg_store.claim("r1", 1, 0.5)
    for _ in range(3):
        time.sleep(0.25)
        assert pg_store.heartbeat("r1", 0.5) == 1
    assert pg_store.claim("r2", 1, 30.0) == []


def test_concurrent_claims_never_share_a_request(pg_store: StateStore) -> None:
    new_batch(pg_store, 200)
    taken: list[list[int]] = [[] for _ in range(4)]

    def runner(n: int) -> None:
        while claims := pg_store.claim(f"r{n}", 7, 30.0):
            taken[n].extend(c.idx for c in claims)

    threads = [threading.Thread(target=runner, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = sorted(i for share in taken for i in share)
    assert everything == list(range(200))


def test_same_idempotency_key_from_racing_replicas_is_one_batch(pg_store: StateStore) -> None:
    ids: list[str] = []

    def create() -> None:
        ids.append(pg_store.create_batch("key_a", "race", "h", requests(50), **OPTS)[0])

    threads = [threading.Thread(target=create) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(ids)) == 1
    batch = pg_store.batch(ids[0])
    assert batch is not None and batch["request_counts"]["total"] == 50


def test_response_cache_lives_in_the_store(pg_store: StateStore) -> None:
    cache = pg_store.cache_backend()
    assert cache is not None
    assert cache.get("k") is None
    cache.set("k", "v1")
    cache.set("k", "v2")
    assert cache.get("k") == "v2" and "k" in cache and len(cache) == 1


def test_response_cache_keeps_the_newest_entries(pg_store: StateStore) -> None:
    from summarizer.service.pg_store import PostgresCache, PostgresStore

    assert isinstance(pg_store, PostgresStore)
    cache = PostgresCache(pg_store, keep=3)
    for i in range(6):
        cache.set(f"k{i}", "v")
    cache.prune()
    assert len(cache) == 3 and "k5" in cache and "k0" not in cache
