"""Flexprice's whole export lifecycle through the generated client against the emulator."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from flexprice_client.api.scheduled_tasks import create_scheduled_task, trigger_scheduled_task_run
from flexprice_client.api.tasks import download_task_export, get_task, list_tasks
from flexprice_client.models import (
    CreateScheduledTaskRequest,
    ErrorResponse,
    ListTasksResponse,
    S3JobConfig,
    ScheduledTaskEntityType,
    ScheduledTaskInterval,
    ScheduledTaskResponse,
    TaskDownloadResponse,
    TaskResponse,
    TaskStatus,
    TaskType,
    TriggerForceRunResponse,
)

import taskwait
from taskwait import Status
from taskwait.emulator import Emulator, Timing


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(lobstr_rate_limit=None, timing=Timing(flexprice_not_found=0.05)) as emulator:
        emulator.set_created("flexprice", duration=(0.05, 0.15), failure_rate=0.0, total=(4, 4))
        yield emulator


def test_force_run_poll_the_export_and_download_its_file(emu: Emulator) -> None:
    client = taskwait.connect("flexprice", emu.api_key, base_url=emu.base_url("flexprice"))
    request = CreateScheduledTaskRequest(
        connection_id="conn_01JABCDEF",
        entity_type=ScheduledTaskEntityType.SCHEDULED_TASK_ENTITY_TYPE_EVENTS,
        interval=ScheduledTaskInterval.SCHEDULED_TASK_INTERVAL_HOURLY,
        job_config=S3JobConfig(bucket="acme-exports", region="us-west-2"),
    )
    scheduled = create_scheduled_task.sync(client=client, body=request)
    assert isinstance(scheduled, ScheduledTaskResponse) and isinstance(scheduled.id, str)

    run = trigger_scheduled_task_run.sync(scheduled.id, client=client)
    assert isinstance(run, TriggerForceRunResponse) and isinstance(run.workflow_id, str)
    # The workflow writes its task a moment later: at first the id is unknown.
    early = get_task.sync(run.workflow_id, client=client)
    assert isinstance(early, ErrorResponse) and early.code == "not_found"

    snapshot = _wait(client, run.workflow_id)
    assert snapshot.status is Status.SUCCEEDED and snapshot.progress == taskwait.Progress(4, 4)
    export = get_task.sync(run.workflow_id, client=client)
    assert isinstance(export, TaskResponse) and export.task_type == TaskType.TASK_TYPE_EXPORT
    assert export.task_status == TaskStatus.TASK_STATUS_COMPLETED

    listed = list_tasks.sync(client=client, scheduled_task_id=scheduled.id, task_type=TaskType.TASK_TYPE_EXPORT)
    assert isinstance(listed, ListTasksResponse) and [t.id for t in listed.items or []] == [run.workflow_id]
    link = download_task_export.sync(run.workflow_id, client=client)
    assert isinstance(link, TaskDownloadResponse)
    exported = httpx.get(link.download_url)
    assert exported.status_code == 200 and len(exported.text.splitlines()) == 1 + 4


def _wait(client: Any, task_id: str) -> taskwait.TaskSnapshot:
    """wait_for once the task exists: taskwait raises TaskNotFound on a 404, which a fresh export answers."""
    for _ in range(100):
        try:
            return taskwait.wait_for(client, task_id, interval=0.02, max_interval=0.05, timeout=5)
        except taskwait.TaskNotFound:
            time.sleep(0.01)
    raise AssertionError("the export never appeared")
