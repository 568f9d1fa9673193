"""Databar.ai: an enrichment, waterfall or flow run's task."""

from __future__ import annotations

from databar_client import AuthenticatedClient, Client
from databar_client.api.tasks import get_task
from databar_client.models import RunResponse, Task

from .base import Adapter, Fields, Handle, Read, Unit, as_text, plain

__all__ = ["ADAPTER"]


def _task(t: Task, _: None) -> Fields:
    return Fields(t.status, data=plain(t.data), error=as_text(t.error))


ADAPTER = Adapter(
    "databar", "https://api.databar.ai", "x-apikey", "", (Client, AuthenticatedClient), AuthenticatedClient,
    units={"task": Unit("task", Read(get_task._get_kwargs, get_task._parse_response, Task), _task,
                        lambda t: t.task_id)},
    interval=1.0, max_interval=10.0,
    handles=(Handle(RunResponse, "task", lambda r: r.task_id),),
    gone_on_410=True,
)  # fmt: skip
