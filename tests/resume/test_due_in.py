"""`WaitState.due_in`: the seconds to sleep before the next step, a float while the wait goes on."""

from __future__ import annotations

import pytest

import taskwait
from tests.support import FakeTime, Script, ok

T0 = 1_700_000_000.0


def test_due_in_counts_down_to_the_next_poll_and_refuses_an_ended_wait() -> None:
    time = FakeTime()
    script = Script([ok("flexprice", "T-1", "PROCESSING"), ok("flexprice", "T-1", "COMPLETED")])
    state = taskwait.begin("flexprice", "T-1", timeout=60, interval=2, now=T0)
    assert state.due_in(T0) == 0.0 and state.due_in(T0 + 30) == 0.0  # due at once; overdue is still 0
    time.now = T0
    state = taskwait.step(script.client("flexprice"), state, clock=time.clock, rand=lambda: 0.0)
    assert state.next_poll_at == T0 + 2
    assert state.due_in(T0) == 2.0 and state.due_in(T0 + 1.5) == 0.5 and state.due_in(T0 + 3) == 0.0
    state = taskwait.step(script.client("flexprice"), state, clock=time.clock)
    assert state.done
    with pytest.raises(ValueError, match="has ended"):
        state.due_in(T0)


def test_due_in_defaults_to_the_current_time() -> None:
    far = taskwait.begin("databar", "T-1", now=4_000_000_000.0)  # due in the year 2096
    assert far.due_in() > 1e9
    assert taskwait.begin("databar", "T-1").due_in() == 0.0  # begun now: due at once
