"""Schedule efficiency on a simulated clock: requests per task and detection delay, per strategy.

Every strategy polls the same heavy-tailed task durations (log-normal, median 20 s, ~1 % past
10 minutes). Requests take no time; nothing sleeps for real. taskwait runs its real `wait_for`
(MockTransport, injected clock); the peers run their real libraries (tenacity, polling2) with
their sleep replaced by the simulated clock.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import httpx
import polling2
import tenacity

import taskwait
from benchmarks.common import lognormal_durations, percentile
from taskwait.engine import Policy

Poller = Callable[[Callable[[], bool], "Clock"], None]  # poll(is_done, clock) until done


class Clock:
    """The simulated time, advanced only by sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(0.0, float(seconds))


def _fixed(step: float) -> Poller:
    def poll(is_done: Callable[[], bool], clock: Clock) -> None:
        while not is_done():
            clock.sleep(step)

    return poll


def _tenacity(wait: Any) -> Poller:
    def poll(is_done: Callable[[], bool], clock: Clock) -> None:
        retrying = tenacity.Retrying(sleep=clock.sleep, wait=wait, stop=tenacity.stop_never,
                                     retry=tenacity.retry_if_result(lambda done: not done))  # fmt: skip
        retrying(is_done)

    return poll


def _polling2(step: float) -> Poller:
    def poll(is_done: Callable[[], bool], clock: Clock) -> None:
        real = polling2.time
        polling2.time = types.SimpleNamespace(time=clock.time, sleep=clock.sleep)  # type: ignore[assignment]
        try:
            polling2.poll(is_done, step=step, poll_forever=True)
        finally:
            polling2.time = real

    return poll


def _taskwait(**schedule: float) -> Poller:
    """taskwait.wait_for itself, through a MockTransport that answers from the simulated clock."""

    def poll(is_done: Callable[[], bool], clock: Clock) -> None:
        def handler(request: httpx.Request) -> httpx.Response:
            status = "completed" if is_done() else "processing"
            return httpx.Response(200, json={"task_id": "t", "status": status})

        client = taskwait.connect("databar", "k", httpx_args={"transport": httpx.MockTransport(handler)})
        taskwait.wait_for(client, "t", timeout=None, clock=clock.time, sleep=clock.sleep, **schedule)

    return poll


DEFAULTS = f"taskwait defaults (1 s ×{Policy().factor:g} → 10 s)"
STRATEGIES: dict[str, Poller] = {
    DEFAULTS: _taskwait(),
    "taskwait max_interval=4": _taskwait(max_interval=4.0),
    "fixed 1 s": _fixed(1.0),
    "fixed 2 s (Databar SDK)": _fixed(2.0),
    "Deepomatic SDK (0.05 s, then 0.1 s + random exp ≤ 1 s)": _tenacity(
        tenacity.wait_chain(
            tenacity.wait_fixed(0.05),
            tenacity.wait_fixed(0.1) + tenacity.wait_random_exponential(multiplier=0.05, max=1.0),
        )
    ),
    "tenacity wait_exponential(1, max=30)": _tenacity(tenacity.wait_exponential(multiplier=1, max=30)),
    "polling2 step=5": _polling2(5.0),
}


def run(
    n_tasks: int = 10_000, seed: int = 1, strategies: dict[str, Poller] | None = None
) -> dict[str, dict[str, float]]:
    """Per strategy: requests per task and detection delay percentiles, plus the lower bound."""
    durations = lognormal_durations(n_tasks, seed)
    results: dict[str, dict[str, float]] = {}
    for name, poller in (strategies or STRATEGIES).items():
        requests, delays = 0, []
        for duration in durations:
            clock, count = Clock(), [0]

            def is_done(clock: Clock = clock, count: list[int] = count, duration: float = duration) -> bool:
                count[0] += 1
                return clock.now >= duration

            poller(is_done, clock)
            requests += count[0]
            delays.append(clock.now - duration)
        short = [d for d, duration in zip(delays, durations, strict=True) if duration < 10]
        results[name] = {"requests_per_task": requests / n_tasks, "p50": percentile(delays, 50),
                         "p95": percentile(delays, 95), "p99": percentile(delays, 99),
                         "p95_under_10s": percentile(short, 95)}  # fmt: skip
    results["lower bound (one request at the finish)"] = {"requests_per_task": 1.0, "p50": 0.0, "p95": 0.0, "p99": 0.0,
                                                         "p95_under_10s": 0.0}  # fmt: skip
    return results
