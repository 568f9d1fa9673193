"""Databar.ai: an enrichment, waterfall or flow run's task."""

from __future__ import annotations

from databar_client import AuthenticatedClient, Client
from databar_client.api.tasks import get_task
from databar_client.models import RunResponse, Task

from .base import Adapter, Fields, Handle, Read, Unit, as_text, plain

__all__ = ["ADAPTER"]


def _task(t: Task, _: None) -> Fields:
    return Fields(t.status, data=plain(t.data), error=as_text(t.error))


# Each row is typed on its own, so that mypy checks its readers against the generated models.
TASK: Unit[Task, None] = Unit("task", Read(get_task._get_kwargs, get_task._parse_response, Task), _task,
                              lambda t: t.task_id)  # fmt: skip
RUN: Handle[RunResponse] = Handle(RunResponse, "task", lambda r: r.task_id)

ADAPTER = Adapter(
    "databar", "https://api.databar.ai", "x-apikey", "", (Client, AuthenticatedClient), AuthenticatedClient,
    units={"task": TASK},
    interval=1.0, max_interval=10.0,
    handles=(RUN,),
    gone_on_410=True,
)  # fmt: skip
