"""The budget inside waits: shared by wait_for, wait_for_many, get_task, step and the async twins; a request
held for it is not a poll and the deadline holds exactly."""

from __future__ import annotations

import time

import anyio
import httpx
import pytest

import taskwait
from taskwait import WaitTimeout, budget
from tests.support import FakeTime, Script, ok


@pytest.fixture(autouse=True)
def _fresh() -> object:
    budget.reset()
    budget.reset_limits()
    yield
    budget.reset()
    budget.reset_limits()


def test_a_held_request_is_not_a_poll_and_the_deadline_holds_exactly() -> None:
    taskwait.set_rate_limit("databar", 1, per=60)
    fake = FakeTime()
    script = Script([ok("databar", "T", "processing")], time=fake)
    results = taskwait.wait_for_many(script.client("databar"), ["T1", "T2"], timeout=10, **fake.kwargs())
    assert len(script.requests) == 1  # one slot a minute: the other request never left
    errors = [results["T1"], results["T2"]]
    assert all(isinstance(e, WaitTimeout) for e in errors)
    assert sorted(str(e).split(", ")[1].split(" (")[0] for e in errors) == ["0 polls", "1 poll"]
    assert fake.now == pytest.approx(1010.0)  # ended at the deadline: not before (no early raise), not after


def test_waits_one_after_another_share_the_budget() -> None:
    taskwait.set_rate_limit("databar", 2, per=60)
    fake = FakeTime()
    script = Script([ok("databar", "T1", "processing"), ok("databar", "T1", "completed"),
                     ok("databar", "T2", "completed")], time=fake)  # fmt: skip
    client = script.client("databar")
    taskwait.wait_for(client, "T1", **fake.kwargs())
    first_done = fake.now
    taskwait.wait_for(client, "T2", **fake.kwargs())
    assert fake.now >= 1060.0 > first_done  # T2's first poll waited for the window the T1 wait had spent


def test_the_async_twin_is_held_too() -> None:
    taskwait.set_rate_limit("databar", 1, per=30)
    fake = FakeTime()
    script = Script([ok("databar", "T1", "processing"), ok("databar", "T1", "completed")], time=fake)

    async def main() -> None:
        await taskwait.wait_for_async(script.client("databar"), "T1", **fake.kwargs(use_async=True))

    anyio.run(main)
    assert fake.now >= 1030.0  # the second poll waited for the window, not just the engine's 1 s


def test_get_task_and_step_share_the_budget_with_waits() -> None:
    taskwait.set_rate_limit("databar", 1, per=0.3)
    script = Script([ok("databar", "T1", "processing")])
    client = script.client("databar")
    start = time.monotonic()
    taskwait.get_task(client, "T1")
    state = taskwait.begin("databar", "T1", timeout=5)
    taskwait.step(client, state)  # step runs on time.time: the same budget as the monotonic clock's
    assert time.monotonic() - start >= 0.3
    assert len(script.requests) == 2


def test_other_keys_have_budgets_of_their_own() -> None:
    taskwait.set_rate_limit("databar", 1, per=60)
    script = Script([ok("databar", "T1", "processing")])
    start = time.monotonic()
    taskwait.get_task(script.client("databar"), "T1")
    other = taskwait.connect("databar", "another-key-123456", httpx_args={"transport": httpx.MockTransport(script)})
    taskwait.get_task(other, "T1")
    assert time.monotonic() - start < 1.0
