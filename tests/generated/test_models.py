"""Every documented example parses into the generated models, and real-server quirks do too."""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from scripts import generate

# Schema name in the spec -> generated class, where config.yaml renames it.
RENAMED = {
    "app__api__v1__task__Task": "Task",
    "errors.ErrorResponse": "ErrorResponse",
    "errors.AuthError": "AuthError",
}


def model_class(provider: str, schema_ref: str) -> Any:
    name = schema_ref.rsplit("/", 1)[-1]
    models = importlib.import_module(f"{provider}_client.models")
    return getattr(models, RENAMED.get(name, name))


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node and node["$ref"].startswith("#/components/responses/"):
        node = spec["components"]["responses"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def spec_examples() -> Iterator[Any]:
    for provider in generate.PROVIDERS:
        spec = generate.load_spec(provider)
        for path, item in spec["paths"].items():
            for method, operation in item.items():
                for code, response in operation["responses"].items():
                    media = _resolve(spec, response).get("content", {}).get("application/json", {})
                    ref = media.get("schema", {}).get("$ref")
                    for name, example in media.get("examples", {}).items():
                        assert ref, f"{provider} {method} {path} {code}: example {name} has no schema"
                        yield pytest.param(provider, ref, example["value"], id=f"{provider}-{code}-{name}")


@pytest.mark.parametrize(("provider", "ref", "value"), list(spec_examples()))
def test_spec_example_parses_and_survives_to_dict(provider: str, ref: str, value: dict[str, Any]) -> None:
    cls = model_class(provider, ref)
    model = cls.from_dict(value)
    dumped = model.to_dict()
    assert set(dumped) == set(value)
    assert cls.from_dict(json.loads(json.dumps(dumped))) == model


# JSON response examples in the docs pages themselves (```json / ```javascript blocks).
PAGE_MODELS = {"openmart": "Task", "deepomatic": "Task"}


def page_examples() -> Iterator[Any]:
    for provider in generate.PROVIDERS:
        page = (generate.SPECS / provider / "docs-page.md").read_text()
        blocks = re.findall(r"```(?:json|javascript)\n(.*?)```", page, re.DOTALL)
        blocks += re.findall(r"^JSON\n(\{.*?^\})", page, re.DOTALL | re.MULTILINE)  # unfenced blocks
        for i, block in enumerate(blocks):
            value = json.loads(block)
            name = "TaskList" if "results" in value else PAGE_MODELS[provider]
            yield pytest.param(provider, name, value, id=f"{provider}-page-{i}")


def test_the_pages_hold_the_examples_we_expect() -> None:
    found = [p.values[0] for p in page_examples()]  # type: ignore[attr-defined]
    assert found.count("openmart") == 2 and found.count("deepomatic") == 3


@pytest.mark.parametrize(("provider", "name", "value"), list(page_examples()))
def test_docs_page_example_parses_and_survives_to_dict(provider: str, name: str, value: dict[str, Any]) -> None:
    cls = model_class(provider, name)
    model = cls.from_dict(value)
    assert set(model.to_dict()) == set(value)
    assert cls.from_dict(json.loads(json.dumps(model.to_dict()))) == model


FLEXPRICE_AS_SERVED = {
    "id": "task_01HK8DBMBN87CY36DEFY62PEXBT",
    "task_type": "IMPORT",
    "entity_type": "EVENTS",
    "file_url": "https://example.com/events.csv",
    "file_type": "CSV",
    "task_status": "PROCESSING",
    "total_records": None,
    "processed_records": 0,
    "successful_records": 0,
    "failed_records": 0,
    "error_summary": None,
    "started_at": None,
    "completed_at": None,
    "failed_at": None,
    "metadata": {},
    "tenant_id": "tenant_1",
    "environment_id": "env_1",
    "status": "published",
    "created_at": "2025-01-02T03:04:05Z",
    "updated_at": "2025-01-02T03:04:05Z",
    "created_by": "user_1",
    "updated_by": "user_1",
}


def test_flexprice_nulls_the_server_sends_parse() -> None:
    from flexprice_client.models import TaskResponse

    task = TaskResponse.from_dict(FLEXPRICE_AS_SERVED)
    assert task.total_records is None and task.started_at is None and task.error_summary is None
    assert task.to_dict()["total_records"] is None


def test_flexprice_undocumented_enum_values_are_kept_not_raised() -> None:
    from flexprice_client.models import ErrorResponse, TaskResponse, TaskStatus

    task = TaskResponse.from_dict({**FLEXPRICE_AS_SERVED, "task_status": "RETRYING", "file_type": "PARQUET"})
    assert isinstance(task.task_status, TaskStatus)
    assert task.task_status == "RETRYING" and task.task_status.name == "UNDOCUMENTED"
    assert task.to_dict()["task_status"] == "RETRYING" and task.to_dict()["file_type"] == "PARQUET"
    assert TaskStatus("COMPLETED") is TaskStatus.TASK_STATUS_COMPLETED

    error = ErrorResponse.from_dict({"code": "quota_exceeded", "message": "m", "details": {"limit": 3}})
    assert error.code == "quota_exceeded"
    assert error.details is not None and error.details.additional_properties == {"limit": 3}


def test_enum_keeps_a_non_string_as_its_text_and_refuses_only_null() -> None:
    from flexprice_client.models import TaskStatus

    assert TaskStatus(3) == "3" and TaskStatus(3).name == "UNDOCUMENTED"  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        TaskStatus(None)  # type: ignore[arg-type]


def test_databar_error_may_be_a_list_and_data_a_list() -> None:
    from databar_client.models import Task

    task = Task.from_dict({"task_id": "t", "status": "failed", "error": ["a", "b"], "data": [{"x": 1}, None]})
    assert task.error == ["a", "b"] and task.data == [{"x": 1}, None]
