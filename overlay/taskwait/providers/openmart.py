"""Openmart: a task of a batch, and the batch itself."""

from __future__ import annotations

from openmart_client import AuthenticatedClient, Client
from openmart_client.api.batches import get_batch_status, get_batch_task_ids
from openmart_client.api.tasks import get_task
from openmart_client.models import BatchStatus, SubmittedBatch, Task

from ..snapshot import Progress
from ..status import status_table
from .base import Adapter, Fields, Follow, Handle, Read, Unit, as_text, plain

__all__ = ["ADAPTER"]


def _task(t: Task, _: None) -> Fields:
    # The docs name no error field; keep one if the server sends it.
    return Fields(t.status, data=plain(t.data), error=as_text(t.additional_properties.get("error")))


def _batch(b: BatchStatus, task_ids: list[str] | None) -> Fields:
    """A batch is done once ready; its data is its task ids, read once it is."""
    progress = Progress(b.completed + b.errored, b.total)
    return Fields(f"batch_ready={str(b.batch_ready).lower()}", data=task_ids, progress=progress)


TASK: Unit[Task, None] = Unit(
    "task", Read(get_task._get_kwargs, get_task._parse_response, Task), _task, lambda t: t.task_id,
    statuses=status_table(RUNNING="PROCESSING", SUCCEEDED="COMPLETED", FAILED="ERRORED", CANCELLED="CANCELLED"),
)  # fmt: skip
BATCH: Unit[BatchStatus, list[str]] = Unit(
    "batch", Read(get_batch_status._get_kwargs, get_batch_status._parse_response, BatchStatus), _batch,
    lambda b: None,  # a batch's status does not name it
    follow=Follow(Read(get_batch_task_ids._get_kwargs, get_batch_task_ids._parse_response, list),
                  wanted=lambda b: b.batch_ready),
    statuses=status_table(RUNNING="batch_ready=false", SUCCEEDED="batch_ready=true"),  # read as batch_ready=…
)  # fmt: skip
SUBMITTED: Handle[SubmittedBatch] = Handle(SubmittedBatch, "batch", lambda b: b.batch_id)

ADAPTER = Adapter(
    "openmart", "https://api.openmart.ai", "X-API-Key", "", (Client, AuthenticatedClient), AuthenticatedClient,
    units={"task": TASK, "batch": BATCH},
    interval=1.0, max_interval=10.0,
    handles=(SUBMITTED,),
    read_timeout=60.0,
)  # fmt: skip
