"""Loaded by the rate-limit benchmark's Celery workers (TASKWAIT_CELERY_INCLUDE): an on_done callback that records
when each wait ended, and the scaled workload's client limits (the workers share the scaled Lobstr rate in Redis)."""

from __future__ import annotations

import json
import os
import time

import redis
from celery import shared_task  # type: ignore[import-untyped]

import taskwait

taskwait.set_rate_limit("lobstr", None)  # Lobstr's documented minute is not the scaled workload's: Redis holds it


def mark(state_json: str, key: str) -> None:
    """Append [task id, now (epoch seconds)] to the Redis list `key`."""
    client = redis.Redis.from_url(os.environ["TASKWAIT_BROKER_URL"])
    client.rpush(key, json.dumps([json.loads(state_json)["task_id"], time.time()]))
    client.close()


shared_task(name="benchmarks.mark_done", ignore_result=True)(mark)
