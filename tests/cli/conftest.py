"""One emulator per test module, with the CLI tests' key."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from taskwait.emulator import Emulator
from tests.cli.helpers import KEY


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, lobstr_rate_limit=None) as emulator:
        yield emulator
