"""Databar's lifecycle handlers: the task creators, cancel, the table run and table exports.

Enrichment, waterfall and flow runs (single and bulk) start a task polled at GET /v1/tasks/{id};
a bulk task's data is a list with one element per input, null for a miss, and it reports `progress`.
POST /v1/tasks/{id}/cancel stops a task (its finished rows kept, the rest refunded; 409 once terminal).
A table run answers `{"status": "queued", "processing_rows": N}` and no task id. A table export is
polled at GET /v1/table/{uuid}/export until it has a file. Sources: docs.databar.ai/api-reference/
endpoint/<page>; databar-ai/databar-python@7faa6ab; databar==2.8.0 databar/client.py (cancel_task,
run_flow_bulk, export_table, get_table_export, run_waterfall).
"""

from __future__ import annotations

import random
import threading
import uuid
from collections.abc import Callable
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import Response

from ...env import Env
from . import checks

__all__ = ["CREATORS", "State", "cancel", "create", "export", "table_run"]

Checks = Callable[[dict[str, Any]], list[checks.Problem]]
Result = Callable[[dict[str, Any], str], Any]  # (request body, path value) -> the finished task's data


@attrs.frozen
class _Export:
    """A table's latest export: written once `ready_at` (store clock) has passed."""

    file_id: int
    format: str
    ready_at: float


@attrs.define
class State:
    """Per-app state: the seeded source of task ids (UUIDs, as the run pages show) and the tables' exports."""

    env: Env
    rng: random.Random
    lock: threading.Lock = attrs.field(factory=threading.Lock)
    exports: dict[str, _Export] = attrs.field(factory=dict)

    def task_id(self) -> str:
        with self.lock:
            return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def _found(params: dict[str, Any]) -> bool:
    """An input with no value set is a miss: its element of a bulk result is null."""
    return any(v not in (None, "") for v in params.values())


def _enrichment_data(body: dict[str, Any], enrichment_id: str) -> Any:
    return {"enrichment_id": int(enrichment_id), "input": body["params"]}


def _enrichment_bulk_data(body: dict[str, Any], enrichment_id: str) -> Any:
    return [{"enrichment_id": int(enrichment_id), "input": p} if _found(p) else None for p in body["params"]]


def _provider(body: dict[str, Any]) -> Any:
    """The provider that found the data: the first asked for, or the default cascade's when none was."""
    return body["enrichments"][0] if body.get("enrichments") else "default"


def _waterfall_data(body: dict[str, Any], identifier: str) -> Any:
    return {"waterfall": identifier, "provider": _provider(body), "input": body["params"]}


def _waterfall_bulk_data(body: dict[str, Any], identifier: str) -> Any:
    first = _provider(body)
    return [{"waterfall": identifier, "provider": first, "input": p} if _found(p) else None for p in body["params"]]


def _flow_data(body: dict[str, Any], flow_id: str) -> Any:
    return {"flow_id": flow_id, "inputs": body["inputs"]}


def _flow_bulk_data(body: dict[str, Any], flow_id: str) -> Any:
    return [{"flow_id": flow_id, "inputs": i} if _found(i) else None for i in body["inputs"]]


def _enrichment_checks(bulk: bool) -> Checks:
    def check(body: dict[str, Any]) -> list[checks.Problem]:
        params = checks.bulk_params(body, checks.MAX_BULK) if bulk else checks.single_params(body)
        return checks.required(body, "params") + params + checks.pagination(body)

    return check


def _waterfall_checks(bulk: bool) -> Checks:
    def check(body: dict[str, Any]) -> list[checks.Problem]:
        params = checks.bulk_params(body, None) if bulk else checks.single_params(body)
        # `enrichments` may be left out: the default cascade (databar==2.8.0 client.py run_waterfall)
        return checks.required(body, "params") + params + checks.enrichments(body) + checks.email_verifier(body)

    return check


def _flow_checks(body: dict[str, Any]) -> list[checks.Problem]:
    return checks.required(body, "inputs") + checks.flow_inputs(body)


def _flow_bulk_checks(body: dict[str, Any]) -> list[checks.Problem]:
    return checks.required(body, "inputs") + checks.flow_bulk_inputs(body)


def _export_checks(body: dict[str, Any]) -> list[checks.Problem]:
    value = body.get("format", "csv")
    if isinstance(value, str):
        return []
    return [{"type": "string_type", "loc": ["body", "format"], "msg": "Input should be a valid string", "input": value}]


def _table_checks(body: dict[str, Any]) -> list[checks.Problem]:
    return checks.run_strategy(body) + checks.row_ids(body)


async def _validated(env: Env, request: Request, path_problems: list[checks.Problem], check: Checks, *,
                     optional: bool = False, headers: dict[str, str]) -> dict[str, Any] | Response:  # fmt: skip
    """The body, or the 422 answer to send instead; `optional`: no body is {}."""
    raw = await request.body()
    body, problems = ({}, []) if optional and not raw.strip() else checks.parse_body(raw)
    if body is not None:
        problems = check(body)
    if path_problems or problems:
        return env.json({"detail": path_problems + problems}, 422, headers)
    assert isinstance(body, dict)
    return body


async def create(state: State, request: Request, headers: dict[str, str], *, path_name: str, check: Checks,
                 result: Result, integer: bool = False) -> Response:  # fmt: skip
    """A task creator: checks the body (422 as FastAPI words it), then starts a task."""
    env, value = state.env, request.path_params[path_name]
    path_problems = checks.integer_path(path_name, value) if integer else []
    body = await _validated(env, request, path_problems, check, headers=headers)
    if isinstance(body, Response):
        return body
    task_id = state.task_id()
    data = result(body, value)  # a bulk run's total is its number of inputs
    env.create(task_id, data=data, **({"total": len(data)} if isinstance(data, list) else {}))
    return env.json({"task_id": task_id, "status": "processing"}, 200, headers)


# path below /v1, its path parameter, its checks, its finished data, whether the parameter is an integer
CREATORS: tuple[tuple[str, str, Checks, Result, bool], ...] = (
    ("/flows/{flow_id}/bulk-run", "flow_id", _flow_bulk_checks, _flow_bulk_data, False),
    ("/enrichments/{enrichment_id}/run", "enrichment_id", _enrichment_checks(False), _enrichment_data, True),
    ("/enrichments/{enrichment_id}/bulk-run", "enrichment_id", _enrichment_checks(True), _enrichment_bulk_data, True),
    ("/waterfalls/{waterfall_identifier}/run", "waterfall_identifier", _waterfall_checks(False), _waterfall_data,
     False),
    ("/waterfalls/{waterfall_identifier}/bulk-run", "waterfall_identifier", _waterfall_checks(True),
     _waterfall_bulk_data, False),
    ("/flows/{flow_id}/run", "flow_id", _flow_checks, _flow_data, False),
)  # fmt: skip


async def table_run(state: State, request: Request, headers: dict[str, str]) -> Response:
    env, table_uuid = state.env, request.path_params["table_uuid"]
    body = await _validated(env, request, checks.uuid_path("table_uuid", table_uuid), _table_checks, headers=headers)
    if isinstance(body, Response):
        return body
    rows = body.get("row_ids")
    if rows is None:  # the table's size is not knowable offline: a stable draw per table
        low, high = env.store.created["databar"].total
        rows = range(random.Random(f"{env.store.seed}:databar:table:{table_uuid}").randint(low, high))
    return env.json({"status": "queued", "processing_rows": len(rows)}, 200, headers)


async def cancel(state: State, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    view, ended = env.store.cancel("databar", request.path_params["task_id"])
    if view is None:
        return env.error(404, "Task not found", headers)
    if ended:
        return env.error(409, "Task has already reached a terminal status", headers)
    return env.json(env.fmt.render(view), 200, headers)


async def export(state: State, request: Request, headers: dict[str, str]) -> Response:
    """POST starts a table's export, GET reads the latest one."""
    env, table_uuid = state.env, request.path_params["table_uuid"]
    path_problems = checks.uuid_path("table_uuid", table_uuid)
    if request.method == "POST":
        body = await _validated(env, request, path_problems, _export_checks, optional=True, headers=headers)
        if isinstance(body, Response):
            return body
        with state.lock:
            file_id = 1000 + len(state.exports)
            low, high = env.store.created["databar"].duration
            ready_at = env.store.clock() + state.rng.uniform(low, high)
            state.exports[table_uuid] = _Export(file_id, str(body.get("format", "csv")), ready_at)
        return env.json({"status": "queued", "file_id": file_id, "file": None, "message": None}, 200, headers)
    if path_problems:
        return env.json({"detail": path_problems}, 422, headers)
    with state.lock:
        found = state.exports.get(table_uuid)
    if found is None:
        return env.error(404, "No export found for this table", headers)
    if env.store.clock() < found.ready_at:
        return env.json({"status": "processing", "file_id": found.file_id, "file": None, "message": None},
                        200, headers)  # fmt: skip
    url = f"https://files.databar.ai/exports/{found.file_id}.{found.format}"
    return env.json({"status": "completed", "file_id": found.file_id, "file": url, "message": None}, 200, headers)
