"""Lobstr's whole lifecycle through the generated client against the emulator: squid, tasks, run, results."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from lobstr_client.api.results import list_results
from lobstr_client.api.runs import abort_run, download_run, get_run, get_run_stats, list_run_tasks, start_run
from lobstr_client.api.squids import create_squid
from lobstr_client.api.tasks import add_tasks, get_upload_status, list_tasks, upload_tasks
from lobstr_client.models import (
    AddTasksRequest,
    AddTasksResponse,
    CreateSquidRequest,
    ResultList,
    Run,
    RunDownload,
    RunStats,
    RunTaskList,
    Squid,
    StartRunRequest,
    TaskInput,
    TaskList,
    TaskUpload,
    UploadMeta,
    UploadStatus,
    UploadTasksBody,
)
from lobstr_client.types import File

import taskwait
from taskwait import Status
from taskwait.emulator import Emulator

CRAWLER = "4734d096159ef05210e0e1677e8be823"


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(lobstr_rate_limit=None) as emulator:
        yield emulator


@pytest.fixture
def client(emu: Emulator) -> Any:
    emu.set_created("lobstr", duration=(0.05, 0.15), failure_rate=0.0, total=(3, 8))
    return taskwait.connect("lobstr", emu.api_key, base_url=emu.base_url("lobstr"))


def new_squid(client: Any, *urls: str) -> tuple[str, list[str]]:
    squid = create_squid.sync(client=client, body=CreateSquidRequest(crawler=CRAWLER, name="e2e"))
    assert isinstance(squid, Squid)
    if not urls:
        return squid.id, []
    tasks = [TaskInput.from_dict({"url": u}) for u in urls]
    added = add_tasks.sync(client=client, body=AddTasksRequest(squid=squid.id, tasks=tasks))
    assert isinstance(added, AddTasksResponse) and added.duplicated_count == 0
    return squid.id, [t.id for t in added.tasks]


def wait_run(client: Any, run_id: str) -> Run:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        run = get_run.sync(run_id, client=client)
        assert isinstance(run, Run)
        if run.is_done:
            return run
        time.sleep(0.02)
    raise AssertionError("the run did not end")


def test_squid_tasks_run_wait_and_collect(emu: Emulator, client: Any) -> None:
    squid, tasks = new_squid(client, "https://a.example", "https://b.example", "https://c.example")
    run = start_run.sync(client=client, body=StartRunRequest(squid=squid))
    assert isinstance(run, Run) and run.status in ("pending", "running") and not run.is_done

    snapshots = [taskwait.wait_for(client, t, interval=0.02, max_interval=0.05, timeout=5) for t in tasks]
    assert all(s.status is Status.SUCCEEDED and s.raw_status == "completed" for s in snapshots)

    finished = wait_run(client, run.id)
    stats = get_run_stats.sync(run.id, client=client)
    assert finished.status == "done" and finished.done_reason == "tasks_done" and finished.export_done is True
    assert isinstance(stats, RunStats) and stats.percent_done == "100%" and stats.total_tasks_done == 3

    results = list_results.sync(client=client, run=run.id, limit=100)
    assert isinstance(results, ResultList)
    assert results.total_results == finished.total_results == sum(s.progress.done or 0 for s in snapshots)
    assert {r.run for r in results.data} == {run.id}

    runtasks = list_run_tasks.sync(client=client, run=run.id)
    assert isinstance(runtasks, RunTaskList) and sorted(t.task for t in runtasks.data) == sorted(tasks)

    link = download_run.sync(run.id, client=client)
    assert isinstance(link, RunDownload)
    rows = list(csv.DictReader(io.StringIO(httpx.get(link.s3).text)))
    assert len(rows) == results.total_results


def test_upload_then_abort_reports_cancelled_tasks(emu: Emulator, client: Any) -> None:
    emu.set_created("lobstr", duration=(0.1, 0.1), failure_rate=0.0, total=(50, 50))  # an upload takes 0.05 s
    squid, _ = new_squid(client)
    csv_file = File(io.BytesIO(b"url\nhttps://a.example\nhttps://b.example\n"), "tasks.csv", "text/csv")
    accepted = upload_tasks.sync(client=client, body=UploadTasksBody(file=csv_file, squid=squid))
    assert isinstance(accepted, TaskUpload)
    states = []
    while not states or states[-1] in ("PENDING", "PROGRESS"):
        answer = get_upload_status.sync_detailed(accepted.id, client=client)
        assert isinstance(answer.parsed, UploadStatus)
        states.append(answer.parsed.state)
        assert answer.status_code == (200 if states[-1] == "SUCCESS" else 202)
        time.sleep(0.01)
    assert states[0] == "PENDING" and states[-1] == "SUCCESS"
    assert isinstance(answer.parsed.meta, UploadMeta) and answer.parsed.meta.inserted == 2
    listed = list_tasks.sync(client=client, squid=squid)
    assert isinstance(listed, TaskList) and [t.params["url"] for t in listed.data] == ["https://a.example",
                                                                                     "https://b.example"]  # fmt: skip

    emu.set_created("lobstr", duration=(30.0, 30.0), failure_rate=0.0, total=(50, 50))  # a long run, to abort
    run = start_run.sync(client=client, body=StartRunRequest(squid=squid))
    assert isinstance(run, Run)
    aborted = abort_run.sync(run.id, client=client)
    assert isinstance(aborted, Run) and aborted.done_reason == "aborted" and aborted.is_done
    with pytest.raises(taskwait.TaskCancelled) as exc:
        taskwait.wait_for(client, listed.data[0].id, interval=0.02, timeout=5)
    assert exc.value.snapshot.raw_status == "aborted"
    after = get_run.sync(run.id, client=client)
    assert isinstance(after, Run) and after.status == "aborted"
