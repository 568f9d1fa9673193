"""`taskwait wait --timeout` is a hard deadline, whatever the server does (a real hanging server on loopback)."""

from __future__ import annotations

import time

import pytest

from tests.cli.helpers import env
from tests.cli.helpers import taskwait as run_cli
from tests.hostile import hostile_server

TIMEOUT = 1.0


@pytest.mark.parametrize("mode", ["hang", "drip", "never-accept"])
def test_wait_timeout_ends_the_command_at_the_deadline(mode: str) -> None:
    started = time.monotonic()
    assert run_cli("--help").returncode == 0
    start_up = time.monotonic() - started  # the interpreter and imports, before any wait begins
    with hostile_server(mode) as url:
        started = time.monotonic()
        done = run_cli("wait", "databar", "T1", "--timeout", str(TIMEOUT), "--base-url", url, "--quiet",
                       environ=env("databar"))  # fmt: skip
        elapsed = time.monotonic() - started
    assert done.returncode == 3 and "not finished" in done.stderr
    assert elapsed <= start_up * 1.5 + TIMEOUT + 0.5
