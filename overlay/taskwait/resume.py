"""A wait as plain data: `WaitState`, `begin` (from `_wait_state`), `step` and `step_async`.

Any process can continue a wait: `begin` makes its state (no request), `step` makes one request and
returns the next state, decided by the same engine (`engine.decide`) as `wait_for`. Times are Unix
epoch seconds, so a state means the same in every process; the caller decides when a step is due
(`next_poll_at`). The state is JSON (`to_json`/`from_json`) and never holds the API key.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import anyio
import attrs

from . import observe
from ._state_json import ERRORS, KINDS, error_to, snapshot_to
from ._wait_state import FROM_POLL, WaitState, begin, learned_times
from .budget import account_in
from .cancelling import CANCEL_TIMEOUT, cancel_phase, cancel_phase_async, mark, note
from .checks import DurationsArg, check_durations, look_budget
from .durations import Durations
from .engine import Attempt, Finish, Raise, Sleep, decide, ended
from .errors import TaskwaitError, WaitTimeout, clean
from .providers import Context
from .transport import Probe, drive, drive_async
from .wire import get_plan

if TYPE_CHECKING:
    from .otel import WaitTrace
    from .providers import AnyClient

__all__ = ["KINDS", "WaitState", "begin", "step", "step_async"]

Clock = Callable[[], float]


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
    times = learned_times(durations, policy, state.provider, state.kind)
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
    new = attrs.evolve(state, **{name: getattr(poll, name) for name in FROM_POLL}, progress_origin=origin, last=last)
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
         not_after: float | None = None, durations: DurationsArg = "shared") -> WaitState:  # fmt: skip
    """One request (none if the wait has ended: `state` comes back as it is), then the next state.

    Args:
        client: a client of `state.provider`'s generated package (ValueError for another provider's).
        state: the wait as it stands (from `begin`, `from_json` or the previous step).
        clock: the time in Unix epoch seconds (default time.time).
        rand: the jitter source, floats in [0, 1) (default random.random).
        not_after: epoch seconds no request may outlive (e.g. a lease's end), besides the wait's deadline; with
            `cancel_on`, the step that times out sends the cancel too (CANCEL_TIMEOUT more seconds, within it).
        durations: as for wait_for ("shared", the default: `default_durations()`, none when `clock` is given;
            None: today's schedule): the learned schedule in force decides the next poll, and the step that ends
            the wait feeds it.

    Returns the next `WaitState`: its `next_poll_at` (`due_in()`) says when to step again, or it is `done`.
    An ended wait's error is kept in the state (see `result()`), not raised; a client that cannot work raises.
    """
    ctx = _context(client, state)
    if state.done:
        return state
    trace, probe = _trace(ctx, state)
    try:
        plan = get_plan(ctx, state.task_id, state.kind)
        attempt = drive(client, plan, _look(state, not_after, clock(), client), clock, probe, account=account_in(ctx))[
            state.task_id
        ]
    except KeyboardInterrupt as exc:
        if "interrupt" in state.cancel_on:
            note(exc, cancel_phase(client, ctx, state.kind, [state.task_id], clock))
        raise
    new = _after(ctx, state, attempt, clock(), rand(), trace, check_durations(durations, real=clock is time.time))
    if _wants_cancel(new):
        found = cancel_phase(client, ctx, new.kind, [new.task_id], _until(clock, not_after))
        new = _cancelled(new, found[new.task_id])
    return new


async def step_async(client: AnyClient, state: WaitState, *, clock: Clock = time.time, rand: Clock = random.random,
                     not_after: float | None = None, durations: DurationsArg = "shared") -> WaitState:  # fmt: skip
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
        attempt = (await drive_async(client, plan, look, clock, probe, account=account_in(ctx)))[state.task_id]
    except BaseException as exc:
        if "interrupt" in state.cancel_on and isinstance(exc, (anyio.get_cancelled_exc_class(), KeyboardInterrupt)):
            note(exc, await cancel_phase_async(client, ctx, state.kind, [state.task_id], clock))
        raise
    new = _after(ctx, state, attempt, clock(), rand(), trace, check_durations(durations, real=clock is time.time))
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
