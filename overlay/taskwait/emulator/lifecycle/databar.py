"""Databar's lifecycle routes in the emulator: the task creators and the table run.

Enrichment, waterfall and flow runs (single and bulk) start a task polled at GET /v1/tasks/{id};
a bulk task's data is a list with one element per input, null for a miss. A table run answers
`{"status": "queued", "processing_rows": N}` and no task id. Databar has no cancel (LIFECYCLE).
Sources: docs.databar.ai/api-reference/endpoint/<page>; databar-ai/databar-python@7faa6ab.
"""

from __future__ import annotations

import random
import threading
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..env import Env
from . import databar_checks as checks

__all__ = ["routes"]

Checks = Callable[[dict[str, Any]], list[checks.Problem]]
Result = Callable[[dict[str, Any], str], Any]  # (request body, path value) -> the finished task's data


@attrs.define
class _State:
    """Per-app state: the seeded source of task ids (UUIDs, as the run pages show)."""

    rng: random.Random
    lock: threading.Lock = attrs.field(factory=threading.Lock)

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


def _waterfall_data(body: dict[str, Any], identifier: str) -> Any:
    return {"waterfall": identifier, "provider": body["enrichments"][0], "input": body["params"]}


def _waterfall_bulk_data(body: dict[str, Any], identifier: str) -> Any:
    first = body["enrichments"][0]
    return [{"waterfall": identifier, "provider": first, "input": p} if _found(p) else None for p in body["params"]]


def _flow_data(body: dict[str, Any], flow_id: str) -> Any:
    return {"flow_id": flow_id, "inputs": body["inputs"]}


def _enrichment_checks(bulk: bool) -> Checks:
    def check(body: dict[str, Any]) -> list[checks.Problem]:
        params = checks.bulk_params(body, checks.MAX_BULK) if bulk else checks.single_params(body)
        return checks.required(body, "params") + params + checks.pagination(body)

    return check


def _waterfall_checks(bulk: bool) -> Checks:
    def check(body: dict[str, Any]) -> list[checks.Problem]:
        params = checks.bulk_params(body, None) if bulk else checks.single_params(body)
        return (checks.required(body, "params", "enrichments") + params + checks.enrichments(body)
                + checks.email_verifier(body))  # fmt: skip

    return check


def _flow_checks(body: dict[str, Any]) -> list[checks.Problem]:
    return checks.required(body, "inputs") + checks.flow_inputs(body)


def _table_checks(body: dict[str, Any]) -> list[checks.Problem]:
    return checks.run_strategy(body) + checks.row_ids(body)


def routes(env: Env) -> list[Route]:
    """The routes of Databar's async work besides get-task."""
    state = _State(random.Random(f"{env.store.seed}:databar:task-ids"))

    async def validated(request: Request, path_problems: list[checks.Problem],
                        check: Checks) -> tuple[dict[str, Any] | None, Response | None, dict[str, str]]:  # fmt: skip
        """(the body, or the answer to send instead, the gate's headers)."""
        refused, headers = await env.gate(request)
        if refused is not None:
            return None, refused, headers
        body, problems = checks.parse_body(await request.body())
        if body is not None:
            problems = check(body)
        if path_problems or problems:
            return None, env.json({"detail": path_problems + problems}, 422, headers), headers
        return body, None, headers

    def creator(path_name: str, check: Checks, result: Result, *,
                integer: bool = False) -> Callable[[Request], Awaitable[Response]]:  # fmt: skip
        async def handle(request: Request) -> Response:
            value = request.path_params[path_name]
            path_problems = checks.integer_path(path_name, value) if integer else []
            body, answer, headers = await validated(request, path_problems, check)
            if body is None:
                assert answer is not None
                return answer
            task_id = state.task_id()
            env.create(task_id, data=result(body, value))
            return env.json({"task_id": task_id, "status": "processing"}, 200, headers)

        return handle

    async def table_run(request: Request) -> Response:
        table_uuid = request.path_params["table_uuid"]
        body, answer, headers = await validated(request, checks.uuid_path("table_uuid", table_uuid), _table_checks)
        if body is None:
            assert answer is not None
            return answer
        rows = body.get("row_ids")
        if rows is None:  # the table's size is not knowable offline: a stable draw per table
            low, high = env.store.created["databar"].total
            rows = range(random.Random(f"{env.store.seed}:databar:table:{table_uuid}").randint(low, high))
        return env.json({"status": "queued", "processing_rows": len(rows)}, 200, headers)

    p = env.prefix
    return [
        Route(f"{p}/v1/enrichments/{{enrichment_id}}/run", methods=["POST"],
              endpoint=creator("enrichment_id", _enrichment_checks(False), _enrichment_data, integer=True)),
        Route(f"{p}/v1/enrichments/{{enrichment_id}}/bulk-run", methods=["POST"],
              endpoint=creator("enrichment_id", _enrichment_checks(True), _enrichment_bulk_data, integer=True)),
        Route(f"{p}/v1/waterfalls/{{waterfall_identifier}}/run", methods=["POST"],
              endpoint=creator("waterfall_identifier", _waterfall_checks(False), _waterfall_data)),
        Route(f"{p}/v1/waterfalls/{{waterfall_identifier}}/bulk-run", methods=["POST"],
              endpoint=creator("waterfall_identifier", _waterfall_checks(True), _waterfall_bulk_data)),
        Route(f"{p}/v1/flows/{{flow_id}}/run", methods=["POST"], endpoint=creator("flow_id", _flow_checks, _flow_data)),
        Route(f"{p}/v1/table/{{table_uuid}}/run-enrichment/{{enrichment_id}}", table_run, methods=["POST"]),
    ]  # fmt: skip
