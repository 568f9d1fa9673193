"""The providers' official SDKs, unmodified, against the emulator: their whole lifecycle, as their users call it.

Pinned in the `peers` dependency group. Where an SDK disagrees with the provider's own server, the emulator
follows the server and the test says so.
"""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import taskwait
from taskwait.emulator import Created, Emulator, Timing

FAST = Created(duration=(0.05, 0.15), failure_rate=0.0, total=(3, 6))
URL = "https://example.com/dog1.jpg"


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    created = dict.fromkeys(taskwait.PROVIDERS, FAST)
    with Emulator(lobstr_rate_limit=None, created=created, timing=Timing(0.01, 0.1)) as emulator:
        yield emulator


def test_databar_sdk(emu: Emulator) -> None:
    from databar import DatabarClient
    from databar.exceptions import DatabarValidationError

    client = DatabarClient(api_key=emu.api_key, base_url=emu.base_url("databar") + "/v1", poll_interval_s=0.05,
                           max_poll_attempts=100)  # fmt: skip
    run = client.run_enrichment(123, {"email": "alice@example.com"}, pages=2)
    assert client.poll_task(run.task_id) is not None
    bulk = client.run_enrichment_bulk_sync(123, [{"email": "a@x.io"}, {"email": ""}, {"email": "c@x.io"}])
    assert len(bulk) == 3 and bulk[1] is None
    waterfall = client.run_waterfall_bulk_sync("email_getter", [{"first_name": "Jo"}, {}], enrichments=[833])
    assert len(waterfall) == 2 and waterfall[1] is None
    assert client.poll_task(client.run_flow("0b7f3c1e-2f1a-4c55-9d1e-1a2b3c4d5e6f", {"email": "a@x.io"}).task_id)
    table = client.run_table_enrichment("3c90c3cc-0d44-4b50-8888-8dd25736052a", "42", run_strategy="run_empty",
                                        row_ids=["3c90c3cc-0d44-4b50-8888-8dd25736052a"])  # fmt: skip
    assert table.status == "queued" and table.processing_rows == 1
    with pytest.raises(DatabarValidationError):
        client.run_enrichment_bulk(123, [{"email": "x"}] * 101)


def test_databar_sdk_cancel_bulk_flow_waterfall_and_export() -> None:
    """databar==2.8.0's cancel_task, run_flow_bulk, export_table, get_table_export and a waterfall without
    `enrichments` (the default cascade), unmodified."""
    from databar import DatabarClient
    from databar.exceptions import DatabarConflictError, DatabarTaskCancelledError

    slow = Created(duration=(3.0, 3.0), failure_rate=0.0)
    with Emulator(created={"databar": slow}) as emu:
        client = DatabarClient(api_key=emu.api_key, base_url=emu.base_url("databar") + "/v1", poll_interval_s=0.05,
                               max_poll_attempts=200)  # fmt: skip
        flow = client.run_flow_bulk(
            "0b7f3c1e-2f1a-4c55-9d1e-1a2b3c4d5e6f", [{"email": f"a{i}@x.io"} for i in range(20)]
        )
        time.sleep(0.5)
        running = client.get_task(flow.task_id)
        assert running.status in ("queued", "processing") and running.progress is not None
        assert running.progress["total"] == 20 and running.progress["processing"] < 20
        partial = client.get_task(flow.task_id, include_partial=True).data
        assert isinstance(partial, list) and len(partial) == 20 - running.progress["processing"]
        stopped = client.cancel_task(flow.task_id)
        assert stopped.status == "cancelled" and stopped.progress is not None
        assert stopped.credits_spent == stopped.progress["completed"] < 20  # the unfinished inputs are refunded
        with pytest.raises(DatabarConflictError):
            client.cancel_task(flow.task_id)  # terminal: 409
        with pytest.raises(DatabarTaskCancelledError) as cancelled:
            client.poll_task(flow.task_id)
        assert cancelled.value.partial_data == stopped.data  # the finished rows are kept
        default = client.run_waterfall("email_getter", {"linkedin_url": "https://linkedin.com/in/alice"})
        assert client.get_task(default.task_id).status in ("queued", "processing")  # no `enrichments` needed
        table = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
        started = client.export_table(table, format="csv")
        assert started.status == "queued" and started.file is None and started.file_id is not None
        while (export := client.get_table_export(table)).file is None:
            time.sleep(0.1)
        assert export.file_id == started.file_id and export.file.endswith(".csv")


def test_lobstr_sdk(emu: Emulator, tmp_path: Path) -> None:
    from lobstrio import LobstrClient
    from lobstrio.exceptions import APIError, NotFoundError

    client = LobstrClient(token=emu.api_key, base_url=emu.base_url("lobstr") + "/v1/")
    squid = client.squids.create("4734d096159ef05210e0e1677e8be823", name="sdk check")
    client.tasks.add(squid=squid.id, tasks=[{"url": "https://a.example"}, {"url": "https://b.example"}])
    csv = tmp_path / "tasks.csv"
    csv.write_text("url\nhttps://c.example\nhttps://a.example\n")
    upload = client.tasks.upload(squid=squid.id, file=csv)
    deadline = time.monotonic() + 10
    while client.tasks.upload_status(upload["id"]).state not in ("SUCCESS", "FAILURE"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    tasks = list(client.tasks.iter(squid=squid.id, limit=2))
    assert len(tasks) == 3 and client.tasks.get(tasks[0].id).id == tasks[0].id
    run = client.runs.start(squid=squid.id)
    with pytest.raises(APIError) as refused:  # one active run per squid
        client.runs.start(squid=squid.id)
    assert refused.value.status_code == 400
    finished = client.runs.wait(run.id, poll_interval=0.05, timeout=30)
    assert finished.status == "done"
    rows = list(client.results.iter(run=run.id))
    dest = tmp_path / "run.csv"
    client.runs.download(run.id, str(dest))
    assert len(dest.read_text().splitlines()) - 1 == len(rows) == finished.total_results
    client.tasks.delete(tasks[0].id)
    with pytest.raises(NotFoundError):
        client.tasks.get(tasks[0].id)


def test_deepomatic_sdk(emu: Emulator) -> None:
    from deepomatic.api.client import Client
    from deepomatic.api.exceptions import ClientError
    from deepomatic.api.inputs import ImageInput

    client = Client(api_key=emu.api_key, host=emu.url + "/deepomatic")  # it builds <host>/v0.7/..., slashes added
    spec = client.RecognitionSpec.retrieve("imagenet-inception-v3")
    result = spec.inference(inputs=[ImageInput(URL)], show_discarded=True, max_predictions=3)
    assert result["outputs"][0]["labels"]["predicted"][0]["label_name"]
    task = client.RecognitionSpec.retrieve(42).inference(inputs=[ImageInput(URL)], return_task=True, wait_task=False)
    assert client.Task.retrieve(task.pk).wait()["status"] == "success"
    assert client.Network.retrieve(123).inference(inputs=[ImageInput(URL)]) is not None
    assert spec.inference(inputs=[ImageInput(io.BytesIO(b"\x89PNG").read(), encoding="binary")]) is not None
    tasks = [spec.inference(inputs=[ImageInput(URL)], return_task=True, wait_task=False) for _ in range(12)]
    pending, success, error = client.Task.batch_wait(tasks=tasks, timeout=30)
    assert not pending and len(success) == 12 and not error
    assert [t.pk for t in client.Task.list(task_ids=[t.pk for t in tasks])] == [t.pk for t in tasks]
    with pytest.raises(ClientError) as empty:
        spec.inference(inputs=[])
    assert empty.value.status_code == 400


def test_flexprice_sdk(emu: Emulator) -> None:
    from flexprice import Flexprice
    from flexprice.models.errors.errorresponse import ErrorResponse

    sdk = Flexprice(api_key_auth=emu.api_key, server_url=emu.base_url("flexprice"))
    scheduled = sdk.scheduled_tasks.create_scheduled_task(
        connection_id="conn_01JABCDEF", entity_type="events", interval="hourly",
        job_config={"bucket": "acme-exports", "region": "us-west-2"}, enabled=True)  # fmt: skip
    assert sdk.scheduled_tasks.get_scheduled_task(id=scheduled.id).id == scheduled.id
    run = sdk.scheduled_tasks.trigger_scheduled_task_run(id=scheduled.id)
    deadline, status = time.monotonic() + 20, None
    while status not in ("COMPLETED", "FAILED"):
        assert time.monotonic() < deadline
        with contextlib.suppress(
            ErrorResponse
        ):  # the export answers 404 until its workflow writes it, as on the server
            status = sdk.tasks.get_task(id=run.workflow_id).task_status
        time.sleep(0.05)
    assert status == "COMPLETED"
    listed = sdk.tasks.list_tasks(scheduled_task_id=scheduled.id, limit=10, offset=0)
    assert [t.id for t in listed.items or []] == [run.workflow_id]
    link = sdk.tasks.download_task_export(id=run.workflow_id)
    assert httpx.get(link["download_url"]).text.startswith("id,")
