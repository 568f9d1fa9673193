"""`get_task` and `cancel`, sync and async: one look at a unit, or one request to stop its work.

Neither retries: each makes one request (two for a unit that follows up), bounded in all by the
client's request timeout, and a transient fault is a `ProviderError` here, not a reason to poll again.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import httpx

from . import observe
from .budget import account_in
from .checks import require_cancel, resolve
from .engine import Attempt, Fatal, Observed
from .errors import ProviderError
from .providers import Adapter, Context
from .snapshot import TaskSnapshot
from .status import Kind
from .transport import drive, drive_async, request_budget
from .wire import cancel_plan, get_plan

if TYPE_CHECKING:
    from .providers import AnyClient, AnyHandle

__all__ = ["cancel", "cancel_async", "get_task", "get_task_async"]


def _one_request_deadline(timeout: httpx.Timeout) -> float | None:
    """One look has no deadline of its own: the client's request timeout bounds the whole request."""
    budget = request_budget(timeout)
    return None if budget is None else time.monotonic() + budget


def _one(client: AnyClient, handle: AnyHandle, kind: str) -> tuple[Context, str, str]:
    ctx = Context.of(client)
    unit, (task_id,), _ = resolve(ctx.adapter, [handle], kind, None)
    return ctx, unit, task_id


def get_task(client: AnyClient, handle: AnyHandle, *, kind: Kind = "task") -> TaskSnapshot:
    """One request (two for a unit that follows up, a Lobstr run's stats): the unit as it stands now, normalized.

    Args:
        client: a Client or AuthenticatedClient of one of the five generated packages (`connect` makes one).
        handle: the unit's id (a str naming a unit of `kind`), or a generated creator's parsed answer.
        kind: what a str id names: "task" (default), "batch" (Openmart), "run" or "upload" (Lobstr), "export"
            (Databar).

    Returns a `TaskSnapshot` whatever its status (a failed unit is returned, not raised).
    Raises AuthenticationError (401/403), TaskNotFound (404), ProviderError (anything else, a transient fault
    included: no retry), ConfigurationError (a client that cannot work), TypeError/ValueError (bad arguments).
    """
    ctx, unit, task_id = _one(client, handle, kind)
    deadline = _one_request_deadline(client.get_httpx_client().timeout)
    trace, probe = observe.single("taskwait.get_task", ctx, unit, task_id, time.monotonic())
    attempt = drive(client, get_plan(ctx, task_id, unit), deadline, probe=probe, account=account_in(ctx))[task_id]
    if trace is not None:
        trace.looked(task_id, attempt)
    return _snapshot_or_raise(ctx.adapter, unit, task_id, attempt)


async def get_task_async(client: AnyClient, handle: AnyHandle, *, kind: Kind = "task") -> TaskSnapshot:
    """`get_task` without blocking the event loop (asyncio or trio): one request, the unit as it stands now.

    Args:
        client: a Client or AuthenticatedClient of one of the five generated packages (`connect` makes one).
        handle: the unit's id (a str naming a unit of `kind`), or a generated creator's parsed answer.
        kind: what a str id names: "task" (default), "batch" (Openmart), "run" or "upload" (Lobstr), "export"
            (Databar).

    Returns a `TaskSnapshot`; raises what `get_task` raises.
    """
    ctx, unit, task_id = _one(client, handle, kind)
    deadline = _one_request_deadline(client.get_async_httpx_client().timeout)
    trace, probe = observe.single("taskwait.get_task", ctx, unit, task_id, time.monotonic())
    attempt = (await drive_async(client, get_plan(ctx, task_id, unit), deadline, probe=probe, account=account_in(ctx)))[
        task_id
    ]
    if trace is not None:
        trace.looked(task_id, attempt)
    return _snapshot_or_raise(ctx.adapter, unit, task_id, attempt)


def cancel(client: AnyClient, handle: AnyHandle, *, kind: Kind = "task") -> TaskSnapshot:
    """Stop a unit's work (Databar task: cancel; Lobstr run: abort). One request (two when the unit had ended),
    bounded like get_task's by the client's request timeout.

    Args:
        client: a Client or AuthenticatedClient of one of the five generated packages (`connect` makes one).
        handle: the unit's id (a str naming a unit of `kind`), or a generated creator's parsed answer.
        kind: what a str id names: "task" (default) or "run" (Lobstr).

    Returns the snapshot the provider answered, or the unit's terminal snapshot if it had already ended.
    Raises CancelNotSupported where the provider cannot stop a unit of this kind (before any request), and
    what `get_task` raises.
    """
    ctx, unit, task_id = _one(client, handle, kind)
    require_cancel(ctx.adapter, unit)
    deadline = _one_request_deadline(client.get_httpx_client().timeout)
    attempt = drive(client, cancel_plan(ctx, task_id, unit), deadline, account=account_in(ctx))[task_id]
    return _snapshot_or_raise(ctx.adapter, unit, task_id, attempt)


async def cancel_async(client: AnyClient, handle: AnyHandle, *, kind: Kind = "task") -> TaskSnapshot:
    """`cancel` without blocking the event loop (asyncio or trio): stop a unit's work.

    Args:
        client: a Client or AuthenticatedClient of one of the five generated packages (`connect` makes one).
        handle: the unit's id (a str naming a unit of `kind`), or a generated creator's parsed answer.
        kind: what a str id names: "task" (default) or "run" (Lobstr).

    Returns the snapshot the provider answered; raises what `cancel` raises.
    """
    ctx, unit, task_id = _one(client, handle, kind)
    require_cancel(ctx.adapter, unit)
    deadline = _one_request_deadline(client.get_async_httpx_client().timeout)
    attempt = (await drive_async(client, cancel_plan(ctx, task_id, unit), deadline, account=account_in(ctx)))[task_id]
    return _snapshot_or_raise(ctx.adapter, unit, task_id, attempt)


def _snapshot_or_raise(adapter: Adapter, kind: str, task_id: str, attempt: Attempt) -> TaskSnapshot:
    if isinstance(attempt, Observed):
        return attempt.snapshot
    if isinstance(attempt, Fatal):
        raise attempt.error
    # one request: a transient fault is an error here, not a reason to retry
    message = f"{adapter.name} {kind} {task_id}: {attempt.reason}"
    raise ProviderError(message, adapter.name, task_id, attempt.status_code, attempt.reason)
