"""One route family's budget on one account: a sliding window, the answers' bounds and the requests held.

Pure bookkeeping, time passed in (seconds on the clock of the waits that share it); `gate` takes a lock
around every call and does the waiting. A `Lane` allows a request at `now` when:
- fewer than `requests` were sent in the last `per` seconds (plus `margin`: the server counts a request
  when it arrives, a little after it was stamped here), wherever a server's fixed windows start;
- no 429 asked to wait longer (`blocked`), and the last `X-RateLimit-Remaining` still leaves one
  before its `X-RateLimit-Reset`;
- while the budget is short (more requests held, or queued behind them, than the window has left), one every
  `per / requests` seconds: a burst of first polls would spend a whole window on answers that cannot
  be ready yet (benchmarks/ratelimit.py measures the difference).

Which held request goes next (`Lane.pick`): a wait's last poll before its deadline first; then any held
longer than `patience` seconds, oldest first (nothing starves: see `PATIENCE`); then the highest
chance that the unit finished since its last poll; then the one held longest (first come, first served).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable

import attrs

__all__ = ["PATIENCE", "Claim", "Hold", "Lane", "margin"]

# A held request waits at most this many windows before it goes ahead of every request still younger
# than that (final polls aside). Bound: held at t, it is sent by t + PATIENCE·per + the time the window
# needs for the final polls and the older aged requests ahead of it (at most their number · per/requests
# while the budget is short). tests/overlay/test_budget_lanes.py checks it.
PATIENCE = 2.0
UNLIMITED_LOG = 256  # send stamps an unlimited lane keeps (thousands of requests a second cost no memory)
MAX_RETRY_AFTER = 300.0  # seconds a 429's Retry-After empties a lane at most (as `Policy.max_retry_after`)
_seq = itertools.count()


def margin(per: float) -> float:
    """Seconds added to a window: the server stamps a request on arrival, after the client did."""
    return 0.05 + 0.01 * per


@attrs.frozen
class Claim:
    """What the loop says about one request: is it the wait's last poll, and how likely is a finish.

    `chance(now)` is the probability that the unit finished since its last poll (None: unknown). It is
    called under the budget's lock: it must be quick and must not wait or take locks.
    """

    final: bool = False
    chance: Callable[[float], float | None] | None = attrs.field(default=None, eq=False)
    backlog: int = 0  # requests of the same caller queued behind this one (a wait_for_many's other units)

    def score(self, now: float) -> float:
        if self.chance is None:
            return 0.0
        try:
            value = self.chance(now)
        except Exception:  # a priority must never break a wait
            return 0.0
        return value if value is not None and math.isfinite(value) else 0.0


@attrs.define(eq=False)
class Hold:
    """One request held for the budget."""

    claim: Claim
    arrived: float
    deadline: float | None
    seq: int = attrs.field(factory=lambda: next(_seq))
    granted: float | None = None  # the time its slot was stamped, once given one
    gone: bool = False  # left without a slot (its deadline came, or it was interrupted)
    wake: Callable[[], object] | None = attrs.field(default=None, repr=False)


@attrs.define(eq=False)
class Lane:
    """The budget of one route family of one account (repr: numbers only, never the account)."""

    requests: int | None  # None: unlimited by setting (the answers may still bound it)
    per: float
    sent: list[float] = attrs.field(factory=list)  # send stamps within the last window, sorted
    last: float = -math.inf  # the latest send stamp (pacing)
    blocked: float = -math.inf  # no request before this (a 429's Retry-After)
    bound_until: float = -math.inf  # X-RateLimit-Reset, on this clock
    bound_left: int = 0  # requests the last X-RateLimit-Remaining still allows before bound_until
    bound_stamp: float = -math.inf  # the send stamp of the answer that set the bound
    held: list[Hold] = attrs.field(factory=list)
    patience: float = PATIENCE
    leader: Hold | None = attrs.field(default=None, repr=False)  # the held request that keeps the lane's timer

    def forget(self, now: float) -> None:
        """Drop send stamps older than a window."""
        keep = now - self.per - margin(self.per)
        cut = bisect.bisect_right(self.sent, keep)
        if cut:
            del self.sent[:cut]

    def short(self) -> bool:
        """More requests held or queued behind them than the window has left: spend it evenly."""
        if self.requests is None:
            return False
        demand = len(self.held) + max((h.claim.backlog for h in self.held), default=0)
        return demand > self.requests - len(self.sent)

    def ready_at(self, now: float, *, paced: bool = True) -> float:
        """The earliest time (>= now) a request may be sent, if no other is sent before."""
        self.forget(now)
        at = max(now, self.blocked)
        if self.requests is not None:
            if len(self.sent) >= self.requests:
                at = max(at, self.sent[-self.requests] + self.per + margin(self.per))
            if paced and self.short():
                at = max(at, self.last + self.per / self.requests)
        if self.bound_left <= 0 and at < self.bound_until:
            at = self.bound_until
        return at

    def take(self, now: float) -> None:
        """Count a request sent at `now` (an unlimited lane keeps only its last `UNLIMITED_LOG` stamps: enough to
        tell which requests an answer's headers cannot have counted yet)."""
        bisect.insort(self.sent, now)
        if self.requests is None and len(self.sent) > UNLIMITED_LOG:
            del self.sent[: len(self.sent) - UNLIMITED_LOG]
        self.last = max(self.last, now)
        if now < self.bound_until:
            self.bound_left -= 1

    def restamp(self, old: float, new: float) -> None:
        """The request counted at `old` actually left at `new` (later): count it there."""
        i = bisect.bisect_left(self.sent, old)
        if i < len(self.sent) and self.sent[i] == old:
            del self.sent[i]
        bisect.insort(self.sent, new)
        self.last = max(self.last, new)

    def pick(self, now: float) -> Hold | None:
        """The held request that goes next (see the module's docstring)."""
        if not self.held:
            return None
        limit = now - self.patience * self.per

        def rank(h: Hold) -> tuple[int, float, int]:
            if h.claim.final:
                return (0, 0.0, h.seq)
            if h.arrived <= limit:
                return (1, 0.0, h.seq)
            return (2, -h.claim.score(now), h.seq)

        return min(self.held, key=rank)

    def grant(self, now: float) -> list[Hold]:
        """Give every slot open at `now` to the held requests, best first; the ones given a slot."""
        given: list[Hold] = []
        while self.held:
            best = self.pick(now)
            assert best is not None
            if self.ready_at(now, paced=not best.claim.final) > now:
                break
            self.held.remove(best)
            best.granted = now
            self.take(now)
            given.append(best)
        return given

    def next_at(self, now: float) -> float:
        """When `grant` may next give a slot (math.inf: nothing held)."""
        best = self.pick(now)
        return math.inf if best is None else self.ready_at(now, paced=not best.claim.final)

    def answered(self, stamp: float, now: float, *, remaining: int | None, reset_in: float | None,
                 retry_after: float | None, refused: bool) -> None:  # fmt: skip
        """What an answer to the request sent at `stamp` says, read at `now`.

        `remaining` requests are left until `reset_in` seconds from now (the X-RateLimit-* headers);
        a 429 (`refused`) allows nothing for `retry_after` seconds (one average gap without it).
        """
        if refused:
            wait = retry_after if retry_after is not None else self.per / (self.requests or 1)
            self.blocked = max(self.blocked, now + min(max(wait, 0.0), MAX_RETRY_AFTER))
        if remaining is None or reset_in is None or stamp < self.bound_stamp:
            return
        after = len(self.sent) - bisect.bisect_right(self.sent, stamp)  # ours the server may not have counted
        self.bound_stamp = stamp
        self.bound_until = now + max(reset_in, 0.0) + margin(self.per)
        self.bound_left = remaining - after
