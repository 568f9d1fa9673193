"""Deepomatic's inference lifecycle through the generated client against the emulator."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from deepomatic_client.api.inference import infer_network, infer_public_recognition_spec, infer_recognition_spec
from deepomatic_client.api.tasks import get_task, list_tasks
from deepomatic_client.models import (
    BoundingBox,
    ErrorDetail,
    ImageInput,
    InferenceInput,
    InferenceRequest,
    InferenceResponse,
    Task,
    TaskList,
)

import taskwait
from taskwait import Status
from taskwait.emulator import Emulator

URL = "https://deepo-tests.s3-eu-west-1.amazonaws.com/api-clients/dog1.jpg"


def request(*, show_discarded: bool = False, **image: object) -> InferenceRequest:
    source = ImageInput(source=URL, **image)  # type: ignore[arg-type]
    return InferenceRequest(inputs=[InferenceInput(image=source)], show_discarded=show_discarded, max_predictions=3)


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(lobstr_rate_limit=None) as emulator:
        emulator.set_created("deepomatic", duration=(0.05, 0.15), failure_rate=0.0)
        yield emulator


def test_infer_poll_and_collect_the_predictions(emu: Emulator) -> None:
    client = taskwait.connect("deepomatic", emu.api_key, base_url=emu.base_url("deepomatic"))
    box = BoundingBox(xmin=0.1, ymin=0.1, xmax=0.9, ymax=0.9)
    started = infer_recognition_spec.sync(42, client=client, body=request(show_discarded=True, bbox=box))
    assert isinstance(started, InferenceResponse) and started.task_id.isdigit()

    deadline = time.monotonic() + 5
    while True:
        task = get_task.sync(started.task_id, client=client)
        assert isinstance(task, Task) and task.id == started.task_id
        if task.status != "pending" or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert task.status == "success" and task.error is None and task.date_updated is not None
    labels = task.data.to_dict()["outputs"][0]["labels"]  # type: ignore[union-attr]
    assert labels["predicted"][0]["label_name"] == "golden retriever" and labels["discarded"]


def test_many_inferences_waited_for_together(emu: Emulator) -> None:
    client = taskwait.connect("deepomatic", emu.api_key, base_url=emu.base_url("deepomatic"))
    ids = []
    for _ in range(3):
        started = infer_public_recognition_spec.sync("imagenet-inception-v3", client=client, body=request())
        assert isinstance(started, InferenceResponse)
        ids.append(started.task_id)
    network = infer_network.sync(123, client=client, body=request())
    assert isinstance(network, InferenceResponse)

    one = taskwait.wait_for(client, network.task_id, interval=0.02, max_interval=0.05, timeout=5)
    assert one.status is Status.SUCCEEDED and one.data is not None and one.data["tensors"][0]["name"] == "prob"
    results = taskwait.wait_for_many(client, ids, interval=0.02, max_interval=0.05, timeout=5)
    assert [r.status for r in results.values()] == [Status.SUCCEEDED] * 3  # type: ignore[union-attr]
    page = list_tasks.sync(client=client, task_ids=ids)
    assert isinstance(page, TaskList) and [t.id for t in page.results] == ids and page.next_ is None


def test_documented_errors_come_back_as_error_details(emu: Emulator) -> None:
    client = taskwait.connect("deepomatic", emu.api_key, base_url=emu.base_url("deepomatic"))
    empty = infer_recognition_spec.sync_detailed(42, client=client, body=InferenceRequest(inputs=[]))
    assert empty.status_code == 400 and isinstance(empty.parsed, ErrorDetail) and "inputs" in str(empty.parsed.detail)
    wrong = taskwait.connect("deepomatic", "wrong-key", base_url=emu.base_url("deepomatic"))
    refused = infer_network.sync_detailed(1, client=wrong, body=request())
    assert refused.status_code == 401 and isinstance(refused.parsed, ErrorDetail)
    assert len(emu.store) == 0
