"""The learned schedule: poll times from a learned distribution of durations (pure, for the engine).

Given the distribution F of how long this provider and kind's work takes (`durations`), the
schedule is the list of poll times, the same for every wait and counted from its start, that
makes the fewest requests in expectation while at most `LATE_SHARE` of the finishes are seen
more than `target` seconds late (so the p95 detection delay is within `target`, with a margin for
the estimate's own error). It is the optimal checking schedule of Barlow, Hunter & Proschan (1963)
for a percentile delay bound: a dynamic program over candidate poll times, with a Lagrange weight
on late finishes searched by bisection. A request is paid by every wait still running at the poll
before it (counted from the learned distribution); a gap (a, b] makes late the finishes in
(a, b - target], counted from the observations themselves (`_spills`): each one's finish spread over its
own censoring interval as the estimate spreads its mass there (the estimate's self-consistency: the coarse
intervals a schedule's own gaps make are resolved by the finer ones others saw), at a one-sided bound, so
that the plan never leans on a span the sample happened to leave empty.

Bounds: no gap is shorter than `floor` (the `interval`); none longer than `max_interval` when the
caller gave it (`bound`), else none longer than the safety cap, `SAFETY_GAP` times `max_interval` or
the time the wait has run, whichever is longer (a wait that has run t seconds is polled again by
2t at the latest). Past the last poll time (where the distribution holds no more mass) the wait goes
back to the plain schedule. The engine adds the deadline, `Retry-After` and the progress estimate.
"""

from __future__ import annotations

import bisect
import functools
import math

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


def _ended_before(dist: Distribution, points: list[float]) -> tuple[list[float], list[int]]:
    """At each of `points` (sorted): how many finite observations ended before it, each one's finish spread over
    its own interval as the estimate spreads its mass there (evenly where the estimate holds none), and how
    many right-censored ones began before it."""
    whole, part, began = [0.0] * (len(points) + 1), [0.0] * len(points), [0] * (len(points) + 1)
    for lower, upper in dist.held:
        k = bisect.bisect_right(points, lower)
        if upper == math.inf:
            began[k] += 1
            continue
        end = bisect.bisect_left(points, upper)
        base, width = dist.cdf(lower), dist.cdf(upper) - dist.cdf(lower)
        for q in range(k, end):  # the points inside its interval: the share of it before them
            t = points[q]
            part[q] += (dist.cdf(t) - base) / width if width > 1e-12 else (t - lower) / (upper - lower)
        whole[end] += 1.0  # the points at or past its end: all of it
    finite, started, total, opened = [], [], 0.0, 0
    for q in range(len(points)):
        total, opened = total + whole[q], opened + began[q]
        finite.append(total + part[q])
        started.append(opened)
    return finite, started


def _spills(dist: Distribution, g: list[float], alive: list[float], target: float,
            spans: list[tuple[int, int, int]]) -> list[list[float]]:  # fmt: skip
    """For each candidate i and each allowed next poll j: the share of waits charged as late by the gap.

    Counted from the observations: each finite one by the share of it that falls in the late span
    (g[i], g[j] - target), its finish spread over its own interval as the estimate spreads its mass there
    (so no observation counts more than once across one plan's gaps, and none outside where it was seen to
    end); each right-censored one wholly, if it could have ended there; the count raised to a one-sided
    `CONFIDENCE` bound (so a span the sample happened to leave empty is not free)."""
    n = max(len(dist.held), 1)
    at_start, _ = _ended_before(dist, g)
    at_end, started = _ended_before(dist, [t - target for t in g])
    out: list[list[float]] = []
    for i, (first, spilling, last) in enumerate(spans):
        row = [0.0] * max(0, min(spilling, last + 1) - first)  # gaps within the target: nothing late
        for j in range(max(first, spilling), last + 1):
            count = max(0.0, at_end[j] - at_start[i]) + started[j]
            row.append(min(alive[i], (count + CONFIDENCE * count**0.5 + CONFIDENCE**2 / 2) / n))
        out.append(row)
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
