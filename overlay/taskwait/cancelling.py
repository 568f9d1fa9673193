"""Stopping the remote work when a wait ends without it: `cancel_on` for `wait_for`, `wait_for_many` and `step`.

A wait given `cancel_on={"timeout"}` sends, once it has timed out, one cancel request per unit that timed
out; with `"interrupt"`, on KeyboardInterrupt or async cancellation, one per unit not yet finished. The
requests get `CANCEL_TIMEOUT` seconds in all, beyond the wait's deadline, and go through `transport` like
every poll (`wire.cancel_plan`). The error that ended the wait is raised as it would have been, saying
whether the cancel went through: a `TaskwaitError` gets `cancelled` (and `cancel_snapshot`) and a line
in its message; a KeyboardInterrupt or cancellation gets a note (`add_note`) and `CANCELS_ATTR`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import anyio

from .budget import account_in
from .engine import Attempt, Fatal, Observed
from .errors import WaitTimeout
from .loop import Loop, loop_async, loop_sync
from .snapshot import TaskSnapshot
from .transport import drive, drive_async
from .wire import cancel_plan

if TYPE_CHECKING:
    from .providers import AnyClient, Context

__all__ = [
    "CANCELS_ATTR",
    "CANCEL_TIMEOUT",
    "cancel_phase",
    "cancel_phase_async",
    "cancelling_async",
    "cancelling_sync",
    "mark",
    "note",
]  # fmt: skip

CANCEL_TIMEOUT = 5.0  # seconds for all the cancel requests of one ended wait, beyond its deadline
CANCELS_ATTR = "taskwait_cancels"  # on an interrupt: {id: the provider's answer (TaskSnapshot) or why not (str)}
Clock = Callable[[], float]


def _said(attempt: Attempt) -> str:
    """What a cancel came to, in words."""
    if isinstance(attempt, Observed):
        return f"cancel sent: the provider answered {attempt.snapshot.raw_status!r}"
    reason = str(attempt.error) if isinstance(attempt, Fatal) else attempt.reason
    return f"the cancel did not go through ({reason})"


def mark(error: WaitTimeout, attempt: Attempt) -> None:
    """Say on the timeout that ended a wait what its cancel came to."""
    error.cancelled = isinstance(attempt, Observed)
    error.cancel_snapshot = attempt.snapshot if isinstance(attempt, Observed) else None
    error.args = (f"{error.args[0] if error.args else ''}; {_said(attempt)}", *error.args[1:])


def note(exc: BaseException, attempts: dict[str, Attempt]) -> None:
    """Say on an interrupt (or cancellation) which units were cancelled."""
    if not attempts:
        return
    ok = [task_id for task_id, a in attempts.items() if isinstance(a, Observed)]
    exc.add_note(f"taskwait: cancelled {len(ok)} of {len(attempts)} unfinished: "
                 + "; ".join(f"{task_id}: {_said(a)}" for task_id, a in attempts.items()))  # fmt: skip
    answers: dict[str, TaskSnapshot | str] = {
        task_id: a.snapshot if isinstance(a, Observed) else _said(a) for task_id, a in attempts.items()
    }
    setattr(exc, CANCELS_ATTR, answers)


def cancel_phase(client: AnyClient, ctx: Context, kind: str, ids: list[str], clock: Clock) -> dict[str, Attempt]:
    """One cancel request per id (two where the unit had ended), all within CANCEL_TIMEOUT from now."""
    deadline = clock() + CANCEL_TIMEOUT
    found: dict[str, Attempt] = {}
    for task_id in ids:  # one after another: an id reached after the deadline is reported as not sent
        found |= drive(client, cancel_plan(ctx, task_id, kind), deadline, clock, account=account_in(ctx))
    return found


async def cancel_phase_async(client: AnyClient, ctx: Context, kind: str, ids: list[str],
                             clock: Clock) -> dict[str, Attempt]:  # fmt: skip
    """`cancel_phase` shielded from the cancellation that may have ended the wait."""
    deadline = clock() + CANCEL_TIMEOUT
    found: dict[str, Attempt] = {}
    with anyio.CancelScope(shield=True):
        for task_id in ids:
            found |= await drive_async(
                client, cancel_plan(ctx, task_id, kind), deadline, clock, account=account_in(ctx)
            )
    return found


def _mark_timeouts(loop: Loop, attempts: dict[str, Attempt]) -> None:
    for task_id, attempt in attempts.items():
        error = loop.waits.outcomes[task_id]
        assert isinstance(error, WaitTimeout)
        mark(error, attempt)


def cancelling_sync(loop: Loop, concurrency: int, sleep: Callable[[float], object] | None) -> None:
    """`loop.loop_sync`, then the cancels `loop.cancel_on` asks for."""
    try:
        loop_sync(loop, concurrency, sleep)
    except KeyboardInterrupt as exc:
        if "interrupt" in loop.cancel_on:
            ids = loop.unfinished()
            note(exc, cancel_phase(loop.client, loop.ctx, loop.kind, ids, loop.clock) if ids else {})
        raise
    if "timeout" in loop.cancel_on and (ids := loop.timed_out()):
        _mark_timeouts(loop, cancel_phase(loop.client, loop.ctx, loop.kind, ids, loop.clock))


async def cancelling_async(loop: Loop, concurrency: int,
                               sleep: Callable[[float], Awaitable[object]] | None) -> None:  # fmt: skip
    """`loop.loop_async`, then the cancels `loop.cancel_on` asks for (shielded from a cancellation)."""
    try:
        await loop_async(loop, concurrency, sleep)
    except BaseException as exc:
        if "interrupt" in loop.cancel_on and isinstance(exc, (anyio.get_cancelled_exc_class(), KeyboardInterrupt)):
            ids = loop.unfinished()
            note(exc, await cancel_phase_async(loop.client, loop.ctx, loop.kind, ids, loop.clock) if ids else {})
        raise
    if "timeout" in loop.cancel_on and (ids := loop.timed_out()):
        _mark_timeouts(loop, await cancel_phase_async(loop.client, loop.ctx, loop.kind, ids, loop.clock))
