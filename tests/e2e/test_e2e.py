"""taskwait against the emulator over real sockets: every provider, every fault, no hangs, no invented outcomes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest

import taskwait
from taskwait import Status
from taskwait.emulator import Emulator, Faults
from taskwait.emulator.formats import FORMATS

pytest_plugins = ["taskwait.emulator.pytest_plugin"]
PROVIDERS = sorted(FORMATS)
REQUEST_TIMEOUT = 0.25


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(lobstr_rate_limit=None) as emulator:
        yield emulator


def client(emu: Emulator, provider: str, key: str | None = None) -> Any:
    return taskwait.connect(provider, key or emu.api_key, base_url=emu.base_url(provider),
                            timeout=httpx.Timeout(REQUEST_TIMEOUT))  # fmt: skip


def wait(emu: Emulator, provider: str, task_id: str, **kwargs: Any) -> taskwait.TaskSnapshot:
    kwargs.setdefault("interval", 0.01)
    kwargs.setdefault("max_interval", 0.05)
    kwargs.setdefault("timeout", 5)
    return taskwait.wait_for(client(emu, provider), task_id, **kwargs)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_success(emu: Emulator, provider: str) -> None:
    script = emu.add_task(provider, polls=3, total=50, data={"rows": [1, 2]})
    snap = wait(emu, provider, script.task_id)
    assert snap.status is Status.SUCCEEDED and snap.raw_status == script.lifecycle[-1]
    stats = emu.stats(provider, script.task_id)
    assert stats is not None and stats["requests"] == 4
    if provider in ("databar", "openmart", "deepomatic"):
        assert snap.data == {"rows": [1, 2]}
    if provider == "flexprice":
        assert snap.progress == taskwait.Progress(50, 50)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_failure(emu: Emulator, provider: str) -> None:
    script = emu.add_task(provider, fate="failure", error="input row 3 is invalid", polls=1)
    with pytest.raises(taskwait.TaskFailed) as exc:
        wait(emu, provider, script.task_id)
    assert exc.value.snapshot.raw_status == script.lifecycle[-1]
    if provider != "openmart":
        assert exc.value.snapshot.error == "input row 3 is invalid"


@pytest.mark.parametrize("provider", [p for p in PROVIDERS if "cancel" in FORMATS[p].lifecycles])
def test_cancellation(emu: Emulator, provider: str) -> None:
    script = emu.add_task(provider, fate="cancel", polls=2, total=40)
    snap = wait(emu, provider, script.task_id, raise_on_failure=False)
    assert snap.status is Status.CANCELLED
    if provider == "lobstr":
        assert snap.progress is not None and snap.progress.done == 40


@pytest.mark.parametrize("provider", PROVIDERS)
def test_wrong_key_and_unknown_task(emu: Emulator, provider: str) -> None:
    script = emu.add_task(provider)
    with pytest.raises(taskwait.AuthenticationError) as exc:
        taskwait.wait_for(client(emu, provider, "not-the-key"), script.task_id)
    assert exc.value.status_code == FORMATS[provider].unauthorized[0]
    assert emu.stats(provider, script.task_id)["requests"] == 0  # type: ignore[index]
    with pytest.raises(taskwait.TaskNotFound):
        wait(emu, provider, "no-such-task")


FAULT_SCRIPTS = {
    "429-storm": (["429"] * 3, Faults(script=("429",) * 3, retry_after=0.1)),
    "5xx-storm": (["500", "502", "503", "500"], None),
    "dropped": (["drop", "drop"], None),
    "slow": (["slow"], None),
    "malformed": (["malformed", "malformed"], None),
}


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("name", sorted(FAULT_SCRIPTS))
def test_faults_are_survived(emu: Emulator, provider: str, name: str) -> None:
    kinds, faults = FAULT_SCRIPTS[name]
    faults = faults or Faults(script=tuple(kinds), slow_seconds=REQUEST_TIMEOUT * 3)
    script = emu.add_task(provider, polls=1, faults=faults)
    started = time.monotonic()
    snap = wait(emu, provider, script.task_id)
    elapsed = time.monotonic() - started
    assert snap.status is Status.SUCCEEDED and snap.raw_status == script.lifecycle[-1]
    stats = emu.stats(provider, script.task_id)
    # each fault costs one request; a slow answer still moves the task on (the client just never read it)
    assert stats is not None and stats["requests"] == len(kinds) + 2 - kinds.count("slow")
    if name == "429-storm":
        assert elapsed >= 0.3  # three Retry-After: 0.1, each beyond max_interval 0.05


@pytest.mark.parametrize("provider", PROVIDERS)
def test_unknown_status_keeps_polling_then_succeeds(emu: Emulator, provider: str) -> None:
    lifecycle = FORMATS[provider].lifecycles["success"]
    script = emu.add_task(provider, statuses=[lifecycle[0], "REINDEXING", lifecycle[-1]], polls=4)
    snap = wait(emu, provider, script.task_id)
    assert snap.status is Status.SUCCEEDED


@pytest.mark.parametrize("provider", PROVIDERS)
def test_never_hangs_past_the_deadline(emu: Emulator, provider: str) -> None:
    script = emu.add_task(provider, statuses=["REINDEXING", "never"], polls=10**6,
                          faults=Faults(rate_slow=0.3, slow_seconds=REQUEST_TIMEOUT * 4))  # fmt: skip
    started = time.monotonic()
    with pytest.raises(taskwait.WaitTimeout) as exc:
        wait(emu, provider, script.task_id, timeout=0.4)
    assert time.monotonic() - started <= 0.4 + REQUEST_TIMEOUT + 0.5  # deadline + one request + slack for a busy CI
    last = exc.value.snapshot
    assert last is None or last.status is Status.UNKNOWN


@pytest.mark.parametrize("timeout", [0, -0.0])
def test_a_zero_timeout_looks_once_and_says_so(emu: Emulator, timeout: float) -> None:
    script = emu.add_task("databar", polls=10**6)
    started = time.monotonic()
    with pytest.raises(taskwait.WaitTimeout, match=", 1 poll ") as exc:
        wait(emu, "databar", script.task_id, timeout=timeout)
    assert time.monotonic() - started < 1.0 and exc.value.snapshot is not None
    assert emu.stats("databar", script.task_id)["requests"] == 1  # type: ignore[index]


def test_a_far_deadline_with_no_client_timeout_is_no_overflow(emu: Emulator) -> None:
    script = emu.add_task("databar", polls=1)
    unbounded = taskwait.connect("databar", emu.api_key, base_url=emu.base_url("databar"), timeout=httpx.Timeout(None))
    snap = taskwait.wait_for(unbounded, script.task_id, timeout=1e15, interval=0.01)  # sockets refuse 1e15 s
    assert snap.status is Status.SUCCEEDED


def test_many_over_sockets_sync_and_async(emu: Emulator) -> None:
    ids = {p: [emu.add_task(p, polls=2, fate="success" if i % 3 else "failure").task_id for i in range(12)]
           for p in PROVIDERS}  # fmt: skip
    for provider in PROVIDERS:
        results = taskwait.wait_for_many(client(emu, provider), ids[provider], interval=0.01, max_interval=0.05,
                                         timeout=10, concurrency=4)  # fmt: skip
        statuses = [results[i].status for i in ids[provider]]  # type: ignore[union-attr]
        assert statuses == [Status.FAILED if i % 3 == 0 else Status.SUCCEEDED for i in range(12)]

    async def main() -> dict[str, Any]:
        deep = emu.add_task("deepomatic", polls=1).task_id
        return await taskwait.wait_for_many_async(client(emu, "deepomatic"), [deep, "missing"], interval=0.01)

    results = anyio.run(main)
    assert isinstance(results["missing"], taskwait.TaskNotFound)
    assert next(r for r in results.values() if isinstance(r, taskwait.TaskSnapshot)).status is Status.SUCCEEDED


def test_the_pytest_fixture_serves(taskwait_emulator: Emulator) -> None:
    script = taskwait_emulator.add_task("flexprice", polls=0)
    snap = wait(taskwait_emulator, "flexprice", script.task_id)
    assert snap.status is Status.SUCCEEDED
