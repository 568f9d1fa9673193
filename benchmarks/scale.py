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
from pathlib import Path
from typing import Any

import anyio
import httpx

import taskwait
from benchmarks.common import add_tasks, emulator_process, percentile, server_requests, spread
from taskwait.engine import Observed, Policy, Sleep, decide, start
from taskwait.snapshot import TaskSnapshot
from taskwait.status import Status

# httpx's async pool costs more CPU per request the more connections it holds (measured here:
# ~0.7 ms at 8 connections, ~3 ms at 64), so the scale run keeps taskwait's default concurrency.
INTERVAL, MAX_INTERVAL, CONCURRENCY = 5.0, 15.0, 10
ROOT = Path(__file__).resolve().parent.parent


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
) -> tuple[dict[str, Any], list[float], int, dict[str, float]]:
    lags: list[float] = []
    polls = 0
    seen: dict[str, float] = {}  # when the client held each task's terminal snapshot (monotonic)
    done = anyio.Event()

    async def watch_loop() -> None:
        while not done.is_set():
            before = time.perf_counter()
            await anyio.sleep(0.01)
            lags.append(time.perf_counter() - before - 0.01)

    def count(task_id: str, n: int, elapsed: float) -> None:
        nonlocal polls
        polls += 1

    def update(snapshot: TaskSnapshot) -> None:
        if snapshot.status.is_terminal and snapshot.task_id not in seen:
            seen[snapshot.task_id] = time.monotonic()

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
            on_update=update,
        )
        done.set()
    return results, lags, polls, seen


def scenario(n_tasks: int, seed: int, time_scale: float) -> list[dict[str, Any]]:
    """Openmart tasks lasting 10-60 s (times time_scale), 10 % failing, each success with its own data."""
    rng = random.Random(seed)
    scripts = []
    for i in range(n_tasks):
        script: dict[str, Any] = {"provider": "openmart", "task_id": f"scale-{i:05d}",
                                  "duration": rng.uniform(10, 60) * time_scale}  # fmt: skip
        if rng.random() < 0.1:
            script["outcome"] = "failure"
        else:
            script["data"] = {"n": i, "token": rng.getrandbits(64)}
        scripts.append(script)
    return scripts


def _post(url: str, scripts: list[dict[str, Any]], batch: int = 100) -> tuple[dict[str, float], float]:
    """Add the tasks; (the time before each task's batch was sent, the longest batch: the bound on
    when the emulator created a task). Times are this process's monotonic clock."""
    sent: dict[str, float] = {}
    longest = 0.0
    with httpx.Client(timeout=60) as client:
        for start in range(0, len(scripts), batch):
            chunk = scripts[start : start + batch]
            before = time.monotonic()
            client.post(url + "/_admin/tasks", json=chunk).raise_for_status()
            longest = max(longest, time.monotonic() - before)
            sent.update(dict.fromkeys((s["task_id"] for s in chunk), before))
    return sent, longest


def check(scripts: list[dict[str, Any]], results: dict[str, Any]) -> dict[str, int]:
    """Each task against what the emulator scripted: lost (no terminal snapshot) or wrong (status, id, data)."""
    lost = wrong = succeeded = failed = 0
    for script in scripts:
        result = results.get(script["task_id"])
        if not isinstance(result, TaskSnapshot) or not result.status.is_terminal:
            lost += 1
            continue
        expected = Status.FAILED if script.get("outcome") == "failure" else Status.SUCCEEDED
        ok = result.status is expected and result.task_id == script["task_id"]
        if expected is Status.SUCCEEDED:
            ok = ok and result.data == script["data"]
        wrong += not ok
        succeeded += ok and expected is Status.SUCCEEDED
        failed += ok and expected is Status.FAILED
    return {"lost": lost, "wrong": wrong, "succeeded": succeeded, "failed": failed}


def run(n_tasks: int = 10_000, seed: int = 3, time_scale: float = 1.0) -> dict[str, Any]:
    """time_scale shrinks durations and intervals alike (smoke tests use a small one)."""
    scripts = scenario(n_tasks, seed, time_scale)
    durations = [s["duration"] for s in scripts]
    interval, max_interval = INTERVAL * time_scale, MAX_INTERVAL * time_scale
    ids = [s["task_id"] for s in scripts]
    with emulator_process() as url:
        sent, bound = _post(url, scripts)
        served0 = server_requests(url)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        results, lags, polls, seen = anyio.run(_wait, url, ids, interval, max_interval)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        served = server_requests(url) - served0
    # detection delay: the client's terminal snapshot minus the emulator's finish (created + duration);
    # the creation is known to within `bound` (it happened while its batch was posted), so the delay
    # below may overstate the true one by up to that much, never understate it
    delays = [seen[s["task_id"]] - (sent[s["task_id"]] + s["duration"]) for s in scripts if s["task_id"] in seen]
    ideal = ideal_requests(durations, interval, max_interval)
    return {
        "tasks": n_tasks, **check(scripts, results), "wall_s": wall,
        "requests": polls, "requests_at_server": served, "ideal_requests": ideal,
        "requests_per_s": served / wall, "ideal_requests_per_s": ideal / wall,
        "delay_p50_s": percentile(delays, 50), "delay_p95_s": percentile(delays, 95),
        "delay_max_s": max(delays, default=float("nan")), "creation_bound_s": bound,
        "client_cpu_us_per_poll": cpu / max(polls, 1) * 1e6,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "loop_lag_p99_ms": percentile(lags, 99) * 1000, "loop_lag_max_ms": max(lags, default=0) * 1000,
        "concurrency": CONCURRENCY, "interval": interval, "max_interval": max_interval,
    }  # fmt: skip


FIGURES = ("wall_s", "requests_per_s", "ideal_requests_per_s", "delay_p50_s", "delay_p95_s", "delay_max_s",
           "client_cpu_us_per_poll", "peak_rss_mb", "loop_lag_p99_ms", "loop_lag_max_ms")  # fmt: skip


def one(n_tasks: int = 10_000, time_scale: float = 1.0) -> dict[str, Any]:
    """One round of `run` in fresh processes (this module as the client, so peak RSS is the client's alone)."""
    command = [sys.executable, "-m", "benchmarks.scale", str(n_tasks), str(time_scale)]
    return dict(json.loads(subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout))


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Rounds of `run`: counts summed, timed figures as spreads, every round kept."""
    out: dict[str, Any] = {key: runs[0][key] for key in ("tasks", "concurrency", "interval", "max_interval")}
    out |= {key: sum(r[key] for r in runs) for key in ("lost", "wrong", "succeeded", "failed")}
    out |= {key: spread([r[key] for r in runs]) for key in FIGURES}
    out |= {"requests": [r["requests"] for r in runs], "requests_at_server": [r["requests_at_server"] for r in runs],
            "ideal_requests": runs[0]["ideal_requests"], "creation_bound_s": max(r["creation_bound_s"] for r in runs),
            "rounds": runs}  # fmt: skip
    return out


def throughput_one(n_tasks: int = 10_000, seconds: float = 10.0, clients: int = 2) -> dict[str, Any]:
    """Requests per second a fresh emulator process serves while holding n_tasks, loaded by `clients`
    processes for `seconds`; the count is taken at the server."""
    ids = [f"load-{i:05d}" for i in range(n_tasks)]
    with emulator_process() as url:
        add_tasks(url, [{"provider": "openmart", "task_id": t, "polls": 10**9} for t in ids])
        command = [sys.executable, "-m", "benchmarks.load", url, str(seconds), str(n_tasks)]
        before = server_requests(url)
        procs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(clients)]
        answers = [json.loads(proc.communicate(timeout=seconds + 60)[0]) for proc in procs]
        served = server_requests(url) - before
    if served != sum(a["requests"] for a in answers):
        raise RuntimeError("the server counted other requests than the load processes sent")
    return {"tasks_held": n_tasks, "seconds": seconds, "client_processes": clients,
            "requests_per_s": served / max(a["seconds"] for a in answers)}  # fmt: skip


def throughput_summary(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    per_round = [r["requests_per_s"] for r in rounds]
    return rounds[0] | {"requests_per_s": spread(per_round), "per_round": per_round}


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    print(json.dumps(run(size, time_scale=float(sys.argv[2]) if len(sys.argv) > 2 else 1.0)))
