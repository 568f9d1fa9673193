"""The proof: hundreds of waits on real Celery workers (one SIGKILLed), Redis, the sweeper and the emulator.

Providers: mostly Databar, Openmart, Deepomatic and Flexprice, plus some Lobstr waits with the emulator's
Lobstr rate limit on (90 a minute) and the shared limiter set to the same 90 a minute.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from celery import Celery  # type: ignore[import-untyped]

import taskwait
from taskwait.celery import install, runtime, submit
from taskwait.celery import state as state_of
from taskwait.emulator import Emulator
from taskwait.emulator import app as emulator_app
from taskwait.engine import Policy
from tests.celery.conftest import Spawn, worker_env

SECRET = "sk-proof-4c1d9e-SECRET"
SETTINGS: dict[str, Any] = {"lease": 4, "grace": 2, "sweep_interval": 1, "max_countdown": 5,
                            "rates": {"lobstr": [90, 60]}}  # fmt: skip
OUTCOMES = {"success": "succeeded", "failure": "failed", "cancel": "cancelled"}
EXTRA_PER_WAIT = 2  # requests a wait may make beyond its schedule (a poll cut by a killed worker, its retry)


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """Every 429 the emulator's Lobstr rate limit answers (counted, not changed)."""
    seen: list[float] = []
    take = emulator_app.RateLimit.take

    def counting(self: emulator_app.RateLimit) -> tuple[bool, dict[str, str], float]:
        allowed, headers, wait = take(self)
        if not allowed:
            seen.append(time.time())
        return allowed, headers, wait

    monkeypatch.setattr(emulator_app.RateLimit, "take", counting)
    yield seen


def client_app(redis_url: str, **settings: Any) -> Any:
    app = Celery("proof-client", broker=redis_url)
    app.conf.broker_transport_options = {"visibility_timeout": 3600}
    rates = {p: tuple(r) for p, r in settings.pop("rates", {}).items()}
    install(app, redis_url=redis_url, rates=rates, **settings)
    return app


def scheduled_polls(horizon: float, interval: float, max_interval: float) -> int:
    """The most polls a wait can make in `horizon` seconds: every sleep at its shortest (full jitter), plus one."""
    policy, t, delay, polls = Policy(interval=interval, max_interval=max_interval), 0.0, interval, 1
    while True:
        t += delay * (1 - policy.jitter)
        if t > horizon:
            return polls + 1  # the poll that sees the end (or the last one before the deadline)
        polls, delay = polls + 1, min(delay * policy.factor, max_interval)


def _secrets_in(db: redis.Redis, secret: str) -> list[str]:
    found = []
    for key in db.scan_iter():
        kind = db.type(key)
        values: Any = {
            b"string": lambda k: db.get(k), b"hash": lambda k: db.hgetall(k), b"list": lambda k: db.lrange(k, 0, -1),
            b"set": lambda k: db.smembers(k), b"zset": lambda k: db.zrange(k, 0, -1),
        }[kind](key)  # fmt: skip
        if secret.encode() in repr(values).encode() or secret.encode() in key:
            found.append(key.decode())
    return found


@pytest.mark.slow
def test_waits_survive_a_killed_worker_without_overlap_429s_or_leftovers(
    redis_db: redis.Redis, redis_url: str, spawn: Spawn, refusals: list[float]
) -> None:
    began = time.monotonic()
    rng = random.Random(12)
    with Emulator(api_key=SECRET, lobstr_rate_limit=90, seed=12) as emu:
        env = worker_env(redis_url, emu, SETTINGS)
        workers = [spawn(env, "w1"), spawn(env, "w2"), spawn(env, "beat", beat=True)]
        for worker in workers:
            worker.wait_ready()
        app = client_app(redis_url, **SETTINGS)
        waits: list[tuple[str, Any, str, int]] = []  # (wait id, script, expected outcome, most requests)
        for i in range(320):
            lobstr = i % 24 == 0
            provider = "lobstr" if lobstr else ("databar", "openmart", "deepomatic", "flexprice")[i % 4]
            interval, max_interval = (2.0, 4.0) if lobstr else (1.0, 3.0)
            if i < 300:
                outcomes = ["success", "failure"] + (
                    ["cancel"] if provider in ("databar", "openmart", "lobstr") else []
                )
                outcome = rng.choice(outcomes)
                script = emu.add_task(provider, fate=outcome, duration=rng.uniform(2, 15))
                expected, timeout, horizon = OUTCOMES[outcome], 60.0, script.duration
            else:  # never finishes: times out at its 20 s deadline
                script = emu.add_task(provider, polls=10**6)
                expected, timeout, horizon = "timed_out", 20.0, 20.0
            wait_id = submit(app, provider, script.task_id, timeout=timeout, interval=interval,
                             max_interval=max_interval)  # fmt: skip
            waits.append((wait_id, script, expected, scheduled_polls(horizon, interval, max_interval)))
        submitted = time.monotonic()
        time.sleep(4)
        workers[0].kill()  # SIGKILL mid-run: its leased polls and countdown messages are gone with it
        killed = time.monotonic()
        spawn(env, "w3").wait_ready()
        while time.monotonic() - submitted < 45:
            states = {w: state_of(app, w) for w, *_ in waits}
            if all(s.done for s in states.values()):
                break
            time.sleep(0.5)
        ended = time.monotonic()
        stats = {w: emu.stats(script.provider, script.task_id) for w, script, *_ in waits}
        time.sleep(SETTINGS["grace"] + 1)  # a late, stale or re-sent message must not poll again
        late = {w: emu.stats(script.provider, script.task_id) for w, script, *_ in waits}

    pending = [w for w, state in states.items() if not state.done]
    assert not pending, f"{len(pending)} waits still pending, e.g. {states[pending[0]]}"
    wrong = [(script.provider, expected, states[w].outcome) for w, script, expected, _ in waits
             if states[w].outcome != expected]  # fmt: skip
    assert not wrong, wrong[:5]
    sample = states[waits[1][0]]
    if sample.outcome == "succeeded":
        assert sample.result().status is taskwait.Status.SUCCEEDED
    with pytest.raises(taskwait.WaitTimeout):
        states[waits[-1][0]].result()
    assert all(s is not None and s["overlaps"] == 0 for s in stats.values())
    assert refusals == []  # no 429: the shared limiter kept every worker under Lobstr's limit
    requests = {w: s["requests"] for w, s in stats.items() if s is not None}
    assert late == stats  # nothing polled after the waits ended
    over = [(w, requests[w], most) for w, _, _, most in waits if requests[w] > most + EXTRA_PER_WAIT]
    assert not over, over[:5]
    assert all(requests[w] >= states[w].polls for w in requests)  # each recorded poll was one request
    store = runtime(app).store
    assert store.pending() == {"due": 0, "sent": 0, "notify": 0}
    assert store.overdue(time.time(), 0) == [] and list(redis_db.scan_iter("taskwait:lease:*")) == []
    assert _secrets_in(redis_db, SECRET) == []
    counters = store.stats()
    total = sum(requests.values())
    print(f"\nproof: {len(waits)} waits, {total} requests ({total / len(waits):.1f}/wait), "
          f"scheduled at most {sum(m for *_, m in waits)}; counters {counters}; workers ready "
          f"{submitted - began:.1f}s, all ended {ended - submitted:.1f}s after submit ({ended - killed:.1f}s after "
          f"the kill); test {time.monotonic() - began:.1f}s")  # fmt: skip
    assert time.monotonic() - began < 60
