"""Openmart's whole batch lifecycle through the generated client against the emulator."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from openmart_client.api.batches import get_batch_status, get_batch_task_ids, submit_find_people, submit_lookup_people
from openmart_client.api.tasks import get_task
from openmart_client.models import (
    BatchStatus,
    ErrorDetail,
    FindPeopleTask,
    InfoAccess,
    KnownPerson,
    LookupPeopleTask,
    SubmittedBatch,
    Task,
    TaskStatus,
)

import taskwait
from taskwait import Status
from taskwait.emulator import Emulator, Timing

BLUE_BOTTLE = FindPeopleTask(domain="@bluebottlecoffee.com", title="Head of Marketing", company_name="Blue Bottle",
                             country="US", max_k=2, info_access=[InfoAccess.EMAIL])  # fmt: skip


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(lobstr_rate_limit=None, timing=Timing(openmart_submit_delay=0.01)) as emulator:
        emulator.set_created("openmart", duration=(0.05, 0.2), failure_rate=0.0)
        yield emulator


def test_submit_poll_the_batch_and_collect_every_task(emu: Emulator) -> None:
    client = taskwait.connect("openmart", emu.api_key, base_url=emu.base_url("openmart"))
    submitted = submit_find_people.sync(client=client, body=[BLUE_BOTTLE, BLUE_BOTTLE])
    assert isinstance(submitted, SubmittedBatch) and submitted.status.batch_ready is False
    assert submitted.submit_for == "find_people"

    deadline = time.monotonic() + 5
    while True:
        progress = get_batch_status.sync(submitted.batch_id, client=client)
        assert isinstance(progress, BatchStatus) and progress.total == 2
        if progress.batch_ready or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert progress.batch_ready and progress.completed == 2 and progress.processing == 0

    task_ids = get_batch_task_ids.sync(submitted.batch_id, client=client, status=TaskStatus.COMPLETED)
    assert isinstance(task_ids, list) and len(task_ids) == 2
    for task_id in task_ids:
        task = get_task.sync(task_id, client=client)
        assert isinstance(task, Task) and task.status == "COMPLETED" and isinstance(task.data, list)
        assert [person["title"] for person in task.data] == ["Head of Marketing"] * 2
        assert all(person["email"]["email"].endswith("@bluebottlecoffee.com") for person in task.data)


def test_wait_for_a_task_of_a_fresh_batch(emu: Emulator) -> None:
    client = taskwait.connect("openmart", emu.api_key, base_url=emu.base_url("openmart"))
    task = LookupPeopleTask(domain="bluebottlecoffee.com", people=[KnownPerson(first_name="Jane", last_name="Doe")])
    submitted = submit_lookup_people.sync(client=client, body=[task])
    assert isinstance(submitted, SubmittedBatch)
    task_ids = get_batch_task_ids.sync(submitted.batch_id, client=client)
    assert isinstance(task_ids, list)
    (task_id,) = task_ids
    snap = taskwait.wait_for(client, task_id, interval=0.02, max_interval=0.05, timeout=5)
    assert snap.status is Status.SUCCEEDED
    assert [(p["first_name"], p["last_name"]) for p in snap.data] == [("Jane", "Doe")]


def test_refusals_reach_the_caller_as_error_details(emu: Emulator) -> None:
    client = taskwait.connect("openmart", emu.api_key, base_url=emu.base_url("openmart"))
    too_many = submit_find_people.sync_detailed(client=client, body=[BLUE_BOTTLE] * 101)
    assert too_many.status_code == 400 and isinstance(too_many.parsed, ErrorDetail)
    assert too_many.parsed.detail == "the number of tasks in each batch should be between 1 and 100"
    missing = get_batch_status.sync_detailed("no-such-batch", client=client)
    assert missing.status_code == 404 and isinstance(missing.parsed, ErrorDetail)
    wrong_key = taskwait.connect("openmart", "not-the-key", base_url=emu.base_url("openmart"))
    refused = submit_find_people.sync_detailed(client=wrong_key, body=[BLUE_BOTTLE])
    assert refused.status_code == 401 and isinstance(refused.parsed, ErrorDetail)
    assert refused.parsed.detail == "Invalid API Key"
