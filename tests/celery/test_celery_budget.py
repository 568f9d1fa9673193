"""Celery and the budget on a real redis-server: per-route windows, the answers' blocks, likely finishes first."""

from __future__ import annotations

import time

import httpx
import pytest
import redis
from celery import Celery  # type: ignore[import-untyped]

import taskwait
from taskwait import budget
from taskwait.celery import install, runtime
from taskwait.celery.rates import feedback, likely_first, route_for, throttle
from taskwait.celery.store import Due, RedisStore
from tests.support import KEY


@pytest.fixture(autouse=True)
def _fresh() -> object:
    budget.reset()
    budget.reset_limits()
    yield
    budget.reset()
    budget.reset_limits()


def test_lobstr_waits_count_against_their_route_family(redis_db: redis.Redis, redis_url: str) -> None:
    assert (route_for("lobstr", "task"), route_for("lobstr", "run"), route_for("databar", "task")) == (
        "tasks", "runs", "all")  # fmt: skip
    store = RedisStore(redis_url)
    runs = taskwait.begin("lobstr", "R1", kind="run")
    tasks = taskwait.begin("lobstr", "T1")
    budget.set_rate_limit("lobstr", 1, per=60, route="tasks")
    now = time.time()
    assert throttle(store, {}, frozenset(), 0.0, tasks, now) is None
    assert throttle(store, {}, frozenset(), 0.0, tasks, now) is not None  # the tasks window is spent
    assert throttle(store, {}, frozenset(), 0.0, runs, now) is None  # runs keep their own (120 a minute)
    assert throttle(store, {"lobstr": (5, 60.0)}, frozenset({"lobstr"}), 0.0, runs, now) is None  # install's rates


def test_an_answer_that_says_stop_blocks_the_route_for_every_worker(redis_db: redis.Redis, redis_url: str) -> None:
    store = RedisStore(redis_url)
    wall = time.time()

    def answer(request: httpx.Request) -> httpx.Response:
        body = {"hash_value": "T1", "status": {"status": "running"}}
        headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(wall + 30))}
        return httpx.Response(200, json=body, headers=headers)

    client = taskwait.connect("lobstr", KEY, httpx_args={"transport": httpx.MockTransport(answer)})
    taskwait.get_task(client, "T1")
    feedback(store, client, "lobstr", "tasks")
    wait = store.take_rate("lobstr", 90, 60.0, "tasks")
    assert 25 < wait <= 32  # until the reset the answer named, though the window has room
    assert store.take_rate("lobstr", 120, 60.0, "runs") == 0  # another route: not blocked


class Chance:
    def __init__(self, p: float) -> None:
        self.p = p

    def finish_probability(self, since: float, until: float) -> float | None:
        return self.p


class Chances:
    def distribution(self, provider: str, kind: str) -> Chance:
        return Chance(0.9 if kind == "run" else 0.1)

    last_fit = distribution


def test_the_sweeper_sends_the_likely_finish_first(redis_db: redis.Redis, redis_url: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    app = Celery("t", broker=redis_url)
    rt = install(app, redis_url=redis_url)
    store = rt.store
    for wait_id, kind in (("a", "task"), ("b", "run"), ("c", "task")):
        store.submit(wait_id, taskwait.begin("lobstr", wait_id, kind=kind).to_json(), "", 0.0)
    rows = [Due("due", w, 0, 0.0) for w in ("a", "b", "c")]
    monkeypatch.setattr("taskwait.celery.rates.learned", lambda: Chances())
    assert [r.wait_id for r in likely_first(store, rows)] == ["b", "a", "c"]
    monkeypatch.setattr("taskwait.celery.rates.learned", lambda: None)
    assert [r.wait_id for r in likely_first(store, rows)] == ["a", "b", "c"]  # nothing known: the order they fell due
    assert runtime(app) is rt
