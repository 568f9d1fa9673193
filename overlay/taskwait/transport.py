"""Sending a plan's requests under a hard deadline: the only module that does I/O for a wait.

A request gets at most the time left before its deadline, for everything: connect, write, pool
and the whole body (not each read). Async: one cancel scope around the request. Sync: httpx
timeouts clamped to the time left cover everything up to the headers; a watchdog thread shuts
the socket down if the body is still arriving at the deadline (a server may drip it byte by byte,
and a blocking read cannot be interrupted otherwise).
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import anyio
import attrs
import httpx

from .engine import Attempt, Transient
from .providers import AnyClient
from .wire import Plan, Reply

__all__ = ["MAX_BODY", "AnswerTooLarge", "DeadlineReached", "NotSent", "drive", "drive_async"]

MAX_BODY = 16 * 1024 * 1024  # bytes; a task answer is kilobytes, anything this large is not one
SLACK = 0.25  # seconds a read may outlast the deadline before the watchdog is worth its cost (a lock, a notify)
MAX_BUDGET = 86400.0  # seconds a far deadline gives one request at most: sockets refuse timeouts past ~1e9 s
Clock = Callable[[], float]


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
    """One daemon thread that shuts down the sockets of requests still reading at their deadline."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, socket.socket]] = []
        self._armed: set[int] = set()
        self._ids = itertools.count()
        self._cv = threading.Condition()
        self._thread: threading.Thread | None = None

    def arm(self, sock: socket.socket, seconds: float) -> int:
        with self._cv:
            token = next(self._ids)
            heapq.heappush(self._heap, (time.monotonic() + seconds, token, sock))
            self._armed.add(token)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="taskwait-deadline", daemon=True)
                self._thread.start()
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
                due, token, sock = self._heap[0]
                left = due - time.monotonic()
                if left > 0:
                    self._cv.wait(left)
                    continue
                heapq.heappop(self._heap)
                self._armed.discard(token)
                with contextlib.suppress(OSError):  # wakes the blocked read; the connection is discarded
                    sock.shutdown(socket.SHUT_RDWR)


_WATCHDOG = _Watchdog()


def _socket_of(response: httpx.Response) -> socket.socket | None:
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    return sock if isinstance(sock, socket.socket) else None


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
    try:
        with http.stream(**request, timeout=timeout) as response:
            if _already_read(response):
                return response
            guard: int | None = None
            try:
                raw = bytearray()
                guard = _guard(response, deadline, clock, timeout.read)
                for chunk in response.iter_raw():
                    if too_large := _add(raw, chunk):
                        return too_large
                    guard = guard if guard is not None else _guard(response, deadline, clock, timeout.read)
            finally:
                if guard is not None:
                    _WATCHDOG.disarm(guard)
            if deadline is not None and clock() > deadline:
                return DeadlineReached("the answer was still arriving at the deadline")
            return _whole(response, bytes(raw))
    except httpx.HTTPError as exc:
        if deadline is not None and clock() >= deadline:
            return DeadlineReached(f"cut at the deadline ({type(exc).__name__})")
        return exc


def _guard(response: httpx.Response, deadline: float | None, clock: Clock, read_timeout: float | None) -> int | None:
    """Arm the watchdog once the next read could end past the deadline by more than `SLACK` (the time left
    is under the read timeout); until then the read timeout itself bounds every read. None: not armed."""
    if deadline is None:
        return None
    left = deadline - clock()
    if read_timeout is not None and left + SLACK >= read_timeout:
        return None
    sock = _socket_of(response)
    return _WATCHDOG.arm(sock, max(left, 0.0)) if sock is not None else None


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


def drive(
    client: AnyClient, plan: Plan, deadline: float | None = None, clock: Clock = time.monotonic
) -> dict[str, Attempt]:
    """Run a plan with the client's sync httpx client; no request outlives `deadline` (on `clock`)."""
    http = client.get_httpx_client()
    sent = False
    try:
        request = next(plan)
        while True:
            reply = _send(http, request, deadline, clock)
            sent = sent or not isinstance(reply, NotSent)
            request = plan.send(reply)
    except StopIteration as stop:
        return _result(stop, sent)


async def drive_async(client: AnyClient, plan: Plan, deadline: float | None = None,
                      clock: Clock = time.monotonic) -> dict[str, Attempt]:  # fmt: skip
    """Run a plan with the client's async httpx client; no request outlives `deadline` (on `clock`)."""
    http = client.get_async_httpx_client()
    sent = False
    try:
        request = next(plan)
        while True:
            reply = await _send_async(http, request, deadline, clock)
            sent = sent or not isinstance(reply, NotSent)
            request = plan.send(reply)
    except StopIteration as stop:
        return _result(stop, sent)
