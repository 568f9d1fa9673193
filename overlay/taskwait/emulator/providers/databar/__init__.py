"""Databar in the emulator: its answer format, its routes (handlers in `handlers`, FastAPI-style 422 checks
in `checks`) and its limits (none documented). Sources: docs.databar.ai; databar==2.8.0.
"""

from __future__ import annotations

import random
from functools import partial
from typing import Any

from starlette.routing import Route

from ...base import Format, Provider, TaskView, detail, header_is
from ...env import Env
from . import handlers

__all__ = ["PROVIDER", "render", "routes"]


def render(t: TaskView) -> dict[str, Any]:
    """GET /v1/tasks/{task_id}."""
    body: dict[str, Any] = {"task_id": t.task_id, "request_id": t.task_id, "status": t.raw_status, "credits_spent": 0}
    if isinstance(t.data, list):
        return body | _bulk(t)
    if t.final and t.error is None:
        body |= {"data": t.data, "credits_spent": 12}
    if t.error is not None and t.final:
        body["error"] = t.error
    return body


def _bulk(t: TaskView) -> dict[str, Any]:
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


def routes(env: Env) -> list[Route]:
    """Databar's async work besides get-task."""
    state = handlers.State(env, random.Random(f"{env.store.seed}:databar:task-ids"))
    v1 = env.prefix + "/v1"
    creators = [
        Route(v1 + path, env.gated(partial(handlers.create, state, path_name=name, check=check, result=result,
                                           integer=integer)), methods=["POST"])
        for path, name, check, result, integer in handlers.CREATORS
    ]  # fmt: skip
    return [
        Route(v1 + "/tasks/{task_id}/cancel", env.gated(partial(handlers.cancel, state)), methods=["POST"]),
        Route(v1 + "/table/{table_uuid}/export", env.gated(partial(handlers.export, state)), methods=["GET", "POST"]),
        Route(v1 + "/table/{table_uuid}/run-enrichment/{enrichment_id}", env.gated(partial(handlers.table_run, state)),
              methods=["POST"]),
        *creators,
    ]  # fmt: skip


FORMAT = Format(
    "databar", "/v1/tasks/{task_id}", "", header_is("x-apikey"), (403, {"detail": "Forbidden"}),
    {"detail": "Not Found"},
    {"success": ("queued", "processing", "completed"), "failure": ("queued", "processing", "failed"),
     "cancel": ("queued", "processing", "cancelled")}, render, detail,
)  # fmt: skip
PROVIDER = Provider(FORMAT, routes)  # no rate limit documented
