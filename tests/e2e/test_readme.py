"""The README's "Start the work" examples run as written, against the emulator."""

from __future__ import annotations

import re
import time
import types
from pathlib import Path
from typing import Any

import httpx
import pytest

import taskwait
from taskwait.emulator import Created, Emulator, Timing

README = (Path(__file__).parents[2] / "README.md").read_text()
SECTION = README.split("## Start the work", 1)[1].split("\n## ", 1)[0]
EXAMPLES = re.findall(r"```python\n(.*?)```", SECTION, re.DOTALL)
FAST = Created(duration=(0.05, 0.15), failure_rate=0.0)


@pytest.fixture(scope="module")
def emu() -> Any:
    created = dict.fromkeys(taskwait.PROVIDERS, FAST)
    with Emulator(lobstr_rate_limit=None, created=created, timing=Timing(0.01, 0.05)) as emulator:
        yield emulator


def test_there_is_one_example_per_provider() -> None:
    assert [e.split(":", 1)[0].removeprefix("# ") for e in EXAMPLES] == [
        "Databar", "Openmart", "Lobstr.io", "Deepomatic", "Flexprice"
    ]  # fmt: skip


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.split(":", 1)[0].removeprefix("# "))
def test_example_runs_against_the_emulator(emu: Emulator, example: str) -> None:
    def connect(provider: Any, *args: Any, **kwargs: Any) -> Any:
        return taskwait.connect(provider, emu.api_key, base_url=emu.base_url(provider), **kwargs)

    waits: dict[str, Any] = {}

    def wait_for(client: Any, handle: Any, **kwargs: Any) -> Any:
        snap = taskwait.wait_for(client, handle, interval=0.05, max_interval=0.1, timeout=10, **kwargs)
        waits[f"{snap.kind}:{snap.task_id}"] = snap
        return snap

    def wait_for_many(client: Any, task_ids: Any, **kwargs: Any) -> Any:
        results = taskwait.wait_for_many(client, task_ids, interval=0.05, max_interval=0.1, timeout=10, **kwargs)
        waits.update(results)
        return results

    shim = types.SimpleNamespace(**{n: getattr(taskwait, n) for n in taskwait.__all__})
    shim.connect, shim.wait_for, shim.wait_for_many = connect, wait_for, wait_for_many
    fast_time = types.SimpleNamespace(sleep=lambda seconds: time.sleep(min(seconds, 0.1)))
    namespace: dict[str, Any] = {"taskwait": shim, "httpx": httpx, "time": fast_time, "print": lambda *a: None}
    exec(compile(example, "README.md", "exec"), namespace)
    assert waits and all(isinstance(s, taskwait.TaskSnapshot) for s in waits.values())
    assert all(s.status is taskwait.Status.SUCCEEDED for s in waits.values())
