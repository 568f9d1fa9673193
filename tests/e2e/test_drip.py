"""The deadline bounds the whole exchange, whatever part of the answer a server drips (real sockets on loopback).

Each server sends one part a byte every 0.1 s, so that no single read ever waits for a read timeout: the
status line, the headers, a chunked body's chunk sizes, its trailers, or endless `1xx` interim answers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import anyio
import httpx
import pytest

import taskwait
from tests.hostile import DRIPS, drip_server

TIMEOUT = 1.0
SLACK = 0.5  # the contract: every wait ends within timeout + 0.5 s
PARTS = sorted(DRIPS)


def timed(call: Callable[[], Any]) -> tuple[float, object]:
    """Seconds the call took, and what it returned or raised."""
    started = time.monotonic()
    try:
        outcome: object = call()
    except taskwait.TaskwaitError as exc:
        outcome = exc
    return time.monotonic() - started, outcome


def client(url: str, **kwargs: Any) -> Any:
    return taskwait.connect("databar", "sk-drip-key", base_url=url, **kwargs)


@pytest.fixture(scope="module")
def url() -> Any:
    with drip_server() as base_url:
        yield base_url


@pytest.mark.parametrize("part", PARTS)
def test_get_task_ends_within_the_client_timeout(url: str, part: str) -> None:
    c = client(url, timeout=httpx.Timeout(TIMEOUT))
    elapsed, error = timed(lambda: taskwait.get_task(c, part))
    async_elapsed, async_error = timed(lambda: anyio.run(taskwait.get_task_async, c, part))
    assert isinstance(error, taskwait.ProviderError) and elapsed <= TIMEOUT + SLACK, (elapsed, error)
    assert isinstance(async_error, taskwait.ProviderError) and async_elapsed <= TIMEOUT + SLACK


@pytest.mark.parametrize("part", PARTS)
def test_wait_for_ends_at_the_deadline(url: str, part: str) -> None:
    elapsed, error = timed(lambda: taskwait.wait_for(client(url), part, timeout=TIMEOUT))
    assert isinstance(error, taskwait.WaitTimeout) and TIMEOUT * 0.9 <= elapsed <= TIMEOUT + SLACK, (elapsed, error)


@pytest.mark.parametrize("part", PARTS)
def test_wait_for_async_ends_at_the_deadline(url: str, part: str) -> None:
    c = client(url)
    elapsed, error = timed(lambda: anyio.run(lambda: taskwait.wait_for_async(c, part, timeout=TIMEOUT)))
    assert isinstance(error, taskwait.WaitTimeout) and elapsed <= TIMEOUT + SLACK, (elapsed, error)


def test_wait_for_many_ends_at_the_deadline_with_every_part_at_once(url: str) -> None:
    elapsed, results = timed(lambda: taskwait.wait_for_many(client(url), PARTS, timeout=TIMEOUT))
    assert isinstance(results, dict) and elapsed <= TIMEOUT + SLACK, elapsed
    assert sorted(results) == PARTS and all(isinstance(r, taskwait.WaitTimeout) for r in results.values())


@pytest.mark.parametrize("part", PARTS)
def test_step_is_cut_at_the_deadline_and_the_state_times_out(url: str, part: str) -> None:
    c = client(url)
    state = taskwait.begin("databar", part, timeout=TIMEOUT)
    started = time.monotonic()
    while not state.done:
        state = taskwait.step(c, state)
    assert time.monotonic() - started <= TIMEOUT + SLACK and state.outcome == "timed_out"
