"""`WaitState` and `begin`: one wait as plain, versioned data (`resume` steps it).

Times are Unix epoch seconds, so a state means the same in every process; the caller decides when a
step is due (`next_poll_at`). The state is JSON (`to_json`/`from_json`, checked by `_state_json`) and
never holds the API key. Its polling numbers and poll state are the engine's `Policy` and `PollState`
fields of the same names, copied by name.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterable
from typing import Any

import attrs

from ._seconds import check_seconds
from ._state_json import VERSION, error_from, snapshot_from, state_from
from .checks import DEFAULT_TIMEOUT, DurationsArg, check_cancel_on, check_durations, check_task_id, policy_for
from .durations import Durations
from .engine import Policy, PollState, first_poll, schedule
from .errors import WaitTimeout, clean
from .providers import ADAPTERS
from .snapshot import TaskSnapshot
from .status import PROVIDERS, Kind, Provider

__all__ = ["FROM_POLICY", "FROM_POLL", "WaitState", "begin", "learned_times"]


@attrs.frozen
class WaitState:
    """Where one wait stands, as plain data: versioned, JSON-serialisable, without secrets.

    `outcome` is None while the wait goes on, then "succeeded", "failed" or "cancelled" (the task's
    final status), or "timed_out", "not_found", "unauthorized", "error" (it ended with an error).
    """

    provider: str
    kind: str
    task_id: str
    started_at: float  # Unix epoch seconds
    deadline_at: float | None
    next_poll_at: float | None  # None once the wait has ended
    interval: float
    max_interval: float
    raise_on_failure: bool = True
    not_found_grace: float = 0.0  # a 404 this soon after the wait began is retried, as in wait_for
    polls: int = 0
    delay: float = 0.0  # the engine's current delay before jitter
    final: bool = False  # the next poll is the last one before the deadline
    warned_unknown: bool = False
    use_progress: bool = True  # aim polls at the finish predicted from reported progress, as wait_for does
    progress_origin: list[float] | None = None  # [time, fraction] of the first answer with progress
    last: dict[str, Any] | None = None  # the last snapshot as plain JSON data
    outcome: str | None = None
    error: dict[str, Any] | None = None  # the error that ended the wait: type, message, status_code, body
    version: int = VERSION
    cancel_on: list[str] = attrs.field(factory=list)  # "timeout", "interrupt": stop the remote work then
    cancelled: bool | None = None  # after a cancel_on cancel: whether it went through (None: none was sent)
    target_delay: float | None = None  # the p95 detection delay a learned schedule aims at (None: max_interval)
    max_interval_given: bool = False  # the caller gave max_interval: a learned schedule keeps within it too
    running_at: float | None = None  # epoch seconds of the last answer that was not terminal

    @property
    def done(self) -> bool:
        """True once the wait has ended (a terminal status or an error)."""
        return self.next_poll_at is None

    def due_in(self, now: float | None = None) -> float:
        """Seconds until the next step is due (0.0 when it is due already): what to sleep before `step`.

        Args:
            now: the time in Unix epoch seconds (default: time.time()), as `step`'s clock gives it.

        Raises ValueError once the wait has ended (`done`): nothing is due, read `result()` instead.
        """
        if self.next_poll_at is None:
            raise ValueError(f"the wait on {self.provider} {self.kind} {self.task_id} has ended: nothing is due")
        return max(0.0, self.next_poll_at - (time.time() if now is None else now))

    @property
    def snapshot(self) -> TaskSnapshot | None:
        """The last snapshot seen (its `raw` model is not kept), or None."""
        return None if self.last is None else snapshot_from(self.last)

    def result(self) -> TaskSnapshot:
        """The terminal snapshot, or raise what `wait_for` would have raised (TaskFailed, WaitTimeout, ...).

        Raises ValueError while the wait is pending (not `done`).
        """
        if not self.done:
            raise ValueError(f"the wait on {self.provider} {self.kind} {clean(self.task_id)} has not ended yet")
        if self.error is not None:
            error = error_from(self.error, self.provider, self.task_id, self.snapshot)
            if isinstance(error, WaitTimeout):
                error.cancelled = self.cancelled
            raise error
        snap = self.snapshot
        assert snap is not None  # an ended wait without an error finished with a snapshot
        return snap

    def to_json(self) -> str:
        """The state as one line of JSON (keys sorted; no NaN); it never holds the API key."""
        return json.dumps(attrs.asdict(self), sort_keys=True, separators=(",", ":"), allow_nan=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> WaitState:
        """The state `to_json` wrote.

        Args:
            text: what `to_json` returned (str, or UTF-8 bytes).

        Raises ValueError for an unknown version or a malformed text.
        """
        return cls(**state_from(text, {a.name: str(a.type) for a in attrs.fields(cls)}))

    def policy(self) -> Policy:
        """The engine's `Policy` for this wait (its polling numbers; the deadline is `deadline_at`)."""
        return Policy(timeout=None, **{name: getattr(self, name) for name in FROM_POLICY})

    def poll_state(self) -> PollState:
        """The engine's `PollState` for this wait: what `step` hands to `engine.decide`."""
        origin = None if self.progress_origin is None else (self.progress_origin[0], self.progress_origin[1])
        return PollState(**{name: getattr(self, name) for name in FROM_POLL}, started=self.started_at,
                         deadline=self.deadline_at, last=self.snapshot, progress_origin=origin)  # fmt: skip


# The fields WaitState shares by name with the engine's Policy and PollState: copied by name, so a new policy
# number or piece of poll state is one field there and one here (its JSON type read from the annotation).
# PollState's times (started, deadline), last snapshot and progress origin are stored as epoch times and JSON.
NAMES = {a.name for a in attrs.fields(WaitState)}
FROM_POLICY = tuple(a.name for a in attrs.fields(Policy) if a.name in NAMES)
FROM_POLL = tuple(a.name for a in attrs.fields(PollState) if a.name in NAMES - {"last", "progress_origin"})


def begin(provider: Provider, task_id: str, *, kind: Kind = "task", timeout: float | None = DEFAULT_TIMEOUT,
          interval: float | None = None, max_interval: float | None = None, raise_on_failure: bool = True,
          not_found_grace: float = 0.0, use_progress: bool = True, now: float | None = None,
          cancel_on: Iterable[str] = frozenset(), target_delay: float | None = None,
          durations: DurationsArg = "shared") -> WaitState:  # fmt: skip
    """The state of a wait that has not polled yet, due at once (or at a learned schedule's first poll).
    Makes no request.

    Args:
        provider: a name in `taskwait.PROVIDERS` ("databar", "lobstr", ...), as `connect` takes it.
        task_id: the id of the unit to wait on (a str; for a creator's answer, pass the id it carries).
        kind: what `task_id` names: "task" (default), "batch" (Openmart), "run", "upload" (Lobstr) or "export"
            (Databar).
        timeout: one hard deadline in seconds from `now` (default 900; None: none; 0: one look).
        interval: the first delay between polls in seconds (default: the provider's), growing by 1.2x.
        max_interval: the longest delay between polls (default: the provider's).
        raise_on_failure: `result()` raises TaskFailed/TaskCancelled for a failed/cancelled unit (default True).
        not_found_grace: seconds after `now` during which a 404 is transient (default 0).
        use_progress: aim the next poll at the finish the reported progress predicts (default True).
        now: the start in Unix epoch seconds (default: time.time()).
        cancel_on: as for wait_for: "timeout" (the step that times the wait out cancels the unit's work),
            "interrupt" (a KeyboardInterrupt or cancellation during a step cancels it).
        target_delay: the p95 detection delay in seconds a learned schedule aims at (default: max_interval).
        durations: as for wait_for ("shared", the default: `default_durations()`, none when `now` is given;
            None: today's schedule): here it only decides when the first poll is due; pass the same to `step`.

    Raises ValueError for an unknown provider, a kind it does not have, a bad id or bad numbers, and
    CancelNotSupported for a `cancel_on` the provider cannot honour for this kind.
    """
    if provider not in ADAPTERS:
        raise ValueError(f"unknown provider {provider!r}; known: {', '.join(PROVIDERS)}")
    ADAPTERS[provider].unit(kind)  # ValueError for a kind the provider does not have
    stop = check_cancel_on(cancel_on, ADAPTERS[provider], kind)
    task_id = check_task_id(task_id)
    policy = policy_for(ADAPTERS[provider], timeout, interval, max_interval, raise_on_failure, not_found_grace,
                        use_progress, target_delay)  # fmt: skip
    durations = check_durations(durations, real=now is None)
    now = time.time() if now is None else check_seconds("now", now, positive=False)
    deadline = None if policy.timeout is None else now + policy.timeout
    deadline = deadline if deadline is None or math.isfinite(deadline) else None  # beyond a float: no deadline
    return WaitState(provider=provider, kind=kind, task_id=task_id, started_at=now, deadline_at=deadline,
                     next_poll_at=now + first_poll(policy, learned_times(durations, policy, provider, kind)),
                     delay=policy.interval, cancel_on=sorted(stop),
                     **{name: getattr(policy, name) for name in FROM_POLICY})  # fmt: skip


def learned_times(durations: Durations | None, policy: Policy, provider: str, kind: str) -> tuple[float, ...] | None:
    """The learned poll times in force for this provider and kind (None: today's schedule)."""
    return None if durations is None else schedule(policy, durations.distribution(provider, kind))
