"""Every unit, started by a generated creator on the emulator and waited on with the creator's answer."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from databar_client.api.enrichments import bulk_run_enrichment, run_enrichment
from databar_client.models import (
    EnrichmentBulkRunRequest,
    EnrichmentBulkRunRequestParamsItem,
    EnrichmentRunRequest,
    EnrichmentRunRequestParams,
)
from deepomatic_client.api.inference import infer_network
from deepomatic_client.models import ImageInput, InferenceInput, InferenceRequest
from flexprice_client.api.scheduled_tasks import create_scheduled_task, trigger_scheduled_task_run
from flexprice_client.models import (
    CreateScheduledTaskRequest,
    S3JobConfig,
    ScheduledTaskEntityType,
    ScheduledTaskInterval,
)
from lobstr_client.api.runs import abort_run, start_run
from lobstr_client.api.squids import create_squid
from lobstr_client.api.tasks import add_tasks, upload_tasks
from lobstr_client.models import AddTasksRequest, CreateSquidRequest, StartRunRequest, TaskInput, UploadTasksBody
from lobstr_client.types import File
from openmart_client.api.batches import submit_find_people
from openmart_client.models import FindPeopleTask

import taskwait
from taskwait import Status
from taskwait.emulator import Created, Emulator, Timing

FAST = Created(duration=(0.05, 0.2), failure_rate=0.0, total=(3, 6))
QUICK = {"interval": 0.03, "max_interval": 0.1, "timeout": 10}


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    timing = Timing(openmart_submit_delay=0.01, flexprice_not_found=0.3)
    with Emulator(lobstr_rate_limit=None, created=dict.fromkeys(taskwait.PROVIDERS, FAST), timing=timing) as emulator:
        yield emulator


def connect(emu: Emulator, provider: Any) -> Any:
    return taskwait.connect(provider, emu.api_key, base_url=emu.base_url(provider))


def test_databar_run_and_bulk_run(emu: Emulator) -> None:
    client = connect(emu, "databar")
    one = run_enrichment.sync(7, client=client, body=EnrichmentRunRequest(
        params=EnrichmentRunRequestParams.from_dict({"email": "a@example.com"})))  # fmt: skip
    inputs = [EnrichmentBulkRunRequestParamsItem.from_dict({"email": f"{n}@example.com"}) for n in range(3)]
    bulk = bulk_run_enrichment.sync(7, client=client, body=EnrichmentBulkRunRequest(params=inputs))
    snaps = [taskwait.wait_for(client, handle, **QUICK) for handle in (one, bulk)]
    assert [s.status for s in snaps] == [Status.SUCCEEDED] * 2 and [s.kind for s in snaps] == ["task"] * 2
    assert isinstance(snaps[1].data, list) and len(snaps[1].data) == 3


def test_openmart_batch_then_its_tasks(emu: Emulator) -> None:
    client = connect(emu, "openmart")
    submitted = submit_find_people.sync(client=client, body=[FindPeopleTask(domain="@acme.com", title="CTO")] * 3)
    batch = taskwait.wait_for(client, submitted, **QUICK)
    assert batch.kind == "batch" and batch.status is Status.SUCCEEDED and batch.progress == taskwait.Progress(3, 3)
    results = taskwait.wait_for_many(client, batch.data, **QUICK)
    assert sorted(results) == sorted(batch.data) and all(r.status is Status.SUCCEEDED for r in results.values())


def squid_with_tasks(client: Any, count: int) -> str:
    squid = create_squid.sync(client=client, body=CreateSquidRequest(crawler="4734d096159ef05210e0e1677e8be823"))
    tasks = [TaskInput.from_dict({"url": f"https://example.com/{n}"}) for n in range(count)]
    add_tasks.sync(client=client, body=AddTasksRequest(squid=squid.id, tasks=tasks))
    return str(squid.id)


def test_lobstr_run_to_done_and_an_aborted_run(emu: Emulator) -> None:
    client = connect(emu, "lobstr")
    run = start_run.sync(client=client, body=StartRunRequest(squid=squid_with_tasks(client, 3)))
    seen: list[taskwait.TaskSnapshot] = []
    snap = taskwait.wait_for(client, run, on_update=seen.append, **QUICK)
    assert snap.kind == "run" and snap.status is Status.SUCCEEDED and snap.progress == taskwait.Progress(3, 3)
    emu.set_created("lobstr", duration=(5.0, 5.0), failure_rate=0.0)
    try:
        slow = start_run.sync(client=client, body=StartRunRequest(squid=squid_with_tasks(client, 2)))
        abort_run.sync(slow.id, client=client)
        with pytest.raises(taskwait.TaskCancelled) as exc:
            taskwait.wait_for(client, slow.id, kind="run", **QUICK)
    finally:
        emu.set_created("lobstr", duration=FAST.duration, failure_rate=0.0, total=FAST.total)
    assert exc.value.snapshot.status is Status.CANCELLED and exc.value.snapshot.kind == "run"


def test_lobstr_upload(emu: Emulator) -> None:
    client = connect(emu, "lobstr")
    squid = squid_with_tasks(client, 0)
    csv_file = File(io.BytesIO(b"url\nhttps://a.example\nhttps://b.example\nnot a url\n"), "tasks.csv", "text/csv")
    upload = upload_tasks.sync(client=client, body=UploadTasksBody(file=csv_file, squid=squid))
    snap = taskwait.wait_for(client, upload, **QUICK)
    assert snap.kind == "upload" and snap.status is Status.SUCCEEDED and isinstance(snap.data, dict)
    assert snap.progress is not None and snap.progress.done == snap.data["valid"]


def test_deepomatic_inference(emu: Emulator) -> None:
    client = connect(emu, "deepomatic")
    body = InferenceRequest(inputs=[InferenceInput(image=ImageInput(source="https://example.com/a.jpg"))])
    started = infer_network.sync(12, client=client, body=body)
    snap = taskwait.wait_for(client, started, **QUICK)
    assert snap.status is Status.SUCCEEDED and snap.task_id == started.task_id


def test_flexprice_force_run_waits_through_the_404(emu: Emulator) -> None:
    client = connect(emu, "flexprice")
    schedule = create_scheduled_task.sync(client=client, body=CreateScheduledTaskRequest(
        connection_id="conn_01JABCDEF", entity_type=ScheduledTaskEntityType.SCHEDULED_TASK_ENTITY_TYPE_EVENTS,
        interval=ScheduledTaskInterval.SCHEDULED_TASK_INTERVAL_DAILY,
        job_config=S3JobConfig(bucket="acme-exports", region="us-west-2")))  # fmt: skip
    run = trigger_scheduled_task_run.sync(schedule.id, client=client)
    with pytest.raises(taskwait.TaskNotFound):  # the bare id, at once: no grace
        taskwait.get_task(client, run.workflow_id)
    snap = taskwait.wait_for(client, run, **QUICK)
    assert snap.status is Status.SUCCEEDED and snap.task_id == run.workflow_id
