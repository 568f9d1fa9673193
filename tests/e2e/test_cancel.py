"""Cancel end to end against the emulator over real sockets: Lobstr runs and Databar tasks, sync and async,
through `cancel` and through `cancel_on`; the cancel request bounded whatever the server does."""

from __future__ import annotations

import time
from collections.abc import Iterator

import anyio
import databar_client
import pytest
from databar_client.api.enrichments import bulk_run_enrichment
from databar_client.api.tables import export_table
from databar_client.models import EnrichmentBulkRunRequest, EnrichmentBulkRunRequestParamsItem, RunResponse
from lobstr_client.api.runs import start_run
from lobstr_client.api.squids import create_squid
from lobstr_client.api.tasks import add_tasks
from lobstr_client.models import AddTasksRequest, CreateSquidRequest, Run, StartRunRequest, TaskInput

import taskwait
import taskwait.cancelling as cancelling
from taskwait import Status
from taskwait.emulator import Created, Emulator, Faults

SLOW = Created(duration=(30.0, 30.0), failure_rate=0.0)  # still running whenever a test gives up on it


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(lobstr_rate_limit=None, created={"databar": SLOW, "lobstr": SLOW}) as emulator:
        yield emulator


def databar(emu: Emulator) -> databar_client.AuthenticatedClient:
    return taskwait.connect("databar", emu.api_key, base_url=emu.base_url("databar"))


def bulk(emu: Emulator, size: int = 20) -> RunResponse:
    body = EnrichmentBulkRunRequest(params=[EnrichmentBulkRunRequestParamsItem.from_dict({"email": f"a{i}@x"})
                                            for i in range(size)])  # fmt: skip
    started = bulk_run_enrichment.sync(1, client=databar(emu), body=body)
    assert isinstance(started, RunResponse)
    return started


def lobstr_run(emu: Emulator) -> tuple[object, Run]:
    client = taskwait.connect("lobstr", emu.api_key, base_url=emu.base_url("lobstr"))
    squid = create_squid.sync(client=client, body=CreateSquidRequest(crawler="4734d096159ef05210e0e1677e8be823"))
    assert squid is not None and not isinstance(squid, str)
    add_tasks.sync(
        client=client, body=AddTasksRequest(squid=squid.id, tasks=[TaskInput.from_dict({"url": "https://x"})])
    )  # type: ignore[union-attr]
    run = start_run.sync(client=client, body=StartRunRequest(squid=squid.id))  # type: ignore[union-attr]
    assert isinstance(run, Run)
    return client, run


def test_cancel_a_databar_task_keeps_its_finished_rows_and_refunds_the_rest(emu: Emulator) -> None:
    emu.set_created("databar", duration=(2.0, 2.0), failure_rate=0)
    task = bulk(emu)
    time.sleep(0.4)
    snap = taskwait.cancel(databar(emu), task)
    assert snap.status is Status.CANCELLED and snap.progress is not None and 0 < snap.progress.done < 20
    assert isinstance(snap.data, list) and len(snap.data) == snap.progress.done  # the finished rows
    assert snap.raw.credits_spent == snap.progress.done  # type: ignore[union-attr]  # the rest was refunded
    again = taskwait.cancel(databar(emu), task)  # 409: already over, its terminal snapshot comes back
    assert again.status is Status.CANCELLED and again.data == snap.data
    assert taskwait.get_task(databar(emu), task).status is Status.CANCELLED


def test_cancel_a_lobstr_run_aborts_it(emu: Emulator) -> None:
    client, run = lobstr_run(emu)
    snap = taskwait.cancel(client, run)  # type: ignore[arg-type]
    assert snap.kind == "run" and snap.task_id == run.id
    assert taskwait.get_task(client, run).status is Status.CANCELLED  # type: ignore[arg-type]


def test_cancel_on_timeout_stops_a_databar_task_sync_and_async(emu: Emulator) -> None:
    for use_async in (False, True):
        task = bulk(emu)
        with pytest.raises(taskwait.WaitTimeout) as exc:
            if use_async:
                anyio.run(lambda t=task: taskwait.wait_for_async(databar(emu), t, timeout=0.3, cancel_on={"timeout"}))
            else:
                taskwait.wait_for(databar(emu), task, timeout=0.3, cancel_on={"timeout"})
        assert exc.value.cancelled is True
        assert taskwait.get_task(databar(emu), task).status is Status.CANCELLED


def test_cancel_on_timeout_aborts_lobstr_runs_of_a_many_wait(emu: Emulator) -> None:
    client, run = lobstr_run(emu)
    results = taskwait.wait_for_many(client, [run], timeout=0.3, cancel_on={"timeout"})  # type: ignore[arg-type]
    ended = results[run.id]
    assert isinstance(ended, taskwait.WaitTimeout) and ended.cancelled is True
    assert taskwait.get_task(client, run).status is Status.CANCELLED  # type: ignore[arg-type]


def test_async_cancellation_cancels_the_lobstr_run(emu: Emulator) -> None:
    client, run = lobstr_run(emu)

    async def main() -> None:
        with anyio.move_on_after(0.3):
            await taskwait.wait_for_async(client, run, cancel_on={"interrupt"})  # type: ignore[arg-type]

    anyio.run(main)
    assert taskwait.get_task(client, run).status is Status.CANCELLED  # type: ignore[arg-type]


def test_the_cancel_request_is_bounded_whatever_the_server_does(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cancelling, "CANCEL_TIMEOUT", 0.5)
    task = bulk(emu)

    def hang_from_now_on(snap: taskwait.TaskSnapshot) -> None:
        emu.set_faults(Faults(rate_slow=1.0, slow_seconds=20))  # every answer from now on comes after 20 s

    started = time.monotonic()
    with pytest.raises(taskwait.WaitTimeout) as exc:
        taskwait.wait_for(databar(emu), task, timeout=0.5, cancel_on={"timeout"}, on_update=hang_from_now_on)
    elapsed = time.monotonic() - started
    assert exc.value.cancelled is False and "did not go through" in str(exc.value)
    assert elapsed < 0.5 + 0.5 + 0.5, elapsed  # the wait's deadline, the cancel's own time, a margin


def test_a_databar_export_is_a_unit_waits_take(emu: Emulator) -> None:
    emu.set_created("databar", duration=(0.2, 0.3))
    table = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
    started = export_table.sync(table, client=databar(emu))
    assert started is not None and not isinstance(started, str)
    snap = taskwait.wait_for(databar(emu), table, kind="export", interval=0.05)
    assert snap.status is Status.SUCCEEDED and str(snap.data["file"]).endswith(".csv")


def test_a_databar_bulk_run_reports_progress_to_the_wait(emu: Emulator) -> None:
    emu.set_created("databar", duration=(0.5, 0.5), failure_rate=0)
    seen: list[taskwait.Progress] = []
    snap = taskwait.wait_for(databar(emu), bulk(emu), interval=0.05,
                             on_update=lambda s: seen.append(s.progress) if s.progress else None)  # fmt: skip
    assert snap.status is Status.SUCCEEDED and seen[-1].total == 20 and seen[-1].done == 20
    assert any(0 < p.done < 20 for p in seen)
