"""Bookkeeping for waiting on many tasks at once: who is due when, and how each ended.

Pure like the engine: the shells in `wait` take due ids, poll them, and record the attempts.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

import attrs

from .engine import Attempt, Decision, Finish, Policy, PollState, Raise, Sleep, decide, start
from .errors import TaskwaitError
from .snapshot import TaskSnapshot

__all__ = ["Result", "Waits"]

Result = TaskSnapshot | TaskwaitError


@attrs.define
class Waits:
    """The state of waiting on a set of tasks of one provider."""

    policy: Policy
    states: dict[str, PollState]
    results: dict[str, Result] = attrs.field(factory=dict)
    _queue: list[tuple[float, int, str]] = attrs.field(factory=list)
    _seq: int = 0

    @classmethod
    def begin(cls, policy: Policy, provider: str, task_ids: Iterable[str], now: float) -> Waits:
        """Every id due at once (the first poll never waits)."""
        states = {task_id: start(policy, provider, task_id, now) for task_id in dict.fromkeys(task_ids)}
        waits = cls(policy, states)
        for task_id in states:
            waits._push(now, task_id)
        return waits

    def _push(self, when: float, task_id: str) -> None:
        heapq.heappush(self._queue, (when, self._seq, task_id))
        self._seq += 1

    def take(self, now: float, limit: int = 1, window: float = 0.0) -> list[str] | float | None:
        """Ids to poll now (at most `limit`, due within `window`), else seconds to the next, else None."""
        if not self._queue:
            return None
        if self._queue[0][0] > now:
            return self._queue[0][0] - now
        due: list[str] = []
        while self._queue and self._queue[0][0] <= now + window and len(due) < limit:
            due.append(heapq.heappop(self._queue)[2])
        return due

    def due(self, now: float) -> int:
        """How many polls are due at `now` and not yet taken."""
        return sum(1 for when, _, _ in self._queue if when <= now)

    def clear(self) -> None:
        """Poll nothing more: `take` answers None from now on."""
        self._queue.clear()

    def record(self, task_id: str, attempt: Attempt, now: float, u: float) -> Decision:
        """Feed one attempt to the engine; queue the next poll or keep the outcome."""
        decision, self.states[task_id] = decide(self.policy, self.states[task_id], attempt, now, u)
        if isinstance(decision, Sleep):
            self._push(now + decision.seconds, task_id)
        elif isinstance(decision, Finish):
            self.results[task_id] = decision.snapshot
        elif isinstance(decision, Raise):
            self.results[task_id] = decision.error
        return decision
