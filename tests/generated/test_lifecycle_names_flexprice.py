"""The generated Flexprice package names its task operations and models readably."""

from __future__ import annotations

import inspect
from pathlib import Path

import flexprice_client.api as api
import flexprice_client.models as models
from flexprice_client.api.scheduled_tasks import (
    create_scheduled_task,
    delete_scheduled_task,
    get_scheduled_task,
    list_scheduled_tasks,
    trigger_scheduled_task_run,
    update_scheduled_task,
)
from flexprice_client.api.tasks import download_task_export, get_task, list_tasks, update_task_status
from flexprice_client.models import TaskResponse, TaskStatus, TriggerForceRunResponse

OPERATIONS = (create_scheduled_task, delete_scheduled_task, get_scheduled_task, list_scheduled_tasks,
              trigger_scheduled_task_run, update_scheduled_task, download_task_export, get_task, list_tasks,
              update_task_status)  # fmt: skip


def test_every_operation_has_the_four_calls() -> None:
    for module in OPERATIONS:
        assert all(callable(getattr(module, f, None)) for f in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"))


def test_only_the_async_work_is_generated() -> None:
    folders = {p.name for p in Path(api.__file__).parent.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == {"tasks", "scheduled_tasks"}  # config.yaml's include_tags
    assert not hasattr(models, "TypesTaskStatus") and not hasattr(models, "InvoiceResponse")


def test_list_tasks_filters_by_the_task_models_own_enums() -> None:
    parameters = inspect.signature(list_tasks.sync).parameters
    assert {"task_status", "scheduled_task_id", "limit", "offset"} <= set(parameters)
    assert "TaskStatus" in str(parameters["task_status"].annotation)


def test_the_overlay_fields_and_the_force_run_answer_exist() -> None:
    fields = set(inspect.signature(TaskResponse).parameters)
    assert {"id", "task_status", "processed_records", "total_records", "error_summary"} <= fields
    answer = set(inspect.signature(TriggerForceRunResponse).parameters)
    assert {"workflow_id", "message", "mode", "start_time", "end_time"} <= answer
    assert TaskStatus("COMPLETED") is TaskStatus.TASK_STATUS_COMPLETED
