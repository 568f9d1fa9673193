"""Hostile HTTP servers on loopback: they hang, drip, never accept, or answer what no task API would."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

__all__ = ["MODES", "hostile_server"]

Behaviour = Callable[[socket.socket], None]


def _read_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return
        data += chunk


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
MODES: dict[str, Behaviour] = {"hang": _hang, "drip": _drip}


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
