"""Hostile HTTP servers on loopback: they hang, drip, never accept, or answer what no task API would."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

__all__ = ["DRIPS", "MODES", "drip_server", "hostile_server"]

Behaviour = Callable[[socket.socket], None]


def _read_request(conn: socket.socket) -> bytes:
    """The request's head (b"" if the client went away first)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return b""
        data += chunk
    return data


def _slowly(conn: socket.socket, data: bytes, gap: float = 0.1) -> None:
    for byte in data:
        conn.sendall(bytes([byte]))
        time.sleep(gap)


def _forever(conn: socket.socket, data: bytes) -> None:
    """`data` a byte at a time, then the same again, for longer than any test waits (30 s)."""
    stop = time.monotonic() + 30
    while time.monotonic() < stop:
        _slowly(conn, data)


_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
# Each answer drips one part, a byte every 0.1 s, so that no read waits long enough for a read timeout.
DRIPS: dict[str, Callable[[socket.socket], None]] = {
    "status-line": lambda conn: (conn.sendall(b"HTTP/1.1 200 "), _forever(conn, b"O")),
    "headers": lambda conn: (conn.sendall(_HEAD + b"X-Drip: "), _forever(conn, b"x")),
    "chunk-sizes": lambda conn: (
        conn.sendall(_HEAD + b"Transfer-Encoding: chunked\r\n\r\n"),
        _forever(conn, b"1\r\n \r\n"),  # a chunk of one space, its size line dripped, again and again
    ),
    "trailers": lambda conn: (
        conn.sendall(_HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Trailer: "),
        _forever(conn, b"x"),
    ),
    "interim": lambda conn: _forever(conn, b"HTTP/1.1 100 Continue\r\n\r\n"),  # endless 1xx interim answers
}


def _drip_by_path(conn: socket.socket) -> None:
    """Drip the part that the request's last path segment names (the task id): `/v1/tasks/headers`."""
    head = _read_request(conn)
    path = head.split(b" ", 2)[1].decode() if head.count(b" ") >= 2 else ""
    DRIPS[path.rstrip("/").rsplit("/", 1)[-1]](conn)


def _hang(conn: socket.socket) -> None:
    _read_request(conn)
    time.sleep(30)  # answers nothing; the test's deadline must cut the request long before this


def _drip(conn: socket.socket) -> None:
    _read_request(conn)
    body = b'{"task_id": "T1", "status": "processing", "padding": "' + b"x" * 200 + b'"}'
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body))
    for byte in body:
        conn.sendall(bytes([byte]))
        time.sleep(0.1)  # ten bytes a second: the whole body would take 25 s


def _answer(status: int, body: bytes, content_type: str = "application/json") -> Behaviour:
    def behave(conn: socket.socket) -> None:
        _read_request(conn)
        head = f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
        conn.sendall(head.encode() + body)
        time.sleep(0.5)

    return behave


DEEP = b"[" * 100_000 + b"]" * 100_000
MODES: dict[str, Behaviour] = {"hang": _hang, "drip": _drip, "drip-by-path": _drip_by_path}


@contextlib.contextmanager
def hostile_server(behaviour: Behaviour | str) -> Iterator[str]:
    """A server on 127.0.0.1 behaving so to every connection; yields its base URL ("never-accept": none)."""
    if behaviour == "never-accept":
        with _never_accepting() as url:
            yield url
        return
    behave = MODES[behaviour] if isinstance(behaviour, str) else behaviour
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.05)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            threading.Thread(target=_guarded, args=(behave, conn), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=2)
        server.close()


def drip_server() -> contextlib.AbstractContextManager[str]:
    """A server that drips the part of its answer named by the task id asked for (one of `DRIPS`)."""
    return hostile_server("drip-by-path")


def _guarded(behave: Behaviour, conn: socket.socket) -> None:
    with contextlib.suppress(OSError), conn:
        behave(conn)


@contextlib.contextmanager
def _never_accepting() -> Iterator[str]:
    """A listening socket whose backlog is full, so that a new connection is never established."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    address = server.getsockname()
    fillers = []
    for _ in range(8):  # fill the accept queue; further SYNs are dropped and connect() hangs
        filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(address)
        fillers.append(filler)
    try:
        yield f"http://127.0.0.1:{address[1]}"
    finally:
        for filler in fillers:
            filler.close()
        server.close()
