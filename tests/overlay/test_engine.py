"""Properties of the pure decision engine, over many random schedules and answers."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from taskwait import Status, TaskSnapshot
from taskwait.checks import policy_for
from taskwait.engine import Fatal, Finish, Observed, Policy, Raise, Sleep, Transient, check_seconds, decide, start
from taskwait.errors import TaskNotFound, WaitTimeout
from taskwait.providers import ADAPTERS

RUNNING = Observed(TaskSnapshot("databar", "T", Status.RUNNING, "processing"))
DONE = Observed(TaskSnapshot("databar", "T", Status.SUCCEEDED, "completed"))

policies = st.builds(
    lambda interval, extra, factor, jitter, timeout: Policy(
        timeout=timeout, interval=interval, max_interval=interval + extra, factor=factor, jitter=jitter
    ),
    interval=st.floats(0.01, 60),
    extra=st.floats(0, 600),
    factor=st.floats(1, 4),
    jitter=st.floats(0, 0.99),
    timeout=st.none() | st.floats(0, 10_000),
)
attempts = st.one_of(
    st.just(RUNNING),
    st.builds(Transient, reason=st.just("HTTP 503"), retry_after=st.none() | st.floats(0, 10_000)),
    st.just(Observed(TaskSnapshot("databar", "T", Status.UNKNOWN, "???"))),
)


@given(policies, st.lists(st.tuples(attempts, st.floats(0, 0.999999), st.floats(0, 50)), max_size=40))
def test_never_negative_never_past_deadline_and_base_delay_grows_to_cap(policy: Policy, steps: list) -> None:
    now = 0.0
    state = start(policy, "databar", "T", now)
    previous_delay = state.delay
    for attempt, u, request_time in steps:
        now += request_time
        decision, state = decide(policy, state, attempt, now, u)
        assert previous_delay <= state.delay <= policy.max_interval
        previous_delay = state.delay
        if isinstance(decision, Raise):
            assert isinstance(decision.error, WaitTimeout) and state.deadline is not None
            assert now >= state.deadline or state.final  # after the last poll, nothing more fits before it
            return
        assert isinstance(decision, Sleep)
        assert decision.seconds >= 0
        if state.deadline is not None:
            assert now + decision.seconds <= state.deadline + 1e-9
        now += decision.seconds


@given(policies, st.floats(0, 5000), st.floats(0, 0.999999))
def test_retry_after_is_honoured_up_to_cap_and_deadline(policy: Policy, retry_after: float, u: float) -> None:
    assume(policy.timeout != 0)
    state = start(policy, "databar", "T", 0.0)
    decision, _ = decide(policy, state, Transient("HTTP 429", retry_after), 0.0, u)
    assert isinstance(decision, Sleep)
    wanted = min(retry_after, policy.max_retry_after)
    assert decision.seconds >= min(wanted, last_poll_at(policy)) - 1e-9


def last_poll_at(policy: Policy) -> float:
    """When the last poll before the deadline starts, for a wait that began at 0 (inf: no deadline)."""
    if policy.timeout is None:
        return float("inf")
    return policy.timeout - min(policy.last_poll_lead, policy.timeout / 2)


@given(policies, st.floats(0, 0.999999))
def test_jitter_is_bounded(policy: Policy, u: float) -> None:
    assume(policy.timeout != 0)
    state = start(policy, "databar", "T", 0.0)
    decision, _ = decide(policy, state, RUNNING, 0.0, u)
    assert isinstance(decision, Sleep)
    if last_poll_at(policy) > policy.interval:
        assert policy.interval * (1 - policy.jitter) - 1e-9 <= decision.seconds <= policy.interval


@given(policies, st.lists(st.tuples(attempts, st.floats(0, 0.999999)), min_size=1, max_size=60))
def test_the_last_poll_starts_in_time_and_then_the_wait_ends(policy: Policy, steps: list) -> None:
    """No request outlives the deadline: the last poll starts before it, and the answer after it ends the wait."""
    assume(policy.timeout is not None and policy.timeout > 1e-6)  # not a denormal: half of it must be > 0
    now, state = 0.0, start(policy, "databar", "T", 0.0)
    for attempt, u in steps:
        decision, state = decide(policy, state, attempt, now, u)
        if isinstance(decision, Raise):
            assert isinstance(decision.error, WaitTimeout) and state.final
            return
        assert isinstance(decision, Sleep)
        now += decision.seconds
        if state.final:
            assert state.deadline is not None and now < state.deadline


@given(policies, st.floats(0, 20_000))
def test_terminal_answer_wins_even_past_the_deadline(policy: Policy, late: float) -> None:
    state = start(policy, "databar", "T", 0.0)
    decision, _ = decide(policy, state, DONE, late, 0.5)
    assert decision == Finish(DONE.snapshot)


def test_fatal_is_raised_at_once() -> None:
    policy = Policy()
    error = TaskNotFound("no", "databar", "T")
    decision, state = decide(policy, start(policy, "databar", "T", 0.0), Fatal(error), 0.0, 0.0)
    assert decision == Raise(error) and state.polls == 1


def test_unknown_warns_once() -> None:
    policy = Policy()
    unknown = Observed(TaskSnapshot("databar", "T", Status.UNKNOWN, "???"))
    first, state = decide(policy, start(policy, "databar", "T", 0.0), unknown, 0.0, 0.0)
    second, state = decide(policy, state, unknown, 1.0, 0.0)
    assert isinstance(first, Sleep) and first.warning and "???" in first.warning
    assert isinstance(second, Sleep) and second.warning is None


def test_policy_validation() -> None:
    for bad in ({"interval": 0}, {"interval": float("nan")}, {"factor": 0.5}, {"jitter": 1.0}, {"timeout": -1}):
        with pytest.raises(ValueError):
            Policy(**bad)  # type: ignore[arg-type]


def test_an_attempt_that_sent_nothing_is_not_a_poll() -> None:
    policy = Policy(timeout=10, interval=1, max_interval=2)
    decision, state = decide(policy, start(policy, "databar", "T1", 0.0), Transient("timed out"), 1.0, 0.0)
    assert isinstance(decision, Sleep) and state.polls == 1
    decision, state = decide(policy, state, Transient("not sent", sent=False), 11.0, 0.0)
    assert isinstance(decision, Raise) and state.polls == 1 and ", 1 poll (" in str(decision.error)


def test_minus_zero_seconds_is_zero() -> None:
    assert math.copysign(1.0, check_seconds("timeout", -0.0, positive=False)) == 1.0
    timeout = policy_for(ADAPTERS["databar"], -0.0, None, None, True, -0.0).timeout
    assert timeout is not None and math.copysign(1.0, timeout) == 1.0
