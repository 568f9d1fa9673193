"""What the benchmarks share: the machine's description, task bodies, an emulator in its own process."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import random
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import httpx

from taskwait.emulator.formats import FORMATS, TaskView

DONE = {"databar": "completed", "openmart": "COMPLETED", "lobstr": "completed", "deepomatic": "success",
        "flexprice": "COMPLETED"}  # fmt: skip


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


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


@contextmanager
def emulator_process(*args: str) -> Iterator[str]:
    """`python -m taskwait.emulator` in its own process; yields its URL."""
    command = [sys.executable, "-m", "taskwait.emulator", "--port", "0", "--lobstr-rate-limit", "0", *args]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split()[3]
        httpx.get(url + "/", timeout=10).raise_for_status()
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def add_tasks(url: str, scripts: list[dict[str, Any]]) -> None:
    with httpx.Client(timeout=60) as client:
        for start in range(0, len(scripts), 1000):
            client.post(url + "/_admin/tasks", json=scripts[start : start + 1000]).raise_for_status()
