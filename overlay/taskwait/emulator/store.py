"""The emulator's state: every task it holds, what it has seen of each, and how created work unfolds."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from collections.abc import Callable
from typing import Any

import attrs

from .base import Created, TaskView
from .providers import FORMATS, PROVIDERS
from .scripts import FAULT_KINDS, Faults, TaskScript, from_json

__all__ = ["CREATED_DEFAULTS", "FAULT_KINDS", "Created", "Faults", "Store", "TaskScript", "Timing", "from_json"]


@attrs.define
class Record:
    """A task the emulator holds, and what it has seen of it."""

    script: TaskScript
    created: float
    created_wall: dt.datetime
    rng: random.Random
    requests: int = 0
    answered: int = 0
    in_flight: int = 0  # requests for this task being handled now
    overlaps: int = 0  # requests that arrived while another for this task was in flight
    stopped: float | None = None  # the fraction done when a cancel stopped it (Databar cancel_task)

    def view(self, now: float) -> TaskView:
        steps = self.script.lifecycle
        if self.stopped is not None:
            status = FORMATS[self.script.provider].lifecycles["cancel"][-1]
            return TaskView(self.script.task_id, status, True, self.stopped, self.script.total, self.script.data, None,
                            self.created_wall, self.script.tracking_id)  # fmt: skip
        if self.script.duration is not None:
            fraction = 1.0 if self.script.duration == 0 else min(1.0, (now - self.created) / self.script.duration)
        else:
            fraction = 1.0 if self.script.polls == 0 else min(1.0, (self.answered - 1) / self.script.polls)
        index = len(steps) - 1 if fraction >= 1.0 else min(len(steps) - 2, int(fraction * (len(steps) - 1)))
        final = index == len(steps) - 1
        error = self.script.error
        if final and error is None and self.script.fate != "success":
            error = {"failure": "the task failed", "cancel": "the task was cancelled"}[self.script.fate]
        data = self.script.data  # renders show results only for a success; other fields may read it
        return TaskView(self.script.task_id, steps[max(index, 0)], final, fraction, self.script.total, data,
                        error if final else None, self.created_wall, self.script.tracking_id)  # fmt: skip


# Realistic by default, short enough for a demo (each provider's `Provider.created`).
CREATED_DEFAULTS: dict[str, Created] = {name: p.created for name, p in PROVIDERS.items()}


@attrs.frozen
class Timing:
    """Provider delays that the real services have, shortened for offline use (see the README)."""

    openmart_submit_delay: float = 0.2  # the real batch submit sleeps ~26 s before answering
    flexprice_not_found: float = 0.5  # a force run's EXPORT task answers 404 this long before it appears


class Store:
    """All scripted tasks, keyed by (provider, task id); safe to use from any thread."""

    def __init__(self, seed: int = 0, faults: Faults | None = None, clock: Callable[[], float] = time.monotonic):
        self.seed = seed
        self.faults = faults or Faults()
        self.clock = clock
        self._tasks: dict[tuple[str, str], Record] = {}
        self._lock = threading.Lock()
        self._server_requests = 0
        self._server_rng = random.Random(f"{seed}:server")
        self.created = dict(CREATED_DEFAULTS)
        self.timing = Timing()

    def create(self, provider: str, task_id: str, **fields: Any) -> TaskScript:
        """Add a task started through the provider's API: its script drawn from `created`, then `fields`."""
        rng = random.Random(f"{self.seed}:created:{provider}:{task_id}")
        with self._lock:
            created = self.created[provider]
        return self.add(TaskScript(provider, task_id, **(created.draw(rng) | fields)))

    def add(self, script: TaskScript) -> TaskScript:
        rng = random.Random(f"{self.seed}:{script.provider}:{script.task_id}")
        record = Record(script, self.clock(), dt.datetime.now(dt.UTC), rng)
        with self._lock:
            self._tasks[(script.provider, script.task_id)] = record
        return script

    def reset(self, faults: Faults | None = None) -> None:
        with self._lock:
            self._tasks.clear()
            self.faults = faults or Faults()
            self._server_requests = 0
            self._server_rng = random.Random(f"{self.seed}:server")
            self.created = dict(CREATED_DEFAULTS)
            self.timing = Timing()

    def set_faults(self, faults: Faults) -> None:
        with self._lock:
            self.faults = faults

    def server_fault(self) -> str | None:
        """A server-wide fault for the next request (drawn before any task is looked at)."""
        with self._lock:
            self._server_requests += 1
            return self.faults.pick(self._server_requests, self._server_rng)

    def exists(self, provider: str, task_id: str) -> bool:
        return (provider, task_id) in self._tasks

    def poll(self, provider: str, task_id: str, *, faults: bool = True) -> tuple[TaskView | None, str | None, Faults]:
        """(the task now, a fault to answer with instead, the task's faults); view None if unknown."""
        with self._lock:
            record = self._tasks.get((provider, task_id))
            if record is None:
                return None, None, self.faults
            record.requests += 1
            fault = record.script.faults.pick(record.requests, record.rng) if faults else None
            if fault in (None, "slow"):  # a slow answer still carries the task
                record.answered += 1
            return record.view(self.clock()), fault, record.script.faults

    def ids(self, provider: str) -> list[str]:
        """The ids of every task the store holds for `provider`, oldest first."""
        with self._lock:
            return [task_id for p, task_id in self._tasks if p == provider]

    def script(self, provider: str, task_id: str) -> TaskScript | None:
        """A task's script (to replace it with an edited one), or None if unknown."""
        with self._lock:
            record = self._tasks.get((provider, task_id))
            return None if record is None else record.script

    def enter(self, provider: str, task_id: str) -> None:
        """A request for the task starts being handled (counts an overlap if another is in flight)."""
        with self._lock:
            record = self._tasks.get((provider, task_id))
            if record is not None:
                record.overlaps += record.in_flight > 0
                record.in_flight += 1

    def leave(self, provider: str, task_id: str) -> None:
        """The answer to a request for the task is out."""
        with self._lock:
            record = self._tasks.get((provider, task_id))
            if record is not None:
                record.in_flight = max(0, record.in_flight - 1)

    def cancel(self, provider: str, task_id: str) -> tuple[TaskView | None, bool]:
        """Stop a task where it stands: (the task now, whether it had already ended); view None if unknown."""
        with self._lock:
            record = self._tasks.get((provider, task_id))
            if record is None:
                return None, False
            view = record.view(self.clock())
            if view.final:
                return view, True
            record.stopped = view.fraction
            return record.view(self.clock()), False

    def discard(self, provider: str, task_id: str) -> bool:
        """Forget a task (a provider deleted it): its get-task answers 404 from now on. False if unknown."""
        with self._lock:
            return self._tasks.pop((provider, task_id), None) is not None

    def peek(self, provider: str, task_id: str) -> TaskView | None:
        """The task now, without counting a request (for lists and shared state); None if unknown."""
        with self._lock:
            record = self._tasks.get((provider, task_id))
            return None if record is None else record.view(self.clock())

    def stats(self, provider: str, task_id: str) -> dict[str, Any] | None:
        with self._lock:
            record = self._tasks.get((provider, task_id))
            if record is None:
                return None
            return {"provider": provider, "task_id": task_id, "requests": record.requests,
                    "answered": record.answered, "fate": record.script.fate,
                    "outcome": record.script.fate,  # deprecated: the same as "fate"
                    "overlaps": record.overlaps}  # fmt: skip

    def __len__(self) -> int:
        return len(self._tasks)
