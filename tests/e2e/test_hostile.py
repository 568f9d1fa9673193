"""The deadline is hard whatever the server does: hangs, drips its body, never accepts (real sockets)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import anyio
import httpx
import pytest

import taskwait
from tests.hostile import DEEP, _answer, hostile_server

TIMEOUT = 0.6
SLACK = 0.5  # the contract: every wait ends within timeout + 0.5 s
MODES = ["hang", "drip", "never-accept"]


def timed(call: Callable[[], Any]) -> tuple[float, BaseException | None]:
    started = time.monotonic()
    try:
        call()
    except taskwait.TaskwaitError as exc:
        return time.monotonic() - started, exc
    return time.monotonic() - started, None


def client(url: str, **kwargs: Any) -> Any:
    return taskwait.connect("databar", "sk-hostile-key", base_url=url, **kwargs)


@pytest.mark.parametrize("mode", MODES)
def test_wait_for_ends_at_the_deadline(mode: str) -> None:
    with hostile_server(mode) as url:
        elapsed, error = timed(lambda: taskwait.wait_for(client(url), "T1", timeout=TIMEOUT))
    assert isinstance(error, taskwait.WaitTimeout) and TIMEOUT * 0.9 <= elapsed <= TIMEOUT + SLACK


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
@pytest.mark.parametrize("mode", MODES)
def test_wait_for_async_ends_at_the_deadline(mode: str, backend: str) -> None:
    with hostile_server(mode) as url:
        c = client(url)
        elapsed, error = timed(
            lambda: anyio.run(lambda: taskwait.wait_for_async(c, "T1", timeout=TIMEOUT), backend=backend)
        )
    assert isinstance(error, taskwait.WaitTimeout) and elapsed <= TIMEOUT + SLACK


@pytest.mark.parametrize("mode", MODES)
def test_wait_for_many_ends_at_the_deadline_sync_and_async(mode: str) -> None:
    with hostile_server(mode) as url:
        started = time.monotonic()
        results = taskwait.wait_for_many(client(url), ["T1", "T2", "T3"], timeout=TIMEOUT)
        assert time.monotonic() - started <= TIMEOUT + SLACK
        started = time.monotonic()
        results_async = anyio.run(lambda: taskwait.wait_for_many_async(client(url), ["T1", "T2"], timeout=TIMEOUT))
        assert time.monotonic() - started <= TIMEOUT + SLACK
    assert all(isinstance(r, taskwait.WaitTimeout) for r in [*results.values(), *results_async.values()])


@pytest.mark.parametrize("mode", MODES)
def test_get_task_is_bounded_by_the_request_timeout_even_when_the_body_drips(mode: str) -> None:
    with hostile_server(mode) as url:
        c = client(url, timeout=httpx.Timeout(TIMEOUT))
        elapsed, error = timed(lambda: taskwait.get_task(c, "T1"))
        async_elapsed, async_error = timed(lambda: anyio.run(taskwait.get_task_async, c, "T1"))
    assert isinstance(error, taskwait.ProviderError) and elapsed <= TIMEOUT + SLACK
    assert isinstance(async_error, taskwait.ProviderError) and async_elapsed <= TIMEOUT + SLACK


def test_a_200_nested_100000_deep_is_an_unreadable_answer_not_a_crash() -> None:
    with hostile_server(_answer(200, DEEP)) as url:
        with pytest.raises(taskwait.WaitTimeout, match="unreadable body"):
            taskwait.wait_for(client(url), "T1", timeout=TIMEOUT, interval=0.1)
        with pytest.raises(taskwait.ProviderError, match="unreadable body") as exc:
            taskwait.get_task(client(url), "T1")
    assert exc.value.status_code == 200


def test_an_error_body_nested_deep_still_gives_a_typed_error() -> None:
    with hostile_server(_answer(418, DEEP)) as url, pytest.raises(taskwait.ProviderError) as exc:
        taskwait.get_task(client(url), "T1")
    assert exc.value.status_code == 418


def test_a_huge_body_is_not_read_to_the_end() -> None:
    huge = b'{"task_id": "T1", "status": "' + b"x" * (20 * 1024 * 1024) + b'"}'
    with hostile_server(_answer(200, huge)) as url, pytest.raises(taskwait.ProviderError, match="AnswerTooLarge"):
        taskwait.get_task(client(url), "T1")
