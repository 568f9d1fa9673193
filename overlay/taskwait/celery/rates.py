"""The rate budget of waits on Celery workers: per route family, fed by the answers, likely finishes first.

Every worker shares a sliding window in Redis per provider and route family (`RedisStore.take_rate`):
the numbers are those `install(rates=...)` gives a provider (for each of its route families), else the
process's `taskwait.budget` limits (Lobstr's documented tasks 90/min, runs 120/min, results 2/s; what
`set_rate_limit` set on the worker). After each poll, what the answer said (X-RateLimit-Remaining 0 until
its reset, a 429's Retry-After) as the worker's own budget read it is written to Redis as a block of the
route for every worker (`feedback`). The sweeper sends the waits due, the most likely finish first
(`likely_first`): by the process's learned durations where known, else the order they fell due.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .. import budget
from ..budget.priority import FinishChance, chance_for, learned
from ..providers import ADAPTERS
from ..resume import WaitState
from . import tracing

if TYPE_CHECKING:
    from ..providers import AnyClient
    from .store import Due, RedisStore

__all__ = ["feedback", "likely_first", "rate_for", "route_for", "throttle"]


def route_for(provider: str, kind: str) -> str:
    """The route family a wait's polls count against (Lobstr: a task → tasks, a run → runs)."""
    request = ADAPTERS[provider].unit(kind).read.request("x")
    return budget.route_of(provider, str(request.get("url", "")))


def rate_for(rates: Mapping[str, tuple[int, float]], given: frozenset[str], provider: str,
             route: str) -> tuple[int, float] | None:  # fmt: skip
    """(requests, window seconds) of a route family for every worker, or None (no shared limit; also with the
    budget off in this worker: `TASKWAIT_BUDGET=off`)."""
    if not budget.enabled():
        return None
    if provider in given:
        return rates[provider]
    limit, _ = budget.limit_for(provider, route)
    return limit


def throttle(store: RedisStore, rates: Mapping[str, tuple[int, float]], given: frozenset[str], guard: float,
             state: WaitState, now: float) -> float | None:  # fmt: skip
    """None if the shared rate of the wait's route family has a slot now, else when to try again."""
    route = route_for(state.provider, state.kind)
    rate = rate_for(rates, given, state.provider, route)
    if rate is None or (state.deadline_at is not None and now >= state.deadline_at):
        return None  # past the deadline the step sends nothing: it only ends the wait
    wait = store.take_rate(state.provider, rate[0], rate[1] + guard, route)
    if wait <= 0:
        return None
    store.count("throttled")
    tracing.held(state.provider, wait, now + wait)
    # a slot after the deadline is no use: the wait ends at its deadline, not an hour later
    return now + wait if state.deadline_at is None else min(now + wait, state.deadline_at)


def feedback(store: RedisStore, client: AnyClient, provider: str, route: str) -> None:
    """What this worker's budget learned from the last answers, for every worker: a block until it ends."""
    lane = budget.lanes_of(budget.account_for(client)).get(route)
    if lane is None:
        return
    now = time.monotonic()
    until = max(lane.blocked, lane.bound_until if lane.bound_left <= 0 else now)
    if until > now:
        store.block(provider, route, until - now)


def _chance(state: WaitState, source: FinishChance | None, now: float) -> float:
    last = None  # a state keeps when its next poll is due, not when it was polled: roughly that less the delay
    if state.polls and state.next_poll_at is not None:
        last = max(state.started_at, state.next_poll_at - state.delay)
    p = chance_for(state.provider, state.kind, state.started_at, last, None, source)(now)
    return -1.0 if p is None else p


def likely_first(store: RedisStore, rows: list[Due], source: FinishChance | None = None) -> list[Due]:
    """The rows with the polls due ordered most likely finish first (stable: due order among equals); `source`:
    the learned durations (default: the process's)."""
    source = source if source is not None else learned()
    if source is None:
        return rows
    due = [row for row in rows if row.why != "notify" and row.rev >= 0]
    states = store.redis.pipeline()
    for row in due:
        states.hget(store.key("w", row.wait_id), "state")
    now, score = time.time(), {}
    for row, text in zip(due, states.execute(), strict=True):
        try:
            score[row.wait_id] = _chance(WaitState.from_json(text.decode() if isinstance(text, bytes) else text),
                                         source, now)  # fmt: skip
        except (TypeError, ValueError):
            score[row.wait_id] = -1.0
    return sorted(rows, key=lambda row: -score.get(row.wait_id, -1.0))
