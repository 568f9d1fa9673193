"""`get_task`, `cancel`, `wait_for` and `wait_for_many`, sync and async: the public API, over `runner`'s one loop."""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING

import httpx

from . import observe
from .cancelling import run_cancelling, run_cancelling_async
from .engine import Attempt, Fatal, Observed
from .errors import ProviderError
from .providers import Adapter
from .runner import (
    OnAttempt,
    OnUpdate,
    Run,
    check_concurrency,
    check_task_id,
    check_task_ids,
    require_cancel,
    resolve,
)
from .schedule import Result
from .snapshot import TaskSnapshot
from .transport import drive, drive_async, request_budget
from .wire import Context, cancel_plan, get_plan

if TYPE_CHECKING:
    from .providers import AnyClient, AnyHandle

__all__ = [
    "DEFAULT_CONCURRENCY",
    "DEFAULT_TIMEOUT",
    "cancel",
    "cancel_async",
    "check_task_id",
    "get_task",
    "get_task_async",
    "wait_for",
    "wait_for_async",
    "wait_for_many",
    "wait_for_many_async",
]

DEFAULT_TIMEOUT = 900.0
DEFAULT_CONCURRENCY = 10


def _one_request_deadline(timeout: httpx.Timeout) -> float | None:
    """get_task has no deadline of its own: the client's request timeout bounds the whole request."""
    budget = request_budget(timeout)
    return None if budget is None else time.monotonic() + budget


def _one(client: AnyClient, handle: AnyHandle, kind: str) -> tuple[Context, str, str]:
    ctx = Context.of(client)
    kind, (task_id,), _ = resolve(ctx.adapter, [handle], kind, None)
    return ctx, kind, task_id


def get_task(client: AnyClient, handle: AnyHandle, *, kind: str = "task") -> TaskSnapshot:
    """One request (two for a unit that follows up): the unit as it stands now, normalized."""
    ctx, kind, task_id = _one(client, handle, kind)
    deadline = _one_request_deadline(client.get_httpx_client().timeout)
    trace, probe = observe.single("taskwait.get_task", ctx, kind, task_id, time.monotonic())
    attempt = drive(client, get_plan(ctx, task_id, kind), deadline, probe=probe)[task_id]
    if trace is not None:
        trace.looked(task_id, attempt)
    return _snapshot_or_raise(ctx.adapter, kind, task_id, attempt)


async def get_task_async(client: AnyClient, handle: AnyHandle, *, kind: str = "task") -> TaskSnapshot:
    """One request, async: the unit as it stands now, normalized."""
    ctx, kind, task_id = _one(client, handle, kind)
    deadline = _one_request_deadline(client.get_async_httpx_client().timeout)
    trace, probe = observe.single("taskwait.get_task", ctx, kind, task_id, time.monotonic())
    attempt = (await drive_async(client, get_plan(ctx, task_id, kind), deadline, probe=probe))[task_id]
    if trace is not None:
        trace.looked(task_id, attempt)
    return _snapshot_or_raise(ctx.adapter, kind, task_id, attempt)


def cancel(client: AnyClient, handle: AnyHandle, *, kind: str = "task") -> TaskSnapshot:
    """Stop a unit's work (Databar task: cancel; Lobstr run: abort): the snapshot the provider answered, or the
    unit's terminal snapshot if it had already ended. CancelNotSupported where the provider cannot stop it.
    One request (two when the unit had ended), bounded like get_task's by the client's request timeout."""
    ctx, kind, task_id = _one(client, handle, kind)
    require_cancel(ctx.adapter, kind)
    deadline = _one_request_deadline(client.get_httpx_client().timeout)
    attempt = drive(client, cancel_plan(ctx, task_id, kind), deadline)[task_id]
    return _snapshot_or_raise(ctx.adapter, kind, task_id, attempt)


async def cancel_async(client: AnyClient, handle: AnyHandle, *, kind: str = "task") -> TaskSnapshot:
    """`cancel` without blocking the event loop."""
    ctx, kind, task_id = _one(client, handle, kind)
    require_cancel(ctx.adapter, kind)
    deadline = _one_request_deadline(client.get_async_httpx_client().timeout)
    attempt = (await drive_async(client, cancel_plan(ctx, task_id, kind), deadline))[task_id]
    return _snapshot_or_raise(ctx.adapter, kind, task_id, attempt)


def _snapshot_or_raise(adapter: Adapter, kind: str, task_id: str, attempt: Attempt) -> TaskSnapshot:
    if isinstance(attempt, Observed):
        return attempt.snapshot
    if isinstance(attempt, Fatal):
        raise attempt.error
    # get_task makes one request: a transient fault is an error here, not a reason to retry
    message = f"{adapter.name} {kind} {task_id}: {attempt.reason}"
    raise ProviderError(message, adapter.name, task_id, attempt.status_code, attempt.reason)


def wait_for(
    client: AnyClient,
    handle: AnyHandle,
    *,
    kind: str = "task",
    timeout: float | None = DEFAULT_TIMEOUT,
    interval: float | None = None,
    max_interval: float | None = None,
    not_found_grace: float | None = None,
    use_progress: bool = True,
    on_update: OnUpdate | None = None,
    raise_on_failure: bool = True,
    on_attempt: OnAttempt | None = None,
    cancel_on: Iterable[str] = frozenset(),
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], object] | None = None,
    rand: Callable[[], float] = random.random,
) -> TaskSnapshot:
    """Poll one unit (an id of `kind`, or a creator's answer) until it is done; see the README."""
    run = Run(client, [handle], kind=kind, timeout=timeout, interval=interval, max_interval=max_interval,
              not_found_grace=not_found_grace, use_progress=use_progress, raise_on_failure=raise_on_failure,
              many=False, on_update=on_update, on_attempt=on_attempt, clock=clock, rand=rand,
              cancel_on=cancel_on)  # fmt: skip
    run_cancelling(run, 1, sleep)
    return run.outcome()


async def wait_for_async(
    client: AnyClient,
    handle: AnyHandle,
    *,
    kind: str = "task",
    timeout: float | None = DEFAULT_TIMEOUT,
    interval: float | None = None,
    max_interval: float | None = None,
    not_found_grace: float | None = None,
    use_progress: bool = True,
    on_update: OnUpdate | None = None,
    raise_on_failure: bool = True,
    on_attempt: OnAttempt | None = None,
    cancel_on: Iterable[str] = frozenset(),
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[object]] | None = None,
    rand: Callable[[], float] = random.random,
) -> TaskSnapshot:
    """Poll one unit until it is done, without blocking the event loop (asyncio or trio)."""
    run = Run(client, [handle], kind=kind, timeout=timeout, interval=interval, max_interval=max_interval,
              not_found_grace=not_found_grace, use_progress=use_progress, raise_on_failure=raise_on_failure,
              many=False, on_update=on_update, on_attempt=on_attempt, clock=clock, rand=rand,
              cancel_on=cancel_on)  # fmt: skip
    await run_cancelling_async(run, 1, sleep)
    return run.outcome()


def wait_for_many(client: AnyClient, task_ids: Iterable[AnyHandle], *, kind: str = "task",
                  timeout: float | None = DEFAULT_TIMEOUT, concurrency: int = DEFAULT_CONCURRENCY,
                  interval: float | None = None, max_interval: float | None = None,
                  not_found_grace: float | None = None, use_progress: bool = True, on_update: OnUpdate | None = None,
                  on_attempt: OnAttempt | None = None, cancel_on: Iterable[str] = frozenset(),
                  clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], object] | None = None,
                  rand: Callable[[], float] = random.random) -> dict[str, Result]:  # fmt: skip
    """Wait on many units of one kind at once: each id maps to its terminal snapshot or the error that ended it."""
    concurrency = check_concurrency(concurrency)
    run = Run(client, check_task_ids(task_ids), kind=kind, timeout=timeout, interval=interval,
              max_interval=max_interval, not_found_grace=not_found_grace, use_progress=use_progress,
              raise_on_failure=False, many=True, on_update=on_update, on_attempt=on_attempt, clock=clock,
              rand=rand, cancel_on=cancel_on)  # fmt: skip
    run_cancelling(run, concurrency, sleep)
    return run.outcomes()


async def wait_for_many_async(
    client: AnyClient,
    task_ids: Iterable[AnyHandle],
    *,
    kind: str = "task",
    timeout: float | None = DEFAULT_TIMEOUT,
    concurrency: int = DEFAULT_CONCURRENCY,
    interval: float | None = None,
    max_interval: float | None = None,
    not_found_grace: float | None = None,
    use_progress: bool = True,
    on_update: OnUpdate | None = None,
    on_attempt: OnAttempt | None = None,
    cancel_on: Iterable[str] = frozenset(),
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[object]] | None = None,
    rand: Callable[[], float] = random.random,
) -> dict[str, Result]:
    """Wait on many units of one kind at once, async; at most `concurrency` requests in flight."""
    concurrency = check_concurrency(concurrency)
    run = Run(client, check_task_ids(task_ids), kind=kind, timeout=timeout, interval=interval,
              max_interval=max_interval, not_found_grace=not_found_grace, use_progress=use_progress,
              raise_on_failure=False, many=True, on_update=on_update, on_attempt=on_attempt, clock=clock,
              rand=rand, cancel_on=cancel_on)  # fmt: skip
    await run_cancelling_async(run, concurrency, sleep)
    return run.outcomes()
