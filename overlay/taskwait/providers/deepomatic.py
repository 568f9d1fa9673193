"""Deepomatic API v0.7: an inference task; many at once through the multi-task list."""

from __future__ import annotations

from deepomatic_client import AuthenticatedClient, Client
from deepomatic_client.api.tasks import get_task, list_tasks
from deepomatic_client.models import InferenceResponse, Task, TaskList

from ..status import status_table
from .base import Adapter, Fields, Handle, Many, Read, Unit, as_text, plain

__all__ = ["ADAPTER"]


def _task(t: Task, _: None) -> Fields:
    return Fields(t.status, data=plain(t.data), error=as_text(t.error))


TASK: Unit[Task, None] = Unit(
    "task", Read(get_task._get_kwargs, get_task._parse_response, Task), _task, lambda t: t.id,
    statuses=status_table(PENDING="pending", SUCCEEDED="success", FAILED="error"),
)  # fmt: skip
LIST: Many[Task] = Many(list_tasks._get_kwargs, list_tasks._parse_response,
                        lambda page: (page.results, page.next_) if isinstance(page, TaskList) else None)  # fmt: skip
INFERENCE: Handle[InferenceResponse] = Handle(InferenceResponse, "task", lambda r: r.task_id)

ADAPTER = Adapter(
    "deepomatic", "https://api.deepomatic.com", "X-API-KEY", "", (Client, AuthenticatedClient), AuthenticatedClient,
    units={"task": TASK},
    interval=0.1, max_interval=5.0,
    handles=(INFERENCE,),
    many=LIST,
)  # fmt: skip
