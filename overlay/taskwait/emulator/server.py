"""`Emulator`: the app served by uvicorn on loopback, in a background thread."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Mapping
from typing import Any, Literal

import uvicorn

from .app import create_app
from .gate import DOCUMENTED, limits_for
from .providers import FORMATS
from .store import Created, Faults, Store, TaskScript, Timing

__all__ = ["DEFAULT_API_KEY", "Emulator"]

DEFAULT_API_KEY = "emulator-key"


class Emulator:
    """The five providers on 127.0.0.1; use as a context manager.

    with Emulator() as emu:
        task = emu.add_task("databar", fate="success", polls=2)
        client = taskwait.connect("databar", emu.api_key, base_url=emu.base_url("databar"))

    Args:
        host: the address to listen on (default 127.0.0.1).
        port: the port (default 0: a free one; read it back from `port` or `url`).
        api_key: the emulator's own fake key, the one every provider accepts (default "emulator-key").
        seed: the seed of every random choice (faults, created work's durations and fates), so a session replays.
        faults: server-wide `Faults` for every provider request (default none).
        rate_limits: {provider: (requests, seconds)}: at most that many requests in each fixed window of that many
            seconds over all the provider's routes, then 429 with Retry-After in the provider's error shape; None
            as the value lifts the provider's limit. By default only Lobstr has limits, as documented, one window
            a route family (/v1/tasks and /v1/runtasks 90 a minute, /v1/squids and /v1/runs 120, /v1/results 2 a
            second), with X-RateLimit-Limit/-Remaining/-Reset on every answer; a Lobstr entry replaces them all.
        lobstr_rate_limit: shorthand for rate_limits={"lobstr": (N, 60)}; None lifts Lobstr's limits (the
            default keeps its documented ones).
        created: {provider: Created(...)}: how work started through a provider's API unfolds (by default 1-4 s
            and 10 % failures; see `Created`); `set_created` changes it later.
        timing: `Timing`: the shortened delays of the real services (Openmart's submit, Flexprice's 404).
        log_level: uvicorn's log level (default "critical").
    """

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, api_key: str = DEFAULT_API_KEY, seed: int = 0,
                 faults: Faults | None = None, rate_limits: Mapping[str, tuple[int, float] | None] | None = None,
                 lobstr_rate_limit: int | Literal["documented"] | None = DOCUMENTED,
                 created: dict[str, Created] | None = None, timing: Timing | None = None,
                 log_level: str = "critical") -> None:  # fmt: skip
        limits_for(rate_limits, lobstr_rate_limit)  # bad limits fail here, before a socket is opened
        self.api_key = api_key
        self.store = Store(seed=seed, faults=faults)
        self.store.created |= created or {}
        self.store.timing = timing or self.store.timing
        self._socket = socket.create_server((host, port))
        self.host, self.port = self._socket.getsockname()[:2]
        app = create_app(self.store, api_key, lobstr_rate_limit, rate_limits)
        config = uvicorn.Config(app, log_level=log_level, lifespan="off", timeout_graceful_shutdown=1,
                                access_log=False)  # fmt: skip
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        return f"Emulator(url={self.url!r}, tasks={len(self.store)})"

    @property
    def url(self) -> str:
        """http://HOST:PORT, the server's root (the admin API is under /_admin)."""
        return f"http://{self.host}:{self.port}"

    def base_url(self, provider: str) -> str:
        """What to pass as base_url= for `provider` (its real base path included, e.g. Flexprice's /v1).

        Raises ValueError for an unknown provider.
        """
        if provider not in FORMATS:
            raise ValueError(f"unknown provider {provider!r}; known: {', '.join(FORMATS)}")
        return f"{self.url}/{provider}{FORMATS[provider].real_base_path}"

    def add_task(self, provider: str, task_id: str | None = None, **script: Any) -> TaskScript:
        """Script a task of `provider` and return its `TaskScript`, task_id included.

        Args:
            provider: one of the five provider names.
            task_id: its id (default: a random id of the provider's shape).
            script: the other `TaskScript` fields: fate ("success", "failure", "cancel"; `outcome` is its
                deprecated name) or statuses, polls (answered polls to the end, default 2) or duration
                (seconds), total, data, error, faults.
        """
        if "outcome" in script:
            warnings.warn("add_task's outcome= is deprecated: use fate=", DeprecationWarning, stacklevel=2)
            if "fate" in script:
                raise TypeError("give fate= only (outcome= is its deprecated name)")
            script["fate"] = script.pop("outcome")
        if task_id is not None:
            script["task_id"] = task_id
        return self.store.add(TaskScript(provider, **script))

    def stats(self, provider: str, task_id: str) -> dict[str, Any] | None:
        """How many requests reached the task `task_id` of `provider`, and how many were answered with it.

        Returns {"requests": ..., "answered": ..., ...}, or None for a task the emulator does not hold.
        """
        return self.store.stats(provider, task_id)

    def set_created(self, provider: str, **fields: Any) -> None:
        """How work started through `provider`'s API unfolds from now on.

        Args:
            provider: one of the five provider names.
            fields: `Created` fields: duration=(low, high) seconds, failure_rate, cancel_rate, total=(low, high);
                e.g. failure_rate=0 for work that always succeeds.
        """
        if provider not in FORMATS:
            raise ValueError(f"unknown provider {provider!r}; known: {', '.join(FORMATS)}")
        self.store.created[provider] = Created(**fields)

    def set_faults(self, faults: Faults | None = None, **rates: Any) -> None:
        """Server-wide faults for every provider request from now on.

        Args:
            faults: a `Faults` (script, rates); or None, to build one from `rates`.
            rates: `Faults` fields (script=[...], rate_429=, rate_5xx=, rate_drop=, rate_slow=, rate_malformed=).
        """
        self.store.set_faults(faults or Faults(**rates))

    def start(self) -> Emulator:
        """Serve in a background thread; return once the server accepts requests (RuntimeError if it cannot)."""
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the emulator did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
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
