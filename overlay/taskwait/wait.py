"""`wait_for` and `wait_for_many`, sync and async: the public waits, over `loop` (and `cancelling` with `cancel_on`)."""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, Never, overload

from .cancelling import cancelling_async, cancelling_sync
from .checks import (
    DEFAULT_CONCURRENCY,
    DEFAULT_TIMEOUT,
    DurationsArg,
    check_concurrency,
    check_task_id,
    check_task_ids,
)
from .engine import Outcome
from .loop import Loop, OnAttempt, OnUpdate, loop_async, loop_sync
from .snapshot import TaskSnapshot
from .status import Kind

if TYPE_CHECKING:
    from .providers import AnyClient, AnyHandle

__all__ = [
    "DEFAULT_CONCURRENCY",
    "DEFAULT_TIMEOUT",
    "check_task_id",
    "wait_for",
    "wait_for_async",
    "wait_for_many",
    "wait_for_many_async",
]

# A str is an iterable of one-letter ids. wait_for_many's first overload makes it a type error (PEP 702: pyright
# reports it, mypy with --enable-error-code deprecated; its Never result makes mypy ask for an annotation where
# it is assigned); at run time check_task_ids refuses it with a TypeError. mypy reads the message only as a literal.

if TYPE_CHECKING:
    from typing_extensions import deprecated
else:  # only type checkers read it: no runtime dependency on typing_extensions

    def deprecated(message: str) -> Callable[[Any], Any]:
        return lambda function: function


def _go(loop: Loop, concurrency: int, sleep: Callable[[float], object] | None) -> None:
    (cancelling_sync if loop.cancel_on else loop_sync)(loop, concurrency, sleep)


async def _go_async(loop: Loop, concurrency: int, sleep: Callable[[float], Awaitable[object]] | None) -> None:
    await (cancelling_async if loop.cancel_on else loop_async)(loop, concurrency, sleep)


def wait_for(client: AnyClient, handle: AnyHandle, *, kind: Kind = "task",
    timeout: float | None = DEFAULT_TIMEOUT, interval: float | None = None,
    max_interval: float | None = None, not_found_grace: float | None = None, use_progress: bool = True,
    on_update: OnUpdate | None = None, raise_on_failure: bool = True, on_attempt: OnAttempt | None = None,
    cancel_on: Iterable[str] = frozenset(), target_delay: float | None = None,
    durations: DurationsArg = "shared",
    clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], object] | None = None,
    rand: Callable[[], float] = random.random) -> TaskSnapshot:  # fmt: skip
    """Poll one unit until it ends: at once, then after `interval` seconds growing by 1.2x up to `max_interval`.

    Args:
        client: a Client or AuthenticatedClient of one of the five generated packages (`connect` makes one).
        handle: the unit's id (a str naming a unit of `kind`), or a generated creator's parsed answer (Databar
            RunResponse, Deepomatic InferenceResponse, Flexprice TriggerForceRunResponse, Openmart SubmittedBatch,
            Lobstr Run or TaskUpload): its kind, id and not-found grace are read from it.
        kind: what a str id names: "task" (default), "batch" (Openmart), "run" or "upload" (Lobstr), "export" (Databar);
            a creator's answer says its own kind. A kind the provider does not have is a ValueError.
        timeout: one hard deadline in seconds for the whole wait (default 900; None: none; 0: one look).
        interval: the first delay between polls in seconds (default: the provider's), growing by 1.2x.
        max_interval: the longest delay between polls (default: the provider's; a Retry-After may exceed it).
        not_found_grace: seconds after the start during which a 404 is transient (default 0; 30 for a Flexprice
            force run's answer, whose export task answers 404 for a moment).
        use_progress: aim the next poll at the finish the reported progress predicts (default True).
        on_update: called with every snapshot seen.
        raise_on_failure: raise TaskFailed/TaskCancelled for a failed/cancelled unit (default); False returns it.
        on_attempt: called as on_attempt(task_id, polls, elapsed) after every attempt, answered or not.
        cancel_on: a set of "timeout" and "interrupt" (default empty): at the deadline, or on KeyboardInterrupt or
            async cancellation, also stop the remote work of the units left unfinished (one cancel request each,
            within 5 s more; CancelNotSupported before any request where the provider cannot).
        target_delay: the p95 detection delay in seconds a learned schedule aims at (default: max_interval).
        durations: what is learned of how long work takes: "shared" (default) is `default_durations()`, shared by
            the process's waits on the real clock (a wait given `clock` uses none); once it holds enough finishes of
            this provider and kind, polls follow the learned schedule, and every wait that ends feeds it. A
            `Durations` of your own, or None: today's schedule exactly, nothing learned.
        clock: for tests: the monotonic clock (seconds).
        sleep: for tests: the sleep, called with seconds (default: a real sleep).
        rand: for tests: the jitter source (floats in [0, 1)).

    Returns the terminal `TaskSnapshot`. Transient faults (429 and its Retry-After, 408, 5xx, connection errors,
    unreadable answers) are retried within the deadline.
    Raises TaskFailed or TaskCancelled (`.snapshot`), WaitTimeout (`.snapshot`: the last one seen, or None;
    `.cancelled` with cancel_on), CancelNotSupported,
    AuthenticationError, TaskNotFound, ProviderError, ConfigurationError; TypeError/ValueError for bad arguments.
    """
    loop = Loop(client, [handle], kind=kind, timeout=timeout, interval=interval, max_interval=max_interval,
              not_found_grace=not_found_grace, use_progress=use_progress, raise_on_failure=raise_on_failure,
              many=False, on_update=on_update, on_attempt=on_attempt, clock=clock, rand=rand,
              cancel_on=cancel_on, target_delay=target_delay, durations=durations)  # fmt: skip
    _go(loop, 1, sleep)
    return loop.outcome()


async def wait_for_async(client: AnyClient, handle: AnyHandle, *, kind: Kind = "task",
    timeout: float | None = DEFAULT_TIMEOUT, interval: float | None = None,
    max_interval: float | None = None, not_found_grace: float | None = None, use_progress: bool = True,
    on_update: OnUpdate | None = None, raise_on_failure: bool = True, on_attempt: OnAttempt | None = None,
    cancel_on: Iterable[str] = frozenset(), target_delay: float | None = None,
    durations: DurationsArg = "shared",
    clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], Awaitable[object]] | None = None,
    rand: Callable[[], float] = random.random) -> TaskSnapshot:  # fmt: skip
    """`wait_for` without blocking the event loop (asyncio or trio): poll one unit until it ends.

    Args:
        client: a Client or AuthenticatedClient of one of the five generated packages (`connect` makes one).
        handle: the unit's id (a str naming a unit of `kind`), or a generated creator's parsed answer (Databar
            RunResponse, Deepomatic InferenceResponse, Flexprice TriggerForceRunResponse, Openmart SubmittedBatch,
            Lobstr Run or TaskUpload): its kind, id and not-found grace are read from it.
        kind: what a str id names: "task" (default), "batch" (Openmart), "run" or "upload" (Lobstr), "export" (Databar);
            a creator's answer says its own kind. A kind the provider does not have is a ValueError.
        timeout: one hard deadline in seconds for the whole wait (default 900; None: none; 0: one look).
        interval: the first delay between polls in seconds (default: the provider's), growing by 1.2x.
        max_interval: the longest delay between polls (default: the provider's; a Retry-After may exceed it).
        not_found_grace: seconds after the start during which a 404 is transient (default 0; 30 for a Flexprice
            force run's answer, whose export task answers 404 for a moment).
        use_progress: aim the next poll at the finish the reported progress predicts (default True).
        on_update: called with every snapshot seen.
        raise_on_failure: raise TaskFailed/TaskCancelled for a failed/cancelled unit (default); False returns it.
        on_attempt: called as on_attempt(task_id, polls, elapsed) after every attempt, answered or not.
        cancel_on: a set of "timeout" and "interrupt" (default empty): at the deadline, or on KeyboardInterrupt or
            async cancellation, also stop the remote work of the units left unfinished (one cancel request each,
            within 5 s more; CancelNotSupported before any request where the provider cannot).
        target_delay: the p95 detection delay in seconds a learned schedule aims at (default: max_interval).
        durations: what is learned of how long work takes: "shared" (default) is `default_durations()`, shared by
            the process's waits on the real clock (a wait given `clock` uses none); once it holds enough finishes of
            this provider and kind, polls follow the learned schedule, and every wait that ends feeds it. A
            `Durations` of your own, or None: today's schedule exactly, nothing learned.
        clock: for tests: the monotonic clock (seconds).
        sleep: for tests: the sleep, called with seconds (an async function; default: anyio.sleep).
        rand: for tests: the jitter source (floats in [0, 1)).

    Returns the terminal `TaskSnapshot`; raises what `wait_for` raises.
    """
    loop = Loop(client, [handle], kind=kind, timeout=timeout, interval=interval, max_interval=max_interval,
              not_found_grace=not_found_grace, use_progress=use_progress, raise_on_failure=raise_on_failure,
              many=False, on_update=on_update, on_attempt=on_attempt, clock=clock, rand=rand,
              cancel_on=cancel_on, target_delay=target_delay, durations=durations)  # fmt: skip
    await _go_async(loop, 1, sleep)
    return loop.outcome()


@overload
@deprecated("task_ids is one str: pass a list of ids ([task_id]), not one-letter ids")
def wait_for_many(client: AnyClient, task_ids: str, *, kind: Kind = "task",
    timeout: float | None = DEFAULT_TIMEOUT, concurrency: int = DEFAULT_CONCURRENCY, interval: float | None = None,
    max_interval: float | None = None, not_found_grace: float | None = None, use_progress: bool = True,
    on_update: OnUpdate | None = None, on_attempt: OnAttempt | None = None,
    cancel_on: Iterable[str] = frozenset(), target_delay: float | None = None,
    durations: DurationsArg = "shared",
    clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], object] | None = None,
    rand: Callable[[], float] = random.random) -> Never: ...  # fmt: skip
@overload
def wait_for_many(client: AnyClient, task_ids: Iterable[AnyHandle], *, kind: Kind = "task",
    timeout: float | None = DEFAULT_TIMEOUT, concurrency: int = DEFAULT_CONCURRENCY, interval: float | None = None,
    max_interval: float | None = None, not_found_grace: float | None = None, use_progress: bool = True,
    on_update: OnUpdate | None = None, on_attempt: OnAttempt | None = None,
    cancel_on: Iterable[str] = frozenset(), target_delay: float | None = None,
    durations: DurationsArg = "shared",
    clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], object] | None = None,
    rand: Callable[[], float] = random.random) -> dict[str, Outcome]: ...  # fmt: skip
def wait_for_many(client: AnyClient, task_ids: Iterable[AnyHandle], *, kind: Kind = "task",
    timeout: float | None = DEFAULT_TIMEOUT, concurrency: int = DEFAULT_CONCURRENCY, interval: float | None = None,
    max_interval: float | None = None, not_found_grace: float | None = None, use_progress: bool = True,
    on_update: OnUpdate | None = None, on_attempt: OnAttempt | None = None,
    cancel_on: Iterable[str] = frozenset(), target_delay: float | None = None,
    durations: DurationsArg = "shared",
    clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], object] | None = None,
    rand: Callable[[], float] = random.random) -> dict[str, Outcome]:  # fmt: skip
    """Wait on many units of one kind at once, with at most `concurrency` requests in flight.

    Args:
        client: a Client or AuthenticatedClient of one of the five generated packages (`connect` makes one).
        task_ids: an iterable of ids of `kind` (or of creators' answers of one kind); never one str (TypeError).
        kind: what a str id names: "task" (default), "batch" (Openmart), "run" or "upload" (Lobstr), "export" (Databar);
            a creator's answer says its own kind. A kind the provider does not have is a ValueError.
        timeout: one hard deadline in seconds for the whole wait (default 900; None: none).
        interval: the first delay between polls in seconds (default: the provider's), growing by 1.2x.
        max_interval: the longest delay between polls (default: the provider's; a Retry-After may exceed it).
        not_found_grace: seconds after the start during which a 404 is transient (default 0; 30 for a Flexprice
            force run's answer, whose export task answers 404 for a moment).
        use_progress: aim the next poll at the finish the reported progress predicts (default True).
        on_update: called with every snapshot seen.
        concurrency: the most requests in flight at once (default 10); no more workers than distinct ids.
        on_attempt: called as on_attempt(task_id, polls, elapsed) after every attempt, answered or not.
        cancel_on: a set of "timeout" and "interrupt" (default empty): at the deadline, or on KeyboardInterrupt or
            async cancellation, also stop the remote work of the units left unfinished (one cancel request each,
            within 5 s more; CancelNotSupported before any request where the provider cannot).
        target_delay: the p95 detection delay in seconds a learned schedule aims at (default: max_interval).
        durations: what is learned of how long work takes: "shared" (default) is `default_durations()`, shared by
            the process's waits on the real clock (a wait given `clock` uses none); once it holds enough finishes of
            this provider and kind, polls follow the learned schedule, and every wait that ends feeds it. A
            `Durations` of your own, or None: today's schedule exactly, nothing learned.
        clock: for tests: the monotonic clock (seconds).
        sleep: for tests: the sleep, called with seconds (default: a real sleep).
        rand: for tests: the jitter source (floats in [0, 1)).

    Returns {id: the terminal TaskSnapshot (failed and cancelled ones too) or the error that ended its wait
    (WaitTimeout, TaskNotFound, ProviderError)}, one entry per distinct id.
    Raises AuthenticationError at once for a refused key, ConfigurationError, TypeError/ValueError (bad arguments).
    """
    concurrency = check_concurrency(concurrency)
    loop = Loop(client, check_task_ids(task_ids), kind=kind, timeout=timeout, interval=interval,
              max_interval=max_interval, not_found_grace=not_found_grace, use_progress=use_progress,
              raise_on_failure=False, many=True, on_update=on_update, on_attempt=on_attempt, clock=clock,
              rand=rand, cancel_on=cancel_on, target_delay=target_delay, durations=durations)  # fmt: skip
    _go(loop, concurrency, sleep)
    return loop.outcomes()


@overload
@deprecated("task_ids is one str: pass a list of ids ([task_id]), not one-letter ids")
async def wait_for_many_async(client: AnyClient, task_ids: str, *, kind: Kind = "task",
    timeout: float | None = DEFAULT_TIMEOUT, concurrency: int = DEFAULT_CONCURRENCY, interval: float | None = None,
    max_interval: float | None = None, not_found_grace: float | None = None, use_progress: bool = True,
    on_update: OnUpdate | None = None, on_attempt: OnAttempt | None = None,
    cancel_on: Iterable[str] = frozenset(), target_delay: float | None = None,
    durations: DurationsArg = "shared",
    clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], Awaitable[object]] | None = None,
    rand: Callable[[], float] = random.random) -> Never: ...  # fmt: skip
@overload
async def wait_for_many_async(client: AnyClient, task_ids: Iterable[AnyHandle], *, kind: Kind = "task",
    timeout: float | None = DEFAULT_TIMEOUT, concurrency: int = DEFAULT_CONCURRENCY, interval: float | None = None,
    max_interval: float | None = None, not_found_grace: float | None = None, use_progress: bool = True,
    on_update: OnUpdate | None = None, on_attempt: OnAttempt | None = None,
    cancel_on: Iterable[str] = frozenset(), target_delay: float | None = None,
    durations: DurationsArg = "shared",
    clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], Awaitable[object]] | None = None,
    rand: Callable[[], float] = random.random) -> dict[str, Outcome]: ...  # fmt: skip
async def wait_for_many_async(client: AnyClient, task_ids: Iterable[AnyHandle], *, kind: Kind = "task",
    timeout: float | None = DEFAULT_TIMEOUT, concurrency: int = DEFAULT_CONCURRENCY, interval: float | None = None,
    max_interval: float | None = None, not_found_grace: float | None = None, use_progress: bool = True,
    on_update: OnUpdate | None = None, on_attempt: OnAttempt | None = None,
    cancel_on: Iterable[str] = frozenset(), target_delay: float | None = None,
    durations: DurationsArg = "shared",
    clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], Awaitable[object]] | None = None,
    rand: Callable[[], float] = random.random) -> dict[str, Outcome]:  # fmt: skip
    """`wait_for_many` without blocking the event loop (asyncio or trio): wait on many units of one kind at once.

    Args:
        client: a Client or AuthenticatedClient of one of the five generated packages (`connect` makes one).
        task_ids: an iterable of ids of `kind` (or of creators' answers of one kind); never one str (TypeError).
        kind: what a str id names: "task" (default), "batch" (Openmart), "run" or "upload" (Lobstr), "export" (Databar);
            a creator's answer says its own kind. A kind the provider does not have is a ValueError.
        timeout: one hard deadline in seconds for the whole wait (default 900; None: none).
        interval: the first delay between polls in seconds (default: the provider's), growing by 1.2x.
        max_interval: the longest delay between polls (default: the provider's; a Retry-After may exceed it).
        not_found_grace: seconds after the start during which a 404 is transient (default 0; 30 for a Flexprice
            force run's answer, whose export task answers 404 for a moment).
        use_progress: aim the next poll at the finish the reported progress predicts (default True).
        on_update: called with every snapshot seen.
        concurrency: the most requests in flight at once (default 10); no more workers than distinct ids.
        on_attempt: called as on_attempt(task_id, polls, elapsed) after every attempt, answered or not.
        cancel_on: a set of "timeout" and "interrupt" (default empty): at the deadline, or on KeyboardInterrupt or
            async cancellation, also stop the remote work of the units left unfinished (one cancel request each,
            within 5 s more; CancelNotSupported before any request where the provider cannot).
        target_delay: the p95 detection delay in seconds a learned schedule aims at (default: max_interval).
        durations: what is learned of how long work takes: "shared" (default) is `default_durations()`, shared by
            the process's waits on the real clock (a wait given `clock` uses none); once it holds enough finishes of
            this provider and kind, polls follow the learned schedule, and every wait that ends feeds it. A
            `Durations` of your own, or None: today's schedule exactly, nothing learned.
        clock: for tests: the monotonic clock (seconds).
        sleep: for tests: the sleep, called with seconds (an async function; default: anyio.sleep).
        rand: for tests: the jitter source (floats in [0, 1)).

    Returns {id: the terminal TaskSnapshot (failed and cancelled ones too) or the error that ended its wait
    (WaitTimeout, TaskNotFound, ProviderError)}, one entry per distinct id.
    Raises AuthenticationError at once for a refused key, ConfigurationError, TypeError/ValueError (bad arguments).
    """
    concurrency = check_concurrency(concurrency)
    loop = Loop(client, check_task_ids(task_ids), kind=kind, timeout=timeout, interval=interval,
              max_interval=max_interval, not_found_grace=not_found_grace, use_progress=use_progress,
              raise_on_failure=False, many=True, on_update=on_update, on_attempt=on_attempt, clock=clock,
              rand=rand, cancel_on=cancel_on, target_delay=target_delay, durations=durations)  # fmt: skip
    await _go_async(loop, concurrency, sleep)
    return loop.outcomes()
