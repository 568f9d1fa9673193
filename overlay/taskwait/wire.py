"""From a task id to `Attempt`s, without doing I/O: request plans and answer classification.

A plan is a generator that yields the keyword arguments of the next request (built by the
generated `_get_kwargs`) and is sent back the `httpx.Response` or `httpx.HTTPError` it got;
its return value maps each task id to an `Attempt`. `drive` and `drive_async` run a plan
with the generated client's own httpx client, so the sync and async paths share every
decision. The generated parsers run here rather than inside `sync_detailed` so that an
unreadable body is a transient fault with its status code kept, not a lost response
(`_get_kwargs` and `_parse_response` are the generated module's own request builder and parser).
"""

from __future__ import annotations

import email.utils
import json
import math
import time
from collections.abc import Callable, Generator, Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

import attrs
import httpx

from .engine import Attempt, Fatal, Observed, Transient
from .errors import AuthenticationError, ProviderError, TaskNotFound, excerpt, redact
from .providers import Adapter, adapter_for
from .snapshot import TaskSnapshot
from .status import Status

__all__ = ["LIST_CHUNK", "Plan", "drive", "drive_async", "get_plan", "list_plan", "parse_retry_after", "secrets_of"]

Outcome = httpx.Response | httpx.HTTPError
Plan = Generator[dict[str, Any], Outcome, dict[str, Attempt]]
LIST_CHUNK = 100  # ids per multi-task request: keeps the URL short and a page whole
_ATTEMPTS = (Observed, Transient, Fatal)


def secrets_of(client: Any, adapter: Adapter) -> tuple[str, ...]:
    """The API key as it may show up in an answer: the token and the auth header's value."""
    found = {getattr(client, "token", "")}
    headers = getattr(client, "_headers", {})  # a plain Client may carry the key as a header
    for name, value in headers.items():
        if name.lower() == adapter.auth_header.lower():
            found |= {value, value.split(" ", 1)[-1]}
    return tuple(s for s in found if s)


def parse_retry_after(value: str | None, wall_now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        seconds = when.timestamp() - wall_now
    return max(0.0, seconds) if math.isfinite(seconds) else None


@attrs.frozen
class Context:
    """What classifying an answer needs besides the answer."""

    adapter: Adapter
    client: Any
    secrets: tuple[str, ...]
    wall_now: Callable[[], float]

    @classmethod
    def of(cls, client: Any) -> Context:
        """The context of one generated client: its adapter (TypeError for anything else) and its key."""
        adapter = adapter_for(client)
        return cls(adapter, client, secrets_of(client, adapter), time.time)


def _message(body: bytes, secrets: Sequence[str]) -> str:
    """The human part of an error body ({"detail"|"message"|"error": …}) or an excerpt, redacted."""
    try:
        data = json.loads(body)
    except ValueError:
        return excerpt(body, secrets)
    if isinstance(data, dict):
        for key in ("detail", "message", "error", "errors"):
            if data.get(key):
                value = data[key]
                text = value.get("message", value) if isinstance(value, dict) else value
                return redact(str(text), secrets)
    return excerpt(body, secrets)


def _read(ctx: Context, task_id: str, outcome: Outcome, parse: Callable[[httpx.Response], Any]) -> Any:
    """The parsed 200 body, or the `Attempt` an error answer amounts to."""
    name = ctx.adapter.name
    if isinstance(outcome, httpx.TimeoutException):
        return Transient(f"request timed out ({type(outcome).__name__})")
    if isinstance(outcome, httpx.HTTPError):
        return Transient(f"connection error ({type(outcome).__name__})")
    code = outcome.status_code
    if code == 200:
        try:
            return parse(outcome)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            return Transient(f"unreadable body ({type(exc).__name__})")
    message = _message(outcome.content, ctx.secrets)
    if code in (401, 403):
        text = f"{name} refused the API key (HTTP {code}) for task {task_id}: {message}"
        return Fatal(AuthenticationError(text, name, task_id, code))
    if code == 404:
        return Fatal(TaskNotFound(f"{name} has no task {task_id} (HTTP 404): {message}", name, task_id))
    if code == 429 or code == 408 or code >= 500:
        return Transient(f"HTTP {code}", parse_retry_after(outcome.headers.get("Retry-After"), ctx.wall_now()))
    body = excerpt(outcome.content, ctx.secrets)
    return Fatal(ProviderError(f"{name} answered HTTP {code} for task {task_id}: {body}", name, task_id, code, body))


def _observe(ctx: Context, task_id: str, model: Any) -> Attempt:
    snap = ctx.adapter.to_snapshot(task_id, model)
    if snap.error is not None:
        snap = attrs.evolve(snap, error=redact(snap.error, ctx.secrets))
    return Observed(snap)


def _single(ctx: Context, task_id: str, outcome: Outcome) -> Attempt:
    module = ctx.adapter.get_task

    def parse(response: httpx.Response) -> Any:
        parsed = module._parse_response(client=ctx.client, response=response)
        if not isinstance(parsed, ctx.adapter.model):
            raise TypeError(f"not a {ctx.adapter.model.__name__}")
        return parsed

    if isinstance(outcome, httpx.Response) and outcome.status_code == 410:  # Databar: results expired
        error = _message(outcome.content, ctx.secrets)
        return Observed(TaskSnapshot(ctx.adapter.name, task_id, Status.FAILED, "gone", error=error))
    result = _read(ctx, task_id, outcome, parse)
    return result if isinstance(result, _ATTEMPTS) else _observe(ctx, task_id, result)


def get_plan(ctx: Context, task_id: str) -> Plan:
    """One GET of one task."""
    outcome = yield ctx.adapter.get_task._get_kwargs(task_id)
    return {task_id: _single(ctx, task_id, outcome)}


def _next_offset(next_url: Any) -> int | None:
    """The offset of the next page, read from its URL (the URL itself is never requested)."""
    if not isinstance(next_url, str) or not next_url:
        return None
    values = parse_qs(urlsplit(next_url).query).get("offset")
    try:
        return int(values[0]) if values else None
    except ValueError:
        return None


def list_plan(ctx: Context, task_ids: Sequence[str]) -> Plan:
    """Many tasks through the multi-task endpoint, page by page; ids the list omits get a GET each."""
    module = ctx.adapter.list_tasks
    assert module is not None
    results: dict[str, Attempt] = {}
    for start in range(0, len(task_ids), LIST_CHUNK):
        chunk = list(task_ids[start : start + LIST_CHUNK])
        offset: int | None = 0
        while offset is not None:
            outcome = yield module._get_kwargs(task_ids=chunk, offset=offset, limit=len(chunk))
            page = _read(ctx, chunk[0], outcome, lambda r: module._parse_response(client=ctx.client, response=r))
            if isinstance(page, _ATTEMPTS) or not hasattr(page, "results"):
                failed = page if isinstance(page, Transient | Fatal) else Transient("unreadable list page")
                for task_id in chunk:
                    results.setdefault(task_id, failed)
                break
            for task in page.results:
                if str(task.id) in chunk and str(task.id) not in results:
                    results[str(task.id)] = _observe(ctx, str(task.id), task)
            next_offset = _next_offset(page.next_)
            offset = next_offset if next_offset is not None and next_offset > offset else None
    for task_id in task_ids:
        if task_id not in results:  # left out of the list: ask for it alone
            results |= yield from get_plan(ctx, task_id)
    return results


def drive(client: Any, plan: Plan) -> dict[str, Attempt]:
    """Run a plan with the client's sync httpx client."""
    http = client.get_httpx_client()
    try:
        request = next(plan)
        while True:
            try:
                outcome: Outcome = http.request(**request)
            except httpx.HTTPError as exc:
                outcome = exc
            request = plan.send(outcome)
    except StopIteration as stop:
        result: dict[str, Attempt] = stop.value
        return result


async def drive_async(client: Any, plan: Plan) -> dict[str, Attempt]:
    """Run a plan with the client's async httpx client."""
    http = client.get_async_httpx_client()
    try:
        request = next(plan)
        while True:
            try:
                outcome: Outcome = await http.request(**request)
            except httpx.HTTPError as exc:
                outcome = exc
            request = plan.send(outcome)
    except StopIteration as stop:
        result: dict[str, Attempt] = stop.value
        return result
