"""Openmart's batch lifecycle in the emulator: every answer of every new route is valid for the spec."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from taskwait.emulator import Emulator, Timing
from tests.conformance import check

KEY = "openmart-lifecycle-key"
P = "openmart"
HTTP = httpx.Client()
BATCH_SIZE = "the number of tasks in each batch should be between 1 and 100"

# route -> a valid task of it (the docs' own examples)
VALID: dict[str, dict[str, Any]] = {
    "find_people": {"domain": "@bluebottlecoffee.com", "company_name": "Blue Bottle", "title": "Head of Marketing",
                    "country": "US", "max_k": 2, "info_access": ["EMAIL", "PHONE"], "tracking_id": "biz_1"},
    "find_tech": {"domain": "bluebottlecoffee.com", "company_name": "Blue Bottle Coffee", "tech_type": "shopify"},
    "lookup_people": {"domain": "bluebottlecoffee.com", "company_name": "Blue Bottle",
                      "people": [{"first_name": "Jane", "last_name": "Doe"},
                                 {"first_name": "Karl", "last_name": "Strovink",
                                  "linkedin_url": "https://linkedin.com/in/karl"}], "info_access": ["EMAIL"]},
    "lookup_business_email": {"domain": "milvali.com", "company_name": "Milvali", "city": "San Francisco",
                              "state": "CA", "country": "US", "tracking_id": "milvali-emails"},
}  # fmt: skip


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, lobstr_rate_limit=None, timing=Timing(openmart_submit_delay=0.0)) as emulator:
        yield emulator


def url(emu: Emulator, path: str) -> str:
    return emu.base_url(P) + "/api/v1/task" + path


def submit(emu: Emulator, kind: str, body: Any, *, key: str = KEY) -> httpx.Response:
    return HTTP.post(url(emu, f"/batch/{kind}"), json=body, headers={"X-API-Key": key})


def get(emu: Emulator, path: str, **params: str) -> httpx.Response:
    return HTTP.get(url(emu, path), params=params, headers={"X-API-Key": KEY})


def batch_of(emu: Emulator, kind: str, count: int = 3, **created: Any) -> str:
    """A valid batch of `count` tasks whose tasks unfold as `created` says; its id."""
    emu.set_created(P, **({"duration": (0.0, 0.0), "failure_rate": 0.0} | created))
    response = submit(emu, kind, [VALID[kind]] * count)
    assert response.status_code == 200
    body = check(emu, P, response, request_too=True)
    assert body["submit_for"] == kind and body["status"] == {"batch_ready": False}
    return str(body["batch_id"])


def status_of(emu: Emulator, batch_id: str) -> dict[str, Any]:
    response = get(emu, f"/batch/{batch_id}/status")
    assert response.status_code == 200
    return dict(check(emu, P, response))


def ids_of(emu: Emulator, batch_id: str, **params: str) -> list[str]:
    response = get(emu, f"/batch/{batch_id}/task_ids", **params)
    assert response.status_code == 200
    return list(check(emu, P, response, request_too=True))


@pytest.mark.parametrize("kind", sorted(VALID))
def test_a_submit_makes_one_uuid_task_per_element(emu: Emulator, kind: str) -> None:
    batch_id = batch_of(emu, kind, count=3)
    ids = ids_of(emu, batch_id)
    assert len(set(ids)) == 3 and uuid.UUID(batch_id).version == 4
    assert all(uuid.UUID(i).version == 4 for i in ids)
    assert status_of(emu, batch_id) == {"processing": 0, "completed": 3, "errored": 0, "total": 3, "batch_ready": True}
    for task_id in ids:
        task = check(emu, P, get(emu, f"/{task_id}"))
        assert task["task_id"] == task_id and task["status"] == "COMPLETED" and isinstance(task["data"], list)


def test_status_and_ids_follow_the_tasks(emu: Emulator) -> None:
    running = batch_of(emu, "find_tech", count=2, duration=(60.0, 60.0))
    assert status_of(emu, running) == {"processing": 2, "completed": 0, "errored": 0, "total": 2, "batch_ready": False}
    assert ids_of(emu, running, status="COMPLETED") == []
    assert len(ids_of(emu, running, status="PROCESSING")) == 2

    failed = batch_of(emu, "find_tech", count=2, failure_rate=1.0)
    assert status_of(emu, failed) == {"processing": 0, "completed": 0, "errored": 2, "total": 2, "batch_ready": True}
    assert ids_of(emu, failed, status="ERRORED") == ids_of(emu, failed)
    assert all(check(emu, P, get(emu, f"/{i}"))["data"] is None for i in ids_of(emu, failed))

    cancelled = batch_of(emu, "find_tech", count=1, cancel_rate=1.0)
    assert status_of(emu, cancelled) == {"processing": 0, "completed": 0, "errored": 0, "total": 1,
                                         "batch_ready": True}  # fmt: skip
    assert len(ids_of(emu, cancelled, status="CANCELLED")) == 1 and ids_of(emu, cancelled, status="COMPLETED") == []


def completed_data(emu: Emulator, kind: str) -> list[Any]:
    (task_id,) = ids_of(emu, batch_of(emu, kind, count=1), status="COMPLETED")
    return list(check(emu, P, get(emu, f"/{task_id}"))["data"])


def test_completed_tasks_carry_each_route_s_results(emu: Emulator) -> None:
    people = completed_data(emu, "find_people")
    assert len(people) == 2 and {p["title"] for p in people} == {"Head of Marketing"}
    assert all(p["email"]["email"].endswith("@bluebottlecoffee.com") and p["phones"] for p in people)

    known = completed_data(emu, "lookup_people")
    assert [(p["first_name"], p["last_name"]) for p in known] == [("Jane", "Doe"), ("Karl", "Strovink")]
    assert known[1]["linkedin_url"] == "https://linkedin.com/in/karl" and known[0]["phones"] == []

    (tech,) = completed_data(emu, "find_tech")
    assert tech["tech_type"] == "shopify" and isinstance(tech["detected"], bool)

    mailboxes = completed_data(emu, "lookup_business_email")
    assert mailboxes and all(m["email"].endswith("@milvali.com") for m in mailboxes)


def without(kind: str, field: str) -> dict[str, Any]:
    return {k: v for k, v in VALID[kind].items() if k != field}


@pytest.mark.parametrize(
    ("kind", "body", "detail"),
    [
        ("find_people", [], BATCH_SIZE),
        ("lookup_business_email", [VALID["lookup_business_email"]] * 101, BATCH_SIZE),
        ("find_people", [without("find_people", "domain")], "Domain is required"),
        ("find_tech", [VALID["find_tech"], {"domain": "  ", "tech_type": "shopify"}], "Domain is required"),
        ("lookup_people", [without("lookup_people", "domain")], "Domain is required"),
        ("lookup_business_email", [without("lookup_business_email", "domain")], "Domain is required"),
        ("find_people", [without("find_people", "title")], "Title is required"),
        ("find_people", [VALID["find_people"] | {"max_k": 9}], "max_k must be between 1 and 8"),
        ("find_people", [VALID["find_people"] | {"info_access": ["FAX"]}], "info_access values must be EMAIL or PHONE"),
        ("find_tech", [without("find_tech", "tech_type")], "Tech type is required"),
        ("lookup_people", [VALID["lookup_people"] | {"people": []}], "people should have between 1 and 8 entries"),
        ("lookup_people", [VALID["lookup_people"] | {"people": [{"first_name": "Jane"}]}],
         "first_name and last_name are required for each person"),
        ("lookup_business_email", [without("lookup_business_email", "company_name")], "Company name is required"),
        ("find_tech", VALID["find_tech"], "the request body must be a JSON array of task objects"),
        ("find_tech", ["bluebottlecoffee.com"], "each task must be a JSON object"),
    ],
)  # fmt: skip
def test_bad_batches_are_400_with_a_detail(emu: Emulator, kind: str, body: Any, detail: str) -> None:
    before = len(emu.store)
    response = submit(emu, kind, body)
    assert response.status_code == 400 and check(emu, P, response) == {"detail": detail}
    assert len(emu.store) == before  # nothing was started


def test_a_body_that_is_not_json_is_400(emu: Emulator) -> None:
    response = HTTP.post(url(emu, "/batch/find_people"), content=b"[{", headers={"X-API-Key": KEY})
    assert response.status_code == 400 and "JSON" in check(emu, P, response)["detail"]


@pytest.mark.parametrize("path", [f"/batch/{kind}" for kind in VALID] + ["/batch/b/status", "/batch/b/task_ids"])
def test_a_wrong_key_is_401_on_every_route(emu: Emulator, path: str) -> None:
    if path.endswith(("status", "task_ids")):
        response = HTTP.get(url(emu, path), headers={"X-API-Key": "wrong"})
    else:
        response = submit(emu, path.rsplit("/", 1)[1], [VALID[path.rsplit("/", 1)[1]]], key="wrong")
    assert response.status_code == 401 and check(emu, P, response) == {"detail": "Invalid API Key"}


@pytest.mark.parametrize("tail", ["status", "task_ids"])
def test_an_unknown_batch_is_404(emu: Emulator, tail: str) -> None:
    response = get(emu, f"/batch/183219bc-066e-4641-9d6f-48205b7fbada/{tail}")
    assert response.status_code == 404 and check(emu, P, response) == {"detail": "Batch not found"}


def test_an_unknown_status_filter_is_400(emu: Emulator) -> None:
    response = get(emu, f"/batch/{batch_of(emu, 'find_tech', count=1)}/task_ids", status="DONE")
    assert response.status_code == 400 and "COMPLETED" in check(emu, P, response)["detail"]


def test_a_submit_answers_only_after_the_delay_even_when_invalid() -> None:
    with Emulator(api_key=KEY, lobstr_rate_limit=None, timing=Timing(openmart_submit_delay=0.1)) as emu:
        for body in ([VALID["find_tech"]], []):
            started = time.monotonic()
            response = submit(emu, "find_tech", body)
            assert time.monotonic() - started >= 0.1 and response.status_code in (200, 400)


def test_ids_replay_with_the_seed() -> None:
    def ids(seed: int) -> tuple[str, list[str]]:
        with Emulator(api_key=KEY, seed=seed, timing=Timing(openmart_submit_delay=0.0)) as emu:
            batch_id = batch_of(emu, "find_tech", count=2)
            return batch_id, ids_of(emu, batch_id)

    assert ids(5) == ids(5) != ids(6)


def test_a_task_echoes_the_tracking_id_its_caller_sent(emu: Emulator) -> None:
    batch_id = batch_of(emu, "lookup_business_email", count=1)
    (task_id,) = ids_of(emu, batch_id)
    response = get(emu, f"/{task_id}")
    assert response.status_code == 200 and check(emu, P, response)["tracking_id"] == "milvali-emails"
    untracked = ids_of(emu, batch_of(emu, "find_tech", count=1))[0]
    assert check(emu, P, get(emu, f"/{untracked}"))["tracking_id"] is None  # nothing sent, nothing echoed
