"""Many waits under one rate limit: Lobstr tasks polled by one process against the emulator's Lobstr limit.

The emulator runs in its own process with Lobstr's documented limit on /v1/tasks (90 requests a minute,
fixed windows, 429 with Retry-After); the client waits on every task with one `wait_for_many` (10
workers, interval 1 s, max_interval 10 s, as issue 20 measured main), once with the request budget on
and once with it off (`taskwait.budget.disable()`), side by side in the same run. Durations, the
limit's window and the client's intervals are all divided by one factor (`SCALE`), so a workload of
minutes runs in seconds; every delay reported is multiplied back.

Measured per workload and round: requests that reached the server, 429 answers (counted by an httpx
response hook in the client), detection delay (when `on_update` saw a task's terminal status, minus its
finish: creation, as the admin request returned, plus its duration) p50, p95, max; wall time; tasks lost
(not ended, or ended other than completed). The oracle: every finish time known, at most the same limit
in any window (a sliding window), each task polled at its finish or as soon after as the limit allows,
the earliest finish first (simulated exactly, no I/O). The same workload on two Celery workers:
`benchmarks.ratelimit_celery`.
"""

from __future__ import annotations

import contextlib
import heapq
import random
import time
from collections import deque
from typing import Any

import httpx

import taskwait
from benchmarks import ratelimit_celery
from benchmarks.common import add_tasks, emulator_process, percentile, server_requests, spread
from taskwait import budget
from taskwait.celery import testing

# Durations, the limit's window and the client's intervals are divided by this. Not more: Lobstr's X-RateLimit-Reset
# is a whole second, so a client that used up a window may idle up to 1 s (SCALE unscaled seconds) waiting for it;
# and Celery workers' messages cannot keep a faster pace on two cores.
SCALE = 10.0
LIMIT, WINDOW = 90, 60.0  # Lobstr's documented limit on /v1/tasks
# (name, tasks, low, high, on Celery): durations in unscaled seconds, drawn uniformly
WORKLOADS = [("100 tasks, 10-40 s", 100, 10.0, 40.0, False), ("1,000 tasks, 10-40 s", 1000, 10.0, 40.0, False),
             ("1,000 tasks, 60-600 s", 1000, 60.0, 600.0, False),
             ("1,000 tasks, 10-40 s, two Celery workers", 1000, 10.0, 40.0, True)]  # fmt: skip
TINY = [WORKLOADS[0], ("100 tasks, 10-40 s, two Celery workers", 100, 10.0, 40.0, True)]
TINY_SCALE = 30.0  # the smoke run's: a third of the time, figures not for the report


def oracle(finishes: list[float], limit: int, window: float) -> list[float]:
    """Detection delays of a scheduler that knows every finish and keeps `limit` in any span of `window`."""
    events, pending, sent, delays = sorted(finishes), [], deque[float](), []
    i, t = 0, 0.0
    while i < len(events) or pending:
        while i < len(events) and events[i] <= t:
            heapq.heappush(pending, events[i])
            i += 1
        while sent and sent[0] + window <= t + 1e-12:
            sent.popleft()
        if pending and len(sent) < limit:
            delays.append(t - heapq.heappop(pending))
            sent.append(t)
            continue
        upcoming = [events[i]] if i < len(events) else []
        if pending:
            upcoming.append(sent[0] + window)
        t = max(t, min(upcoming))
    return delays


def informed(finishes: list[float], low: float, high: float, limit: int, window: float, threshold: float,
             seed: int = 0) -> list[float]:  # fmt: skip
    """Detection delays of a scheduler that knows the durations' distribution (uniform on [low, high]) but no
    finish: each slot the limit allows (as the oracle's) goes to a unit most likely finished since its last poll
    (chance (F(t) - F(s)) / (1 - F(s)), polled at s, never polled: s = 0), once that chance reaches `threshold`."""

    def cdf(t: float) -> float:
        return min(1.0, max(0.0, (t - low) / (high - low)))

    rng = random.Random(seed)
    groups: dict[float, list[int]] = {0.0: list(range(len(finishes)))}  # last poll -> units not yet seen ended
    sent, delays, t = deque[float](), [], 0.0
    while groups:
        while sent and sent[0] + window <= t + 1e-12:
            sent.popleft()
        if len(sent) >= limit:
            t = sent[0] + window
            continue
        chance = {s: 1.0 if cdf(s) >= 1 else (cdf(t) - cdf(s)) / (1 - cdf(s)) for s in groups}
        best = max(chance, key=chance.__getitem__)
        if chance[best] < threshold:
            t += window / limit / 4
            continue
        units = groups[best]
        unit = units.pop(rng.randrange(len(units)))
        if not units:
            del groups[best]
        sent.append(t)
        if finishes[unit] <= t:
            delays.append(t - finishes[unit])
        else:
            groups.setdefault(t, []).append(unit)
        t += 1e-9
    return delays


THRESHOLDS = (0.0, 0.25, 0.5, 0.75, 0.9)  # the informed reference is the best of these


def _durations(n: int, low: float, high: float, seed: int) -> list[float]:
    """The workload's durations in unscaled seconds (both clients draw the same ones from the seed)."""
    rng = random.Random(seed)
    return [rng.uniform(low, high) for _ in range(n)]


def _one(url: str, n: int, low: float, high: float, on: bool, seed: int, scale: float) -> dict[str, Any]:
    durations = [d / scale for d in _durations(n, low, high, seed)]
    prefix = f"rl{seed}-{'on' if on else 'off'}-"
    ids = [f"{prefix}{i:05d}" for i in range(n)]
    budget.reset()
    taskwait.default_durations().clear()  # each run starts with nothing learned, as a new process would
    budget.reset_limits()
    taskwait.set_rate_limit("lobstr", LIMIT, per=WINDOW / scale, route="tasks")
    (budget.enable if on else budget.disable)()
    refused = [0]

    def hook(response: httpx.Response) -> None:
        if response.status_code == 429:
            refused[0] += 1

    client = taskwait.connect("lobstr", "emulator-key", base_url=url + "/lobstr",
                              httpx_args={"event_hooks": {"response": [hook]}})  # fmt: skip
    seen: dict[str, float] = {}

    def update(snap: taskwait.TaskSnapshot) -> None:
        if snap.status.is_terminal and snap.task_id not in seen:
            seen[snap.task_id] = time.monotonic()

    before = server_requests(url)
    add_tasks(url, [{"provider": "lobstr", "task_id": t, "duration": d, "fate": "success"}
                    for t, d in zip(ids, durations, strict=True)])  # fmt: skip
    created = time.monotonic()
    try:
        results = taskwait.wait_for_many(client, ids, interval=1.0 / scale, max_interval=10.0 / scale,
                                         timeout=3600.0 / scale, on_update=update)  # fmt: skip
    finally:
        budget.enable()
    wall = time.monotonic() - created
    requests = server_requests(url) - before
    delays = [(seen[t] - created - d) * scale for t, d in zip(ids, durations, strict=True) if t in seen]
    lost = sum(1 for t in ids if not isinstance(results.get(t), taskwait.TaskSnapshot)
               or results[t].status is not taskwait.Status.SUCCEEDED)  # fmt: skip
    return {"requests": requests, "refused": refused[0], "p50": percentile(delays, 50), "p95": percentile(delays, 95),
            "max": max(delays, default=float("nan")), "wall": wall * scale, "lost": lost}  # fmt: skip


def _with_oracle(row: dict[str, Any], n: int, low: float, high: float, seed: int) -> dict[str, Any]:
    finishes = _durations(n, low, high, seed)
    best = oracle(finishes, LIMIT, WINDOW)
    reference = min(percentile(informed(finishes, low, high, LIMIT, WINDOW, threshold), 95)
                    for threshold in THRESHOLDS)  # fmt: skip
    return row | {"oracle_p50": percentile(best, 50), "oracle_p95": percentile(best, 95), "oracle_max": max(best),
                  "informed_p95": reference}  # fmt: skip


def run(rounds: int = 2, workloads: list[tuple[str, int, float, float, bool]] | None = None,
        scale: float = SCALE) -> dict[str, Any]:  # fmt: skip
    """Every workload, budget on and off, `rounds` times (alternating which goes first); medians and spread.
    `scale` other than `SCALE` only for the smoke run: the figures are then not the report's."""
    chosen = workloads or WORKLOADS
    raw: dict[str, dict[str, list[dict[str, Any]]]] = {name: {"on": [], "off": []} for name, *_ in chosen}
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(emulator_process("--rate-limit", f"lobstr={LIMIT}/{WINDOW / scale:g}"))
        redis_url = stack.enter_context(testing.redis_server()) if any(c for *_, c in chosen) else ""
        for r in range(rounds):
            for name, n, low, high, celery in chosen:
                for on in (True, False) if r % 2 == 0 else (False, True):
                    time.sleep(WINDOW / scale + 0.2)  # the server's window of the last run is over
                    seed = 1000 * r + n
                    if celery:
                        scaled = [d / scale for d in _durations(n, low, high, seed)]
                        row = ratelimit_celery.one(url, redis_url, scaled, on, seed, scale=scale, limit=LIMIT,
                                                   window=WINDOW)  # fmt: skip
                    else:
                        row = _one(url, n, low, high, on, seed, scale)
                    raw[name]["on" if on else "off"].append(_with_oracle(row, n, low, high, seed))
    out: dict[str, Any] = {"scale": scale, "limit": LIMIT, "window": WINDOW, "rounds": rounds, "workloads": {}}
    for name, sides in raw.items():
        out["workloads"][name] = {
            side: {key: spread([row[key] for row in rows]) for key in rows[0]} for side, rows in sides.items()
        }
    return out


def table(r: dict[str, Any]) -> list[list[str]]:
    """Rows for the report: workload, side, then medians (min-max) of each figure."""
    rows = []
    for name, sides in r["workloads"].items():
        for side in ("on", "off"):
            s = sides[side]

            def cell(key: str, digits: int = 0, s: dict[str, Any] = s) -> str:
                v = s[key]
                return f"{v['median']:.{digits}f} ({v['min']:.{digits}f}-{v['max']:.{digits}f})"

            rows.append([name, "budget on" if side == "on" else "budget off", cell("requests"), cell("refused"),
                         cell("p50", 1), cell("p95", 1), cell("max", 1), cell("wall", 0), cell("lost"),
                         f"{s['oracle_p95']['median']:.1f}", f"{s['informed_p95']['median']:.1f}",
                         f"{s['p95']['median'] / s['oracle_p95']['median']:.2f}",
                         f"{s['p95']['median'] / s['informed_p95']['median']:.2f}"])  # fmt: skip
    return rows


def section(r: dict[str, Any]) -> str:
    """The report's section: the table and the targets, from this run's figures only."""
    head = ["workload", "client", "requests", "429 answers", "delay p50 (s)", "delay p95 (s)", "max (s)", "wall (s)",
            "tasks lost", "oracle p95 (s)", "informed p95 (s)", "p95 ÷ oracle", "p95 ÷ informed"]  # fmt: skip
    rows = table(r)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(row) + " |" for row in rows]
    on = [sides["on"] for sides in r["workloads"].values()]
    no_429 = all(s["refused"]["max"] == 0 for s in on)
    within = [s["p95"]["median"] / s["oracle_p95"]["median"] for s in on]
    informed_within = [s["p95"]["median"] / s["informed_p95"]["median"] for s in on]
    lost = max(s["lost"]["max"] for s in on)
    return f"""
## 9. Many waits under one rate limit (Lobstr, `benchmarks/ratelimit.py`)

Lobstr tasks waited on by one `wait_for_many` (10 workers, `interval` 1 s, `max_interval` 10 s, as the issue's
measurement) against the emulator in its own process with Lobstr's documented limit on /v1/tasks
({r["limit"]} a minute, fixed windows, 429 with Retry-After), with the request budget on and off
(`taskwait.budget.disable()`), side by side. The Celery workload: the same tasks submitted with
`taskwait.celery.submit` to two worker processes (8 threads each) and the beat sweeper, sharing the limit through
Redis (`install(rates=...)`; budget off: `TASKWAIT_BUDGET=off` on the workers); a wait ends when its `on_done`
callback runs; 429 answers are counted at the server. Durations, the limit's window and the clients' intervals
are divided by {r["scale"]:g} so the section runs in minutes; every delay and wall time below is multiplied back
(seconds as the unscaled workload would see them). Median (min–max) of {r["rounds"]} round(s). The
oracle knows every finish time and keeps the same limit in any window, simulated exactly. No scheduler that
must poll to learn of a finish can reach it where the polls are short; the informed reference shows what one
that knows the durations' distribution exactly (and no finish) reaches under the same limit: the best p95 of
simple schedulers that give each slot to a unit most likely finished since its last poll once that chance
reaches a threshold ({", ".join(f"{t:g}" for t in THRESHOLDS)}), simulated exactly. It is a reference, not a bound.

{chr(10).join(lines)}

Targets with the budget on: 0 answers 429 in every round: {"met" if no_429 else "NOT met"}; p95 within 1.3× the
oracle's: {", ".join(f"{w:.2f}×" for w in within)} ({"met" if all(w <= 1.3 for w in within) else "not met"}); no
task lost: {"met" if lost == 0 else f"NOT met ({lost})"}. Beside the informed reference (not a target): p95
{", ".join(f"{w:.2f}×" for w in informed_within)} its p95.
"""


if __name__ == "__main__":
    import json
    import sys

    tiny = "--tiny" in sys.argv
    result = run(1, TINY, TINY_SCALE) if tiny else run()
    print(json.dumps(result, indent=1))
    for row in table(result):
        print(" | ".join(row))
