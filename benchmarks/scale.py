"""Scale: wait_for_many_async over many tasks against the emulator running in another process.

Run as its own process (python -m benchmarks.scale N) so that peak RSS is the client's alone;
prints one JSON object.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from typing import Any

import anyio
import httpx

import taskwait
from benchmarks.common import add_tasks, emulator_process, percentile
from taskwait.engine import Observed, Policy, Sleep, decide, start
from taskwait.snapshot import TaskSnapshot
from taskwait.status import Status

# httpx's async pool costs more CPU per request the more connections it holds (measured here:
# ~0.7 ms at 8 connections, ~3 ms at 64), so the scale run keeps taskwait's default concurrency.
INTERVAL, MAX_INTERVAL, CONCURRENCY = 5.0, 15.0, 10


def ideal_requests(durations: list[float], interval: float, max_interval: float) -> int:
    """Polls the schedule itself needs when answers are instant (the engine on a simulated clock)."""
    policy = Policy(timeout=None, interval=interval, max_interval=max_interval)
    running = Observed(TaskSnapshot("openmart", "t", Status.RUNNING, "PROCESSING"))
    total = 0
    for duration in durations:
        now, state = 0.0, start(policy, "openmart", "t", 0.0)
        while now < duration:
            decision, state = decide(policy, state, running, now, 0.5)
            assert isinstance(decision, Sleep)
            now += decision.seconds
            total += 1
        total += 1
    return total


async def _wait(
    url: str, ids: list[str], interval: float, max_interval: float
) -> tuple[dict[str, Any], list[float], int]:
    lags: list[float] = []
    polls = 0
    done = anyio.Event()

    async def watch_loop() -> None:
        while not done.is_set():
            before = time.perf_counter()
            await anyio.sleep(0.01)
            lags.append(time.perf_counter() - before - 0.01)

    def count(task_id: str, n: int, elapsed: float) -> None:
        nonlocal polls
        polls += 1

    client = taskwait.connect("openmart", "emulator-key", base_url=url + "/openmart",
                              httpx_args={"limits": httpx.Limits(max_connections=CONCURRENCY)})  # fmt: skip
    async with anyio.create_task_group() as group:
        group.start_soon(watch_loop)
        results = await taskwait.wait_for_many_async(
            client,
            ids,
            interval=interval,
            max_interval=max_interval,
            concurrency=CONCURRENCY,
            timeout=600,
            on_attempt=count,
        )
        done.set()
    return results, lags, polls


def run(n_tasks: int = 10_000, seed: int = 3, time_scale: float = 1.0) -> dict[str, Any]:
    """time_scale shrinks durations and intervals alike (smoke tests use a small one)."""
    rng = random.Random(seed)
    durations = [rng.uniform(10, 60) * time_scale for _ in range(n_tasks)]
    interval, max_interval = INTERVAL * time_scale, MAX_INTERVAL * time_scale
    ids = [f"scale-{i:05d}" for i in range(n_tasks)]
    with emulator_process() as url:
        add_tasks(
            url, [{"provider": "openmart", "task_id": t, "duration": d} for t, d in zip(ids, durations, strict=True)]
        )
        cpu0, wall0 = time.process_time(), time.perf_counter()
        results, lags, polls = anyio.run(_wait, url, ids, interval, max_interval)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    succeeded = sum(isinstance(r, TaskSnapshot) and r.status is Status.SUCCEEDED for r in results.values())
    return {
        "tasks": n_tasks, "succeeded": succeeded, "lost": n_tasks - len(results), "wall_s": wall,
        "requests": polls, "ideal_requests": ideal_requests(durations, interval, max_interval),
        "requests_per_s": polls / wall,
        "client_cpu_us_per_poll": cpu / max(polls, 1) * 1e6,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "loop_lag_p99_ms": percentile(lags, 99) * 1000, "loop_lag_max_ms": max(lags, default=0) * 1000,
        "concurrency": CONCURRENCY, "interval": interval, "max_interval": max_interval,
    }  # fmt: skip


def throughput(n_tasks: int = 10_000, seconds: float = 10.0, clients: int = 2) -> dict[str, Any]:
    """Requests per second the emulator serves while holding n_tasks, loaded by `clients` processes."""
    ids = [f"load-{i:05d}" for i in range(n_tasks)]
    with emulator_process() as url:
        add_tasks(url, [{"provider": "openmart", "task_id": t, "polls": 10**9} for t in ids])
        command = [sys.executable, "-m", "benchmarks.load", url, str(seconds), str(n_tasks)]
        procs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(clients)]
        answers = [json.loads(proc.communicate(timeout=seconds + 60)[0]) for proc in procs]
    count = sum(a["requests"] for a in answers)
    elapsed = max(a["seconds"] for a in answers)
    return {"tasks_held": n_tasks, "requests": count, "seconds": elapsed, "requests_per_s": count / elapsed,
            "client_processes": clients}  # fmt: skip


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    print(json.dumps(run(size, time_scale=float(sys.argv[2]) if len(sys.argv) > 2 else 1.0)))
