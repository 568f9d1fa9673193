"""Where a request waits for its budget: one lock for every lane in the process, wakeups for threads and loops.

`hold` (threads) and `hold_async` (any anyio loop: asyncio or trio) keep a request back until its lane
(`lanes.Lane`: one route family of one `Account`) gives it a slot, or its deadline comes (None: not
sent; the caller's wait then ends as it would have). A slot goes to the best held request (`Lane.pick`)
whoever notices it is open; the one given it is woken across threads and event loops (a thread's
`threading.Event`; `call_soon_threadsafe` for asyncio; a trio token's `run_sync_soon`). One held request
per lane, the leader, sleeps until the next slot; the others until their deadline or their slot.

Lanes are kept per clock: waits on the process's monotonic clock share one budget; a wait run on an
injected clock (a simulation, a test) has budgets of its own, so simulated time never mixes with real.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio
import attrs
import httpx

from ..wire import parse_retry_after
from .accounts import Account
from .lanes import Claim, Hold, Lane
from .limits import enabled, generation, limit_for

__all__ = ["Grant", "held_note", "hold", "hold_async", "lanes_of", "reset"]

Clock = Callable[[], float]
R = TypeVar("R")
_LOCK = threading.Lock()
_LANES: OrderedDict[tuple[object, Account, str], tuple[Lane, int]] = OrderedDict()
_MAX_LANES = 4096  # lanes of idle accounts or dead clocks beyond this are forgotten, oldest first
_UNLIMITED_PER = 60.0  # how long an unlimited lane remembers its sends (for the answers' bounds)
_NAP = 1.0  # seconds a non-leader sleeps at most when it cannot be woken (an injected sleep, another loop library)
_LOOK = 5.0  # seconds a held request that can be woken sleeps at most (a wakeup lost is a delay, not a hang)
_REAL: tuple[Clock, ...] = (time.monotonic, time.time, time.perf_counter)  # one budget: kept on time.monotonic


def _lane(clock: Clock, account: Account, route: str) -> Lane:
    key = (clock, account, route)
    found = _LANES.get(key)
    if found is not None and found[1] == generation():  # the usual case: a known lane, its limit unchanged
        _LANES.move_to_end(key)
        return found[0]
    limit, generation_read = limit_for(account.provider, route)
    if found is None:
        lane = Lane(None, _UNLIMITED_PER) if limit is None else Lane(*limit)
    else:
        lane, seen = found
        if seen != generation_read:  # set_rate_limit since: same log, new numbers
            lane.requests, lane.per = (None, _UNLIMITED_PER) if limit is None else limit
    _LANES[key] = (lane, generation_read)
    _LANES.move_to_end(key)
    while len(_LANES) > _MAX_LANES:
        oldest = next(iter(_LANES))
        if _LANES[oldest][0].held:
            break
        del _LANES[oldest]
    return lane


def lanes_of(account: Account) -> dict[str, Lane]:
    """The lanes of an account on the monotonic clock, by route family (the CLI's live view reads them)."""
    with _LOCK:
        return {r: lane for (c, a, r), (lane, _) in _LANES.items() if a == account and c is time.monotonic}


def held_note(account: Account) -> str | None:
    """'12 polls held for the rate budget (tasks: 90 per 60 s)', or None while nothing is held (the CLI's view)."""
    lanes = {r: lane for r, lane in lanes_of(account).items() if lane.held}
    if not lanes:
        return None
    count = sum(len(lane.held) for lane in lanes.values())
    limits = ", ".join(f"{r}: {'no set limit' if lane.requests is None else f'{lane.requests} per {lane.per:g} s'}"
                       for r, lane in lanes.items())  # fmt: skip
    return f"{count} poll{'' if count == 1 else 's'} held for the rate budget ({limits})"


def reset() -> None:
    """Forget every lane (tests)."""
    with _LOCK:
        _LANES.clear()


@attrs.define(eq=False)
class Grant:
    """A slot given: `sent` when the request leaves, `answered` with what came back."""

    lane: Lane | None = attrs.field(repr=False)
    stamp: float
    clock: Clock = attrs.field(repr=False)

    def sent(self) -> None:
        """The request leaves now: count it now (it was counted when its slot was given; `hold` calls this)."""
        if self.lane is None:
            return
        now = self.clock()
        with _LOCK:
            if now > self.stamp:
                self.lane.restamp(self.stamp, now)
                self.stamp = now

    def answered(self, reply: R, wall_now: float | None = None) -> R:
        """Let the answer's X-RateLimit-Remaining/Reset and a 429's Retry-After bound the lane; the reply back."""
        if self.lane is not None and isinstance(reply, httpx.Response):
            self._read(reply, time.time() if wall_now is None else wall_now)
        return reply

    def _read(self, reply: httpx.Response, wall_now: float) -> None:
        assert self.lane is not None
        headers, refused = reply.headers, reply.status_code == 429
        remaining = _number(headers.get("X-RateLimit-Remaining"))
        if remaining is None and not refused:  # most answers of most providers: one header lookup
            return
        reset_at = _number(headers.get("X-RateLimit-Reset"))
        # Lobstr sends unix time; a small number is read as seconds from now (some servers send that)
        reset_in = None if reset_at is None else reset_at - wall_now if reset_at > 1e9 else reset_at
        retry = parse_retry_after(headers.get("Retry-After"), wall_now) if refused else None
        with _LOCK:
            self.lane.answered(self.stamp, self.clock(), remaining=None if remaining is None else int(remaining),
                               reset_in=reset_in, retry_after=retry, refused=refused)  # fmt: skip


def _number(text: str | None) -> float | None:
    try:
        value = float(text) if text is not None else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) and value >= 0 else None


def _real(clock: Clock, deadline: float | None) -> tuple[Clock, float | None]:
    """The process's real clocks share one budget on time.monotonic (`step` runs on time.time)."""
    if clock is time.monotonic or clock not in _REAL:
        return clock, deadline
    return time.monotonic, None if deadline is None else time.monotonic() + (deadline - clock())


def _free(clock: Clock) -> Grant:
    return Grant(None, clock(), clock)


def _enter(lane: Lane, claim: Claim, clock: Clock, deadline: float | None) -> Grant | Hold | None:
    """A slot at once if the lane gives it, None if the deadline has passed, else the request held."""
    now = clock()
    if deadline is not None and now >= deadline:
        return None
    # The usual case, sent at once: nothing held, a slot open, and no pacing (unlimited, or nothing queued behind)
    if not lane.held and (lane.requests is None or claim.backlog == 0) and lane.ready_at(now) <= now:
        lane.take(now)
        return Grant(lane, now, clock)
    hold = Hold(claim, now, deadline)
    lane.held.append(hold)
    for given in lane.grant(now):
        if given is not hold and given.wake is not None:
            given.wake()
    return hold if hold.granted is None else Grant(lane, hold.granted, clock)


def _turn(lane: Lane, hold: Hold, now: float, can_wake: bool) -> float | None:
    """One look under the lock: give open slots; None once `hold` is done (given a slot or gone), else
    when to look again."""
    for given in lane.grant(now):
        if given is not hold and given.wake is not None:
            given.wake()
    if hold.granted is None and hold.deadline is not None and now >= hold.deadline:
        _leave(lane, hold)
    if hold.granted is not None or hold.gone:
        if lane.leader is hold:
            _pass_lead(lane)
        return None
    if lane.leader is None or lane.leader.granted is not None or lane.leader.gone:
        lane.leader = hold
    until = lane.next_at(now)
    if lane.leader is not hold:  # woken when given a slot; it looks again now and then all the same
        until = min(until, now + _NAP) if not can_wake else now + _LOOK
    return until if hold.deadline is None else min(until, hold.deadline)


def _leave(lane: Lane, hold: Hold) -> None:
    if hold.granted is None and not hold.gone:
        hold.gone = True
        lane.held.remove(hold)
    if lane.leader is hold:
        _pass_lead(lane)


def _pass_lead(lane: Lane) -> None:
    lane.leader = lane.held[0] if lane.held else None
    if lane.leader is not None and lane.leader.wake is not None:
        lane.leader.wake()  # it sleeps until its deadline: wake it to keep the lane's timer


def _entry(account: Account, route: str, claim: Claim, deadline: float | None,
           clock: Clock) -> Grant | tuple[Lane, Hold, Clock] | None:  # fmt: skip
    """A slot at once (a Grant; a free one with the budget off), None (the deadline has passed), or the lane,
    the request held in it and the clock its lane keeps."""
    if not enabled():
        return _free(clock)
    clock, deadline = _real(clock, deadline)
    with _LOCK:
        lane = _lane(clock, account, route)
        entered = _enter(lane, claim, clock, deadline)
    return (lane, entered, clock) if isinstance(entered, Hold) else entered


def hold(account: Account, route: str, claim: Claim, deadline: float | None, clock: Clock = time.monotonic,
         sleep: Callable[[float], object] | None = None) -> Grant | None:  # fmt: skip
    """Keep a request back until its lane gives it a slot (a Grant), or until `deadline` (None: not sent)."""
    entered = _entry(account, route, claim, deadline, clock)
    if not isinstance(entered, tuple):
        return entered
    lane, held, clock = entered
    try:
        while True:
            event = threading.Event()
            with _LOCK:
                held.wake = None if sleep is not None else event.set
                now = clock()
                until = _turn(lane, held, now, sleep is None)
                if until is None:
                    break
            if sleep is not None:
                sleep(max(until - now, 0.0))
            else:
                event.wait(max(min(until - now, 86400.0), 0.0))
    finally:
        with _LOCK:
            _leave(lane, held)
    return _given(lane, held, clock)


def _given(lane: Lane, held: Hold, clock: Clock) -> Grant | None:
    """The grant of a hold that ended (None: its deadline came first), counted from now: it is sent now."""
    if held.granted is None:
        return None
    grant = Grant(lane, held.granted, clock)
    grant.sent()
    return grant


def _waker(event: anyio.Event) -> Callable[[], object] | None:
    """A function that sets `event` from any thread or loop, for the running loop's library (None: unknown)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is not None:

        def wake_asyncio() -> None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: nothing is waiting any more
                loop.call_soon_threadsafe(event.set)

        return wake_asyncio
    trio = sys.modules.get("trio")  # a trio loop runs only if trio was imported
    if trio is None:
        return None
    try:
        token = trio.lowlevel.current_trio_token()
    except RuntimeError:
        return None

    def wake_trio() -> None:
        with contextlib.suppress(trio.RunFinishedError):
            token.run_sync_soon(event.set)

    return wake_trio


async def hold_async(account: Account, route: str, claim: Claim, deadline: float | None,
                     clock: Clock = time.monotonic,
                     sleep: Callable[[float], Awaitable[object]] | None = None) -> Grant | None:  # fmt: skip
    """`hold` for an event loop: the loop runs on while the request is held."""
    entered = _entry(account, route, claim, deadline, clock)
    if not isinstance(entered, tuple):
        return entered
    lane, held, clock = entered
    try:
        while True:
            event = anyio.Event()
            wake = None if sleep is not None else _waker(event)
            with _LOCK:
                held.wake = wake
                now = clock()
                until = _turn(lane, held, now, wake is not None)
                if until is None:
                    break
            if sleep is not None:
                await sleep(max(until - now, 0.0))
            else:
                with anyio.move_on_after(max(min(until - now, 86400.0), 0.0)):
                    await event.wait()
    finally:
        with _LOCK:
            _leave(lane, held)
    return _given(lane, held, clock)
