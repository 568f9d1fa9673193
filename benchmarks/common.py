"""What the benchmarks share: the machine's description, task bodies, an emulator in its own process."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from taskwait.emulator.formats import FORMATS, TaskView

DONE = {"databar": "completed", "openmart": "COMPLETED", "lobstr": "completed", "deepomatic": "success",
        "flexprice": "COMPLETED"}  # fmt: skip


def cpu_model() -> str:
    """The CPU's model name where /proc/cpuinfo tells it, else the architecture."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    return (
        f"{os.cpu_count()} cores ({cpu_model()}, {platform.machine()}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def load_average() -> tuple[float, float, float]:
    """The 1-, 5- and 15-minute load averages (how busy the machine was while measuring)."""
    try:
        return os.getloadavg()
    except OSError:
        return (float("nan"),) * 3


def today() -> str:
    return dt.date.today().isoformat()


def body(provider: str, task_id: str = "269999729") -> bytes:
    """A finished task as the provider sends it (rendered by the emulator's wire formats)."""
    view = TaskView(task_id, DONE[provider], True, 1.0, 1000, {"outputs": [1, 2, 3]}, None,
                    dt.datetime(2025, 1, 2, tzinfo=dt.UTC))  # fmt: skip
    return json.dumps(FORMATS[provider].render(view)).encode()


def lognormal_durations(n: int, seed: int, median: float = 20.0, sigma: float = 1.5) -> list[float]:
    """Heavy-tailed task durations: log-normal with this median (about 1 % run past 10 minutes)."""
    rng = random.Random(seed)
    return [median * math.exp(sigma * rng.gauss(0, 1)) for _ in range(n)]


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[index]


def spread(values: Sequence[float]) -> dict[str, float]:
    """Median, quartiles and extremes of per-round figures (the spread a rerun should land in)."""
    return {"median": statistics.median(values), "p25": percentile(values, 25), "p75": percentile(values, 75),
            "min": min(values), "max": max(values), "rounds": len(values)}  # fmt: skip


class RequestLog:
    """An ASGI wrapper that logs every HTTP request reaching the server, before the app answers it.

    Faulted answers (429, 5xx, dropped, slow, malformed) are counted like any other: the count is
    taken at the door, not from what the store saw.
    """

    def __init__(self, app: Any, clock: Any = time.monotonic, keep: bool = True) -> None:
        self.app, self.clock, self.keep = app, clock, keep
        self.entries: list[tuple[float, str, str, str]] = []  # (time, method, path, query), when kept
        self.count = 0  # provider requests (admin and index left out)
        self.refused = 0  # of them, answered 429

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            path = scope["path"]
            if path == "/_bench/requests":  # the count, for a client in another process
                body = json.dumps({"requests": self.count, "refused": self.refused}).encode()
                await send({"type": "http.response.start", "status": 200,
                            "headers": [(b"content-type", b"application/json")]})  # fmt: skip
                await send({"type": "http.response.body", "body": body})
                return
            if not path.startswith("/_admin") and path != "/":
                self.count += 1
                send = self._counting(send)
            if self.keep:
                query = scope.get("query_string", b"").decode("latin-1")
                self.entries.append((self.clock(), scope["method"], path, query))
        await self.app(scope, receive, send)

    def _counting(self, send: Any) -> Any:
        async def counted(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and message["status"] == 429:
                self.refused += 1
            await send(message)

        return counted

    def provider_requests(self) -> list[tuple[float, str, str, str]]:
        """Requests to the providers' APIs (the admin API and the index left out)."""
        return [e for e in self.entries if not e[2].startswith("/_admin") and e[2] != "/"]


def log_requests(emu: Any, keep: bool = True) -> RequestLog:
    """Wrap a not yet started Emulator's app in a RequestLog (uvicorn loads the app when it starts)."""
    log = RequestLog(emu._server.config.app, keep=keep)
    emu._server.config.app = log
    return log


@contextmanager
def emulator_process(*args: str) -> Iterator[str]:
    """The emulator in its own process (`benchmarks.server`: it also counts requests); yields its URL."""
    command = [sys.executable, "-m", "benchmarks.server", *args]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split()[3]  # "benchmark emulator on URL"
        httpx.get(url + "/", timeout=10).raise_for_status()
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def server_requests(url: str) -> int:
    """Provider requests that reached a `benchmarks.server` so far."""
    return server_counts(url)[0]


def server_counts(url: str) -> tuple[int, int]:
    """Provider requests that reached a `benchmarks.server` so far, and how many of them it answered 429."""
    counts = httpx.get(url + "/_bench/requests", timeout=10).json()
    return int(counts["requests"]), int(counts["refused"])


def add_tasks(url: str, scripts: list[dict[str, Any]]) -> None:
    with httpx.Client(timeout=60) as client:
        for start in range(0, len(scripts), 1000):
            client.post(url + "/_admin/tasks", json=scripts[start : start + 1000]).raise_for_status()


def lift_client_limits() -> None:
    """The benchmarks' emulator serves without Lobstr's documented limits, and so does the client here: the
    request budget still runs on every request (as for the providers that document none), holding none."""
    import taskwait

    taskwait.set_rate_limit("lobstr", None)
