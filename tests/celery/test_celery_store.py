"""The Redis side of taskwait.celery on a real redis-server: leases, compare-and-set, the shared rate, the sweeper."""

from __future__ import annotations

import pickle
import threading
import time

import pytest
import redis
from celery import Celery  # type: ignore[import-untyped]

import taskwait
import taskwait.celery
from taskwait.celery import install, runtime, submit, wait_id_for
from taskwait.celery import state as state_of
from taskwait.celery.store import RedisStore


def test_a_lease_is_held_by_one_caller_and_a_write_needs_it_and_the_rev(redis_db: redis.Redis, redis_url: str) -> None:
    store = RedisStore(redis_url)
    state = taskwait.begin("databar", "T-1")
    assert store.submit("w1", state.to_json(), "", 1.0) and not store.submit("w1", "other", "", 2.0)
    token = store.lease("w1", 5)
    assert token is not None and store.lease("w1", 5) is None
    assert store.commit("w1", 0, token, state.to_json(), "sent", 10.0, 60) == 1
    assert store.lease("w1", 5) is not None  # the commit gave the lease back
    redis_db.delete("taskwait:lease:w1")
    token = store.lease("w1", 5)
    assert token is not None and store.commit("w1", 0, token, "stale", "sent", 10.0, 60) == -2  # rev moved on
    assert store.load("w1") == (state.to_json(), 1, "")
    short = store.lease("w1", 0.05)
    time.sleep(0.1)
    thief = store.lease("w1", 5)
    assert short is not None and thief is not None
    assert store.commit("w1", 1, short, "late", "sent", 10.0, 60) == -1  # our lease ran out: the write is refused
    assert store.load("w1") == (state.to_json(), 1, "")


def test_the_shared_rate_admits_exactly_the_limit_from_many_threads(redis_db: redis.Redis, redis_url: str) -> None:
    store = RedisStore(redis_url)
    waits: list[float] = []
    lock = threading.Lock()

    def take() -> None:
        for _ in range(10):
            wait = store.take_rate("lobstr", 25, 60.0)
            with lock:
                waits.append(wait)

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert waits.count(0.0) == 25 and all(55 < w <= 60 for w in waits if w)


def test_the_sweeper_sends_what_is_due_soon_and_resends_what_is_overdue(redis_db: redis.Redis, redis_url: str) -> None:
    store = RedisStore(redis_url)
    now = time.time()
    store.submit("late", "{}", "", now - 30)  # its message should have run 30 s ago: a killed worker had it
    store.submit("fine", "{}", "", now + 1)
    redis_db.zadd("taskwait:due", {"soon": now + 2, "later": now + 500})
    rows = {(r.why, r.wait_id) for r in store.sweep(now, horizon=5, grace=10)}
    assert rows == {("due", "soon"), ("overdue", "late")}
    assert store.overdue(now, 10) == [] and store.pending() == {"due": 1, "sent": 3, "notify": 0}


def test_install_refuses_a_countdown_at_or_above_the_visibility_timeout(redis_url: str) -> None:
    app = Celery("t", broker=redis_url)
    app.conf.broker_transport_options = {"visibility_timeout": 30}
    with pytest.raises(ValueError, match="visibility_timeout"):
        install(app, redis_url=redis_url, max_countdown=30)
    with pytest.raises(ValueError, match="visibility_timeout"):
        install(app, redis_url=redis_url, max_countdown=10, sweep_interval=20)
    with pytest.raises(RuntimeError, match="install"):
        submit(Celery("other", broker=redis_url), "databar", "T-1")
    install(app, redis_url=redis_url, max_countdown=10, sweep_interval=5)


def test_the_shared_window_keeps_its_guard_and_turns_off_with_the_budget(redis_url: str) -> None:
    from taskwait import budget
    from taskwait.celery.rates import rate_for

    with pytest.raises(ValueError, match="rate_guard"):
        install(Celery("t", broker=redis_url), redis_url=redis_url, rate_guard=-0.1)
    rt = install(Celery("t", broker=redis_url), redis_url=redis_url, rates={"databar": (5, 1.0)}, rate_guard=0.05)
    assert rt.settings.rate_guard == 0.05
    assert rate_for(rt.settings.rates, rt.settings.given, "databar", "all") == (5, 1.0)
    assert rate_for(rt.settings.rates, rt.settings.given, "lobstr", "tasks") == (90, 60.0)  # documented
    budget.disable()  # TASKWAIT_BUDGET=off on a worker: no shared window either
    try:
        assert rate_for(rt.settings.rates, rt.settings.given, "databar", "all") is None
        assert rate_for(rt.settings.rates, rt.settings.given, "lobstr", "tasks") is None
    finally:
        budget.enable()


def test_submit_is_idempotent_and_keeps_no_secret(redis_db: redis.Redis, redis_url: str) -> None:
    app = Celery("t", broker=redis_url)
    install(app, redis_url=redis_url)
    first = submit(app, "lobstr", "abc", timeout=60)
    assert submit(app, "lobstr", "abc", timeout=60) == first == wait_id_for("lobstr", "task", "abc")
    assert submit(app, "lobstr", "abc", kind="task") == first
    assert redis_db.llen("celery") == 1  # one poll message, not two
    state = state_of(app, first)
    assert (state.provider, state.kind, state.task_id, state.polls, state.done) == ("lobstr", "task", "abc", 0, False)
    with pytest.raises(ValueError, match="has no 'batch' unit"):
        submit(app, "lobstr", "abc", kind="batch")
    with pytest.raises(ValueError, match="task_id is too long"):  # refused here, not by a worker on every sweep
        submit(app, "lobstr", "a" * 70_000)
    assert redis_db.llen("celery") == 1
    assert state_of(app, submit(app, "lobstr", "abc", kind="run")).kind == "run"  # another wait: a run of that id
    with pytest.raises(KeyError):
        state_of(app, "nope")
    assert runtime(app).settings.rates["lobstr"] == (90, 60.0)


def test_the_old_name_result_still_answers_the_state_and_warns(redis_db: redis.Redis, redis_url: str) -> None:
    app = Celery("t", broker=redis_url)
    install(app, redis_url=redis_url)
    wait_id = submit(app, "lobstr", "abc", timeout=60)
    with pytest.warns(DeprecationWarning, match="use taskwait.celery.state"):
        old = taskwait.celery.result(app, wait_id)
    assert old == state_of(app, wait_id) and isinstance(old, taskwait.WaitState)


def test_state_of_an_unknown_or_malformed_wait_id_is_a_typed_error_naming_it(
    redis_db: redis.Redis, redis_url: str
) -> None:
    app = Celery("t", broker=redis_url)
    install(app, redis_url=redis_url)
    unknown = wait_id_for("lobstr", "task", "never-submitted")
    with pytest.raises(taskwait.celery.WaitNotFound) as missing:
        state_of(app, unknown)
    assert isinstance(missing.value, taskwait.TaskwaitError) and isinstance(missing.value, KeyError)
    assert missing.value.wait_id == unknown and missing.value.args == (unknown,)  # as the KeyError it replaces
    assert str(missing.value).startswith(f"no wait {unknown!r}: never submitted")
    assert pickle.loads(pickle.dumps(missing.value)).wait_id == unknown  # a Celery task may raise it on
    for wrong in (None, b"lobstr-task-0", 7):
        with pytest.raises(TypeError, match=f"^wait_id must be a str .*, not {type(wrong).__name__}$"):
            state_of(app, wrong)  # type: ignore[arg-type]


def test_durations_are_shared_through_redis_by_every_worker(redis_db: redis.Redis, redis_url: str) -> None:
    from taskwait.celery.durations import SharedDurations
    from taskwait.durations import MIN_FINISHES

    one, other = SharedDurations(RedisStore(redis_url)), SharedDurations(RedisStore(redis_url))
    for i in range(MIN_FINISHES):
        one.observe("lobstr", "run", 60.0 + i, 70.0 + i)
    other.observe("lobstr", "run", 5.0, None)  # a timeout, right-censored
    assert other.finishes("lobstr", "run") == 0  # not reloaded yet
    assert other.refresh("lobstr", "run").finishes("lobstr", "run") == MIN_FINISHES
    assert one.refresh("lobstr", "run").to_json() == other.to_json()  # the same list, in the same order
    fitted = other.distribution("lobstr", "run")
    assert fitted is not None
    one.observe("lobstr", "run", 80.0, 81.0)  # one more from another worker: reloaded, the last fit kept
    assert other.refresh("lobstr", "run").finishes("lobstr", "run") == MIN_FINISHES + 1
    assert other.distribution("lobstr", "run") is fitted
    assert redis_db.llen("taskwait:durations:lobstr:run") == MIN_FINISHES + 2
    for _ in range(one.window):
        one.observe("lobstr", "run", 1.0, 2.0)
    assert redis_db.llen("taskwait:durations:lobstr:run") == one.window  # trimmed to the window


def test_a_workers_own_observations_are_new_once_when_it_reloads(redis_db: redis.Redis, redis_url: str) -> None:
    from taskwait.celery.durations import SharedDurations
    from taskwait.durations import MIN_FINISHES, REFIT_SHARE

    held, own = MIN_FINISHES * 2, 4
    # the premise: `own` new observations are short of the share that refits, unless each counts twice;
    # twice as many, each counted once, reach it
    assert own < REFIT_SHARE * (held + own) <= 2 * own
    assert REFIT_SHARE * (held + 2 * own) <= 2 * own
    worker = SharedDurations(RedisStore(redis_url))
    for i in range(held):
        worker.observe("openmart", "batch", 10.0 + i, 11.0 + i)
    fitted = worker.refresh("openmart", "batch").distribution("openmart", "batch")
    assert fitted is not None
    for _ in range(own):
        worker.observe("openmart", "batch", 30.0, 31.0)
        worker.refresh("openmart", "batch")  # as the worker does before each step
    assert worker.distribution("openmart", "batch") is fitted  # counted once: no refit yet
    for _ in range(own):
        worker.observe("openmart", "batch", 30.0, 31.0)
        worker.refresh("openmart", "batch")
    assert worker.distribution("openmart", "batch") is not fitted  # enough is new: refitted
