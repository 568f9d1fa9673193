"""Lobstr's lifecycle operations and models import by readable names, each with its four callables."""

from __future__ import annotations

import importlib

import pytest

OPERATIONS = [
    "squids.create_squid",
    "tasks.add_tasks",
    "tasks.upload_tasks",
    "tasks.get_upload_status",
    "tasks.list_tasks",
    "tasks.get_task",
    "tasks.delete_task",
    "runs.start_run",
    "runs.list_runs",
    "runs.get_run",
    "runs.get_run_stats",
    "runs.list_run_tasks",
    "runs.abort_run",
    "runs.download_run",
    "results.list_results",
]
MODELS = ["Squid", "CreateSquidRequest", "AddTasksRequest", "AddTasksResponse", "TaskInput", "UploadTasksBody",
          "TaskUpload", "UploadStatus", "UploadMeta", "TaskList", "DeletedTask", "Task", "TaskStatus",
          "StartRunRequest", "Run", "RunList", "RunStats", "RunTask", "RunTaskList", "RunDownload", "Result",
          "ResultList", "ErrorResponse"]  # fmt: skip


@pytest.mark.parametrize("name", OPERATIONS)
def test_operation_has_a_readable_module_with_four_callables(name: str) -> None:
    module = importlib.import_module(f"lobstr_client.api.{name}")
    for function in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
        assert callable(getattr(module, function))


def test_models_import_by_name() -> None:
    models = importlib.import_module("lobstr_client.models")
    assert all(isinstance(getattr(models, name), type) for name in MODELS)


def test_run_duration_takes_both_documented_forms() -> None:
    from lobstr_client.models import Run

    as_number = Run.from_dict({"id": "r", "status": "done", "is_done": True, "duration": 8.0415})
    as_text = Run.from_dict({"id": "r", "status": "done", "is_done": True, "duration": "0:00:50.183300"})
    assert as_number.duration == 8.0415 and as_text.duration == "0:00:50.183300"
