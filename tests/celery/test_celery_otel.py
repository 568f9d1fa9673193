"""A Celery wait's polls, made by two workers, are children of one wait span; a poll held back is an event."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from taskwait.celery import runtime, submit, testing
from taskwait.celery import state as state_of
from taskwait.celery.rates import throttle
from taskwait.emulator import Emulator
from taskwait.resume import begin
from tests.celery.conftest import Spawn
from tests.celery.test_celery_proof import client_app
from tests.otel.conftest import Otel, recording

SECRET = "sk-otel-celery-SECRET"
# every next poll is further off than max_countdown: it waits in Redis and the sweeper sends it to whoever is up
SETTINGS: dict[str, Any] = {"lease": 4, "grace": 1, "sweep_interval": 0.3, "max_countdown": 0.2}


@pytest.fixture
def otel() -> Iterator[Otel]:
    yield from recording()


def _until(predicate: Any, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.slow
def test_polls_on_two_workers_are_children_of_one_wait_span(
    redis_db: redis.Redis, redis_url: str, spawn: Spawn, otel: Otel, tmp_path: Path
) -> None:
    spans_file = tmp_path / "spans.jsonl"
    with Emulator(api_key=SECRET) as emu:
        task = emu.add_task("databar", polls=8).task_id
        env = testing.worker_env(redis_url, emu, SETTINGS, include="tests.celery.otel_worker")
        env["TASKWAIT_TEST_SPANS"] = str(spans_file)
        app = client_app(redis_url, **SETTINGS)
        with otel.tracer_provider.get_tracer("test").start_as_current_span("job"):
            wait_id = submit(app, "databar", task, interval=0.4, max_interval=0.4, timeout=60)
        spawn(env, "beat", beat=True).wait_ready()
        first = spawn(env, "a").wait_ready()
        _until(lambda: state_of(app, wait_id).polls >= 2)
        first.stop()
        spawn(env, "b").wait_ready()
        _until(lambda: state_of(app, wait_id).done)
        assert state_of(app, wait_id).outcome == "succeeded"
    (wait,) = otel.spans("taskwait.celery.wait")
    assert wait.attributes is not None and wait.attributes["taskwait.unit_id"] == task
    assert otel.children(otel.spans("job")[0]) == [wait]
    spans = [json.loads(line) for line in spans_file.read_text().splitlines()]
    stored = redis_db.hgetall(f"taskwait:w:{wait_id}")
    assert b"traceparent" in stored[b"trace"] and SECRET.encode() not in repr(stored).encode()
    assert SECRET not in spans_file.read_text()
    trace_id = f"0x{wait.context.trace_id:032x}"
    assert {s["context"]["trace_id"] for s in spans} == {trace_id}  # one trace across the processes
    by_id = {s["context"]["span_id"]: s for s in spans}
    polls = [s for s in spans if s["name"] == "taskwait.celery.poll"]
    assert {p["parent_id"] for p in polls} == {f"0x{wait.context.span_id:016x}"}
    assert len({p["attributes"]["process.pid"] for p in polls}) == 2  # two workers
    steps = [s for s in spans if s["name"] == "taskwait.step"]
    assert all(by_id[s["parent_id"]]["name"] == "taskwait.celery.poll" for s in steps)
    assert [s["attributes"]["taskwait.polls"] for s in steps] == list(range(1, len(steps) + 1))
    assert steps[-1]["attributes"]["taskwait.status"] == "succeeded"
    gets = [s for s in spans if s["name"] == "GET"]
    assert len(gets) == len(steps) and all(by_id[g["parent_id"]]["name"] == "taskwait.step" for g in gets)


@pytest.mark.slow
def test_a_poll_held_back_for_the_shared_rate_is_an_event_and_a_gauge(
    redis_db: redis.Redis, redis_url: str, otel: Otel
) -> None:
    app = client_app(redis_url, rates={"databar": [1, 60]})
    rt = runtime(app)
    rt.store.take_rate("databar", 1, 60.0)  # the only slot of the minute is taken
    state = begin("databar", "T1")
    with otel.tracer_provider.get_tracer("test").start_as_current_span("poll"):
        later = throttle(rt.store, rt.settings.rates, rt.settings.given, rt.settings.rate_guard, state, time.time())
    assert later is not None
    (event,) = otel.spans("poll")[0].events
    assert event.name == "taskwait.held" and 0 < event.attributes["taskwait.held"] <= 61  # type: ignore[index]
    assert [(a["taskwait.provider"], p.value) for a, p in otel.points("taskwait.polls.held")] == [("databar", 1)]
