"""Deepomatic's multi-task endpoint: requests per polling round for many pending tasks, counted at the server.

Every request that reaches the emulator is logged at the door with the ids it names (the
`task_ids` of a list request, the id in a single GET's path). A polling round is one pass over
the pending ids: it closes with the request that names the last id not yet named in it, and its
requests are counted exactly (no division by a client-side poll count).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import taskwait
from benchmarks.common import log_requests
from taskwait.emulator import Emulator

SINGLE = "/deepomatic/v0.7/tasks/"
LIST = "/deepomatic/v0.7/tasks"


def _named(path: str, query: str) -> list[str]:
    """The task ids a request names."""
    if path.rstrip("/") == LIST:
        return [i for value in parse_qs(query).get("task_ids", []) for i in value.split(",") if i]
    if path.startswith(SINGLE):
        return [path[len(SINGLE) :].rstrip("/")]
    return []


def rounds_of(requests: list[tuple[str, str]], ids: set[str]) -> tuple[list[int], int]:
    """Requests of each complete round (one pass over `ids`), and the requests of the unfinished last one."""
    per_round: list[int] = []
    seen: set[str] = set()
    count = 0
    for path, query in requests:
        count += 1
        seen.update(_named(path, query))
        if ids <= seen:
            per_round.append(count)
            seen, count = set(), 0
    return per_round, count


def run(n_tasks: int = 1000, rounds: int = 5) -> dict[str, Any]:
    emu = Emulator(lobstr_rate_limit=None)
    log = log_requests(emu)
    with emu:
        ids = [emu.add_task("deepomatic", polls=10**9).task_id for _ in range(n_tasks)]
        client = taskwait.connect("deepomatic", emu.api_key, base_url=emu.base_url("deepomatic"))
        results = taskwait.wait_for_many(
            client, ids, interval=0.3, max_interval=0.3, timeout=0.3 * (rounds - 1) + 0.1, concurrency=4
        )
    requests = [(path, query) for _, _, path, query in log.provider_requests()]
    per_round, partial = rounds_of(requests, set(ids))
    worst = max(per_round)
    return {"tasks": n_tasks, "rounds": len(per_round), "requests": len(requests),
            "requests_per_round": per_round, "partial_round_requests": partial,
            "worst_requests_per_round": worst, "single_get_requests_per_round": n_tasks,
            "reduction": n_tasks / worst,
            "all_timed_out_not_lost": all(isinstance(r, taskwait.WaitTimeout) for r in results.values())
            and len(results) == n_tasks}  # fmt: skip
