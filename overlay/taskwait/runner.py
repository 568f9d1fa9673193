"""The one loop every wait runs, sync or async: take the due ids, send their plan, sleep, record.

`Run` holds one wait over some units of one client (inputs checked, policy built, the `schedule`
of due ids, the callbacks); `run_sync` drives it with threads and `run_async` with anyio. This
is the only module that sleeps; `transport` is the only one that sends. Both shells share every
decision (`engine`), every request plan (`wire`) and every send (`transport`).
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING
from urllib.parse import quote

import anyio

from . import observe
from .engine import Attempt, Observed, Policy, Raise, check_seconds
from .errors import AuthenticationError, CancelNotSupported, TaskwaitError, WaitTimeout
from .providers import ADAPTERS, Adapter, handle_of
from .schedule import Result, Waits
from .snapshot import TaskSnapshot
from .transport import Probe, drive, drive_async, request_budget
from .wire import LIST_CHUNK, Context, Plan, get_plan, list_plan

if TYPE_CHECKING:
    from .providers import AnyClient

__all__ = ["CANCEL_ON", "MAX_NAP", "MAX_TASK_ID_BYTES", "OnAttempt", "OnUpdate", "Run", "check_cancel_on",
           "check_concurrency", "check_task_id", "check_task_ids", "look_budget", "policy_for", "require_cancel",
           "resolve", "run_async", "run_sync"]  # fmt: skip

OnUpdate = Callable[[TaskSnapshot], object]
OnAttempt = Callable[[str, int, float], object]  # task id, polls so far, seconds since the wait began
# The longest id, percent-encoded (UTF-8) as it goes into a URL path: far below the 64 KiB URL httpx accepts,
# and half the 8 KiB request line common servers take. Real ids are tens of characters.
MAX_TASK_ID_BYTES = 4096
MAX_NAP = 86400.0  # seconds of one sleep at most (then the due time is looked at again): threads refuse ~1e10 s
CANCEL_ON = frozenset({"timeout", "interrupt"})


def look_budget(client: AnyClient) -> float | None:
    """How long the one request of a `timeout=0` wait may take: the client's request timeout (None: unbounded),
    as for get_task. Read from the generated client's field (attrs alias `timeout`) so that no httpx client is
    built for it."""
    timeout = client._timeout
    return None if timeout is None else request_budget(timeout)


def check_cancel_on(value: object) -> frozenset[str]:
    """`cancel_on` as a frozenset of "timeout" and "interrupt"; TypeError/ValueError before any request."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError(f"cancel_on must be a set of 'timeout' and 'interrupt', not {type(value).__name__}")
    found = frozenset(value)
    unknown = sorted(map(repr, found - CANCEL_ON))
    if unknown:
        raise ValueError(f"cancel_on takes 'timeout' and 'interrupt', not {', '.join(unknown)}")
    return found


def require_cancel(adapter: Adapter, kind: str) -> None:
    """Nothing if this provider can stop a unit of `kind`; else CancelNotSupported naming what can be stopped."""
    adapter.unit(kind)  # ValueError for a kind the provider does not have
    if kind in adapter.cancellable():
        return
    can = ", ".join(f"{a.name} {k}" for a in ADAPTERS.values() for k in a.cancellable())
    own = ", ".join(adapter.cancellable()) or "nothing"
    raise CancelNotSupported(f"{adapter.name} cannot cancel a {kind!r} (it can cancel: {own}); "
                             f"taskwait can cancel: {can}")  # fmt: skip


def check_task_id(task_id: object) -> str:
    """The id itself, or a TypeError/ValueError before any request is made (blank, `.`, `..`, not text, or
    longer than MAX_TASK_ID_BYTES once percent-encoded)."""
    if not isinstance(task_id, str):
        raise TypeError(f"task_id must be a str, not {type(task_id).__name__}")
    if not task_id.strip() or task_id in (".", ".."):
        raise ValueError(f"task_id must be a non-empty path segment, not {task_id!r}")
    try:
        task_id.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"task_id {task_id!r} is not valid text (a lone surrogate)") from None
    size = len(quote(task_id, safe=""))
    if size > MAX_TASK_ID_BYTES:
        raise ValueError(f"task_id is too long: {size} bytes percent-encoded, at most {MAX_TASK_ID_BYTES}")
    return task_id


def check_task_ids(task_ids: object) -> list[object]:
    """The handles as a list, or TypeError: an iterable of ids (or creators' answers), not a str itself (it would be
    polled letter by letter)."""
    if isinstance(task_ids, str | bytes) or not isinstance(task_ids, Iterable):
        raise TypeError(f"task_ids must be an iterable of str (a list of ids), not {type(task_ids).__name__}")
    return list(task_ids)


def policy_for(adapter: Adapter, timeout: float | None, interval: float | None, max_interval: float | None,
            raise_on_failure: bool, not_found_grace: float = 0.0, use_progress: bool = True) -> Policy:  # fmt: skip
    """The checked policy (TypeError/ValueError naming the parameter); an infinite timeout is none, as None."""
    if timeout is not None:
        timeout = check_seconds("timeout", timeout, positive=False, infinite=True)
        timeout = None if math.isinf(timeout) else timeout
    if interval is not None:
        interval = check_seconds("interval", interval, positive=True)
    if max_interval is not None:
        max_interval = check_seconds("max_interval", max_interval, positive=True)
    not_found_grace = check_seconds("not_found_grace", not_found_grace, positive=False)
    if interval is None:  # the provider's default, but never above a max_interval the caller gave
        interval = adapter.interval if max_interval is None else min(adapter.interval, max_interval)
    if max_interval is None:
        max_interval = max(adapter.max_interval, interval)
    return Policy(timeout=timeout, interval=interval, max_interval=max_interval, raise_on_failure=raise_on_failure,
                  not_found_grace=not_found_grace, use_progress=use_progress)  # fmt: skip


def resolve(adapter: Adapter, handles: list[object], kind: str,
            not_found_grace: float | None) -> tuple[str, list[str], float]:  # fmt: skip
    """(kind, ids, not-found grace) of what a wait was given: ids of `kind`, or creators' answers.

    One wait is about one kind of unit; the grace is the caller's, else the handles' (Flexprice force run: 30 s).
    """
    found = [handle_of(adapter, handle, kind) for handle in handles]
    kinds = {k for k, _, _ in found} or {kind}
    if len(kinds) > 1:
        raise ValueError(f"one wait is about one kind of unit, not {', '.join(sorted(kinds))}")
    if not_found_grace is not None:
        not_found_grace = check_seconds("not_found_grace", not_found_grace, positive=False)
    grace = not_found_grace if not_found_grace is not None else max((g for _, _, g in found), default=0.0)
    return kinds.pop(), [check_task_id(task_id) for _, task_id, _ in found], grace


class Run:
    """One wait over some tasks of one client: the parts shared by the sync and async shells."""

    def __init__(
        self,
        client: AnyClient,
        handles: list[object],
        *,
        kind: str,
        timeout: float | None,
        interval: float | None,
        max_interval: float | None,
        not_found_grace: float | None,
        use_progress: bool,
        raise_on_failure: bool,
        many: bool,
        on_update: OnUpdate | None,
        on_attempt: OnAttempt | None,
        clock: Callable[[], float],
        rand: Callable[[], float],
        cancel_on: object = frozenset(),
    ) -> None:
        self.ctx = Context.of(client)
        self.adapter, self.client = self.ctx.adapter, client
        self.kind, ids, grace = resolve(self.adapter, handles, kind, not_found_grace)
        self.policy = policy_for(self.adapter, timeout, interval, max_interval, raise_on_failure, grace, use_progress)
        self.cancel_on = check_cancel_on(cancel_on)
        if self.cancel_on:
            require_cancel(self.adapter, self.kind)
        self.started = clock()
        # timeout=0 looks once: that request is bounded by the client's request timeout, not by the deadline
        self.look = look_budget(client) if self.policy.timeout == 0 else None
        self.waits = Waits.begin(self.policy, self.adapter.name, ids, self.started)
        self.many, self.on_update, self.on_attempt = many, on_update, on_attempt
        self.clock, self.rand = clock, rand
        self.failure: BaseException | None = None
        batched = many and self.adapter.many is not None and self.kind == "task"
        self.limit = LIST_CHUNK if batched else 1
        self.window = self.policy.max_interval * self.policy.jitter if batched else 0.0
        tel = observe.telemetry()  # once per wait: None unless an OpenTelemetry SDK is configured
        self.trace = None if tel is None else tel.wait(
            "taskwait.wait_for_many" if many else "taskwait.wait_for", self.adapter.name, self.kind,
            list(self.waits.states), clock(), secrets=self.ctx.secrets, base_url=client._base_url)  # fmt: skip

    def workers(self, concurrency: int) -> int:
        """How many workers to start: never more than there are ids, so a huge `concurrency` costs nothing."""
        return max(1, min(concurrency, len(self.waits.states)))

    def take(self) -> list[str] | float | None:
        return self.waits.take(self.clock(), self.limit, self.window)

    def plan(self, due: list[str]) -> tuple[Plan, float | None]:
        """The request plan for the due ids, and the deadline no request of it may outlive."""
        plan = list_plan(self.ctx, due) if len(due) > 1 else get_plan(self.ctx, due[0], self.kind)
        if self.policy.timeout == 0:
            return plan, None if self.look is None else self.started + self.look
        deadlines = [d for d in (self.waits.states[t].deadline for t in due) if d is not None]
        return plan, min(deadlines, default=None)

    def probe(self, due: list[str]) -> Probe | None:
        """The tracing hook for the requests of `due`'s plan (None when tracing is off)."""
        return None if self.trace is None else self.trace.probe(due)

    def record(self, attempts: dict[str, Attempt]) -> None:
        """Feed attempts to the engine; call back; stop everything on a refused key (many)."""
        for task_id, attempt in attempts.items():
            now = self.clock()
            decision = self.waits.record(task_id, attempt, now, self.rand())
            state = self.waits.states[task_id]
            observe.note(self.adapter.name, self.kind, task_id, state.polls, attempt, decision)
            if self.trace is not None:
                self.trace.recorded(task_id, attempt, decision, state, now)
            if self.on_attempt is not None:
                self.on_attempt(task_id, state.polls, self.clock() - state.started)
            if isinstance(attempt, Observed) and self.on_update is not None:
                self.on_update(attempt.snapshot)
            if self.many and isinstance(decision, Raise) and isinstance(decision.error, AuthenticationError):
                self.halt(decision.error)

    def halt(self, failure: BaseException) -> None:
        if self.failure is None:
            self.failure = failure
        self.waits.clear()

    def close(self) -> None:
        """End the spans of waits the run did not finish (a refused key, an interrupt)."""
        if self.trace is not None:
            self.trace.close(self.failure, self.waits.states, self.clock())

    def unfinished(self) -> list[str]:
        """The ids whose wait has not ended (what an interrupt leaves running)."""
        return [task_id for task_id in self.waits.states if task_id not in self.waits.results]

    def timed_out(self) -> list[str]:
        """The ids whose wait ended in WaitTimeout."""
        return [task_id for task_id, r in self.waits.results.items() if isinstance(r, WaitTimeout)]

    def outcomes(self) -> dict[str, Result]:
        if self.failure is not None:
            raise self.failure
        return {task_id: self.waits.results[task_id] for task_id in self.waits.states}

    def outcome(self) -> TaskSnapshot:
        if self.failure is not None:
            raise self.failure
        (result,) = self.waits.results.values()
        if isinstance(result, TaskwaitError):
            raise result
        return result


def run_sync(run: Run, concurrency: int, sleep: Callable[[float], object] | None) -> None:
    wake = threading.Event()
    lock = threading.Lock()

    def worker() -> None:
        try:
            while True:
                with lock:
                    due = run.take()
                if due is None:
                    return
                if isinstance(due, float):
                    sleep(min(due, MAX_NAP)) if sleep is not None else wake.wait(min(due, MAX_NAP))
                    continue
                attempts = drive(run.client, *run.plan(due), run.clock, run.probe(due))
                with lock:
                    run.record(attempts)
        except BaseException as exc:
            with lock:
                run.halt(exc)
            wake.set()
            raise

    def background() -> None:
        with contextlib.suppress(BaseException):  # worker() halted the run with it: the caller raises it once
            worker()

    threads = [threading.Thread(target=background, daemon=True) for _ in range(run.workers(concurrency) - 1)]
    for thread in threads:
        thread.start()
    try:
        worker()
        for thread in threads:
            thread.join()
    except BaseException as exc:  # Ctrl-C while joining too: the other workers stop after their request
        with lock:
            run.halt(exc)
        raise
    finally:
        run.close()


async def run_async(run: Run, concurrency: int, sleep: Callable[[float], Awaitable[object]] | None) -> None:
    nap = sleep or anyio.sleep
    group = anyio.create_task_group()

    async def worker() -> None:
        try:
            while True:
                due = run.take()
                if due is None:
                    return
                if isinstance(due, float):
                    await nap(min(due, MAX_NAP))
                    continue
                run.record(await drive_async(run.client, *run.plan(due), run.clock, run.probe(due)))
                if run.failure is not None:
                    group.cancel_scope.cancel()
        except Exception as exc:
            run.halt(exc)
            group.cancel_scope.cancel()

    try:
        async with group:
            for _ in range(run.workers(concurrency)):
                group.start_soon(worker)
    finally:
        run.close()


def check_concurrency(concurrency: object) -> int:
    if isinstance(concurrency, bool) or not isinstance(concurrency, int):
        raise TypeError(f"concurrency must be an int, not {type(concurrency).__name__}")
    if concurrency < 1:
        raise ValueError(f"concurrency must be >= 1, not {concurrency!r}")
    return concurrency
