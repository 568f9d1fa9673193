"""Per-poll overhead against an in-process MockTransport: taskwait vs the generated call vs bare httpx."""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Callable
from typing import Any

import httpx

import taskwait
from benchmarks.common import body
from taskwait.providers import ADAPTERS

PATHS = {"databar": "/v1/tasks/{}", "openmart": "/api/v1/task/{}", "lobstr": "/v1/tasks/{}",
         "deepomatic": "/v0.7/tasks/{}", "flexprice": "/tasks/{}"}  # fmt: skip


def _per_call(ways: dict[str, Callable[[], Any]], n: int, rounds: int = 7) -> dict[str, float]:
    """CPU microseconds per call of each way: the best of `rounds` rounds of n calls.

    The ways take turns within each round, so a slow moment of the machine hits them alike.
    """
    best = dict.fromkeys(ways, float("inf"))
    for fn in ways.values():
        fn()
    for _ in range(rounds):
        for name, fn in ways.items():
            started = time.process_time()  # CPU time: what other processes do does not count
            for _ in range(n):
                fn()
            best[name] = min(best[name], (time.process_time() - started) / n)
    return {name: seconds * 1e6 for name, seconds in best.items()}


def _ways(bare: httpx.Client, path: str, get_task: Any, client: Any) -> dict[str, Callable[[], Any]]:
    return {
        "bare httpx + json.loads": lambda: json.loads(bare.get(path).content),
        "generated sync_detailed": lambda: get_task.sync_detailed("269999729", client=client),
        "taskwait.get_task": lambda: taskwait.get_task(client, "269999729"),
    }


def run(n: int = 1000) -> dict[str, dict[str, float]]:
    """Microseconds per poll for each provider and each way of polling."""
    results: dict[str, dict[str, float]] = {}
    for provider in taskwait.PROVIDERS:
        content = body(provider)
        transport = httpx.MockTransport(
            lambda request, c=content: httpx.Response(200, content=c, headers={"content-type": "application/json"})
        )
        adapter = ADAPTERS[provider]
        client = taskwait.connect(provider, "bench-key", httpx_args={"transport": transport})
        bare = httpx.Client(transport=transport, base_url=adapter.base_url, headers={adapter.auth_header: "bench-key"})
        path = PATHS[provider].format("269999729")
        get_task = importlib.import_module(f"{provider}_client.api.tasks.get_task")
        row = _per_call(_ways(bare, path, get_task, client), n)
        row["ratio"] = row["taskwait.get_task"] / row["bare httpx + json.loads"]
        results[provider] = row
    return results
