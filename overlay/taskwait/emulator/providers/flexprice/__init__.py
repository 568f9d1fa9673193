"""Flexprice in the emulator: its answer format, its routes (tasks: list, status, download; scheduled tasks in
`scheduled`) and its limits (none documented).

Flexprice's async work is an EXPORT: a scheduled task's force run (`POST /tasks/scheduled/{id}/run`)
answers `workflow_id`, the id of the EXPORT task it starts. As on the real server, that task is
written by the workflow's first activity: it answers 404 for `store.timing.flexprice_not_found`
seconds, then unfolds as the store's `created` settings say. A COMPLETED export has a file:
`GET /tasks/{id}/download` answers a presigned-style URL the emulator itself serves (no key needed,
as with S3). Ids, paths, answers and error wordings follow the server's code (flexprice/flexprice
@ e4b5303).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from functools import partial
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...base import Created, Format, Provider, TaskView, header_is, iso
from ...env import Env
from . import scheduled
from .scheduled import State, bad, parse_time

__all__ = ["PROVIDER", "error", "render", "routes"]

PROVIDER_NAME = "flexprice"
DEFAULT_LIMIT, MAX_LIMIT = 50, 1000  # internal/types/filter.go, QueryFilter's validation
# What PUT /tasks/{id}/status allows (internal/ee/service/task.go isValidStatusTransition).
TRANSITIONS = {"PENDING": ("PROCESSING", "FAILED"), "PROCESSING": ("COMPLETED", "FAILED"), "FAILED": ("PROCESSING",)}
EXPORT_FAILURE = "failed to upload the export file to S3"


def _own(view: TaskView) -> dict[str, Any]:
    return view.data if isinstance(view.data, dict) and view.data.get("task_type") == "EXPORT" else {}


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    value = default if raw in (None, "") else int(raw)
    if not low <= value <= high:
        raise ValueError(name)
    return value


def _matches(view: TaskView, body: dict[str, Any], query: dict[str, str]) -> bool:
    """Whether a task passes ListTasks' filters (internal/types/task.go TaskFilter)."""
    own = _own(view)
    fields = {"task_type": body["task_type"], "entity_type": body["entity_type"], "task_status": body["task_status"],
              "created_by": body["created_by"], "status": body["status"],
              "scheduled_task_id": own.get("scheduled_task_id", "")}  # fmt: skip
    if any(query[name] != value for name, value in fields.items() if query.get(name)):
        return False
    start, end = parse_time(query.get("start_time", "")), parse_time(query.get("end_time", ""))
    return (start is None or view.created >= start) and (end is None or view.created <= end)


def _csv(view: TaskView) -> str:
    """The exported file: one line a record (the emulator's own columns)."""
    own = _own(view)
    rows = [f"{own['entity_type']}_{n:06d},{view.created.date().isoformat()},{n % 7}" for n in range(view.total or 0)]
    return "\n".join(["id,date,quantity", *rows]) + "\n"


def _start_export(env: Env, task_id: str, data: dict[str, Any]) -> None:
    script = env.create(task_id, data=data)
    if script.fate != "success":
        env.store.add(attrs.evolve(script, error=EXPORT_FAILURE))


def _later(env: Env, task_id: str, data: dict[str, Any]) -> None:
    """A force run's EXPORT task: the workflow writes it a moment after the force run answers (LIFECYCLE.md)."""
    delay = max(0.0, env.store.timing.flexprice_not_found)
    asyncio.get_running_loop().call_later(delay, _start_export, env, task_id, data)


async def list_tasks(state: State, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    query = dict(request.query_params)
    try:
        limit = _int_param(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = _int_param(request, "offset", 0, 0, 2**31)
        for name in ("start_time", "end_time"):
            if query.get(name) and parse_time(query[name]) is None:
                raise ValueError(name)
        if query.get("order", "desc") not in ("asc", "desc"):
            raise ValueError("order")
    except ValueError:
        return bad(env, 400, "Invalid filter parameters", headers)
    query.setdefault("status", "published")
    views = [v for v in (env.store.peek(PROVIDER_NAME, t) for t in env.store.ids(PROVIDER_NAME)) if v is not None]
    found = [(v, b) for v in views if _matches(v, b := env.fmt.render(v), query)]
    found.sort(key=lambda pair: (pair[0].created, pair[0].task_id), reverse=query.get("order", "desc") == "desc")
    items = [body for _, body in found[offset : offset + limit]]
    pagination = {"total": len(found), "limit": limit, "offset": offset}
    return env.json({"items": items, "pagination": pagination}, 200, headers)


async def update_status(state: State, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    task_id = request.path_params["task_id"]
    try:
        body = await env.body(request)
        wanted = body["task_status"] if isinstance(body, dict) else None
        if not isinstance(wanted, str) or not wanted:
            raise ValueError
    except (ValueError, KeyError):
        return bad(env, 400, "Invalid request format", headers)
    view = env.store.peek(PROVIDER_NAME, task_id)
    if view is None:
        return bad(env, 404, "Task not found", headers)
    if wanted not in TRANSITIONS.get(view.raw_status, ()):
        details = {"from": view.raw_status, "to": wanted}
        return bad(env, 400, "Invalid status transition", headers, details)
    script = env.store.script(PROVIDER_NAME, task_id)
    if script is not None:  # the new status sticks: nothing works on the task any more
        sticks: dict[str, Any] = {"statuses": (wanted,), "duration": 0.0, "fate": "success"}
        env.store.add(attrs.evolve(script, **sticks))
    return env.json({"message": "task status updated successfully"}, 200, headers)


async def download(state: State, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    task_id = request.path_params["task_id"]
    view = env.store.peek(PROVIDER_NAME, task_id)
    if view is None:
        return bad(env, 404, "Task not found", headers)
    file_url = env.fmt.render(view)["file_url"]
    if not file_url:
        return bad(env, 404, "Task export has not completed yet or failed", headers)
    if not file_url.startswith("s3://"):
        return bad(env, 400, "File URL must start with s3://", headers)
    expires = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).strftime("%Y%m%dT%H%M%SZ")
    url = f"{str(request.base_url).rstrip('/')}{env.prefix}/_exports/{task_id}.csv?X-Amz-Expires=3600&until={expires}"
    return env.json({"download_url": url}, 200, headers)


async def exported_file(env: Env, request: Request) -> Response:
    # A presigned URL carries no API key, so no gate here (S3 answers it, not Flexprice).
    view = env.store.peek(PROVIDER_NAME, request.path_params["task_id"])
    if view is None or view.raw_status != "COMPLETED" or not _own(view):
        return Response("<Error><Code>NoSuchKey</Code></Error>", 404, media_type="application/xml")
    return Response(_csv(view), 200, media_type="text/csv")


def routes(env: Env) -> list[Route]:
    """Flexprice's async work besides get-task: tasks (list, status, download) and scheduled tasks."""
    state = State(env, partial(_later, env), random.Random(f"{env.store.seed}:flexprice:ids"))
    p = env.prefix
    return [
        Route(p + "/tasks", env.gated(partial(list_tasks, state)), methods=["GET"]),
        *scheduled.routes(state),
        Route(p + "/tasks/{task_id}/status", env.gated(partial(update_status, state)), methods=["PUT"]),
        Route(p + "/tasks/{task_id}/download", env.gated(partial(download, state)), methods=["GET"]),
        Route(p + "/_exports/{task_id}.csv", partial(exported_file, env), methods=["GET"]),
    ]


def render(t: TaskView) -> dict[str, Any]:
    """GET /v1/tasks/{task_id}: an IMPORT task, or a scheduled task's EXPORT (started when created, its file
    there once COMPLETED)."""
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
        "started_at": iso(t.created) if started else None,
        "completed_at": iso(t.created) if t.raw_status == "COMPLETED" else None,
        "failed_at": iso(t.created) if t.raw_status == "FAILED" else None,
        "status": "published", "created_at": iso(t.created), "updated_at": iso(t.created),
        "created_by": "user_emulator", "updated_by": "user_emulator",
    }  # fmt: skip
    own = _own(t)
    if not own:
        return body
    finished = t.raw_status == "COMPLETED"
    body |= {"task_type": "EXPORT", "entity_type": own["entity_type"], "metadata": own["metadata"],
             "file_url": own["file_url"] if finished else "", "started_at": iso(t.created)}  # fmt: skip
    if finished:
        body["file_name"] = own["file_name"]
    else:
        del body["file_name"]
    return body


_CODES = {
    400: "validation_error",
    404: "not_found",
    405: "method_not_allowed",
    409: "already_exists",
    429: "too_many_requests",
}  # internal/errors ErrCode*


def error(status: int, message: str) -> dict[str, Any]:
    """Flexprice's error shape."""
    return {"code": _CODES.get(status, "internal_error"), "message": message, "http_status_code": status}


FORMAT = Format(
    PROVIDER_NAME, "/tasks/{task_id}", "/v1", header_is("x-api-key"), (401, {"error": "Unauthorized"}),
    {"code": "not_found", "message": "task not found", "http_status_code": 404},
    {"success": ("PENDING", "PROCESSING", "COMPLETED"), "failure": ("PENDING", "PROCESSING", "FAILED")},
    render, error, too_many=error(429, "too many requests"),
)  # fmt: skip
PROVIDER = Provider(FORMAT, routes, created=Created(duration=(2.0, 6.0)))  # no rate limit documented
