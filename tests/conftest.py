"""Test setup shared by every folder: the repository root on sys.path, and hypothesis settings."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

import taskwait

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # scripts/ is importable as a namespace package

# No per-example deadline: a busy CI machine must not turn a slow example into a failure.
settings.register_profile("taskwait", deadline=None)
settings.load_profile("taskwait")


@pytest.fixture(autouse=True)
def _fresh_durations() -> Iterator[None]:
    """Every test starts with nothing learned in the process's shared `default_durations()` (tests that pin
    today's schedule would otherwise depend on how many waits earlier tests ran)."""
    taskwait.default_durations().clear()
    yield
    taskwait.default_durations().clear()
