"""The one loop every wait runs, sync or async: take the due ids, send their plan, sleep, record.

`Loop` holds one wait over some units of one client (inputs checked, policy built, the
`engine.Waits` of due ids, the callbacks); `loop_sync` drives it with threads and `loop_async` with
anyio. This is the only module that sleeps; `transport` is the only one that sends. Both shells
share every decision (`engine`), every request plan (`wire`) and every send (`transport`).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import anyio

from . import observe
from .budget import Claim, account_in
from .budget.priority import chance_for
from .checks import DurationsArg, check_cancel_on, check_durations, look_budget, policy_for, resolve
from .engine import Attempt, Decision, Observed, Outcome, PollState, Raise, Transient, Waits, ended, schedule
from .errors import AuthenticationError, TaskwaitError, WaitTimeout
from .progress import time_left
from .providers import Context
from .snapshot import TaskSnapshot
from .transport import Probe, drive, drive_async
from .wire import LIST_CHUNK, Plan, get_plan, list_plan

if TYPE_CHECKING:
    from .providers import AnyClient

__all__ = ["MAX_NAP", "Loop", "OnAttempt", "OnUpdate", "loop_async", "loop_sync"]

OnUpdate = Callable[[TaskSnapshot], object]
OnAttempt = Callable[[str, int, float], object]  # task id, polls so far, seconds since the wait began
MAX_NAP = 86400.0  # seconds of one sleep at most (then the due time is looked at again): threads refuse ~1e10 s


class Loop:
    """One wait over some units of one client: the parts shared by the sync and async shells."""

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
        durations: DurationsArg = None,
        target_delay: float | None = None,
    ) -> None:
        self.ctx = Context.of(client)
        self.adapter, self.client = self.ctx.adapter, client
        self.account = account_in(self.ctx)  # whose rate budget its requests wait for
        self.kind, ids, grace = resolve(self.adapter, handles, kind, not_found_grace)
        self.policy = policy_for(self.adapter, timeout, interval, max_interval, raise_on_failure, grace, use_progress,
                                 target_delay)  # fmt: skip
        self.durations = check_durations(durations, real=clock is time.monotonic)
        self.cancel_on = check_cancel_on(cancel_on, self.adapter, self.kind)
        self.started = clock()
        # timeout=0 looks once: that request is bounded by the client's request timeout, not by the deadline
        self.look = look_budget(client) if self.policy.timeout == 0 else None
        dist = None if self.durations is None else self.durations.distribution(self.adapter.name, self.kind)
        self.waits = Waits.begin(self.policy, self.adapter.name, self.kind, ids, self.started,
                                 schedule(self.policy, dist))  # fmt: skip
        self.many, self.on_update, self.on_attempt = many, on_update, on_attempt
        self.clock, self.rand = clock, rand
        self.polled: dict[str, float] = {}  # when each unit's last request went out (for the budget's priority)
        self.failure: BaseException | None = None
        batched = many and self.adapter.many is not None and self.kind == "task"
        self.limit = LIST_CHUNK if batched else 1
        self.window = self.policy.max_interval * self.policy.jitter if batched else 0.0
        tel = observe.telemetry()  # once per wait: None unless an OpenTelemetry SDK is configured
        self.trace = None if tel is None else tel.wait(
            "taskwait.wait_for_many" if many else "taskwait.wait_for", self.adapter.name, self.kind,
            list(self.waits.states), self.started, secrets=self.ctx.secrets, base_url=client.base_url)  # fmt: skip

    def workers(self, concurrency: int) -> int:
        """How many workers to start: never more than there are ids, so a huge `concurrency` costs nothing."""
        return max(1, min(concurrency, len(self.waits.states)))

    def take(self) -> list[str] | float | None:
        """The due ids to poll now (a chunk of them for a list request), else seconds to the next, else None."""
        return self.waits.take(self.clock(), self.limit, self.window)

    def plan(self, due: list[str]) -> tuple[Plan, float | None]:
        """The request plan for the due ids, and the deadline no request of it may outlive."""
        plan = list_plan(self.ctx, due) if len(due) > 1 else get_plan(self.ctx, due[0], self.kind)
        if self.policy.timeout == 0:
            return plan, None if self.look is None else self.started + self.look
        deadlines = [d for d in (self.waits.states[t].deadline for t in due) if d is not None]
        return plan, min(deadlines, default=None)

    def claim(self, due: list[str]) -> Claim:
        """What the budget weighs when the requests for `due` are held: a last poll, the chance of a finish."""
        states = [self.waits.states[t] for t in due]
        chances = [self._chance(s) for s in states]

        def chance(now: float) -> float | None:
            found = [p for p in (c(now) for c in chances) if p is not None]
            return max(found, default=None)

        return Claim(any(s.final for s in states), chance, self.waits.queued())

    def _chance(self, state: PollState) -> Callable[[float], float | None]:
        last = self.polled.get(state.task_id)
        predicted = None
        if state.last is not None and state.last.progress is not None and last is not None:
            estimate = time_left(state.progress_origin, last, state.last.progress.fraction)
            predicted = None if estimate is None else last + estimate[0]
        return chance_for(self.adapter.name, self.kind, state.started, last, predicted, self.durations)

    def probe(self, due: list[str]) -> Probe | None:
        """The tracing hook for the requests of `due`'s plan (None when tracing is off)."""
        return None if self.trace is None else self.trace.probe(due)

    def record(self, attempts: dict[str, Attempt]) -> None:
        """Feed attempts to the engine; call back; stop everything on a refused key (many)."""
        for task_id, attempt in attempts.items():
            now = self.clock()
            if not isinstance(attempt, Transient) or attempt.sent:
                self.polled[task_id] = now
            decision = self.waits.record(task_id, attempt, now, self.rand())
            state = self.waits.states[task_id]
            self.learn(state, decision, now)
            observe.note(self.adapter.name, self.kind, task_id, state.polls, attempt, decision)
            if self.trace is not None:
                self.trace.recorded(task_id, attempt, decision, state, now)
            if self.on_attempt is not None:
                self.on_attempt(task_id, state.polls, self.clock() - state.started)
            if isinstance(attempt, Observed) and self.on_update is not None:
                self.on_update(attempt.snapshot)
            if self.many and isinstance(decision, Raise) and isinstance(decision.error, AuthenticationError):
                self.halt(decision.error)

    def learn(self, state: PollState, decision: Decision | None, now: float) -> None:
        """Tell `durations` what a wait that ended saw (None: it was left unfinished, right-censored)."""
        if self.durations is None:
            return
        seen = ended(state, decision, now) if decision is not None else None
        if decision is None and state.running_at is not None:
            seen = (state.running_at - state.started, None)
        if seen is not None:
            self.durations.observe(state.provider, self.kind, *seen)

    def halt(self, failure: BaseException) -> None:
        if self.failure is None:
            self.failure = failure
        self.waits.clear()

    def close(self) -> None:
        """End the spans of waits the loop did not finish (a refused key, an interrupt); they are left, so
        `durations` learns they ran at least until their last answer."""
        for task_id in self.unfinished() if self.durations is not None else ():
            self.learn(self.waits.states[task_id], None, 0.0)
        if self.trace is not None:
            self.trace.close(self.failure, self.waits.states, self.clock())

    def unfinished(self) -> list[str]:
        """The ids whose wait has not ended (what an interrupt leaves running)."""
        return [task_id for task_id in self.waits.states if task_id not in self.waits.outcomes]

    def timed_out(self) -> list[str]:
        """The ids whose wait ended in WaitTimeout."""
        return [task_id for task_id, r in self.waits.outcomes.items() if isinstance(r, WaitTimeout)]

    def outcomes(self) -> dict[str, Outcome]:
        """How each wait ended (`wait_for_many`); raises what halted the loop (a refused key, an interrupt)."""
        if self.failure is not None:
            raise self.failure
        return {task_id: self.waits.outcomes[task_id] for task_id in self.waits.states}

    def outcome(self) -> TaskSnapshot:
        """The one wait's terminal snapshot (`wait_for`), or raise how it ended."""
        if self.failure is not None:
            raise self.failure
        (outcome,) = self.waits.outcomes.values()
        if isinstance(outcome, TaskwaitError):
            raise outcome
        return outcome


def loop_sync(loop: Loop, concurrency: int, sleep: Callable[[float], object] | None) -> None:
    wake = threading.Event()
    lock = threading.Lock()

    def worker() -> None:
        try:
            while True:
                with lock:
                    due = loop.take()
                if due is None:
                    return
                if isinstance(due, float):
                    sleep(min(due, MAX_NAP)) if sleep is not None else wake.wait(min(due, MAX_NAP))
                    continue
                attempts = drive(
                    loop.client, *loop.plan(due), loop.clock, loop.probe(due), loop.claim(due), sleep, loop.account
                )
                with lock:
                    loop.record(attempts)
        except BaseException as exc:
            with lock:
                loop.halt(exc)
            wake.set()
            raise

    def background() -> None:
        with contextlib.suppress(BaseException):  # worker() halted the loop with it: the caller raises it once
            worker()

    threads = [threading.Thread(target=background, daemon=True) for _ in range(loop.workers(concurrency) - 1)]
    for thread in threads:
        thread.start()
    try:
        worker()
        for thread in threads:
            thread.join()
    except BaseException as exc:  # Ctrl-C while joining too: the other workers stop after their request
        with lock:
            loop.halt(exc)
        raise
    finally:
        loop.close()


async def loop_async(loop: Loop, concurrency: int, sleep: Callable[[float], Awaitable[object]] | None) -> None:
    nap = sleep or anyio.sleep
    group = anyio.create_task_group()

    async def worker() -> None:
        try:
            while True:
                due = loop.take()
                if due is None:
                    return
                if isinstance(due, float):
                    await nap(min(due, MAX_NAP))
                    continue
                loop.record(
                    await drive_async(
                        loop.client, *loop.plan(due), loop.clock, loop.probe(due), loop.claim(due), sleep, loop.account
                    )
                )
                if loop.failure is not None:
                    group.cancel_scope.cancel()
        except Exception as exc:
            loop.halt(exc)
            group.cancel_scope.cancel()

    try:
        async with group:
            for _ in range(loop.workers(concurrency)):
                group.start_soon(worker)
    finally:
        loop.close()
