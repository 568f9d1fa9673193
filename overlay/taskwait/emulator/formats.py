"""Each provider's wire format as its docs describe it, written from the docs alone.

This module deliberately imports nothing of the client side (no adapters, no status
tables): a fake built on the code it tests would prove nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import attrs

__all__ = ["FORMATS", "Format", "TaskView"]


@attrs.frozen
class TaskView:
    """What a provider's answer is made from: a task at one moment of its script."""

    task_id: str
    raw_status: str
    final: bool
    fraction: float
    total: int | None
    data: Any
    error: str | None
    created: dt.datetime
    tracking_id: str | None = None  # what the caller sent to correlate (Openmart echoes it)
    partial: bool = False  # the caller asked for the rows finished so far (Databar include_partial=true)


def _iso(when: dt.datetime, zone: bool = True) -> str:
    text = when.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    return text + "Z" if zone else text


def _databar(t: TaskView) -> dict[str, Any]:
    body: dict[str, Any] = {"task_id": t.task_id, "request_id": t.task_id, "status": t.raw_status, "credits_spent": 0}
    if isinstance(t.data, list):
        return body | _databar_bulk(t)
    if t.final and t.error is None:
        body |= {"data": t.data, "credits_spent": 12}
    if t.error is not None and t.final:
        body["error"] = t.error
    return body


def _databar_bulk(t: TaskView) -> dict[str, Any]:
    """A bulk run (data: one element per input, null for a miss): `progress` counts its inputs (databar==2.8.0
    models.py TaskResponse), one credit a finished input with data. Cancelled, only its finished rows are
    kept (unaligned to the inputs) and the rest is refunded; `include_partial` shows the finished rows early."""
    assert isinstance(t.data, list)
    rows, cancelled = t.data, t.raw_status == "cancelled"
    done = len(rows) if t.final and not cancelled else min(len(rows), int(t.fraction * len(rows)))
    found = [r for r in rows[:done] if r is not None]
    body: dict[str, Any] = {
        "progress": {"total": len(rows), "completed": len(found), "no_data": done - len(found), "failed": 0,
                     "processing": len(rows) - done},
        "credits_spent": len(found),
    }  # fmt: skip
    if t.final and t.error is not None:
        return body | {"error": t.error}
    if t.final and not cancelled:
        status = "partially_completed" if len(found) < len(rows) and t.raw_status == "completed" else t.raw_status
        return body | {"status": status, "data": rows}
    if cancelled or t.partial:
        body["data"] = found
    return body


def _openmart(t: TaskView) -> dict[str, Any]:
    return {"task_id": t.task_id, "status": t.raw_status, "tracking_id": t.tracking_id,
            "data": t.data if t.final and t.error is None else None}  # fmt: skip


def _lobstr(t: TaskView) -> dict[str, Any]:
    own = t.data if isinstance(t.data, dict) else {}  # a task added through the API keeps its own fields
    running = t.raw_status != "pending"
    done_reason = {"completed": "completed", "aborted": "run_aborted", "failed": "error"}.get(t.raw_status)
    status = {
        "status": t.raw_status,
        "started_at": _iso(t.created, zone=False) if running else None,
        "ended_at": own.get("ended_at", _iso(t.created + dt.timedelta(seconds=1), zone=False)) if t.final else None,
        "is_done": t.final,
        "total_results": round(t.fraction * (t.total or 0)) if running else 0,
        "total_pages": 1 if running else 0,
        "done_reason": done_reason if t.final else None,
        "has_errors": t.error is not None and t.final,
        "errors": t.error if t.final else None,
    }
    params = own.get("params", {"url": "https://www.example.com/search?q=coffee"})
    return {"hash_value": t.task_id, "created_at": own.get("created_at", _iso(t.created, zone=False)),
            "is_active": not t.final, "params": params, "module": 5, "object": "task", "status": status}  # fmt: skip


def _deepomatic(t: TaskView) -> dict[str, Any]:
    return {"id": t.task_id, "status": t.raw_status, "error": t.error if t.final else None,
            "date_created": _iso(t.created), "date_updated": _iso(t.created) if t.final else None,
            "data": t.data if t.final and t.error is None else None, "subtasks": None}  # fmt: skip


def _flexprice(t: TaskView) -> dict[str, Any]:
    started = t.raw_status != "PENDING"
    done = round(t.fraction * t.total) if t.total and started else 0
    failed = done // 10 if t.raw_status == "FAILED" else 0
    body: dict[str, Any] = {
        "id": t.task_id, "tenant_id": "tenant_emulator", "environment_id": "env_emulator",
        "task_type": "IMPORT", "entity_type": "EVENTS", "file_url": "https://example.com/events.csv",
        "file_name": "events.csv", "file_type": "CSV", "task_status": t.raw_status,
        "total_records": t.total if started else None, "processed_records": done,
        "successful_records": done - failed, "failed_records": failed,
        "error_summary": t.error if t.final else None, "metadata": {},
        "started_at": _iso(t.created) if started else None,
        "completed_at": _iso(t.created) if t.raw_status == "COMPLETED" else None,
        "failed_at": _iso(t.created) if t.raw_status == "FAILED" else None,
        "status": "published", "created_at": _iso(t.created), "updated_at": _iso(t.created),
        "created_by": "user_emulator", "updated_by": "user_emulator",
    }  # fmt: skip
    own = t.data if isinstance(t.data, dict) and t.data.get("task_type") == "EXPORT" else None
    if own is None:
        return body
    # A scheduled task's run (lifecycle/flexprice.py): started when created, its file exists once COMPLETED.
    finished = t.raw_status == "COMPLETED"
    body |= {"task_type": "EXPORT", "entity_type": own["entity_type"], "metadata": own["metadata"],
             "file_url": own["file_url"] if finished else "", "started_at": _iso(t.created)}  # fmt: skip
    if finished:
        body["file_name"] = own["file_name"]
    else:
        del body["file_name"]
    return body


def _header_is(name: str, prefix: str = "") -> Callable[[Mapping[str, str], str], bool]:
    def check(headers: Mapping[str, str], key: str) -> bool:
        return headers.get(name) == f"{prefix}{key}"

    return check


def _openmart_auth(headers: Mapping[str, str], key: str) -> bool:
    return headers.get("x-api-key") == key or headers.get("authorization") == f"Bearer {key}"


def _detail(status: int, message: str) -> dict[str, Any]:
    """FastAPI / Django REST Framework errors (Databar, Openmart, Deepomatic)."""
    return {"detail": message}


def _lobstr_error(status: int, message: str) -> dict[str, Any]:
    kind = {404: "not_found_error", 405: "invalid_request_error"}.get(status, "validation_error")
    return {"error": {"message": message, "type": kind, "param": None}}


_LOBSTR_NOT_FOUND = {"error": {"message": "Task not found", "type": "not_found_error", "param": "task_hash"}}
_FLEXPRICE_CODES = {400: "validation_error", 404: "not_found", 405: "method_not_allowed", 409: "already_exists"}


def _flexprice_error(status: int, message: str) -> dict[str, Any]:
    return {"code": _FLEXPRICE_CODES.get(status, "internal_error"), "message": message, "http_status_code": status}


@attrs.frozen
class Format:
    """One provider: where its task lives, how it checks keys, how it answers."""

    name: str
    task_path: str  # below the provider's prefix; {task_id} is the task
    real_base_path: str  # what the real base URL carries after the host, e.g. "/v1"
    authorized: Callable[[Mapping[str, str], str], bool]
    unauthorized: tuple[int, dict[str, Any]]
    not_found: dict[str, Any]
    lifecycles: Mapping[str, tuple[str, ...]]  # outcome -> raw statuses in order
    render: Callable[[TaskView], dict[str, Any]]
    error: Callable[[int, str], dict[str, Any]]  # an error body in the provider's own shape
    list_path: str | None = None


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("databar", "/v1/tasks/{task_id}", "", _header_is("x-apikey"), (403, {"detail": "Forbidden"}),
               {"detail": "Not Found"},
               {"success": ("queued", "processing", "completed"), "failure": ("queued", "processing", "failed"),
                "cancel": ("queued", "processing", "cancelled")}, _databar, _detail),
        Format("openmart", "/api/v1/task/{task_id}", "", _openmart_auth, (401, {"detail": "Invalid API Key"}),
               {"detail": "Task not found"},
               {"success": ("PROCESSING", "COMPLETED"), "failure": ("PROCESSING", "ERRORED"),
                "cancel": ("PROCESSING", "CANCELLED")}, _openmart, _detail),
        Format("lobstr", "/v1/tasks/{task_id}", "", _header_is("authorization", "Token "),
               (401, {"detail": "Invalid token."}), _LOBSTR_NOT_FOUND,
               {"success": ("pending", "running", "completed"), "failure": ("pending", "running", "failed"),
                "cancel": ("pending", "running", "aborted")}, _lobstr, _lobstr_error),
        Format("deepomatic", "/v0.7/tasks/{task_id}", "", _header_is("x-api-key"),
               (401, {"detail": "Invalid API key."}), {"detail": "Not found."},
               {"success": ("pending", "success"), "failure": ("pending", "error")}, _deepomatic, _detail,
               list_path="/v0.7/tasks"),
        Format("flexprice", "/tasks/{task_id}", "/v1", _header_is("x-api-key"), (401, {"error": "Unauthorized"}),
               {"code": "not_found", "message": "task not found", "http_status_code": 404},
               {"success": ("PENDING", "PROCESSING", "COMPLETED"), "failure": ("PENDING", "PROCESSING", "FAILED")},
               _flexprice, _flexprice_error),
    )
}  # fmt: skip
