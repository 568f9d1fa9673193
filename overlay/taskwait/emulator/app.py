"""The emulator's ASGI app: five providers under /<provider>, and an admin API under /_admin."""

from __future__ import annotations

import math
import time
from typing import Any

import anyio
import attrs
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from .env import Env, Gate
from .formats import FORMATS, Format
from .lifecycle import ROUTES
from .store import Faults, Store, TaskScript, from_json

__all__ = ["RateLimit", "create_app"]

LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT = 50, 100  # Deepomatic's page size is not documented: ours


class RateLimit:
    """Lobstr's fixed-window limit: `limit` requests a window, X-RateLimit-* on every answer."""

    def __init__(self, limit: int | None, window: float = 60.0) -> None:
        self.limit, self.window = limit, window
        self._start, self._count = time.time(), 0

    def take(self) -> tuple[bool, dict[str, str], float]:
        """(allowed, headers, seconds until the window resets)."""
        if self.limit is None:
            return True, {}, 0.0
        now = time.time()
        if now >= self._start + self.window:
            self._start, self._count = now, 0
        self._count += 1
        reset = self._start + self.window
        headers = {"X-RateLimit-Limit": str(self.limit), "X-RateLimit-Remaining": str(max(0, self.limit - self._count)),
                   "X-RateLimit-Reset": str(math.ceil(reset))}  # fmt: skip
        return self._count <= self.limit, headers, reset - now


class _Dropped(Response):
    """Starts an answer, then breaks the connection mid-body."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"512")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b'{"status": ', "more_body": True})
        raise ConnectionAbortedError("emulated dropped connection")


def _too_many(fmt: Format, retry_after: float, headers: dict[str, str]) -> Response:
    body: dict[str, Any] = {"detail": "Too many requests"}
    if fmt.name == "lobstr":
        body = {"error": "Rate limit exceeded. Please retry later.", "type": "RateLimitExceeded", "code": 429}
    # Whole seconds as HTTP says; a fraction is kept (an emulator liberty) so tests can wait briefly.
    seconds = max(0.0, retry_after)
    value = str(math.ceil(seconds)) if seconds >= 1 or seconds == 0 else f"{seconds:g}"
    return JSONResponse(body, 429, headers=headers | {"Retry-After": value})


async def _fault(kind: str, fmt: Format, faults: Faults, headers: dict[str, str]) -> Response | None:
    """The faulty answer of this kind; None for "slow", which only delays the real answer."""
    if kind == "429":
        return _too_many(fmt, faults.retry_after, headers)
    if kind in ("500", "502", "503"):
        return Response(f"<html><body>{kind} emulated</body></html>", int(kind), headers, media_type="text/html")
    if kind == "drop":
        return _Dropped()
    if kind == "malformed":
        return Response('{"status": "COMPL', 200, headers, media_type="application/json")
    if kind == "slow":
        await anyio.sleep(faults.slow_seconds)
    return None


def _strip_trailing_slash(app: ASGIApp) -> ASGIApp:
    """Serve `/path/` as `/path`: official clients differ on the slash (Deepomatic's always adds one),
    and the real services answer both; no 307 redirect, which some clients read as an empty answer."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and len(scope["path"]) > 1 and scope["path"].endswith("/"):
            scope = dict(scope, path=scope["path"].rstrip("/") or "/")
            raw = scope.get("raw_path")
            if raw is not None:
                scope["raw_path"] = raw.rstrip(b"/") or b"/"
        await app(scope, receive, send)

    return wrapped


def create_app(store: Store, api_key: str, lobstr_rate_limit: int | None = 90) -> ASGIApp:
    """The ASGI app serving `store`, accepting only `api_key`."""
    lobstr_limit = RateLimit(lobstr_rate_limit)

    def gate_for(fmt: Format) -> Gate:
        async def gate(request: Request) -> tuple[Response | None, dict[str, str]]:
            headers: dict[str, str] = {}
            if fmt.name == "lobstr":
                allowed, headers, wait = lobstr_limit.take()
                if not allowed:
                    return _too_many(fmt, wait, headers), headers
            if not fmt.authorized(request.headers, api_key):
                status, body = fmt.unauthorized
                return JSONResponse(body, status, headers), headers
            fault = store.server_fault()
            if fault is not None and (answer := await _fault(fault, fmt, store.faults, headers)) is not None:
                return answer, headers
            return None, headers

        return gate

    async def provider_call(request: Request, env: Env, task_ids: list[str], listing: bool) -> Response:
        if listing:
            return await answer(request, env, task_ids, listing)
        store.enter(env.fmt.name, task_ids[0])  # overlapping requests for one task are counted in its stats
        try:
            return await answer(request, env, task_ids, listing)
        finally:
            store.leave(env.fmt.name, task_ids[0])

    async def answer(request: Request, env: Env, task_ids: list[str], listing: bool) -> Response:
        refused, headers = await env.gate(request)
        if refused is not None:
            return refused
        fmt = env.fmt
        if listing:
            return _list_page(request, fmt, task_ids, headers)
        view, fault, task_faults = store.poll(fmt.name, task_ids[0])
        if view is None:
            return JSONResponse(fmt.not_found, 404, headers)
        if fault is not None and (answer := await _fault(fault, fmt, task_faults, headers)) is not None:
            return answer
        if request.query_params.get("include_partial", "").lower() == "true":
            view = attrs.evolve(view, partial=True)
        return JSONResponse(fmt.render(view), 200, headers)

    def _list_page(request: Request, fmt: Format, task_ids: list[str], headers: dict[str, str]) -> Response:
        try:
            offset = max(0, int(request.query_params.get("offset", 0)))
            limit = min(LIST_MAX_LIMIT, max(1, int(request.query_params.get("limit", LIST_DEFAULT_LIMIT))))
        except ValueError:
            return JSONResponse({"detail": "offset and limit must be integers"}, 400, headers)
        found = [t for t in dict.fromkeys(task_ids) if store.exists(fmt.name, t)]  # unknown ids are left out
        views = [store.poll(fmt.name, t, faults=False)[0] for t in found[offset : offset + limit]]
        url = request.url
        nxt = str(url.include_query_params(offset=offset + limit, limit=limit)) if offset + limit < len(found) else None
        prev = str(url.include_query_params(offset=max(0, offset - limit), limit=limit)) if offset > 0 else None
        results = [fmt.render(v) for v in views if v is not None]
        return JSONResponse({"count": len(found), "next": nxt, "previous": prev, "results": results}, 200, headers)

    def provider_routes(fmt: Format) -> list[Route]:
        env = Env(fmt, store, f"/{fmt.name}{fmt.real_base_path}", gate_for(fmt))

        async def one(request: Request) -> Response:
            return await provider_call(request, env, [request.path_params["task_id"]], listing=False)

        # Lifecycle routes first: the get-task route's {task_id:path} would swallow /tasks/{id}/download.
        routes = ROUTES[fmt.name](env)
        if fmt.list_path is not None:

            async def many(request: Request) -> Response:
                return await provider_call(request, env, request.query_params.getlist("task_ids"), listing=True)

            routes.append(Route(env.prefix + fmt.list_path, many, methods=["GET"]))
        routes.append(Route(env.prefix + fmt.task_path.replace("{task_id}", "{task_id:path}"), one, methods=["GET"]))
        return routes

    def no_route(request: Request, exc: Exception) -> Response:
        """404 and 405 in the shape of the provider whose prefix the path has."""
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = {404: "Not Found", 405: "Method Not Allowed"}.get(status, "Error")
        fmt = FORMATS.get(request.url.path.split("/")[1])
        body = fmt.error(status, message) if fmt is not None else {"detail": message}
        headers = dict(exc.headers or {}) if isinstance(exc, HTTPException) else {}
        return JSONResponse(body, status, headers)

    async def admin_add(request: Request) -> Response:
        try:
            payload = await request.json()
            scripts = [from_json(TaskScript, item) for item in (payload if isinstance(payload, list) else [payload])]
        except (ValueError, TypeError) as exc:
            return JSONResponse({"detail": str(exc)}, 400)
        for script in scripts:
            store.add(script)
        created = [{"provider": s.provider, "task_id": s.task_id} for s in scripts]
        return JSONResponse(created if isinstance(payload, list) else created[0], 201)

    async def admin_task(request: Request) -> Response:
        stats = store.stats(request.path_params["provider"], request.path_params["task_id"])
        return JSONResponse(stats, 200) if stats is not None else JSONResponse({"detail": "Not found."}, 404)

    async def admin_faults(request: Request) -> Response:
        try:
            store.set_faults(Faults.from_dict(await request.json()))
        except (ValueError, TypeError) as exc:
            return JSONResponse({"detail": str(exc)}, 400)
        return JSONResponse({"ok": True})

    async def admin_reset(request: Request) -> Response:
        store.reset()
        return JSONResponse({"ok": True})

    async def index(request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        return JSONResponse({name: f"{base}/{name}{fmt.real_base_path}" for name, fmt in FORMATS.items()})

    routes = [r for fmt in FORMATS.values() for r in provider_routes(fmt)] + [
        Route("/", index),
        Route("/_admin/tasks", admin_add, methods=["POST"]),
        Route("/_admin/tasks/{provider}/{task_id:path}", admin_task),
        Route("/_admin/faults", admin_faults, methods=["POST", "PUT"]),
        Route("/_admin/reset", admin_reset, methods=["POST"]),
    ]
    app = Starlette(routes=routes, exception_handlers={404: no_route, 405: no_route})
    app.router.redirect_slashes = False
    return _strip_trailing_slash(app)
