"""A pytest fixture for your own tests: `pytest_plugins = ["taskwait.emulator.pytest_plugin"]`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import Emulator

__all__ = ["taskwait_emulator"]


@pytest.fixture
def taskwait_emulator() -> Iterator[Emulator]:
    """A fresh emulator on a free loopback port, without Lobstr's rate limit, stopped after the test."""
    with Emulator(lobstr_rate_limit=None) as emulator:
        yield emulator
