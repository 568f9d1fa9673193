"""Flexprice's lifecycle routes in the emulator: tasks (list, status, download) and scheduled tasks.

Flexprice's async work is an EXPORT: a scheduled task's force run (`POST /tasks/scheduled/{id}/run`)
answers `workflow_id`, the id of the EXPORT task it starts. As on the real server, that task is
written by the workflow's first activity: it answers 404 for `store.timing.flexprice_not_found`
seconds, then unfolds as the store's `created` settings say. A COMPLETED export has a file:
`GET /tasks/{id}/download` answers a presigned-style URL the emulator itself serves (no key needed,
as with S3). Ids, paths, answers and error wordings follow the server's code (flexprice/flexprice
@ e4b5303); see lifecycle/flexprice_scheduled.py for the scheduled tasks.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..env import Env
from ..formats import TaskView
from . import flexprice_scheduled as scheduled
from .flexprice_scheduled import State, bad, parse_time

__all__ = ["routes"]

PROVIDER = "flexprice"
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


def routes(env: Env) -> list[Route]:
    """The routes of Flexprice's async work besides get-task."""
    state = State.create(env.store.seed)

    def start_export(task_id: str, data: dict[str, Any]) -> None:
        script = env.create(task_id, data=data)
        if script.outcome != "success":
            env.store.add(attrs.evolve(script, error=EXPORT_FAILURE))

    def force_run(task_id: str, data: dict[str, Any]) -> None:
        """The workflow writes its task a moment after the force run answers (LIFECYCLE.md)."""
        delay = max(0.0, env.store.timing.flexprice_not_found)
        asyncio.get_running_loop().call_later(delay, start_export, task_id, data)

    async def list_tasks(request: Request, headers: dict[str, str]) -> Response:
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
        views = [v for v in (env.store.peek(PROVIDER, t) for t in env.store.ids(PROVIDER)) if v is not None]
        found = [(v, b) for v in views if _matches(v, b := env.fmt.render(v), query)]
        found.sort(key=lambda pair: (pair[0].created, pair[0].task_id), reverse=query.get("order", "desc") == "desc")
        items = [body for _, body in found[offset : offset + limit]]
        pagination = {"total": len(found), "limit": limit, "offset": offset}
        return env.json({"items": items, "pagination": pagination}, 200, headers)

    async def update_status(request: Request, headers: dict[str, str]) -> Response:
        task_id = request.path_params["task_id"]
        try:
            body = await env.body(request)
            wanted = body["task_status"] if isinstance(body, dict) else None
            if not isinstance(wanted, str) or not wanted:
                raise ValueError
        except (ValueError, KeyError):
            return bad(env, 400, "Invalid request format", headers)
        view = env.store.peek(PROVIDER, task_id)
        if view is None:
            return bad(env, 404, "Task not found", headers)
        if wanted not in TRANSITIONS.get(view.raw_status, ()):
            details = {"from": view.raw_status, "to": wanted}
            return bad(env, 400, "Invalid status transition", headers, details)
        script = env.store.script(PROVIDER, task_id)
        if script is not None:  # the new status sticks: nothing works on the task any more
            sticks: dict[str, Any] = {"statuses": (wanted,), "duration": 0.0, "outcome": "success"}
            env.store.add(attrs.evolve(script, **sticks))
        return env.json({"message": "task status updated successfully"}, 200, headers)

    async def download(request: Request, headers: dict[str, str]) -> Response:
        task_id = request.path_params["task_id"]
        view = env.store.peek(PROVIDER, task_id)
        if view is None:
            return bad(env, 404, "Task not found", headers)
        file_url = env.fmt.render(view)["file_url"]
        if not file_url:
            return bad(env, 404, "Task export has not completed yet or failed", headers)
        if not file_url.startswith("s3://"):
            return bad(env, 400, "File URL must start with s3://", headers)
        expires = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).strftime("%Y%m%dT%H%M%SZ")
        url = (
            f"{str(request.base_url).rstrip('/')}{env.prefix}/_exports/{task_id}.csv?X-Amz-Expires=3600&until={expires}"
        )
        return env.json({"download_url": url}, 200, headers)

    async def exported_file(request: Request) -> Response:
        # A presigned URL carries no API key, so no gate here (S3 answers it, not Flexprice).
        view = env.store.peek(PROVIDER, request.path_params["task_id"])
        if view is None or view.raw_status != "COMPLETED" or not _own(view):
            return Response("<Error><Code>NoSuchKey</Code></Error>", 404, media_type="application/xml")
        return Response(_csv(view), 200, media_type="text/csv")

    p = env.prefix
    return [
        Route(p + "/tasks", env.gated(list_tasks), methods=["GET"]),
        *scheduled.routes(env, state, force_run),
        Route(p + "/tasks/{task_id}/status", env.gated(update_status), methods=["PUT"]),
        Route(p + "/tasks/{task_id}/download", env.gated(download), methods=["GET"]),
        Route(p + "/_exports/{task_id}.csv", exported_file, methods=["GET"]),
    ]
