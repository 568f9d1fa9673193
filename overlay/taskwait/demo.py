"""`make demo`: start work of all five providers through their generated clients, then wait on it all.

No key and no network: every provider is the local emulator, and nothing is seeded by hand: each
unit is created through the provider's own API (enrichment runs, an Openmart batch, a Lobstr squid's
run and an upload, Deepomatic inferences, a Flexprice force run), and one Databar bulk task is cancelled
(`taskwait.cancel`), so the table shows a cancelled outcome. Run: python -m taskwait.demo
"""

from __future__ import annotations

import io
import sys
import time
from collections import Counter
from typing import Any, TypeVar

import anyio
import databar_client
import deepomatic_client
import flexprice_client
import lobstr_client
from databar_client.api.enrichments import bulk_run_enrichment, run_enrichment
from databar_client.models import (
    EnrichmentBulkRunRequest,
    EnrichmentBulkRunRequestParamsItem,
    EnrichmentRunRequest,
    EnrichmentRunRequestParams,
    RunResponse,
)
from deepomatic_client.api.inference import infer_network, infer_recognition_spec
from deepomatic_client.models import ImageInput, InferenceInput, InferenceRequest, InferenceResponse
from flexprice_client.api.scheduled_tasks import create_scheduled_task, trigger_scheduled_task_run
from flexprice_client.models import (
    CreateScheduledTaskRequest,
    S3JobConfig,
    ScheduledTaskEntityType,
    ScheduledTaskInterval,
    ScheduledTaskResponse,
    TriggerForceRunResponse,
)
from lobstr_client.api.runs import download_run, start_run
from lobstr_client.api.squids import create_squid
from lobstr_client.api.tasks import add_tasks, upload_tasks
from lobstr_client.models import (
    AddTasksRequest,
    CreateSquidRequest,
    Run,
    Squid,
    StartRunRequest,
    TaskInput,
    TaskUpload,
    UploadTasksBody,
)
from lobstr_client.types import File
from openmart_client.api.batches import submit_find_people
from openmart_client.models import FindPeopleTask, SubmittedBatch
from rich.console import Console

from .client import connect
from .display import LiveView, Row, output_console, summary_table
from .emulator import Emulator, Faults
from .errors import TaskwaitError
from .look import cancel
from .providers import AnyClient, AnyHandle
from .snapshot import TaskSnapshot
from .status import PROVIDERS
from .wait import wait_for_many_async

__all__ = ["main", "start_work"]

Work = list[tuple[AnyClient, list[AnyHandle]]]  # per client: the creators' answers to wait on
T = TypeVar("T")


def _ok(answer: object, model: type[T]) -> T:
    """A creator's answer, or RuntimeError with what the provider said instead."""
    if not isinstance(answer, model):
        raise RuntimeError(f"expected a {model.__name__}, the emulator answered {answer!r}")
    return answer


def _databar(client: databar_client.AuthenticatedClient) -> list[AnyHandle]:
    def run(email: str) -> RunResponse:
        params = EnrichmentRunRequestParams.from_dict({"email": email})
        return _ok(run_enrichment.sync(7, client=client, body=EnrichmentRunRequest(params=params)), RunResponse)

    def bulk(size: int) -> RunResponse:
        inputs = [EnrichmentBulkRunRequestParamsItem.from_dict({"email": f"lead{n}@example.com"}) for n in range(size)]
        body = EnrichmentBulkRunRequest(params=inputs)
        return _ok(bulk_run_enrichment.sync(7, client=client, body=body), RunResponse)

    stopped = bulk(40)
    cancel(client, stopped)  # taskwait.cancel: the work stops (unfinished inputs refunded); its wait sees it cancelled
    return [run("jane@bluebottle.example"), run("li@acme.example"), bulk(5), stopped]


def _deepomatic(client: deepomatic_client.AuthenticatedClient) -> list[AnyHandle]:
    def body(url: str) -> InferenceRequest:
        return InferenceRequest(inputs=[InferenceInput(image=ImageInput(source=url))])

    specs = [
        infer_recognition_spec.sync(42, client=client, body=body(f"https://example.com/dog{n}.jpg")) for n in (1, 2, 3)
    ]
    network = infer_network.sync(12, client=client, body=body("https://example.com/cat.jpg"))
    return [_ok(answer, InferenceResponse) for answer in [*specs, network]]


def _lobstr(client: lobstr_client.AuthenticatedClient) -> tuple[Run, TaskUpload]:
    def squid() -> str:
        crawler = "4734d096159ef05210e0e1677e8be823"  # Google Maps search export
        return _ok(create_squid.sync(client=client, body=CreateSquidRequest(crawler=crawler)), Squid).id

    maps = squid()
    tasks = [TaskInput.from_dict({"url": f"https://www.google.com/maps/search/coffee+{c}"}) for c in ("paris", "lyon")]
    add_tasks.sync(client=client, body=AddTasksRequest(squid=maps, tasks=tasks))
    run = _ok(start_run.sync(client=client, body=StartRunRequest(squid=maps)), Run)
    csv = File(io.BytesIO(b"url\nhttps://example.com/a\nhttps://example.com/b\n"), "tasks.csv", "text/csv")
    upload = _ok(upload_tasks.sync(client=client, body=UploadTasksBody(file=csv, squid=squid())), TaskUpload)
    return run, upload


def _flexprice(client: flexprice_client.AuthenticatedClient) -> list[AnyHandle]:
    schedule = _ok(create_scheduled_task.sync(client=client, body=CreateScheduledTaskRequest(
        connection_id="conn_01JDEMO", entity_type=ScheduledTaskEntityType.SCHEDULED_TASK_ENTITY_TYPE_EVENTS,
        interval=ScheduledTaskInterval.SCHEDULED_TASK_INTERVAL_DAILY,
        job_config=S3JobConfig(bucket="acme-exports", region="us-west-2"))), ScheduledTaskResponse)  # fmt: skip
    return [_ok(trigger_scheduled_task_run.sync(str(schedule.id), client=client), TriggerForceRunResponse)]


def start_work(emu: Emulator) -> tuple[dict[str, Work], Run]:
    """Start every unit of the demo through the generated clients: what to wait on, by provider; the Lobstr run."""
    key = emu.api_key
    lobstr = connect("lobstr", key, base_url=emu.base_url("lobstr"))
    openmart = connect("openmart", key, base_url=emu.base_url("openmart"))
    databar = connect("databar", key, base_url=emu.base_url("databar"))
    deepomatic = connect("deepomatic", key, base_url=emu.base_url("deepomatic"))
    flexprice = connect("flexprice", key, base_url=emu.base_url("flexprice"))
    run, upload = _lobstr(lobstr)
    leads = [
        FindPeopleTask(domain=f"@{d}.example", title="Head of Marketing") for d in ("bluebottle", "acme", "initech")
    ]
    batch = _ok(submit_find_people.sync(client=openmart, body=leads), SubmittedBatch)
    work: dict[str, Work] = {
        "databar": [(databar, _databar(databar))],
        "deepomatic": [(deepomatic, _deepomatic(deepomatic))],
        "flexprice": [(flexprice, _flexprice(flexprice))],
        "lobstr": [(lobstr, [run]), (lobstr, [upload])],
        "openmart": [(openmart, [batch])],
    }
    return work, run


async def _wait_all(work: dict[str, Work], rows: dict[tuple[str, str], Row], live: LiveView, err: Console) -> None:
    async def wait(provider: str, client: AnyClient, handles: list[AnyHandle]) -> None:
        def row(snap: TaskSnapshot) -> Row:
            key = (provider, f"{snap.kind} {snap.task_id}" if snap.kind != "task" else snap.task_id)
            if key not in rows:
                rows[key] = Row(*key)
                live.rows.append(rows[key])
            return rows[key]

        latest: dict[str, tuple[int, float]] = {}  # the attempt a snapshot came from (reported just before it)

        def seen(snap: TaskSnapshot) -> None:
            row(snap).see(snap)
            row(snap).attempt(*latest[snap.task_id])

        def attempted(task_id: str, polls: int, elapsed: float) -> None:
            latest[task_id] = (polls, elapsed)

        results = await wait_for_many_async(client, handles, timeout=60, on_update=seen, on_attempt=attempted)
        for result in results.values():
            if isinstance(result, TaskwaitError):
                err.print(f"[red]{provider}: {result}[/red]")
            elif result.kind == "batch" and isinstance(result.data, list):  # then the batch's own tasks
                await wait(provider, client, list(result.data))

    async with anyio.create_task_group() as group:
        for provider, groups in work.items():
            for client, handles in groups:
                group.start_soon(wait, provider, client, handles)


def main(argv: list[str] | None = None) -> int:
    out, err = output_console(), Console(stderr=True)
    started = time.monotonic()
    rows: dict[tuple[str, str], Row] = {}
    with Emulator(seed=7) as emu:
        work, run = start_work(emu)
        emu.set_faults(Faults(rate_429=0.03, rate_5xx=0.05, retry_after=0.5))  # the waits meet real-world faults
        units = sum(len(handles) for groups in work.values() for _, handles in groups)
        err.print(f"emulator on {emu.url}: started {units} units of {len(PROVIDERS)} providers through their "
                  "generated clients; waiting…")  # fmt: skip
        with LiveView([], enabled=sys.stderr.isatty(), console=err) as live:
            anyio.run(_wait_all, work, rows, live, err)
        emu.set_faults(Faults())
        lobstr = connect("lobstr", emu.api_key, base_url=emu.base_url("lobstr"))
        link = download_run.sync(run.id, client=lobstr)
    out.print(summary_table(rows.values(), title="taskwait demo: every unit, as its wait ended"))
    counts: Counter[Any] = Counter(row.outcome or row.status for row in rows.values())
    summary = ", ".join(f"{n} {getattr(k, 'value', k)}" for k, n in counts.most_common())
    out.print(f"{len(rows)} units: {summary}; lobstr run export: {getattr(link, 's3', 'n/a')[:60]}…; "
              f"{time.monotonic() - started:.1f}s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
