"""`WaitState` as JSON: snapshots and errors as plain data, and the checks that refuse a malformed text."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

import attrs

from ._seconds import check_seconds
from .checks import check_task_id
from .errors import (
    AuthenticationError,
    ProviderError,
    TaskCancelled,
    TaskFailed,
    TaskNotFound,
    TaskwaitError,
    WaitTimeout,
    redact,
)
from .providers import ADAPTERS
from .providers import KINDS as ALL_KINDS
from .snapshot import Progress, TaskSnapshot
from .status import PROVIDERS, Status

__all__ = [
    "ERRORS",
    "KINDS",
    "MAX_POLLS",
    "VERSION",
    "error_from",
    "error_to",
    "snapshot_from",
    "snapshot_to",
    "state_from",
]

VERSION = 1
# What can be waited on. Only a provider's task id for now; batches, runs and uploads come through the adapters.
KINDS: tuple[str, ...] = ALL_KINDS  # every unit any provider has; begin() checks the provider has it
# error type name -> (the wait's outcome, the class)
ERRORS: dict[str, tuple[str, type[TaskwaitError]]] = {
    "TaskFailed": ("failed", TaskFailed),
    "TaskCancelled": ("cancelled", TaskCancelled),
    "WaitTimeout": ("timed_out", WaitTimeout),
    "TaskNotFound": ("not_found", TaskNotFound),
    "AuthenticationError": ("unauthorized", AuthenticationError),
    "ProviderError": ("error", ProviderError),
}
OUTCOMES = frozenset({s.value for s in Status if s.is_terminal} | {o for o, _ in ERRORS.values()})
_ERROR_OUTCOMES = OUTCOMES - {s.value for s in Status}  # outcomes only an error ends a wait with
MAX_POLLS = 2**53  # the largest count every JSON reader holds exactly


def _scrub(value: Any, secrets: Sequence[str]) -> Any:
    """JSON data with every secret redacted from its strings (keys included)."""
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, list | tuple):
        return [_scrub(v, secrets) for v in value]
    if isinstance(value, dict):
        return {_scrub(str(k), secrets): _scrub(v, secrets) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value if value is None or isinstance(value, bool | int | float) else _scrub(str(value), secrets)


def snapshot_to(snap: TaskSnapshot, secrets: Sequence[str] = ()) -> dict[str, Any]:
    """A snapshot as plain JSON data (without its raw model), secrets redacted."""
    progress = None if snap.progress is None else {"done": snap.progress.done, "total": snap.progress.total}
    data = {"provider": snap.provider, "task_id": snap.task_id, "status": snap.status.value,
            "raw_status": snap.raw_status, "data": snap.data, "error": snap.error, "progress": progress,
            "kind": snap.kind}  # fmt: skip
    scrubbed: dict[str, Any] = _scrub(data, secrets)
    return scrubbed


def _opt(value: Any, kind: type | tuple[type, ...]) -> Any:
    if value is not None and (isinstance(value, bool) or not isinstance(value, kind)):
        raise ValueError(f"expected {kind} or null, not {type(value).__name__}")
    return value


def snapshot_from(data: dict[str, Any]) -> TaskSnapshot:
    """The snapshot `snapshot_to` wrote; ValueError if malformed."""
    try:
        progress = data["progress"]
        if progress is not None:
            progress = Progress(_opt(progress["done"], int), _opt(progress["total"], int))
        if not isinstance(data["provider"], str) or not isinstance(data["task_id"], str):
            raise ValueError("provider and task_id must be strings")
        fields: dict[str, Any] = {
            "provider": data["provider"], "task_id": data["task_id"], "status": Status(data["status"]),
            "raw_status": _opt(data["raw_status"], str), "data": data["data"], "error": _opt(data["error"], str),
            "progress": progress,
        }  # fmt: skip
        if "kind" in attrs.fields_dict(TaskSnapshot):  # the unit a snapshot is about (task, batch, run, upload)
            fields["kind"] = _opt(data.get("kind", "task"), str) or "task"
        return TaskSnapshot(**fields)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"malformed snapshot in a wait state ({type(exc).__name__}: {exc})") from None


def error_to(error: TaskwaitError) -> dict[str, Any]:
    """The error that ended a wait as plain data (its message is already redacted by whoever raised it)."""
    return {"type": type(error).__name__ if type(error).__name__ in ERRORS else "TaskwaitError",
            "message": str(error), "status_code": getattr(error, "status_code", None),
            "body": getattr(error, "body", None)}  # fmt: skip


def error_from(data: dict[str, Any], provider: str, task_id: str, snap: TaskSnapshot | None) -> TaskwaitError:
    """The exception `wait_for` would have raised, rebuilt from `error_to`'s data."""
    name, message, code = data.get("type"), str(data.get("message", "")), data.get("status_code")
    if name == "AuthenticationError":
        return AuthenticationError(message, provider, task_id, code if isinstance(code, int) else 0)
    if name == "ProviderError":
        return ProviderError(message, provider, task_id, code if isinstance(code, int) else None,
                             str(data.get("body") or ""))  # fmt: skip
    if name in ("TaskFailed", "TaskCancelled", "WaitTimeout", "TaskNotFound"):
        cls = ERRORS[name][1]
        return cls(message, provider, task_id, snap)
    return TaskwaitError(message)


_NUMBER = (int, float)
_JSON_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "float": _NUMBER, "int": (int,), "bool": (bool,)}


def _json_type(annotation: str) -> tuple[tuple[type, ...], bool]:
    """A WaitState field's annotation ("float | None", "list[str]", ...) as (JSON types, may be null)."""
    parts = [part.strip() for part in annotation.split("|")]
    nullable = "None" in parts
    (main,) = [part for part in parts if part != "None"]
    base = main.split("[", 1)[0]
    return _JSON_TYPES.get(base) or {"list": (list,), "dict": (dict,)}[base], nullable


# Fields added within version 1, read as their default when a state written before them lacks them.
_ADDED: dict[str, Any] = {"cancel_on": [], "cancelled": None, "target_delay": None, "max_interval_given": False,
                          "running_at": None}  # fmt: skip


def _error_shape(error: Any, outcome: str | None) -> None:
    """ValueError unless `error` is what `error_to` writes, for a wait that ended with `outcome`."""
    if error is None:
        if outcome in _ERROR_OUTCOMES:
            raise ValueError(f"malformed wait state: outcome {outcome!r} without its error")
        return
    if set(error) != {"type", "message", "status_code", "body"}:
        raise ValueError(f"malformed wait state: error has the keys {sorted(map(str, error))}")
    name, message, code, body = error["type"], error["message"], error["status_code"], error["body"]
    if name not in ERRORS and name != "TaskwaitError":
        raise ValueError(f"malformed wait state: unknown error type {name!r}")
    if outcome != (ERRORS[name][0] if name in ERRORS else "error"):
        raise ValueError(f"malformed wait state: error type {name} does not match outcome {outcome!r}")
    if not isinstance(message, str) or not message:
        raise ValueError("malformed wait state: error message is not a non-empty string")
    if isinstance(code, bool) or not isinstance(code, int | None) or (code is None and name == "AuthenticationError"):
        raise ValueError(f"malformed wait state: error status_code is {type(code).__name__}")
    if not isinstance(body, str | None):
        raise ValueError(f"malformed wait state: error body is {type(body).__name__}")


def _as_begin(data: dict[str, Any], fields: dict[str, str]) -> None:
    """The checks `begin` applies (and the engine keeps true), on a stored state: ValueError naming the field."""
    try:
        check_task_id(data["task_id"])
        for name, annotation in fields.items():
            if _json_type(annotation)[0] is _NUMBER and data[name] is not None:
                check_seconds(name, data[name], positive=name in ("interval", "max_interval", "target_delay"))
        for value in data["progress_origin"] or ():
            check_seconds("progress_origin", value, positive=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"malformed wait state: {exc}") from None
    if not 0 < data["interval"] <= data["delay"] <= data["max_interval"]:
        raise ValueError("malformed wait state: interval, delay and max_interval out of order")
    if not 0 <= data["polls"] <= MAX_POLLS:
        raise ValueError(f"malformed wait state: polls is not an int in [0, {MAX_POLLS}]")
    if data["deadline_at"] is not None and data["deadline_at"] < data["started_at"]:
        raise ValueError("malformed wait state: deadline_at is before started_at")
    origin = data["progress_origin"]
    if origin is not None and (len(origin) != 2 or not 0 <= origin[1] <= 1):
        raise ValueError("malformed wait state: progress_origin is not [time, fraction]")


def state_from(text: str | bytes, fields: dict[str, str]) -> dict[str, Any]:
    """The checked fields of a WaitState's JSON text (`fields`: WaitState's names and annotations, whose types
    the JSON values must have); ValueError for an unknown version or anything malformed."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise ValueError(f"not a wait state: not JSON ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise ValueError(f"not a wait state: a JSON {type(data).__name__}, not an object")
    if data.get("version") != VERSION:
        raise ValueError(f"unknown wait state version {data.get('version')!r} (this taskwait reads {VERSION})")
    names = set(fields)
    data = {name: value for name, value in _ADDED.items() if name in names} | data
    if set(data) != names:
        raise ValueError(
            f"malformed wait state: unknown {sorted(set(data) - names)}, missing {sorted(names - set(data))}"
        )
    for name, value in data.items():
        types, nullable = _json_type(fields[name])
        bad_bool = isinstance(value, bool) and bool not in types
        if (value is None and not nullable) or (value is not None and (bad_bool or not isinstance(value, types))):
            raise ValueError(f"malformed wait state: {name} is {type(value).__name__}")
    if data["provider"] not in PROVIDERS or data["kind"] not in ADAPTERS[data["provider"]].units:
        raise ValueError("malformed wait state: unknown provider or kind")
    if not all(v in ("timeout", "interrupt") for v in data["cancel_on"]):
        raise ValueError("malformed wait state: cancel_on holds other than 'timeout' and 'interrupt'")
    _as_begin(data, fields)
    if data["outcome"] is not None and data["outcome"] not in OUTCOMES:
        raise ValueError(f"malformed wait state: unknown outcome {data['outcome']!r}")
    if (data["outcome"] is None) != (data["next_poll_at"] is not None):
        raise ValueError("malformed wait state: a wait has either a next poll or an outcome")
    _error_shape(data["error"], data["outcome"])
    last = data["last"]
    if last is not None and (snapshot_from(last).provider, last["task_id"]) != (data["provider"], data["task_id"]):
        raise ValueError("malformed wait state: last is a snapshot of another task")
    if data["outcome"] is not None and data["error"] is None and last is None:
        raise ValueError("malformed wait state: it ended without a snapshot or an error")
    return data
