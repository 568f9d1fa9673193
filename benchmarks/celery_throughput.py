"""Waits on Celery workers: waits completed per second with one and with two workers, and poll lateness.

Real components: a redis-server of its own, `taskwait.celery.worker` subprocesses (thread pool), the
Celery beat sweeper, and the emulator (Lobstr's rate limit off: the figures measure the workers).
Lateness is when a poll was made minus when its state said it was due (p50/p95, seconds).
"""

from __future__ import annotations

import random
import time
from typing import Any

import redis
from celery import Celery  # type: ignore[import-untyped]

from benchmarks.common import percentile, spread
from taskwait.celery import install, submit, testing
from taskwait.celery import state as state_of
from taskwait.emulator import Emulator

PROVIDERS = ("databar", "openmart", "deepomatic", "flexprice")


def _run(url: str, emu: Emulator, workers: int, n: int, durations: tuple[float, float], concurrency: int,
         seed: int) -> dict[str, Any]:  # fmt: skip
    db = redis.Redis.from_url(url)
    db.flushall()
    settings = {"lease": 10, "grace": 5, "sweep_interval": 1, "max_countdown": 10, "metrics": True}
    env = testing.worker_env(url, emu, settings)
    try:
        with testing.fleet(env, "bench", workers=workers, concurrency=concurrency):
            app = Celery("bench-client", broker=url)
            install(app, redis_url=url, **settings)
            rng = random.Random(seed)
            tasks = [emu.add_task(PROVIDERS[i % 4], duration=rng.uniform(*durations)) for i in range(n)]
            started = time.monotonic()
            ids = [submit_one(app, t.provider, t.task_id) for t in tasks]
            while not all(state_of(app, w).done for w in ids):
                time.sleep(0.1)
            elapsed = time.monotonic() - started
            lateness = [float(v) for v in db.lrange("taskwait:lateness", 0, -1)]
            stats = [emu.stats(t.provider, t.task_id) for t in tasks]
            requests = sum(s["requests"] for s in stats if s is not None)
    finally:
        db.close()
    return {"workers": workers, "waits": n, "seconds": round(elapsed, 2), "waits_per_second": round(n / elapsed, 1),
            "requests": requests, "requests_per_second": round(requests / elapsed, 1),
            "lateness_p50": round(percentile(lateness, 50), 4),
            "lateness_p95": round(percentile(lateness, 95), 4)}  # fmt: skip


def submit_one(app: Any, provider: str, task_id: str) -> str:
    return submit(app, provider, task_id, timeout=120, interval=0.2, max_interval=1.0)


def measure(n: int = 1000, workers: tuple[int, ...] = (1, 2), durations: tuple[float, float] = (0.5, 3.0),
            concurrency: int = 8, seed: int = 3) -> dict[str, Any]:  # fmt: skip
    """One row per worker count: waits/s, requests/s and poll lateness p50/p95 (n waits, polled every 0.2-1 s)."""
    with testing.redis_server() as url, Emulator(lobstr_rate_limit=None) as emu:
        return {
            f"{w} worker{'s' if w > 1 else ''}": _run(url, emu, w, n, durations, concurrency, seed) for w in workers
        }


FIGURES = ("waits_per_second", "requests_per_second", "lateness_p50", "lateness_p95", "seconds")


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Rounds of `measure`: per worker count, the median and spread of each figure, and every round's requests."""
    return {
        name: {**{figure: spread([r[name][figure] for r in runs]) for figure in FIGURES},
               "waits": runs[0][name]["waits"], "workers": runs[0][name]["workers"],
               "requests": [r[name]["requests"] for r in runs]}
        for name in runs[0]
    }  # fmt: skip


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 1000), indent=2))
