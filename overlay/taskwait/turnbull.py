"""The estimate behind `durations`: Turnbull's nonparametric maximum likelihood for censored durations.

Observations are (lower, upper] intervals of seconds (upper None: still running at `lower`). The mass
sits on a fixed grid of `BINS_PER_DECADE` log-spaced bins from `GRID_START` to `GRID_END` seconds, spread
evenly within a bin (`fit`: the EM, self-consistency), then a little over log time (`smooth`), so that the
bins a small sample missed are not taken for empty. `Distribution` is the result the learned schedule
reads. Pure: no state, no clock.
"""

from __future__ import annotations

import bisect
import math

import attrs

__all__ = ["BINS_PER_DECADE", "EDGES", "Distribution", "Observation", "fit", "smooth"]

BINS_PER_DECADE = 16
GRID_START, GRID_END = 0.01, 1e7  # seconds: 10 ms to 116 days; shorter is the first bin, longer the last
_STEPS = round(math.log10(GRID_END / GRID_START) * BINS_PER_DECADE)
EDGES: tuple[float, ...] = (0.0, *(GRID_START * 10 ** (k / BINS_PER_DECADE) for k in range(_STEPS + 1)))
EM_ROUNDS, EM_TOLERANCE = 300, 1e-7
SMOOTH = 0.15  # decades: the kernel's spread at 100 finishes (see `smooth`)

Observation = tuple[float, float | None]  # (lower, upper); upper None: still running at `lower`


@attrs.frozen(cache_hash=True)
class Distribution:
    """A learned distribution of durations: `cdf` at each of `EDGES`, linear in between, and the
    observations it was fitted on (`held`: (lower, upper), upper inf for a wait that did not see the end)."""

    cdf_at: tuple[float, ...]
    held: tuple[tuple[float, float], ...]
    finishes: int

    def cdf(self, t: float) -> float:
        """P(duration <= t); flat past the last edge (the last bin's mass lies beyond it)."""
        if t <= 0:
            return 0.0
        j = bisect.bisect_right(EDGES, t) - 1
        if j >= len(EDGES) - 1:
            return self.cdf_at[-1]
        lo, hi = EDGES[j], EDGES[j + 1]
        return self.cdf_at[j] + (self.cdf_at[j + 1] - self.cdf_at[j]) * (t - lo) / (hi - lo)

    def survival(self, t: float) -> float:
        return max(0.0, 1.0 - self.cdf(t))

    def finish_probability(self, since: float, until: float) -> float | None:
        """P(duration in (since, until] | duration > since); None when no mass is left past `since`."""
        alive = self.survival(since)
        if alive <= 1e-12:
            return None
        return min(1.0, max(0.0, (self.cdf(max(until, since)) - self.cdf(since)) / alive))


def _weights(lower: float, upper: float | None) -> tuple[int, tuple[float, ...]]:
    """(first bin, each bin's share of the interval (lower, upper]) under the even spread within a bin."""
    last = len(EDGES) - 1  # bins 0..last-1 between edges, bin `last` beyond the last edge
    first = min(bisect.bisect_right(EDGES, lower) - 1, last)
    stop = last if upper is None or upper > EDGES[-1] else min(max(bisect.bisect_left(EDGES, upper) - 1, first), last)
    weights = []
    for j in range(first, stop + 1):
        if j == last:
            weights.append(1.0)
            continue
        lo, hi = EDGES[j], EDGES[j + 1]
        top = hi if upper is None else min(hi, upper)
        weights.append(max(0.0, top - max(lo, lower)) / (hi - lo))
    return first, tuple(weights)


def fit(observations: list[Observation], start: list[float] | None) -> list[float]:
    """Each bin's mass: Turnbull's EM (self-consistency) on the fixed bins, from `start` if given."""
    rows = [_weights(lower, upper) for lower, upper in observations]
    size = len(EDGES)
    touched = [0.0] * size
    for first, weights in rows:
        for k, w in enumerate(weights):
            if w > 0:
                touched[first + k] = 1.0
    even = [t / sum(touched) for t in touched]
    # mixed with the even start so that no bin a new observation needs is stuck at zero mass
    mass = even if start is None else [0.9 * s * t + 0.1 * e for s, t, e in zip(start, touched, even, strict=True)]
    n = len(rows)
    for _ in range(EM_ROUNDS):
        counts = [0.0] * size
        for first, weights in rows:
            total = sum(mass[first + k] * w for k, w in enumerate(weights))
            if total <= 0:
                continue
            for k, w in enumerate(weights):
                counts[first + k] += mass[first + k] * w / total
        new = [c / n for c in counts]
        change = max(abs(a - b) for a, b in zip(new, mass, strict=True))
        mass = new
        if change < EM_TOLERANCE:
            break
    return mass


def _spread(mass: list[float], sds: list[float]) -> list[float]:
    size = len(mass) - 1  # the last bin (beyond the grid) is kept as it is
    out = [0.0] * len(mass)
    for j in range(size):
        if mass[j] <= 0:
            continue
        sd = sds[j]
        reach = math.ceil(3 * sd)
        span = [(i, math.exp(-0.5 * ((i - j) / sd) ** 2)) for i in range(max(0, j - reach), min(size, j + reach + 1))]
        total = sum(w for _, w in span)
        for i, w in span:
            out[i] += mass[j] * w / total
    out[-1] = mass[-1]
    return out


def smooth(mass: list[float], finishes: int) -> list[float]:
    """The masses spread by a Gaussian kernel over log time, wider where finishes are sparse (Abramson's
    adaptive kernel: SMOOTH decades at 100 finishes, narrowing as n^-1/5, times (pilot / its geometric
    mean)^-1/2): the EM alone puts every finish on the few bins the sample hit, and a schedule planned on
    those gaps misses the fresh tasks that fall in them."""
    sd = SMOOTH * BINS_PER_DECADE * (100 / max(finishes, 1)) ** 0.2
    pilot = _spread(mass, [sd] * len(mass))
    held = [p for p in pilot[:-1] if p > 1e-12]
    mean = math.exp(sum(math.log(p) for p in held) / len(held)) if held else 1.0
    return _spread(mass, [sd * min(4.0, max(0.25, (mean / p) ** 0.5)) if p > 1e-12 else sd for p in pilot])
