"""Flexprice's scheduled tasks in the emulator: create, list, get, pause/resume, delete, force run.

Kept in memory per app (`State`), with the server's rules (flexprice/flexprice @ e4b5303,
internal/api/dto/scheduled_task.go, internal/ee/service/scheduled_task.go): interval `custom` is
refused, bucket and region are required, a delete archives (status "deleted", answered 200 as the
server does), an archived task cannot be changed, and a list's `pagination.total` counts the page
(the server's TODO). A connection exists when its id looks like one (`conn_...`): the emulator has
no connections API. Error messages are the server's hints.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ...env import Env

__all__ = ["State", "bad", "parse_time", "routes"]

ENTITY_TYPES = ("events", "invoice", "credit_topups", "credit_usage", "usage_analytics")
INTERVALS = {"15MIN": 15, "30MIN": None, "custom": 10, "hourly": 60, "daily": None}  # minutes; None: the day
JOB_FIELDS = ("bucket", "region", "key_prefix", "compression", "encryption", "endpoint_url", "use_path_style",
              "export_metadata_fields")  # fmt: skip
CHOICES = {"compression": ("none", "gzip"), "encryption": ("AES256", "aws:kms", "aws:kms:dsse")}
NOT_FOUND = "Scheduled task with given ID not found"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

StartExport = Callable[[str, dict[str, Any]], None]  # (export task id, its data): starts the export


def rfc3339(when: dt.datetime) -> str:
    """A time as Go's encoding/json writes it (UTC, microseconds)."""
    return when.astimezone(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_time(text: str) -> dt.datetime | None:
    """An RFC 3339 time, or None when blank or unreadable (or without a zone)."""
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")) if text.strip() else None
    except ValueError:
        return None
    return when if when is not None and when.tzinfo is not None else None


def bad(
    env: Env, status: int, message: str, headers: dict[str, str], details: dict[str, Any] | None = None
) -> Response:
    """An error in Flexprice's shape, with `details` when the server reports some."""
    body = env.fmt.error(status, message) | ({"details": details} if details else {})
    return JSONResponse(body, status, headers)


@attrs.define
class State:
    """Flexprice in one app: its scheduled tasks, the source of its ids, and how a force run starts its export."""

    env: Env
    start_export: StartExport
    rng: random.Random
    lock: threading.Lock = attrs.field(factory=threading.Lock)
    scheduled: dict[str, dict[str, Any]] = attrs.field(factory=dict)

    def find(self, task_id: str) -> dict[str, Any] | None:
        """A copy of the scheduled task, or None."""
        with self.lock:
            found = self.scheduled.get(task_id)
            return None if found is None else dict(found)

    def put(self, task: dict[str, Any]) -> None:
        with self.lock:
            self.scheduled[task["id"]] = task

    def new_id(self, prefix: str) -> str:
        """`<prefix>_<ULID>`, as types.GenerateUUIDWithPrefix makes them."""
        with self.lock:
            value = (int(time.time() * 1000) << 80) | self.rng.getrandbits(80)
        return prefix + "_" + "".join(_CROCKFORD[(value >> (5 * i)) & 31] for i in reversed(range(26)))


def _create_problem(body: Any) -> tuple[int, str] | None:
    """The server's first objection to a create request, as (status, message)."""
    if not isinstance(body, dict) or not all(isinstance(body.get(k), str) and body[k] for k in
                                             ("connection_id", "entity_type", "interval")):  # fmt: skip
        return 400, "Invalid request format"
    job = body.get("job_config")
    if not isinstance(job, dict) or not isinstance(body.get("enabled", False), bool):
        return 400, "Invalid request format"
    if body["interval"] == "custom":
        return 400, "Please use 'hourly' or 'daily' intervals."
    if body["entity_type"] not in ENTITY_TYPES:
        return 400, "Entity type must be one of: events, invoice, credit_topups, credit_usage, usage_analytics"
    if body["interval"] not in INTERVALS:
        return 400, "Interval must be one of: 15MIN, 30MIN, custom, hourly, daily"
    if not body["connection_id"].startswith("conn_"):
        return 404, "Connection not found"
    if not job.get("bucket"):
        return 400, "S3 bucket name is required"
    if not job.get("region"):
        return 400, "AWS region is required"
    for field, allowed in CHOICES.items():
        if job.get(field) not in (None, "", *allowed):
            return 400, f"{field.capitalize()} type must be one of: {', '.join(allowed)}"
    return None


def _boundaries(now: dt.datetime, interval: str) -> tuple[dt.datetime, dt.datetime]:
    """The current interval's bounds (CalculateIntervalBoundaries; 30MIN falls to the day, as there)."""
    minutes = INTERVALS.get(interval)
    if minutes is None:
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        return start, start + dt.timedelta(days=1)
    start = now.replace(minute=now.minute // minutes * minutes, second=0, microsecond=0)
    return start, start + dt.timedelta(minutes=minutes)


def _custom_range(body: Any) -> tuple[dt.datetime, dt.datetime] | str | None:
    """A force run's custom range, None for automatic, or the server's objection."""
    if not isinstance(body, dict):
        return None  # no body or an unreadable one: automatic (the server logs and carries on)
    given = [str(body.get(k) or "") for k in ("start_time", "end_time")]
    start, end = (parse_time(text) for text in given)
    if (start is None and end is None) or any(
        text and when is None for text, when in zip(given, (start, end), strict=True)
    ):
        return None  # nothing given, or a value Go cannot bind: the server falls back to automatic
    if start is None or end is None:
        return "Please provide both start_time and end_time, or neither for automatic calculation"
    if end <= start:
        return "End time must be after start time"
    if end > dt.datetime.now(dt.UTC):
        return "End time must be in the past or present"
    if end - start > dt.timedelta(days=365):
        return "Maximum allowed time range is 1 year"
    return start, end


async def create(state: State, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    try:
        body = await env.body(request)
    except ValueError:
        return bad(env, 400, "Invalid request format", headers)
    if (problem := _create_problem(body)) is not None:
        return bad(env, *problem, headers)
    now = rfc3339(dt.datetime.now(dt.UTC))
    job = {k: v for k, v in body["job_config"].items() if k in JOB_FIELDS and v not in ("", False, None, [])}
    task = {"id": state.new_id("schtask"), "tenant_id": "tenant_emulator", "environment_id": "env_emulator",
            "connection_id": body["connection_id"], "entity_type": body["entity_type"],
            "interval": body["interval"], "enabled": body.get("enabled", False), "job_config": job,
            "status": "published", "created_at": now, "updated_at": now}  # fmt: skip
    state.put(task)
    return env.json(task, 201, headers)


async def list_all(state: State, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    query = request.query_params
    try:
        limit = int(query.get("limit") or 50)
        offset = int(query.get("offset") or 0)
        if not (1 <= limit <= 1000 and offset >= 0):
            raise ValueError
    except ValueError:
        return bad(env, 400, "Invalid filter parameters", headers)
    enabled = {"true": True, "false": False}.get(query.get("enabled", ""))
    with state.lock:
        tasks = [dict(t) for t in state.scheduled.values()]
    tasks = [t for t in tasks if all(not query.get(k) or t[k] == query[k]
                                     for k in ("connection_id", "entity_type", "interval"))]  # fmt: skip
    page = [t for t in tasks if enabled is None or t["enabled"] is enabled][offset : offset + limit]
    pagination = {"total": len(page), "limit": limit, "offset": offset}
    return env.json({"items": page, "pagination": pagination}, 200, headers)


async def get_one(state: State, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    task = state.find(request.path_params["id"])
    return env.json(task, 200, headers) if task is not None else bad(env, 404, NOT_FOUND, headers)


async def update(state: State, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    try:
        body = await env.body(request)
    except ValueError:
        return bad(env, 400, "Invalid request format", headers)
    enabled = body.get("enabled") if isinstance(body, dict) else None
    if not isinstance(enabled, bool):
        message = "Invalid request format" if isinstance(body, dict) and "enabled" in body else None
        return bad(env, 400, message or "Please provide enabled field (true or false)", headers)
    task = state.find(request.path_params["id"])
    if task is None:
        return bad(env, 404, NOT_FOUND, headers)
    if task["status"] != "published":
        message = "This scheduled task has been archived and cannot be modified"
        return bad(env, 400, message, headers, {"task_id": task["id"], "status": task["status"]})
    if task["enabled"] is not enabled:
        task |= {"enabled": enabled, "updated_at": rfc3339(dt.datetime.now(dt.UTC))}
        state.put(task)
    return env.json(task, 200, headers)


async def delete(state: State, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    task = state.find(request.path_params["id"])
    if task is None:
        return bad(env, 404, NOT_FOUND, headers)
    if task["status"] != "published":
        message = "This scheduled task has already been deleted"
        return bad(env, 400, message, headers, {"task_id": task["id"], "status": task["status"]})
    state.put(task | {"status": "deleted", "enabled": False, "updated_at": rfc3339(dt.datetime.now(dt.UTC))})
    body = {"message": "Scheduled task archived successfully", "id": task["id"], "status": "archived"}
    return env.json(body, 200, headers)


async def force_run(state: State, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    try:
        body = await env.body(request) if await request.body() else None
    except ValueError:
        body = None
    chosen = _custom_range(body)
    if isinstance(chosen, str):
        return bad(env, 400, chosen, headers)
    task = state.find(request.path_params["id"])
    if task is None:
        return bad(env, 404, NOT_FOUND, headers)
    start, end = chosen or _boundaries(dt.datetime.now(dt.UTC), task["interval"])
    export_id = state.new_id("task")
    file_name = f"{task['entity_type']}_{start.strftime('%Y%m%d%H%M%S')}_{end.strftime('%Y%m%d%H%M%S')}.csv"
    prefix = task["job_config"].get("key_prefix", "")
    window = {"start_time": rfc3339(start)[:19] + "Z", "end_time": rfc3339(end)[:19] + "Z"}
    state.start_export(export_id, {"task_type": "EXPORT", "entity_type": task["entity_type"],
                          "scheduled_task_id": task["id"], "workflow_id": export_id, "file_name": file_name,
                          "file_url": f"s3://{task['job_config']['bucket']}/{prefix}{file_name}",
                          "metadata": window})  # fmt: skip
    answer = {"workflow_id": export_id, "message": "Force run triggered successfully",
              "start_time": rfc3339(start), "end_time": rfc3339(end),
              "mode": "custom" if chosen else "force run"}  # fmt: skip
    return env.json(answer, 200, headers)


def routes(state: State) -> list[Route]:
    """The /tasks/scheduled routes."""
    env = state.env
    p = env.prefix + "/tasks/scheduled"
    return [
        Route(p, env.gated(partial(create, state)), methods=["POST"]),
        Route(p, env.gated(partial(list_all, state)), methods=["GET"]),
        Route(p + "/{id}", env.gated(partial(get_one, state)), methods=["GET"]),
        Route(p + "/{id}", env.gated(partial(update, state)), methods=["PUT"]),
        Route(p + "/{id}", env.gated(partial(delete, state)), methods=["DELETE"]),
        Route(p + "/{id}/run", env.gated(partial(force_run, state)), methods=["POST"]),
    ]
