"""Flexprice: an import or export task (`task_status`, never the record's lifecycle `status`)."""

from __future__ import annotations

from flexprice_client import AuthenticatedClient, Client
from flexprice_client.api.tasks import get_task
from flexprice_client.models import TaskResponse, TriggerForceRunResponse

from ..snapshot import Progress
from ..status import status_table
from .base import Adapter, Fields, Handle, Read, Unit, as_int, as_text

__all__ = ["ADAPTER", "FORCE_RUN_GRACE"]

# A force run's workflow_id names the EXPORT task its workflow writes a moment later: until then, 404.
FORCE_RUN_GRACE = 30.0


def _task(t: TaskResponse, _: None) -> Fields:
    done, total = as_int(t.processed_records), as_int(t.total_records)
    progress = Progress(done, total) if done is not None or total is not None else None
    return Fields(t.task_status, error=as_text(t.error_summary), progress=progress)  # null or a number: UNKNOWN


TASK: Unit[TaskResponse, None] = Unit(
    "task", Read(get_task._get_kwargs, get_task._parse_response, TaskResponse), _task, lambda t: t.id,
    # `task_status`, never the record's lifecycle `status`
    statuses=status_table(PENDING="PENDING", RUNNING="PROCESSING", SUCCEEDED="COMPLETED", FAILED="FAILED"),
)  # fmt: skip
FORCE_RUN: Handle[TriggerForceRunResponse] = Handle(
    TriggerForceRunResponse, "task", lambda r: r.workflow_id, not_found_grace=FORCE_RUN_GRACE
)

ADAPTER = Adapter(
    "flexprice", "https://us.api.flexprice.io/v1", "x-api-key", "", (Client, AuthenticatedClient), AuthenticatedClient,
    units={"task": TASK},
    interval=2.0, max_interval=30.0,
    handles=(FORCE_RUN,),
)  # fmt: skip
