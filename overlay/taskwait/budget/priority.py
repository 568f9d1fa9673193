"""How likely a held poll is to find its unit finished: the `chance` of a budget `Claim`.

Two sources, the larger wins: the durations learned for the provider and kind (their `distribution`'s
`finish_probability`, the learned-schedule issue: P(the work ends in (since, until] | not by since)),
and the finish predicted from the progress the unit reported (1 once the prediction has passed,
rising linearly from the last poll until then). Unknown from both: None, and the budget falls back to
first come, first served. A due refit of the estimate happens when the chance is made; the chance itself
reads the last fit (the budget calls it under its lock, where a refit, tens of milliseconds, would hold
every wait).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

__all__ = ["Estimate", "FinishChance", "chance_for", "learned"]


class Estimate(Protocol):
    def finish_probability(self, since: float, until: float) -> float | None: ...


class FinishChance(Protocol):
    def distribution(self, provider: str, kind: str) -> Estimate | None: ...  # refits when due

    def last_fit(self, provider: str, kind: str) -> Estimate | None: ...  # quick: never fits, takes no lock


def learned() -> FinishChance:
    """The process's learned durations (`taskwait.default_durations()`)."""
    from ..durations import default_durations  # lazily: budget sits below the loop that feeds it

    return default_durations()


def chance_for(provider: str, kind: str, started: float, last_poll: float | None, predicted: float | None,
               source: FinishChance | None) -> Callable[[float], float | None]:  # fmt: skip
    """chance(now) for a unit whose wait began at `started` and was last polled at `last_poll` (None: never),
    with the finish predicted from progress at `predicted` (None: no prediction); all on the wait's clock.
    A due refit happens now; chance(now) itself reads the last fit: it is quick and takes no lock."""
    since = 0.0 if last_poll is None else max(last_poll - started, 0.0)
    base = started if last_poll is None else last_poll
    if source is not None:
        source.distribution(provider, kind)

    def chance(now: float) -> float | None:
        found: list[float] = []
        estimate = None if source is None else source.last_fit(provider, kind)
        if estimate is not None and now > started:
            p = estimate.finish_probability(since, max(now - started, since))
            if p is not None:
                found.append(min(max(p, 0.0), 1.0))
        if predicted is not None:
            span = predicted - base
            found.append(1.0 if now >= predicted or span <= 0 else min(max((now - base) / span, 0.0), 1.0))
        return max(found) if found else None

    return chance
