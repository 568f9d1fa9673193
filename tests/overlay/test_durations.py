"""taskwait.Durations and the learned schedule: what a wait feeds it, what it changes, and what never changes."""

from __future__ import annotations

import itertools
import json
import math
import random
import threading
from typing import Any

import anyio
import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import taskwait
from taskwait.durations import EDGES, MIN_FINISHES, Distribution, Durations
from taskwait.engine import Observed, Policy, Sleep, Transient, decide, first_poll, schedule, start
from taskwait.learned import SAFETY_GAP, next_sleep, poll_times
from taskwait.snapshot import TaskSnapshot
from taskwait.status import Status
from tests.support import RAW, FakeTime, Script, ok


def _task(provider: str, finish: float, fake: FakeTime) -> Script:
    """A unit that answers running until `finish` seconds after the first request's clock, then done."""
    running, done, _, _ = RAW[provider]
    began = fake.now

    def answer(request: Any) -> Any:
        return ok(provider, "T1", done if fake.now - began >= finish else running)

    return Script([answer], time=fake)


def _wait(durations: Durations | None, finish: float, provider: str = "databar", **kw: Any) -> tuple[int, FakeTime]:
    fake = FakeTime()
    script = _task(provider, finish, fake)
    taskwait.wait_for(script.client(provider), "T1", timeout=None, durations=durations, **fake.kwargs(), **kw)
    return len(script.requests), fake


def _learned(n: int = 60, seed: int = 1, median: float = 30.0) -> Durations:
    durations, rng = Durations(), random.Random(seed)
    for _ in range(n):
        t = median * math.exp(0.3 * rng.gauss(0, 1))
        durations.observe("databar", "task", t * 0.9, t * 1.1)
    return durations


def _lognormal(median: float = 20.0, sigma: float = 1.5) -> Distribution:
    cdf = tuple(0.0 if e <= 0 else 0.5 * (1 + math.erf(math.log(e / median) / (sigma * 2**0.5))) for e in EDGES)
    return Distribution(cdf, ((1.0, 2.0),) * 1000, 1000)


def test_durations_none_is_todays_schedule_exactly_whatever_the_shared_model_knows() -> None:
    _, before = _wait(None, 95.0)
    shared = taskwait.default_durations()
    for _ in range(3 * MIN_FINISHES):
        shared.observe("databar", "task", 90.0, 96.0)
    _, after = _wait(None, 95.0)
    delay, expected = 1.0, []
    while sum(expected) < 95.0:  # rand() is 0.5: each sleep is the delay less half the 10 % jitter
        expected.append(delay * (1 - 0.1 * 0.5))
        delay = min(delay * 1.2, 10.0)
    assert before.sleeps == after.sleeps == pytest.approx(expected)
    _, learned = _wait(shared, 95.0)  # the default (shared) model does change them
    assert learned.sleeps != before.sleeps


def test_the_shared_model_is_only_for_waits_on_the_real_clock() -> None:
    shared = taskwait.default_durations()
    fake = FakeTime()  # a simulated wait neither teaches the shared model ...
    taskwait.wait_for(_task("databar", 5.0, fake).client("databar"), "T1", timeout=None, **fake.kwargs())
    assert shared.finishes("databar", "task") == 0
    for _ in range(3 * MIN_FINISHES):
        shared.observe("databar", "task", 90.0, 96.0)
    fake = FakeTime()  # ... nor follows it: by default it polls on today's schedule
    today = _task("databar", 95.0, fake)
    taskwait.wait_for(today.client("databar"), "T1", timeout=None, **fake.kwargs())
    assert len(today.requests) == _wait(None, 95.0)[0]
    assert _wait(shared, 95.0)[0] < len(today.requests)  # given explicitly, it is followed (and fed)
    script = Script([ok("databar", "T2", "completed")])  # a wait on the real clock feeds it
    taskwait.wait_for(script.client("databar"), "T2", timeout=5)
    assert shared.finishes("databar", "task") == 3 * MIN_FINISHES + 2
    state = taskwait.begin("databar", "T3", now=1_700_000_000.0)  # an injected start: due at once, as today
    assert state.next_poll_at == 1_700_000_000.0
    assert taskwait.begin("databar", "T3").due_in() > 0  # the real clock's begin follows the learned first poll
    with pytest.raises(TypeError, match="'shared'"):
        taskwait.wait_for(script.client("databar"), "T2", durations="mine")  # type: ignore[arg-type]


def test_until_the_threshold_the_default_wait_is_todays() -> None:
    durations = _learned(MIN_FINISHES - 1)
    assert durations.distribution("databar", "task") is None
    assert _wait(durations, 30.0)[1].sleeps == _wait(None, 30.0)[1].sleeps


def test_a_learned_schedule_polls_less_and_its_first_poll_waits() -> None:
    requests_plain, _ = _wait(None, 31.0)
    durations = _learned()
    requests, fake = _wait(durations, 31.0)
    assert requests < requests_plain and fake.sleeps[0] > 1.0
    assert fake.now - 1000.0 - 31.0 <= 10.0  # detected within the default target (max_interval)


def test_every_wait_that_ends_feeds_the_model_with_an_interval_around_the_finish() -> None:
    durations = Durations()
    _wait(durations, 7.5)
    ((lower, upper),) = json.loads(durations.to_json())["kinds"][0]["observations"]
    assert lower < 7.5 <= upper and durations.finishes("databar", "task") == 1


def test_a_timeout_is_right_censored() -> None:
    durations, fake = Durations(), FakeTime()
    script = _task("databar", 1e9, fake)
    with pytest.raises(taskwait.WaitTimeout):
        taskwait.wait_for(script.client("databar"), "T1", timeout=20, durations=durations, **fake.kwargs())
    ((lower, upper),) = json.loads(durations.to_json())["kinds"][0]["observations"]
    assert upper is None and 10 < lower <= 20 and durations.finishes("databar", "task") == 0


def test_reported_progress_wins_over_the_learned_schedule() -> None:
    durations = _learned()
    policy, dist = Policy(timeout=None), durations.distribution("databar", "task")
    times = schedule(policy, dist)
    state = start(policy, "flexprice", "T1", 0.0)
    snap = TaskSnapshot("flexprice", "T1", Status.RUNNING, "PROCESSING", None, None, taskwait.Progress(10, 100))
    _, state = decide(policy, state, Observed(snap), 0.0, 0.0, times)
    later = attrs.evolve(snap, progress=taskwait.Progress(20, 100))
    decision, _ = decide(policy, state, Observed(later), 2.0, 0.0, times)
    assert isinstance(decision, Sleep) and decision.seconds == policy.max_interval  # progress says 16 s: capped
    assert next_sleep(times or (), 2.0, 1.0) != decision.seconds


def test_an_explicit_max_interval_bounds_every_learned_gap_and_the_default_has_a_safety_cap() -> None:
    dist = _lognormal()
    bounded = poll_times(dist, 8.0, 1.0, 4.0, True)
    assert max(b - a for a, b in itertools.pairwise(bounded)) <= 4.0 + 1e-9
    free = poll_times(dist, 8.0, 1.0, 10.0, False)
    assert all(b - a <= max(SAFETY_GAP * 10.0, a) + 1e-9 for a, b in itertools.pairwise(free))
    assert max(b - a for a, b in itertools.pairwise(free)) > 10.0  # it does space wider where it may


@given(st.floats(0.05, 5.0), st.floats(1.0, 60.0), st.floats(0, 1, exclude_max=True), st.floats(0.0, 5000.0),
       st.one_of(st.none(), st.floats(0.0, 400.0)), st.one_of(st.none(), st.floats(1.0, 3000.0)))  # fmt: skip
def test_learned_sleeps_keep_the_floor_the_deadline_and_retry_after(
    interval: float, target: float, u: float, elapsed: float, retry_after: float | None, timeout: float | None
) -> None:
    policy = Policy(timeout=timeout, interval=interval, max_interval=max(interval, 10.0), target_delay=target)
    times = schedule(policy, _lognormal())
    state = start(policy, "databar", "T1", 0.0)
    assert first_poll(policy, times) <= (timeout if timeout is not None else math.inf)
    attempt: Any = Observed(TaskSnapshot("databar", "T1", Status.RUNNING, "processing", None, None, None))
    if retry_after is not None:
        attempt = Transient("429", retry_after=retry_after)
    decision, _ = decide(policy, state, attempt, elapsed, u, times)
    if isinstance(decision, Sleep):
        assert timeout is None or elapsed + decision.seconds < timeout or decision.seconds == 0  # never past it
        if timeout is None or elapsed + decision.seconds < timeout - policy.last_poll_lead:
            assert decision.seconds >= interval * (1 - policy.jitter) - 1e-9  # never below the floor
            if retry_after is not None:
                assert decision.seconds >= min(retry_after, policy.max_retry_after) - 1e-9  # Retry-After wins


def test_finish_probability_needs_the_threshold_and_is_a_conditional_probability() -> None:
    durations = _learned(MIN_FINISHES - 1)
    assert durations.finish_probability("databar", "task", 0.0, 100.0) is None
    durations = _learned()
    assert durations.finish_probability("databar", "task", 0.0, 1e6) == pytest.approx(1.0)
    p = durations.finish_probability("databar", "task", 25.0, 35.0)
    assert p is not None and 0.3 < p < 1.0
    assert durations.finish_probability("lobstr", "run", 0.0, 10.0) is None


def test_json_round_trip_plain_without_ids_and_malformed_text_is_a_value_error() -> None:
    durations = Durations()
    _wait(durations, 12.0)
    text = durations.to_json()
    assert "T1" not in text and json.loads(text)["version"] == 1
    again = Durations.from_json(text)
    assert again.to_json() == text
    bad = ["", "[]", '{"version": 2, "window": 200, "kinds": []}', '{"version": 1, "window": 200, "kinds": [1]}',
           '{"version":1,"window":200,"kinds":[{"provider":"databar","kind":"task","observations":[[5,1]]}]}',
           '{"version":1,"window":200,"kinds":[{"provider":"databar","kind":"task","observations":[[true,1]]}]}',
           '{"version":1,"window":200,"kinds":[{"provider":"Bad Name","kind":"task","observations":[]}]}']  # fmt: skip
    for text in bad:
        with pytest.raises(ValueError):
            Durations.from_json(text)


def test_it_forgets_the_oldest_beyond_its_window() -> None:
    durations = Durations(window=MIN_FINISHES)
    for i in range(3 * MIN_FINISHES):
        durations.observe("databar", "task", float(i), float(i) + 1)
    observations = json.loads(durations.to_json())["kinds"][0]["observations"]
    assert len(observations) == MIN_FINISHES and observations[0][0] == 2 * MIN_FINISHES


def test_observations_from_many_threads_are_all_counted() -> None:
    durations = Durations(window=10_000)

    def feed() -> None:
        for _ in range(500):
            durations.observe("lobstr", "run", 1.0, 2.0)
            durations.finish_probability("lobstr", "run", 0.0, 1.5)

    threads = [threading.Thread(target=feed) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert durations.finishes("lobstr", "run") == 4000


def _slow_fits(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event, list[int]]:
    """Every fit says it began (`entered`), waits for `release`, and is counted (its observations) in `fits`."""
    import taskwait.durations as module

    entered, release, fits = threading.Event(), threading.Event(), []
    real_fit = module.fit

    def slow_fit(observations: list[Any], start: list[float] | None) -> list[float]:
        fits.append(len(observations))
        entered.set()
        assert release.wait(10)
        return real_fit(observations, start)

    monkeypatch.setattr(module, "fit", slow_fit)
    return entered, release, fits


def test_a_refit_holds_no_lock_other_callers_get_the_last_fit_and_what_came_meanwhile_stays_new(
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    durations = _learned()
    first = durations.distribution("databar", "task")
    assert first is not None
    for i in range(40):  # enough new finishes for a refit
        durations.observe("databar", "task", 20.0 + i / 10, 21.0 + i / 10)
    entered, release, fits = _slow_fits(monkeypatch)
    refit = threading.Thread(target=durations.distribution, args=("databar", "task"))
    refit.start()
    assert entered.wait(10)
    # while the refit runs: answers at once, from the last fit; observations are taken
    assert durations.distribution("databar", "task") is first
    assert durations.finish_probability("databar", "task", 0.0, 1e6) == pytest.approx(1.0)
    for _ in range(30):
        durations.observe("databar", "task", 30.0, 31.0)
    release.set()
    refit.join(10)
    assert fits == [100]  # one refit of the 100 held then, though others asked during it
    second = durations.distribution("databar", "task")  # the 30 that came during the refit are new: refit again
    assert second is not None and second is not first and fits == [100, 130]
    assert durations.distribution("databar", "task") is second  # nothing new since


def test_a_first_fit_under_way_is_not_done_twice_nor_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    durations = _learned()
    entered, release, fits = _slow_fits(monkeypatch)
    got: list[Distribution | None] = []
    first = threading.Thread(target=lambda: got.append(durations.distribution("databar", "task")))
    first.start()
    assert entered.wait(10)
    assert durations.distribution("databar", "task") is None  # at once: nothing fitted yet, as below the threshold
    held = [tuple(o) for o in json.loads(durations.to_json())["kinds"][0]["observations"]]
    durations.replace("databar", "task", held, added=0)  # reloaded while the fit runs: the fit still serves it
    release.set()
    first.join(10)
    assert got[0] is not None and durations.distribution("databar", "task") is got[0]
    assert fits == [60]


def test_replace_keeps_the_last_fit_until_enough_is_new() -> None:
    durations = _learned()
    held = [tuple(o) for o in json.loads(durations.to_json())["kinds"][0]["observations"]]
    first = durations.distribution("databar", "task")
    durations.replace("databar", "task", [*held, (30.0, 31.0)], added=1)  # one more from another worker
    assert durations.distribution("databar", "task") is first and durations.finishes("databar", "task") == 61
    durations.replace("databar", "task", [*held, *[(30.0, 31.0)] * 10], added=9)  # 10 new of 70: past an eighth
    again = durations.distribution("databar", "task")
    assert again is not None and again is not first and again.finishes == 70
    durations.replace("databar", "task", held)  # added unknown: fitted afresh
    assert durations.distribution("databar", "task") is not again


def test_the_budgets_chance_refits_when_made_and_then_only_reads_the_last_fit() -> None:
    from taskwait.budget.priority import chance_for

    durations, calls = _learned(), []

    class Counting:
        def distribution(self, provider: str, kind: str) -> Distribution | None:
            calls.append("distribution")
            return durations.distribution(provider, kind)

        def last_fit(self, provider: str, kind: str) -> Distribution | None:
            calls.append("last_fit")
            return durations.last_fit(provider, kind)

    chance = chance_for("databar", "task", 100.0, 110.0, None, Counting())
    assert calls == ["distribution"]
    values = [chance(100.0 + t) for t in range(10, 60)]  # called under the budget's lock: never a refit
    assert calls == ["distribution"] + ["last_fit"] * 50
    assert values[0] == 0.0 and all(v is not None and 0 <= v <= 1 for v in values) and values == sorted(values)
    for _ in range(40):  # a newer fit, made by someone else, is what the next call reads
        durations.observe("databar", "task", 5.0, 6.0)
    newer = durations.distribution("databar", "task")
    assert newer is not None and durations.last_fit("databar", "task") is newer
    assert chance(125.0) == newer.finish_probability(10.0, 25.0)
    assert Durations().last_fit("databar", "task") is None
    assert _learned(MIN_FINISHES - 1).last_fit("databar", "task") is None


def test_bad_arguments_name_the_parameter() -> None:
    with pytest.raises(TypeError, match="durations"):
        _wait("yes", 1.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="target_delay"):
        _wait(None, 1.0, target_delay=0)
    with pytest.raises(ValueError, match="upper"):
        Durations().observe("databar", "task", 5.0, 1.0)


def test_begin_and_step_follow_the_learned_schedule_and_feed_the_model() -> None:
    durations, fake = _learned(), FakeTime()
    script = _task("databar", 31.0, fake)
    state = taskwait.begin("databar", "T1", timeout=None, now=fake.now, durations=durations)
    assert state.next_poll_at is not None and state.next_poll_at > fake.now  # the first poll waits
    plain = taskwait.begin("databar", "T1", timeout=None, now=fake.now, durations=None)
    assert plain.next_poll_at == fake.now
    held = durations.finishes("databar", "task")
    client = script.client("databar")
    while not state.done:
        fake.now = max(fake.now, state.next_poll_at or fake.now)
        state = taskwait.step(client, state, clock=fake.clock, rand=lambda: 0.5, durations=durations)
    requests_plain, _ = _wait(None, 31.0)
    assert len(script.requests) < requests_plain and durations.finishes("databar", "task") == held + 1
    assert taskwait.WaitState.from_json(state.to_json()) == state


def test_wait_for_many_and_the_async_wait_feed_every_unit_that_ends() -> None:
    durations, fake = Durations(), FakeTime()
    began = fake.now

    def answer(request: Any) -> Any:
        task_id = request.url.path.rsplit("/", 1)[-1]
        finish = {"A": 3.0, "B": 9.0, "C": 20.0}[task_id]
        return ok("databar", task_id, "completed" if fake.now - began >= finish else "processing")

    client = Script([answer], time=fake).client("databar")
    outcomes = taskwait.wait_for_many(client, ["A", "B", "C"], timeout=None, durations=durations, **fake.kwargs())
    assert len(outcomes) == 3 and durations.finishes("databar", "task") == 3

    async def main() -> None:
        await taskwait.wait_for_async(client, "A", timeout=None, durations=durations, **fake.kwargs(use_async=True))

    anyio.run(main)
    assert durations.finishes("databar", "task") == 4
