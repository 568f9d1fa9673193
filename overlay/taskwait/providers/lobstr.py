"""Lobstr.io: a task (an input row of a squid), a run (abortable), and a task upload."""

from __future__ import annotations

from lobstr_client import AuthenticatedClient, Client
from lobstr_client.api.runs import abort_run, get_run, get_run_stats
from lobstr_client.api.tasks import get_task, get_upload_status
from lobstr_client.models import Run, RunStats, Task, TaskUpload, UploadStatus

from ..snapshot import Progress
from ..status import status_table
from .base import Adapter, Cancel, Fields, Follow, Handle, Read, Unit, as_int, as_text, plain

__all__ = ["ADAPTER"]


def _task(t: Task, _: None) -> Fields:
    s = t.status
    results = as_int(s.total_results)
    progress = Progress(done=results) if results is not None else None
    return Fields(s.status, error=as_text(s.errors), progress=progress)


def _run(r: Run, stats: RunStats | None) -> Fields:
    """A run's status from GET /runs/{id}; its progress (tasks done / total) from its stats."""
    progress = None
    if stats is not None:
        done, total = as_int(stats.total_tasks_done), as_int(stats.total_tasks)
        progress = Progress(done, total) if done is not None or total is not None else None
    error = as_text(r.done_reason_desc) or as_text(r.done_reason) if r.status in ("error", "aborted") else None
    return Fields(r.status, error=error, progress=progress)


def _upload(u: UploadStatus, _: None) -> Fields:
    meta = plain(u.meta)
    progress = None
    if isinstance(meta, dict) and isinstance(meta.get("valid"), int):
        invalid = meta.get("invalid") if isinstance(meta.get("invalid"), int) else 0
        progress = Progress(meta["valid"], meta["valid"] + invalid)
    return Fields(u.state, data=meta, progress=progress)


TASK: Unit[Task, None] = Unit(
    "task", Read(get_task._get_kwargs, get_task._parse_response, Task), _task, lambda t: t.hash_value,
    statuses=status_table(PENDING="pending", RUNNING="running", SUCCEEDED="completed done", FAILED="failed error",
                          CANCELLED="aborted"),  # `status.status`
)  # fmt: skip
RUN: Unit[Run, RunStats] = Unit(
    "run", Read(get_run._get_kwargs, get_run._parse_response, Run), _run, lambda r: r.id,
    follow=Follow(Read(get_run_stats._get_kwargs, get_run_stats._parse_response, RunStats)),
    # 404: "Run not found or already completed" (lobstrio/docs docs/abort-run.mdx): the run is read instead
    cancel=Cancel(Read(abort_run._get_kwargs, abort_run._parse_response, Run), finished=frozenset({404})),
    statuses=status_table(PENDING="pending", RUNNING="running uploading paused", SUCCEEDED="done", FAILED="error",
                          CANCELLED="aborted"),  # `status`
)  # fmt: skip
UPLOAD: Unit[UploadStatus, None] = Unit(
    "upload", Read(get_upload_status._get_kwargs, get_upload_status._parse_response, UploadStatus,
                   ok=frozenset({200, 202})), _upload, lambda u: u.id,
    statuses=status_table(PENDING="PENDING", RUNNING="PROGRESS", SUCCEEDED="SUCCESS", FAILED="FAILURE"),  # `state`
)  # fmt: skip
STARTED_RUN: Handle[Run] = Handle(Run, "run", lambda r: r.id)
STARTED_UPLOAD: Handle[TaskUpload] = Handle(TaskUpload, "upload", lambda u: u.id)

ADAPTER = Adapter(
    "lobstr", "https://api.lobstr.io", "Authorization", "Token", (Client, AuthenticatedClient), AuthenticatedClient,
    units={"task": TASK, "run": RUN, "upload": UPLOAD},
    interval=5.0, max_interval=30.0,
    handles=(STARTED_RUN, STARTED_UPLOAD),
)  # fmt: skip
