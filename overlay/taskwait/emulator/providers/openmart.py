"""Openmart in the emulator: its answer format, its routes (batch submits, batch status and a batch's
task ids; get-task at /api/v1/task/{id}) and its limits (none documented).

A submit waits `store.timing.openmart_submit_delay` seconds (the real routes sleep about 26 s, even
for an invalid body), checks the JSON array of 1-100 tasks, then starts one task per element; the
batch's counts and task ids follow its tasks' statuses as they unfold (read with `store.peek`).
Error wordings other than the two documented ones ("the number of tasks...", "Domain is required")
are the emulator's own.
"""

from __future__ import annotations

import random
import threading
import uuid
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import anyio
import attrs
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..base import Format, Provider, TaskView, detail
from ..env import Env

__all__ = ["PROVIDER", "render", "routes"]

PROVIDER_NAME = "openmart"
BATCH_SIZE = "the number of tasks in each batch should be between 1 and 100"
STATUSES = ("PROCESSING", "COMPLETED", "ERRORED", "CANCELLED")
INFO_ACCESS = frozenset({"EMAIL", "PHONE"})
FIRST_NAMES = ("Jane", "Karl", "Maya", "Omar", "Lena", "Tomas", "Aiko", "Priya")
LAST_NAMES = ("Doe", "Strovink", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Rao", "Silva")
MAILBOXES = ("info", "support", "sales", "hello", "contact")

Task = dict[str, Any]
Check = Callable[[Task], str | None]  # a task's first problem, or None
Result = Callable[[Task, random.Random], list[dict[str, Any]]]  # a completed task's `data`


def _filled(task: Task, field: str) -> bool:
    value = task.get(field)
    return isinstance(value, str) and value.strip() != ""


def _requires(*fields: tuple[str, str]) -> Check:
    """A check that each (field, message) is a non-blank string, in order."""

    def check(task: Task) -> str | None:
        return next((message for field, message in fields if not _filled(task, field)), None)

    return check


def _common(task: Task) -> str | None:
    """Checks shared by the routes: a domain first (documented), then optional fields' values."""
    if not _filled(task, "domain"):
        return "Domain is required"
    access = task.get("info_access", [])
    if not isinstance(access, list) or not set(access) <= INFO_ACCESS:
        return "info_access values must be EMAIL or PHONE"
    max_k = task.get("max_k", 1)
    if isinstance(max_k, bool) or not isinstance(max_k, int) or not 1 <= max_k <= 8:
        return "max_k must be between 1 and 8"
    return None


def _people(task: Task) -> str | None:
    people = task.get("people")
    if not isinstance(people, list) or not 1 <= len(people) <= 8:
        return "people should have between 1 and 8 entries"
    if not all(isinstance(p, dict) and _filled(p, "first_name") and _filled(p, "last_name") for p in people):
        return "first_name and last_name are required for each person"
    return None


def _domain(task: Task) -> str:
    text = str(task["domain"]).strip().lower().removeprefix("@").removeprefix("https://").removeprefix("http://")
    return text.removeprefix("www.").split("/")[0]


def _contact(first: str, last: str, task: Task, rng: random.Random) -> dict[str, Any]:
    """Email and phones of one person, as far as `info_access` asks (email only by default)."""
    access = task.get("info_access") or ["EMAIL"]
    email = {"email": f"{first.lower()}.{last.lower()}@{_domain(task)}", "verified": rng.random() < 0.8}
    phones = [f"+1 415-555-{rng.randint(100, 9999):04d}"] if "PHONE" in access else []
    return {"email": email if "EMAIL" in access else None, "phones": phones}


def _found_people(task: Task, rng: random.Random) -> list[dict[str, Any]]:
    people = []
    for _ in range(task.get("max_k", 1)):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        people.append({"first_name": first, "last_name": last, "title": task["title"],
                       **_contact(first, last, task, rng),
                       "linkedin_url": f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}"})  # fmt: skip
    return people


def _known_people(task: Task, rng: random.Random) -> list[dict[str, Any]]:
    return [{"first_name": p["first_name"], "last_name": p["last_name"], "linkedin_url": p.get("linkedin_url"),
             **_contact(p["first_name"], p["last_name"], task, rng)} for p in task["people"]]  # fmt: skip


def _tech(task: Task, rng: random.Random) -> list[dict[str, Any]]:
    return [{"domain": _domain(task), "tech_type": task["tech_type"], "detected": rng.random() < 0.6}]


def _mailboxes(task: Task, rng: random.Random) -> list[dict[str, Any]]:
    boxes = rng.sample(MAILBOXES, rng.randint(1, 3))
    return [{"email": f"{box}@{_domain(task)}", "status": rng.choice(("valid", "valid", "risky"))} for box in boxes]


# route name -> (extra checks after the shared ones, what a completed task's data looks like)
KINDS: dict[str, tuple[Check, Result]] = {
    "find_people": (_requires(("title", "Title is required")), _found_people),
    "find_tech": (_requires(("tech_type", "Tech type is required")), _tech),
    "lookup_people": (_people, _known_people),
    "lookup_business_email": (_requires(("company_name", "Company name is required")), _mailboxes),
}


def _problem(body: Any, check: Check) -> str | None:
    """What is wrong with a submitted body, in the order the server checks it; None if nothing."""
    if not isinstance(body, list):
        return "the request body must be a JSON array of task objects"
    if not 1 <= len(body) <= 100:
        return BATCH_SIZE
    for task in body:
        if not isinstance(task, dict):
            return "each task must be a JSON object"
        if (message := _common(task) or check(task)) is not None:
            return message
    return None


@attrs.frozen
class _Batch:
    submit_for: str
    task_ids: tuple[str, ...]


@attrs.define
class State:
    """The batches of one app, and the seeded source of their uuid-shaped batch and task ids."""

    env: Env
    _batches: dict[str, _Batch] = attrs.field(factory=dict)
    _lock: threading.Lock = attrs.field(factory=threading.Lock)
    _rng: random.Random = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self._rng = random.Random(f"{self.env.store.seed}:{PROVIDER_NAME}:ids")

    def new_id(self) -> str:
        with self._lock:
            return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def add(self, batch_id: str, batch: _Batch) -> None:
        with self._lock:
            self._batches[batch_id] = batch

    def statuses(self, batch_id: str) -> list[tuple[str, str]] | None:
        """(task id, raw status) of each task of the batch; None if there is no such batch (or a reset lost it)."""
        with self._lock:
            batch = self._batches.get(batch_id)
        if batch is None:
            return None
        views = [self.env.store.peek(PROVIDER_NAME, task_id) for task_id in batch.task_ids]
        return [(v.task_id, v.raw_status) for v in views if v is not None] if all(views) else None


async def submit(state: State, request: Request, headers: dict[str, str], *, kind: str) -> Response:
    """POST /api/v1/task/batch/{kind}: one task per element of the JSON array."""
    env, (check, result) = state.env, KINDS[kind]
    await anyio.sleep(env.store.timing.openmart_submit_delay)  # the real route sleeps ~26 s first
    try:
        body = await env.body(request)
    except ValueError as exc:
        return env.error(400, str(exc), headers)
    if (problem := _problem(body, check)) is not None:
        return env.error(400, problem, headers)
    task_ids = []
    for task in body:
        task_id = state.new_id()
        tracking = task.get("tracking_id")  # echoed back on the task (OM get-task-results)
        env.create(task_id, data=result(task, random.Random(f"{env.store.seed}:{PROVIDER_NAME}:data:{task_id}")),
                   tracking_id=tracking if isinstance(tracking, str) else None)  # fmt: skip
        task_ids.append(task_id)
    batch_id = state.new_id()
    state.add(batch_id, _Batch(kind, tuple(task_ids)))
    return env.json({"batch_id": batch_id, "submit_for": kind, "status": {"batch_ready": False}}, 200, headers)


async def batch_status(state: State, request: Request, headers: dict[str, str]) -> Response:
    found = state.statuses(request.path_params["batch_id"])
    if found is None:
        return state.env.error(404, "Batch not found", headers)
    raw = [status for _, status in found]
    counts = {name.lower(): raw.count(name) for name in ("PROCESSING", "COMPLETED", "ERRORED")}
    return state.env.json(counts | {"total": len(raw), "batch_ready": counts["processing"] == 0}, 200, headers)


async def task_ids(state: State, request: Request, headers: dict[str, str]) -> Response:
    wanted = request.query_params.get("status")
    if wanted is not None and wanted not in STATUSES:
        return state.env.error(400, f"status must be one of {', '.join(STATUSES)}", headers)
    found = state.statuses(request.path_params["batch_id"])
    if found is None:
        return state.env.error(404, "Batch not found", headers)
    return state.env.json([task_id for task_id, status in found if wanted in (None, status)], 200, headers)


def routes(env: Env) -> list[Route]:
    """Openmart's async work besides get-task."""
    state, base = State(env), f"{env.prefix}/api/v1/task/batch"
    return [
        Route(f"{base}/{kind}", env.gated(partial(submit, state, kind=kind)), methods=["POST"]) for kind in KINDS
    ] + [
        Route(base + "/{batch_id}/status", env.gated(partial(batch_status, state)), methods=["GET"]),
        Route(base + "/{batch_id}/task_ids", env.gated(partial(task_ids, state)), methods=["GET"]),
    ]


def render(t: TaskView) -> dict[str, Any]:
    """GET /api/v1/task/{task_id}."""
    return {"task_id": t.task_id, "status": t.raw_status, "tracking_id": t.tracking_id,
            "data": t.data if t.final and t.error is None else None}  # fmt: skip


def _authorized(headers: Mapping[str, str], key: str) -> bool:
    return headers.get("x-api-key") == key or headers.get("authorization") == f"Bearer {key}"


FORMAT = Format(
    PROVIDER_NAME, "/api/v1/task/{task_id}", "", _authorized, (401, {"detail": "Invalid API Key"}),
    {"detail": "Task not found"},
    {"success": ("PROCESSING", "COMPLETED"), "failure": ("PROCESSING", "ERRORED"),
     "cancel": ("PROCESSING", "CANCELLED")}, render, detail,
)  # fmt: skip
PROVIDER = Provider(FORMAT, routes)  # no rate limit documented
