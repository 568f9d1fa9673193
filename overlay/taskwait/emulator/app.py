"""The emulator's ASGI app: each provider under /<provider> (its routes from `providers`, behind its `Gate`,
then the shared read routes: get-task and, where the provider has one, the list of tasks by id), and an
admin API under /_admin. Handlers are module-level; the store is on `request.app.state`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Literal, cast

import attrs
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from .env import Env
from .gate import DOCUMENTED, Gate, RateLimit, fault, limits_for
from .providers import FORMATS, PROVIDERS
from .scripts import Faults, script_from_json
from .store import Store

__all__ = ["RateLimit", "create_app"]

LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT = 50, 100  # Deepomatic's page size is not documented: ours


def _store(request: Request) -> Store:
    return cast(Store, request.app.state.store)


async def read_task(env: Env, request: Request) -> Response:
    """GET a task: counted in its stats (overlapping requests too), then gated, then answered as scripted."""
    task_id = request.path_params["task_id"]
    env.store.enter(env.fmt.name, task_id)
    try:
        refused, headers = await env.gate(request)
        if refused is not None:
            return refused
        view, kind, task_faults = env.store.poll(env.fmt.name, task_id)
        if view is None:
            return JSONResponse(env.fmt.not_found, 404, headers)
        if kind is not None and (answer := await fault(kind, env.fmt, task_faults, headers)) is not None:
            return answer
        if request.query_params.get("include_partial", "").lower() == "true":
            view = attrs.evolve(view, partial=True)
        return JSONResponse(env.fmt.render(view), 200, headers)
    finally:
        env.store.leave(env.fmt.name, task_id)


async def list_tasks(env: Env, request: Request, headers: dict[str, str]) -> Response:
    """GET the tasks named by `task_ids`, a page at a time (unknown ids left out)."""
    try:
        offset = max(0, int(request.query_params.get("offset", 0)))
        limit = min(LIST_MAX_LIMIT, max(1, int(request.query_params.get("limit", LIST_DEFAULT_LIMIT))))
    except ValueError:
        return JSONResponse({"detail": "offset and limit must be integers"}, 400, headers)
    name = env.fmt.name
    found = [t for t in dict.fromkeys(request.query_params.getlist("task_ids")) if env.store.exists(name, t)]
    views = [env.store.poll(name, t, faults=False)[0] for t in found[offset : offset + limit]]
    url = request.url
    nxt = str(url.include_query_params(offset=offset + limit, limit=limit)) if offset + limit < len(found) else None
    prev = str(url.include_query_params(offset=max(0, offset - limit), limit=limit)) if offset > 0 else None
    results = [env.fmt.render(v) for v in views if v is not None]
    return JSONResponse({"count": len(found), "next": nxt, "previous": prev, "results": results}, 200, headers)


def no_route(request: Request, exc: Exception) -> Response:
    """404 and 405 in the shape of the provider whose prefix the path has, counted against its rate limit
    (a limit is checked before the route, so its X-RateLimit-* headers are on these too)."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    message = {404: "Not Found", 405: "Method Not Allowed"}.get(status, "Error")
    gate: Gate | None = request.app.state.gates.get(request.url.path.split("/")[1])
    if gate is None:
        return JSONResponse({"detail": message}, status)
    refused, headers = gate.limit(request.url.path)
    if refused is not None:
        return refused
    headers |= dict(exc.headers or {}) if isinstance(exc, HTTPException) else {}
    return JSONResponse(gate.fmt.error(status, message), status, headers)


async def admin_add(request: Request) -> Response:
    try:
        payload = await request.json()
        scripts = [script_from_json(item) for item in (payload if isinstance(payload, list) else [payload])]
    except (ValueError, TypeError) as exc:
        return JSONResponse({"detail": str(exc)}, 400)
    for script in scripts:
        _store(request).add(script)
    created = [{"provider": s.provider, "task_id": s.task_id} for s in scripts]
    return JSONResponse(created if isinstance(payload, list) else created[0], 201)


async def admin_task(request: Request) -> Response:
    stats = _store(request).stats(request.path_params["provider"], request.path_params["task_id"])
    return JSONResponse(stats, 200) if stats is not None else JSONResponse({"detail": "Not found."}, 404)


async def admin_faults(request: Request) -> Response:
    try:
        _store(request).set_faults(Faults.from_dict(await request.json()))
    except (ValueError, TypeError) as exc:
        return JSONResponse({"detail": str(exc)}, 400)
    return JSONResponse({"ok": True})


async def admin_reset(request: Request) -> Response:
    _store(request).reset()
    return JSONResponse({"ok": True})


async def index(request: Request) -> Response:
    base = str(request.base_url).rstrip("/")
    return JSONResponse({name: f"{base}/{name}{fmt.real_base_path}" for name, fmt in FORMATS.items()})


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


def _provider_routes(env: Env) -> list[Route]:
    """A provider's own routes first (the get-task route's {task_id:path} would swallow /tasks/{id}/download),
    then the shared read routes at the paths its format names."""
    fmt, routes = env.fmt, PROVIDERS[env.fmt.name].routes(env)
    if fmt.list_path is not None:
        routes.append(Route(env.prefix + fmt.list_path, env.gated(partial(list_tasks, env)), methods=["GET"]))
    routes.append(Route(env.prefix + fmt.task_path.replace("{task_id}", "{task_id:path}"), partial(read_task, env),
                        methods=["GET"]))  # fmt: skip
    return routes


def create_app(store: Store, api_key: str, lobstr_rate_limit: int | Literal["documented"] | None = DOCUMENTED,
               rate_limits: Mapping[str, tuple[int, float] | None] | None = None) -> ASGIApp:  # fmt: skip
    """The ASGI app serving `store`, accepting only `api_key`; limits as `Emulator` takes them."""
    limits = limits_for(rate_limits, lobstr_rate_limit)
    routes, gates = [], {}
    for name, provider in PROVIDERS.items():
        prefix = f"/{name}{provider.format.real_base_path}"
        gates[name] = Gate(provider, limits[name], prefix, store, api_key)
        routes += _provider_routes(Env(provider.format, store, prefix, gates[name]))
    routes += [
        Route("/", index),
        Route("/_admin/tasks", admin_add, methods=["POST"]),
        Route("/_admin/tasks/{provider}/{task_id:path}", admin_task),
        Route("/_admin/faults", admin_faults, methods=["POST", "PUT"]),
        Route("/_admin/reset", admin_reset, methods=["POST"]),
    ]
    app = Starlette(routes=routes, exception_handlers={404: no_route, 405: no_route})
    app.state.store, app.state.gates = store, gates
    app.router.redirect_slashes = False
    return _strip_trailing_slash(app)
