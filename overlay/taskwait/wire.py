"""From a unit's id to `Attempt`s, without doing I/O: request plans and answer classification.

A plan is a generator that yields the keyword arguments of the next request (built by the unit's
generated request builder, see `providers.base`) and is sent back the `Reply` it got (an
`httpx.Response` or an `httpx.HTTPError`); its return value maps each id to an `Attempt`.
`transport.drive` and `transport.drive_async` run a plan, so the sync and async paths share every
decision. Classification is pure: the answer and the clock (`Context.wall_now`) in, an attempt out.
"""

from __future__ import annotations

import email.utils
import json
import logging
import math
import time
from collections.abc import Callable, Generator, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

import attrs
import httpx

from .client import check_base_url, check_key
from .engine import Attempt, Fatal, Observed, Transient
from .errors import AuthenticationError, ProviderError, TaskNotFound, excerpt, redact
from .providers import Adapter, Read, Unit, adapter_for, plain
from .snapshot import TaskSnapshot
from .status import Status, normalize_status

if TYPE_CHECKING:
    from .providers import AnyClient

__all__ = [
    "LIST_CHUNK",
    "LIST_ID_BYTES",
    "Context",
    "Plan",
    "Reply",
    "cancel_plan",
    "get_plan",
    "list_plan",
    "parse_retry_after",
    "secrets_of",
]

log = logging.getLogger("taskwait")
Reply = httpx.Response | httpx.HTTPError  # what sending one request came to
Plan = Generator[dict[str, Any], Reply, dict[str, Attempt]]
LIST_CHUNK = 100  # ids per multi-task request: keeps the URL short and a page whole
LIST_ID_BYTES = 6144  # percent-encoded ids per multi-task request, under the 8 KiB request line servers take
_ATTEMPTS = (Observed, Transient, Fatal)


def secrets_of(client: AnyClient, adapter: Adapter) -> tuple[str, ...]:
    """The API key as it may show up in an answer: the token and the auth header's value."""
    found = {client.token if adapter.authenticates(client) else ""}
    # A plain Client may carry the key as a header: the generated client's field (attrs alias `headers`).
    for name, value in client._headers.items():
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
    client: AnyClient
    secrets: tuple[str, ...]
    wall_now: Callable[[], float]

    @classmethod
    def of(cls, client: AnyClient) -> Context:
        """The context of one generated client: its adapter (TypeError for anything else) and its key.

        A base URL or key that cannot work is a ConfigurationError here, before any request.
        """
        adapter = adapter_for(client)
        check_base_url(adapter.name, client._base_url)  # the generated client's field (attrs alias base_url)
        if adapter.authenticates(client):
            check_key(adapter.name, client.token)
        return cls(adapter, client, secrets_of(client, adapter), time.time)


def _message(body: bytes, secrets: Sequence[str]) -> str:
    """The human part of an error body ({"detail"|"message"|"error": …}) or an excerpt, redacted."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return excerpt(body, secrets)
    if isinstance(data, dict):
        for key in ("detail", "message", "error", "errors"):
            if data.get(key):
                value = data[key]
                text = value.get("message", value) if isinstance(value, dict) else value
                return redact(str(text), secrets)
    return excerpt(body, secrets)


def _read(ctx: Context, kind: str, task_id: str, reply: Reply, parse: Callable[[httpx.Response], object],
          ok: frozenset[int] = frozenset({200})) -> object:  # fmt: skip
    """The parsed body of a good answer, or the `Attempt` an error answer amounts to."""
    name = ctx.adapter.name
    if isinstance(reply, httpx.TimeoutException):
        return Transient(f"request timed out ({type(reply).__name__}: {reply})")
    if isinstance(reply, httpx.HTTPError):
        return Transient(f"connection error or unreadable answer ({type(reply).__name__})")
    code = reply.status_code
    if code in ok:
        try:
            return parse(reply)
        except Exception as exc:  # the generated parser on untrusted input: deep nesting, wrong types, ...
            return Transient(f"unreadable body ({type(exc).__name__})", status_code=code)
    message = _message(reply.content, ctx.secrets)
    if code in (401, 403):
        text = f"{name} refused the API key (HTTP {code}) for {kind} {task_id}: {message}"
        return Fatal(AuthenticationError(text, name, task_id, code))
    if code == 404:
        return Fatal(TaskNotFound(f"{name} has no {kind} {task_id} (HTTP 404): {message}", name, task_id))
    if code == 429 or code == 408 or code >= 500:
        retry_after = parse_retry_after(reply.headers.get("Retry-After"), ctx.wall_now())
        return Transient(f"HTTP {code}", retry_after, status_code=code)
    body = excerpt(reply.content, ctx.secrets)
    return Fatal(ProviderError(f"{name} answered HTTP {code} for {kind} {task_id}: {body}", name, task_id, code, body))


def _parse(ctx: Context, read: Read[object]) -> Callable[[httpx.Response], object]:
    """The read's generated parser, insisting on its documented model (anything else is unreadable)."""

    def parse(response: httpx.Response) -> object:
        parsed = read.parse(client=ctx.client, response=response)
        if not isinstance(parsed, read.model):
            raise TypeError(f"not a {read.model.__name__}")
        return parsed

    return parse


def _observe(ctx: Context, unit: Unit[Any, Any], task_id: str, model: object, extra: object = None) -> Attempt:
    """The snapshot in a parsed answer, unless the answer names another unit or cannot be read."""
    name = ctx.adapter.name
    try:
        about = plain(unit.id_of(model))
        if about is not None and str(about) != task_id:
            about = redact(str(about), ctx.secrets)[:100]
            log.warning("%s answered about %s %r when asked for %r: ignored", name, unit.kind, about, task_id)
            return Transient(f"the answer is about another {unit.kind} ({about!r})", status_code=200)
        fields = unit.fields(model, extra)
        raw = plain(fields.raw_status)
        raw = str(raw) if isinstance(raw, str | int | float) else None  # text; an enum member as its value
        status = normalize_status(name, raw, unit.kind)
    except Exception as exc:  # a model whose fields have types the adapter cannot read
        return Transient(f"unreadable body ({type(exc).__name__})", status_code=200)
    error = None if fields.error is None else redact(fields.error, ctx.secrets)
    return Observed(TaskSnapshot(name, task_id, status, raw, fields.data, error, fields.progress,
                                 raw=model, kind=unit.kind))  # type: ignore[arg-type]  # fmt: skip


def _gone(ctx: Context, unit: Unit[Any, Any], task_id: str, reply: Reply) -> Attempt | None:
    """Databar's 410: the results expired, a FAILED snapshot (no other provider documents 410)."""
    if isinstance(reply, httpx.Response) and reply.status_code == 410 and ctx.adapter.gone_on_410:
        error = _message(reply.content, ctx.secrets)
        return Observed(TaskSnapshot(ctx.adapter.name, task_id, Status.FAILED, "gone", error=error, kind=unit.kind))
    return None


def get_plan(ctx: Context, task_id: str, kind: str = "task") -> Plan:
    """One read of one unit (two for a unit that follows up: Lobstr run stats, an Openmart batch's ids)."""
    unit = ctx.adapter.unit(kind)
    reply = yield unit.read.request(task_id)
    gone = _gone(ctx, unit, task_id, reply)
    if gone is not None:
        return {task_id: gone}
    model = _read(ctx, kind, task_id, reply, _parse(ctx, unit.read), unit.read.ok)
    if isinstance(model, _ATTEMPTS):
        return {task_id: model}
    extra = None
    if unit.follow is not None and unit.follow.wanted(model):
        more = yield unit.follow.read.request(task_id)
        extra = _read(ctx, kind, task_id, more, _parse(ctx, unit.follow.read), unit.follow.read.ok)
        if isinstance(extra, Fatal | Transient):  # half an answer is no answer: the unit is read again
            return {task_id: extra}
    return {task_id: _observe(ctx, unit, task_id, model, extra)}


def cancel_plan(ctx: Context, task_id: str, kind: str = "task") -> Plan:
    """Stop one unit's work: its cancel operation, whose answer is the unit as the cancel left it; an answer
    saying the unit had already ended (Databar 409) is followed by a read of it, so its terminal snapshot
    comes back. The unit must have a cancel row (`Adapter.cancellable`)."""
    unit = ctx.adapter.unit(kind)
    assert unit.cancel is not None
    reply = yield unit.cancel.read.request(task_id)
    if isinstance(reply, httpx.Response) and reply.status_code in unit.cancel.finished:
        return (yield from get_plan(ctx, task_id, kind))
    gone = _gone(ctx, unit, task_id, reply)
    if gone is not None:
        return {task_id: gone}
    model = _read(ctx, kind, task_id, reply, _parse(ctx, unit.cancel.read), unit.cancel.read.ok)
    if isinstance(model, _ATTEMPTS):
        return {task_id: model}
    return {task_id: _observe(ctx, unit, task_id, model)}


def _page_failure(ctx: Context, task_id: str, reply: Reply, page: object) -> Attempt | None:
    """What a list page that could not be used means for one of the ids it carried (None: ask it alone)."""
    if not isinstance(page, _ATTEMPTS):
        return Transient("unreadable list page", status_code=200)
    attempt = _read(ctx, "task", task_id, reply, lambda r: None)
    if isinstance(attempt, Fatal) and isinstance(attempt.error, TaskNotFound):
        return None  # a 404 of the list says nothing about one task
    return attempt if isinstance(attempt, _ATTEMPTS) else Transient("unreadable list page")


def _next_offset(next_url: Any) -> int | None:
    """The offset of the next page, read from its URL (the URL itself is never requested)."""
    if not isinstance(next_url, str) or not next_url:
        return None
    values = parse_qs(urlsplit(next_url).query).get("offset")
    try:
        return int(values[0]) if values else None
    except ValueError:
        return None


def _chunks(task_ids: Sequence[str]) -> list[list[str]]:
    """The ids in request-sized lists: at most LIST_CHUNK ids and LIST_ID_BYTES of query each (one id always fits)."""
    chunks: list[list[str]] = []
    size = 0
    for task_id in task_ids:
        cost = len(quote(task_id, safe="")) + len("&task_ids=")
        if not chunks or len(chunks[-1]) >= LIST_CHUNK or size + cost > LIST_ID_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(task_id)
        size += cost
    return chunks


def list_plan(ctx: Context, task_ids: Sequence[str]) -> Plan:
    """Many tasks through the multi-task endpoint, page by page; ids the list omits get a GET each."""
    many, unit = ctx.adapter.many, ctx.adapter.unit("task")
    assert many is not None
    results: dict[str, Attempt] = {}
    for chunk in _chunks(task_ids):
        offset: int | None = 0
        while offset is not None:
            reply = yield many.request(task_ids=chunk, offset=offset, limit=len(chunk))
            page = _read(ctx, "task", chunk[0], reply, lambda r: many.parse(client=ctx.client, response=r))
            content = None if isinstance(page, _ATTEMPTS) else many.page(page)
            if content is None:
                for task_id in chunk:  # each id gets the page's failure under its own name
                    failure = _page_failure(ctx, task_id, reply, page)
                    if failure is not None and task_id not in results:
                        results[task_id] = failure
                break
            listed_units, next_url = content
            for task in listed_units:
                listed = str(plain(unit.id_of(task)))
                if listed in chunk and listed not in results:
                    results[listed] = _observe(ctx, unit, listed, task)
            next_offset = _next_offset(next_url)
            offset = next_offset if next_offset is not None and next_offset > offset else None
    for task_id in task_ids:
        if task_id not in results:  # left out of the list: ask for it alone
            results |= yield from get_plan(ctx, task_id)
    return results
