"""What every provider request passes before its handler: the provider's rate limits, its key check, and
the server-wide faults (`Gate`); and the faulty answers themselves, in each provider's shape.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Literal

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from .base import Format, Limit, Provider
from .providers import PROVIDERS
from .scripts import Faults
from .store import Store

__all__ = ["DOCUMENTED", "Gate", "RateLimit", "fault", "limits_for", "too_many"]

DOCUMENTED: Literal["documented"] = "documented"  # lobstr_rate_limit's default: Lobstr's documented limits


class RateLimit:
    """A fixed window: `limit` requests a window of `window` seconds, which starts with its first request."""

    def __init__(self, limit: int | None, window: float = 60.0) -> None:
        self.limit, self.window = limit, window
        self._start, self._count = time.time(), 0
        self._lock = threading.Lock()

    def take(self) -> tuple[bool, dict[str, str], float]:
        """(allowed, the X-RateLimit-* headers, seconds until the window resets)."""
        if self.limit is None:
            return True, {}, 0.0
        with self._lock:
            now = time.time()
            if now >= self._start + self.window:
                self._start, self._count = now, 0
            self._count += 1
            reset = self._start + self.window
            count = self._count
        headers = {"X-RateLimit-Limit": str(self.limit), "X-RateLimit-Remaining": str(max(0, self.limit - count)),
                   "X-RateLimit-Reset": str(math.ceil(reset))}  # fmt: skip
        return count <= self.limit, headers, reset - now


def limits_for(
    rate_limits: Mapping[str, tuple[int, float] | None] | None,
    lobstr_rate_limit: int | Literal["documented"] | None = DOCUMENTED,
) -> dict[str, tuple[Limit, ...]]:
    """Each provider's limits: its documented ones, replaced by `rate_limits` ({provider: (requests, seconds)}:
    one window over all its routes; None: unlimited), or for Lobstr by `lobstr_rate_limit` (requests a minute
    over all its routes; None: unlimited). TypeError or ValueError naming the bad parameter."""
    chosen = {name: p.limits for name, p in PROVIDERS.items()}
    if lobstr_rate_limit != DOCUMENTED:
        if lobstr_rate_limit is not None and (isinstance(lobstr_rate_limit, bool) or
                                              not isinstance(lobstr_rate_limit, int)):  # fmt: skip
            raise TypeError(f"lobstr_rate_limit must be an int or None, not {lobstr_rate_limit!r}")
        if rate_limits is not None and "lobstr" in rate_limits:
            raise ValueError("give Lobstr's limit once: in rate_limits or as lobstr_rate_limit, not both")
        chosen["lobstr"] = () if not lobstr_rate_limit else (Limit(lobstr_rate_limit, 60.0),)
    if rate_limits is None:
        return chosen
    if not isinstance(rate_limits, Mapping):
        raise TypeError(f"rate_limits must be a dict {{provider: (requests, seconds)}}, not {rate_limits!r}")
    for provider, limit in rate_limits.items():
        if provider not in PROVIDERS:
            raise ValueError(f"rate_limits: unknown provider {provider!r}; known: {', '.join(PROVIDERS)}")
        if limit is None:
            chosen[provider] = ()
            continue
        if not isinstance(limit, tuple | list) or len(limit) != 2:
            raise TypeError(f"rate_limits[{provider!r}] must be (requests, seconds) or None, not {limit!r}")
        try:
            chosen[provider] = (Limit(limit[0], limit[1]),)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"rate_limits[{provider!r}]: {exc}") from None
    return chosen


def too_many(fmt: Format, retry_after: float, headers: dict[str, str], *, whole: bool = False) -> Response:
    """A 429 in the provider's shape, with Retry-After: whole seconds as HTTP says; below a second a fraction
    is kept unless `whole` (an emulator liberty, so tests can wait briefly)."""
    seconds = max(0.0, retry_after)
    value = str(math.ceil(seconds)) if whole or seconds >= 1 or seconds == 0 else f"{seconds:g}"
    return JSONResponse(dict(fmt.too_many), 429, headers=headers | {"Retry-After": value})


class _Dropped(Response):
    """Starts an answer, then breaks the connection mid-body."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"512")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b'{"status": ', "more_body": True})
        raise ConnectionAbortedError("emulated dropped connection")


async def fault(kind: str, fmt: Format, faults: Faults, headers: dict[str, str]) -> Response | None:
    """The faulty answer of this kind; None for "slow", which only delays the real answer."""
    if kind == "429":
        return too_many(fmt, faults.retry_after, headers)
    if kind in ("500", "502", "503"):
        return Response(f"<html><body>{kind} emulated</body></html>", int(kind), headers, media_type="text/html")
    if kind == "drop":
        return _Dropped()
    if kind == "malformed":
        return Response('{"status": "COMPL', 200, headers, media_type="application/json")
    if kind == "slow":
        await anyio.sleep(faults.slow_seconds)
    return None


class Gate:
    """Checks a request as the provider does before it looks at the work: its rate limit (the family the
    path falls in; X-RateLimit-* headers where the provider sends them), its key, then server-wide faults.

    Called, it answers (the response to send instead, or None; the headers every answer carries).
    """

    def __init__(self, provider: Provider, limits: Sequence[Limit], prefix: str, store: Store, api_key: str) -> None:
        self.fmt, self.prefix, self.store, self.api_key = provider.format, prefix, store, api_key
        self.rate_headers = provider.rate_headers
        self.windows = [(limit, RateLimit(limit.requests, limit.seconds)) for limit in limits]

    def window(self, path: str) -> RateLimit | None:
        """The window a request for `path` (the full path) counts against, or None."""
        below = path[len(self.prefix) :] if path.startswith(self.prefix) else path
        return next((window for limit, window in self.windows if limit.counts(below)), None)

    def limit(self, path: str) -> tuple[Response | None, dict[str, str]]:
        """Counts a request for `path` against its window: (the 429 to send instead, or None; the headers)."""
        window = self.window(path)
        if window is None:
            return None, {}
        allowed, limit_headers, wait = window.take()
        headers = limit_headers if self.rate_headers else {}
        # a window of a second or more (every documented one) says whole seconds, as clients parse it
        return (None if allowed else too_many(self.fmt, wait, headers, whole=window.window >= 1)), headers

    async def __call__(self, request: Request) -> tuple[Response | None, dict[str, str]]:
        refused, headers = self.limit(request.url.path)
        if refused is not None:
            return refused, headers
        if not self.fmt.authorized(request.headers, self.api_key):
            status, body = self.fmt.unauthorized
            return JSONResponse(body, status, headers), headers
        kind = self.store.server_fault()
        if kind is not None and (answer := await fault(kind, self.fmt, self.store.faults, headers)) is not None:
            return answer, headers
        return None, headers
