"""Schedule efficiency on a simulated clock: requests per task and detection delay, per strategy.

Every strategy polls the same heavy-tailed task durations (log-normal, median 20 s, ~1 % past
10 minutes). Requests take no time; nothing sleeps for real. taskwait runs its real `wait_for`
(MockTransport, injected clock); the peers run their real libraries (tenacity, polling2) with
their sleep replaced by the simulated clock. Everything here is counted, not timed: the figures are
the same on every machine and every run (seeded).

Progress-reporting tasks: the same durations, each answered as a Flexprice task whose reported
fraction is linear progress plus a Brownian-bridge deviation (pinned at 0 at both ends), clipped
to [0, 0.999] and never going back; taskwait polls them with and without `use_progress`. The same
again as Databar bulk runs of 100 inputs, whose `progress` counts the inputs finished (completed,
no_data, failed) as the SDK documents it (databar==2.8.0 models.py TaskResponse.progress).

The frontier: for the same durations, the fewest requests per task that any FIXED list of poll
times (the same for every task) can reach with p95 detection delay <= D, by dynamic programming
(`frontier`).
"""

from __future__ import annotations

import bisect
import math
import random
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
        taskwait.wait_for(client, "t", timeout=None, clock=clock.time, sleep=clock.sleep, durations=None, **schedule)

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


BRIDGE_STEPS, BRIDGE_SIGMA = 200, 0.05
PROGRESS_SCHEDULE = {"interval": 1.0, "max_interval": 10.0}  # today's defaults, spelled out
PROGRESS_OFF = "progress-reporting tasks, use_progress=False (today)"
PROGRESS_ON = "progress-reporting tasks, use_progress=True"
BULK_OFF = "Databar bulk runs (100 inputs), use_progress=False"
BULK_ON = "Databar bulk runs (100 inputs), use_progress=True"
BULK_INPUTS = 100
LOWER_BOUND = "lower bound (one request at the finish)"


def bridge(rng: random.Random, sigma: float = BRIDGE_SIGMA, steps: int = BRIDGE_STEPS) -> list[float]:
    """A Brownian bridge on [0, 1] in `steps` steps, scaled by sigma: 0 at both ends."""
    walk = [0.0]
    for _ in range(steps):
        walk.append(walk[-1] + rng.gauss(0, math.sqrt(1 / steps)))
    end = walk[-1]
    return [sigma * (walk[i] - i / steps * end) for i in range(steps + 1)]


def _flexprice(status: str, fraction: float) -> tuple[str, dict[str, Any]]:
    return "flexprice", {"id": "t", "task_status": status, "processed_records": int(fraction * 1000),
                         "total_records": 1000, "status": "published"}  # fmt: skip


def _databar_bulk(status: str, fraction: float) -> tuple[str, dict[str, Any]]:
    """A Databar bulk run's answer: its inputs counted as finished (a tenth of them misses) or processing."""
    done = BULK_INPUTS if status == "COMPLETED" else int(fraction * BULK_INPUTS)
    progress = {"total": BULK_INPUTS, "completed": done - done // 10, "no_data": done // 10, "failed": 0,
                "processing": BULK_INPUTS - done}  # fmt: skip
    raw = "partially_completed" if status == "COMPLETED" else "processing"
    return "databar", {"task_id": "t", "status": raw, "progress": progress}


Answer = Callable[[str, float], tuple[str, dict[str, Any]]]  # (status, fraction) -> (provider, its answer)


def _progress_task(use_progress: bool, duration: float, deviation: list[float],
                   answer: Answer = _flexprice) -> tuple[int, float]:  # fmt: skip
    """One task with noisy linear progress (a Flexprice task, or as `answer` writes it), waited on by taskwait:
    (requests, detection delay)."""
    clock, count, last = Clock(), [0], [0.0]
    steps = len(deviation) - 1

    def handler(request: httpx.Request) -> httpx.Response:
        count[0] += 1
        if clock.now >= duration:
            status, fraction = "COMPLETED", 1.0
        else:
            x = clock.now / duration
            i = min(steps - 1, int(x * steps))
            fraction = x + deviation[i] + (deviation[i + 1] - deviation[i]) * (x * steps - i)
            fraction = max(last[0], min(0.999, max(0.0, fraction)))  # reported monotonically
            last[0], status = fraction, "PROCESSING"
        return httpx.Response(200, json=answer(status, fraction)[1])

    provider = answer("PROCESSING", 0.0)[0]
    client = taskwait.connect(provider, "k", httpx_args={"transport": httpx.MockTransport(handler)})
    taskwait.wait_for(client, "t", timeout=None, clock=clock.time, sleep=clock.sleep, use_progress=use_progress,
                      durations=None, **PROGRESS_SCHEDULE)  # fmt: skip
    return count[0], clock.now - duration


def _row(requests: int, delays: list[float], durations: list[float]) -> dict[str, float]:
    short = [d for d, duration in zip(delays, durations, strict=True) if duration < 10]
    return {"requests_per_task": requests / len(durations), "p50": percentile(delays, 50),
            "p95": percentile(delays, 95), "p99": percentile(delays, 99),
            "p95_under_10s": percentile(short, 95)}  # fmt: skip


def run(
    n_tasks: int = 10_000, seed: int = 1, strategies: dict[str, Poller] | None = None
) -> dict[str, dict[str, float]]:
    """Per strategy: requests per task and detection delay percentiles, plus the lower bound."""
    durations = lognormal_durations(n_tasks, seed)
    results: dict[str, dict[str, float]] = {}
    saved = random.getstate()  # taskwait's jitter and tenacity's random waits draw from `random`: seed it
    try:
        for name, poller in (strategies or STRATEGIES).items():
            random.seed(f"{seed}:{name}")
            results[name] = measure_strategy(poller, durations)
        rng = random.Random(seed)
        deviations = [bridge(rng) for _ in durations]
        runs: list[tuple[str, bool, Answer]] = [
            (PROGRESS_OFF, False, _flexprice),
            (PROGRESS_ON, True, _flexprice),
            (BULK_OFF, False, _databar_bulk),
            (BULK_ON, True, _databar_bulk),
        ]
        for name, use_progress, answer in runs:
            random.seed(f"{seed}:progress")  # the same jitter draws for each
            answers = [_progress_task(use_progress, d, b, answer) for d, b in zip(durations, deviations, strict=True)]
            results[name] = _row(sum(a[0] for a in answers), [a[1] for a in answers], durations)
    finally:
        random.setstate(saved)
    results[LOWER_BOUND] = {"requests_per_task": 1.0, "p50": 0.0, "p95": 0.0, "p99": 0.0,
                            "p95_under_10s": 0.0}  # fmt: skip
    return results


def measure_strategy(poller: Poller, durations: list[float], seed: str | None = None) -> dict[str, float]:
    """One strategy on these durations; with `seed`, the `random` module (jitter) seeded for it and restored."""
    if seed is not None:
        saved = random.getstate()
        random.seed(seed)
        try:
            return measure_strategy(poller, durations)
        finally:
            random.setstate(saved)
    requests, delays = 0, []
    for duration in durations:
        clock, count = Clock(), [0]

        def is_done(clock: Clock = clock, count: list[int] = count, duration: float = duration) -> bool:
            count[0] += 1
            return clock.now >= duration

        poller(is_done, clock)
        requests += count[0]
        delays.append(clock.now - duration)
    return _row(requests, delays, durations)


def _solve(d: list[float], late_of: list[int], weight: float) -> tuple[int, int, list[float]]:
    """Minimise requests + weight x late tasks over fixed poll lists: (requests, late, poll times) of the optimum.

    State i: the i shortest tasks are detected, the last poll was at d[i-1]. The next poll, at
    d[j-1] (j > i), costs one request for each of the n - i pending tasks and makes late those of
    tasks i..j-1 that finished more than D before it: max(0, late_of[j] - i) of them, where
    late_of[j] counts the tasks with d < d[j-1] - D. A poll between two finishes can always move
    back to the earlier finish without costing a request or adding a late task, so polling at the
    finishes themselves loses nothing: the optimum over this set is the optimum over all lists.
    """
    n = len(d)
    value = [0.0] * (n + 1)
    requests, late, choice = [0] * (n + 1), [0] * (n + 1), [n] * (n + 1)
    suffix: list[int] = [n] * (n + 2)  # suffix[k]: the j >= k minimising weight * late_of[j] + value[j]
    last = n  # J(i): the last j whose poll makes none of tasks i.. late (late_of[j] <= i)
    for i in range(n - 1, -1, -1):
        while late_of[last] > i:
            last -= 1
        # value is non-increasing in i (fewer pending tasks cost no more), so among the polls that make
        # nothing late the furthest, J(i), is the best
        best_j, best = last, value[last]
        k = suffix[last + 1] if last + 1 <= n else n + 1
        if k <= n:
            cost = weight * (late_of[k] - i) + value[k]
            if cost < best:
                best_j, best = k, cost
        value[i], choice[i] = (n - i) + best, best_j
        requests[i] = (n - i) + requests[best_j]
        late[i] = max(0, late_of[best_j] - i) + late[best_j]
        here = weight * late_of[i] + value[i] if i >= 1 else math.inf
        nxt = suffix[i + 1]
        suffix[i] = i if i >= 1 and (nxt > n or here <= weight * late_of[nxt] + value[nxt]) else nxt
    polls, i = [], 0
    while i < n:
        polls.append(d[choice[i] - 1])
        i = choice[i]
    return requests[0], late[0], polls


def evaluate(polls: list[float], durations: list[float]) -> dict[str, float]:
    """A fixed list of poll times on these durations (a task past the last poll: polled again at its finish)."""
    requests, delays = 0, []
    for duration in durations:
        k = bisect.bisect_left(polls, duration)
        requests += k + 1
        delays.append(polls[k] - duration if k < len(polls) else 0.0)
    return {"requests_per_task": requests / len(durations), "p95": percentile(delays, 95)}


def frontier(durations: list[float], p95: float) -> dict[str, float]:
    """The fewest requests per task any fixed list of poll times reaches with p95 delay <= `p95`.

    A Lagrange multiplier on the number of late tasks (delay > p95), searched by bisection for the
    smallest one whose optimum keeps them within the 5 % the p95 allows: the requests of a list
    that meets the bound (so the true optimum is at most this, and equal to it up to the convex
    hull of the trade-off)."""
    d = sorted(durations)
    n = len(d)
    allowed = n - math.ceil(0.95 * n)  # tasks that may be late with percentile(delays, 95) <= p95
    late_of = [0] + [bisect.bisect_left(d, d[j - 1] - p95) for j in range(1, n + 1)]
    low, high = 0.0, float(n)
    best = _solve(d, late_of, high)
    if best[1] > allowed:
        raise ValueError("no weight keeps the late tasks within the bound")
    for _ in range(40):
        middle = (low + high) / 2
        answer = _solve(d, late_of, middle)
        if answer[1] <= allowed:
            high, best = middle, answer
        else:
            low = middle
    check = evaluate(best[2], durations)  # the list itself, replayed
    if abs(check["requests_per_task"] - best[0] / n) > 1e-9 or check["p95"] > p95:
        raise AssertionError(f"the frontier's poll list does not replay: {check}")
    return {"p95_bound": p95, "requests_per_task": best[0] / n, "p95": check["p95"], "late_tasks": best[1],
            "allowed_late": allowed, "polls": len(best[2]), "poll_times": best[2]}  # fmt: skip


# The learned schedule (taskwait.Durations): three duration distributions, each learned through LEARN_WAITS real
# waits on the simulated clock, then measured on fresh tasks (the model keeps learning from them, as it would).
LEARN_WAITS = 200
SHIFT_FINISHES, SHIFT_EVERY, SHIFT_SAMPLE = 200, 10, 2000


def _bimodal(n: int, seed: int) -> list[float]:
    """Two thirds a few seconds (log-normal, median 3 s), one third a few minutes (median 180 s), sigma 0.5 each."""
    rng = random.Random(seed)
    return [(3.0 if rng.random() < 2 / 3 else 180.0) * math.exp(0.5 * rng.gauss(0, 1)) for _ in range(n)]


def _pareto(n: int, seed: int) -> list[float]:
    """Heavy-tailed: Pareto with scale 5 s and shape 1.2 (mean 30 s, 1 % past 4 minutes)."""
    rng = random.Random(seed)
    return [5.0 * rng.paretovariate(1.2) for _ in range(n)]


DISTRIBUTIONS: dict[str, Callable[[int, int], list[float]]] = {
    "log-normal (median 20 s, σ 1.5)": lognormal_durations,
    "bimodal (2/3 median 3 s, 1/3 median 3 min)": _bimodal,
    "Pareto (5 s, α 1.2)": _pareto,
}


def _learning(durations: taskwait.Durations | None, target_delay: float | None = None) -> Poller:
    """taskwait.wait_for with this model (None: today's schedule), on the simulated clock."""

    def poll(is_done: Callable[[], bool], clock: Clock) -> None:
        def handler(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json={"task_id": "t", "status": "completed" if is_done() else "processing"})

        client = taskwait.connect("databar", "k", httpx_args={"transport": httpx.MockTransport(handler)})
        taskwait.wait_for(client, "t", timeout=None, clock=clock.time, sleep=clock.sleep, durations=durations,
                          target_delay=target_delay)  # fmt: skip

    return poll


def _replay(times: tuple[float, ...], durations: list[float], step: float = 10.0) -> dict[str, float]:
    """A learned poll list on these durations (its start is no poll; past its end, polls every `step`)."""
    polls = list(times[1:])
    longest = max(durations)
    while polls[-1] < longest:
        polls.append(polls[-1] + step)
    return evaluate(polls, durations)


def _shift(gen: Callable[[int, int], list[float]], seed: int, target: float, finishes: int) -> dict[str, Any]:
    """Learn, then the durations double: after each SHIFT_EVERY finishes, the p95 delay of the schedule then in
    force on SHIFT_SAMPLE fresh doubled tasks. The finishes until it is within `target` and stays so."""
    from taskwait.engine import Policy as _Policy
    from taskwait.engine import schedule as _schedule

    model = taskwait.Durations()
    measure_strategy(_learning(model), gen(LEARN_WAITS, seed), seed=f"{seed}:shift")
    doubled = [2 * d for d in gen(finishes, seed + 7)]
    fresh = [2 * d for d in gen(SHIFT_SAMPLE, seed + 2000)]
    curve = []
    for k in range(0, finishes + 1, SHIFT_EVERY):
        times = _schedule(_Policy(timeout=None), model.distribution("databar", "task"))
        curve.append((k, _replay(times, fresh)["p95"] if times else math.nan))
        if k < finishes:
            measure_strategy(_learning(model), doubled[k : k + SHIFT_EVERY], seed=f"{seed}:shift:{k}")
    late = [k for k, p95 in curve if not p95 <= target]
    back = 0 if not late else next((k for k, _ in curve if k > late[-1]), None)
    return {"curve": curve, "finishes_until_within_target": back, "target": target}


def learned(n_tasks: int = 10_000, seed: int = 1, shift_finishes: int = SHIFT_FINISHES) -> dict[str, dict[str, Any]]:
    """Per distribution: today's defaults, the learned schedule (default target_delay, and at today's p95), each
    beside the frontier on the same fresh tasks at its own p95; and the shift."""
    out: dict[str, dict[str, Any]] = {}
    for name, gen in DISTRIBUTIONS.items():
        fresh = gen(n_tasks, seed + 1000)
        rows: dict[str, Any] = {"defaults": measure_strategy(_learning(None), fresh, seed=f"{seed}:{name}")}
        for label, target in (("learned", None), ("learned_equal_delay", rows["defaults"]["p95"])):
            model = taskwait.Durations()
            measure_strategy(_learning(model, target), gen(LEARN_WAITS, seed), seed=f"{seed}:{name}:learn")
            row: dict[str, Any] = measure_strategy(_learning(model, target), fresh, seed=f"{seed}:{name}:{label}")
            point = frontier(fresh, row["p95"])
            row |= {"target_delay": target, "frontier": point["requests_per_task"],
                    "times_frontier": row["requests_per_task"] / point["requests_per_task"]}  # fmt: skip
            rows[label] = row
        if shift_finishes:
            rows["shift"] = _shift(gen, seed, Policy().max_interval, shift_finishes)
        out[name] = rows
    return out
