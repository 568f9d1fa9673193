"""Sending a plan's requests under a hard deadline: the only module that does I/O for a wait.

A request gets at most the time left before its deadline for the whole exchange: connect, write,
pool, the status line, the headers and the whole body (not each read). Async: one cancel scope
around the request. Sync: httpx timeouts clamped to the time left, and a watchdog thread that
shuts the exchange's socket down at the deadline (a server may drip any part of its answer a byte
at a time, and a blocking read cannot be interrupted otherwise).
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

import anyio
import attrs
import httpx

from . import budget
from .budget import Claim
from .engine import Attempt, Transient
from .wire import Plan, Reply

if TYPE_CHECKING:
    from .providers import AnyClient

__all__ = ["MAX_BODY", "AnswerTooLarge", "DeadlineReached", "NotSent", "Probe", "drive", "drive_async"]

MAX_BODY = 16 * 1024 * 1024  # bytes; a task answer is kilobytes, anything this large is not one
MAX_BUDGET = 86400.0  # seconds a far deadline gives one request at most: sockets refuse timeouts past ~1e9 s
Clock = Callable[[], float]
Probe = Callable[[dict[str, Any], Reply, int], object]  # told of each request: its kwargs, reply, start (ns)
Sleep = Callable[[float], object]
AsyncSleep = Callable[[float], Awaitable[object]]
_HELD = "held for the rate budget until the deadline: not sent"


class AnswerTooLarge(httpx.HTTPError):
    """The answer's body was larger than MAX_BODY: unreadable, and not read further."""


class DeadlineReached(httpx.TimeoutException):
    """The request was cut (or never sent) because the wait's deadline came."""


class NotSent(DeadlineReached):
    """The request was never sent: no time was left before the deadline."""


def _within(timeout: httpx.Timeout, budget: float) -> httpx.Timeout:
    def clamp(value: float | None) -> float:
        return budget if value is None else min(value, budget)

    return httpx.Timeout(connect=clamp(timeout.connect), read=clamp(timeout.read), write=clamp(timeout.write),
                         pool=clamp(timeout.pool))  # fmt: skip


def request_budget(timeout: httpx.Timeout) -> float | None:
    """How long one request may take in all under a client's timeout: its largest part, or None."""
    parts = [t for t in (timeout.connect, timeout.read, timeout.write, timeout.pool) if t is not None]
    return max(parts) if parts else None


class _Watchdog:
    """One daemon thread that shuts down the socket of every sync exchange still running at its deadline.

    An entry is armed before the request is sent, so the deadline bounds the whole exchange: connect,
    the status line, the headers (and any `1xx` interim answers), the body, its chunk sizes and trailers.
    A server that drips any of them a byte at a time defeats httpx's per-read timeouts, not this.
    """

    RETRY = 0.02  # seconds between looks for an exchange's socket when it has none yet (still connecting)

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Callable[[], socket.socket | None]]] = []
        self._armed: set[int] = set()
        self._ids = itertools.count()
        self._cv = threading.Condition()
        self._thread: threading.Thread | None = None

    def arm(self, find: Callable[[], socket.socket | None], seconds: float) -> int:
        """Shut down the socket `find()` names once `seconds` have passed, unless disarmed before."""
        with self._cv:
            token = next(self._ids)
            due = time.monotonic() + seconds
            wake = not self._heap or due < self._heap[0][0]  # the thread sleeps until the earliest entry
            heapq.heappush(self._heap, (due, token, find))
            self._armed.add(token)
            if len(self._heap) > 2 * len(self._armed) + 64:  # disarmed entries pile up behind later deadlines
                self._heap = [entry for entry in self._heap if entry[1] in self._armed]
                heapq.heapify(self._heap)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="taskwait-deadline", daemon=True)
                self._thread.start()
            if wake:
                self._cv.notify()
            return token

    def disarm(self, token: int) -> None:
        with self._cv:
            self._armed.discard(token)

    def _run(self) -> None:
        with self._cv:
            while True:
                while self._heap and self._heap[0][1] not in self._armed:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cv.wait()
                    continue
                due, token, find = self._heap[0]
                left = due - time.monotonic()
                if left > 0:
                    self._cv.wait(min(left, MAX_BUDGET))  # a lock refuses waits of centuries
                    continue
                heapq.heappop(self._heap)
                sock = find()
                if sock is None:  # not connected yet: look again shortly, until the exchange ends
                    heapq.heappush(self._heap, (time.monotonic() + self.RETRY, token, find))
                    continue
                self._armed.discard(token)
                with contextlib.suppress(OSError):  # wakes the blocked read; the connection is discarded
                    sock.shutdown(socket.SHUT_RDWR)


_WATCHDOG = _Watchdog()
_MARK = "taskwait.exchange"  # a request extension naming one exchange, so the watchdog can find its connection


def _exchange_socket(http: httpx.Client, mark: object) -> socket.socket | None:
    """The socket of the connection serving the exchange marked `mark`, or None (not connected yet, or done).

    httpx has no public way to reach a connection before its headers arrive, so this reads httpcore's
    pool: the queued and active requests (`PoolRequest.request`, `.connection`) and the connection's
    network stream. tests/e2e/test_drip.py pins it against real dripping servers; if httpcore renames
    these, the lookup finds nothing and those tests fail.
    """
    for transport in (http._transport, *http._mounts.values()):  # private: see the docstring
        for pending in list(getattr(getattr(transport, "_pool", None), "_requests", ())):
            if pending.request.extensions.get(_MARK) is not mark:
                continue
            inner = getattr(pending.connection, "_connection", None)  # HTTPConnection → HTTP11Connection
            stream = getattr(inner, "_network_stream", None)
            sock = stream.get_extra_info("socket") if stream is not None else None
            return sock if isinstance(sock, socket.socket) else None
    return None


def _whole(response: httpx.Response, raw: bytes) -> httpx.Response:
    """A complete response from the raw bytes read (decoding happens here, as httpx would)."""
    version = response.extensions.get("http_version", b"HTTP/1.1")
    return httpx.Response(response.status_code, headers=response.headers, content=raw, request=response.request,
                          extensions={"http_version": version})  # fmt: skip


def _already_read(response: httpx.Response) -> bool:
    """True for an answer whose body is in memory already (a mock transport's ready-made response)."""
    try:
        response.content  # noqa: B018 (raises ResponseNotRead while the body is still on the wire)
    except httpx.ResponseNotRead:
        return False
    return True


def _timeout_left(timeout: httpx.Timeout, deadline: float | None, clock: Clock) -> httpx.Timeout | DeadlineReached:
    """The client's timeout clamped to the time left before the deadline, or DeadlineReached if none is left."""
    if deadline is None:
        return timeout
    budget = deadline - clock()
    if budget <= 0:
        return NotSent("no time left before the deadline: not sent")
    return _within(timeout, min(budget, MAX_BUDGET))


def _add(raw: bytearray, chunk: bytes) -> AnswerTooLarge | None:
    """Append a chunk of the body; AnswerTooLarge once it is past MAX_BODY."""
    raw += chunk
    return AnswerTooLarge(f"answer larger than {MAX_BODY} bytes") if len(raw) > MAX_BODY else None


def _send(http: httpx.Client, request: dict[str, Any], deadline: float | None, clock: Clock) -> Reply:
    timeout = _timeout_left(http.timeout, deadline, clock)
    if isinstance(timeout, DeadlineReached):
        return timeout
    mark = object()
    left = None if deadline is None else min(deadline - clock(), MAX_BUDGET)
    guard = None if left is None else _WATCHDOG.arm(lambda: _exchange_socket(http, mark), left)
    try:
        with http.stream(**request, timeout=timeout, extensions={_MARK: mark}) as response:
            if _already_read(response):
                return response
            raw = bytearray()
            for chunk in response.iter_raw():
                if too_large := _add(raw, chunk):
                    return too_large
            if deadline is not None and clock() > deadline:
                return DeadlineReached("the answer was still arriving at the deadline")
            return _whole(response, bytes(raw))
    except httpx.HTTPError as exc:
        if deadline is not None and clock() >= deadline:
            return DeadlineReached(f"cut at the deadline ({type(exc).__name__})")
        return exc
    finally:
        if guard is not None:
            _WATCHDOG.disarm(guard)


async def _send_async(http: httpx.AsyncClient, request: dict[str, Any], deadline: float | None,
                      clock: Clock) -> Reply:  # fmt: skip
    timeout = _timeout_left(http.timeout, deadline, clock)
    if isinstance(timeout, DeadlineReached):
        return timeout
    scope: AbstractContextManager[Any] = nullcontext() if deadline is None else anyio.fail_after(deadline - clock())
    try:
        with scope:
            async with http.stream(**request, timeout=timeout) as response:
                if _already_read(response):
                    return response
                raw = bytearray()
                async for chunk in response.aiter_raw():
                    if too_large := _add(raw, chunk):
                        return too_large
                return _whole(response, bytes(raw))
    except TimeoutError:
        return DeadlineReached("the answer was still arriving at the deadline")
    except httpx.HTTPError as exc:
        return exc


def _result(stop: StopIteration, sent: bool) -> dict[str, Attempt]:
    """What a plan returned: each id's attempt; not polls (`sent=False`) if none of its requests went out."""
    result: dict[str, Attempt] = stop.value
    if sent:
        return result
    return {key: attrs.evolve(a, sent=False) if isinstance(a, Transient) else a for key, a in result.items()}


def _route(account: budget.Account, request: dict[str, Any]) -> str:
    return budget.route_of(account.provider, str(request.get("url", "")))


def drive(client: AnyClient, plan: Plan, deadline: float | None = None, clock: Clock = time.monotonic,
          probe: Probe | None = None, claim: Claim | None = None, sleep: Sleep | None = None,
          account: budget.Account | None = None) -> dict[str, Attempt]:  # fmt: skip
    """Run a plan with the client's sync httpx client; no request outlives `deadline` (on `clock`).

    Each request first waits for the rate budget of its account and route (`budget.hold`, ranked by
    `claim`; `sleep` replaces the real wait on an injected clock; `account`: the client's, if known, as
    `budget.account_in(ctx)` gives it); one still held at the deadline is not sent. Each answer's
    X-RateLimit-* headers and 429s go back to the budget.
    """
    http, account = client.get_httpx_client(), account or budget.account_for(client)
    sent = False
    try:
        request = next(plan)
        while True:
            grant = budget.hold(account, _route(account, request), claim or Claim(), deadline, clock, sleep)
            started = time.time_ns() if probe is not None else 0
            reply = NotSent(_HELD) if grant is None else grant.answered(_send(http, request, deadline, clock))
            sent = sent or not isinstance(reply, NotSent)
            if probe is not None:
                probe(request, reply, started)
            request = plan.send(reply)
    except StopIteration as stop:
        return _result(stop, sent)
    finally:
        plan.close()  # as httpx closes an auth flow: a plan cut short (an interrupt, a callback's error) ends here


async def drive_async(client: AnyClient, plan: Plan, deadline: float | None = None, clock: Clock = time.monotonic,
                      probe: Probe | None = None, claim: Claim | None = None, sleep: AsyncSleep | None = None,
                      account: budget.Account | None = None) -> dict[str, Attempt]:  # fmt: skip
    """Run a plan with the client's async httpx client; no request outlives `deadline` (on `clock`).

    The rate budget as in `drive` (`budget.hold_async`: the loop runs on while a request is held).
    """
    http, account = client.get_async_httpx_client(), account or budget.account_for(client)
    sent = False
    try:
        request = next(plan)
        while True:
            grant = await budget.hold_async(account, _route(account, request), claim or Claim(), deadline, clock, sleep)
            started = time.time_ns() if probe is not None else 0
            reply = (
                NotSent(_HELD) if grant is None else grant.answered(await _send_async(http, request, deadline, clock))
            )
            sent = sent or not isinstance(reply, NotSent)
            if probe is not None:
                probe(request, reply, started)
            request = plan.send(reply)
    except StopIteration as stop:
        return _result(stop, sent)
    finally:
        plan.close()  # as httpx closes an auth flow: a plan cut short (an interrupt, a callback's error) ends here
