"""Lobstr's handlers in the emulator: squids, tasks, uploads, runs, run tasks, results, exports.

Create a squid, add (or upload) tasks, start a run: the run processes the squid's tasks, whose
GET /v1/tasks/{hash} answers move pending -> running -> completed | failed; the run goes
pending -> running -> done, or aborted. Results grow with the tasks' `total_results`; a finished
run's download URL points back at this emulator (a signed, key-less CSV, like Lobstr's S3 links).
Sources: lobstrio/docs @ 70d065b docs/<page>.mdx; errors in the endpoint pages' shape
`{"error": {"message", "type", "param"}}`.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import hashlib
import re
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...env import Env
from .state import LobstrState, Run, Squid, iso
from .views import DEFAULT_LIMIT, page, result_rows, results_csv, run_body, run_stats, run_task

__all__ = [
    "Problem", "abort_run", "add_tasks", "create_squid", "delete_task", "download_run", "export", "get_run",
    "get_run_stats", "list_results", "list_run_tasks", "list_runs", "list_tasks", "start_run", "upload_status",
    "upload_tasks",
]  # fmt: skip

HASH = re.compile(r"^[0-9a-f]{32}$")


class Problem(Exception):
    """An error answer in Lobstr's endpoint-page shape."""

    def __init__(self, status: int, message: str, param: str | None) -> None:
        super().__init__(message)
        self.status, self.message, self.param = status, message, param

    def response(self, headers: dict[str, str]) -> Response:
        kind = "not_found_error" if self.status == 404 else "validation_error"
        body = {"error": {"message": self.message, "type": kind, "param": self.param}}
        return JSONResponse(body, self.status, headers)


def _missing(param: str) -> Problem:
    return Problem(400, f"A required parameter {param} is missing from the route.", param)


async def json_body(env: Env, request: Request) -> dict[str, Any]:
    try:
        body = await env.body(request)
    except ValueError as exc:
        raise Problem(400, str(exc), None) from None
    if not isinstance(body, dict):
        raise Problem(400, "the request body must be a JSON object", None)
    return body


def text(source: dict[str, Any] | Request, name: str) -> str:
    value = source.query_params.get(name) if isinstance(source, Request) else source.get(name)
    if not isinstance(value, str) or not value:
        raise _missing(name)
    return value


def squid_of(state: LobstrState, squid_id: str, param: str = "squid") -> Squid:
    squid = state.squids.get(squid_id)
    if squid is None:
        raise Problem(404, "Squid not found", param)
    state.settle(squid)
    return squid


def run_of(state: LobstrState, request: Request, param: str = "run_hash") -> Run:
    run_id = request.path_params.get(param) or text(request, param)
    run = state.runs.get(run_id)
    if run is None:
        raise Problem(404, "Run not found", param)
    return run


def paged(env: Env, request: Request, items: list[Any], headers: dict[str, str]) -> Response:
    numbers = {}
    for name, default in (("page", 1), ("limit", DEFAULT_LIMIT)):
        raw = request.query_params.get(name, request.query_params.get("page_size") if name == "limit" else None)
        try:
            numbers[name] = int(raw) if raw is not None else default
        except ValueError:
            raise Problem(400, f"{name} must be an integer", name) from None
        if numbers[name] < 1:
            raise Problem(400, f"{name} must be 1 or more", name)
    return env.json(page(request.url, items, numbers["page"], numbers["limit"]), 200, headers)


async def create_squid(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    body = await json_body(env, request)
    crawler = text(body, "crawler")
    if not HASH.match(crawler):
        raise Problem(404, "Crawler not found", "crawler")
    name = body.get("name")
    if name is not None and not isinstance(name, str):
        raise Problem(400, "name must be a string", "name")
    same = sum(s.crawler == crawler for s in state.squids.values())
    squid = Squid(state.new_id(), crawler, name or f"Crawler {crawler[:6]} ({same + 1})",
                  iso(dt.datetime.now(dt.UTC), micro=False, zone=True))  # fmt: skip
    state.squids[squid.id] = squid
    return env.json(squid.body(), 200, headers)


async def add_tasks(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    body = await json_body(env, request)
    squid = squid_of(state, text(body, "squid"))
    tasks = body.get("tasks")
    if not isinstance(tasks, list) or not tasks or not all(isinstance(t, dict) and t for t in tasks):
        message = "Invalid task parameters. Each task must contain required fields for the crawler."
        raise Problem(400, message, "tasks")
    added = [(task_id, params) for params in tasks if (task_id := state.add_task(squid, params)) is not None]
    created = {t: state.task_created_at(t) for t, _ in added}
    answer = [{"id": t, "object": "task", "created_at": created[t], "is_active": True, "params": p,
               "module": squid.crawler} for t, p in added]  # fmt: skip
    return env.json({"duplicated_count": len(tasks) - len(added), "tasks": answer}, 200, headers)


async def upload_tasks(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        raise Problem(400, "Send the file as multipart/form-data", "file")
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + await request.body())
    parts = {}
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        parts[part.get_param("name", header="content-disposition")] = payload if isinstance(payload, bytes) else b""
    if "file" not in parts:
        raise _missing("file")
    squid = squid_of(state, parts.get("squid", b"").decode("utf-8", "replace") or "")
    try:
        content = parts["file"].decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Problem(400, "File encoding could not be recognized", "file") from None
    upload = state.upload(squid, content)
    return env.json({"id": upload.id, "object": "task_upload"}, 200, headers)


async def upload_status(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    found = state.uploads.get(request.path_params["upload_task_id"])
    if found is None:
        raise Problem(404, "Upload task not found", "upload_task_id")
    squid_id, upload = found
    if (squid := state.squids.get(squid_id)) is not None:
        state.settle(squid)
    current = upload.state(state.now())
    body = {"id": upload.id, "object": "task_upload", "state": current, "meta": upload.meta}
    return env.json(body, 200 if current in ("SUCCESS", "FAILURE") else 202, headers)


async def list_tasks(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    squid = squid_of(state, text(request, "squid"))
    items = [{"id": t, "created_at": state.task_created_at(t), "is_active": True, "params": p}
             for t, p in squid.tasks.items()]  # fmt: skip
    return paged(env, request, items, headers)


async def delete_task(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    task_id = request.path_params["task_hash"]
    if not env.store.discard("lobstr", task_id):
        raise Problem(404, "Task not found", "task_hash")
    state.delete_task(task_id)
    return env.json({"id": task_id, "object": "task", "deleted": True}, 200, headers)


async def start_run(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    squid = squid_of(state, text(await json_body(env, request), "squid"))
    if state.active_run(squid) is not None:
        raise Problem(400, "A run is already active for this squid", "squid")
    return env.json(run_body(state, state.start_run(squid)), 200, headers)


async def list_runs(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    squid = squid_of(state, text(request, "squid"))
    runs = [run_body(state, r) for r in reversed(state.runs.values()) if r.squid == squid.id]
    return paged(env, request, runs, headers)


async def get_run(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    return env.json(run_body(state, run_of(state, request), text_duration=True), 200, headers)


async def get_run_stats(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    return env.json(run_stats(state, run_of(state, request)), 200, headers)


async def abort_run(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    run = state.runs.get(request.path_params["run_hash"])
    if run is None or state.ended(run):
        raise Problem(404, "Run not found or already completed", "run_hash")
    state.abort(run)
    return env.json(run_body(state, run, aborting=True), 200, headers)


async def download_run(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    run = state.runs.get(request.path_params["run_hash"])
    if run is None or not state.ended(run):
        raise Problem(404, "Run not found or export not ready", "run_hash")
    expires = int(time.time()) + 3600
    url = request.url.replace(path=f"{env.prefix}/exports/{run.id}.csv", query="")
    signed = url.include_query_params(Expires=expires, Signature=signature(state, run.id, expires))
    return env.json({"s3": str(signed)}, 200, headers)


async def list_run_tasks(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    run = run_of(state, request, "run")
    return paged(env, request, [run_task(run, t, v) for t, v in state.views(run).items()], headers)


async def list_results(state: LobstrState, request: Request, headers: dict[str, str]) -> Response:
    env = state.env
    squid_id, run_id = request.query_params.get("squid"), request.query_params.get("run")
    if bool(squid_id) == bool(run_id):
        message = "You must provide either 'squid' or 'run' parameter, not both or neither"
        raise Problem(400, message, "squid,run")
    task = request.query_params.get("task")
    if run_id:
        rows = result_rows(state, run_of(state, request, "run"), task)
    else:
        squid = squid_of(state, squid_id or "")
        rows = [row for r in state.runs.values() if r.squid == squid.id for row in result_rows(state, r, task)]
    return paged(env, request, rows, headers)


def signature(state: LobstrState, run_id: str, expires: int) -> str:
    return hashlib.sha256(f"{state.env.store.seed}:{run_id}:{expires}".encode()).hexdigest()[:40]


async def export(state: LobstrState, request: Request) -> Response:
    """The signed CSV URL: S3, not the API, so no key, no rate limit, no injected faults."""
    run = state.runs.get(request.path_params["run_hash"])
    expires = request.query_params.get("Expires", "")
    ok = expires.isdigit() and int(expires) >= time.time() and run is not None
    if not ok or request.query_params.get("Signature") != signature(state, run.id if run else "", int(expires or 0)):
        xml = "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code></Error>"
        return Response(xml, 403, media_type="application/xml")
    assert run is not None
    filename = f"attachment; filename={run.squid}_{run.id}.csv"
    return Response(results_csv(result_rows(state, run)), 200, {"Content-Disposition": filename},
                    media_type="text/csv")  # fmt: skip
