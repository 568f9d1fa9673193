"""Databar.ai: an enrichment, waterfall or flow run's task (cancellable), and a table's export."""

from __future__ import annotations

from databar_client import AuthenticatedClient, Client
from databar_client.api.tables import get_table_export
from databar_client.api.tasks import cancel_task, get_task
from databar_client.models import ExportStatus, RunResponse, Task, TaskProgress

from ..snapshot import Progress
from ..status import status_table
from .base import Adapter, Cancel, Fields, Handle, Read, Unit, as_int, as_text, plain

__all__ = ["ADAPTER"]


def _progress(p: object) -> Progress | None:
    """A bulk run's counts of inputs: done = completed + no_data + failed, of total."""
    if not isinstance(p, TaskProgress):
        return None
    done = [as_int(v) for v in (p.completed, p.no_data, p.failed)]
    total = as_int(p.total)
    if total is None and all(v is None for v in done):
        return None
    return Progress(sum(v or 0 for v in done), total)


def _task(t: Task, _: None) -> Fields:
    return Fields(t.status, data=plain(t.data), error=as_text(t.error), progress=_progress(t.progress))


def _export(e: ExportStatus, _: None) -> Fields:
    """A table's latest export: done once it has a file (read as the raw status "file=ready")."""
    raw = "file=ready" if as_text(e.file) else e.status
    data = {"file": plain(e.file), "file_id": plain(e.file_id), "message": plain(e.message)}
    return Fields(raw, data=data, error=as_text(e.message) if str(e.status).lower() in ("failed", "error") else None)


# Each row is typed on its own, so that mypy checks its readers against the generated models.
TASK: Unit[Task, None] = Unit(
    "task", Read(get_task._get_kwargs, get_task._parse_response, Task), _task, lambda t: t.task_id,
    # 409: the task is already terminal (databar==2.8.0 databar/client.py cancel_task)
    cancel=Cancel(Read(cancel_task._get_kwargs, cancel_task._parse_response, Task), finished=frozenset({409})),
    statuses=status_table(PENDING="queued created", RUNNING="processing no_data",
                          SUCCEEDED="completed partially_completed success", FAILED="failed error gone",
                          CANCELLED="cancelled"),  # `status`
)  # fmt: skip
EXPORT: Unit[ExportStatus, None] = Unit(
    "export", Read(get_table_export._get_kwargs, get_table_export._parse_response, ExportStatus), _export,
    lambda e: None,  # the answer does not name its table
    # `status`; done once it has a file (read as "file=ready"): a status saying done without one waits
    statuses=status_table(PENDING="queued pending", RUNNING="processing running completed done success",
                          SUCCEEDED="file=ready", FAILED="failed error"),
)  # fmt: skip
RUN: Handle[RunResponse] = Handle(RunResponse, "task", lambda r: r.task_id)

ADAPTER = Adapter(
    "databar", "https://api.databar.ai", "x-apikey", "", (Client, AuthenticatedClient), AuthenticatedClient,
    units={"task": TASK, "export": EXPORT},
    interval=1.0, max_interval=10.0,
    handles=(RUN,),
    gone_on_410=True,
)  # fmt: skip
