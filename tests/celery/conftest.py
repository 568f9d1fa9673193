"""A redis-server of our own for the Celery tests (started once, flushed before each test), and a worker factory."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis

from taskwait.celery import testing
from taskwait.emulator import Emulator

Spawn = Callable[..., testing.Worker]


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    if shutil.which("redis-server") is None:  # a failure, not a skip: the proof must run where `make test` runs
        pytest.fail(testing.MISSING_REDIS)
    with testing.redis_server() as url:
        yield url


@pytest.fixture
def redis_db(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    yield client
    client.close()


def worker_env(redis_url: str, emu: Emulator, settings: dict[str, Any]) -> dict[str, str]:
    """What each test worker gets: broker, settings, the emulator's key and base URLs, the test callbacks."""
    return testing.worker_env(redis_url, emu, settings, include="tests.celery.callbacks")


@pytest.fixture
def spawn(tmp_path: Any) -> Iterator[Spawn]:
    """Start celery subprocesses (workers, beat); every one still running is stopped after the test."""
    started: list[testing.Worker] = []

    def start(env: dict[str, str], name: str, **kwargs: Any) -> testing.Worker:
        worker = testing.Worker(env, name, folder=str(tmp_path), **kwargs)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
