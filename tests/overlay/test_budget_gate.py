"""Holding requests for the budget: across threads and event loops, deadlines, the answers' feedback, no key shown."""

from __future__ import annotations

import threading
import time

import anyio
import httpx
import pytest

from taskwait import budget
from taskwait.budget import Claim, account_of, hold, hold_async, set_rate_limit

KEY = "sk-live-budget-SECRET-7f3a"


@pytest.fixture(autouse=True)
def _fresh() -> object:
    budget.reset()
    budget.reset_limits()
    budget.enable()
    yield
    budget.reset()
    budget.reset_limits()
    budget.enable()


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_accounts_tell_keys_apart_and_show_none() -> None:
    a = account_of("lobstr", "https://api.lobstr.io/", [KEY])
    assert a == account_of("lobstr", "https://api.lobstr.io", [KEY])
    assert a != account_of("lobstr", "https://api.lobstr.io", ["another-key"])
    assert a != account_of("lobstr", "http://127.0.0.1:9", [KEY])
    lane_repr = repr(budget.lanes_of(a))
    for text in (repr(a), str(a), lane_repr):
        assert KEY not in text and a.tag.hex() not in text and "tag" not in text
    grant = hold(a, "tasks", Claim(), None)
    assert grant is not None
    assert KEY not in repr(grant) and a.tag.hex() not in repr(grant)


def test_held_requests_keep_the_window_on_an_injected_clock() -> None:
    clock = Clock()
    set_rate_limit("databar", 3, per=10)
    acct = account_of("databar", "http://x", [KEY])
    stamps = []
    for _ in range(7):
        grant = hold(acct, "all", Claim(), None, clock, clock.sleep)
        assert grant is not None
        grant.sent()
        stamps.append(clock.now)
    for s in stamps:
        assert sum(s <= t < s + 10 for t in stamps) <= 3
    assert stamps[-1] - stamps[0] < 30  # and no slower than the window needs


def test_a_deadline_that_passes_while_held_ends_the_hold_exactly_then() -> None:
    clock = Clock()
    set_rate_limit("databar", 1, per=60)
    acct = account_of("databar", "http://x", [KEY])
    assert hold(acct, "all", Claim(), None, clock, clock.sleep) is not None
    assert hold(acct, "all", Claim(), clock.now + 5, clock, clock.sleep) is None
    assert clock.now == pytest.approx(105.0)  # it gave up at its deadline, not before, not after
    assert hold(acct, "all", Claim(), clock.now, clock, clock.sleep) is None  # no time left: never held


def test_disabled_budget_holds_nothing() -> None:
    clock = Clock()
    set_rate_limit("databar", 1, per=60)
    budget.disable()
    acct = account_of("databar", "http://x", [KEY])
    for _ in range(5):
        assert hold(acct, "all", Claim(), None, clock, clock.sleep) is not None
    assert clock.now == 100.0


def answer(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers)


def test_headers_and_a_429_shrink_the_budget() -> None:
    clock = Clock()
    acct = account_of("lobstr", "http://x", [KEY])  # documented: tasks 90/60 s
    grant = hold(acct, "tasks", Claim(), None, clock, clock.sleep)
    assert grant is not None
    wall = 1_700_000_000.0
    grant.answered(answer(200, **{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(wall + 20))}), wall)
    assert hold(acct, "tasks", Claim(), None, clock, clock.sleep) is not None
    assert clock.now >= 120.0  # held until the reset, though 89 were left by our own count
    grant = hold(acct, "runs", Claim(), None, clock, clock.sleep)
    assert grant is not None
    start = clock.now
    grant.answered(answer(429, **{"Retry-After": "7"}), wall)
    assert hold(acct, "runs", Claim(), None, clock, clock.sleep) is not None
    assert clock.now - start >= 7.0


def test_the_budget_holds_across_threads() -> None:
    set_rate_limit("databar", 4, per=0.3)
    acct = account_of("databar", "http://threads", [KEY])
    stamps: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(3):
            grant = hold(acct, "all", Claim(), None)
            assert grant is not None
            grant.sent()
            with lock:
                stamps.append(grant.stamp)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(stamps) == 12
    stamps.sort()
    for s in stamps:
        assert sum(s <= t < s + 0.3 for t in stamps) <= 4


def test_the_budget_holds_across_event_loops_and_threads_at_once() -> None:
    """An asyncio loop, a trio loop and a plain thread share one account's budget."""
    set_rate_limit("databar", 3, per=0.25)
    acct = account_of("databar", "http://loops", [KEY])
    stamps: list[float] = []
    lock = threading.Lock()

    async def loop_worker() -> None:
        async def one() -> None:
            grant = await hold_async(acct, "all", Claim(), time.monotonic() + 5)
            assert grant is not None
            grant.sent()
            with lock:
                stamps.append(grant.stamp)

        async with anyio.create_task_group() as group:
            for _ in range(3):
                group.start_soon(one)

    def sync_worker() -> None:
        for _ in range(3):
            grant = hold(acct, "all", Claim(), time.monotonic() + 5)
            assert grant is not None
            grant.sent()
            with lock:
                stamps.append(grant.stamp)

    threads = [
        threading.Thread(target=anyio.run, args=(loop_worker,), kwargs={"backend": "asyncio"}),
        threading.Thread(target=anyio.run, args=(loop_worker,), kwargs={"backend": "trio"}),
        threading.Thread(target=sync_worker),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(stamps) == 9
    stamps.sort()
    for s in stamps:
        assert sum(s <= t < s + 0.25 for t in stamps) <= 3
    assert stamps[-1] - stamps[0] < 2.0  # woken when their slot came, not left to sleep


def test_a_cancelled_async_hold_leaves_its_place() -> None:
    set_rate_limit("databar", 1, per=60)
    acct = account_of("databar", "http://cancel", [KEY])

    async def main() -> None:
        assert await hold_async(acct, "all", Claim(), None) is not None
        with anyio.move_on_after(0.05):
            await hold_async(acct, "all", Claim(), None)
        (lane,) = budget.lanes_of(acct).values()
        assert lane.held == [] and lane.leader is None

    anyio.run(main)


def test_the_likely_finish_gets_the_slot_that_opens() -> None:
    set_rate_limit("databar", 1, per=0.2)
    acct = account_of("databar", "http://prio", [KEY])
    order: list[str] = []

    async def one(name: str, p: float, final: bool = False) -> None:
        grant = await hold_async(acct, "all", Claim(final, lambda now: p), time.monotonic() + 5)
        assert grant is not None
        order.append(name)

    async def main() -> None:
        assert await hold_async(acct, "all", Claim(), None) is not None  # the window is now full
        (lane,) = budget.lanes_of(acct).values()
        lane.patience = 100.0  # windows of 0.2 s: nothing here may age into the no-starvation tier
        async with anyio.create_task_group() as group:
            group.start_soon(one, "unlikely", 0.1)
            await anyio.sleep(0.01)
            group.start_soon(one, "likely", 0.9)
            await anyio.sleep(0.01)
            await anyio.sleep(0.01)
            group.start_soon(one, "middle", 0.5)
            await anyio.sleep(0.01)
            group.start_soon(one, "last poll", 0.0, True)

    anyio.run(main)
    assert order == ["last poll", "likely", "middle", "unlikely"]


def test_the_live_view_note_says_how_many_polls_are_held_and_the_limit() -> None:
    set_rate_limit("databar", 1, per=60)
    acct = account_of("databar", "http://note", [KEY])
    assert budget.held_note(acct) is None
    assert hold(acct, "all", Claim(), None) is not None
    started = threading.Event()
    threads = [threading.Thread(target=lambda: (started.set(), hold(acct, "all", Claim(), time.monotonic() + 0.3)))
               for _ in range(2)]  # fmt: skip
    for t in threads:
        t.start()
    deadline = time.monotonic() + 2
    while (
        budget.held_note(acct) != "2 polls held for the rate budget (all: 1 per 60 s)" and time.monotonic() < deadline
    ):
        time.sleep(0.01)
    assert budget.held_note(acct) == "2 polls held for the rate budget (all: 1 per 60 s)"
    for t in threads:
        t.join(5)
    assert budget.held_note(acct) is None  # their deadlines came: nothing held any more
