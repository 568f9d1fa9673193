"""The sync and async shells drive one engine: same snapshots, same requests, same sleeps."""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import pytest

import taskwait
from tests.support import FakeTime, Script, ok


def script_answers() -> list[Any]:
    return [
        ok("flexprice", "T1", "PENDING", done=0, total=10),
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.ConnectError("refused"),
        ok("flexprice", "T1", "PROCESSING", done=3, total=10),
        httpx.Response(502, text="bad gateway"),
        ok("flexprice", "T1", "WEIRD", done=6, total=10),
        httpx.Response(200, text="{oops"),
        ok("flexprice", "T1", "COMPLETED", done=10, total=10),
    ]


def run_sync() -> tuple[list[Any], int, list[float]]:
    fake, seen = FakeTime(), []
    script = Script(script_answers(), time=fake)
    final = taskwait.wait_for(script.client("flexprice"), "T1", on_update=seen.append, **fake.kwargs())
    return [*seen, final], len(script.requests), fake.sleeps


def run_async(backend: str) -> tuple[list[Any], int, list[float]]:
    fake, seen = FakeTime(), []
    script = Script(script_answers(), time=fake)

    async def main() -> Any:
        client = script.client("flexprice")
        return await taskwait.wait_for_async(client, "T1", on_update=seen.append, **fake.kwargs(use_async=True))

    final = anyio.run(main, backend=backend)
    return [*seen, final], len(script.requests), fake.sleeps


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_sync_and_async_agree(backend: str) -> None:
    sync_snaps, sync_requests, sync_sleeps = run_sync()
    async_snaps, async_requests, async_sleeps = run_async(backend)
    assert sync_snaps == async_snaps and sync_requests == async_requests == 8
    assert sync_sleeps == async_sleeps and sync_sleeps[1] == pytest.approx(7)
    assert [s.raw_status for s in sync_snaps] == ["PENDING", "PROCESSING", "WEIRD", "COMPLETED", "COMPLETED"]


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_async_errors_and_get_task(backend: str) -> None:
    async def main() -> None:
        client = Script([httpx.Response(404, json={"detail": "Not found."})]).client("deepomatic")
        with pytest.raises(taskwait.TaskNotFound):
            await taskwait.wait_for_async(client, "T1")
        client = Script([ok("deepomatic", "T1", "pending")]).client("deepomatic")
        assert (await taskwait.get_task_async(client, "T1")).status is taskwait.Status.PENDING

    anyio.run(main, backend=backend)
