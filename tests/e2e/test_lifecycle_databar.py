"""Databar end to end through the generated client: start work, poll it to the end, collect the results."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from databar_client.api.enrichments import bulk_run_enrichment, run_enrichment
from databar_client.api.flows import run_flow
from databar_client.api.tables import run_table_enrichment
from databar_client.api.tasks import get_task
from databar_client.api.waterfalls import run_waterfall
from databar_client.models import (
    EnrichmentBulkRunRequest,
    EnrichmentBulkRunRequestParamsItem,
    EnrichmentRunRequest,
    EnrichmentRunRequestParams,
    FlowRunRequest,
    FlowRunRequestInputs,
    HTTPValidationError,
    RunResponse,
    TableRunEnrichmentRequest,
    TableRunEnrichmentResponse,
    Task,
    TaskDataType1,
    WaterfallRunRequest,
    WaterfallRunRequestParams,
)

import taskwait
from taskwait import Status
from taskwait.emulator import Emulator


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(lobstr_rate_limit=None) as emulator:
        emulator.set_created("databar", duration=(0.05, 0.15), failure_rate=0.0)
        yield emulator


def client(emu: Emulator) -> Any:
    return taskwait.connect("databar", emu.api_key, base_url=emu.base_url("databar"))


def poll_until_done(api: Any, task_id: str) -> Task:
    deadline = time.monotonic() + 5
    while True:
        task = get_task.sync(task_id, client=api)
        assert isinstance(task, Task)
        if task.status not in ("queued", "processing") or time.monotonic() > deadline:
            return task
        time.sleep(0.02)


def test_enrichment_run_polled_to_its_data(emu: Emulator) -> None:
    api = client(emu)
    body = EnrichmentRunRequest(params=EnrichmentRunRequestParams.from_dict({"email": "alice@example.com"}))
    started = run_enrichment.sync(123, client=api, body=body)
    assert isinstance(started, RunResponse) and started.status == "processing"
    first = get_task.sync(started.task_id, client=api)
    assert isinstance(first, Task) and first.status != "completed"  # the work takes time
    task = poll_until_done(api, started.task_id)
    assert task.status == "completed" and task.task_id == started.task_id
    assert isinstance(task.data, TaskDataType1) and task.data.to_dict()["input"] == {"email": "alice@example.com"}


def test_bulk_run_collected_with_wait_for_aligned_to_inputs(emu: Emulator) -> None:
    api = client(emu)
    inputs = [{"email": "a@x.io"}, {"email": ""}, {"email": "c@x.io"}]
    body = EnrichmentBulkRunRequest(params=[EnrichmentBulkRunRequestParamsItem.from_dict(p) for p in inputs])
    started = bulk_run_enrichment.sync(123, client=api, body=body)
    assert isinstance(started, RunResponse)
    snap = taskwait.wait_for(api, started.task_id, interval=0.02, max_interval=0.05, timeout=5)
    assert snap.status is Status.SUCCEEDED
    assert [None if d is None else d["input"] for d in snap.data] == [inputs[0], None, inputs[2]]


def test_waterfall_and_flow_runs_finish(emu: Emulator) -> None:
    api = client(emu)
    wf = WaterfallRunRequest(params=WaterfallRunRequestParams.from_dict({"first_name": "Jo"}), enrichments=[833, 966])
    flow = FlowRunRequest(inputs=FlowRunRequestInputs.from_dict({"email": "a@x.io"}))
    started = [run_waterfall.sync("email_getter", client=api, body=wf), run_flow.sync("f-1", client=api, body=flow)]
    assert all(isinstance(s, RunResponse) for s in started)
    tasks = [poll_until_done(api, s.task_id) for s in started if isinstance(s, RunResponse)]
    assert [t.status for t in tasks] == ["completed", "completed"]


def test_table_run_and_a_refused_bulk(emu: Emulator) -> None:
    api = client(emu)
    answer = run_table_enrichment.sync(
        uuid.UUID("3c90c3cc-0d44-4b50-8888-8dd25736052a"), "42", client=api,
        body=TableRunEnrichmentRequest.from_dict({"run_strategy": "run_all"}))  # fmt: skip
    assert isinstance(answer, TableRunEnrichmentResponse) and answer.status == "queued"
    too_many = EnrichmentBulkRunRequest(params=[EnrichmentBulkRunRequestParamsItem.from_dict({"e": "x"})] * 101)
    refused = bulk_run_enrichment.sync_detailed(123, client=api, body=too_many)
    assert refused.status_code == 422 and isinstance(refused.parsed, HTTPValidationError)
