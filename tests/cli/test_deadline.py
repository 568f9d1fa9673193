"""`taskwait wait --timeout` is a hard deadline, whatever the server does (a real hanging server on loopback)."""

from __future__ import annotations

import time

import pytest

from tests.cli.helpers import env
from tests.cli.helpers import taskwait as run_cli
from tests.hostile import DRIPS, drip_server, hostile_server

TIMEOUT = 1.0


def _start_up() -> float:
    """Seconds the interpreter and the imports take, before any wait begins."""
    started = time.monotonic()
    assert run_cli("--help").returncode == 0
    return time.monotonic() - started


def _wait_ends_at_the_deadline(url: str, task_id: str) -> None:
    start_up = _start_up()
    started = time.monotonic()
    done = run_cli("wait", "databar", task_id, "--timeout", str(TIMEOUT), "--base-url", url, "--quiet",
                   environ=env("databar"))  # fmt: skip
    elapsed = time.monotonic() - started
    assert done.returncode == 3 and "not finished" in done.stderr
    assert elapsed <= start_up * 1.5 + TIMEOUT + 0.5


@pytest.mark.parametrize("mode", ["hang", "drip", "never-accept"])
def test_wait_timeout_ends_the_command_at_the_deadline(mode: str) -> None:
    with hostile_server(mode) as url:
        _wait_ends_at_the_deadline(url, "T1")


@pytest.mark.parametrize("part", sorted(DRIPS))
def test_wait_timeout_holds_whatever_part_of_the_answer_drips(part: str) -> None:
    with drip_server() as url:
        _wait_ends_at_the_deadline(url, part)
