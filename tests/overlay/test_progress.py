"""Polling that reads progress: the engine aims at the predicted finish, within every guard."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import taskwait
from taskwait import Progress, Status, TaskSnapshot
from taskwait.engine import Observed, Policy, Raise, Sleep, Transient, decide, start
from taskwait.progress import MIN_PROGRESS, next_origin, time_left
from tests.support import FakeTime, Script, ok


def seen(done: int, total: int = 100, status: Status = Status.RUNNING) -> Observed:
    return Observed(TaskSnapshot("flexprice", "T", status, "PROCESSING", progress=Progress(done, total)))


def test_no_estimate_before_enough_progress_and_then_a_linear_one() -> None:
    origin = next_origin(None, 10.0, 0.20)
    assert time_left(origin, 12.0, 0.20 + MIN_PROGRESS / 2) is None
    left, ran = time_left(origin, 20.0, 0.30)  # type: ignore[misc]  # 1 % a second, for 30 s so far
    assert left == pytest.approx(70 * 1.02) and ran == pytest.approx(30)
    assert next_origin(origin, 30.0, 0.10) == (30.0, 0.10)  # progress went back: a retried job starts over
    assert next_origin(origin, 30.0, None) == origin


def test_the_next_poll_is_aimed_at_the_predicted_finish_within_max_interval() -> None:
    policy = Policy(timeout=None, interval=1.0, max_interval=30.0, jitter=0.0)
    state = start(policy, "flexprice", "T", 0.0)
    _, state = decide(policy, state, seen(0), 0.0, 0.0)
    decision, state = decide(policy, state, seen(1), 1.0, 0.0)  # 1 % a second: no estimate before 2 %
    assert isinstance(decision, Sleep) and decision.seconds == pytest.approx(1.2)  # the plain schedule
    decision, state = decide(policy, state, seen(3), 3.0, 0.0)  # 97 s to go, 3 s run: at most 8 x 3 s
    assert isinstance(decision, Sleep) and decision.seconds == pytest.approx(24.0)
    decision, state = decide(policy, state, seen(10), 10.0, 0.0)  # 90 s to go: max_interval
    assert isinstance(decision, Sleep) and decision.seconds == pytest.approx(30.0)
    decision, state = decide(policy, state, seen(96), 96.0, 0.0)
    assert isinstance(decision, Sleep) and decision.seconds == pytest.approx(4.0 * 1.02)  # just past the finish
    off = Policy(timeout=None, interval=1.0, max_interval=30.0, jitter=0.0, use_progress=False)
    decision, _ = decide(off, attrs_evolve(state, delay=1.0), seen(96), 96.0, 0.0)
    assert isinstance(decision, Sleep) and decision.seconds == pytest.approx(1.0)


def attrs_evolve(state: object, **changes: object) -> object:
    import attrs

    return attrs.evolve(state, **changes)  # type: ignore[misc]


steps = st.lists(
    st.tuples(st.one_of(st.integers(0, 100).map(seen), st.floats(0, 100).map(lambda r: Transient("429", r))),
              st.floats(0, 50), st.floats(0, 0.999)),
    min_size=1, max_size=30,
)  # fmt: skip


@given(st.floats(0.1, 10), st.floats(0, 100), st.none() | st.floats(1, 5000), steps)
def test_progress_never_breaks_a_guard(interval: float, extra: float, timeout: float | None, answers: list) -> None:
    policy = Policy(timeout=timeout, interval=interval, max_interval=interval + extra)
    now, state = 0.0, start(policy, "flexprice", "T", 0.0)
    for attempt, took, u in answers:
        now += took
        decision, state = decide(policy, state, attempt, now, u)
        if isinstance(decision, Raise):
            return
        assert isinstance(decision, Sleep) and decision.seconds >= 0
        if isinstance(attempt, Transient) and attempt.retry_after is not None and state.deadline is None:
            assert decision.seconds >= min(attempt.retry_after, policy.max_retry_after) - 1e-9  # Retry-After wins
        elif isinstance(attempt, Observed) and state.deadline is None:
            assert decision.seconds <= policy.max_interval + 1e-9
            estimate = time_left(state.progress_origin, now, attempt.snapshot.progress.fraction)  # type: ignore[union-attr]
            if estimate is not None:  # aimed at the finish: never longer than the work has run, nor below interval
                assert policy.interval - 1e-9 <= decision.seconds <= max(policy.interval, 8 * estimate[1]) + 1e-9
        if state.deadline is not None:
            assert now + decision.seconds <= state.deadline + 1e-9
        now += decision.seconds


def linear(duration: float, fake: FakeTime, total: int = 1000) -> Script:
    """A Flexprice import whose records are processed at an even pace from the wait's start."""
    started = fake.now

    def answer(request: httpx.Request) -> httpx.Response:
        done = min(total, int(total * (fake.now - started) / duration))
        status = "COMPLETED" if fake.now - started >= duration else "PROCESSING"
        return ok("flexprice", "T1", status, done=done, total=total)

    return Script([answer], time=fake)


@pytest.mark.parametrize("duration", [7.0, 25.0, 90.0])
def test_a_wait_that_reads_progress_polls_less_and_sees_the_end_sooner(duration: float) -> None:
    results = {}
    for use_progress in (True, False):
        fake = FakeTime()
        script = linear(duration, fake)
        snap = taskwait.wait_for(script.client("flexprice"), "T1", interval=1, max_interval=10,
                                 use_progress=use_progress, **fake.kwargs())  # fmt: skip
        assert snap.status is Status.SUCCEEDED
        results[use_progress] = (len(script.requests), fake.now - 1000 - duration)
    (with_progress, late), (plain, plain_late) = results[True], results[False]
    assert with_progress <= plain and late <= 2.0
    assert with_progress < plain or late < plain_late
