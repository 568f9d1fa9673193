"""An on_done callback the test workers load (TASKWAIT_CELERY_INCLUDE): it records what it was given in Redis."""

from __future__ import annotations

import os

import redis
from celery import shared_task  # type: ignore[import-untyped]


def record(state_json: str, tag: str) -> None:
    client = redis.Redis.from_url(os.environ["TASKWAIT_BROKER_URL"])
    client.rpush(f"test:done:{tag}", state_json)


shared_task(name="tests.record_done", ignore_result=True)(record)
