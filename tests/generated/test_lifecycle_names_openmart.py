"""Openmart's batch operations have readable generated names and send the documented requests."""

from __future__ import annotations

import json
from typing import Any

import httpx
from openmart_client import AuthenticatedClient
from openmart_client.api.batches import (
    get_batch_status,
    get_batch_task_ids,
    submit_find_people,
    submit_find_tech,
    submit_lookup_business_email,
    submit_lookup_people,
)
from openmart_client.models import (
    BatchStatus,
    FindTechTask,
    KnownPerson,
    LookupBusinessEmailTask,
    LookupPeopleTask,
    SubmittedBatch,
    TaskStatus,
)

SUBMITTED = {"batch_id": "183219bc-066e-4641-9d6f-48205b7fbada", "submit_for": "find_tech",
             "status": {"batch_ready": False}}  # fmt: skip


def client(seen: list[httpx.Request], body: Any) -> AuthenticatedClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=body)

    return AuthenticatedClient(base_url="https://api.openmart.ai", token="k", prefix="", auth_header_name="X-API-Key",
                               httpx_args={"transport": httpx.MockTransport(handler)})  # fmt: skip


def test_every_operation_has_its_four_callables() -> None:
    modules = (submit_find_people, submit_find_tech, submit_lookup_people, submit_lookup_business_email,
               get_batch_status, get_batch_task_ids)  # fmt: skip
    for module in modules:
        assert all(callable(getattr(module, name)) for name in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"))


def test_a_submit_posts_a_json_array_of_tasks() -> None:
    seen: list[httpx.Request] = []
    answer = submit_find_tech.sync(client=client(seen, SUBMITTED), body=[FindTechTask("acme.com", "shopify")])
    assert isinstance(answer, SubmittedBatch) and answer.status.batch_ready is False
    (request,) = seen
    assert (request.method, request.url.path) == ("POST", "/api/v1/task/batch/find_tech")
    assert json.loads(request.content) == [{"domain": "acme.com", "tech_type": "shopify"}]
    assert request.headers["X-API-Key"] == "k"


def test_nested_and_required_fields_go_on_the_wire() -> None:
    seen: list[httpx.Request] = []
    people = LookupPeopleTask("acme.com", [KnownPerson("Jane", "Doe", linkedin_url="https://linkedin.com/in/jane")])
    submit_lookup_people.sync(client=client(seen, SUBMITTED), body=[people])
    emails = LookupBusinessEmailTask("milvali.com", "Milvali", tracking_id="t-1")
    submit_lookup_business_email.sync(client=client(seen, SUBMITTED), body=[emails])
    assert [json.loads(r.content) for r in seen] == [
        [{"domain": "acme.com", "people": [{"first_name": "Jane", "last_name": "Doe",
                                            "linkedin_url": "https://linkedin.com/in/jane"}]}],
        [{"domain": "milvali.com", "company_name": "Milvali", "tracking_id": "t-1"}],
    ]  # fmt: skip


def test_batch_status_and_task_ids_parse_the_documented_answers() -> None:
    seen: list[httpx.Request] = []
    ready = {"processing": 0, "completed": 1, "errored": 0, "total": 1, "batch_ready": True}
    status = get_batch_status.sync("b/1", client=client(seen, ready))
    assert isinstance(status, BatchStatus) and status.batch_ready and status.completed == 1
    ids = get_batch_task_ids.sync("b1", client=client(seen, ["2fc8b627-1111"]), status=TaskStatus.COMPLETED)
    assert ids == ["2fc8b627-1111"]
    assert seen[0].url.raw_path == b"/api/v1/task/batch/b%2F1/status"
    assert (seen[1].url.path, seen[1].url.params["status"]) == ("/api/v1/task/batch/b1/task_ids", "COMPLETED")
