"""The learned schedule: poll times from a learned distribution of durations (pure, for the engine).

Given the distribution F of how long this provider and kind's work takes (`durations`), the
schedule is the list of poll times, the same for every wait and counted from its start, that
makes the fewest requests in expectation while at most `LATE_SHARE` of the finishes are seen
more than `target` seconds late (so the p95 detection delay is within `target`, with a margin for
the estimate's own error). It is the optimal checking schedule of Barlow, Hunter & Proschan (1963)
for a percentile delay bound: a dynamic program over candidate poll times, with a Lagrange weight
on late finishes searched by bisection. A request is paid by every wait still running at the poll
before it (counted from the learned distribution); a gap (a, b] makes late the finishes in
(a, b - target], counted from the observations themselves (`_spills`): every one that could have ended
there, at a one-sided bound, so that the plan never leans on where, inside a gap of its own, the censored
finishes fell, nor on a span the sample happened to leave empty.

Bounds: no gap is shorter than `floor` (the `interval`); none longer than `max_interval` when the
caller gave it (`bound`), else none longer than the safety cap, `SAFETY_GAP` times `max_interval` or
the time the wait has run, whichever is longer (a wait that has run t seconds is polled again by
2t at the latest). Past the last poll time (where the distribution holds no more mass) the wait goes
back to the plain schedule. The engine adds the deadline, `Retry-After` and the progress estimate.
"""

from __future__ import annotations

import bisect
import functools

from .turnbull import Distribution

__all__ = ["LATE_SHARE", "SAFETY_GAP", "Times", "next_sleep", "poll_times"]

Times = tuple[float, ...]  # poll times in seconds since the wait began, the first 0 (the start itself)

LATE_SHARE = 0.04  # finishes the plan lets be later than the target: under the 5 % a p95 allows
SAFETY_GAP = 6.0  # with the default max_interval, no gap exceeds max(SAFETY_GAP x max_interval, elapsed)
RESOLUTION = 4  # candidate poll times every target / RESOLUTION seconds at first ...
STRETCH = 0.03  # ... and every STRETCH x t seconds later on, whichever is longer
COARSE = 0.005  # past where this share of the waits is still running, candidates may be wider than the target
TAIL = 1e-5  # the list ends where fewer than this share of the waits is still running
BISECTIONS = 30
CONFIDENCE = 1.64  # a gap's late share is taken at this one-sided normal bound of its finishes' count


def _candidates(dist: Distribution, target: float) -> list[float]:
    times, t = [0.0], 0.0
    while (alive := dist.survival(t)) > TAIL and len(times) < 4000:
        step = max(target / RESOLUTION, STRETCH * t)
        t += step if alive < COARSE else min(step, target)  # a gap of one step is never late where finishes are
        times.append(t)
    return times


class _Counts:
    """A Fenwick tree: how many observations fall at or below an index, with one added at a time."""

    def __init__(self, size: int) -> None:
        self.tree = [0] * (size + 1)

    def add(self, index: int) -> None:
        index += 1
        while index < len(self.tree):
            self.tree[index] += 1
            index += index & -index

    def upto(self, index: int) -> int:
        total, index = 0, min(index + 1, len(self.tree) - 1)
        while index > 0:
            total += self.tree[index]
            index -= index & -index
        return total


def _spills(dist: Distribution, g: list[float], alive: list[float], target: float,
            spans: list[tuple[int, int, int]]) -> list[list[float]]:  # fmt: skip
    """For each candidate i and each allowed next poll j: the share of waits charged as late by the gap.

    Counted from the observations, not from the estimate: every held observation that could have ended
    in (g[i], g[j] - target), its interval meeting that span, as if it did (so no arrangement of the
    censored finishes makes more late, and the schedule never relies on where, within a gap it left,
    the finishes fell), raised to a one-sided `CONFIDENCE` bound on that count (so a span the sample
    happened to leave empty is not free)."""
    m, n = len(g), max(len(dist.held), 1)
    ends = [t - target for t in g]
    by_upper = sorted(((upper, bisect.bisect_right(ends, lower)) for lower, upper in dist.held), reverse=True)
    counts, k = _Counts(m), 0
    out: list[list[float]] = [[] for _ in range(m)]
    for i in range(m - 1, -1, -1):
        while k < len(by_upper) and by_upper[k][0] > g[i]:  # observations still running at g[i]
            if by_upper[k][1] < m:
                counts.add(by_upper[k][1])  # it could end in (g[i], g[j] - target) from j = that index on
            k += 1
        first, spilling, last = spans[i]
        row = [0.0] * max(0, min(spilling, last + 1) - first)  # gaps within the target: nothing late
        for j in range(max(first, spilling), last + 1):
            count = counts.upto(j)
            row.append(min(alive[i], (count + CONFIDENCE * count**0.5 + CONFIDENCE**2 / 2) / n))
        out[i] = row
    return out


@functools.lru_cache(maxsize=256)
def poll_times(dist: Distribution, target: float, floor: float, max_interval: float, bound: bool) -> Times:
    """The poll times (seconds since the wait began, the first 0) for a p95 delay within `target`."""
    g = _candidates(dist, target)
    m = len(g)
    alive = [dist.survival(t) for t in g]
    spans = []  # for each candidate: the first allowed next poll, the first that ends a late gap, the last allowed
    for i, t in enumerate(g):
        cap = max_interval if bound else max(SAFETY_GAP * max_interval, t)
        spans.append((bisect.bisect_left(g, t + floor - 1e-9, i + 1), bisect.bisect_right(g, t + target * (1 + 1e-9)),
                      min(bisect.bisect_right(g, t + cap + 1e-9), m) - 1))  # fmt: skip
    spills = _spills(dist, g, alive, target, spans)

    def solve(weight: float) -> tuple[float, list[int]]:
        value, late, choice = [0.0] * m, [0.0] * m, [m] * m
        for i in range(m - 2, -1, -1):
            first = spans[i][0]
            best, best_j, best_late = float("inf"), m, 0.0
            for j, spill in enumerate(spills[i], first):
                cost = value[j] + weight * spill
                if cost < best:
                    best, best_j, best_late = cost, j, spill
            if best_j == m:  # nowhere to go within the bounds: the list ends here
                continue
            value[i], choice[i], late[i] = alive[i] + best, best_j, late[best_j] + best_late
        path, i = [0], 0
        while choice[i] < m:
            i = choice[i]
            path.append(i)
        return late[0], path

    low, high = 1e-3, 1e9  # the weight of a late finish, in requests: bisected on a log scale
    late, best = solve(high)
    for _ in range(BISECTIONS):
        middle = (low * high) ** 0.5
        late, path = solve(middle)
        if late <= LATE_SHARE:
            high, best = middle, path
        else:
            low = middle
    return tuple(g[i] for i in best)


def next_sleep(times: Times, elapsed: float, floor: float) -> float | None:
    """Seconds until the next poll time after `elapsed` (at least `floor`), or None past the list's end."""
    k = bisect.bisect_right(times, elapsed + 1e-9 * max(1.0, elapsed))
    if k >= len(times):
        return None
    return max(floor, times[k] - elapsed)
