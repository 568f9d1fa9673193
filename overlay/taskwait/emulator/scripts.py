"""What the emulator is told: scripted tasks (`TaskScript`), faults (`Faults`), and reading them from JSON."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import attrs
from attrs import AttrsInstance

from .formats import FORMATS

__all__ = ["FAULT_KINDS", "Faults", "TaskScript", "from_json", "rate_between_0_and_1"]

_T = TypeVar("_T", bound=AttrsInstance)
FAULT_KINDS = ("429", "500", "502", "503", "drop", "slow", "malformed")


def rate_between_0_and_1(_: object, attribute: attrs.Attribute[float], value: float) -> None:
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
    rate_429: float = attrs.field(default=0.0, validator=rate_between_0_and_1)
    rate_5xx: float = attrs.field(default=0.0, validator=rate_between_0_and_1)
    rate_drop: float = attrs.field(default=0.0, validator=rate_between_0_and_1)
    rate_slow: float = attrs.field(default=0.0, validator=rate_between_0_and_1)
    rate_malformed: float = attrs.field(default=0.0, validator=rate_between_0_and_1)
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
    "tracking_id": (str, type(None)),
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
    tracking_id: str | None = None  # the caller's own id, echoed back (Openmart's tracking_id)

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
