"""Scripted tasks and faults: what the emulator answers, decided by seeded randomness."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import attrs
from attrs import AttrsInstance

from .formats import FORMATS, TaskView

_T = TypeVar("_T", bound=AttrsInstance)

__all__ = ["CREATED_DEFAULTS", "FAULT_KINDS", "Created", "Faults", "Store", "TaskScript", "Timing", "from_json"]

FAULT_KINDS = ("429", "500", "502", "503", "drop", "slow", "malformed")


def _rate(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be between 0 and 1, not {value!r}")


def _kinds(_: object, attribute: attrs.Attribute[Any], value: Sequence[str | None]) -> None:
    bad = [k for k in value if k is not None and k not in FAULT_KINDS]
    if bad:
        raise ValueError(f"unknown fault kind(s) {bad}; known: {', '.join(FAULT_KINDS)}")


def _as_tuple(value: Iterable[str | None]) -> tuple[str | None, ...]:
    return tuple(value)


@attrs.frozen
class Faults:
    """Faults for a task or the whole server: a script for the first requests, then random rates."""

    script: tuple[str | None, ...] = attrs.field(default=(), converter=_as_tuple, validator=_kinds)
    rate_429: float = attrs.field(default=0.0, validator=_rate)
    rate_5xx: float = attrs.field(default=0.0, validator=_rate)
    rate_drop: float = attrs.field(default=0.0, validator=_rate)
    rate_slow: float = attrs.field(default=0.0, validator=_rate)
    rate_malformed: float = attrs.field(default=0.0, validator=_rate)
    retry_after: float = 1.0
    slow_seconds: float = 5.0

    @classmethod
    def from_dict(cls, data: object) -> Faults:
        """Faults from JSON data; ValueError naming the bad field."""
        return from_json(cls, data)

    def pick(self, request_number: int, rng: random.Random) -> str | None:
        """The fault for the n-th request (1-based), or None to answer normally."""
        if request_number <= len(self.script):
            return self.script[request_number - 1]
        draw = rng.random()
        for kind, rate in (("429", self.rate_429), ("5xx", self.rate_5xx), ("drop", self.rate_drop),
                           ("slow", self.rate_slow), ("malformed", self.rate_malformed)):  # fmt: skip
            if draw < rate:
                return rng.choice(("500", "502", "503")) if kind == "5xx" else kind
            draw -= rate
        return None


def _outcome(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ("success", "failure", "cancel"):
        raise ValueError(f"outcome must be success, failure or cancel, not {value!r}")


def _to_faults(value: Faults | dict[str, Any]) -> Faults:
    return Faults.from_dict(value) if isinstance(value, dict) else value


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "provider": (str,), "task_id": (str,), "outcome": (str,), "statuses": (list, type(None)), "polls": (int,),
    "duration": (int, float, type(None)), "total": (int, type(None)), "error": (str, type(None)), "faults": (dict,),
    "script": (list,), "retry_after": (int, float), "slow_seconds": (int, float),
    **{f"rate_{k}": (int, float) for k in ("429", "5xx", "drop", "slow", "malformed")},
}  # fmt: skip


def from_json(cls: type[_T], data: object) -> _T:
    """An attrs class from a JSON object, or ValueError naming the field that is unknown, missing or wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object for {cls.__name__}, not {type(data).__name__}")
    fields = {a.name: a for a in attrs.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}; known: {', '.join(fields)}")
    missing = [n for n, a in fields.items() if a.default is attrs.NOTHING and n not in data]
    if missing:
        raise ValueError(f"missing field(s) {', '.join(missing)}")
    for name, value in data.items():
        allowed = _JSON_TYPES.get(name)
        if allowed is not None and (isinstance(value, bool) or not isinstance(value, allowed)):
            raise ValueError(f"field {name}: {type(value).__name__} is not allowed")
    try:
        return cls(**data)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{cls.__name__}: {exc}") from None


@attrs.frozen
class TaskScript:
    """How one task unfolds: its raw statuses, over polls or over seconds, and how it ends."""

    provider: str
    task_id: str = attrs.field(factory=lambda: uuid.uuid4().hex)
    outcome: str = attrs.field(default="success", validator=_outcome)
    statuses: tuple[str, ...] | None = attrs.field(default=None, converter=attrs.converters.optional(tuple))
    polls: int = 2  # answered polls before the final status, when `duration` is None
    duration: float | None = None  # seconds from creation to the final status
    total: int | None = None  # records or results, for providers that report progress
    data: Any = attrs.field(factory=lambda: {"result": "ok"})
    error: str | None = None
    faults: Faults = attrs.field(factory=Faults, converter=_to_faults)

    def __attrs_post_init__(self) -> None:
        fmt = FORMATS.get(self.provider)
        if fmt is None:
            raise ValueError(f"unknown provider {self.provider!r}; known: {', '.join(FORMATS)}")
        if self.statuses is None and self.outcome not in fmt.lifecycles:
            raise ValueError(f"{self.provider} has no {self.outcome!r} outcome")
        if not self.task_id or self.polls < 0 or (self.duration is not None and self.duration < 0):
            raise ValueError("task_id must be non-empty, polls and duration non-negative")

    @property
    def lifecycle(self) -> tuple[str, ...]:
        return self.statuses or FORMATS[self.provider].lifecycles[self.outcome]


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

    def view(self, now: float) -> TaskView:
        steps = self.script.lifecycle
        if self.script.duration is not None:
            fraction = 1.0 if self.script.duration == 0 else min(1.0, (now - self.created) / self.script.duration)
        else:
            fraction = 1.0 if self.script.polls == 0 else min(1.0, (self.answered - 1) / self.script.polls)
        index = len(steps) - 1 if fraction >= 1.0 else min(len(steps) - 2, int(fraction * (len(steps) - 1)))
        final = index == len(steps) - 1
        error = self.script.error
        if final and error is None and self.script.outcome != "success":
            error = {"failure": "the task failed", "cancel": "the task was cancelled"}[self.script.outcome]
        data = self.script.data  # renders show results only for a success; other fields may read it
        return TaskView(self.script.task_id, steps[max(index, 0)], final, fraction, self.script.total, data,
                        error if final else None, self.created_wall)  # fmt: skip


@attrs.frozen
class Created:
    """How work started through a provider's own API unfolds: drawn per task from the seeded rng."""

    duration: tuple[float, float] = (1.0, 4.0)  # seconds, drawn uniformly
    failure_rate: float = attrs.field(default=0.1, validator=_rate)
    cancel_rate: float = attrs.field(default=0.0, validator=_rate)
    total: tuple[int, int] = (20, 200)  # records or results, drawn uniformly

    def __attrs_post_init__(self) -> None:
        low, high = self.duration
        if not 0 <= low <= high or not 0 <= self.total[0] <= self.total[1]:
            raise ValueError("duration and total are (low, high) ranges with 0 <= low <= high")

    def draw(self, rng: random.Random) -> dict[str, Any]:
        """TaskScript fields for one created task: outcome, duration, total."""
        draw = rng.random()
        outcome = (
            "failure"
            if draw < self.failure_rate
            else "cancel"
            if draw < self.failure_rate + self.cancel_rate
            else "success"
        )
        return {"outcome": outcome, "duration": rng.uniform(*self.duration), "total": rng.randint(*self.total)}


# Realistic by default, short enough for a demo: Deepomatic inference is done in a fraction of a second.
CREATED_DEFAULTS: dict[str, Created] = {
    "databar": Created(duration=(1.0, 4.0)),
    "openmart": Created(duration=(1.0, 4.0)),
    "lobstr": Created(duration=(1.0, 4.0), failure_rate=0.05),
    "deepomatic": Created(duration=(0.1, 0.4), failure_rate=0.05),
    "flexprice": Created(duration=(2.0, 6.0)),
}


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
                    "answered": record.answered, "outcome": record.script.outcome,
                    "overlaps": record.overlaps}  # fmt: skip

    def __len__(self) -> int:
        return len(self._tasks)
