"""Fault soak: tasks of all five providers with 30 % of answers faulted, against a fault-free run."""

from __future__ import annotations

import random
import time
from typing import Any

import anyio
import httpx

import taskwait
from benchmarks.common import log_requests, spread
from taskwait.emulator import Emulator, Faults, TaskScript
from taskwait.status import Status

REQUEST_TIMEOUT, TIMEOUT = 0.5, 12.0
FAULTS = Faults(rate_429=0.06, rate_5xx=0.09, rate_drop=0.05, rate_slow=0.05, rate_malformed=0.05,
                retry_after=1, slow_seconds=REQUEST_TIMEOUT * 2)  # fmt: skip
EXPECTED = {"success": Status.SUCCEEDED, "failure": Status.FAILED, "cancel": Status.CANCELLED}


def scenario(n_tasks: int, seed: int, time_scale: float = 1.0) -> list[TaskScript]:
    rng, scripts = random.Random(seed), []
    for i in range(n_tasks):
        provider = taskwait.PROVIDERS[i % len(taskwait.PROVIDERS)]
        outcome = rng.choices(["success", "failure", "cancel"], [80, 15, 5])[0]
        if outcome == "cancel" and provider in ("deepomatic", "flexprice"):
            outcome = "failure"
        never = rng.random() < 0.02  # a few never finish: they must time out, on time
        duration = None if never else rng.uniform(0.5, 3) * time_scale
        scripts.append(TaskScript(provider, f"soak-{i:05d}", fate=outcome, duration=duration,
                                  polls=10**9 if never else 2, total=100))  # fmt: skip
    return scripts


async def _wait_all(emu: Emulator, scripts: list[TaskScript], scale: float) -> tuple[dict[str, Any], float]:
    results: dict[str, Any] = {}

    async def one(provider: str) -> None:
        ids = [s.task_id for s in scripts if s.provider == provider]
        client = taskwait.connect(provider, emu.api_key, base_url=emu.base_url(provider),
                                  timeout=httpx.Timeout(REQUEST_TIMEOUT))  # fmt: skip
        results.update(await taskwait.wait_for_many_async(client, ids, interval=0.1 * scale, max_interval=0.5 * scale,
                                                          timeout=TIMEOUT * scale, concurrency=8))  # fmt: skip

    started = time.monotonic()
    async with anyio.create_task_group() as group:
        for provider in taskwait.PROVIDERS:
            group.start_soon(one, provider)
    return results, time.monotonic() - started


def _once(n_tasks: int, seed: int, faults: Faults | None, scale: float) -> dict[str, Any]:
    scripts = scenario(n_tasks, seed, scale)
    emu = Emulator(seed=seed, faults=faults, lobstr_rate_limit=None)
    log = log_requests(emu, keep=False)  # every request at the door, faulted ones included
    with emu:
        for script in scripts:
            emu.store.add(script)
        results, elapsed = anyio.run(_wait_all, emu, scripts, scale)
        requests = log.count
    lost = [s.task_id for s in scripts if s.task_id not in results]
    invented, wrong = [], []
    for s in scripts:
        result = results.get(s.task_id)
        if isinstance(result, taskwait.TaskSnapshot):
            if result.status.is_terminal and result.raw_status != s.lifecycle[-1]:
                invented.append(s.task_id)  # a terminal status the server never sent
            if s.polls < 10**9 and result.status is not EXPECTED[s.fate]:
                wrong.append(s.task_id)
        elif s.polls < 10**9:
            wrong.append(s.task_id)  # a task that finishes must not end in an error
    never = {s.task_id for s in scripts if s.polls >= 10**9}
    timed_out = {task_id for task_id, r in results.items() if isinstance(r, taskwait.WaitTimeout)}
    return {"tasks": n_tasks, "lost": len(lost), "invented_terminal": len(invented), "wrong_outcome": len(wrong),
            "timed_out": len(timed_out), "scripted_never_to_finish": len(never),
            "never_finishing_timed_out": len(never & timed_out), "finishing_timed_out": len(timed_out - never),
            "requests": requests,
            "elapsed_s": elapsed, "overrun_s": max(0.0, elapsed - TIMEOUT * scale - REQUEST_TIMEOUT),
            "requests_per_task": requests / n_tasks}  # fmt: skip


COUNTS = ("lost", "invented_terminal", "wrong_outcome", "finishing_timed_out")


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The worst of the counts over the rounds; the spread of what depends on timing."""
    out: dict[str, Any] = {key: max(r[key] for r in runs) for key in COUNTS}
    out |= {"tasks": runs[0]["tasks"], "scripted_never_to_finish": runs[0]["scripted_never_to_finish"],
            "never_finishing_timed_out": min(r["never_finishing_timed_out"] for r in runs),
            "timed_out": [r["timed_out"] for r in runs],
            "requests_per_task": spread([r["requests_per_task"] for r in runs]),
            "overrun_s": spread([r["overrun_s"] for r in runs]), "rounds": runs}  # fmt: skip
    return out


def one(n_tasks: int = 1000, seed: int = 11, time_scale: float = 1.0) -> dict[str, Any]:
    """One round: the faulted and the fault-free run of the same seeded scenario, one after the other.

    time_scale shrinks task durations, the schedule and the deadline (not the request timeout)."""
    return {"faulted": _once(n_tasks, seed, FAULTS, time_scale), "fault_free": _once(n_tasks, seed, None, time_scale)}


def summary(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """The scenario and the faults are the same each round (seeded), but which request meets which fault
    depends on timing, so requests per task, their ratio and the overrun are given as a spread."""
    faulted, clean = [r["faulted"] for r in rounds], [r["fault_free"] for r in rounds]
    ratio = [f["requests_per_task"] / c["requests_per_task"] for f, c in zip(faulted, clean, strict=True)]
    return {"faulted": _summary(faulted), "fault_free": _summary(clean), "request_overhead": spread(ratio)}
