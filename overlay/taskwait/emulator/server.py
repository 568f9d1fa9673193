"""`Emulator`: the app served by uvicorn on loopback, in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn

from .app import create_app
from .formats import FORMATS
from .store import Created, Faults, Store, TaskScript, Timing

__all__ = ["DEFAULT_API_KEY", "Emulator"]

DEFAULT_API_KEY = "emulator-key"


class Emulator:
    """The five providers on 127.0.0.1; use as a context manager.

    with Emulator() as emu:
        task = emu.add_task("databar", outcome="success", polls=2)
        client = taskwait.connect("databar", emu.api_key, base_url=emu.base_url("databar"))
    """

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, api_key: str = DEFAULT_API_KEY, seed: int = 0,
                 faults: Faults | None = None, lobstr_rate_limit: int | None = 90,
                 created: dict[str, Created] | None = None, timing: Timing | None = None,
                 log_level: str = "critical") -> None:  # fmt: skip
        self.api_key = api_key
        self.store = Store(seed=seed, faults=faults)
        self.store.created |= created or {}
        self.store.timing = timing or self.store.timing
        self._socket = socket.create_server((host, port))
        self.host, self.port = self._socket.getsockname()[:2]
        app = create_app(self.store, api_key, lobstr_rate_limit)
        config = uvicorn.Config(app, log_level=log_level, lifespan="off", timeout_graceful_shutdown=1,
                                access_log=False)  # fmt: skip
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        return f"Emulator(url={self.url!r}, tasks={len(self.store)})"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def base_url(self, provider: str) -> str:
        """What to pass as base_url= for this provider (its real base path included, e.g. Flexprice's /v1)."""
        if provider not in FORMATS:
            raise ValueError(f"unknown provider {provider!r}; known: {', '.join(FORMATS)}")
        return f"{self.url}/{provider}{FORMATS[provider].real_base_path}"

    def add_task(self, provider: str, task_id: str | None = None, **script: Any) -> TaskScript:
        """Script a task (see TaskScript for the fields) and return its script, task_id included."""
        if task_id is not None:
            script["task_id"] = task_id
        return self.store.add(TaskScript(provider, **script))

    def stats(self, provider: str, task_id: str) -> dict[str, Any] | None:
        """How many requests reached a task, and how many were answered with it."""
        return self.store.stats(provider, task_id)

    def set_created(self, provider: str, **fields: Any) -> None:
        """How work started through `provider`'s API unfolds from now on (see `Created`)."""
        if provider not in FORMATS:
            raise ValueError(f"unknown provider {provider!r}; known: {', '.join(FORMATS)}")
        self.store.created[provider] = Created(**fields)

    def set_faults(self, faults: Faults | None = None, **rates: Any) -> None:
        """Server-wide faults for every provider request from now on."""
        self.store.set_faults(faults or Faults(**rates))

    def start(self) -> Emulator:
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the emulator did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._socket.close()

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted (Ctrl-C)."""
        try:
            self._server.run(sockets=[self._socket])
        finally:
            self._socket.close()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
