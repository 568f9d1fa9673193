"""Workers share one Lobstr rate through Redis; on_done is called once with the terminal state; a wait polls alone."""

from __future__ import annotations

import time
from typing import Any

import pytest
import redis
from celery import Celery  # type: ignore[import-untyped]

import taskwait
from taskwait.celery import install, runtime, submit
from taskwait.celery import state as state_of
from taskwait.emulator import Emulator
from tests.celery.conftest import Spawn, worker_env

SETTINGS: dict[str, Any] = {"lease": 4, "grace": 2, "sweep_interval": 1, "max_countdown": 5,
                            "rates": {"lobstr": [12, 60]}}  # fmt: skip


def _app(redis_url: str) -> Any:
    app = Celery("limits-client", broker=redis_url)
    install(app, redis_url=redis_url, lease=4, grace=2, sweep_interval=1, max_countdown=5, rates={"lobstr": (12, 60)})
    return app


def _until_done(app: Any, wait_ids: list[str], seconds: float) -> dict[str, taskwait.WaitState]:
    deadline = time.monotonic() + seconds
    while True:
        states = {w: state_of(app, w) for w in wait_ids}
        if all(s.done for s in states.values()) or time.monotonic() > deadline:
            return states
        time.sleep(0.25)


@pytest.mark.slow
def test_two_workers_share_one_lobstr_rate_and_call_on_done_once(
    redis_db: redis.Redis, redis_url: str, spawn: Spawn
) -> None:
    with Emulator(lobstr_rate_limit=12) as emu:  # Lobstr's limit, scaled down so that 2 workers would exceed it
        env = worker_env(redis_url, emu, SETTINGS)
        workers = [spawn(env, "a", concurrency=4), spawn(env, "b", concurrency=4), spawn(env, "beat", beat=True)]
        for worker in workers:
            worker.wait_ready()
        app = _app(redis_url)
        hungry = [emu.add_task("lobstr", polls=10**6) for _ in range(8)]  # would ask ~200 times in 5 s
        quick = [emu.add_task("databar", fate=o, polls=2) for o in ("success", "failure")]
        callback = app.signature("tests.record_done", kwargs={"tag": "t"})
        ids = [submit(app, "lobstr", t.task_id, timeout=5, interval=0.1, max_interval=0.2) for t in hungry]
        ids += [submit(app, "databar", t.task_id, interval=0.1, on_done=callback) for t in quick]
        ids += [submit(app, "databar", t.task_id, interval=0.1, on_done=callback) for t in quick]  # again: no-op
        states = _until_done(app, ids, 20)
        time.sleep(3)  # the sweeper's grace: nothing may be sent twice
        lobstr_requests = sum(emu.stats("lobstr", t.task_id)["requests"] for t in hungry)  # type: ignore[index]
        databar = [emu.stats("databar", t.task_id) for t in quick]
    assert [s.outcome for s in states.values()] == ["timed_out"] * 8 + ["succeeded", "failed"]
    assert lobstr_requests <= 12 and runtime(app).store.stats()["throttled"] > 0
    assert all(s is not None and s["requests"] == 3 and s["overlaps"] == 0 for s in databar)
    done = [taskwait.WaitState.from_json(text) for text in redis_db.lrange("test:done:t", 0, -1)]
    assert sorted(s.task_id for s in done) == sorted(t.task_id for t in quick)  # once each, though submitted twice
    with pytest.raises(taskwait.TaskFailed):
        next(s for s in done if s.outcome == "failed").result()
