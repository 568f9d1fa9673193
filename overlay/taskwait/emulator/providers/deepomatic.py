"""Deepomatic in the emulator: its answer format, its routes (five inference endpoints, each starting a
task; get-task and the multi-task list) and its limits (none documented).

An inference answers `{"task_id": "<numeric string>"}` at once; the task (served by the app's
get-task and multi-task routes) is `pending`, then `success` with the inference output in `data`
(recognition models: `outputs[0].labels.{predicted,discarded}`; raw networks: `tensors`), or `error`.
There is no cancel endpoint. Sources: docs.deepomatic.com/deepomatic-api-v0.7 (recognition-specification,
recognition-version, neural-networks, common-objects, inference-output) and the official client.
"""

from __future__ import annotations

import re
import threading
from functools import partial
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..base import Created, Format, Provider, TaskView, detail, header_is, iso
from ..env import Env

__all__ = ["FIRST_TASK_ID", "PROVIDER", "render", "routes"]

FIRST_TASK_ID = 269999729  # the docs' example task id; later ones count up from it
_ID = re.compile(r"[0-9]+")  # private specs, versions and networks have integer ids
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")  # public models are named by a slug
_SOURCE = re.compile(r"(https?://\S+|data:image/[A-Za-z0-9.+*-]+;(base64|binary),.+)", re.DOTALL)
# (label_id, label_name, score, threshold): what every emulated recognition model "sees"
_HYPOTHESES = ((207, "golden retriever", 0.952849746, 0.025), (208, "Labrador retriever", 0.018831121, 0.025),
               (222, "kuvasz", 0.004918532, 0.025))  # fmt: skip
_FAILURE = "Could not process input 0: the image could not be read."
# (path below /v0.7, its path parameter, named by a public name?, a raw network answering tensors?)
_ROUTES = (
    ("/recognition/specs/{spec_id}/inference", "spec_id", False, False),
    ("/recognition/public/{spec_name}/inference", "spec_name", True, False),
    ("/recognition/versions/{version_id}/inference", "version_id", False, False),
    ("/networks/{network_id}/inference", "network_id", False, True),
    ("/networks/public/{network_name}/inference", "network_name", True, True),
)


@attrs.define
class State:
    """Numeric task ids, as the real API hands them out; one counter per app."""

    env: Env
    next_id: int = FIRST_TASK_ID
    lock: threading.Lock = attrs.field(factory=threading.Lock)

    def take(self) -> str:
        env = self.env
        with self.lock:
            while env.store.exists(env.fmt.name, str(self.next_id)):
                self.next_id += 1
            self.next_id += 1
            return str(self.next_id - 1)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _image_problem(where: str, image: Any) -> str | None:
    if not isinstance(image, dict):
        return f"{where}.image: This field is required."
    source = image.get("source")
    if not isinstance(source, str) or not source:
        return f"{where}.image.source: This field is required."
    if not _SOURCE.fullmatch(source):
        return f"{where}.image.source: expected a URL or data:image/{{format}};base64,<content>."
    bbox = image.get("bbox")
    if bbox is not None and not (isinstance(bbox, dict) and all(_is_number(bbox.get(k)) for k in
                                                                 ("xmin", "ymin", "xmax", "ymax"))):  # fmt: skip
        return f"{where}.image.bbox: xmin, ymin, xmax and ymax must be numbers."
    polygon = image.get("polygon")
    if polygon is not None and not (isinstance(polygon, list) and len(polygon) >= 3 and all(
            isinstance(p, dict) and _is_number(p.get("x")) and _is_number(p.get("y")) for p in polygon)):  # fmt: skip
        return f"{where}.image.polygon: expected at least 3 points with numeric x and y."
    if not isinstance(image.get("crop_uniform_background", False), bool):
        return f"{where}.image.crop_uniform_background: Must be a valid boolean."
    return None


def _problem(body: Any) -> str | None:
    """What is wrong with an inference request body (DRF-style message), or None."""
    if not isinstance(body, dict):
        return f"Invalid data. Expected a dictionary, but got {type(body).__name__}."
    inputs = body.get("inputs")
    if inputs is None:
        return "inputs: This field is required."
    if not isinstance(inputs, list):
        return f'inputs: Expected a list of items but got type "{type(inputs).__name__}".'
    if not inputs:
        return "inputs: Ensure this field has at least 1 elements."
    for i, item in enumerate(inputs):
        image = item.get("image") if isinstance(item, dict) else None
        if (problem := _image_problem(f"inputs[{i}]", image)) is not None:
            return problem
    if not isinstance(body.get("show_discarded", False), bool):
        return "show_discarded: Must be a valid boolean."
    limit = body.get("max_predictions")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        return "max_predictions: Ensure this value is a positive integer."
    return None


def _labels(show_discarded: bool, max_predictions: int | None) -> dict[str, Any]:
    """A recognition model's inference output: hypotheses above their threshold are predicted."""

    def row(label_id: int, name: str, score: float, threshold: float) -> dict[str, Any]:
        return {"threshold": threshold, "label_id": label_id, "score": score, "label_name": name}

    predicted = [row(*h) for h in _HYPOTHESES if h[2] >= h[3]][:max_predictions]
    discarded = [row(*h) for h in _HYPOTHESES if h[2] < h[3]][:max_predictions] if show_discarded else []
    return {"outputs": [{"labels": {"predicted": predicted, "discarded": discarded}}]}


def _tensors(count: int) -> dict[str, Any]:
    """A raw network's output, as the official client reshapes it: one row of scores per input."""
    scores = [s for _ in range(count) for _, _, s, _ in _HYPOTHESES]
    return {"tensors": [{"name": "prob", "shape": [count, len(_HYPOTHESES)], "data": scores}]}


async def _read(env: Env, request: Request, headers: dict[str, str]) -> tuple[dict[str, Any] | None, Response | None]:
    """(the JSON body, or {} for a multipart one), or the error answer: 415 for forms, 400 for bad JSON."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await request.body()
    if media.startswith("multipart/"):  # binary and file inputs: accepted, not parsed (left out of the spec)
        return ({}, None) if raw else (None, env.error(400, "inputs: This field is required.", headers))
    if media not in ("", "application/json"):
        return None, env.error(415, f'Unsupported media type "{media}" in request.', headers)
    if not raw.strip():
        return None, env.error(400, "inputs: This field is required.", headers)
    try:
        body = await env.body(request)
    except ValueError as exc:
        return None, env.error(400, f"JSON parse error - {exc}", headers)
    if (problem := _problem(body)) is not None:
        return None, env.error(400, problem, headers)
    return body, None


async def inference(state: State, request: Request, headers: dict[str, str], *, param: str, public: bool,
                    tensors: bool) -> Response:  # fmt: skip
    """An inference route: starts a task that get-task and list-tasks then serve."""
    env = state.env
    if not (_NAME if public else _ID).fullmatch(request.path_params[param]):
        return env.error(404, "Not found.", headers)
    body, error = await _read(env, request, headers)
    if body is None:
        assert error is not None
        return error
    multipart = "inputs" not in body
    count = 1 if multipart else len(body["inputs"])
    show, limit = bool(body.get("show_discarded")), body.get("max_predictions")
    data = _tensors(count) if tensors else _labels(show, limit)
    script = env.create(state.take(), data=data)
    if script.fate == "failure":  # the store's generic message, replaced by one like the API's
        env.store.add(attrs.evolve(script, error=_FAILURE))
    return env.json({"task_id": script.task_id}, 200, headers)


def routes(env: Env) -> list[Route]:
    """The five inference routes."""
    state = State(env)
    return [Route(f"{env.prefix}/v0.7{path}", methods=["POST"],
                  endpoint=env.gated(partial(inference, state, param=param, public=public, tensors=tensors)))
            for path, param, public, tensors in _ROUTES]  # fmt: skip


def render(t: TaskView) -> dict[str, Any]:
    """GET /v0.7/tasks/{task_id}, and each element of GET /v0.7/tasks?task_ids=..."""
    return {"id": t.task_id, "status": t.raw_status, "error": t.error if t.final else None,
            "date_created": iso(t.created), "date_updated": iso(t.created) if t.final else None,
            "data": t.data if t.final and t.error is None else None, "subtasks": None}  # fmt: skip


FORMAT = Format(
    "deepomatic", "/v0.7/tasks/{task_id}", "", header_is("x-api-key"), (401, {"detail": "Invalid API key."}),
    {"detail": "Not found."}, {"success": ("pending", "success"), "failure": ("pending", "error")}, render, detail,
    list_path="/v0.7/tasks",
)  # fmt: skip
PROVIDER = Provider(FORMAT, routes, created=Created(duration=(0.1, 0.4), failure_rate=0.05))  # no limit documented
