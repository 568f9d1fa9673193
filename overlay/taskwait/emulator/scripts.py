"""What the emulator is told: scripted tasks (`TaskScript`), faults (`Faults`), and reading them from JSON."""

from __future__ import annotations

import inspect
import random
import uuid
import warnings
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import attrs
from attrs import AttrsInstance

from .base import FATES, rate_between_0_and_1
from .providers import FORMATS

__all__ = ["FAULT_KINDS", "Faults", "TaskScript", "from_json", "rate_between_0_and_1", "script_from_json"]

_T = TypeVar("_T", bound=AttrsInstance)
FAULT_KINDS = ("429", "500", "502", "503", "drop", "slow", "malformed")


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


def _fate(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in FATES:
        raise ValueError(f"fate must be success, failure or cancel, not {value!r}")


def _to_faults(value: Faults | dict[str, Any]) -> Faults:
    return Faults.from_dict(value) if isinstance(value, dict) else value


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "provider": (str,), "task_id": (str,), "fate": (str,), "statuses": (list, type(None)), "polls": (int,),
    "duration": (int, float, type(None)), "total": (int, type(None)), "error": (str, type(None)), "faults": (dict,),
    "tracking_id": (str, type(None)),
    "script": (list,), "retry_after": (int, float), "slow_seconds": (int, float),
    **{f"rate_{k}": (int, float) for k in ("429", "5xx", "drop", "slow", "malformed")},
}  # fmt: skip


def from_json(cls: type[_T], data: object) -> _T:
    """An attrs class from a JSON object, or ValueError naming the field that is unknown, missing or wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object for {cls.__name__}, not {type(data).__name__}")
    fields = {n: p for n, p in inspect.signature(cls).parameters.items() if p.kind != p.KEYWORD_ONLY}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}; known: {', '.join(fields)}")
    missing = [n for n, p in fields.items() if p.default is p.empty and n not in data]
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


def script_from_json(data: object) -> TaskScript:
    """A `TaskScript` from the admin API's JSON (ValueError naming the bad field); "outcome" is read as "fate"."""
    if isinstance(data, dict) and "outcome" in data:
        warnings.warn('the script field "outcome" is deprecated: use "fate"', DeprecationWarning, stacklevel=2)
        data = {("fate" if k == "outcome" else k): v for k, v in data.items()}
    return from_json(TaskScript, data)


_UNSET: Any = object()


@attrs.frozen(init=False)
class TaskScript:
    """How one task unfolds: its raw statuses, over polls or over seconds, and how it ends (its `fate`).

    `fate`: "success", "failure" or "cancel", the end its provider's lifecycle reaches (was `outcome`,
    still accepted with a DeprecationWarning); `statuses` replaces that lifecycle with raw statuses of its own.
    """

    provider: str
    task_id: str
    fate: str = attrs.field(validator=_fate)
    statuses: tuple[str, ...] | None
    polls: int  # answered polls before the final status, when `duration` is None
    duration: float | None  # seconds from creation to the final status
    total: int | None  # records or results, for providers that report progress
    data: Any
    error: str | None
    faults: Faults = attrs.field(converter=_to_faults)
    tracking_id: str | None  # the caller's own id, echoed back (Openmart's tracking_id)

    def __init__(self, provider: str, task_id: str | None = None, fate: str | None = None,
                 statuses: Iterable[str] | None = None, polls: int = 2, duration: float | None = None,
                 total: int | None = None, data: Any = _UNSET, error: str | None = None,
                 faults: Faults | dict[str, Any] | None = None, tracking_id: str | None = None, *,
                 outcome: str | None = None) -> None:  # fmt: skip
        if outcome is not None:
            warnings.warn("TaskScript's outcome= is deprecated: use fate=", DeprecationWarning, stacklevel=2)
            if fate is not None and fate != outcome:
                raise TypeError("give fate= only (outcome= is its deprecated name)")
            fate = outcome
        self.__attrs_init__(
            provider,
            uuid.uuid4().hex if task_id is None else task_id,
            "success" if fate is None else fate,
            None if statuses is None else tuple(statuses),
            polls,
            duration,
            total,
            {"result": "ok"} if data is _UNSET else data,
            error,
            Faults() if faults is None else faults,
            tracking_id,
        )

    def __attrs_post_init__(self) -> None:
        fmt = FORMATS.get(self.provider)
        if fmt is None:
            raise ValueError(f"unknown provider {self.provider!r}; known: {', '.join(FORMATS)}")
        if self.statuses is None and self.fate not in fmt.lifecycles:
            raise ValueError(f"{self.provider} has no {self.fate!r} fate")
        if not self.task_id or self.polls < 0 or (self.duration is not None and self.duration < 0):
            raise ValueError("task_id must be non-empty, polls and duration non-negative")

    @property
    def lifecycle(self) -> tuple[str, ...]:
        return self.statuses or FORMATS[self.provider].lifecycles[self.fate]

    @property
    def outcome(self) -> str:
        """Deprecated name of `fate`."""
        warnings.warn("TaskScript.outcome is deprecated: use fate", DeprecationWarning, stacklevel=2)
        return self.fate
