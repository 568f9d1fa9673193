"""The rate-limit section's Celery workload: Lobstr tasks waited on by two `taskwait.celery` workers.

The same scaled workload as `benchmarks.ratelimit` (the emulator in its own process with Lobstr's limit, durations,
the window and the intervals divided by `SCALE`), submitted with `taskwait.celery.submit` to two worker processes
(thread pools) and the beat sweeper, which share the limit through Redis (`install(rates=...)`, the scaled window).
Budget off: the workers run with `TASKWAIT_BUDGET=off` (no shared window, no header feedback). A wait's end is when
its on_done callback ran on a worker (`benchmarks.celery_marks`); 429 answers are counted at the server.
"""

from __future__ import annotations

import json
import time
from typing import Any

import attrs
import redis
from celery import Celery  # type: ignore[import-untyped]

from benchmarks.common import add_tasks, percentile, server_counts
from taskwait.celery import install, submit, testing
from taskwait.celery import state as state_of

WORKERS, CONCURRENCY = 2, 8
CHUNK = 50  # tasks made and submitted at a time


@attrs.frozen
class _Server:
    """What `testing.worker_env` reads of an emulator, for the one in another process."""

    url: str
    api_key: str = "emulator-key"

    def base_url(self, provider: str) -> str:
        return f"{self.url}/{provider}"


def one(url: str, redis_url: str, durations: list[float], on: bool, seed: int, *, scale: float, limit: int,
        window: float) -> dict[str, Any]:  # fmt: skip
    """One run: a task per duration (scaled seconds), budget on or off; the figures multiplied back."""
    n = len(durations)
    ids = [f"rlc{seed}-{'on' if on else 'off'}-{i:05d}" for i in range(n)]
    settings = {"lease": 10, "grace": 5, "sweep_interval": 0.5, "max_countdown": 10, "rate_guard": 0.05,
                "rates": {"lobstr": [limit, window / scale]}}  # fmt: skip
    db = redis.Redis.from_url(redis_url)
    db.flushall()
    env = testing.worker_env(redis_url, _Server(url), settings, include="benchmarks.celery_marks")
    env["TASKWAIT_BUDGET"] = "on" if on else "off"
    try:
        with testing.fleet(env, "rl", workers=WORKERS, concurrency=CONCURRENCY):
            app = Celery("bench-ratelimit", broker=redis_url)
            install(app, redis_url=redis_url, **(settings | {"rates": {"lobstr": (limit, window / scale)}}))
            callback = app.signature("benchmarks.mark_done", kwargs={"key": "bench:done"})
            before, waits, created = server_counts(url), [], [0.0] * n
            for start in range(0, n, CHUNK):  # each task is made just before its wait is submitted
                add_tasks(url, [{"provider": "lobstr", "task_id": ids[i], "duration": durations[i], "fate": "success"}
                                for i in range(start, min(n, start + CHUNK))])  # fmt: skip
                created[start : start + CHUNK] = [time.time()] * len(ids[start : start + CHUNK])
                waits += [submit(app, "lobstr", t, timeout=3600.0 / scale, interval=1.0 / scale,
                                 max_interval=10.0 / scale, on_done=callback)
                          for t in ids[start : start + CHUNK]]  # fmt: skip
            submitted = time.time() - created[0]
            while db.llen("bench:done") < n and time.time() - created[0] < 3600.0 / scale + 30:
                time.sleep(0.05)
            wall = time.time() - created[0]
            after = server_counts(url)
            seen = {t: at for t, at in (json.loads(x) for x in db.lrange("bench:done", 0, -1))}
            states = [state_of(app, w) for w in waits]
    finally:
        db.close()
    delays = [(seen[t] - c - d) * scale for t, c, d in zip(ids, created, durations, strict=True) if t in seen]
    lost = sum(1 for s in states if s.outcome != "succeeded") + n - len(seen)
    return {"requests": after[0] - before[0], "refused": after[1] - before[1], "p50": percentile(delays, 50),
            "p95": percentile(delays, 95), "max": max(delays, default=float("nan")), "wall": wall * scale,
            "lost": lost, "submitted": submitted * scale}  # fmt: skip
