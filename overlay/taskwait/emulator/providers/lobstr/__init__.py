"""Lobstr in the emulator: its answer format, its routes (handlers in `handlers`, squids/tasks/runs in
`state`, their JSON in `views`) and its documented rate limits, one window per route family.

Create a squid, add (or upload) tasks, start a run: the run processes the squid's tasks, whose
GET /v1/tasks/{hash} answers move pending -> running -> completed | failed; the run goes
pending -> running -> done, or aborted. Sources: lobstrio/docs @ 70d065b docs/<page>.mdx
(rate-limiting.mdx for the limits and the X-RateLimit-* headers).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...base import Created, Format, Limit, Provider, TaskView, header_is, iso
from ...env import Env
from . import handlers as h
from .state import LobstrState

__all__ = ["LIMITS", "PROVIDER", "error", "render", "routes"]

# rate-limiting.mdx "Endpoint-Specific Limits"; every answer carries X-RateLimit-Limit, -Remaining and
# -Reset (the unix time its window resets), a 429 Retry-After (seconds).
LIMITS = (
    Limit(120, 60.0, "/v1/squids"),
    Limit(90, 60.0, "/v1/tasks"),
    Limit(90, 60.0, "/v1/runtasks"),
    Limit(120, 60.0, "/v1/runs"),  # a run's stats included
    Limit(2, 1.0, "/v1/results"),
)
LobstrHandler = Callable[[LobstrState, Request, dict[str, str]], Awaitable[Response]]


async def _answer(handler: LobstrHandler, state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    """The handler's answer, or its `Problem` in Lobstr's endpoint-page error shape."""
    try:
        return await handler(state, request, headers)
    except h.Problem as problem:
        return problem.response(headers)


def routes(env: Env) -> list[Route]:
    """Lobstr's async work besides get-task."""
    state = LobstrState(env, random.Random(f"{env.store.seed}:lobstr:ids"))
    v1 = env.prefix + "/v1"

    def route(path: str, handler: LobstrHandler, method: str) -> Route:
        return Route(v1 + path, env.gated(partial(_answer, handler, state)), methods=[method])

    return [
        route("/squids", h.create_squid, "POST"),
        route("/tasks", h.list_tasks, "GET"),
        route("/tasks", h.add_tasks, "POST"),
        route("/tasks/upload", h.upload_tasks, "POST"),
        route("/tasks/upload/{upload_task_id}", h.upload_status, "GET"),
        route("/tasks/{task_hash}", h.delete_task, "DELETE"),
        route("/runs", h.list_runs, "GET"),
        route("/runs", h.start_run, "POST"),
        route("/runs/{run_hash}", h.get_run, "GET"),
        route("/runs/{run_hash}/stats", h.get_run_stats, "GET"),
        route("/runs/{run_hash}/abort", h.abort_run, "POST"),
        route("/runs/{run_hash}/download", h.download_run, "GET"),
        route("/runtasks", h.list_run_tasks, "GET"),
        route("/results", h.list_results, "GET"),
        # the signed CSV URL: S3, not the API, so no key, no rate limit, no injected faults
        Route(env.prefix + "/exports/{run_hash}.csv", partial(h.export, state), methods=["GET"]),
    ]


def render(t: TaskView) -> dict[str, Any]:
    """GET /v1/tasks/{task_hash}."""
    own = t.data if isinstance(t.data, dict) else {}  # a task added through the API keeps its own fields
    running = t.raw_status != "pending"
    done_reason = {"completed": "completed", "aborted": "run_aborted", "failed": "error"}.get(t.raw_status)
    status = {
        "status": t.raw_status,
        "started_at": iso(t.created, zone=False) if running else None,
        "ended_at": own.get("ended_at", iso(t.created + dt.timedelta(seconds=1), zone=False)) if t.final else None,
        "is_done": t.final,
        "total_results": round(t.fraction * (t.total or 0)) if running else 0,
        "total_pages": 1 if running else 0,
        "done_reason": done_reason if t.final else None,
        "has_errors": t.error is not None and t.final,
        "errors": t.error if t.final else None,
    }
    params = own.get("params", {"url": "https://www.example.com/search?q=coffee"})
    return {"hash_value": t.task_id, "created_at": own.get("created_at", iso(t.created, zone=False)),
            "is_active": not t.final, "params": params, "module": 5, "object": "task", "status": status}  # fmt: skip


def error(status: int, message: str) -> dict[str, Any]:
    """Lobstr's endpoint-page error shape."""
    kind = {404: "not_found_error", 405: "invalid_request_error"}.get(status, "validation_error")
    return {"error": {"message": message, "type": kind, "param": None}}


FORMAT = Format(
    "lobstr", "/v1/tasks/{task_id}", "", header_is("authorization", "Token "), (401, {"detail": "Invalid token."}),
    {"error": {"message": "Task not found", "type": "not_found_error", "param": "task_hash"}},
    {"success": ("pending", "running", "completed"), "failure": ("pending", "running", "failed"),
     "cancel": ("pending", "running", "aborted")}, render, error,
    too_many={"error": "Rate limit exceeded. Please retry later.", "type": "RateLimitExceeded", "code": 429},
)  # fmt: skip
PROVIDER = Provider(FORMAT, routes, LIMITS, rate_headers=True, created=Created(failure_rate=0.05))
