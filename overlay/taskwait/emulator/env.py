"""What a provider's handlers get from the app: its format, the store, and the request gate (`Env`).

Handlers are module-level functions taking their provider's state first (which holds its `Env`);
a provider's `routes(env)` binds them with `functools.partial` and puts them behind `Env.gated`.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import attrs
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .base import Format

if TYPE_CHECKING:
    from .scripts import TaskScript
    from .store import Store

__all__ = ["Env", "Gate", "Handler"]

# Checks a request the way the provider does before it looks at the work (`gate.Gate`): rate limit, key,
# server-wide faults. Answers (the response to send instead, or None; the headers every answer carries).
Gate = Callable[[Request], Awaitable[tuple[Response | None, dict[str, str]]]]
# A route's handler behind the gate: it gets the request and the headers every answer carries.
Handler = Callable[[Request, dict[str, str]], Awaitable[Response]]


@attrs.frozen
class Env:
    """One provider inside the emulator; its module builds its routes from it."""

    fmt: Format
    store: Store
    prefix: str  # "/<provider>" plus the real base path: every route of the provider starts with it
    gate: Gate

    def gated(self, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        """A route endpoint: the gate's refusal if it refuses, else the handler's answer."""

        async def endpoint(request: Request) -> Response:
            refused, headers = await self.gate(request)
            return refused if refused is not None else await handler(request, headers)

        return endpoint

    def json(self, body: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
        return JSONResponse(body, status, headers)

    def error(self, status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
        """An error answer in the provider's own error shape."""
        return JSONResponse(self.fmt.error(status, message), status, headers)

    def create(self, task_id: str, **fields: Any) -> TaskScript:
        """A task started through the API, unfolding as the store's `created` settings say."""
        return self.store.create(self.fmt.name, task_id, **fields)

    async def body(self, request: Request) -> Any:
        """The request's JSON body, or raises ValueError with a message fit for a 400 answer."""
        raw = await request.body()
        try:
            return json.loads(raw)
        except ValueError:
            raise ValueError("the request body is not valid JSON") from None
