"""Deepomatic's multi-task endpoint: requests per polling round for many pending tasks."""

from __future__ import annotations

from typing import Any

import httpx

import taskwait
from taskwait.emulator import Emulator


def run(n_tasks: int = 1000, rounds: int = 3) -> dict[str, Any]:
    with Emulator(lobstr_rate_limit=None) as emu:
        ids = [emu.add_task("deepomatic", polls=10**9).task_id for _ in range(n_tasks)]
        sent: list[httpx.Request] = []
        client = taskwait.connect("deepomatic", emu.api_key, base_url=emu.base_url("deepomatic"),
                                  httpx_args={"event_hooks": {"request": [sent.append]}})  # fmt: skip
        polls: dict[str, int] = {}
        results = taskwait.wait_for_many(
            client, ids, interval=0.3, max_interval=0.3, timeout=0.3 * (rounds - 1) + 0.1, concurrency=4,
            on_attempt=lambda task_id, n, elapsed: polls.__setitem__(task_id, n),
        )  # fmt: skip
    done_rounds = max(polls.values())
    per_round = len(sent) / done_rounds
    return {"tasks": n_tasks, "rounds": done_rounds, "requests": len(sent), "requests_per_round": per_round,
            "single_get_requests_per_round": n_tasks, "reduction": n_tasks / per_round,
            "all_timed_out_not_lost": all(isinstance(r, taskwait.WaitTimeout) for r in results.values())
            and len(results) == n_tasks}  # fmt: skip
