"""The polling decision engine: pure, no I/O, time passed in.

Given what one attempt at reading a unit produced and the clock, `decide` says what to do
next: finish with a snapshot, raise an error, or sleep so long and poll again. `Waits` keeps
many waits' states, their due times and how each ended (its `Outcome`). The sync and async
shells in `loop` and `resume.step` all drive this one function, so they cannot drift apart.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import Any

import attrs

from ._seconds import check_seconds
from .errors import TaskCancelled, TaskFailed, TaskNotFound, TaskwaitError, WaitTimeout
from .learned import Times, next_sleep, poll_times
from .progress import Origin, next_origin, sleep_for, time_left
from .snapshot import TaskSnapshot
from .status import Status
from .turnbull import Distribution

__all__ = [
    "Attempt",
    "Decision",
    "Fatal",
    "Finish",
    "Observed",
    "Outcome",
    "Policy",
    "PollState",
    "Raise",
    "Sleep",
    "Transient",
    "Waits",
    "check_seconds",
    "decide",
    "ended",
    "first_poll",
    "schedule",
    "start",
]


def _positive(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    check_seconds(attribute.name, value, positive=True)


def _timeout(_: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None:
        check_seconds("timeout", value, positive=False, infinite=True)


def _optional_positive(_: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None:
        check_seconds(attribute.name, value, positive=True)


@attrs.frozen
class Policy:
    """How to wait: the schedule, the deadline and what counts as failure."""

    timeout: float | None = attrs.field(default=900.0, validator=_timeout)
    interval: float = attrs.field(default=1.0, validator=_positive)
    max_interval: float = attrs.field(default=10.0, validator=_positive)
    # 1.2: a task that has run for t seconds is polled again within about 1 + t/5 seconds (until max_interval)
    factor: float = attrs.field(default=1.2, validator=attrs.validators.ge(1.0))
    jitter: float = attrs.field(default=0.1, validator=[attrs.validators.ge(0.0), attrs.validators.lt(1.0)])
    max_retry_after: float = attrs.field(default=300.0, validator=_positive)
    # The last poll before the deadline starts this long before it (at most half the time left), so
    # that it can finish in time: no request outlives the deadline.
    last_poll_lead: float = attrs.field(default=1.0, validator=attrs.validators.ge(0.0))
    # A 404 this soon after the wait began is transient: the unit may not exist yet (a Flexprice force run).
    not_found_grace: float = attrs.field(default=0.0, validator=attrs.validators.ge(0.0))
    raise_on_failure: bool = True
    # Aim the next poll at the finish predicted from reported progress (see `progress`); False: the plain schedule.
    use_progress: bool = True
    # The p95 detection delay a learned schedule (`learned`) aims at; None: max_interval.
    target_delay: float | None = attrs.field(default=None, validator=_optional_positive)
    # The caller gave max_interval: a learned schedule never spaces polls wider either (else: `learned`'s cap).
    max_interval_given: bool = False

    def __attrs_post_init__(self) -> None:
        if self.max_interval < self.interval:
            raise ValueError(f"max_interval ({self.max_interval}) must be >= interval ({self.interval})")


# What one attempt produced.
@attrs.frozen
class Observed:
    """The provider answered with the task."""

    snapshot: TaskSnapshot


@attrs.frozen
class Transient:
    """Nothing learned, try again: 429, 5xx, a dropped connection, a timeout, an unreadable body."""

    reason: str
    retry_after: float | None = None
    status_code: int | None = None  # the HTTP status, when there was an answer
    sent: bool = True  # False: no request went out (no time was left before the deadline), so not a poll


@attrs.frozen
class Fatal:
    """Polling again cannot help: bad key, unknown task, an unexpected answer."""

    error: TaskwaitError


Attempt = Observed | Transient | Fatal


# What to do next.
@attrs.frozen
class Finish:
    snapshot: TaskSnapshot


@attrs.frozen
class Raise:
    error: TaskwaitError


@attrs.frozen
class Sleep:
    seconds: float
    warning: str | None = None


Decision = Finish | Raise | Sleep


@attrs.frozen
class PollState:
    """Everything the engine remembers about one task's wait."""

    provider: str
    task_id: str
    started: float
    deadline: float | None
    delay: float
    polls: int = 0  # reads of the unit that sent a request
    last: TaskSnapshot | None = None
    warned_unknown: bool = False
    final: bool = False  # the poll under way is the last one before the deadline
    progress_origin: Origin | None = None  # (time, fraction) of the first answer with progress
    kind: str = "task"  # what the id names: messages say "lobstr run 123", not "task"
    running_at: float | None = None  # when the last answer that was not terminal came (a finish is after it)


def start(policy: Policy, provider: str, task_id: str, now: float, kind: str = "task") -> PollState:
    """The state before the first poll, which happens at once (no sleep first)."""
    deadline = None if policy.timeout is None else now + policy.timeout
    return PollState(provider, task_id, now, deadline, policy.interval, kind=kind)


def _terminal(policy: Policy, snap: TaskSnapshot) -> Decision:
    if snap.status is Status.SUCCEEDED or not policy.raise_on_failure:
        return Finish(snap)
    detail = f": {snap.error}" if snap.error else ""
    if snap.status is Status.FAILED:
        return Raise(
            TaskFailed(f"{snap.provider} {snap.kind} {snap.task_id} failed{detail}", snap.provider, snap.task_id, snap)
        )
    message = f"{snap.provider} {snap.kind} {snap.task_id} was cancelled ({snap.raw_status}){detail}"
    return Raise(TaskCancelled(message, snap.provider, snap.task_id, snap))


def schedule(policy: Policy, dist: Distribution | None) -> Times | None:
    """The learned poll times for this policy (`learned`), or None: the plain schedule (too little known, one look)."""
    if dist is None or policy.timeout == 0:
        return None
    target = policy.max_interval if policy.target_delay is None else policy.target_delay
    return poll_times(dist, target, policy.interval, policy.max_interval, policy.max_interval_given)


def first_poll(policy: Policy, times: Times | None) -> float:
    """Seconds from the start to the first poll: at once, or a learned schedule's first poll time (never past
    the last poll before the deadline)."""
    if times is None or len(times) < 2:
        return 0.0
    if policy.timeout is None:
        return times[1]
    return min(times[1], max(0.0, policy.timeout - min(policy.last_poll_lead, policy.timeout / 2)))


def ended(state: PollState, decision: Decision, now: float) -> tuple[float, float | None] | None:
    """What a wait that ended with `decision` saw of its unit's duration, for `Durations.observe`: it ended after
    the last answer that was not terminal and by `now` (a terminal answer), or ran past it (a timeout); None:
    nothing (an error that says nothing of the duration)."""
    lower = 0.0 if state.running_at is None else state.running_at - state.started
    if isinstance(decision, Finish) or (
        isinstance(decision, Raise) and isinstance(decision.error, TaskFailed | TaskCancelled)
    ):  # a terminal answer: the work ended
        return lower, max(lower, now - state.started)
    if isinstance(decision, Raise) and isinstance(decision.error, WaitTimeout) and state.running_at is not None:
        return lower, None
    return None


def decide(policy: Policy, state: PollState, attempt: Attempt, now: float, u: float,
           times: Times | None = None) -> tuple[Decision, PollState]:  # fmt: skip
    """The next step after `attempt`, at monotonic time `now`; u in [0, 1) draws the jitter; `times`: the learned
    poll times (`schedule`), which replace the plain schedule until they run out (reported progress wins)."""
    sent = not isinstance(attempt, Transient) or attempt.sent
    state = attrs.evolve(state, polls=state.polls + (1 if sent else 0))
    grace = policy.not_found_grace
    if isinstance(attempt, Fatal) and isinstance(attempt.error, TaskNotFound) and now - state.started < grace:
        attempt = Transient(f"HTTP 404 within the {grace:g} s not-found grace", status_code=404)
    if isinstance(attempt, Fatal):
        return Raise(attempt.error), state
    warning = None
    wait = state.delay * (1.0 - policy.jitter * u)
    learned = None if times is None else next_sleep(times, now - state.started, policy.interval)
    if isinstance(attempt, Transient) and learned is not None:
        wait = min(wait, learned)  # retried as today, but never later than the learned schedule's next poll
    if isinstance(attempt, Observed):
        snap = attempt.snapshot
        state = attrs.evolve(state, last=snap)
        if snap.status.is_terminal:  # a terminal answer wins, even past the deadline
            return _terminal(policy, snap), state
        if snap.status is Status.UNKNOWN and not state.warned_unknown:
            warning = f"{snap.provider} {snap.kind} {snap.task_id}: unknown status {snap.raw_status!r}, still polling"
            state = attrs.evolve(state, warned_unknown=True)
        state = attrs.evolve(state, running_at=now)
        estimate = None
        if policy.use_progress:
            fraction = snap.progress.fraction if snap.progress is not None else None
            state = attrs.evolve(state, progress_origin=next_origin(state.progress_origin, now, fraction))
            estimate = time_left(state.progress_origin, now, fraction)
        if estimate is not None:  # this unit's own progress wins over what is learned of the average one
            wait = sleep_for(estimate, policy.interval, policy.max_interval)
        elif learned is not None:
            wait = learned
    if isinstance(attempt, Transient) and attempt.retry_after is not None:
        wait = max(wait, min(max(attempt.retry_after, 0.0), policy.max_retry_after))
    state = attrs.evolve(state, delay=min(state.delay * policy.factor, policy.max_interval))
    if state.deadline is not None:
        remaining = state.deadline - now
        if remaining <= 0 or state.final:
            elapsed = now - state.started
            last = f"last status {state.last.raw_status!r}" if state.last else "no answer yet"
            if isinstance(attempt, Transient):
                last += f"; last attempt: {attempt.reason}"
            polls = f"{state.polls} poll{'' if state.polls == 1 else 's'}"  # requests made, not attempts
            message = (
                f"{state.provider} {state.kind} {state.task_id} not finished after {elapsed:.1f}s, {polls} ({last})"
            )
            return Raise(WaitTimeout(message, state.provider, state.task_id, state.last)), state
        lead = min(policy.last_poll_lead, remaining / 2)
        if wait >= remaining - lead:
            wait, state = remaining - lead, attrs.evolve(state, final=True)
    return Sleep(wait, warning), state


Outcome = TaskSnapshot | TaskwaitError  # how one wait ended: its terminal snapshot, or the error it raises


@attrs.define
class Waits:
    """Many waits of one provider and kind: their states, a heap of due times, and each one's `Outcome`."""

    policy: Policy
    states: dict[str, PollState]
    outcomes: dict[str, Outcome] = attrs.field(factory=dict)
    times: Times | None = None  # the learned poll times (`schedule`), None: the plain schedule
    _queue: list[tuple[float, int, str]] = attrs.field(factory=list)
    _seq: int = 0

    @classmethod
    def begin(cls, policy: Policy, provider: str, kind: str, task_ids: Iterable[str], now: float,
              times: Times | None = None) -> Waits:  # fmt: skip
        """Every id due at once, or at the learned schedule's first poll time (`first_poll`)."""
        states = {task_id: start(policy, provider, task_id, now, kind) for task_id in dict.fromkeys(task_ids)}
        waits = cls(policy, states, times=times)
        for task_id in states:
            waits._push(now + first_poll(policy, times), task_id)
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

    def queued(self) -> int:
        """How many polls are queued, due or not (the demand a rate budget weighs; O(1))."""
        return len(self._queue)

    def clear(self) -> None:
        """Poll nothing more: `take` answers None from now on."""
        self._queue.clear()

    def record(self, task_id: str, attempt: Attempt, now: float, u: float) -> Decision:
        """`decide` on one attempt; queue the next poll or keep the outcome."""
        decision, self.states[task_id] = decide(self.policy, self.states[task_id], attempt, now, u, self.times)
        if isinstance(decision, Sleep):
            self._push(now + decision.seconds, task_id)
        elif isinstance(decision, Finish):
            self.outcomes[task_id] = decision.snapshot
        elif isinstance(decision, Raise):
            self.outcomes[task_id] = decision.error
        return decision
