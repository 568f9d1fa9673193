"""A Celery worker's wait ends at its deadline whatever part of the answer a server drips (real worker and sockets)."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
import redis
from celery import Celery  # type: ignore[import-untyped]

from taskwait.celery import install, submit
from taskwait.celery import state as state_of
from tests.celery.conftest import Spawn
from tests.hostile import DRIPS, drip_server

TIMEOUT = 1.0
SLACK = 0.5  # the contract: every wait ends within timeout + 0.5 s


@pytest.mark.slow
def test_a_worker_is_not_pinned_by_a_server_that_drips(redis_db: redis.Redis, redis_url: str, spawn: Spawn) -> None:
    settings: dict[str, Any] = {"lease": 60, "grace": 2, "sweep_interval": 1, "max_countdown": 5}  # a long lease
    app = Celery("deadline-client", broker=redis_url)
    install(app, redis_url=redis_url, lease=60, grace=2, sweep_interval=1, max_countdown=5)
    with drip_server() as url:
        env = {"TASKWAIT_BROKER_URL": redis_url, "TASKWAIT_CELERY_SETTINGS": json.dumps(settings),
               "DATABAR_API_KEY": "sk-drip-key", "TASKWAIT_DATABAR_BASE_URL": url}  # fmt: skip
        spawn(env, "w", concurrency=len(DRIPS)).wait_ready()
        submitted = {part: (submit(app, "databar", part, timeout=TIMEOUT), time.monotonic()) for part in sorted(DRIPS)}
        ended: dict[str, tuple[str | None, float]] = {}
        give_up = time.monotonic() + 30
        while len(ended) < len(submitted) and time.monotonic() < give_up:
            for part, (wait_id, at) in submitted.items():
                state = state_of(app, wait_id)
                if part not in ended and state.done:
                    ended[part] = (state.outcome, time.monotonic() - at)
            time.sleep(0.02)
    assert {part: outcome for part, (outcome, _) in ended.items()} == dict.fromkeys(sorted(DRIPS), "timed_out")
    late = {part: seconds for part, (_, seconds) in ended.items() if seconds > TIMEOUT + SLACK}
    assert not late, late
