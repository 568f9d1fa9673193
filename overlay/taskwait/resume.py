"""A wait as plain data: `WaitState`, `begin`, `step` and `step_async`.

Any process can continue a wait: `begin` makes its state (no request), `step` makes one request and
returns the next state, decided by the same engine (`engine.decide`) as `wait_for`. Times are Unix
epoch seconds, so a state means the same in every process; the caller decides when a step is due
(`next_poll_at`). The state is JSON (`to_json`/`from_json`) and never holds the API key.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import anyio
import attrs

from . import observe
from ._state_json import ERRORS, KINDS, VERSION, error_from, error_to, snapshot_from, snapshot_to, state_from
from .cancelling import CANCEL_TIMEOUT, cancel_phase, cancel_phase_async, mark, note
from .checks import DEFAULT_TIMEOUT, check_cancel_on, check_durations, check_task_id, look_budget, policy_for
from .durations import Durations, default_durations
from .engine import Attempt, Finish, Policy, PollState, Raise, Sleep, check_seconds, decide, ended, first_poll, schedule
from .errors import TaskwaitError, WaitTimeout, clean
from .providers import ADAPTERS, Context
from .snapshot import TaskSnapshot
from .status import PROVIDERS, Kind, Provider
from .transport import Probe, drive, drive_async
from .wire import get_plan

if TYPE_CHECKING:
    from .otel import WaitTrace
    from .providers import AnyClient

__all__ = ["KINDS", "WaitState", "begin", "step", "step_async"]

Clock = Callable[[], float]
_SHARED = default_durations()


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
        return Policy(timeout=None, **{name: getattr(self, name) for name in _FROM_POLICY})

    def poll_state(self) -> PollState:
        """The engine's `PollState` for this wait: what `step` hands to `engine.decide`."""
        origin = None if self.progress_origin is None else (self.progress_origin[0], self.progress_origin[1])
        return PollState(**{name: getattr(self, name) for name in _FROM_POLL}, started=self.started_at,
                         deadline=self.deadline_at, last=self.snapshot, progress_origin=origin)  # fmt: skip


# The fields WaitState shares by name with the engine's Policy and PollState: copied by name, so a new policy
# number or piece of poll state is one field there and one here (its JSON type read from the annotation).
# PollState's times (started, deadline), last snapshot and progress origin are stored as epoch times and JSON.
_NAMES = {a.name for a in attrs.fields(WaitState)}
_FROM_POLICY = tuple(a.name for a in attrs.fields(Policy) if a.name in _NAMES)
_FROM_POLL = tuple(a.name for a in attrs.fields(PollState) if a.name in _NAMES - {"last", "progress_origin"})


def begin(provider: Provider, task_id: str, *, kind: Kind = "task", timeout: float | None = DEFAULT_TIMEOUT,
          interval: float | None = None, max_interval: float | None = None, raise_on_failure: bool = True,
          not_found_grace: float = 0.0, use_progress: bool = True, now: float | None = None,
          cancel_on: Iterable[str] = frozenset(), target_delay: float | None = None,
          durations: Durations | None = _SHARED) -> WaitState:  # fmt: skip
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
        durations: as for wait_for (default: `default_durations()`; None: today's schedule): here it only
            decides when the first poll is due; pass the same to `step`.

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
    durations = check_durations(durations)
    now = time.time() if now is None else check_seconds("now", now, positive=False)
    deadline = None if policy.timeout is None else now + policy.timeout
    deadline = deadline if deadline is None or math.isfinite(deadline) else None  # beyond a float: no deadline
    return WaitState(provider=provider, kind=kind, task_id=task_id, started_at=now, deadline_at=deadline,
                     next_poll_at=now + first_poll(policy, _times(durations, policy, provider, kind)),
                     delay=policy.interval, cancel_on=sorted(stop),
                     **{name: getattr(policy, name) for name in _FROM_POLICY})  # fmt: skip


def _times(durations: Durations | None, policy: Policy, provider: str, kind: str) -> tuple[float, ...] | None:
    """The learned poll times in force for this provider and kind (None: today's schedule)."""
    return None if durations is None else schedule(policy, durations.distribution(provider, kind))


def _context(client: AnyClient, state: WaitState) -> Context:
    ctx = Context.of(client)
    if ctx.adapter.name != state.provider:
        raise ValueError(
            f"a {ctx.adapter.name} client cannot step a wait on {state.provider} {state.kind} {clean(state.task_id)}"
        )
    ctx.adapter.unit(state.kind)  # ValueError for a kind the provider does not have
    return ctx


def _cutoff(state: WaitState, not_after: float | None) -> float | None:
    cuts = [t for t in (state.deadline_at, not_after) if t is not None]
    return min(cuts, default=None)


def _trace(ctx: Context, state: WaitState) -> tuple[WaitTrace | None, Probe | None]:
    """The `taskwait.step` span of one step and its request hook, when tracing is on."""
    return observe.single("taskwait.step", ctx, state.kind, state.task_id, state.started_at)


def _after(ctx: Context, state: WaitState, attempt: Attempt, now: float, u: float,
           trace: WaitTrace | None = None, durations: Durations | None = None) -> WaitState:  # fmt: skip
    """The next state: the engine's decision on `attempt`, recorded as data (and, if it ended, fed to `durations`)."""
    policy = state.policy()
    times = _times(durations, policy, state.provider, state.kind)
    decision, poll = decide(policy, state.poll_state(), attempt, now, u, times)
    seen = None if durations is None else ended(poll, decision, now)
    if durations is not None and seen is not None:
        durations.observe(state.provider, state.kind, *seen)
    observe.note(state.provider, state.kind, state.task_id, poll.polls, attempt, decision)
    if trace is not None:
        trace.recorded(state.task_id, attempt, decision, poll, now)
        trace.ended(state.task_id, poll, now, None, over=False)  # a step that sleeps ends its span, not the wait
    last = None if poll.last is None else snapshot_to(poll.last, ctx.secrets)
    origin = None if poll.progress_origin is None else list(poll.progress_origin)
    new = attrs.evolve(state, **{name: getattr(poll, name) for name in _FROM_POLL}, progress_origin=origin, last=last)
    if isinstance(decision, Sleep):
        return attrs.evolve(new, next_poll_at=now + decision.seconds)
    if isinstance(decision, Finish):
        return attrs.evolve(new, next_poll_at=None, outcome=decision.snapshot.status.value)
    assert isinstance(decision, Raise)
    return attrs.evolve(new, next_poll_at=None, outcome=_outcome(decision.error), error=error_to(decision.error))


def _outcome(error: TaskwaitError) -> str:
    name = type(error).__name__
    return ERRORS[name][0] if name in ERRORS else "error"


def _look(state: WaitState, not_after: float | None, now: float, client: AnyClient) -> float | None:
    """The deadline of a step's request: the wait's (or `not_after`); a wait begun with timeout=0 looks once,
    bounded by the client's request timeout as get_task is."""
    if state.deadline_at is not None and state.deadline_at == state.started_at and state.polls == 0:
        budget = look_budget(client)
        return _cutoff(attrs.evolve(state, deadline_at=None if budget is None else now + budget), not_after)
    return _cutoff(state, not_after)


def _cancelled(state: WaitState, attempt: Attempt) -> WaitState:
    """The timed-out state, saying what its cancel came to (in `cancelled` and the error's message)."""
    assert state.error is not None
    error = WaitTimeout(str(state.error["message"]), state.provider, state.task_id)
    mark(error, attempt)
    return attrs.evolve(state, cancelled=error.cancelled, error=state.error | {"message": str(error)})


def _wants_cancel(state: WaitState) -> bool:
    return state.outcome == "timed_out" and "timeout" in state.cancel_on


def step(client: AnyClient, state: WaitState, *, clock: Clock = time.time, rand: Clock = random.random,
         not_after: float | None = None, durations: Durations | None = _SHARED) -> WaitState:  # fmt: skip
    """One request (none if the wait has ended: `state` comes back as it is), then the next state.

    Args:
        client: a client of `state.provider`'s generated package (ValueError for another provider's).
        state: the wait as it stands (from `begin`, `from_json` or the previous step).
        clock: the time in Unix epoch seconds (default time.time).
        rand: the jitter source, floats in [0, 1) (default random.random).
        not_after: epoch seconds no request may outlive (e.g. a lease's end), besides the wait's deadline; with
            `cancel_on`, the step that times out sends the cancel too (CANCEL_TIMEOUT more seconds, within it).
        durations: as for wait_for (default: `default_durations()`; None: today's schedule): the learned schedule
            in force decides the next poll, and the step that ends the wait feeds it.

    Returns the next `WaitState`: its `next_poll_at` (`due_in()`) says when to step again, or it is `done`.
    An ended wait's error is kept in the state (see `result()`), not raised; a client that cannot work raises.
    """
    ctx = _context(client, state)
    if state.done:
        return state
    trace, probe = _trace(ctx, state)
    try:
        plan = get_plan(ctx, state.task_id, state.kind)
        attempt = drive(client, plan, _look(state, not_after, clock(), client), clock, probe)[state.task_id]
    except KeyboardInterrupt as exc:
        if "interrupt" in state.cancel_on:
            note(exc, cancel_phase(client, ctx, state.kind, [state.task_id], clock))
        raise
    new = _after(ctx, state, attempt, clock(), rand(), trace, check_durations(durations))
    if _wants_cancel(new):
        found = cancel_phase(client, ctx, new.kind, [new.task_id], _until(clock, not_after))
        new = _cancelled(new, found[new.task_id])
    return new


async def step_async(client: AnyClient, state: WaitState, *, clock: Clock = time.time, rand: Clock = random.random,
                     not_after: float | None = None, durations: Durations | None = _SHARED) -> WaitState:  # fmt: skip
    """`step` without blocking the event loop (asyncio or trio): one request, then the next state.

    Args:
        client: a client of `state.provider`'s generated package (ValueError for another provider's).
        state: the wait as it stands (from `begin`, `from_json` or the previous step).
        clock: the time in Unix epoch seconds (default time.time).
        rand: the jitter source, floats in [0, 1) (default random.random).
        not_after: epoch seconds no request may outlive (e.g. a lease's end), besides the wait's deadline.
        durations: as for `step`.

    Returns the next `WaitState`, as `step` does.
    """
    ctx = _context(client, state)
    if state.done:
        return state
    trace, probe = _trace(ctx, state)
    try:
        plan = get_plan(ctx, state.task_id, state.kind)
        look = _look(state, not_after, clock(), client)
        attempt = (await drive_async(client, plan, look, clock, probe))[state.task_id]
    except BaseException as exc:
        if "interrupt" in state.cancel_on and isinstance(exc, (anyio.get_cancelled_exc_class(), KeyboardInterrupt)):
            note(exc, await cancel_phase_async(client, ctx, state.kind, [state.task_id], clock))
        raise
    new = _after(ctx, state, attempt, clock(), rand(), trace, check_durations(durations))
    if _wants_cancel(new):
        found = await cancel_phase_async(client, ctx, new.kind, [new.task_id], _until(clock, not_after))
        new = _cancelled(new, found[new.task_id])
    return new


def _until(clock: Clock, not_after: float | None) -> Clock:
    """A clock for the cancel phase that ends it by `not_after` too: CANCEL_TIMEOUT from now, or less."""
    if not_after is None:
        return clock
    shift = max(0.0, clock() + CANCEL_TIMEOUT - not_after)  # the phase's deadline moves earlier by this much
    return lambda: clock() + shift
