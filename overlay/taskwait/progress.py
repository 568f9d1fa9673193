"""When will the work finish? A pure estimate from the progress a provider reports, for the engine.

The engine polls on its usual growing schedule until an answer says how far along the work is
(Flexprice records, an Openmart batch's counts, a Lobstr run's stats or upload rows). From the
first such answer on, the rate of progress since then gives the time left, and the next poll is
aimed just past the predicted finish. Guards against noisy early estimates: no estimate before
`MIN_PROGRESS` of the work has been seen done since the first answer; never a sleep longer than
the work has run so far (by the same estimate) times `MAX_STRETCH`; never shorter than `interval`
nor longer than `max_interval`; the deadline and `Retry-After` bound it as they bound every sleep.
"""

from __future__ import annotations

__all__ = ["MIN_PROGRESS", "Origin", "next_origin", "sleep_for", "time_left"]

MIN_PROGRESS = 0.02  # of the whole work, seen done between two answers, before any estimate
# A sleep is at most this many times as long as the work has run so far (by the estimate): an early,
# noisy estimate cannot send the wait far ahead. 1 keeps a 20-s task polled 0, 1, 2, 4, 8, 16 s; the
# schedule benchmark (docs/benchmarks.md) measured 8 as the trade-off that saves 30 % of the requests.
MAX_STRETCH = 8.0
AIM = 1.02  # aim a little past the predicted finish: an early poll costs a request, a late one little

Origin = tuple[float, float]  # (time, fraction done) of the first answer that carried progress


def next_origin(origin: Origin | None, now: float, fraction: float | None) -> Origin | None:
    """The origin to keep after an answer: the first one with progress, again after progress went back."""
    if fraction is None:
        return origin
    if origin is None or fraction < origin[1]:  # a retried job (Flexprice FAILED -> PROCESSING) starts over
        return (now, fraction)
    return origin


def time_left(origin: Origin | None, now: float, fraction: float | None) -> tuple[float, float] | None:
    """(seconds until the predicted finish, seconds the work has run) or None without a sound estimate."""
    if origin is None or fraction is None:
        return None
    since, first = origin
    gained, span = fraction - first, now - since
    if gained < MIN_PROGRESS or span <= 0:
        return None
    rate = gained / span
    return (1.0 - fraction) / rate * AIM, fraction / rate


def sleep_for(estimate: tuple[float, float], floor: float, ceiling: float) -> float:
    """The sleep until a poll just past the predicted finish, within [floor, ceiling] and the stretch guard."""
    left, ran = estimate
    return max(floor, min(left, ceiling, ran * MAX_STRETCH))
